"""Stage ⑤ checklist: reading the parts of a checklist that hold expressions.

`when` and `prefill` of each question, the verdict rules and the Admiralty grade rules are compiled
by :mod:`factcheck.checklist.expr` against the names each place may read (:class:`Scope`): a
question's `when` sees the facts and earlier answers, a prefill only the facts, rules everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from factcheck.checklist.compile import compile_expr, make_case
from factcheck.checklist.expr import (
    BOOL,
    Expr,
    ExprError,
    Lit,
    TypeKind,
    ValueType,
    Variable,
)
from factcheck.checklist.facts import fact_variables
from factcheck.checklist.model import (
    INFORMATION_CREDIBILITY,
    SOURCE_RELIABILITY,
    AnswerType,
    Grade,
    GradeRule,
    Question,
    Rule,
    ScaleLevel,
)
from factcheck.yamlio import Reader, is_null, join

_RULE_KEYS = ("when", "verdict", "default", "reason")
_PREFILL_KEYS = ("when", "answer", "default")


class RuleReader(Reader):
    """Reads expressions, prefills, verdict rules and grades, collecting every problem."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.question_items: dict[str, tuple[int, yaml.Node]] = {}
        """Question id → (position, node), for compiling its expressions once all are known."""
        self.skip_expressions = False
        """Set when the questions had problems: expressions naming them would only add noise."""

    # --- expressions ---

    def compile(
        self,
        node: yaml.Node,
        where: str,
        variables: Mapping[str, Variable],
        unavailable: Mapping[str, str],
        expect: ValueType | None = BOOL,
    ) -> Expr | None:
        if self.skip_expressions:
            return None
        text = self.text(node, where, "an expression")
        if text is None:
            return None
        try:
            return compile_expr(text, variables, expect=expect, unavailable=unavailable)
        except ExprError as exc:
            self.fail(node, where, str(exc))
            return None

    def expressions(self, questions: tuple[Question, ...], scope: Scope) -> tuple[Question, ...]:
        """Compile each question's `when` and `prefill`, now that every question is known."""
        compiled: list[Question] = []
        for position, question in enumerate(questions):
            i, item = self.question_items[question.id]
            here = f"questions[{i}]"
            assert isinstance(item, yaml.MappingNode)
            found = {str(key.value): value for key, value in item.value}
            when = prefill = offer = None
            if "offer" in found:
                offer = self.prefill(
                    found["offer"], join(here, "offer"), question, scope, key="offer"
                )
            if "when" in found:
                when = self.compile(
                    found["when"], join(here, "when"), *scope.before(position, "when")
                )
            if "prefill" in found:
                prefill = self.prefill(found["prefill"], join(here, "prefill"), question, scope)
            compiled.append(
                Question(
                    question.id,
                    question.ask,
                    question.help,
                    question.type,
                    question.choices,
                    question.required,
                    when,
                    prefill,
                    question.labels,
                    question.line,
                    kind=question.kind,
                    marked=question.marked,
                    internal=question.internal,
                    offer=offer,
                    ordered=question.ordered,
                )
            )
        return tuple(compiled)

    def prefill(
        self, node: yaml.Node, where: str, question: Question, scope: Scope, key: str = "prefill"
    ) -> Expr | None:
        variables, unavailable = scope.facts_only(key)
        if isinstance(node, yaml.SequenceNode):
            return self.prefill_cases(node, where, question, variables, unavailable)
        expr = self.compile(node, where, variables, unavailable, expect=None)
        if expr is None:
            return None
        problem = _prefill_mismatch(expr, question)
        if problem:
            self.fail(node, where, problem)
            return None
        return expr

    def prefill_cases(
        self,
        node: yaml.SequenceNode,
        where: str,
        question: Question,
        variables: Mapping[str, Variable],
        unavailable: Mapping[str, str],
    ) -> Expr | None:
        branches: list[tuple[Expr, str | None]] = []
        default: str | None = None
        parts: list[str] = []
        ok = True
        for i, item in enumerate(node.value):
            here = f"{where}[{i}]"
            found = self.mapping(item, here, _PREFILL_KEYS, ())
            if found is None:
                ok = False
                continue
            if default is not None:
                self.fail(item, here, "nothing can follow the default")
                ok = False
                continue
            if "default" in found:
                if set(found) != {"default"}:
                    self.fail(
                        item, here, "expected either 'when' with 'answer', or 'default' alone"
                    )
                    ok = False
                    continue
                default = self.prefill_answer(found["default"], join(here, "default"), question)
                ok = ok and default is not None
                parts.append(f"else {default}")
                continue
            if set(found) != {"when", "answer"}:
                missing = "answer" if "when" in found else "when"
                self.fail(item, here, f"missing key '{missing}'")
                ok = False
                continue
            condition = self.compile(found["when"], join(here, "when"), variables, unavailable)
            if is_null(found["answer"]):
                # Nothing is known that could suggest an answer: suggest none.
                if condition is None:
                    ok = False
                    continue
                branches.append((condition, None))
                parts.append(f"nothing if {condition.source}")
                continue
            answer = self.prefill_answer(found["answer"], join(here, "answer"), question)
            if condition is None or answer is None:
                ok = False
                continue
            branches.append((condition, answer))
            parts.append(f"{answer} if {condition.source}")
        if not ok:
            return None
        if not branches:
            self.fail(node, where, "expected at least one 'when' with 'answer'")
            return None
        return make_case("; ".join(parts), branches, default, question.value_type)

    def prefill_answer(self, node: yaml.Node, where: str, question: Question) -> str | None:
        value = self.text(node, where, "an answer")
        if value is None:
            return None
        if question.choices and value not in question.choices:
            self.fail(node, where, f"expected one of {', '.join(question.choices)}, got {value!r}")
            return None
        return value

    def rules(
        self, node: yaml.Node, where: str, scale: tuple[ScaleLevel, ...], scope: Scope
    ) -> tuple[Rule, ...] | None:
        items = self.sequence(node, where, "a list of rules ending in a default")
        if items is None:
            return None
        variables, unavailable = scope.everything()
        levels = [level.id for level in scale] if scale else None
        rules: list[Rule] = []
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            found = self.mapping(item, here, _RULE_KEYS, ())
            if found is None:
                continue
            reason = self.optional(found, "reason", here, self.text)
            line = item.start_mark.line + 1
            if rules and rules[-1].when is None:
                self.fail(
                    item,
                    here,
                    "a rule after the default can never be used; the default must come last",
                )
                continue
            if "default" in found:
                if "when" in found or "verdict" in found:
                    self.fail(item, here, "expected either 'when' with 'verdict', or 'default'")
                    continue
                verdict = self.verdict(found["default"], join(here, "default"), levels)
                if verdict is not None:
                    rules.append(Rule(None, verdict, "default", reason, line))
                continue
            for key in ("when", "verdict"):
                if key not in found:
                    self.fail(item, here, f"missing key '{key}'")
            if "when" not in found or "verdict" not in found:
                continue
            when = self.compile(found["when"], join(here, "when"), variables, unavailable)
            verdict = self.verdict(found["verdict"], join(here, "verdict"), levels)
            if when is not None and verdict is not None:
                rules.append(Rule(when, verdict, when.source, reason, line))
        if not any(rule.when is None for rule in rules) and len(rules) == len(items):
            example = f" (for example '- default: {levels[-1]}')" if levels else ""
            self.fail(items[-1], where, f"the last rule must be a default{example}")
            return None
        return tuple(rules)

    def verdict(self, node: yaml.Node, where: str, levels: Sequence[str] | None) -> str | None:
        value = self.text(node, where, "a verdict id from the scale")
        if value is not None and levels is not None and value not in levels:
            self.fail(
                node, where, f"'{value}' is not on the scale (expected one of: {', '.join(levels)})"
            )
            return None
        return value

    def grade(self, node: yaml.Node, where: str, scope: Scope) -> Grade | None:
        found = self.mapping(node, where, ("source", "credibility"), ("source", "credibility"))
        if found is None or len(found) < 2:
            return None
        source = self.grade_rules(
            found["source"], join(where, "source"), "letter", SOURCE_RELIABILITY, scope
        )
        credibility = self.grade_rules(
            found["credibility"],
            join(where, "credibility"),
            "digit",
            INFORMATION_CREDIBILITY,
            scope,
        )
        if source is None or credibility is None:
            return None
        return Grade(source, credibility)

    def grade_rules(
        self,
        node: yaml.Node,
        where: str,
        key: str,
        values: Mapping[str, str],
        scope: Scope,
    ) -> tuple[GradeRule, ...] | None:
        items = self.sequence(node, where, f"a list of rules giving a {key}, ending in a default")
        if items is None:
            return None
        variables, unavailable = scope.everything()
        allowed = ", ".join(values)
        rules: list[GradeRule] = []
        ok = True
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            found = self.mapping(item, here, ("when", key, "default"), ())
            if found is None:
                ok = False
                continue
            if rules and rules[-1].when is None:
                self.fail(
                    item,
                    here,
                    "a rule after the default can never be used; the default must come last",
                )
                ok = False
                continue
            is_default = "default" in found
            value_key = "default" if is_default else key
            if is_default and len(found) > 1:
                self.fail(item, here, f"expected either 'when' with '{key}', or 'default'")
                ok = False
                continue
            missing = [k for k in ("when", key) if k not in found] if not is_default else []
            for name in missing:
                self.fail(item, here, f"missing key '{name}'")
            if missing:
                ok = False
                continue
            value = self.text(found[value_key], join(here, value_key), f"one of {allowed}")
            if value is not None and value not in values:
                self.expected(found[value_key], join(here, value_key), f"one of {allowed}")
                value = None
            when = None
            if not is_default:
                when = self.compile(found["when"], join(here, "when"), variables, unavailable)
                if when is None:
                    ok = False
            if value is None:
                ok = False
                continue
            line = item.start_mark.line + 1
            rules.append(GradeRule(when, value, "default" if when is None else when.source, line))
        if ok and (not rules or rules[-1].when is not None):
            self.fail(
                items[-1],
                where,
                f"the last rule must be a default (for example '- default: {list(values)[-1]}')",
            )
            return None
        return tuple(rules) if ok else None


class Scope:
    """Which names an expression may read, depending on where it is."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self.questions = questions
        self.facts = fact_variables()

    def answer(self, question: Question) -> Variable:
        return Variable(question.id, question.value_type, answer=True)

    def before(self, position: int, key: str) -> tuple[dict[str, Variable], dict[str, str]]:
        """Names a question's `when` may read: the facts and every earlier answer."""
        variables = dict(self.facts)
        unavailable: dict[str, str] = {}
        for i, question in enumerate(self.questions):
            if i < position:
                variables[question.id] = self.answer(question)
            elif i == position:
                unavailable[question.id] = (
                    f"'{question.id}' refers to itself; a question's {key} can only use "
                    "answers to earlier questions"
                )
            else:
                unavailable[question.id] = (
                    f"'{question.id}' is asked later (questions[{i}]); a question's {key} can "
                    "only use answers to earlier questions"
                )
        return variables, unavailable

    def facts_only(self, key: str = "prefill") -> tuple[dict[str, Variable], dict[str, str]]:
        """Names a prefill or an offer (KEY) may read: the facts, never answers."""
        unavailable = {
            question.id: f"{key} can use only claim and source facts, not the answer "
            f"to '{question.id}'"
            for question in self.questions
        }
        return dict(self.facts), unavailable

    def everything(self) -> tuple[dict[str, Variable], dict[str, str]]:
        """Names a verdict or grade rule may read: the facts and every answer."""
        variables = dict(self.facts)
        variables.update({question.id: self.answer(question) for question in self.questions})
        return variables, {}


def _prefill_mismatch(expr: Expr, question: Question) -> str | None:
    """Why a prefill expression's value cannot be an answer to the question, if it cannot."""
    kind = expr.type.kind
    if question.type is AnswerType.CHOICE:
        if kind is TypeKind.BOOL:
            if {"yes", "no"} <= set(question.choices):
                return None
            return "a true/false prefill needs the answers yes and no"
        if kind is TypeKind.CHOICE:
            missing = [value for value in expr.type.choices if value not in question.choices]
            if not missing:
                return None
            return f"prefill can give {', '.join(missing)}, which are not answers"
        if kind is TypeKind.TEXT and isinstance(expr.node, Lit):
            if expr.node.value in question.choices:
                return None
            return f"expected one of {', '.join(question.choices)}, got {expr.node.value!r}"
    elif question.type is AnswerType.SCALE:
        if kind is TypeKind.NUMBER:
            return None
    elif kind is TypeKind.TEXT:
        return None
    return f"prefill gives {expr.type.describe()}, which is not an answer to this question"

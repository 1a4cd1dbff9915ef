"""Stage ⑧ verdicts: which questions apply, what to suggest, and the verdict the rules give.

Everything here is a pure function of a checklist, the answers so far and the claim's facts
(see :func:`factcheck.checklist.facts.claim_facts`). Answers are strings: a choice id, '1'..'5'
for a scale, free text or a URL. Questions are taken in order: a question counts as asked only
when its `when` holds given the answers before it, and the answer to a question that is not
asked is ignored, so a changed early answer never leaves a stale later one deciding the verdict.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from factcheck.checklist.answers import answer_kind
from factcheck.checklist.expr import (
    And,
    Answered,
    Case,
    Compare,
    Expr,
    Node,
    Not,
    Or,
    Value,
    Var,
    evaluate,
)
from factcheck.checklist.facts import complete_facts
from factcheck.checklist.load import (
    INFORMATION_CREDIBILITY,
    SOURCE_RELIABILITY,
    AnswerType,
    Checklist,
    GradeRule,
    Question,
    QuestionKind,
    Rule,
)
from factcheck.errors import ChecklistError


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict the checklist's rules give for one claim."""

    verdict: str
    """Id of the scale level."""
    label: str
    """The level's label."""
    rule: str
    """The rule that decided: its condition as written, or 'default'."""
    grade: str | None
    """Admiralty code such as 'B2' when the checklist grades, else None."""
    final: bool
    """False while a required question that applies is unanswered."""
    missing: tuple[str, ...] = ()
    """Ids of the required questions that apply and are not answered yet."""
    reason: str | None = None
    """The rule's reason in words, when the checklist gives one."""
    rule_index: int = 0
    """Position of the deciding rule in the checklist's verdicts."""
    because: tuple[tuple[str, str | None], ...] = ()
    """The answers that made the rule fire: (question id, answer) pairs, None for unanswered;
    for the default, the answers the earlier rules read."""

    def explain(self, checklist: Checklist) -> str:
        """The verdict's reason in words: the rule's reason and the answers behind it."""
        parts = [self.reason.rstrip(".") + "." if self.reason else ""]
        if self.because:
            shown = "; ".join(
                f"{_question_words(qid)}: "
                + (
                    checklist.question(qid).label_for(value)
                    if value is not None
                    else "not answered"
                )
                for qid, value in self.because
            )
            parts.append(f"({'no earlier rule held: ' if self.rule == 'default' else ''}{shown})")
        return " ".join(p for p in parts if p)


def _question_words(qid: str) -> str:
    return qid.replace("_", " ")


def _var_names(node: Node) -> list[str]:
    """The variables a node reads, in the order written, each once."""
    found: list[str] = []

    def walk(item: Node) -> None:
        if isinstance(item, Var):
            if item.name not in found:
                found.append(item.name)
        elif isinstance(item, Compare):
            walk(item.left)
            walk(item.right)
        elif isinstance(item, And | Or):
            for sub in item.items:
                walk(sub)
        elif isinstance(item, Not | Answered):
            walk(item.item)
        elif isinstance(item, Case):
            for condition, value in item.branches:
                walk(condition)
                walk(value)
            if item.default is not None:
                walk(item.default)

    walk(node)
    return found


def _show_fact(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == ():
        return "none"
    return str(value)


def parse_answer(question: Question, raw: str | None) -> str | None:
    """Normalise a reviewer's answer; None when empty. Raise ChecklistError if it does not fit."""
    if raw is None:
        return None
    answer = raw.strip()
    if not answer:
        return None
    if question.type is AnswerType.CHOICE or question.type is AnswerType.SCALE:
        if answer in question.choices:
            return answer
        for choice in question.choices:
            if choice.lower() == answer.lower():
                return choice
        raise ChecklistError(
            f"'{answer}' is not an answer to '{question.id}' "
            f"(expected one of: {', '.join(question.choices)})"
        )
    if question.type is AnswerType.URL and answer_kind(question.type).check(question, answer):
        raise ChecklistError(
            f"'{answer}' is not a web address for '{question.id}' "
            "(expected one starting with http:// or https://)"
        )
    return answer


def answer_value(question: Question, answer: str | None) -> Value:
    """An answer as expressions see it: scale answers are numbers; unanswered is None, and so is
    an answer that no longer fits the question (a worksheet keeps those and asks again)."""
    try:
        parsed = parse_answer(question, answer)
    except ChecklistError:
        return None
    if parsed is None:
        return None
    return answer_kind(question.type).value(question, parsed)


def _walk(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> tuple[dict[str, object], list[Question]]:
    """The environment expressions see, and the questions asked, taking questions in order."""
    env = complete_facts(facts)
    asked: list[Question] = []
    for question in checklist.questions:
        if question.when is None or question.when.evaluate(env) is True:
            asked.append(question)
            env[question.id] = answer_value(question, answers.get(question.id))
        else:
            env[question.id] = None
    return env, asked


def applicable_questions(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> list[Question]:
    """The questions whose `when` holds given the answers before them, in checklist order."""
    return _walk(checklist, answers, facts)[1]


def prefill(checklist: Checklist, question: Question, facts: Mapping[str, object]) -> str | None:
    """The answer the question's prefill suggests for these facts, or None."""
    return suggested(question, facts)


def suggested(question: Question, facts: Mapping[str, object]) -> str | None:
    """The answer a question's prefill suggests for these facts, or None; a finding of the
    reviewer's research is never suggested."""
    if question.prefill is None or question.kind is QuestionKind.FINDING:
        return None
    value = question.prefill.evaluate(complete_facts(facts))
    return _as_answer(question, value)


def offered(question: Question, facts: Mapping[str, object]) -> str | None:
    """The answer strong evidence points to on a finding (its `offer`), or None."""
    if question.offer is None:
        return None
    return _as_answer(question, question.offer.evaluate(complete_facts(facts)))


def explain_facts(expr: Expr, facts: Mapping[str, object]) -> str:
    """Why an expression over facts gave its value, in one line: the facts that decided it.

    For a list of cases, the condition of the case that held (or every condition, for the
    default); for a plain expression, every fact it reads.
    """
    env = complete_facts(facts)
    node = expr.node
    names: list[str]
    if isinstance(node, Case):
        names = []
        for condition, _ in node.branches:
            names += [n for n in _var_names(condition) if n not in names]
            if evaluate(condition, env) is True:
                break
    else:
        names = _var_names(node)
    if any(env.get(name) is True for name in names):
        # Facts that hold are the reason; those that do not only add noise.
        names = [name for name in names if env.get(name) is not False]
    return "; ".join(_fact_words(name, env.get(name)) for name in names)


def _fact_words(name: str, value: object) -> str:
    """A fact as the reason for a suggestion: a true one in words, others as name = value."""
    from factcheck.checklist.facts import FACTS

    fact = FACTS.get(name)
    if value is True and fact is not None:
        return fact.description.rstrip(".")
    return f"{name} = {_show_fact(value)}"


def _as_answer(question: Question, value: Value) -> str | None:
    if isinstance(value, bool):
        answer = "yes" if value else "no"
        return answer if answer in question.choices else None
    if isinstance(value, str):
        if question.type in (AnswerType.TEXT, AnswerType.URL) or value in question.choices:
            return value
        return None
    if not isinstance(value, int | float) or question.type is not AnswerType.SCALE:
        return None
    if not float(value).is_integer():
        return None  # 2.5 is no point of a scale of whole numbers
    whole = str(int(value))
    return whole if whole in question.choices else None


def _first(rules: tuple[Rule, ...], env: Mapping[str, object]) -> int:
    for index, rule in enumerate(rules):
        if rule.when is None or rule.when.evaluate(env) is True:
            return index
    raise ChecklistError("no verdict rule applies; the checklist has no default")


def _first_value(rules: tuple[GradeRule, ...], env: Mapping[str, object]) -> str:
    for rule in rules:
        if rule.when is None or rule.when.evaluate(env) is True:
            return rule.value
    raise ChecklistError("no grade rule applies; the checklist has no default")


_DECIDED: dict[int, tuple[Checklist, tuple[str, ...], dict[Hashable, Verdict]]] = {}
"""Verdicts decided, by checklist: the checklist, the facts its expressions read, and the
verdict for each set of answers and values of those facts."""
_MOST_DECIDED = 100_000
_ABSENT = object()


def _read_facts(checklist: Checklist) -> tuple[str, ...]:
    """The facts a verdict can depend on: those the questions', rules' and grade's `when` read."""
    exprs = [q.when for q in checklist.questions] + [r.when for r in checklist.rules]
    if checklist.grade is not None:
        exprs += [r.when for r in (*checklist.grade.source, *checklist.grade.credibility)]
    questions = {q.id for q in checklist.questions}
    names: dict[str, None] = {}
    for expr in exprs:
        if expr is not None:
            names.update(dict.fromkeys(n for n in _var_names(expr.node) if n not in questions))
    return tuple(names)


def decide_verdict(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> Verdict:
    """The verdict the first matching rule gives, the Admiralty grade, and whether it is final.

    Claims with the same answers and the same values of the facts the checklist reads get the
    same verdict: it is worked out once."""
    known = _DECIDED.get(id(checklist))
    if known is None or known[0] is not checklist:
        if len(_DECIDED) > 8:
            _DECIDED.clear()
        known = _DECIDED[id(checklist)] = (checklist, _read_facts(checklist), {})
    _, read, decided = known
    key = (frozenset(answers.items()), tuple(facts.get(name, _ABSENT) for name in read))
    try:
        return decided[key]
    except KeyError:
        pass
    except TypeError:  # a fact that cannot be a key (a list): work it out every time
        return _decide_verdict(checklist, answers, facts)
    if len(decided) > _MOST_DECIDED:
        decided.clear()
    verdict = decided[key] = _decide_verdict(checklist, answers, facts)
    return verdict


def _decide_verdict(
    checklist: Checklist, answers: Mapping[str, str], facts: Mapping[str, object]
) -> Verdict:
    env, asked = _walk(checklist, answers, facts)
    missing = tuple(q.id for q in asked if q.required and env[q.id] is None)
    index = _first(checklist.rules, env)
    rule = checklist.rules[index]
    level = checklist.level(rule.verdict)
    read = _var_names(rule.when.node) if rule.when is not None else []
    if rule.when is None:
        # The default fired because no earlier rule did: name the answers those rules turn on
        # most (read by two or more of them), not every answer any of them reads.
        earlier = [_var_names(r.when.node) for r in checklist.rules[:index] if r.when is not None]
        for names in earlier:
            read += [
                n
                for n in names
                if n not in read and (len(earlier) < 2 or sum(n in e for e in earlier) >= 2)
            ]
    asked_ids = {q.id for q in asked}
    because = tuple(
        (name, answers.get(name) if env.get(name) is not None else None)
        for name in read
        if name in asked_ids
    )
    return Verdict(
        verdict=rule.verdict,
        label=level.label,
        rule=rule.source,
        grade=decide_grade(checklist, env),
        final=not missing,
        missing=missing,
        reason=rule.reason,
        rule_index=index,
        because=because,
    )


def decide_grade(checklist: Checklist, env: Mapping[str, object]) -> str | None:
    """The Admiralty code (letter and digit) the grade rules give, or None without a grade."""
    if checklist.grade is None:
        return None
    letter = _first_value(checklist.grade.source, env)
    digit = _first_value(checklist.grade.credibility, env)
    return f"{letter}{digit}"


def describe_grade(code: str) -> str:
    """An Admiralty code in words: 'B2' -> 'Usually reliable; Probably true'."""
    letter, digit = code[:1], code[1:]
    return f"{SOURCE_RELIABILITY.get(letter, '?')}; {INFORMATION_CREDIBILITY.get(digit, '?')}"

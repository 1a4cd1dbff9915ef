"""Stage ⑤ checklist: proving a checklist by enumerating every reachable combination.

:func:`analyse_checklist` enumerates every reachable combination of answers and facts, honouring
each question's `when`, and counts which question is asked and which rule decides. It does not
visit combinations one by one: values that no expression tells apart are grouped into classes, and
the search is memoised on what is still undecided (the residual `when` conditions and rules), so
combinations that lead to the same remaining decisions are counted together.

Every search spends from a :class:`WorkBudget` of MAX_WORK steps, counted as it goes (conditions
carried per state, counts kept, parts simplified), so a checklist whose rules keep too many
states apart is refused within seconds and in bounded memory rather than after exhausting both.
"""

from __future__ import annotations

import itertools
import math
import operator
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from factcheck.checklist import model
from factcheck.checklist.expr import (
    And,
    Answered,
    Case,
    Compare,
    Expr,
    Lit,
    Node,
    Not,
    Or,
    TypeKind,
    Value,
    ValueType,
    Var,
    compare,
    evaluate,
    names_in,
    substitute,
    walk,
)
from factcheck.checklist.facts import FACTS, fact_variables
from factcheck.checklist.model import Checklist
from factcheck.errors import ChecklistError


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the enumeration of every reachable combination found."""

    combinations: int
    """Reachable final combinations: answers times cases of the facts the rules read."""
    states: int
    """Distinct search states explored."""
    fact_cases: int
    """Cases of the facts that expressions read (values no expression tells apart count once)."""
    asked: tuple[int, ...]
    """Per question: combinations in which it is asked."""
    fired: tuple[int, ...]
    """Per verdict rule: combinations it decides."""
    source_fired: tuple[int, ...] = ()
    """Per source-grade rule: combinations it decides."""
    credibility_fired: tuple[int, ...] = ()
    """Per credibility-grade rule: combinations it decides."""
    seconds: float = 0.0
    """Time taken."""
    work: int = 0
    """Steps of work spent (see :class:`WorkBudget`)."""


class ChecklistTooComplex(ChecklistError):
    """The enumeration would take more than MAX_WORK steps."""


class WorkBudget:
    """Steps of work the searches of one proof may spend together, MAX_WORK by default.

    A search state costs a step for each condition it still carries and, when it is worked out,
    one per count it keeps; simplifying a condition costs a step per part. Time and memory both
    grow with these, not with the number of states alone: a state carrying a hundred rules costs
    a hundred times one carrying one.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = model.MAX_WORK if limit is None else limit
        """Steps allowed in all."""
        self.spent = 0
        """Steps spent so far."""
        self.states = 0
        """Search states worked out so far."""

    def check(self) -> None:
        """Refuse once the steps spent pass the limit."""
        if self.spent > self.limit:
            raise ChecklistTooComplex(
                f"more than {self.limit:,} steps of work to check (after {self.states:,} "
                "search states); split the rules or use fewer answers"
            )


@dataclass(frozen=True, slots=True)
class _Var:
    """One variable of the search with the classes of values worth telling apart."""

    name: str
    classes: tuple[tuple[Value, int], ...]
    """(representative value, how many values it stands for)."""
    question: int = -1
    """Index of the question, or -1 for a fact."""
    optional: bool = False
    """An asked question that may be left unanswered."""


_SENTINELS = ("\x00some text", "\x00other text")


def _atoms(formulas: Sequence[Node]) -> Iterator[Node]:
    """The smallest parts that are true or false: comparisons, answered() and boolean facts."""
    for formula in formulas:
        if isinstance(formula, Compare | Answered | Var):
            yield formula
        elif isinstance(formula, And | Or):
            yield from _atoms(formula.items)
        elif isinstance(formula, Not):
            yield from _atoms([formula.item])


def _var_names(node: Node) -> list[str]:
    return [item.name for item in walk(node) if isinstance(item, Var)]


def _constants(name: str, atoms: Sequence[Node]) -> list[Value]:
    values: list[Value] = []
    for atom in atoms:
        if not isinstance(atom, Compare):
            continue
        for side, other in ((atom.left, atom.right), (atom.right, atom.left)):
            if isinstance(side, Var) and side.name == name and isinstance(other, Lit):
                if isinstance(other.value, tuple):
                    values.extend(other.value)
                else:
                    values.append(other.value)
    return values


def _candidates(vtype: ValueType, constants: Sequence[Value]) -> list[Value]:
    """Values of a type that include one of every class the constants can tell apart."""
    if vtype.finite:
        return list(vtype.values())
    if vtype.kind is TypeKind.TEXT:
        texts = [value for value in constants if isinstance(value, str)]
        return list(dict.fromkeys([*texts, *_SENTINELS]))
    numbers = sorted(
        {float(v) for v in constants if isinstance(v, int | float) and not isinstance(v, bool)}
    )
    low = vtype.low if vtype.low is not None else (numbers[0] - 1 if numbers else 0.0)
    high = vtype.high if vtype.high is not None else (numbers[-1] + 1 if numbers else low + 1)
    if vtype.integer:
        whole: set[float] = {low, high}
        for number in numbers:
            floor = math.floor(number)
            whole.update({floor - 1, floor, floor + 1, math.ceil(number)})
        return [int(point) for point in sorted(whole) if low <= point <= high]
    points = sorted({low, high, *numbers})
    points = [p for p in points if low <= p <= high]
    middles = [(a + b) / 2 for a, b in itertools.pairwise(points)]
    return [*sorted({*points, *middles})]


MOST_FACT_CASES = 100_000
"""Most combinations of fact values tried to find the cases of a prefill or an offer that never
give their answer; a list of cases reading more is not checked."""


def dead_cases(checklist: Checklist) -> list[tuple[int, str, int]]:
    """(question index, 'prefill' or 'offer', case index) of each case of a prefill or an offer
    that never gives its answer: its condition never holds, or an earlier case always holds
    first, whatever values the facts it reads take."""
    facts = fact_variables()
    dead: list[tuple[int, str, int]] = []
    for i, question in enumerate(checklist.questions):
        for key, expr in (("prefill", question.prefill), ("offer", question.offer)):
            if expr is None or not isinstance(expr.node, Case):
                continue
            conditions = [condition for condition, _ in expr.node.branches]
            atoms = list(_atoms(conditions))
            if any(isinstance(a, Compare) and isinstance(a.right, Var) for a in atoms):
                continue  # a fact compared with a fact: its classes are not all known here
            names = sorted({name for condition in conditions for name in names_in(condition)})
            values = [_candidates(facts[n].type, _constants(n, atoms)) for n in names]
            if math.prod(len(v) for v in values) > MOST_FACT_CASES:
                continue
            reached: set[int] = set()
            for combination in itertools.product(*values):
                env = dict(zip(names, combination, strict=True))
                held = (j for j, c in enumerate(conditions) if evaluate(c, env) is True)
                reached.add(next(held, -1))
            dead += [(i, key, j) for j in range(len(conditions)) if j not in reached]
    return dead


def _classes(
    name: str,
    vtype: ValueType,
    atoms: Sequence[Node],
    weighted: bool,
    partner_values: Mapping[str, tuple[Value, ...]],
) -> tuple[tuple[Value, int], ...]:
    """Group a variable's values into classes that every expression treats alike."""
    mine = [atom for atom in atoms if name in _var_names(atom)]
    partners = {other for atom in mine for other in _var_names(atom) if other != name}
    constants = _constants(name, mine)
    for partner in partners:
        # Another variable's values act as constants this one is compared with.
        constants.extend(partner_values.get(partner, ()))
    candidates = _candidates(vtype, constants)
    if partners:
        return tuple((value, 1) for value in candidates)
    groups: dict[tuple[bool, ...], list[Value]] = {}
    for value in candidates:
        signature = tuple(substitute(atom, name, value) == Lit(True) for atom in mine)
        groups.setdefault(signature, []).append(value)
    return tuple((group[0], len(group) if weighted else 1) for group in groups.values())


def analyse_checklist(checklist: Checklist, budget: WorkBudget | None = None) -> Analysis:
    """Enumerate every reachable combination of answers and facts; count asks and decisions.

    Raises ChecklistTooComplex once the search has spent the budget (MAX_WORK steps by default).
    """
    started = time.perf_counter()
    search = _Search(checklist, budget=budget)
    vector = search.run()
    n_q = len(checklist.questions)
    n_r = len(checklist.rules)
    grade = checklist.grade
    n_s = len(grade.source) if grade else 0
    asked = vector[:n_q]
    fired = vector[n_q : n_q + n_r]
    source = vector[n_q + n_r : n_q + n_r + n_s]
    credibility = vector[n_q + n_r + n_s : -1]
    return Analysis(
        combinations=vector[-1],
        states=len(search.memo),
        fact_cases=search.fact_cases,
        asked=tuple(asked),
        fired=tuple(fired),
        source_fired=tuple(source),
        credibility_fired=tuple(credibility),
        seconds=time.perf_counter() - started,
        work=search.budget.spent,
    )


def analyse_if_possible(checklist: Checklist) -> Analysis | None:
    """The analysis, or None when the checklist is too complex to enumerate."""
    try:
        return analyse_checklist(checklist)
    except ChecklistTooComplex:
        return None


_RuleList = tuple[tuple[int, int], ...]
_State = tuple[tuple[int, ...], _RuleList, _RuleList, _RuleList]


def _value_key(value: Value) -> object:
    """A key that keeps True apart from 1, which compare equal in Python."""
    if isinstance(value, tuple):
        return ("tuple", tuple(_value_key(item) for item in value))
    return (type(value).__name__, value)


class _Formulas:
    """Hash-consed formulas: each distinct subformula is an int, so search states hash cheaply
    and each substitution is worked out once."""

    def __init__(self, budget: WorkBudget) -> None:
        self.budget = budget
        self.index: dict[tuple[object, ...], int] = {}
        self.table: list[tuple[object, ...]] = []
        self.names: list[frozenset[str]] = []
        self.values: dict[int, Value] = {}
        self.cache: dict[tuple[int, str, object], int] = {}
        self.true = self.lit(True)
        self.false = self.lit(False)

    def make(self, key: tuple[object, ...], names: frozenset[str]) -> int:
        found = self.index.get(key)
        if found is None:
            found = len(self.table)
            self.index[key] = found
            self.table.append(key)
            self.names.append(names)
        return found

    def lit(self, value: Value) -> int:
        found = self.make(("lit", _value_key(value)), frozenset())
        self.values[found] = value
        return found

    def add(self, node: Node) -> int:
        """Intern a resolved tree."""
        if isinstance(node, Lit):
            return self.lit(node.value)
        if isinstance(node, Var):
            return self.make(("var", node.name), frozenset({node.name}))
        if isinstance(node, Compare):
            return self.compare(node.op, self.add(node.left), self.add(node.right), node.order)
        if isinstance(node, And | Or):
            return self.junction(isinstance(node, Or), [self.add(item) for item in node.items])
        if isinstance(node, Not):
            return self.negate(self.add(node.item))
        if isinstance(node, Answered):
            return self.answered(self.add(node.item))
        raise ChecklistError(f"cannot enumerate over {type(node).__name__}")

    def compare(self, op: str, left: int, right: int, order: tuple[str, ...] | None) -> int:
        if left in self.values and right in self.values:
            return self.lit(compare(op, self.values[left], self.values[right], order))
        return self.make(("cmp", op, left, right, order), self.names[left] | self.names[right])

    def junction(self, is_or: bool, items: Sequence[int]) -> int:
        stop, keep = (self.true, self.false) if is_or else (self.false, self.true)
        kept: dict[int, None] = {}  # ordered and without repeats, in linear time
        for item in items:
            if item in self.values:
                if (self.values[item] is True) == is_or:
                    return stop
                continue
            kept[item] = None
        out = tuple(kept)
        if not out:
            return keep
        if len(out) == 1:
            return out[0]
        names = frozenset().union(*(self.names[item] for item in out))
        return self.make(("or" if is_or else "and", out), names)

    def negate(self, item: int) -> int:
        if item in self.values:
            return self.lit(self.values[item] is not True)
        return self.make(("not", item), self.names[item])

    def answered(self, item: int) -> int:
        if item in self.values:
            return self.lit(self.values[item] is not None)
        return self.make(("answered", item), self.names[item])

    def substitute(self, formula: int, name: str, value: Value, value_key: object) -> int:
        """The formula with ``name`` set to ``value`` (whose _value_key is given), folded."""
        if name not in self.names[formula]:
            return formula
        key = (formula, name, value_key)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        entry = self.table[formula]
        kind = entry[0]
        result: int
        self.budget.spent += 1
        if kind == "var":
            result = self.lit(value)
        elif kind == "cmp":
            _, op, left, right, order = entry
            assert isinstance(op, str) and isinstance(left, int) and isinstance(right, int)
            result = self.compare(
                op,
                self.substitute(left, name, value, value_key),
                self.substitute(right, name, value, value_key),
                order,  # type: ignore[arg-type]
            )
        elif kind in ("and", "or"):
            items = entry[1]
            assert isinstance(items, tuple)
            # The new junction keeps its items and the set of names they read.
            self.budget.spent += len(items) + len(self.names[formula])
            result = self.junction(
                kind == "or", [self.substitute(item, name, value, value_key) for item in items]
            )
        else:
            item = entry[1]
            assert isinstance(item, int)
            inner = self.substitute(item, name, value, value_key)
            result = self.negate(inner) if kind == "not" else self.answered(inner)
        self.cache[key] = result
        return result


class _Search:
    """Depth-first enumeration over fact and answer classes, memoised on the residual state."""

    def __init__(
        self,
        checklist: Checklist,
        rules: Sequence[Expr | None] | None = None,
        *,
        grade_rules: bool = True,
        budget: WorkBudget | None = None,
    ) -> None:
        questions = checklist.questions
        grade = checklist.grade if grade_rules else None
        rule_exprs = [rule.when for rule in checklist.rules] if rules is None else list(rules)
        source = [rule.when for rule in grade.source] if grade else []
        credibility = [rule.when for rule in grade.credibility] if grade else []
        self.n_q = len(questions)
        self.size = self.n_q + len(rule_exprs) + len(source) + len(credibility) + 1
        nodes = [
            *(question.when.node for question in questions if question.when),
            *(expr.node for expr in (*rule_exprs, *source, *credibility) if expr),
        ]
        self.budget = WorkBudget() if budget is None else budget
        self.formulas = _Formulas(self.budget)
        whens = tuple(
            self.formulas.true if q.when is None else self.formulas.add(q.when.node)
            for q in questions
        )
        self.start: _State = (
            whens,
            self.rule_list(rule_exprs, self.n_q),
            self.rule_list(source, self.n_q + len(rule_exprs)),
            self.rule_list(credibility, self.n_q + len(rule_exprs) + len(source)),
        )
        atoms = list(_atoms(nodes))
        used = {name for node in nodes for name in _var_names(node)}
        partner_values = {
            question.id: question.value_type.values()
            for question in questions
            if question.value_type.finite
        }
        facts = {
            name: _Var(name, _classes(name, FACTS[name].type, atoms, False, partner_values))
            for name in sorted(used & set(FACTS))
        }
        self.fact_cases = math.prod(len(var.classes) for var in facts.values())
        # A fact is branched on just before the first question whose `when` reads it; facts
        # that only rules read come last, so undecided fact tests ride along in the residual
        # rules instead of multiplying every state above them.
        self.vars: list[_Var] = []
        for index, question in enumerate(questions):
            if question.when is not None:
                self.vars += [facts.pop(name) for name in sorted(question.when.names & set(facts))]
            vtype = question.value_type
            if question.id in used:
                classes = _classes(question.id, vtype, atoms, vtype.finite, partner_values)
            elif vtype.finite:
                classes = ((vtype.values()[0], len(vtype.values())),)
            else:
                classes = ((_SENTINELS[0], 1),)
            self.vars.append(_Var(question.id, classes, index, not question.required))
        self.vars += facts.values()
        self.memo: dict[tuple[int, _State], tuple[int, ...]] = {}

    def rule_list(self, conditions: Sequence[Expr | None], offset: int) -> _RuleList:
        rules = tuple(
            (offset + i, self.formulas.true if cond is None else self.formulas.add(cond.node))
            for i, cond in enumerate(conditions)
        )
        return self.trim(rules)

    def trim(self, rules: _RuleList) -> _RuleList:
        """Drop rules that can no longer hold, and everything after one that surely holds."""
        out: list[tuple[int, int]] = []
        for index, formula in rules:
            if formula == self.formulas.true:
                out.append((index, formula))
                break
            if formula not in self.formulas.values:
                out.append((index, formula))
        return tuple(out)

    def run(self) -> tuple[int, ...]:
        return self.explore(0, self.start)

    def explore(self, step: int, state: _State) -> tuple[int, ...]:
        budget = self.budget
        # Looking a state up hashes every condition it carries; working it out adds its counts.
        budget.spent += 1 + len(state[0]) + len(state[1]) + len(state[2]) + len(state[3])
        key = (step, state)
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        budget.spent += self.size
        budget.states += 1
        budget.check()
        result = self.compute(step, state)
        self.memo[key] = result
        return result

    def compute(self, step: int, state: _State) -> tuple[int, ...]:
        if step == len(self.vars):
            vector = [0] * self.size
            vector[-1] = 1
            for rules in state[1:]:
                if rules:
                    vector[rules[0][0]] += 1
            return tuple(vector)
        var = self.vars[step]
        whens = state[0]
        asked = True
        if var.question >= 0:
            condition = whens[0]
            # Facts come first and a `when` reads only earlier answers, so it is decided here.
            assert condition in self.formulas.values, "a when must be decided by earlier answers"
            asked = condition == self.formulas.true
            whens = whens[1:]
        state = (whens, state[1], state[2], state[3])
        relevant = self.mentions(state, var.name)
        if not asked:
            if relevant:
                state = self.assign(state, var.name, None)
            return self.explore(step + 1, state)
        classes = var.classes
        if var.optional:
            classes = (*classes, (None, 1))
        # Each class adds its following state's counts to the total.
        self.budget.spent += len(classes) * self.size
        total = [0] * self.size
        if not relevant:
            total = _add(total, self.explore(step + 1, state), sum(n for _, n in classes))
        else:
            for value, count in classes:
                following = self.explore(step + 1, self.assign(state, var.name, value))
                total = _add(total, following, count)
        if var.question >= 0:
            total[var.question] += total[-1]
        return tuple(total)

    def mentions(self, state: _State, name: str) -> bool:
        names = self.formulas.names
        return any(name in names[formula] for formula in state[0]) or any(
            name in names[formula] for rules in state[1:] for _, formula in rules
        )

    def assign(self, state: _State, name: str, value: Value) -> _State:
        names = self.formulas.names
        substitute = self.formulas.substitute
        key = _value_key(value)
        self.budget.spent += len(state[0])
        whens = tuple(
            formula if name not in names[formula] else substitute(formula, name, value, key)
            for formula in state[0]
        )
        groups: list[_RuleList] = []
        for group in state[1:]:
            if any(name in names[formula] for _, formula in group):
                self.budget.spent += len(group)
                group = self.trim(
                    tuple(
                        (
                            index,
                            formula
                            if name not in names[formula]
                            else substitute(formula, name, value, key),
                        )
                        for index, formula in group
                    )
                )
            groups.append(group)
        return (whens, groups[0], groups[1], groups[2])


def _add(total: list[int], vector: Sequence[int], weight: int) -> list[int]:
    """total + weight * vector, element by element."""
    if weight == 1:
        return list(map(operator.add, total, vector))
    return list(map(operator.add, total, map(operator.mul, vector, itertools.repeat(weight))))

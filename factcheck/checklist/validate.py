"""Stage ⑤ checklist: `checklist validate`: load strictly, prove, and report every problem."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.checklist.analysis import (
    Analysis,
    ChecklistTooComplex,
    WorkBudget,
    _Search,
    analyse_checklist,
    dead_cases,
)
from factcheck.checklist.expr import Expr
from factcheck.checklist.load import display_path, load_checklist
from factcheck.checklist.model import Checklist, ChecklistLoadError, Problem, Severity
from factcheck.errors import ChecklistError


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of validating one checklist file."""

    source: str
    """The name or path as given."""
    checklist: Checklist | None
    """The checklist, when it loaded."""
    analysis: Analysis | None
    """The enumeration, when it ran."""
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    """Errors and warnings, in file order."""
    seconds: float = 0.0
    """Time to load and analyse."""

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(problem.severity is Severity.ERROR for problem in self.problems)


def validate_checklist(name_or_path: str | Path) -> Validation:
    """Load a checklist strictly and prove it: every reachable combination reaches one verdict,
    every rule can fire and every question can be asked."""
    started = time.perf_counter()
    try:
        checklist = load_checklist(name_or_path)
    except ChecklistLoadError as exc:
        return Validation(
            str(name_or_path), None, None, exc.problems, time.perf_counter() - started
        )
    except ChecklistError as exc:
        problem = Problem("", 0, "", str(exc))
        return Validation(str(name_or_path), None, None, (problem,), time.perf_counter() - started)
    shown = display_path(checklist.path) if checklist.path.is_absolute() else str(checklist.path)
    # One budget for the whole proof: explaining each dead rule searches again, and a checklist
    # with many of them must not get MAX_WORK steps for each.
    budget = WorkBudget()
    try:
        analysis = analyse_checklist(checklist, budget)
    except ChecklistTooComplex as exc:
        problem = Problem(shown, 0, "", f"cannot prove: {exc}")
        return Validation(
            str(name_or_path), checklist, None, (problem,), time.perf_counter() - started
        )
    problems = check_analysis(checklist, analysis, shown, budget)
    return Validation(
        str(name_or_path), checklist, analysis, tuple(problems), time.perf_counter() - started
    )


def check_analysis(
    checklist: Checklist, analysis: Analysis, shown: str, budget: WorkBudget
) -> list[Problem]:
    """Turn an analysis into problems: questions never asked, rules that never fire.

    Explaining why a rule never fires spends from ``budget``, what the analysis left of it.
    """
    problems: list[Problem] = []
    for i, (question, count) in enumerate(zip(checklist.questions, analysis.asked, strict=True)):
        if count == 0:
            when = question.when.source if question.when else ""
            problems.append(
                Problem(
                    shown,
                    question.line,
                    f"questions[{i}]",
                    f"question '{question.id}' is never asked: its when ({when}) never holds",
                )
            )
    for i, (rule, count) in enumerate(zip(checklist.rules, analysis.fired, strict=True)):
        if count == 0 and rule.when is not None:
            problems.append(
                Problem(
                    shown,
                    rule.line,
                    f"verdicts[{i}]",
                    f"rule can never fire: {_why_dead(checklist, rule.when, budget)}",
                )
            )
    if checklist.grade is not None:
        for part, rules, counts in (
            ("source", checklist.grade.source, analysis.source_fired),
            ("credibility", checklist.grade.credibility, analysis.credibility_fired),
        ):
            for i, (grade_rule, count) in enumerate(zip(rules, counts, strict=True)):
                if count == 0 and grade_rule.when is not None:
                    problems.append(
                        Problem(
                            shown,
                            grade_rule.line,
                            f"grade.{part}[{i}]",
                            f"rule can never fire: {_why_dead(checklist, grade_rule.when, budget)}",
                        )
                    )
    for i, question in enumerate(checklist.questions):
        if not question.marked and question.prefill is not None:
            problems.append(
                Problem(
                    shown,
                    question.line,
                    f"questions[{i}]",
                    f"question '{question.id}' is prefilled but does not say its kind; it is "
                    "taken as 'kind: article' (the text and registry answer it); a finding of "
                    "your research ('kind: finding') is never prefilled",
                    Severity.WARNING,
                )
            )
    problems += _dead_cases(checklist, shown)
    reached = {
        rule.verdict for rule, count in zip(checklist.rules, analysis.fired, strict=True) if count
    }
    for i, level in enumerate(checklist.scale):
        if level.id not in reached:
            problems.append(
                Problem(
                    shown,
                    level.line,
                    f"scale[{i}]",
                    f"no rule ever gives '{level.id}'",
                    Severity.WARNING,
                )
            )
    return sorted(problems, key=lambda problem: problem.line)


def _dead_cases(checklist: Checklist, shown: str) -> list[Problem]:
    """A warning for each case of a prefill or an offer that never gives its answer."""
    return [
        Problem(
            shown,
            checklist.questions[i].line,
            f"questions[{i}].{key}[{j}]",
            "this case never gives its answer: its when never holds, or an earlier "
            "case always holds first",
            Severity.WARNING,
        )
        for i, key, j in dead_cases(checklist)
    ]


def _why_dead(checklist: Checklist, when: Expr, budget: WorkBudget) -> str:
    alone = _Search(checklist, [when, None], grade_rules=False, budget=budget)
    try:
        holds = alone.run()[alone.n_q]
    except ChecklistTooComplex:
        return f"'{when.source}' never holds, or an earlier rule always decides first"
    if holds:
        return f"every combination where '{when.source}' holds is decided by an earlier rule"
    return f"'{when.source}' never holds for any answers that can be given"

"""Stage ⑤ checklist: the checklist model (questions, verdict scale, rules, grade) and its limits.

A :class:`Checklist` is what :mod:`factcheck.checklist.load` makes of a checklist file: questions
with their answer types and compiled `when`/`prefill` expressions, the verdict scale, verdict
rules and the optional Admiralty grade.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.checklist.expr import TEXT, Expr, TypeKind, ValueType
from factcheck.errors import ChecklistError
from factcheck.yamlio import Problem, Severity

__all__ = ["Problem", "Severity"]

MAX_FILE_BYTES = 1_000_000
"""Largest checklist file accepted."""
MAX_WORK = 5_000_000
"""Steps of work `validate` spends proving one checklist before it gives up on it as too complex.
A search state costs a step for each condition it carries and each count it keeps, simplifying a
condition a step for each of its parts, so the limit bounds time (a few seconds) and memory
(under about a hundred megabytes) whatever the checklist's shape. The built-in checklists need
about 4,000 steps at most; the generated benchmark checklist of 12 questions and 14 rules up to
about 900,000."""
MAX_QUESTIONS = 200
"""Most questions a checklist may have."""
MAX_CHOICES = 9
"""Most answers a choice list may have: a review answers each with one key, 1 to 9."""

SOURCE_RELIABILITY: Mapping[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
"""Admiralty source-reliability letters and their meaning."""

INFORMATION_CREDIBILITY: Mapping[str, str] = {
    "1": "Confirmed by other sources",
    "2": "Probably true",
    "3": "Possibly true",
    "4": "Doubtful",
    "5": "Improbable",
    "6": "Truth cannot be judged",
}
"""Admiralty information-credibility digits and their meaning."""

SCALE_ANSWERS = ("1", "2", "3", "4", "5")
"""The answers of a 1-5 scale question."""


PRESETS: Mapping[str, tuple[str, ...]] = {
    "yes-no": ("yes", "no"),
    "yes-no-unclear": ("yes", "no", "unclear"),
}
"""Named answer sets that `answers:` accepts instead of a list."""


# --- model -------------------------------------------------------------------------------------


class AnswerType(enum.StrEnum):
    """What kind of answer a question takes."""

    CHOICE = "choice"
    SCALE = "scale"
    TEXT = "text"
    URL = "url"


class QuestionKind(enum.StrEnum):
    """Who can answer a question: the article and registry, or only the reviewer's research."""

    ARTICLE = "article"
    """About the article: what its text and the source registry say (hops, hedges, who is on
    the chain). The tool may suggest the answer."""
    FINDING = "finding"
    """A finding of the reviewer's research (primary source seen, original matches, independent
    confirmation). Never suggested; evidence may be offered, taken only with an explicit key."""


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    """One verdict label on the checklist's scale."""

    id: str
    """The id rules name in `verdict:`."""
    label: str
    """The label readers see."""
    description: str | None = None
    """What the verdict means."""
    colour: str | None = None
    """A colour name or #rrggbb for the terminal report."""
    line: int = 0
    """Line of the level in its file."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question a reviewer answers for each claim."""

    id: str
    """The id expressions use for its answer."""
    ask: str
    """The question as the reviewer sees it."""
    help: str | None
    """Guidance shown on '?': what counts as each answer."""
    type: AnswerType
    """Choice, 1-5 scale, free text or URL."""
    choices: tuple[str, ...]
    """The allowed answers for CHOICE and SCALE ('1'..'5'); empty for TEXT and URL."""
    required: bool
    """A final verdict needs an answer whenever the question is asked."""
    when: Expr | None
    """Asked only when this holds; None: always asked."""
    prefill: Expr | None
    """Suggests an answer from the claim's facts; the reviewer confirms or changes it."""
    labels: tuple[str, ...] = ()
    """Labels for the choices, in the same order; empty when the ids are the labels."""
    line: int = 0
    """Line of the question in its file."""
    kind: QuestionKind = QuestionKind.FINDING
    """About the article, or a finding of the reviewer's research."""
    marked: bool = True
    """Whether the file says the kind (`kind:`); unmarked questions are guessed and warned of."""
    internal: bool = False
    """A question for the reviewer only (SIFT's 'Stop'): left out of published reports."""
    offer: Expr | None = None
    """For a finding: the answer that strong evidence (a case, known fact-checks) points to,
    offered with its source and taken only with an explicit key."""
    ordered: bool = False
    """Whether a choice question's answers are ranked, in the order listed (as a scale's are):
    agreement between reviewers is then measured with the ordinal metric."""

    def label_for(self, answer: str) -> str:
        """The label of one of the question's answers (the answer itself if it has none)."""
        if answer in self.choices and self.labels:
            return self.labels[self.choices.index(answer)]
        return answer

    @property
    def value_type(self) -> ValueType:
        """The type of the answer in expressions: scale answers are numbers."""
        if self.type is AnswerType.SCALE:
            return ValueType(TypeKind.NUMBER, low=1, high=len(self.choices), integer=True)
        if self.type is AnswerType.CHOICE:
            return ValueType(TypeKind.CHOICE, choices=self.choices)
        return TEXT


@dataclass(frozen=True, slots=True)
class Rule:
    """One verdict rule: the first rule whose `when` holds decides."""

    when: Expr | None
    """The condition; None for the default."""
    verdict: str
    """Id of a scale level."""
    source: str
    """The condition as written, or 'default'."""
    reason: str | None = None
    """Why this verdict follows, in words, for the report."""
    line: int = 0
    """Line of the rule in its file."""


@dataclass(frozen=True, slots=True)
class GradeRule:
    """One rule of a grade component: the first rule whose `when` holds gives the value."""

    when: Expr | None
    """The condition; None for the default."""
    value: str
    """A source letter A-F or a credibility digit 1-6."""
    source: str
    """The condition as written, or 'default'."""
    line: int = 0
    """Line of the rule in its file."""


@dataclass(frozen=True, slots=True)
class Grade:
    """How a claim's Admiralty code (such as B2) is computed."""

    source: tuple[GradeRule, ...]
    """Rules giving the source-reliability letter, ending in a default."""
    credibility: tuple[GradeRule, ...]
    """Rules giving the information-credibility digit, ending in a default."""


@dataclass(frozen=True, slots=True)
class Checklist:
    """A loaded, type-checked checklist."""

    id: str
    """Short id (file name of the built-ins)."""
    name: str
    """Human name."""
    version: int
    """Version number, recorded in worksheets."""
    description: str
    """What the checklist is for."""
    scale: tuple[ScaleLevel, ...]
    """Verdict labels, best first."""
    questions: tuple[Question, ...]
    """Questions in the order they are asked."""
    rules: tuple[Rule, ...]
    """Verdict rules in order; the last is the default."""
    grade: Grade | None
    """How the Admiralty code is computed, if the checklist grades."""
    path: Path
    """The file it was loaded from."""
    sha256: str
    """Hex sha256 of the file's bytes."""

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise ChecklistError(f"checklist '{self.id}' has no question '{question_id}'")

    def level(self, verdict: str) -> ScaleLevel:
        """The scale level with this id."""
        for level in self.scale:
            if level.id == verdict:
                return level
        raise ChecklistError(f"checklist '{self.id}' has no verdict '{verdict}' on its scale")


class ChecklistLoadError(ChecklistError):
    """A checklist file failed to load; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        problems = sorted(problems, key=lambda problem: problem.line)
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{problems[0]}{suffix}")
        self.problems = tuple(problems)
        """Every problem, in file order."""

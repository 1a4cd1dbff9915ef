"""Stage ⑤ checklist: the checklist model, its strict YAML loader and the validator that proves it.

A checklist is read with PyYAML's safe composer, so every node keeps its line; unknown keys, unsafe
tags and wrong types are errors that name the file, the line, the path inside the document and what
was expected. Expressions are compiled by :mod:`factcheck.checklist.expr` against the questions
before them and the facts of :mod:`factcheck.checklist.facts`.

:func:`analyse_checklist` enumerates every reachable combination of answers and facts, honouring
each question's `when`, and counts which question is asked and which rule decides. It does not
visit combinations one by one: values that no expression tells apart are grouped into classes, and
the search is memoised on what is still undecided (the residual `when` conditions and rules), so
combinations that lead to the same remaining decisions are counted together.
"""

from __future__ import annotations

import difflib
import enum
import hashlib
import itertools
import math
import operator
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from factcheck.checklist.expr import (
    BOOL,
    KEYWORDS,
    TEXT,
    And,
    Answered,
    Compare,
    Expr,
    ExprError,
    Lit,
    Node,
    Not,
    Or,
    TypeKind,
    Value,
    ValueType,
    Var,
    Variable,
    compare,
    compile_expr,
    make_case,
    substitute,
    walk,
)
from factcheck.checklist.facts import FACTS, fact_variables
from factcheck.errors import ChecklistError

MAX_FILE_BYTES = 1_000_000
"""Largest checklist file accepted."""
MAX_STATES = 250_000
"""Search states `validate` explores before it gives up on a checklist as too complex."""
MAX_QUESTIONS = 200
"""Most questions a checklist may have."""

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

T = TypeVar("T")

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


class Severity(enum.StrEnum):
    """How bad a problem is: errors make `validate` fail."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a checklist file, located by line and path inside the document."""

    file: str
    """The file as shown to the user."""
    line: int
    """1-based line number."""
    where: str
    """Path inside the document, such as questions[2].answers; empty for the whole file."""
    message: str
    """What was expected and what was found."""
    severity: Severity = Severity.ERROR
    """Error or warning."""

    def __str__(self) -> str:
        place = (
            f"{self.file}:{self.line}: " if self.line else (f"{self.file}: " if self.file else "")
        )
        where = f"{self.where}: " if self.where else ""
        kind = "warning: " if self.severity is Severity.WARNING else ""
        return f"{place}{where}{kind}{self.message}"


class ChecklistLoadError(ChecklistError):
    """A checklist file failed to load; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        problems = sorted(problems, key=lambda problem: problem.line)
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{problems[0]}{suffix}")
        self.problems = tuple(problems)
        """Every problem, in file order."""


# --- locating ----------------------------------------------------------------------------------


def builtin_dir() -> Path:
    """The folder of the built-in checklists: bundled in the wheel, or the repository's."""
    package = Path(__file__).resolve().parents[1]
    bundled = package / "builtin" / "checklists"
    return bundled if bundled.is_dir() else package.parent / "checklists"


def builtin_names() -> list[str]:
    """Names of the built-in checklists, sorted."""
    return sorted(path.stem for path in builtin_dir().glob("*.yaml"))


def locate_checklist(name_or_path: str | Path) -> Path:
    """The file for a built-in checklist name, or the given path."""
    if isinstance(name_or_path, str) and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name_or_path):
        builtin = builtin_dir() / f"{name_or_path}.yaml"
        if builtin.is_file():
            return builtin
        if not Path(name_or_path).exists():
            names = ", ".join(builtin_names())
            raise ChecklistError(
                f"unknown checklist '{name_or_path}' (built-in: {names}); "
                "give a path to use your own YAML file"
            )
    return Path(name_or_path)


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
    except OSError:
        return str(path)


def load_checklist(name_or_path: str | Path) -> Checklist:
    """Load a built-in checklist by name, or a checklist file by path."""
    path = locate_checklist(name_or_path)
    shown = display_path(path) if path.is_absolute() else str(path)
    data = _read_bytes(path, shown)
    return parse_checklist(data, path, shown)


def list_checklists() -> list[Checklist]:
    """Every built-in checklist, by id."""
    return sorted(
        (load_checklist(builtin_dir() / f"{name}.yaml") for name in builtin_names()),
        key=lambda checklist: checklist.id,
    )


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ChecklistError(f"{shown}: larger than {MAX_FILE_BYTES:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise ChecklistError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ChecklistError(f"{shown}: is a folder, expected a YAML file") from None
    except OSError as exc:
        raise ChecklistError(f"{shown}: cannot read ({exc.strerror})") from None


# --- loader ------------------------------------------------------------------------------------

_TAG = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]*")
_CHOICE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_+-]*")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|[a-z]+(?:_[a-z0-9]+)*[0-9]*")

_TOP_KEYS = ("id", "name", "version", "description", "scale", "questions", "verdicts", "grade")
_LEVEL_KEYS = ("id", "label", "description", "colour")
_QUESTION_KEYS = (
    "id",
    "ask",
    "help",
    "kind",
    "internal",
    "answers",
    "required",
    "when",
    "prefill",
    "offer",
)
_RULE_KEYS = ("when", "verdict", "default", "reason")
_PREFILL_KEYS = ("when", "answer", "default")


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_checklist(data: bytes, path: Path, shown: str | None = None) -> Checklist:
    """Parse and check a checklist from the bytes of its file."""
    shown = str(path) if shown is None else shown
    reader = _Reader(shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{shown}: not UTF-8 text (byte {exc.start})") from None
    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        context = f" ({exc.context})" if exc.context else ""
        reader.fail_at(line, "", f"invalid YAML: {exc.problem}{context}")
        raise ChecklistLoadError(reader.problems) from None
    except yaml.YAMLError as exc:
        reader.fail_at(1, "", f"invalid YAML: {exc}")
        raise ChecklistLoadError(reader.problems) from None
    if root is None:
        reader.fail_at(
            1,
            "",
            "expected a mapping with id, name, version, scale, questions, "
            "verdicts; the file is empty",
        )
        raise ChecklistLoadError(reader.problems)
    reader.check_tags(root, "")
    if reader.problems:
        raise ChecklistLoadError(reader.problems)
    checklist = reader.checklist(root, path, hashlib.sha256(data).hexdigest())
    if reader.problems or checklist is None:
        raise ChecklistLoadError(reader.problems)
    return checklist


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _got(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == f"{_TAG}null" and node.value in ("", "~", "null", "Null", "NULL"):
        return "nothing"
    value = str(node.value)
    if len(value) > 40:
        value = value[:37] + "..."
    return repr(value)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == f"{_TAG}null"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Reader:
    """Walks the composed YAML, collecting every problem instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.question_items: dict[str, tuple[int, yaml.Node]] = {}
        self.skip_expressions = False

    def fail_at(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, where, message))

    def fail(self, node: yaml.Node, where: str, message: str) -> None:
        self.fail_at(node.start_mark.line + 1, where, message)

    def expected(self, node: yaml.Node, where: str, what: str) -> None:
        self.fail(node, where, f"expected {what}, got {_got(node)}")

    def check_tags(self, node: yaml.Node, where: str) -> None:
        if node.tag not in _SAFE_TAGS:
            self.fail(
                node,
                where,
                f"tag '{_short_tag(node.tag)}' is not allowed: only plain YAML values are",
            )
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.check_tags(key, where)
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                self.check_tags(value, _join(where, str(name)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.check_tags(item, f"{where}[{i}]")

    # --- generic shapes ---

    def mapping(
        self, node: yaml.Node, where: str, keys: Sequence[str], required: Sequence[str]
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.expected(node, where, "a mapping")
            return None
        found: dict[str, yaml.Node] = {}
        lines: dict[str, int] = {}
        unknown: list[str] = []
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if not isinstance(name, str):
                self.fail(key, where, f"keys must be words, got {_got(key)}")
                continue
            if name in found:
                self.fail(key, where, f"duplicate key '{name}' (first at line {lines[name]})")
                continue
            if name not in keys:
                unknown.append(name)
                self.fail(key, where, f"unknown key '{name}' (expected one of: {', '.join(keys)})")
                continue
            found[name] = value
            lines[name] = key.start_mark.line + 1
        for name in required:
            # A misspelt key is reported once, as unknown, not again as missing.
            if name not in found and not difflib.get_close_matches(name, unknown, n=1, cutoff=0.75):
                self.fail(node, where, f"missing key '{name}'")
        return found

    def sequence(self, node: yaml.Node, where: str, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.expected(node, where, what)
            return None
        if not node.value:
            self.fail(node, where, f"expected {what}, got an empty list")
            return None
        return list(node.value)

    def text(self, node: yaml.Node, where: str, what: str = "text") -> str | None:
        if not isinstance(node, yaml.ScalarNode) or _got(node) == "nothing":
            self.expected(node, where, what)
            return None
        value = str(node.value).strip()
        if not value:
            self.fail(node, where, f"expected {what}, got an empty string")
            return None
        return value

    def word(self, node: yaml.Node, where: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.text(node, where, what)
        if value is not None and not pattern.fullmatch(value):
            self.expected(node, where, what)
            return None
        return value

    def boolean(self, node: yaml.Node, where: str) -> bool | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != f"{_TAG}bool":
            self.expected(node, where, "true or false")
            return None
        return str(node.value).lower() in ("true", "yes", "on", "y")

    # --- the checklist ---

    def checklist(self, node: yaml.Node, path: Path, sha256: str) -> Checklist | None:
        top = self.mapping(
            node, "", _TOP_KEYS, ("id", "name", "version", "scale", "questions", "verdicts")
        )
        if top is None:
            return None
        ident = self.optional(top, "id", "", lambda n, w: self.word(n, w, _ID, _ID_WHAT))
        name = self.optional(top, "name", "", self.text)
        version = self.optional(top, "version", "", self.version)
        description = self.optional(top, "description", "", self.text) or ""
        scale = self.optional(top, "scale", "", self.scale) or ()
        questions = self.optional(top, "questions", "", self.questions) or ()
        # Expressions are only checked once the questions they name have loaded cleanly.
        self.skip_expressions = bool(self.problems)
        scope = _Scope(questions)
        if questions and not self.skip_expressions:
            questions = self.expressions(questions, scope)
        rules: tuple[Rule, ...] = ()
        if "verdicts" in top:
            rules = self.rules(top["verdicts"], "verdicts", scale, scope) or ()
        grade = self.optional(top, "grade", "", lambda n, w: self.grade(n, w, scope))
        if self.problems or ident is None or name is None or version is None:
            return None
        return Checklist(
            ident, name, version, description, scale, questions, rules, grade, path, sha256
        )

    def optional(
        self,
        found: Mapping[str, yaml.Node],
        key: str,
        where: str,
        read: Callable[[yaml.Node, str], T | None],
    ) -> T | None:
        node = found.get(key)
        return None if node is None else read(node, _join(where, key))

    def version(self, node: yaml.Node, where: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{_TAG}int":
            try:
                value = int(str(node.value).replace("_", ""), 0)
            except ValueError:
                value = 0
            if value >= 1:
                return value
        self.expected(node, where, "a whole number of 1 or more")
        return None

    def scale(self, node: yaml.Node, where: str) -> tuple[ScaleLevel, ...] | None:
        items = self.sequence(node, where, "a list of verdict levels")
        if items is None:
            return None
        levels: list[ScaleLevel] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            found = self.mapping(item, here, _LEVEL_KEYS, ("id", "label"))
            if found is None:
                continue
            ident = self.optional(found, "id", here, lambda n, w: self.word(n, w, _ID, _ID_WHAT))
            label = self.optional(found, "label", here, self.text)
            description = self.optional(found, "description", here, self.text)
            colour = self.optional(
                found,
                "colour",
                here,
                lambda n, w: self.word(n, w, _COLOUR, "a colour name such as green, or #rrggbb"),
            )
            if ident is not None and ident in seen:
                self.fail(
                    found["id"],
                    _join(here, "id"),
                    f"duplicate verdict id '{ident}' (first at line {seen[ident]})",
                )
                continue
            if ident is None or label is None:
                continue
            seen[ident] = found["id"].start_mark.line + 1
            levels.append(ScaleLevel(ident, label, description, colour, item.start_mark.line + 1))
        return tuple(levels)

    def questions(self, node: yaml.Node, where: str) -> tuple[Question, ...] | None:
        items = self.sequence(node, where, "a list of questions")
        if items is None:
            return None
        if len(items) > MAX_QUESTIONS:
            self.fail(node, where, f"expected at most {MAX_QUESTIONS} questions, got {len(items)}")
            return None
        questions: list[Question] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            found = self.mapping(item, here, _QUESTION_KEYS, ("id", "ask", "answers"))
            if found is None:
                continue
            ident = self.optional(found, "id", here, self.question_id)
            ask = self.optional(found, "ask", here, self.text)
            help_text = self.optional(found, "help", here, self.text)
            answers = self.optional(found, "answers", here, self.answers)
            required = self.optional(found, "required", here, self.boolean) or False
            internal = self.optional(found, "internal", here, self.boolean) or False
            marked = self.optional(found, "kind", here, self.question_kind)
            if marked is QuestionKind.FINDING and "prefill" in found:
                self.fail(
                    found["prefill"],
                    _join(here, "prefill"),
                    "a finding of the reviewer's research is never prefilled; "
                    "use 'offer' for evidence from a case or known fact-checks, "
                    "or mark the question 'kind: article'",
                )
            if marked is not QuestionKind.FINDING and "offer" in found:
                self.fail(
                    found["offer"],
                    _join(here, "offer"),
                    "only a finding ('kind: finding') takes an offer; "
                    "a question about the article uses 'prefill'",
                )
            if ident is not None and ident in seen:
                self.fail(
                    found["id"],
                    _join(here, "id"),
                    f"duplicate question id '{ident}' (first at line {seen[ident]})",
                )
                continue
            if ident is None or ask is None or answers is None:
                continue
            seen[ident] = found["id"].start_mark.line + 1
            self.question_items[ident] = (i, item)
            kind, choices, labels = answers
            questions.append(
                Question(
                    ident,
                    ask,
                    help_text,
                    kind,
                    choices,
                    required,
                    None,
                    None,
                    labels,
                    item.start_mark.line + 1,
                    kind=marked
                    or (QuestionKind.ARTICLE if "prefill" in found else QuestionKind.FINDING),
                    marked=marked is not None,
                    internal=internal,
                )
            )
        return tuple(questions)

    def question_kind(self, node: yaml.Node, where: str) -> QuestionKind | None:
        value = self.text(node, where, "article or finding")
        if value is None:
            return None
        try:
            return QuestionKind(value)
        except ValueError:
            self.expected(node, where, "article or finding")
            return None

    def question_id(self, node: yaml.Node, where: str) -> str | None:
        value = self.word(node, where, _QUESTION_ID, _QUESTION_ID_WHAT)
        if value in KEYWORDS:
            self.fail(
                node, where, f"'{value}' is a word of the expression language; pick another id"
            )
            return None
        return value

    def answers(
        self, node: yaml.Node, where: str
    ) -> tuple[AnswerType, tuple[str, ...], tuple[str, ...]] | None:
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if value in PRESETS:
                return AnswerType.CHOICE, PRESETS[value], ()
            if value == "scale":
                return AnswerType.SCALE, SCALE_ANSWERS, ()
            if value in ("text", "url"):
                return AnswerType(value), (), ()
        if not isinstance(node, yaml.SequenceNode):
            self.expected(node, where, _ANSWERS_WHAT)
            return None
        choices: list[str] = []
        labels: list[str] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(node.value):
            here = f"{where}[{i}]"
            label: str | None = None
            if isinstance(item, yaml.MappingNode):
                found = self.mapping(item, here, ("id", "label"), ("id", "label"))
                if found is None or "id" not in found or "label" not in found:
                    continue
                choice = self.word(found["id"], _join(here, "id"), _CHOICE, _CHOICE_WHAT)
                label = self.text(found["label"], _join(here, "label"))
                id_node = found["id"]
            elif isinstance(item, yaml.ScalarNode):
                choice = self.word(item, here, _CHOICE, _CHOICE_WHAT)
                id_node = item
            else:
                self.expected(item, here, "an answer id, or a mapping with id and label")
                continue
            if choice is None:
                continue
            if choice in seen:
                self.fail(
                    id_node, here, f"duplicate answer '{choice}' (first at line {seen[choice]})"
                )
                continue
            seen[choice] = id_node.start_mark.line + 1
            choices.append(choice)
            labels.append(label or choice)
        if len(node.value) < 2:
            self.expected(node, where, "a list of at least two answers")
            return None
        if len(choices) != len(node.value):
            return None
        if labels == choices:
            labels = []
        return AnswerType.CHOICE, tuple(choices), tuple(labels)

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

    def expressions(self, questions: tuple[Question, ...], scope: _Scope) -> tuple[Question, ...]:
        """Compile each question's `when` and `prefill`, now that every question is known."""
        compiled: list[Question] = []
        for position, question in enumerate(questions):
            i, item = self.question_items[question.id]
            here = f"questions[{i}]"
            assert isinstance(item, yaml.MappingNode)
            found = {str(key.value): value for key, value in item.value}
            when = prefill = offer = None
            if "offer" in found:
                offer = self.prefill(found["offer"], _join(here, "offer"), question, scope)
            if "when" in found:
                when = self.compile(
                    found["when"], _join(here, "when"), *scope.before(position, "when")
                )
            if "prefill" in found:
                prefill = self.prefill(found["prefill"], _join(here, "prefill"), question, scope)
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
                )
            )
        return tuple(compiled)

    def prefill(
        self, node: yaml.Node, where: str, question: Question, scope: _Scope
    ) -> Expr | None:
        variables, unavailable = scope.facts_only()
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
                default = self.prefill_answer(found["default"], _join(here, "default"), question)
                ok = ok and default is not None
                parts.append(f"else {default}")
                continue
            if set(found) != {"when", "answer"}:
                missing = "answer" if "when" in found else "when"
                self.fail(item, here, f"missing key '{missing}'")
                ok = False
                continue
            condition = self.compile(found["when"], _join(here, "when"), variables, unavailable)
            if _is_null(found["answer"]):
                # Nothing is known that could suggest an answer: suggest none.
                if condition is None:
                    ok = False
                    continue
                branches.append((condition, None))
                parts.append(f"nothing if {condition.source}")
                continue
            answer = self.prefill_answer(found["answer"], _join(here, "answer"), question)
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
        self, node: yaml.Node, where: str, scale: tuple[ScaleLevel, ...], scope: _Scope
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
                verdict = self.verdict(found["default"], _join(here, "default"), levels)
                if verdict is not None:
                    rules.append(Rule(None, verdict, "default", reason, line))
                continue
            for key in ("when", "verdict"):
                if key not in found:
                    self.fail(item, here, f"missing key '{key}'")
            if "when" not in found or "verdict" not in found:
                continue
            when = self.compile(found["when"], _join(here, "when"), variables, unavailable)
            verdict = self.verdict(found["verdict"], _join(here, "verdict"), levels)
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

    def grade(self, node: yaml.Node, where: str, scope: _Scope) -> Grade | None:
        found = self.mapping(node, where, ("source", "credibility"), ("source", "credibility"))
        if found is None or len(found) < 2:
            return None
        source = self.grade_rules(
            found["source"], _join(where, "source"), "letter", SOURCE_RELIABILITY, scope
        )
        credibility = self.grade_rules(
            found["credibility"],
            _join(where, "credibility"),
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
        scope: _Scope,
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
            value = self.text(found[value_key], _join(here, value_key), f"one of {allowed}")
            if value is not None and value not in values:
                self.expected(found[value_key], _join(here, value_key), f"one of {allowed}")
                value = None
            when = None
            if not is_default:
                when = self.compile(found["when"], _join(here, "when"), variables, unavailable)
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


_ID_WHAT = "an id of lower-case letters, digits, '-' and '_'"
_QUESTION_ID_WHAT = "a question id of lower-case letters, digits and '_', starting with a letter"
_CHOICE_WHAT = "an answer id of letters, digits, '_', '-' and '+'"
_ANSWERS_WHAT = "a list of strings, or one of yes-no, yes-no-unclear, scale, text, url"


class _Scope:
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

    def facts_only(self) -> tuple[dict[str, Variable], dict[str, str]]:
        """Names a prefill may read: the facts, never answers."""
        unavailable = {
            question.id: f"prefill can use only claim and source facts, not the answer "
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


# --- analysis ----------------------------------------------------------------------------------


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


class ChecklistTooComplex(ChecklistError):
    """The enumeration exceeded MAX_STATES."""


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


def analyse_checklist(checklist: Checklist) -> Analysis:
    """Enumerate every reachable combination of answers and facts; count asks and decisions."""
    started = time.perf_counter()
    search = _Search(checklist)
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

    def __init__(self) -> None:
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
        out: list[int] = []
        for item in items:
            if item in self.values:
                if (self.values[item] is True) == is_or:
                    return stop
                continue
            if item not in out:
                out.append(item)
        if not out:
            return keep
        if len(out) == 1:
            return out[0]
        names = frozenset().union(*(self.names[item] for item in out))
        return self.make(("or" if is_or else "and", tuple(out)), names)

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
        self.formulas = _Formulas()
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
        key = (step, state)
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        if len(self.memo) >= MAX_STATES:
            raise ChecklistTooComplex(
                f"more than {MAX_STATES:,} distinct states to check; split the rules or "
                "use fewer answers"
            )
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
        whens = tuple(
            formula if name not in names[formula] else substitute(formula, name, value, key)
            for formula in state[0]
        )
        groups: list[_RuleList] = []
        for group in state[1:]:
            if any(name in names[formula] for _, formula in group):
                group = self.trim(
                    tuple(
                        (index, substitute(formula, name, value, key)) for index, formula in group
                    )
                )
            groups.append(group)
        return (whens, groups[0], groups[1], groups[2])


def _add(total: list[int], vector: Sequence[int], weight: int) -> list[int]:
    """total + weight * vector, element by element."""
    if weight == 1:
        return list(map(operator.add, total, vector))
    return list(map(operator.add, total, map(operator.mul, vector, itertools.repeat(weight))))


# --- validation --------------------------------------------------------------------------------


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
    try:
        analysis = analyse_checklist(checklist)
    except ChecklistTooComplex as exc:
        problem = Problem(shown, 0, "", f"cannot prove: {exc}")
        return Validation(
            str(name_or_path), checklist, None, (problem,), time.perf_counter() - started
        )
    problems = check_analysis(checklist, analysis, shown)
    return Validation(
        str(name_or_path), checklist, analysis, tuple(problems), time.perf_counter() - started
    )


def check_analysis(checklist: Checklist, analysis: Analysis, shown: str) -> list[Problem]:
    """Turn an analysis into problems: questions never asked, rules that never fire."""
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
                    f"rule can never fire: {_why_dead(checklist, rule.when)}",
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
                            f"rule can never fire: {_why_dead(checklist, grade_rule.when)}",
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


def _why_dead(checklist: Checklist, when: Expr) -> str:
    alone = _Search(checklist, [when, None], grade_rules=False)
    try:
        holds = alone.run()[alone.n_q]
    except ChecklistTooComplex:
        return f"'{when.source}' never holds, or an earlier rule always decides first"
    if holds:
        return f"every combination where '{when.source}' holds is decided by an earlier rule"
    return f"'{when.source}' never holds for any answers that can be given"

"""Stage ⑤ checklist: finding and loading checklist files with strict, located errors.

A checklist is read with PyYAML's safe composer (:mod:`factcheck.yamlio`), so every node keeps its
line; unknown keys, unsafe tags and wrong types are errors that name the file, the line, the path
inside the document and what was expected. Expressions are compiled by
:mod:`factcheck.checklist.rules` against the questions before them and the facts of
:mod:`factcheck.checklist.facts`. The model itself is in :mod:`factcheck.checklist.model`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from factcheck import regexes
from factcheck.checklist.answers import read_keyword
from factcheck.checklist.expr import KEYWORDS
from factcheck.checklist.model import (
    INFORMATION_CREDIBILITY,
    MAX_CHOICES,
    MAX_FILE_BYTES,
    MAX_QUESTIONS,
    MAX_WORK,
    PRESETS,
    SCALE_ANSWERS,
    SOURCE_RELIABILITY,
    AnswerType,
    Checklist,
    ChecklistLoadError,
    Grade,
    GradeRule,
    Problem,
    Question,
    QuestionKind,
    Rule,
    ScaleLevel,
    Severity,
)
from factcheck.checklist.rules import RuleReader, Scope
from factcheck.errors import ChecklistError
from factcheck.files import TooLarge, missing_file, read_limited, resolved
from factcheck.yamlio import TAG, YamlSyntaxError, compose, join

__all__ = [
    "INFORMATION_CREDIBILITY",
    "MAX_FILE_BYTES",
    "MAX_QUESTIONS",
    "MAX_WORK",
    "PRESETS",
    "SCALE_ANSWERS",
    "SOURCE_RELIABILITY",
    "AnswerType",
    "Checklist",
    "ChecklistLoadError",
    "Grade",
    "GradeRule",
    "Problem",
    "Question",
    "QuestionKind",
    "Rule",
    "ScaleLevel",
    "Severity",
]

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
    if isinstance(name_or_path, str) and not name_or_path.strip():
        # Path('') is the working folder: say what is missing instead of "is a folder".
        names = ", ".join(builtin_names())
        raise ChecklistError(
            f"empty checklist name (built-in: {names}); give a name or the path to a YAML file"
        )
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
        return str(resolved(path).relative_to(Path.cwd().resolve()))
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
        return read_limited(path, MAX_FILE_BYTES)
    except TooLarge:
        raise ChecklistError(f"{shown}: larger than {MAX_FILE_BYTES:,} bytes") from None
    except FileNotFoundError:
        raise ChecklistError(f"{shown}: {missing_file(path)}") from None
    except IsADirectoryError:
        raise ChecklistError(f"{shown}: is a folder, expected a YAML file") from None
    except OSError as exc:
        raise ChecklistError(f"{shown}: cannot read ({exc.strerror})") from None


# --- loader ---------------------------------------------------------------------------------------

_ID = regexes.compile(r"[a-z0-9][a-z0-9_-]*")
_QUESTION_ID = regexes.compile(r"[a-z][a-z0-9_]*")
_CHOICE = regexes.compile(r"[A-Za-z0-9_][A-Za-z0-9_+-]*")
_COLOUR = regexes.compile(r"#[0-9a-fA-F]{6}|[a-z]+(?:_[a-z0-9]+)*[0-9]*")

_QUESTION_KEYS = (
    "id",
    "ask",
    "help",
    "kind",
    "internal",
    "answers",
    "ordered",
    "required",
    "when",
    "prefill",
    "offer",
)
_TOP_KEYS = ("id", "name", "version", "description", "scale", "questions", "verdicts", "grade")
_LEVEL_KEYS = ("id", "label", "description", "colour")


def parse_checklist(data: bytes, path: Path, shown: str | None = None) -> Checklist:
    """Parse and check a checklist from the bytes of its file."""
    shown = str(path) if shown is None else shown
    reader = _Reader(shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistError(f"{shown}: not UTF-8 text (byte {exc.start})") from None
    try:
        root = compose(text)
    except YamlSyntaxError as exc:
        context = f" ({exc.context})" if exc.context and exc.context != exc.problem else ""
        reader.fail_at(exc.line or 1, "", f"invalid YAML: {exc.problem}{context}")
        raise ChecklistLoadError(reader.problems) from None
    if root is None:
        reader.fail_at(
            1,
            "",
            "expected a mapping with id, name, version, scale, questions, "
            "verdicts; the file is empty",
        )
        raise ChecklistLoadError(reader.problems)
    reader.check_tags(root)
    if reader.problems:
        raise ChecklistLoadError(reader.problems)
    checklist = reader.checklist(root, path, hashlib.sha256(data).hexdigest())
    if reader.problems or checklist is None:
        raise ChecklistLoadError(reader.problems)
    return checklist


class _Reader(RuleReader):
    """Walks the composed YAML, collecting every problem instead of stopping at the first."""

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
        scope = Scope(questions)
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

    def version(self, node: yaml.Node, where: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{TAG}int":
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
                    join(here, "id"),
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
            ordered = self.optional(found, "ordered", here, self.boolean) or False
            if ordered and answers is not None and answers[0] is not AnswerType.CHOICE:
                self.fail(
                    found["ordered"],
                    join(here, "ordered"),
                    f"only a list of answers can be ordered, not {answers[0]} answers"
                    + (" (a scale is ordered already)" if answers[0] is AnswerType.SCALE else ""),
                )
            marked = self.optional(found, "kind", here, self.question_kind)
            if marked is QuestionKind.FINDING and "prefill" in found:
                self.fail(
                    found["prefill"],
                    join(here, "prefill"),
                    "a finding of the reviewer's research is never prefilled; "
                    "use 'offer' for evidence from a case or known fact-checks, "
                    "or mark the question 'kind: article'",
                )
            if marked is not QuestionKind.FINDING and "offer" in found:
                self.fail(
                    found["offer"],
                    join(here, "offer"),
                    "only a finding ('kind: finding') takes an offer; "
                    "a question about the article uses 'prefill'",
                )
            if ident is not None and ident in seen:
                self.fail(
                    found["id"],
                    join(here, "id"),
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
                    ordered=ordered,
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
            named = read_keyword(str(node.value))
            if named is not None:
                return named[0], named[1], ()
        if not isinstance(node, yaml.SequenceNode):
            self.expected(node, where, _ANSWERS_WHAT)
            return None
        choices: list[str] = []
        labels: list[str] = []
        seen: dict[str, tuple[str, int]] = {}
        for i, item in enumerate(node.value):
            here = f"{where}[{i}]"
            label: str | None = None
            if isinstance(item, yaml.MappingNode):
                found = self.mapping(item, here, ("id", "label"), ("id", "label"))
                if found is None or "id" not in found or "label" not in found:
                    continue
                choice = self.word(found["id"], join(here, "id"), _CHOICE, _CHOICE_WHAT)
                label = self.text(found["label"], join(here, "label"))
                id_node = found["id"]
            elif isinstance(item, yaml.ScalarNode):
                choice = self.word(item, here, _CHOICE, _CHOICE_WHAT)
                id_node = item
            else:
                self.expected(item, here, "an answer id, or a mapping with id and label")
                continue
            if choice is None:
                continue
            # An answer given by hand or in an answers file is matched in any case: 'Yes' and
            # 'yes' would be taken for one another.
            folded = choice.casefold()
            if folded in seen:
                first, line = seen[folded]
                also = "" if first == choice else f", as '{first}': answers are read in any case"
                self.fail(
                    id_node, here, f"duplicate answer '{choice}' (first at line {line}{also})"
                )
                continue
            seen[folded] = (choice, id_node.start_mark.line + 1)
            choices.append(choice)
            labels.append(label or choice)
        if len(node.value) < 2:
            self.expected(node, where, "a list of at least two answers")
            return None
        if len(node.value) > MAX_CHOICES:
            # Only a scripted review could give the others, and validate would count them.
            self.fail(
                node,
                where,
                f"expected at most {MAX_CHOICES} answers (a review answers each with one key, "
                f"1 to {MAX_CHOICES}), got {len(node.value)}",
            )
            return None
        if len(choices) != len(node.value):
            return None
        if labels == choices:
            labels = []
        return AnswerType.CHOICE, tuple(choices), tuple(labels)


_ID_WHAT = "an id of ASCII lower-case letters, digits, '-' and '_', not starting with '-' or '_'"
_QUESTION_ID_WHAT = (
    "a question id of ASCII lower-case letters, digits and '_', starting with a letter"
)
_CHOICE_WHAT = (
    "an answer id of ASCII letters, digits, '_', '-' and '+', not starting with '-' or '+'"
)
_ANSWERS_WHAT = "a list of strings, or one of yes-no, yes-no-unclear, scale, text, url"

"""Stage ⑤ checklist: the kinds of answer a question takes, one registry for every place that
branches on them.

Each kind says how `answers:` names it in a checklist file (read), whether a value is an answer
(check), what an answer is worth in expressions (value) and which keys answer it in a review
(keys). :func:`answer_kind` is the one place that maps an :class:`AnswerType` to its kind; mypy's
``assert_never`` there makes a type added to the enum and not given a kind an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, assert_never
from urllib.parse import urlsplit

from factcheck.checklist.model import PRESETS, SCALE_ANSWERS, AnswerType
from factcheck.invisible import has_invisible

if TYPE_CHECKING:
    from factcheck.checklist.expr import Value
    from factcheck.checklist.model import Question


def is_http_url(text: str) -> bool:
    """Whether text is an absolute http(s) URL with a host and no whitespace."""
    if text.split() != [text]:  # empty, or whitespace in it
        return False
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and bool(host) and port_ok


def address_problem(text: str) -> str | None:
    """Why TEXT cannot be recorded as a new address a report publishes (evidence, the article's
    URL), or None: it must be an http(s) URL without controls or invisible characters (stored
    raw, the report would link somewhere else than what was typed) and without a user name or
    password (the report would publish them)."""
    if not is_http_url(text) or has_invisible(text):
        return f"expected an http(s) URL, got {text!r}"
    if "@" in urlsplit(text).netloc:
        return (
            "an address with a user name or password would be published with the report; "
            "give it without them"
        )
    return None


class AnswerKind(Protocol):
    """What a kind of answer needs from the loader, the worksheet, the rules and the review."""

    type: AnswerType
    """The type questions of this kind have."""

    def read(self, keyword: str) -> tuple[str, ...] | None:
        """The choices that `answers: KEYWORD` gives this kind, or None if the keyword is not
        one of its names."""
        ...

    def check(self, question: Question, value: str) -> str | None:
        """Why value is not an answer to the question (a message's tail), or None if it is."""
        ...

    def value(self, question: Question, answer: str) -> Value:
        """An answer, already checked, as expressions see it."""
        ...

    def keys(self, question: Question) -> dict[str, str]:
        """Single keys that answer the question in a review, key → answer."""
        ...


def _numbered(question: Question) -> dict[str, str]:
    """Key → choice: each choice by its place, 1 to 9; but when some choices are digits
    (`[none, "1", "2", "3+"]`), each of those by its own digit and the others by the digits
    left, one that starts the choice first: no digit gives an answer spelled with another."""
    choices = question.choices
    keys = {choice: choice for choice in choices if len(choice) == 1 and choice.isdigit()}
    if not keys:
        return {str(index): choice for index, choice in enumerate(choices[:9], start=1)}
    rest = [choice for choice in choices if choice not in keys]
    for choice in rest:
        if choice[0].isdigit() and choice[0] not in keys:
            keys[choice[0]] = choice
    free = iter(digit for digit in "123456789" if digit not in keys)
    for choice in rest:
        if choice not in keys.values() and (digit := next(free, None)) is not None:
            keys[digit] = choice
    return keys


class ChoiceAnswers:
    """One of a list of answers (`[yes, no, unclear]`, `yes-no`)."""

    type = AnswerType.CHOICE

    def read(self, keyword: str) -> tuple[str, ...] | None:
        return PRESETS.get(keyword)

    def check(self, question: Question, value: str) -> str | None:
        if value not in question.choices:
            return f"expected one of {', '.join(question.choices)}, got {value!r}"
        return None

    def value(self, question: Question, answer: str) -> Value:
        return answer

    def keys(self, question: Question) -> dict[str, str]:
        return _numbered(question)


class ScaleAnswers(ChoiceAnswers):
    """A rating from 1 to 5; a number in expressions."""

    type = AnswerType.SCALE

    def read(self, keyword: str) -> tuple[str, ...] | None:
        return SCALE_ANSWERS if keyword == "scale" else None

    def value(self, question: Question, answer: str) -> Value:
        return int(answer)

    def keys(self, question: Question) -> dict[str, str]:
        # A level is answered with its own digit.
        return {choice: choice for choice in question.choices if choice.isdigit()}


class TextAnswers:
    """Free text, typed after a key; expressions see whether it is given."""

    type = AnswerType.TEXT

    def read(self, keyword: str) -> tuple[str, ...] | None:
        return () if keyword == self.type.value else None

    def check(self, question: Question, value: str) -> str | None:
        return None if value.strip() else "expected some text, got an empty string"

    def value(self, question: Question, answer: str) -> Value:
        return answer

    def keys(self, question: Question) -> dict[str, str]:
        return {}


class UrlAnswers(TextAnswers):
    """A web address (http or https)."""

    type = AnswerType.URL

    def check(self, question: Question, value: str) -> str | None:
        return None if is_http_url(value) else f"expected an http(s) URL, got {value!r}"


_CHOICE = ChoiceAnswers()
_SCALE = ScaleAnswers()
_TEXT = TextAnswers()
_URL_KIND = UrlAnswers()


def answer_kind(answer_type: AnswerType) -> AnswerKind:
    """The kind of answer of a question type."""
    match answer_type:
        case AnswerType.CHOICE:
            return _CHOICE
        case AnswerType.SCALE:
            return _SCALE
        case AnswerType.TEXT:
            return _TEXT
        case AnswerType.URL:
            return _URL_KIND
        case _:
            assert_never(answer_type)


ANSWER_KINDS: dict[AnswerType, AnswerKind] = {t: answer_kind(t) for t in AnswerType}
"""Every kind of answer, by type."""


def read_keyword(keyword: str) -> tuple[AnswerType, tuple[str, ...]] | None:
    """The type and choices that `answers: KEYWORD` names (yes-no, scale, text, ...), or None."""
    for answer_type, kind in ANSWER_KINDS.items():
        choices = kind.read(keyword)
        if choices is not None:
            return answer_type, choices
    return None

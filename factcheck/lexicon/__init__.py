"""Language data: word lists and models kept as files, one folder per language.

Each language is a folder beside this file (``en/``) holding one word list per ``.txt`` file (one
entry per line; ``#`` starts a comment; blank lines are ignored) and the check-worthiness model.
Code asks for a list by name and gets a frozen set, read once and cached. A second language is a
new folder with the same file names and its own model, plus an entry in ``LANGUAGES``.

A page pasted as text keeps its site's furniture in the site's language whatever language its
story is read in: ``PAGE_LANGUAGES`` are the other languages whose dates and bylines are read at
the top of such a page, and whose furniture (a reading time, the label of a box of links, a
comment policy) is told from the story, each a folder holding only the lists ``PAGE_LISTS`` name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent
"""The folder holding one sub-folder per language."""


@dataclass(frozen=True, slots=True)
class Language:
    """Everything language-specific that the extraction stages need."""

    code: str
    """The language's code, as sentencex and the lexicon folder name it (``en``)."""
    model: str = "checkworthiness.json"
    """The check-worthiness model's file name inside the language folder."""

    @property
    def folder(self) -> Path:
        """The language's lexicon folder."""
        return LEXICON_DIR / self.code

    @property
    def model_path(self) -> Path:
        """The check-worthiness model of this language."""
        return self.folder / self.model


LANGUAGES: dict[str, Language] = {"en": Language("en")}
"""Every language the package ships, by code."""

DEFAULT_LANGUAGE = LANGUAGES["en"]
"""The language used when none is named."""

PAGE_LANGUAGES: tuple[str, ...] = ("de", "es", "fr", "it", "nl", "pt")
"""The languages besides English whose page furniture is read in a page: its date, its byline,
its reading time, the labels of its boxes of links, its comment form and policy and the times
told from now over comments. They are not languages of the pipeline (no model, no claims): each
folder holds only the lists in ``PAGE_LISTS``."""

PAGE_LISTS: tuple[str, ...] = (
    "months",
    "weekdays",
    "byline_words",
    "byline_stopwords",
    "name_joiners",
    "published_words",
    "updated_words",
    "date_joiners",
    "time_words",
    "reading_time_labels",
    "minute_words",
    "related_labels",
    "byline_roles",
    "comment_words",
    "moderation_words",
    "comment_labels",
    "ago_phrases",
)
"""The word lists each of ``PAGE_LANGUAGES`` has, by name."""


def folder(language: str) -> Path:
    """The lexicon folder of ``language``: a language of the pipeline or of page furniture."""
    if language in LANGUAGES:
        return LANGUAGES[language].folder
    if language in PAGE_LANGUAGES:
        return LEXICON_DIR / language
    raise KeyError(language)


@cache
def entries(name: str, language: str = DEFAULT_LANGUAGE.code) -> tuple[str, ...]:
    """The entries of word list ``name`` in file order, comments and blank lines left out."""
    path = folder(language) / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    stripped = (line.split("#", 1)[0].strip() for line in lines)
    return tuple(line for line in stripped if line)


@cache
def words(name: str, language: str = DEFAULT_LANGUAGE.code) -> frozenset[str]:
    """Word list ``name`` of ``language`` as a set, read once."""
    return frozenset(entries(name, language))


def longest_first(items: Iterable[str]) -> list[str]:
    """Words in the order a regex alternation of them needs, the longest first (so none stops at
    a shorter one that begins it), and in one fixed order whatever order a set gives them in."""
    return sorted(items, key=lambda item: (-len(item), item))


@cache
def months(language: str = DEFAULT_LANGUAGE.code) -> tuple[tuple[str, ...], ...]:
    """The month names of ``language``: one tuple per month in calendar order, lower-case, the
    full name first and then its abbreviations.

    ``months.txt`` lists the twelve full names in calendar order, then the abbreviations; each
    abbreviation belongs to the month whose name it begins.
    """
    names = entries("months", language)
    full, short = names[:12], names[12:]
    return tuple((name, *(s for s in short if name.startswith(s))) for name in full)


@cache
def page_words(name: str) -> frozenset[str]:
    """Word list ``name`` of every one of ``PAGE_LANGUAGES`` as one set, read once."""
    return frozenset(word for code in PAGE_LANGUAGES for word in entries(name, code))

"""Stage ② segment, bylines in the languages of pasted pages: "Von Jana Roth", "Par Jeanne Roux,
le 5 mars 2024", "Publicado em 5 de março de 2024 por Maria Silva".

A byline's word ("Von", "Par", "Por", "Di", "Door") is also a common preposition, so a line is a
byline only when the words after it have the shape of people's names (capitalised words, name
particles between them, as ``clean_byline`` checks) and the first of them opens no sentence or
headline: "Von der Leyen sagte …", "Por qué …", "Par exemple", "Di recente", "Door de regen".
"""

from __future__ import annotations

import re
from functools import cache

from factcheck import regexes
from factcheck.extract.bylines import clean_byline
from factcheck.extract.segment_dates import PAGE_DATE, PAGE_PREFIX, SEP, words_as_written
from factcheck.extract.segment_text import UPPER
from factcheck.lexicon import LANGUAGES, PAGE_LANGUAGES, entries, longest_first, page_words, words
from factcheck.lexicon import months as lexicon_months

_BY = words_as_written(page_words("byline_words"))
_CAPITALISED = rf"[{UPPER}][\w’'.-]*"
_PARTICLE = "|".join(longest_first(words("name_particles")))
_PERSON = rf"{_CAPITALISED}(?:\s+(?:(?:{_PARTICLE})\s+)*{_CAPITALISED}){{1,4}}"
_JOINED = "|".join(longest_first(page_words("name_joiners")))
# The fewest names first, so that a role after them ("Von Jana Roth, Leitende Redakteurin") is
# read as a role before it is read as one more name.
_NAMES = rf"{_PERSON}(?:\s*(?:,|&)\s*{_PERSON}|\s+(?:{_JOINED})\s+{_PERSON}){{0,3}}?"
_ROLE = (
    rf"(?:[\w’'-]+\s+){{0,2}}{words_as_written(page_words('byline_roles'))}(?:\s+[\w’'-]+){{0,4}}"
)
"""A journalist's role after the names, with a few words around it: "Redakteurin",
"journaliste au service politique"."""
_DATED = rf"(?:{PAGE_PREFIX})?{PAGE_DATE}"
_BY_WORD_RE = regexes.compile(rf"(?<![\w’'-]){_BY}\s+[{UPPER}]")
"""A byline's word before a capital, the least a byline of this kind holds."""


@cache
def _page_byline_re() -> re.Pattern[str]:
    """A byline with a date before or after it, compiled when a text first holds a byline's
    word before a capital: it is large, and English text seldom does."""
    return regexes.compile(
        rf"(?:{_DATED}{SEP})?(?P<by>{_BY})\s+(?P<names>{_NAMES})(?:\s*,\s*{_ROLE}\b)?"
        rf"(?:(?:{SEP}|\s+){_DATED})?"
    )


def page_byline(piece: str) -> str | None:
    """The names of PIECE as printed when it is a byline in one of the languages of pasted pages,
    with a date before or after it ("Von Jana Roth", "Door Jan de Vries | 5 maart 2024"), else
    None."""
    if piece[:1] not in _FIRST_CHARS or _BY_WORD_RE.search(piece) is None:
        return None
    found = _page_byline_re().fullmatch(piece)
    if found is None:
        return None
    names = found.group("names")
    tokens = names.split()
    if tokens[0].lower() in _not_names() or any(t.lower() in _SMALL_WORDS for t in tokens):
        return None  # "Von Montag an …", "Door Slams Shut On Talks"
    return names if clean_byline(names) is not None else None


_SMALL_WORDS = words("headline_small_words")
"""Words a title-case headline leaves in lowercase: capitalised between names, a headline's."""


@cache
def _not_names() -> frozenset[str]:
    """Words that, first after a byline's word, open a sentence or a headline: the byline stop
    words, and the full names of months and days, of every language read ("Von Montag an …";
    an abbreviation such as "Jan" is a given name too)."""
    codes = (*LANGUAGES, *PAGE_LANGUAGES)
    months = {group[0] for code in codes for group in lexicon_months(code)}
    days = {name for code in codes for name in entries("weekdays", code)[:7]}
    stop = page_words("byline_stopwords") | {w.lower() for w in words("byline_stopwords")}
    return stop | months | days


_FIRST_CHARS = frozenset(
    "0123456789"
    + "".join(
        form[0]
        for name in ("byline_words", "published_words", "updated_words", "date_joiners", "weekdays")
        for word in page_words(name)
        for form in (word, word.capitalize(), word.upper())
    )
)
"""The characters a byline of this kind opens with: its word, or the date before it."""

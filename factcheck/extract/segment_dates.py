"""Stage ② segment, dates: datelines, time stamps and calendar dates as written in news pages.

The month and time-zone names come from the lexicon; the patterns here say how they combine.
Dates in the languages of pasted pages ("Dienstag, 5. März 2024, 14:30 Uhr", "5 de marzo de
2024") are read too, from the same lexicon's folders of those languages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache

from factcheck import regexes
from factcheck.extract.segment_text import KANA_HAN, LETTERS, UPPER, alternation
from factcheck.lexicon import PAGE_LANGUAGES, entries, longest_first, months, page_words

TIMEZONES = "|".join(entries("timezones"))
"""Time-zone abbreviations as a regex alternation."""
MONTH_NUMBERS = {name: number for number, names in enumerate(months(), start=1) for name in names}
"""Month names and their common abbreviations, lower-case, to the month's number."""
MONTH = "(?:" + "|".join(name.capitalize() for name in longest_first(MONTH_NUMBERS)) + r")\.?"
"""A capitalised month name or abbreviation, with an optional period, as a regex."""

_ZONE = rf"\s*(?:{TIMEZONES})\b(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?"
TIME = rf"\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.m\.|[AaPp][Mm]\b)(?:{_ZONE})?"
TIME_24 = (
    rf"\d{{1,2}}[:.]\d{{2}}(?::\d{{2}}(?:\.\d{{1,6}})?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?(?:{_ZONE})?"
)
"""A time of the 24-hour clock, its seconds and its offset from UTC as ISO 8601 writes them too:
"20:52", "20:52:15", "20:52:15Z", "20:52:15+01:00", "14.30 CET"."""
_AGO = r"\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago"
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_DATE_CORE = (
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{4}/\d{1,2}/\d{1,2}\b|\d{4}\.\d{2}\.\d{2}\b"
    r"|\d{4}\u5e74\d{1,2}\u6708\d{1,2}\u65e5"
    r"|\d{1,2}/\d{1,2}/\d{4}"
    r"|\d{1,2}\.\d{1,2}\.\d{4})"
)
DATE = rf"(?:{_WEEKDAY})?{_DATE_CORE}"


def words_as_written(names: Iterable[str]) -> str:
    """Lowercase words as a regex alternation that matches them in any case, as written in
    running text, capitalised at a line's start or in capitals ("märz", "März", "MÄRZ"); the
    longest first, a space as any."""
    return f"(?i:{alternation(names)})"


PAGE_MONTH_NUMBERS = {
    name: number
    for code in PAGE_LANGUAGES
    for number, names in enumerate(months(code), start=1)
    for name in names
}
"""Month names and abbreviations of the languages of pasted pages, lower-case, to the month's
number."""
PAGE_MONTH = rf"{words_as_written(PAGE_MONTH_NUMBERS)}\.?"
"""A month name or abbreviation of the languages of pasted pages, as a regex."""
_JOINER = words_as_written(page_words("date_joiners"))
_PAGE_DAY = r"(?:[012]?\d|3[01])(?:\.|er|º|°|ª)?"
_PAGE_DATE_CORE = (
    rf"(?:{_PAGE_DAY}\s+(?:{_JOINER}\s+)?{PAGE_MONTH},?\s+(?:{_JOINER}\s+)?\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_PAGE_WEEKDAY = rf"{words_as_written(page_words('weekdays'))}\.?,?\s+(?:{_JOINER}\s+)?"
_TIME_WORD = words_as_written(page_words("time_words"))
PAGE_TIME = (
    rf"(?:{_TIME_WORD}\s+)?\d{{1,2}}(?:[:.]\d{{2}}|\s?h\s?\d{{2}}|h\b)(?:\s*{_TIME_WORD}\b)?"
)
"""A time of day as pages in other languages write it: "14:30 Uhr", "à 14h30", "às 14h"."""
_STAMP_PREFIX = (
    r"(?:Last\s+[Uu]pdated|LAST\s+UPDATED|Updated|UPDATED|Published|PUBLISHED|Posted|POSTED|"
    r"Submitted|SUBMITTED|"
    r"First\s+published|Modified|Date)(?:\s+(?:[Oo]n|at))?\s*:?\s*"
)
SEP = r"\s*(?:[,|/·•–—-]|at)?\s*"
PAGE_DATE = rf"(?:{_PAGE_WEEKDAY})?{_PAGE_DATE_CORE}(?:{SEP}{PAGE_TIME})?"
"""A date, with its weekday and time, as pages in other languages write it: "Dienstag, 5. März
2024, 14:30 Uhr", "mardi 5 mars 2024 à 14h30", "5 de marzo de 2024"."""
_PAGE_LABEL = words_as_written(page_words("published_words") | page_words("updated_words"))
PAGE_PREFIX = rf"(?:{_PAGE_LABEL}(?:\s+{_JOINER})?\s*:?\s*|{_JOINER}\s+)"
"""A label of publication or change before a date, or a date's preposition: "Veröffentlicht
am", "Publié le", "le"."""
_PAGE_YEAR_RE = regexes.compile(
    rf"(?<=\s){PAGE_MONTH},?\s+(?:{_JOINER}\s+)?\d{{4}}|\d[./]\d{{4}}\b"
)
"""A month of another language and a year, or the end of a numeric date: what a date line in
another language holds at least. In such a line a month's name follows a space (after its day
or a joiner): the search tries the names only there, four times faster than at every letter."""
_YEAR_DIGITS_RE = regexes.compile(r"\d{4}")


@cache
def _page_dateline_re() -> re.Pattern[str]:
    return regexes.compile(rf"(?:{SEP}(?:{PAGE_PREFIX})?{PAGE_DATE})+\.?")


def is_page_dateline(piece: str) -> bool:
    """Whether PIECE is a line of dates in another language: "Veröffentlicht am 5. März 2024,
    aktualisiert am 6. März 2024". Its pattern is compiled when a text first holds a month of
    such a language and a year: it is large, and English text seldom does."""
    return (
        _YEAR_DIGITS_RE.search(piece) is not None  # a cheap test first: each date ends in a year
        and _PAGE_YEAR_RE.search(piece) is not None
        and _page_dateline_re().fullmatch(piece) is not None
    )


_AGO_MAX_CHARS = 48
"""The most characters of a time told from now in a page language with its label: "Publicado
hace 2 horas" has 22."""


def is_page_ago(piece: str) -> bool:
    """Whether PIECE is a time told from now in a page language, alone on its line: "hace 2
    horas", "vor einer Stunde", "Aggiornato 3 ore fa"."""
    return (
        len(piece) <= _AGO_MAX_CHARS
        and not _ago_markers().isdisjoint(piece.lower().split())
        and _page_ago_re().fullmatch(piece) is not None
    )


@cache
def _ago_markers() -> frozenset[str]:
    """A word that each phrase of ``ago_phrases`` holds besides its number: its first ("hace",
    "vor", "il") or, where the number opens it, its last ("fa", "geleden", "atrás"). A line
    without one is no such phrase, and the large pattern is compiled only for a line with one."""
    return frozenset(
        phrase.split()[-1] if phrase.startswith("N ") else phrase.split()[0]
        for phrase in page_words("ago_phrases")
    )


@cache
def _page_ago_re() -> re.Pattern[str]:
    """The phrases of ``ago_phrases`` in any case, a figure for their N, after an optional label
    of publication or change; compiled when a text first has a short line to test."""
    phrases = longest_first(page_words("ago_phrases"))
    forms = (re.escape(p).replace("N", r"\d{1,3}").replace(r"\ ", r"\s+") for p in phrases)
    return regexes.compile(rf"(?:{_PAGE_LABEL}\s*:?\s*)?(?i:{'|'.join(forms)})\.?")


READING_TIME_MAX_CHARS = 60
"""The most characters of a reading time's line: "Tempo estimado de leitura: 12 minutos" has 37."""


@cache
def _stems(name: str) -> tuple[str, ...]:
    """The words of list NAME of the languages of pasted pages that hold no other of its words
    ("lesezeit", "lectura", "min"): a text holding one of the list's words holds one of them."""
    found = page_words(name)
    return tuple(sorted(w for w in found if not any(o != w and o in w for o in found)))


@cache
def _page_reading_time_re() -> re.Pattern[str]:
    """A reading time's label and its minutes, either way round (compiled on first use)."""
    label = words_as_written(page_words("reading_time_labels"))
    unit = words_as_written(page_words("minute_words"))
    minutes = rf"\d{{1,3}}(?:\s*[-–]\s*\d{{1,3}})?\s*{unit}\.?"
    # "4 min de lecture", "3 minuti di lettura": a short word may come between.
    after = rf"{minutes}\s+(?:[{LETTERS}]{{1,3}}\s+)?{label}\.?"
    return regexes.compile(rf"(?:{label}\s*[:|·•–-]?\s*{minutes}|{after})")


def is_page_reading_time(piece: str) -> bool:
    """Whether PIECE is a reading time in another language: "Lesezeit: 3 Minuten", "3 Min.
    Lesezeit", "Temps de lecture : 4 min". Its pattern is compiled when a short line first
    holds a figure, a label's word and a word for minutes, as English text seldom does: this
    runs on many short lines."""
    if len(piece) > READING_TIME_MAX_CHARS or _DIGIT_RE.search(piece) is None:
        return False
    lowered = piece.lower()
    if not any(map(lowered.__contains__, _stems("reading_time_labels"))) or not any(
        map(lowered.__contains__, _stems("minute_words"))
    ):
        return False
    return _page_reading_time_re().fullmatch(piece) is not None


_DIGIT_RE = regexes.compile(r"\d")
READING_TIME_OPENINGS = frozenset(
    form[:2]
    for label in page_words("reading_time_labels")
    for form in (label, label.capitalize(), label.upper())
)
"""The first two characters of a reading time's label in another language, as written ("le",
"Le", "LE"): such a reading time opens with them or with its figure."""


PAGE_UPDATED_RE = regexes.compile(
    rf"(?<![{LETTERS}]){words_as_written(page_words('updated_words'))}(?:\s+{_JOINER})?\s*:?"
    rf"(?:\s*\Z|\s*(?=\d)|\s+(?={words_as_written(page_words('weekdays'))}))"
)
"""A label of change in another language before a date, or ending a line cut from its date:
"Aktualisiert am 6. März 2024", "Stand: 06.03.2024", "mis à jour le"; a date after it is when
the piece was changed. The same word before anything else is no label ("Stand News")."""
_STAMP = rf"(?:{DATE}(?:(?:{SEP}|T)(?:{TIME}|{TIME_24}))?|(?:{TIME}|{TIME_24}){SEP}{DATE})"
DATELINE_RE = regexes.compile(
    rf"(?:{_STAMP_PREFIX})?{_STAMP}(?:{SEP}(?:{_STAMP_PREFIX})?(?:{_STAMP}|{TIME}|{_AGO}))*\.?"
)
_LINE_NAME = r"[A-Z][\w.&'\u2019-]*(?:[ ][A-Z0-9&][\w.&'\u2019-]*){0,4}"
PLACED_DATELINE_RE = regexes.compile(
    rf"(?:(?!(?:By|BY)\s){_LINE_NAME},\s+(?={DATE}))?{DATELINE_RE.pattern}"
    rf"(?:\s*[|\u00b7\u2022]\s*(?:[a-z0-9][\w-]*\.)*{_LINE_NAME})?"
)
"""A dateline line with a place before it or an outlet after it, as pasted text often has at
the top: "New Delhi, 3 June 2024", "June 3, 2024 | Example.com"."""
UPDATED_TIME_RE = regexes.compile(
    rf"(?:{_STAMP_PREFIX}(?:{_WEEKDAY})?|(?:Today|Yesterday|TODAY|YESTERDAY),?\s*(?:at\s+)?"
    # a weekday and the time, as a teaser or a story of the week is stamped: "Monday 6:30PM"
    rf"|{_WEEKDAY}(?:at\s+)?(?=\d))"
    rf"(?:{TIME}|{TIME_24}|{_AGO})"
    rf"(?:{SEP}(?:{_STAMP_PREFIX})?(?:{_STAMP}|{TIME}|{_AGO}))*"
)
AGO_RE = regexes.compile(rf"(?:[Pp]osted\s+)?{_AGO}(?:\s+at\s+(?:{TIME}|{TIME_24}))?")
"""A time told from now, alone on its line under a comment or a teaser: "2 days ago at 7:52 am"."""


def is_time_ago(piece: str) -> bool:
    """Whether PIECE is a time told from now alone on its line, in English ("3 hours ago", "2
    days ago at 7:52 am") or in a page language ("hace 2 horas")."""
    return AGO_RE.fullmatch(piece) is not None or is_page_ago(piece)


@cache
def trailing_date_re() -> re.Pattern[str]:
    """A date or a time stamp ending a piece after a word ("… military room May 31, 2021"),
    compiled when a text first needs it: it is large, and few pieces end in a figure."""
    return regexes.compile(rf"(?<=[\w’'”)])\s+((?:{_STAMP_PREFIX})?{_STAMP})\Z")


LEADING_DATE_RE = regexes.compile(rf"(?:{_STAMP_PREFIX})?{_STAMP}(?=\s+[“\"‘]?[{UPPER}{KANA_HAN}])")
"""A date opening a line before what follows it: a capital, or a kana or ideograph of Chinese
and Japanese, which have no capitals."""


@cache
def _find_date_re() -> re.Pattern[str]:
    """Each form of date ``parse_date`` reads, compiled when a text first needs it."""
    return regexes.compile(
        rf"(?P<mdy>(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))"
        rf"|(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}}))"
        r"|(?P<iso>(?P<y3>\d{4})(?:-(?P<m3>\d{2})-(?P<d3>\d{2})"
        r"|/(?P<m7>\d{1,2})/(?P<d7>\d{1,2})\b|\.(?P<m9>\d{2})\.(?P<d9>\d{2})\b"
        r"|\u5e74(?P<m8>\d{1,2})\u6708(?P<d8>\d{1,2})\u65e5))"
        r"|(?P<num>(?P<a4>\d{1,2})/(?P<b4>\d{1,2})/(?P<y4>\d{4}))"
        r"|(?P<dotted>(?P<d5>\d{1,2})\.(?P<m5>\d{1,2})\.(?P<y5>\d{4}))"
        rf"|(?P<page>(?P<d6>\d{{1,2}})(?:\.|er|º|°|ª)?\s+(?:{_JOINER}\s+)?(?P<m6>{PAGE_MONTH}),?\s+"
        rf"(?:{_JOINER}\s+)?(?P<y6>\d{{4}}))"
    )


def parse_date(text: str) -> str | None:
    """The first calendar date written in ``text`` as ISO YYYY-MM-DD, or None.

    Understands "May 31, 2021", "31 May 2021", dates year first ("2021-05-31", "2021/5/31",
    "2021.05.31", "2021年5月31日"), dates in the languages of pasted pages ("31. Mai 2021", "31 de
    mayo de 2021"), dates with dots, day first ("31.05.2021"), and numeric dates with slashes
    whose day is unambiguous ("31/05/2021", "05/31/2021"); "05/06/2021" is left alone.
    """
    for m in _find_date_re().finditer(text):
        if m.group("mdy"):
            year, month, day = m.group("y1"), _month_number(m.group("m1")), m.group("d1")
        elif m.group("dmy"):
            year, month, day = m.group("y2"), _month_number(m.group("m2")), m.group("d2")
        elif m.group("iso"):
            # Year first, then month and day, however written: 2021-05-31, 2021/5/31,
            # 2021.05.31, 2021年5月31日.
            year = m.group("y3")
            month_text, day = next(
                (m.group(f"m{n}"), m.group(f"d{n}")) for n in (3, 7, 8, 9) if m.group(f"m{n}")
            )
            month = int(month_text)
        elif m.group("page"):
            year, day = m.group("y6"), m.group("d6")
            month = PAGE_MONTH_NUMBERS[m.group("m6").rstrip(".").lower()]
        elif m.group("dotted"):
            # Day first: the countries that write dates with dots put the day before the month.
            year, month, day = m.group("y5"), int(m.group("m5")), m.group("d5")
        else:
            first, second = int(m.group("a4")), int(m.group("b4"))
            if first > 12 >= second:
                year, month, day = m.group("y4"), second, str(first)
            elif second > 12 >= first:
                year, month, day = m.group("y4"), first, str(second)
            else:
                continue
        try:
            return date(int(year), month, int(day)).isoformat()
        except ValueError:
            continue
    return None


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def today() -> date:
    """Today's date in UTC: no article is published later. $FACTCHECK_NOW (an ISO time such as
    2021-06-01T12:00:00Z) stands in for the clock, so that examples are reproducible."""
    pinned = os.environ.get("FACTCHECK_NOW", "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", pinned):
        try:
            return date.fromisoformat(pinned[:10])
        except ValueError:
            pass
    return datetime.now(UTC).date()

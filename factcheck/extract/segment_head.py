"""Stage ② segment, the head of pasted text: the lines above a headline that are not it.

Text copied from a web page often opens with the site's masthead ("Example Tribune Online"), its
navigation ("Home | News | Politics") or a section label ("Opinion") before the headline, and an
official text with its issuer and a label ("Ministry of Example Affairs", "Press Release"). Each
is told by its shape alone, and only where a headline follows it: the headline is then looked
for after it. Below the headline, a byline may come without "By" ("Jane Roe, Senior Reporter").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

from factcheck import regexes
from factcheck.extract.segment_dates import DATE, MONTH_NUMBERS, SEP, TIME, TIME_24
from factcheck.lexicon import entries, words
from factcheck.models import SegmentKind


class Line(Protocol):
    """A line of the text as the segment stage holds it."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> SegmentKind | None: ...
    @property
    def terminal(self) -> bool: ...
    @property
    def words(self) -> int: ...


_CRUMB_SPLIT = regexes.compile(r"\s*[|>\u00bb\u203a\u2022\u00b7]\s*|\s+/\s+")
_CRUMB_WORDS = 3
"""The most words one step of a navigation trail has: "Home | World News | Middle East"."""
_LABEL_WORDS = 2
"""The most words a section label above a headline has: "Opinion", "World News"."""
_MASTHEAD_WORDS = 6
"""The most words a masthead has: "The Example Daily Tribune Online"."""
_ISSUER_WORDS = 12
"""The most words of an institution's name: "Office of the Example High Commissioner for Human
Rights"."""
_NAME_JOINS = frozenset({"of", "and", "for", "the", "&", "on"})
_WEB_NAME = regexes.compile(r"[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.[A-Za-z]{2,12}")
_NAME_PARTS = regexes.compile(r"[^\W\d_]+")
_GLUED_WORD = regexes.compile(r"(?<=[a-z0-9])[A-Z][a-z]+\b")
_EDITIONS = frozenset({"Online", "Live", "Digital", "Today", "Now"})
"""Words after an outlet's own word in a masthead: "Example Tribune Online"."""


def is_navigation(piece: str) -> bool:
    """A navigation trail or menu: two steps or more of a few words each, with no figure and
    no sentence's end ("Home | News | Politics", "Home > World > Africa")."""
    if piece.endswith((".", "!", "?")) or any(c.isdigit() for c in piece):
        return False
    steps = trail_steps(piece)
    return len(steps) >= 2 and all(len(step.split()) <= _CRUMB_WORDS for step in steps)


def trail_steps(piece: str) -> list[str]:
    """The steps of PIECE split at a navigation trail's marks ("Home > News > Ferry fares
    rise"): one step when it has none."""
    return [step for step in _CRUMB_SPLIT.split(piece) if step]


_ID_LINE = regexes.compile(
    r"(?:[A-Z][A-Za-z]*\s+){0,2}(?:ID|Id|No\.|Number|#)\s*:?\s*#?[A-Za-z-]{0,4}\d[\d-]*"
)


def is_id_line(piece: str) -> bool:
    """An article's number with its label: "Article ID: 48213", "Story No. 4821"."""
    return _ID_LINE.fullmatch(piece) is not None


def is_section_label(piece: str) -> bool:
    """A word or two standing above a headline: "Opinion", "World News", "EXCLUSIVE"."""
    names = piece.split()
    return len(names) <= _LABEL_WORDS and not any(c.isdigit() for c in piece)


def is_web_name(piece: str) -> bool:
    """A site's web name alone: "Example.com", "news.example.co.uk"."""
    return _WEB_NAME.fullmatch(piece) is not None


def is_masthead(piece: str) -> bool:
    """An outlet's name as a masthead: a web name ("Example.com") or a proper name whose last
    word is an outlet's word ("Example Tribune", "The Example Post Online"). A headline can
    have that shape too ("Senator Sues Example Times"): the caller asks for more evidence."""
    if is_web_name(piece):
        return True
    names = _proper_name(piece)
    if len(names) < 2 or any(name[-1] in ",:;" for name in names):
        return False  # "Photo: Jane Roe, AP" is a credit, "Roe, AP" a name and an agency
    last = names[-1]
    if last in _EDITIONS and len(names) > 2:
        last = names[-2]
    outlet_words = words("outlet_words")
    return last in outlet_words or last.title() in outlet_words


def is_issuer(piece: str) -> bool:
    """An institution's name as the issuer of an official text: "Ministry of Example Affairs",
    "Office of the Example Commissioner", "Ministry of Foreign Affairs of the Example
    Republic"."""
    names = _proper_name(piece, _ISSUER_WORDS)
    return (
        len(names) >= 3
        and names[0].lower() in words("organisation_heads")
        and (names[1] in ("of", "for"))
    )


def _issues(lines: Sequence[Line], i: int) -> bool:
    """Whether line I, an institution's name, stands over "Press Release" or a dateline."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    return following is not None and (
        following.kind is SegmentKind.DATELINE or is_release_label(following.text)
    )


def is_release_label(piece: str) -> bool:
    """What kind of official text follows: "Press Release", "STATEMENT"."""
    return piece.strip(" :-\u2013\u2014").lower() in words("release_labels")


def _proper_name(piece: str, longest: int = _MASTHEAD_WORDS) -> list[str]:
    """PIECE's words when it is a short proper name (capitalised words and the small words
    that join them, no figure; LONGEST words at most), else no words."""
    names = piece.split()
    if len(names) > longest or any(c.isdigit() for c in piece):
        return []
    capitalised = all(w[0].isupper() or w in _NAME_JOINS for w in names)
    return names if capitalised and names[0][0].isupper() else []


_HEAD_CREDITS = frozenset({SegmentKind.DATELINE, SegmentKind.BYLINE})
_HEAD_REACH = 40
"""The most lines between a line above the headline and the headline: a page's head is short,
and a text of thousands of navigation lines is read in linear time."""
_HEADLINE_WORDS = 3
"""The fewest words of a headline that lines above it are told apart from."""


def above_headline(
    lines: Sequence[Line],
    i: int,
    headline: Callable[[int], bool],
    furniture: Callable[[int], SegmentKind | None],
    longest: int,
) -> SegmentKind | None:
    """The kind of line ``i`` when it stands above the headline (or above the body of an
    official text): a masthead, an issuer, navigation, a label, an ID or any line of the page's
    furniture; None for any other line. ``headline(j)`` tells whether line ``j`` reads as a
    headline, ``furniture(j)`` what furniture its shape makes it; ``longest`` is the most words
    a headline has."""
    line = lines[i]
    if line.terminal or line.words > longest:
        return None
    piece = line.text
    reach = range(i + 1, min(len(lines), i + 1 + _HEAD_REACH))
    # The next line that may be the headline: labels of a word or two stacked between ("Menu",
    # "Subscribe", "Nutrition") are passed over, each told apart from it in its turn.
    later = next(
        (
            j
            for j in reach
            if lines[j].kind is None
            and not _trail(lines[j])
            and (lines[j].words >= _HEADLINE_WORDS or lines[j].terminal)
        ),
        None,
    )
    if later is None:
        return None
    following = lines[i + 1]
    if is_release_label(piece):
        return SegmentKind.TAGS  # "Press Release"
    if is_issuer(piece):
        # "Ministry of Example Affairs" over "Press Release" or a dateline: who issued it.
        return SegmentKind.CREDIT if _issues(lines, i) else None
    if _proper_name(piece) and is_issuer(following.text) and _issues(lines, i + 1):
        return SegmentKind.CREDIT  # a letterhead: "THE WHITE HOUSE" over its issuing office
    if later + 1 >= len(lines) or lines[later].words < _HEADLINE_WORDS:
        return None
    if lines[later].terminal or not headline(later):
        return None
    after = lines[later + 1]
    if after.kind is None and not after.terminal:
        return None  # a list of short lines ("GIRLS BASKETBALL", a score, a score …)
    if is_navigation(piece):
        return SegmentKind.RELATED
    if is_id_line(piece):
        return SegmentKind.DATELINE  # "Article ID: 48213", like a bare number or a time stamp
    shaped = furniture(i)
    if shaped is not None:
        return shaped  # "Skip to main content", "Share on Facebook", "2024-06-03T10:42:00Z"
    if is_masthead(piece) and (
        is_web_name(piece)
        or following.kind in _HEAD_CREDITS
        or (following.kind is None and _trail(following))
    ):
        # Above a navigation trail, a dateline or a byline ("Example Tribune", "Home | News"),
        # an outlet's name is a masthead; right above a line that reads as a headline it may be
        # a headline itself ("Senator Sues Example Times") and is left alone.
        return SegmentKind.CREDIT
    if is_section_label(piece) and lines[later].words > line.words:
        return SegmentKind.TAGS
    return None


def _trail(line: Line) -> bool:
    """Whether LINE is a navigation trail, which a masthead may stand above."""
    return not line.terminal and is_navigation(line.text)


_PERSON = r"[A-Z][\w\u2019'.-]*(?:\s+(?:[A-Z][\w\u2019'.-]*|de|da|van|von|al|el|bin)){1,3}"
_JOB = (
    r"(?:[\w\u2019'-]+\s+){0,3}"
    r"(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Ww]riter|[Cc]olumnist|[Cc]ontributor"
    r"|[Ss]pokes(?:person|man|woman))s?"
)
_READING = r"\d{1,3}\s*(?:-\s*)?(?:min|mins|minutes?)\s+read"
_OUTLET_NAME = r"(?:The\s+)?[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,4}"
_NAMED_BYLINE = regexes.compile(
    rf"(?:By\s+)?(?P<names>{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})?)"
    rf"(?:,\s*{_JOB}(?:\s+(?:at|for|of)\s+[A-Z][\w\u2019'.&-]*(?:\s+[A-Z][\w\u2019'.&-]*){{0,3}})?"
    rf"|{SEP}{DATE}(?:{SEP}(?:{TIME}|{TIME_24}))?|\s*[|\u00b7\u2022]\s*{_READING}"
    # Last: a role is read as a role ("Senior Reporter"), not as an outlet's name.
    rf"|,\s*(?P<outlet>{_OUTLET_NAME}))"
    rf"(?:\s*[|\u00b7\u2022]\s*{_READING})?"
)


def named_byline(piece: str) -> tuple[str, str | None] | None:
    """(names, outlet) of a byline printed without "By" or with a reading time, when PIECE is
    one: a person's name (its first word a given name) with a role, an outlet, a date or a
    reading time after it ("Jane Roe, Senior Reporter", "Jane Roe, The Example Courier",
    "Jane Roe | June 3, 2024", "By Jane Roe \u2022 3 min read")."""
    found = _NAMED_BYLINE.fullmatch(piece)
    if found is None:
        return by_line(piece) if piece[:3] in ("By ", "BY ") else None
    names, outlet = found.group("names"), found.group("outlet")
    if not piece.startswith("By ") and names.split(None, 1)[0].lower() not in _given_names():
        return None
    if outlet is not None and not (outlet.startswith("The ") or is_outlet_name(outlet)):
        return None  # "Jane Roe, Example": a place or a second name as much as an outlet
    return names, outlet


_BARE_PERSON = regexes.compile(_PERSON)
_BY_MAX_WORDS = 20
_BY_SEPARATORS = frozenset("-|\u00b7\u2022\u2013\u2014/")
_BY_STOPS = frozenset({"on", "at", "updated", "published", "posted", "last"})
_BY_JOINS = frozenset({"and", "&"})
_BY_SMALL = frozenset({"to", "the", "of", "for", "and", "&", "in", "on", "at", "de"})
_BY_TIME_WORDS = frozenset(
    {"am", "pm", "a.m.", "p.m.", "ago", "min", "mins", "minutes", "hour", "hours", "day", "days"}
)


def by_line(piece: str) -> tuple[str, str | None] | None:
    """(names, outlet) of a line that opens with "By" and the authors' names, and holds after
    them only what a byline's line holds: a separator, a date or a time in any form ("11/19/19
    06:56 AM EST", "2019-11-18T20:51:19Z", "2 days ago"), the authors' role or outlet, a web
    name or an address, a section's name ("By Jane Roe - Staff Writer 2024-06-03T10:42:00Z
    Science", "By Jane Roe On 6/3/24 at 4:00 PM EDT", "By Jane Roe, Jo Lee and Al Poe, CNN").
    None when a word of a sentence follows ("By Sunday, the council ...")."""
    tokens = piece.split()[1:]
    if not tokens or len(tokens) > _BY_MAX_WORDS:
        return None
    names: list[list[str]] = []
    current: list[str] = []
    k = 0
    calendar = calendar_words()
    while k < len(tokens):
        token = tokens[k]
        bare = token.rstrip(",")
        low = bare.lower()
        if low in _BY_JOINS or not bare:
            if current:  # "and", "&" or a comma of its own ("Jane Roe , Jo Lee")
                names.append(current)
                current = []
        elif (
            any(c.isdigit() for c in bare)
            or bare in _BY_SEPARATORS
            or low in _BY_STOPS
            or low in calendar
            or "@" in bare
            or is_web_name(bare)
        ):
            break
        elif bare[:1].isupper() or bare[:1] in '"\u201c' or low in words("name_particles"):
            current.append(bare)
        else:
            return None  # a word of a sentence among the names
        if token.endswith(",") and current:
            names.append(current)
            current = []
        k += 1
    if current:
        names.append(current)
    rest = tokens[k:]
    if not names or not all(_stamp_word(token, calendar) for token in rest):
        return None
    if not rest and not any(name[0].lower() in _given_names() for name in names):
        return None  # "By Any Means Necessary": a title, with no stamp and no given name
    outlet = None
    last = " ".join(names[-1])
    if (len(names[-1]) == 1 and last.isupper()) or _names_outlet(last):
        outlet = " ".join(names.pop())  # "…, CNN", "…, Example Tribune"
    people = ", ".join(" ".join(name) for name in names)
    return (people, outlet) if people else None


def _stamp_word(token: str, calendar: frozenset[str]) -> bool:
    """Whether TOKEN, after a byline's names, belongs to its stamp, role, outlet or section: a
    figure, a mark, a capitalised word, a word of dates and times, a web name or an address."""
    bare = token.strip(",.()[]")
    low = bare.lower()
    return (
        not bare
        or not bare[0].isalpha()
        or bare[0].isupper()
        or any(c.isdigit() for c in bare)
        or low in _BY_SMALL
        or low in _BY_STOPS
        or low in _BY_TIME_WORDS
        or low in calendar
        or "@" in bare
        or is_web_name(bare)
    )


@cache
def calendar_words() -> frozenset[str]:
    """Months, weekdays and time zones, in lower case: where a byline's names end."""
    return frozenset(
        MONTH_NUMBERS.keys()
        | {w.lower() for w in entries("weekdays")}
        | {w.lower() for w in entries("timezones")}
    )


def bare_name(piece: str) -> str | None:
    """PIECE when it is a person's name alone, its first word a given name: "Jane Roe"."""
    if _BARE_PERSON.fullmatch(piece) is None:
        return None
    return piece if piece.split(None, 1)[0].lower() in _given_names() else None


_STAMP_OUTLET_WORDS = 4
"""The most words of the outlet's name after an author's name over a date stamp: "Jane Roe
Example Free Press"."""


_STAMPED_NAMES_SPLIT = regexes.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_STAMPED_NAMES = 3
"""The most authors' names on a line of their own over the date."""


def stamped_name(piece: str) -> tuple[str, str | None] | None:
    """(names, outlet) when PIECE is how a page prints its authors on a line of their own over
    the date: a person's name alone (``bare_name``), or the name of two or three words then
    their outlet's ("Jane Roe Example Free Press", "Jane Roe EXAMPLE TODAY"): a name with an
    outlet's word, one of the known outlets, or one that ends as many do, with "Today". Up to
    three names, joined by commas, "and" or "&", before the outlet ("Jane Roe and Jo Lee
    Example Today"); or a staff credit ("Example News wire services", "Example Times Staff")."""
    *others, last = _STAMPED_NAMES_SPLIT.split(piece)
    if len(others) >= _STAMPED_NAMES or any(bare_name(name) is None for name in others):
        return None
    found = _stamped_person(last)
    if found is None:
        return None if others else _stamped_staff(piece)
    return (", ".join([*others, found[0]]), found[1]) if others else found


def _stamped_staff(piece: str) -> tuple[str, str | None] | None:
    """(credit, outlet) when PIECE is an outlet's name with its staff's words after it:
    "Example Times Staff", "Example News wire services", "Example Post staff reports". A credit
    printed in lower case is no name to give as the byline: the credit is "" then, and only the
    outlet is named."""
    tokens = piece.split()
    staff = words("staff_words")
    credit = staff | _STAFF_TAILS
    cut = len(tokens)
    while cut > 1 and tokens[cut - 1].casefold() in credit:
        cut -= 1
    tail = [token.casefold() for token in tokens[cut:]]
    outlet = " ".join(tokens[:cut])
    if not tail or staff.isdisjoint(tail) or cut > _STAMP_OUTLET_WORDS:
        return None
    if not _names_outlet(outlet):
        return None
    return (piece if all(token[0].isupper() for token in tokens) else "", outlet)


_STAFF_TAILS = frozenset({"services", "reports"})
"""Words after a staff credit's role word: "wire services", "staff reports"."""


def _stamped_person(piece: str) -> tuple[str, str | None] | None:
    words_ = piece.split()
    # "Jane Roe Example Tribune" fits a name of four words too: the outlet is told first.
    for cut in (2, 3):
        rest = words_[cut:]
        if 0 < len(rest) <= _STAMP_OUTLET_WORDS:
            name, outlet = " ".join(words_[:cut]), " ".join(rest)
            if _names_outlet(outlet) and bare_name(name) is not None:
                return name, outlet
    return (piece, None) if bare_name(piece) is not None else None


def _names_outlet(outlet: str) -> bool:
    """Whether OUTLET, after a name, is an outlet's name: with an outlet's word, one of the
    known outlets, or a name that ends with "Today" ("Example Today", "EXAMPLE TODAY")."""
    if not outlet[:1].isupper():
        return False
    folded = outlet.casefold()
    return is_outlet_name(outlet) or folded.endswith(" today") or folded in words("news_outlets")


def is_outlet_name(name: str) -> bool:
    """Whether NAME holds a word outlets are named with: "Example Courier-Journal", "FOX NEWS"
    (a name in capitals), "ExamplePost" (the word glued to the name's first part)."""
    outlet_words = words("outlet_words")
    return any(
        part in outlet_words or part.title() in outlet_words for part in _NAME_PARTS.findall(name)
    ) or any(glued in outlet_words for glued in _GLUED_WORD.findall(name))


@cache
def _given_names() -> frozenset[str]:
    return frozenset(line.split(None, 1)[0] for line in entries("given_names"))

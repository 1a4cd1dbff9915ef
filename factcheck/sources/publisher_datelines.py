"""Stage ④ sources, publisher: the shapes of a wire dateline that names the agency or outlet
at the start of a story ('TEHRAN, June 1 (IRNA) –', 'KYIV, Ukraine (AP) —', 'Press TV –')."""

from __future__ import annotations

import re

from factcheck import regexes
from factcheck.models import SegmentKind
from factcheck.sources.publisher_names import MONTH

DASH = r"\s*[-\u2013\u2014]+\s"
PLACE_CHARS = 41
"""The longest place a dateline names: a capital and at most 40 more characters, no comma."""
PLACE = rf"[A-Z][A-Za-z\u00c0-\u024f .'\u2019/-]{{1,{PLACE_CHARS - 1}}}?"
NAME = r"[A-Z0-9][\w.&'\u2019-]*(?:[ ][A-Za-z0-9&][\w.&'\u2019-]*){0,5}"

DAY_FIRST = r"\d{1,2}(?:\s+[A-Za-z\u00c0-\u024f]{3,10}\.?)?(?:\s+\d{4})?"
"""A date written day first, in any language, or a day alone: '3 Jun.', '3 juin 2024', '3'."""
# 'TEHRAN, June 1 (IRNA) –', 'LONDON (Reuters) -', 'Beirut, Lebanon (AP) —', 'MADRID, 3 Jun.
# (EUROPA PRESS) -', 'PARIS, 3 juin (AFP) –'
AGENCY_DATELINE = regexes.compile(
    rf"(?P<place>{PLACE})(?:,\s*{PLACE}(?=\s*[(,]))?(?:,\s*{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
    rf"|,\s*{DAY_FIRST})?\s*\((?P<outlet>{NAME})\){DASH}"
)
# 'Tehran, IRNA –': the agency must look like one (an acronym or a name with an outlet word).
CITY_AGENCY = regexes.compile(rf"(?P<place>{PLACE}),\s+(?P<outlet>{NAME}){DASH}")
DATE = rf"{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
# 'NEW DELHI, June 1 (PTI) The ...', 'Islamabad, June 1 (APP): ...': no dash after a dated
# dateline's agency.
AGENCY_NO_DASH = regexes.compile(
    rf"(?P<place>{PLACE}),\s*(?:{PLACE},\s*)?{DATE}\s*\((?P<outlet>{NAME})\)"
    r"(?::\s|\s+(?=[A-Z\u201c\"]))"
)
# 'MOSCOW, June 1. /TASS/.', 'Tehran, June 1, IRNA --'
SLASH_AGENCY = regexes.compile(
    rf"(?P<place>{PLACE}),\s*{DATE}\.?\s*/(?P<outlet>[A-Z][\w-]*(?:[ ][A-Z][\w-]*){{0,3}})/"
)
CITY_DATE_AGENCY = regexes.compile(rf"(?P<place>{PLACE}),\s*{DATE},\s+(?P<outlet>{NAME}){DASH}")
# '(CNN) — ...', '(Example News) - ...' opening the text.
BARE_AGENCY = regexes.compile(rf"\((?P<outlet>{NAME})\){DASH}")
OPENINGS = (SegmentKind.CLAIM, SegmentKind.STATEMENT, SegmentKind.OPINION, SegmentKind.QUESTION)
"""Kinds of a segment that opens the story: a dateline before it is its first words."""
# 'Press TV –', 'RT —' opening the text: an outlet's name alone before the dash, in capitalised
# words, which must name an outlet (an outlet's word, or the registry's).
OUTLET_DASH = regexes.compile(
    r"(?P<outlet>[A-Z][\w.&'\u2019-]*(?:[ ][A-Z][\w.&'\u2019-]*){0,3})" + DASH
)
OUTLET_CHARS = 45
"""How far into a text the dash after an outlet's name alone ('Press TV –') may stand."""
OPENING_DASHES = (" -", " \u2013", " \u2014")
# 'BERLIN (dpa) –', 'Hamburg (dpa/lno) -': an agency that writes its name in lowercase, with its
# regional desk after a slash; it must be the registry's.
LOWER_AGENCY = regexes.compile(
    rf"(?P<place>{PLACE})(?:,\s*{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    rf"\s*\((?P<outlet>[a-z]{{2,10}})(?:/[a-z]{{2,6}})?\){DASH}"
)
DATELINES = (
    AGENCY_DATELINE,
    CITY_AGENCY,
    AGENCY_NO_DASH,
    SLASH_AGENCY,
    CITY_DATE_AGENCY,
    BARE_AGENCY,
    OUTLET_DASH,
    LOWER_AGENCY,
)


def dateline_patterns(text: str) -> list[re.Pattern[str]]:
    """The patterns of ``DATELINES``, in order, that may match at the start of TEXT.

    Trying the patterns on every sentence of the head costs far more than looking first for the
    characters each one needs: the parenthesis, slash or dash around the agency's name and, after
    a place, the comma that ends the place's name (the first comma of the text, as a place's
    name holds none).
    """
    paren = "(" in text
    comma = text.find(",", 0, PLACE_CHARS + 1) >= 2
    named = any(text.find(dash, 1, OUTLET_CHARS) > 0 for dash in OPENING_DASHES)
    if not (paren or comma or named):
        return []  # most sentences
    slash = "/" in text
    dash = "-" in text or "\u2013" in text or "\u2014" in text
    possible = (
        (AGENCY_DATELINE, paren and dash),
        (CITY_AGENCY, comma and dash),
        (AGENCY_NO_DASH, comma and paren),
        (SLASH_AGENCY, comma and slash),
        (CITY_DATE_AGENCY, comma and dash),
        (BARE_AGENCY, text.startswith("(") and dash),
        (OUTLET_DASH, named),
        (LOWER_AGENCY, paren and dash),
    )
    return [pattern for pattern, may in possible if may]

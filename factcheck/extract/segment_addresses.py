"""Stage ② segment, addresses: web and postal addresses standing alone on their lines.

A page prints its own address (a permalink, a share box), lists links, and points to its
accounts on platforms after a short label ("Facebook: https://facebook.com/…"). None of it is
the story; an address of another site after a label ("Ticket details: https://…") is the story's
information and stays. A contact box prints a postal address line by line: a street and its
number, a postal code and its town.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.extract.segment_text import UPPER
from factcheck.lexicon import entries, longest_first, words
from factcheck.models import SegmentKind

if TYPE_CHECKING:
    from factcheck.extract.segment_furniture import Unit

_POSTAL_RE = regexes.compile(
    rf"(?:[A-Z]{{1,3}}-\s?\d{{4,5}}|\d{{5}})\s+[{UPPER}][\w'’.-]+(?:\s+[\w'’.-]+){{0,3}}"
    rf"|[{UPPER}][\w .'’-]{{1,30}},\s+[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?"
)
"""A line of an address holding its postal code and town: "DE-60314 Frankfurt am Main", "75008
Paris", "Springfield, IL 62701" (a year has four digits: "2019 Rugby World Cup" is no town)."""
_POSTAL_MAX_WORDS = 6


def is_address_line(piece: str, words: int) -> bool:
    """Whether PIECE, of WORDS words, is a line of a postal address: its postal code and town
    ("DE-60314 Frankfurt am Main", "75008 Paris", "Springfield, IL 62701") or its street and
    number ("Webergasse 20", "10 Downing Street", "Via Roma 12", "12 rue de la Paix")."""
    if words > _POSTAL_MAX_WORDS or _DIGIT_RE.search(piece) is None:
        return False
    return _POSTAL_RE.fullmatch(piece) is not None or _street_re().fullmatch(piece) is not None


_DIGIT_RE = regexes.compile(r"\d")


@cache
def _street_re() -> re.Pattern[str]:
    """A street and its number, from the lexicon's street words, compiled on first use: a
    street named in one word that ends in a street's word, after a word of its name at most,
    then its number ("Webergasse 20", "Hanauer Landstr. 126-128");
    a number, up to three words and a street's word ("10 Downing Street"); a street's word,
    up to four words and a number ("Via Roma 12"); a number, a street's word and its name
    ("12 rue de la Paix"). Words are parted by spaces the pattern must meet, so a long run of
    letters is never tried as several words (which would take time growing with its length to
    the fourth power)."""
    endings = "|".join(longest_first(entries("street_endings")))
    kinds = "|".join(re.escape(w) for w in longest_first(entries("street_words")))
    number = r"\d{1,5}[a-zA-Z]?(?:-\d{1,5}[a-zA-Z]?)?"  # "12", "12a", "126-128"
    name = r"[\w'’.-]+"
    return regexes.compile(
        # After a name of one word, a year is no house's number: "Weihnachtsmarkt 2024".
        rf"(?:[{UPPER}]\w+\s+)?[{UPPER}]\w+(?:{endings})\.?\s+(?!(?:19|20)\d\d\b){number}"
        rf"|{number},?\s+(?:{name}\s+){{1,3}}(?i:{kinds})\.?"
        rf"|(?i:{kinds})\s+(?:{name},?\s+){{0,4}}{number}"
        rf"|{number},?\s+(?i:{kinds})(?:\s+{name}){{1,4}}"
    )


_ADDRESS_RE = regexes.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
_LINK_LIST_MAX_WORDS = 10
_LINK_LIST_RE = regexes.compile(
    r"(?:[^\s:]+(?:\s+[^\s:]+){0,3}\s*:\s*)?"
    r"(?:(?:https?://|www\.)\S+?[\s,;]*(?:\s(?:and|or)\s+)?){2,}"
)


_LABELLED_LINK_RE = regexes.compile(
    r"[^\s:=]+(?:\s+[^\s:=]+){0,2}\s*(?::\s*|=\s*|\s)(?:https?://)?(?:www\.)?([\w.-]+)/[^\s<>\"“”]*"
)
"""One address after a label of three words at most, alone on its line: "Facebook:
https://facebook.com/courier", "เฟซบุ๊ก https://fb.me/courier"; its host is group 1."""


def _is_platform_link(text: str) -> bool:
    """Whether TEXT is a link to a platform (a social network, a video site, a link shortener)
    after a short label: the site's own account there, or a prompt to follow a link. An address
    of another site after a label ("Ticket details: https://…") is the story's information."""
    found = _LABELLED_LINK_RE.fullmatch(text)
    if found is None:
        return False
    host = found[1].lower()
    return host in _PLATFORMS or host.partition(".")[2] in _PLATFORMS


_PLATFORMS = words("platform_domains")


def classify_addresses(units: list[Unit], url: str | None) -> None:
    """Web addresses standing alone: the page's own address printed on it (a permalink or a
    share box), a link to a platform after a short label, and a list of two or more links,
    with or without a short label before it."""
    own = _address_key(url) if url else None
    for unit in units:
        text = unit.text
        if unit.kind is not None or ("://" not in text and "www." not in text):
            continue
        bare = text.strip().rstrip(".")
        itself = own is not None and _ADDRESS_RE.fullmatch(bare) and _address_key(bare) == own
        if (
            itself
            or (unit.words <= _LINK_LIST_MAX_WORDS and _LINK_LIST_RE.fullmatch(bare))
            or (unit.words <= _LABELLED_LINK_WORDS and _is_platform_link(bare))
        ):
            unit.kind = SegmentKind.RELATED


_LABELLED_LINK_WORDS = 6


def _address_key(address: str) -> str:
    """An address without its scheme, "www.", query, fragment and final slash, in lower case."""
    key = address.split("://", 1)[-1].split("#", 1)[0].split("?", 1)[0].rstrip("/").lower()
    return key.removeprefix("www.")

"""Stage ② segment, links: web addresses standing alone on their lines.

A page prints its own address (a permalink, a share box), lists links, and points to its
accounts on platforms after a short label ("Facebook: https://facebook.com/…"). None of it is
the story; an address of another site after a label ("Ticket details: https://…") is the story's
information and stays.
"""

from __future__ import annotations

import re

from factcheck.extract.segment_furniture import Unit
from factcheck.lexicon import words
from factcheck.models import SegmentKind

_ADDRESS_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
_LINK_LIST_MAX_WORDS = 10
_LINK_LIST_RE = re.compile(
    r"(?:[^\s:]+(?:\s+[^\s:]+){0,3}\s*:\s*)?"
    r"(?:(?:https?://|www\.)\S+?[\s,;]*(?:\s(?:and|or)\s+)?){2,}"
)


_LABELLED_LINK_RE = re.compile(
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

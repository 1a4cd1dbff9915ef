"""Stage ④ sources: who published the article, found in order of evidence, and who it carried.

Evidence, strongest first: the page's own publisher metadata (JSON-LD ``publisher`` or the site
name, as ingest recorded them), the URL's domain matched against the registry (parent domains
too), a syndication marker ('(SYNDICATOR- Outlet)'), the outlet of the byline, a credit that names
a web domain ('Outlet.org –'), a copyright line, and a wire dateline ('CITY, Month D (AGENCY) –',
'CITY (Reuters) -', 'City, AGENCY –'). The first is the publisher; the outlets the others name
form its syndication chain: an agency story republished by a newspaper and carried by a
syndication service is a chain of three. Nothing is invented: with no evidence the publisher stays
unknown. ``Document.provenance`` records which evidence named the publisher (``outlet``: 'json-ld',
'meta', 'url', 'syndication', 'byline', 'text', 'credit', 'copyright' or 'dateline') and the
outlets it carried the story from (``outlet.via``: names, nearest first, separated by '; ').
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.models import Document, Segment, SegmentKind

if TYPE_CHECKING:
    from factcheck.sources.matching import Registry

OUTLET = "outlet"
"""Provenance key of the publisher: the value says which evidence named it."""
CARRIED = "outlet.via"
"""Provenance key of the outlets the publisher carried the story from, nearest first."""
_SEPARATOR = "; "
_METADATA = ("json-ld", "meta")
"""Origins of an outlet that the page itself states."""

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DASH = r"\s*[-\u2013\u2014]+\s"
_PLACE = r"[A-Z][A-Za-z\u00c0-\u024f .'\u2019/-]{1,40}?"
_NAME = r"[A-Z0-9][\w.&'\u2019-]*(?:[ ][A-Za-z0-9&][\w.&'\u2019-]*){0,5}"

# 'TEHRAN, June 1 (IRNA) –', 'LONDON (Reuters) -', 'Beirut, Lebanon (AP) —'
_AGENCY_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?:,\s*(?:{_PLACE},\s*)?{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    rf"\s*\((?P<outlet>{_NAME})\){_DASH}"
)
# 'Tehran, IRNA –': the agency must look like one (an acronym or a name with an outlet word).
_CITY_AGENCY = re.compile(rf"(?P<place>{_PLACE}),\s+(?P<outlet>{_NAME}){_DASH}")
# 'Mehrnews.com –', 'Example.org -'
_DOMAIN_CREDIT = re.compile(
    r"(?P<outlet>[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.[A-Za-z]{2,12})" + _DASH
)
# '(MENAFN- Tehran Times)': a syndication service carrying an outlet's story.
_SYNDICATED = re.compile(rf"\((?P<syndicator>{_NAME}?)\s*-\s*(?P<outlet>{_NAME})\)")
_COPYRIGHT = re.compile(
    r"(?:\u00a9|\([cC]\)|Copyright)\s*(?:\u00a9\s*)?(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s*)?"
    rf"(?P<outlet>{_NAME}?)(?=\s*(?:[.,;|]|All [Rr]ights|\s*$))",
    re.MULTILINE,
)
_ORIGINALLY = re.compile(
    r"(?:originally|first)\s+(?:published|appeared|ran)\s+(?:by|in|on|at)\s+"
    rf"(?:the\s+website\s+of\s+)?(?P<outlet>{_NAME})"
)
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
_OUTLET_WORD = re.compile(
    r"\b(?:News|Agency|Press|Times|Post|Herald|Tribune|Journal|Gazette|TV|Radio|Television|"
    r"Broadcasting|Media|Daily|Wire|Network|Service|Telegraph|Observer|Chronicle|Reuters|"
    r"Xinhua|Sputnik|Anadolu|Bernama)\b"
)
_DATEISH = re.compile(rf"^(?:{_MONTH}|{_DAY})(?:\s|$)|\d{{1,2}}[:/]\d|^\d+$")
_HEAD_SEGMENTS = 8
_TAIL_CHARS = 800
_MAX_NAME = 60


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).strip(" .,;:-\u2013\u2014")


def _is_name(name: str) -> bool:
    """A plausible outlet name: capitalised, short, never a date, a month or a weekday."""
    return (
        2 <= len(name) <= _MAX_NAME
        and (name[0].isupper() or name[0].isdigit())
        and not _DATEISH.search(name)
        and any(c.isalpha() for c in name)
    )


def _agency_like(name: str, registry: Registry | None) -> bool:
    if _ACRONYM.fullmatch(name) or _OUTLET_WORD.search(name):
        return True
    return registry is not None and _known(registry, name)


def _known(registry: Registry, name: str) -> bool:
    mentions = registry.mentions(name)
    return bool(mentions) and mentions[0].start == 0 and mentions[-1].end >= len(name.rstrip("'"))


class _Found:
    """Outlets named by the evidence, each once, with the first piece of evidence for each."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, name: str, how: str) -> None:
        name = _clean(name)
        key = name.casefold()
        if _is_name(name) and all(n.casefold() != key for n, _ in self.items):
            self.items.append((name, how))


def _head(document: Document, segments: Sequence[Segment]) -> list[Segment]:
    """The first pieces of the article, where credits and datelines stand."""
    if segments:
        return list(segments[:_HEAD_SEGMENTS])
    text = document.text[:2000]
    return [Segment(0, len(text), SegmentKind.STATEMENT, text)]


def find_publisher(
    document: Document, segments: Sequence[Segment] = (), registry: Registry | None = None
) -> Document:
    """The document with its publisher as ``outlet`` and the evidence in ``provenance``.

    Keeps a publisher that ingest took from the page's JSON-LD; otherwise takes the strongest
    evidence in the URL and the text. Outlets the story was carried from are recorded too.
    """
    provenance = [p for p in document.provenance if p[0] not in (OUTLET, CARRIED)]
    given = dict(document.provenance).get(OUTLET)
    found = _Found()
    if given in _METADATA and document.outlet:
        found.add(document.outlet, given)
    if registry is not None and document.url and (entry := registry.by_domain(document.url)):
        found.add(entry.name, "url")
    head = _head(document, segments)
    carried = _Found()
    for segment in head:
        if marker := _SYNDICATED.match(segment.text):
            found.add(marker.group("syndicator"), "syndication")
            carried.add(marker.group("outlet"), "syndication")
    if document.outlet and given not in _METADATA:
        byline = any(s.kind is SegmentKind.BYLINE and document.outlet in s.text for s in segments)
        named = {name.casefold(): how for name, how in _text_evidence(document, head, registry)}
        how = "byline" if byline else named.get(_clean(document.outlet).casefold(), given)
        found.add(document.outlet, how or "text")
    for segment in head:
        if credit := _DOMAIN_CREDIT.match(segment.text):
            found.add(credit.group("outlet"), "credit")
    tail = document.text[-_TAIL_CHARS:]
    for line in _COPYRIGHT.finditer(tail):
        if not tail[line.end() :].startswith("/"):  # a photo credit: '\u00a9 Reuters/Jane Doe'
            found.add(line.group("outlet"), "copyright")
            break
    for match in _ORIGINALLY.finditer(tail):
        carried.add(match.group("outlet"), "originally published")
    for segment in head:
        text = _after_marker(segment.text)
        wire = _AGENCY_DATELINE.match(text) or _CITY_AGENCY.match(text)
        if wire and (wire.re is _AGENCY_DATELINE or _agency_like(wire.group("outlet"), registry)):
            # A dateline names the agency the story comes from: the publisher when nothing else
            # names one, otherwise the outlet the publisher carried it from.
            (carried if found.items else found).add(wire.group("outlet"), "dateline")
            break
    if not found.items:
        if document.outlet and given not in _METADATA:
            # The text's own rules named something that is no outlet (a date, a weekday).
            return replace(document, outlet=None, provenance=tuple(provenance))
        return document
    publisher, how = found.items[0]
    chain = [name for name, _ in carried.items if name.casefold() != publisher.casefold()]
    provenance.append((OUTLET, how))
    if chain:
        provenance.append((CARRIED, _SEPARATOR.join(chain)))
    return replace(document, outlet=publisher, provenance=tuple(provenance))


def _text_evidence(
    document: Document, head: Sequence[Segment], registry: Registry | None
) -> list[tuple[str, str]]:
    """Outlets the text itself names in a credit, a copyright line or a wire dateline."""
    out: list[tuple[str, str]] = []
    for segment in head:
        if credit := _DOMAIN_CREDIT.match(segment.text):
            out.append((_clean(credit.group("outlet")), "credit"))
        text = _after_marker(segment.text)
        wire = _AGENCY_DATELINE.match(text) or _CITY_AGENCY.match(text)
        if wire and (wire.re is _AGENCY_DATELINE or _agency_like(wire.group("outlet"), registry)):
            out.append((_clean(wire.group("outlet")), "dateline"))
    for line in _COPYRIGHT.finditer(document.text[-_TAIL_CHARS:]):
        out.append((_clean(line.group("outlet")), "copyright"))
    return out


def _after_marker(text: str) -> str:
    """The text after a leading syndication marker: '(MENAFN- X) TEHRAN, June 1 (IRNA) -'."""
    marker = _SYNDICATED.match(text)
    return text[marker.end() :].lstrip() if marker else text


def carried_from(document: Document) -> tuple[str, ...]:
    """The outlets the publisher carried the story from, nearest first."""
    value = dict(document.provenance).get(CARRIED, "")
    return tuple(name for name in value.split(_SEPARATOR) if name)

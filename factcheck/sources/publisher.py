"""Stage ④ sources: who published the article, found in order of evidence, and who it carried.

Evidence, strongest first: the page's own publisher metadata (JSON-LD ``publisher`` or the site
name, as ingest recorded them), the URL's domain matched against the registry (parent domains too),
the article's own address alone on the text's first or last line (its domain, named as the registry
names it), a syndication marker ('(SYNDICATOR- Outlet)'), the outlet of the byline (in it, alone on
the line under it, or its account to follow beside it: 'Follow @Outlet'), a credit that
names a web domain ('Outlet.org –'), a copyright line, the closing lines an outlet writes about
itself ('Follow Outlet on Twitter', 'Follow us @Outlet' for a registry outlet, 'Subscribe to
Outlet's newsletters', 'Jane Doe is a reporter for Outlet', 'Also on Outlet:', and the lines of
``publisher_self``: 'Contact the Outlet newsroom', 'Outlet's Jane Roe reports'), the web domain of
the address they give ('Reach her at jroe@example.com'), and a wire dateline ('CITY, Month D
(AGENCY) –', 'CITY (Reuters) -', 'City, AGENCY –'). The first is the publisher; the outlets the
others name form its syndication chain: an agency story republished by a newspaper and carried by a
syndication service is a chain of three. A closing line naming where the story came from
('Originally published on Outlet', 'Reprinted with permission from Outlet', 'Source: Outlet News'),
a request for comment the newsroom reports ('did not respond to Outlet's request for comment') and
a wire dateline name the publisher only when nothing else does. Names in the closing lines must
look like an outlet's (an outlet word, a web domain or a registry outlet), or the text must back
them (it prints their web domain, or two closing lines give them), so a ministry or a person is
never taken for one; so must an outlet's name alone on the first line (a masthead). Nothing is
invented: with no evidence the publisher stays unknown. ``Document.provenance`` records which
evidence named the publisher (``outlet``: 'json-ld', 'meta', 'url', 'address', 'syndication',
'byline', 'text', 'masthead', 'credit', 'copyright', 'closing', 'contact', 'origin', 'request' or
'dateline') and the outlets it carried the story from (``outlet.via``:
names, nearest first, separated by '; ').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.extract.segment_head import is_masthead, is_outlet_name, is_web_name
from factcheck.lexicon import longest_first, words
from factcheck.models import Document, Segment, SegmentKind
from factcheck.sources.outlet_keys import CARRIED, OUTLET, SEPARATOR, carried_from
from factcheck.sources.prefilter import Rule, lowered
from factcheck.sources.publisher_datelines import (
    AGENCY_DATELINE,
    DASH,
    DATE,
    LOWER_AGENCY,
    NAME,
    OPENINGS,
    OUTLET_DASH,
    dateline_patterns,
)
from factcheck.sources.publisher_names import (
    CAPS,
    OUTLET_KINDS,
    borrowed_name,
    clean,
    closing_name,
    is_name,
    known,
    named_in,
    outlet_like,
    registry_outlet,
    squeeze,
)
from factcheck.sources.publisher_self import (
    backed,
    is_picture_agency,
    masthead,
    self_names,
    site_names,
)
from factcheck.sources.ratings import domain_key, site_label

if TYPE_CHECKING:
    from factcheck.sources.matching import Registry

_METADATA = ("json-ld", "meta")
"""Origins of an outlet that the page itself states."""

# 'Mehrnews.com –', 'Example.org -'
_DOMAIN_CREDIT = regexes.compile(
    r"(?P<outlet>[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.[A-Za-z]{2,12})" + DASH
)
# '(MENAFN- Tehran Times)': a syndication service carrying an outlet's story.
_SYNDICATED = regexes.compile(rf"\((?P<syndicator>{NAME}?)\s*-\s*(?P<outlet>{NAME})\)")
_COPYRIGHT = Rule(
    regexes.compile(
        r"(?:\u00a9|\u24b8|\u24d2|\([cC]\)|(?i:copyright))\s*(?:\u00a9\s*)?"
        r"(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s*)?(?P<by>by\s+)?"
        rf"(?P<outlet>{NAME}?)(?=\s*(?:[.,;|]|All [Rr]ights|\s*$)|\s+(?:19|20)\d\d\b)",
        re.MULTILINE,
    ),
    ("\u00a9", "\u24b8", "\u24d2", "(c)", "copyright"),
)
# 'Originally published on Outlet.', 'This article first appeared in Outlet': the piece itself,
# at a sentence's start ('The study was first published in Nature' names no publisher).
_THIS_PIECE = (
    r"(?:(?i:an?\s+(?:\w+\s+)?version\s+of\s+)?"
    r"(?i:this|the)\s+(?i:article|story|piece|post|column|essay|interview|report)\s+"
    r"(?:(?i:was|has\s+been)\s+)?)?"
)
_ORIGINALLY = Rule(
    regexes.compile(
        rf"(?:^|(?<=[.!?]\s)){_THIS_PIECE}"
        r"(?:(?i:originally|first)\s+(?i:published|appeared|ran)|(?i:as\s+published))"
        r"\s+(?i:by|in|on|at)\s+"
        rf"(?:the\s+website\s+of\s+)?(?P<outlet>{CAPS})",
        re.MULTILINE,
    ),
    ("originally", "first", "published"),
)
# 'The post Ferry Fares Rise appeared first on Outlet.': a blog's feed, copied with its footer.
_FEED_POST = Rule(
    regexes.compile(
        r"(?:^|(?<=[.!?]\s))The\s+post\s+[^\n]{1,300}?\s+appeared\s+first\s+on\s+"
        rf"(?P<outlet>{CAPS})",
        re.MULTILINE,
    ),
    ("appeared first on",),
)
# 'Reprinted with permission from Outlet', 'This article is republished from Outlet', 'This
# story was produced by Outlet': where the piece came from, at a sentence's start.
_PIECE_IS = (
    r"(?i:this|the)\s+(?i:article|story|piece|post|column|essay|interview|report)\s+"
    r"(?i:was|is|has\s+been)\s+"
)
_REPRINTED = Rule(
    regexes.compile(
        rf"(?:^|(?<=[.!?]\s))(?:(?:{_PIECE_IS})?(?i:reprinted|republished|reproduced)"
        r"(?:\s+(?i:with\s+(?:the\s+)?(?:kind\s+)?permission))?\s+(?i:from|of|courtesy\s+of)"
        rf"|{_PIECE_IS}(?i:produced|co-published)\s+(?i:by|with))\s+(?P<outlet>{CAPS})",
        re.MULTILINE,
    ),
    ("reprinted", "republished", "reproduced", "produced", "co-published"),
)
# 'Follow us on Twitter @Example', 'Follow @Example': the outlet's own account, taken only when
# the handle is a registry outlet's name or the name of its web domain.
_HANDLE = Rule(
    regexes.compile(
        r"(?:^|(?<=[.!?|]\s))(?i:follow)\s+(?:(?i:us)\s+)?"
        r"(?:(?i:on)\s+(?i:twitter|x|instagram|threads|tiktok|bluesky)\s+)?(?:(?i:at)\s+)?"
        r"@(?P<handle>\w{2,30})\b",
        re.MULTILINE,
    ),
    ("@",),
)
# A web address alone on a line: 'https://www.example.com/2019/06/01/story', 'www.example.com'.
_ADDRESS_ALONE = regexes.compile(
    r"(?:https?://(?:www\d?\.)?|www\d?\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12}"
    r"(?::\d{1,5})?(?:[/?#]\S*)?",
    re.IGNORECASE,
)
# An address in a copyright line: '\u00a9 2019 Example Media (www.example.com)'.
_COPYRIGHT_MARK = Rule(
    regexes.compile(r"\u00a9|\u24b8|\u24d2|\([cC]\)|\b(?i:copyright)\b"),
    ("\u00a9", "\u24b8", "\u24d2", "(c)", "copyright"),
)
_ADDRESS_IN = regexes.compile(
    r"(?<![\w@.])(?:https?://|www\d?\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12}\b",
    re.IGNORECASE,
)
_PLATFORMS = words("platform_domains")
_EDGE_CHARS = 600
# 'Follow Outlet on Twitter', 'Subscribe to Outlet's newsletters', 'Get the Outlet app'.
_PROMOTE = r"(?i:follow|like|subscribe\s+to|sign\s+up\s+for|download|get)"
_PROMOTED = (
    r"(?i:on\s+(?:twitter|facebook|instagram|youtube|linkedin|telegram|tiktok|flipboard)"
    r"|app\b|on\s+the\s+go\b)"
)
# A newsletter only with the owner's possessive: 'the Morning Review newsletter' is its own name.
_PROMOTION = Rule(
    regexes.compile(
        rf"(?:^|(?<=[.!?|]\s))(?i:click\s+here\s+to\s+)?{_PROMOTE}\s+(?P<outlet>{CAPS}?)"
        r"(?:['\u2019]s?\s+(?i:newsletters?|app)\b"
        rf"|(?:['\u2019]s)?(?:\s+(?i:opinion|section|page|channel|account|desk)){{0,2}}\s+{_PROMOTED})",
        re.MULTILINE,
    ),
    ("follow", "like", "subscribe", "sign", "download", "get"),
)
# 'Jane Doe is a senior reporter for The Daily Example.': the author's closing note.
_ROLES = "|".join(longest_first(words("journalist_roles")))
_AUTHOR_NOTE = regexes.compile(
    r"^\s*(?P<person>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s+is\s+"
    r"(?:(?:an?|the)\s+)?(?P<role>(?:[\w-]+\s+){0,4}?"
    rf"(?i:{_ROLES})(?:-[\w-]+|\s+in\s+chief)?)\s+(?:at|for|with|of)\s+(?P<outlet>{CAPS})"
    r"(?P<end>\s*(?:[.;]\s|[.;]?\s*$))?",
    re.MULTILINE,
)
# 'Follow Example News reporter Jane Roe on Twitter': the outlet's own staff, named with it.
_FOLLOW_STAFF = Rule(
    regexes.compile(
        rf"(?:^|(?<=[.!?|]\s))(?i:follow)\s+(?P<outlet>{CAPS})(?:['\u2019]s)?\s+"
        rf"(?:[a-z][\w-]*\s+){{0,4}}(?:{_ROLES})\b[^.!?\n]{{0,80}}?\s+{_PROMOTED}",
        re.MULTILINE,
    ),
    ("follow",),
)
# 'Jane Roe writes about science for The Daily Example.'
_AUTHOR_WRITES = Rule(
    regexes.compile(
        r"^\s*(?P<person>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3})\s+"
        r"(?:writes|edits|covers|reports|reviews)\b[^.!?\n]{0,60}?\s+for\s+"
        rf"(?P<outlet>{CAPS})",
        re.MULTILINE,
    ),
    ("writes", "edits", "covers", "reports", "reviews"),
)
# The heading of the site's own links after the article: 'Also on Outlet:', 'Popular on Outlet'.
_SITE_HEADING = Rule(
    regexes.compile(
        r"^[\s\ufeff]*(?i:also|more|popular|trending|latest|most\s+read|most\s+popular)\s+"
        rf"(?i:on|from|in)\s+(?P<outlet>{CAPS})\s*:?\s*$",
        re.MULTILINE,
    ),
    ("also", "more", "popular", "trending", "latest", "most"),
)
# 'did not respond to The Daily Example's request for comment.': the newsroom that asked.
_REQUEST = regexes.compile(
    rf"\brespond(?:ed)?\s+to\s+(?P<outlet>{CAPS}?)['\u2019]s?\s+"
    r"(?:requests?|inquir(?:y|ies)|questions|emailed\s+questions)\s+for\s+comment\b"
    r"(?P<rest>[^.!?\n]{0,30})[.!?]?"
)
_ADDRESS = r"[\w.+-]+@(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12})\b"
# 'Reach her at jroe@example.com', 'Email: desk@example.com', 'Send tips to desk@example.com'.
_CONTACT = Rule(
    regexes.compile(
        r"\b(?:reach|reached|contact|e-?mail|write\s+to|send|tips?)\b[^.!?\n@]{0,80}?[\s:]"
        + _ADDRESS,
        re.IGNORECASE,
    ),
    ("@",),
)
# An address on a line of its own, after at most a name and a role ('Jane Roe jroe@example.com').
_ADDRESS_LINE = Rule(
    regexes.compile(
        r"^[^\S\n]*(?:[^\W\d][\w.,'\u2019 -]{0,40}?\s)?" + _ADDRESS + r"[^\S\n]*\.?[^\S\n]*$",
        re.MULTILINE | re.IGNORECASE,
    ),
    ("@",),
)
# 'Source: Al Jazeera News' on a line of its own: where the story came from.
_SOURCE_LINE = Rule(
    regexes.compile(rf"^\s*(?i:source)\s*:\s*(?P<outlet>{CAPS})\s*\.?\s*$", re.MULTILINE),
    ("source",),
)
# Credit lines at the top: 'Jane Roe, Example News', 'By Example News Staff', and the parts of
# 'Jane Roe | Example News | June 1, 2024'.
_PERSON = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3}"
_PERSON_OUTLET = regexes.compile(rf"(?:By\s+)?{_PERSON}\s*,\s*(?P<outlet>{CAPS})\s*")
# 'Jane Roe, Example Ledger staff writer': a newsroom's role after the outlet's name.
_PERSON_OUTLET_ROLE = regexes.compile(
    rf"(?:By\s+)?{_PERSON}\s*,\s*(?P<outlet>{CAPS}?)\s+(?P<role>(?:[a-z]+[\s-]){{0,2}}[a-z]+)\s*"
)
_STAFF_LINE = regexes.compile(
    rf"(?:By\s+)?(?!By\b)(?P<outlet>{CAPS}?)\s+(?P<credit>(?i:staff(?:\s+(?P<person>writers?"
    r"|reporters?)|\s+reports?)?|newsroom|desk|bureau))\s*"
)
# 'Issued by: Ministry of Foreign Affairs | June 1, 2024': a press release's issuer.
_ORG = rf"{CAPS}(?:\s+(?:of|for|and)(?:\s+the)?\s+{CAPS}){{0,3}}"
_ISSUED = regexes.compile(
    rf"(?i:issued|released|published|distributed)\s+by\s*:?\s+(?P<outlet>{_ORG})"
    r"(?:\s+(?:on|at)\s+.*|\s*[|,;].*)?"
)
# An outlet's name alone on a line: 'The Example Gazette', 'EXAMPLE NEWS'.
_NAME_ALONE = regexes.compile(rf"(?P<outlet>{CAPS})\s*")
_HEAD_SOURCE = regexes.compile(rf"(?i:source)\s*:\s*(?P<outlet>{CAPS})\s*(?:\|.*)?")
# '(With inputs from PTI)', 'With additional inputs from Example News': the wire's copy in it.
_INPUTS = Rule(
    regexes.compile(
        r"^\s*\(?\s*(?i:with\s+(?:additional\s+)?inputs?\s+from)\s+"
        rf"(?P<outlet>{CAPS})(?=\s*(?:\)|,|\.|and\b|&|$))",
        re.MULTILINE,
    ),
    ("input",),
)
# '\u2014 Example Daily' signing off the text: where the story came from.
_SIGN_OFF = regexes.compile(
    rf"^\s*(?:[\u2013\u2014]|-{{1,2}})\s*(?P<outlet>{CAPS})\s*$", re.MULTILINE
)
_HEAD_LINES = 6
_LINE_CHARS = 120
_PART_CHARS = 40
_PICTURE_WORD = Rule(
    regexes.compile(r"\b(?i:photo|photograph|image|picture|pic|credit|file)s?\b"),
    ("photo", "image", "pic", "credit", "file"),
)
_DATE_PART = regexes.compile(rf"{DATE}|\d{{4}}-\d\d-\d\d|\d{{1,2}}:\d\d")
_ACRONYM = regexes.compile(r"[A-Z][A-Z&]{1,9}")
_MAIL_SERVICES = words("mail_services")
_ORG_HEADS = words("organisation_heads")
_OPENERS = words("sentence_openers")
_NEWSROOM_ROLES = words("newsroom_roles")
_HEAD_SEGMENTS = 8
_TAIL_CHARS = 800
_HEAD_CHARS = 700


def _agency_like(name: str, registry: Registry | None) -> bool:
    if len(name) == 2 and name.isupper():
        # 'New York, NY –': two capitals after a place are a state's or a country's code.
        return registry is not None and known(registry, name)
    if _ACRONYM.fullmatch(name) or is_outlet_name(name):
        return True
    return registry is not None and known(registry, name)


class _Found:
    """Outlets named by the evidence, each once, with the first piece of evidence for each; with
    a REGISTRY, two names it gives one outlet ('AP', 'Associated Press') are that outlet once."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.items: list[tuple[str, str]] = []
        self.registry = registry

    def add(self, name: str, how: str) -> None:
        name = clean(name)
        if is_name(name) and not any(
            _same_outlet(name, known, self.registry) for known, _ in self.items
        ):
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
    carried = _Found(registry)
    borrowed = given in _METADATA and borrowed_name(document, registry)
    if given in _METADATA and document.outlet and not borrowed:
        found.add(document.outlet, given)
        for name in carried_from(document):
            # The story's publisher as the page states it: a news outlet or an agency the
            # registry or the outlet list knows, not a media group that owns the site.
            if registry_outlet(name, registry) or name.casefold() in words("news_outlets"):
                carried.add(name, given)
    if registry is not None and document.url and (entry := registry.by_domain(document.url)):
        found.add(entry.name, "url")
    if address := _own_address(document.text):
        found.add(_site_name(address, registry), "address")
    head = _head(document, segments)
    for segment in head:
        if marker := _SYNDICATED.match(segment.text):
            found.add(marker.group("syndicator"), "syndication")
            carried.add(marker.group("outlet"), "syndication")
    lines = _head_lines(document, head)
    credits = _credits(document, head)
    datelines = _datelines(head, lines, registry)
    if document.outlet and given not in _METADATA:
        byline = any(s.kind is SegmentKind.BYLINE and document.outlet in s.text for s in segments)
        named = {
            name.casefold(): how for name, how in _text_evidence(document.text, credits, datelines)
        }
        how = "byline" if byline else named.get(clean(document.outlet).casefold(), given)
        found.add(document.outlet, how or "text")
    if top := masthead(document.text):
        found.add(top, "masthead")
    for line in _byline_lines(head, lines):
        if credited := _credit_line(line, registry, document.text):
            found.add(credited, "byline")
    for name in _beside_byline(head, lines, registry):
        found.add(name, "byline")
    for credit in credits:
        found.add(credit, "credit")
    # Pasted text keeps a page's no-break spaces ('Example\u00a0News'): names are read across them.
    tail = document.text[-_TAIL_CHARS:].replace("\u00a0", " ")
    low = lowered(tail)
    if holder := _copyright(tail, low):
        found.add(holder, "copyright")
    if address := _copyright_address(tail, low):
        found.add(_site_name(address, registry), "copyright")
    for name in _closing(tail, low, document.text, registry):
        found.add(name, "closing")
    for name in self_names(*_edges(document.text, tail, low), tail, low):
        found.add(name, "closing")
    if domain := _contact(tail, low):
        found.add(domain, "contact")
    origins = _Found()
    for line in lines:
        source = _HEAD_SOURCE.fullmatch(line)
        if source and outlet_like(name := closing_name(source.group("outlet")), registry):
            origins.add(name, "origin")
    for match in (*_ORIGINALLY.finditer(tail, low), *_FEED_POST.finditer(tail, low)):
        origins.add(named_in(match), "origin")
    for match in _REPRINTED.finditer(tail, low):
        name = named_in(match)
        # 'Reprinted with permission from Jane Roe' names a person: an outlet's name only.
        if outlet_like(name, registry) or name.startswith("The "):
            origins.add(name, "origin")
    for match in (*_SOURCE_LINE.finditer(tail, low), *_SIGN_OFF.finditer(tail)):
        if outlet_like(name := named_in(match), registry):
            origins.add(name, "origin")
    for match in _INPUTS.finditer(tail, low):
        if _ACRONYM.fullmatch(name := named_in(match)) or outlet_like(name, registry):
            origins.add(name, "origin")
    for name, how in origins.items:
        # Where the story came from: its publisher when nothing else names one.
        (carried if found.items else found).add(name, how)
    if not found.items and (asked := _requester(document.text, registry)):
        found.add(asked, "request")
    for agency in datelines[:1]:
        # A dateline names the agency the story comes from: the publisher when nothing else
        # names one, otherwise the outlet the publisher carried it from.
        (carried if found.items else found).add(agency, "dateline")
    if not found.items:
        if document.outlet and (given not in _METADATA or borrowed):
            # The text's own rules named something that is no outlet (a date, a weekday), or the
            # page borrowed a rated outlet's name.
            return replace(document, outlet=None, provenance=tuple(provenance))
        return document
    publisher, how = found.items[0]
    chain = [name for name, _ in carried.items if not _same_outlet(name, publisher, registry)]
    provenance.append((OUTLET, how))
    if chain:
        provenance.append((CARRIED, SEPARATOR.join(chain)))
    return replace(document, outlet=publisher, provenance=tuple(provenance))


def _same_outlet(name: str, other: str, registry: Registry | None) -> bool:
    """NAME and OTHER name one outlet: the same words, spaced or not ('Example News Now' and
    'ExampleNewsNow'), or two names the registry gives one outlet ('AP' and 'Associated
    Press')."""
    if _spelled(name) == _spelled(other):
        return True
    if registry is None or (entry := registry.find(name)) is None:
        return False
    return (found := registry.find(other)) is not None and found.id == entry.id


def _spelled(name: str) -> str:
    """NAME's letters and digits in lower case, without a leading 'The'."""
    return _NOT_ALNUM.sub("", name.casefold().removeprefix("the "))


_NOT_ALNUM = regexes.compile(r"[\W_]+")


def _text_evidence(
    text: str, credits: Sequence[str], datelines: Sequence[str]
) -> list[tuple[str, str]]:
    """Outlets the text itself names in a credit, a copyright line or a wire dateline, given
    its CREDITS and DATELINES."""
    out = [(credit, "credit") for credit in credits]
    out.extend((agency, "dateline") for agency in datelines)
    tail = text[-_TAIL_CHARS:]
    if holder := _copyright(tail, lowered(tail)):
        out.append((holder, "copyright"))
    return out


def _head_lines(document: Document, head: Sequence[Segment]) -> list[str]:
    """The first short lines of the text, stripped, where credits and datelines stand."""
    text = document.text[head[0].start : head[-1].end] if head else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[:_HEAD_LINES]


def _datelines(
    head: Sequence[Segment], lines: Sequence[str], registry: Registry | None
) -> list[str]:
    """Agencies that datelines at the start of a head segment or line name, in order."""
    out = []
    texts = (*((s.text, s.kind in OPENINGS) for s in head), *((line, False) for line in lines))
    for text, opening in texts:
        text = _after_marker(text)
        for pattern in dateline_patterns(text):
            wire = None if pattern is OUTLET_DASH and not opening else pattern.match(text)
            if not wire:
                continue
            agency = _dateline_agency(pattern, clean(wire.group("outlet")), registry)
            if agency is not None:
                out.append(agency)
                break
    return list(dict.fromkeys(out))


def _dateline_agency(pattern: re.Pattern[str], name: str, registry: Registry | None) -> str | None:
    """The agency a dateline of PATTERN's shape names as NAME, if it names one. A place and a
    dash before '(Outlet)' is the classic shape; an agency written in lowercase ('dpa') must be
    the registry's, and is given its name there; an outlet alone before the dash that opens the
    story (a headline's "Example News Anchor Quits – Report" is none) must be an outlet; any
    other shape must name something that looks like an agency."""
    if pattern is LOWER_AGENCY:
        entry = None if registry is None else registry.find(name)
        return None if entry is None else entry.name
    if pattern is OUTLET_DASH:
        named = is_outlet_name(name) or (registry is not None and known(registry, name))
        return name if named else None
    return name if pattern is AGENCY_DATELINE or _agency_like(name, registry) else None


def _byline_lines(head: Sequence[Segment], lines: Sequence[str]) -> list[str]:
    """The head lines that may be a byline: short, and not a photo's caption or credit."""
    # The length first: a paragraph is no byline, and searching it for words costs most.
    short = [line for line in lines if len(line) <= _LINE_CHARS]
    if not short:
        return short
    pictures = [s.text for s in head if s.kind in (SegmentKind.CAPTION, SegmentKind.CREDIT)]
    return [
        line
        for line in short
        if not _PICTURE_WORD.search(line, lowered(line)) and not any(p in line for p in pictures)
    ]


def _beside_byline(
    head: Sequence[Segment], lines: Sequence[str], registry: Registry | None
) -> list[str]:
    """Outlets the lines right around the byline name: an outlet's name alone on the line under
    it ('By Jane Roe' over 'The Example Gazette'), which must end with an outlet's word or be a
    registry outlet's (a person's affiliation, 'Harbor University', is none), and a registry
    outlet's account to follow over or under it ('Follow @Reuters'; the author's is none)."""
    bylines = [s.text.strip() for s in head if s.kind is SegmentKind.BYLINE]
    out = []
    for at, line in enumerate(lines):
        if line not in bylines:
            continue
        if at + 1 < len(lines) and (alone := _NAME_ALONE.fullmatch(lines[at + 1])):
            name = closing_name(alone.group("outlet"), shouted=False)
            # The name ends with an outlet's word ('Example Gazette'), or the registry knows it:
            # 'Storm Hits Example News Tower' is a headline.
            if is_name(name) and (is_masthead(name) or registry_outlet(name, registry)):
                out.append(name)
        for beside in (*lines[max(0, at - 1) : at], *lines[at + 1 : at + 2]):
            handle = _HANDLE.pattern.fullmatch(beside.rstrip("."))
            if handle and (outlet := _handle_outlet(handle.group("handle"), registry)):
                out.append(outlet)
    return out


def _issuer(name: str) -> bool:
    """NAME can issue a press release: an organisation ('Example Ministry', 'Office of the
    Press Secretary') or an outlet, never a person."""
    words = {word.casefold() for word in name.split()}
    return is_name(name) and bool(words & _ORG_HEADS or outlet_like(name, None))


def _credit_line(line: str, registry: Registry | None, text: str = "") -> str | None:
    """The outlet a short credit line at the top names: 'Jane Roe, Example News', 'By Example
    News Staff', 'Issued by: Example Ministry', or one part of 'Jane Roe | Example News | June
    1, 2024'. A line of parts must have a byline, a date or a web name in it: 'Jane Roe | Example
    News' alone may credit a picture. A name without an outlet's word must be one TEXT backs,
    unless only a newsroom signs so: its staff ('By Example Ledger Staff') or a newsroom's role
    after it ('Jane Roe, Example Ledger staff writer')."""
    if len(line) > _LINE_CHARS:
        return None
    if (issued := _ISSUED.fullmatch(line)) and _issuer(name := closing_name(issued["outlet"])):
        return name
    candidates = []
    if (
        (credit := _PERSON_OUTLET_ROLE.fullmatch(line))
        and credit.group("role").replace("-", " ").split()[-1] in _NEWSROOM_ROLES
        and is_name(name := closing_name(credit.group("outlet")))
    ):
        return name  # only a newsroom has a staff writer
    if credit := _PERSON_OUTLET.fullmatch(line):
        candidates.append(credit.group("outlet"))
    parts = [part.strip() for part in line.split("|")]
    for part in parts:
        if not (staff := _STAFF_LINE.fullmatch(part)) or _news_desk(staff):
            continue
        if staff.group("person"):
            candidates.append(staff.group("outlet"))  # 'Jane Roe Staff Writer': maybe a person
        elif is_name(name := closing_name(staff.group("outlet"))):
            # 'By Example Ledger Staff', 'Example Ledger Staff Report': only a newsroom signs as
            # its staff, so the name needs no outlet's word.
            return name
    if len(parts) > 1 and all(len(p) <= _PART_CHARS and ". " not in p for p in parts):
        anchored = any(p.startswith(("By ", "by ")) or _DATE_PART.search(p) for p in parts)
        for part in parts:
            # Labelled parts ('Source: X', 'Updated: ...') and the byline's names are not it.
            if ":" in part or part.startswith(("By ", "by ")):
                continue
            if anchored or is_web_name(part):
                candidates.append(part)
    for candidate in candidates:
        name = closing_name(candidate)
        if is_name(name) and (outlet_like(name, registry) or (text and backed(name, text))):
            return name
    return None


def _news_desk(staff: re.Match[str]) -> bool:
    """'By the News Desk': the desk of a newsroom the line does not name."""
    return staff.group("credit").casefold() == "desk" and staff.group("outlet").casefold() in (
        "news",
        "the news",
    )


def _credits(document: Document, head: Sequence[Segment]) -> list[str]:
    """Web names crediting the story at the start of a head segment or of a line of the head
    ('Example.org – ...'), also where a sentence split cut the name at its dot."""
    out = [clean(m.group("outlet")) for s in head if (m := _DOMAIN_CREDIT.match(s.text))]
    text = document.text[head[0].start : head[-1].end] if head else ""
    for line in text.splitlines():
        if credit := _DOMAIN_CREDIT.match(line.strip()):
            out.append(clean(credit.group("outlet")))
    return list(dict.fromkeys(out))


def _copyright(tail: str, low: str) -> str | None:
    """The holder of the first copyright line that names an organisation: not a photo credit
    ('\u00a9 Reuters/Jane Doe') and not an author's own ('Copyright 2015 by Jane Doe'), given
    LOW, ``lowered(tail)``."""
    for line in _COPYRIGHT.finditer(tail, low):
        if line.group("by") or tail[line.end() :].startswith("/"):
            continue
        holder = clean(line.group("outlet"))
        if not is_picture_agency(holder):
            return holder
    return None


def _edges(text: str, tail: str, low: str) -> tuple[str, str]:
    """The first and last characters of TEXT, where an outlet writes about itself, and them
    lowered (``lowered``), given its TAIL and LOW, ``lowered(tail)``."""
    if len(text) <= _HEAD_CHARS + len(tail):
        whole = text.replace("\u00a0", " ")
        return whole, lowered(whole)
    head = text[:_HEAD_CHARS].replace("\u00a0", " ")
    return f"{head}\n{tail}", f"{lowered(head)}\n{low}"


def _own_address(text: str) -> str | None:
    """The article's own web address, alone on the text's first line, or the site's bare address
    ('www.example.com') alone on its last: not a link a label introduces ('Online:'), not one of a
    list of links, and not a platform's (a video, a post, a short link or an archived copy is not
    the article). A last line's address with a path is a link to something else."""
    first = [line.strip() for line in text[:_EDGE_CHARS].splitlines() if line.strip()][:2]
    last = [line.strip() for line in text[-_EDGE_CHARS:].splitlines() if line.strip()][-2:]
    if len(first) < 2 or len(last) < 2:
        return None
    for address, beside, at_end in ((first[0], first[1], False), (last[1], last[0], True)):
        address = address.rstrip(".")
        if not _ADDRESS_ALONE.fullmatch(address) or _ADDRESS_ALONE.fullmatch(beside.rstrip(".")):
            continue
        key = domain_key(address)
        host = key.split("/", 1)[0]
        if at_end and (key != host or beside.endswith(":")):
            continue
        if not any(host == p or host.endswith("." + p) for p in _PLATFORMS):
            return address
    return None


def _site_name(address: str, registry: Registry | None) -> str:
    """The outlet publishing on ADDRESS's domain, its parent domains too, as the registry names
    it; otherwise the host itself ('example.com')."""
    if registry is not None and (entry := registry.by_domain(address)):
        return entry.name
    return domain_key(address).split("/", 1)[0]


def _copyright_address(tail: str, low: str) -> str | None:
    """The web address a copyright line gives for its holder ('\u00a9 Example Media
    (www.example.com)'), given LOW, ``lowered(tail)``."""
    if not _COPYRIGHT_MARK.may_match(low):
        return None
    for line in tail.splitlines():
        if _COPYRIGHT_MARK.pattern.search(line) and (address := _ADDRESS_IN.search(line)):
            return address.group(0)
    return None


def _handle_outlet(handle: str, registry: Registry | None) -> str | None:
    """The registry outlet whose name, an alias or its web domain's name is HANDLE ('@Reuters',
    '@PressTV' for presstv.ir)."""
    if registry is None:
        return None
    key = squeeze(handle)
    for entry in registry.entries:
        if entry.kind not in OUTLET_KINDS:
            continue
        names = (entry.name, *entry.aliases)
        if any(squeeze(n) == key for n in names) or any(
            site_label(d) == key for d in entry.domains
        ):
            return entry.name
    return None


def _contact(tail: str, low: str) -> str | None:
    """The web domain of the first address the closing lines give for the author or the
    newsroom, unless it is a public mail service's; given LOW, ``lowered(tail)``."""
    for match in (*_CONTACT.finditer(tail, low), *_ADDRESS_LINE.finditer(tail, low)):
        domain = match.group("domain").lower()
        if domain not in _MAIL_SERVICES:
            return domain
    return None


def _requester(text: str, registry: Registry | None) -> str | None:
    """The newsroom whose request for comment the text reports, when it names one and only one,
    and the sentence ends there (not '..., CNN reported')."""
    names = set()
    # Every match starts with 'respond': the search starts at the first one (``\b`` still reads
    # the character before it), not at each character of the text.
    first = text.find("respond")
    if first < 0:
        return None
    for match in _REQUEST.finditer(text, first):
        name = named_in(match)
        if re.search(r"\b(?:report|said|says|according|told)", match.group("rest")):
            return None
        if not (outlet_like(name, registry) or name.startswith("The ")):
            return None
        names.add(name)
    return names.pop() if len(names) == 1 else None


def _closing(tail: str, low: str, text: str, registry: Registry | None) -> list[str]:
    """Outlets the closing lines name as their own: promotions of the outlet's accounts,
    newsletters and app, and the author's note ('Jane Doe is a reporter for Outlet'); given
    LOW, ``lowered(tail)``. A name that does not look like an outlet's is taken when TEXT, the
    whole text, backs it."""
    named = [named_in(match) for match in _PROMOTION.finditer(tail, low)]
    named.extend(site_names(tail, low))
    notes = []
    for match in _AUTHOR_NOTE.finditer(tail):
        role, person = match.group("role").casefold(), match.group("person")
        if "former" in role or "ex-" in role:
            continue
        if " " not in person and person.casefold() in _OPENERS:
            continue  # 'He is a reporter for ...': a sentence of the story, not a note
        named.append(name := named_in(match))
        # A newsroom's role, the note ending with the outlet: an outlet, whatever its name.
        roles = {word.split("-")[0] for word in role.split()}
        # A contributing editor writes for other outlets too: an op-ed's author, say.
        if (
            match.group("end") is not None
            and roles & _NEWSROOM_ROLES
            and "contributing" not in roles
        ):
            notes.append(name)
    for match in (
        *_AUTHOR_WRITES.finditer(tail, low),
        *_SITE_HEADING.finditer(tail, low),
        *_FOLLOW_STAFF.finditer(tail, low),
    ):
        named.append(named_in(match))
    out = [
        name
        for name in named
        if outlet_like(name, registry)
        or (is_name(name) and (name in notes or backed(name, text, named)))
    ]
    for match in _HANDLE.finditer(tail, low):
        if outlet := _handle_outlet(match.group("handle"), registry):
            out.append(outlet)
    return out


def _after_marker(text: str) -> str:
    """The text after a leading syndication marker: '(MENAFN- X) TEHRAN, June 1 (IRNA) -'."""
    marker = _SYNDICATED.match(text) if text.startswith("(") else None
    return text[marker.end() :].lstrip() if marker else text

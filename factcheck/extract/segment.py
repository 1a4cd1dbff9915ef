"""Stage ② segment: blocks, de-glued sentences and page furniture, with offsets into the text.

Scraped article text arrives glued together ("May 31, 2021Iranian", "roomOn May 20",
"Iran.”By Sharon"). This stage never edits the text: it finds the boundaries hidden inside glued
runs, so every segment is an exact slice of ``Document.text`` and the whitespace between segments is
all that is left out. Sentence boundaries come from sentencex (fast, rule-based) with corrections
for the cases it gets wrong; then page furniture (headline, dateline, byline, caption, credit,
related-story links, tag lists) is told apart from body sentences with general rules, and the
headline, byline, outlet and date become the document's metadata when it does not have them yet.

The work is spread over modules by step: ``segment_text`` (blocks), ``segment_glue`` (glued
boundaries), ``segment_sentences`` (sentencex and its corrections), ``segment_dates`` (datelines),
``segment_furniture`` (the kinds of page furniture), ``segment_addresses`` (web and postal
addresses alone on their lines), ``segment_title`` (the headline),
``segment_page`` (a whole web page pasted as text: its menus, its head and what follows the
story) and ``segment_page_title`` (such a page's headline). This module puts them together.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from factcheck import regexes
from factcheck.errors import IngestError
from factcheck.extract.bylines import clean_byline
from factcheck.extract.segment_addresses import classify_addresses
from factcheck.extract.segment_bylines import page_byline
from factcheck.extract.segment_dates import (
    LEADING_DATE_RE,
    MONTH_NUMBERS,
    PAGE_UPDATED_RE,
    parse_date,
    today,
)
from factcheck.extract.segment_furniture import (
    BYLINE_RE,
    DATE_START_CHARS,
    QUESTION_END_RE,
    STAMPED_BYLINE_RE,
    WIRE_DATELINE_RE,
    Unit,
    block_runs,
    classify_captions,
    classify_headings,
    classify_notice_blocks,
    classify_patterns,
    classify_shapes,
    classify_tags,
    ends_sentence,
    is_byline,
    split_furniture,
)
from factcheck.extract.segment_glue import find_glued_boundaries
from factcheck.extract.segment_head import (
    calendar_words,
    is_issuer,
    is_masthead,
    is_outlet_name,
    is_web_name,
    named_byline,
    stamped_name,
)
from factcheck.extract.segment_notices import is_note_on_author
from factcheck.extract.segment_page import classify_menus, classify_page
from factcheck.extract.segment_page_title import page_headline
from factcheck.extract.segment_sections import (
    classify_closing_sections,
    classify_company_notes,
    classify_excerpts,
    classify_link_boxes,
    classify_toggled_captions,
)
from factcheck.extract.segment_sentences import sentence_spans, split_sentences
from factcheck.extract.segment_text import split_blocks
from factcheck.extract.segment_title import classify_title, date_under
from factcheck.lexicon import words
from factcheck.models import Document, Segment, SegmentKind

__all__ = [
    "MONTH_NUMBERS",
    "find_glued_boundaries",
    "parse_date",
    "segment_document",
    "split_blocks",
    "split_sentences",
]

_ROLE_WORDS = regexes.compile(
    r"\b(?:" + "|".join(sorted(words("byline_roles"))) + r")s?\b", re.IGNORECASE
)
_STAFF_WORDS = words("staff_words")
_HEAD_UNITS = 4
"""The lines at the top of a text without a headline where an issuer's name may stand."""
_STAMP_REACH = 4
"""The most lines above a pasted page's headline where its date or byline may stand."""
_STAFF_CREDIT_WORDS = 3
"""The most words a staff credit before an outlet's name has: "By Staff Reporter, ..."."""


MAX_TEXT_CHARS = 8_000_000
"""The longest text read as one article: a book of 3,000 pages. The work and the memory grow with
the text (about a second and 120 MB a million characters), so a page whose text is longer (a
60 KB compressed file can hold 20 MB of paragraphs) is refused rather than tie the machine up."""


def segment_document(doc: Document) -> tuple[Document, tuple[Segment, ...]]:
    """Split ``doc.text`` into segments with kinds, and fill metadata the document lacks.

    Returns the document with ``title``, ``byline``, ``outlet`` and ``published`` set from the
    text's own headline, byline and dateline where they were None, and every non-whitespace piece
    of the text as a Segment, in order. Body sentences are STATEMENT or QUESTION.
    """
    text = doc.text
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"{doc.source}: its text is {len(text) / 1e6:.1f} million characters, more than the "
            f"{MAX_TEXT_CHARS // 1_000_000} million read as one article: split it into parts and "
            "extract each"
        )
    units = _units(text)
    runs = block_runs(units)
    classify_patterns(units)
    _classify_stamped_names(units)
    classify_menus(runs)  # before the headline, which no menu holds
    classify_excerpts(units)  # before the story is looked for: other stories' openings
    top = page_headline(text, units, runs) if doc.title is None else None
    block_sizes = {run[0].block: len(run) for run in runs}  # once the headline is one unit
    title = classify_title(units, doc.title, top)
    classify_headings(units, block_sizes)
    classify_tags(units)
    classify_captions(units)
    classify_toggled_captions(runs)
    classify_shapes(units, block_sizes, runs)
    classify_addresses(units, doc.url)
    classify_notice_blocks(runs)
    if authors := _author_names(doc.byline, units):
        for unit in units:
            if unit.kind is None and is_note_on_author(unit.text, authors):
                unit.kind = SegmentKind.RELATED  # "Jane Roe is the site's deals editor."
    classify_closing_sections(units)
    classify_company_notes(units)
    classify_link_boxes(units)
    if doc.title is None:
        classify_page(runs, None if top is None else units[top])
    # Positional arguments: a segment is made for every piece of every article, and a keyword
    # call costs half as much again.
    segments = tuple(
        Segment(u.start, u.end, u.kind or _body_kind(u.text), u.text, u.block) for u in units
    )
    return _fill_metadata(doc, units, title, top), segments


_STAMPED_NAME_WORDS = 12
_STANDFIRST_SENTENCES = 3
"""The most sentences between a headline and its byline: a standfirst's."""
_BY_ALONE = frozenset({"By", "BY", "By:", "BY:", "Author:"})
_DATE_LABEL_WORDS = 3
"""The most words of a date's label on the line over it: "Date published:"."""
_HEADLINE_MIN_WORDS = 4
"""The fewest words of the line over a byline told by its place alone."""


def _classify_stamped_names(units: list[Unit]) -> None:
    """A line of its own with a person's name, and their outlet's at most, under "By" alone
    on the line above, or right over a date stamp and under a headline: the byline ("Jane
    Roe" or "Jane Roe Example Free Press" over "Published 2:16 AM June 3, 2024"). Over a date
    but under a sentence, a label ("Rating: 36 Votes", over a reader's comment's signature)
    or another name (a list of results), it is left alone."""
    for i in range(1, len(units) - 1):
        unit, below, above = units[i], units[i + 1], units[i - 1]
        if unit.text in _BY_ALONE and unit.kind is None and below.kind is None:
            if below.block != unit.block and is_byline(f"By {below.text}"):
                unit.kind = below.kind = SegmentKind.BYLINE  # "By" over "Jane Roe"
            continue
        if (
            below.kind is SegmentKind.DATELINE
            and unit.kind is None
            and below.block != unit.block
            and unit.text.endswith(":")
            and _labels_date(unit)
        ):
            unit.kind = SegmentKind.DATELINE  # "Publish date:" over "Nov 18, 2019"
            continue
        if (
            below.kind is SegmentKind.DATELINE
            and unit.kind is None
            and not unit.terminal
            and above.kind is None
            and (not above.terminal or _asks_at_top(units, i - 1))
            and above.block != unit.block != below.block
            and unit.words <= _STAMPED_NAME_WORDS
            and above.words >= _HEADLINE_MIN_WORDS
            and stamped_name(unit.text) is not None
            and stamped_name(above.text) is None
        ):
            unit.kind = SegmentKind.BYLINE


def _labels_date(unit: Unit) -> bool:
    """Whether UNIT, a line ending with a colon, is a date's label: a few words, one of them of
    dates or of publishing ("Publish date:", "Posted:", "Veröffentlicht:")."""
    said = unit.text.lower().rstrip(":").split()
    return unit.words <= _DATE_LABEL_WORDS and not _LABEL_DATE_WORDS.isdisjoint(said)


_LABEL_DATE_WORDS = words("publishing_words") | {"date", "publish", "modified", "time"}


def _asks_at_top(units: list[Unit], k: int) -> bool:
    """Whether UNITS[K] ends a headline that asks ("Is the ferry worth it?"): a question whose
    line comes first, or under a line that is no sentence (the page's menu), not under a
    sentence (as a reader's comment comes)."""
    if not units[k].text.endswith("?"):
        return False
    block = units[k].block
    while k > 0 and units[k - 1].block == block:
        k -= 1
    return k == 0 or not units[k - 1].terminal


def _body_kind(piece: str) -> SegmentKind:
    if "?" in piece and QUESTION_END_RE.search(piece):
        return SegmentKind.QUESTION
    return SegmentKind.STATEMENT


def _units(text: str) -> list[Unit]:
    units: list[Unit] = []
    append = units.append
    for start, end, block in sentence_spans(text, split_blocks(text)):
        piece = text[start:end]
        # Furniture is cut off a piece that opens with a date, or ends with a date or a credit
        # in brackets: an opening date is looked for here, as most pieces have none.
        last = piece[-1]
        if (
            last.isdigit()
            or last in ")]"
            or (piece[0] in DATE_START_CHARS and LEADING_DATE_RE.match(text, start, end))
        ):
            parts = split_furniture(text, start, end)
            if len(parts) > 1:
                units.extend(_unit(text, s, e, block) for s, e in parts)
                continue
        append(Unit(start, end, block, piece, None, ends_sentence(piece)))
    return units


def _unit(text: str, start: int, end: int, block: int) -> Unit:
    piece = text[start:end]
    return Unit(start, end, block, piece, None, ends_sentence(piece))


def _fill_metadata(
    doc: Document, units: list[Unit], title: Unit | None, top: int | None
) -> Document:
    """The document with the metadata the text gives it. In a pasted page whose headline is
    units[TOP], the story's date and byline are read from just above the headline on: a date
    higher up is the site's (today's date beside its masthead), a byline another story's."""
    changes: dict[str, str] = {}
    origins = dict(doc.provenance)
    if doc.title is None and title is not None:
        changes["title"] = title.text
        origins["title"] = "text"
    first = 0 if top is None else max(0, top - _STAMP_REACH)
    if top is None and title is not None:
        at = units.index(title)
        if date_under(units, at) and any(u.kind is SegmentKind.DATELINE for u in units[:at]):
            first = at  # a date above the headline, when another is under it, is the site's
    if doc.published is None:
        published = _top_dateline(units, first)
        if published:
            changes["published"] = published
            origins["published"] = "dateline"
    body_seen = 0
    for k in range(first, len(units)):
        body_seen += units[k].kind is None and units[k].terminal
        if units[k].kind is SegmentKind.BYLINE:
            if body_seen > _STANDFIRST_SENTENCES and _told_by_place(units, k):
                continue  # past a standfirst, under another story's headline in a box
            byline, outlet = _parse_byline(_byline_text(units, k))
            if byline and clean_byline(byline) is None:
                byline = None  # a label or a date where the names should be
            if doc.byline is None and byline:
                changes["byline"] = byline
                origins["byline"] = "text"
            if doc.outlet is None and outlet:
                changes["outlet"] = outlet
                origins["outlet"] = "text"
            if byline or outlet:
                break
    if doc.outlet is None and "outlet" not in changes:
        # A masthead or an issuer above the headline names the publisher.
        for unit in units[: units.index(title) if title is not None else _HEAD_UNITS]:
            if unit.kind is SegmentKind.CREDIT and (is_masthead(unit.text) or is_issuer(unit.text)):
                changes["outlet"] = unit.text
                origins["outlet"] = "text"
                break
    if doc.outlet is None and "outlet" not in changes:
        body = (u for u in units if u.kind is None)
        for unit, _ in zip(body, range(3), strict=False):
            wire = WIRE_DATELINE_RE.match(unit.text)
            if wire:
                changes["outlet"] = wire.group("outlet")
                origins["outlet"] = "text"
                break
    if not changes:
        return doc
    order = ("title", "outlet", "byline", "published", "url", "text")
    provenance = tuple((key, origins[key]) for key in order if key in origins)
    return replace(doc, **changes, provenance=provenance)


def _top_dateline(units: list[Unit], first: int = 0) -> str | None:
    """The date of a dateline or byline at the top of the text from UNITS[FIRST] on (before the
    second body sentence), unless it is an "updated" stamp or later than today."""
    body_seen = 0
    for i in range(first, len(units)):
        unit = units[i]
        if unit.kind is None and unit.terminal:
            body_seen += 1
            if body_seen >= 2:
                return None
        if unit.kind not in (SegmentKind.DATELINE, SegmentKind.BYLINE):
            continue
        if _UPDATED_RE.match(unit.text):
            continue
        label = units[i - 1] if i else None
        if label is not None and label.block == unit.block and _updated(label.text):
            continue  # "Updated 0412 GMT" cut from its date on the same line
        # Past a label of change in another language ("aktualisiert am"), a date is the change's.
        changed = PAGE_UPDATED_RE.search(unit.text)
        published = parse_date(unit.text if changed is None else unit.text[: changed.start()])
        if published and date.fromisoformat(published) <= today():
            return published
    return None


_UPDATED_RE = regexes.compile(r"\s*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)


def _updated(label: str) -> bool:
    """Whether LABEL, cut from the date after it, says when the piece was changed, in English or
    in another language ("Updated", "Aktualisiert am")."""
    return _UPDATED_RE.match(label) is not None or PAGE_UPDATED_RE.search(label) is not None


_BYLINE_SPLIT_RE = regexes.compile(r"\s+(?:\||–|—|-|/|for)\s+|\s*[|/]\s*")
_REPORTING_NAMES_RE = regexes.compile(
    r"[Rr]eporting\s+by\s+([^;()]+?)(?:\s+in\s+[A-Z][^;()]*)?\s*(?:[;()]|\Z)"
)


def _author_names(byline: str | None, units: list[Unit]) -> list[str]:
    """The full names of the article's authors (two words or more): from BYLINE, or else from
    the first byline in the text."""
    if byline is None:
        found = (k for k, u in enumerate(units) if u.kind is SegmentKind.BYLINE)
        byline = next(
            (names for k in found if (names := _parse_byline(_byline_text(units, k))[0])), None
        )
    cleaned = clean_byline(byline)
    if not cleaned:
        return []
    # People only: an outlet or a staff credit in the byline ("Associated Press", "Reuters
    # Staff") is named by the story itself ("Associated Press reported ...").
    outlets = words("news_outlets")
    return [
        name
        for name in cleaned.split(", ")
        if " " in name
        and not is_outlet_name(name)
        and not _staff_credit(name)
        and name.casefold() not in outlets
    ]


def _staff_credit(name: str) -> bool:
    """Whether NAME is a staff credit in place of a person's name: "Staff", "News Desk"."""
    credit = name.split()
    return 0 < len(credit) <= _STAFF_CREDIT_WORDS and credit[-1].casefold() in _STAFF_WORDS


def _byline_text(units: list[Unit], k: int) -> str:
    """The text of the byline UNITS[K], with the "By" printed alone on the line above it."""
    text = units[k].text
    return f"By {text}" if k and units[k - 1].text in _BY_ALONE else text


def _told_by_place(units: list[Unit], k: int) -> bool:
    """Whether the byline UNITS[K] was told by its place alone: a name under "By" on a line of
    its own, or over a date stamp (``_classify_stamped_names``); under the story's date stamp,
    as a story may end, it is the story's ("Published 3 June 2024" over "By" over "Jane Roe")."""
    alone = _byline_text(units, k) != units[k].text
    if not alone and stamped_name(units[k].text) is None:
        return False
    top = k - 1 if alone else k
    return not (top and units[top - 1].kind is SegmentKind.DATELINE)


def _parse_byline(piece: str) -> tuple[str | None, str | None]:
    """(authors as printed, outlet) from a byline: 'By A and B, The Outlet' -> ('A and B', ...)."""
    m = BYLINE_RE.fullmatch(piece) or STAMPED_BYLINE_RE.fullmatch(piece)
    if not m and (named := named_byline(piece)) is not None:
        if named[1] is None and (glued := _GLUED_OUTLET_RE.fullmatch(named[0])):
            return glued[1], glued[2]  # "By Jane RoeCNN - June 3, 2024"
        return named  # "Jane Roe, Senior Reporter", "By Jane Roe • 3 min read"
    if not m and (names := page_byline(piece)) is not None:
        return names, None  # "Von Jana Roth", "Par Jeanne Roux, le 5 mars 2024"
    if not m and (stamped := stamped_name(piece)) is not None:
        return stamped  # a name alone or with its outlet, on a line the byline was told from
    if not m:
        reporting = _REPORTING_NAMES_RE.search(piece)
        names = reporting.group(1).strip().rstrip(".") if reporting else None
        return names, None
    rest = m.group("rest").strip()
    before, _, last = rest.rpartition(", ")
    if before and last.lower() in calendar_words():
        rest = before  # "By Jane Roe, Monday, 3 June 2024": the day is the date's
    outlet: str | None = None
    parts = _BYLINE_SPLIT_RE.split(rest, maxsplit=1)
    wire = _caps_then_outlet_re().fullmatch(rest) if len(parts) == 1 else None
    if wire is not None:
        return _wire_byline(*wire.groups())  # "By JANE ROE Associated Press"
    if len(parts) == 2:
        rest, outlet = parts[0].strip().rstrip(","), parts[1].strip()  # "Jane Roe, for Example"
    elif ", " in rest:
        head, tail = rest.rsplit(", ", 1)
        if (
            tail.startswith(("The ", "the "))
            or is_outlet_name(tail)
            or is_web_name(tail)  # "By Jane Roe, Example.com"
            or (_staff_credit(head) and tail[:1].isupper())
        ):
            # "By Staff, Example": after a staff credit, which names no person, the outlet.
            rest, outlet = head, tail
        elif _ROLE_WORDS.search(tail):
            rest = head
    if rest.startswith(("The ", "the ")) and outlet is None:
        # "By The Example Ledger Staff": the outlet, without the words of its staff credit.
        kept = rest.split()
        while len(kept) > 2 and kept[-1].casefold() in _STAFF_WORDS:
            kept.pop()
        return None, " ".join(kept)
    if outlet is None and (glued := _GLUED_OUTLET_RE.fullmatch(rest)):
        rest, outlet = glued.groups()  # "By Jane RoeCNN": the outlet's name run into hers
    if outlet is not None:
        outlet = _name_part(outlet)  # "Example Times chief political correspondent"
    return (rest or None), (outlet or None)


_JOINING = frozenset({"of", "and", "&", "the", "for", "de", "la", "el", "du", "der"})


def _name_part(outlet: str) -> str:
    """OUTLET's name without the role after it: its capitalised words, and the small words
    between them ("Example Times chief political correspondent" -> "Example Times")."""
    kept: list[str] = []
    parts = outlet.split()
    for k, word in enumerate(parts):
        named = word[:1].isupper() or word[:1].isdigit()
        joins = word in _JOINING and k + 1 < len(parts) and parts[k + 1][:1].isupper()
        if not (named or (kept and joins)):
            break
        kept.append(word)
    return " ".join(kept) if kept else outlet


_GLUED_OUTLET_RE = regexes.compile(r"(.*[a-z])([A-Z]{2,}(?:[A-Z][a-z]+)*)")
"""Names whose last letter runs into an outlet's name in capitals: "Jane RoeCNN",
"Jane RoeFOXBusiness"."""


def _wire_byline(names: str, after: str) -> tuple[str, str | None]:
    """(names, outlet) of a byline of names in capitals and what follows them: an outlet ("JANE
    ROE Associated Press"), an outlet and the writer's role ("JANE ROE Associated Press Writer"),
    or a role after a news outlet's short name in capitals ("JANE ROE AP Economics Writer");
    "JANE ROE Staff Writer" names no outlet."""
    if not _ROLE_WORDS.search(after):
        return names, after
    people, _, short = names.rpartition(" ")
    if people and short.casefold() in words("news_outlets"):
        return people, short
    kept = after.split()
    while kept and _ROLE_WORDS.fullmatch(kept[-1]):
        kept.pop()  # "Associated Press Medical Writer": the outlet, then the writer's role
    return names, (" ".join(kept) or None)


@cache
def _caps_then_outlet_re() -> re.Pattern[str]:
    """Names in capitals, then an outlet's name as written: "JANE ROE Associated Press", "JANE
    ROE and JO LEE Associated Press" (compiled when a byline first needs it)."""
    caps = r"(?:[A-Z][A-Z.'\u2019-]+\s+){1,4}[A-Z][A-Z.'\u2019-]+"
    return regexes.compile(
        rf"({caps}(?:(?:,\s*|\s+(?:and|AND|&)\s+){caps}){{0,3}})"
        r"\s+((?:The\s+)?[A-Z][a-z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,4})"
    )

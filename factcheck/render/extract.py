"""Renderers for `factcheck extract`: the JSON/YAML contract and the Rich claims table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from factcheck.factchecks.model import Match
from factcheck.models import Attribution, Claim, Document, Extraction, Segment
from factcheck.records import attribution_record, document_record
from factcheck.render.console import message_text, safe_text
from factcheck.render.jsonout import escaped

if TYPE_CHECKING:
    # Rich loads only for the table: the text formats, written in batch workers, never need it.
    from rich.console import RenderableType
    from rich.text import Text

    from factcheck.extract.pipeline import Stage

FORMAT_VERSION = 1
"""Bumped only when a field of the extract output is renamed or removed."""


def document_dict(doc: Document) -> dict[str, Any]:
    """The document part of the extract contract."""
    return document_record(doc)


def attribution_dict(attribution: Attribution) -> dict[str, Any]:
    """The attribution part of one claim."""
    return attribution_record(attribution, with_hops=True)


def claim_dict(claim: Claim) -> dict[str, Any]:
    """One claim as in the extract contract."""
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "check_worthiness": claim.check_worthiness,
        "reasons": list(claim.reasons),
        "attribution": attribution_dict(claim.attribution),
        "sources": list(claim.sources),
        "caption": claim.caption,
        "repeats": claim.repeats,
    }


def segment_dict(segment: Segment) -> dict[str, Any]:
    """One segment as in the extract contract (with --all); body sentences carry attribution."""
    data: dict[str, Any] = {
        "text": segment.text,
        "start": segment.start,
        "end": segment.end,
        "kind": str(segment.kind),
    }
    if segment.attribution is not None:
        data["attribution"] = attribution_dict(segment.attribution)
    return data


def extraction_dict(extraction: Extraction, *, include_segments: bool = False) -> dict[str, Any]:
    """One source's extract output as plain data."""
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "document": document_dict(extraction.document),
        "claims": [claim_dict(c) for c in extraction.claims],
    }
    if extraction.factchecks is not None:
        # Only with a database of known fact-checks: each claim's matches, best first.
        for record, claim in zip(data["claims"], extraction.claims, strict=True):
            record["factchecks"] = [m.record() for m in extraction.factchecks.get(claim.id, ())]
    if include_segments:
        data["segments"] = [segment_dict(s) for s in extraction.segments]
    return data


def render_json(extractions: Sequence[Extraction], *, include_segments: bool = False) -> str:
    """One JSON object for one source; a JSON array of them for several."""
    return join_pieces(
        [render_piece(e, "json", include_segments=include_segments) for e in extractions], "json"
    )


def render_jsonl(extractions: Sequence[Extraction], *, include_segments: bool = False) -> str:
    """One compact JSON object per line, one line per source."""
    return join_pieces(
        [render_piece(e, "jsonl", include_segments=include_segments) for e in extractions], "jsonl"
    )


def render_yaml(extractions: Sequence[Extraction], *, include_segments: bool = False) -> str:
    """A YAML stream with one document per source."""
    return join_pieces(
        [render_piece(e, "yaml", include_segments=include_segments) for e in extractions], "yaml"
    )


_JSONL = json.JSONEncoder(ensure_ascii=False, check_circular=False)
"""``json.dumps(data, ensure_ascii=False)``, made once; plain data holds no cycle to look for."""

PIECE_FORMATS = ("json", "jsonl", "yaml")
"""The output formats made of one piece of text per source (``render_piece``, ``join_pieces``)."""


def render_piece(extraction: Extraction, fmt: str, *, include_segments: bool = False) -> str:
    """One source's part of the json, jsonl or yaml output, written where it was extracted.

    ``join_pieces`` puts the parts of several sources together, so a batch can render each source
    in the process that extracted it and send back only text.
    """
    data = extraction_dict(extraction, include_segments=include_segments)
    if fmt == "jsonl":
        return escaped(_JSONL.encode(data)) + "\n"
    if fmt == "json":
        return escaped(json.dumps(data, ensure_ascii=False, indent=2))
    if fmt == "yaml":
        from factcheck.yamldump import safe_dump_all

        return safe_dump_all([data], allow_unicode=True, sort_keys=False, width=100)
    raise ValueError(f"not a piece format: {fmt}")


def join_pieces(pieces: Sequence[str], fmt: str, *, several: bool | None = None) -> str:
    """The whole output of ``render_piece``'s parts, one per source, in order.

    JSON is one object for one source and an array for several: ``several`` says whether several
    were given, whatever number of them could be read (when None: whether there are several
    parts). No part of one source is no output; of several, an empty array."""
    if fmt == "json":
        if not (len(pieces) != 1 if several is None else several):
            return pieces[0] + "\n" if pieces else ""
        if not pieces:
            return "[]\n"
        # A JSON text holds no raw line break, so each line of a part moves in by one level.
        return "[\n" + ",\n".join("  " + p.replace("\n", "\n  ") for p in pieces) + "\n]\n"
    if fmt == "yaml":
        # Each part is one block mapping, so the stream separates them with a bare marker.
        return "---\n".join(pieces)
    return "".join(pieces)


def chain_text(claim: Claim, document: Document) -> str:
    """The attribution chain from the article to the original speaker, e.g. 'A ← B ← C'."""
    hops = [document.outlet or "article", *claim.attribution.via]
    if claim.attribution.speaker:
        hops.append(claim.attribution.speaker)
    return " ← ".join(hops)


def _header(doc: Document) -> Text:
    title = safe_text(doc.title or doc.source, style="bold")
    meta = [part for part in (doc.outlet, doc.byline, doc.published, doc.url) if part]
    if meta:
        title.append("\n")
        title.append_text(safe_text(" · ".join(meta), style="dim"))
    if ("text", "repaired") in doc.provenance:
        title.append("\ntext repaired: doubly encoded characters decoded again", style="yellow")
    return title


def _factchecks_cell(matches: Sequence[Match]) -> Text:
    """The best known fact-check's rating and publisher, and how many more match."""
    from rich.text import Text

    if not matches:
        return Text("—", style="dim")
    best = matches[0]
    cell = safe_text(" · ".join(p for p in (best.rating or "unrated", best.publisher) if p))
    if len(matches) > 1:
        cell.append(f" (+{len(matches) - 1})", style="dim")
    return cell


def render_table(extraction: Extraction, *, include_segments: bool = False) -> RenderableType:
    """The claims of one source as a Rich table under the article's title."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    doc = extraction.document
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("claim", ratio=5)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("chain", ratio=2, overflow="fold")
    found = extraction.factchecks
    if found is not None:
        table.add_column("checked before", ratio=2, overflow="fold")
    for claim in extraction.claims:
        speaker = claim.attribution.speaker or "—"
        text = safe_text(claim.text)
        if claim.caption or claim.repeats:
            mark = "caption" if claim.caption else f"repeats {claim.repeats}"
            text = Text.assemble(safe_text(f"[{mark}] ", style="dim"), text)
        cells: list[str | Text] = [
            claim.id,
            f"{claim.check_worthiness:.2f}",
            text,
            safe_text(speaker),
            safe_text(chain_text(claim, doc), style="dim"),
        ]
        if found is not None:
            cells.append(_factchecks_cell(found.get(claim.id, ())))
        table.add_row(*cells)
    parts: list[RenderableType] = [_header(doc), table]
    if not extraction.claims:
        parts.append(Text("No check-worthy claims found.", style="yellow"))
    if include_segments:
        seg_table = Table(box=box.SIMPLE_HEAD, expand=True, title="Segments")
        seg_table.add_column("kind", no_wrap=True, style="magenta")
        seg_table.add_column("span", no_wrap=True, justify="right", style="dim")
        seg_table.add_column("text", ratio=1)
        for seg in extraction.segments:
            seg_table.add_row(str(seg.kind), f"{seg.start}-{seg.end}", safe_text(seg.text))
        parts.append(seg_table)
    return Group(*parts)


def stage_line(source: str, stage: Stage, count: int) -> Text:
    """What the extraction of one source is doing, for a status line on a terminal."""
    from factcheck.extract.pipeline import Stage

    name = "standard input" if source == "-" else source
    if stage is Stage.READING:
        doing = "reading"
    elif stage is Stage.SEGMENTING:
        doing = f"splitting {count:,} characters into sentences"
    elif stage is Stage.CLAIMS:
        doing = f"finding the claims among {count:,} pieces of text"
    elif stage is Stage.FACTCHECKS:
        doing = f"matching {count:,} claims on known fact-checks"
    elif stage is Stage.WRITING:
        doing = f"writing {count:,} claim{'' if count == 1 else 's'}"
    else:
        assert_never(stage)
    return message_text(f"Extracting {name}: {doing}")  # one line, whatever the name holds


def table_line(extraction: Extraction) -> Text:
    """What is being done while the claims table of a long input is laid out."""
    count = len(extraction.claims)
    return message_text(f"Laying out {count:,} claims of {extraction.document.source}")

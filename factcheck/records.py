"""Plain-data records of the shared models, for every format that writes them out."""

from __future__ import annotations

from typing import Any

from factcheck.models import Attribution, Document


def document_record(document: Document, *, with_text: bool = False) -> dict[str, Any]:
    """The article's metadata (and, for files that must stand alone, its clean text)."""
    record: dict[str, Any] = {
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet,
        "byline": document.byline,
        "published": document.published,
        "url": document.url,
        "sha256": document.sha256,
    }
    if document.provenance:
        # Where each field came from ('meta', 'json-ld', 'url', 'dateline', 'text', ...).
        record["provenance"] = dict(document.provenance)
    if with_text:
        record["text"] = document.text
    return record


def attribution_record(attribution: Attribution, *, with_hops: bool = False) -> dict[str, Any]:
    """Who stands behind a claim; ``hops`` is derived, so only outputs for readers carry it."""
    record: dict[str, Any] = {
        "speaker": attribution.speaker,
        "role": attribution.role,
        "verb": attribution.verb,
        "via": list(attribution.via),
        "hedges": list(attribution.hedges),
        "quote": attribution.quote,
    }
    if attribution.others:
        record["others"] = list(attribution.others)  # only when the sentence has them
    if with_hops:
        record["hops"] = attribution.hops
    return record


# --- text as every format shows it ---------------------------------------------------------------

EMPTY = "—"
"""Shown in a table cell that has nothing to show."""


def one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks included) as one space, trimmed."""
    return " ".join(text.split())


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word boundary and ended with '…'."""
    line = one_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"

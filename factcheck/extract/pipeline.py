"""The extract pipeline: ingest → segment → claims → sources, for one source."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from factcheck.extract.claims import extract_claims
from factcheck.extract.ingest import read_source
from factcheck.extract.segment import segment_document
from factcheck.models import Extraction
from factcheck.sources.publisher import find_publisher

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry


class Stage(enum.StrEnum):
    """A step of the pipeline, told to ``extract``'s ``on_stage`` as it starts."""

    READING = "reading"
    """Reading the source; the count is 0."""
    SEGMENTING = "segmenting"
    """Splitting the clean text into segments; the count is its characters."""
    CLAIMS = "claims"
    """Scoring and attributing the segments; the count is the segments."""
    FACTCHECKS = "factchecks"
    """Matching the claims on known fact-checks; the count is the claims."""
    WRITING = "writing"
    """Writing the extraction out (``extract_many``'s renderer); the count is the claims."""


StageCallback = Callable[[Stage, int], None]
"""Told each stage as it starts, with the size of what it works on: a sign of life for a long
input. Called a few times per source, never per sentence."""


def _unheard(stage: Stage, count: int) -> None:
    """The stage callback when nobody listens."""


def extract(
    source: str,
    *,
    registry: Registry | None = None,
    stdin: BinaryIO | None = None,
    min_score: float | None = None,
    on_stage: StageCallback | None = None,
) -> Extraction:
    """Read one source and extract its segments and claims; match claims on the registry and,
    when there is a database of known fact-checks, on it. ``on_stage`` is told each step as it
    starts."""
    if on_stage is None:
        on_stage = _unheard
    on_stage(Stage.READING, 0)
    document = read_source(source, stdin=stdin)
    on_stage(Stage.SEGMENTING, len(document.text))
    document, segments = segment_document(document)
    document = find_publisher(document, segments, registry)
    on_stage(Stage.CLAIMS, len(segments))
    segments, claims = extract_claims(document, segments, min_score=min_score, registry=registry)
    on_stage(Stage.FACTCHECKS, len(claims))
    # The fact-check matcher (and sqlite3) load only when a database exists.
    from factcheck.factchecks.findings import match_claims

    return Extraction(
        document=document, segments=segments, claims=claims, factchecks=match_claims(claims)
    )

"""The extract pipeline: ingest → segment → claims → sources, for one source."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from factcheck.extract.claims import extract_claims
from factcheck.extract.ingest import read_source
from factcheck.extract.segment import segment_document
from factcheck.models import Extraction
from factcheck.sources.publisher import find_publisher

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry


def extract(
    source: str,
    *,
    registry: Registry | None = None,
    stdin: BinaryIO | None = None,
    min_score: float | None = None,
) -> Extraction:
    """Read one source and extract its segments and claims; match claims on the registry and,
    when there is a database of known fact-checks, on it."""
    document, segments = segment_document(read_source(source, stdin=stdin))
    document = find_publisher(document, segments, registry)
    segments, claims = extract_claims(document, segments, min_score=min_score, registry=registry)
    # The fact-check matcher (and sqlite3) load only when a database exists.
    from factcheck.factchecks.findings import match_claims

    return Extraction(
        document=document, segments=segments, claims=claims, factchecks=match_claims(claims)
    )

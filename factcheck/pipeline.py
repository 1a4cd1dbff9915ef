"""The extract pipeline: ingest → segment → claims → sources, for one source."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from factcheck.claims import extract_claims
from factcheck.ingest import read_source
from factcheck.models import Claim, Extraction
from factcheck.segment import segment_document

if TYPE_CHECKING:
    from factcheck.sources import Registry


def extract(
    source: str,
    *,
    registry: Registry | None = None,
    stdin: BinaryIO | None = None,
    min_score: float | None = None,
) -> Extraction:
    """Read one source and extract its segments and claims; match claims on the registry."""
    document, segments = segment_document(read_source(source, stdin=stdin))
    segments, claims = extract_claims(document, segments, min_score=min_score)
    if registry is not None:
        from factcheck.sources import match_claim_sources

        claims = tuple(
            Claim(
                id=claim.id,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                check_worthiness=claim.check_worthiness,
                reasons=claim.reasons,
                attribution=claim.attribution,
                sources=match_claim_sources(registry, claim, document),
                block=claim.block,
            )
            for claim in claims
        )
    return Extraction(document=document, segments=segments, claims=claims)

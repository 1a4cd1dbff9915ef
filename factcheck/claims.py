"""Stage ③ claims: score every body sentence, attribute it, and keep the check-worthy ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from factcheck.attribution import attribute_sentences, quote_groups
from factcheck.models import Attribution, Claim, Document, Segment, SegmentKind
from factcheck.worthiness import DEFAULT_THRESHOLD, Worthiness, score_sentence

_BODY_KINDS = frozenset({SegmentKind.STATEMENT, SegmentKind.QUESTION})


@dataclass(frozen=True, slots=True)
class _Unit:
    """One or more consecutive body sentences that form a single claim candidate."""

    first: int
    """Index of the first sentence in the body list."""
    last: int
    """Index of the last sentence (inclusive)."""


def _units(count: int, groups: Sequence[tuple[int, int]]) -> list[_Unit]:
    # A quotation split over several sentences stays one unit, so it becomes one claim.
    units: list[_Unit] = []
    starts = dict(groups)
    index = 0
    while index < count:
        last = max(index, min(starts.get(index, index), count - 1))
        units.append(_Unit(index, last))
        index = last + 1
    return units


def _merge_attribution(parts: Sequence[Attribution]) -> Attribution:
    """The attribution of a multi-sentence unit: the first sentence that names a speaker wins."""
    chosen = next((a for a in parts if a.speaker), parts[0])
    hedges = tuple(dict.fromkeys(h for a in parts for h in a.hedges))
    return replace(chosen, hedges=hedges, quote=any(a.quote for a in parts))


def _merge_worthiness(parts: Sequence[Worthiness]) -> Worthiness:
    best = max(parts, key=lambda w: w.score)
    reasons = tuple(dict.fromkeys(r for w in parts for r in w.reasons))
    return Worthiness(score=best.score, reasons=reasons, kind=best.kind)


def extract_claims(
    doc: Document, segments: Sequence[Segment], *, min_score: float | None = None
) -> tuple[tuple[Segment, ...], tuple[Claim, ...]]:
    """Classify body sentences (claim, statement, question, opinion) and build the claims.

    ``min_score`` replaces the model's default threshold for what counts as a claim.
    """
    threshold = DEFAULT_THRESHOLD if min_score is None else min_score
    body = [i for i, seg in enumerate(segments) if seg.kind in _BODY_KINDS]
    texts = [segments[i].text for i in body]
    blocks = [segments[i].block for i in body]
    attributions = attribute_sentences(texts, outlet=doc.outlet, blocks=blocks)
    scores = [score_sentence(text, threshold) for text in texts]

    out = list(segments)
    claims: list[Claim] = []
    for unit in _units(len(body), quote_groups(texts, blocks=blocks)):
        span = range(unit.first, unit.last + 1)
        worth = _merge_worthiness([scores[k] for k in span])
        for k in span:
            # Inside one quotation every sentence shares the unit's class.
            kind = worth.kind if len(span) > 1 else scores[k].kind
            out[body[k]] = replace(segments[body[k]], kind=kind)
        if worth.kind is not SegmentKind.CLAIM:
            continue
        first, last = segments[body[unit.first]], segments[body[unit.last]]
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                text=doc.text[first.start : last.end],
                start=first.start,
                end=last.end,
                check_worthiness=round(worth.score, 4),
                reasons=worth.reasons,
                attribution=_merge_attribution([attributions[k] for k in span]),
                block=first.block,
            )
        )
    return tuple(out), tuple(claims)

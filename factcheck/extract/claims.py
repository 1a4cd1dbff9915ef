"""Stage ③ claims: score every body sentence, attribute it, and keep the check-worthy ones;
add check-worthy captions, and link claims that repeat another."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.extract.attribution import attribute_sentences, quote_groups
from factcheck.extract.captions import caption_claims
from factcheck.extract.repeats import link_repeats
from factcheck.extract.worthiness import DEFAULT_THRESHOLD, Worthiness, score_sentences
from factcheck.models import Attribution, Claim, Document, Segment, SegmentKind

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry

_BODY_KINDS = frozenset({SegmentKind.STATEMENT, SegmentKind.QUESTION})


def _units(count: int, groups: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last) body-sentence indexes, inclusive, of each claim candidate.

    A quotation split over several sentences stays one unit, so it becomes one claim.
    """
    if not groups:
        return list(zip(range(count), range(count), strict=True))
    units: list[tuple[int, int]] = []
    starts = dict(groups)
    index = 0
    while index < count:
        last = max(index, min(starts.get(index, index), count - 1))
        units.append((index, last))
        index = last + 1
    return units


def _merge_attribution(parts: Sequence[Attribution]) -> Attribution:
    """The attribution of a multi-sentence unit: the first sentence that names a speaker wins."""
    chosen = next((a for a in parts if a.speaker), parts[0])
    hedges = tuple(dict.fromkeys(h for a in parts for h in a.hedges))
    return Attribution(
        speaker=chosen.speaker,
        role=chosen.role,
        verb=chosen.verb,
        via=chosen.via,
        hedges=hedges,
        quote=any(a.quote for a in parts),
        others=tuple(dict.fromkeys(o for a in parts for o in a.others if o != chosen.speaker)),
    )


def _merge_worthiness(parts: Sequence[Worthiness]) -> Worthiness:
    best = max(parts, key=_score_of)
    reasons = tuple(dict.fromkeys(r for w in parts for r in w.reasons))
    return Worthiness(score=best.score, reasons=reasons, kind=best.kind)


def _score_of(worth: Worthiness) -> float:
    return worth.score


def _is_plain(attribution: Attribution) -> bool:
    """Whether a lone sentence's attribution is already its unit's (no repeated hedge)."""
    hedges = attribution.hedges
    return len(hedges) < 2 or len(set(hedges)) == len(hedges)


def extract_claims(
    doc: Document,
    segments: Sequence[Segment],
    *,
    min_score: float | None = None,
    registry: Registry | None = None,
) -> tuple[tuple[Segment, ...], tuple[Claim, ...]]:
    """Classify body sentences (claim, statement, question, opinion) and build the claims.

    ``min_score`` replaces the model's default threshold for what counts as a claim. With a
    ``registry``, each claim's ``sources`` are matched on it (``sources.match_claim_sources``).
    """
    if registry is not None:
        # Imported here: the registry's module loads YAML, which plain extraction never needs.
        from factcheck.sources.registry import chain_sources
    threshold = DEFAULT_THRESHOLD if min_score is None else min_score
    body = [i for i, seg in enumerate(segments) if seg.kind in _BODY_KINDS]
    texts = [segments[i].text for i in body]
    blocks = [segments[i].block for i in body]
    attributions = attribute_sentences(texts, outlet=doc.outlet, blocks=blocks, title=doc.title)
    scores = score_sentences(texts, threshold)

    # The class of each body sentence, decided unit by unit below.
    kinds = [segments[i].kind for i in body]
    claims: list[Claim] = []
    text = doc.text
    for first_k, last_k in _units(len(body), quote_groups(texts, blocks=blocks)):
        if first_k == last_k:
            # Most units are one sentence: its own score and attribution are the unit's.
            worth = scores[first_k]
            kinds[first_k] = worth.kind
            if worth.kind is not SegmentKind.CLAIM:
                continue
            own = attributions[first_k]
            attribution = own if _is_plain(own) else _merge_attribution([own])
            first = last = segments[body[first_k]]
        else:
            span = range(first_k, last_k + 1)
            worth = _merge_worthiness([scores[k] for k in span])
            for k in span:
                kinds[k] = worth.kind  # inside one quotation every sentence shares the class
            if worth.kind is not SegmentKind.CLAIM:
                continue
            attribution = _merge_attribution([attributions[k] for k in span])
            first, last = segments[body[first_k]], segments[body[last_k]]
        claim_text = text[first.start : last.end]
        sources = (
            ()
            if registry is None
            else chain_sources(registry, claim_text, attribution, doc, start=first.start)
        )
        # Positional: id, text, start, end, check_worthiness, reasons, attribution, sources,
        # block (a keyword call to a dataclass costs a third more, claim after claim).
        claims.append(
            Claim(
                f"c{len(claims) + 1}",
                claim_text,
                first.start,
                last.end,
                round(worth.score, 4),
                worth.reasons,
                attribution,
                sources,
                first.block,
            )
        )
    # Every body sentence carries its own attribution, whatever its class.
    out = list(segments)
    for index, kind, attribution in zip(body, kinds, attributions, strict=True):
        seg = segments[index]
        out[index] = Segment(seg.start, seg.end, kind, seg.text, seg.block, attribution)
    for caption in caption_claims(out, first_id=len(claims) + 1, threshold=threshold):
        sources = (
            ()
            if registry is None
            else chain_sources(
                registry, caption.text, caption.attribution, doc, start=caption.start
            )
        )
        claims.append(replace(caption, sources=sources))
    return tuple(out), link_repeats(claims)

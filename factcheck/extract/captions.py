"""Stage ③ claims: photo captions that state a fact, as claims attributed to the photo's credit.

A caption such as "Iranian missiles headed towards Hamas in Gaza were intercepted by the Israeli
navy in March 2014. (IDF)" says what a photo shows and who supplied it; miscaptioned photos are
among the commonest false claims. A caption scored check-worthy becomes a claim marked
``caption``, its speaker the credit that follows it. Captions are numbered after the body's
claims, so the body's claim ids do not move.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck import regexes
from factcheck.extract.worthiness import score_sentence
from factcheck.models import Attribution, Claim, Segment, SegmentKind

_CREDIT_LABEL = regexes.compile(
    r"^(?:photo(?:graph)?s?|image|picture|video|credit|photo credit|source|illustration)\s*[:/]\s*",
    re.IGNORECASE,
)


def credit_name(credit: str) -> str | None:
    """Who a photo credit names: '(IDF)' -> 'IDF', '[Photo: Jane Doe/AP]' -> 'Jane Doe/AP'."""
    name = credit.strip().strip("()[]{}").strip()
    name = _CREDIT_LABEL.sub("", name).strip(" .,;:-\u2013\u2014")
    return name or None


def caption_claims(segments: Sequence[Segment], *, first_id: int, threshold: float) -> list[Claim]:
    """The check-worthy captions as claims, numbered from ``c<first_id>``."""
    claims: list[Claim] = []
    for index, segment in enumerate(segments):
        if segment.kind is not SegmentKind.CAPTION:
            continue
        worth = score_sentence(segment.text, threshold)
        if worth.kind is not SegmentKind.CLAIM:
            continue
        credit = next(
            (
                s
                for s in segments[index + 1 : index + 3]
                if s.kind is SegmentKind.CREDIT and s.block == segment.block
            ),
            None,
        )
        speaker = credit_name(credit.text) if credit is not None else None
        claims.append(
            Claim(
                id=f"c{first_id + len(claims)}",
                text=segment.text,
                start=segment.start,
                end=segment.end,
                check_worthiness=round(worth.score, 4),
                reasons=(*worth.reasons, "caption"),
                attribution=Attribution(speaker=speaker),
                block=segment.block,
                caption=True,
            )
        )
    return claims

"""Stage ⑥ worksheet: the reviewer's corrections to what the extractor found, as pure functions.

A reviewer corrects the speaker or role, adds or removes a hop of the chain, splits or merges
claims, adds a claim from any body sentence and drops a claim that is not one. Each correction is
one audit-log change; these functions compute what it does to a claim, so that replaying the
journal gives the same result as the review did.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck.models import Attribution, Claim, Segment

REVIEWER_REASON = "added by the reviewer"
"""The reason listed on a claim the reviewer added, split off or merged."""


class Field(enum.StrEnum):
    """What a correction changed on a claim; reports mark these as the reviewer's."""

    SPEAKER = "speaker"
    ROLE = "role"
    CHAIN = "chain"
    ADDED = "added"
    SPLIT = "split"
    MERGED = "merged"
    DROPPED = "dropped"


CLAIM_CORRECTIONS = (Field.SPEAKER, Field.ROLE, Field.CHAIN)
"""The corrections that change a value of a claim's attribution (the rest change claims)."""


def chain_text(attribution: Attribution) -> str | None:
    """The chain as a change records it: the intermediaries one a line (None: none)."""
    return "\n".join(attribution.via) or None


def hops_in_line(line: str) -> tuple[str, ...]:
    """The hops of a chain typed on one line, nearest the article first, separated by ';' or an
    arrow, each on one line; an empty one where two separators meet."""
    return tuple(" ".join(hop.split()) for hop in line.replace("\u2192", ";").split(";"))


def with_chain(attribution: Attribution, text: str | None) -> Attribution:
    """The attribution with the whole chain a change records (see chain_text)."""
    via = tuple(hop.strip() for hop in (text or "").split("\n") if hop.strip())
    return replace(attribution, via=via)


def with_speaker(attribution: Attribution, speaker: str | None) -> Attribution:
    """The attribution with the speaker the reviewer gave, on one line (None: the speaker is
    unknown)."""
    return replace(attribution, speaker=" ".join((speaker or "").split()) or None)


def with_role(attribution: Attribution, role: str | None) -> Attribution:
    """The attribution with the role the reviewer gave, on one line (None: no role)."""
    return replace(attribution, role=" ".join((role or "").split()) or None)


def with_hop(attribution: Attribution, hop: str, position: int) -> Attribution:
    """The chain with one intermediary inserted (0: nearest the article), clamped to the chain."""
    via = list(attribution.via)
    position = max(0, min(position, len(via)))
    via.insert(position, hop.strip())
    return replace(attribution, via=tuple(via))


def without_hop(attribution: Attribution, hop: str) -> Attribution:
    """The chain without the first intermediary named ``hop``; unchanged when it is not there."""
    via = list(attribution.via)
    if hop in via:
        via.remove(hop)
    return replace(attribution, via=tuple(via))


def span_text(text: str, start: int, end: int) -> tuple[int, int]:
    """A span with the spaces at its ends left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_span(value: str) -> tuple[int, int]:
    """A span written as 'start-end' (offsets into the article's clean text)."""
    match = re.fullmatch(r"(\d+)-(\d+)", value.strip())
    if match is None:
        raise ValueError(f"expected start-end offsets, got {value!r}")
    start, end = int(match.group(1)), int(match.group(2))
    if end <= start:
        raise ValueError(f"expected start < end, got {value!r}")
    return start, end


def new_claim(text: str, claim_id: str, start: int, end: int, block: int = 0) -> Claim:
    """A claim the reviewer added: the text between the offsets, no attribution found yet."""
    start, end = span_text(text, start, end)
    return Claim(
        id=claim_id,
        text=text[start:end],
        start=start,
        end=end,
        check_worthiness=0.0,
        reasons=(REVIEWER_REASON,),
        block=block,
    )


def split_claim(text: str, claim: Claim, at: int, new_id: str) -> tuple[Claim, Claim]:
    """The claim cut in two at an offset inside it; the second part gets ``new_id`` and keeps
    the attribution (the reviewer corrects it if it differs)."""
    if not claim.start < at < claim.end:
        raise ValueError(f"expected an offset inside {claim.id} ({claim.start}-{claim.end})")
    first_start, first_end = span_text(text, claim.start, at)
    second_start, second_end = span_text(text, at, claim.end)
    if first_end <= first_start or second_end <= second_start:
        raise ValueError("both parts of a split need some text")
    first = replace(claim, text=text[first_start:first_end], start=first_start, end=first_end)
    second = replace(
        claim,
        id=new_id,
        text=text[second_start:second_end],
        start=second_start,
        end=second_end,
        reasons=(*claim.reasons, REVIEWER_REASON),
    )
    return first, second


def merged_claim(text: str, first: Claim, second: Claim) -> Claim:
    """One claim spanning both (the first keeps its id and attribution)."""
    start, end = min(first.start, second.start), max(first.end, second.end)
    return replace(first, text=text[start:end], start=start, end=end)


def sentence_at(text: str, offset: int, segments: Sequence[Segment] = ()) -> tuple[int, int]:
    """The span of the sentence around an offset: the body sentence of ``segments`` (the
    worksheet's) that holds it, else from after the last sentence end before it to the next one,
    within its line."""
    for segment in segments:
        if segment.start <= offset < segment.end:
            return span_text(text, segment.start, segment.end)
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    start = line_start
    for match in re.finditer(r"[.!?][\"”’)]*\s+", text[line_start:offset]):
        start = line_start + match.end()
    stop = re.search(r"[.!?][\"”’)]*(?=\s|$)", text[offset:line_end])
    end = offset + stop.end() if stop else line_end
    return span_text(text, start, end)

"""Random changes to a worksheet, as a reviewer makes them in a review: the step of the property
tests of worksheet files (tests/review) and of team merges (tests/team)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import strategies as st

from factcheck.checklist.load import Checklist
from factcheck.review.corrections import sentence_at
from factcheck.review.loop import applicable
from factcheck.review.worksheet import ARTICLE, Action, Change, Worksheet, make_change

NOW = "2024-03-09T12:00:00Z"
KINDS = (
    "answer",
    "note",
    "evidence",
    "override",
    "conclusion",
    "skip",
    "drop",
    "speaker",
    "role",
    "add_hop",
    "remove_hop",
    "chain",
    "split",
    "merge",
    "add_claim",
    "publication",
)


class Nothing(Exception):
    """There is nothing of the kind drawn for the reviewer to do."""


@dataclass(frozen=True)
class Texts:
    """What a reviewer types in the changes drawn."""

    text: st.SearchStrategy[str]
    """Notes, reasons, conclusions and parts of the report."""
    name: st.SearchStrategy[str]
    """Speakers, roles and hops: one line, never empty."""
    urls: Sequence[str]
    """Evidence, and the report's URL."""
    parts: Sequence[str]
    """The parts of the report a reviewer fills in."""
    prefilled: bool = False
    """Whether answers may be drawn as accepted suggestions."""


def next_id(worksheet: Worksheet) -> str:
    """The id the review gives a claim the reviewer adds or splits off."""
    numbers = [int(e.id[1:]) for e in worksheet.claims if e.id[1:].isdigit()]
    return f"c{max(numbers, default=0) + 1}"


def random_change(
    data: st.DataObject, worksheet: Worksheet, checklist: Checklist, reviewer: str, texts: Texts
) -> Change:
    """One change REVIEWER makes, as the review records it; Nothing when there is nothing of
    the kind drawn to do (WorksheetError, from applying it, when the review would refuse it)."""
    kind = data.draw(st.sampled_from(KINDS), label="kind")
    live = [e for e in worksheet.claims if e.dropped is None]

    def change(
        claim: str,
        action: Action,
        *,
        question: str | None = None,
        new: str | None = None,
        reason: str | None = None,
        prefill: bool = False,
    ) -> Change:
        return make_change(
            worksheet,
            claim,
            action,
            reviewer=reviewer,
            question=question,
            new=new,
            reason=reason,
            prefill=prefill,
            now=lambda: NOW,
        )

    if kind == "publication":
        part = data.draw(st.sampled_from(texts.parts), label="part")
        value = st.sampled_from(texts.urls) if part == "url" else texts.text
        return change(ARTICLE, Action.PUBLICATION, question=part, new=data.draw(value))
    if kind == "add_claim":
        text = worksheet.document.text
        offset = data.draw(st.integers(0, len(text) - 1), label="offset")
        start, end = sentence_at(text, offset, worksheet.segments)
        return change(next_id(worksheet), Action.ADD_CLAIM, new=f"{start}-{end}")
    if kind == "drop":
        entry = worksheet.entry(data.draw(st.sampled_from([e.id for e in worksheet.claims])))
        if entry.dropped is None:
            return change(entry.id, Action.DROP, reason=data.draw(texts.text, label="reason"))
        return change(entry.id, Action.DROP, new="restore")
    if not live:
        raise Nothing("no claim left")
    entry = worksheet.entry(data.draw(st.sampled_from([e.id for e in live]), label="claim"))
    att = entry.claim.attribution
    if kind in ("answer", "note", "evidence"):
        asked = {q.id: q for q in applicable(checklist, entry)}
        if not asked:
            raise Nothing("no question asked")
        question = asked[data.draw(st.sampled_from(sorted(asked)), label="question")]
        answer = entry.answers.get(question.id)
        if kind == "answer":
            value = data.draw(st.sampled_from(question.choices), label="value")
            prefill = texts.prefilled and data.draw(st.booleans(), label="prefill")
            return change(entry.id, Action.ANSWER, question=question.id, new=value, prefill=prefill)
        if kind == "note":
            text = data.draw(texts.text, label="note")
            old = answer.note if answer is not None else None
            return change(
                entry.id, Action.NOTE, question=question.id, new=f"{old}\n{text}" if old else text
            )
        url = data.draw(st.sampled_from(texts.urls), label="url")
        if answer is not None and url in answer.evidence:
            raise Nothing("evidence already there")
        return change(entry.id, Action.EVIDENCE, question=question.id, new=url)
    if kind == "override":
        verdict = data.draw(st.sampled_from([level.id for level in checklist.scale]))
        # A review records no override without a reason (loop.check_override).
        reason = data.draw(texts.text.filter(str.strip), label="reason")
        return change(entry.id, Action.OVERRIDE, new=verdict, reason=reason)
    if kind == "conclusion":
        return change(entry.id, Action.CONCLUSION, new=data.draw(texts.text, label="conclusion"))
    if kind == "skip":
        return change(entry.id, Action.UNSKIP if entry.skipped else Action.SKIP)
    if kind in ("speaker", "role"):
        value = data.draw(st.one_of(st.just(""), texts.name), label=kind)
        return change(entry.id, Action(kind), new=value or None)
    if kind == "add_hop":
        hop = data.draw(texts.name, label="hop")
        position = data.draw(st.integers(0, len(att.via)), label="position")
        return change(entry.id, Action.ADD_HOP, question=str(position), new=hop)
    if kind == "remove_hop":
        if not att.via:
            raise Nothing("no hop to remove")
        return change(entry.id, Action.REMOVE_HOP, new=data.draw(st.sampled_from(att.via)))
    if kind == "chain":
        hops = data.draw(st.lists(texts.name, max_size=3), label="chain")
        if tuple(hops) == att.via:
            raise Nothing("the same chain")
        return change(entry.id, Action.CHAIN, new="\n".join(hops) or None)
    if kind == "split":
        text = entry.claim.text
        spaces = [i for i, char in enumerate(text) if char == " "]
        if not spaces:
            raise Nothing("nowhere to split")
        at = entry.claim.start + data.draw(st.sampled_from(spaces), label="split at")
        return change(entry.id, Action.SPLIT, question=str(at), new=next_id(worksheet))
    others = [e.id for e in live if e.id != entry.id]
    if not others:
        raise Nothing("no other claim")
    return change(entry.id, Action.MERGE, new=data.draw(st.sampled_from(others), label="merge"))

"""Team review: a claim some reviewers split and others reviewed whole, or split elsewhere.

A split is put to the merge's rule like a drop: a reviewer who split the claim votes for its
parts as they split it (where), one who answered a question about it whole or overrode its
verdict votes to keep it whole, one who skipped it or did not reach it does not vote. Only
when the voters disagree is there anything to settle; otherwise each reviewer's claims merge as
they are. Votes on different texts are never pooled: the claim the merge keeps is answered only
by the reviewers who reviewed that text.

- The rule settles the split: the claim is its parts as those reviewers split it, with their
  answers; the others' answers on the whole claim, and other reviewers' parts, are left out
  (the parts dropped, the reason naming the votes).
- The rule keeps it whole, or settles nothing: the claim as the extractor found it, with the
  answers of the reviewers who reviewed it whole; every part is dropped. When nothing is settled
  the merge lists 'c3.split' under ``merge.unsettled``: the claim is not final until the final
  reviewer splits it, answers one of its questions (keeping it whole) or drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from factcheck.review.worksheet import Action, ClaimReview
from factcheck.team.unsettled import shown_value

if TYPE_CHECKING:
    from factcheck.team.compare import Sheet

WHOLE = "whole"
"""The vote of a reviewer who reviewed the claim whole."""

_Entries = list[tuple[str, ClaimReview | None]]


@dataclass(frozen=True, slots=True)
class SplitVote:
    """What the rule makes of a claim some reviewers split and others did not, or not there."""

    claim: str
    """The claim's id (its first part's, as the reviewers who split it have it)."""
    outcome: str | None
    """The split the rule settled ('903': the offsets split at), 'whole', or None (open)."""
    votes: tuple[tuple[str, str], ...]
    """Each reviewer who voted, with the vote as shown: 'whole' or 'split before "..."'."""
    reason: str
    """The rule and the votes, as the merge records them."""
    left_out: frozenset[str]
    """The reviewers whose answers on the claim are not the kept text's."""
    whole: ClaimReview | None
    """The claim as the extractor found it, when it is kept whole."""


@dataclass(slots=True)
class Splits:
    """Every claim whose split the reviewers disagree on, and the parts the merge drops."""

    votes: dict[str, SplitVote] = field(default_factory=dict)
    parts: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)
    """Each part of a split the rule did not settle: the reviewers who made it, the reason."""

    def entries(self, claim_id: str, entries: _Entries) -> _Entries:
        """A claim's reviewers' entries, with those on another text than the kept one left out;
        a claim that is all left out (a part the merge drops) keeps them."""
        vote = self.votes.get(claim_id)
        out = vote.left_out if vote is not None else self.parts.get(claim_id, (frozenset(),))[0]
        kept = [(name, entry if name not in out else None) for name, entry in entries]
        if vote is not None and vote.whole is not None and not any(e for _n, e in kept):
            first = next(name for name, entry in entries if entry is not None)
            kept = [(name, vote.whole if name == first else None) for name, _e in entries]
        return kept if any(entry for _name, entry in kept) else entries

    def dropped(self, claim_id: str, entries: _Entries) -> ClaimReview | None:
        """A part of a split the merge drops, with the reason; None for any other claim."""
        made = self.parts.get(claim_id)
        if made is None or any(e for name, e in entries if name not in made[0]):
            return None
        entry = min((name, e) for name, e in entries if e is not None)[1]
        bare = replace(entry, answers={}, override=None, skipped=False, conclusion=None)
        return replace(bare, dropped=made[1])


def split_votes(
    sheets: Sequence[Sheet],
    by_id: Sequence[Mapping[str, ClaimReview]],
    decide: Callable[[Sequence[str]], str | None],
    rule: str,
) -> Splits:
    """The claims whose split the reviewers disagree on, each with what the rule makes of it."""
    found = Splits()
    made = [_split_parts(sheet) for sheet in sheets]
    for claim_id in sorted({claim for parts in made for claim in parts}):
        ballots: list[tuple[str, str]] = []
        for sheet, parts, claims in zip(sheets, made, by_id, strict=True):
            entry = claims.get(claim_id)
            if claim_id in parts:
                ballots.append((sheet.reviewer, ",".join(str(at) for at, _p in parts[claim_id])))
            elif entry is not None and _worked_on(entry):
                ballots.append((sheet.reviewer, WHOLE))
        if len({vote for _name, vote in ballots}) < 2:
            continue
        decided = decide([vote for _name, vote in ballots])
        shown = tuple(
            (sheet.reviewer, _shown(parts.get(claim_id), claims))
            for sheet, parts, claims in zip(sheets, made, by_id, strict=True)
            if sheet.reviewer in dict(ballots)
        )
        listed = ", ".join(f"{name} {vote}" for name, vote in shown)
        if decided is None:
            reason = f"open under the {rule} rule: {listed}"
        else:
            agreeing = sum(1 for _name, vote in ballots if vote == decided)
            reason = f"{rule}: {agreeing} of {len(ballots)} ({listed})"
        kept = decided or WHOLE
        left_out = frozenset(name for name, vote in ballots if vote != kept)
        whole = None if kept != WHOLE else _whole(claim_id, sheets, made)
        found.votes[claim_id] = SplitVote(claim_id, decided, shown, reason, left_out, whole)
        for sheet, parts in zip(sheets, made, strict=True):
            if sheet.reviewer in left_out:
                for _at, part in parts.get(claim_id, ()):
                    makers = found.parts.get(part, (frozenset(), ""))[0] | {sheet.reviewer}
                    by = ", ".join(sorted(makers))
                    found.parts[part] = (makers, f"part of {claim_id} as {by} split it: {reason}")
    return found


def _worked_on(entry: ClaimReview) -> bool:
    answered = any(answer.value is not None for answer in entry.answers.values())
    return entry.dropped is None and not entry.skipped and (answered or entry.override is not None)


def _split_parts(sheet: Sheet) -> dict[str, list[tuple[int, str]]]:
    """Each claim the reviewer split: where (offsets) and the parts made, in article order."""
    direct: dict[str, list[tuple[int, str]]] = {}
    for change in sheet.worksheet.audit:
        if change.action is Action.SPLIT and change.new and change.question:
            direct.setdefault(change.claim, []).append((int(change.question), change.new))
    made = {part for parts in direct.values() for _at, part in parts}
    found: dict[str, list[tuple[int, str]]] = {}
    for claim_id in direct:
        if claim_id in made:
            continue
        parts, todo = [], [claim_id]
        while todo:
            for at, part in direct.get(todo.pop(), ()):
                parts.append((at, part))
                todo.append(part)
        found[claim_id] = sorted(parts)
    return found


def _shown(parts: Sequence[tuple[int, str]] | None, claims: Mapping[str, ClaimReview]) -> str:
    """A reviewer's vote as shown: 'whole', or 'split before "the first words..."' of each part."""
    if parts is None:
        return WHOLE
    texts = [claims[part].claim.text if part in claims else "" for _at, part in parts]
    return "split before " + ", ".join(shown_value(_words(text)) for text in texts)


def _words(text: str, count: int = 4) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("\u2026" if len(words) > count else "")


def _whole(
    claim_id: str, sheets: Sequence[Sheet], made: Sequence[Mapping[str, list[tuple[int, str]]]]
) -> ClaimReview | None:
    """The claim as the extractor found it, from the parts of a reviewer who split it (the
    merge keeps another reviewer's whole claim when there is one)."""
    for sheet, parts in zip(sheets, made, strict=True):
        if claim_id not in parts:
            continue
        claims = {entry.id: entry for entry in sheet.worksheet.claims}
        first = claims.get(claim_id)
        ends = [claims[part].claim.end for _at, part in parts[claim_id] if part in claims]
        if first is None:
            continue
        end = max([first.claim.end, *ends])
        text = sheet.worksheet.document.text[first.claim.start : end]
        corrected = tuple(mark for mark in first.corrected if mark != "split")
        claim = replace(first.claim, text=text, end=end)
        return replace(
            first, claim=claim, corrected=corrected, answers={}, override=None, conclusion=None
        )
    return None

"""Team review: one claim across reviewers' worksheets, whatever id each worksheet gave it.

The extractor numbers an article's claims c1, c2, ... the same way in every reviewer's worksheet,
so a claim it found is known by its id. A claim a reviewer added, or made by splitting one, gets
the next free id of that reviewer's worksheet: two reviewers who each add a different sentence
both call theirs c19, and two who add the same one may call it c19 and c20. Such claims are known
by their span in the article: those of several worksheets on one span are one claim, and one
whose id some other claim also has, in any worksheet, is given a new id here (the next free ones
after every worksheet's highest, in article order), everything of that reviewer's that names it
following it. :func:`matched_sheets` does that; :func:`check_claims` refuses worksheets that hold
different claims of the extractor under one id.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.errors import FactcheckWarning, TeamError
from factcheck.review.corrections import REVIEWER_REASON
from factcheck.review.worksheet import Action, Change, ClaimReview, Worksheet

if TYPE_CHECKING:
    from factcheck.team.compare import Sheet

CLAIM_MADE = frozenset({Action.ADD_CLAIM, Action.SPLIT})
"""The actions that make a claim: a merged worksheet records each reviewer's claims by them."""

_RESHAPED = ("split", "merged")
"""Marks of a claim of the extractor whose text its reviewer changed (split it, merged into it)."""

_NUMBER = regexes.compile(r"c([0-9]{1,9})")

_Key = tuple[int, int, int]
"""A reviewer's claim across worksheets: its span, and which of the worksheet's claims on that
span it is (a reviewer may add one sentence twice)."""


def reviewers_claim(entry: ClaimReview) -> bool:
    """Whether a reviewer made the claim (added it, or made it by splitting another)."""
    return REVIEWER_REASON in entry.claim.reasons


def check_claims(sheets: Sequence[Sheet]) -> None:
    """Raise TeamError when two worksheets hold different texts under the id of a claim the
    extractor found, which neither reviewer changed by a split or a merge of claims: those were
    made with different versions of factcheck, or edited by hand."""
    seen: dict[str, tuple[Sheet, ClaimReview]] = {}
    for sheet in sheets:
        for entry in sheet.worksheet.claims:
            if reviewers_claim(entry):
                continue
            first, known = seen.setdefault(entry.id, (sheet, entry))
            if known.claim.text == entry.claim.text or _reshaped(known) or _reshaped(entry):
                continue
            raise TeamError(
                f"{sheet.path} and {first.path} have different texts for claim {entry.id!r} "
                "found by the extractor, which neither reviewer split or merged: they were made "
                "with different versions of factcheck, or one was edited by hand"
            )


def _reshaped(entry: ClaimReview) -> bool:
    return any(mark in entry.corrected for mark in _RESHAPED)


def matched_sheets(sheets: Sequence[Sheet]) -> list[Sheet]:
    """The worksheets with every claim a reviewer made under an id no other claim has in any of
    them, the same for the same span: an id another claim also has is replaced, in article order,
    by the next free one after every worksheet's highest."""
    made = [_made(sheet.worksheet) for sheet in sheets]
    if not any(made):
        return list(sheets)
    owners: dict[str, set[_Key | None]] = {}
    ids: dict[_Key, set[str]] = {}
    for sheet, mine in zip(sheets, made, strict=True):
        for entry in sheet.worksheet.claims:
            key = mine.get(entry.id)
            owners.setdefault(entry.id, set()).add(key)
            if key is not None:
                ids.setdefault(key, set()).add(entry.id)
    highest = max((_number(claim_id) for claim_id in owners), default=0)
    chosen: dict[_Key, str] = {}
    for key in sorted(ids):
        (only, *others) = ids[key]
        if not others and owners[only] == {key}:
            chosen[key] = only
        else:
            highest += 1
            chosen[key] = f"c{highest}"
    matched = []
    told: list[str] = []
    for sheet, mine in zip(sheets, made, strict=True):
        renamed = {old: chosen[key] for old, key in mine.items() if chosen[key] != old}
        worksheet = sheet.worksheet
        matched.append(replace(sheet, worksheet=renamed_claims(worksheet, renamed)))
        told.extend(f"{sheet.reviewer}'s {old} is {new}" for old, new in renamed.items())
    if told:
        warnings.warn(
            "claims reviewers added or split off under one id are numbered apart here: "
            + ", ".join(told),
            FactcheckWarning,
            stacklevel=2,
        )
    return matched


def _made(worksheet: Worksheet) -> dict[str, _Key]:
    """The worksheet's claims a reviewer made, by id, each with its key across worksheets."""
    found: dict[str, _Key] = {}
    count: dict[tuple[int, int], int] = {}
    for entry in sorted(worksheet.claims, key=lambda e: (_number(e.id), e.id)):
        if reviewers_claim(entry):
            span = (entry.claim.start, entry.claim.end)
            count[span] = count.get(span, 0) + 1
            found[entry.id] = (*span, count[span])
    return found


def _number(claim_id: str) -> int:
    match = _NUMBER.fullmatch(claim_id)
    return int(match.group(1)) if match else 0


def renamed_claims(worksheet: Worksheet, renamed: Mapping[str, str]) -> Worksheet:
    """The worksheet with claims given new ids (old → new): the claims, the claims that repeat
    them, the claims merged into them and the audit entries that name them follow."""
    if not renamed:
        return worksheet

    def new(claim_id: str | None) -> str | None:
        return renamed.get(claim_id, claim_id) if claim_id is not None else None

    claims = []
    for entry in worksheet.claims:
        claim = replace(entry.claim, id=new(entry.id) or entry.id, repeats=new(entry.claim.repeats))
        dropped = entry.dropped
        if dropped is not None and dropped.startswith("merged into "):
            dropped = "merged into " + (new(dropped.removeprefix("merged into ")) or "")
        claims.append(replace(entry, claim=claim, dropped=dropped))
    audit = tuple(_renamed_change(change, renamed) for change in worksheet.audit)
    return replace(worksheet, claims=tuple(claims), audit=audit)


def _renamed_change(change: Change, renamed: Mapping[str, str]) -> Change:
    claim = renamed.get(change.claim, change.claim)
    other = change.new
    if change.action in (Action.SPLIT, Action.MERGE) and other is not None:
        other = renamed.get(other, other)
    if (claim, other) == (change.claim, change.new):
        return change
    return replace(change, claim=claim, new=other)


# --- a merged worksheet's record of them -------------------------------------------------------


def made_change(sheet: Sheet, entry: ClaimReview, seq: int, at: str) -> Change | None:
    """How the reviewer made the claim, as an entry of a merged worksheet's audit log: the split
    that made it (from the reviewer's log), else its addition at its span; None for a claim of
    the extractor."""
    if not reviewers_claim(entry):
        return None
    for change in sheet.worksheet.audit:
        if change.action is Action.SPLIT and change.new == entry.id:
            return replace(change, seq=seq, reviewer=sheet.reviewer, old=None, reason=None)
        if change.action is Action.ADD_CLAIM and change.claim == entry.id:
            at = change.at
    span = f"{entry.claim.start}-{entry.claim.end}"
    return Change(seq, at, sheet.reviewer, entry.id, Action.ADD_CLAIM, new=span)


def own_claims(
    claims: Mapping[str, ClaimReview], originals: Iterable[Change], reviewer: str
) -> dict[str, ClaimReview]:
    """A merged worksheet's claims a reviewer had: those of the extractor, and those the
    reviewer's original entries say the reviewer made."""
    made = {
        change.new if change.action is Action.SPLIT else change.claim
        for change in originals
        if change.reviewer == reviewer and change.action in CLAIM_MADE
    }
    return {
        claim_id: entry
        for claim_id, entry in claims.items()
        if not reviewers_claim(entry) or claim_id in made
    }

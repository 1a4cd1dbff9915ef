"""Team review: what a merge left unsettled, and whether it has been settled since.

A merge lists under ``merge.unsettled`` each correction of a claim (``c3.speaker``), part of the
report (``article.title``), drop (``c1.drop``), verdict override (``c11.override``) and split of
a claim (``c3.split``, see :mod:`factcheck.team.splits`) on which the reviewers' votes did not
settle under its rule. An item is settled once a reviewer of the
merged worksheet records a change on it after the merge: corrects that speaker, role or chain
(typing the value it has keeps it), overrides the claim's verdict, writes that part of the
report, splits the claim, or drops it, answers one of its questions, accepts its verdict with a
conclusion or overrides it. Until then the claim's
verdict is not final, reviewing the merged worksheet visits the claim, and the report lists
the item under "To do before publishing".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.review.corrections import CLAIM_CORRECTIONS
from factcheck.review.worksheet import ARTICLE, Action, Change, ClaimReview, Override, Worksheet
from factcheck.review.worksheet_fast import (
    MERGE_DROP,
    MERGE_OVERRIDE,
    MERGE_PARTS,
    MERGE_REVIEWER,
    MERGE_SPLIT,
)

_SETTLED_BY: dict[str, frozenset[Action]] = {
    "speaker": frozenset({Action.SPEAKER}),
    "role": frozenset({Action.ROLE}),
    "chain": frozenset({Action.CHAIN, Action.ADD_HOP, Action.REMOVE_HOP}),
    MERGE_OVERRIDE: frozenset({Action.OVERRIDE}),
    # Answering, concluding or overriding the claim as it stands keeps it, whole.
    MERGE_DROP: frozenset({Action.DROP, Action.ANSWER, Action.CONCLUSION, Action.OVERRIDE}),
    MERGE_SPLIT: frozenset(
        {Action.SPLIT, Action.DROP, Action.ANSWER, Action.CONCLUSION, Action.OVERRIDE}
    ),
}
"""What a reviewer does after the merge that settles an item of a claim, by the item's field."""

_MERGED_AS: dict[str, Action] = {
    "speaker": Action.SPEAKER,
    "role": Action.ROLE,
    "chain": Action.CHAIN,
    MERGE_OVERRIDE: Action.OVERRIDE,
    MERGE_DROP: Action.DROP,
    MERGE_SPLIT: Action.SPLIT,
}
"""The action of the merge's own change on an item of a claim (its reason holds the votes)."""


def shown_value(value: str | None) -> str:
    """A correction or a part of the report as a merge's reasons show it."""
    return '"' + value.replace("\n", " \u2190 ") + '"' if value else "none"


def _merge_changes(worksheet: Worksheet) -> tuple[Sequence[Change], Sequence[Change]]:
    """The merge's own changes, and every change made since the merge."""
    record = worksheet.merge
    if record is None:
        return (), ()
    after = worksheet.audit[record.originals :]
    end = 0
    while end < len(after) and after[end].reviewer == MERGE_REVIEWER:
        if worksheet.created is not None and after[end].at != worksheet.created:
            break
        end += 1
    return after[:end], after[end:]


def _keys(change: Change, fields: Mapping[str, Iterable[Action]]) -> Iterable[tuple[str, str]]:
    """The items (claim, field) a change is about."""
    if change.action is Action.PUBLICATION:
        if change.question:
            yield ARTICLE, change.question
        return
    for what, actions in fields.items():
        if change.action in actions and (change.action is not Action.ANSWER or change.new):
            yield change.claim, what


def still_unsettled(worksheet: Worksheet) -> tuple[str, ...]:
    """The items the merge left unsettled that no reviewer has settled since, on claims not
    dropped since: 'c3.speaker', 'article.title', in the merge record's order."""
    record = worksheet.merge
    if record is None or not record.unsettled:
        return ()
    _own, since = _merge_changes(worksheet)
    settled = {key for change in since for key in _keys(change, _SETTLED_BY)}
    dropped = {entry.id for entry in worksheet.claims if entry.dropped is not None}
    left = []
    for item in record.unsettled:
        claim, _, what = item.partition(".")
        if (claim, what) not in settled and claim not in dropped:
            left.append(item)
    return tuple(left)


def unsettled_claims(worksheet: Worksheet) -> frozenset[str]:
    """The claims with an item the merge left unsettled and nobody has settled since."""
    return frozenset(item.partition(".")[0] for item in still_unsettled(worksheet)) - {ARTICLE}


def unsettled_reasons(worksheet: Worksheet) -> list[tuple[str, str | None]]:
    """Each item still unsettled with the merge's reason for leaving it, which names every
    reviewer's value ('open under the majority rule: ana "Alpha", ben "Beta"')."""
    items = still_unsettled(worksheet)
    if not items:
        return []
    own, _since = _merge_changes(worksheet)
    reasons: dict[tuple[str, str], str | None] = {}
    fields = {what: (action,) for what, action in _MERGED_AS.items()}
    for change in own:
        for key in _keys(change, fields):
            reasons[key] = change.reason
    found = []
    for item in items:
        claim, _, what = item.partition(".")
        found.append((item, reasons.get((claim, what))))
    return found


# --- what the merge makes of overrides ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverrideVote:
    """What the rule makes of the verdict overrides of a claim's reviewers."""

    override: Override | None
    """The override kept, if any."""
    reason: str
    """The merge's reason: the kept override's reasons, else the rule and the votes."""
    votes: tuple[tuple[str, str], ...]
    """Each reviewer who voted, with the vote as shown: 'overrode to unproven' or 'no override'."""
    split: bool
    """Whether the rule settled nothing: the claim is left open for the final reviewer."""


def override_vote(
    entries: Sequence[tuple[str, ClaimReview]],
    counted: Mapping[str, Mapping[str, str]],
    decide: Callable[[Sequence[str]], str | None],
    rule: str,
    now: str,
) -> OverrideVote | None:
    """What the rule makes of a claim's overrides; None when no voter overrode its verdict.

    As on its questions and its drop, only the reviewers who worked on the claim vote: one who
    overrode its verdict votes for that verdict, one who answered a question about it without
    overriding, for the checklist's verdict; one who skipped it or did not reach it does not
    vote."""
    ballots: list[tuple[str, ClaimReview]] = [
        (name, entry)
        for name, entry in entries
        if entry.override is not None or (counted.get(name) and not entry.skipped)
    ]
    if not any(entry.override is not None for _name, entry in ballots):
        return None
    choices = [entry.override.verdict if entry.override else "" for _name, entry in ballots]
    votes = tuple(
        (name, f"overrode to {choice}" if choice else "no override")
        for (name, _entry), choice in zip(ballots, choices, strict=True)
    )
    shown = ", ".join(f"{name} {vote}" for name, vote in votes)
    decided = decide(choices)
    if decided is None:
        return OverrideVote(None, f"open under the {rule} rule: {shown}", votes, split=True)
    if not decided:
        agreeing = choices.count("")
        return OverrideVote(None, f"{rule}: {agreeing} of {len(choices)} ({shown})", votes, False)
    reason = "; ".join(
        f"{name}: {entry.override.reason}"
        for name, entry in ballots
        if entry.override is not None and entry.override.verdict == decided
    )
    return OverrideVote(Override(decided, reason, MERGE_REVIEWER, now), reason, votes, False)


def unsettled_hint(
    worksheet: Worksheet,
    what: str,
    entries: Sequence[tuple[str, ClaimReview | None]],
    claim: str = "",
) -> str:
    """For the review of a merged worksheet: each reviewer's override of a claim
    ('override: ana unproven ("only the government's word"); dan no override'), or part of the
    report ('title: ana "ANA title"; ben "BEN title"'), or split of the claim ('split: ana whole;
    ben split before "that the IRGC..."'), when the merge left it open; '' for anything else."""
    if what == MERGE_SPLIT:
        own, _since = _merge_changes(worksheet)
        for change in own:
            if change.claim == claim and change.action is Action.SPLIT and change.reason:
                return f"{what}: {change.reason.partition(': ')[2]}"
        return ""
    if what == MERGE_OVERRIDE:
        given = []
        for name, entry in entries:
            if entry is None or entry.dropped is not None:
                continue
            if entry.override is not None:
                override = entry.override
                given.append(f"{name} {override.verdict} ({shown_value(override.reason)})")
            elif not entry.skipped and any(a.value is not None for a in entry.answers.values()):
                given.append(f"{name} no override")
        return f"{what}: " + "; ".join(given) if given else ""
    if what not in MERGE_PARTS or what in CLAIM_CORRECTIONS or worksheet.merge is None:
        return ""
    written: dict[str, str | None] = {}
    for change in worksheet.audit[: worksheet.merge.originals]:
        if change.action is Action.PUBLICATION and change.question == what:
            written[change.reviewer] = change.new
    given = [f"{name} {shown_value(value)}" for name, value in written.items()]
    return f"{what}: " + "; ".join(given) if given else ""

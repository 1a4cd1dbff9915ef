"""Team review: several reviewers' worksheets merged into one, by majority or unanimity.

The merged worksheet's audit log first holds every reviewer's own answers, notes, evidence,
overrides, skips, drops, corrections (speaker, role, chain) and parts of the report, under their
names (entries 1 to ``merge.originals``); then the merge's own changes, which set each answer the
rule settles and clear each one it leaves open, set each correction and part of the report the
rule settles or leave it as it was, and drop or keep each claim some reviewer dropped as not a
claim, or leave it open. Reviewing the merged worksheet asks only what is left open, and shows
what each reviewer answered.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import TeamError, WorksheetError
from factcheck.models import Attribution
from factcheck.review.corrections import (
    CLAIM_CORRECTIONS,
    Field,
    chain_text,
    with_chain,
    with_role,
    with_speaker,
)
from factcheck.review.worksheet import (
    ARTICLE,
    Action,
    Answer,
    Change,
    ClaimReview,
    MergeRecord,
    Publication,
    Worksheet,
    apply_change,
    checklist_location,
    utc_now,
)
from factcheck.review.worksheet_fast import (
    MERGE_DROP,
    MERGE_OVERRIDE,
    MERGE_PARTS,
    MERGE_REVIEWER,
    MERGE_SPLIT,
)
from factcheck.team.article import article_sheet
from factcheck.team.claims import CLAIM_MADE, made_change, own_claims
from factcheck.team.compare import Sheet, reviewer_answers
from factcheck.team.splits import split_votes
from factcheck.team.unsettled import override_vote, unsettled_hint
from factcheck.team.unsettled import shown_value as _shown

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.review.hints import ClaimHints


class Rule(enum.StrEnum):
    """How reviewers' answers become one."""

    MAJORITY = "majority"
    """The most common answer; a tie is left open."""
    UNANIMOUS = "unanimous"
    """Only an answer every reviewer who answered gave (at least two of them)."""


@dataclass(frozen=True, slots=True)
class Unsettled:
    """A correction, a part of the report, a drop or a verdict override that reviewers gave and
    the rule did not settle."""

    claim: str
    """The claim's id, or 'article' for a part of the report."""
    field: str
    """speaker, role or chain; drop; override; split; or title, summary, bottom_line or url."""
    votes: tuple[tuple[str, str], ...]
    """Each reviewer who gave one, with the value as shown ('"Alpha"', 'none'); for a drop,
    'dropped "REASON"' or 'kept'."""

    @property
    def item(self) -> str:
        """'claim.field', as the merge record lists it."""
        return f"{self.claim}.{self.field}"


@dataclass(frozen=True, slots=True)
class MergeResult:
    """A merged worksheet and what the rule did."""

    worksheet: Worksheet
    """The merged worksheet."""
    rule: Rule
    """The rule applied."""
    reviewers: tuple[str, ...]
    """The reviewers merged."""
    settled: int
    """Answers the rule settled."""
    open: tuple[tuple[str, str], ...]
    """(claim, question) pairs the rule left open, in article and checklist order."""
    corrections: int = 0
    """Corrections and parts of the report the rule settled."""
    unsettled: tuple[Unsettled, ...] = ()
    """Corrections and parts of the report the rule left as they were, and claims it left open
    as reviewers split on dropping them, in article order."""
    drops: tuple[tuple[str, str], ...] = ()
    """Claims some reviewer dropped as not a claim on which the rule settled, with what it
    settled: (claim, 'dropped' or 'kept'), in article order."""

    @property
    def corrections_unsettled(self) -> tuple[Unsettled, ...]:
        """The corrections and parts of the report the rule left as they were."""
        kinds = (MERGE_DROP, MERGE_OVERRIDE, MERGE_SPLIT)
        return tuple(i for i in self.unsettled if i.field not in kinds)

    @property
    def drops_open(self) -> tuple[Unsettled, ...]:
        """The claims the rule left open, reviewers split on dropping them."""
        return tuple(item for item in self.unsettled if item.field == MERGE_DROP)


def decide(values: Sequence[str], rule: Rule) -> str | None:
    """The answer the rule gives for these reviewers' answers, or None (open)."""
    if not values:
        return None
    counts = Counter(values).most_common()
    if rule is Rule.UNANIMOUS:
        return counts[0][0] if len(counts) == 1 and len(values) >= 2 else None
    if len(counts) > 1 and counts[1][1] == counts[0][1]:
        return None
    return counts[0][0]


_CORRECTION_ACTIONS = {
    Field.SPEAKER: Action.SPEAKER,
    Field.ROLE: Action.ROLE,
    Field.CHAIN: Action.CHAIN,
}
_CORRECTED_BY = {
    **{action: str(what) for what, action in _CORRECTION_ACTIONS.items()},
    Action.ADD_HOP: str(Field.CHAIN),
    Action.REMOVE_HOP: str(Field.CHAIN),
}


def _last_changed(worksheet: Worksheet) -> dict[tuple[str, str], str]:
    """When each correction and part of the report was last changed: (claim, field) → time."""
    found: dict[tuple[str, str], str] = {}
    for change in worksheet.audit:
        what = _CORRECTED_BY.get(change.action)
        if change.action is Action.PUBLICATION:
            what = change.question
        if what is not None:
            found[(change.claim, what)] = change.at
    return found


def _stored(attribution: Attribution, what: str) -> str | None:
    """A corrected value of the attribution as a change records it."""
    if what == Field.CHAIN:
        return chain_text(attribution)
    return attribution.speaker if what == Field.SPEAKER else attribution.role


def _corrected(attribution: Attribution, what: str, value: str | None) -> Attribution:
    if what == Field.CHAIN:
        return with_chain(attribution, value)
    if what == Field.SPEAKER:
        return with_speaker(attribution, value)
    return with_role(attribution, value)


def _originals(sheet: Sheet, start: int) -> Iterator[Change]:
    """One reviewer's claims made (added, split), final answers, notes, evidence, overrides,
    skips, corrections and parts of the report as audit entries."""
    seq = start
    fallback = sheet.worksheet.created or utc_now()
    name = sheet.reviewer
    times = _last_changed(sheet.worksheet)
    for entry in sheet.worksheet.claims:
        made = made_change(sheet, entry, seq + 1, fallback)
        if made is not None:
            seq += 1
            yield made
        for what in CLAIM_CORRECTIONS:
            if what in entry.corrected:
                seq += 1
                at = times.get((entry.id, what), fallback)
                new = _stored(entry.claim.attribution, what)
                yield Change(seq, at, name, entry.id, _CORRECTION_ACTIONS[what], new=new)
        for qid, answer in entry.answers.items():
            at = answer.at or fallback
            if answer.value is not None:
                seq += 1
                yield Change(
                    seq,
                    at,
                    name,
                    entry.id,
                    Action.ANSWER,
                    qid,
                    None,
                    answer.value,
                    prefill=answer.prefill_accepted,
                )
            if answer.note:
                seq += 1
                yield Change(seq, at, name, entry.id, Action.NOTE, qid, None, answer.note)
            for url in answer.evidence:
                seq += 1
                yield Change(seq, at, name, entry.id, Action.EVIDENCE, qid, None, url)
        if entry.override is not None:
            seq += 1
            override = entry.override
            yield Change(
                seq,
                override.at,
                name,
                entry.id,
                Action.OVERRIDE,
                None,
                None,
                override.verdict,
                reason=override.reason,
            )
        if entry.skipped:
            seq += 1
            yield Change(seq, fallback, name, entry.id, Action.SKIP)
        if entry.conclusion:
            seq += 1
            yield Change(seq, fallback, name, entry.id, Action.CONCLUSION, new=entry.conclusion)
        if entry.dropped is not None:
            seq += 1
            yield Change(seq, fallback, name, entry.id, Action.DROP, reason=entry.dropped)
    for part in MERGE_PARTS:
        value = sheet.worksheet.publication.get(part)
        if value is not None:
            seq += 1
            at = times.get((ARTICLE, part), fallback)
            yield Change(seq, at, name, ARTICLE, Action.PUBLICATION, part, None, value)


def _notes(entries: Sequence[tuple[str, ClaimReview | None]], qid: str) -> str | None:
    """Every reviewer's note on a question, one line each; reviewers with the same note share it."""
    notes = []
    for name, entry in entries:
        answer = entry.answers.get(qid) if entry is not None else None
        notes.append((name, answer.note if answer is not None else None))
    return _joined(notes)


def _joined(items: Sequence[tuple[str, str | None]]) -> str | None:
    """Each reviewer's text, one line each; reviewers with the same text share a line."""
    by_text: dict[str, list[str]] = {}
    for name, text in items:
        if text:
            by_text.setdefault(text, []).append(name)
    return "\n".join(f"{', '.join(names)}: {text}" for text, names in by_text.items()) or None


class _Drop(enum.Enum):
    """What the rule makes of a claim some reviewer dropped as not a claim."""

    DROPPED = "dropped"
    KEPT = "kept"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class _DropVote:
    """Reviewers' votes on whether a claim is one, and what the rule makes of them."""

    outcome: _Drop
    votes: tuple[tuple[str, str], ...]
    """Each reviewer who voted, with the vote as shown: 'dropped "REASON"' or 'kept'."""
    reason: str
    """The merge's reason: the droppers' reasons when dropped, else the rule and the votes."""


def _drop_vote(
    entries: Sequence[tuple[str, ClaimReview | None]],
    counted: Mapping[str, Mapping[str, str]],
    rule: Rule,
) -> _DropVote | None:
    """Whether the rule drops a claim some reviewer dropped, keeps it or leaves it open; None
    when no reviewer dropped it. A reviewer who dropped it votes to drop it; one who answered a
    question about it or overrode its verdict, to keep it; one who skipped it or did not reach
    it does not vote, as on its questions."""
    ballots: list[tuple[str, bool]] = []
    votes: list[tuple[str, str]] = []
    for name, entry in entries:
        if entry is None:
            continue
        if entry.dropped is not None:
            ballots.append((name, True))
            votes.append((name, f"dropped {_shown(entry.dropped)}"))
        elif counted.get(name) or entry.override is not None:
            ballots.append((name, False))
            votes.append((name, "kept"))
    if not any(dropped for _name, dropped in ballots):
        return None
    decided = decide([MERGE_DROP if dropped else "keep" for _name, dropped in ballots], rule)
    shown = ", ".join(f"{name} {vote}" for name, vote in votes)
    if decided is None:
        return _DropVote(_Drop.OPEN, tuple(votes), f"open under the {rule} rule: {shown}")
    if decided == MERGE_DROP:
        reasons = _joined([(name, e.dropped) for name, e in entries if e is not None])
        return _DropVote(_Drop.DROPPED, tuple(votes), reasons or "")
    agreeing = sum(1 for _name, dropped in ballots if not dropped)
    return _DropVote(_Drop.KEPT, tuple(votes), f"{rule}: {agreeing} of {len(ballots)} ({shown})")


def _evidence(entries: Sequence[tuple[str, ClaimReview | None]], qid: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for _name, entry in entries:
        answer = entry.answers.get(qid) if entry is not None else None
        if answer is not None:
            found.update(dict.fromkeys(answer.evidence))
    return tuple(found)


def _reason(rule: Rule, votes: Sequence[tuple[str, str]], value: str | None) -> str:
    shown = ", ".join(f"{name} {answer}" for name, answer in votes)
    if value is None:
        return f"open under the {rule} rule: {shown or 'no answer'}"
    agreeing = sum(1 for _name, answer in votes if answer == value)
    return f"{rule}: {agreeing} of {len(votes)} ({shown})"


@dataclass(slots=True)
class _Builder:
    """The merged worksheet's audit log as it grows."""

    now: str
    changes: list[Change]

    def add(self, claim: str, action: Action, **fields: object) -> None:
        seq = len(self.changes) + 1
        change = Change(seq, self.now, MERGE_REVIEWER, claim, action, **fields)  # type: ignore[arg-type]
        self.changes.append(change)


def _settle(
    votes: Sequence[tuple[str, str | None]], original: str | None, rule: Rule
) -> tuple[str | None, str, bool]:
    """The value the rule gives for the reviewers' corrections (the original when it gives
    none), the reason the merge records, and whether the rule settled it."""
    decided = decide([value or "" for _name, value in votes], rule)
    shown = [(name, _shown(given)) for name, given in votes]
    if decided is None:
        return original, _reason(rule, shown, None), False
    value = decided or None
    return value, _reason(rule, shown, _shown(value)), True


def _original(
    what: str,
    claim_id: str,
    entries: Sequence[tuple[str, ClaimReview | None]],
    sheets: Sequence[Sheet],
) -> str | None:
    """What the extractor found, before any reviewer corrected it: a reviewer's who left it,
    else the value the first correction replaced, else the sentence's as the worksheet lists it."""
    present = sorted(((n, e) for n, e in entries if e is not None), key=lambda item: item[0])
    for _name, entry in present:
        if what not in entry.corrected:
            return _stored(entry.claim.attribution, what)
    action = _CORRECTION_ACTIONS[Field(what)]
    if what != Field.CHAIN:
        for sheet in sorted(sheets, key=lambda sheet: sheet.reviewer):
            for change in sheet.worksheet.audit:
                if change.claim == claim_id and change.action is action:
                    return change.old
    spans = {(entry.claim.start, entry.claim.end) for _name, entry in present}
    for segment in article_sheet(sheets).worksheet.segments:
        if segment.attribution is not None and (segment.start, segment.end) in spans:
            return _stored(segment.attribution, what)
    return None


@dataclass(frozen=True, slots=True)
class _Settled:
    """A claim's corrections, or the report's parts, as the rule leaves them."""

    values: dict[str, str | None]
    """The value of each field any reviewer gave, as the rule leaves it."""
    adopted: tuple[str, ...]
    """The fields whose value is now another than the original."""
    settled: int
    """The fields the rule settled."""
    unsettled: tuple[Unsettled, ...]
    """The fields some reviewer gave that it left as they were."""


def _settle_all(
    claim: str,
    given: dict[str, list[tuple[str, str | None]]],
    originals: dict[str, str | None],
    voters: Collection[str],
    rule: Rule,
    builder: _Builder,
) -> _Settled:
    """Each field some reviewer gave (``given``: field → reviewers' values; only ``voters``
    vote), settled by the rule, with the merge's change recorded for it."""
    values: dict[str, str | None] = {}
    adopted: list[str] = []
    unsettled: list[Unsettled] = []
    settled = 0
    for what, all_votes in given.items():
        votes = [(name, value) for name, value in all_votes if name in voters]
        original = originals[what]
        value, reason, done = _settle(votes, original, rule)
        values[what] = value
        settled += done
        if value != original:
            adopted.append(what)
        if not done and votes:
            shown = tuple((name, _shown(vote)) for name, vote in votes)
            unsettled.append(Unsettled(claim, what, shown))
        if claim == ARTICLE:
            builder.add(claim, Action.PUBLICATION, question=what, new=value, reason=reason)
        else:
            action = _CORRECTION_ACTIONS[Field(what)]
            builder.add(claim, action, old=original, new=value, reason=reason)
    return _Settled(values, tuple(adopted), settled, tuple(unsettled))


def _claim_corrections(
    claim_id: str,
    entries: Sequence[tuple[str, ClaimReview | None]],
    voters: Collection[str],
    sheets: Sequence[Sheet],
    rule: Rule,
    builder: _Builder,
) -> _Settled:
    """The speaker, role and chain of a claim as the rule settles the reviewers' corrections."""
    given: dict[str, list[tuple[str, str | None]]] = {}
    for what in CLAIM_CORRECTIONS:
        votes = [
            (name, _stored(entry.claim.attribution, what))
            for name, entry in entries
            if entry is not None and what in entry.corrected
        ]
        if votes:
            given[what] = votes
    originals = {what: _original(what, claim_id, entries, sheets) for what in given}
    return _settle_all(claim_id, given, originals, voters, rule, builder)


def _with_corrections(
    base: ClaimReview, entries: Sequence[ClaimReview], settled: _Settled
) -> ClaimReview:
    """The claim with its settled speaker, role and chain, the facts read from them, and every
    reviewer's other corrections marked."""
    marks = {mark for entry in entries for mark in entry.corrected} - set(CLAIM_CORRECTIONS)
    marks.update(settled.adopted)
    corrected = tuple(str(mark) for mark in Field if mark in marks)
    if not settled.values:
        return replace(base, corrected=corrected)
    attribution = base.claim.attribution
    for what, value in settled.values.items():
        attribution = _corrected(attribution, what, value)
    facts = {
        **base.facts,
        "chain.hops": attribution.hops,
        "attribution.speaker_known": bool(attribution.speaker),
    }
    claim = replace(base.claim, attribution=attribution)
    return replace(base, claim=claim, facts=facts, corrected=corrected)


def _base(entries: Sequence[tuple[str, ClaimReview | None]]) -> ClaimReview:
    """The reviewer's claim the merged one starts from, whatever the order of the worksheets:
    the claim's text as most reviewers have it, then the first reviewer by name."""
    present = [(name, entry) for name, entry in entries if entry is not None]
    spans = Counter((entry.claim.start, entry.claim.end) for _name, entry in present)
    return min(present, key=lambda it: (-spans[(it[1].claim.start, it[1].claim.end)], it[0]))[1]


def _counted(
    checklist: Checklist,
    entry: ClaimReview,
    seen: list[tuple[ClaimReview, dict[str, str], dict[str, str]]],
) -> dict[str, str]:
    """A reviewer's counted answers on a claim, worked out once for each distinct way the claim's
    reviewers answered it (``seen`` holds the ones already worked out)."""
    given = entry.answer_values()
    for other, answered, counted in seen:
        if answered == given and other.facts == entry.facts:
            return counted
    counted = reviewer_answers(checklist, entry)
    seen.append((entry, given, counted))
    return counted


def _claim_ids(by_id: Sequence[dict[str, ClaimReview]]) -> list[str]:
    """Every claim id of any worksheet, in article order whatever the order of the worksheets."""
    spans: dict[str, tuple[int, int]] = {}
    for found in by_id:
        for claim_id, entry in found.items():
            span = (entry.claim.start, entry.claim.end)
            spans[claim_id] = min(spans.get(claim_id, span), span)
    return sorted(spans, key=lambda claim_id: (spans[claim_id], claim_id))


def merge_sheets(
    sheets: Sequence[Sheet],
    checklist: Checklist,
    rule: Rule,
    *,
    now: Callable[[], str] = utc_now,
) -> MergeResult:
    """One worksheet whose answers follow the rule, every original kept in its audit log.
    Reviewers are taken in the order of their names, whatever the order of the worksheets."""
    stamp = now()
    sheets = sorted(sheets, key=lambda sheet: sheet.reviewer)
    names = [sheet.reviewer for sheet in sheets]
    if MERGE_REVIEWER in names:
        raise TeamError(f"a reviewer may not be called {MERGE_REVIEWER!r} in a merge")
    changes: list[Change] = []
    for sheet in sheets:
        changes.extend(_originals(sheet, len(changes)))
    originals = len(changes)
    builder = _Builder(stamp, changes)
    by_id = [{entry.id: entry for entry in sheet.worksheet.claims} for sheet in sheets]
    splits = split_votes(sheets, by_id, lambda given: decide(given, rule), str(rule))
    merged: list[ClaimReview] = []
    open_items: list[tuple[str, str]] = []
    settled = corrections = 0
    unsettled: list[Unsettled] = []
    drops: list[tuple[str, str]] = []
    for claim_id in _claim_ids(by_id):
        entries = [(name, found.get(claim_id)) for name, found in zip(names, by_id, strict=True)]
        entries = splits.entries(claim_id, entries)
        part = splits.dropped(claim_id, entries)
        if part is not None:  # a part of a split the rule did not settle
            builder.add(claim_id, Action.DROP, reason=part.dropped)
            merged.append(part)
            continue
        split = splits.votes.get(claim_id)
        if split is not None:
            if split.outcome is None:
                unsettled.append(Unsettled(claim_id, MERGE_SPLIT, split.votes))
            builder.add(claim_id, Action.SPLIT, reason=split.reason)
        seen: list[tuple[ClaimReview, dict[str, str], dict[str, str]]] = []
        counted = {
            name: _counted(checklist, entry, seen)
            for name, entry in entries
            if entry is not None and not entry.skipped and entry.dropped is None
        }
        amended = _claim_corrections(claim_id, entries, counted, sheets, rule, builder)
        corrections += amended.settled
        unsettled.extend(amended.unsettled)
        present = [entry for _name, entry in entries if entry is not None]
        base = _with_corrections(_base(entries), present, amended)
        drop = _drop_vote(entries, counted, rule)
        outcome = drop.outcome if drop is not None else _Drop.KEPT
        if drop is not None:
            if outcome is _Drop.OPEN:
                unsettled.append(Unsettled(claim_id, MERGE_DROP, drop.votes))
            else:
                drops.append((claim_id, outcome.value))
            restored = None if outcome is _Drop.DROPPED else "restored"
            builder.add(claim_id, Action.DROP, new=restored, reason=drop.reason)
        # A claim the rule drops has no answers to settle; one it leaves open, none settled:
        # whoever reviews the merged worksheet drops it or answers its questions.
        droppers = [(n, "dropped") for n, e in entries if e is not None and e.dropped is not None]
        touched = {qid for _name, entry in entries if entry is not None for qid in entry.answers}
        answers: dict[str, Answer] = {}
        for question in checklist.questions if outcome is not _Drop.DROPPED else ():
            qid = question.id
            votes = [(name, counted[name][qid]) for name in names if qid in counted.get(name, {})]
            value = decide([answer for _name, answer in votes], rule)
            if outcome is _Drop.OPEN and votes:
                value = None
                votes = sorted([*votes, *droppers], key=lambda vote: names.index(vote[0]))
            if value is not None:
                settled += 1
            elif votes:
                open_items.append((claim_id, qid))
            if qid not in touched:
                continue
            note = _notes(entries, qid)
            answers[qid] = Answer(
                value=value,
                note=note,
                evidence=_evidence(entries, qid),
                reviewer=MERGE_REVIEWER,
                at=stamp,
            )
            builder.add(
                claim_id, Action.ANSWER, question=qid, new=value, reason=_reason(rule, votes, value)
            )
            if note:
                builder.add(claim_id, Action.NOTE, question=qid, new=note)
        kept = [(name, e) for name, e in entries if e is not None and e.dropped is None]
        vote = override_vote(kept, counted, lambda given: decide(given, rule), rule, stamp)
        override = vote.override if vote is not None and outcome is _Drop.KEPT else None
        if vote is not None and outcome is not _Drop.DROPPED:
            reason = drop.reason if drop is not None and outcome is _Drop.OPEN else vote.reason
            if vote.split and outcome is _Drop.KEPT:
                unsettled.append(Unsettled(claim_id, MERGE_OVERRIDE, vote.votes))
            new = override.verdict if override else None
            builder.add(claim_id, Action.OVERRIDE, new=new, reason=reason)
        skipped = all(entry is None or entry.skipped for _name, entry in entries)
        if not skipped and any(entry is not None and entry.skipped for _n, entry in entries):
            builder.add(claim_id, Action.UNSKIP)
        conclusion = _joined([(n, e.conclusion) for n, e in entries if e is not None])
        if conclusion:
            builder.add(claim_id, Action.CONCLUSION, new=conclusion)
        dropped = drop.reason if drop is not None and outcome is _Drop.DROPPED else None
        merged.append(
            replace(
                base,
                answers=answers,
                override=override,
                skipped=skipped,
                conclusion=conclusion,
                dropped=dropped,
            )
        )
    parts = _report_parts(sheets, rule, builder)
    corrections += parts.settled
    unsettled.extend(parts.unsettled)
    first = article_sheet(sheets).worksheet
    record = MergeRecord(
        rule=str(rule),
        reviewers=tuple(names),
        worksheets=tuple(str(sheet.path) for sheet in sheets),
        originals=originals,
        open=tuple(f"{claim}.{question}" for claim, question in open_items),
        unsettled=tuple(left.item for left in unsettled),
    )
    worksheet = Worksheet(
        document=first.document,
        checklist=first.checklist,
        claims=tuple(merged),
        created=stamp,
        audit=tuple(changes),
        publication=Publication(**parts.values),
        merge=record,
        segments=first.segments,
    )
    return MergeResult(
        worksheet,
        rule,
        tuple(names),
        settled,
        tuple(open_items),
        corrections,
        tuple(unsettled),
        tuple(drops),
    )


def _report_parts(sheets: Sequence[Sheet], rule: Rule, builder: _Builder) -> _Settled:
    """The report's title, summary, bottom line and URL as the rule settles what the reviewers
    wrote (a part no reviewer wrote stays unset)."""
    given: dict[str, list[tuple[str, str | None]]] = {}
    for part in MERGE_PARTS:
        votes = [
            (sheet.reviewer, sheet.worksheet.publication.get(part))
            for sheet in sheets
            if sheet.worksheet.publication.get(part) is not None
        ]
        if votes:
            given[part] = votes
    voters = [sheet.reviewer for sheet in sheets]
    return _settle_all(ARTICLE, given, dict.fromkeys(given), voters, rule, builder)


def merge_worksheets(
    paths: Sequence[Path],
    rule: Rule,
    *,
    checklist: str | None = None,
    output: Path | None = None,
    now: Callable[[], str] = utc_now,
) -> MergeResult:
    """Load the worksheets and merge them; with ``output`` (where the merged worksheet is to be
    written), its checklist reference is made relative to that file's folder."""
    from factcheck.team.compare import load_sheets

    sheets, resolved = load_sheets(paths, checklist=checklist)
    result = merge_sheets(sheets, resolved, rule, now=now)
    if output is None:
        return result
    ref = result.worksheet.checklist
    source = rebased_checklist_source(ref.source, article_sheet(sheets).path, output)
    worksheet = replace(result.worksheet, checklist=replace(ref, source=source))
    return replace(result, worksheet=worksheet)


def rebased_checklist_source(source: str, worksheet: Path, output: Path) -> str:
    """A worksheet's checklist reference as a worksheet at ``output`` records it: a built-in name
    or an absolute path as is, a path relative to the worksheet's folder made relative to the
    folder of ``output``."""
    from factcheck.review.session import checklist_reference, is_builtin_name

    if is_builtin_name(source) or Path(source).is_absolute():
        return source
    return checklist_reference(checklist_location(source, worksheet), output)


# --- reading a merged worksheet back ------------------------------------------------------------


def reviewer_sheets(worksheet: Worksheet, path: Path) -> list[Sheet]:
    """Each merged reviewer's own worksheet, rebuilt from the merged worksheet's audit log."""
    record = worksheet.merge
    if record is None:
        raise TeamError(f"{path}: not a merged worksheet")
    bare = {
        entry.id: replace(
            entry, answers={}, override=None, skipped=False, conclusion=None, dropped=None
        )
        for entry in worksheet.claims
    }
    # The claims as the extractor found them: each reviewer's corrections apply to that.
    for change in worksheet.audit[record.originals :]:
        if change.action in _CORRECTION_ACTIONS.values() and change.claim in bare:
            single = Worksheet(worksheet.document, worksheet.checklist, (bare[change.claim],), "")
            found = apply_change(single, replace(change, seq=1, new=change.old)).claims[0]
            bare[change.claim] = replace(found, corrected=bare[change.claim].corrected)
    originals = worksheet.audit[: record.originals]
    own = {name: own_claims(bare, originals, name) for name in record.reviewers}
    for change in originals:
        claims = own.get(change.reviewer)
        if claims is None or change.claim not in claims or change.action in CLAIM_MADE:
            continue
        single = Worksheet(worksheet.document, worksheet.checklist, (claims[change.claim],), "")
        claims[change.claim] = apply_change(single, replace(change, seq=1)).claims[0]
    return [
        Sheet(
            reviewer=name,
            path=Path(source),
            worksheet=replace(
                worksheet,
                claims=tuple(own[name][e.id] for e in worksheet.claims if e.id in own[name]),
                audit=(),
                merge=None,
            ),
        )
        for name, source in zip(record.reviewers, record.worksheets, strict=True)
    ]


def adjudication_hints(worksheet: Worksheet, checklist: Checklist) -> dict[str, ClaimHints]:
    """For a merged worksheet: per claim, who dropped it as not a claim and each reviewer's
    correction (speaker, role, chain) when the rule left them open, and what each reviewer
    answered to each open question."""
    from factcheck.review.hints import ClaimHints

    record = worksheet.merge
    if record is None:
        return {}
    sheets = reviewer_sheets(worksheet, Path("merged"))
    by_claim: dict[str, list[str]] = {}
    labels = {q.id: q for q in checklist.questions}
    for item in record.unsettled:
        claim_id, _, what = item.partition(".")
        entries = [(s.reviewer, _entry(s, claim_id)) for s in sheets]
        if what == MERGE_DROP:
            said = "; ".join(f"{name} ({e.dropped})" for name, e in entries if e and e.dropped)
            line = f"dropped as not a claim by {said}" if said else ""
        elif what in CLAIM_CORRECTIONS:  # 'speaker: ana "Alpha"; ben "Beta"'
            given = [(n, e) for n, e in entries if e is not None and what in e.corrected]
            said = "; ".join(f"{n} {_shown(_stored(e.claim.attribution, what))}" for n, e in given)
            line = f"{what}: {said}" if said else ""
        else:  # an override, a split or a part of the report
            line = unsettled_hint(worksheet, what, entries, claim_id)
        if line:
            by_claim.setdefault(claim_id, []).append(line)
    for item in record.open:
        claim_id, _, qid = item.partition(".")
        question = labels.get(qid)
        parts = []
        for sheet in sheets:
            entry = _entry(sheet, claim_id)
            answer = entry.answers.get(qid) if entry and entry.dropped is None else None
            if answer is None or answer.value is None:
                continue
            shown = question.label_for(answer.value) if question else answer.value
            note = f" ({answer.note})" if answer.note else ""
            parts.append(f"{sheet.reviewer}: {shown}{note}")
        if parts:
            by_claim.setdefault(claim_id, []).append(f"{qid}: " + "; ".join(parts))
    return {claim: ClaimHints(tuple(lines), title="Reviewers") for claim, lines in by_claim.items()}


def _entry(sheet: Sheet, claim_id: str) -> ClaimReview | None:
    try:
        return sheet.worksheet.entry(claim_id)
    except WorksheetError:
        return None

"""Stage ⑦ review: walk the claims through the checklist, one question at a time, or from a file.

`run_review` is the loop. It does not know about terminals: an `Asker` shows a `Prompt` and returns
what the reviewer did (a `Response`); the loop validates it, turns it into a worksheet `Change` and
hands that to `save` before it asks anything else, so every confirmed answer is on disk first.
`read_answers` and `apply_answers` are the scripted path (``--answers FILE``), with the same checks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import yaml

from factcheck.errors import FactcheckError, ReviewError, WorksheetError
from factcheck.review.hints import ClaimHints, EvidenceOffer
from factcheck.review.journal import WorksheetSession, open_session
from factcheck.review.worksheet import (
    Action,
    Answer,
    Change,
    ChecklistRef,
    ClaimReview,
    Worksheet,
    apply_change,
    check_value,
    claim_verdict,
    create_worksheet,
    is_url,
    is_worksheet_file,
    make_change,
    normalize_value,
    utc_now,
    valid_answer_values,
    worksheet_path,
    worksheet_warnings,
)
from factcheck.review.worksheet_yaml import NodeReader, compose_yaml

if TYPE_CHECKING:
    from factcheck.case.findings import CaseFindings
    from factcheck.case.store import Case
    from factcheck.checklist.load import Checklist, Question
    from factcheck.checklist.verdicts import Verdict
    from factcheck.models import Document
    from factcheck.sources.registry import Registry

Save = Callable[[Worksheet, Change], None]
"""Makes one change durable; gets the worksheet after the change, before the next question."""


# --- what the asker sees and returns -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prompt:
    """Everything needed to show one question about one claim."""

    checklist: Checklist
    """The checklist (scale, questions, help texts)."""
    document: Document
    """The article, for the claim's paragraph."""
    entry: ClaimReview
    """The claim under review, with its answers so far."""
    question: Question
    """The question to answer."""
    claim_number: int
    """Position of the claim in this review, from 1."""
    claim_count: int
    """Claims in this review."""
    question_number: int
    """Position of the question among the claim's applicable questions, from 1."""
    question_count: int
    """Applicable questions for the claim, given its answers so far."""
    claims_done: int
    """Claims of this review whose every applicable question is answered."""
    suggestion: str | None
    """The checklist's prefilled answer, accepted with Enter."""
    verdict: Verdict
    """The claim's verdict given the answers so far (or its override)."""
    error: str | None = None
    """Why the last response was refused, to show above the question."""
    hints: ClaimHints | None = None
    """What the tool found about the claim beyond the checklist (other reports of it)."""

    @property
    def current(self) -> Answer | None:
        """The answer already recorded for this question, if any."""
        return self.entry.answers.get(self.question.id)

    @property
    def offers(self) -> tuple[EvidenceOffer, ...]:
        """The evidence offered on this question, numbered from 1 as shown."""
        if self.hints is None:
            return ()
        return tuple(o for o in self.hints.offers if o.question == self.question.id)


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer value: a choice id, a scale level, free text or a URL."""

    value: str


@dataclass(frozen=True, slots=True)
class Accept:
    """Enter: keep the current answer, else take the suggestion, else pass an optional question."""


@dataclass(frozen=True, slots=True)
class Back:
    """Go back to the previous question."""


@dataclass(frozen=True, slots=True)
class Skip:
    """Skip the rest of this claim; it is listed at the end."""


@dataclass(frozen=True, slots=True)
class AddNote:
    """Add a note to the current question's answer."""

    text: str


@dataclass(frozen=True, slots=True)
class AddEvidence:
    """Add an evidence URL to the current question's answer."""

    url: str


@dataclass(frozen=True, slots=True)
class OverrideVerdict:
    """Set the claim's verdict by hand, with a required reason."""

    verdict: str
    reason: str


@dataclass(frozen=True, slots=True)
class Quit:
    """Stop here; everything answered is already saved."""


@dataclass(frozen=True, slots=True)
class AcceptOffer:
    """Record the offered evidence with this number (from 1) on the current question."""

    number: int


Response = (
    Reply | Accept | Back | Skip | AddNote | AddEvidence | OverrideVerdict | Quit | AcceptOffer
)
"""What the reviewer did at one prompt."""


class Asker(Protocol):
    """Shows a prompt and returns the reviewer's response (a terminal, or a script in tests)."""

    def ask(self, prompt: Prompt) -> Response:
        """Show the question and wait for one response."""
        ...


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """How a review ended and what is left to do."""

    worksheet: Worksheet
    """The worksheet with every change made."""
    finished: bool
    """False when the reviewer quit before the end."""
    skipped: tuple[str, ...] = ()
    """Claims of this review marked skipped."""
    below_min_score: tuple[str, ...] = ()
    """Claims left out because their score is below --min-score."""
    incomplete: tuple[str, ...] = ()
    """Claims of this review whose verdict is not final yet (a required question unanswered)."""
    changes: int = 0
    """Changes recorded by this review."""
    reviewed: tuple[str, ...] = ()
    """Claims this review covered (all claims, or those chosen by --claims and --min-score)."""


# --- the loop ----------------------------------------------------------------------------------


def applicable(checklist: Checklist, entry: ClaimReview) -> list[Question]:
    """The claim's questions whose `when` holds given its answers so far, in checklist order."""
    from factcheck.checklist.verdicts import applicable_questions

    return applicable_questions(checklist, valid_answer_values(checklist, entry), entry.facts)


def _valid_value(entry: ClaimReview, question: Question) -> bool:
    answer = entry.answers.get(question.id)
    return (
        answer is not None
        and answer.value is not None
        and check_value(question, answer.value) is None
    )


def first_open_question(checklist: Checklist, entry: ClaimReview) -> Question | None:
    """The claim's first applicable question without a valid answer, or None when complete."""
    for question in applicable(checklist, entry):
        if not _valid_value(entry, question):
            return question
    return None


def is_complete(checklist: Checklist, entry: ClaimReview) -> bool:
    """Whether the claim's verdict is settled: an override, or every required question answered."""
    if entry.override is not None:
        return True
    return all(
        _valid_value(entry, question)
        for question in applicable(checklist, entry)
        if question.required
    )


def select_claims(
    worksheet: Worksheet, claims: Sequence[str] | None, min_score: float | None
) -> tuple[list[int], list[str]]:
    """Indices of the claims to review, and ids of those below min_score."""
    if claims:
        known = {entry.id for entry in worksheet.claims}
        unknown = [cid for cid in claims if cid not in known]
        if unknown:
            raise ReviewError(
                f"no claim {unknown[0]!r} in the worksheet "
                f"(it has {', '.join(entry.id for entry in worksheet.claims[:3])}"
                f"{', ...' if len(worksheet.claims) > 3 else ''})"
            )
    wanted = set(claims or ())
    chosen: list[int] = []
    below: list[str] = []
    for index, entry in enumerate(worksheet.claims):
        if wanted and entry.id not in wanted:
            continue
        if min_score is not None and entry.claim.check_worthiness < min_score:
            below.append(entry.id)
            continue
        chosen.append(index)
    return chosen, below


@dataclass(slots=True)
class _Walk:
    """The loop's mutable state: the worksheet so far and where the reviewer is."""

    worksheet: Worksheet
    checklist: Checklist
    save: Save
    reviewer: str
    now: Callable[[], str]
    order: list[int]
    """Worksheet indices of the claims in this review."""
    revisit_skipped: bool
    history: list[tuple[int, str]] = field(default_factory=list)
    """Positions left forward, for going back."""
    changes: int = 0
    complete: set[int] = field(default_factory=set)
    """Steps whose claim is complete: overridden, or every required question answered."""

    def __post_init__(self) -> None:
        for step in range(len(self.order)):
            self.refresh(step)

    def entry(self, step: int) -> ClaimReview:
        return self.worksheet.claims[self.order[step]]

    def refresh(self, step: int) -> None:
        if is_complete(self.checklist, self.entry(step)):
            self.complete.add(step)
        else:
            self.complete.discard(step)

    def record(
        self,
        step: int,
        action: Action,
        *,
        question: str | None = None,
        new: str | None = None,
        reason: str | None = None,
        prefill: bool = False,
    ) -> None:
        change = make_change(
            self.worksheet,
            self.entry(step).id,
            action,
            reviewer=self.reviewer,
            question=question,
            new=new,
            reason=reason,
            prefill=prefill,
            now=self.now,
        )
        updated = apply_change(self.worksheet, change)
        self.save(updated, change)
        self.worksheet = updated
        self.changes += 1
        self.refresh(step)

    def next_open(self, after: int) -> int | None:
        """The next claim with an unanswered question (optional ones too), skipped ones aside."""
        for step in range(after + 1, len(self.order)):
            entry = self.entry(step)
            if entry.skipped and not self.revisit_skipped:
                continue
            if first_open_question(self.checklist, entry) is not None:
                return step
        return None

    def next_question(self, step: int, current: str) -> str | None:
        """The applicable question after `current` in checklist order."""
        ids = [q.id for q in self.checklist.questions]
        applicable_ids = {q.id for q in applicable(self.checklist, self.entry(step))}
        position = ids.index(current) if current in ids else -1
        for qid in ids[position + 1 :]:
            if qid in applicable_ids:
                return qid
        return None

    def back(self) -> tuple[int, str] | None:
        """The last position left forward whose question still applies (answers change that)."""
        while self.history:
            step, qid = self.history.pop()
            if any(q.id == qid for q in applicable(self.checklist, self.entry(step))):
                return step, qid
        return None

    def finish_claim(self, step: int) -> None:
        if self.entry(step).skipped and step in self.complete:
            self.record(step, Action.UNSKIP)


def _question(checklist: Checklist, qid: str) -> Question:
    for question in checklist.questions:
        if question.id == qid:
            return question
    raise ReviewError(f"checklist {checklist.id!r} has no question {qid!r}")


def run_review(
    worksheet: Worksheet,
    checklist: Checklist,
    asker: Asker,
    save: Save,
    *,
    reviewer: str,
    claims: Sequence[str] | None = None,
    min_score: float | None = None,
    now: Callable[[], str] = utc_now,
    hints: Mapping[str, ClaimHints] | None = None,
) -> ReviewOutcome:
    """Ask the open questions claim by claim, from the first unanswered one, saving each change.

    Questions whose `when` is false are not asked; a required question cannot be passed with Enter.
    Skipped claims are passed over unless named in `claims`. Returns when every claim of the review
    is complete, or when the reviewer quits. ``hints`` (by claim id) are shown with each claim's
    questions, and their evidence offers can be accepted.
    """
    from factcheck.checklist.verdicts import prefill

    order, below = select_claims(worksheet, claims, min_score)
    walk = _Walk(
        worksheet=worksheet,
        checklist=checklist,
        save=save,
        reviewer=reviewer,
        now=now,
        order=order,
        revisit_skipped=bool(claims),
    )
    step = walk.next_open(-1)
    qid: str | None = None
    if step is not None:
        first = first_open_question(checklist, walk.entry(step))
        qid = first.id if first is not None else None
    error: str | None = None
    finished = False
    while True:
        if step is None:
            finished = True
            break
        if qid is None:
            walk.finish_claim(step)
            step = walk.next_open(step)
            if step is not None:
                first = first_open_question(checklist, walk.entry(step))
                qid = first.id if first is not None else None
            continue
        entry = walk.entry(step)
        question = _question(checklist, qid)
        questions = applicable(checklist, entry)
        ids = [q.id for q in questions]
        prompt = Prompt(
            checklist=checklist,
            document=walk.worksheet.document,
            entry=entry,
            question=question,
            claim_number=step + 1,
            claim_count=len(order),
            question_number=ids.index(qid) + 1 if qid in ids else len(ids) + 1,
            question_count=max(len(ids), 1),
            claims_done=len(walk.complete),
            suggestion=prefill(checklist, question, entry.facts),
            verdict=claim_verdict(checklist, entry),
            error=error,
            hints=(hints or {}).get(entry.id),
        )
        response = asker.ask(prompt)
        error = None
        if isinstance(response, Quit):
            break
        if isinstance(response, Back):
            previous = walk.back()
            if previous is None:
                error = "This is the first question of the review."
            else:
                step, qid = previous
            continue
        if isinstance(response, Skip):
            if not entry.skipped:
                walk.record(step, Action.SKIP)
            walk.history.append((step, qid))
            step = walk.next_open(step)
            if step is not None:
                first = first_open_question(checklist, walk.entry(step))
                qid = first.id if first is not None else None
            continue
        if isinstance(response, AddNote):
            text = response.text.strip()
            if not text:
                error = "A note needs some text."
                continue
            old = prompt.current.note if prompt.current is not None else None
            walk.record(step, Action.NOTE, question=qid, new=f"{old}\n{text}" if old else text)
            continue
        if isinstance(response, AddEvidence):
            url = response.url.strip()
            if not is_url(url):
                error = f"Not an http(s) URL: {url!r}"
                continue
            current = prompt.current
            if current is None or url not in current.evidence:
                walk.record(step, Action.EVIDENCE, question=qid, new=url)
            continue
        if isinstance(response, AcceptOffer):
            error = _accept_offer(walk, step, qid, prompt, response.number)
            continue
        if isinstance(response, OverrideVerdict):
            error = _check_override(checklist, response.verdict, response.reason)
            if error is None:
                walk.record(
                    step,
                    Action.OVERRIDE,
                    new=response.verdict,
                    reason=response.reason.strip(),
                )
            continue
        if isinstance(response, Accept):
            current = prompt.current
            if (
                current is not None
                and current.value is not None
                and not check_value(question, current.value)
            ):
                pass  # keep the answer as it is
            elif prompt.suggestion is not None and not check_value(question, prompt.suggestion):
                walk.record(step, Action.ANSWER, question=qid, new=prompt.suggestion, prefill=True)
            elif question.required:
                error = "This question is required: answer it, or press s to skip the claim."
                continue
        else:
            value = normalize_value(question, response.value)
            problem = check_value(question, value)
            if problem:
                error = f"Not a valid answer: {problem}"
                continue
            current = prompt.current
            if current is None or current.value != value or current.prefill_accepted:
                walk.record(step, Action.ANSWER, question=qid, new=value)
        walk.history.append((step, qid))
        qid = walk.next_question(step, qid)
    return _outcome(walk, below, finished)


def _accept_offer(walk: _Walk, step: int, qid: str, prompt: Prompt, number: int) -> str | None:
    """Record an offer's evidence and note on the question; the reason it cannot, if so."""
    offers = prompt.offers
    if not offers:
        return "No evidence is offered on this question."
    if not 1 <= number <= len(offers):
        return f"No offer {number}: choose 1 to {len(offers)}."
    offer = offers[number - 1]
    current = walk.entry(step).answers.get(qid, Answer())
    if offer.evidence not in current.evidence:
        walk.record(step, Action.EVIDENCE, question=qid, new=offer.evidence)
    note = walk.entry(step).answers.get(qid, Answer()).note
    if not note or offer.note not in note:
        new = f"{note}\n{offer.note}" if note else offer.note
        walk.record(step, Action.NOTE, question=qid, new=new)
    return None


def _check_override(checklist: Checklist, verdict: str, reason: str) -> str | None:
    levels = [level.id for level in checklist.scale]
    if verdict not in levels:
        return f"Not a verdict of this checklist: {verdict!r} (expected one of {', '.join(levels)})"
    if not reason.strip():
        return "An override needs a reason."
    return None


def _outcome(walk: _Walk, below: Sequence[str], finished: bool) -> ReviewOutcome:
    return summarize_review(
        walk.worksheet,
        walk.checklist,
        [walk.worksheet.claims[index].id for index in walk.order],
        below=below,
        finished=finished,
        changes=walk.changes,
    )


def summarize_review(
    worksheet: Worksheet,
    checklist: Checklist,
    reviewed: Sequence[str],
    *,
    below: Sequence[str] = (),
    finished: bool,
    changes: int,
) -> ReviewOutcome:
    """The outcome of a review of the claims named in `reviewed`."""
    entries = [worksheet.entry(cid) for cid in reviewed]
    return ReviewOutcome(
        worksheet=worksheet,
        finished=finished,
        skipped=tuple(e.id for e in entries if e.skipped),
        below_min_score=tuple(below),
        incomplete=tuple(e.id for e in entries if not claim_verdict(checklist, e).final),
        changes=changes,
        reviewed=tuple(reviewed),
    )


# --- the scripted path: --answers FILE -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScriptedAnswer:
    """One question's answer from an answers file."""

    value: str | None = None
    """The answer value; None when the file gives only a note or evidence."""
    note: str | None = None
    """A note to record with it."""
    evidence: tuple[str, ...] = ()
    """Evidence URLs to add."""


@dataclass(frozen=True, slots=True)
class ScriptedClaim:
    """What an answers file says about one claim."""

    claim: str
    """The claim's id."""
    answers: Mapping[str, ScriptedAnswer]
    """Answers by question id, in the file's order."""
    override: tuple[str, str] | None = None
    """A verdict override: (verdict id, reason)."""
    skip: bool = False
    """Mark the claim skipped."""


_OVERRIDE_KEY = "override"
_SKIP_KEY = "skip"


def read_answers(
    path: Path, worksheet: Worksheet, checklist: Checklist
) -> tuple[ScriptedClaim, ...]:
    """An answers file, checked against the worksheet and checklist as the interactive loop would.

    Errors name the file, line and place: ``answers.yaml:4: c2.primary_source: expected one of
    yes, no, unclear, got 'maybe'``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReviewError(f"{path}: no such answers file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read the answers file: {exc}") from None
    r = NodeReader(str(path))
    try:
        root = compose_yaml(text, str(path))
        claims = r.mapping(root, "", optional=None)
        scripted = [
            _read_scripted_claim(r, cid, node, worksheet, checklist) for cid, node in claims.items()
        ]
    except WorksheetError as exc:
        raise ReviewError(str(exc)) from None
    return tuple(scripted)


def _read_scripted_claim(
    r: NodeReader, claim_id: str, node: yaml.Node, worksheet: Worksheet, checklist: Checklist
) -> ScriptedClaim:
    ids = [entry.id for entry in worksheet.claims]
    if claim_id not in set(ids):
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        r.fail(node, claim_id, f"no such claim in the worksheet (it has {shown or 'no claims'})")
    entry = worksheet.entry(claim_id)
    questions = {q.id: q for q in checklist.questions}
    fields = r.mapping(node, claim_id, optional=None)
    answers: dict[str, ScriptedAnswer] = {}
    override: tuple[str, str] | None = None
    skip = False
    for key, value in fields.items():
        where = f"{claim_id}.{key}"
        if key in questions:
            answers[key] = _read_scripted_answer(r, value, where, questions[key])
        elif key == _OVERRIDE_KEY:
            m = r.mapping(value, where, required=("verdict", "reason"))
            verdict = r.text(m["verdict"], f"{where}.verdict")
            reason = r.text(m["reason"], f"{where}.reason")
            problem = _check_override(checklist, verdict, reason)
            if problem:
                r.fail(value, where, problem[0].lower() + problem[1:].rstrip("."))
            override = (verdict, reason.strip())
        elif key == _SKIP_KEY:
            skip = r.boolean(value, where)
        else:
            expected = ", ".join([*questions, _OVERRIDE_KEY, _SKIP_KEY])
            r.fail(
                value, where, f"not a question of checklist {checklist.id!r} (expected {expected})"
            )
    # `when` conditions are judged on the answers the claim will have once the file is applied.
    merged = valid_answer_values(checklist, entry)
    merged.update({qid: a.value for qid, a in answers.items() if a.value is not None})
    from factcheck.checklist.verdicts import applicable_questions

    asked = {q.id for q in applicable_questions(checklist, merged, entry.facts)}
    for qid in answers:
        if qid not in asked:
            question = questions[qid]
            condition = getattr(question.when, "source", None) or "its condition"
            r.fail(
                fields[qid],
                f"{claim_id}.{qid}",
                f"not asked for this claim ({condition} is false)",
            )
    return ScriptedClaim(claim=claim_id, answers=answers, override=override, skip=skip)


def _read_scripted_answer(
    r: NodeReader, node: yaml.Node, where: str, question: Question
) -> ScriptedAnswer:
    if isinstance(node, yaml.ScalarNode):
        value = normalize_value(question, r.text(node, where))
        problem = check_value(question, value)
        if problem:
            r.fail(node, where, problem)
        return ScriptedAnswer(value=value)
    m = r.mapping(node, where, optional=("value", "note", "evidence"))
    value_or_none = r.optional_text(m["value"], f"{where}.value") if "value" in m else None
    if value_or_none is not None:
        value_or_none = normalize_value(question, value_or_none)
    if value_or_none is not None:
        problem = check_value(question, value_or_none)
        if problem:
            r.fail(m["value"], f"{where}.value", problem)
    note = r.optional_text(m["note"], f"{where}.note") if "note" in m else None
    evidence: tuple[str, ...] = ()
    if "evidence" in m:
        ev = m["evidence"]
        items = [ev] if isinstance(ev, yaml.ScalarNode) else r.sequence(ev, f"{where}.evidence")
        urls = []
        for i, item in enumerate(items):
            url = r.text(item, f"{where}.evidence[{i}]")
            if not is_url(url):
                r.fail(item, f"{where}.evidence[{i}]", f"expected an http(s) URL, got {url!r}")
            urls.append(url)
        evidence = tuple(urls)
    return ScriptedAnswer(value=value_or_none, note=note, evidence=evidence)


def apply_answers(
    worksheet: Worksheet,
    checklist: Checklist,
    script: Sequence[ScriptedClaim],
    save: Save,
    *,
    reviewer: str,
    now: Callable[[], str] = utc_now,
) -> ReviewOutcome:
    """Record an answers file's answers, notes, evidence, overrides and skips, each saved in turn.

    Values equal to what the worksheet holds are not recorded again, so applying a file twice
    changes nothing the second time.
    """
    changes = 0

    def record(
        claim_id: str,
        action: Action,
        *,
        question: str | None = None,
        new: str | None = None,
        reason: str | None = None,
    ) -> None:
        nonlocal worksheet, changes
        change = make_change(
            worksheet,
            claim_id,
            action,
            reviewer=reviewer,
            question=question,
            new=new,
            reason=reason,
            now=now,
        )
        worksheet = apply_change(worksheet, change)
        save(worksheet, change)
        changes += 1

    for scripted in script:
        cid = scripted.claim
        for qid, wanted in scripted.answers.items():
            current = worksheet.entry(cid).answers.get(qid, Answer())
            if wanted.value is not None and wanted.value != current.value:
                record(cid, Action.ANSWER, question=qid, new=wanted.value)
            if wanted.note is not None and wanted.note.strip() != (current.note or ""):
                record(cid, Action.NOTE, question=qid, new=wanted.note.strip())
            for url in wanted.evidence:
                if url not in worksheet.entry(cid).answers.get(qid, Answer()).evidence:
                    record(cid, Action.EVIDENCE, question=qid, new=url)
        entry = worksheet.entry(cid)
        if scripted.override is not None:
            verdict, reason = scripted.override
            if entry.override is None or (entry.override.verdict, entry.override.reason) != (
                verdict,
                reason,
            ):
                record(cid, Action.OVERRIDE, new=verdict, reason=reason)
        if scripted.skip and not entry.skipped:
            record(cid, Action.SKIP)
        elif not scripted.skip and entry.skipped and is_complete(checklist, entry):
            record(cid, Action.UNSKIP)
    return summarize_review(
        worksheet,
        checklist,
        [entry.id for entry in worksheet.claims],
        finished=all(is_complete(checklist, e) or e.skipped for e in worksheet.claims),
        changes=changes,
    )


def review_worksheet(
    setup: ReviewSetup,
    *,
    asker: Asker | None,
    answers: Path | None = None,
    reviewer: str,
    claims: Sequence[str] | None = None,
    min_score: float | None = None,
    now: Callable[[], str] = utc_now,
) -> ReviewOutcome:
    """Apply an answers file (if any), then ask what is left (if there is an asker).

    Every change goes through the session's journal before the next one is made. Ctrl-C
    (KeyboardInterrupt) propagates; the caller closes the session, which saves everything.
    """
    session = setup.session
    checklist = setup.checklist
    changes = 0
    if answers is not None:
        script = read_answers(answers, session.worksheet, checklist)
        applied = apply_answers(
            session.worksheet, checklist, script, session.record, reviewer=reviewer, now=now
        )
        changes += applied.changes
    if asker is not None:
        outcome = run_review(
            session.worksheet,
            checklist,
            asker,
            session.record,
            reviewer=reviewer,
            claims=claims,
            min_score=min_score,
            now=now,
            hints=setup.hints,
        )
        return replace(outcome, changes=outcome.changes + changes)
    order, below = select_claims(session.worksheet, claims, min_score)
    reviewed = [session.worksheet.claims[index] for index in order]
    return summarize_review(
        session.worksheet,
        checklist,
        [entry.id for entry in reviewed],
        below=below,
        finished=all(is_complete(checklist, e) or e.skipped for e in reviewed),
        changes=changes,
    )


# --- opening a review: existing worksheet, or a new one from an article ---------------------------


DEFAULT_CHECKLIST = "quick"
"""The checklist a new worksheet uses unless told otherwise."""


@dataclass(slots=True)
class ReviewSetup:
    """A worksheet open for review, with what the reviewer should be told first."""

    session: WorksheetSession
    """The locked, journaled worksheet."""
    checklist: Checklist
    """The checklist to review against."""
    registry: Registry
    """The source registry, for showing what is known about each source."""
    warnings: list[str]
    """Changes since the worksheet was made (article, checklist, orphaned answers)."""
    created: bool
    """Whether the worksheet was made just now."""
    findings: CaseFindings | None = None
    """With a case: what its other articles say about each claim."""
    hints: dict[str, ClaimHints] = field(default_factory=dict)
    """With a case: per claim, the other reports to show and offer as evidence."""

    @property
    def path(self) -> Path:
        """The worksheet's path."""
        return self.session.path


def _is_builtin_name(name: str) -> bool:
    return re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) is not None


def checklist_reference(name: str, worksheet: Path) -> str:
    """How a worksheet records its checklist: a built-in name as is, a file relative to the
    worksheet's folder (so the pair can move together, or be shared in git)."""
    if _is_builtin_name(name) and not Path(name).exists():
        return name
    target = Path(name).resolve()
    try:
        return Path(os.path.relpath(target, worksheet.parent.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(target)


def _checklist_loader(name: str | None, worksheet: Path) -> Callable[[ChecklistRef], Checklist]:
    from factcheck.checklist.load import load_checklist

    def load(ref: ChecklistRef) -> Checklist:
        if name is not None:
            checklist = load_checklist(name)
            if checklist.id != ref.id:
                raise ReviewError(
                    f"this worksheet uses checklist {ref.id!r}, not {checklist.id!r}; "
                    f"leave out --checklist or start a new worksheet"
                )
            return checklist
        source = ref.source
        if not _is_builtin_name(source) and not Path(source).is_absolute():
            source = str(worksheet.parent / source)
        try:
            return load_checklist(source)
        except FactcheckError as exc:
            raise ReviewError(
                f"cannot load the worksheet's checklist {ref.source!r} ({exc}); "
                "pass it with --checklist"
            ) from None

    return load


def _current_sha256(document: Document) -> str | None:
    """The article's sha256 now, when it is a local file that can be read again."""
    from factcheck.extract.ingest import read_source

    source = document.source
    if source in ("", "-") or "://" in source or not Path(source).is_file():
        return None
    try:
        return read_source(source).sha256
    except FactcheckError:
        return None


def open_review(
    target: str,
    *,
    checklist: str | None = None,
    reports_dir: Path,
    registry_paths: Sequence[Path] = (),
    case: Path | None = None,
) -> ReviewSetup:
    """Open a worksheet for review: the one named, or the article's (made now if need be).

    An article is extracted first; its worksheet is ``<reports_dir>/<slug>.worksheet.yaml``.
    An existing worksheet keeps its claims and every answer, whatever changed since. With a
    case folder, every claim is matched against the case's other articles: the ``case.*`` facts
    are set from the matches, and the matches are offered as evidence.
    """
    from factcheck.sources.registry import load_registry

    registry = load_registry(tuple(registry_paths))
    loaded_case = _load_case(case, registry)
    target_path = Path(target)
    document_sha: str | None = None
    if is_worksheet_file(target_path):
        path = target_path
    else:
        from factcheck.checklist.load import load_checklist
        from factcheck.extract.pipeline import extract

        extraction = extract(target, registry=registry)
        document_sha = extraction.document.sha256
        path = worksheet_path(reports_dir, extraction.document)
        if not path.exists():
            chosen = load_checklist(checklist or DEFAULT_CHECKLIST)
            reference = checklist_reference(checklist or DEFAULT_CHECKLIST, path)
            fresh = create_worksheet(extraction, chosen, registry, checklist_source=reference)
            findings = None
            if loaded_case is not None:
                from factcheck.case.review import match_worksheet

                fresh, findings = match_worksheet(loaded_case, fresh, registry, extraction)
            session = open_session(path, new=fresh)
            setup = ReviewSetup(session, chosen, registry, [], created=True)
            return _with_case(setup, loaded_case, findings)
    loaded: list[Checklist] = []
    loader = _checklist_loader(checklist, path)

    def remember(ref: ChecklistRef) -> Checklist:
        loaded.append(loader(ref))
        return loaded[-1]

    session = open_session(path, remember)
    try:
        worksheet = session.worksheet
        if document_sha is None:
            document_sha = _current_sha256(worksheet.document)
        warnings = worksheet_warnings(worksheet, loaded[-1], document_sha)
        setup = ReviewSetup(session, loaded[-1], registry, warnings, created=False)
        return _with_case(setup, loaded_case, None)
    except BaseException:
        session.close(compact=False)
        raise


def _load_case(case: Path | None, registry: Registry) -> Case | None:
    if case is None:
        return None
    from factcheck.case.store import load_case

    return load_case(case, registry)


def _with_case(setup: ReviewSetup, case: Case | None, findings: CaseFindings | None) -> ReviewSetup:
    """The setup with the case's findings: facts on the worksheet, hints for the reviewer."""
    if case is None:
        return setup
    from factcheck.case.review import match_worksheet, review_hints

    session = setup.session
    if findings is None:
        # The facts are a snapshot taken when the worksheet is opened with the case; they are
        # saved with the worksheet when the session closes.
        session.worksheet, findings = match_worksheet(case, session.worksheet, setup.registry)
    setup.warnings.extend(case.warnings)
    setup.findings = findings
    setup.hints = review_hints(findings, setup.checklist, case)
    return setup

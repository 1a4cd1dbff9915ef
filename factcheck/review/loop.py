"""Stage ⑦ review: the loop that walks the claims through the checklist, one question at a time.

`run_review` does not know about terminals: an `Asker` shows a prompt and returns what the
reviewer did; the loop validates it, turns it into a worksheet `Change` and hands that to `save`
before it asks anything else, so every confirmed answer is on disk first. Each claim ends with a
verdict step; the review ends by asking for what the published report needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.checklist.answers import address_problem
from factcheck.errors import ReviewError, WorksheetError
from factcheck.review.hints import ClaimHints
from factcheck.review.prompts import (
    Accept,
    AcceptOffer,
    AddEvidence,
    AddNote,
    Asker,
    Back,
    Conclude,
    CopyAnswers,
    Correct,
    OverrideVerdict,
    Prompt,
    PublicationPrompt,
    Quit,
    Reply,
    Response,
    ReviewOutcome,
    Skip,
    Suggestion,
    TakeOffer,
    VerdictPrompt,
)
from factcheck.review.worksheet import (
    ARTICLE,
    PUBLICATION_FIELDS,
    Action,
    Answer,
    Change,
    ClaimReview,
    Worksheet,
    apply_change,
    check_value,
    claim_verdict,
    make_change,
    normalize_value,
    utc_now,
    valid_answer_values,
    valid_override,
)
from factcheck.team.unsettled import still_unsettled, unsettled_claims

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question

Save = Callable[[Worksheet, Change], None]
"""Makes one change durable; gets the worksheet after the change, before the next question."""


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
    if entry.dropped is not None:
        return None
    for question in applicable(checklist, entry):
        if not _valid_value(entry, question):
            return question
    return None


def is_complete(checklist: Checklist, entry: ClaimReview) -> bool:
    """Whether the claim is settled: dropped, overridden to a verdict on the scale, or every
    required question answered."""
    if valid_override(checklist, entry) is not None or entry.dropped is not None:
        return True
    return all(
        _valid_value(entry, question)
        for question in applicable(checklist, entry)
        if question.required
    )


def suggestion_for(question: Question, entry: ClaimReview) -> Suggestion | None:
    """The tool's suggestion on an article question, or its offer on a finding, with the reason."""
    from factcheck.checklist.load import QuestionKind
    from factcheck.checklist.verdicts import explain_facts, offered, suggested

    finding = question.kind is QuestionKind.FINDING
    expr = question.offer if finding else question.prefill
    value = offered(question, entry.facts) if finding else suggested(question, entry.facts)
    if value is None or expr is None:
        return None
    return Suggestion(value=value, reason=explain_facts(expr, entry.facts), offered=finding)


def select_claims(
    worksheet: Worksheet, claims: Sequence[str] | None, min_score: float | None
) -> tuple[list[str], list[str]]:
    """Ids of the claims to review, and ids of those below min_score."""
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
    chosen: list[str] = []
    below: list[str] = []
    for entry in worksheet.claims:
        if wanted and entry.id not in wanted:
            continue
        if entry.dropped is not None and not wanted:
            continue
        added = entry.claim.check_worthiness == 0.0 and "added" in entry.corrected
        if min_score is not None and entry.claim.check_worthiness < min_score and not added:
            below.append(entry.id)
            continue
        chosen.append(entry.id)
    return chosen, below


@dataclass(slots=True)
class _Walk:
    """The loop's mutable state: the worksheet so far and where the reviewer is."""

    worksheet: Worksheet
    checklist: Checklist
    save: Save
    reviewer: str
    now: Callable[[], str]
    order: list[str]
    """Ids of the claims in this review, in the order they are reviewed."""
    revisit_skipped: bool
    only_open: bool = False
    """Ask only unanswered questions (adjudicating a merge), not every one after the first."""
    unsettled: frozenset[str] = frozenset()
    """Claims with a correction, drop or override the merge left unsettled: visited even when
    every question is answered, to settle it at their verdict."""
    history: list[tuple[str, str]] = field(default_factory=list)
    """(claim id, question id) positions left forward, for going back."""
    changes: int = 0

    def entry(self, step: int) -> ClaimReview:
        return self.worksheet.entry(self.order[step])

    def done(self) -> int:
        return sum(
            1 for cid in self.order if is_complete(self.checklist, self.worksheet.entry(cid))
        )

    def record(
        self,
        claim_id: str,
        action: Action,
        *,
        question: str | None = None,
        new: str | None = None,
        reason: str | None = None,
        prefill: bool = False,
    ) -> None:
        change = make_change(
            self.worksheet,
            claim_id,
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

    def next_open(self, after: int) -> int | None:
        """The next claim with an unanswered question (optional ones too), skipped ones aside."""
        for step in range(after + 1, len(self.order)):
            entry = self.entry(step)
            if entry.skipped and not self.revisit_skipped:
                continue
            if first_open_question(self.checklist, entry) is not None or entry.id in self.unsettled:
                return step
        return None

    def first(self, step: int | None) -> str | None:
        if step is None:
            return None
        question = first_open_question(self.checklist, self.entry(step))
        return question.id if question is not None else None

    def next_question(self, step: int, current: str) -> str | None:
        """The applicable question after `current` in checklist order."""
        ids = [q.id for q in self.checklist.questions]
        applicable_ids = {q.id for q in applicable(self.checklist, self.entry(step))}
        position = ids.index(current) if current in ids else -1
        entry = self.entry(step)
        for qid in ids[position + 1 :]:
            if qid in applicable_ids:
                if self.only_open and _valid_value(entry, _question(self.checklist, qid)):
                    continue
                return qid
        return None

    def back(self) -> tuple[int, str] | None:
        """The last position left forward whose question still applies (answers change that)."""
        while self.history:
            cid, qid = self.history.pop()
            if cid not in self.order:
                continue
            step = self.order.index(cid)
            if any(q.id == qid for q in applicable(self.checklist, self.entry(step))):
                return step, qid
        return None

    def go_back(self, step: int, qid: str | None) -> tuple[int, str | None, str | None]:
        """The position to go back to, or the same one with the reason there is none."""
        previous = self.back()
        if previous is None:
            return step, qid, "This is the first question of the review."
        return (*previous, None)

    def finish_claim(self, step: int) -> None:
        entry = self.entry(step)
        if entry.skipped and is_complete(self.checklist, entry):
            self.record(entry.id, Action.UNSKIP)

    def new_claim_id(self) -> str:
        # A hand-edited id may hold any digits: '²' is one to str.isdigit, not to int.
        numbers = [int(e.id[1:]) for e in self.worksheet.claims if _ID_NUMBER.fullmatch(e.id[1:])]
        return f"c{max(numbers, default=0) + 1}"


_ID_NUMBER = regexes.compile(r"[0-9]{1,9}")


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
    only_open: bool = False,
) -> ReviewOutcome:
    """Ask the open questions claim by claim, from the first unanswered one, saving each change.

    Questions whose `when` is false are not asked. Enter keeps an answer, takes a suggestion
    about the article, or leaves the question open and goes on: it never answers a finding.
    Each claim ends with its verdict; the review ends by asking for the report's title, summary
    and bottom line. Skipped claims are passed over unless named in `claims`. ``hints`` (by
    claim id) are shown with each claim's questions, and their evidence offers can be accepted.
    With ``only_open``, answered questions are passed over (adjudicating a merge).
    """
    order, below = select_claims(worksheet, claims, min_score)
    walk = _Walk(
        worksheet=worksheet,
        checklist=checklist,
        save=save,
        reviewer=reviewer,
        now=now,
        order=order,
        revisit_skipped=bool(claims),
        only_open=only_open,
        unsettled=unsettled_claims(worksheet) if only_open else frozenset(),
    )
    step = walk.next_open(-1)
    qid = walk.first(step)
    error: str | None = None
    finished = False
    while True:
        if step is None:
            finished = True
            break
        entry = walk.entry(step)
        if qid is None:
            response = asker.ask_verdict(
                VerdictPrompt(
                    checklist=checklist,
                    document=walk.worksheet.document,
                    entry=entry,
                    verdict=claim_verdict(checklist, entry),
                    claim_number=step + 1,
                    claim_count=len(walk.order),
                    error=error,
                    hints=(hints or {}).get(entry.id),
                )
            )
            error = None
            if isinstance(response, Quit):
                break
            if isinstance(response, Back):
                step, qid, error = walk.go_back(step, qid)
                continue
            if isinstance(response, Accept):
                text = (response.conclusion or "").strip()
                if text and text != entry.conclusion:
                    walk.record(entry.id, Action.CONCLUSION, new=text)
                walk.finish_claim(step)
                step = walk.next_open(step)
                qid = walk.first(step)
                continue
            error = _respond(walk, step, None, response)
            if error is None and walk.entry(step).dropped is not None:
                step = walk.next_open(step)
                qid = walk.first(step)
            continue
        question = _question(checklist, qid)
        ids = [q.id for q in applicable(checklist, entry)]
        repeated_in, copy_from = _repeat_links(walk.worksheet, entry)
        prompt = Prompt(
            checklist=checklist,
            document=walk.worksheet.document,
            entry=entry,
            question=question,
            claim_number=step + 1,
            claim_count=len(walk.order),
            question_number=ids.index(qid) + 1 if qid in ids else len(ids) + 1,
            question_count=max(len(ids), 1),
            claims_done=walk.done(),
            suggestion=suggestion_for(question, entry),
            verdict=claim_verdict(checklist, entry),
            error=error,
            hints=(hints or {}).get(entry.id),
            repeated_in=repeated_in,
            copy_from=copy_from,
        )
        response = asker.ask(prompt)
        error = None
        if isinstance(response, Quit):
            break
        if isinstance(response, Back):
            step, qid, error = walk.go_back(step, qid)
            continue
        if isinstance(response, Skip):
            if not entry.skipped:
                walk.record(entry.id, Action.SKIP)
            walk.history.append((entry.id, qid))
            step = walk.next_open(step)
            qid = walk.first(step)
            continue
        if isinstance(response, CopyAnswers):
            error = _copy_answers(walk, step, response.source)
            if error is None:
                walk.history.append((entry.id, qid))
                qid = walk.first(step)
            continue
        if isinstance(response, Accept | Reply | TakeOffer):
            error = _answer(walk, step, prompt, response)
            if error is None:
                walk.history.append((entry.id, qid))
                qid = walk.next_question(step, qid)
            continue
        error = _respond(walk, step, prompt, response)
        if walk.entry(step).dropped is not None:
            step = walk.next_open(step)
            qid = walk.first(step)
        elif qid not in {q.id for q in applicable(checklist, walk.entry(step))}:
            qid = walk.first(step)
    if finished:
        _ask_publication(walk, asker, (hints or {}).get(ARTICLE))
    return _outcome(walk, below, finished)


def _repeat_links(worksheet: Worksheet, entry: ClaimReview) -> tuple[tuple[str, ...], str | None]:
    """The claims that repeat this one, and the linked claim with answers to copy, if any."""
    repeated_in = tuple(e.id for e in worksheet.claims if e.claim.repeats == entry.id)
    linked = [*([entry.claim.repeats] if entry.claim.repeats else []), *repeated_in]
    for claim_id in linked:
        try:
            other = worksheet.entry(claim_id)
        except WorksheetError:
            continue
        if any(answer.value is not None for answer in other.answers.values()):
            return repeated_in, claim_id
    return repeated_in, None


def _copy_answers(walk: _Walk, step: int, source: str) -> str | None:
    """Record the linked claim's answers, notes and evidence on this claim (one fact, answered
    once); the reason it cannot, if so."""
    target = walk.entry(step)
    try:
        other = walk.worksheet.entry(source)
    except WorksheetError:
        return f"No claim {source} to copy from."
    for qid, answer in other.answers.items():
        mine = walk.entry(step).answers.get(qid, Answer())
        if answer.value is not None and answer.value != mine.value:
            walk.record(target.id, Action.ANSWER, question=qid, new=answer.value)
        if answer.note and answer.note != mine.note:
            walk.record(target.id, Action.NOTE, question=qid, new=answer.note)
        for url in answer.evidence:
            if url not in walk.entry(step).answers.get(qid, Answer()).evidence:
                walk.record(target.id, Action.EVIDENCE, question=qid, new=url)
    return None


def _answer(
    walk: _Walk, step: int, prompt: Prompt, response: Accept | Reply | TakeOffer
) -> str | None:
    """Record an answer (Enter, a typed value, a taken offer); the reason it cannot, if so."""
    question = prompt.question
    current = prompt.current
    cid = prompt.entry.id
    suggestion = prompt.suggestion
    if isinstance(response, TakeOffer):
        if suggestion is None or not suggestion.offered:
            return "Nothing is offered on this question."
        walk.record(cid, Action.ANSWER, question=question.id, new=suggestion.value)
        note = f"Taken from the offered evidence: {suggestion.reason}"
        old = walk.entry(step).answers.get(question.id, Answer()).note
        if not old or note not in old:
            walk.record(
                cid, Action.NOTE, question=question.id, new=f"{old}\n{note}" if old else note
            )
        return None
    if isinstance(response, Accept):
        if (
            current is not None
            and current.value is not None
            and not check_value(question, current.value)
        ):
            return None  # keep the answer as it is
        if (
            suggestion is not None
            and not suggestion.offered
            and not check_value(question, suggestion.value)
        ):
            walk.record(
                cid, Action.ANSWER, question=question.id, new=suggestion.value, prefill=True
            )
        # Otherwise the question stays open: Enter never stands in for the reviewer's research.
        return None
    value = normalize_value(question, response.value)
    problem = check_value(question, value)
    if problem:
        return f"Not a valid answer: {problem}"
    if current is None or current.value != value or current.prefill_accepted:
        walk.record(cid, Action.ANSWER, question=question.id, new=value)
    return None


def _respond(walk: _Walk, step: int, prompt: Prompt | None, response: Response) -> str | None:
    """Notes, evidence, offers, overrides, conclusions and corrections; the reason one is
    refused, if so."""
    entry = walk.entry(step)
    qid = prompt.question.id if prompt is not None else None
    if isinstance(response, AddNote | AddEvidence | AcceptOffer) and prompt is None:
        return "Notes and evidence belong to a question: press b to go back to one."
    if isinstance(response, AddNote):
        text = response.text.strip()
        if not text:
            return "A note needs some text."
        assert prompt is not None
        old = prompt.current.note if prompt.current is not None else None
        walk.record(entry.id, Action.NOTE, question=qid, new=f"{old}\n{text}" if old else text)
        return None
    if isinstance(response, AddEvidence):
        url = response.url.strip()
        problem = address_problem(url)
        if problem is not None:
            return problem[0].upper() + problem[1:] + "."
        assert prompt is not None
        current = prompt.current
        if current is None or url not in current.evidence:
            walk.record(entry.id, Action.EVIDENCE, question=qid, new=url)
        return None
    if isinstance(response, AcceptOffer):
        assert prompt is not None and qid is not None
        return _accept_offer(walk, step, qid, prompt, response.number)
    if isinstance(response, OverrideVerdict):
        error = check_override(walk.checklist, response.verdict, response.reason)
        if error is None:
            walk.record(
                entry.id, Action.OVERRIDE, new=response.verdict, reason=response.reason.strip()
            )
        return error
    if isinstance(response, Conclude):
        conclusion = response.text.strip() or None
        if conclusion != entry.conclusion:
            walk.record(entry.id, Action.CONCLUSION, new=conclusion)
        return None
    if isinstance(response, Correct):
        return correct(walk, step, response)
    return "That key does nothing here."


def correct(walk: _Walk, step: int, correction: Correct) -> str | None:
    """Record one correction of the claim at `step`; the reason it is refused, if so."""
    from factcheck.review.corrections import chain_text, sentence_at

    entry = walk.entry(step)
    action = correction.action
    value = (correction.value or "").strip() or None
    text = walk.worksheet.document.text
    try:
        if action in (Action.SPEAKER, Action.ROLE):
            walk.record(entry.id, action, new=value)
        elif action is Action.CHAIN:
            # The same chain again is recorded only to settle a chain a merge left open.
            if value != chain_text(entry.claim.attribution) or _in_dispute(
                walk.worksheet, entry.id, "chain"
            ):
                walk.record(entry.id, action, new=value)
        elif action is Action.ADD_HOP:
            if value is None:
                return "A hop needs a name."
            position = correction.position if correction.position is not None else 0
            walk.record(entry.id, action, new=value, question=str(position))
        elif action is Action.REMOVE_HOP:
            if value not in entry.claim.attribution.via:
                hops = ", ".join(entry.claim.attribution.via) or "none"
                return f"No hop {value!r} on the chain (hops: {hops})."
            walk.record(entry.id, action, new=value)
        elif action is Action.DROP:
            reason = (correction.reason or "").strip()
            if entry.dropped is None and not reason:
                return "Dropping a claim needs a reason."
            walk.record(
                entry.id,
                action,
                new=None if entry.dropped is None else "restore",
                reason=reason or None,
            )
        elif action is Action.SPLIT:
            at = correction.position
            if at is None or not entry.claim.start < at < entry.claim.end:
                return "Split at a place inside the claim."
            whole = _in_dispute(walk.worksheet, entry.id, "split")
            new_id = walk.new_claim_id()
            walk.record(entry.id, action, new=new_id, question=str(at))
            walk.order.insert(step + 1, new_id)
            for qid, answer in entry.answers.items() if whole else ():
                # A merge kept the claim whole with the answers of those who reviewed it so:
                # they are about the whole text, not its first part, which is answered anew.
                if answer.value is not None:
                    walk.record(entry.id, Action.ANSWER, question=qid, new=None)
        elif action is Action.MERGE:
            if value is None or value == entry.id or value not in walk.order:
                return f"No other claim {value!r} in this review to merge with."
            walk.record(entry.id, action, new=value)
        elif action is Action.ADD_CLAIM:
            if correction.position is not None:
                segments = walk.worksheet.segments
                start, end = sentence_at(text, correction.position, segments)
                value = f"{start}-{end}"
            if value is None:
                return "Say which sentence to add."
            new_id = walk.new_claim_id()
            walk.record(new_id, action, new=value)
            walk.order.insert(step + 1, new_id)
        else:
            return f"{action} is not a correction."
    except WorksheetError as exc:
        return str(exc)
    return None


def _accept_offer(walk: _Walk, step: int, qid: str, prompt: Prompt, number: int) -> str | None:
    """Record an offer's evidence and note on the question; the reason it cannot, if so."""
    offers = prompt.offers
    if not offers:
        return "No evidence is offered on this question."
    if not 1 <= number <= len(offers):
        return f"No offer {number}: choose 1 to {len(offers)}."
    offer = offers[number - 1]
    cid = prompt.entry.id
    current = walk.entry(step).answers.get(qid, Answer())
    if offer.evidence not in current.evidence:
        walk.record(cid, Action.EVIDENCE, question=qid, new=offer.evidence)
    note = walk.entry(step).answers.get(qid, Answer()).note
    if not note or offer.note not in note:
        new = f"{note}\n{offer.note}" if note else offer.note
        walk.record(cid, Action.NOTE, question=qid, new=new)
    return None


def check_override(checklist: Checklist, verdict: str, reason: str) -> str | None:
    """Why an override cannot be recorded, or None."""
    levels = [level.id for level in checklist.scale]
    if verdict not in levels:
        return f"Not a verdict of this checklist: {verdict!r} (expected one of {', '.join(levels)})"
    if not reason.strip():
        return "An override needs a reason."
    return None


def _ask_publication(walk: _Walk, asker: Asker, hints: ClaimHints | None = None) -> None:
    def save(name: str, value: str) -> None:
        if value.strip() and value.strip() != walk.worksheet.publication.get(name):
            walk.record("article", Action.PUBLICATION, question=name, new=value.strip())

    written = asker.ask_publication(
        PublicationPrompt(walk.worksheet, walk.checklist, walk.worksheet.publication, save, hints)
    )
    for name in PUBLICATION_FIELDS:
        value = (written or {}).get(name)
        if value is not None:
            save(name, value)


def _outcome(walk: _Walk, below: Sequence[str], finished: bool) -> ReviewOutcome:
    return summarize_review(
        walk.worksheet,
        walk.checklist,
        walk.order,
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
        incomplete=tuple(
            e.id for e in entries if e.dropped is None and not claim_verdict(checklist, e).final
        ),
        changes=changes,
        reviewed=tuple(reviewed),
        dropped=tuple(e.id for e in entries if e.dropped is not None),
    )


def _in_dispute(worksheet: Worksheet, claim_id: str, what: str) -> bool:
    """Whether the claim's WHAT (split, chain) is an item a merge left unsettled and no one has
    settled."""
    return worksheet.merge is not None and f"{claim_id}.{what}" in still_unsettled(worksheet)

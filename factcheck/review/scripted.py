"""Stage ⑦ review, scripted: an answers file (``--answers FILE``) checked and applied.

The file is checked against the worksheet and checklist as the interactive loop would check each
response, with ``file:line`` errors; applying it makes each change in turn and saves them together,
so a file applied twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from factcheck.checklist.answers import address_problem
from factcheck.errors import ReviewError, WorksheetError
from factcheck.files import TooLarge, describe_os_error, read_limited
from factcheck.review.corrections import hops_in_line
from factcheck.review.loop import check_override, is_complete, summarize_review
from factcheck.review.prompts import ReviewOutcome
from factcheck.review.worksheet import (
    ARTICLE,
    PUBLICATION_FIELDS,
    Action,
    Answer,
    Change,
    Worksheet,
    check_value,
    make_change,
    normalize_value,
    utc_now,
    valid_answer_values,
)
from factcheck.review.worksheet_batch import ChangeBatch
from factcheck.review.worksheet_nodes import NodeReader, compose_yaml
from factcheck.yamlio import is_null

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question


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
    conclusion: str | None = None
    """The reviewer's one-line conclusion."""
    drop: str | None = None
    """Drop the claim as not a claim, for this reason (or give a dropped one this reason);
    ``restore`` brings a dropped claim back."""
    speaker: str | None = None
    """A corrected speaker."""
    role: str | None = None
    """A corrected role."""
    chain: tuple[str, ...] | None = None
    """A corrected chain: its intermediaries, nearest the article first (empty: none)."""


@dataclass(frozen=True, slots=True)
class Script:
    """An answers file: claims, and the parts of the published report."""

    claims: tuple[ScriptedClaim, ...]
    publication: Mapping[str, str]
    """Title, summary, bottom line, URL by name."""


MAX_ANSWERS_BYTES = 64_000_000
"""The largest answers file read: far more than the answers to the longest article."""
MAX_EVIDENCE = 1000
"""The most evidence URLs one answer of an answers file may give: far more than a fact-check
cites for one question."""
_OVERRIDE_KEY = "override"
_SKIP_KEY = "skip"
_CLAIM_TEXT_KEYS = ("conclusion", "drop", "speaker", "role")
_CHAIN_KEY = "chain"
_ONE_LINE_KEYS = ("speaker", "role")
_PUBLICATION_KEY = ARTICLE
_DROP_KEY = "drop"
RESTORE = "restore"
"""``drop: restore`` brings a dropped claim back."""


def read_answers(path: Path, worksheet: Worksheet, checklist: Checklist) -> Script:
    """An answers file, checked against the worksheet and checklist as the interactive loop would.

    Errors name the file, line and place: ``answers.yaml:4: c2.primary_source: expected one of
    yes, no, unclear, got 'maybe'``.
    """
    try:
        text = read_limited(path, MAX_ANSWERS_BYTES).decode("utf-8")
    except TooLarge:
        raise ReviewError(f"{path}: larger than {MAX_ANSWERS_BYTES:,} bytes") from None
    except FileNotFoundError:
        raise ReviewError(f"{path}: no such answers file") from None
    except IsADirectoryError:
        raise ReviewError(f"{path}: is a folder, not an answers file") from None
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        reason = describe_os_error(exc)
        raise ReviewError(f"{path}: cannot read the answers file: {reason}") from None
    r = NodeReader(str(path))
    try:
        root = compose_yaml(text, str(path), "answers (claim ids with their answers)")
        claims = r.mapping(root, "", optional=None)
        publication: dict[str, str] = {}
        if _PUBLICATION_KEY in claims:
            parts = r.mapping(
                claims.pop(_PUBLICATION_KEY), _PUBLICATION_KEY, optional=PUBLICATION_FIELDS
            )
            publication = {
                name: r.text(node, f"{_PUBLICATION_KEY}.{name}").strip()
                for name, node in parts.items()
            }
            url = publication.get("url")
            problem = None if url is None else address_problem(url)
            if problem is not None:
                r.fail(parts["url"], "article.url", problem)
        scripted = [
            _read_scripted_claim(r, cid, node, worksheet, checklist) for cid, node in claims.items()
        ]
    except WorksheetError as exc:
        raise ReviewError(str(exc)) from None
    return Script(tuple(scripted), publication)


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
    texts: dict[str, str] = {}
    chain: tuple[str, ...] | None = None
    for key, value in fields.items():
        where = f"{claim_id}.{key}"
        if key in questions:
            answers[key] = _read_scripted_answer(r, value, where, questions[key])
        elif key == _OVERRIDE_KEY:
            m = r.mapping(value, where, required=("verdict", "reason"))
            verdict = r.text(m["verdict"], f"{where}.verdict")
            reason = r.text(m["reason"], f"{where}.reason")
            problem = check_override(checklist, verdict, reason)
            if problem:
                r.fail(value, where, problem[0].lower() + problem[1:].rstrip("."))
            override = (verdict, reason.strip())
        elif key == _SKIP_KEY:
            skip = r.boolean(value, where)
        elif key in _CLAIM_TEXT_KEYS:
            texts[key] = r.text(value, where).strip()
            if key in _ONE_LINE_KEYS:  # a name and a role, as the review's prompt takes them
                texts[key] = " ".join(texts[key].split())
            if key == _DROP_KEY and not texts[key]:
                r.fail(value, where, "dropping a claim needs a reason")
        elif key == _CHAIN_KEY:
            chain = _read_chain(r, value, where)
        else:
            keys = [*questions, _OVERRIDE_KEY, _SKIP_KEY, *_CLAIM_TEXT_KEYS, _CHAIN_KEY]
            expected = ", ".join(keys)
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
    return ScriptedClaim(
        claim=claim_id, answers=answers, override=override, skip=skip, chain=chain, **texts
    )


def _read_chain(r: NodeReader, node: yaml.Node, where: str) -> tuple[str, ...]:
    """A chain's intermediaries, nearest the article first: a list of names, or one line of them
    separated by ';' or an arrow as `r c` takes them ("Al-Manar TV; Reuters"), or nothing
    (``[]`` or null) for a claim that reached the article first hand."""
    if is_null(node):
        return ()
    if isinstance(node, yaml.ScalarNode):
        named = hops_in_line(r.text(node, where))
        if not all(named):
            r.fail(node, where, "expected the name of an outlet or person, got an empty text")
        return named
    hops = []
    for i, item in enumerate(r.sequence(node, where)):
        hop = " ".join(r.text(item, f"{where}[{i}]").split())
        if not hop:
            r.fail(
                item, f"{where}[{i}]", "expected the name of an outlet or person, got an empty text"
            )
        hops.append(hop)
    return tuple(hops)


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
        if len(items) > MAX_EVIDENCE:
            r.fail(
                ev,
                f"{where}.evidence",
                f"expected at most {MAX_EVIDENCE:,} URLs, got {len(items):,}",
            )
        urls = []
        for i, item in enumerate(items):
            url = r.text(item, f"{where}.evidence[{i}]")
            problem = address_problem(url)
            if problem is not None:
                r.fail(item, f"{where}.evidence[{i}]", problem)
            urls.append(url)
        evidence = tuple(urls)
    return ScriptedAnswer(value=value_or_none, note=note, evidence=evidence)


SaveAll = Callable[[Worksheet, Sequence[Change]], None]
"""Makes changes durable together; gets the worksheet after the last of them."""


def apply_answers(
    worksheet: Worksheet,
    checklist: Checklist,
    script: Script,
    save: SaveAll,
    *,
    reviewer: str,
    now: Callable[[], str] = utc_now,
) -> ReviewOutcome:
    """Record an answers file's answers, notes, evidence, overrides and skips, saved together.

    Values equal to what the worksheet holds are not recorded again, so applying a file twice
    changes nothing the second time; until the changes are saved, the file itself holds them.
    On a merged worksheet, a value given for an item the merge left unsettled (``c3.speaker``,
    ``article.title``) is recorded even when it is the one it holds: it settles the item, as
    typing it again in a review does; so does an answer to a claim whose drop or split is open.
    Time is linear in the number of changes, tens of thousands of evidence URLs among them.
    """
    from factcheck.team.unsettled import still_unsettled

    unsettled = frozenset(still_unsettled(worksheet))
    batch = ChangeBatch(worksheet)

    def record(
        claim_id: str,
        action: Action,
        *,
        question: str | None = None,
        new: str | None = None,
        reason: str | None = None,
        more: Sequence[str] = (),
    ) -> None:
        """Make a change and apply it; for evidence, one more change after it, made at the same
        time, for each URL of MORE, all added to the answer at once."""
        change = make_change(
            batch.current,
            claim_id,
            action,
            reviewer=reviewer,
            question=question,
            new=new,
            reason=reason,
            now=now,
        )
        run = [change]
        for url in more:
            run.append(replace(change, seq=run[-1].seq + 1, new=url))
        batch.apply(run)

    for scripted in script.claims:
        cid = scripted.claim
        entry = batch.current.entry(cid)
        att = entry.claim.attribution
        if scripted.speaker is not None and (
            scripted.speaker != (att.speaker or "") or f"{cid}.speaker" in unsettled
        ):
            record(cid, Action.SPEAKER, new=scripted.speaker or None)
        if scripted.role is not None and (
            scripted.role != (att.role or "") or f"{cid}.role" in unsettled
        ):
            record(cid, Action.ROLE, new=scripted.role or None)
        if scripted.chain is not None and (
            scripted.chain != att.via or f"{cid}.chain" in unsettled
        ):
            record(cid, Action.CHAIN, new="\n".join(scripted.chain) or None)
        # Answering a claim whose drop or split the merge left open keeps it, whole.
        keeps = f"{cid}.drop" in unsettled or f"{cid}.split" in unsettled
        if scripted.drop == RESTORE:
            if entry.dropped is not None:
                record(cid, Action.DROP, new=RESTORE)
        elif scripted.drop is not None and scripted.drop != entry.dropped:
            # A new reason for a dropped claim replaces the old one, which the change keeps.
            record(cid, Action.DROP, reason=scripted.drop)
        for qid, wanted in scripted.answers.items():
            current = batch.current.entry(cid).answers.get(qid, Answer())
            if wanted.value is not None and (wanted.value != current.value or keeps):
                record(cid, Action.ANSWER, question=qid, new=wanted.value)
                keeps = False
            if wanted.note is not None and wanted.note.strip() != (current.note or ""):
                record(cid, Action.NOTE, question=qid, new=wanted.note.strip())
            had = set(batch.current.entry(cid).answers.get(qid, Answer()).evidence)
            urls = [url for url in dict.fromkeys(wanted.evidence) if url not in had]
            if urls:
                record(cid, Action.EVIDENCE, question=qid, new=urls[0], more=urls[1:])
        entry = batch.current.entry(cid)
        if scripted.override is not None:
            verdict, reason = scripted.override
            if entry.override is None or (entry.override.verdict, entry.override.reason) != (
                verdict,
                reason,
            ):
                record(cid, Action.OVERRIDE, new=verdict, reason=reason)
        if scripted.conclusion is not None and scripted.conclusion != (entry.conclusion or ""):
            record(cid, Action.CONCLUSION, new=scripted.conclusion or None)
        if scripted.skip and not entry.skipped:
            record(cid, Action.SKIP)
        elif not scripted.skip and entry.skipped and is_complete(checklist, entry):
            record(cid, Action.UNSKIP)
    for name, value in script.publication.items():
        if value != (batch.current.publication.get(name) or "") or f"{ARTICLE}.{name}" in unsettled:
            record(ARTICLE, Action.PUBLICATION, question=name, new=value or None)
    worksheet = batch.result()
    if batch.made:
        save(worksheet, batch.made)
    return summarize_review(
        worksheet,
        checklist,
        [entry.id for entry in worksheet.claims],
        finished=all(is_complete(checklist, e) or e.skipped for e in worksheet.claims),
        changes=len(batch.made),
    )

"""Stage ⑥ worksheet: claims x checklist, answers, evidence and audit log, saved without loss.

The worksheet YAML (``reports/<slug>.worksheet.yaml``) is the human-readable source of truth. Each
change made during a review is first appended, as one JSON line, to ``<slug>.worksheet.journal``
beside it and fsync'd; loading replays the journal over the YAML. Compaction rewrites the YAML
atomically (temp file, fsync, rename, fsync of the directory) and then empties the journal. So
persisting one answer costs one small append, whatever the worksheet's size, and the YAML on disk is
always either the old or the new complete version.
"""

from __future__ import annotations

import codecs
import datetime as dt
import enum
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from factcheck import regexes, yamlio
from factcheck.checklist.answers import answer_kind, is_http_url
from factcheck.errors import WorksheetError
from factcheck.files import link_target, slugify
from factcheck.models import (
    FURNITURE_KINDS,
    Attribution,
    Claim,
    Document,
    Extraction,
    Segment,
    SourceFacts,
)

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question
    from factcheck.checklist.verdicts import Verdict
    from factcheck.sources.registry import Registry

FORMAT = "factcheck-worksheet/1"
"""Value of the ``format`` key that marks a file as a worksheet, with its version."""

WORKSHEET_SUFFIX = ".worksheet.yaml"
JOURNAL_SUFFIX = ".worksheet.journal"
LOCK_SUFFIX = ".worksheet.lock"

FactValue = bool | int | float | str | tuple[str, ...] | None
"""What a fact snapshot may hold: the scalar values checklist expressions compare against."""


class Action(enum.StrEnum):
    """What one change to a worksheet did; each change is one audit-log entry."""

    ANSWER = "answer"
    """Set (new) or cleared (None) a question's answer value."""
    NOTE = "note"
    """Set or cleared the note on a question's answer."""
    EVIDENCE = "evidence"
    """Added one evidence URL (new) to a question's answer."""
    OVERRIDE = "override"
    """Set (new verdict id, with a reason) or cleared (None) the claim's verdict override."""
    SKIP = "skip"
    """Marked the claim as skipped."""
    UNSKIP = "unskip"
    """Took the claim off the skipped list."""
    CONCLUSION = "conclusion"
    """Set (new) or cleared (None) the reviewer's one-line conclusion on the claim."""
    PUBLICATION = "publication"
    """Set a part of the published report (question: one of PUBLICATION_FIELDS)."""
    SPEAKER = "speaker"
    """Corrected the claim's speaker (new; None: unknown)."""
    ROLE = "role"
    """Corrected the speaker's role (new; None: no role)."""
    ADD_HOP = "add_hop"
    """Added an intermediary (new) to the chain at a position (question; 0: the article's)."""
    REMOVE_HOP = "remove_hop"
    """Removed an intermediary (old) from the chain."""
    DROP = "drop"
    """Dropped the claim as not a claim (reason), or restored it (new None)."""
    ADD_CLAIM = "add_claim"
    """Added a claim (the change's claim id) from the article's text at new: 'start-end'."""
    SPLIT = "split"
    """Split the claim at an offset (question) into itself and a new claim (new id)."""
    MERGE = "merge"
    """Merged another claim (new id) into this one; the other is dropped."""
    CHAIN = "chain"
    """Set the whole chain (new: the intermediaries one a line, the article's first; None: none)."""


ARTICLE = "article"
"""The claim id of changes that concern the whole report (Action.PUBLICATION)."""

PUBLICATION_FIELDS = ("title", "summary", "bottom_line", "url", "reviewer")
"""The parts of the published report a reviewer writes, in the order they are asked."""


@dataclass(frozen=True, slots=True)
class Answer:
    """The reviewer's answer to one question about one claim."""

    value: str | None = None
    """Choice id, scale level ('1'..'5'), free text or URL; None while there is none yet."""
    note: str | None = None
    """The reviewer's note."""
    evidence: tuple[str, ...] = ()
    """Evidence URLs, in the order they were added."""
    prefill_accepted: bool = False
    """Whether the value is the checklist's suggestion, accepted as it was."""
    reviewer: str | None = None
    """Who last changed this answer."""
    at: str | None = None
    """When it was last changed (ISO 8601, UTC)."""


@dataclass(frozen=True, slots=True)
class Override:
    """A verdict chosen by the reviewer in place of the checklist's rules."""

    verdict: str
    """A verdict id on the checklist's scale."""
    reason: str
    """Why the rules' verdict was overridden (required)."""
    reviewer: str
    """Who overrode it."""
    at: str
    """When (ISO 8601, UTC)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to a worksheet: a journal line and, once applied, an audit-log entry."""

    seq: int
    """Position in the worksheet's history, from 1; replay skips what the YAML already holds."""
    at: str
    """When the change was made (ISO 8601, UTC)."""
    reviewer: str
    """Who made it."""
    claim: str
    """Id of the claim changed."""
    action: Action
    """What was done."""
    question: str | None = None
    """Id of the question changed; None for claim-level actions (override, skip)."""
    old: str | None = None
    """The value before (answer value, note or override verdict)."""
    new: str | None = None
    """The value after; for evidence, the URL added."""
    reason: str | None = None
    """For an override: why."""
    prefill: bool = False
    """For an answer: the value was the checklist's suggestion, accepted."""


@dataclass(frozen=True, slots=True)
class ChecklistRef:
    """Which checklist a worksheet was made with, to notice later edits to it."""

    id: str
    """The checklist's id."""
    version: int
    """The checklist's declared version."""
    sha256: str
    """Hex sha256 of the checklist file's content."""
    source: str
    """How it was named: a built-in name or a file path, used to load it again."""


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """How a worksheet was merged from several reviewers' worksheets (factcheck merge)."""

    rule: str
    """'majority' or 'unanimous'."""
    reviewers: tuple[str, ...]
    """The reviewers merged, in the order given."""
    worksheets: tuple[str, ...]
    """Their worksheet files, as given."""
    originals: int
    """Audit entries 1 to this hold each reviewer's own answers, notes and evidence."""
    open: tuple[str, ...] = ()
    """The questions the rule left open, as 'claim.question'."""
    unsettled: tuple[str, ...] = ()
    """What the rule left unsettled: 'claim.field', 'claim.drop' (left open), 'article.part'."""


@dataclass(frozen=True, slots=True)
class ClaimReview:
    """One claim of the worksheet with everything needed to review and report it offline."""

    claim: Claim
    """The claim as extracted (text, offsets, score, reasons, attribution, source ids)."""
    paragraph: tuple[int, int]
    """Start and end offsets, in Document.text, of the paragraph the claim sits in."""
    source_facts: SourceFacts = field(default_factory=SourceFacts)
    """What the registry knew about the sources on the claim's chain when the worksheet was made."""
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    """Snapshot of the facts checklist expressions see (chain.hops, sources.any_partisan, ...)."""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    """Answers by question id; answers to questions the checklist no longer has are kept."""
    override: Override | None = None
    """The reviewer's verdict override, if any."""
    skipped: bool = False
    """Whether the reviewer skipped this claim."""
    conclusion: str | None = None
    """The reviewer's one-line conclusion, published with the verdict."""
    dropped: str | None = None
    """Why the reviewer dropped it as not a claim; None while it is one."""
    corrected: tuple[str, ...] = ()
    """What the reviewer corrected (speaker, role, chain, added, split, ...), marked in reports."""

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.claim.id

    def answer_values(self) -> dict[str, str]:
        """Answered questions → value, as verdict rules and `when` expressions read them."""
        return {qid: a.value for qid, a in self.answers.items() if a.value is not None}


@dataclass(frozen=True, slots=True)
class Publication:
    """What the reviewer writes for the published report, beyond the claims."""

    title: str | None = None
    """The report's title; the article's title when not set."""
    summary: str | None = None
    """What the article says, in the reviewer's words."""
    bottom_line: str | None = None
    """The reviewer's overall conclusion."""
    url: str | None = None
    """The article's address, set for any input (plain text has none of its own)."""
    reviewer: str | None = None
    """Who reviews this worksheet, remembered for the next session."""

    def get(self, name: str) -> str | None:
        """One of PUBLICATION_FIELDS."""
        return str(getattr(self, name)) if getattr(self, name) is not None else None


@dataclass(frozen=True, slots=True)
class Worksheet:
    """A review of one article's claims against one checklist."""

    document: Document
    """The article: metadata, sha256 and clean text (claims' offsets point into it)."""
    checklist: ChecklistRef
    """The checklist the claims are reviewed against."""
    claims: tuple[ClaimReview, ...]
    """The claims, in article order."""
    created: str
    """When the worksheet was made (ISO 8601, UTC)."""
    audit: tuple[Change, ...] = ()
    """Every change ever made, oldest first."""
    publication: Publication = field(default_factory=Publication)
    """Title, summary, bottom line, URL and reviewer, as the reviewer gave them."""
    merge: MergeRecord | None = None
    """For a worksheet made by merging reviewers' worksheets: how."""
    segments: tuple[Segment, ...] = ()
    """Every body sentence (claim, statement, question, opinion) with its attribution."""

    @property
    def seq(self) -> int:
        """Sequence number of the last change applied (0 for a fresh worksheet)."""
        return self.audit[-1].seq if self.audit else 0

    def position(self, claim_id: str) -> int:
        """Index of the claim with this id; raise WorksheetError when there is none."""
        # Ids are c1, c2, ... in order, so the index is usually known without a scan.
        match = re.fullmatch(r"c([0-9]{1,9})", claim_id)
        if match:
            guess = int(match.group(1)) - 1
            if 0 <= guess < len(self.claims) and self.claims[guess].claim.id == claim_id:
                return guess
        for index, entry in enumerate(self.claims):
            if entry.claim.id == claim_id:
                return index
        raise WorksheetError(f"no claim {claim_id!r} in the worksheet")

    def entry(self, claim_id: str) -> ClaimReview:
        """The claim with this id."""
        return self.claims[self.position(claim_id)]


# --- time, slugs and paths ---------------------------------------------------------------------


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second, as worksheets record it.

    $FACTCHECK_NOW, when it holds such a time, is used instead, so that examples are reproducible.
    """
    pinned = os.environ.get("FACTCHECK_NOW", "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", pinned):
        return pinned
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document_slug(document: Document) -> str:
    """The slug a document's worksheet and report are named by.

    A file keeps its own name (``seed-article.txt`` → ``seed-article``), so reports sit beside
    what the reviewer already calls the article; a URL uses the last part of its path; standard
    input, or a URL without a path, uses the title.
    """
    source = document.source
    if source not in ("", "-"):
        if "://" not in source:
            return slugify(Path(source).stem or source)
        name = Path(urlsplit(document.url or source).path).stem  # the last part of the path
        if name:
            return slugify(name)
    if document.title and document.title.strip():
        return slugify(document.title)
    return "stdin"


def worksheet_path(reports_dir: Path, document: Document) -> Path:
    """Where the worksheet for a document lives: ``<reports_dir>/<slug>.worksheet.yaml``, or
    ``<slug>-2``, ``<slug>-3``... when a worksheet of another article already has the name."""
    return article_worksheet(reports_dir, document)[0]


def article_worksheet(reports_dir: Path, document: Document) -> tuple[Path, str | None]:
    """The document's worksheet path, and a note when its usual name belongs to another article.

    A worksheet belongs to the article it was made from (``document.source``): ``x/story.txt``
    and ``y/story.txt`` both want ``story.worksheet.yaml``, and the second gets
    ``story-2.worksheet.yaml``.
    """
    slug = document_slug(document)
    first = reports_dir / f"{slug}{WORKSHEET_SUFFIX}"
    for number in range(1, 1000):
        path = first if number == 1 else reports_dir / f"{slug}-{number}{WORKSHEET_SUFFIX}"
        owner = worksheet_source(path)
        if owner is None or owner == document.source:
            if path == first:
                return path, None
            taken = worksheet_source(first)
            return path, (
                f"{first} belongs to another article ({taken}); this one's worksheet is {path.name}"
            )
    raise WorksheetError(f"{reports_dir}: too many worksheets named {slug}")


_SOURCE_LINE = regexes.compile(r"^document:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+source:[ \t]*(.*)$", re.M)


def worksheet_source(path: Path) -> str | None:
    """The ``document.source`` a worksheet file records; None when there is no such file.

    Only the head of the file is read; a file that cannot be read counts as the article's own
    (opening it later reports the real problem).
    """
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    match = _SOURCE_LINE.search(head)
    if match is None:
        return None
    try:
        value = yamlio.load(match.group(1))
    except yamlio.YamlSyntaxError:
        return None
    return value if isinstance(value, str) else None


def _sibling(path: Path, suffix: str) -> Path:
    # Beside the file a link points to: every way to that worksheet shares one journal and lock.
    path = link_target(path)
    name = path.name
    stem = name[: -len(WORKSHEET_SUFFIX)] if name.endswith(WORKSHEET_SUFFIX) else path.stem
    return path.with_name(stem + suffix)


def journal_path(path: Path) -> Path:
    """The journal file beside a worksheet (beside the file a link to one points to)."""
    return _sibling(path, JOURNAL_SUFFIX)


def lock_path(path: Path) -> Path:
    """The lock file beside a worksheet (beside the file a link to one points to)."""
    return _sibling(path, LOCK_SUFFIX)


def checklist_location(source: str, worksheet: Path) -> str:
    """Where to load a worksheet's checklist from: a built-in name as is, a relative file path
    from the worksheet's folder (as the worksheet records it; behind a symbolic link, the folder
    of the file it points to, where the worksheet is saved), an absolute path as is."""
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", source) or Path(source).is_absolute():
        return source
    return str(link_target(worksheet).parent / source)


def is_worksheet_file(path: Path) -> bool:
    """Whether a path names a worksheet (by its suffix, or by its ``format`` line)."""
    if path.name.endswith(WORKSHEET_SUFFIX):
        return True
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            # A character cut at the end of the head is not a mistake of the file.
            head = codecs.getincrementaldecoder("utf-8")().decode(handle.read(4096), final=False)
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf"^format:\s*['\"]?{re.escape(FORMAT)}", head, re.MULTILINE) is not None


# --- values --------------------------------------------------------------------------------------


def is_url(text: str) -> bool:
    """Whether text is an absolute http(s) URL with a host and no whitespace."""
    return is_http_url(text)


CASE_EVIDENCE_PREFIX = "case:"
"""Marks evidence that is an article of a case without a URL: 'case:' and the article's path."""


def is_evidence(text: str) -> bool:
    """Whether text can be recorded as evidence: an http(s) URL, or 'case:' and a path."""
    rest = text[len(CASE_EVIDENCE_PREFIX) :] if text.startswith(CASE_EVIDENCE_PREFIX) else ""
    return is_url(text) or (bool(rest.strip()) and "\n" not in rest)


def check_value(question: Question, value: str) -> str | None:
    """Why value is not a valid answer to question (the message's tail), or None if it is."""
    return answer_kind(question.type).check(question, value)


# --- making and changing worksheets ------------------------------------------------------------


def _freeze_fact(value: object) -> FactValue:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(str(item) for item in value)
    return str(value)


CONTEXT_SENTENCES = 2
"""Sentences of the claim's paragraph kept on each side of it as context."""


def _paragraph(extraction: Extraction, claim: Claim) -> tuple[int, int]:
    # Scraped text often glues a whole article into one block, so the context is the claim's
    # block cut to a few sentences either side, page furniture left out.
    body = sorted(
        (s.start, s.end)
        for s in extraction.segments
        if s.block == claim.block and s.kind not in FURNITURE_KINDS
    )
    inside = [i for i, (start, end) in enumerate(body) if start < claim.end and end > claim.start]
    if not inside:
        return (claim.start, claim.end)
    first = max(inside[0] - CONTEXT_SENTENCES, 0)
    last = min(inside[-1] + CONTEXT_SENTENCES, len(body) - 1)
    return (min(body[first][0], claim.start), max(body[last][1], claim.end))


def create_worksheet(
    extraction: Extraction,
    checklist: Checklist,
    registry: Registry | None = None,
    *,
    checklist_source: str | None = None,
    now: Callable[[], str] = utc_now,
) -> Worksheet:
    """A fresh worksheet for an extraction: every claim, its source facts, no answers yet."""
    from factcheck.checklist.facts import claim_facts

    document = extraction.document
    entries = []
    for claim in extraction.claims:
        if registry is not None:
            from factcheck.sources.registry import source_facts

            sources = source_facts(registry, claim, document)
        else:
            sources = SourceFacts()
        facts = {name: _freeze_fact(v) for name, v in claim_facts(claim, sources).items()}
        entries.append(
            ClaimReview(
                claim=claim,
                paragraph=_paragraph(extraction, claim),
                source_facts=sources,
                facts=facts,
            )
        )
    return Worksheet(
        document=document,
        checklist=ChecklistRef(
            id=checklist.id,
            version=checklist.version,
            sha256=checklist.sha256,
            source=checklist_source or checklist.id,
        ),
        claims=tuple(entries),
        created=now(),
        segments=tuple(s for s in extraction.segments if s.attribution is not None),
    )


def _updated_answer(entry: ClaimReview, change: Change, urls: Sequence[str]) -> Answer:
    """The answer CHANGE (the last of a run of evidence URLS, when it adds evidence) leaves."""
    assert change.question is not None
    answer = entry.answers.get(change.question, Answer())
    if change.action is Action.ANSWER:
        answer = replace(answer, value=change.new, prefill_accepted=change.prefill)
    elif change.action is Action.NOTE:
        answer = replace(answer, note=change.new)
    else:
        answer = replace(answer, evidence=(*answer.evidence, *urls))
    return replace(answer, reviewer=change.reviewer, at=change.at)


def _refreshed(entry: ClaimReview, attribution: Attribution, what: str) -> ClaimReview:
    """The claim with a corrected attribution, the facts read from it updated."""
    facts = dict(entry.facts)
    facts["chain.hops"] = attribution.hops
    facts["attribution.speaker_known"] = bool(attribution.speaker)
    corrected = entry.corrected if what in entry.corrected else (*entry.corrected, what)
    return replace(
        entry,
        claim=replace(entry.claim, attribution=attribution),
        facts=facts,
        corrected=corrected,
    )


def _paragraph_of(worksheet: Worksheet, start: int, end: int) -> tuple[int, int]:
    text, last = worksheet.document.text, worksheet.document.text.find("\n", end)
    return (text.rfind("\n", 0, start) + 1, len(text) if last < 0 else last)


def _new_entry(worksheet: Worksheet, claim: Claim, source: ClaimReview | None) -> ClaimReview:
    from factcheck.checklist.facts import claim_facts

    sources = source.source_facts if source is not None else SourceFacts()
    facts = {name: _freeze_fact(v) for name, v in claim_facts(claim, sources).items()}
    if source is not None:
        facts = {
            **source.facts,
            **{k: facts[k] for k in ("chain.hops", "attribution.speaker_known")},
        }
    what = "split" if source is not None else "added"
    return ClaimReview(
        claim=claim,
        paragraph=_paragraph_of(worksheet, claim.start, claim.end),
        source_facts=sources,
        facts=facts,
        corrected=(what,),
    )


def _apply_structural(worksheet: Worksheet, change: Change) -> Worksheet:
    """Publication parts, added, split and merged claims: changes beyond one claim."""
    from factcheck.review import corrections

    text = worksheet.document.text
    claims = list(worksheet.claims)
    if change.action is Action.PUBLICATION:
        if change.question not in PUBLICATION_FIELDS:
            raise WorksheetError(f"change {change.seq}: no part {change.question!r} to publish")
        publication = replace(worksheet.publication, **{change.question: change.new})
        return replace(worksheet, publication=publication)
    try:
        if change.action is Action.ADD_CLAIM:
            start, end = corrections.parse_span(change.new or "")
            if end > len(text):
                raise ValueError(f"{end} is past the end of the text")
            claim = corrections.new_claim(text, change.claim, start, end)
            claims.append(_new_entry(worksheet, claim, None))
        elif change.action is Action.SPLIT:
            index = worksheet.position(change.claim)
            entry = claims[index]
            first, second = corrections.split_claim(
                text, entry.claim, int(change.question or "0"), change.new or ""
            )
            claims[index] = replace(entry, claim=first, corrected=(*entry.corrected, "split"))
            claims.append(_new_entry(worksheet, second, entry))
        else:
            index, other = worksheet.position(change.claim), worksheet.position(change.new or "")
            entry, joined = claims[index], claims[other].paragraph
            claims[index] = replace(
                entry,
                claim=corrections.merged_claim(text, entry.claim, claims[other].claim),
                paragraph=(min(entry.paragraph[0], joined[0]), max(entry.paragraph[1], joined[1])),
                corrected=(*entry.corrected, "merged"),
            )
            claims[other] = replace(
                claims[other],
                dropped=f"merged into {entry.id}",
                corrected=(*claims[other].corrected, "merged"),
            )
    except ValueError as exc:
        raise WorksheetError(f"change {change.seq}: {exc}") from None
    ordered = tuple(sorted(claims, key=lambda e: (e.claim.start, e.claim.end)))
    return replace(worksheet, claims=ordered)


_STRUCTURAL = frozenset({Action.PUBLICATION, Action.ADD_CLAIM, Action.SPLIT, Action.MERGE})


def apply_change(worksheet: Worksheet, change: Change) -> Worksheet:
    """The worksheet with one change applied and appended to its audit log."""
    return apply_changes(worksheet, (change,))


def apply_changes(worksheet: Worksheet, changes: Sequence[Change]) -> Worksheet:
    """The worksheet with changes applied in order and appended to its audit log, as applying
    each in turn with apply_change leaves it, in time linear in their number: the log is
    extended once, and a run of evidence added to one answer is added at once."""
    applied, start = worksheet, 0
    while start < len(changes):
        first, end = changes[start], start + 1
        if first.action is Action.EVIDENCE:
            while end < len(changes) and (
                changes[end].action is Action.EVIDENCE
                and (changes[end].claim, changes[end].question) == (first.claim, first.question)
            ):
                end += 1
        applied = _applied(applied, changes[start:end])
        start = end
    return replace(applied, audit=(*worksheet.audit, *changes))


def _evidence_url(change: Change) -> str:
    """The URL an evidence change adds; WorksheetError when it adds none the file could hold
    (saved, no command could read it again)."""
    if change.new is None or not is_evidence(change.new):
        needs = "a URL" if change.new is None else f"an http(s) URL, got {change.new!r}"
        raise WorksheetError(f"change {change.seq}: evidence needs {needs}")
    return change.new


def _applied(worksheet: Worksheet, run: Sequence[Change]) -> Worksheet:
    """The worksheet with one change, or a run of evidence for one answer, applied (no log)."""
    from factcheck.review import corrections

    change = run[-1]
    if change.action in _STRUCTURAL:
        return _apply_structural(worksheet, change)
    index = worksheet.position(change.claim)
    entry = worksheet.claims[index]
    action = change.action
    if action in (Action.ANSWER, Action.NOTE, Action.EVIDENCE):
        if change.question is None:
            raise WorksheetError(f"change {change.seq}: {action} needs a question")
        urls = [_evidence_url(c) for c in run] if action is Action.EVIDENCE else []
        answers = dict(entry.answers)
        answers[change.question] = _updated_answer(entry, change, urls)
        entry = replace(entry, answers=answers)
    elif action is Action.OVERRIDE:
        if change.new is None:
            entry = replace(entry, override=None)
        else:
            override = Override(
                verdict=change.new,
                reason=change.reason or "",
                reviewer=change.reviewer,
                at=change.at,
            )
            entry = replace(entry, override=override)
    elif action is Action.SKIP:
        entry = replace(entry, skipped=True)
    elif action is Action.UNSKIP:
        entry = replace(entry, skipped=False)
    elif action is Action.CONCLUSION:
        entry = replace(entry, conclusion=change.new)
    elif action is Action.SPEAKER:
        att = corrections.with_speaker(entry.claim.attribution, change.new)
        entry = _refreshed(entry, att, "speaker")
    elif action is Action.ROLE:
        entry = _refreshed(
            entry, corrections.with_role(entry.claim.attribution, change.new), "role"
        )
    elif action is Action.ADD_HOP:
        position = int(change.question or "0")
        att = corrections.with_hop(entry.claim.attribution, change.new or "", position)
        entry = _refreshed(entry, att, "chain")
    elif action is Action.REMOVE_HOP:
        att = corrections.without_hop(entry.claim.attribution, change.old or "")
        entry = _refreshed(entry, att, "chain")
    elif action is Action.CHAIN:
        att = corrections.with_chain(entry.claim.attribution, change.new)
        entry = _refreshed(entry, att, "chain")
    elif action is Action.DROP:
        corrected = (
            entry.corrected if "dropped" in entry.corrected else (*entry.corrected, "dropped")
        )
        entry = replace(
            entry, dropped=change.reason if change.new is None else None, corrected=corrected
        )
    else:  # pragma: no cover - exhaustive over Action
        raise WorksheetError(f"unknown action {action!r}")
    claims = (*worksheet.claims[:index], entry, *worksheet.claims[index + 1 :])
    return replace(worksheet, claims=claims)


def make_change(
    worksheet: Worksheet,
    claim_id: str,
    action: Action,
    *,
    reviewer: str,
    question: str | None = None,
    new: str | None = None,
    reason: str | None = None,
    prefill: bool = False,
    now: Callable[[], str] = utc_now,
) -> Change:
    """The next change to a worksheet, with its sequence number and the old value filled in."""
    old: str | None = None
    if action is Action.PUBLICATION:
        old = worksheet.publication.get(question or "")
        return Change(worksheet.seq + 1, now(), reviewer, ARTICLE, action, question, old, new)
    if action is Action.ADD_CLAIM:
        return Change(worksheet.seq + 1, now(), reviewer, claim_id, action, None, None, new)
    entry = worksheet.entry(claim_id)
    att = entry.claim.attribution
    if action is Action.CONCLUSION:
        old = entry.conclusion
    elif action is Action.SPEAKER:
        old = att.speaker
    elif action is Action.ROLE:
        old = att.role
    elif action is Action.CHAIN:
        old = "\n".join(att.via) or None  # as corrections.chain_text records it
    elif action is Action.REMOVE_HOP:
        old, new = new, None
    elif action is Action.DROP:
        old = entry.dropped
    elif question is not None and action in (Action.ANSWER, Action.NOTE):
        answer = entry.answers.get(question)
        if answer is not None:
            old = answer.value if action is Action.ANSWER else answer.note
    elif action is Action.OVERRIDE and entry.override is not None:
        old = entry.override.verdict
    seq = worksheet.seq + 1
    return Change(seq, now(), reviewer, claim_id, action, question, old, new, reason, prefill)


def valid_answer_values(checklist: Checklist, entry: ClaimReview) -> dict[str, str]:
    """The claim's answers that fit the checklist's questions as they are now.

    Answers to removed questions, and values a changed question no longer accepts, are kept in
    the worksheet but left out here, so rules and `when` conditions see them as unanswered.
    """
    values = entry.answer_values()
    return {
        q.id: values[q.id]
        for q in checklist.questions
        if q.id in values and check_value(q, values[q.id]) is None
    }


def normalize_value(question: Question, value: str) -> str:
    """A typed answer in canonical form: space stripped, choices matched case-blind ('Yes')."""
    value = value.strip()
    if value in question.choices:
        return value
    return next((choice for choice in question.choices if choice.lower() == value.lower()), value)


def valid_override(checklist: Checklist, entry: ClaimReview) -> Override | None:
    """The claim's override when its verdict is on the checklist's scale as it is now.

    An override to a level the checklist has since dropped is kept in the worksheet but left out
    here, as answers a changed question no longer accepts are: the rules decide the claim."""
    override = entry.override
    if override is None or all(level.id != override.verdict for level in checklist.scale):
        return None
    return override


def claim_verdict(checklist: Checklist, entry: ClaimReview) -> Verdict:
    """The claim's verdict: the checklist's rules over its answers, unless overridden to a
    verdict on the checklist's scale."""
    from factcheck.checklist.verdicts import decide_verdict

    decided = decide_verdict(checklist, valid_answer_values(checklist, entry), entry.facts)
    override = valid_override(checklist, entry)
    if override is None:
        return decided
    label = next(level.label for level in checklist.scale if level.id == override.verdict)
    rule = f"override: {override.reason}"
    return replace(decided, verdict=override.verdict, label=label, rule=rule, final=True)

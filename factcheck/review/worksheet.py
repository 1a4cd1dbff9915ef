"""Stage ⑥ worksheet: claims x checklist, answers, evidence and audit log, saved without loss.

The worksheet YAML (``reports/<slug>.worksheet.yaml``) is the human-readable source of truth. Each
change made during a review is first appended, as one JSON line, to ``<slug>.worksheet.journal``
beside it and fsync'd; loading replays the journal over the YAML. Compaction rewrites the YAML
atomically (temp file, fsync, rename, fsync of the directory) and then empties the journal. So
persisting one answer costs one small append, whatever the worksheet's size, and the YAML on disk is
always either the old or the new complete version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import math
import os
import re
import socket
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, Union
from urllib.parse import urlsplit

import yaml

from factcheck.errors import WorksheetError
from factcheck.models import (
    FURNITURE_KINDS,
    Attribution,
    Claim,
    Document,
    Extraction,
    SourceFacts,
)
from factcheck.records import attribution_record, document_record

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


@dataclass(frozen=True, slots=True)
class Answer:
    """The reviewer's answer to one question about one claim."""

    value: str | None = None
    """Choice id, scale level ('1'..'5'), free text or URL; None while only a note or evidence
    has been recorded."""
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

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.claim.id

    def answer_values(self) -> dict[str, str]:
        """Answered questions → value, as verdict rules and `when` expressions read them."""
        return {qid: a.value for qid, a in self.answers.items() if a.value is not None}


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
    merge: MergeRecord | None = None
    """For a worksheet made by merging reviewers' worksheets: how."""

    @property
    def seq(self) -> int:
        """Sequence number of the last change applied (0 for a fresh worksheet)."""
        return self.audit[-1].seq if self.audit else 0

    def position(self, claim_id: str) -> int:
        """Index of the claim with this id; raise WorksheetError when there is none."""
        # Ids are c1, c2, ... in order, so the index is usually known without a scan.
        match = re.fullmatch(r"c(\d+)", claim_id)
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


def slugify(text: str, max_length: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a word boundary; 'worksheet' if empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-") or "worksheet"


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
        name = urlsplit(document.url or source).path.rstrip("/").rsplit("/", 1)[-1]
        if Path(name).stem:
            return slugify(Path(name).stem)
    if document.title and document.title.strip():
        return slugify(document.title)
    return "stdin"


def worksheet_path(reports_dir: Path, document: Document) -> Path:
    """Where the worksheet for a document lives: ``<reports_dir>/<slug>.worksheet.yaml``."""
    return reports_dir / f"{document_slug(document)}{WORKSHEET_SUFFIX}"


def _sibling(path: Path, suffix: str) -> Path:
    name = path.name
    stem = name[: -len(WORKSHEET_SUFFIX)] if name.endswith(WORKSHEET_SUFFIX) else path.stem
    return path.with_name(stem + suffix)


def journal_path(path: Path) -> Path:
    """The journal file beside a worksheet."""
    return _sibling(path, JOURNAL_SUFFIX)


def lock_path(path: Path) -> Path:
    """The lock file beside a worksheet."""
    return _sibling(path, LOCK_SUFFIX)


def is_worksheet_file(path: Path) -> bool:
    """Whether a path names a worksheet (by its suffix, or by its ``format`` line)."""
    if path.name.endswith(WORKSHEET_SUFFIX):
        return True
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf"^format:\s*['\"]?{re.escape(FORMAT)}", head, re.MULTILINE) is not None


# --- values --------------------------------------------------------------------------------------


def is_url(text: str) -> bool:
    """Whether text is an absolute http(s) URL with a host and no whitespace."""
    if not text or any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and bool(host) and port_ok


CASE_EVIDENCE_PREFIX = "case:"
"""Marks evidence that is an article of a case without a URL: 'case:' and the article's path."""


def is_evidence(text: str) -> bool:
    """Whether text can be recorded as evidence: an http(s) URL, or 'case:' and a path."""
    if is_url(text):
        return True
    rest = text[len(CASE_EVIDENCE_PREFIX) :] if text.startswith(CASE_EVIDENCE_PREFIX) else ""
    return bool(rest.strip()) and "\n" not in rest


def check_value(question: Question, value: str) -> str | None:
    """Why value is not a valid answer to question (the message's tail), or None if it is."""
    from factcheck.checklist.load import AnswerType

    kind = question.type
    if kind in (AnswerType.CHOICE, AnswerType.SCALE):
        if value not in question.choices:
            return f"expected one of {', '.join(question.choices)}, got {value!r}"
        return None
    if kind is AnswerType.TEXT:
        return None if value.strip() else "expected some text, got an empty string"
    if kind is AnswerType.URL:
        return None if is_url(value) else f"expected an http(s) URL, got {value!r}"
    return f"unsupported answer type {kind!s}"


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
    )


def _updated_answer(entry: ClaimReview, change: Change) -> Answer:
    assert change.question is not None
    answer = entry.answers.get(change.question, Answer())
    if change.action is Action.ANSWER:
        answer = replace(answer, value=change.new, prefill_accepted=change.prefill)
    elif change.action is Action.NOTE:
        answer = replace(answer, note=change.new)
    else:
        assert change.new is not None
        answer = replace(answer, evidence=(*answer.evidence, change.new))
    return replace(answer, reviewer=change.reviewer, at=change.at)


def apply_change(worksheet: Worksheet, change: Change) -> Worksheet:
    """The worksheet with one change applied and appended to its audit log."""
    index = worksheet.position(change.claim)
    entry = worksheet.claims[index]
    action = change.action
    if action in (Action.ANSWER, Action.NOTE, Action.EVIDENCE):
        if change.question is None:
            raise WorksheetError(f"change {change.seq}: {action} needs a question")
        if action is Action.EVIDENCE and change.new is None:
            raise WorksheetError(f"change {change.seq}: evidence needs a URL")
        answers = dict(entry.answers)
        answers[change.question] = _updated_answer(entry, change)
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
    else:  # pragma: no cover - exhaustive over Action
        raise WorksheetError(f"unknown action {action!r}")
    claims = (*worksheet.claims[:index], entry, *worksheet.claims[index + 1 :])
    return replace(worksheet, claims=claims, audit=(*worksheet.audit, change))


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
    entry = worksheet.entry(claim_id)
    old: str | None = None
    if question is not None and action in (Action.ANSWER, Action.NOTE):
        answer = entry.answers.get(question)
        if answer is not None:
            old = answer.value if action is Action.ANSWER else answer.note
    elif action is Action.OVERRIDE and entry.override is not None:
        old = entry.override.verdict
    return Change(
        seq=worksheet.seq + 1,
        at=now(),
        reviewer=reviewer,
        claim=claim_id,
        action=action,
        question=question,
        old=old,
        new=new,
        reason=reason,
        prefill=prefill,
    )


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
    """A typed answer in its canonical form: surrounding space dropped, choices matched
    without regard to case ('Yes' -> 'yes')."""
    value = value.strip()
    if value not in question.choices:
        for choice in question.choices:
            if choice.lower() == value.lower():
                return choice
    return value


def claim_verdict(checklist: Checklist, entry: ClaimReview) -> Verdict:
    """The claim's verdict: the checklist's rules over its answers, unless overridden."""
    from factcheck.checklist.verdicts import decide_verdict

    decided = decide_verdict(checklist, valid_answer_values(checklist, entry), entry.facts)
    if entry.override is None:
        return decided
    labels = {level.id: level.label for level in checklist.scale}
    verdict = entry.override.verdict
    return replace(
        decided,
        verdict=verdict,
        label=labels.get(verdict, verdict),
        rule=f"override: {entry.override.reason}",
        final=True,
    )


def worksheet_warnings(
    worksheet: Worksheet, checklist: Checklist, document_sha256: str | None = None
) -> list[str]:
    """What changed since the worksheet was made: article, checklist, orphaned answers."""
    warnings: list[str] = []
    if document_sha256 is not None and document_sha256 != worksheet.document.sha256:
        warnings.append(
            f"the article changed since this worksheet was made; "
            f"its {len(worksheet.claims)} claims and every answer are kept as they were"
        )
    ref = worksheet.checklist
    if ref.id != checklist.id or ref.sha256 != checklist.sha256:
        warnings.append(
            f"checklist {checklist.id!r} changed since this worksheet was made "
            f"(version {ref.version} -> {checklist.version}); every answer is kept"
        )
    questions = {q.id: q for q in checklist.questions}
    orphans: list[str] = []
    invalid: list[str] = []
    for entry in worksheet.claims:
        for qid, answer in entry.answers.items():
            question = questions.get(qid)
            if question is None:
                orphans.append(f"{entry.id}.{qid}")
            elif answer.value is not None and check_value(question, answer.value):
                invalid.append(f"{entry.id}.{qid} ({answer.value!r})")
    if orphans:
        warnings.append(
            "answers to questions the checklist no longer has (kept): " + ", ".join(orphans)
        )
    if invalid:
        warnings.append(
            "answers no longer valid for their question (kept; asked again): " + ", ".join(invalid)
        )
    return warnings


# --- YAML: dump ----------------------------------------------------------------------------------


class _Flow(dict[str, Any]):
    """A mapping dumped on one line (audit entries), so each change is one line of diff."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe dumper: multi-line text as literal blocks, audit entries in flow style, no aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_tuple(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(tuple, _represent_tuple)


def change_record(change: Change) -> dict[str, Any]:
    """A change as a plain mapping (one journal line, one audit entry); defaults left out."""
    record: dict[str, Any] = {
        "seq": change.seq,
        "at": change.at,
        "reviewer": change.reviewer,
        "claim": change.claim,
        "action": str(change.action),
    }
    if change.question is not None:
        record["question"] = change.question
    record["old"] = change.old
    record["new"] = change.new
    if change.reason is not None:
        record["reason"] = change.reason
    if change.prefill:
        record["prefill"] = True
    return record


def _claim_record(entry: ClaimReview) -> dict[str, Any]:
    claim = entry.claim
    att = claim.attribution
    sf = entry.source_facts
    answers = {
        qid: {
            "value": a.value,
            "note": a.note,
            "evidence": list(a.evidence),
            "prefill_accepted": a.prefill_accepted,
            "reviewer": a.reviewer,
            "at": a.at,
        }
        for qid, a in entry.answers.items()
    }
    override = (
        None
        if entry.override is None
        else {
            "verdict": entry.override.verdict,
            "reason": entry.override.reason,
            "reviewer": entry.override.reviewer,
            "at": entry.override.at,
        }
    )
    return {
        "id": claim.id,
        "text": claim.text,
        "check_worthiness": claim.check_worthiness,
        "reasons": tuple(claim.reasons),
        # Tuples are written in flow style: one short line per list.
        "attribution": {
            **attribution_record(att),
            "via": tuple(att.via),
            "hedges": tuple(att.hedges),
        },
        "sources": tuple(claim.sources),
        "source_facts": _Flow(
            any_partisan=sf.any_partisan,
            any_party_to_conflict=sf.any_party_to_conflict,
            worst_reliability=sf.worst_reliability,
            state_media=sf.state_media,
            unknown=tuple(sf.unknown),
        ),
        "facts": _Flow(entry.facts),
        "start": claim.start,
        "end": claim.end,
        "block": claim.block,
        "paragraph": entry.paragraph,
        "skipped": entry.skipped,
        "override": override,
        "answers": answers,
    }


def dump_worksheet(worksheet: Worksheet) -> str:
    """The worksheet as readable, diff-friendly YAML."""
    doc = worksheet.document
    ref = worksheet.checklist
    data = {
        "format": FORMAT,
        "created": worksheet.created,
        "document": document_record(doc, with_text=True),
        "checklist": {
            "id": ref.id,
            "version": ref.version,
            "sha256": ref.sha256,
            "source": ref.source,
        },
        "claims": [_claim_record(entry) for entry in worksheet.claims],
        "audit": [_Flow(change_record(change)) for change in worksheet.audit],
    }
    if worksheet.merge is not None:
        record = worksheet.merge
        data["merge"] = {
            "rule": record.rule,
            "reviewers": record.reviewers,
            "worksheets": record.worksheets,
            "originals": record.originals,
            "open": list(record.open),
        }
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )
    return text


# --- YAML: load with precise errors ---------------------------------------------------------


_NULL_TAG = "tag:yaml.org,2002:null"
_BOOLS = yaml.constructor.SafeConstructor.bool_values


class NodeReader:
    """Reads YAML nodes into values, failing with ``file:line: path: expected X, got Y``."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, node: yaml.Node, where: str, message: str) -> NoReturn:
        prefix = f"{where}: " if where else ""
        raise WorksheetError(f"{self.filename}:{node.start_mark.line + 1}: {prefix}{message}")

    @staticmethod
    def describe(node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return "a mapping"
        if isinstance(node, yaml.SequenceNode):
            return "a list"
        if node.tag == _NULL_TAG:
            return "null"
        return repr(node.value)

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        required: Sequence[str] = (),
        optional: Sequence[str] | None = (),
    ) -> dict[str, yaml.Node]:
        """Keys → value nodes; optional=None allows any key."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, where, f"expected a mapping, got {self.describe(node)}")
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL_TAG:
                self.fail(key_node, where, f"expected a string key, got {self.describe(key_node)}")
            key = str(key_node.value)
            if key in found:
                self.fail(key_node, where, f"duplicate key {key!r}")
            if optional is not None and key not in required and key not in optional:
                allowed = ", ".join([*required, *optional])
                self.fail(key_node, where, f"unknown key {key!r} (expected {allowed})")
            found[key] = value_node
        for key in required:
            if key not in found:
                self.fail(node, where, f"missing key {key!r}")
        return found

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, where, f"expected a list, got {self.describe(node)}")
        return list(node.value)

    def text(self, node: yaml.Node, where: str) -> str:
        """Any scalar's text as written (so `yes` stays 'yes', dates stay strings)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.fail(node, where, f"expected a string, got {self.describe(node)}")
        return str(node.value)

    def optional_text(self, node: yaml.Node, where: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return None
        return self.text(node, where)

    def texts(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        return tuple(
            self.text(item, f"{where}[{i}]") for i, item in enumerate(self.sequence(node, where))
        )

    def boolean(self, node: yaml.Node, where: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(_BOOLS[str(node.value).lower()])
        self.fail(node, where, f"expected true or false, got {self.describe(node)}")

    def integer(self, node: yaml.Node, where: str, minimum: int = 0) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            with contextlib.suppress(ValueError):
                value = int(str(node.value).replace("_", ""), 0)
                if value >= minimum:
                    return value
        self.fail(node, where, f"expected an integer >= {minimum}, got {self.describe(node)}")

    def number(self, node: yaml.Node, where: str) -> float:
        if isinstance(node, yaml.ScalarNode) and node.tag in (
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            with contextlib.suppress(ValueError):
                value = float(str(node.value).replace("_", ""))
                if math.isfinite(value):
                    return value
        self.fail(node, where, f"expected a number, got {self.describe(node)}")

    def fact(self, node: yaml.Node, where: str) -> FactValue:
        if isinstance(node, yaml.SequenceNode):
            return self.texts(node, where)
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, where, f"expected a scalar or a list, got {self.describe(node)}")
        tag = node.tag
        if tag == _NULL_TAG:
            return None
        if tag == "tag:yaml.org,2002:bool":
            return self.boolean(node, where)
        if tag == "tag:yaml.org,2002:int":
            return self.integer(node, where, minimum=-(2**63))
        if tag == "tag:yaml.org,2002:float":
            return self.number(node, where)
        return str(node.value)


def compose_yaml(text: str, filename: str) -> yaml.Node:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise WorksheetError(f"{filename}{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise WorksheetError(f"{filename}: not valid YAML: {exc}") from None
    if node is None:
        raise WorksheetError(f"{filename}: empty file, expected a worksheet")
    return node


def _read_document(r: NodeReader, node: yaml.Node) -> Document:
    keys = ("source", "title", "outlet", "byline", "published", "url", "sha256", "text")
    m = r.mapping(node, "document", required=("source", "sha256", "text"), optional=keys)

    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"document.{key}") if key in m else None

    return Document(
        source=r.text(m["source"], "document.source"),
        text=r.text(m["text"], "document.text"),
        sha256=r.text(m["sha256"], "document.sha256"),
        title=opt("title"),
        outlet=opt("outlet"),
        byline=opt("byline"),
        published=opt("published"),
        url=opt("url"),
    )


def _read_checklist_ref(r: NodeReader, node: yaml.Node) -> ChecklistRef:
    m = r.mapping(node, "checklist", required=("id", "version", "sha256", "source"))
    return ChecklistRef(
        id=r.text(m["id"], "checklist.id"),
        version=r.integer(m["version"], "checklist.version"),
        sha256=r.text(m["sha256"], "checklist.sha256"),
        source=r.text(m["source"], "checklist.source"),
    )


def _read_attribution(r: NodeReader, node: yaml.Node, where: str) -> Attribution:
    keys = ("speaker", "role", "verb", "via", "hedges", "quote")
    m = r.mapping(node, where, optional=keys)

    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"{where}.{key}") if key in m else None

    return Attribution(
        speaker=opt("speaker"),
        role=opt("role"),
        verb=opt("verb"),
        via=r.texts(m["via"], f"{where}.via") if "via" in m else (),
        hedges=r.texts(m["hedges"], f"{where}.hedges") if "hedges" in m else (),
        quote=r.boolean(m["quote"], f"{where}.quote") if "quote" in m else False,
    )


def _read_source_facts(r: NodeReader, node: yaml.Node, where: str) -> SourceFacts:
    keys = ("any_partisan", "any_party_to_conflict", "worst_reliability", "state_media", "unknown")
    m = r.mapping(node, where, optional=keys)
    default = SourceFacts()
    return SourceFacts(
        any_partisan=r.boolean(m["any_partisan"], f"{where}.any_partisan")
        if "any_partisan" in m
        else default.any_partisan,
        any_party_to_conflict=r.boolean(
            m["any_party_to_conflict"], f"{where}.any_party_to_conflict"
        )
        if "any_party_to_conflict" in m
        else default.any_party_to_conflict,
        worst_reliability=r.text(m["worst_reliability"], f"{where}.worst_reliability")
        if "worst_reliability" in m
        else default.worst_reliability,
        state_media=r.boolean(m["state_media"], f"{where}.state_media")
        if "state_media" in m
        else default.state_media,
        unknown=r.texts(m["unknown"], f"{where}.unknown") if "unknown" in m else (),
    )


_ANSWER_KEYS = ("value", "note", "evidence", "prefill_accepted", "reviewer", "at")


def _read_answer(
    r: NodeReader, node: yaml.Node, where: str, question: Question | None, strict: bool
) -> Answer:
    m = r.mapping(node, where, optional=_ANSWER_KEYS)
    value = r.optional_text(m["value"], f"{where}.value") if "value" in m else None
    if strict and question is not None and value is not None:
        problem = check_value(question, value)
        if problem:
            r.fail(m["value"], f"{where}.value", problem)
    evidence = r.texts(m["evidence"], f"{where}.evidence") if "evidence" in m else ()
    for i, url in enumerate(evidence):
        if not is_evidence(url):
            r.fail(m["evidence"], f"{where}.evidence[{i}]", f"expected an http(s) URL, got {url!r}")
    return Answer(
        value=value,
        note=r.optional_text(m["note"], f"{where}.note") if "note" in m else None,
        evidence=evidence,
        prefill_accepted=r.boolean(m["prefill_accepted"], f"{where}.prefill_accepted")
        if "prefill_accepted" in m
        else False,
        reviewer=r.optional_text(m["reviewer"], f"{where}.reviewer") if "reviewer" in m else None,
        at=r.optional_text(m["at"], f"{where}.at") if "at" in m else None,
    )


def _read_override(
    r: NodeReader, node: yaml.Node, where: str, checklist: Checklist | None, strict: bool
) -> Override | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return None
    m = r.mapping(node, where, required=("verdict", "reason", "reviewer", "at"))
    verdict = r.text(m["verdict"], f"{where}.verdict")
    if strict and checklist is not None:
        levels = [level.id for level in checklist.scale]
        if verdict not in levels:
            r.fail(
                m["verdict"],
                f"{where}.verdict",
                f"expected one of {', '.join(levels)}, got {verdict!r}",
            )
    reason = r.text(m["reason"], f"{where}.reason")
    if not reason.strip():
        r.fail(m["reason"], f"{where}.reason", "an override needs a reason")
    return Override(
        verdict=verdict,
        reason=reason,
        reviewer=r.text(m["reviewer"], f"{where}.reviewer"),
        at=r.text(m["at"], f"{where}.at"),
    )


_CLAIM_REQUIRED = ("id", "text", "start", "end")
_CLAIM_OPTIONAL = (
    "check_worthiness",
    "reasons",
    "attribution",
    "sources",
    "source_facts",
    "facts",
    "block",
    "paragraph",
    "skipped",
    "override",
    "answers",
)


def _read_claim(
    r: NodeReader,
    node: yaml.Node,
    where: str,
    text_length: int,
    checklist: Checklist | None,
    strict: bool,
) -> ClaimReview:
    m = r.mapping(node, where, required=_CLAIM_REQUIRED, optional=_CLAIM_OPTIONAL)
    start = r.integer(m["start"], f"{where}.start")
    end = r.integer(m["end"], f"{where}.end")
    if not start <= end <= text_length:
        r.fail(m["end"], f"{where}.end", f"expected {start} <= end <= {text_length}, got {end}")
    score = (
        r.number(m["check_worthiness"], f"{where}.check_worthiness")
        if ("check_worthiness" in m)
        else 0.0
    )
    claim = Claim(
        id=r.text(m["id"], f"{where}.id"),
        text=r.text(m["text"], f"{where}.text"),
        start=start,
        end=end,
        check_worthiness=score,
        reasons=r.texts(m["reasons"], f"{where}.reasons") if "reasons" in m else (),
        attribution=_read_attribution(r, m["attribution"], f"{where}.attribution")
        if "attribution" in m
        else Attribution(),
        sources=r.texts(m["sources"], f"{where}.sources") if "sources" in m else (),
        block=r.integer(m["block"], f"{where}.block") if "block" in m else 0,
    )
    paragraph = (start, end)
    if "paragraph" in m:
        items = r.sequence(m["paragraph"], f"{where}.paragraph")
        if len(items) != 2:
            r.fail(m["paragraph"], f"{where}.paragraph", "expected [start, end]")
        p_start = r.integer(items[0], f"{where}.paragraph[0]")
        p_end = r.integer(items[1], f"{where}.paragraph[1]")
        if not p_start <= start <= end <= p_end <= text_length:
            r.fail(
                m["paragraph"],
                f"{where}.paragraph",
                f"expected a span around the claim ({start}-{end}) within the text, "
                f"got [{p_start}, {p_end}]",
            )
        paragraph = (p_start, p_end)
    facts: dict[str, FactValue] = {}
    if "facts" in m:
        for name, value in r.mapping(m["facts"], f"{where}.facts", optional=None).items():
            facts[name] = r.fact(value, f"{where}.facts.{name}")
    answers: dict[str, Answer] = {}
    if "answers" in m:
        questions = {q.id: q for q in checklist.questions} if checklist is not None else {}
        for qid, value in r.mapping(m["answers"], f"{where}.answers", optional=None).items():
            question = questions.get(qid)
            answers[qid] = _read_answer(r, value, f"{where}.answers.{qid}", question, strict)
    return ClaimReview(
        claim=claim,
        paragraph=paragraph,
        source_facts=_read_source_facts(r, m["source_facts"], f"{where}.source_facts")
        if "source_facts" in m
        else SourceFacts(),
        facts=facts,
        answers=answers,
        override=_read_override(r, m["override"], f"{where}.override", checklist, strict)
        if "override" in m
        else None,
        skipped=r.boolean(m["skipped"], f"{where}.skipped") if "skipped" in m else False,
    )


_CHANGE_KEYS = ("seq", "at", "reviewer", "claim", "action", "question", "old", "new", "reason")


def _read_change(r: NodeReader, node: yaml.Node, where: str) -> Change:
    m = r.mapping(
        node,
        where,
        required=("seq", "at", "reviewer", "claim", "action"),
        optional=(*_CHANGE_KEYS, "prefill"),
    )
    action_text = r.text(m["action"], f"{where}.action")
    try:
        action = Action(action_text)
    except ValueError:
        expected = ", ".join(a.value for a in Action)
        r.fail(m["action"], f"{where}.action", f"expected one of {expected}, got {action_text!r}")

    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"{where}.{key}") if key in m else None

    return Change(
        seq=r.integer(m["seq"], f"{where}.seq", minimum=1),
        at=r.text(m["at"], f"{where}.at"),
        reviewer=r.text(m["reviewer"], f"{where}.reviewer"),
        claim=r.text(m["claim"], f"{where}.claim"),
        action=action,
        question=opt("question"),
        old=opt("old"),
        new=opt("new"),
        reason=opt("reason"),
        prefill=r.boolean(m["prefill"], f"{where}.prefill") if "prefill" in m else False,
    )


ChecklistSource = Union["Checklist", Callable[[ChecklistRef], "Checklist"], None]
"""A checklist, or a function from the worksheet's checklist reference to the checklist."""


def parse_worksheet(
    text: str, filename: str = "<worksheet>", checklist: ChecklistSource = None
) -> Worksheet:
    """A worksheet from its YAML text (no journal), with precise errors for any mistake.

    With a checklist whose content is the one the worksheet was made with, answer values and
    override verdicts are checked against it; after the checklist changed they are kept as they are.
    ``checklist`` may be a function that loads it from the worksheet's own reference.
    """
    r = NodeReader(filename)
    root = compose_yaml(text, filename)
    m = r.mapping(
        root,
        "",
        required=("format", "document", "checklist", "claims"),
        optional=("created", "audit", "merge"),
    )
    fmt = r.text(m["format"], "format")
    if fmt != FORMAT:
        r.fail(m["format"], "format", f"expected {FORMAT!r}, got {fmt!r}")
    document = _read_document(r, m["document"])
    ref = _read_checklist_ref(r, m["checklist"])
    resolved: Checklist | None = checklist(ref) if callable(checklist) else checklist
    strict = resolved is not None and ref.sha256 == resolved.sha256 and ref.id == resolved.id
    claims: list[ClaimReview] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(r.sequence(m["claims"], "claims")):
        entry = _read_claim(r, node, f"claims[{i}]", len(document.text), resolved, strict)
        if entry.id in seen:
            r.fail(node, f"claims[{i}].id", f"duplicate claim id {entry.id!r}")
        seen[entry.id] = i
        claims.append(entry)
    audit: list[Change] = []
    if "audit" in m:
        for i, node in enumerate(r.sequence(m["audit"], "audit")):
            change = _read_change(r, node, f"audit[{i}]")
            if audit and change.seq <= audit[-1].seq:
                r.fail(node, f"audit[{i}].seq", f"expected > {audit[-1].seq}, got {change.seq}")
            if change.claim not in seen:
                r.fail(node, f"audit[{i}].claim", f"no claim {change.claim!r} in the worksheet")
            audit.append(change)
    return Worksheet(
        document=document,
        checklist=ref,
        claims=tuple(claims),
        created=r.text(m["created"], "created") if "created" in m else "",
        audit=tuple(audit),
        merge=_read_merge(r, m["merge"], len(audit)) if "merge" in m else None,
    )


def _read_merge(r: NodeReader, node: yaml.Node, changes: int) -> MergeRecord:
    keys = ("rule", "reviewers", "worksheets", "originals")
    m = r.mapping(node, "merge", required=keys, optional=("open",))
    originals = r.integer(m["originals"], "merge.originals")
    if originals > changes:
        r.fail(m["originals"], "merge.originals", f"expected <= {changes}, got {originals}")
    return MergeRecord(
        rule=r.text(m["rule"], "merge.rule"),
        reviewers=r.texts(m["reviewers"], "merge.reviewers"),
        worksheets=r.texts(m["worksheets"], "merge.worksheets"),
        originals=originals,
        open=r.texts(m["open"], "merge.open") if "open" in m else (),
    )


# --- journal ------------------------------------------------------------------------------------


def _change_from_json(data: object) -> Change:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    unknown = set(data) - {*_CHANGE_KEYS, "prefill"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")

    def opt(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key}: expected a string")
        return value

    def req(key: str) -> str:
        value = opt(key)
        if value is None:
            raise ValueError(f"missing {key!r}")
        return value

    seq = data.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError("seq: expected a positive integer")
    prefill = data.get("prefill", False)
    if not isinstance(prefill, bool):
        raise ValueError("prefill: expected true or false")
    return Change(
        seq=seq,
        at=req("at"),
        reviewer=req("reviewer"),
        claim=req("claim"),
        action=Action(req("action")),
        question=opt("question"),
        old=opt("old"),
        new=opt("new"),
        reason=opt("reason"),
        prefill=prefill,
    )


def read_journal(path: Path) -> tuple[list[Change], int]:
    """The changes in a journal and the byte length of its intact part.

    A last line cut short (the process was killed while writing it) is ignored; a damaged line
    anywhere else is an error naming the line.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read the journal: {exc.strerror}") from None
    changes: list[Change] = []
    good = 0
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        last = number == len(lines)
        if not raw.strip():
            if not last:
                good += len(raw) + 1
            continue
        try:
            change = _change_from_json(json.loads(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            # A line without its newline is the one being written when the process died.
            if last:
                break
            raise WorksheetError(f"{path}:{number}: damaged journal entry ({exc})") from None
        if last:
            break  # complete JSON but no newline: the write was still in flight
        changes.append(change)
        good += len(raw) + 1
    return changes, good


def replay_journal(worksheet: Worksheet, changes: Iterable[Change], where: Path) -> Worksheet:
    """The worksheet with the journal's changes that it does not hold yet applied in order."""
    for change in changes:
        if change.seq <= worksheet.seq:
            continue  # already compacted into the YAML (a crash came before the journal reset)
        if change.seq != worksheet.seq + 1:
            raise WorksheetError(
                f"{where}: journal jumps from change {worksheet.seq} to {change.seq}; "
                "it does not belong to this worksheet"
            )
        try:
            worksheet = apply_change(worksheet, change)
        except WorksheetError as exc:
            raise WorksheetError(f"{where}: change {change.seq}: {exc}") from None
    return worksheet


def load_worksheet(path: Path, checklist: ChecklistSource = None) -> Worksheet:
    """A worksheet from disk: the YAML with its journal replayed over it."""
    worksheet = parse_worksheet(_read_text(path), str(path), checklist)
    jpath = journal_path(path)
    changes, _ = read_journal(jpath)
    return replay_journal(worksheet, changes, jpath)


# --- durable saving ------------------------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open directories; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content so that it is always the old or the new complete version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            data = text.encode("utf-8")
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WorksheetError(f"{path}: cannot save: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def save_worksheet(path: Path, worksheet: Worksheet) -> None:
    """Write the whole worksheet atomically (no lock; use a WorksheetSession while reviewing)."""
    write_atomic(path, dump_worksheet(worksheet))


class WorksheetLock:
    """An exclusive lock on a worksheet: an flock on ``<slug>.worksheet.lock``.

    The kernel drops an flock when its process dies, so a crash never leaves it stuck.
    """

    def __init__(self, path: Path) -> None:
        self.worksheet = path
        self.path = lock_path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise WorksheetError naming who holds it."""
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
                os.close(fd)
                raise WorksheetError(
                    f"{self.worksheet} is already open in another review ({holder}); "
                    "finish or quit that review first"
                ) from None
            # The previous holder may have removed the file between our open and flock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up and remove the lock file."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> WorksheetLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class WorksheetSession:
    """A worksheet open for review: locked, every change journaled before it counts.

    ``record`` is the ``save`` callable the review loop gets; ``compact`` rewrites the YAML.
    """

    def __init__(self, path: Path, worksheet: Worksheet, lock: WorksheetLock) -> None:
        self.path = path
        self.worksheet = worksheet
        """The latest state, including every recorded change."""
        self.journal = journal_path(path)
        self._lock = lock
        self._fd: int | None = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def record(self, worksheet: Worksheet, change: Change) -> None:
        """Make a change durable: one JSON line appended to the journal and fsync'd."""
        if self._fd is None:
            raise WorksheetError(f"{self.path}: the review session is closed")
        self.worksheet = worksheet
        line = json.dumps(change_record(change), ensure_ascii=False, separators=(",", ":"))
        try:
            os.write(self._fd, (line + "\n").encode("utf-8"))
            _sync(self._fd)
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot save the answer: {exc.strerror}"
            ) from None

    def compact(self) -> None:
        """Write the whole worksheet atomically, then empty the journal it now contains."""
        if self._fd is None:
            return
        save_worksheet(self.path, self.worksheet)
        try:
            os.ftruncate(self._fd, 0)
            _sync(self._fd)
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot reset the journal: {exc.strerror}"
            ) from None

    def close(self, *, compact: bool = True) -> None:
        """Compact (unless told not to), remove the empty journal and release the lock."""
        if self._fd is None:
            return
        try:
            if compact:
                self.compact()
                with contextlib.suppress(OSError):
                    if self.journal.stat().st_size == 0:
                        self.journal.unlink()
        finally:
            os.close(self._fd)
            self._fd = None
            self._lock.release()

    def __enter__(self) -> WorksheetSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _sync(fd: int) -> None:
    # fdatasync skips the inode's timestamps, which replay does not need.
    sync = getattr(os, "fdatasync", os.fsync)
    sync(fd)


def open_session(
    path: Path, checklist: ChecklistSource = None, *, new: Worksheet | None = None
) -> WorksheetSession:
    """Lock a worksheet and open it for review.

    With ``new``, the worksheet is created at path (written atomically before anything else);
    otherwise it is loaded, its journal replayed and a torn last journal line cut off.
    """
    lock = WorksheetLock(path)
    lock.acquire()
    try:
        jpath = journal_path(path)
        if new is not None:
            if path.exists():
                raise WorksheetError(f"{path}: a worksheet already exists there")
            with contextlib.suppress(FileNotFoundError):
                jpath.unlink()  # a journal without its worksheet belongs to nothing
            save_worksheet(path, new)
            worksheet = new
        else:
            text = _read_text(path)
            worksheet = parse_worksheet(text, str(path), checklist)
            changes, good = read_journal(jpath)
            worksheet = replay_journal(worksheet, changes, jpath)
            if jpath.exists() and jpath.stat().st_size != good:
                # Appending after a torn line would glue the next change onto it.
                with jpath.open("r+b") as handle:
                    handle.truncate(good)
                    handle.flush()
                    os.fsync(handle.fileno())
        return WorksheetSession(path, worksheet, lock)
    except BaseException:
        lock.release()
        raise


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorksheetError(f"{path}: no such worksheet") from None
    except UnicodeDecodeError:
        raise WorksheetError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read: {exc.strerror}") from None

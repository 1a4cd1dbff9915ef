"""Stage ⑨ report: a worksheet's verdicts, counts and sources, computed once for every renderer.

:func:`build_report` is pure: it reads the worksheet, the checklist and the source registry and
returns a frozen :class:`Report` whose order is the worksheet's (claims in article order, questions
in checklist order, sources in order of first appearance), so every renderer is deterministic and
the same worksheet always gives byte-identical reports. :func:`load_report` is the file-reading
front door used by the command line; :func:`write_report` saves a rendered report atomically.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError, RenderError
from factcheck.files import names_folder, resolved
from factcheck.models import Claim, Document, Segment
from factcheck.review.outdated import worksheet_warnings
from factcheck.review.worksheet import (
    JOURNAL_SUFFIX,
    LOCK_SUFFIX,
    WORKSHEET_SUFFIX,
    Answer,
    ClaimReview,
    Override,
    Worksheet,
    claim_verdict,
    document_slug,
    is_url,
    is_worksheet_file,
    valid_answer_values,
    valid_override,
)
from factcheck.sources.ratings import rating_sets

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question
    from factcheck.sources.registry import Registry

REPORT_SUFFIX = ".md"
"""Suffix of the markdown report written beside its worksheet."""

NO_SPEAKER = "unnamed source"
"""How a chain names a speaker the article does not name."""
NO_OUTLET = "the article"
"""How a chain names the article when its outlet is not known."""


class ClaimStatus(enum.StrEnum):
    """Where a claim's review stands."""

    FINAL = "final"
    """Every required question that applies is answered, or the verdict was overridden."""
    OPEN = "open"
    """A required question that applies is still unanswered: the verdict is provisional."""
    SKIPPED = "skipped"
    """The reviewer skipped the claim."""


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One question about one claim, with what the reviewer recorded for it."""

    question: str
    """The question's id."""
    ask: str
    """The question as the checklist words it (its id when the checklist no longer has it)."""
    value: str | None
    """The answer value; None when unanswered."""
    label: str | None
    """The answer's label as the checklist shows it; None when unanswered."""
    note: str | None
    """The reviewer's note."""
    evidence: tuple[str, ...]
    """Evidence URLs, in the order they were added."""
    prefill_accepted: bool
    """Whether the value is the checklist's suggestion, accepted as it was."""
    reviewer: str | None
    """Who last changed the answer."""
    at: str | None
    """When it was last changed (ISO 8601, UTC)."""
    asked: bool
    """Whether the question applies to the claim given its other answers."""
    counted: bool
    """Whether the answer counts towards the verdict (asked, and valid for the question)."""
    required: bool
    """Whether the checklist requires an answer when the question is asked."""
    is_url: bool = False
    """Whether the answer is an http(s) URL given to a URL question (reports may link it)."""


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim with its computed verdict, grade and answers."""

    entry: ClaimReview
    """The worksheet's record of the claim (claim, facts, answers, override, skipped)."""
    verdict: str
    """Id of the verdict on the checklist's scale (the override's, when overridden)."""
    label: str
    """The verdict's label."""
    colour: str | None
    """The verdict's colour on the checklist's scale, for the terminal."""
    rank: int
    """The verdict's position on the scale, best first from 0."""
    rule: str
    """What decided: the rule's condition as written, 'default', or 'override'."""
    rule_number: int | None
    """Position of the deciding rule in the checklist's verdicts, from 1; None when overridden."""
    reason: str | None
    """Why, in words: the rule's reason, or the override's."""
    grade: str | None
    """Admiralty code such as 'B2' when the checklist grades, else None."""
    status: ClaimStatus
    """Final, open or skipped."""
    missing: tuple[str, ...]
    """Ids of required questions that apply and are unanswered."""
    answers: tuple[AnswerRow, ...]
    """The questions that apply, in checklist order, then answers the verdict does not count."""
    chain: tuple[str, ...]
    """Who the claim passed through: the outlet, each intermediary, the speaker."""
    speaker_kind: str | None
    """The registry's kind of the speaker ('person', 'newspaper', ...), when it knows them."""
    reviewers: tuple[str, ...]
    """Everyone who answered, noted or overrode on this claim, in order of first change."""
    reviewed: str | None
    """When the claim was last changed (ISO 8601, UTC), or None when nothing was recorded."""
    rules_label: str | None = None
    """With an override: the label of the verdict the checklist's rules give."""
    repeated_by: tuple[str, ...] = ()
    """Claims of the article that repeat this one (near-duplicates linked at extraction)."""

    @property
    def id(self) -> str:
        """The claim's id."""
        return self.entry.claim.id

    @property
    def claim(self) -> Claim:
        """The claim as extracted."""
        return self.entry.claim

    @property
    def override(self) -> Override | None:
        """The reviewer's override that decides the verdict, if any (one to a verdict the
        checklist's scale no longer has does not)."""
        return self.entry.override if self.rule_number is None else None

    @property
    def hops(self) -> int:
        """Intermediaries between the article and the speaker."""
        return self.entry.claim.attribution.hops

    @property
    def speaker(self) -> str | None:
        """Who the claim comes from, when the article says."""
        return self.entry.claim.attribution.speaker


@dataclass(frozen=True, slots=True)
class VerdictCount:
    """How many claims reached one verdict (final, not skipped)."""

    verdict: str
    """Id of the verdict."""
    label: str
    """Its label."""
    colour: str | None
    """Its colour on the scale."""
    count: int
    """Claims with this final verdict."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source the claims rest on, as the registry describes it."""

    id: str | None
    """Registry id; None for a name on a chain that the registry does not know."""
    name: str
    """The source's name (the name as written for an unknown one)."""
    kind: str
    """What sort of source it is, in words ('broadcaster'), or 'not in the registry'."""
    affiliation: tuple[str, ...]
    """Names of the registry entries it belongs to or works for."""
    partisan: str | None
    """Its side when partisan ('yes (pro-Hezbollah)'), else None."""
    reliability: str | None
    """The registry's default Admiralty reliability letter, A to F; None when it gives none."""
    claims: tuple[str, ...]
    """Ids of the claims whose chain includes it, in article order."""
    ratings: tuple[tuple[str, str], ...] = ()
    """Each rating set's rating of it, as (set name, rating), in set order."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows, computed from one worksheet."""

    worksheet: Worksheet
    """The worksheet as loaded (document, checklist reference, claims, audit log)."""
    checklist: Checklist
    """The checklist the verdicts were decided with."""
    slug: str
    """The report's file name stem ('seed-article' for reports/seed-article.md)."""
    claims: tuple[ClaimRow, ...]
    """Every claim, in article order."""
    counts: tuple[VerdictCount, ...]
    """Final verdicts by scale level, best first (zero counts included). An override to a
    verdict the scale no longer has does not count: the rules decide that claim."""
    open: int
    """Claims whose verdict is not final yet."""
    skipped: int
    """Claims the reviewer skipped."""
    grades: tuple[tuple[str, int], ...]
    """Admiralty codes of final verdicts with how many claims have each, by code."""
    sources: tuple[SourceRow, ...]
    """Sources on the claims' chains: registry entries first, in order of first appearance,
    then names the registry does not know."""
    reviewers: tuple[str, ...]
    """Everyone who recorded a change, in order of their first change."""
    reviewed: str | None
    """When the last change was recorded (ISO 8601, UTC), or None for an untouched worksheet."""
    warnings: tuple[str, ...]
    """What changed since the worksheet was made (checklist edits, answers no longer counted)."""
    dropped: tuple[ClaimReview, ...] = ()
    """Claims the reviewer dropped as not claims, with their reasons; left out of ``claims``."""

    @property
    def document(self) -> Document:
        """The article."""
        return self.worksheet.document

    @property
    def final(self) -> int:
        """Claims with a final verdict (skipped claims excluded)."""
        return sum(count.count for count in self.counts)


# --- building ----------------------------------------------------------------------------------


def _answer_label(question: Question | None, value: str | None) -> str | None:
    if value is None:
        return None
    return question.label_for(value) if question is not None else value


def researched(answer: AnswerRow) -> bool:
    """Whether the reviewer recorded anything for the question: an answer, a note, evidence."""
    return (
        answer.value is not None
        or bool(answer.note and answer.note.strip())
        or bool(answer.evidence)
    )


def _answer_rows(checklist: Checklist, entry: ClaimReview) -> tuple[AnswerRow, ...]:
    from factcheck.checklist.verdicts import applicable_questions

    valid = valid_answer_values(checklist, entry)
    asked = applicable_questions(checklist, valid, entry.facts)
    asked_ids = {question.id for question in asked}
    questions = {question.id: question for question in checklist.questions}

    def row(qid: str, answer: Answer, question: Question | None) -> AnswerRow:
        return AnswerRow(
            question=qid,
            ask=question.ask if question is not None else qid,
            value=answer.value,
            label=_answer_label(question, answer.value),
            note=answer.note,
            evidence=answer.evidence,
            prefill_accepted=answer.prefill_accepted,
            reviewer=answer.reviewer,
            at=answer.at,
            asked=qid in asked_ids,
            counted=qid in asked_ids and qid in valid,
            required=question.required if question is not None else False,
            is_url=question is not None
            and str(question.type) == "url"
            and answer.value is not None
            and is_url(answer.value),
        )

    rows = [row(q.id, entry.answers.get(q.id, Answer()), q) for q in asked]
    rows.extend(
        row(qid, answer, questions.get(qid))
        for qid, answer in entry.answers.items()
        if qid not in asked_ids
    )
    return tuple(rows)


def _chain(document: Document, claim: Claim) -> tuple[str, ...]:
    attribution = claim.attribution
    outlet = (document.outlet or "").strip() or NO_OUTLET
    speaker = (attribution.speaker or "").strip() or NO_SPEAKER
    return (outlet, *attribution.via, speaker)


def _speaker_kind(registry: Registry | None, claim: Claim) -> str | None:
    speaker = claim.attribution.speaker
    if registry is None or not speaker or not speaker.strip():
        return None
    entry = registry.find(speaker)
    return str(entry.kind) if entry is not None else None


def _claim_history(worksheet: Worksheet) -> dict[str, tuple[list[str], str | None]]:
    """Claim id -> (reviewers in order of first change, time of the last change)."""
    history: dict[str, tuple[list[str], str | None]] = {}
    for change in worksheet.audit:
        names, last = history.setdefault(change.claim, ([], None))
        if change.reviewer not in names:
            names.append(change.reviewer)
        history[change.claim] = (names, max(last, change.at) if last else change.at)
    return history


def _from_answers(entry: ClaimReview) -> tuple[list[str], str | None]:
    """Reviewers and the last time from the answers themselves (a worksheet without its log)."""
    names: list[str] = []
    stamps: list[str] = []
    records: list[tuple[str | None, str | None]] = [
        (a.reviewer, a.at) for a in entry.answers.values()
    ]
    if entry.override is not None:
        records.append((entry.override.reviewer, entry.override.at))
    for reviewer, at in records:
        if reviewer and reviewer not in names:
            names.append(reviewer)
        if at:
            stamps.append(at)
    return names, max(stamps) if stamps else None


def build_claim_row(
    checklist: Checklist,
    document: Document,
    entry: ClaimReview,
    registry: Registry | None = None,
    history: tuple[Sequence[str], str | None] | None = None,
) -> ClaimRow:
    """One claim's computed verdict, grade, status and answers."""
    verdict = claim_verdict(checklist, entry)
    ranks = {level.id: index for index, level in enumerate(checklist.scale)}
    colours = {level.id: level.colour for level in checklist.scale}
    override = valid_override(checklist, entry)
    if entry.skipped:
        status = ClaimStatus.SKIPPED
    elif override is not None or verdict.final:
        status = ClaimStatus.FINAL
    else:
        status = ClaimStatus.OPEN
    rules_label = None
    if override is not None:
        from factcheck.checklist.verdicts import decide_verdict

        ruled = decide_verdict(checklist, valid_answer_values(checklist, entry), entry.facts)
        rules_label = ruled.label
    reviewers, reviewed = history if history is not None else _from_answers(entry)
    return ClaimRow(
        entry=entry,
        verdict=verdict.verdict,
        label=verdict.label,
        colour=colours.get(verdict.verdict),
        rank=ranks.get(verdict.verdict, len(checklist.scale)),
        rule="override" if override is not None else verdict.rule,
        rule_number=None if override is not None else verdict.rule_index + 1,
        reason=override.reason if override is not None else verdict.reason,
        grade=verdict.grade,
        status=status,
        missing=() if override is not None else verdict.missing,
        answers=_answer_rows(checklist, entry),
        chain=_chain(document, entry.claim),
        speaker_kind=_speaker_kind(registry, entry.claim),
        reviewers=tuple(reviewers),
        reviewed=reviewed,
        rules_label=rules_label,
    )


def _partisan(partisan: str, direction: str | None) -> str | None:
    if partisan not in ("yes", "lean"):
        return None
    return f"{partisan} ({direction})" if direction else partisan


def _ratings(domains: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Each rating set's rating of a source, by the first of its domains the set rates."""
    out = []
    for rating_set in rating_sets():
        rating = next(filter(None, map(rating_set.get, domains)), None)
        if rating is not None:
            out.append((rating_set.name, rating.value))
    return tuple(out)


def _source_rows(rows: Sequence[ClaimRow], registry: Registry | None) -> tuple[SourceRow, ...]:
    by_id: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for row in rows:
        for source_id in dict.fromkeys(row.claim.sources):
            by_id.setdefault(source_id, []).append(row.id)
        for name in dict.fromkeys(row.entry.source_facts.unknown):
            unknown.setdefault(name, []).append(row.id)
    out: list[SourceRow] = []
    for source_id, claim_ids in by_id.items():
        entry = registry.get(source_id) if registry is not None else None
        if registry is None or entry is None:
            out.append(
                SourceRow(source_id, source_id, "unknown id", (), None, None, tuple(claim_ids))
            )
            continue
        affiliation = tuple(
            found.name if (found := registry.get(aid)) is not None else aid
            for aid in entry.affiliation
        )
        out.append(
            SourceRow(
                id=entry.id,
                name=entry.name,
                kind=entry.kind.label,
                affiliation=affiliation,
                partisan=_partisan(str(entry.partisan), entry.partisan_direction),
                reliability=str(entry.reliability) if entry.reliability is not None else None,
                claims=tuple(claim_ids),
                ratings=_ratings(entry.domains),
            )
        )
    out.extend(
        SourceRow(None, name, "not in the registry", (), None, None, tuple(claim_ids))
        for name, claim_ids in unknown.items()
    )
    return tuple(out)


def _counts(checklist: Checklist, rows: Sequence[ClaimRow]) -> tuple[VerdictCount, ...]:
    tally: dict[str, int] = {level.id: 0 for level in checklist.scale}
    labels = {level.id: (level.label, level.colour) for level in checklist.scale}
    for row in rows:
        if row.status is ClaimStatus.FINAL:
            tally[row.verdict] = tally.get(row.verdict, 0) + 1
            labels.setdefault(row.verdict, (row.label, None))
    return tuple(
        VerdictCount(verdict, labels[verdict][0], labels[verdict][1], count)
        for verdict, count in tally.items()
    )


def build_report(
    worksheet: Worksheet,
    checklist: Checklist,
    registry: Registry | None = None,
    *,
    slug: str | None = None,
) -> Report:
    """Compute every claim's verdict, grade and status, the counts and the sources table.

    ``slug`` names the report's file; by default it is the document's slug.
    """
    history = _claim_history(worksheet)
    rows = tuple(
        build_claim_row(
            checklist,
            worksheet.document,
            entry,
            registry,
            history.get(entry.id) if worksheet.audit else None,
        )
        for entry in worksheet.claims
        if entry.dropped is None
    )
    if worksheet.merge is not None:
        from factcheck.team.unsettled import unsettled_claims

        # Not final while the merge left its speaker, role, chain or override unsettled.
        left = unsettled_claims(worksheet)
        rows = tuple(
            replace(row, status=ClaimStatus.OPEN)
            if row.id in left and row.status is ClaimStatus.FINAL
            else row
            for row in rows
        )
    repeats: dict[str, list[str]] = {}
    for row in rows:
        if row.claim.repeats:
            repeats.setdefault(row.claim.repeats, []).append(row.id)
    if repeats:
        rows = tuple(replace(row, repeated_by=tuple(repeats.get(row.id, ()))) for row in rows)
    reviewers: dict[str, None] = {}
    for change in worksheet.audit:
        reviewers.setdefault(change.reviewer, None)
    for row in rows:
        for name in row.reviewers:
            reviewers.setdefault(name, None)
    stamps = [row.reviewed for row in rows if row.reviewed]
    grades: dict[str, int] = {}
    for row in rows:
        if row.status is ClaimStatus.FINAL and row.grade:
            grades[row.grade] = grades.get(row.grade, 0) + 1
    return Report(
        worksheet=worksheet,
        checklist=checklist,
        slug=slug or document_slug(worksheet.document),
        claims=rows,
        counts=_counts(checklist, rows),
        open=sum(1 for row in rows if row.status is ClaimStatus.OPEN),
        skipped=sum(1 for row in rows if row.status is ClaimStatus.SKIPPED),
        grades=tuple(sorted(grades.items())),
        sources=_source_rows(rows, registry),
        reviewers=tuple(reviewers),
        reviewed=max(stamps) if stamps else None,
        warnings=tuple(worksheet_warnings(worksheet, checklist)),
        dropped=tuple(entry for entry in worksheet.claims if entry.dropped is not None),
    )


# --- files -------------------------------------------------------------------------------------


def report_slug(worksheet_file: Path) -> str:
    """The report's name stem for a worksheet file: its name without ``.worksheet.yaml``."""
    name = worksheet_file.name
    for suffix in (WORKSHEET_SUFFIX, ".yaml", ".yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name.strip(".") or "report"


def report_path(worksheet_file: Path, suffix: str = REPORT_SUFFIX) -> Path:
    """Where a worksheet's report goes by default: beside it, ``<slug>.md``."""
    return worksheet_file.with_name(report_slug(worksheet_file) + suffix)


def load_report(
    path: Path,
    *,
    checklist: str | Path | None = None,
    registry_paths: Sequence[Path] = (),
) -> Report:
    """Read a worksheet (journal replayed), its checklist and the source registry; build the report.

    The checklist is the one the worksheet names, unless ``checklist`` names another file or
    built-in with the same id.
    """
    from factcheck.checklist.load import load_checklist
    from factcheck.review.journal import load_worksheet
    from factcheck.review.worksheet import ChecklistRef, checklist_location
    from factcheck.sources.registry import load_registry

    loaded: list[Checklist] = []

    def resolve(ref: ChecklistRef) -> Checklist:
        if checklist is not None:
            found = load_checklist(checklist)
            if found.id != ref.id:
                raise RenderError(
                    f"this worksheet uses checklist {ref.id!r}, not {found.id!r}; "
                    "leave out --checklist or pass the worksheet's own"
                )
        else:
            try:
                found = load_checklist(checklist_location(ref.source, path))
            except FactcheckError as exc:
                raise RenderError(
                    f"cannot load the worksheet's checklist {ref.source!r} ({exc}); "
                    "pass it with --checklist"
                ) from None
        loaded.append(found)
        return found

    worksheet = load_worksheet(path, resolve)
    if not loaded:  # pragma: no cover - load_worksheet always resolves the checklist
        raise RenderError(f"{path}: the worksheet names no checklist")
    registry = load_registry(tuple(registry_paths))
    return build_report(worksheet, loaded[-1], registry, slug=report_slug(path))


def write_report(path: Path | str, text: str | Iterable[str]) -> None:
    """Save a rendered report (whole, or in pieces as they are made) atomically: readers see the
    old file or the new one, never half. A worksheet is never the target: a mistyped ``--output``
    would replace a review with its report. ``path`` is best given as typed: a text ending in
    '/' names a folder, which ``Path`` would forget."""
    from factcheck.files import describe_os_error, write_output

    refused = _refused_output(Path(path), isinstance(path, str) and names_folder(path))
    if refused:
        raise RenderError(f"{path}: {refused}")
    try:
        write_output(Path(path), text)
    except OSError as exc:
        raise RenderError(f"{path}: cannot save: {describe_os_error(exc)}") from None


def _refused_output(path: Path, folder: bool) -> str | None:
    """Why a report may not be written at ``path`` (or where its symbolic link leads): a folder
    (``folder``: the path as typed names one), or a file of a review. A worksheet's journal holds
    answers not yet saved in the worksheet."""
    from factcheck.case.store import is_case_file  # only when a file is written: not for a terminal

    if folder:
        return "is a folder; give --output a file name"
    never = "a report never overwrites one, choose another --output"
    for target in dict.fromkeys((path, resolved(path) if path.is_symlink() else path)):
        if target.is_dir():
            return "is a folder; give --output a file name"
        if is_worksheet_file(target):
            return f"is a worksheet; {never}"
        if target.name.endswith(JOURNAL_SUFFIX):
            return f"is a worksheet's journal of answers; {never}"
        if target.name.endswith(LOCK_SUFFIX):
            return f"is a worksheet's lock; {never}"
        if is_case_file(target):
            return "is a case's own file; nothing else is written over it, choose another --output"
    return None


# --- small helpers shared by the renderers -----------------------------------------------------


def other_voices(worksheet: Worksheet) -> tuple[Segment, ...]:
    """Body sentences outside every claim that the article attributes to someone, in order."""
    spans = [(entry.claim.start, entry.claim.end) for entry in worksheet.claims]
    return tuple(
        segment
        for segment in worksheet.segments
        if segment.attribution is not None
        and segment.attribution.speaker
        and not any(start < segment.end and segment.start < end for start, end in spans)
    )


def claim_marks(row: ClaimRow) -> tuple[str, ...]:
    """What every report says about a claim beyond its text: a photo caption and its credit,
    and the claims it repeats or that repeat it."""
    marks = []
    if row.claim.caption:
        credit = row.claim.attribution.speaker
        marks.append(f"photo caption, credited to {credit}" if credit else "photo caption")
    if row.claim.repeats:
        marks.append(f"repeats {row.claim.repeats}")
    if row.repeated_by:
        marks.append("repeated in " + ", ".join(row.repeated_by))
    return tuple(marks)


def answer_text(answer: AnswerRow) -> str:
    """How an answer reads in a report: its label, or its id in words ('Yes', 'Cannot tell');
    empty when unanswered."""
    if answer.label is None:
        return ""
    if answer.label != answer.value or not re.fullmatch(r"[a-z][a-z0-9_]*", answer.label):
        return answer.label
    return answer.label.replace("_", " ").capitalize()


def claim_anchor(claim_id: str) -> str | None:
    """The fragment that the markdown report's heading 'Claim <id>' gets on GitHub and most
    renderers ('claim-c3'), for ids made of letters, digits, '-' and '_'; None for others."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", claim_id):
        return "claim-" + claim_id.lower()
    return None


def day(stamp: str | None) -> str | None:
    """The date part (YYYY-MM-DD) of an ISO 8601 time stamp."""
    if not stamp:
        return None
    return stamp[:10] if re.match(r"\d{4}-\d{2}-\d{2}", stamp) else stamp

"""Team review: several reviewers' worksheets of one article, side by side, with their agreement.

`load_sheets` reads the worksheets and refuses any set that is not of one article (same sha256)
and one checklist (same id and version, and the same content unless it is one file edited between
the reviews), and gives the claims reviewers added ids of their own across the worksheets
(:mod:`factcheck.team.claims`). `compare_sheets` lines up each claim's answers and verdicts by
reviewer and measures agreement on the verdicts and on every question.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import TeamError
from factcheck.files import resolved
from factcheck.review.journal import load_worksheet
from factcheck.review.own import worksheet_reviewer
from factcheck.review.worksheet import (
    ClaimReview,
    Worksheet,
    checklist_location,
    claim_verdict,
    valid_override,
)
from factcheck.review.worksheet_shared import SharedReader
from factcheck.review.worksheet_skim import skim_worksheet
from factcheck.team.agreement import (
    Figure,
    Metric,
    Unit,
    cohen_kappa,
    krippendorff_alpha,
    pairwise_agreement,
    percent_agreement,
)
from factcheck.team.claims import check_claims, matched_sheets

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question
    from factcheck.models import Document


@dataclass(frozen=True, slots=True)
class Sheet:
    """One reviewer's worksheet."""

    reviewer: str
    """Whose review it is."""
    path: Path
    """Where it was read from."""
    worksheet: Worksheet
    """The worksheet, journal replayed."""


@dataclass(frozen=True, slots=True)
class ReviewerAnswer:
    """What one reviewer answered to one question about one claim."""

    reviewer: str
    """Who answered."""
    value: str | None
    """The answer's id; None when the reviewer gave none (not asked, skipped, not reached)."""
    label: str | None
    """The answer as readers see it."""
    note: str | None = None
    """The reviewer's note."""
    evidence: tuple[str, ...] = ()
    """The reviewer's evidence URLs."""


@dataclass(frozen=True, slots=True)
class ReviewerVerdict:
    """One reviewer's verdict on one claim."""

    reviewer: str
    """Whose verdict."""
    verdict: str | None
    """The verdict id; None when the reviewer did not reach one (skipped or unfinished)."""
    label: str | None
    """The verdict's label."""
    status: str
    """'final', 'override', 'incomplete', 'skipped', 'dropped' (not a claim, said the reviewer)
    or 'absent' (the claim is not in the worksheet)."""
    reason: str | None = None
    """For an override or a drop: the reviewer's reason."""


@dataclass(frozen=True, slots=True)
class QuestionComparison:
    """One question of one claim across reviewers."""

    question: str
    """The question's id."""
    answers: tuple[ReviewerAnswer, ...]
    """One per reviewer, in reviewer order."""

    @property
    def agreed(self) -> bool | None:
        """Whether every given answer is the same; None when fewer than two were given."""
        return _agreed([a.value for a in self.answers])


@dataclass(frozen=True, slots=True)
class ClaimComparison:
    """One claim across reviewers."""

    id: str
    """The claim's id."""
    text: str
    """The claim's text."""
    verdicts: tuple[ReviewerVerdict, ...]
    """One per reviewer, in reviewer order."""
    questions: tuple[QuestionComparison, ...]
    """The questions at least one reviewer answered, in checklist order."""

    @property
    def agreed(self) -> bool | None:
        """Whether every reviewer's verdict is the same; None when fewer than two reached one."""
        return _agreed([v.verdict for v in self.verdicts])

    def differing(self) -> tuple[QuestionComparison, ...]:
        """The questions the reviewers answered differently."""
        return tuple(q for q in self.questions if q.agreed is False)


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement on one thing rated per claim (the verdict, or one question)."""

    metric: Metric
    """The metric Krippendorff's alpha uses: ordinal for ordered answers, nominal otherwise."""
    ratings: int
    """Ratings given in all."""
    percent: Figure
    """Share of claims (rated at least twice) on which every rating is the same."""
    pairwise: Figure
    """Share of agreeing pairs of ratings."""
    alpha: Figure
    """Krippendorff's alpha with `metric`."""
    kappa: Figure | None
    """Cohen's kappa, with exactly two reviewers; None otherwise."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several reviewers' worksheets of one article, compared."""

    document: Document
    """The article."""
    checklist: Checklist
    """The checklist they used."""
    sheets: tuple[Sheet, ...]
    """The worksheets, in the order given."""
    claims: tuple[ClaimComparison, ...]
    """Every claim, in article order."""
    verdict: Agreement
    """Agreement on the verdicts."""
    questions: Mapping[str, Agreement]
    """Agreement per question id (choice and scale questions), in checklist order."""
    warnings: tuple[str, ...] = ()
    """What the reader should know (checklist edited between reviews, ...)."""

    @property
    def reviewers(self) -> tuple[str, ...]:
        """The reviewers' names, in the order given."""
        return tuple(sheet.reviewer for sheet in self.sheets)


def _agreed(values: Sequence[str | None]) -> bool | None:
    given = [v for v in values if v is not None]
    if len(given) < 2:
        return None
    return len(set(given)) == 1


# --- loading -------------------------------------------------------------------------------------


def load_sheets(
    paths: Sequence[Path], *, checklist: str | None = None, audit: bool = True
) -> tuple[list[Sheet], Checklist]:
    """Read worksheets of one article and one checklist; refuse any other set with the mismatch.

    Returns the worksheets and the checklist, loaded once (from the first worksheet's reference
    unless ``checklist`` names it). With ``audit=False`` (read-only comparison) a worksheet's
    audit log may be left out, only its reviewers counted (see :mod:`worksheet_skim`).
    """
    from factcheck.review.reference import checklist_loader
    from factcheck.review.worksheet import ChecklistRef
    from factcheck.team.article import warn_of_metadata

    if len(paths) < 2:
        raise TeamError("give at least two worksheets to compare or merge")
    _refuse_repeats(paths)
    loaded: list[Checklist] = []

    def resolve(ref: ChecklistRef) -> Checklist:
        if not loaded:
            loaded.append(checklist_loader(checklist, paths[0], "ARTICLE")(ref))
        return loaded[0]

    sheets: list[Sheet] = []
    shared = SharedReader()
    for path in paths:
        if audit:
            worksheet, counts = load_worksheet(path, resolve), None
        else:
            worksheet, counts = skim_worksheet(path, resolve, shared)
        reviewer = counts.most_common(1)[0][0] if counts else worksheet_reviewer(worksheet, path)
        sheets.append(Sheet(reviewer, path, worksheet))
    check_sheets(sheets)
    warn_of_metadata(sheets)
    return matched_sheets(sheets), loaded[0]


def _refuse_repeats(paths: Sequence[Path]) -> None:
    """Raise TeamError when one file is given twice (the same name, another spelling of it, a
    link to it): one reviewer would be counted as two, agreeing with themselves."""
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            continue  # reading it says what is wrong with it
        key = (status.st_dev, status.st_ino)
        if key in seen:
            first = seen[key]
            given = (
                f"{path} is given twice"
                if str(first) == str(path)
                else f"{first} and {path} are the same worksheet"
            )
            raise TeamError(f"{given}; give each reviewer's worksheet once")
        seen[key] = path


def check_sheets(sheets: Sequence[Sheet]) -> None:
    """Raise TeamError naming the first mismatch: article, checklist, claims or reviewer. A
    merged worksheet is no one reviewer's: with it, its reviewers would be counted again."""
    for sheet in sheets:
        record = sheet.worksheet.merge
        if record is not None:
            raise TeamError(
                f"{sheet.path} is a merge of {', '.join(record.reviewers)}, not one reviewer's "
                "worksheet; give the reviewers' own worksheets"
            )
    first = sheets[0]
    doc = first.worksheet.document
    ref = first.worksheet.checklist
    seen: dict[str, Path] = {first.reviewer: first.path}
    for sheet in sheets[1:]:
        other = sheet.worksheet
        if other.document.sha256 != doc.sha256:
            raise TeamError(
                f"{sheet.path} is of another article than {first.path} "
                f"(sha256 {other.document.sha256[:12]} vs {doc.sha256[:12]})"
            )
        theirs = other.checklist
        if (theirs.id, theirs.version) != (ref.id, ref.version):
            raise TeamError(
                f"{sheet.path} uses checklist {theirs.id!r} version {theirs.version}, "
                f"{first.path} uses {ref.id!r} version {ref.version}"
            )
        if theirs.sha256 != ref.sha256 and _checklist_file(sheet) != _checklist_file(first):
            raise TeamError(
                f"{sheet.path} and {first.path} were made with different checklists of the same "
                f"id and version ({ref.id!r} version {ref.version}): {_checklist_named(sheet)} "
                f"(sha256 {theirs.sha256[:12]}) and {_checklist_named(first)} "
                f"(sha256 {ref.sha256[:12]})"
            )
        if sheet.reviewer in seen:
            raise TeamError(
                f"{sheet.path} and {seen[sheet.reviewer]} are both by reviewer {sheet.reviewer!r}"
            )
        seen[sheet.reviewer] = sheet.path
    check_claims(sheets)


def _checklist_file(sheet: Sheet) -> str:
    """Where a worksheet's checklist comes from: a built-in name, or the file's real path. Two
    worksheets whose checklists come from one place were made with one checklist, edited in
    between when their sha256 differ."""
    from factcheck.review.session import is_builtin_name

    location = checklist_location(sheet.worksheet.checklist.source, sheet.path)
    return location if is_builtin_name(location) else str(resolved(Path(location)))


def _checklist_named(sheet: Sheet) -> str:
    """A worksheet's checklist as a message names it: 'the built-in quick', or its file."""
    from factcheck.review.session import is_builtin_name

    location = checklist_location(sheet.worksheet.checklist.source, sheet.path)
    return f"the built-in {location}" if is_builtin_name(location) else os.path.normpath(location)


def sheet_warnings(sheets: Sequence[Sheet], checklist: Checklist) -> tuple[str, ...]:
    """Warnings worth showing with a comparison or merge."""
    edited = [str(s.path) for s in sheets if s.worksheet.checklist.sha256 != checklist.sha256]
    if edited:
        return (
            f"checklist {checklist.id!r} was edited since these worksheets were made "
            f"({', '.join(edited)}); answers are compared as they are",
        )
    return ()


# --- comparing -----------------------------------------------------------------------------------


def _verdict(checklist: Checklist, reviewer: str, entry: ClaimReview | None) -> ReviewerVerdict:
    if entry is None:
        return ReviewerVerdict(reviewer, None, None, "absent")
    if entry.dropped is not None:
        return ReviewerVerdict(reviewer, None, None, "dropped", entry.dropped)
    override = valid_override(checklist, entry)
    if entry.skipped and override is None:
        return ReviewerVerdict(reviewer, None, None, "skipped")
    verdict = claim_verdict(checklist, entry)
    if override is not None:
        return ReviewerVerdict(
            reviewer, verdict.verdict, verdict.label, "override", override.reason
        )
    if not verdict.final:
        return ReviewerVerdict(reviewer, None, None, "incomplete")
    return ReviewerVerdict(reviewer, verdict.verdict, verdict.label, "final")


def _counts(entry: ClaimReview | None) -> bool:
    """Whether a reviewer's answers on a claim count: not skipped, not dropped as no claim."""
    return entry is not None and not entry.skipped and entry.dropped is None


def reviewer_answers(checklist: Checklist, entry: ClaimReview | None) -> dict[str, str]:
    """The answers a reviewer gave that count: valid values of questions asked for the claim."""
    from factcheck.checklist.verdicts import applicable_questions
    from factcheck.review.worksheet import valid_answer_values

    if entry is None:
        return {}
    values = valid_answer_values(checklist, entry)
    asked = {q.id for q in applicable_questions(checklist, values, entry.facts)}
    return {qid: value for qid, value in values.items() if qid in asked}


def _answer(
    question: Question, reviewer: str, entry: ClaimReview | None, value: str | None
) -> ReviewerAnswer:
    answer = entry.answers.get(question.id) if entry is not None else None
    return ReviewerAnswer(
        reviewer=reviewer,
        value=value,
        label=question.label_for(value) if value is not None else None,
        note=answer.note if answer is not None else None,
        evidence=answer.evidence if answer is not None else (),
    )


def question_metric(question: Question) -> Metric:
    """Ordinal for scale questions and choices the checklist marks ``ordered``, nominal for
    other choices."""
    from factcheck.checklist.load import AnswerType

    ranked = question.type is AnswerType.SCALE or question.ordered
    return Metric.ORDINAL if ranked else Metric.NOMINAL


def measure(
    units: Sequence[Unit],
    metric: Metric,
    order: Sequence[Hashable] | None,
    reviewers: Sequence[str],
) -> Agreement:
    """Every agreement figure over one set of reliability data."""
    kappa = cohen_kappa(units, reviewers[0], reviewers[1]) if len(reviewers) == 2 else None
    return Agreement(
        metric=metric,
        ratings=sum(len(unit) for unit in units),
        percent=percent_agreement(units),
        pairwise=pairwise_agreement(units),
        alpha=krippendorff_alpha(units, metric, order),
        kappa=kappa,
    )


def compare_sheets(sheets: Sequence[Sheet], checklist: Checklist) -> Comparison:
    """Each claim's answers and verdicts side by side, and agreement on verdicts and questions."""
    from factcheck.checklist.load import AnswerType

    reviewers = [sheet.reviewer for sheet in sheets]
    by_id = [{entry.id: entry for entry in sheet.worksheet.claims} for sheet in sheets]
    order = _claim_order(sheets)
    rated = [q for q in checklist.questions if q.type in (AnswerType.CHOICE, AnswerType.SCALE)]
    verdict_units: list[Unit] = []
    question_units: dict[str, list[Unit]] = {q.id: [] for q in rated}
    claims: list[ClaimComparison] = []
    # Most verdicts and answers recur, claim after claim: each is made once.
    named: dict[tuple[str, ReviewerVerdict], ReviewerVerdict] = {}
    shown: dict[tuple[object, ...], ReviewerAnswer] = {}
    for claim_id, text in order:
        entries = [found.get(claim_id) for found in by_id]
        memo: list[tuple[ClaimReview, dict[str, str], ReviewerVerdict, dict[str, str]]] = []
        worked = [_worked(checklist, entry, memo) for entry in entries]
        verdicts = tuple(
            _named(named, name, verdict)
            for name, (verdict, _) in zip(reviewers, worked, strict=True)
        )
        verdict_units.append({v.reviewer: v.verdict for v in verdicts if v.verdict is not None})
        values = [counted for _, counted in worked]
        rows: list[QuestionComparison] = []
        for question in checklist.questions:
            qid = question.id
            given = [v.get(qid) for v in values]
            noted = any(e is not None and qid in e.answers and e.answers[qid].note for e in entries)
            if all(g is None for g in given) and not noted:
                continue
            answers = tuple(
                _shown(shown, question, name, entry, value)
                for name, entry, value in zip(reviewers, entries, given, strict=True)
            )
            rows.append(QuestionComparison(qid, answers))
            if question.id in question_units:
                unit = {a.reviewer: a.value for a in answers if a.value is not None}
                question_units[question.id].append(unit)
        claims.append(ClaimComparison(claim_id, text, verdicts, tuple(rows)))
    levels = [level.id for level in checklist.scale]
    agreement = {
        q.id: measure(question_units[q.id], question_metric(q), q.choices, reviewers) for q in rated
    }
    return Comparison(
        document=sheets[0].worksheet.document,
        checklist=checklist,
        sheets=tuple(sheets),
        claims=tuple(claims),
        verdict=measure(verdict_units, Metric.ORDINAL, levels, reviewers),
        questions=agreement,
        warnings=sheet_warnings(sheets, checklist),
    )


def _named(
    named: dict[tuple[str, ReviewerVerdict], ReviewerVerdict], name: str, verdict: ReviewerVerdict
) -> ReviewerVerdict:
    """The verdict under the reviewer's name, made once for each name and verdict."""
    key = (name, verdict)
    found = named.get(key)
    if found is None:
        found = named[key] = replace(verdict, reviewer=name)
    return found


def _shown(
    shown: dict[tuple[object, ...], ReviewerAnswer],
    question: Question,
    name: str,
    entry: ClaimReview | None,
    value: str | None,
) -> ReviewerAnswer:
    """:func:`_answer`, made once for each reviewer, question, value, note and evidence."""
    answer = entry.answers.get(question.id) if entry is not None else None
    key = (name, question.id, value, *((answer.note, answer.evidence) if answer else ()))
    found = shown.get(key)
    if found is None:
        found = shown[key] = _answer(question, name, entry, value)
    return found


def _worked(
    checklist: Checklist,
    entry: ClaimReview | None,
    memo: list[tuple[ClaimReview, dict[str, str], ReviewerVerdict, dict[str, str]]],
) -> tuple[ReviewerVerdict, dict[str, str]]:
    """A reviewer's verdict (under no name) and counted answers on a claim, worked out once for
    each distinct way the claim's reviewers answered it (``memo`` holds the ones seen)."""
    if entry is None:
        return _verdict(checklist, "", None), {}
    given = entry.answer_values()
    for seen, answered, verdict, counted in memo:
        if (
            answered == given
            and seen.facts == entry.facts
            and (seen.override, seen.skipped, seen.dropped)
            == (entry.override, entry.skipped, entry.dropped)
        ):
            return verdict, counted
    verdict = _verdict(checklist, "", entry)
    counted = reviewer_answers(checklist, entry) if _counts(entry) else {}
    memo.append((entry, given, verdict, counted))
    return verdict, counted


def _claim_order(sheets: Sequence[Sheet]) -> list[tuple[str, str]]:
    """Every claim id of any worksheet with its text (that of the first reviewer by name who has
    it: a claim one reviewer split has two), in article order, whatever the order of the
    worksheets."""
    found: dict[str, tuple[tuple[int, int], str]] = {}
    for sheet in sorted(sheets, key=lambda sheet: sheet.reviewer):
        for entry in sheet.worksheet.claims:
            span = (entry.claim.start, entry.claim.end)
            known = found.setdefault(entry.id, (span, entry.claim.text))
            if span < known[0]:
                found[entry.id] = (span, known[1])
    ordered = sorted(found, key=lambda claim_id: (found[claim_id][0], claim_id))
    return [(claim_id, found[claim_id][1]) for claim_id in ordered]


def compare_worksheets(paths: Sequence[Path], *, checklist: str | None = None) -> Comparison:
    """Load the worksheets and compare them."""
    sheets, resolved = load_sheets(paths, checklist=checklist, audit=False)
    return compare_sheets(sheets, resolved)

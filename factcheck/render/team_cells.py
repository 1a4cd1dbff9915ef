"""Stage ⑨ render: the cells and lines every format of a comparison shows alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.records import EMPTY

if TYPE_CHECKING:
    from factcheck.report.model import Report
    from factcheck.team.agreement import Figure
    from factcheck.team.compare import Agreement, ClaimComparison, Comparison, ReviewerVerdict

DIFFERS = "≠"
"""Marks a row whose reviewers disagree, visible without colour."""
NO_CLAIMS = "Nothing to compare: the worksheets have no claims."
"""The whole comparison of worksheets without claims, in every format but JSON."""


def percent_text(figure: Figure) -> str:
    if figure.value is None:
        return f"n/a ({figure.reason})"
    return f"{figure.value * 100:.0f}%"


def alpha_cell(agreement: Agreement, shape: str) -> str:
    if agreement.alpha.value is None:
        return agreement.alpha.text()
    return shape.format(value=agreement.alpha.text(), metric=agreement.metric)


def figure_rows(comparison: Comparison) -> list[tuple[str, Agreement]]:
    rows = [("verdict", comparison.verdict)]
    rows.extend((qid, agreement) for qid, agreement in comparison.questions.items())
    return rows


def verdict_cell(verdict: ReviewerVerdict) -> str:
    if verdict.verdict is None:
        # A claim another reviewer added: this one never saw it.
        return "not reviewed" if verdict.status == "absent" else verdict.status
    label = verdict.label or verdict.verdict
    return f"{label} (override)" if verdict.status == "override" else label


def answer_cell(answer_label: str | None) -> str:
    return answer_label if answer_label is not None else EMPTY


def mark_text(agreed: bool | None) -> str:
    return DIFFERS if agreed is False else ""


def claim_notes(claim: ClaimComparison) -> list[tuple[str, str, str, bool]]:
    """(reviewers, question, text, is_url) for each note and evidence URL of a claim; reviewers
    who wrote the same note or cited the same URL share one line."""
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    for row in claim.questions:
        for answer in row.answers:
            if answer.note:
                grouped.setdefault((row.question, answer.note, False), []).append(answer.reviewer)
            for url in answer.evidence:
                grouped.setdefault((row.question, url, True), []).append(answer.reviewer)
    for verdict in claim.verdicts:
        if verdict.reason:
            grouped.setdefault(("override", verdict.reason, False), []).append(verdict.reviewer)
    return [(", ".join(who), qid, text, is_url) for (qid, text, is_url), who in grouped.items()]


def differences(comparison: Comparison) -> list[str]:
    """One line per claim question (or verdict) the reviewers answered differently."""
    lines = []
    for claim in comparison.claims:
        for row in claim.differing():
            shown = ", ".join(f"{a.reviewer} {answer_cell(a.label)}" for a in row.answers)
            lines.append(f"{claim.id} {row.question}: {shown}")
        if claim.agreed is False:
            shown = ", ".join(f"{v.reviewer} {verdict_cell(v)}" for v in claim.verdicts)
            lines.append(f"{claim.id} verdict: {shown}")
    return lines


def merge_line(report: Report, comparison: Comparison) -> str:
    record = report.worksheet.merge
    rule = record.rule if record is not None else "?"
    still = still_open(report)
    return (
        f"Merged from {len(comparison.sheets)} reviewers ({', '.join(comparison.reviewers)}) "
        f"by the {rule} rule; {_count(len(record.open) if record else 0, 'question')} left open, "
        f"{still} still open."
    )


def still_open(report: Report) -> int:
    """The questions the merge left open that are still asked and unanswered, on claims not
    since dropped: an answer given since may have made a question no longer apply."""
    record = report.worksheet.merge
    if record is None:
        return 0
    rows = {row.id: {answer.question: answer for answer in row.answers} for row in report.claims}
    count = 0
    for item in record.open:
        claim_id, _, qid = item.partition(".")
        answer = rows.get(claim_id, {}).get(qid)
        count += answer is not None and answer.asked and answer.value is None
    return count


def _count(number: int, word: str) -> str:
    return f"{number} {word if number == 1 else word + 's'}"

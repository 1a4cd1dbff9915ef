"""Stage ⑨ render: several reviewers compared, as markdown, and their agreement in the markdown
report of a merged worksheet.

Reviewer names, answers, notes and claim text are untrusted: they go through `escape_markdown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.records import EMPTY, one_line
from factcheck.render.markdown import _table, escape_markdown, link, show_url
from factcheck.render.team_cells import (
    DIFFERS,
    NO_CLAIMS,
    alpha_cell,
    answer_cell,
    claim_notes,
    differences,
    figure_rows,
    merge_line,
    percent_text,
    verdict_cell,
)

if TYPE_CHECKING:
    from factcheck.report.model import Report
    from factcheck.team.compare import ClaimComparison, Comparison, QuestionComparison


def render_markdown(comparison: Comparison) -> str:
    """The comparison as markdown: agreement, verdicts side by side, and every claim's answers,
    notes and evidence by reviewer, disagreements in bold and marked ≠."""
    doc = comparison.document
    checklist = comparison.checklist
    title = one_line(doc.title or "") or doc.source
    lines = [f"# Reviewers compared: {escape_markdown(title)}", ""]
    reviewers = ", ".join(escape_markdown(s.reviewer) for s in comparison.sheets)
    lines.append(
        f"Checklist: {escape_markdown(checklist.name)} ({escape_markdown(checklist.id)}, "
        f"version {checklist.version}) · Reviewers: {reviewers} · "
        f"Claims: {len(comparison.claims)}"
    )
    lines.append("")
    if not comparison.claims:
        lines.extend([NO_CLAIMS, ""])
        lines.extend(_markdown_warnings(comparison))
        return "\n".join(lines).rstrip("\n") + "\n"
    lines.extend(_markdown_agreement(comparison))
    lines.extend(["", "## Verdicts", ""])
    header = ["Claim", *(escape_markdown(r) for r in comparison.reviewers), "Agreed"]
    rows = []
    for claim in comparison.claims:
        cells = [_bold(escape_markdown(verdict_cell(v)), claim.agreed) for v in claim.verdicts]
        rows.append([f"{claim.id}", *cells, _agreed_cell(claim.agreed)])
    lines.extend(_table(header, rows))
    lines.extend(["", "## Claims", ""])
    for claim in comparison.claims:
        lines.extend(_markdown_claim(comparison, claim))
    lines.extend(_markdown_warnings(comparison))
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_warnings(comparison: Comparison) -> list[str]:
    if not comparison.warnings:
        return []
    return ["## Warnings", "", *(f"- {escape_markdown(w)}" for w in comparison.warnings), ""]


def markdown_agreement(comparison: Comparison) -> list[str]:
    """The agreement table as markdown lines (also used by the report of a merged worksheet)."""
    two = len(comparison.sheets) == 2
    header = [
        "On",
        "Claims",
        "All agree",
        "Krippendorff's alpha",
        *(["Cohen's kappa"] if two else []),
    ]
    rows = []
    for name, agreement in figure_rows(comparison):
        row = [
            escape_markdown(name),
            str(agreement.alpha.units),
            escape_markdown(percent_text(agreement.percent)),
            escape_markdown(alpha_cell(agreement, "{value} ({metric})")),
        ]
        if two and agreement.kappa is not None:
            row.append(escape_markdown(agreement.kappa.text()))
        rows.append(row)
    return _table(header, rows, "lrrl" + ("l" if two else ""))


def _markdown_agreement(comparison: Comparison) -> list[str]:
    return ["## Agreement", "", *markdown_agreement(comparison)]


def _bold(cell: str, agreed: bool | None) -> str:
    return f"**{cell}**" if agreed is False and cell else cell


def _agreed_cell(agreed: bool | None) -> str:
    if agreed is None:
        return EMPTY
    return "yes" if agreed else f"no {DIFFERS}"


def _markdown_claim(comparison: Comparison, claim: ClaimComparison) -> list[str]:
    lines = [f"### {claim.id}", "", f"> {escape_markdown(claim.text)}", ""]
    header = ["Question", *(escape_markdown(r) for r in comparison.reviewers), "Agreed"]
    rows = [_markdown_row(row) for row in claim.questions]
    verdicts = [_bold(escape_markdown(verdict_cell(v)), claim.agreed) for v in claim.verdicts]
    rows.append(["**verdict**", *verdicts, _agreed_cell(claim.agreed)])
    lines.extend(_table(header, rows))
    notes = _markdown_notes(claim)
    if notes:
        lines.append("")
        lines.extend(notes)
    lines.append("")
    return lines


def _markdown_row(row: QuestionComparison) -> list[str]:
    cells = [_bold(escape_markdown(answer_cell(a.label)), row.agreed) for a in row.answers]
    return [escape_markdown(row.question), *cells, _agreed_cell(row.agreed)]


def _markdown_notes(claim: ClaimComparison) -> list[str]:
    lines: list[str] = []
    for who, qid, text, is_url in claim_notes(claim):
        said = f"evidence {link(show_url(text), text)}" if is_url else escape_markdown(text)
        lines.append(f"- {escape_markdown(who)} on {escape_markdown(qid)}: {said}")
    return lines


def agreement_markdown(report: Report, comparison: Comparison) -> list[str]:
    """The summary's section on the reviewers of a merged worksheet: figures, then differences."""
    lines = ["### Reviewers' agreement", "", escape_markdown(merge_line(report, comparison)), ""]
    lines.extend(markdown_agreement(comparison))
    found = differences(comparison)
    if found:
        lines.extend(["", "Where the reviewers differed:", ""])
        lines.extend(f"- {escape_markdown(line)}" for line in found)
    return lines

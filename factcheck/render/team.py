"""Stage ⑨ render: several reviewers compared (terminal, markdown, JSON) and a merge's summary.

Pure functions of a `Comparison`. Reviewer names, answers, notes and claim text are untrusted:
on the terminal they go through `safe_text`, in markdown through `escape_markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.render.console import safe_text
from factcheck.render.jsonout import _dumps
from factcheck.render.markdown import EMPTY, _table, escape_markdown, link, show_url
from factcheck.render.team_json import agreement_record, render_json
from factcheck.report.model import one_line, shorten

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from factcheck.report.model import Report
    from factcheck.team.agreement import Figure
    from factcheck.team.compare import (
        Agreement,
        ClaimComparison,
        Comparison,
        QuestionComparison,
        ReviewerVerdict,
    )
    from factcheck.team.merge import MergeResult

DIFFERS = "≠"
"""Marks a row whose reviewers disagree, visible without colour."""
CLAIM_WIDTH = 110
"""Characters of a claim's text shown in the verdicts table."""


def _percent(figure: Figure) -> str:
    if figure.value is None:
        return f"n/a ({figure.reason})"
    return f"{figure.value * 100:.0f}%"


def _alpha_cell(agreement: Agreement, shape: str) -> str:
    if agreement.alpha.value is None:
        return agreement.alpha.text()
    return shape.format(value=agreement.alpha.text(), metric=agreement.metric)


def _figure_rows(comparison: Comparison) -> list[tuple[str, Agreement]]:
    rows = [("verdict", comparison.verdict)]
    rows.extend((qid, agreement) for qid, agreement in comparison.questions.items())
    return rows


def _verdict_cell(verdict: ReviewerVerdict) -> str:
    if verdict.verdict is None:
        return verdict.status
    label = verdict.label or verdict.verdict
    return f"{label} (override)" if verdict.status == "override" else label


def _answer_cell(answer_label: str | None) -> str:
    return answer_label if answer_label is not None else EMPTY


def _mark(agreed: bool | None) -> str:
    return DIFFERS if agreed is False else ""


def _question_label(comparison: Comparison, qid: str) -> str:
    for question in comparison.checklist.questions:
        if question.id == qid:
            return question.id
    return qid


# --- terminal ------------------------------------------------------------------------------------


def render_terminal(comparison: Comparison) -> RenderableType:
    """The comparison for the terminal: agreement, verdicts side by side, then each claim on
    which the reviewers differ, with their answers, notes and evidence."""
    from rich.console import Group

    parts: list[RenderableType] = [_terminal_header(comparison), _terminal_agreement(comparison)]
    parts.append(_terminal_verdicts(comparison))
    differing = [c for c in comparison.claims if c.agreed is False or c.differing()]
    for claim in differing:
        parts.append(_terminal_claim(comparison, claim))
    if not differing:
        parts.append(safe_text("The reviewers answered every claim alike."))
    for warning in comparison.warnings:
        parts.append(safe_text(f"Warning: {warning}", style="yellow"))
    return Group(*parts)


def _terminal_header(comparison: Comparison) -> RenderableType:
    from rich.table import Table

    doc = comparison.document
    checklist = comparison.checklist
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Article", safe_text(one_line(doc.title or "") or doc.source))
    grid.add_row(
        "Checklist",
        safe_text(f"{checklist.name} ({checklist.id}, version {checklist.version})"),
    )
    reviewers = ", ".join(f"{s.reviewer} ({s.path})" for s in comparison.sheets)
    grid.add_row("Reviewers", safe_text(reviewers))
    grid.add_row("Claims", safe_text(str(len(comparison.claims))))
    return grid


def _terminal_agreement(comparison: Comparison) -> RenderableType:
    from rich import box
    from rich.table import Table

    two = len(comparison.sheets) == 2
    table = Table(title="Agreement", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("On")
    table.add_column("Claims", justify="right")
    table.add_column("All agree", justify="right")
    table.add_column("Krippendorff's alpha")
    if two:
        table.add_column("Cohen's kappa")
    for name, agreement in _figure_rows(comparison):
        cells = [
            safe_text(name),
            safe_text(str(agreement.alpha.units)),
            safe_text(_percent(agreement.percent)),
            safe_text(_alpha_cell(agreement, "{value} {metric}")),
        ]
        if two and agreement.kappa is not None:
            cells.append(safe_text(agreement.kappa.text()))
        table.add_row(*cells)
    return table


def _terminal_verdicts(comparison: Comparison) -> RenderableType:
    from rich.console import Group

    rows = [
        (
            claim.id,
            [_verdict_cell(v) for v in claim.verdicts],
            claim.agreed,
            "bold red" if claim.agreed is False else "",
        )
        for claim in comparison.claims
    ]

    def table() -> RenderableType:
        from rich import box
        from rich.table import Table

        table = Table(title="Verdicts", title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("Claim", no_wrap=True)
        for reviewer in comparison.reviewers:
            table.add_column(safe_text(reviewer))
        table.add_column("", no_wrap=True)
        for claim_id, cells, agreed, style in rows:
            table.add_row(
                safe_text(claim_id),
                *(safe_text(cell, style=style) for cell in cells),
                safe_text(_mark(agreed), style=style),
            )
        return table

    def grouped() -> RenderableType:
        lines = [safe_text("Verdicts (the reviewers do not fit side by side)", style="italic")]
        lines.extend(
            _grouped_line(claim_id, comparison.reviewers, cells, agreed, style)
            for claim_id, cells, agreed, style in rows
        )
        return Group(*lines)

    return _SideBySide(_natural_width(comparison.reviewers, rows, "Claim"), table, grouped)


class _SideBySide:
    """A table with a column per reviewer where it fits the width; where it does not (many
    reviewers), the same cells as one line per row, reviewers grouped by what they gave, which
    stays readable and is quick to lay out however many rows there are."""

    def __init__(
        self,
        natural: int,
        table: Callable[[], RenderableType],
        grouped: Callable[[], RenderableType],
    ) -> None:
        self.natural = natural
        self.table = table
        self.grouped = grouped

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table() if self.natural <= options.max_width else self.grouped()


def _natural_width(
    reviewers: Sequence[str], rows: Sequence[tuple[str, list[str], bool | None, str]], first: str
) -> int:
    """The width of the side-by-side table with no cell wrapped: each column its widest cell
    and a space either side, a space between columns and at each edge."""
    from rich.cells import cell_len

    widths = [max([cell_len(first), *(cell_len(row[0]) for row in rows)])]
    for i, reviewer in enumerate(reviewers):
        widths.append(max([cell_len(reviewer), *(cell_len(row[1][i]) for row in rows)]))
    widths.append(cell_len(DIFFERS))
    return sum(width + 2 for width in widths) + len(widths) + 1


def _grouped_line(
    name: str, reviewers: Sequence[str], cells: Sequence[str], agreed: bool | None, style: str
) -> Text:
    """One row as a line: its name, ≠ when the reviewers differ, then each value given with
    the reviewers who gave it, in order of first appearance, the largest group last as 'the
    other N' ('all' when they gave one value)."""
    groups: dict[str, list[str]] = {}
    for reviewer, cell in zip(reviewers, cells, strict=True):
        groups.setdefault(cell, []).append(reviewer)
    mark = f" {_mark(agreed)}" if agreed is False else ""
    if len(groups) == 1:
        shown = f"{cells[0]}: all"
    else:
        # The largest group last, as "the other N", when it has more than one reviewer.
        largest = max(groups, key=lambda cell: len(groups[cell]))
        rest = groups[largest]
        if len(rest) < 2:
            largest = ""  # no group to sum up
        parts = [f"{cell}: {', '.join(who)}" for cell, who in groups.items() if cell != largest]
        if largest:
            parts.append(f"{largest}: the other {len(rest)}")
        shown = " · ".join(parts)
    return safe_text(f"  {name}{mark}  {shown}", style=style)


def _terminal_claim(comparison: Comparison, claim: ClaimComparison) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel

    rows = [
        (
            row.question,
            [_answer_cell(a.label) for a in row.answers],
            row.agreed,
            "bold red" if row.agreed is False else "",
        )
        for row in claim.questions
    ]
    verdict_style = "bold red" if claim.agreed is False else "bold"
    rows.append(
        ("verdict", [_verdict_cell(v) for v in claim.verdicts], claim.agreed, verdict_style)
    )

    def table() -> RenderableType:
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("Question")
        for reviewer in comparison.reviewers:
            table.add_column(safe_text(reviewer))
        table.add_column("", no_wrap=True)
        for name, cells, agreed, style in rows[:-1]:
            table.add_row(
                safe_text(name),
                *(safe_text(cell, style=style) for cell in cells),
                safe_text(_mark(agreed), style=style),
            )
        verdicts = [safe_text(cell, style=verdict_style) for cell in rows[-1][1]]
        table.add_row(safe_text("verdict", style="bold"), *verdicts, safe_text(_mark(claim.agreed)))
        return table

    def grouped() -> RenderableType:
        return Group(
            *(
                _grouped_line(name, comparison.reviewers, cells, agreed, style)
                for name, cells, agreed, style in rows
            )
        )

    # The table has no outer edge: two columns fewer of spaces.
    natural = _natural_width(comparison.reviewers, rows, "Question") - 2
    notes = [_note_text(line) for line in _note_lines(comparison, claim)]
    title = safe_text(f"{claim.id}  {shorten(one_line(claim.text), CLAIM_WIDTH)}")
    return Panel(
        Group(_SideBySide(natural, table, grouped), *notes),
        title=title,
        title_align="left",
        box=box.ROUNDED,
    )


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


def _note_lines(comparison: Comparison, claim: ClaimComparison) -> list[str]:
    lines = []
    for who, qid, text, is_url in claim_notes(claim):
        lines.append(f"{who} on {qid}: {'evidence ' if is_url else ''}{one_line(text)}")
    return lines


def _note_text(line: str) -> Text:
    return safe_text(line, style="dim")


# --- markdown ------------------------------------------------------------------------------------


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
    lines.extend(_markdown_agreement(comparison))
    lines.extend(["", "## Verdicts", ""])
    header = ["Claim", *(escape_markdown(r) for r in comparison.reviewers), "Agreed"]
    rows = []
    for claim in comparison.claims:
        cells = [_bold(escape_markdown(_verdict_cell(v)), claim.agreed) for v in claim.verdicts]
        rows.append([f"{claim.id}", *cells, _agreed_cell(claim.agreed)])
    lines.extend(_table(header, rows))
    lines.extend(["", "## Claims", ""])
    for claim in comparison.claims:
        lines.extend(_markdown_claim(comparison, claim))
    if comparison.warnings:
        lines.extend(["## Warnings", ""])
        lines.extend(f"- {escape_markdown(w)}" for w in comparison.warnings)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


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
    for name, agreement in _figure_rows(comparison):
        row = [
            escape_markdown(name),
            str(agreement.alpha.units),
            escape_markdown(_percent(agreement.percent)),
            escape_markdown(_alpha_cell(agreement, "{value} ({metric})")),
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
    verdicts = [_bold(escape_markdown(_verdict_cell(v)), claim.agreed) for v in claim.verdicts]
    rows.append(["**verdict**", *verdicts, _agreed_cell(claim.agreed)])
    lines.extend(_table(header, rows))
    notes = _markdown_notes(claim)
    if notes:
        lines.append("")
        lines.extend(notes)
    lines.append("")
    return lines


def _markdown_row(row: QuestionComparison) -> list[str]:
    cells = [_bold(escape_markdown(_answer_cell(a.label)), row.agreed) for a in row.answers]
    return [escape_markdown(row.question), *cells, _agreed_cell(row.agreed)]


def _markdown_notes(claim: ClaimComparison) -> list[str]:
    lines: list[str] = []
    for who, qid, text, is_url in claim_notes(claim):
        said = f"evidence {link(show_url(text), text)}" if is_url else escape_markdown(text)
        lines.append(f"- {escape_markdown(who)} on {escape_markdown(qid)}: {said}")
    return lines


# --- JSON ----------------------------------------------------------------------------------------


RENDERERS = {"markdown": render_markdown, "json": render_json}
"""The text formats of `factcheck compare`; 'terminal' is `render_terminal`."""


def render_merge(result: MergeResult) -> RenderableType:
    """What a merge did: the rule, how many answers it settled, and the open questions."""
    from rich.console import Group

    lines: list[RenderableType] = [
        safe_text(
            f"Merged {len(result.reviewers)} reviewers ({', '.join(result.reviewers)}) "
            f"by the {result.rule} rule: {result.settled} answers settled, "
            f"{len(result.open)} open."
        )
    ]
    if result.open:
        lines.append(safe_text("Open questions: " + _open_list(result.open), style="bold"))
    return Group(*lines)


def _open_list(items: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{claim}.{question}" for claim, question in items)


# --- the report of a merged worksheet ----------------------------------------------------------


def merged_comparison(report: Report) -> Comparison | None:
    """For a merged worksheet's report: the reviewers it was merged from, compared."""
    from pathlib import Path

    from factcheck.team.compare import compare_sheets
    from factcheck.team.merge import reviewer_sheets

    worksheet = report.worksheet
    if worksheet.merge is None:
        return None
    return compare_sheets(reviewer_sheets(worksheet, Path(report.slug)), report.checklist)


def differences(comparison: Comparison) -> list[str]:
    """One line per claim question (or verdict) the reviewers answered differently."""
    lines = []
    for claim in comparison.claims:
        for row in claim.differing():
            shown = ", ".join(f"{a.reviewer} {_answer_cell(a.label)}" for a in row.answers)
            lines.append(f"{claim.id} {row.question}: {shown}")
        if claim.agreed is False:
            shown = ", ".join(f"{v.reviewer} {_verdict_cell(v)}" for v in claim.verdicts)
            lines.append(f"{claim.id} verdict: {shown}")
    return lines


def _merge_line(report: Report, comparison: Comparison) -> str:
    record = report.worksheet.merge
    rule = record.rule if record is not None else "?"
    still = _still_open(report)
    return (
        f"Merged from {len(comparison.sheets)} reviewers ({', '.join(comparison.reviewers)}) "
        f"by the {rule} rule; {_count(len(record.open) if record else 0, 'question')} left open, "
        f"{still} still open."
    )


def _still_open(report: Report) -> int:
    record = report.worksheet.merge
    if record is None:
        return 0
    count = 0
    for item in record.open:
        claim_id, _, qid = item.partition(".")
        answer = report.worksheet.entry(claim_id).answers.get(qid)
        count += answer is None or answer.value is None
    return count


def _count(number: int, word: str) -> str:
    return f"{number} {word if number == 1 else word + 's'}"


def agreement_markdown(report: Report, comparison: Comparison) -> list[str]:
    """The summary's section on the reviewers of a merged worksheet: figures, then differences."""
    lines = ["### Reviewers' agreement", "", escape_markdown(_merge_line(report, comparison)), ""]
    lines.extend(markdown_agreement(comparison))
    found = differences(comparison)
    if found:
        lines.extend(["", "Where the reviewers differed:", ""])
        lines.extend(f"- {escape_markdown(line)}" for line in found)
    return lines


def agreement_terminal(report: Report, comparison: Comparison) -> RenderableType:
    """The reviewers of a merged worksheet for the terminal report."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel

    parts: list[RenderableType] = [safe_text(_merge_line(report, comparison))]
    parts.append(_terminal_agreement(comparison))
    found = differences(comparison)
    if found:
        parts.append(safe_text("Where the reviewers differed:", style="bold"))
        parts.extend(safe_text(f"  {line}") for line in found)
    return Panel(Group(*parts), title="Reviewers", title_align="left", box=box.ROUNDED)


def agreement_data(report: Report, comparison: Comparison) -> dict[str, Any]:
    """The reviewers of a merged worksheet as JSON-ready data."""
    record = report.worksheet.merge
    return {
        "rule": record.rule if record else None,
        "reviewers": list(comparison.reviewers),
        "open": list(record.open) if record else [],
        "still_open": _still_open(report),
        "agreement": {
            "verdict": agreement_record(comparison.verdict),
            "questions": {q: agreement_record(a) for q, a in comparison.questions.items()},
        },
        "differences": differences(comparison),
    }


def add_agreement_to_report(report: Report, fmt: str, text: str, comparison: Comparison) -> str:
    """A rendered report with the merged reviewers' agreement: in markdown at the end of the
    summary, in JSON under ``team``, in terminal text at the end; other formats unchanged."""
    if fmt == "markdown":
        section = "\n".join(agreement_markdown(report, comparison))
        at = text.find("\n## ", text.find("## Summary") + 1)
        if at < 0:
            return text.rstrip("\n") + "\n\n" + section + "\n"
        return text[:at].rstrip("\n") + "\n\n" + section + "\n" + text[at:]
    if fmt == "json":
        import json

        data = json.loads(text)
        data["team"] = agreement_data(report, comparison)
        return _dumps(data)
    if fmt == "terminal":
        import io

        from rich.console import Console

        buffer = io.StringIO()
        console = Console(file=buffer, width=100, color_system=None, highlight=False)
        console.print(agreement_terminal(report, comparison))
        return text + "\n" + buffer.getvalue()
    return text

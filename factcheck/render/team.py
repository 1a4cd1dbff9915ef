"""Stage ⑨ render: several reviewers compared (terminal, markdown, JSON) and a merge's summary.

Pure functions of a `Comparison`. Reviewer names, answers, notes and claim text are untrusted:
on the terminal they go through `safe_text`, in markdown through `escape_markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.records import one_line, shorten
from factcheck.render.console import safe_text
from factcheck.render.jsonout import _dumps
from factcheck.render.team_cells import (
    DIFFERS,
    NO_CLAIMS,
    alpha_cell,
    answer_cell,
    claim_notes,
    differences,
    figure_rows,
    mark_text,
    merge_line,
    percent_text,
    still_open,
    verdict_cell,
)
from factcheck.render.team_json import agreement_record

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from factcheck.report.model import Report
    from factcheck.team.compare import (
        ClaimComparison,
        Comparison,
    )
    from factcheck.team.merge import MergeResult, Unsettled

CLAIM_WIDTH = 110
"""Characters of a claim's text shown in the verdicts table."""


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

    if not comparison.claims:
        # Tables of nothing, and "answered every claim alike" of no claim, said nothing true.
        warnings = [safe_text(f"Warning: {w}", style="yellow") for w in comparison.warnings]
        return Group(safe_text(NO_CLAIMS), *warnings)
    parts: list[RenderableType] = [_terminal_header(comparison), _terminal_agreement(comparison)]
    parts.append(_terminal_verdicts(comparison))
    differing = differing_claims(comparison)
    for claim in differing:
        parts.append(_terminal_claim(comparison, claim))
    if not differing:
        parts.append(safe_text(ALIKE))
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
    for name, agreement in figure_rows(comparison):
        cells = [
            safe_text(name),
            safe_text(str(agreement.alpha.units)),
            safe_text(percent_text(agreement.percent)),
            safe_text(alpha_cell(agreement, "{value} {metric}")),
        ]
        if two and agreement.kappa is not None:
            cells.append(safe_text(agreement.kappa.text()))
        table.add_row(*cells)
    return table


Row = tuple[str, list[str], bool | None, str]
"""A row side by side: its name, a cell per reviewer, whether they agreed, and its style."""
ALIKE = "The reviewers answered every claim alike."
"""Stands for the claims one by one when there are none to show."""
"""Stands for the claims one by one when there are none to show."""
VERDICTS_TITLE = "Verdicts"
"""Heads the verdicts side by side."""
GROUPED_VERDICTS = "Verdicts (the reviewers do not fit side by side)"
"""Heads the verdicts when they are shown one line per claim."""


def verdict_rows(comparison: Comparison) -> list[Row]:
    """The verdicts table's rows: one per claim."""
    return [
        (
            claim.id,
            [verdict_cell(v) for v in claim.verdicts],
            claim.agreed,
            "bold red" if claim.agreed is False else "",
        )
        for claim in comparison.claims
    ]


def _terminal_verdicts(comparison: Comparison) -> RenderableType:
    from rich.console import Group

    rows = verdict_rows(comparison)

    def table() -> RenderableType:
        from rich import box
        from rich.table import Table

        table = Table(title=VERDICTS_TITLE, title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("Claim", no_wrap=True)
        for reviewer in comparison.reviewers:
            table.add_column(safe_text(reviewer))
        table.add_column("", no_wrap=True)
        for claim_id, cells, agreed, style in rows:
            table.add_row(
                safe_text(claim_id),
                *(safe_text(cell, style=style) for cell in cells),
                safe_text(mark_text(agreed), style=style),
            )
        return table

    def grouped() -> RenderableType:
        lines = [safe_text(GROUPED_VERDICTS, style="italic")]
        lines.extend(
            _grouped_line(claim_id, comparison.reviewers, cells, agreed, style)
            for claim_id, cells, agreed, style in rows
        )
        return Group(*lines)

    return _SideBySide(natural_width(comparison.reviewers, rows, "Claim"), table, grouped)


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


def natural_width(reviewers: Sequence[str], rows: Sequence[Row], first: str) -> int:
    """The width of the side-by-side table with no cell wrapped: each column its widest cell
    and a space either side, a space between columns and at each edge."""
    from rich.cells import cell_len

    def widest(texts: list[str]) -> int:
        # Printable ASCII is a cell a character, as Rich measures it, without measuring.
        joined = "".join(texts)
        return max(map(len if joined.isascii() and joined.isprintable() else cell_len, texts))

    widths = [widest([first, *(row[0] for row in rows)])]
    for i, reviewer in enumerate(reviewers):
        widths.append(widest([reviewer, *(row[1][i] for row in rows)]))
    widths.append(cell_len(DIFFERS))
    return sum(width + 2 for width in widths) + len(widths) + 1


def _grouped_line(
    name: str, reviewers: Sequence[str], cells: Sequence[str], agreed: bool | None, style: str
) -> Text:
    """One row as a line (see :func:`grouped_text`)."""
    return safe_text(grouped_text(name, reviewers, cells, agreed), style=style)


def grouped_text(
    name: str, reviewers: Sequence[str], cells: Sequence[str], agreed: bool | None
) -> str:
    """One row as a line: its name, ≠ when the reviewers differ, then each value given with
    the reviewers who gave it, in order of first appearance, the largest group last as 'the
    other N' ('all' when they gave one value)."""
    groups: dict[str, list[str]] = {}
    for reviewer, cell in zip(reviewers, cells, strict=True):
        groups.setdefault(cell, []).append(reviewer)
    mark = f" {mark_text(agreed)}" if agreed is False else ""
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
    return f"  {name}{mark}  {shown}"


def claim_rows(claim: ClaimComparison) -> list[Row]:
    """A differing claim's rows: one per question answered, then its verdicts."""
    rows = [
        (
            row.question,
            [answer_cell(a.label) for a in row.answers],
            row.agreed,
            "bold red" if row.agreed is False else "",
        )
        for row in claim.questions
    ]
    verdict_style = "bold red" if claim.agreed is False else "bold"
    rows.append(("verdict", [verdict_cell(v) for v in claim.verdicts], claim.agreed, verdict_style))
    return rows


def claim_title(claim: ClaimComparison) -> str:
    """The title of a differing claim's panel: its id and its text, shortened."""
    return f"{claim.id}  {shorten(one_line(claim.text), CLAIM_WIDTH)}"


def differing_claims(comparison: Comparison) -> list[ClaimComparison]:
    """The claims shown one by one: those whose verdicts or answers differ."""
    return [c for c in comparison.claims if c.agreed is False or c.differing()]


def _terminal_claim(comparison: Comparison, claim: ClaimComparison) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel

    rows = claim_rows(claim)
    verdict_style = rows[-1][3]

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
                safe_text(mark_text(agreed), style=style),
            )
        verdicts = [safe_text(cell, style=verdict_style) for cell in rows[-1][1]]
        table.add_row(
            safe_text("verdict", style="bold"), *verdicts, safe_text(mark_text(claim.agreed))
        )
        return table

    def grouped() -> RenderableType:
        return Group(
            *(
                _grouped_line(name, comparison.reviewers, cells, agreed, style)
                for name, cells, agreed, style in rows
            )
        )

    # The table has no outer edge: two columns fewer of spaces.
    natural = natural_width(comparison.reviewers, rows, "Question") - 2
    notes = [_note_text(line) for line in note_lines(claim)]
    title = safe_text(claim_title(claim))
    return Panel(
        Group(_SideBySide(natural, table, grouped), *notes),
        title=title,
        title_align="left",
        box=box.ROUNDED,
    )


def note_lines(claim: ClaimComparison) -> list[str]:
    """A differing claim's notes and evidence, a line each, under its rows."""
    lines = []
    for who, qid, text, is_url in claim_notes(claim):
        lines.append(f"{who} on {qid}: {'evidence ' if is_url else ''}{one_line(text)}")
    return lines


def _note_text(line: str) -> Text:
    return safe_text(line, style="dim")


def render_merge(result: MergeResult) -> RenderableType:
    """What a merge did: the rule, how many answers it settled, the open questions, the
    corrections and parts of the report it settled or left as they were, and the claims some
    reviewer dropped as not a claim that it dropped, kept or left open."""
    from rich.console import Group

    from factcheck.review.worksheet_fast import MERGE_OVERRIDE, MERGE_SPLIT

    lines: list[RenderableType] = [
        safe_text(
            f"Merged {len(result.reviewers)} reviewers ({', '.join(result.reviewers)}) "
            f"by the {result.rule} rule: {result.settled} answers settled, "
            f"{len(result.open)} open."
        )
    ]
    if result.open:
        lines.append(safe_text("Open questions: " + _open_list(result.open), style="bold"))
    left_as_they_were = result.corrections_unsettled
    if result.corrections or left_as_they_were:
        lines.append(
            safe_text(
                f"Corrections and parts of the report: {result.corrections} settled, "
                f"{len(left_as_they_were)} left as they were."
            )
        )
    if left_as_they_were:
        lines.append(safe_text(f"Left as they were: {_votes(left_as_they_were)}", style="bold"))
    left_open = result.drops_open
    if result.drops or left_open:
        counts = [
            _claims(what, [claim for claim, done in result.drops if done == what])
            for what in ("dropped", "kept")
        ]
        counts.append(_claims("left open", [item.claim for item in left_open]))
        lines.append(safe_text(f"Drops (not a claim): {', '.join(counts)}."))
    if left_open:
        lines.append(safe_text(f"Left open: {_votes(left_open)}", style="bold"))
    overrides = [item for item in result.unsettled if item.field == MERGE_OVERRIDE]
    if overrides:
        lines.append(safe_text(f"Verdict overrides left open: {_votes(overrides)}", style="bold"))
    splits = [item for item in result.unsettled if item.field == MERGE_SPLIT]
    if splits:
        lines.append(safe_text(f"Splits left open: {_votes(splits)}", style="bold"))
    return Group(*lines)


def _votes(items: Sequence[Unsettled]) -> str:
    """Each item the rule did not settle with every reviewer's value."""
    return "; ".join(
        f"{item.item} ({', '.join(f'{name} {value}' for name, value in item.votes)})"
        for item in items
    )


def _claims(what: str, claims: Sequence[str]) -> str:
    """'2 dropped (c1, c3)', or '0 kept'."""
    return f"{len(claims)} {what}" + (f" ({', '.join(claims)})" if claims else "")


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


def agreement_terminal(report: Report, comparison: Comparison) -> RenderableType:
    """The reviewers of a merged worksheet for the terminal report."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel

    parts: list[RenderableType] = [safe_text(merge_line(report, comparison))]
    parts.append(_terminal_agreement(comparison))
    found = differences(comparison)
    if found:
        parts.append(safe_text("Where the reviewers differed:", style="bold"))
        parts.extend(safe_text(f"  {line}") for line in found)
    return Panel(Group(*parts), title="Reviewers", title_align="left", box=box.ROUNDED)


def agreement_data(report: Report, comparison: Comparison) -> dict[str, Any]:
    """The reviewers of a merged worksheet as JSON-ready data."""
    from factcheck.team.unsettled import still_unsettled

    record = report.worksheet.merge
    return {
        "rule": record.rule if record else None,
        "reviewers": list(comparison.reviewers),
        "open": list(record.open) if record else [],
        "still_open": still_open(report),
        "unsettled": list(record.unsettled) if record else [],
        "still_unsettled": list(still_unsettled(report.worksheet)),
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
        from factcheck.render.team_markdown import agreement_markdown

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

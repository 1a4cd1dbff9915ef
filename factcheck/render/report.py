"""Stage ⑨ render: the report as Rich renderables for the terminal.

Every string that comes from the article, the reviewer or a registry or checklist file is wrapped
with :func:`factcheck.render.console.safe_text`, so it is never parsed as Rich markup and its
control characters are shown, not obeyed.
"""

from __future__ import annotations

import io

from rich import box
from rich.color import Color, ColorParseError
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.checklist import SOURCE_RELIABILITY
from factcheck.errors import RenderError
from factcheck.render.console import safe_text
from factcheck.report import (
    AnswerRow,
    ClaimRow,
    ClaimStatus,
    Report,
    answer_text,
    day,
    one_line,
    shorten,
)

DASH = "—"
"""Shown where there is nothing to show."""
TEXT_WIDTH = 160
"""Characters of a claim's text kept in the claims table before the table's own ellipsis."""


def verdict_style(colour: str | None) -> str:
    """A Rich style for a scale colour; none when the checklist's colour is not one Rich knows."""
    if not colour:
        return ""
    try:
        Color.parse(colour)
    except ColorParseError:
        return ""
    return f"bold {colour}"


def _verdict(row: ClaimRow) -> Text:
    if row.status is ClaimStatus.SKIPPED:
        return Text("skipped", style="dim")
    label = safe_text(row.label, style=verdict_style(row.colour))
    if row.status is ClaimStatus.OPEN:
        label.append(" (open)", style="dim")
    return label


def _summary(report: Report) -> RenderableType:
    doc = report.document
    checklist = report.checklist
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()

    def row(label: str, value: str | Text | None) -> None:
        if value:
            grid.add_row(label, value if isinstance(value, Text) else safe_text(value))

    row("Article", one_line(doc.title or "") or doc.source)
    row("Outlet", doc.outlet)
    row("By", doc.byline)
    row("Published", doc.published)
    row("Address", doc.url)
    if not doc.url:
        row("Source", doc.source)
    row("Reviewed by", ", ".join(report.reviewers) or "nobody yet")
    row("Review date", day(report.reviewed))
    row("Checklist", f"{checklist.name} ({checklist.id}, version {checklist.version})")
    counts = Text()
    for count in report.counts:
        if not count.count:
            continue
        if counts:
            counts.append("  ")
        counts.append_text(safe_text(count.label, style=verdict_style(count.colour)))
        counts.append(f" {count.count}")
    for name, number in (("open", report.open), ("skipped", report.skipped)):
        if number:
            counts.append("  " if counts else "")
            counts.append(f"{name} {number}", style="dim")
    row("Claims", f"{len(report.claims)}")
    row("Verdicts", counts)
    if checklist.grade is not None:
        grades = "  ".join(f"{code} {count}" for code, count in report.grades)
        row("Grades", grades or "none yet")
    return Panel(grid, title="Fact-check report", title_align="left", box=box.ROUNDED)


def _claims_table(report: Report) -> Table:
    graded = report.checklist.grade is not None
    table = Table(title="Claims", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    if graded:
        table.add_column("grade", no_wrap=True, justify="center")
    table.add_column("speaker", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("hops", justify="right", no_wrap=True)
    table.add_column("claim", ratio=1, overflow="ellipsis", no_wrap=True)
    for row in report.claims:
        cells: list[RenderableType] = [safe_text(row.id), _verdict(row)]
        if graded:
            cells.append(safe_text(row.grade or DASH))
        cells += [
            safe_text(row.speaker or DASH),
            str(row.hops),
            safe_text(shorten(row.claim.text, TEXT_WIDTH)),
        ]
        table.add_row(*cells)
    return table


def _reliability(letter: str | None) -> Text:
    if letter is None:
        return Text(DASH, style="dim")
    meaning = SOURCE_RELIABILITY.get(letter)
    return safe_text(f"{letter} {meaning.lower()}" if meaning else letter)


def _sources_table(report: Report) -> RenderableType:
    if not report.sources:
        return Text("No source on the claims' chains was recognised.", style="dim")
    table = Table(
        title="Sources",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        caption="Reliability letters are the registry's defaults, not findings.",
        caption_justify="left",
    )
    table.add_column("source")
    table.add_column("kind")
    table.add_column("affiliation")
    table.add_column("reliability", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    for source in report.sources:
        table.add_row(
            safe_text(source.name),
            safe_text(source.kind),
            safe_text(", ".join(source.affiliation) or DASH),
            _reliability(source.reliability),
            str(len(source.claims)),
        )
    return table


def _answer(answer: AnswerRow) -> Text:
    if answer.label is None:
        return Text(DASH, style="dim")
    text = safe_text(one_line(answer_text(answer)), style="bold")
    if answer.prefill_accepted:
        text.append(" (suggested)", style="dim")
    return text


def _why(row: ClaimRow) -> Text:
    """Why the claim has its verdict: the override, or the rule and its reason."""
    if row.override is not None:
        by = f"{row.override.reviewer}, {day(row.override.at)}"
        return safe_text(f"overridden by {by}: {one_line(row.override.reason)}")
    rule = f"rule {row.rule_number}" + ("" if row.rule == "default" else f": {row.rule}")
    text = safe_text(one_line(row.reason or ""))
    if text:
        text.append("  ")
    text.append_text(safe_text(f"({rule})", style="dim"))
    return text


def _answers_table(row: ClaimRow) -> Table:
    table = Table(box=box.SIMPLE, expand=True, pad_edge=False)
    table.add_column("question", ratio=3)
    table.add_column("answer", ratio=1)
    table.add_column("note and evidence", ratio=3, overflow="fold")
    for answer in row.answers:
        if not answer.asked:
            continue
        notes = Text()
        if answer.note:
            notes.append_text(safe_text(one_line(answer.note)))
        for url in answer.evidence:
            if notes:
                notes.append("\n")
            notes.append_text(safe_text(url, style="underline"))
        table.add_row(safe_text(one_line(answer.ask)), _answer(answer), notes)
    return table


def _details(row: ClaimRow) -> RenderableType:
    att = row.claim.attribution
    lines: list[RenderableType] = [safe_text(one_line(row.claim.text))]
    lines.append(Text.assemble(("chain: ", "dim"), safe_text(" ← ".join(row.chain))))
    if att.role:
        lines.append(Text.assemble(("role: ", "dim"), safe_text(att.role)))
    if att.hedges:
        lines.append(Text.assemble(("hedged: ", "dim"), safe_text(", ".join(att.hedges))))
    reviewed = any(answer.value is not None for answer in row.answers)
    if row.status is ClaimStatus.FINAL:
        lines.append(Text.assemble(("why: ", "dim"), _why(row)))
    elif row.status is ClaimStatus.OPEN and reviewed:
        missing = ", ".join(row.missing)
        lines.append(Text.assemble(("unanswered: ", "dim"), safe_text(missing)))
    elif row.status is ClaimStatus.OPEN:
        lines.append(Text("not reviewed yet", style="dim"))
    if reviewed:
        lines.append(_answers_table(row))
    title = Text.assemble(safe_text(row.id, style="bold"), " ", _verdict(row))
    if row.grade and row.status is ClaimStatus.FINAL:
        title.append_text(safe_text(f" {row.grade}"))
    return Panel(Group(*lines), title=title, title_align="left", box=box.ROUNDED)


def render_terminal(report: Report, details: bool = False) -> RenderableType:
    """The report for the terminal: summary panel, claims table, sources, optional details."""
    parts: list[RenderableType] = [_summary(report), _claims_table(report)]
    if details:
        parts += [_details(row) for row in report.claims]
    parts.append(_sources_table(report))
    if report.warnings:
        parts += [safe_text(f"Note: {warning}", style="yellow") for warning in report.warnings]
    return Group(*parts)


TEXT_FORMATS = ("terminal", "markdown", "json", "claimreview", "csv")
"""The formats :func:`render_report` writes."""


def render_report(
    report: Report, fmt: str, *, details: bool = False, url: str | None = None, width: int = 100
) -> str:
    """The report as text in one of TEXT_FORMATS; 'terminal' is the plain text of the terminal
    view at ``width`` columns, without colour or escape codes (for a file)."""
    if fmt == "terminal":
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None, highlight=False)
        console.print(render_terminal(report, details))
        return buffer.getvalue()
    if fmt == "markdown":
        from factcheck.render.markdown import render_markdown

        return render_markdown(report)
    from factcheck.render import data

    if fmt == "json":
        return data.render_json(report)
    if fmt == "claimreview":
        return data.render_claimreview(report, url=url)
    if fmt == "csv":
        return data.render_csv(report)
    raise RenderError(f"unknown report format {fmt!r} (expected {', '.join(TEXT_FORMATS)})")

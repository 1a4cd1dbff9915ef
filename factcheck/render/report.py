"""Stage ⑨ render: the report as Rich renderables for the terminal.

Every string that comes from the article, the reviewer or a registry or checklist file is wrapped
with :func:`factcheck.render.console.safe_text`, so it is never parsed as Rich markup and its
control characters are shown, not obeyed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import assert_never

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.color import Color, ColorParseError
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from factcheck.checklist.load import SOURCE_RELIABILITY
from factcheck.errors import RenderError
from factcheck.records import one_line, shorten
from factcheck.render.console import defang, safe_text
from factcheck.render.diagram import chain_tree, verdict_bars
from factcheck.render.formats import REPORT_FORMATS, ReportFormat, parse_format
from factcheck.render.markdown import hops_shown
from factcheck.report.model import (
    AnswerRow,
    ClaimRow,
    ClaimStatus,
    Report,
    answer_text,
    claim_marks,
    day,
    other_voices,
    researched,
)
from factcheck.team.unsettled import unsettled_reasons

DASH = "—"
"""Shown where there is nothing to show."""
TEXT_WIDTH = 160
"""Characters of a claim's text kept in the claims table before the table's own ellipsis."""


DIM = Style(dim=True)
BOLD = Style(bold=True)


def _style(style: str) -> Style | None:
    return Style.parse(style) if style else None


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
    if row.status is ClaimStatus.OPEN:
        return Text("open", style="dim")
    return safe_text(row.label, style=verdict_style(row.colour))


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
    row("Claims", f"{len(report.claims)}")
    row("Verdicts", verdict_bars(report, verdict_style))
    if checklist.grade is not None:
        grades = "  ".join(f"{code} {count}" for code, count in report.grades)
        row("Grades", grades or "none yet")
    return Panel(grid, title="Fact-check report", title_align="left", box=box.ROUNDED)


class ClaimsTable:
    """The claims table: one line per claim, columns fitted to the console's width.

    A Rich Table measures every cell of every row; for a worksheet of thousands of claims that
    takes seconds, so this lays the columns out once and writes each row as plain segments.
    Every cell is made safe with ``defang`` first: segments reach the terminal as they are.
    """

    GAP = 3
    """Spaces between columns."""
    SPEAKER_WIDTH = 20
    """Widest the speaker column gets; longer names end in '…'."""

    def __init__(self, report: Report) -> None:
        self.graded = report.checklist.grade is not None
        self.report = report
        self.rows = [self._cells(row) for row in report.claims]

    def _cells(self, row: ClaimRow) -> list[tuple[str, Style | None]]:
        """The row's cells as (text, style), already safe for the terminal."""
        verdict: tuple[str, Style | None]
        if row.status is ClaimStatus.SKIPPED:
            verdict = ("skipped", DIM)
        elif row.status is ClaimStatus.OPEN:
            verdict = ("open", DIM)
        else:
            verdict = (defang(one_line(row.label)), _style(verdict_style(row.colour)))
        cells: list[tuple[str, Style | None]] = [(defang(one_line(row.id)), None), verdict]
        if self.graded:
            cells.append((defang(row.grade or DASH), None))
        cells += [
            (defang(one_line(row.speaker or "")) or DASH, None),
            # The reviewer's answer about the hops, over the tool's count.
            (defang(hops_shown(self.report, row)), None),
            (defang(shorten(_marked(row), TEXT_WIDTH)), None),
        ]
        return cells

    def _widths(self, width: int) -> list[int]:
        header = ["id", "verdict", *(["grade"] if self.graded else []), "speaker", "hops", "claim"]
        widths = [cell_len(name) for name in header]
        for cells in self.rows:
            for index, (text, _) in enumerate(cells[:-1]):
                widths[index] = max(widths[index], cell_len(text))
        speaker = len(header) - 3
        widths[speaker] = min(widths[speaker], self.SPEAKER_WIDTH)
        used = sum(widths[:-1]) + self.GAP * (len(widths) - 1) + 2
        widths[-1] = max(10, width - used)
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        header = ["id", "verdict", *(["grade"] if self.graded else []), "speaker", "hops", "claim"]
        widths = self._widths(options.max_width)
        right = {len(header) - 2}  # hops
        if self.graded:
            right.add(2)
        total = min(options.max_width, sum(widths) + self.GAP * (len(widths) - 1) + 2)
        yield Segment("Claims", Style(italic=True))
        yield Segment.line()
        yield from self._line([(name, BOLD) for name in header], widths, right, total)
        yield Segment("─" * total, DIM)
        yield Segment.line()
        for cells in self.rows:
            yield from self._line(cells, widths, right, total)
        yield Segment.line()

    def _line(
        self,
        cells: list[tuple[str, Style | None]],
        widths: list[int],
        right: set[int],
        total: int,
    ) -> Iterable[Segment]:
        yield Segment(" ")
        used = 1
        for index, ((text, style), width) in enumerate(zip(cells, widths, strict=True)):
            if index:
                yield Segment(" " * self.GAP)
                used += self.GAP
            width = min(width, total - used - 1)
            if width <= 0:
                break
            if cell_len(text) > width:
                text = set_cell_size(text, width - 1) + "…"
            pad = " " * (width - cell_len(text))
            if index in right:
                yield Segment(pad)
                yield Segment(text, style)
            else:
                yield Segment(text, style)
                yield Segment(pad)
            used += width
        yield Segment.line()


def _marked(row: ClaimRow) -> str:
    """A claim's text in the claims table, after its marks (caption, repeats)."""
    marks = claim_marks(row)
    return f"({'; '.join(marks)}) {row.claim.text}" if marks else row.claim.text


def _reliability(letter: str | None) -> Text:
    if letter is None:
        return Text(DASH, style="dim")
    return safe_text(letter, style="bold")


RELIABILITY_NOTE = (
    "Reliability: the registry's default letters, not findings: "
    + ", ".join(f"{letter} {meaning.lower()}" for letter, meaning in SOURCE_RELIABILITY.items())
    + "."
)


def _sources_table(report: Report) -> RenderableType:
    if not report.sources:
        return Text("No source on the claims' chains was recognised.", style="dim")
    table = Table(
        title="Sources",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        caption=RELIABILITY_NOTE,
        caption_justify="left",
    )
    table.add_column("source", overflow="fold")
    table.add_column("kind")
    table.add_column("affiliation", overflow="fold")
    table.add_column("reliability", justify="center", no_wrap=True)
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


def _voices_table(report: Report) -> RenderableType | None:
    voices = other_voices(report.worksheet)
    if not voices:
        return None
    table = Table(title="Other voices", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=3)
    table.add_column("who", overflow="fold", ratio=2)
    for segment in voices:
        att = segment.attribution
        assert att is not None and att.speaker is not None  # other_voices keeps only these
        who = att.speaker + (f", {att.role}" if att.role else "")
        who += f" ({att.verb})" if att.verb else ""
        who += f", via {', '.join(att.via)}" if att.via else ""
        who += f"; also {', '.join(att.others)}" if att.others else ""
        table.add_row(
            str(segment.kind), safe_text(shorten(one_line(segment.text), 160)), safe_text(who)
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
        ruled = f" (the rules give {row.rules_label})" if row.rules_label else ""
        return safe_text(f"overridden by {by}{ruled}: {one_line(row.override.reason)}")
    rule = f"rule {row.rule_number}" + ("" if row.rule == "default" else f": {row.rule}")
    text = safe_text(one_line(row.reason or ""))
    if text:
        text.append("  ")
    text.append_text(safe_text(f"({rule})", style="dim"))
    return text


def _answer_lines(text: Text, number: int, answer: AnswerRow) -> None:
    text.append(f"\n{number}. ", style="dim")
    text.append_text(safe_text(one_line(answer.ask)))
    text.append("  ")
    text.append_text(_answer(answer))
    if answer.note and answer.note.strip():
        text.append("\n   note: ", style="dim")
        text.append_text(safe_text(one_line(answer.note)))
    for url in answer.evidence:
        text.append("\n   evidence: ", style="dim")
        text.append_text(safe_text(one_line(url), style="underline"))


def _details(row: ClaimRow) -> RenderableType:
    """One claim in full: its text, chain, why it has its verdict, and every answer."""
    att = row.claim.attribution
    head = Text.assemble(safe_text(row.id, style="bold"), "  ", _verdict(row))
    if row.grade and row.status is ClaimStatus.FINAL:
        head.append_text(safe_text(f"  grade {row.grade}"))
    claim = safe_text(one_line(row.claim.text), style="italic")
    chain = Group(Text("chain:", style="dim"), chain_tree(row.chain))
    text = Text()
    if att.role:
        text.append("\nrole: ", style="dim")
        text.append_text(safe_text(one_line(att.role)))
    for mark in claim_marks(row):
        text.append("\nmarked: ", style="dim")
        text.append_text(safe_text(mark))
    if att.hedges:
        text.append("\nhedged: ", style="dim")
        text.append_text(safe_text(", ".join(att.hedges)))
    if row.entry.corrected:
        text.append("\ncorrected by the reviewer: ", style="dim")
        text.append_text(safe_text(", ".join(row.entry.corrected)))
    if row.entry.conclusion:
        text.append("\nconclusion: ", style="dim")
        text.append_text(safe_text(one_line(row.entry.conclusion)))
    reviewed = any(answer.value is not None for answer in row.answers)
    if row.status is ClaimStatus.FINAL:
        text.append("\nwhy: ", style="dim")
        text.append_text(_why(row))
    elif row.status is ClaimStatus.OPEN and reviewed:
        text.append("\nunanswered: ", style="dim")
        text.append_text(safe_text(", ".join(row.missing)))
        text.append("\nso far: ", style="dim")
        text.append_text(Text.assemble(safe_text(row.label), " ", _why(row)))
    elif row.status is ClaimStatus.OPEN:
        text.append("\nnot reviewed yet", style="dim")
    if any(researched(answer) for answer in row.answers):
        # Notes and evidence recorded before an answer was chosen are shown too.
        asked = [answer for answer in row.answers if answer.asked]
        for number, answer in enumerate(asked, start=1):
            _answer_lines(text, number, answer)
    body = Group(claim, chain, text[1:]) if text else Group(claim, chain)
    return Group(head, Padding(body, (0, 0, 1, 2)))


def render_terminal(report: Report, details: bool = False) -> RenderableType:
    """The report for the terminal: summary panel, claims table, sources, optional details."""
    parts: list[RenderableType] = [_summary(report), ClaimsTable(report)]
    unsettled = unsettled_reasons(report.worksheet)
    if unsettled:
        todo = Text("To do before publishing", style="bold")
        for item, reason in unsettled:
            todo.append_text(
                safe_text(f"\n- Settle {item}" + (f" ({one_line(reason)})." if reason else "."))
            )
        todo.append_text(safe_text("\nSettle them with: factcheck review WORKSHEET", style="dim"))
        parts.append(todo)
    if details:
        parts += [_details(row) for row in report.claims]
    voices = _voices_table(report)
    if voices is not None:
        parts.append(voices)
    parts.append(_sources_table(report))
    if report.warnings:
        parts += [safe_text(f"Note: {warning}", style="yellow") for warning in report.warnings]
    return Group(*parts)


TEXT_FORMATS = tuple(fmt.value for fmt in REPORT_FORMATS)
"""The formats :func:`render_report` writes."""


def render_report(
    report: Report,
    fmt: ReportFormat | str,
    *,
    details: bool = False,
    url: str | None = None,
    width: int = 100,
) -> str:
    """The report as text in one of TEXT_FORMATS; 'terminal' is the plain text of the terminal
    view at ``width`` columns, without colour or escape codes (for a file)."""
    chosen = parse_format(fmt) if isinstance(fmt, str) else fmt
    if chosen is None:
        raise RenderError(f"unknown report format {fmt!r} (expected {', '.join(TEXT_FORMATS)})")
    from factcheck.render import data

    match chosen:
        case ReportFormat.TERMINAL:
            buffer = io.StringIO()
            console = Console(file=buffer, width=width, color_system=None, highlight=False)
            console.print(render_terminal(report, details))
            return buffer.getvalue()
        case ReportFormat.MARKDOWN:
            from factcheck.render.markdown import render_markdown

            return render_markdown(report, details=details)
        case ReportFormat.JSON:
            return data.render_json(report)
        case ReportFormat.CLAIMREVIEW:
            return data.render_claimreview(report, url=url)
        case ReportFormat.CSV:
            return data.render_csv(report)
        case _:
            assert_never(chosen)

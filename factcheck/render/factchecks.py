"""Stage ⑨ render: known fact-checks — search results, database statistics and import summaries."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.factchecks.model import Match, Problem
from factcheck.factchecks.store import DatabaseStats, ImportCounts
from factcheck.render.console import safe_text
from factcheck.render.jsonout import escaped

if TYPE_CHECKING:
    from factcheck.report.model import Report


def search_record(query: str, matches: Sequence[Match]) -> dict[str, object]:
    """One query's results as plain data."""
    return {"query": query, "matches": [m.record() for m in matches]}


def render_search_json(query: str, matches: Sequence[Match]) -> str:
    """One query's results as an indented JSON object."""
    return escaped(json.dumps(search_record(query, matches), ensure_ascii=False, indent=2)) + "\n"


def render_search_line(query: str, matches: Sequence[Match]) -> str:
    """One query's results as one JSON line."""
    return escaped(json.dumps(search_record(query, matches), ensure_ascii=False)) + "\n"


def match_summary(match: Match) -> str:
    """Rating, publisher and date of a match in one line: 'False · Snopes · 2020-01-14'."""
    parts = [match.rating or "unrated", match.publisher or "", match.date or ""]
    return " · ".join(p for p in parts if p)


def render_search_table(query: str, matches: Sequence[Match]) -> RenderableType:
    """One query's results as a table, best first."""
    if not matches:
        return Text("No known fact-check matches.", style="yellow")
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("claim checked", ratio=4)
    table.add_column("rating", ratio=1, overflow="fold")
    table.add_column("review", ratio=2, overflow="fold")
    for match in matches:
        review = safe_text(match.title or "")
        where = " · ".join(p for p in (match.publisher, match.date, match.url) if p)
        if where:
            if review:
                review.append("\n")
            review.append_text(safe_text(where, style="dim"))
        table.add_row(
            f"{match.score:.2f}",
            safe_text(match.claim),
            safe_text(match.rating or "—"),
            review,
        )
    header = safe_text(query if len(query) <= 200 else query[:199] + "…", style="bold")
    return Group(header, table)


def render_stats(stats: DatabaseStats) -> RenderableType:
    """What the database holds and where it came from."""
    index = "FTS5 full-text index" if stats.full_text else "no FTS5: every record is scanned"
    head = safe_text(f"{stats.path}\n", style="bold")
    head.append_text(
        safe_text(f"{stats.records} fact-checks · {stats.size / 1e6:.1f} MB · {index}")
    )
    parts: list[RenderableType] = [head]
    origins = Table(box=box.SIMPLE_HEAD, title="Imported from", title_justify="left")
    origins.add_column("file", overflow="fold")
    origins.add_column("records", justify="right")
    origins.add_column("reviews dated", no_wrap=True)
    for origin in stats.origins:
        span = " to ".join(dict.fromkeys(d for d in (origin.first, origin.last) if d)) or "—"
        origins.add_row(safe_text(origin.origin), str(origin.records), safe_text(span))
    parts.append(origins)
    for title, rows in (
        ("Publishers", stats.publishers),
        ("Verdicts", stats.verdicts),
        ("Languages", stats.languages),
    ):
        if not rows:
            continue
        table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
        table.add_column("name", overflow="fold")
        table.add_column("records", justify="right")
        for name, count in rows:
            table.add_row(safe_text(name), str(count))
        parts.append(table)
    return Group(*parts)


def stats_record(stats: DatabaseStats) -> dict[str, object]:
    """The statistics as plain data."""
    return {
        "path": stats.path,
        "records": stats.records,
        "size": stats.size,
        "full_text": stats.full_text,
        "origins": [
            {"origin": o.origin, "records": o.records, "first": o.first, "last": o.last}
            for o in stats.origins
        ],
        "publishers": dict(stats.publishers),
        "verdicts": dict(stats.verdicts),
        "languages": dict(stats.languages),
    }


def import_summary(origin: str, counts: ImportCounts, problems: Sequence[Problem]) -> str:
    """One line per imported file: what was added, updated, unchanged and skipped."""
    count = sum(1 for problem in problems if problem.skipped)
    skipped = f", {count} skipped" if count else ""
    return (
        f"{origin}: {counts.added} added, {counts.updated} updated, "
        f"{counts.unchanged} unchanged{skipped}"
    )


SECTION_TITLE = "Known fact-checks"
"""The heading of the report section listing prior fact-checks per claim."""


def factchecks_markdown(report: Report, found: Mapping[str, Sequence[Match]]) -> str:
    """The prior fact-checks of each claim as a markdown section; every field is untrusted text,
    escaped, and only http(s) addresses become links."""
    from factcheck.render.markdown import escape_markdown, link

    lines = [f"## {SECTION_TITLE}", ""]
    listed = [(row, found.get(row.id, ())) for row in report.claims]
    listed = [(row, matches) for row, matches in listed if matches]
    if not listed:
        lines.append("No claim matches a known fact-check.")
        return "\n".join(lines)
    lines += [
        "Published fact-checks that match a claim, best match first (match score from 0 to 1).",
        "",
    ]
    for row, matches in listed:
        lines.append(f"- **{row.id}**: {escape_markdown(' '.join(row.claim.text.split()))}")
        for match in matches:
            head = " · ".join(
                p for p in (match.rating or "unrated", match.publisher, match.date) if p
            )
            reviewed = escape_markdown(" ".join(match.claim.split()))
            lines.append(f"  - {link(head, match.url)}: “{reviewed}” (match {match.score:.2f})")
    return "\n".join(lines)


def render_factchecks_terminal(report: Report, found: Mapping[str, Sequence[Match]]) -> Group:
    """The prior fact-checks of each claim for the terminal."""
    parts: list[RenderableType] = [Text(SECTION_TITLE, style="bold")]
    for row in report.claims:
        for match in found.get(row.id, ()):
            line = safe_text(f"{row.id}  ", style="cyan")
            line.append_text(safe_text(match_summary(match), style="bold"))
            line.append_text(safe_text(f"  “{' '.join(match.claim.split())}”"))
            if match.url:
                line.append_text(safe_text(f"  {match.url}", style="dim"))
            parts.append(line)
    if len(parts) == 1:
        parts.append(Text("No claim matches a known fact-check.", style="dim"))
    return Group(*parts)


def add_factchecks_to_report(
    report: Report, fmt: str, text: str, found: Mapping[str, Sequence[Match]]
) -> str:
    """A rendered report with each claim's prior fact-checks: in markdown as a section after the
    claims, in terminal text at the end; data formats are returned unchanged."""
    if fmt == "markdown":
        section = factchecks_markdown(report, found)
        claims = text.find("\n## Claims")
        at = text.find("\n## ", claims + 1) if claims >= 0 else -1
        if at < 0:
            return text.rstrip("\n") + "\n\n" + section + "\n"
        return text[:at].rstrip("\n") + "\n\n" + section + "\n" + text[at:]
    if fmt == "terminal":
        import io

        from rich.console import Console

        buffer = io.StringIO()
        console = Console(file=buffer, width=100, color_system=None, highlight=False)
        console.print(render_factchecks_terminal(report, found))
        return text + "\n" + buffer.getvalue()
    return text

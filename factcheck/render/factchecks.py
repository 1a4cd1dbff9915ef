"""Stage ⑨ render: known fact-checks — search results, database statistics and import summaries."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.factchecks.model import Match, Problem
from factcheck.factchecks.store import DatabaseStats, ImportCounts
from factcheck.render.console import safe_text


def search_record(query: str, matches: Sequence[Match]) -> dict[str, object]:
    """One query's results as plain data."""
    return {"query": query, "matches": [m.record() for m in matches]}


def render_search_json(query: str, matches: Sequence[Match]) -> str:
    """One query's results as an indented JSON object."""
    return json.dumps(search_record(query, matches), ensure_ascii=False, indent=2) + "\n"


def render_search_line(query: str, matches: Sequence[Match]) -> str:
    """One query's results as one JSON line."""
    return json.dumps(search_record(query, matches), ensure_ascii=False) + "\n"


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
    skipped = f", {len(problems)} skipped" if problems else ""
    return (
        f"{origin}: {counts.added} added, {counts.updated} updated, "
        f"{counts.unchanged} unchanged{skipped}"
    )

"""Stage ⑨ render: the source registry and an article's sources as Rich renderables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.render.console import defang, message_text, safe_text
from factcheck.sources.ratings import RatingSet
from factcheck.sources.registry import (
    Partisan,
    Registry,
    RegistryValidation,
    SourceCheck,
    SourceEntry,
)

DEFAULT_NOTE = (
    "Reliability letters are the registry's defaults, not findings: rate sources yourself."
)


def _reliability(entry: SourceEntry) -> Text:
    if entry.reliability is None:
        return Text("-", style="dim")
    return Text(str(entry.reliability), style="bold")


def _partisan(entry: SourceEntry) -> str:
    if entry.partisan in (Partisan.YES, Partisan.LEAN):
        direction = f" ({entry.partisan_direction})" if entry.partisan_direction else ""
        return f"{entry.partisan}{direction}"
    return str(entry.partisan) if entry.partisan is Partisan.NO else "-"


def _facts(entry: SourceEntry) -> Text:
    """A source's facts in one cell: kind, side, conflicts, sanctions."""
    lines = [entry.kind.label]
    if entry.owner:
        lines.append(f"owner: {entry.owner}")
    if entry.affiliation:
        lines.append(f"affiliated with: {', '.join(entry.affiliation)}")
    if entry.is_partisan:
        lines.append(f"partisan: {_partisan(entry)}")
    if entry.party_to:
        lines.append(f"party to: {'; '.join(entry.party_to)}")
    lines.extend(f"sanction: {item}" for item in entry.sanctions)
    return safe_text("\n".join(lines))


def _flags(entry: SourceEntry) -> str:
    """The facts that decide checklist answers, in a few words."""
    flags: list[str] = []
    if entry.is_partisan:
        flags.append(f"partisan: {_partisan(entry)}")
    if entry.party_to:
        count = len(entry.party_to)
        flags.append(f"party to {count} conflict{'s' if count > 1 else ''}")
    if entry.sanctions:
        count = len(entry.sanctions)
        flags.append(f"{count} sanction{'s' if count > 1 else ''}")
    return "; ".join(flags) or "-"


def render_source_list(registry: Registry, sets: Sequence[RatingSet] = ()) -> RenderableType:
    """Every registry entry in a table, then the rating sets."""
    table = Table(title=f"Source registry ({len(registry)} entries)", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("kind")
    table.add_column("facts")
    table.add_column("rel.", justify="center", no_wrap=True)
    for entry in registry.entries:
        table.add_row(
            safe_text(entry.id),
            safe_text(entry.name),
            entry.kind.label,
            safe_text(_flags(entry)),
            _reliability(entry),
        )
    parts: list[RenderableType] = [table]
    if sets:
        rated = Table(title="Rating sets", title_justify="left")
        rated.add_column("set", no_wrap=True)
        rated.add_column("domains", justify="right")
        rated.add_column("scale")
        rated.add_column("citation", overflow="fold")
        for rating_set in sets:
            rated.add_row(
                safe_text(rating_set.name),
                f"{len(rating_set):,}",
                safe_text(rating_set.scale),
                safe_text(rating_set.citation),
            )
        parts.append(rated)
    parts.append(Text(f"rel.: default reliability. {DEFAULT_NOTE}", style="dim"))
    return Group(*parts)


def render_source_show(
    entry: SourceEntry | None, registry: Registry, data: dict[str, Any]
) -> RenderableType:
    """`sources show`: the registry entry (if any), then each rating set's rating."""
    parts: list[RenderableType] = []
    if entry is not None:
        parts.append(render_source_entry(entry, registry))
    else:
        parts.append(Text.assemble(("domain  ", "bold"), safe_text(str(data["domain"]))))
        parts.append(Text("Not in the source registry.", style="dim"))
    parts.append(_ratings_table(data["ratings"]))
    return Group(*parts)


def _ratings_table(ratings: Sequence[dict[str, Any]]) -> RenderableType:
    if not ratings:
        return Text("No rating set rates it.", style="dim")
    table = Table(title="Ratings (each set on its own, never combined)", title_justify="left")
    table.add_column("set", no_wrap=True)
    table.add_column("domain", no_wrap=True)
    table.add_column("rating", justify="right")
    table.add_column("citation", overflow="fold")
    for rating in ratings:
        values = rating["values"]
        shown = ", ".join(f"{k}: {v}" for k, v in values.items()) if len(values) > 1 else None
        table.add_row(
            safe_text(rating["set"]),
            safe_text(rating["domain"]),
            safe_text(shown or str(rating["rating"])),
            safe_text(rating["citation"]),
        )
    return table


def render_source_entry(entry: SourceEntry, registry: Registry) -> RenderableType:
    """Everything the registry holds about one entry, with a citation for each fact."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()

    def row(label: str, value: str | None) -> None:
        if value:
            grid.add_row(label, safe_text(value))

    row("name", entry.name)
    row("id", entry.id)
    row("kind", entry.kind.label)
    row("aliases", ", ".join(entry.aliases))
    row("domains", ", ".join(entry.domains))
    row("owner", entry.owner)
    linked = [
        f"{other.name} ({other.id})" if (other := registry.get(target)) else target
        for target in entry.affiliation
    ]
    row("affiliation", ", ".join(linked))
    row("party to", "\n".join(entry.party_to))
    row("partisan", _partisan(entry) if entry.partisan is not Partisan.UNKNOWN else None)
    row("sanctions", "\n".join(entry.sanctions))
    if entry.reliability is not None:
        row(
            "default reliability",
            f"{entry.reliability} ({entry.reliability.label}): the registry's default; your call",
        )
    else:
        row("default reliability", "none (judged by the organisation it is affiliated with)")
    row("notes", entry.notes)
    row("defined in", "\n".join(entry.origins))
    cites = Table(title="Citations", title_justify="left", show_header=True)
    cites.add_column("fact", no_wrap=True)
    cites.add_column("reference", overflow="fold")
    for citation in entry.citations:
        cites.add_row(citation.fact, safe_text(citation.url))
    return Group(grid, Text(""), cites)


def render_source_check(check: SourceCheck, data: dict[str, Any] | None = None) -> RenderableType:
    """The sources behind an article's claims, and the names the registry does not know.

    ``data`` is the check's JSON record: the publisher's evidence and each set's ratings.
    """
    document = check.extraction.document
    claims = check.extraction.claims
    head = Text()
    head.append("Article: ", style="bold")
    head.append(defang(document.title or document.source))
    if document.outlet:
        head.append("  outlet: ", style="bold")
        head.append(defang(document.outlet))
    head.append(f"  claims: {len(claims)}")
    parts: list[RenderableType] = [head]
    publisher = (data or {}).get("publisher") or {}
    if publisher.get("name"):
        line = Text("Publisher: ", style="bold")
        line.append(defang(str(publisher["name"])))
        if publisher["evidence"]:
            line.append(f" (found in: {defang(str(publisher['evidence']))})", style="dim")
        if publisher["carried_from"]:
            line.append("; carried from: ", style="bold")
            line.append(defang(", ".join(publisher["carried_from"])))
        for rating in publisher["ratings"]:
            line.append(f"; {defang(rating['set'])}: ", style="bold")
            line.append(defang(f"{rating['rating']} ({rating['domain']})"))
        parts.append(line)
    parts.append(Text(""))
    ratings = {
        source["id"]: {r["set"]: r for r in source["ratings"]}
        for source in (data or {}).get("sources", ())
    }
    set_names = list(dict.fromkeys(n for by_set in ratings.values() for n in by_set))

    if check.used:
        parts.append(Text("Sources on the claims' chains", style="bold"))
        table = Table(expand=True)
        table.add_column("source", ratio=2)
        table.add_column("facts", ratio=4)
        table.add_column("rel.", justify="center", no_wrap=True)
        for set_name in set_names:
            table.add_column(safe_text(set_name), justify="right", no_wrap=True)
        table.add_column("claims", ratio=2)
        for use in check.used:
            name = safe_text(use.entry.name, style="bold")
            name.append(f"\n{defang(use.entry.id)}", style="dim")
            by_set = ratings.get(use.entry.id, {})
            cells = [safe_text(str(by_set[n]["rating"])) if n in by_set else "-" for n in set_names]
            table.add_row(
                name, _facts(use.entry), _reliability(use.entry), *cells, _ids(use.claims)
            )
        parts.append(table)
    else:
        parts.append(Text("No registry source on any claim's chain."))

    if claims:
        parts.append(Text("Checklist facts per claim", style="bold"))
        facts = Table(expand=True)
        facts.add_column("claim", no_wrap=True)
        facts.add_column("partisan", justify="center")
        facts.add_column("party to a conflict", justify="center")
        facts.add_column("state media", justify="center")
        facts.add_column("worst rel.", justify="center")
        facts.add_column("unknown names", ratio=1)
        for claim in claims:
            found = check.facts.get(claim.id)
            if found is None:
                continue
            facts.add_row(
                safe_text(claim.id),
                _yes(found.any_partisan),
                _yes(found.any_party_to_conflict),
                _yes(found.state_media),
                found.worst_reliability,
                safe_text(", ".join(found.unknown) or "-"),
            )
        parts.append(facts)

    if check.unknown:
        parts.append(Text("Names the registry does not know", style="bold"))
        unknown = Table(expand=True)
        unknown.add_column("name", ratio=2)
        unknown.add_column("claims", ratio=1)
        rated_as = {u["name"]: u["rated_as"] for u in (data or {}).get("unknown", ())}
        for item in check.unknown:
            cell = safe_text(item.name)
            if found := rated_as.get(item.name):
                shown = "; ".join(f"{r['set']} {r['rating']}" for r in found["ratings"])
                cell.append(f"\n  rated as {found['domain']} ({shown})", style="bold")
                cell.append(f"\n  {found['reason']}", style="dim")
            unknown.add_row(cell, _ids(item.claims))
        parts.append(unknown)
        parts.append(
            Text(
                "Add one with: factcheck sources add --name NAME --kind KIND --citation URL",
                style="dim",
            )
        )
    parts.append(Text(f"rel.: default reliability. {DEFAULT_NOTE}", style="dim"))
    if set_names:
        cited = {r["set"]: r["citation"] for by_set in ratings.values() for r in by_set.values()}
        for set_name, citation in cited.items():
            parts.append(safe_text(f"{set_name}: {citation}", style="dim"))
    return Group(*parts)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _ids(claim_ids: tuple[str, ...]) -> Text:
    return safe_text(", ".join(claim_ids))


def render_registry_validation(validation: RegistryValidation) -> Text:
    """One registry file's result: its problems one per line and their count, or OK."""
    lines = [message_text(problem, style="red") for problem in validation.problems]
    lines.extend(message_text(warning, style="yellow") for warning in validation.warnings)
    count = len(validation.problems)
    if count:
        noun = "error" if count == 1 else "errors"
        lines.append(message_text(f"{validation.source}: {count} {noun}", style="bold red"))
    else:
        summary = message_text(f"{validation.source}: ")
        summary.append("OK", style="bold green")
        noun = "entry" if validation.entries == 1 else "entries"
        summary.append_text(safe_text(f" ({validation.entries} {noun})"))
        lines.append(summary)
    return Text("\n").join(lines)

"""Cases on a terminal and in markdown: a case's articles, and who else reports each claim.

`render_case` lists a case folder (``factcheck case show``) and `render_case_map` draws its story
map (``--map``); `render_findings` shows what the case's other articles say about each claim of an
article under review, with its story map as a tree and drifted quotations side by side;
`render_findings_markdown` is the same as a report section, the story map as a Mermaid diagram
followed by its text form. Article text is shown
with `safe_text` (terminal) or `escape_markdown` (markdown) only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.case.compare import Relation
from factcheck.case.findings import CaseFindings, ClaimFindings, Match, QuoteDrift
from factcheck.case.store import Added, Case
from factcheck.case.storymap import case_map, claim_map
from factcheck.render.console import message_text, safe_text
from factcheck.render.diagram import (
    DIAGRAM_FORMATS,
    render_dot,
    render_json,
    render_mermaid,
    render_text,
    render_tree,
    story_markdown,
)

if TYPE_CHECKING:
    from factcheck.report.model import Report
    from factcheck.sources.registry import Registry

SECTION_TITLE = "Who else reports this, and are they independent?"
"""The heading of the findings, in the terminal and in the report."""
SENTENCE_WIDTH = 160
"""Characters of another article's sentence shown in a table before it is cut."""

_RELATION_STYLES = {
    Relation.AGREES: "green",
    Relation.ADDS_DETAIL: "green",
    Relation.CONFLICTS: "bold red",
}


def _shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "\u2026"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


# --- case show -----------------------------------------------------------------------------------


def render_case(case: Case) -> RenderableType:
    """A case's articles: outlet, date, claims, title and where each came from."""
    head = Text("Case ", style="bold")
    head.append_text(safe_text(case.name, style="bold"))
    head.append(f": {_plural(len(case.articles), 'article')}", style="bold")
    claims = sum(len(a.extraction.claims) for a in case.articles)
    head.append(f", {_plural(claims, 'claim')}")
    if not case.articles:
        return Group(head, Text("Add articles with: factcheck case add CASE_DIR SOURCE...", "dim"))
    table = Table(box=box.SIMPLE, show_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Outlet", no_wrap=True, max_width=28)
    table.add_column("Published", no_wrap=True)
    table.add_column("Claims", justify="right", no_wrap=True)
    table.add_column("Title", ratio=3)
    table.add_column("Source", ratio=2, overflow="fold", min_width=14)
    table.add_column("Id", no_wrap=True, style="dim")
    for number, article in enumerate(case.articles, start=1):
        doc = article.document
        table.add_row(
            str(number),
            safe_text(article.outlet or "unknown", style="" if article.outlet else "dim"),
            safe_text(doc.published or "-"),
            str(len(article.extraction.claims)),
            safe_text(doc.title or "-"),
            safe_text(article.location),
            article.id[:8],
        )
    return Group(head, table)


def render_case_map(case: Case, registry: Registry | None, fmt: str) -> RenderableType | str:
    """The story map of a whole case: Rich trees for the terminal (``fmt`` 'terminal'), else
    text in one of DIAGRAM_FORMATS."""
    story = case_map(case, registry)
    writers = {
        "mermaid": render_mermaid,
        "dot": render_dot,
        "json": render_json,
        "text": render_text,
    }
    if fmt == "terminal":
        if not story.nodes:
            head = Text("Case ", style="bold")
            head.append_text(safe_text(case.name, style="bold"))
            head.append(": no articles to map")
            return Group(
                head, Text("Add articles with: factcheck case add CASE_DIR SOURCE...", "dim")
            )
        return render_tree(story)
    if fmt not in DIAGRAM_FORMATS:
        raise ValueError(f"unknown map format {fmt!r}")
    return writers[fmt](story)


def render_added(results: Sequence[Added]) -> RenderableType:
    """One line per source given to ``case add``: added, already there, or why not."""
    lines: list[Text] = []
    for result in results:
        article = result.article
        if article is None:
            line = Text("Not added: ", style="bold red")
            line.append_text(message_text(result.error or result.source))
        else:
            line = Text("Added: " if result.new else "Already in the case: ")
            line.append_text(message_text(article.label, style="bold"))
            title = article.document.title
            line.append_text(
                safe_text(
                    f" ({article.document.published or 'undated'}; "
                    f"{_plural(len(article.extraction.claims), 'claim')})"
                    + (f" {title}" if title and title != article.label else "")
                )
            )
        lines.append(line)
    return Group(*lines)


# --- findings on a terminal ----------------------------------------------------------------------


def _independence(match: Match) -> Text:
    if match.independent:
        return safe_text(f"yes: traces back to {match.root}", style="green")
    return safe_text("no: " + "; ".join(match.reasons[:2]), style="yellow")


def _relation(match: Match) -> Text:
    text = Text(match.relation.label, style=_RELATION_STYLES[match.relation])
    if match.differences:
        shown = "; ".join(d.describe() for d in match.differences)
        text.append_text(safe_text(f"\n{shown}", style="dim"))
    return text


def _matches_table(found: ClaimFindings) -> Table:
    table = Table(box=box.SIMPLE, show_edge=False, expand=True, pad_edge=False)
    table.add_column("Outlet", no_wrap=True, max_width=26)
    table.add_column("Published", no_wrap=True)
    table.add_column("Relation", ratio=2)
    table.add_column("Independent", ratio=2)
    table.add_column("Sim.", justify="right", no_wrap=True)
    table.add_column("Their sentence", ratio=3)
    for match in found.matches:
        doc = match.article.document
        sentence = safe_text(_shorten(match.claim.text))
        if match.part:
            sentence.append_text(safe_text(f"\n(matches: \u201c{_shorten(match.part, 80)}\u201d)"))
        table.add_row(
            safe_text(match.article.label),
            safe_text(doc.published or "-"),
            _relation(match),
            _independence(match),
            f"{match.similarity:.2f}",
            sentence,
        )
    return table


def drift_words(text: str, reference: str) -> list[tuple[str, bool]]:
    """The words of a quotation, each with whether the reference wording lacks it."""
    known = {w.lower() for w in re.findall(r"[\w'\u2019-]+", reference)}
    return [
        (token, bool(re.match(r"[\w'\u2019-]", token)) and token.lower() not in known)
        for token in re.findall(r"[\w'\u2019-]+|[^\w'\u2019-]+", text)
    ]


def _drift_table(drift: QuoteDrift) -> RenderableType:
    head = Text("Quotation worded differently: ", style="bold")
    head.append_text(safe_text(drift.speaker, style="bold"))
    table = Table(box=box.SIMPLE, show_edge=False, expand=True, pad_edge=False)
    table.add_column("Outlet", no_wrap=True, max_width=26)
    table.add_column("Wording (words the first lacks are underlined)", ratio=1)
    reference = drift.variants[0].text
    for variant in drift.variants:
        wording = Text("\u201c")
        for word, new in drift_words(variant.text.strip(), reference):
            wording.append_text(safe_text(word, style="bold underline" if new else ""))
        wording.append("\u201d")
        table.add_row(safe_text(variant.outlet), wording)
    return Group(head, table)


def _claim_block(findings: CaseFindings, found: ClaimFindings) -> RenderableType:
    head = Text(f"{found.claim.id} ", style="bold cyan")
    head.append_text(safe_text(_shorten(found.claim.text, 200), style="bold"))
    summary = safe_text(f"{found.summary[0].upper()}{found.summary[1:]}.")
    if found.independent_matches:
        summary.append(
            f"  Confirmed through {_plural(found.independent_matches, 'independent chain')}.",
            style="green",
        )
    if found.conflicts:
        verb = "conflicts" if found.conflicts == 1 else "conflict"
        summary.append(f"  {_plural(found.conflicts, 'report')} {verb}.", style="bold red")
    parts: list[RenderableType] = [head, summary]
    if found.matches:
        parts.append(render_tree(claim_map(findings, found)))
        parts.append(_matches_table(found))
    parts.extend(_drift_table(drift) for drift in found.drift)
    return Group(*parts)


def _totals(findings: CaseFindings) -> str:
    claims = len(findings.claims)
    confirmed = sum(1 for c in findings.claims if c.independent_matches)
    conflicted = sum(1 for c in findings.claims if c.conflicts)
    drifted = sum(1 for c in findings.claims if c.drift)
    return (
        f"{_plural(findings.compared, 'other article')} compared: "
        f"{findings.matched} of {_plural(claims, 'claim')} reported elsewhere, "
        f"{confirmed} confirmed through an independent chain, {conflicted} with conflicting "
        f"reports, {drifted} with a quotation worded differently."
    )


def render_findings(findings: CaseFindings) -> RenderableType:
    """What the case's other articles say about each claim: matches, chains, drifted quotes."""
    title = Text(SECTION_TITLE, style="bold underline")
    parts: list[RenderableType] = [title, safe_text(_totals(findings))]
    if findings.excluded:
        parts.append(Text("The article itself is in the case and is left out.", style="dim"))
    for found in findings.claims:
        if found.matches or found.drift:
            parts += [Text(""), _claim_block(findings, found)]
    return Group(*parts)


# --- findings as a markdown report section ------------------------------------------------------


def _cell(text: str) -> str:
    from factcheck.render.markdown import escape_markdown

    return escape_markdown(text) or "\u2014"


def _outlet_cell(match: Match) -> str:
    from factcheck.render.markdown import link

    doc = match.article.document
    return link(match.article.label, doc.url) if doc.url else _cell(match.article.label)


def _markdown_drift(drift: QuoteDrift) -> list[str]:
    from factcheck.render.markdown import escape_markdown

    reference = drift.variants[0].text
    lines = [
        f"Quotation of {escape_markdown(drift.speaker)} worded differently (words the first "
        "wording lacks are in bold):",
        "",
        "| Outlet | Wording |",
        "| --- | --- |",
    ]
    for variant in drift.variants:
        shown = "".join(
            " "
            if not word.strip()
            else f"**{escape_markdown(word)}**"
            if new
            else escape_markdown(word)
            for word, new in drift_words(variant.text.strip(), reference)
        )
        lines.append(f"| {_cell(variant.outlet)} | \u201c{shown}\u201d |")
    return [*lines, ""]


def render_findings_markdown(findings: CaseFindings, *, level: int = 2) -> str:
    """The findings as a markdown section headed SECTION_TITLE."""
    from factcheck.render.markdown import escape_markdown

    hashes = "#" * level
    lines = [f"{hashes} {SECTION_TITLE}", "", escape_markdown(_totals(findings)), ""]
    for found in findings.claims:
        if not found.matches and not found.drift:
            continue
        lines += [
            f"{hashes}# {found.claim.id}: {escape_markdown(_shorten(found.claim.text, 120))}",
            "",
            escape_markdown(f"{found.summary[0].upper()}{found.summary[1:]}."),
            "",
        ]
        if found.matches:
            lines += [*story_markdown(claim_map(findings, found), escape_markdown), ""]
            lines += [
                "| Outlet | Published | Relation | Independent | Similarity | Their sentence |",
                "| --- | --- | --- | --- | ---: | --- |",
            ]
            for match in found.matches:
                relation = match.relation.label
                if match.differences:
                    relation += " (" + "; ".join(d.describe() for d in match.differences) + ")"
                independent = (
                    f"yes: traces back to {match.root}"
                    if match.independent
                    else "no: " + "; ".join(match.reasons[:2])
                )
                cells = [
                    _outlet_cell(match),
                    _cell(match.article.document.published or ""),
                    _cell(relation),
                    _cell(independent),
                    f"{match.similarity:.2f}",
                    _cell(_shorten(match.claim.text)),
                ]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        for drift in found.drift:
            lines += _markdown_drift(drift)
    return "\n".join(lines).rstrip("\n") + "\n"


def add_findings_to_report(report: Report, fmt: str, text: str, findings: CaseFindings) -> str:
    """A rendered report with the case's findings as a section: in markdown after the sources,
    in terminal text at the end. Data formats (json, claimreview, csv) are returned unchanged."""
    if fmt == "markdown":
        from factcheck.render.markdown import render_markdown

        return render_markdown(report, extra=(render_findings_markdown(findings),))
    if fmt == "terminal":
        buffer = io.StringIO()
        console = Console(file=buffer, width=100, color_system=None, highlight=False)
        console.print(render_findings(findings))
        return text + "\n" + buffer.getvalue()
    return text

"""Stage ⑨ render: story maps and chains drawn as Mermaid, Graphviz DOT, JSON, text and Rich trees.

Every label comes from article text and is untrusted. In Mermaid every character outside a small
safe set becomes an entity code (``#34;``), so a label can never close its quotes, start an edge,
open a link or HTML, or end the markdown code block around the diagram. In DOT labels are
double-quoted with backslashes and quotes escaped. In markdown text, labels go through
`escape_markdown`; on a terminal through `safe_text`. Line breaks and control characters never
survive into a label.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.case.graph import MAP_FORMAT, EdgeKind, MapNode, NodeKind, StoryMap, chain_map
from factcheck.records import one_line
from factcheck.render.console import defang, safe_text
from factcheck.render.jsonout import escaped

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from factcheck.report.model import Report

DIAGRAM_FORMATS = ("mermaid", "dot", "json", "text")
"""The formats a story map is written in for other tools (``case show --map --format``)."""
BAR_WIDTH = 20
"""Characters of the longest bar in the verdict distribution."""

_MERMAID_SAFE = regexes.compile(r"[A-Za-z0-9 ,.'()/+\-?!]")
_WWW_DOT = regexes.compile(r"(?i)(?<=www)\.")


def _clean(text: str) -> str:
    """One line, no control characters, no bidi overrides, leading and trailing space gone."""
    return defang(one_line(text)).strip()


def _label(node: MapNode) -> str:
    root = "root" if node.root else ""
    extra = "; ".join(part for part in (root, node.note) if part)
    return f"{node.label} ({extra})" if extra else node.label


def _adjacency(story: StoryMap) -> dict[str, list[tuple[str, EdgeKind]]]:
    out: dict[str, list[tuple[str, EdgeKind]]] = defaultdict(list)
    for edge in story.edges:
        out[edge.source].append((edge.target, edge.kind))
    return out


def _grouped(story: StoryMap) -> list[tuple[str, list[MapNode]]]:
    """Groups with their nodes; nodes in no group come last, under an empty label."""
    placed: set[str] = set()
    groups: list[tuple[str, list[MapNode]]] = []
    for group in story.groups:
        nodes = [story.node(n) for n in group.nodes if n not in placed]
        placed.update(n.id for n in nodes)
        if nodes:
            groups.append((group.label, nodes))
    rest = [n for n in story.nodes if n.id not in placed]
    if rest:
        groups.append(("", rest))
    return groups


# --- Mermaid ----------------------------------------------------------------------------------


def mermaid_text(text: str) -> str:
    """Untrusted text for a double-quoted Mermaid label: safe characters as they are, every other
    character as a decimal entity code (``#60;`` for ``<``)."""
    coded = "".join(
        char if _MERMAID_SAFE.fullmatch(char) else f"#{ord(char)};" for char in _clean(text)
    )
    return _WWW_DOT.sub("#46;", coded)  # no 'www.' for a viewer to link


def _mermaid_node(node: MapNode) -> str:
    label = mermaid_text(_label(node))
    shape = f'(["{label}"])' if node.kind is NodeKind.SOURCE else f'["{label}"]'
    return f"{node.id}{shape}" + (":::root" if node.root else "")


def render_mermaid(story: StoryMap, direction: str = "LR") -> str:
    """A Mermaid flowchart: statements flow along the arrows from where they come from to who
    repeats them; roots are drawn bold, each chain is a subgraph. ``direction`` is ``LR``
    (roots on the left) or ``RL`` (roots on the right, as a chain is written: publisher ←
    intermediary ← speaker)."""
    lines = [f"flowchart {direction}"]
    if story.title:
        lines.append(f"  %% {mermaid_text(story.title)}")
    for number, (label, nodes) in enumerate(_grouped(story), start=1):
        indent = "  "
        if label:
            lines.append(f'  subgraph g{number}["{mermaid_text(label)}"]')
            indent = "    "
        lines.extend(f"{indent}{_mermaid_node(node)}" for node in nodes)
        if label:
            lines.append("  end")
    for edge in story.edges:
        lines.append(f"  {edge.source} -->|{edge.kind.label}| {edge.target}")
    if story.roots:
        lines.append("  classDef root stroke-width:3px,font-weight:bold")
    return "\n".join(lines) + "\n"


def mermaid_block(story: StoryMap, direction: str = "LR") -> list[str]:
    """The flowchart as a fenced markdown code block, which GitHub and GitLab draw."""
    return ["```mermaid", *render_mermaid(story, direction).rstrip("\n").split("\n"), "```"]


def chain_markdown(chain: Sequence[str]) -> list[str]:
    """A claim's chain (publisher, intermediaries, speaker) as a Mermaid block drawn the way the
    chain is written, publisher on the left; its plain-text form is the claim's attribution
    line, which follows it in the report."""
    return mermaid_block(chain_map(chain), "RL")


# --- Graphviz DOT ------------------------------------------------------------------------------


def dot_text(text: str) -> str:
    """Untrusted text as a double-quoted DOT string (escape sequences such as ``\\N`` and
    ``\\l`` are shown, not interpreted)."""
    return '"' + _clean(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(story: StoryMap) -> str:
    """A Graphviz digraph (``dot -Tsvg``): outlets as boxes, sources as ellipses, roots with a
    double border, each chain a cluster."""
    lines = [
        "digraph storymap {",
        f"  label={dot_text(story.title)};",
        "  labelloc=t;",
        "  rankdir=LR;",
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for number, (label, nodes) in enumerate(_grouped(story), start=1):
        indent = "  "
        if label:
            lines += [f"  subgraph cluster_{number} {{", f"    label={dot_text(label)};"]
            indent = "    "
        for node in nodes:
            attributes = [f"label={dot_text(_label(node))}"]
            if node.kind is NodeKind.SOURCE:
                attributes.append("shape=ellipse")
            if node.root:
                attributes += ["peripheries=2", "style=bold"]
            lines.append(f"{indent}{node.id} [{', '.join(attributes)}];")
        if label:
            lines.append("  }")
    for edge in story.edges:
        lines.append(f"  {edge.source} -> {edge.target} [label={dot_text(edge.kind.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- JSON and text ------------------------------------------------------------------------------


def render_json(story: StoryMap) -> str:
    """The map as JSON (docs/cases.md describes it)."""
    data = {
        "format": MAP_FORMAT,
        "title": story.title,
        "nodes": [
            {"id": n.id, "label": n.label, "kind": str(n.kind), "root": n.root, "note": n.note}
            for n in story.nodes
        ],
        "edges": [
            {"from": e.source, "to": e.target, "kind": str(e.kind), "label": e.kind.label}
            for e in story.edges
        ],
        "groups": [
            {"label": g.label, "nodes": list(g.nodes), "independent": g.independent}
            for g in story.groups
        ],
    }
    return escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _tree(story: StoryMap) -> list[tuple[str, list[tuple[int, str, MapNode, bool]]]]:
    """Each group as (label, lines): a line is (depth, how it is reached, node, seen before).

    A group's roots come first (nodes nothing in the group leads to), each followed by what
    repeats it; a node reached twice is listed again, marked as seen, without its branch.
    """
    out = _adjacency(story)
    by_id = {node.id: node for node in story.nodes}
    result = []
    for label, nodes in _grouped(story):
        members = {n.id for n in nodes}
        incoming = {e.target for e in story.edges if e.source in members}
        starts = [n for n in nodes if n.id not in incoming] or nodes[:1]
        lines: list[tuple[int, str, MapNode, bool]] = []
        seen: set[str] = set()
        for start in [*starts, *nodes]:
            if start.id in seen:
                continue
            stack: list[tuple[MapNode, int, str]] = [(start, 0, "")]
            while stack:
                node, depth, how = stack.pop()
                if node.id in seen:
                    lines.append((depth, how, node, True))
                    continue
                seen.add(node.id)
                lines.append((depth, how, node, False))
                children = out.get(node.id, ())
                stack.extend((by_id[t], depth + 1, k.label) for t, k in reversed(children))
        result.append((label, lines))
    return result


def _line_text(how: str, node: MapNode, seen: bool) -> str:
    text = f"{how} {_clean(_label(node))}" if how else _clean(_label(node))
    return f"{text} (see above)" if seen else text


def render_text(story: StoryMap) -> str:
    """The map as indented plain text, readable where no diagram is drawn."""
    lines = [_clean(story.title)] if story.title else []
    for label, entries in _tree(story):
        indent = ""
        if label:
            lines.append(_clean(label))
            indent = "  "
        for depth, how, node, seen in entries:
            bullet = "- " if depth else ""
            lines.append(f"{indent}{'  ' * depth}{bullet}{_line_text(how, node, seen)}")
    return "\n".join(lines) + "\n"


def markdown_list(story: StoryMap, escape: Callable[[str], str]) -> list[str]:
    """The map as a nested markdown list (the plain-text form after a Mermaid block); ``escape``
    is the report's markdown escaping."""
    escape_markdown = escape
    lines: list[str] = []
    for label, entries in _tree(story):
        indent = ""
        if label:
            lines.append(f"- **{escape_markdown(label)}**")
            indent = "  "
        for depth, how, node, seen in entries:
            shown = escape_markdown(_line_text(how, node, seen))
            lines.append(f"{indent}{'  ' * depth}- {shown}")
    return lines


def story_markdown(story: StoryMap, escape: Callable[[str], str]) -> list[str]:
    """A Mermaid block followed by the same map as a list, for markdown reports."""
    return [*mermaid_block(story), "", *markdown_list(story, escape)]


# --- terminal -----------------------------------------------------------------------------------


def render_tree(story: StoryMap) -> RenderableType:
    """The map as Rich trees, one per chain."""
    # Rich is imported here to keep start-up fast.
    from rich.console import Group
    from rich.tree import Tree

    trees: list[RenderableType] = []
    for label, entries in _tree(story):
        top = Tree(safe_text(_clean(label) if label else _clean(story.title), style="bold"))
        stack: list[Tree] = [top]
        for depth, how, node, seen in entries:
            text = safe_text(f"{how} " if how else "", style="dim")
            style = "bold" if node.root else ""
            text.append_text(safe_text(_clean(node.label), style=style))
            extra = "; ".join(p for p in ("root" if node.root else "", node.note) if p)
            if extra:
                text.append_text(safe_text(f" ({extra})", style="dim"))
            if seen:
                text.append(" (see above)", style="dim")
            del stack[depth + 1 :]
            stack.append(stack[depth].add(text))
        trees.append(top)
    return Group(*trees)


def chain_tree(chain: Sequence[str]) -> RenderableType:
    """A claim's chain (publisher, intermediaries, speaker) as a Rich tree, the speaker at
    the top and each hop repeating the one above it."""
    story = chain_map(chain)
    # Rich is imported here to keep start-up fast.
    from rich.tree import Tree

    nodes = list(reversed(story.nodes))
    top = Tree(safe_text(_clean(nodes[0].label), style="bold")) if nodes else Tree("")
    branch = top
    for position, node in enumerate(nodes[1:], start=1):
        how = EdgeKind.QUOTES.label if position == 1 else EdgeKind.REPORTS.label
        text = safe_text(f"{how} ", style="dim")
        text.append_text(safe_text(_clean(node.label)))
        branch = branch.add(text)
    return top


def verdict_bars(report: Report, verdict_style: Callable[[str | None], str]) -> Text:
    """The verdict distribution as a small bar chart: one line per verdict given, open and
    skipped claims last; ``verdict_style`` styles a verdict by its colour."""
    rows: list[tuple[str, int, str]] = [
        (count.label, count.count, verdict_style(count.colour))
        for count in report.counts
        if count.count
    ]
    rows += [(name, n, "dim") for name, n in (("open", report.open), ("skipped", report.skipped))]
    rows = [row for row in rows if row[1]]
    widest = max((len(_clean(label)) for label, _, _ in rows), default=0)
    most = max((n for _, n, _ in rows), default=0)
    from rich.text import Text as RichText

    chart = RichText()
    for label, count, style in rows:
        if chart:
            chart.append("\n")
        chart.append_text(safe_text(_clean(label).ljust(widest), style=style))
        bar = "\u2588" * max(1, round(BAR_WIDTH * count / most))
        chart.append(f" {bar} ", style=style)
        chart.append(str(count))
    return chart

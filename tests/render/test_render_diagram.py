"""Tests for story maps drawn as Mermaid, DOT, JSON, text and trees: structure and escaping.

The Mermaid output is parsed with a strict grammar of the lines the writer may emit (every line
must be one of them), the DOT output with pydot, an independent parser of the DOT language.
"""

from __future__ import annotations

import json
import re

import pydot
import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from factcheck.case.graph import (
    EdgeKind,
    MapEdge,
    MapGroup,
    MapNode,
    NodeKind,
    StoryMap,
    chain_map,
)
from factcheck.render.diagram import (
    chain_markdown,
    mermaid_text,
    render_dot,
    render_json,
    render_mermaid,
    render_text,
    render_tree,
    story_markdown,
)
from factcheck.render.markdown import escape_markdown

HOSTILE = (
    'Evil"] --> x["pwned',
    "a --> b",
    "<script>alert(1)</script>",
    "```\nclosing the fence\n```",
    "line one\nline two\r\nline three",
    "[click](javascript:alert(1))",
    '%%{init: {"theme": "dark"}}%%',
    "back\\slash \\N \\l {braces}; x -> y [label=z]",
    "end",
    "click n1 call alert()",
)

# Every line the Mermaid writer may emit.
_LABEL = r'"([^"]*)"'
_NODE = re.compile(rf" {{2,4}}(n\d+)(?:\[{_LABEL}\]|\(\[{_LABEL}\]\))(:::root)?")
_EDGE = re.compile(r"  (n\d+) -->\|([a-z ]+)\| (n\d+)")
_SUBGRAPH = re.compile(rf"  subgraph (g\d+)\[{_LABEL}\]")
_COMMENT = re.compile(r"  %% ([^\n%]*)")
_FIXED = {
    "flowchart LR",
    "flowchart RL",
    "  end",
    "  classDef root stroke-width:3px,font-weight:bold",
}


def decode(label: str) -> str:
    """A Mermaid label with its entity codes turned back into characters."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def clean(text: str) -> str:
    return " ".join(text.split())


def parse_mermaid(text: str) -> tuple[dict[str, tuple[str, bool]], list[tuple[str, str, str]]]:
    """(nodes: id -> (label, root), edges: (from, label, to)); fails on any unknown line."""
    nodes: dict[str, tuple[str, bool]] = {}
    edges: list[tuple[str, str, str]] = []
    for line in text.rstrip("\n").split("\n"):
        if line in _FIXED or _SUBGRAPH.fullmatch(line) or _COMMENT.fullmatch(line):
            continue
        node = _NODE.fullmatch(line)
        if node:
            label = node.group(2) if node.group(2) is not None else node.group(3)
            nodes[node.group(1)] = (decode(label), bool(node.group(4)))
            continue
        edge = _EDGE.fullmatch(line)
        assert edge, f"unexpected Mermaid line: {line!r}"
        edges.append((edge.group(1), edge.group(2), edge.group(3)))
    return nodes, edges


def hostile_map() -> StoryMap:
    nodes = [MapNode("n1", HOSTILE[0], NodeKind.SOURCE, root=True)]
    nodes += [
        MapNode(f"n{i}", label, NodeKind.OUTLET, note=HOSTILE[-i])
        for i, label in enumerate(HOSTILE[1:], start=2)
    ]
    edges = [MapEdge("n1", f"n{i}", EdgeKind.QUOTES) for i in range(2, len(HOSTILE) + 1)]
    edges.append(MapEdge("n2", "n3", EdgeKind.CITES))
    groups = [MapGroup(HOSTILE[2], tuple(n.id for n in nodes[:4])), MapGroup(HOSTILE[3], ("n5",))]
    return StoryMap(HOSTILE[4], tuple(nodes), tuple(edges), tuple(groups))


def shown_label(node: MapNode) -> str:
    extra = "; ".join(p for p in ("root" if node.root else "", node.note) if p)
    label = f"{node.label} ({extra})" if extra else node.label
    return clean(label)


def test_mermaid_labels_cannot_break_out_of_the_diagram() -> None:
    story = hostile_map()
    text = render_mermaid(story)
    nodes, edges = parse_mermaid(text)
    assert len(nodes) == len(story.nodes) == 10
    assert len(edges) == len(story.edges) == 10
    assert {n: label for n, (label, _) in nodes.items()} == {
        n.id: shown_label(n) for n in story.nodes
    }
    assert [n for n, (_, root) in nodes.items() if root] == ["n1"]
    for forbidden in ("<", ">", "`", "[click]", "%%{", "\r"):
        assert forbidden not in text.replace("-->|", "")
    assert text.count("subgraph") == 2 and text.count("\n  end\n") == 2


def test_mermaid_text_escapes_every_unsafe_character() -> None:
    assert mermaid_text('a"]b') == "a#34;#93;b"
    assert mermaid_text("x --> y") == "x --#62; y"
    assert mermaid_text("<b>`q`</b>") == "#60;b#62;#96;q#96;#60;/b#62;"
    assert mermaid_text("two\nlines\u202e") == "two lines#92;u202e"
    assert mermaid_text("Qa\u2019ani, al-Amin: 12 (2021)") == "Qa#8217;ani, al-Amin#58; 12 (2021)"
    assert mermaid_text("see https://www.x.org") == "see https#58;//www#46;x.org"


def test_the_mermaid_block_stays_one_fence_in_markdown() -> None:
    story = hostile_map()
    lines = story_markdown(story, escape_markdown)
    document = "\n".join(["# Report", "", *lines, "", "After."])
    tokens = MarkdownIt("commonmark").enable("table").parse(document)
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1 and fences[0].info == "mermaid"
    assert fences[0].content == render_mermaid(story)
    rendered = MarkdownIt("commonmark").render(document)
    assert "<script" not in rendered and 'href="javascript' not in rendered
    # The list after the diagram holds every node, escaped.
    items = [t for t in tokens if t.type == "inline" and t.map and t.map[0] > len(lines) // 2]
    assert items
    assert not any(child.type == "link_open" for t in items for child in t.children or ())


def unquote(value: str) -> str:
    assert value.startswith('"') and value.endswith('"')
    return re.sub(r"\\(.)", r"\1", value[1:-1])


# pydot's parser calls pyparsing names that newer pyparsing releases deprecate.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dot_output_parses_and_keeps_every_label() -> None:
    story = hostile_map()
    graphs = pydot.graph_from_dot_data(render_dot(story))
    assert graphs is not None and len(graphs) == 1
    graph = graphs[0]
    nodes = {n.get_name(): n for n in graph.get_nodes() if n.get_name() not in ("node", "edge")}
    clusters = graph.get_subgraphs()
    for cluster in clusters:
        nodes.update({n.get_name(): n for n in cluster.get_nodes()})
    assert len(nodes) == len(story.nodes) == 10
    assert len(graph.get_edges()) == len(story.edges)
    assert {name: unquote(node.get("label")) for name, node in nodes.items()} == {
        n.id: shown_label(n) for n in story.nodes
    }
    assert nodes["n1"].get("peripheries") == "2"
    assert [unquote(c.get("label")) for c in clusters] == [clean(HOSTILE[2]), clean(HOSTILE[3])]
    assert unquote(graph.get("label")) == clean(HOSTILE[4])


def test_json_round_trips_the_map() -> None:
    story = hostile_map()
    data = json.loads(render_json(story))
    assert data["format"] == "factcheck-storymap/1"
    assert [n["label"] for n in data["nodes"]] == [n.label for n in story.nodes]
    assert [(e["from"], e["to"], e["kind"]) for e in data["edges"]] == [
        (e.source, e.target, str(e.kind)) for e in story.edges
    ]
    assert data["groups"][0]["nodes"] == ["n1", "n2", "n3", "n4"]


def test_json_escapes_invisible_characters() -> None:
    # An outlet named in a byline with a right-to-left override was printed raw.
    from dataclasses import replace

    story = hostile_map()
    node = replace(story.nodes[0], label="North\u202ewire zero\u200bwidth")
    text = render_json(replace(story, nodes=(node, *story.nodes[1:])))
    assert "\u202e" not in text and "\u200b" not in text
    assert '"North\\u202ewire zero\\u200bwidth"' in text
    assert json.loads(text)["nodes"][0]["label"] == node.label


def test_text_and_tree_forms_are_one_line_per_node() -> None:
    story = hostile_map()
    text = render_text(story)
    assert "\r" not in text and "\x1b" not in text
    assert text.split("\n")[0] == clean(HOSTILE[4])
    console = Console(width=200, color_system=None, highlight=False, record=True)
    console.print(render_tree(story))
    shown = console.export_text()
    assert "<script>alert(1)</script>" in shown  # shown as text, verbatim
    assert "\x1b" not in shown


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        (
            ("The Algemeiner", "Al-Manar TV", "Ibrahim Al-Amin"),
            [
                "```mermaid",
                "flowchart RL",
                '  n1["The Algemeiner"]',
                '  n2(["Al-Manar TV"])',
                '  n3(["Ibrahim Al-Amin (root)"]):::root',
                "  n3 -->|quoted by| n2",
                "  n2 -->|reported by| n1",
                "  classDef root stroke-width:3px,font-weight:bold",
                "```",
            ],
        ),
        (
            ("the article", "unnamed source"),
            [
                "```mermaid",
                "flowchart RL",
                '  n1["the article"]',
                '  n2(["unnamed source (root)"]):::root',
                "  n2 -->|quoted by| n1",
                "  classDef root stroke-width:3px,font-weight:bold",
                "```",
            ],
        ),
    ],
)
def test_a_claims_chain_as_a_diagram(chain: tuple[str, ...], expected: list[str]) -> None:
    assert chain_markdown(chain) == expected
    story = chain_map(chain)
    assert [n.label for n in story.roots] == [chain[-1]]

"""Cases, beside stage ④ sources: the story-map graph model, light enough for any renderer.

A story map has two kinds of node: the *outlets* that publish reports and the *sources* on their
claims' chains (speakers and intermediaries). Its edges follow the information, from where a
statement comes from to who repeats it: a speaker is quoted by an intermediary or an outlet, an
intermediary's report is repeated by an outlet, one outlet is cited or copied by another. A *root*
is a node that others repeat and that repeats nobody. Nodes are grouped by chain.

`chain_map` draws one claim's chain; `factcheck.case.storymap` builds the maps of a claim against
a case and of a whole case on the same model.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAP_FORMAT = "factcheck-storymap/1"
"""Value of the ``format`` key of a story map written as JSON."""


def alias_key(label: str) -> str:
    """A name reduced for comparison: ASCII, lowercase, without 'the', 'of' and possessives."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return " ".join(
        w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ("the", "of", "s")
    )


class NodeKind(enum.StrEnum):
    """What a node of a story map stands for."""

    OUTLET = "outlet"
    """An outlet that publishes a report (an article of the case, or the article's publisher)."""
    SOURCE = "source"
    """A speaker or an intermediary on a claim's chain."""


class EdgeKind(enum.StrEnum):
    """How a statement travels along an edge, from the edge's source to its target."""

    QUOTES = "quotes"
    """The target quotes the source (a speaker)."""
    REPORTS = "reports"
    """The target repeats what the source (an intermediary) reported."""
    CITES = "cites"
    """The target names the source, an outlet, as where it has the story from."""
    COPIES = "copies"
    """The target republishes most of the source's wording."""

    @property
    def label(self) -> str:
        """The edge in words, read from source to target."""
        return {
            "quotes": "quoted by",
            "reports": "reported by",
            "cites": "cited by",
            "copies": "copied by",
        }[self.value]


@dataclass(frozen=True, slots=True)
class MapNode:
    """One node of a story map."""

    id: str
    """A short id, unique in the map ('n1')."""
    label: str
    """The outlet's or source's name, as the text gives it (untrusted)."""
    kind: NodeKind
    root: bool = False
    """Whether others repeat it and it repeats nobody: where a chain starts."""
    note: str = ""
    """What to add to the name: 'this article', a relation ('conflicts: number: 23 here, 25
    there'), a count of articles."""


@dataclass(frozen=True, slots=True)
class MapEdge:
    """A statement travelling from one node to another."""

    source: str
    """Id of the node it comes from."""
    target: str
    """Id of the node that repeats it."""
    kind: EdgeKind


@dataclass(frozen=True, slots=True)
class MapGroup:
    """Nodes of one chain: reports resting on one original, or an independent chain."""

    label: str
    nodes: tuple[str, ...]
    """Ids of its nodes, in the map's order."""
    independent: bool = False
    """For a claim's map: whether it is independent of the claim under review."""


@dataclass(frozen=True, slots=True)
class StoryMap:
    """A story map: nodes, edges and groups, ready to draw."""

    title: str
    nodes: tuple[MapNode, ...] = ()
    edges: tuple[MapEdge, ...] = ()
    groups: tuple[MapGroup, ...] = ()

    def node(self, node_id: str) -> MapNode:
        """The node with this id."""
        return next(n for n in self.nodes if n.id == node_id)

    @property
    def roots(self) -> tuple[MapNode, ...]:
        """The nodes marked as roots."""
        return tuple(n for n in self.nodes if n.root)


@dataclass
class GraphBuilder:
    """Collects nodes and edges under stable keys, then freezes them into a map."""

    title: str
    keys: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, NodeKind] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    edges: dict[tuple[str, str, EdgeKind], None] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)

    def node(self, key: str, label: str, kind: NodeKind) -> str:
        """The id of the node for ``key``, made if need be. A source named like an outlet of
        the map is that outlet."""
        if key in self.keys:
            known = self.keys[key]
            if kind is NodeKind.SOURCE and len(label) > len(self.labels[known]):
                self.labels[known] = label  # the fullest name: 'Samuel Okoro', not 'Okoro'
            return known
        alias = self.aliases.get(alias_key(label))
        if kind is NodeKind.SOURCE and alias is not None:
            self.keys[key] = alias
            return alias
        node_id = f"n{len(self.labels) + 1}"
        self.keys[key] = node_id
        self.labels[node_id] = label
        self.kinds[node_id] = kind
        if kind is NodeKind.OUTLET:
            self.aliases.setdefault(alias_key(label), node_id)
        return node_id

    def edge(self, source: str, target: str, kind: EdgeKind) -> None:
        """An edge, unless it loops or runs against one already drawn (outlets merged from
        several articles can seem to copy each other)."""
        if source != target and (target, source) not in self.pairs:
            self.edges.setdefault((source, target, kind), None)
            self.pairs.add((source, target))

    def build(self, groups: Sequence[tuple[str, Sequence[str], bool]] = ()) -> StoryMap:
        incoming = {target for _, target, _ in self.edges}
        outgoing = {source for source, _, _ in self.edges}
        nodes = tuple(
            MapNode(
                id=node_id,
                label=label,
                kind=self.kinds[node_id],
                root=node_id in outgoing and node_id not in incoming,
                note=self.notes.get(node_id, ""),
            )
            for node_id, label in self.labels.items()
        )
        edges = tuple(MapEdge(s, t, k) for s, t, k in self.edges)
        frozen = tuple(
            MapGroup(label, tuple(dict.fromkeys(ids)), independent)
            for label, ids, independent in groups
            if ids
        )
        return StoryMap(self.title, nodes, edges, frozen)


def components(node_ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected parts of a graph, edges taken both ways, each in the nodes' order."""
    order = list(node_ids)
    parent = {n: n for n in order}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent[find(a)] = find(b)
    parts: dict[str, list[str]] = defaultdict(list)
    for n in order:
        parts[find(n)].append(n)
    return list(parts.values())


# --- one claim's chain --------------------------------------------------------------------------


def chain_map(chain: Sequence[str], title: str = "") -> StoryMap:
    """A claim's chain as a map: ``chain`` is publisher, intermediaries, speaker (a report's
    ``ClaimRow.chain``); each repeats the next."""
    builder = GraphBuilder(title)
    ids = [
        builder.node(f"{position}", name, NodeKind.OUTLET if not position else NodeKind.SOURCE)
        for position, name in enumerate(chain)
    ]
    for position in range(len(ids) - 1, 0, -1):
        kind = EdgeKind.QUOTES if position == len(ids) - 1 else EdgeKind.REPORTS
        builder.edge(ids[position], ids[position - 1], kind)
    return builder.build()

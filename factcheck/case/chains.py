"""Cases, beside stage ④ sources: who stands behind a report, and the articles being compared.

A claim's chain runs from its publisher through intermediaries to its speaker. The root of a
chain is where the claim comes from: a named source ('Ibrahim al-Amin'), an explicit unnamed
source ('an Israeli intelligence official'), or, for an outlet's own words, a known outlet. A
chain is *known* only when it has such a root: a common noun ('the report') or a date is never a
source, and a report whose chain is unknown is never independent of another.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.case.compare import shingles
from factcheck.case.details import (
    cited_names,
    compatible_names,
    fold,
    is_date_like,
    name_key,
    owner_sources,
    plausible_outlet,
    stem,
)
from factcheck.case.store import CaseArticle
from factcheck.lexicon import words
from factcheck.models import (
    FURNITURE_KINDS,
    Claim,
    Extraction,
)

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry

# --- who stands behind a report -----------------------------------------------------------------


_FILLERS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "of",
        "s",
    ]
)


class Role(enum.IntEnum):
    """What a node on a chain is; lower values name a chain's origin better."""

    SPEAKER = 0
    ORGANISATION = 1
    VIA = 2
    OUTLET = 3


@dataclass(frozen=True, slots=True)
class ChainNode:
    """One source on a claim's chain."""

    key: str
    """A registry id, '~' and folded words for a name the registry lacks, '@' for an outlet."""
    label: str
    """How to show it."""
    role: Role
    known: bool = True
    """Whether it names a source: a named or an explicit unnamed source. An outlet standing in
    for a claim that names none is not one: where the outlet got it is unknown."""


@dataclass(frozen=True, slots=True)
class Root:
    """Where a claim comes from: the sources at the start of its chain, speaker first."""

    nodes: tuple[ChainNode, ...]
    label: str
    """The original source, as a reader would name it."""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(node.key for node in self.nodes)

    @property
    def speaker_keys(self) -> frozenset[str]:
        """Keys of the speaker and their organisation (or the outlet, for its own words)."""
        return frozenset(n.key for n in self.nodes if n.role is not Role.VIA)

    @property
    def known(self) -> bool:
        """Whether the chain names where the claim comes from (a named or an explicit unnamed
        source); a report whose chain is unknown is never independent of another."""
        return any(node.known for node in self.nodes)

    def label_of(self, key: str) -> str:
        return next((n.label for n in self.nodes if n.key == key), key)


_PERSON_NAME = regexes.compile(r"^(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+$")


def _name_nodes(name: str, registry: Registry | None, role: Role) -> list[ChainNode]:
    """Nodes for one name on a chain: a registry entry (a person with their organisation), else a
    key made from the name's own words. A date, or a common noun naming a text or a medium ('the
    report'), is no source and gives no node."""
    if registry is not None:
        entry = registry.find(name)
        if entry is not None:
            from factcheck.sources.registry import SourceKind

            nodes = [ChainNode(entry.id, entry.name, role)]
            if entry.kind is SourceKind.PERSON:
                for org in entry.affiliation:
                    org_entry = registry.get(org)
                    label = org_entry.name if org_entry is not None else org
                    nodes.append(ChainNode(org, label, Role.ORGANISATION))
            return nodes
    if is_date_like(name):
        return []
    head = re.split(r"\s+of\s+|,", name.strip())[0].strip()
    if _PERSON_NAME.match(head):
        if len(head.split()) == 1 and fold(head) in _not_sources():
            return []  # 'Reports say', 'Report:' opening a sentence
        last = fold(head.split()[-1]).strip("'")
        if len(head.split()) > 1 and (last in words("organisation_heads") or last in _MEDIA):
            # An organisation is named in full: 'National Seismological Institute'.
            return [ChainNode("~" + name_key(head), name, role)]
        # A person is named in full once and by surname after: the surname stands for them.
        return [ChainNode("~" + last, name, role)]
    # A description ('the regional government', 'hospital officials') stands for whoever it
    # describes; 'officials' could be any of them, which `shared_node` allows for. Only a
    # description of who speaks is a source: 'the report' is not.
    stems = [stem(w) for w in name_key(name).split() if w not in _FILLERS]
    if not any(s in _unnamed_source_stems() for s in stems):
        return []
    return [ChainNode("~" + " ".join(stems), name, role)]


@cache
def _unnamed_source_stems() -> frozenset[str]:
    """Stems of the nouns that make a description an explicit unnamed source: groups and
    people ('officials', 'witnesses'), organisations ('the ministry'), roles ('a commander')."""
    lists = ("group_nouns", "organisation_nouns", "organisation_heads", "role_nouns")
    return frozenset(stem(word) for name in lists for word in words(name))


_MEDIA = frozenset(("wire", "tv", "radio", "news", "post", "times", "herald", "press", "agency"))
"""Last words that make a capitalised name an outlet, named in full ('Meridian Wire')."""


@cache
def _not_sources() -> frozenset[str]:
    """Nouns naming a text or a medium, never who says something ('Reports say')."""
    return words("document_nouns") | words("media_nouns")


def outlet_key(name: str | None, registry: Registry | None) -> str | None:
    """A key for an outlet: its registry id, else its folded name without 'the'."""
    if not name:
        return None
    if registry is not None:
        entry = registry.find(name)
        if entry is not None:
            return entry.id
    return "@" + name_key(name)


def claim_root(claim: Claim, article: ArticleView, registry: Registry | None) -> Root:
    att = claim.attribution
    nodes: list[ChainNode] = []
    if att.speaker:
        nodes += _name_nodes(att.speaker, registry, Role.SPEAKER)
    vias: list[ChainNode] = []
    for name in reversed(att.via):  # nearest the speaker first
        vias += _name_nodes(name, registry, Role.VIA)
    if not nodes and not vias:
        # A source the sentence itself names ('..., the Regional Democracy Institute said',
        # '(Northwire) -') when attribution found no speaker.
        for name in dict.fromkeys([*cited_names(claim.text), *owner_sources(claim.text)]):
            nodes += _name_nodes(name, registry, Role.SPEAKER)
    if not nodes and not vias:
        # The claim names no source: its outlet stands in for it, but where the outlet got it
        # is unknown, so the chain is unknown.
        nodes.append(ChainNode(article.outlet_key, article.label, Role.OUTLET, known=False))
    label = nodes[0].label if nodes else ""
    if vias:
        label = f"{label}, via {vias[0].label}" if label else vias[0].label
    unique = tuple({n.key: n for n in (*nodes, *vias)}.values())
    return Root(unique, label or article.label)


# --- matching -------------------------------------------------------------------------------------


class ArticleView:
    """An article being compared, with what is computed about it once."""

    def __init__(
        self,
        article_id: str,
        extraction: Extraction,
        outlet: str | None,
        registry: Registry | None,
        case_article: CaseArticle | None,
    ) -> None:
        self.id = article_id
        self.extraction = extraction
        self.case_article = case_article
        outlet = plausible_outlet(outlet)
        document = extraction.document
        self.label = outlet or plausible_outlet(document.title) or document.source or "stdin"
        self.outlet = outlet
        self.outlet_key = outlet_key(outlet, registry) or f"#{article_id}"
        self.registry = registry

    @cached_property
    def shingles(self) -> frozenset[int]:
        body = [s.text for s in self.extraction.segments if s.kind not in FURNITURE_KINDS] or [
            c.text for c in self.extraction.claims
        ]
        return shingles(" ".join(body))

    @cached_property
    def outlet_names(self) -> tuple[str, ...]:
        """Names the outlet goes by, to find citations of it in other articles."""
        names: list[str] = []
        if self.outlet:
            names.append(self.outlet)
            if self.outlet.lower().startswith("the "):
                names.append(self.outlet[4:])
        if self.registry is not None and self.outlet:
            entry = self.registry.find(self.outlet)
            if entry is not None:
                names.extend(entry.names)
        return tuple(dict.fromkeys(n for n in names if len(n) >= 2))

    @cached_property
    def related_outlets(self) -> frozenset[str]:
        """The outlet's registry id with every entry it is affiliated with."""
        if self.registry is None or not self.outlet_key or self.outlet_key.startswith(("@", "#")):
            return frozenset()
        return frozenset(e.id for e in self.registry.related([self.outlet_key]))

    @cached_property
    def cited(self) -> tuple[str, ...]:
        """Folded names this article gives as the source of what it reports: '(Reuters)',
        'according to X', 'told X', 'X reported', 'first appeared in X'."""
        names = cited_names(self.extraction.document.text)
        return tuple(dict.fromkeys(f" {name_key(n)} " for n in names if n))

    def cites(self, other: ArticleView) -> bool:
        """Whether this article names the other's outlet as a source of what it reports."""
        return any(self.cites_name(n) for n in other.outlet_names)

    def cites_name(self, name: str) -> bool:
        """Whether this article names ``name`` as a source of what it reports."""
        key = f" {name_key(name)} "
        return bool(key.strip()) and any(key in cited for cited in self.cited)


def shared_node(a: Root, b: Root) -> ChainNode | None:
    """A source two chains share: the same registry entry or outlet, or descriptions of which
    one's words are all in the other's ('officials' and 'hospital officials')."""
    keys = b.keys
    for node in a.nodes:
        if node.key in keys:
            return node
    for node in a.nodes:
        if node.key.startswith("~"):
            for other in b.nodes:
                if other.key.startswith("~") and compatible_names(node.key[1:], other.key[1:]):
                    return node
    return None

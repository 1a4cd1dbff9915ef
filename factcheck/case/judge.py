"""Cases, beside stage ④ sources: independence, deciding which reports rest on one original.

Reports are grouped into chains: the same speaker or intermediary at the root (normalised
through the source registry, a person standing for their organisation), the same or an
affiliated outlet, one article citing the other's outlet, or near-identical text each tie two
reports to one chain, and a report whose chain is unknown is tied to the claim under review.
Only another chain that agrees counts as independent corroboration.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.case.chains import ArticleView, ChainNode, Role, Root, claim_root, shared_node
from factcheck.case.compare import Difference, Relation, shingle_overlap, shingles
from factcheck.case.details import (
    Details,
    body_details,
    compatible_names,
    is_organisation_name,
    name_key,
    proper_names,
    strip_dateline,
)
from factcheck.models import (
    FURNITURE_KINDS,
    Claim,
)

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry

COPY_THRESHOLD = 0.8
"""Share of word trigrams two claims share, beyond which one is a copy of the other."""
COPY_HINT = 0.2
"""Share of word trigrams two claims share, beyond which their articles are compared whole."""
ARTICLE_COPY_THRESHOLD = 0.5
"""Share of word trigrams two articles share, beyond which one republishes the other."""
STORY_DAYS = 60
"""Articles published further apart than this are about different events: a detail differing
between them is no conflict."""


@dataclass(slots=True)
class Item:
    """One claim of the case, or one quoted part of it, indexed for lookup."""

    article: ArticleView
    claim: Claim
    tokens: frozenset[str]
    part: str | None = None
    """The quotation this item stands for; None for the whole claim."""
    body: str = ""
    """What the claim (or part) asserts: `claim_body`."""
    place: str | None = None
    """The place of the claim's dateline."""
    norm: float = 0.0
    mass: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)


class Judge:
    """Decides relation and independence between reports, caching per-article facts."""

    def __init__(self, registry: Registry | None, common: frozenset[str]) -> None:
        self.registry = registry
        self.common = common
        self._details: dict[tuple[str, str, str], Details] = {}
        self._roots: dict[tuple[str, str], Root] = {}
        self._shingles: dict[tuple[str, str], frozenset[int]] = {}
        self._links: dict[tuple[str, str], tuple[str, ...]] = {}
        self._places: dict[str, frozenset[str]] = {}
        self._organisations: dict[str, bool] = {}
        self._copies: dict[tuple[str, str], float] = {}

    def details(self, item: Item) -> Details:
        key = (item.article.id, item.claim.id, item.part or "")
        if key not in self._details:
            self._details[key] = body_details(
                item.body, item.place, self.registry, self.common, self.is_organisation
            )
        return self._details[key]

    def is_organisation(self, name: str) -> bool:
        if name not in self._organisations:
            self._organisations[name] = is_organisation_name(name, self.registry)
        return self._organisations[name]

    def root(self, article: ArticleView, claim: Claim) -> Root:
        key = (article.id, claim.id)
        if key not in self._roots:
            self._roots[key] = claim_root(claim, article, self.registry)
        return self._roots[key]

    def claim_shingles(self, article: ArticleView, claim: Claim) -> frozenset[int]:
        key = (article.id, claim.id)
        if key not in self._shingles:
            self._shingles[key] = shingles(strip_dateline(claim.text)[0])
        return self._shingles[key]

    def places(self, article: ArticleView) -> frozenset[str]:
        """Every place an article names (after 'in', 'near', 'the city of', or a dateline)."""
        if article.id not in self._places:
            body = " ".join(
                s.text for s in article.extraction.segments if s.kind not in FURNITURE_KINDS
            ) or " ".join(c.text for c in article.extraction.claims)
            found = {
                name_key(name)
                for _, name, locative in proper_names(body, self.common)
                if locative and not self.is_organisation(name)
            }
            for claim in article.extraction.claims:
                place = strip_dateline(claim.text)[1]
                if place:
                    found.add(name_key(place))
            self._places[article.id] = frozenset(found)
        return self._places[article.id]

    def same_story(self, a: ArticleView, b: ArticleView) -> bool:
        """Whether two articles can be about the same events: published within STORY_DAYS of
        each other (when both dates are known), and naming a common place (when both name one).
        """
        first, second = (_date(x.extraction.document.published) for x in (a, b))
        if first is not None and second is not None and abs((first - second).days) > STORY_DAYS:
            return False
        pa, pb = self.places(a), self.places(b)
        return not (pa and pb) or any(compatible_names(x, y) for x in pa for y in pb)

    def article_links(self, a: ArticleView, b: ArticleView) -> tuple[str, ...]:
        """Why two articles are not independent of each other at all ('' none)."""
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key in self._links:
            return self._links[key]
        reasons: list[str] = []
        if a.outlet_key == b.outlet_key:
            reasons.append(f"both published by {a.label}")
        elif a.related_outlets & b.related_outlets:
            shared = sorted(a.related_outlets & b.related_outlets)[0]
            entry = self.registry.get(shared) if self.registry is not None else None
            reasons.append(
                f"{a.label} and {b.label} are both part of {entry.name if entry else shared}"
            )
        if a.cites(b):
            reasons.append(f"{a.label} cites {b.label}")
        if b.cites(a):
            reasons.append(f"{b.label} cites {a.label}")
        self._links[key] = tuple(reasons)
        return self._links[key]

    def article_overlap(self, a: ArticleView, b: ArticleView) -> float:
        """Share of word trigrams two articles' bodies have in common."""
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._copies:
            self._copies[key] = shingle_overlap(a.shingles, b.shingles)
        return self._copies[key]

    def dependence(self, a: ArticleView, ca: Claim, b: ArticleView, cb: Claim) -> list[str]:
        """Why two reports are not independent; empty when they are."""
        reasons = list(self.article_links(a, b))
        ra, rb = self.root(a, ca), self.root(b, cb)
        shared = shared_node(ra, rb)
        if shared is not None:
            reasons.append(f"both trace back to {shared.label}")
        for x, root, y in ((a, ra, b), (b, rb, a)):
            if any(n.key == y.outlet_key and n.role is Role.VIA for n in root.nodes):
                reasons.append(f"{x.label} relays {y.label}")
        overlap = shingle_overlap(self.claim_shingles(a, ca), self.claim_shingles(b, cb))
        if overlap >= COPY_THRESHOLD:
            reasons.append(f"near-identical wording ({overlap:.0%} shared)")
        # A republished article shares wording even in claims it edited; comparing whole
        # articles is dear, so only claims with some common wording lead to it.
        if overlap >= COPY_HINT and self.article_overlap(a, b) >= ARTICLE_COPY_THRESHOLD:
            share = self.article_overlap(a, b)
            reasons.append(f"{a.label} and {b.label} share {share:.0%} of their wording")
        return list(dict.fromkeys(reasons))


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def relation_of(clashes: Sequence[Difference], adds: Sequence[Difference]) -> Relation:
    if clashes:
        return Relation.CONFLICTS
    return Relation.ADDS_DETAIL if adds else Relation.AGREES


def group_reports(
    judge: Judge,
    own: tuple[ArticleView, Claim],
    matches: Sequence[tuple[ArticleView, Claim, Relation]],
) -> tuple[list[int], list[list[str]]]:
    """Chain groups of the reports (own first): a group per root, joined by any dependence."""
    reports = [own, *((a, c) for a, c, _ in matches)]
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: list[list[str]] = [[] for _ in reports]
    # A report whose chain is unknown is never independent of the claim under review, nor is
    # any report when the claim's own chain is unknown; it is not tied to the other reports.
    own_root = judge.root(*own)
    for j in range(1, len(reports)):
        article, claim = reports[j]
        if not own_root.known:
            reasons[j].append("the claim under review names no source")
        if not judge.root(article, claim).known:
            reasons[j].append(f"{article.label} names no source for it")
        if reasons[j]:
            parent[find(j)] = find(0)
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            # Reports already in one group need no check, except against the claim under
            # review, whose reasons are shown.
            if i and find(i) == find(j):
                continue
            why = judge.dependence(reports[i][0], reports[i][1], reports[j][0], reports[j][1])
            if why:
                parent[find(j)] = find(i)
                if i == 0:
                    reasons[j] = [*why, *reasons[j]]
    return [find(i) for i in range(len(reports))], reasons


def group_root(judge: Judge, members: Sequence[tuple[ArticleView, Claim]]) -> str:
    """The name of the source that most reports of a group rest on."""
    counts: Counter[str] = Counter()
    nodes: dict[str, ChainNode] = {}
    for article, claim in members:
        for node in judge.root(article, claim).nodes:
            counts[node.key] += 1
            known = nodes.get(node.key)
            if known is None or node.role < known.role:
                nodes[node.key] = node
    best = max(counts.values(), default=0)
    if best <= 1 and len(members) > 1:
        # No source in common: the reports are tied by copying or citing; the earliest wins.
        first = min(members, key=lambda m: (m[0].extraction.document.published or "9999", m[0].id))
        return judge.root(first[0], first[1]).label
    top = sorted(
        (nodes[k] for k, n in counts.items() if n == best),
        key=lambda node: (node.role, node.key.startswith(("~", "@", "#")), node.key),
    )
    origin = top[0]
    via = next((n for n in top if n.role is Role.VIA and n is not origin), None)
    return f"{origin.label}, via {via.label}" if via is not None else origin.label

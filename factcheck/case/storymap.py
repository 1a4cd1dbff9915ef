"""Cases, beside stage ④ sources: story maps of a claim against a case and of a whole case.

Both are drawn on the graph model of `factcheck.case.graph` by `factcheck.render.diagram`:

- `claim_map`: the story map of one claim of an article under review against a case (which
  articles report it, who cites whom, which chains are independent, where the wording changed);
- `case_map`: a whole case (outlets, citations and copies between them, and the sources that the
  claims of two or more outlets rest on).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from factcheck.case.chains import ArticleView, ChainNode, Role, claim_root
from factcheck.case.compare import Relation, shingle_overlap
from factcheck.case.details import name_key
from factcheck.case.graph import EdgeKind, GraphBuilder, NodeKind, StoryMap, components
from factcheck.case.judge import ARTICLE_COPY_THRESHOLD
from factcheck.models import Extraction

if TYPE_CHECKING:
    from factcheck.case.findings import CaseFindings, ClaimFindings
    from factcheck.case.store import Case
    from factcheck.models import Claim
    from factcheck.sources.registry import Registry

COPY_SAMPLE = 4
"""One word trigram in this many is indexed to find the article pairs worth comparing whole."""


def _chain(builder: GraphBuilder, nodes: Sequence[ChainNode], outlet: str) -> None:
    """Edges along one claim's chain: speaker, then intermediaries, to the outlet."""
    path = [
        (builder.node(n.key, n.label, NodeKind.SOURCE), n.role)
        for n in nodes
        if n.known and n.role in (Role.SPEAKER, Role.VIA)
    ]
    hops = [*path, (outlet, Role.OUTLET)]
    for (source, role), (target, _) in pairwise(hops):
        kind = EdgeKind.QUOTES if role is Role.SPEAKER else EdgeKind.REPORTS
        builder.edge(source, target, kind)


@dataclass(frozen=True, slots=True)
class _Report:
    view: ArticleView
    claim: Claim
    note: str
    group: str
    independent: bool


def claim_map(findings: CaseFindings, found: ClaimFindings) -> StoryMap:
    """The story map of one claim under review: the articles that report it, the sources their
    chains rest on, who cites or copies whom, the chains grouped (the claim's own first), and
    where the wording changed (a conflicting detail, a quotation worded differently)."""
    registry = findings.registry
    own = ArticleView(
        "", _own_extraction(findings, found), findings.document.outlet, registry, None
    )
    drifted = {v.article for d in found.drift for v in d.variants[1:]}
    own_group = found.groups[0].root if found.groups else own.label
    reports = [_Report(own, found.claim, "this article", own_group, False)]
    for match in found.matches:
        article = match.article
        view = ArticleView(article.id, article.extraction, article.outlet, registry, article)
        note = match.relation.label
        if match.relation is Relation.CONFLICTS and match.differences:
            note += ": " + "; ".join(d.describe() for d in match.differences)
        if article.id in drifted:
            note += "; quotation worded differently"
        group = match.root if match.independent else own_group
        reports.append(_Report(view, match.claim, note, group, match.independent))
    title = f"{found.claim.id}: who reports it"
    builder = GraphBuilder(title)
    outlets = [builder.node(r.view.outlet_key, r.view.label, NodeKind.OUTLET) for r in reports]
    for report, outlet in zip(reports, outlets, strict=True):
        previous = builder.notes.get(outlet)
        builder.notes[outlet] = f"{previous}; {report.note}" if previous else report.note
        _chain(builder, claim_root(report.claim, report.view, registry).nodes, outlet)
    _article_links(builder, [(r.view, o) for r, o in zip(reports, outlets, strict=True)])
    members: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for report, outlet in zip(reports, outlets, strict=True):
        members[(report.group, report.independent)].append(outlet)
    sources = {s for s, _, _ in builder.edges} - set(outlets)
    for source in sources:
        reached = [t for s, t, _ in builder.edges if s == source]
        for key, ids in members.items():
            if any(t in ids for t in reached) or _reaches(builder, source, ids):
                members[key].insert(0, source)
                break
    groups = []
    for (root, independent), unordered in members.items():
        ids = sorted(unordered, key=lambda i: (builder.kinds[i] is NodeKind.OUTLET, int(i[1:])))
        count = sum(1 for i in ids if builder.kinds[i] is NodeKind.OUTLET)
        reports_word = "report" if count == 1 else "reports"
        prefix = "Independent chain" if independent else "The claim's own chain"
        groups.append(
            (f"{prefix}: traces back to {root} ({count} {reports_word})", ids, independent)
        )
    return builder.build(groups)


def _own_extraction(findings: CaseFindings, found: ClaimFindings) -> Extraction:
    return Extraction(findings.document, (), (found.claim,))


def _reaches(builder: GraphBuilder, start: str, targets: Sequence[str]) -> bool:
    """Whether a path of edges leads from ``start`` to one of ``targets``."""
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for source, target, _ in builder.edges:
            if source == node and target not in seen:
                if target in targets:
                    return True
                seen.add(target)
                frontier.append(target)
    return False


def _article_links(builder: GraphBuilder, views: Sequence[tuple[ArticleView, str]]) -> None:
    """Citation and copy edges between the outlets of a few reports (every pair compared)."""
    for i, (a, a_id) in enumerate(views):
        for j, (b, b_id) in enumerate(views):
            if a_id == b_id:
                continue
            if a.cites(b):
                builder.edge(b_id, a_id, EdgeKind.CITES)
            elif (
                not b.cites(a)
                and _earlier(b, a, j < i)
                and shingle_overlap(a.shingles, b.shingles) >= ARTICLE_COPY_THRESHOLD
            ):
                builder.edge(b_id, a_id, EdgeKind.COPIES)


def _earlier(a: ArticleView, b: ArticleView, a_first: bool) -> bool:
    """Whether ``a`` came before ``b``: the earlier publication date; a dated article before an
    undated one (a repost often drops the date); else ``a_first``, their order in the case."""
    da, db = a.extraction.document.published or "", b.extraction.document.published or ""
    if da and db and da != db:
        return da < db
    if bool(da) != bool(db):
        return bool(da)
    return a_first


# --- a whole case -------------------------------------------------------------------------------


def case_map(case: Case, registry: Registry | None = None) -> StoryMap:
    """The story map of a whole case: each outlet, the citations and copies between them, and
    the sources that the claims of two or more outlets rest on, with the intermediaries on the
    way; nodes linked in any way are one group."""
    builder = GraphBuilder(f"Case {case.name}")
    views = [ArticleView(a.id, a.extraction, a.outlet, registry, a) for a in case.articles]
    outlet_ids = [builder.node(v.outlet_key, v.label, NodeKind.OUTLET) for v in views]
    articles = Counter(outlet_ids)
    for node_id, count in articles.items():
        if count > 1:
            builder.notes[node_id] = f"{count} articles"
    # Which outlets name each source, with the chains that lead from it to them.
    chains: dict[str, list[tuple[tuple[ChainNode, ...], str]]] = defaultdict(list)
    for view, outlet in zip(views, outlet_ids, strict=True):
        for claim in view.extraction.claims:
            nodes = claim_root(claim, view, registry).nodes
            speaker = next((n for n in nodes if n.known and n.role is Role.SPEAKER), None)
            origin = speaker or next((n for n in nodes if n.known and n.role is Role.VIA), None)
            if origin is not None:
                chains[origin.key].append((nodes, outlet))
    for paths in chains.values():
        if len({outlet for _, outlet in paths}) < 2:
            continue
        for nodes, outlet in dict.fromkeys(paths):
            _chain(builder, nodes, outlet)
    _case_citations(builder, views, outlet_ids)
    _case_copies(builder, views, outlet_ids)
    node_ids = list(builder.labels)
    parts = components(node_ids, ((s, t) for s, t, _ in builder.edges))
    groups: list[tuple[str, Sequence[str], bool]] = []
    alone: list[str] = []
    incoming = {t for _, t, _ in builder.edges}
    for part in parts:
        if len(part) == 1:
            alone += part
            continue
        roots = [builder.labels[n] for n in part if n not in incoming]
        count = sum(1 for n in part if builder.kinds[n] is NodeKind.OUTLET)
        label = f"Chain {len(groups) + 1}: traces back to {', '.join(roots)} ({count} outlets)"
        groups.append((label, part, False))
    if alone:
        groups.append(("Not linked to any other outlet", alone, True))
    return builder.build(groups)


def _case_citations(
    builder: GraphBuilder, views: Sequence[ArticleView], ids: Sequence[str]
) -> None:
    """Edges from each outlet to the outlets that name it as their source."""
    names: dict[str, str] = {}
    for view, node_id in zip(views, ids, strict=True):
        for name in view.outlet_names:
            key = name_key(name)
            if key:
                names.setdefault(key, node_id)
    for view, node_id in zip(views, ids, strict=True):
        for cited in view.cited:
            words = cited.split()
            for start in range(len(words)):
                for end in range(start + 1, len(words) + 1):
                    source = names.get(" ".join(words[start:end]))
                    if source is not None and source != node_id:
                        builder.edge(source, node_id, EdgeKind.CITES)


SMALL_ARTICLE = 64
"""Articles with fewer word trigrams than this are compared whole with every other article."""


def _case_copies(builder: GraphBuilder, views: Sequence[ArticleView], ids: Sequence[str]) -> None:
    """Edges from each article to the articles that republish most of its wording. Pairs are
    compared whole when they share enough of a sample of their word trigrams, or when one of
    them is short."""
    candidates: set[tuple[int, int]] = set()
    index: dict[int, list[int]] = defaultdict(list)
    samples: list[list[int]] = []
    for position, view in enumerate(views):
        if len(view.shingles) < SMALL_ARTICLE:
            candidates.update((min(position, o), max(position, o)) for o in range(len(views)))
        sample = [s for s in view.shingles if s % COPY_SAMPLE == 0]
        samples.append(sample)
        for shingle in sample:
            index[shingle].append(position)
    # A trigram found in more than half the articles is common wording, no sign of copying.
    common = len(views) // 2 + 2
    postings = {s: p for s, p in index.items() if len(p) > 1 and len(p) <= common}
    for a, sample in enumerate(samples):
        shared = Counter(chain.from_iterable(postings.get(s, ()) for s in sample))
        for b, count in shared.items():
            least = min(len(sample), len(samples[b]))
            if b > a and least and count / least >= ARTICLE_COPY_THRESHOLD / 2:
                candidates.add((a, b))
    for a, b in sorted(candidates):
        if a == b or ids[a] == ids[b]:
            continue
        first, second = (a, b) if _earlier(views[a], views[b], a < b) else (b, a)
        if {
            (ids[a], ids[b], EdgeKind.CITES),
            (ids[b], ids[a], EdgeKind.CITES),
        } & builder.edges.keys():
            continue
        if shingle_overlap(views[first].shingles, views[second].shingles) >= (
            ARTICLE_COPY_THRESHOLD
        ):
            builder.edge(ids[first], ids[second], EdgeKind.COPIES)

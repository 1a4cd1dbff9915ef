"""Cases, beside stage ④ sources: matching an article's claims against the other articles of a case.

`match_claims` is precise before it is complete, because a false "corroborated" misleads a
reviewer more than a missed one:

- *similarity*: content words and numbers weighted by how rare they are in the case (IDF), found
  through an inverted index, compared by cosine;
- *details*: numbers, dates, places, actors and denials are compared (`compare`);
- *independence*: reports are grouped into chains (`judge`);
- *quote drift*: the same speaker's quotation worded differently in two articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factcheck.case.chains import ArticleView
from factcheck.case.compare import Difference, Relation, compare_details, shared_details
from factcheck.case.details import (
    body_tokens,
    claim_body,
    fold,
    normal_quote,
    quotations,
    quote_words,
)
from factcheck.case.findings import (
    CaseFindings,
    ChainGroup,
    ClaimFindings,
    Match,
    QuoteDrift,
    QuoteVariant,
)
from factcheck.case.judge import Item, Judge, group_reports, group_root, relation_of
from factcheck.case.store import ID_LENGTH, Case, CaseArticle, article_outlet
from factcheck.models import (
    Claim,
    Extraction,
)

if TYPE_CHECKING:
    from factcheck.sources.registry import Registry

MATCH_THRESHOLD = 0.42
"""Least cosine similarity for two claims to report the same thing."""
CONTAIN_THRESHOLD = 0.65
"""Least share of a shorter claim's weighted words found in a longer one for the two to be
compared although their cosine is below MATCH_THRESHOLD..."""
CONTAIN_FLOOR = 0.35
"""...provided the cosine is at least this."""
ANCHOR_FLOOR = 0.3
"""Least cosine similarity of two claims that share MIN_ANCHORS specific details (the same
count of the same thing, the same day, place or name) to be compared."""
MIN_ANCHORS = 2
"""Specific details a less similar claim, or a conflicting one, must share with the claim."""
MIN_SHARED = 3
"""Least content words and numbers two matching claims share."""
TRIES_PER_ARTICLE = 2
"""Claims of one other article compared in detail with a claim, most similar first."""
DRIFT_THRESHOLD = 0.5
"""Least word overlap (Dice, content words) of two quotations to be the same quotation."""

MIN_PART_WORDS = 6
"""Least words of a quotation to be matched on its own."""


def claim_parts(claim: Claim) -> list[str]:
    """The quotations of a claim that carry a statement of their own.

    A claim quoting two statements ('X claimed "A" and "B"') may be confirmed elsewhere for one
    of them only, so each such quotation is also matched on its own.
    """
    quotes = [q for q in quotations(claim.text) if len(q.split()) >= MIN_PART_WORDS]
    return quotes if len(quotes) >= 2 else []


def _part_view(claim: Claim, part: str | None) -> Claim:
    return claim if part is None else replace(claim, text=part)


def _items(article: ArticleView, claim: Claim) -> list[Item]:
    """The claim as an item, then each of its quoted parts."""
    items = []
    for part in (None, *claim_parts(claim)):
        body, place = claim_body(_part_view(claim, part), article.outlet_names)
        items.append(Item(article, claim, body_tokens(body), part, body, place))
    return items


def _common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words seen in lowercase somewhere: those are not names when capitalised."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in re.findall(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*", text))
    return frozenset(fold(w) for w in words)


class _Matcher:
    """The case's claims with IDF weights and an inverted index, built once per comparison."""

    def __init__(self, items: list[Item], queries: list[Item]) -> None:
        self.items = items
        df: Counter[str] = Counter()
        for item in (*items, *queries):
            df.update(item.tokens)
        total = len(items) + len(queries)
        self.idf = {t: math.log((total + 1) / (n + 1)) + 1.0 for t, n in df.items()}
        self.index: dict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(items):
            self._weigh(item)
            for token in item.tokens:
                self.index[token].append(position)
        for item in queries:
            self._weigh(item)

    def _weigh(self, item: Item) -> None:
        item.weights = {t: self.idf[t] for t in item.tokens}
        item.norm = math.sqrt(sum(w * w for w in item.weights.values()))
        item.mass = sum(item.weights.values())

    def candidates(self, query: Item) -> list[tuple[int, float, bool, int]]:
        """(position, cosine, similar, shared tokens) of the claims worth comparing in detail.

        ``similar`` holds for a cosine of MATCH_THRESHOLD, or a shorter claim CONTAIN_THRESHOLD
        contained in the longer one; the others (down to ANCHOR_FLOOR) need shared details.
        """
        dots: dict[int, float] = defaultdict(float)
        overlap: dict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for token, weight in query.weights.items():
            square = weight * weight
            for position in self.index.get(token, ()):
                dots[position] += square
                overlap[position] += weight
                shared[position] += 1
        found = []
        for position, dot in dots.items():
            item = self.items[position]
            if not query.norm or not item.norm:
                continue
            cosine = dot / (query.norm * item.norm)
            if cosine < ANCHOR_FLOOR:
                continue
            contained = overlap[position] / min(query.mass, item.mass)
            similar = cosine >= MATCH_THRESHOLD or (
                contained >= CONTAIN_THRESHOLD and cosine >= CONTAIN_FLOOR
            )
            found.append((position, cosine, similar, shared[position]))
        return found


@dataclass(frozen=True, slots=True)
class _Quote:
    """A quotation in a claim of the case, ready to compare."""

    item: Item
    text: str
    words: frozenset[str]
    normal: str


def _drifted(a: _Quote, b: _Quote) -> bool:
    """The same quotation worded differently (not the same words, not one cut from the other)."""
    shared = len(a.words & b.words)
    if shared < 2 or 2 * shared / (len(a.words) + len(b.words)) < DRIFT_THRESHOLD:
        return False
    return bool(a.normal and b.normal) and a.normal not in b.normal and b.normal not in a.normal


def match_claims(
    case: Case,
    extraction: Extraction,
    registry: Registry | None = None,
    *,
    claim_ids: Sequence[str] | None = None,
) -> CaseFindings:
    """Match every claim of an article against the claims of the case's other articles.

    The article itself, when it is in the case, is left out. ``claim_ids`` limits the claims
    matched (all by default).
    """
    own_id = extraction.document.sha256[:ID_LENGTH]
    others = [a for a in case.articles if a.id != own_id]
    excluded = own_id if len(others) < len(case.articles) else None
    own = next((a for a in case.articles if a.id == own_id), None)
    outlet = own.outlet if own is not None else article_outlet(extraction, registry)
    review = ArticleView("", extraction, outlet, registry, None)
    articles = [ArticleView(a.id, a.extraction, a.outlet, registry, a) for a in others]
    items = [
        item
        for article in articles
        for claim in article.extraction.claims
        for item in _items(article, claim)
    ]
    wanted = set(claim_ids) if claim_ids is not None else None
    claims = [c for c in extraction.claims if wanted is None or c.id in wanted]
    queries = [_items(review, claim) for claim in claims]
    matcher = _Matcher(items, [q for group in queries for q in group])
    common = _common_words(
        [c.text for c in extraction.claims] + [a.extraction.document.text for a in articles]
    )
    judge = Judge(registry, common)
    quoted = [
        _Quote(item, quote, quote_words(quote), normal_quote(quote))
        for item in items
        if item.part is None
        for quote in quotations(item.claim.text)
    ]
    results = [_claim_findings(group, matcher, judge, quoted, registry) for group in queries]
    return CaseFindings(
        case=case.path,
        document=extraction.document,
        claims=tuple(results),
        compared=len(articles),
        excluded=excluded,
        registry=registry,
    )


def _claim_findings(
    queries: Sequence[Item],
    matcher: _Matcher,
    judge: Judge,
    quoted: Sequence[_Quote],
    registry: Registry | None,
) -> ClaimFindings:
    query = queries[0]
    review, claim = query.article, query.claim
    candidates = sorted(
        (
            (cosine, position, similar, shared, q)
            for q in queries
            for position, cosine, similar, shared in matcher.candidates(q)
        ),
        key=lambda x: -x[0],
    )
    found: list[tuple[ArticleView, Claim, Relation, float, tuple[Difference, ...], str | None]] = []
    seen_articles: set[str] = set()
    tries: Counter[str] = Counter()
    for cosine, position, similar, shared, q in candidates:
        item = matcher.items[position]
        # One report per article: its most similar claim that fits. An article whose most
        # similar claims all differ in their details reports something else.
        if shared < MIN_SHARED or item.article.id in seen_articles:
            continue
        if tries[item.article.id] >= TRIES_PER_ARTICLE:
            continue
        tries[item.article.id] += 1
        ours = judge.details(q)
        theirs = judge.details(item)
        if ours.blame != theirs.blame:
            # Who is to blame is a claim of its own: a report of the event does not confirm
            # it, and a claim that only presupposes the event does not confirm its details.
            continue
        clashes, adds = compare_details(ours, theirs)
        if len(clashes) > 1:
            continue  # two kinds of detail differ: another event
        # A report differing in a detail is a conflicting report of the same event only when
        # specific details and the story tie it to that event; so is a less similar one.
        if (clashes or not similar) and shared_details(ours, theirs) < MIN_ANCHORS:
            continue
        if clashes and not judge.same_story(review, item.article):
            continue
        relation = relation_of(clashes, adds)
        part = q.part or item.part
        found.append((item.article, item.claim, relation, cosine, tuple(clashes or adds), part))
        seen_articles.add(item.article.id)
    groups, reasons = group_reports(
        judge, (review, claim), [(a, c, r) for a, c, r, _, _, _ in found]
    )
    members: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        members[group].append(index)
    reports = [(review, claim), *((a, c) for a, c, _, _, _, _ in found)]
    roots = {
        group: group_root(judge, [reports[i] for i in indices])
        for group, indices in members.items()
    }
    matches = tuple(
        Match(
            claim_id=claim.id,
            article=_case_article(article),
            claim=other,
            similarity=round(cosine, 3),
            relation=relation,
            differences=differences,
            independent=groups[i + 1] != groups[0],
            reasons=tuple(reasons[i + 1]) if groups[i + 1] == groups[0] else (),
            root=roots[groups[i + 1]],
            part=part,
        )
        for i, (article, other, relation, cosine, differences, part) in enumerate(found)
    )
    chain_groups = []
    for group, indices in sorted(members.items(), key=lambda kv: (kv[0] != groups[0], kv[0])):
        relations = [found[i - 1][2] for i in indices if i > 0]
        corroborates = (
            group != groups[0]
            and any(r is not Relation.CONFLICTS for r in relations)
            and all(r is not Relation.CONFLICTS for r in relations)
        )
        chain_groups.append(
            ChainGroup(
                root=roots[group],
                reports=len(indices),
                own=group == groups[0],
                corroborates=corroborates,
            )
        )
    drift = _quote_drift(query, judge, quoted)
    return ClaimFindings(claim=claim, matches=matches, groups=tuple(chain_groups), drift=drift)


def _case_article(article: ArticleView) -> CaseArticle:
    assert article.case_article is not None
    return article.case_article


def _same_speaker(judge: Judge, a: ArticleView, ca: Claim, b: ArticleView, cb: Claim) -> bool:
    """Whether two claims quote the same person: the same root, or one names the other's
    speaker (attribution may miss a speaker that the sentence still names)."""
    if judge.root(a, ca).speaker_keys & judge.root(b, cb).speaker_keys:
        return True
    for speaker, text in ((ca.attribution.speaker, cb.text), (cb.attribution.speaker, ca.text)):
        words = (speaker or "").split()
        if (
            words
            and len(words[-1]) >= 3
            and words[-1][0].isupper()
            and re.search(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", text)
        ):
            return True
    return False


def _quote_drift(query: Item, judge: Judge, quoted: Sequence[_Quote]) -> tuple[QuoteDrift, ...]:
    review, claim = query.article, query.claim
    drifts: list[QuoteDrift] = []
    for text in quotations(claim.text):
        ours = _Quote(query, text, quote_words(text), normal_quote(text))
        variants: list[QuoteVariant] = []
        for theirs in quoted:
            if not _drifted(ours, theirs):
                continue
            item = theirs.item
            if not _same_speaker(judge, review, claim, item.article, item.claim):
                continue
            variants.append(
                QuoteVariant(item.article.label, item.article.id, item.claim.id, theirs.text)
            )
        if variants:
            speaker = claim.attribution.speaker or judge.root(review, claim).label
            head = QuoteVariant(review.label, "", claim.id, text)
            drifts.append(QuoteDrift(speaker=speaker, variants=(head, *variants)))
    return tuple(drifts)

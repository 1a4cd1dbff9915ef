"""Known fact-checks: the matcher, from text to search terms and from candidates to ranked matches.

The ranker is lexical and runs on the standard library. A query (a post, a headline, an article's
sentence) and each known fact-check are reduced to stemmed terms; candidates are scored with BM25
over the fact-check's claim and title (a title match counting ``TITLE_WEIGHT`` of a claim match),
then re-ranked with how much of the fact-check's own wording the query covers and how much of the
query's wording the fact-check covers. Every feature is a number from 0 to 1 and the score is
their weighted sum, so scores compare across queries and databases, and one threshold
(``SHOW_THRESHOLD``) decides what is shown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck import regexes
from factcheck.errors import FactchecksError
from factcheck.lexicon import entries

# --- constants tuned on the CLEF 2020 CheckThat! task 2 training split (see docs/factchecks.md) ---

K1 = 1.2
"""BM25 term-frequency saturation."""
B = 0.75
"""BM25 length normalisation."""
TITLE_WEIGHT = 0.8
"""How much a term in the fact-check's title counts against one in its claim."""
BM25_HALF = 1.0
"""The BM25 score, in units of the rarest term's weight, that maps to 0.5 once saturated."""
WEIGHTS: Mapping[str, float] = {"bm25": 0.8, "covered": 0.1, "query": 0.1}
"""Weight of each feature in the score; they add up to 1, so the score is in 0..1."""

SHOW_THRESHOLD = 0.6
"""The score from which a match is shown in extract, review and reports: on the CLEF 2020
training split 90% of the best matches from 0.58 up are right (see docs/factchecks.md)."""
STRONG_THRESHOLD = 0.65
"""The score from which a match's rating is offered as the answer to a checklist question: 95% of
the best matches from there up are right on the training split."""
CANDIDATES = 50
"""How many candidates the index hands to the re-ranker."""

_URL = regexes.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S*", re.IGNORECASE)
_SIGNATURE = regexes.compile(
    r"\s*[—–]\s*(?P<name>[^—–\n]{0,100})\(@\w+\)\s+(?P<month>[A-Za-z]+)\s+\d{1,2},\s+(?P<year>\d{4})\s*$"
)
_TAG = regexes.compile(r"[#@](\w+)")
_CAMEL = regexes.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_TOKEN = regexes.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
_QUOTED = regexes.compile(r"[\"“”‘’']([^\"“”‘’']{3,120})[\"“”‘’']")


def clean_query(text: str) -> str:
    """The text without links; a post's closing signature ('— Name (@handle) May 3, 2020') kept
    as the name, month and year, since fact-checks name who said what and when; hashtags and
    handles split into words ('#ImpeachTrump' as 'Impeach Trump')."""
    text = _SIGNATURE.sub(lambda m: f" {m['name']} {m['month']} {m['year']}", text)
    text = _URL.sub(" ", text)
    return _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(word for line in entries("claim_stopwords") for word in line.split())


def _fold(token: str) -> str:
    """Lowercase, without accents or apostrophes: every term is made of letters and digits,
    as the full-text index splits words."""
    token = token.lower().replace("’", "").replace("'", "")
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _number(token: str) -> str:
    """'7,000' and '7000' alike; '2.5' as '2p5', one term."""
    return token.replace(",", "").rstrip(".").replace(".", "p")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer: enough that 'released', 'releases' and 'release' meet."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= 3 and any(v in rest for v in "aeiouy"):
            word = rest
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text``, folded to lowercase."""
    out = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        out.append(_number(token) if token[0].isdigit() else _fold(token))
    return out


def terms(text: str) -> list[str]:
    """The search terms of ``text``: its words without function words, stemmed, in order."""
    stop = _stop_words()
    return [stem(t) for t in tokens(text) if (t not in stop and len(t) > 1) or t.isdigit()]


@dataclass(frozen=True, slots=True)
class Query:
    """A text prepared for matching."""

    text: str
    """The text as given."""
    terms: tuple[str, ...]
    """Its search terms, in order."""

    @property
    def unique(self) -> tuple[str, ...]:
        """Its distinct terms, in first-seen order."""
        return tuple(dict.fromkeys(self.terms))


def prepare(text: str) -> Query:
    """Prepare a query: cleaned of links, then reduced to terms."""
    return Query(text=text, terms=tuple(terms(clean_query(text))))


def check_query(text: str) -> None:
    """Refuse a query that can match nothing: empty, or only spaces, punctuation, links and
    common words."""
    if not prepare(text).terms:
        raise FactchecksError(f"nothing to search for in {text!r}; give the words of a claim")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known fact-check as the re-ranker sees it."""

    key: int
    """Its row id in the store."""
    claim: str
    """The claim as reviewed."""
    title: str
    """The review's title ('' when none)."""
    claim_terms: tuple[str, ...]
    """Search terms of the claim."""
    title_terms: tuple[str, ...]
    """Search terms of the title."""


@dataclass(frozen=True, slots=True)
class Stats:
    """What BM25 needs to know about the whole collection."""

    count: int
    """How many fact-checks there are."""
    claim_length: float
    """Average number of terms in a claim."""
    title_length: float
    """Average number of terms in a title."""
    frequency: Mapping[str, int]
    """For each term of the query and of the candidates, in how many fact-checks it occurs."""

    def idf(self, term: str) -> float:
        """Inverse document frequency, never negative."""
        df = self.frequency.get(term, 0)
        return math.log(1.0 + (self.count - df + 0.5) / (df + 0.5))

    @property
    def idf_max(self) -> float:
        """The largest weight a term can have: BM25 is divided by it, so that scores mean the
        same in a database of fifty fact-checks and in one of a million."""
        return math.log(1.0 + (self.count + 0.5) / 0.5)


def bm25(query: Sequence[str], candidate: Candidate, stats: Stats) -> float:
    """BM25 over claim and title, the title's term frequencies weighted by ``TITLE_WEIGHT``."""
    claim_tf = Counter(candidate.claim_terms)
    title_tf = Counter(candidate.title_terms)
    claim_norm = 1 - B + B * len(candidate.claim_terms) / max(stats.claim_length, 1.0)
    title_norm = 1 - B + B * len(candidate.title_terms) / max(stats.title_length, 1.0)
    score = 0.0
    for term in query:
        tf = claim_tf.get(term, 0) / claim_norm + TITLE_WEIGHT * title_tf.get(term, 0) / title_norm
        if tf:
            score += stats.idf(term) * tf * (K1 + 1) / (tf + K1)
    return score


def features(query: Query, candidate: Candidate, stats: Stats) -> dict[str, float]:
    """Every feature of one candidate for one query, each from 0 to 1: BM25 saturated, the share
    of the fact-check's own wording the query covers, and the share of the query's it covers
    (both weighted by how rare each term is)."""
    unique = query.unique
    own = set(candidate.claim_terms) | set(candidate.title_terms)
    asked = set(unique)
    idf = stats.idf
    shared = sum(idf(t) for t in own & asked)
    raw = bm25(unique, candidate, stats) / stats.idf_max
    return {
        "bm25": raw / (raw + BM25_HALF),
        "covered": shared / (sum(idf(t) for t in own) or 1.0),
        "query": shared / (sum(idf(t) for t in asked) or 1.0),
    }


def score(query: Query, candidate: Candidate, stats: Stats) -> float:
    """The candidate's score for the query, from 0 to 1."""
    found = features(query, candidate, stats)
    return sum(WEIGHTS[name] * value for name, value in found.items())


def rank(
    query: Query, candidates: Iterable[Candidate], stats: Stats
) -> list[tuple[float, Candidate]]:
    """Candidates with their scores, best first (ties by row id, so the order is stable)."""
    scored = [(score(query, c, stats), c) for c in candidates]
    scored.sort(key=lambda pair: (-pair[0], pair[1].key))
    return scored

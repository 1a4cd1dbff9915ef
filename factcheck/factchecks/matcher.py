"""Known fact-checks: the matcher, from text to search terms and from candidates to ranked matches.

The ranker is lexical and runs on the standard library. A query (a tweet, a headline, an article's
sentence) and each known fact-check are reduced to stemmed terms; candidates are scored with BM25
over the fact-check's claim and title, then re-ranked with features that survive paraphrase
poorly but mark a real match well: how much of the fact-check's own wording the query covers,
shared names, shared numbers, quoted phrases and shared word pairs. Every feature is a number from
0 to 1 and the score is their weighted sum, so scores compare across queries and one threshold
(``SHOW_THRESHOLD``) decides what is shown.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lexicon import entries

# --- constants tuned on the CLEF 2020 CheckThat! task 2 training split (see docs/factchecks.md) ---

K1 = 1.2
"""BM25 term-frequency saturation."""
B = 0.75
"""BM25 length normalisation."""
TITLE_WEIGHT = 0.8
"""How much a term in the fact-check's title counts against one in its claim."""
BM25_HALF = 12.0
"""The BM25 score that maps to 0.5 once saturated into 0..1."""
WEIGHTS: Mapping[str, float] = {
    "bm25": 0.40,
    "covered": 0.30,
    "query": 0.10,
    "names": 0.08,
    "numbers": 0.04,
    "quotes": 0.04,
    "pairs": 0.04,
}
"""Weight of each feature in the score; they add up to 1, so the score is in 0..1."""

SHOW_THRESHOLD = 0.5
"""The score above which a match is shown in extract, review and reports."""
STRONG_THRESHOLD = 0.6
"""The score above which a match may offer its rating as the answer to a checklist question."""
CANDIDATES = 60
"""How many candidates the index hands to the re-ranker."""

_URL = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S*", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"\s*[—–]\s*(?P<name>[^—–\n]{0,100})\(@\w+\)\s+(?P<month>[A-Za-z]+)\s+\d{1,2},\s+(?P<year>\d{4})\s*$"
)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']{3,120})[\"“”‘’']")


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


def names(text: str) -> set[str]:
    """Stemmed capitalised words that do not open a sentence: the names a text mentions."""
    found: set[str] = set()
    stop = _stop_words()
    previous = "."
    for match in _TOKEN.finditer(text):
        token = match.group()
        start = match.start()
        opens = previous in '.!?:"“' or start == 0
        if (token[0].isupper() and not opens and not token.isupper()) or (
            len(token) > 1 and (token.isupper() and token.isalpha())
        ):
            folded = _fold(token)
            if folded not in stop:
                found.add(stem(folded))
        tail = text[match.end() : match.end() + 3].strip()
        previous = tail[:1] if tail else ""
    return found


def numbers(text: str) -> set[str]:
    """The numbers in ``text``, written without thousands separators."""
    return {_number(t) for t in _TOKEN.findall(text) if t[0].isdigit()}


def quoted(text: str) -> list[list[str]]:
    """The search terms of each quoted phrase of two or more terms."""
    phrases = (terms(m.group(1)) for m in _QUOTED.finditer(text))
    return [p for p in phrases if len(p) >= 2]


def pairs(seq: Sequence[str]) -> set[tuple[str, str]]:
    """Adjacent pairs of terms."""
    return set(itertools.pairwise(seq))


@dataclass(frozen=True, slots=True)
class Query:
    """A text prepared for matching."""

    text: str
    """The text as given."""
    terms: tuple[str, ...]
    """Its search terms, in order."""
    names: frozenset[str]
    """Stemmed names it mentions."""
    numbers: frozenset[str]
    """Numbers it gives."""
    quotes: tuple[tuple[str, ...], ...]
    """Terms of its quoted phrases."""

    @property
    def unique(self) -> tuple[str, ...]:
        """Its distinct terms, in first-seen order."""
        return tuple(dict.fromkeys(self.terms))


def prepare(text: str) -> Query:
    """Prepare a query: cleaned of links and signatures, then reduced to terms and features."""
    clean = clean_query(text)
    return Query(
        text=text,
        terms=tuple(terms(clean)),
        names=frozenset(names(clean)),
        numbers=frozenset(numbers(clean)),
        quotes=tuple(tuple(p) for p in quoted(clean)),
    )


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
    """For each query term, in how many fact-checks it occurs."""

    def idf(self, term: str) -> float:
        """Inverse document frequency, never negative."""
        df = self.frequency.get(term, 0)
        return math.log(1.0 + (self.count - df + 0.5) / (df + 0.5))


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
    """Every feature of one candidate for one query, each from 0 to 1."""
    unique = query.unique
    own = set(candidate.claim_terms) | set(candidate.title_terms)
    asked = set(unique)
    idf = stats.idf
    own_mass = sum(idf(t) for t in own) or 1.0
    asked_mass = sum(idf(t) for t in asked) or 1.0
    shared = own & asked
    shared_mass = sum(idf(t) for t in shared)
    raw = bm25(unique, candidate, stats)
    text = f"{candidate.claim} {candidate.title}"
    own_names = names(text)
    own_numbers = numbers(text)
    own_pairs = pairs(candidate.claim_terms) | pairs(candidate.title_terms)
    asked_pairs = pairs(query.terms)
    quotes = [
        q for q in query.quotes if _contains(candidate.claim_terms + candidate.title_terms, q)
    ]
    return {
        "bm25": raw / (raw + BM25_HALF),
        "covered": shared_mass / own_mass,
        "query": shared_mass / asked_mass,
        "names": _share(query.names, own_names),
        "numbers": _share(query.numbers, own_numbers),
        "quotes": 1.0 if quotes else 0.0,
        "pairs": min(1.0, len(own_pairs & asked_pairs) / 3),
    }


def _share(asked: Iterable[str], own: set[str]) -> float:
    """How much of the record's set the query shares, from 0 to 1."""
    found = own.intersection(asked)
    return len(found) / len(own) if own else 0.0


def _contains(seq: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(
        seq[i] == first and tuple(seq[i : i + size]) == tuple(phrase)
        for i in range(len(seq) - size + 1)
    )


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

"""Known fact-checks: the records read from feeds and files, their ratings, and matches."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache

from factcheck import regexes
from factcheck.lexicon import entries


class Verdict(enum.StrEnum):
    """A fact-checker's rating brought onto one scale, best first."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    UNPROVEN = "unproven"
    MISLEADING = "misleading"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"


SUPPORTING = frozenset({Verdict.TRUE, Verdict.MOSTLY_TRUE})
"""Ratings that say the claim holds."""
REFUTING = frozenset({Verdict.FALSE, Verdict.MOSTLY_FALSE, Verdict.MISLEADING})
"""Ratings that say the claim is wrong or misleads."""


@dataclass(frozen=True, slots=True)
class KnownCheck:
    """One claim that a fact-checker has already reviewed, as read from a feed or file."""

    claim: str
    """The claim as reviewed (claimReviewed)."""
    origin: str
    """The file it was read from."""
    position: str
    """Where in that file: ``line 12`` or a JSON path such as ``claims[3].claimReview[0]``."""
    title: str | None = None
    """The review's headline."""
    rating: str | None = None
    """The rating as the fact-checker worded it ('Pants on Fire', 'Mostly false', '2/5')."""
    verdict: Verdict | None = None
    """The rating brought onto one scale, when it can be."""
    publisher: str | None = None
    """The organisation that published the review."""
    url: str | None = None
    """The review's address."""
    date: str | None = None
    """When the review was published (as given, usually ISO 8601)."""
    claim_date: str | None = None
    """When the claim was made."""
    claimant: str | None = None
    """Who made the claim."""
    language: str | None = None
    """The review's language code."""
    ref: str | None = None
    """The record's own id in its file, when it has one."""

    def key(self) -> str:
        """What makes two records the same review: its address and claim, else its id in the
        file it came from, else its publisher and claim."""
        claim = " ".join(self.claim.lower().split())
        if self.url:
            return f"url:{self.url}\n{claim}"
        if self.ref:
            name = re.split(r"[/\\]", self.origin)[-1]
            return f"ref:{name}\n{self.ref}"
        return f"text:{(self.publisher or '').lower()}\n{claim}"


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that could not be read, and the others still are; or one read with a repair."""

    origin: str
    """The file."""
    position: str
    """Where in it."""
    message: str
    """What is wrong."""
    skipped: bool = True
    """Whether the record was left out; False: it was read, mended as the message says."""

    def __str__(self) -> str:
        return f"{self.origin}: {self.position}: {self.message}"


@dataclass(frozen=True, slots=True)
class Match:
    """A known fact-check found for a piece of text."""

    id: int
    """The record's id in the database."""
    claim: str
    """The claim as reviewed."""
    title: str | None
    """The review's headline."""
    rating: str | None
    """The rating as worded by the fact-checker."""
    verdict: Verdict | None
    """The rating on one scale."""
    publisher: str | None
    """Who published the review."""
    url: str | None
    """The review's address."""
    date: str | None
    """When the review was published."""
    score: float
    """How well it matches, from 0 to 1."""

    def record(self) -> dict[str, object]:
        """The match as plain data, in the documented key order."""
        return {
            "id": self.id,
            "claim": self.claim,
            "title": self.title,
            "rating": self.rating,
            "verdict": str(self.verdict) if self.verdict else None,
            "publisher": self.publisher,
            "url": self.url,
            "date": self.date,
            "score": round(self.score, 3),
        }


@cache
def _rating_words() -> tuple[tuple[re.Pattern[str], str, Verdict], ...]:
    table = []
    for line in entries("fact-check-ratings"):
        words, _, verdict = line.rpartition("=")
        phrase = words.strip().lower()
        table.append(
            (
                regexes.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)"),
                phrase,
                Verdict(verdict.strip()),
            )
        )
    return tuple(table)


def verdict_from_words(rating: str) -> Verdict | None:
    """The verdict a rating's words mean: an exact entry, else the first entry it contains."""
    text = " ".join(rating.lower().replace("’", "'").split()).strip(" .!")
    if not text:
        return None
    table = _rating_words()
    for _, phrase, verdict in table:
        if text == phrase:
            return verdict
    for pattern, _, verdict in table:
        if pattern.search(text):
            return verdict
    return None


def verdict_from_value(value: float, best: float, worst: float) -> Verdict | None:
    """The verdict a numeric rating means, placed between the worst and best values."""
    if best == worst:
        return None
    share = (value - worst) / (best - worst)
    if not 0.0 <= share <= 1.0:
        return None
    if share <= 0.2:
        return Verdict.FALSE
    if share <= 0.4:
        return Verdict.MOSTLY_FALSE
    if share < 0.6:
        return Verdict.MIXED
    if share < 0.8:
        return Verdict.MOSTLY_TRUE
    return Verdict.TRUE

"""Known fact-checks: the records read from feeds and files, their ratings, and matches."""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass
from functools import cache

from factcheck import regexes
from factcheck.lexicon import entries, longest_first


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
        """What makes two records the same review: its address and claim, else its id in a
        file of the same name with the same publisher and claim (files of another desk or
        month are named alike and numbered alike), else its publisher and claim."""
        claim = " ".join(self.claim.lower().split())
        publisher = (self.publisher or "").lower()
        if self.url:
            return f"url:{self.url}\n{claim}"
        if self.ref:
            name = re.split(r"[/\\]", self.origin)[-1]
            # The publisher and claim as a short digest: the key is stored and indexed.
            both = hashlib.blake2b(
                f"{publisher}\n{claim}".encode("utf-8", "surrogatepass"), digest_size=6
            ).hexdigest()
            return f"ref:{name}\n{self.ref}\n{both}"
        return f"text:{publisher}\n{claim}"


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


_NOT_READ = -1.0
"""The value of a share whose number is not read ("umpteen percent true")."""
_HYPHEN_PREFIX = r"(?<!\w)(?:un|non|not)-$"
"""A negating prefix joined to the rating words by a hyphen: "un-true", "non-false"."""


@cache
def _clause_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that negate rating words after them, and where a rating's clause ends."""
    negations = "|".join(re.escape(w) for w in longest_first(entries("fact-check-negations")))
    contrasts = "|".join(re.escape(w) for w in longest_first(entries("fact-check-contrasts")))
    return (
        regexes.compile(rf"(?<!\w)(?:{negations}|\w+n't)(?!\w)"),
        regexes.compile(rf"[,;:.!?()\[\]/|\u2013\u2014]|\s-\s|(?<!\w)(?:{contrasts})(?!\w)"),
    )


@cache
def _share_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, float]]:
    """A share just before rating words, ending the text before them: a number and a word for
    percent ("0% ", "zero per cent "), or two numbers joined by a word for of ("0/10 ", "3 out
    of 10 "); the word a number as a word stands for, with its value."""
    values = {w: float(v) for w, v in (line.split() for line in entries("number_values"))}
    kinds: dict[str, list[str]] = {"percent": [], "of": []}
    for line in entries("fact-check-shares"):
        share, _, kind = line.rpartition("=")
        word = re.escape(share.strip())
        kinds[kind.strip()].append(rf"(?<![^\W\d]){word}" if share.strip()[0].isalpha() else word)
    named = "|".join(re.escape(w) for w in longest_first(values))
    # A number in digits, one in words ("twenty-five", "a hundred"), or any other word.
    number = rf"(?:\d+(?:[.,]\d+)?|(?:a\s+)?(?:(?:{named})[\s-]+)*(?:{named})(?!\w)|[^\s/]+)"
    percent, of = ("|".join(kinds[k]) for k in ("percent", "of"))
    return (
        regexes.compile(rf"(?<![\w.,])({number})\s*(?:{percent})\s*$"),
        regexes.compile(rf"(?<![\w.,])({number})\s*(?:{of})\s*({number})\s*$"),
        values,
    )


def _number(text: str, values: dict[str, float]) -> float:
    """The value of a number in digits or in words; _NOT_READ for anything else."""
    if text[0].isdigit():
        return float(text.replace(",", "."))
    total = 0.0
    for word in re.split(r"[\s-]+", text.removeprefix("a ")):
        if word not in values:
            return _NOT_READ
        value = values[word]
        total = max(total, 1.0) * value if value == 100 else total + value
    return total


def _share(before: str) -> tuple[float, int] | None:
    """The share of the rating words that ends the text before them, from 0 to 1 (_NOT_READ
    when a number of it is not read), and where it starts; None when there is none."""
    percent, of, values = _share_patterns()
    found = percent.search(before)
    if found is not None:
        value = _number(found.group(1), values)
        return (value if value == _NOT_READ else min(value, 100.0) / 100), found.start()
    found = of.search(before)
    if found is None:
        return None
    part, whole = (_number(found.group(n), values) for n in (1, 2))
    if part == _NOT_READ or not 0 <= part <= whole or whole == 0:
        return _NOT_READ, found.start()
    return part / whole, found.start()


def _clause_start(text: str, boundary: re.Pattern[str]) -> int:
    """Where the clause that ends ``text`` starts."""
    return max((m.end() for m in boundary.finditer(text)), default=0)


def _reading(before: str, verdict: Verdict) -> Verdict | bool | None:
    """What rating words of ``verdict`` mean after the text ``before`` them: the verdict itself
    (True: nothing changes it); another verdict (a share of true or false, a plain "not" before
    a word for true); or None, when a negation or a share leaves the meaning unclear."""
    negation, boundary = _clause_patterns()
    share = _share(before)
    if share is not None:
        # Found before the clause is cut: "0/10" and "0.5%" hold marks that end a clause.
        value, start = share
        head = before[:start]
        if value == _NOT_READ or negation.search(head, _clause_start(head, boundary)):
            return None  # "umpteen percent true", "not 100% accurate": unclear
        if verdict is Verdict.TRUE:
            return verdict_from_value(value, 1.0, 0.0)
        if verdict is Verdict.FALSE:
            return verdict_from_value(1.0 - value, 1.0, 0.0)
        return None
    clause = before[_clause_start(before, boundary) :]
    if re.search(_HYPHEN_PREFIX, clause):
        return Verdict.FALSE if verdict is Verdict.TRUE else None
    found = list(negation.finditer(clause))
    if not found:
        return True
    last = found[-1]
    plain = re.fullmatch(r"not|\w+n'?t", last.group()) and not clause[last.end() :].strip()
    if verdict is Verdict.TRUE and plain:
        return Verdict.FALSE  # "not true", "isn't accurate"; "not entirely true" is unclear
    return None


def verdict_from_words(rating: str) -> Verdict | None:
    """The verdict a rating's words mean: an exact entry, else the first entry it contains that
    no negation or share in its clause qualifies; a negated or qualified entry means another
    verdict only when that is clear ("not accurate", "0% true": false), else none: "not false"
    and "not entirely accurate" say too little to be read as true or as false."""
    text = " ".join(rating.lower().replace("\u2019", "'").split()).strip(" .!")
    if not text:
        return None
    table = _rating_words()
    for _, phrase, verdict in table:
        if text == phrase:
            return verdict
    fallback: Verdict | None = None
    for pattern, _, verdict in table:
        for found in pattern.finditer(text):
            reading = _reading(text[: found.start()], verdict)
            if reading is True:
                return verdict
            if isinstance(reading, Verdict) and fallback is None:
                fallback = reading
    return fallback


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

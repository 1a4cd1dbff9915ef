"""Stage ③ claims: near-duplicate claims within one article, linked rather than reviewed twice.

News articles often say the same thing twice: the standfirst repeats a body sentence, a caption
or a closing line restates the lead. Two claims are near-duplicates when nearly all the content
words of the shorter one are in the longer one and their numbers agree; the shorter claim then
``repeats`` the longer, which carries more detail.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache

from factcheck import regexes
from factcheck.lexicon import entries
from factcheck.models import Claim

CONTAINMENT = 0.8
"""Share of the shorter claim's content words the longer one must hold."""
MIN_WORDS = 6
"""Content words the shorter claim needs at least, so that short sentences never match."""

_WORD = regexes.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_PLAIN_WORD = regexes.compile(r"\w+(?:'\w+)*")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(word for line in entries("claim_stopwords") for word in line.split())


_EDGE_MARKS = ".,'\"()[]{}:;!?%$\u00a3\u20ac\u201c\u201d\u00ab\u00bb-\u2013\u2014\u2026*/|"
"""Punctuation that is no word character: around a word ('said,', '(the', '\u201cno\u201d') it
only ends the word."""


def content_words(text: str) -> frozenset[str]:
    """The lower-case words of a claim that say what it asserts (numbers included)."""
    stop = _stopwords()
    if "\u0130" in text or "\u03a3" in text:
        words = (w.lower().replace("\u2019", "'") for w in _WORD.findall(text))
        return frozenset(w for w in words if w not in stop and (len(w) > 1 or w.isdigit()))
    # Without a dotted capital I (two characters in lower case) or a capital sigma (lowered by
    # its context), lowering the whole text lowers each word as on its own, and no character
    # changes whether it belongs to a word. With underscores made spaces, a word character is a
    # letter or a digit. No word spans whitespace, and most whitespace-separated pieces are a
    # word alone, or one between marks that are no word characters: only the others are read
    # with the pattern.
    low = text.lower().replace("\u2019", "'")
    if "_" in low:
        low = low.replace("_", " ")
    found: list[str] = []
    keep = found.append
    for word in low.split():
        if not word.isalnum():
            word = word.strip(_EDGE_MARKS)
            if not word.isalnum():
                found += (
                    w
                    for w in _PLAIN_WORD.findall(word)
                    if w not in stop and (len(w) > 1 or w.isdigit())
                )
                continue
        if word not in stop and (len(word) > 1 or word.isdigit()):
            keep(word)
    return frozenset(found)


def _numbers(words: frozenset[str]) -> frozenset[str]:
    # No character is both a letter and a digit, so all-letter words are skipped at once.
    return frozenset(w for w in words if not w.isalpha() and any(map(str.isdigit, w)))


def _contains(
    shorter: frozenset[str],
    numbers: frozenset[str],
    longer: frozenset[str],
    longer_numbers: frozenset[str],
) -> bool:
    if len(shorter) < MIN_WORDS or not numbers <= longer_numbers:
        return False
    return len(shorter & longer) / len(shorter) >= CONTAINMENT


def is_repeat(shorter: frozenset[str], longer: frozenset[str]) -> bool:
    """Whether a claim with content words ``shorter`` repeats one with ``longer``."""
    return _contains(shorter, _numbers(shorter), longer, _numbers(longer))


@cache
def _shared_needed(size: int) -> int:
    """The fewest words a claim of ``size`` content words must share with a longer one."""
    return next(m for m in range(size + 1) if m / size >= CONTAINMENT)


def _numbers_of(
    memo: dict[int, frozenset[str]], words: Sequence[frozenset[str]], index: int
) -> frozenset[str]:
    """``_numbers`` of one claim's words, worked out once however many pairs it is in."""
    found = memo.get(index)
    if found is None:
        found = memo[index] = _numbers(words[index])
    return found


_FEW = 256
"""Candidates up to this many are gathered and sorted at once: cheaper than merging lists."""


def _merged(
    lists: Sequence[Sequence[int]], rank: int, with_figure: frozenset[int] | None
) -> Iterator[int]:
    """The ranks below RANK in LISTS (each in rank order), in order, each once, and only those
    in WITH_FIGURE when it is given."""
    last = -1
    for r in heapq.merge(*lists):
        if r >= rank:
            return
        if r != last and (with_figure is None or r in with_figure):
            last = r
            yield r


def _holder_set(
    memo: dict[str, frozenset[int]], holders: dict[str, list[int]], word: str
) -> frozenset[int]:
    """The ranks of the claims holding WORD, as a set made once however many claims ask."""
    found = memo.get(word)
    if found is None:
        found = memo[word] = frozenset(holders[word])
    return found


def link_repeats(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims with ``repeats`` set on each near-duplicate of a longer claim.

    A claim repeats the longest claim it nearly duplicates, so every link points at the claim
    with the most detail, never at another repeat.
    """
    words = [content_words(claim.text) for claim in claims]
    order = sorted(range(len(claims)), key=lambda i: (-len(words[i]), i))
    # Claims too short to repeat anything come last in that order and are never compared.
    long = sum(1 for w in words if len(w) >= MIN_WORDS)
    ranked = [words[order[rank]] for rank in range(long)]
    # How many of those claims hold each word. A claim can only repeat a longer one through
    # words two of them hold, so a claim with too few such words is never compared at all.
    held = Counter(itertools.chain.from_iterable(ranked))
    shared = frozenset(word for word, count in held.items() if count > 1)
    primary: dict[int, int] = {}
    # Where each shared word is, by rank in that order, built when first needed.
    holders: dict[str, list[int]] | None = None
    numbers: dict[int, frozenset[str]] = {}
    figure_holders: dict[str, frozenset[int]] = {}
    for rank in range(1, long):
        shorter = ranked[rank]
        needed = _shared_needed(len(shorter))
        if len(shorter & shared) < needed:
            continue
        if holders is None:
            holders = {}
            for r, held_words in enumerate(ranked):
                for word in held_words & shared:
                    holders.setdefault(word, []).append(r)
        j = order[rank]
        figures = _numbers_of(numbers, words, j)
        if not figures <= shared:
            continue  # a number no other claim holds: it can repeat none
        # A claim is compared only with the longer claims that hold one of its rarest words: a
        # claim that may lack k of its words in a longer one shares at least one of any k + 1.
        spare = len(shorter) - needed
        rarest = sorted(shorter, key=held.__getitem__)[: spare + 1]
        # ... and all of its numbers: a list of "item N costs N" lines compares no pair.
        figure = min(figures, key=held.__getitem__) if figures else None
        with_figure = _holder_set(figure_holders, holders, figure) if figure else None
        lists = [holders.get(word, ()) for word in rarest]
        if sum(map(len, lists)) <= _FEW:
            found = {r for held_by in lists for r in held_by if r < rank}
            if with_figure is not None:
                found &= with_figure
            candidates: Iterable[int] = sorted(found)
        else:
            # Each word's holders are in rank order, so merging them gives the candidates in
            # rank order, and the search stops at the first match: a sentence repeated ten
            # thousand times finds the first copy at once instead of gathering every copy first.
            candidates = _merged(lists, rank, with_figure)
        for r in candidates:
            # The first longer claim it repeats that does not itself repeat another.
            i = order[r]
            if i not in primary and _contains(
                shorter, _numbers_of(numbers, words, j), words[i], _numbers_of(numbers, words, i)
            ):
                primary[j] = i
                break
    return tuple(
        replace(claim, repeats=claims[primary[i]].id) if i in primary else claim
        for i, claim in enumerate(claims)
    )

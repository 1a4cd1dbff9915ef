"""Source matching stays linear in the article's length, even on text without punctuation.

Work is counted, not timed: every character handed to the registry's name matcher is added up,
and the total must stay within a fixed multiple of the article's length. Text without
punctuation is the hard case: one 'sentence' is the whole article and its chain holds hundreds
of names, each of which used to rescan the whole text.
"""

from __future__ import annotations

import contextlib
import functools
import io
import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract.pipeline import extract
from factcheck.sources import matching
from factcheck.sources.registry import Registry, load_registry

WORDS = (
    "the minister said Hezbollah and Al-Manar TV reported that Hamas fighters moved north while "
    "Reuters quoted Ibrahim Al-Amin about 300 rockets fired at Israel on Monday officials claimed "
    "according to Press TV told Tasnim a spokesman for the IDF Iran's Quds Force"
)
VOCABULARY = tuple(WORDS.split())

# The article is read twice at most (people tied to organisations, then the one long claim);
# the chain's own short names add a little more.
WORK_PER_CHARACTER = 3
SHORT_NAMES_ALLOWANCE = 4_000


@functools.cache
def _registry() -> Registry:
    return load_registry(user=False, builtin=True)


@contextlib.contextmanager
def _counting() -> Iterator[list[int]]:
    """A counter of characters the name matcher reads, across every registry."""
    count = [0]
    original = matching._Matcher.find

    def counting(
        self: matching._Matcher, text: str, start: int = 0, end: int | None = None
    ) -> tuple[matching.Mention, ...]:
        count[0] += (len(text) if end is None else end) - start
        return original(self, text, start, end)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching._Matcher, "find", counting)
        yield count


def _work(text: str) -> int:
    """Characters the matcher reads while extracting ``text``, with cold memos."""
    registry = _registry()
    registry.__dict__.pop("_short_mentions", None)
    registry.__dict__.pop("_cache", None)
    with _counting() as count:
        extraction = extract("-", registry=registry, stdin=io.BytesIO(text.encode()))
    assert extraction.claims  # the text is read and matched, not skipped
    return count[0]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(300, 4_000), st.integers(0, 2**32))
def test_matching_work_is_linear_on_text_without_punctuation(length: int, seed: int) -> None:
    rng = random.Random(seed)
    text = "Officials said " + " ".join(rng.choice(VOCABULARY) for _ in range(length))
    assert _work(text) <= WORK_PER_CHARACTER * len(text) + SHORT_NAMES_ALLOWANCE


def test_doubling_the_text_at_most_doubles_the_work() -> None:
    rng = random.Random(3)
    words = " ".join(rng.choice(VOCABULARY) for _ in range(3_000))
    small = "Officials said " + words
    large = small + " " + words
    small_work, large_work = _work(small), _work(large)
    assert small_work >= len(small)  # the whole article was read at least once
    assert large_work <= 2 * small_work + SHORT_NAMES_ALLOWANCE

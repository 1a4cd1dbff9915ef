"""Near-duplicate claims of one article: which claim repeats which."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import repeats
from factcheck.extract.pipeline import extract
from factcheck.extract.repeats import _stopwords, content_words, is_repeat, link_repeats
from factcheck.models import Claim

LEAD = (
    "Meanwhile, on May 20, Prime Minister Benjamin Netanyahu showed German Foreign Minister Heiko "
    "Maas during his visit to Israel an Iranian drone that had been downed by the Israel Defense "
    "Forces in the Beit Shean area."
)


def claim(number: int, text: str) -> Claim:
    return Claim(id=f"c{number}", text=text, start=0, end=len(text), check_worthiness=0.9)


def test_content_words_leave_out_function_words() -> None:
    assert content_words("The ministry said that 300 people were evacuated on Monday.") == {
        "ministry",
        "300",
        "people",
        "evacuated",
        "monday",
    }


def test_a_standfirst_repeats_the_longer_body_sentence() -> None:
    standfirst = claim(
        1, "On May 20, Netanyahu showed the German foreign minister an Iranian drone."
    )
    body = claim(2, LEAD)
    other = claim(3, "The ministry said 300 people were evacuated from the border on Monday.")
    linked = link_repeats([standfirst, other, body])
    assert [(c.id, c.repeats) for c in linked] == [("c1", "c2"), ("c3", None), ("c2", None)]


def test_different_numbers_or_few_words_are_not_repeats() -> None:
    first = content_words(
        "Officials said 300 people were evacuated from the northern border towns."
    )
    second = content_words(
        "Officials said 400 people were evacuated from the northern border towns."
    )
    assert not is_repeat(first, second)
    assert not is_repeat(
        content_words("Prices rose sharply."), content_words("Prices rose sharply.")
    )
    assert is_repeat(first, first)


def test_every_repeat_points_at_the_fullest_claim() -> None:
    short = claim(
        1, "Netanyahu showed German Foreign Minister Heiko Maas an Iranian drone in Israel."
    )
    middle = claim(
        2,
        "On May 20, Netanyahu showed German Foreign Minister Heiko Maas an Iranian drone "
        "in Israel.",
    )
    linked = link_repeats([short, middle, claim(3, LEAD)])
    assert [c.repeats for c in linked] == ["c3", "c3", None]


def test_the_bundled_article_links_c1_to_c10_only(seed_path: object) -> None:
    claims = extract(str(seed_path)).claims
    assert [(c.id, c.repeats) for c in claims if c.repeats] == [("c1", "c10")]


def _linked_pair_by_pair(claims: list[Claim]) -> list[str | None]:
    """Which claim each one repeats, comparing every pair, longest first (the definition)."""
    words = [content_words(c.text) for c in claims]
    order = sorted(range(len(claims)), key=lambda i: (-len(words[i]), i))
    primary: dict[int, int] = {}
    for rank, i in enumerate(order):
        if i not in primary:
            for j in order[rank + 1 :]:
                if j not in primary and is_repeat(words[j], words[i]):
                    primary[j] = i
    return [claims[primary[i]].id if i in primary else None for i in range(len(claims))]


VOCABULARY = [
    "officials",
    "said",
    "300",
    "people",
    "were",
    "evacuated",
    "from",
    "northern",
    "border",
    "towns",
    "on",
    "monday",
    "after",
    "rockets",
    "hit",
    "12",
    "homes",
    "and",
    "the",
    "army",
    "400",
    "reported",
    "damage",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCABULARY), max_size=14), max_size=25))
def test_links_are_those_of_comparing_every_pair(sentences: list[list[str]]) -> None:
    claims = [claim(i + 1, " ".join(words) + ".") for i, words in enumerate(sentences)]
    assert [c.repeats for c in link_repeats(claims)] == _linked_pair_by_pair(claims)


# Words enough that most claims share only a few: most are never compared with any other.
WIDE_VOCABULARY = [*VOCABULARY, *(f"word{n}" for n in range(40)), "7", "2021"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WIDE_VOCABULARY), min_size=4, max_size=16), max_size=30),
    st.lists(st.integers(min_value=0, max_value=29), max_size=6),
)
def test_links_among_claims_sharing_few_words_are_those_of_every_pair(
    sentences: list[list[str]], copied: list[int]
) -> None:
    # Some claims come back word for word, or with words of their own added, so that there are
    # repeats to find among the claims that share nothing.
    for index in copied:
        if index < len(sentences):
            sentences.append([*sentences[index], f"extra{index}"])
            sentences.append(sentences[index][1:])
    claims = [claim(i + 1, " ".join(words) + ".") for i, words in enumerate(sentences)]
    assert [c.repeats for c in link_repeats(claims)] == _linked_pair_by_pair(claims)


def _content_words_word_by_word(text: str) -> frozenset[str]:
    """The definition: each word lowered on its own, curly apostrophes straightened."""
    found = re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text)
    words = (w.lower().replace("\u2019", "'") for w in found)
    stop = _stopwords()
    return frozenset(w for w in words if w not in stop and (len(w) > 1 or w.isdigit()))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="aBcİiIΣ\u03c3ς\u0391\u0392 ’'._-0123 ThEǅé\n", max_size=40))
def test_content_words_are_those_of_each_word_lowered_on_its_own(text: str) -> None:
    assert content_words(text) == _content_words_word_by_word(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="aB0_é²ǅ'’.,\"()[]:;!?%$€£“”«»-–—…*/| \n\t", max_size=50))
def test_content_words_between_marks_are_those_of_the_definition(text: str) -> None:
    assert content_words(text) == _content_words_word_by_word(text)


def test_a_word_between_marks_is_a_content_word_alone() -> None:
    text = "(Officials) “said,” 'the' toll’s rise: 12%, $5, x-ray — a_b ‘q’ u.s. ²!"
    assert content_words(text) == {
        "officials",
        "toll's",
        "rise",
        "12",
        "5",
        "ray",
        "²",
    }


def test_lines_that_differ_in_their_numbers_are_never_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A results table or a list of figures: every line shares its words with every other, and
    # only a number no other line holds tells them apart. No pair can be a repeat.
    compared = []
    contains = repeats._contains

    def counted(*args: frozenset[str]) -> bool:
        compared.append(args)
        return contains(*args)

    monkeypatch.setattr(repeats, "_contains", counted)
    claims = [
        claim(n + 1, f"Line {n} says the council spent {n} dollars on roads, the mayor said.")
        for n in range(500)
    ]
    assert [c.repeats for c in link_repeats(claims)] == [None] * 500
    assert compared == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=30))
def test_links_among_lines_told_apart_by_numbers_are_those_of_every_pair(
    numbers: list[tuple[int, int]],
) -> None:
    claims = [
        claim(i + 1, f"District {a} spent {b} million on roads and schools, officials reported.")
        for i, (a, b) in enumerate(numbers)
    ]
    assert [c.repeats for c in link_repeats(claims)] == _linked_pair_by_pair(claims)


def test_a_sentence_repeated_by_the_thousand_links_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A page pasted with one sentence repeated (a boilerplate line, an article pasted many
    # times): every copy repeats the first, found with one comparison each, without gathering
    # every other copy first. benchmarks/bench_hostile.py measures the time.
    compared = [0]
    contains = repeats._contains

    def counted(*args: Any) -> bool:
        compared[0] += 1
        return contains(*args)

    monkeypatch.setattr(repeats, "_contains", counted)
    text = "The council spent 40 dollars on the new city roads in 2020, the mayor said."
    claims = [claim(n + 1, text) for n in range(20_000)]
    linked = link_repeats(claims)
    assert [c.repeats for c in linked] == [None] + ["c1"] * 19_999
    assert compared[0] == 19_999

"""Tests for stage ③ attribution: the article's words written in lower case, which a capital
at the start of a sentence does not make a name."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution.entities import PlainWords

SENTENCES = [
    "Cool heads prevailed in the rooms on Tuesday.",
    "The mood was cool and calm, said one well-known aide.",
    "Calm returned. Later Calm Partners said so.",
    "Presidential hopefuls met; the presidential race is on.",
    "Well-known donors gave to McCain, not to Mr. Tomlin.",
    "Tomorrow we meet tom and cain again.",
    "Он сказал, что это так.",
]


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        pytest.param("cool", True, id="capitalised only as a sentence's first word"),
        pytest.param("presidential", True, id="first word of a later sentence"),
        pytest.param("heads", True, id="lower case after the first word"),
        pytest.param("well-known", True, id="a hyphenated word"),
        pytest.param("tom", True, id="a capital inside a longer word does not count"),
        pytest.param("calm", False, id="capitalised inside a sentence"),
        pytest.param("tuesday", False, id="never in lower case"),
        pytest.param("room", False, id="only inside a longer word"),
        pytest.param("cool-headed", False, id="absent"),
        pytest.param("mccain", False, id="a name with an inner capital"),
        pytest.param("cain", False, id="capitalised inside a name"),
        pytest.param("он", False, id="not a word of Latin letters"),
        pytest.param("the", True, id="a word the article writes in lower case"),
        pytest.param("prevailed", True, id="asked twice gives the same answer"),
    ],
)
def test_plain_words(word: str, plain: bool) -> None:
    words = PlainWords(SENTENCES)
    assert (word in words) is plain
    assert (word in words) is plain


def test_plain_words_of_no_sentences() -> None:
    assert "cool" not in PlainWords([])

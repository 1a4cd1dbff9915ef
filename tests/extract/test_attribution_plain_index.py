"""Tests for stage ③ attribution: a long text's words written in lower case, gathered at once,
give the answers that looking each word up gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.attribution import entities
from factcheck.extract.attribution.entities import PlainWords

WORDS = ["cool", "Cool", "calm", "Calm", "tom", "Tomlin", "McCain", "well-known", "Well-known"]
PIECES = [*WORDS, "the", "The", " ", " ", ", ", ". ", "3", "é", "-", "room", "Mr."]
ASKED = [w.lower() for w in WORDS] + ["room", "the", "cool-headed", "é"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), max_size=8))
def test_gathered_words_answer_as_looked_up_words(sentences: list[str]) -> None:
    looked_up = PlainWords(sentences)
    assert looked_up.later is None or not sentences
    original = entities.INDEXED
    try:
        entities.INDEXED = -1
        gathered = PlainWords(sentences)
    finally:
        entities.INDEXED = original
    assert gathered.later is not None
    for word in ASKED:
        assert (word in gathered) is (word in looked_up), word
        assert gathered.written_lower(word) is looked_up.written_lower(word), word


def test_a_long_text_gathers_its_words_once(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = ["Cool heads prevailed.", "The mood was cool.", "Calm returned.", "Calm Ltd said."]
    monkeypatch.setattr(entities, "INDEXED", 10)
    words = PlainWords(sentences)
    assert words.later == {"heads", "prevailed", "mood", "was", "cool", "returned", "Ltd", "said"}
    assert ("cool" in words, "calm" in words, "heads" in words) == (True, False, True)

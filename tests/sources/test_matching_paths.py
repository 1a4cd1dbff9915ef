"""Registry names found by the fast search are exactly those the plain regex scan finds.

The fast search starts only after word breaks and at glued capitals; the plain scan tries every
position. Both run over generated text mixing registry names, glue, punctuation and case, and
over texts written to hit the edges: a name at the very start, names back to back, a name glued
to the word before it, and a name that starts inside another.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sources.matching import Registry, _Matcher
from factcheck.sources.model import SourceEntry, SourceKind
from factcheck.sources.registry import load_registry

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"


@functools.cache
def _registry() -> Registry:
    return load_registry(user=False, builtin=True)


def _plain(matcher: _Matcher, text: str) -> tuple[object, ...]:
    # With an explicit end the matcher scans every position with the plain regex.
    return matcher.find(text, 0, len(text))


NAMES = (
    "Hamas",
    "Reuters",
    "Al-Manar",
    "Al-Manar TV",
    "IDF",
    "Hezbollah",
    "Press TV",
    "Tasnim",
    "Israel Defense Forces",
    "the Associated Press",
    "Quds Force",
    "Iran's Quds Force",
    "AP",
)
GLUE = ("", " ", "  ", "\n", ", ", ". ", "(", ")", "-", "'s ", "’", "_", "x", "said", "chief")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(GLUE)), max_size=30))
def test_fast_search_finds_what_the_plain_scan_finds(parts: list[str]) -> None:
    matcher = _registry()._matcher
    assert matcher.after_break is not None
    for text in ("".join(parts), "".join(parts).lower(), "".join(parts).upper()):
        assert matcher.find(text) == _plain(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas said",
        "HamasHamas Hamas",
        "chiefAl-Akhbar editor Ibrahim Al-Amin",
        "The AlgemeinerSenior reporter",
        "(Reuters)(Reuters) - Reuters’ Reuters's",
        "al-manar tv and AL-MANAR TV",
        "",
        " ",
        "x",
    ],
)
def test_fast_search_at_the_edges(text: str) -> None:
    matcher = _registry()._matcher
    found = matcher.find(text)
    assert found == _plain(matcher, text)
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_name_that_may_start_with_an_optional_mark_keeps_the_plain_scan() -> None:
    odd = Registry((SourceEntry(id="odd", name="'Ndrangheta", kind=SourceKind.THINK_TANK),))
    matcher = odd._matcher
    assert matcher.after_break is None
    assert [m.id for m in odd.mentions("They said 'Ndrangheta and Ndrangheta.")] == ["odd", "odd"]


def test_the_seed_article_yields_the_same_names_both_ways() -> None:
    matcher = _registry()._matcher
    text = SEED.read_text(encoding="utf-8")
    assert matcher.find(text) == _plain(matcher, text)
    assert len(matcher.find(text)) > 10


def _stretches(text: str) -> list[str]:
    """Every stretch of TEXT from one space-separated piece to another (and the whole text)."""
    cuts = [0, *(i for i, c in enumerate(text) if c.isspace()), len(text)]
    return [text[a:b] for a in cuts for b in cuts if a < b]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(GLUE)), max_size=24))
def test_names_of_a_stretch_read_off_the_whole_text_are_those_a_scan_of_it_finds(
    parts: list[str],
) -> None:
    matcher = _registry()._matcher
    for text in ("".join(parts), "".join(parts).lower()):
        whole = matcher.read_whole(text)
        assert whole is not None
        assert whole.mentions == matcher.find(text)
        for piece in _stretches(text):
            found = whole.within(piece)
            assert found is None or found == matcher.find(piece), piece


def test_names_of_a_stretch_at_the_edges() -> None:
    matcher = _registry()._matcher
    text = "Press TV said Hamas. Al-Manar TV and Israel Defense Forces, the Associated Press."
    whole = matcher.read_whole(text)
    assert whole is not None
    said = whole.within("Hamas. Al-Manar TV and")
    assert said is not None and [m.text for m in said] == ["Hamas", "Al-Manar TV"]
    assert said == matcher.find("Hamas. Al-Manar TV and")
    assert whole.within("Hamas. Al-Manar TV and Israel") is None  # ends inside a name
    # A stretch cutting through a name, or glued to the text around it, is scanned on its own.
    assert whole.within("TV said Hamas.") is None
    assert whole.within("Defense Forces,") is None
    assert whole.within("ress TV said") is None
    assert whole.within("not in the text") is None
    assert whole.within("") is None
    assert whole.within(text) == whole.mentions


def test_a_claim_reads_the_names_of_its_own_text_when_its_article_was_read() -> None:
    registry = _registry()
    article = "Officials said Hamas fighters moved north. Reuters quoted Press TV on Monday."
    whole = registry.whole_text(article)
    assert whole is not None and registry.whole_text(article, read=False) is whole
    claim = "Reuters quoted Press TV on Monday."
    assert whole.within(claim) == registry.mentions(claim)
    assert registry.whole_text("Another article about Hamas.", read=False) is None

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

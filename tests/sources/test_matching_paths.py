"""Registry names found by the fast search are exactly those the plain regex scan finds.

The fast search starts only after word breaks and at glued capitals; the plain scan tries every
position. Both run over generated text mixing registry names, glue, punctuation and case, and
over texts written to hit the edges: a name at the very start, names back to back, a name glued
to the word before it, and a name that starts inside another.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.pipeline import extract
from factcheck.sources.chains import chain_sources, match_claim_sources
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
    "Télé Liban",
    "cable news network",
    "Agence France-Presse",
    "France 24",
)
GLUE = (
    *("", " ", "  ", "\n", ", ", ". ", "(", ")", "-", "'s ", "’", "_", "x", "said", "chief"),
    *("é", "\u201c", "\u2014", "\u0131", "3", "\u00a0"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(GLUE)), max_size=30))
def test_fast_search_finds_what_the_plain_scan_finds(parts: list[str]) -> None:
    matcher = _registry()._matcher
    assert matcher.passes is not None
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
        "the associated press said (the Associated Press)",
        "\u201cthe associated press\u201d and télé liban",
        "xAl-Akhbar éAl-Akhbar _Reuters 3AP 1 Reuters",
        "Télé Liban, TÉLÉ LIBAN and téléLiban",
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
    assert matcher.passes is None
    assert [m.id for m in odd.mentions("They said 'Ndrangheta and Ndrangheta.")] == ["odd", "odd"]


def test_the_seed_article_yields_the_same_names_both_ways() -> None:
    matcher = _registry()._matcher
    text = SEED.read_text(encoding="utf-8")
    assert matcher.find(text) == _plain(matcher, text)
    assert len(matcher.find(text)) > 10


def _stretches(text: str) -> list[tuple[int, int]]:
    """Every (start, end) of a stretch of TEXT that starts and ends at a word of it."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    return [(a, z) for i, (a, _) in enumerate(words) for _, z in words[i:]]


def _check_stretches(registry: Registry, text: str) -> int:
    """Every stretch read off the article's scan has the mentions of the stretch alone; how
    many were read off it."""
    read = 0
    for start, end in _stretches(text):
        found = registry.stretch_mentions(text, start, end)
        if found is not None:
            read += 1
            assert found == registry._matcher.find(text[start:end]), (start, end)
    return read


STRETCH_PARTS = (*NAMES, "New", "Al", "the", "Force", "TV")
STRETCH_GLUE = (" ", "  ", "\n", ", ", ". ", "(", ")", "-", "'s ", "’", "x", " said ")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(STRETCH_PARTS), st.sampled_from(STRETCH_GLUE)), max_size=14)
)
def test_a_stretch_of_a_scanned_article_has_the_names_of_the_stretch_alone(
    parts: list[str],
) -> None:
    registry = _registry()
    vars(registry).pop("_scans", None)  # the loaded registry, with no article scanned yet
    text = "".join(parts)
    assert registry.stretch_mentions(text, 0, len(text)) is None  # no scan of it yet
    assert registry.document_mentions(text) == registry._matcher.find(text)
    _check_stretches(registry, text)


def test_a_stretch_that_cuts_a_name_or_a_word_is_found_on_its_own() -> None:
    registry = load_registry(user=False, builtin=True)
    text = "Officials of the Israel Defense Forces told Reuters. Al-Manar TV said so."
    registry.document_mentions(text)
    cut = text.index("Defense")
    assert registry.stretch_mentions(text, cut, len(text)) is None  # inside a name
    assert registry.stretch_mentions(text, 0, cut - 1) is None
    glued = text.index("Reuters") + 2
    assert registry.stretch_mentions(text, glued, len(text)) is None  # inside a word
    after = text.index("Al-Manar")
    assert registry.stretch_mentions(text, after, len(text)) == registry.mentions(text[after:])
    assert _check_stretches(registry, text) > 10
    # Another text is never read off this scan, nor the same text in another string until it
    # is the one scanned.
    assert registry.stretch_mentions(text.upper(), 0, len(text)) is None
    same = "".join(list(text))
    assert same == text and same is not text
    assert registry.stretch_mentions(same, after, len(text)) is None
    assert registry.document_mentions(same) == registry.document_mentions(text)
    assert registry.stretch_mentions(same, after, len(text)) is None  # text is scanned last
    registry.document_mentions(same)
    assert registry.stretch_mentions(same, after, len(text)) == registry.mentions(text[after:])


def test_claims_find_the_same_sources_with_and_without_the_article_scan() -> None:
    registry = load_registry(user=False, builtin=True)
    extraction = extract(str(SEED), registry=registry)
    assert extraction.claims
    fresh = load_registry(user=False, builtin=True)  # no scan of the article yet
    for claim in extraction.claims:
        alone = chain_sources(fresh, claim.text, claim.attribution, extraction.document)
        assert claim.sources == alone
        assert match_claim_sources(registry, claim, extraction.document) == alone

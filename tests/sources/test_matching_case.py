"""Tests for stage ④'s name search: the case rules of registry names and the hosts of web
addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.sources.registry import Registry, load_registry

CITED = "citations: {kind: https://a.org}"
ENTRIES = f"""\
entries:
  - {{id: hamas, name: Hamas, kind: armed-group, {CITED}}}
  - {{id: idf, name: IDF, kind: military, {CITED}}}
  - {{id: jpost, name: The Jerusalem Post, kind: newspaper, domains: [jpost.com],
      citations: {{kind: https://a.org, domains: https://a.org}}}}
  - {{id: pd, name: People's Daily, kind: newspaper, {CITED}}}
  - {{id: the-hill, name: The Hill, kind: newspaper, {CITED}}}
  - {{id: nyt, name: "New  York Times", kind: newspaper, domains: [nytimes.com],
      citations: {{kind: https://a.org, domains: https://a.org}}}}
  - {{id: unsc, name: UN Security Council, kind: government, {CITED}}}
  - {{id: idf-unit, name: IDF Spokesperson Unit, kind: military, {CITED}}}
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    path = tmp_path_factory.mktemp("registry") / "names.yaml"
    path.write_text(ENTRIES, encoding="utf-8")
    return load_registry([Path(path)], builtin=False, user=False)


def found(registry: Registry, text: str) -> list[tuple[str, str]]:
    return [(m.id, text[m.start : m.end]) for m in registry.mentions(text)]


def test_acronyms_and_one_word_names_match_only_as_written(registry: Registry) -> None:
    assert found(registry, "HAMAS said; hamas denied; Hamas spoke.") == [("hamas", "Hamas")]
    assert found(registry, "The idf and the IDF.") == [("idf", "IDF")]


def test_longer_names_match_in_any_case_and_a_leading_the_in_either(registry: Registry) -> None:
    text = "the jerusalem post, THE JERUSALEM POST, Jerusalem Post."
    assert found(registry, text) == [
        ("jpost", "the jerusalem post"),
        ("jpost", "THE JERUSALEM POST"),
    ]
    # 'The' and one word: only the article's case is free.
    assert found(registry, "the hill, THE HILL, The Hill, the Hill.") == [
        ("the-hill", "The Hill"),
        ("the-hill", "the Hill"),
    ]


def test_acronyms_inside_longer_names_keep_their_case(registry: Registry) -> None:
    text = "UN security council; un security council; IDF spokesperson unit; Idf Spokesperson Unit."
    assert found(registry, text) == [
        ("unsc", "UN security council"),
        ("idf-unit", "IDF spokesperson unit"),
    ]


def test_separators_and_apostrophes_are_optional(registry: Registry) -> None:
    text = "Peoples Daily, people\u2019s daily. new york times, New-York Times, NewYork Times."
    assert found(registry, text) == [
        ("pd", "Peoples Daily"),
        ("pd", "people\u2019s daily"),
        ("nyt", "new york times"),
        ("nyt", "New-York Times"),
        ("nyt", "NewYork Times"),
    ]


@pytest.mark.parametrize(
    ("address", "source"),
    [
        ("https://www.JPost.com:8080/a/b", "jpost"),
        ("jpost.com/x/y", "jpost"),
        ("JPOST.COM", "jpost"),
        ("www.jpost.com.", "jpost"),
        ("http://news.jpost.com/", "jpost"),
        ("nytimes.com:443/2024/x", "nyt"),
        ("https://", None),
        ("wwwjpost.com", None),
        ("example.org/jpost.com", None),
    ],
)
def test_a_web_address_is_found_by_its_host(
    registry: Registry, address: str, source: str | None
) -> None:
    entry = registry.by_domain(address)
    assert (entry.id if entry else None) == source

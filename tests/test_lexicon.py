"""The lexicon's README describes every word list, with its true number of entries."""

from __future__ import annotations

import re

import pytest

from factcheck.lexicon import LANGUAGES, PAGE_LANGUAGES, PAGE_LISTS, entries, folder, months

_ROW = re.compile(r"^\| `([^`]+)\.txt` \| (\d+) \|", re.MULTILINE)


@pytest.mark.parametrize("code", sorted(LANGUAGES) + sorted(PAGE_LANGUAGES))
def test_the_readme_lists_every_word_list_with_its_count(code: str) -> None:
    rows = {
        name: int(count) for name, count in _ROW.findall((folder(code) / "README.md").read_text())
    }
    lists = {path.stem for path in folder(code).glob("*.txt")}
    assert sorted(lists - rows.keys()) == []  # a list the README does not describe
    assert sorted(rows.keys() - lists) == []  # a row for a list that is gone
    assert {name: len(entries(name, code)) for name in lists} == rows


@pytest.mark.parametrize("code", sorted(PAGE_LANGUAGES))
def test_a_page_language_holds_the_page_lists_and_no_other(code: str) -> None:
    assert sorted(path.stem for path in folder(code).glob("*.txt")) == sorted(PAGE_LISTS)
    assert all(entries(name, code) for name in PAGE_LISTS)  # none is empty


@pytest.mark.parametrize("code", sorted(LANGUAGES) + sorted(PAGE_LANGUAGES))
def test_every_abbreviation_of_a_month_or_day_belongs_to_one(code: str) -> None:
    names = entries("months", code)
    assert sum(len(group) for group in months(code)) == len(names)  # none left out
    days = entries("weekdays", code)
    assert all(any(day.startswith(short) for day in days[:7]) for short in days[7:])


def test_a_month_s_name_means_one_month_in_every_language() -> None:
    meaning: dict[str, set[int]] = {}
    for code in sorted(LANGUAGES) + sorted(PAGE_LANGUAGES):
        for number, group in enumerate(months(code), start=1):
            for name in group:
                meaning.setdefault(name, set()).add(number)
    assert {name: found for name, found in meaning.items() if len(found) > 1} == {}


def test_an_unknown_language_has_no_folder() -> None:
    with pytest.raises(KeyError):
        folder("xx")

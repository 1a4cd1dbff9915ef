"""The lexicon's README describes every word list, with its true number of entries."""

from __future__ import annotations

import re

import pytest

from factcheck.lexicon import LANGUAGES, entries

_ROW = re.compile(r"^\| `([^`]+)\.txt` \| (\d+) \|", re.MULTILINE)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_readme_lists_every_word_list_with_its_count(code: str) -> None:
    folder = LANGUAGES[code].folder
    rows = {name: int(count) for name, count in _ROW.findall((folder / "README.md").read_text())}
    lists = {path.stem for path in folder.glob("*.txt")}
    assert sorted(lists - rows.keys()) == []  # a list the README does not describe
    assert sorted(rows.keys() - lists) == []  # a row for a list that is gone
    assert {name: len(entries(name, code)) for name in lists} == rows

"""Tests for a case's cached articles: a cache file that is not what the cache writes, at any
level, is reported as damaged and never crashes what reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.case.cache import parse_article_record
from factcheck.case.store import add_to_case, load_case
from factcheck.models import SegmentKind

WIRE = Path(__file__).parents[1] / "fixtures" / "case" / "ferry" / "wire.txt"

# A value of each JSON type, and a key taken away.
WRONG: tuple[object, ...] = ("x", 5, 2.5, True, None, [], {})
MISSING = object()
SEGMENT_FIELDS = ("start", "end", "kind", "block")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, isolated_module: None) -> dict[str, Any]:
    """The cache file of the wire story, as the tool writes it."""
    folder = tmp_path_factory.mktemp("cache") / "ferry"
    [added] = add_to_case(folder, [str(WIRE)])
    assert added.article is not None
    path = folder / "articles" / f"{added.article.id}.json"
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def _where(path: tuple[str | int, ...]) -> str:
    """A path into the record as the reader names it: claims[0].attribution.via[1]."""
    text = ""
    for index, step in enumerate(path):
        if isinstance(step, str):
            text += f".{step}" if text else step
        elif path[0] == "segments" and index == 2:
            text += f".{SEGMENT_FIELDS[step]}"
        else:
            text += f"[{step}]"
    return text


def _changes(
    node: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], object, object]]:
    """Every (path, value, value before) that gives a node of the record another type, or takes
    a key away; of each list, the first two items only (the others have the same shape)."""
    if path:
        for value in WRONG:
            if type(value) is not type(node):
                yield path, value, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*path, key), MISSING, child
            yield from _changes(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node[:2]):
            yield from _changes(child, (*path, index))


def _changed(record: object, path: tuple[str | int, ...], value: object) -> object:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(record, dict):
        assert isinstance(head, str)
        copy = dict(record)
        if not rest and value is MISSING:
            del copy[head]
        else:
            copy[head] = _changed(record[head], rest, value)
        return copy
    assert isinstance(record, list) and isinstance(head, int)
    items = list(record)
    items[head] = _changed(record[head], rest, value)
    return items


def test_every_wrong_type_at_every_level_is_damaged_never_a_crash(
    written: dict[str, Any], tmp_path: Path
) -> None:
    # A type the reader did not expect ("ingested": "x", "claims": "x", an attribution that is
    # a string) crashed `case show` and `review --case` with an internal AttributeError.
    folder = tmp_path / "ferry"
    add_to_case(folder, [str(WIRE)])
    (path,) = (folder / "articles").iterdir()
    source = re.escape(str(WIRE))
    shape = re.compile(
        rf"{re.escape(str(path))}: damaged \((.+)\); add the article again \({source}\)"
    )
    changes = list(_changes(written))
    assert len(changes) > 300
    for where, value, before in changes:
        path.write_text(json.dumps(_changed(written, where, value)), encoding="utf-8")
        loaded = load_case(folder)
        if not loaded.warnings:
            # Only a field the cache may leave out or write as null takes null or no value, and
            # text where it held null.
            assert value is None or value is MISSING or (before is None and value == "x"), (
                where,
                value,
            )
            assert len(loaded.articles) == 1
            continue
        (warning,) = loaded.warnings
        assert loaded.articles == ()
        found = shape.fullmatch(warning)
        assert found is not None, warning
        message = found.group(1)
        if where == ("format",):
            assert message == "not a cached factcheck article"
        elif value is MISSING:
            assert message == f"{_where(where)}: missing", (where, message)
        else:
            named = message.split(": ", 1)[0]
            assert _where(where).startswith(named) and " expected " in f" {message}", (
                where,
                value,
                message,
            )


def _texts(node: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path of every string in the record; of each list, the first two items only."""
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _texts(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node[:2]):
            yield from _texts(child, (*path, index))


def test_a_lone_surrogate_in_any_string_is_damaged_never_a_crash(
    written: dict[str, Any], tmp_path: Path
) -> None:
    # A JSON escape of half a UTF-16 pair (\ud800), which the cache never writes, was read as
    # text: `review --case` and `report --case` then stopped with an internal UnicodeEncodeError.
    folder = tmp_path / "ferry"
    add_to_case(folder, [str(WIRE)])
    (path,) = (folder / "articles").iterdir()
    texts = list(_texts(written))
    assert len(texts) > 20
    for where in texts:
        before: Any = written
        for step in where:
            before = before[step]
        path.write_text(json.dumps(_changed(written, where, "\ud800" + before)), encoding="utf-8")
        loaded = load_case(folder)
        assert loaded.articles == ()
        (warning,) = loaded.warnings
        if where == ("format",):
            fault = "not a cached factcheck article"
        elif where[0] == "segments":  # a kind: one of a few words
            fault = f'{_where(where)}: expected one of {", ".join(SegmentKind)}, got "\\ud800'
        else:
            fault = f"{_where(where)}: expected text, got a lone surrogate \\ud800"
        assert warning.startswith(f"{path}: damaged ({fault}"), warning
        assert warning.endswith(f"); add the article again ({WIRE})"), warning


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ingested", "x", 'ingested: expected an object, got "x"'),
        ("ingested", None, "ingested: expected an object, got null"),
        ("document", "x", 'document: expected an object, got "x"'),
        ("document", None, "document: expected an object, got null"),
        ("claims", "x", 'claims: expected a list, got "x"'),
        ("segments", {}, "segments: expected a list, got {}"),
        ("text", 5, "text: expected a string, got 5"),
        ("added", 5, "added: expected a string or null, got 5"),
        ("version", "1", 'version: expected a whole number, got "1"'),
    ],
)
def test_a_wrong_type_is_named_with_what_was_expected(
    written: dict[str, Any], key: str, value: object, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        parse_article_record({**written, key: value})
    assert str(caught.value) == message


def test_a_nested_wrong_type_is_named_by_its_path(written: dict[str, Any]) -> None:
    claim = dict(written["claims"][1])
    claim["attribution"] = {**(claim["attribution"] or {}), "via": "Northwire"}
    with pytest.raises(ValueError) as caught:
        parse_article_record({**written, "claims": [written["claims"][0], claim]})
    assert (
        str(caught.value)
        == 'claims[1].attribution.via: expected a list of strings, got "Northwire"'
    )
    segment = [*written["segments"][0][:2], "headline", 0]
    with pytest.raises(ValueError) as caught:
        parse_article_record({**written, "segments": [segment]})
    assert str(caught.value) == (
        "segments[0].kind: expected one of title, dateline, byline, caption, credit, related, "
        'tags, claim, statement, question, opinion, got "headline"'
    )
    with pytest.raises(ValueError) as caught:
        parse_article_record({**written, "claims": [{**claim, "check_worthiness": 1e400}]})
    assert str(caught.value) == (
        "claims[0].check_worthiness: expected a number from 0 to 1, got Infinity"
    )


def test_a_folder_in_a_cached_articles_place_is_told_in_words(tmp_path: Path) -> None:
    # It was "damaged ([Errno 21] Is a directory: '...')": Python's error text.
    folder = tmp_path / "ferry"
    add_to_case(folder, [str(WIRE)])
    (path,) = (folder / "articles").iterdir()
    path.unlink()
    path.mkdir()
    loaded = load_case(folder)
    assert loaded.articles == ()
    assert loaded.warnings == (
        f"{path}: cannot read (Is a directory); add the article again ({WIRE})",
    )

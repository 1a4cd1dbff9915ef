"""JSON output: exactly what json.dumps gives with an indent of 2, with the characters that
terminals or browsers act on escaped."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest

from factcheck.render.jsonout import (
    _JSON_UNSAFE,
    Stream,
    _dumps,
    _escape,
    _indented,
    dump_pieces,
)

TEXTS = [
    "",
    "a",
    "é",
    "日本",
    '"',
    "\\",
    "\n",
    "\x00",
    "\u2028",
    "\x85",
    "\u202e",
    "zero\u200bwidth",
    "\u062e\u0627\u0646\u0647\u200c\u0647\u0627",
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "tag\U000e0041",
    "😀",
    "</script>",
]


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        scalars = [rng.choice(TEXTS), rng.randint(-(10**30), 10**30), rng.uniform(-1e9, 1e9)]
        return rng.choice([*scalars, None, True, False, 0.0, -0.0, 1e300, 5e-324])
    if roll < 0.7:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.75:
        return tuple(value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    keys = [*TEXTS, 1, 2.5, True, False, None]
    return {rng.choice(keys): value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def reference(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return _JSON_UNSAFE.sub(_escape, text) + "\n"


def test_invisible_characters_are_escaped_and_read_back_the_same() -> None:
    # A zero-width space was printed raw: "ana" and "ana\u200b" looked the same.
    data = {text: text for text in TEXTS}
    written = _dumps(data)
    assert json.loads(written) == data
    assert '"zero\\u200bwidth"' in written
    assert '"tag\\udb40\\udc41"' in written
    assert "\u0647\u200c\u0647" in written  # a joiner doing its work in Persian
    assert "\U0001f3f4\\udb40\\udc67" in written  # a flag's tags escaped: read back the same


def test_random_data_is_written_as_json_dumps_writes_it() -> None:
    rng = random.Random(9)
    for _ in range(2000):
        data = value(rng)
        assert _dumps(data) == reference(data)
        assert _dumps({"top": data, "more": [data]}) == reference({"top": data, "more": [data]})


@pytest.mark.parametrize("bad", [float("nan"), [float("inf")], {"a": object()}, {(1,): 2}])
def test_what_json_dumps_refuses_is_refused(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        json.dumps(bad, ensure_ascii=False, indent=2, allow_nan=False)
    with pytest.raises((ValueError, TypeError)):
        _indented(bad, "\n")


def test_json_written_in_pieces_is_the_json_written_whole() -> None:
    rng = random.Random(11)
    for _ in range(500):
        data = {f"k{i}": value(rng) for i in range(rng.randint(0, 4))}
        lists = {key: item for key, item in data.items() if isinstance(item, list)}
        streamed = {key: Stream(iter(item)) if key in lists else item for key, item in data.items()}
        pieces = list(dump_pieces(streamed))
        assert "".join(pieces) == _dumps(data) == reference(data)


def test_the_items_of_a_streamed_list_are_made_as_they_are_written() -> None:
    made: list[int] = []

    def items() -> Iterator[dict[str, int]]:
        for number in range(3):
            made.append(number)
            yield {"n": number}

    pieces = dump_pieces({"before": 1, "items": Stream(items()), "after": []})
    seen = ""
    for piece in pieces:
        seen += piece
        # Each item is made as its piece is taken, not before.
        assert len(made) == seen.count('"n"')
    assert seen == reference({"before": 1, "items": [{"n": 0}, {"n": 1}, {"n": 2}], "after": []})
    assert list(dump_pieces({})) == ["{}\n"]

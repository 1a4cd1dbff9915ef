"""Tests for the YAML writer: byte for byte what PyYAML writes with the worksheet's settings."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from factcheck import yamlwrite
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet_yaml import dump_worksheet, pyyaml_dump
from factcheck.yamldump import holds_invisible
from factcheck.yamlwrite import Flow

FIXTURES = Path(__file__).parent / "fixtures"

PIECES = [
    "yes", "no", "null", "~", "true", "Off", "1", "-5", "0", "012", "0x1F", "1_000", "1.5",
    "1e5", ".inf", "2024-01-01", "2024-01-01T09:00:00Z", "<<", "=", "a: b", "a:b", "#", " #x",
    "- x", "-x", "?", ": ", "[", "]", "{", "}", ",", "'", '"', "\\", "|", ">", "&a", "*a", "!x",
    "%", "@", "`", " ", "  ", "\n", "\n\n", "\t", "\r", "\x85", "\u2028", "\ufeff", "\x07",
    "é", "日本", "’", "http://x.org/a?b=c#d", "word", "two words", "c1", "---", "...", "😀",
    "\xa0", "\xad", "a" * 150,
]  # fmt: skip


def text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 5)))


def key(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(["id", "text", "note", "a.b", "answers", "c1"])
    return "".join(rng.choice(PIECES[:-1]) for _ in range(rng.randint(0, 2)))


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth >= 4 or roll < 0.4:
        numbers = [rng.randint(-(10**20), 10**20), rng.uniform(-1e6, 1e6), 1e300, 5e-324]
        odd = [float("inf"), float("nan"), None, True, False, 0.0, -0.0]
        return rng.choice([text(rng), *numbers, *odd])
    if roll < 0.5:
        return tuple(value(rng, depth + 2) for _ in range(rng.randint(0, 3)))
    if roll < 0.6:
        return Flow({key(rng): value(rng, depth + 2) for _ in range(rng.randint(0, 3))})
    if roll < 0.7:
        return [value(rng, depth + 2) for _ in range(rng.randint(0, 3))]
    return {key(rng): value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def test_random_documents_are_written_as_pyyaml_writes_them() -> None:
    rng = random.Random(15)
    declined = 0
    asked: list[object] = []

    def asking(piece: object) -> str:
        asked.append(piece)
        return pyyaml_dump(piece)

    for _ in range(3000):
        data = {key(rng) or "k": value(rng) for _ in range(rng.randint(1, 4))}
        asked.clear()
        written = yamlwrite.dump(data, asking)
        if not holds_invisible(data):
            assert written == pyyaml_dump(data), data
        else:
            # A string with an invisible character is written by PyYAML's Python emitter, which
            # lays out a few things (an empty key) otherwise than the C one: the same data.
            assert repr(yaml.safe_load(written)) == repr(yaml.safe_load(pyyaml_dump(data)))
            assert not any(ch in written for ch in "\ufeff\xad\x85"), data
        # The writer asks PyYAML about pieces it makes; asked about the document itself, it
        # declined it (rather than writing it a second time to find out).
        declined += any(piece is data for piece in asked)
    # Even of such awkward data, most is laid out by the writer itself.
    assert declined < 1000


def test_long_strings_are_folded_where_pyyaml_folds_them() -> None:
    # Past a million columns the emitter breaks lines; the writer asks PyYAML at the same column.
    words = " ".join(f"word{i}" for i in range(150_000))
    for data in (
        {"text": words},
        {"document": {"text": words + "\u2028", "sha": "x"}, "after": 1},
        {"claims": [{"id": "c1", "text": "a\n" + words}]},
        {"list": [words]},
    ):
        assert yamlwrite.dump(data, pyyaml_dump) == pyyaml_dump(data)


def test_worksheets_are_written_as_before() -> None:
    for path in (FIXTURES / "review").glob("*.worksheet.yaml"):
        text = path.read_text(encoding="utf-8")
        assert dump_worksheet(load_worksheet(path)) == text

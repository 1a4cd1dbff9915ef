"""The package's patterns, compiled once per machine: kept code is the standard library's own,
and a kept file that is torn, corrupted, from another Python or unwritable changes nothing."""

from __future__ import annotations

import marshal
import os
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from factcheck import regexes

LONG = r"(?:" + "|".join(f"word{n}" for n in range(40)) + r")\b"
"""A pattern long enough to have the file read (the short ones before it are compiled
directly)."""
PATTERNS: list[tuple[Any, int]] = [
    (LONG, re.IGNORECASE),
    (r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)", 0),
    (r"(?<=[.!?])\s+(?=[A-Z])", 0),
    (r"^\s*(?i:follow)\s+us\b", re.MULTILINE),
    (r"caf\u00e9|na\u00efve|\u201cquoted\u201d", re.IGNORECASE),
    (r"(a)(b)?(?:c|d)+\1", re.DOTALL | re.VERBOSE),
    (rb"<meta\b[^>]*?charset=([\w-]+)", re.IGNORECASE),
]
TEXTS = ["On 12 March it said.", "Follow us here", "CAFÉ naïve “quoted”", "abcdca", "x"]


def _store(path: Path, *, writes: bool = True) -> regexes._Store:
    store = regexes._Store(path)
    store.writes = writes
    return store


def _same(made: re.Pattern[Any], pattern: Any, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert made == expected  # the same flags, pattern text and engine code
    assert made.groupindex == expected.groupindex
    assert made.groups == expected.groups
    for text in TEXTS:
        subject = text.encode() if isinstance(pattern, bytes) else text
        found = [m.span() for m in made.finditer(subject)]
        assert found == [m.span() for m in expected.finditer(subject)]


def test_patterns_are_kept_and_read_back_as_re_compiles_them(tmp_path: Path) -> None:
    path = tmp_path / "patterns"
    first = _store(path)
    for pattern, flags in PATTERNS:
        _same(first.compile(pattern, flags), pattern, flags)
    first.write()
    assert path.is_file()

    second = _store(path)

    def no_parsing(*args: object) -> None:
        raise AssertionError("a kept pattern was parsed again")

    assert second.internals is not None
    engine, _parser, compiler = second.internals
    second.internals = (engine, type("Parser", (), {"parse": staticmethod(no_parsing)}), compiler)
    for pattern, flags in PATTERNS:
        _same(second.compile(pattern, flags), pattern, flags)
    assert not second.dirty  # nothing new to write


def test_nothing_is_kept_where_bytecode_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "patterns"
    store = _store(path, writes=False)
    _same(store.compile(*PATTERNS[0]), *PATTERNS[0])
    store.write()
    assert not path.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # torn
        lambda data: data[:4] + bytes(b ^ 0x55 for b in data[4:]),  # corrupted
        lambda data: b"\0\0\0\0" + data[4:],  # a checksum that does not match
        lambda data: b"not a cache at all",
    ],
    ids=["empty", "torn", "corrupted", "checksum", "garbage"],
)
def test_a_damaged_file_is_ignored_and_rewritten(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "patterns"
    store = _store(path)
    for pattern, flags in PATTERNS:
        store.compile(pattern, flags)
    store.write()
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]

    again = _store(path)
    for pattern, flags in PATTERNS:
        _same(again.compile(pattern, flags), pattern, flags)
    again.write()
    assert len(regexes._Store(path)._read()) == len(PATTERNS)


def _rewrite(path: Path, stamp: str, entries: dict[object, object]) -> None:
    data = marshal.dumps((stamp, entries))
    path.write_bytes(zlib.crc32(data).to_bytes(4, "little") + data)


def _kept_one(path: Path) -> tuple[str, dict[Any, Any]]:
    """The stamp and entries of a file that keeps the first pattern alone."""
    store = _store(path)
    store.compile(*PATTERNS[0])
    store.write()
    stamp, entries = marshal.loads(path.read_bytes()[4:])
    return stamp, entries


def test_a_file_from_another_python_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "patterns"
    stamp, entries = _kept_one(path)
    _rewrite(path, stamp.replace("3.", "9."), entries)
    assert regexes._Store(path)._read() == {}


def test_code_the_engine_refuses_is_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "patterns"
    stamp, entries = _kept_one(path)
    (key, (final, _code, groups, index, names)) = next(iter(entries.items()))
    entries[key] = (final, b"\xff\xff\xff\xff" * 3, groups, index, names)  # no valid program
    _rewrite(path, stamp, entries)

    again = _store(path)
    _same(again.compile(*PATTERNS[0]), *PATTERNS[0])
    assert again.dirty  # and the good code is kept in its place


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_pipe_in_the_file_s_place_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "patterns"
    os.mkfifo(path)
    store = _store(path)
    _same(store.compile(*PATTERNS[0]), *PATTERNS[0])  # would block on reading the pipe


def test_an_unwritable_place_only_keeps_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = _store(blocker / "sub" / "patterns")  # a folder that cannot be made
    _same(store.compile(*PATTERNS[0]), *PATTERNS[0])
    store.write()
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_cache_grown_past_its_bound_keeps_what_the_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regexes, "_MAX_ENTRIES", 3)
    path = tmp_path / "patterns"
    store = _store(path)
    for number in range(5):
        store.compile(f"{LONG}{number}", 0)
    store.write()
    assert len(regexes._Store(path)._read()) == 5  # not yet read past the bound
    again = _store(path)
    again.compile(f"{LONG}0", 0)
    again.compile(f"{LONG}another", 0)
    again.write()
    kept = sorted(key[0] for key in regexes._Store(path)._read())
    assert kept == [f"{LONG}0", f"{LONG}another"]


def test_a_cache_grown_past_its_size_keeps_what_the_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns"
    store = _store(path)
    for number in range(5):
        store.compile(f"(?:{'|'.join(f'word{n}x{number}' for n in range(50))})", 0)  # long
    store.write()
    monkeypatch.setattr(regexes, "_MAX_BYTES", path.stat().st_size)
    again = _store(path)
    again.compile(f"{LONG}another", 0)
    again.write()
    assert [key[0] for key in regexes._Store(path)._read()] == [f"{LONG}another"]


def test_short_patterns_alone_never_read_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns"
    first = _store(path)
    first.compile(LONG, 0)
    first.write()
    reads: list[Path] = []
    monkeypatch.setattr(regexes._Store, "_read", lambda self: reads.append(path) or {})
    store = _store(path)
    _same(store.compile(*PATTERNS[1]), *PATTERNS[1])  # a command's start-up: a short one
    assert reads == []
    store.compile(LONG, 0)
    assert reads == [path]


def test_every_pattern_of_the_package_is_compiled_through_the_cache() -> None:
    package = Path(regexes.__file__).parent
    direct = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "regexes.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])re\.compile\(", line)
    ]
    assert direct == []

"""The package's regular expressions, compiled once per machine rather than once per run.

Every pattern of the package is compiled through :func:`compile`. Python's regex compiler is
itself written in Python, and the package's patterns (word lists made alternations, the source
registry's names made one trie) take it about 0.4 s on every run: as long as reading a whole
article. So the regex engine's code for each pattern is kept, as Python keeps a module's
bytecode: in the package's ``__pycache__`` (or under ``PYTHONPYCACHEPREFIX``), in a file named
for the Python that made it, and not written when writing bytecode is turned off
(``PYTHONDONTWRITEBYTECODE``).

What the file holds is only ever trusted as far as the engine checks it:

- a pattern is stored only after the code made for it has proved equal to what ``re.compile``
  makes of it, so the stored code is the standard library's own;
- the file names the Python, the regex engine's version and the size of its code words, and
  carries a checksum; a file from another Python, torn or corrupted is ignored and rewritten;
- the engine validates code before running it, and a pattern whose stored code it refuses is
  compiled afresh.

When the regex engine's internals are not the ones this module knows, every pattern is simply
compiled by ``re.compile``.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import marshal
import re
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any, AnyStr

from factcheck.files import write_atomic

_FORMAT = 1
_MAX_ENTRIES = 4000
_MAX_BYTES = 8_000_000
"""Patterns and bytes kept at most (the package's own take about 400 and 1 MB). A cache grown
past either (patterns built from a user's own registry, changed often) keeps only what the last
run used."""

_FIRST_READ = 100
"""Length of the first pattern that has the file read: one this long takes milliseconds to
compile, as long as reading the file; the short ones before it are compiled directly."""

_Key = tuple[str | bytes, int]
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the kept code when there is some."""
    return _STORE.compile(pattern, flags)


def _internals() -> tuple[Any, Any, Any] | None:
    """The regex engine and the two halves of its compiler, or None when they are not the
    ones this module knows."""
    try:
        engine = importlib.import_module("_sre")
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
    except ImportError:
        return None
    if not all(callable(getattr(m, n, None)) for m, n in ((engine, "compile"), (parser, "parse"))):
        return None
    if not callable(getattr(compiler, "_code", None)):
        return None
    return engine, parser, compiler


def _cache_path() -> Path | None:
    """Where the kept code lives: beside this module's bytecode, named for the same Python."""
    try:
        bytecode = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return Path(bytecode).with_suffix(".patterns")


class _Store:
    """The kept code of every pattern compiled so far, read on first use, written at exit."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.internals = _internals()
        self.entries: dict[_Key, _Entry] | None = None
        self.used: set[_Key] = set()
        self.dirty = False
        self.writes = path is not None and not sys.dont_write_bytecode
        self.stamp = self._stamp() if self.internals else ""

    def _stamp(self) -> str:
        assert self.internals is not None
        engine = self.internals[0]
        magic = getattr(engine, "MAGIC", "?")
        return f"{_FORMAT} {sys.version} {magic} {getattr(engine, 'CODESIZE', '?')}"

    def compile(self, pattern: AnyStr, flags: int) -> re.Pattern[AnyStr]:
        if self.internals is None:
            return re.compile(pattern, flags)
        if self.entries is None:
            if len(pattern) < _FIRST_READ:
                # Compiled here: a command that compiles a few short patterns (--version) would
                # spend longer reading the file than compiling them.
                return re.compile(pattern, flags)
            self.entries = self._read()
            atexit.register(self.write)
        flags = int(flags)
        key: _Key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            made = self._build(pattern, entry)
            if made is not None:
                self.used.add(key)
                return made
            del self.entries[key]
        compiled = re.compile(pattern, flags)
        if self.writes:
            # Made a second time, to be kept only when it is what re.compile made.
            entry = self._make(pattern, flags)
            if entry is not None and self._build(pattern, entry) == compiled:
                self.entries[key] = entry
                self.used.add(key)
                self.dirty = True
        return compiled

    def _make(self, pattern: str | bytes, flags: int) -> _Entry | None:
        """The engine's code for a pattern, made as ``re.compile`` makes it."""
        assert self.internals is not None
        _, parser, compiler = self.internals
        try:
            tree = parser.parse(pattern, flags)
            code = array("I", compiler._code(tree, flags))
            groupindex = dict(tree.state.groupdict)
            indexgroup: list[str | None] = [None] * tree.state.groups
        except Exception:  # a compiler other than the one known here: nothing is kept
            return None
        for name, index in groupindex.items():
            indexgroup[index] = name
        groups = tree.state.groups - 1
        return (
            int(flags | tree.state.flags),
            code.tobytes(),
            groups,
            groupindex,
            tuple(indexgroup),
        )

    def _build(self, pattern: AnyStr, entry: _Entry) -> re.Pattern[AnyStr] | None:
        assert self.internals is not None
        try:
            flags, code, groups, groupindex, indexgroup = entry
            words = array("I", code).tolist()
            built: re.Pattern[AnyStr] = self.internals[0].compile(
                pattern, flags, words, groups, groupindex, indexgroup
            )
        except Exception:  # code the engine refuses (it validates what it is given)
            return None
        return built

    def _read(self) -> dict[_Key, _Entry]:
        if self.path is None:
            return {}
        try:
            # A regular file only: reading a pipe or a device put in its place could block.
            data = self.path.read_bytes() if self.path.is_file() else b""
        except OSError:
            return {}
        if int.from_bytes(data[:4], "little") != zlib.crc32(data[4:]):
            return {}  # torn or corrupted: nothing in it is read
        try:
            stored = marshal.loads(data[4:])
        except (EOFError, ValueError, TypeError):
            return {}
        if (
            not isinstance(stored, tuple)
            or len(stored) != 2
            or stored[0] != self.stamp
            or not isinstance(stored[1], dict)
        ):
            return {}
        entries: dict[_Key, _Entry] = stored[1]
        return entries

    def write(self) -> None:
        """Keep the code of the patterns compiled afresh in this run, with the others kept."""
        if not self.dirty or self.path is None or self.entries is None:
            return
        try:
            data = marshal.dumps((self.stamp, self.entries))
            if len(self.entries) > _MAX_ENTRIES or len(data) > _MAX_BYTES:
                used = {key: self.entries[key] for key in self.used if key in self.entries}
                data = marshal.dumps((self.stamp, used))
        except ValueError:
            return
        try:
            write_atomic(self.path, zlib.crc32(data).to_bytes(4, "little") + data)
        except OSError:
            return
        self.dirty = False


_STORE = _Store(_cache_path())

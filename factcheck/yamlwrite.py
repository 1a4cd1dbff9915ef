"""Shared by stages that write large YAML: the tool's YAML layout, written without PyYAML nodes.

:func:`dump` gives, byte for byte, what ``yaml.dump(data, Dumper=...)`` gives with the tool's
settings (block style, two-space indent, no line wrapping, Unicode kept, keys in their order,
:class:`Flow` mappings and tuples on one line), for data made of dicts, lists, tuples, strings,
numbers, booleans and None. PyYAML turns every value into a node and asks its resolver about each
scalar, which takes seconds for a merged worksheet; here each distinct string is given to PyYAML
once, alone, in each of the few places a string can stand (block value, flow item, key), and the
layout around the strings is written directly. What it cannot be sure to write the same way
(a string too long to stay on one line, a key that is not a string, a list in a list, ...) makes
:func:`dump` hand the whole document to PyYAML.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from factcheck import regexes


class Flow(dict[str, Any]):
    """A mapping written on one line (audit entries), so each change is one line of diff."""


class _Declined(Exception):
    """Something this writer does not lay out itself."""


_BREAKS = regexes.compile("[\x85\u2028\u2029]")
"""Line breaks for YAML besides '\\n': the emitter may write them as they are."""
_LINES = regexes.compile("[\n\x85\u2028\u2029]")

LONGEST = 100_000
"""Longest string written here; a longer one may be folded over lines by the emitter."""


def _float_text(value: float) -> str:
    # As PyYAML's SafeRepresenter writes a float.
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _other_text(value: object) -> str:
    """A scalar that is not a string: always written plain."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return _float_text(value)  # type: ignore[arg-type]
    raise _Declined(f"a {kind.__name__}")


class _Writer:
    def __init__(self, pyyaml_dump: Callable[[object], str]) -> None:
        self.pyyaml_dump = pyyaml_dump
        self.block: dict[str, str] = {}
        self.flow: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self.flow_keys: dict[str, str] = {}
        self.out: list[str] = []

    # --- scalars, each distinct one laid out by PyYAML alone ---

    def block_scalar(self, value: str, indent: int) -> str:
        """A string as a block mapping's value or a block list's item at ``indent``."""
        text = self.block.get(value)
        if text is None:
            if len(value) > LONGEST:
                raise _Declined("a long string")
            alone = self.pyyaml_dump([value])
            if not alone.startswith("- ") or alone.endswith("\n...\n") or _BREAKS.search(alone):
                raise _Declined("an open-ended string")
            text = self.block[value] = alone[2:-1]
        if indent and "\n" in text:
            # A literal block: its lines go two spaces deeper than the collection holding it.
            first, *rest = text.split("\n")
            pad = " " * indent
            text = "\n".join([first, *(pad + line if line else line for line in rest)])
        return text

    def flow_scalar(self, value: str) -> str:
        text = self.flow.get(value)
        if text is None:
            if len(value) > LONGEST:
                raise _Declined("a long string")
            alone = self.pyyaml_dump((value,))
            if not (alone.startswith("[") and alone.endswith("]\n")) or _LINES.search(alone[:-1]):
                raise _Declined("a flow string over lines")
            text = self.flow[value] = alone[1:-2]
        return text

    def key(self, value: object, cache: dict[str, str], flow: bool) -> str:
        if type(value) is not str:
            raise _Declined("a key that is not a string")
        text = cache.get(value)
        if text is None:
            if len(value) > 100 or _LINES.search(value):
                raise _Declined("a long key")
            if flow:
                alone = self.pyyaml_dump(Flow({value: None}))
                if not (alone.startswith("{") and alone.endswith(": null}\n")):
                    raise _Declined("a flow key")
                text = alone[1:-8]
            else:
                alone = self.pyyaml_dump({value: None})
                if not alone.endswith(": null\n") or _LINES.search(alone[:-1]):
                    raise _Declined("a key")
                text = alone[:-7]
            cache[value] = text
        return text

    # --- collections ---

    def flow_value(self, value: object) -> str:
        kind = type(value)
        if kind is str:
            return self.flow_scalar(value)  # type: ignore[arg-type]
        if kind is tuple or kind is list:
            return "[" + ", ".join(map(self.flow_value, value)) + "]"  # type: ignore[call-overload]
        if kind is Flow or kind is dict:
            keys = self.flow_keys
            items = value.items()  # type: ignore[attr-defined]
            return (
                "{"
                + ", ".join(f"{self.key(k, keys, True)}: {self.flow_value(v)}" for k, v in items)
                + "}"
            )
        return _other_text(value)

    def long_value(self, key: str, value: str, indent: int) -> str:
        """What follows ``key:`` for a string long enough to be folded over lines: PyYAML writes
        it after the same key at the same column, so that it breaks its lines where it would."""
        data: dict[str, Any] = {key: value}
        head = ""
        for level in reversed(range(indent // 2)):
            data = {"a": data}
            head = " " * (2 * level) + "a:\n" + head
        head += " " * indent + self.keys[key] + ":"
        alone = self.pyyaml_dump(data)
        if indent % 2 or not alone.startswith(head) or alone.endswith("\n...\n"):
            raise _Declined("a long string")
        return alone[len(head) :]

    def value_after_key(self, value: object, indent: int, key: str) -> None:
        """What follows ``key:`` in a block mapping at ``indent``."""
        out = self.out
        kind = type(value)
        if kind is str:
            if len(value) > LONGEST:  # type: ignore[arg-type]
                out.append(self.long_value(key, value, indent))  # type: ignore[arg-type]
            else:
                out.append(" " + self.block_scalar(value, indent) + "\n")  # type: ignore[arg-type]
        elif kind is dict:
            if value:
                out.append("\n")
                self.mapping(value, indent + 2)  # type: ignore[arg-type]
            else:
                out.append(" {}\n")
        elif kind is list:
            if value:
                out.append("\n")
                self.sequence(value, indent)  # type: ignore[arg-type]
            else:
                out.append(" []\n")
        elif kind is tuple or kind is Flow:
            out.append(" " + self.flow_value(value) + "\n")
        else:
            out.append(" " + _other_text(value) + "\n")

    def mapping(self, data: dict[Any, Any], indent: int, first: str | None = None) -> None:
        """A block mapping whose keys start at column ``indent``; ``first`` replaces the
        indentation of the first key (a list's ``- ``)."""
        pad = " " * indent
        keys = self.keys
        for key, value in data.items():
            if first is not None:
                self.out.append(first + self.key(key, keys, False) + ":")
                first = None
            else:
                self.out.append(pad + self.key(key, keys, False) + ":")
            self.value_after_key(value, indent, key)

    def sequence(self, items: list[Any], indent: int) -> None:
        """A block list whose dashes are at column ``indent``."""
        dash = " " * indent + "- "
        out = self.out
        for item in items:
            kind = type(item)
            if kind is str:
                out.append(dash + self.block_scalar(item, indent) + "\n")
            elif kind is dict and item:
                self.mapping(item, indent + 2, first=dash)
            elif kind is tuple or kind is Flow or (kind is dict and not item):
                out.append(dash + self.flow_value(item) + "\n")
            elif kind is list:
                raise _Declined("a list in a list")
            else:
                out.append(dash + _other_text(item) + "\n")


def dump(data: dict[str, Any], pyyaml_dump: Callable[[object], str]) -> str:
    """The mapping as YAML, as ``pyyaml_dump`` (PyYAML with the tool's settings) writes it."""
    if not data:
        return pyyaml_dump(data)
    writer = _Writer(pyyaml_dump)
    try:
        writer.mapping(data, 0)
    except _Declined:
        return pyyaml_dump(data)
    return "".join(writer.out)

"""Shared by stages that read large YAML the tool wrote: a fast reader of the plain subset.

The YAML the tool writes uses a small part of the language: block mappings and sequences indented
by two spaces, plain, quoted and literal scalars, and one-line flow lists and mappings. :func:`load`
reads that subset straight into Python values, several times faster than composing PyYAML nodes.
It gives the values PyYAML's safe loader would, except that it raises :class:`Unsupported` for
anything outside the subset or open to doubt (comments, anchors, tags, folded scalars, duplicate
keys, integers other than plain decimals, ...); the caller then reads the file with the strict
node reader of :mod:`factcheck.yamlio`, which accepts it or explains the mistake with its line.
Timestamps stay the text written, as the strict reader keeps them.
"""

from __future__ import annotations

import re
from itertools import filterfalse
from typing import Any

import yaml

from factcheck import regexes
from factcheck.yamlio import LOADER


class Unsupported(Exception):
    """The text is outside the subset this reader takes: read it with the strict reader."""


_TAG = "tag:yaml.org,2002:"
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in pairs]
    for first, pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_DECIMAL = regexes.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = regexes.compile(r"-?[0-9]+\.[0-9]+(?:[eE][-+][0-9]+)?")

# What PyYAML's reader refuses outside quoted escapes, and line breaks other than '\n'.
_AWKWARD = regexes.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]"
)
_KEY = regexes.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*")
_LITERAL = regexes.compile(r"\|(?:([1-9])?([+-])?|([+-])([1-9]))")
# Text of a double-quoted scalar up to its closing quote (escapes skipped whole).
_DQ_BODY = regexes.compile(r'[^"\\]*(?:\\.[^"\\]*)*')
# Tokens of a one-line flow collection, each with the spaces around it: an indicator, the ": "
# after a key, a single- or double-quoted scalar with its quotes, or a plain scalar.
_FLOW_TOKEN = regexes.compile(
    r"""(\ *(?:
    ([\[\]{},])
    | (:)(?=\ )
    | ('(?:[^']|'')*')
    | ("[^"\\]*(?:\\.[^"\\]*)*")
    | ((?:[^\s\-?:,\[\]{}\#&*!|>'"%@`]|-(?=[^\s,\[\]{}]))[^\s,\[\]{}\#:?]*
       (?:\ +[^\s,\[\]{}\#:?]+)*)
    )\ *)""",
    re.X,
)
# One item of a flow collection in the form the tool writes: a plain scalar without flow
# indicators, or a one-line single-quoted one; in a mapping, after a plain key.
_SIMPLE_VALUE = r"""(?:
    (?:[^\s\-?:,\[\]{}\#&*!|>'"%@`]|-(?=[^\s,\[\]{}]))[^\s,\[\]{}\#:?]*(?:\ +[^\s,\[\]{}\#:?]+)*
    | '(?:[^']|'')*'
    | (\[\])
    )"""
_SIMPLE_ITEM = regexes.compile(_SIMPLE_VALUE, re.X)
_SIMPLE_PAIR = regexes.compile(rf"([A-Za-z0-9_][A-Za-z0-9_.\-/]*):\ ({_SIMPLE_VALUE})", re.X)
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


_MAX_DIGITS = 4000
"""Longer integers are left to PyYAML's reader, which says what is wrong with them: Python
refuses to convert more than 4300 digits (sys.get_int_max_str_digits)."""


def _plain(text: str, cache: dict[str, Any]) -> Any:
    """A plain scalar's value, resolved as PyYAML's safe loader does (YAML 1.1)."""
    try:
        return cache[text]
    except KeyError:
        pass
    value: Any = text
    for tag, regexp in _RESOLVERS.get(text[:1], ()):
        if not regexp.match(text):
            continue
        name = tag[len(_TAG) :]
        if name == "null":
            value = None
        elif name == "bool":
            value = _BOOLS[text.lower()]
        elif name == "int" and _DECIMAL.fullmatch(text) and len(text) < _MAX_DIGITS:
            value = int(text)
        elif name == "float" and _FLOAT.fullmatch(text):
            value = float(text)
        elif name != "timestamp":
            raise Unsupported(f"plain scalar {text!r} ({name})")
        break
    cache[text] = value
    return value


def reads_as_text(text: str) -> bool:
    """Whether ``text``, written plain, reads back as this very string, not a bool or null."""
    try:
        return bool(_plain(text, {}) == text)
    except Unsupported:
        return False


def _block_plain(text: str, cache: dict[str, Any]) -> Any:
    """A plain scalar that stands alone on its line after ``key: `` or ``- ``."""
    if (
        (text[0] in _PLAIN_START and not (text[0] in "-?:" and text[1:2] not in ("", " ")))
        or ": " in text
        or " #" in text
        or text.endswith(":")
    ):
        raise Unsupported(f"scalar {text[:20]!r}")
    return _plain(text, cache)


def _dq_end(text: str, start: int) -> int:
    """Where the text of a double-quoted scalar that starts at ``start`` stops."""
    match = _DQ_BODY.match(text, start)
    return start if match is None else match.end()


def _double_quoted(text: str) -> str:
    """A double-quoted scalar (the text includes the quotes), read by PyYAML's C loader."""
    if "\\" not in text and "\n" not in text:
        return text[1:-1]
    value = yaml.load(text, Loader=LOADER)
    if not isinstance(value, str):
        raise Unsupported("double-quoted scalar")
    return value


_BLOCK_LINES = 64
"""Longest block mapping (in lines) remembered as a whole."""
_MISSING = object()
_EMPTY = object()  # an empty flow list: a new list each time it is read


class _Memory:
    """What the reader has worked out about pieces of text, kept from one document to the next
    (the worksheets of one article share most of their lines). Only values that cannot change
    are kept: strings, numbers, booleans and None."""

    LIMIT = 400_000
    """Most entries kept after a document is read."""

    def __init__(self) -> None:
        self.plain: dict[str, Any] = {}
        """Plain scalars, and their values."""
        self.keys: dict[str, Any] = {}
        """Block mapping keys, and their values."""
        self.scalars: dict[str, Any] = {}
        """One-line scalars as written after ``key:`` or ``- ``, and their values."""
        self.lines: dict[str, tuple[int, Any, Any]] = {}
        """Lines ``key: scalar``: their column, key and value."""
        self.pieces: dict[str, tuple[Any, Any]] = {}
        """Items of flow mappings, and their keys and values."""
        self.items: dict[str, tuple[Any, Any]] = {}
        """Items of flow lists (None, and their values)."""

    def trim(self) -> None:
        """Forget everything once it has grown past LIMIT entries."""
        parts = (self.plain, self.keys, self.scalars, self.lines, self.pieces, self.items)
        if sum(map(len, parts)) > self.LIMIT:
            for part in parts:
                part.clear()


_MEMORY = _Memory()


class _FlowReader:
    """Reads one-line flow collections, remembering the items seen."""

    def __init__(self, memory: _Memory) -> None:
        self.cache = memory.plain
        self.pieces = memory.pieces
        self.items = memory.items

    def flow(self, text: str, i: int) -> Any:
        """A flow list or mapping that opens and closes on line i."""
        if text == "[]":
            return []
        if text == "{}":
            return {}
        closing = text[-1]
        if (closing == "}" or closing == "]") and text[0] == ("{" if closing == "}" else "["):
            # As the tool writes them: items split at ', ', each seen before or simple.
            pieces = self.pieces
            if closing == "}":
                mapping: dict[Any, Any] = {}
                for piece in text[1:-1].split(", "):
                    pair = pieces.get(piece)
                    if pair is None:
                        pair = self.simple_pair(piece)
                        if pair is None:
                            break
                    key, value = pair
                    if key in mapping:
                        break
                    mapping[key] = [] if value is _EMPTY else value
                else:
                    return mapping
            else:
                items: list[Any] = []
                known = self.items
                for piece in text[1:-1].split(", "):
                    pair = known.get(piece)
                    if pair is None:
                        pair = self.simple_item(piece)
                        if pair is None:
                            break
                    items.append([] if pair[1] is _EMPTY else pair[1])
                else:
                    return items
        return self.flow_tokens(text, i)

    def simple_pair(self, piece: str) -> tuple[Any, Any] | None:
        match = _SIMPLE_PAIR.fullmatch(piece)
        if match is None:
            return None
        pair = (_plain(match[1], self.cache), self.simple_value(match[2], match[3]))
        self.pieces[piece] = pair
        return pair

    def simple_item(self, piece: str) -> tuple[Any, Any] | None:
        match = _SIMPLE_ITEM.fullmatch(piece)
        if match is None:
            return None
        pair = (None, self.simple_value(piece, match[1]))
        self.items[piece] = pair
        return pair

    def simple_value(self, text: str, empty: str | None) -> Any:
        if empty:
            return _EMPTY
        if text[0] == "'":
            return text[1:-1].replace("''", "'")
        return _plain(text, self.cache)

    def flow_tokens(self, text: str, i: int) -> Any:
        """A flow collection of any shape on one line, read token by token."""
        tokens = _FLOW_TOKEN.findall(text)
        # findall skips what no token matches: the tokens must cover the whole text.
        if sum(map(len, map(_whole, tokens))) != len(text):
            raise Unsupported(f"line {i + 1}: flow collection")
        cache = self.cache
        stack: list[list[Any] | dict[Any, Any]] = []
        top: Any = None
        key: Any = _MISSING  # in a mapping: the key read, until its value is
        expect_item = True  # a value may come next (after an opening bracket or a comma)
        done: Any = None
        for _, indicator, colon, single, double, plain in tokens:
            if expect_item:
                if plain:
                    value = _plain(plain, cache)
                elif single:
                    value = single[1:-1].replace("''", "'")
                elif double:
                    value = _double_quoted(double)
                elif indicator == "[" or indicator == "{":
                    if top is not None:
                        if isinstance(top, dict) and key is _MISSING:
                            break  # a collection as a key
                        stack.append(top)
                        stack.append(key)
                    top = [] if indicator == "[" else {}
                    key = _MISSING
                    continue
                elif (
                    not top
                    and key is _MISSING  # `{a: }` holds a key whose value is null
                    and (indicator == "]" if isinstance(top, list) else indicator == "}")
                ):
                    value = top
                    if not stack:
                        top = None
                        done = value
                        expect_item = False
                        continue
                    key = stack.pop()
                    top = stack.pop()
                else:
                    break
                if top is None:
                    break  # a scalar outside any collection
                if isinstance(top, list):
                    top.append(value)
                elif key is _MISSING:
                    if isinstance(value, list | dict) or value in top:
                        break
                    key = value
                    expect_item = False
                    continue
                else:
                    top[key] = value
                    key = _MISSING
                expect_item = False
                continue
            if colon:
                if not isinstance(top, dict) or key is _MISSING or key in top:
                    break
                expect_item = True
            elif indicator == ",":
                if top is None or key is not _MISSING:
                    break
                expect_item = True
            elif indicator == "]" or indicator == "}":
                # top is None once the outermost collection has closed: nothing may follow.
                if (
                    top is None
                    or (indicator == "]") != isinstance(top, list)
                    or key is not _MISSING
                ):
                    break
                value = top
                if not stack:
                    top = None
                    done = value
                    continue
                key = stack.pop()
                top = stack.pop()
                if isinstance(top, list):
                    top.append(value)
                else:
                    top[key] = value
                    key = _MISSING
            else:
                break
        else:
            if top is None and not expect_item:
                return done
        raise Unsupported(f"line {i + 1}: flow collection")


class _Parser(_FlowReader):
    """Reads block collections line by line."""

    def __init__(self, lines: list[str], memory: _Memory) -> None:
        self.lines = lines
        super().__init__(memory)
        self.keys = memory.keys
        self.scalars = memory.scalars
        self.memo = memory.lines
        self.blocks: dict[tuple[str, ...], dict[str, Any]] = {}
        """Block mappings read in this document, by their lines."""
        self.starts: dict[str, tuple[list[str], dict[str, Any]]] = {}
        """The last of those blocks to start with each line, with its lines."""
        self.flows: dict[str, Any] = {}
        """Flow collections read in this document, by their text."""

    def document(self) -> Any:
        lines = self.lines
        i = self.skip_blank(0)
        if i >= len(lines):
            raise Unsupported("empty document")
        value: Any
        if lines[i].startswith("- "):
            value, i = self.sequence(i, 0)
        else:
            value, i = self.mapping(i, 0, None)
        if self.skip_blank(i) != len(lines):
            raise Unsupported(f"line {i + 1}")
        return value

    def skip_blank(self, i: int) -> int:
        lines = self.lines
        while i < len(lines) and not lines[i].strip(" "):
            i += 1
        return i

    def key(self, key: str, i: int) -> Any:
        """A block mapping's key, checked once for each spelling."""
        if not _KEY.fullmatch(key):
            raise Unsupported(f"line {i + 1}: key")
        name = self.keys[key] = _plain(key, self.cache)
        return name

    def mapping(self, i: int, indent: int, first: str | None) -> tuple[dict[str, Any], int]:
        """A block mapping whose keys start at column ``indent``; ``first`` is the content of
        line i after a sequence's ``- ``."""
        lines = self.lines
        count = len(lines)
        result: dict[Any, Any] = {}
        keys = self.keys
        scalars = self.scalars
        memo = self.memo
        depth = -1
        line = ""
        while i < count:
            if first is not None:
                content, first = first, None
                depth = -1
            else:
                line = lines[i]
                seen = memo.get(line)
                if seen is not None:
                    column, name, value = seen
                    if column == indent:
                        if name in result:
                            raise Unsupported(f"line {i + 1}: duplicate key")
                        result[name] = value
                        i += 1
                        continue
                content = line.lstrip(" ")
                if not content:
                    i += 1
                    continue
                depth = len(line) - len(content)
                if depth != indent:
                    if depth < indent:
                        break
                    raise Unsupported(f"line {i + 1}: indentation")
                if content[0] == "-" and content[1:2] in (" ", ""):
                    break  # a sequence at the same column ends the mapping
            key, sep, rest = content.partition(": ")
            if not sep:
                if content[-1] != ":":
                    raise Unsupported(f"line {i + 1}: key")
                key = content[:-1]
            name = keys.get(key, _MISSING)
            if name is _MISSING:
                name = self.key(key, i)
            if name in result:
                raise Unsupported(f"line {i + 1}: duplicate key")
            if sep:
                value = scalars.get(rest, _MISSING)
                if value is _MISSING:
                    stripped = rest.strip(" ")
                    if stripped:
                        result[name], i = self.inline(stripped, i, indent, rest)
                        continue
                else:
                    result[name] = value
                    if depth == indent:
                        memo[line] = (indent, name, value)
                    i += 1
                    continue
            i = self.skip_blank(i + 1)
            if i < count:
                line = lines[i]
                content = line.lstrip(" ")
                depth = len(line) - len(content)
                is_item = content[0] == "-" and content[1:2] in (" ", "")
                if depth > indent:
                    if is_item:
                        result[name], i = self.sequence(i, depth)
                    else:
                        result[name], i = self.block(i, depth, indent)
                    continue
                if depth == indent and is_item:
                    result[name], i = self.sequence(i, depth)
                    continue
            result[name] = None
        return result, i

    def block(self, i: int, depth: int, indent: int) -> tuple[dict[str, Any], int]:
        """The block mapping at column ``depth`` that starts on line i as the value of a key at
        column ``indent``. A mapping written line for line as one read before in this document
        (a reviewer's answers, an attribution) is that mapping again: the same object."""
        lines = self.lines
        count = len(lines)
        inside = " " * (indent + 1)
        last = self.starts.get(lines[i])
        if last is not None:
            # The block last read that starts with this line, if these lines are its lines and
            # the next one is not inside it.
            j = i + len(last[0])
            if lines[i:j] == last[0] and (
                j == count or (not lines[j].startswith(inside) and lines[j].strip(" "))
            ):
                return last[1], j
        j = i + 1
        while j < count:
            line = lines[j]
            if not line.startswith(inside) and line.strip(" "):
                break
            j += 1
        if j - i > _BLOCK_LINES:
            return self.mapping(i, depth, None)
        written = lines[i:j]
        key = tuple(written)
        known = self.blocks.get(key)
        if known is not None:
            self.starts[written[0]] = (written, known)
            return known, j
        value, end = self.mapping(i, depth, None)
        if end == j:
            # The mapping stopped where the lines at or left of its key's column start, so the
            # same lines read the same way wherever they stand.
            self.blocks[key] = value
            self.starts[written[0]] = (written, value)
        return value, end

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        """A block sequence whose dashes are at column ``indent``."""
        lines = self.lines
        count = len(lines)
        result: list[Any] = []
        while i < count:
            line = lines[i]
            content = line.lstrip(" ")
            if not content:
                i += 1
                continue
            depth = len(line) - len(content)
            if depth != indent or content[:2] != "- ":
                if depth < indent or (depth == indent and content[0] != "-"):
                    break
                raise Unsupported(f"line {i + 1}: sequence")
            item = content[2:].lstrip(" ")
            at = indent + len(content) - len(item)
            key, sep, rest = item.partition(":")
            if sep and (not rest or rest[0] == " ") and _KEY.fullmatch(key):
                value, i = self.mapping(i, at, item)
            elif item and item[0] not in "|>-":
                value, i = self.inline(item, i, indent, item)
            else:
                raise Unsupported(f"line {i + 1}: sequence item")
            result.append(value)
        return result, i

    def inline(self, text: str, i: int, indent: int, raw: str) -> tuple[Any, int]:
        """The value that starts on line i with ``text`` (``raw`` as written, with any spaces
        around it); the index of the line after it. One-line scalars are remembered."""
        first = text[0]
        value: Any
        if first == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise Unsupported(f"line {i + 1}: single-quoted scalar")
            value = inner.replace("''", "'")
        elif first == '"':
            value, j = self.double_quoted(text, i, indent)
            if j != i + 1:
                return value, j
        elif first == "|":
            return self.literal(text, i, indent)
        elif first in "[{":
            # Flow collections written alike are one object, as block mappings are.
            value = self.flows.get(text, _MISSING)
            if value is _MISSING:
                value = self.flows[text] = self.flow(text, i)
            return value, i + 1
        else:
            value = _block_plain(text, self.cache)
        self.scalars[raw] = value
        return value, i + 1

    def double_quoted(self, text: str, i: int, indent: int) -> tuple[str, int]:
        end = _dq_end(text, 1)
        if end < len(text) and text[end] == '"':
            if end + 1 != len(text):
                raise Unsupported(f"line {i + 1}: double-quoted scalar")
            return _double_quoted(text), i + 1
        # Folded over several lines: each continuation is indented further than its key.
        lines = self.lines
        parts = [text]
        j = i + 1
        while j < len(lines):
            line = lines[j]
            content = line.lstrip(" ")
            if content and len(line) - len(content) <= indent:
                break
            parts.append(line)
            end = _dq_end(line, 0)
            if end < len(line) and line[end] == '"':
                if end + 1 != len(line):
                    break
                return _double_quoted("\n".join(parts)), j + 1
            j += 1
        raise Unsupported(f"line {i + 1}: double-quoted scalar")

    def literal(self, text: str, i: int, indent: int) -> tuple[str, int]:
        header = _LITERAL.fullmatch(text)
        if header is None:
            raise Unsupported(f"line {i + 1}: block scalar")
        digit = header.group(1) or header.group(4)
        chomp = header.group(2) or header.group(3) or ""
        lines = self.lines
        count = len(lines)
        j = i + 1
        leading = 0  # the widest all-space line before the first line of text
        while j < count and not lines[j].strip(" "):
            leading = max(leading, len(lines[j]))
            j += 1
        if j == count:
            raise Unsupported(f"line {i + 1}: empty block scalar")
        first = lines[j]
        width = len(first) - len(first.lstrip(" "))
        column = indent + int(digit) if digit else max(indent + 1, width)
        if width < column or width <= indent or leading > column:
            raise Unsupported(f"line {i + 1}: block scalar indentation")
        body: list[str] = []
        j = i + 1
        last = 0  # lines of text up to the last one that is not blank
        while j < count:
            line = lines[j]
            if line.startswith(" " * column):
                body.append(line[column:])
                if len(line) > column:  # a line of the indentation alone is an empty line
                    last = len(body)
            elif line.strip(" "):
                break
            else:
                body.append("")
            j += 1
        kept = body[:last]
        trailing = len(body) - last
        value = "\n".join(kept)
        if chomp == "+":
            value += "\n" * (1 + trailing)
        elif chomp != "-":
            value += "\n"
        return value, j


def _whole(token: tuple[str, ...]) -> str:
    return token[0]


def split_lines(text: str) -> list[str]:
    """The document's lines for :func:`load_lines`, or :class:`Unsupported` when it holds line
    breaks or characters outside the subset. The text is not needed after this."""
    if not text.endswith("\n"):
        raise Unsupported("no line break at the end")
    lines = text.split("\n")
    lines.pop()  # after the last line break
    # Every awkward character is a control, format, separator or unassigned one, which no
    # printable line holds: only the few other lines are searched.
    for line in filterfalse(str.isprintable, lines):
        if _AWKWARD.search(line):
            raise Unsupported("line breaks or characters outside the subset")
    return lines


def load(text: str) -> Any:
    """The document's values, or :class:`Unsupported` when it is outside the subset.

    Collections written alike (block mappings line for line, flow collections character for
    character) are one object, as an alias makes them in PyYAML: the values are for reading, not
    for changing in place.
    """
    return load_lines(split_lines(text))


def load_lines(lines: list[str]) -> Any:
    """:func:`load` of the document whose :func:`split_lines` these are."""
    try:
        return _Parser(lines, _MEMORY).document()
    except (IndexError, RecursionError, yaml.YAMLError) as exc:
        raise Unsupported(str(exc)) from None
    finally:
        _MEMORY.trim()

"""Stage ⑨ render: indented JSON text, written fast, whole or piece by piece.

:func:`_dumps` gives what ``json.dumps(data, ensure_ascii=False, indent=2)`` gives, plus a final
line break, with a few more characters escaped (see `_JSON_UNSAFE`), without the standard
library's pure-Python indenting encoder. :func:`dump_pieces` gives the same text in pieces, a
list's items one at a time, so that a large report is never held whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from factcheck import regexes
from factcheck.invisible import FORMAT_ASTRAL, FORMAT_BMP, harmless

# JSON escapes C0 controls itself; these are the other characters a terminal or an editor may
# act on (DEL, C1 controls, line separators, the invisible format characters: bidi overrides,
# zero-width spaces). They only occur inside strings. A joiner doing its work inside a script is
# left as it is. One character class of few ranges, which the engine scans fast: the invisible
# ones beyond the BMP are told apart from emoji in _escape.
_JSON_UNSAFE = regexes.compile(f"[\x7f-\x9f\u2028\u2029{FORMAT_BMP}\U00010000-\U0010ffff]")
_ASTRAL_FORMAT = regexes.compile(f"[{FORMAT_ASTRAL}]")


def _escape(match: re.Match[str]) -> str:
    """A character as JSON escapes it: beyond U+FFFF, as its two UTF-16 surrogates."""
    if harmless(match):  # a joiner doing its work
        return match.group()
    code = ord(match.group())
    if code > 0xFFFF and not _ASTRAL_FORMAT.match(match.group()):
        return match.group()  # an emoji
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escaped(json_text: str) -> str:
    """JSON_TEXT, made by ``json``, with the characters of _JSON_UNSAFE escaped too: a line
    separator in a string would end a line of JSON Lines for a reader that splits on it."""
    if _JSON_UNSAFE.search(json_text) is None:
        return json_text
    return _JSON_UNSAFE.sub(_escape, json_text)


def _dumps(data: object) -> str:
    if isinstance(data, dict) and data:
        # Joined once with its last line break: a large report is copied as few times as may be.
        parts = [f"{_key_text(key)}{_indented(item, _INNER)}" for key, item in data.items()]
        return "{" + _INNER + ("," + _INNER).join(parts) + "\n}\n"
    return _indented(data, "\n") + "\n"


_INNER = "\n  "


def _string(text: str) -> str:
    """A JSON string, with the characters of _JSON_UNSAFE escaped too."""
    quoted = _QUOTED.get(text)
    if quoted is not None:
        return quoted
    quoted = _encode_string(text)
    if _JSON_UNSAFE.search(quoted):
        quoted = _JSON_UNSAFE.sub(_escape, quoted)
    if len(text) <= _SHORT:
        if len(_QUOTED) >= _REMEMBERED:
            _QUOTED.clear()
        _QUOTED[text] = quoted
    return quoted


def _key_text(key: object) -> str:
    """A key as it stands before its value: quoted, with the colon and space after it."""
    known = _KEYS.get(key) if type(key) is str else None
    if known is None:
        known = f"{_string(_key(key))}: "
        if type(key) is str:
            if len(_KEYS) >= _REMEMBERED:
                _KEYS.clear()
            _KEYS[key] = known
    return known


# Short strings and keys recur (names, answer ids, every record's keys): each is quoted once.
_QUOTED: dict[str, str] = {}
_KEYS: dict[str, str] = {}
_SHORT = 64
_REMEMBERED = 50_000


def _indented(value: object, newline: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``, character for
    character, without the standard library's slower pure-Python encoder (which it uses
    whenever there is an indent). ``newline`` is a line break and the current indentation."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (_INFINITY, -_INFINITY):
            raise ValueError("Out of range float values are not JSON compliant")
        return float.__repr__(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{_key_text(key)}{_indented(item, inner)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return (
            "["
            + inner
            + ("," + inner).join([_indented(item, inner) for item in value])
            + (newline + "]")
        )
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: object) -> str:
    # As json.dumps turns a key into a string.
    if isinstance(key, str):
        return key
    if key is True or key is False or key is None:
        return _indented(key, "")
    if isinstance(key, int | float):
        return _indented(key, "")
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_encode_string = json.encoder.encode_basestring
_INFINITY = float("inf")


class Stream:
    """A list in :func:`dump_pieces`' data whose items are made one at a time, as written."""

    def __init__(self, items: Iterable[object]) -> None:
        self.items = items


def dump_pieces(data: dict[str, object]) -> Iterator[str]:
    """The text :func:`_dumps` gives for ``data``, in pieces; a value that is a :class:`Stream`
    is written item by item, each made only when the text before it has been taken."""
    if not data:
        yield "{}\n"
        return
    opening = "{"
    for key, item in data.items():
        yield f"{opening}{_INNER}{_key_text(key)}"
        opening = ","
        if isinstance(item, Stream):
            yield from _stream(item.items, _INNER)
        else:
            yield _indented(item, _INNER)
    yield "\n}\n"


def _stream(items: Iterable[object], newline: str) -> Iterator[str]:
    inner = newline + "  "
    opening = "["
    for item in items:
        yield f"{opening}{inner}{_indented(item, inner)}"
        opening = ","
    yield "[]" if opening == "[" else newline + "]"

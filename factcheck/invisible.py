"""Characters that act on a reader's terminal or editor instead of showing, for every output of
untrusted text (the terminal, JSON, YAML) and every check of typed names and addresses.

Article text, reviewers' names and notes, imported records are untrusted: these characters are
shown as escapes, never obeyed, and refused where a name or an address is typed.
"""

from __future__ import annotations

import re

from factcheck import regexes

CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 controls except tab and newline, DEL and C1 controls."""

FORMAT_BMP = (
    "\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u115f\u1160\u3164\uffa0"
)
FORMAT_ASTRAL = (
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
FORMAT = FORMAT_BMP + FORMAT_ASTRAL
"""The invisible format characters (Unicode category Cf): bidi overrides, isolates and marks that
can reorder what a reader sees, zero-width spaces and joiners, the soft hyphen, the byte order
mark, tag characters; and the Hangul fillers, letters that show nothing. An invisible character
inside a name makes two names that look the same differ. Left out of Cf: the prepended
concatenation marks (U+0600-0605, U+06DD, U+070F, U+0890-0891, U+08E2, U+110BD, U+110CD), which
are visible."""

INVISIBLE = CONTROLS + FORMAT
"""Both, as the inside of a regular expression's character class."""

FLAG = (
    "\U0001f3f4\U000e0067\U000e0062"
    "(?:\U000e0065\U000e006e\U000e0067|\U000e0073\U000e0063\U000e0074|\U000e0077\U000e006c\U000e0073)"
    "\U000e007f"
)
"""The emoji flags of a region (England, Scotland, Wales: the only ones Unicode recommends): a
black flag followed by tag characters spelling 'gbeng', 'gbsct' or 'gbwls', matched whole so
that it is left as it is. Any other tag characters after a black flag are hidden text."""

JOINERS = "\u200c\u200d"
"""The zero-width non-joiner and joiner, which do visible work inside Persian, Devanagari or an
emoji family."""

INVISIBLE_RE = regexes.compile(f"[{INVISIBLE}]")
"""One control or invisible format character."""
_INVISIBLE_OR_FLAG = regexes.compile(f"{FLAG}|[{INVISIBLE}]")
_INVISIBLE_FIRST = regexes.compile(f"[{CONTROLS}{FORMAT_BMP}\U00010000-\U0010ffff]")
_WRITTEN_RAW = regexes.compile(f"{FLAG}|[\x7f-\x9f{FORMAT}]")
"""What JSON and YAML writers would leave raw: invisible format characters, DEL, C1 controls."""
_RAW_CHAR = regexes.compile(f"[\x7f-\x9f{FORMAT_BMP}\U00010000-\U0010ffff]")
"""One of them or any character beyond the BMP, to look first: a character class of few ranges,
which the engine scans fast (the ranges beyond the BMP each cost a test of every character)."""


def joins(text: str, at: int) -> bool:
    """Whether the zero-width (non-)joiner at ``at`` does its work between two visible
    characters of a script or emoji, not inside ASCII."""
    if at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    return all(
        not ch.isascii() and not ch.isspace() and not INVISIBLE_RE.match(ch)
        for ch in (before, after)
    )


def harmless(match: re.Match[str]) -> bool:
    """Whether a match of one of this module's patterns is left as it is: a region's flag, or a
    joiner between two visible characters of a script."""
    found = match.group()
    return len(found) > 1 or (found in JOINERS and joins(match.string, match.start()))


def has_invisible(text: str) -> bool:
    """Whether TEXT holds a control or an invisible format character (tab and newline aside),
    a joiner doing its work inside a script (a Persian name) and a region's flag aside."""
    if _INVISIBLE_FIRST.search(text) is None:
        return False
    return not all(harmless(match) for match in _INVISIBLE_OR_FLAG.finditer(text))


def written_raw(text: str) -> bool:
    """Whether TEXT holds a character that a JSON or YAML writer would leave raw and a reader's
    terminal would act on (a joiner doing its work and a region's flag aside)."""
    if _RAW_CHAR.search(text) is None:
        return False
    return not all(harmless(match) for match in _WRITTEN_RAW.finditer(text))


_YAML_ESCAPED = regexes.compile(f'{FLAG}|[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029{FORMAT}]')
_YAML_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def _yaml_escape(match: re.Match[str]) -> str:
    found = match.group()
    if found in _YAML_NAMED:
        return _YAML_NAMED[found]
    if harmless(match):
        return found
    code = ord(found)
    if code < 0x100:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def yaml_double_quoted(text: str) -> str:
    """TEXT as a YAML double-quoted scalar on one line, escaping only what must be: the quote,
    the backslash, line breaks, controls and invisible format characters."""
    return '"' + _YAML_ESCAPED.sub(_yaml_escape, text) + '"'

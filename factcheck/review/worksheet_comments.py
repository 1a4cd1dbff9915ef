"""Stage ⑥ worksheet: the comment lines a worksheet's next save will not keep.

The tool writes a worksheet from its values, and YAML comments are not values: a reviewer's
``# checked with the ministry`` is gone after the next save. A review warns before it starts.
Worksheets can be large (16 MB), so the text is searched in C for a ``#`` that may begin a
comment (first on its line or after a blank), and only the lines around one are read in Python:
from the last line that starts at the margin (a top-level key or list item, outside any string)
to the line of the ``#``, with quoted strings and literal blocks (the article's text, a note of
several lines) jumped over whole, since a ``#`` inside them is not a comment.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck import regexes

# A line whose value is a literal or folded block: its indentation, the '- ' before its key and
# the key itself (when it has one), then the block's indicator, ending the line (but a comment).
_BLOCK_HEADER = regexes.compile(
    r"( *)((?:- +)*)([^\n#]*?:[ \t]+)?[|>][1-9+-]*[ \t]*([ \t]#[^\n]*)?$", re.M
)
# After a block's header, its blank lines and the indentation of its first line of text.
_FIRST_TEXT = regexes.compile(r"\n(?: *\n)*( *)(?=[^ \n])")
# The start of the next line a block does not hold: a line indented less than the block's first
# line of text (at most %d spaces) that is not blank.
_BLOCK_END = r"\n {0,%d}(?=[^ \n])"
# The rest of a quoted string, past its closing quote (escapes and doubled quotes skipped).
_QUOTED_REST = {
    '"': regexes.compile(r'[^"\\]*(?:\\.[^"\\]*)*"'),
    "'": regexes.compile(r"[^']*(?:''[^']*)*'"),
}
# The next character that matters to where a comment can begin.
_MARK = regexes.compile(r"[#'\"\[\]{},:|>\n-]")
_MARGIN = frozenset(" \t\n#'\"")
"""First characters of a line that does not start a top-level key or item."""


def comments_warning(path: object, count: int) -> str:
    """The warning a review gives before it starts on a worksheet with ``count`` comment lines."""
    lines = "comment line" if count == 1 else f"{count:,} comment lines"
    return (
        f"{path}: saving the worksheet will not keep its {lines}; write notes in an answer's "
        "note (key N) and evidence URLs in its evidence (key e) instead"
    )


def comment_lines(text: str) -> int:
    """How many lines of a worksheet's text hold a YAML comment (alone or after a value)."""
    lines: set[int] = set()
    scanned = 0  # read up to here: a line's start outside any string or block
    at = text.find("#")
    while at >= 0:
        if at >= scanned and (at == 0 or text[at - 1] in " \t\n"):
            start = text.rfind("\n", 0, at) + 1
            while start > scanned and text[start] in _MARGIN:
                start = text.rfind("\n", 0, start - 1) + 1
            scanned = _scan(text, max(start, scanned), at, lines)
        at = text.find("#", max(at + 1, scanned))
    return len(lines)


def _scan(text: str, start: int, through: int, lines: set[int]) -> int:
    """Read the lines from ``start`` (a line's start outside any string or block) to the one
    holding ``through``, adding the start of each line that holds a comment to ``lines``;
    returns where the next line after it starts."""
    position = start
    line = start  # the start of the line being read
    value_starts = True
    while position <= through or position != line:
        mark = _MARK.search(text, position)
        if mark is None:
            return len(text)
        at = mark.start()
        char = text[at]
        if at > position and text[position:at].strip():
            value_starts = False
        position = at + 1
        if char == "\n":
            line, value_starts = position, True
        elif char == "#":
            if at == line or text[at - 1] in " \t":
                lines.add(line)
                end = text.find("\n", at)
                if end < 0:
                    return len(text)
                line = position = end + 1
                value_starts = True
            else:
                value_starts = False
        elif char in "'\"" and value_starts:
            rest = _QUOTED_REST[char].match(text, position)
            if rest is None:
                return len(text)
            position = rest.end()
            line = max(line, text.rfind("\n", 0, position) + 1)
            value_starts = False
        elif char in "|>" and value_starts:
            header = _BLOCK_HEADER.match(text, line)
            if header is not None:
                if header.group(4):
                    lines.add(line)  # a comment after the block's indicator
                position = line = _block_end(text, header)
            value_starts = header is not None
        elif char in "[{,":
            value_starts = True
        elif char == ":":
            value_starts = text[position : position + 1] in ("", " ", "\t", "\n")
        elif char == "-":
            if not (value_starts and text[position : position + 1] in ("", " ", "\t", "\n")):
                value_starts = False
        else:  # ']' and '}' end a value
            value_starts = False
    return line


def _block_end(text: str, header: re.Match[str]) -> int:
    """Where the literal or folded block under ``header`` ends: the start of the first line less
    indented than its first line of text, or the text's end."""
    indent, dashes, key = header.group(1), header.group(2), header.group(3)
    if key:
        column = len(indent) + len(dashes)  # the key's column
    elif dashes:
        column = len(indent) + len(dashes.rstrip()) - 1  # the last dash's column
    else:
        column = len(indent)
    first = _FIRST_TEXT.match(text, header.end())
    if first is None:
        return len(text)
    margin = len(first.group(1))
    if margin <= column:
        return first.start(1)  # an empty block: the next line is not the block's
    stop = _end_at(margin).search(text, first.end())
    return len(text) if stop is None else stop.start() + 1


@cache
def _end_at(margin: int) -> re.Pattern[str]:
    return regexes.compile(_BLOCK_END % (margin - 1))

"""Stage ② segment, blocks: the text's paragraphs, and the character classes the stage shares.

A block is a line, or the lines of one paragraph wrapped at a fixed width. Every later step of the
stage works inside blocks and never across them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Set
from functools import cache

from factcheck import regexes
from factcheck.errors import SegmentError
from factcheck.lexicon import longest_first, page_words, words

LOWER = "a-zß-öø-ÿ"
"""Lower-case letters, as a regex character-class body (Latin-1 letters included)."""
UPPER = "A-ZÀ-ÖØ-Þ"
"""Capital letters, as a regex character-class body."""
KANA_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
"""Kana and CJK ideographs, as a regex character-class body: the letters of Chinese and
Japanese, which have no capitals and put no spaces between words."""
REQUIRED_FIELD_RE = regexes.compile(r"(?:\(\*\)|\s\*)\s*:?\Z")
"""The mark of a field a form requires, after its label: "Name *", "Email (*):"."""
WIDE_STOPS = "\u3002\uff01\uff1f\uff61"
"""The full stop, exclamation and question marks of Chinese and Japanese, full- and half-width:
a sentence ends at them with no space after."""
LETTERS = LOWER + UPPER
LETTER_SET = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7))
)


def is_table_row(text: str) -> bool:
    """A row of a table: between bars, as a page or a markdown file gives it ("| 2023 | 214 |"),
    or its cells between tabs, as a browser copies it ("2023<TAB>214")."""
    if "|" not in text and "\t" not in text:
        return False  # most text: two searches in C
    row = text.strip()
    if row[:1] == "|":
        # A page laid out in a table gives its whole story as one cell: sentences running on,
        # many of them, in a row longer than a table's.
        prose = (
            len(row) > _PROSE_ROW_CHARS
            and len(_RUNNING_SENTENCES_RE.findall(row, 0, _PROSE_ROW_LOOK)) >= _PROSE_ROW_SENTENCES
        )
        return len(row) > 2 and row[-1] == "|" and not prose
    # One line whose words a tab parts; a tab that indents a wrapped line parts nothing, and
    # sentences that follow one another in a cell are prose that a tab happens to part.
    return (
        "\t" in row
        and "\n" not in row
        and _CELL_TAB_RE.search(row) is not None
        and _RUNNING_SENTENCES_RE.search(row) is None
    )


_CELL_TAB_RE = regexes.compile(r"\S *\t[ \t]*\S")
_RUNNING_SENTENCES_RE = regexes.compile(rf"[{LOWER}]{{3}}[.!?][\"”’)]? +[\"“‘(]?[{UPPER}]")
"""A sentence's end and the next one's start, after a word, not an abbreviation ("Mr. Roe")."""


_PROSE_ROW_CHARS = 400
_PROSE_ROW_SENTENCES = 3
_PROSE_ROW_LOOK = 2000
"""How far into a long row its sentences are counted (the row may be a whole story)."""

_LINE_RE = regexes.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding whitespace
BULLET_RE = regexes.compile(r"\s*(?:[-*•·▪◦‣–—]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s")
"""A list marker at the start of a line: a bullet, "1." or "(a)"."""
_CONTINUATION_WORDS = words("continuation_words")
_BYLINE_START = regexes.compile(r"by\s+[A-Z]")


def alternation(names: Iterable[str]) -> str:
    """Words as a regex alternation, the longest first (so none stops at a shorter one that
    begins it), a space as any run of spaces."""
    ordered = longest_first(set(names))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _page_line_start_re() -> re.Pattern[str]:
    """The start of a date line or a byline in the languages of pasted pages, which write
    weekdays and months in lowercase: "mardi 5 mars 2024", "publicado el 5", "par Jeanne Roux"
    (compiled when a line first starts in lowercase under another)."""
    return regexes.compile(
        rf"(?:{alternation(page_words('weekdays'))})\.?,?\s+(?:[a-z]+\s+)?\d"
        rf"|(?:{alternation(page_words('published_words') | page_words('updated_words'))})"
        r"(?:\s+[a-z]+)?\s*:?\s*\d"
        rf"|(?:{alternation(page_words('byline_words'))})\s+[{UPPER}][\w’'.-]*\s+[{UPPER}]"
    )


@cache
def related_labels() -> frozenset[str]:
    """Labels of a box of links in every language read, in lower case ("related stories"),
    which a page may print in lowercase on a line of their own: no sentence goes on in one."""
    return words("related_labels") | page_words("related_labels")


_LINE_END_CHARS = frozenset('.!?:…"”’)')


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into blocks (paragraphs), as (start, end) offsets into ``text``.

    A line is a block, except that lines of a paragraph wrapped at a fixed width, or a line that
    plainly continues into the next one, are joined. Block offsets exclude surrounding whitespace.
    """
    start, end = check_range(text, start, end)
    lines = [m.span() for m in _LINE_RE.finditer(text, start, end)]
    if len(lines) < 2:
        return lines
    width = _wrap_width(text, lines)
    blocks: list[tuple[int, int]] = []
    cur_start, cur_end = lines[0]
    for (ps, pe), (ns, ne) in itertools.pairwise(lines):
        if text.count("\n", pe, ns) == 1 and _is_soft_break(text, ps, pe, ns, ne, width):
            cur_end = ne
            continue
        blocks.append((cur_start, cur_end))
        cur_start, cur_end = ns, ne
    blocks.append((cur_start, cur_end))
    return blocks


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width the text is hard-wrapped at (e-mail, plain-text wires), or 0 when it is not.

    Wrapped text has most lines near one width, and most of them break mid-sentence.
    """
    if len(lines) < 4:
        return 0
    lengths = [e - s for s, e in lines]
    width = max(lengths)
    if not 40 <= width <= 120:
        return 0
    near = sum(1 for n in lengths if n >= 0.75 * width)
    open_ended = sum(1 for _, e in lines if text[e - 1] not in _LINE_END_CHARS)
    return width if near >= 0.6 * len(lines) and open_ended >= 0.5 * len(lines) else 0


def _is_soft_break(text: str, ps: int, pe: int, ns: int, ne: int, width: int) -> bool:
    """Whether the line break between two lines is inside one paragraph."""
    if (text[ps] == "|" or text[ns] == "|" or text.find("\t", ps, ne) != -1) and (
        is_table_row(text[ps:pe]) or is_table_row(text[ns:ne])
    ):
        return False  # a table's rows are lines of their own, however alike their widths
    if width:
        soft = pe - ps >= 0.6 * width and text[pe - 1] != ":"
    elif text[ns].islower():
        # "by Jane Roe" under a headline is its byline, not the headline going on, and so is
        # "par Jeanne Roux" or a date line such as "mardi 5 mars 2024".
        soft = (
            text[pe - 1] not in _LINE_END_CHARS
            and not _BYLINE_START.match(text, ns, ne)
            and not _page_line_start_re().match(text, ns, ne)
            and text[ns:ne].rstrip(" :").lower() not in related_labels()
        )
    else:
        # "... the tower and" goes on; a heading in title case ("Best Of") does not.
        soft = text[max(ps, pe - 12) : pe].rsplit(None, 1)[-1] in _CONTINUATION_WORDS
    return soft and not BULLET_RE.match(text[ns : min(ne, ns + 8)] + " ")


# How often each letter occurs in English text, in percent of its letters, and the space, about
# once a word; any other character is rarer still.
_FREQUENCY: dict[str, float] = dict(zip(" etaoinshrdlcumwfgypbvkjxqz", (
    21, 12.7, 9.06, 8.17, 7.51, 6.97, 6.75, 6.33, 6.09, 5.99, 4.25, 4.03, 2.78, 2.76, 2.41, 2.36,
    2.23, 2.02, 1.97, 1.93, 1.29, 0.98, 0.77, 0.15, 0.15, 0.1, 0.07,
), strict=True))  # fmt: skip


def written_forms(words: Iterable[str]) -> list[str]:
    """Lower-case words (or phrases) as running text writes them: as they are, with a capital
    and in capitals ("alle Rechte vorbehalten", "Alle Rechte vorbehalten", "ALLE RECHTE
    VORBEHALTEN"), the longest first."""
    found = {form for word in words for form in (word, word[0].upper() + word[1:], word.upper())}
    return sorted(found, key=lambda form: (-len(form), form))


def any_of(needles: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose ``search`` finds whether a text holds one of NEEDLES (non-empty strings),
    in one call, sooner than a search for each needle.

    Each needle is matched from one of its characters on (its anchor), then checked whole by a
    look-behind: the engine skips in C every position that holds no anchor, and tries only the
    needles of the anchor it stops at, each first by the character after the anchor. Anchors
    are rare characters, and few different ones: a frequent anchor is given up for others that
    its needles hold. The look-behind reads only the searched text, so a needle is found exactly
    where it occurs whole.
    """
    listed = list(dict.fromkeys(needles))

    def frequency(char: str) -> float:
        return _FREQUENCY.get(char, 0.0)

    def rarest(needle: str, chars: Set[str]) -> int:
        """The first place in NEEDLE of its rarest character among CHARS."""
        return min(
            (i for i, c in enumerate(needle) if c in chars), key=lambda i: (frequency(needle[i]), i)
        )

    # Each needle from its rarest character; then, the most frequent first, an anchor is given
    # up when every needle on it holds another anchor: the tries at each occurrence of that
    # character are saved, for one more needle tried where the other anchor occurs.
    anchors = {needle: rarest(needle, set(needle)) for needle in listed}
    dropped = True
    while dropped:
        dropped = False
        chosen = {needle[at] for needle, at in anchors.items()}
        for char in sorted(chosen, key=lambda c: (-frequency(c), c)):
            users = [needle for needle in listed if needle[anchors[needle]] == char]
            others = chosen - {char}
            if frequency(char) and all(not others.isdisjoint(needle) for needle in users):
                for needle in users:
                    anchors[needle] = rarest(needle, others)
                dropped = True
                break
    by_anchor: dict[str, list[str]] = {}
    for needle in listed:
        at = anchors[needle]
        rest = re.escape(needle[at + 1 :])
        whole = f"(?<={re.escape(needle)})" if at else ""
        by_anchor.setdefault(needle[at], []).append(rest + whole)
    return regexes.compile(
        "|".join(
            re.escape(anchor) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
            for anchor, rests in by_anchor.items()
        )
    )


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def check_range(text: str, start: int, end: int | None) -> tuple[int, int]:
    if not isinstance(text, str):
        raise SegmentError(f"expected text as a string, got {type(text).__name__}")
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise SegmentError(f"range {start}:{end} is outside the text (length {len(text)})")
    return start, end

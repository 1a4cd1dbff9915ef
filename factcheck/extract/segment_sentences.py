"""Stage ② segment, sentences: sentence spans from sentencex, corrected where it goes wrong.

Blocks and glued boundaries always end a sentence; sentencex (fast, rule-based) finds the others,
in the language the lexicon names.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

import sentencex

from factcheck import regexes
from factcheck.extract.segment_dates import PAGE_MONTH, TIMEZONES
from factcheck.extract.segment_glue import NEVER_FINAL, glued_boundaries
from factcheck.extract.segment_text import (
    UPPER,
    WIDE_STOPS,
    check_range,
    is_table_row,
    split_blocks,
)
from factcheck.lexicon import DEFAULT_LANGUAGE

# Boundaries sentencex misses. One leading character class lets the engine skip ahead in C.
_EXTRA_SPLIT_RE = regexes.compile(
    rf"""[.!?…](?:
        [”"’]?[)\]](?=\s+[“"‘(]?[{UPPER}])             # (A whole sentence in brackets.) Next
      | (?<=…)[”"’]?(?=\s+[“"‘]?[{UPPER}])             # trailing off… Next
      | (?<=\.)[a-z]{{2,6}}\.(?=\s+[“"‘(]?[{UPPER}])   # example.org. Next (checked below)
    )""",
    re.VERBOSE,
)
_DOMAIN_TAIL_RE = regexes.compile(r"(?<![\w.@/-])[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,6}\.\Z")
_LIST_MARKER_RE = regexes.compile(r"(?:\d{1,3}|[A-Za-z])[.)]\Z")
_TZ_START_RE = regexes.compile(rf"(?:{TIMEZONES})\b")
_DAY_END_RE = regexes.compile(r"(?<![\w.])\d{1,2}\.\Z")
_MONTH_YEAR_RE = regexes.compile(rf"{PAGE_MONTH},?\s+\d{{4}}\b")
_ALNUM_RE = regexes.compile(r"\w")
_MERIDIEM = frozenset({"a.m.", "p.m.", "A.M.", "P.M."})
_CLOSERS = frozenset('”"’)]')
_UNICODE_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_UNICODE_SPACE_RE = regexes.compile(f"[{_UNICODE_SPACES}]")
_FALLBACK_END_RE = regexes.compile(r"[.!?…]+[\"”’')\]]*\s+")
_SPACES_RE = regexes.compile(r"\s+")
_OPENING_MARKS = "\u201c\u2018\u00ab\u2039\u201e"
"""Opening quotation marks."""
_OPENER_RE = regexes.compile(f"[{_OPENING_MARKS}]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` as (start, end) offsets into ``text``.

    Blocks (lines, paragraphs) always end a sentence, and so do glued boundaries; sentencex finds
    the others, corrected where it is known to go wrong. Spans never include surrounding
    whitespace, and only whitespace lies between them.
    """
    start, end = check_range(text, start, end)
    return [(s, e) for s, e, _ in sentence_spans(text, split_blocks(text, start, end))]


def sentence_spans(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, block index) of every sentence in the blocks, in order.

    The blocks are segmented in one sentencex call (per-block calls cost more than the
    splitting), cut where a block's quotation marks do not pair (``_unpaired``); sentences
    inside a quotation are cut too (``_quoted_cuts``).
    """
    if not blocks:
        return []
    base = blocks[0][0]
    flat = text[base : blocks[-1][1]]
    if "\n" in flat:
        flat = flat.replace("\n", " ")  # blocks are cut below; a newline inside one is a space
    # Block edges and glued boundaries always cut, in offsets into FLAT; the sets are built in C
    # (a text that starts with its first block, as most do, needs no shift).
    hard = set(glued_boundaries(text, blocks))
    hard.update(itertools.chain.from_iterable(blocks))
    if base:
        hard = {cut - base for cut in hard}
    cuts: set[int] = set()
    quoted = '"' in flat or "\u201c" in flat
    for begin, stop in _unpaired(
        flat, _pieces(flat, sorted(end - base for _, end in blocks)), blocks, base
    ):
        cuts.update(begin + cut for cut in _sentencex_cuts(flat[begin:stop]))
        if quoted:
            cuts.update(_quoted_cuts(flat, begin, stop))
    cuts.update(m.end() for m in _EXTRA_SPLIT_RE.finditer(flat) if _keep_extra_split(flat, m))
    cuts |= hard
    if "|" in flat or "\t" in flat:
        for block_start, block_stop in blocks:
            if is_table_row(text[block_start:block_stop]):
                # A table's row is one piece, whatever its cells end with ("1 tackle.").
                cuts.difference_update(range(block_start - base + 1, block_stop - base))
    cuts.add(0)
    cuts.add(len(flat))
    spans: list[tuple[int, int, int]] = []
    block, block_end = 0, blocks[0][1] - base
    join_next = False
    for raw_a, raw_b in itertools.pairwise(sorted(cuts)):
        piece = flat[raw_a:raw_b]
        stripped = piece.strip()
        if not stripped:
            continue
        a = raw_a + len(piece) - len(piece.lstrip())
        b = a + len(stripped)
        same_block = a < block_end
        while a >= block_end:
            block += 1
            block_end = blocks[block][1] - base
        if (
            spans
            and same_block
            and (
                (stripped[0] in _CLOSERS and _is_stray_punctuation(stripped))
                or (raw_a not in hard and (join_next or _joins_previous(flat, spans[-1][1], a)))
            )
        ):
            spans[-1] = (spans[-1][0], b, spans[-1][2])
        else:
            spans.append((a, b, block))
        # Only a short piece or one ending in a period can run on into the next.
        join_next = (len(stripped) <= 4 or stripped[-1] == ".") and _joins_next(stripped)
    if not base:
        return spans
    return [(base + a, base + b, i) for a, b, i in spans]


_QUOTE_MARK_RE = regexes.compile('[\u201c\u201d"]')
"""A double quotation mark, curly or straight."""
_INNER_END_RE = regexes.compile(rf"[.!?][\u2019']?\s+[\u2018'(]?[{UPPER}0-9]")
"""What a quotation of more than one sentence holds: a sentence's end and the next one's start."""


def _quotations(flat: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the words of each quotation in FLAT[START:END], read left to right: an
    opening curly mark runs to the next closing one, a straight mark to the next straight one,
    and the marks inside a quotation are its words. A mark that nothing closes after it opens
    none. One pass over the marks, however many are left open."""
    closes = {"\u201c": "\u201d", '"': '"'}
    last = {"\u201c": flat.rfind("\u201d", start, end), '"': flat.rfind('"', start, end)}
    opened: tuple[str, int] | None = None
    for mark in _QUOTE_MARK_RE.finditer(flat, start, end):
        at, char = mark.start(), mark.group()
        if opened is None:
            if char in closes and at < last[char]:
                opened = (closes[char], at)
        elif char == opened[0]:
            if at > opened[1] + 1:
                yield opened[1] + 1, at
            opened = None


def _quoted_cuts(flat: str, start: int, end: int) -> list[int]:
    """Sentence ends inside quotations of more than one sentence, which sentencex never cuts:
    "“We are ready. The enemy is not.”" is two sentences of one quotation (attribution gives
    every sentence of one quotation its speaker). Each quotation's words are split by sentencex
    on their own, without the marks; a cut is kept only before a capital or a figure. Only
    FLAT[START:END] is read: a piece whose marks pair (``_unpaired``)."""
    found: list[int] = []
    for begin, stop in _quotations(flat, start, end):
        if _INNER_END_RE.search(flat, begin, stop) is None:
            continue  # most quotations: one sentence, or words inside one
        for cut in _sentencex_cuts(flat[begin:stop]):
            first = flat[begin + cut : stop].lstrip().lstrip("\u2018'(")[:1]
            if first.isupper() or first.isdigit():
                found.append(begin + cut)
    return found


def _unpaired(
    flat: str, pieces: list[tuple[int, int]], blocks: list[tuple[int, int]], base: int
) -> list[tuple[int, int]]:
    """PIECES also cut after each block whose double quotation marks do not pair (a quotation
    that goes on into the next paragraph, a stray mark). sentencex pairs the marks of all it is
    given: one left open would pair with the next paragraph's, and hold every sentence between
    them whole."""
    if '"' not in flat and "\u201c" not in flat:
        return pieces  # a text that quotes no one: its blocks are not looked at
    ends = [
        end - base
        for start, end in blocks
        if flat.count('"', start - base, end - base) % 2
        or flat.count("\u201c", start - base, end - base)
        != flat.count("\u201d", start - base, end - base)
    ]
    if not ends:
        return pieces
    out: list[tuple[int, int]] = []
    for begin, stop in pieces:
        for end in ends[bisect.bisect_right(ends, begin) : bisect.bisect_left(ends, stop)]:
            out.append((begin, end))
            begin = end
        out.append((begin, stop))
    return out


def _pieces(flat: str, block_ends: list[int]) -> list[tuple[int, int]]:
    """Where FLAT is cut for sentencex, so that no call holds many more than OPENERS opening
    quotation marks: at a block end, or inside a block that holds more than twice as many, after
    a sentence's end or a space. sentencex's time grows with the square of the opening marks it
    holds unmatched, so a page of them (or a 64 MB paragraph) would take hours in one call. News
    text holds far fewer (a few hundred in the longest article) and is read in one call.

    Its time per character also grows with the length of what it is given: 4 MB of news in one
    call took it 20 times as long as article by article. A text longer than PIECE_CHARS (a
    book, a long transcript, many articles in one file) is also cut at the first block end past
    each PIECE_CHARS; a news article (the longest of the benchmarks' 1,105 has 53,372
    characters) is read in one call."""
    if len(flat) <= PIECE_CHARS and sum(map(flat.count, _OPENING_MARKS)) <= OPENERS:
        return [(0, len(flat))]  # counted in C; the marks' places are wanted only past that
    marks = [m.start() for m in _OPENER_RE.finditer(flat)]
    pieces: list[tuple[int, int]] = []
    begin = 0
    for block_end in block_ends:
        first = bisect.bisect_left(marks, begin)
        while bisect.bisect_left(marks, block_end) - first > 2 * OPENERS:
            # Inside one block: after the sentence's end or the space that follows the marks.
            after = marks[first + OPENERS]
            found = _FALLBACK_END_RE.search(flat, after, block_end) or _SPACES_RE.search(
                flat, after, block_end
            )
            cut = found.end() if found is not None else marks[first + 2 * OPENERS]
            pieces.append((begin, cut))
            begin = cut
            first = bisect.bisect_left(marks, begin)
        if bisect.bisect_left(marks, block_end) - first >= OPENERS or (
            block_end - begin >= PIECE_CHARS
        ):
            pieces.append((begin, block_end))
            begin = block_end
    if begin < len(flat):
        pieces.append((begin, len(flat)))
    return pieces


OPENERS = 1000
"""Opening quotation marks one sentencex call is given, about (see ``_pieces``)."""
PIECE_CHARS = 100_000
"""Characters one sentencex call is given, about, where the text's blocks allow (``_pieces``)."""


def _sentencex_cuts(flat: str) -> set[int]:
    # sentencex panics on a non-ASCII space between a capital and a period ("A\u00a0."); a plain
    # space of the same length keeps every offset. Looking for each space first is quicker than
    # the substitution when, as usual, there is none.
    if not flat.isascii() and any(space in flat for space in _UNICODE_SPACES):
        flat = _UNICODE_SPACE_RE.sub(" ", flat)
    try:
        ends = list(itertools.accumulate(map(len, sentencex.segment(DEFAULT_LANGUAGE.code, flat))))
    except BaseException as exc:  # a Rust panic surfaces as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        ends = [m.end() for m in _FALLBACK_END_RE.finditer(flat)]
    if ends and ends[-1] != len(flat):  # never seen; keep offsets honest whatever it returns
        ends = [
            int(b["end_index"])
            for b in sentencex.get_sentence_boundaries(DEFAULT_LANGUAGE.code, flat)
        ]
    # A cut with no space on either side is glue, and glue was decided before: ASP.NET, a?b=C.
    # Chinese and Japanese put no space after a sentence: their full stops cut by themselves.
    size = len(flat)
    return {
        c
        for c in ends
        if 0 < c < size
        and (flat[c - 1].isspace() or flat[c].isspace() or flat[c - 1] in WIDE_STOPS)
    }


def _keep_extra_split(chunk: str, m: re.Match[str]) -> bool:
    if not m.group().startswith(".") or m.group()[1:2] in ')]”"’':
        return True
    return _DOMAIN_TAIL_RE.search(chunk, max(0, m.end() - 80), m.end()) is not None


def _is_stray_punctuation(piece: str) -> bool:
    """A piece that is only a closing quote or bracket belongs to the sentence before it."""
    return piece[0] in _CLOSERS and _ALNUM_RE.search(piece) is None


def _joins_next(piece: str) -> bool:
    """Whether a piece cannot end a sentence: a list marker, a bullet, or a title like "Dr."."""
    if len(piece) <= 4 and (_LIST_MARKER_RE.fullmatch(piece) or not _ALNUM_RE.search(piece)):
        return piece[0] not in _CLOSERS
    if piece[-1] != ".":
        return False
    last = piece[-12:-1].rsplit(None, 1)[-1].lstrip('([“"‘')
    return last in NEVER_FINAL


def _joins_previous(flat: str, prev_end: int, a: int) -> bool:
    """Whether the piece starting at ``a`` continues the previous one: a time zone after a.m., a
    month and year after a day's number and its full stop ("5. März 2024"), or a house's number
    after a street's name cut short ("Bahnhofstr. 12")."""
    tail = flat[max(0, prev_end - 4) : prev_end]
    if tail in _MERIDIEM:
        return _TZ_START_RE.match(flat, a) is not None
    if tail == "str." and flat[a : a + 1].isdigit() and flat[prev_end - 5 : prev_end - 4].isalpha():
        return True  # a street's abbreviated name and its number: "Bahnhofstr. 12"
    return (
        tail[-1:] == "."
        and tail[-2:-1].isdigit()
        and _DAY_END_RE.search(tail) is not None
        and _MONTH_YEAR_RE.match(flat, a) is not None
    )

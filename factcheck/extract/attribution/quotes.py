"""Stage ③ claims, attribution: quotations, paired across sentence boundaries."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.models import Attribution

PLACEHOLDER = 0xE000
"""Quoted text is replaced by one private-use character per quotation while parsing."""
_MAX_QUOTE_SPAN = 8
"""A quotation may run over at most this many sentence boundaries; past that a mark is stray."""

_OPEN, _CLOSE, _EITHER = 1, 2, 3


_LEFT_OPEN = frozenset(" \t\n([{<\u2014\u2013-/:'\u2018")
_RIGHT_OPEN = frozenset(" \t\n.,;:!?)]}>\u2014\u2013-'\u2019")


_MARKS = ('"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb")


def double_apostrophes(text: str) -> str:
    """Two apostrophes as a double quotation mark (''like this''), keeping every offset."""
    return text.replace("''", '" ') if "''" in text else text


def _find_marks(sentences: Sequence[str]) -> dict[int, list[int]]:
    """Offsets of the double quotation marks in each sentence that has any, in order: one
    search of the whole text per kind of mark, as most sentences hold none."""
    # Sentences joined on a line break, which neither is a mark nor makes two apostrophes.
    text = double_apostrophes("\n".join(sentences))
    starts: list[int] = []
    at = 0
    for sentence in sentences:
        starts.append(at)
        at += len(sentence) + 1
    found: dict[int, list[int]] = {}
    for mark in _MARKS:
        pos = text.find(mark)
        while pos >= 0:
            number = bisect_right(starts, pos) - 1
            found.setdefault(number, []).append(pos - starts[number])
            pos = text.find(mark, pos + 1)
    for marks in found.values():
        if len(marks) > 1:
            marks.sort()
    return found


def _classify_mark(text: str, pos: int, mark: str) -> int:
    """Whether a quotation mark opens or closes, from the mark and what touches it."""
    left_open = pos == 0 or text[pos - 1] in _LEFT_OPEN
    right_open = pos + 1 == len(text) or text[pos + 1] in _RIGHT_OPEN
    if mark == '"':
        if left_open != right_open:
            return _OPEN if left_open else _CLOSE
        return _EITHER
    if mark in "\u201c\u201e\u00ab\u201f":
        # German „…“ closes with “; a “ glued to the word before it is a closer too.
        return _CLOSE if right_open and not left_open and mark == "\u201c" else _OPEN
    return _OPEN if left_open and not right_open else _CLOSE


def _inner_close(text: str, marks: Sequence[int], number: int) -> int:
    """Where the quoted phrase that mark ``number`` opens closes, on a mark of the same style
    before the end of the same sentence; -1 if none does."""
    straight = text[marks[number]] == '"'
    for pos in marks[number + 1 :]:
        if (text[pos] == '"') == straight:
            if _classify_mark(text, pos, text[pos]) == _OPEN:
                return -1
            # A phrase quoted inside the sentence ("about “Equal Justice Under Law” anymore"),
            # not words that end it, which someone in the passage says ("chanting “U-S-A!”").
            return pos if any(c.isalnum() for c in text[pos + 1 :]) else -1
    return -1


@dataclass(slots=True)
class _QuoteLayout:
    """Where the quotations are, per sentence, and which sentences they join."""

    spans: list[list[tuple[int, int]]]
    """Per sentence: (start, end) character ranges of quoted text, marks excluded."""
    groups: list[tuple[int, int]]
    """Inclusive sentence ranges joined by one quotation."""


def _layout_quotes(sentences: Sequence[str], blocks: Sequence[int] | None) -> _QuoteLayout:
    """Pair the quotation marks of a run of sentences, across sentence boundaries."""
    spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
    groups: list[tuple[int, int]] = []
    opened: tuple[int, int] | None = None
    leading = False  # whether the open quotation opened its paragraph
    straight = False  # whether it opened on a straight mark ('"') rather than a curly one

    def close(at_sent: int, at_pos: int) -> None:
        assert opened is not None
        first, start = opened
        if first == at_sent:
            if at_pos > start:
                spans[first].append((start, at_pos))
            return
        spans[first].append((start, len(sentences[first])))
        for middle in range(first + 1, at_sent):
            spans[middle].append((0, len(sentences[middle])))
        spans[at_sent].append((0, at_pos))
        groups.append((first, at_sent))

    def end_paragraph(last: int) -> None:
        nonlocal opened
        # A quotation still open at a paragraph's end runs to it (the convention for
        # multi-paragraph quotes), unless it opened too far back to be anything but a stray mark.
        if opened is not None and last - opened[0] <= _MAX_QUOTE_SPAN:
            close(last, len(sentences[last]))
        opened = None

    found = _find_marks(sentences)
    if not found:
        return _QuoteLayout(spans, groups)  # no quotation anywhere
    for index, raw in enumerate(sentences):
        starts = blocks is not None and (not index or blocks[index] != blocks[index - 1])
        if starts and index:
            end_paragraph(index - 1)
        if opened is not None and index - opened[0] > _MAX_QUOTE_SPAN and not leading:
            opened = None  # a quotation opening its paragraph may run on to the mark closing it
        marks = found.get(index)
        if marks is None:
            continue
        text = double_apostrophes(raw)
        lead = len(text) - len(text.lstrip())
        nested = -1
        for number, pos in enumerate(marks):
            if pos <= nested:
                continue
            kind = _classify_mark(text, pos, text[pos])
            if (
                opened is not None
                and kind != _CLOSE
                and (text[pos] == '"') != straight
                and not (opened[0] == index and not text[opened[1] : pos].strip())
            ):
                # '"… isn’t about “Equal Justice Under Law” anymore."': a quotation inside the
                # open one, in the other style of marks, closes before the outer one does.
                nested = _inner_close(text, marks, number)
                if nested >= 0:
                    continue
            if opened is None:
                # A paragraph opening on a closing mark ("”Fear. I am afraid …”") opens.
                opens = kind != _CLOSE or (starts and pos == lead and text[pos] == "\u201d")
            elif kind == _OPEN:
                # In the same sentence, the earlier mark was stray; else the quotation before
                # runs to the end of the sentence before this one.
                if opened[0] != index and index - 1 >= opened[0]:
                    close(index - 1, len(sentences[index - 1]))
                opens = True
            else:
                close(index, pos)
                opened, opens = None, False
            if opens:
                opened = (index, pos + 1)
                leading, straight = starts and pos == lead, text[pos] == '"'
    if sentences:
        end_paragraph(len(sentences) - 1)
    return _QuoteLayout(spans, _merge_groups(groups))


def _merge_groups(groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort the groups and merge overlapping ones (a quote closing where the next opens)."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(groups):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def quote_groups(
    sentences: Sequence[str], *, blocks: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Inclusive index ranges (i, j), i < j, of consecutive sentences inside one quotation.

    A quotation opens in sentence i and closes in sentence j. ``blocks`` gives each sentence's
    paragraph index: a quotation never runs past its paragraph, and one left open at the end of
    a paragraph (the usual way to continue a quote into the next paragraph) ends there.
    Overlapping ranges are merged, so the result is sorted and disjoint.
    """
    return list(shared_layout(sentences, blocks).groups)


# The claims stage asks for attributions and quote groups of the same sentences, one after the
# other: the second call reuses the first one's layout instead of scanning the text again.
_LAST_LAYOUT: list[tuple[tuple[str, ...], tuple[int, ...] | None, _QuoteLayout]] = []


def shared_layout(sentences: Sequence[str], blocks: Sequence[int] | None) -> _QuoteLayout:
    key = tuple(sentences)
    block_key = None if blocks is None else tuple(blocks)
    last = _LAST_LAYOUT[0] if _LAST_LAYOUT else None
    if last is not None and last[1] == block_key and last[0] == key:
        return last[2]
    layout = _layout_quotes(key, block_key)
    _LAST_LAYOUT[:] = [(key, block_key, layout)]
    return layout


def inherit(owner: Attribution, own: Attribution) -> Attribution:
    """OWN, a sentence of OWNER's quotation, with OWNER's speaker, role, verb and channels."""
    return Attribution(
        speaker=owner.speaker,
        role=owner.role,
        verb=owner.verb,
        via=owner.via,
        hedges=own.hedges,
        quote=True,
    )

"""Tests for stage ② segment: text with thousands of opening quotation marks is split into
sentences piece by piece, and gives the sentences it gives in one piece wherever that is the same
reading."""

from __future__ import annotations

import itertools

import pytest

from factcheck.extract import segment_sentences
from factcheck.extract.segment import segment_document
from factcheck.extract.segment_sentences import _pieces, split_sentences
from factcheck.models import Document

OPEN = "\u201c"


def test_news_text_is_read_in_one_piece() -> None:
    flat = f"{OPEN}Yes,\u201d she said. " * segment_sentences.OPENERS
    assert _pieces(flat, [len(flat)]) == [(0, len(flat))]


def test_an_article_however_long_is_read_in_one_piece() -> None:
    block = "The council met on Monday. It voted to close the bridge for repairs. " * 10
    flat = block * (segment_sentences.PIECE_CHARS // len(block))
    ends = list(range(len(block), len(flat) + 1, len(block)))
    assert len(flat) > 90_000
    assert _pieces(flat, ends) == [(0, len(flat))]


def test_a_book_is_read_in_pieces_cut_at_block_ends() -> None:
    # sentencex's time per character grows with what one call holds: many articles in one file
    # are given to it a hundred thousand characters or so at a time, cut where a block ends.
    block = "The council met on Monday. It voted to close the bridge for repairs. " * 10
    flat = block * 1000
    ends = list(range(len(block), len(flat) + 1, len(block)))
    pieces = _pieces(flat, ends)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(flat)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(stop in ends for _, stop in pieces)
    limit = segment_sentences.PIECE_CHARS
    assert all(limit <= stop - start < limit + len(block) for start, stop in pieces[:-1])
    assert len(pieces) == len(flat) // (limit + len(block) - limit % len(block)) + 1


def test_pieces_end_at_the_block_that_brings_enough_marks() -> None:
    block = f"{OPEN}Yes. " * 600  # 600 marks, 6 characters each
    flat = block * 3
    ends = [len(block), 2 * len(block), 3 * len(block)]
    # 600 marks are too few to cut after; 1,200 are enough; the last 600 end the text.
    assert _pieces(flat, ends) == [(0, 2 * len(block)), (2 * len(block), len(flat))]


def test_one_block_of_many_marks_is_cut_after_a_sentence_end() -> None:
    flat = f"{OPEN}Yes. " * 2500
    # The 1,001st mark opens at 6,000; the sentence it opens ends with the space at 6,005.
    assert _pieces(flat, [len(flat)]) == [(0, 6006), (6006, len(flat))]


def test_a_block_of_marks_alone_is_cut_where_it_must_be() -> None:
    flat = OPEN * 5000
    assert _pieces(flat, [len(flat)]) == [(0, 2000), (2000, 4000), (4000, 5000)]


@pytest.mark.parametrize(
    "line",
    [
        f"{OPEN}We will build it,\u201d the mayor said. {OPEN}It will take two years.\u201d",
        f"{OPEN}No.\u201d Then she left the room. Nobody followed her.",
        "The vote was 12 to 3. The motion passed.",
    ],
)
def test_quotations_closed_within_their_lines_read_the_same_in_pieces(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join(f"{n}. {line}" for n in range(2000))
    pieces = split_sentences(text)
    monkeypatch.setattr(segment_sentences, "OPENERS", 10**9)  # one sentencex call
    monkeypatch.setattr(segment_sentences, "PIECE_CHARS", 10**9)
    assert pieces == split_sentences(text)
    assert len(pieces) > 2000


def test_a_page_of_unmatched_marks_still_gives_every_line() -> None:
    lines = [f"{OPEN}Line {n} opens a quotation it never closes. It goes on." for n in range(3000)]
    spans = split_sentences("\n".join(lines))
    text = "\n".join(lines)
    starts = {text[a:b].split(" ", 2)[1] for a, b in spans if text[a] == OPEN}
    assert starts == {str(n) for n in range(3000)}
    assert all(text[a:b].strip() == text[a:b] and "\n" not in text[a:b] for a, b in spans)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "市議会は火曜日に発表した。工事は三月に始まる\uff01費用はいくらか\uff1f",
            ["市議会は火曜日に発表した。", "工事は三月に始まる\uff01", "費用はいくらか\uff1f"],
        ),
        ("他说我们会赢。然后他走了。", ["他说我们会赢。", "然后他走了。"]),
        # A quotation that the sentence goes on after is not cut at its full stop.
        (
            "「我々は勝つ。」と市長は言った。次の文です。",
            ["「我々は勝つ。」と市長は言った。", "次の文です。"],
        ),
        # Glued Latin text stays glued: a cut needs a space, or a full stop of these scripts.
        ("See ASP.NET and a?b=C. Next one.", ["See ASP.NET and a?b=C.", "Next one."]),
    ],
)
def test_sentences_of_scripts_that_put_no_space_after_them(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


STORY_SENTENCES = [
    "The harbour board voted on Tuesday to raise ferry fares by five percent from April.",
    "It is the third rise in as many years, and commuters say they cannot afford another.",
    "Board members said the higher fares would pay for two new boats and longer sailings.",
    "Riders told the meeting that the fares already cost more than a monthly rail pass.",
    "The board will review the fares again next spring, when the first boat arrives.",
    "A spokesman said the new timetable would be published on the board's website.",
]


def test_a_story_laid_out_in_a_table_s_cell_is_read_sentence_by_sentence() -> None:
    # A page laid out in a table gives its story as one cell between bars: its sentences are
    # each a segment, not one row of a table.
    row = "|  | " + " ".join(STORY_SENTENCES) + " |"
    _, segments = segment_document(Document(source="t", text=row + "\n", sha256="0" * 64))
    assert [s.text for s in segments] == [f"|  | {STORY_SENTENCES[0]}", *STORY_SENTENCES[1:], "|"]


def test_a_table_s_row_with_a_sentence_in_a_cell_stays_one_row() -> None:
    # Near miss: a data table's row whose cells end with full stops is one piece.
    row = "| DL Jo Lee | 63 | 85% | 1 tackle (1 combined). 1 sack. Two hits. |"
    _, segments = segment_document(Document(source="t", text=row + "\n", sha256="0" * 64))
    assert [s.text for s in segments] == [row]

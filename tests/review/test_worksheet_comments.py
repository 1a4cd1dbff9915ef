"""Tests for stage ⑥: the comment lines a worksheet's next save will not keep."""

from __future__ import annotations

import time

import pytest
from worksheet_fixtures import EVACUATION

from factcheck.review.worksheet_comments import comment_lines, comments_warning


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a: 1\n", 0),
        ("# checked with the ministry\na: 1\n", 1),
        ("a: 1  # after a value\nb: 2 #\n", 2),
        ("#\n#\n  #\n", 3),
        ("a: b#c\nurl: https://example.org/#part\n", 0),
        # Inside quoted strings: no comment, unless after the closing quote.
        ("a: 'x #y'\nb: \"x #y \\\" #z\"\nc: 'it''s #1'\n", 0),
        ("a: 'x' # one\nb: 'y #' # two\n", 2),
        ("- {a: 'x #1', b: y}\n- {a: z} # one\n", 1),
        ("a: [x, 'y #', z] # one\n", 1),
        # A quote inside a plain scalar opens no string.
        ("a: it's #1\n", 1),
        # A quoted string over several lines, as the tool writes a long article.
        ('doc:\n  text: "first\n    #not\n\n    # nor this\\" x"  # one\n  b: 1\n', 1),
        ("doc:\n  text: 'a\n    # no\n    b'\n  # one\n", 1),
        # Literal and folded blocks hold their lines; the header's comment is one.
        ("text: |-\n  # heading\n  more # x\nb: 2\n", 0),
        ("doc:\n  text: |-\n    # heading\n\n    more\n  sha: x  # one\n# two\n", 2),
        ("claims:\n- note: |\n    # not\n  id: c1 # one\n", 1),
        ("- |\n  # not\n- x # one\n", 1),
        ("text: |-  # one\n  # not\nb: 1\n", 1),
        ("text: >\n  # not\n  | x |\nb: 1 # one\n", 1),
        # A line less indented than the block's first line ends it.
        ("text: >-\n   words\n # one\n", 1),
    ],
)
def test_lines_holding_a_comment_are_counted(text: str, count: int) -> None:
    assert comment_lines(text) == count


def test_a_worksheet_as_the_tool_writes_it_holds_none() -> None:
    text = EVACUATION.read_text(encoding="utf-8")
    assert comment_lines(text) == 0
    assert comment_lines(text.replace("\nclaims:\n", "\n# checked\nclaims:\n")) == 1


def test_a_large_worksheet_is_counted_in_a_moment() -> None:
    # Worksheets reach 16 MB: the text is searched in C, and only lines with a '#' are read.
    text = EVACUATION.read_text(encoding="utf-8")
    big = text * (16_000_000 // len(text))
    started = time.perf_counter()
    assert comment_lines(big) == 0
    assert comment_lines(big.replace("\nclaims:\n", "\n# c\nclaims:\n", 3)) == 3
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (
            1,
            "w.yaml: saving the worksheet will not keep its comment line; write notes in an "
            "answer's note (key N) and evidence URLs in its evidence (key e) instead",
        ),
        (
            1200,
            "w.yaml: saving the worksheet will not keep its 1,200 comment lines; write notes in "
            "an answer's note (key N) and evidence URLs in its evidence (key e) instead",
        ),
    ],
)
def test_the_warning_names_the_file_and_the_count(count: int, message: str) -> None:
    assert comments_warning("w.yaml", count) == message

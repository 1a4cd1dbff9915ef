"""`compare` on a terminal without styles: laid out without Rich, exactly as Rich lays it out."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from inprocess import run_cli

from factcheck.render.console import make_console
from factcheck.render.team import render_terminal
from factcheck.render.team_plain import plain_terminal, wrap
from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.team.compare import Comparison, compare_worksheets

Pick = Callable[..., list[Path]]
WIDTHS = (20, 33, 44, 61, 80, 100, 160)


def by_rich(comparison: Comparison, width: int) -> str:
    out = io.StringIO()
    make_console("never", width=width, file=out).print(render_terminal(comparison))
    return out.getvalue()


def plain(comparison: Comparison, width: int) -> str | None:
    return plain_terminal(comparison, make_console("never", width=width, file=io.StringIO()))


def renamed(path: Path, names: list[str]) -> list[Path]:
    """Copies of a reviewer's worksheet as if made by each of ``names``."""
    text = path.read_text(encoding="utf-8")
    owner = path.name.split(".")[1]
    copies = []
    for name in names:
        copy = path.with_name(f"evacuation.{name}.worksheet.yaml")
        copy.write_text(text.replace(f"reviewer: {owner}", f"reviewer: {name}"), encoding="utf-8")
        copies.append(copy)
    return copies


def many(pick: Pick) -> list[Path]:
    """Nine reviewers: Ana's, Ben's and Cy's answers, each given by three of them."""
    ana, ben, cy = pick("ana", "ben", "cy")
    return [
        *renamed(ana, ["ana", "dora", "eve"]),
        *renamed(ben, ["ben", "finn", "gus"]),
        *renamed(cy, ["cy", "hal", "ivy"]),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_three_reviewers_are_laid_out_as_rich_lays_them_out(pick: Pick, width: int) -> None:
    comparison = compare_worksheets(pick("ana", "ben", "cy"))
    assert plain(comparison, width) == by_rich(comparison, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_many_reviewers_are_laid_out_as_rich_lays_them_out(pick: Pick, width: int) -> None:
    comparison = compare_worksheets(many(pick))
    text = plain(comparison, width)
    assert text == by_rich(comparison, width)
    assert text is not None
    assert ("Verdicts (the" in text) == (width <= 100)  # wider, they fit side by side


def test_text_rich_may_lay_out_otherwise_is_left_to_rich(pick: Pick) -> None:
    paths = many(pick)
    worksheet = load_worksheet(paths[-1])
    first = worksheet.claims[0]
    question = next(iter(first.answers))
    odd = {
        question: replace(
            first.answers[question],
            note="東京 said so\tand e\u0301 too, \x1b[31mred\x1b[0m, \u200bgap",
            evidence=("https://example.org/" + "a-very-long-path-" * 8,),
        )
    }
    claims = (replace(first, answers={**first.answers, **odd}), *worksheet.claims[1:])
    save_worksheet(paths[-1], replace(worksheet, claims=claims))
    comparison = compare_worksheets(paths)
    for width in WIDTHS:
        assert plain(comparison, width) == by_rich(comparison, width)
    warned = replace(comparison, warnings=("checklist 'review-test' was edited: 東京",))
    assert plain(warned, 80) is None  # a wide character in a warning: all of it to Rich


def test_reviewers_who_agree_on_everything_are_laid_out_as_rich_does(pick: Pick) -> None:
    comparison = compare_worksheets(renamed(pick("ana")[0], ["ana", "dora", "eve", "finn"]))
    assert not any(claim.agreed is False for claim in comparison.claims)
    for width in WIDTHS:
        text = plain(comparison, width)
        assert text == by_rich(comparison, width)
        assert text is not None and "alike.\n" in text


def test_a_styled_or_narrow_console_is_left_to_rich(pick: Pick) -> None:
    comparison = compare_worksheets(pick("ana", "ben", "cy"))
    coloured = make_console("always", width=80, file=io.StringIO())
    assert plain_terminal(comparison, coloured) is None
    assert plain(comparison, 19) is None


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("a b c", 5, ["a b c"]),
        ("aaa bbb ccc", 7, ["aaa bbb", "ccc"]),
        ("  c1 ≠  x: all", 6, ["  c1 ≠", "x: all"]),
        ("a  b  c", 2, ["a ", "b ", "c"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("word    ", 4, ["word"]),
        ("東京", 10, None),
        ("tab\there", 10, None),
    ],
)
def test_lines_are_wrapped_as_rich_wraps_them(
    text: str, width: int, lines: list[str] | None
) -> None:
    assert wrap(text, width) == lines
    if lines is not None:
        out = io.StringIO()
        make_console("never", width=width, file=out).print(text, highlight=False, markup=False)
        assert out.getvalue() == "".join(line + "\n" for line in lines)


def test_the_command_prints_what_rich_prints(pick: Pick) -> None:
    paths = many(pick)
    done = run_cli(
        "--color", "never", "compare", *map(str, paths), cwd=paths[0].parent, env={"COLUMNS": "90"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == by_rich(compare_worksheets(paths), 90)


def test_names_rich_may_measure_otherwise_are_left_to_rich(pick: Pick) -> None:
    ana, ben, cy = pick("ana", "ben", "cy")
    paths = [ana, *renamed(ben, ["zoë"]), *renamed(cy, ["東京"])]
    comparison = compare_worksheets(paths)
    assert comparison.reviewers == ("ana", "zoë", "東京")
    laid_out = {width: plain(comparison, width) for width in WIDTHS}
    for width, text in laid_out.items():
        # Left to Rich whole (None) where a line names them, in part where a table does.
        assert text is None or text == by_rich(comparison, width)
    assert laid_out[20] is None and laid_out[160] is not None


def test_tables_side_by_side_are_laid_out_as_rich_lays_them_out(pick: Pick) -> None:
    comparison = compare_worksheets(pick("ana", "ben"))
    text = plain(comparison, 100)
    assert text == by_rich(comparison, 100)
    assert text is not None and "  Claim   ana" in text and "│  Question" in text

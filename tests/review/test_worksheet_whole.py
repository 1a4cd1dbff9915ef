"""Tests for stage ⑥: telling a whole worksheet from one cut short."""

from __future__ import annotations

from dataclasses import replace

import pytest
from worksheet_fixtures import EVACUATION

from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet_whole import (
    contents_problem,
    contents_record,
    miscount_problem,
    repeats_problem,
)


@pytest.mark.parametrize(
    ("found", "problem"),
    [
        ({"segments": 5, "audit": 9}, None),
        ({"segments": 6, "audit": 10}, None),  # more than counted: named once the items are read
        (
            {"segments": 4, "audit": 0},
            (
                "segments",
                "expected 5 body sentences, found 4: the worksheet is cut short; "
                "restore it from a copy",
            ),
        ),
        (
            {"segments": 5, "audit": 8},
            (
                "audit",
                "expected 9 audit entries, found 8: the worksheet is cut short; "
                "restore it from a copy",
            ),
        ),
    ],
)
def test_only_a_list_shorter_than_contents_counts_is_a_cut(
    found: dict[str, int], problem: tuple[str, str] | None
) -> None:
    assert contents_problem({"segments": 5, "audit": 9}, found) == problem


@pytest.mark.parametrize(
    ("found", "problem"),
    [
        ({"segments": 5, "audit": 9}, None),
        ({"segments": 4, "audit": 0}, None),  # fewer than counted: a cut, named above
        (
            {"segments": 6, "audit": 10},
            (
                "segments",
                "says 5 body sentences, the file holds 6: "
                "correct the count or delete the contents line",
            ),
        ),
        (
            {"segments": 5, "audit": 10},
            (
                "audit",
                "says 9 audit entries, the file holds 10: "
                "correct the count or delete the contents line",
            ),
        ),
    ],
)
def test_a_count_lower_than_the_file_holds_is_named(
    found: dict[str, int], problem: tuple[str, str] | None
) -> None:
    assert miscount_problem({"segments": 5, "audit": 9}, found) == problem


def test_contents_counts_body_sentences_and_audit_entries() -> None:
    worksheet = load_worksheet(EVACUATION)
    assert contents_record(worksheet) == {"segments": 0, "audit": 0}


def test_a_claim_repeating_one_the_worksheet_lacks_is_named() -> None:
    worksheet = load_worksheet(EVACUATION)
    first, second, *rest = worksheet.claims
    assert repeats_problem(worksheet.claims) is None
    repeating = replace(second, claim=replace(second.claim, repeats=first.id))
    assert repeats_problem((first, repeating, *rest)) is None
    assert repeats_problem((repeating, *rest)) == (0, f"no claim {first.id!r} in the worksheet")

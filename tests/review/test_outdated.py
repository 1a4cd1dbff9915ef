"""Tests for what changed since a worksheet was made: article, checklist, kept answers."""

from __future__ import annotations

from dataclasses import replace

import pytest
from worksheet_fixtures import FIXTURES

from factcheck.checklist.load import Checklist
from factcheck.review.journal import load_worksheet
from factcheck.review.outdated import worksheet_warnings
from factcheck.review.worksheet import Worksheet

FAULTS = FIXTURES / "worksheet"


def test_after_a_checklist_change_answers_are_kept_and_listed(checklist: Checklist) -> None:
    changed = replace(
        checklist,
        version=2,
        sha256="f" * 64,
        questions=tuple(q for q in checklist.questions if q.id != "primary_source"),
    )
    ws = load_worksheet(FAULTS / "bad-answer-value.worksheet.yaml", changed)
    assert ws.claims[1].answers["primary_source"].value == "maybe"
    assert worksheet_warnings(ws, changed, "0" * 64) == [
        "the article changed since this worksheet was made; "
        "its 3 claims and every answer are kept as they were",
        "checklist 'review-test' changed since this worksheet was made (version 1 -> 2); "
        "every answer is kept",
        "answers to questions the checklist no longer has (kept): c2.primary_source",
    ]


def test_invalid_kept_answer_is_listed_after_a_checklist_change(checklist: Checklist) -> None:
    changed = replace(checklist, sha256="f" * 64)
    ws = load_worksheet(FAULTS / "bad-answer-value.worksheet.yaml", changed)
    assert worksheet_warnings(ws, changed)[-1] == (
        "answers no longer valid for their question (kept; asked again): "
        "c2.primary_source ('maybe')"
    )


def test_unchanged_worksheet_has_no_warnings(worksheet: Worksheet, checklist: Checklist) -> None:
    assert worksheet_warnings(worksheet, checklist, worksheet.document.sha256) == []


@pytest.mark.parametrize(
    ("version", "note"),
    [
        (
            1,
            "checklist 'review-test' changed since this worksheet was made (its questions or "
            "rules, still version 1); every answer is kept",
        ),
        (
            3,
            "checklist 'review-test' changed since this worksheet was made (version 1 -> 3); "
            "every answer is kept",
        ),
    ],
)
def test_a_checklist_edited_with_or_without_a_new_version_is_told_apart(
    worksheet: Worksheet, checklist: Checklist, version: int, note: str
) -> None:
    assert worksheet.checklist.version == 1
    edited = replace(checklist, version=version, sha256="e" * 64)
    assert worksheet_warnings(worksheet, edited, worksheet.document.sha256) == [note]


def test_another_checklist_than_the_worksheet_was_made_with_is_named(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    other = replace(checklist, id="other-list", sha256="e" * 64)
    assert worksheet_warnings(worksheet, other, worksheet.document.sha256) == [
        "this worksheet was made with checklist 'review-test' (version 1), not 'other-list' "
        "(version 1); every answer is kept"
    ]

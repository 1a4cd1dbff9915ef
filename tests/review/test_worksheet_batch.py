"""Tests for stage ⑥'s change batches: changes applied in turn, the audit log put together once."""

from __future__ import annotations

from worksheet_fixtures import change

from factcheck.review.worksheet import Action, Worksheet, apply_change
from factcheck.review.worksheet_batch import ChangeBatch


def test_a_batch_leaves_what_applying_each_change_leaves(worksheet: Worksheet) -> None:
    batch = ChangeBatch(worksheet)
    one_by_one = worksheet
    for n in range(50):
        made = change(
            batch.current,
            "c1",
            Action.EVIDENCE,
            question="primary_source",
            new=f"https://e.example/{n}",
        )
        assert made.seq == worksheet.seq + n + 1  # the sequence goes on from the batch's state
        batch.apply([made])
        one_by_one = apply_change(one_by_one, made)
        # Only the last change is kept in the working copy's log: copying the whole log for
        # each change made 50,000 changes take minutes.
        assert batch.current.audit == (made,)
    skip = change(batch.current, "c2", Action.SKIP)
    batch.apply([skip])
    batch.apply([])
    one_by_one = apply_change(one_by_one, skip)
    assert batch.made == list(one_by_one.audit[len(worksheet.audit) :])
    assert batch.result() == one_by_one
    assert batch.current.entry("c2").skipped


def test_an_empty_batch_leaves_the_worksheet_as_it_was(worksheet: Worksheet) -> None:
    assert ChangeBatch(worksheet).result() == worksheet

"""Reading a worksheet for comparison without its audit log: the same answers, the same owner, and
every mistake outside the log still named with its file and line."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.checklist.load import Checklist
from factcheck.errors import WorksheetError
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet import journal_path
from factcheck.review.worksheet_skim import skim_worksheet


@pytest.fixture
def ana(team: dict[str, Path]) -> Path:
    return team["ana"]


def test_skimmed_worksheet_equals_the_full_read_but_for_the_audit(
    ana: Path, checklist: Checklist
) -> None:
    full = load_worksheet(ana, checklist)
    skimmed, counts = skim_worksheet(ana, checklist)
    assert full.audit
    assert skimmed.audit == ()
    assert skimmed == replace(full, audit=())
    assert counts == Counter(change.reviewer for change in full.audit)
    assert list(counts) == ["ana"]


def test_a_journal_beside_the_worksheet_means_a_full_read(ana: Path, checklist: Checklist) -> None:
    journal_path(ana).write_text("", encoding="utf-8")
    worksheet, counts = skim_worksheet(ana, checklist)
    assert counts is None
    assert worksheet == load_worksheet(ana, checklist)


def test_an_audit_line_not_as_written_means_a_full_read_with_its_line(
    ana: Path, checklist: Checklist
) -> None:
    lines = ana.read_text(encoding="utf-8").split("\n")
    at = lines.index("audit:") + 2
    lines[at] = lines[at].replace("seq: 2,", "seq: two,")
    ana.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        skim_worksheet(ana, checklist)
    assert str(caught.value).startswith(f"{ana}:{at + 1}:")
    assert "audit[1].seq" in str(caught.value)


def test_a_broken_claim_is_not_hidden_by_the_skipped_audit(ana: Path, checklist: Checklist) -> None:
    text = ana.read_text(encoding="utf-8")
    assert "\naudit:\n" in text
    broken = text.replace("\n  text: Officials said", "\n  text: [Officials said", 1)
    assert broken != text
    ana.write_text(broken, encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        skim_worksheet(ana, checklist)
    with pytest.raises(WorksheetError) as full:
        load_worksheet(ana, checklist)
    assert str(caught.value) == str(full.value)
    assert str(caught.value).startswith(f"{ana}:")


def test_a_missing_required_part_is_not_hidden_by_the_skipped_audit(
    ana: Path, checklist: Checklist
) -> None:
    text = ana.read_text(encoding="utf-8")
    assert text.startswith("format: factcheck-worksheet/1\n")
    ana.write_text(text.removeprefix("format: factcheck-worksheet/1\n"), encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        skim_worksheet(ana, checklist)
    with pytest.raises(WorksheetError) as full:
        load_worksheet(ana, checklist)
    assert str(caught.value) == str(full.value)
    assert str(caught.value).startswith(f"{ana}:1:")
    assert "format" in str(caught.value)

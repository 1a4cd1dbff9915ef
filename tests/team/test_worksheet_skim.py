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


ANA_SAYS = "- {seq: 13, at: '2024-03-03T10:00:00Z', reviewer: ana, claim: c3, action: skip}\n"


def split_audit(path: Path) -> tuple[str, str]:
    """The worksheet's text before its audit log (the tool writes it last), and the log."""
    text = path.read_text(encoding="utf-8")
    at = text.index("\naudit:\n") + 1
    return text[:at], text[at:]


def assert_skimmed(path: Path, checklist: Checklist) -> None:
    """The audit log was skipped, and the rest reads as the full read does."""
    full = load_worksheet(path, checklist)
    skimmed, counts = skim_worksheet(path, checklist)
    assert counts == Counter(change.reviewer for change in full.audit)
    assert skimmed == replace(full, audit=())


def assert_read_in_full(path: Path, checklist: Checklist) -> None:
    worksheet, counts = skim_worksheet(path, checklist)
    assert counts is None
    assert worksheet == load_worksheet(path, checklist)


def assert_same_error(path: Path, checklist: Checklist, line: int, says: str) -> None:
    with pytest.raises(WorksheetError) as caught:
        skim_worksheet(path, checklist)
    with pytest.raises(WorksheetError) as full:
        load_worksheet(path, checklist)
    assert str(caught.value) == str(full.value)
    assert str(caught.value) == f"{path}:{line}: {says}"


def test_a_log_followed_by_another_key_is_skipped_up_to_that_key(
    ana: Path, checklist: Checklist
) -> None:
    before, log = split_audit(ana)
    ana.write_text(before + log + "publication:\n  title: Evacuation\n", encoding="utf-8")
    assert_skimmed(ana, checklist)
    assert skim_worksheet(ana, checklist)[0].publication.title == "Evacuation"
    # Anywhere among the top-level keys, after a blank first line too.
    format_line, rest = before.split("\n", 1)
    ana.write_text(f"{format_line}\n{log}{rest}", encoding="utf-8")
    assert_skimmed(ana, checklist)
    ana.write_text(f"\n{log}{before}", encoding="utf-8")
    assert_skimmed(ana, checklist)


def test_a_log_that_ends_the_file_without_a_line_break_is_read_in_full(
    ana: Path, checklist: Checklist
) -> None:
    text = ana.read_text(encoding="utf-8")
    ana.write_text(text.removesuffix("\n"), encoding="utf-8")
    assert_read_in_full(ana, checklist)


def test_a_broken_last_audit_line_is_named_as_the_full_read_names_it(
    ana: Path, checklist: Checklist
) -> None:
    text = ana.read_text(encoding="utf-8")
    lines = text.count("\n")
    ana.write_text(text + "- junk", encoding="utf-8")
    assert_same_error(ana, checklist, lines + 1, "audit[12]: expected a mapping, got 'junk'")
    ana.write_text(text + "-  {seq: 13}\n", encoding="utf-8")
    with pytest.raises(WorksheetError, match=rf"^{ana}:{lines + 1}: audit\[12\]"):
        skim_worksheet(ana, checklist)


def test_an_empty_audit_key_is_refused_as_the_full_read_refuses_it(
    ana: Path, checklist: Checklist
) -> None:
    before, log = split_audit(ana)
    line = before.count("\n") + 1
    ana.write_text(before + "audit:\n", encoding="utf-8")
    # Counted in 'contents', the entries were lost: a file cut after the key.
    entries = log.count("\n") - 1
    assert_same_error(
        ana,
        checklist,
        3,
        f"contents.audit: expected {entries} audit entries, found 0: "
        "the worksheet is cut short; restore it from a copy",
    )
    before = before.replace(f"contents: {{segments: 0, audit: {entries}}}\n", "")
    line -= 1
    ana.write_text(before + "audit:\n", encoding="utf-8")
    assert_same_error(ana, checklist, line, "audit: expected a list, got nothing")
    ana.write_text(before + "audit:\npublication: {}\n", encoding="utf-8")
    assert_same_error(ana, checklist, line, "audit: expected a list, got nothing")


def test_a_second_audit_log_is_refused_as_the_full_read_refuses_it(
    ana: Path, checklist: Checklist
) -> None:
    before, log = split_audit(ana)
    lines = (before + log).count("\n")
    ana.write_text(before + log + "audit:\n" + ANA_SAYS, encoding="utf-8")
    assert_same_error(
        ana,
        checklist,
        lines + 1,
        f"duplicate key 'audit' (first at line {before.count(chr(10)) + 1})",
    )
    ana.write_text(log + before + "audit:\n" + ANA_SAYS, encoding="utf-8")
    assert_same_error(ana, checklist, lines + 1, "duplicate key 'audit' (first at line 1)")
    ana.write_text("\n" + log + before + "audit:\n" + ANA_SAYS, encoding="utf-8")
    assert_same_error(ana, checklist, lines + 2, "duplicate key 'audit' (first at line 2)")


def test_a_merged_worksheet_is_read_in_full(ana: Path, checklist: Checklist) -> None:
    before, log = split_audit(ana)
    merge = (
        "merge:\n  rule: majority\n  reviewers: [ana, ben]\n  worksheets: [a.yaml, b.yaml]\n"
        "  originals: 0\n"
    )
    ana.write_text(before + merge + log, encoding="utf-8")
    assert_read_in_full(ana, checklist)
    assert load_worksheet(ana, checklist).merge is not None


def test_answers_the_checklist_does_not_allow_are_named_as_the_full_read_names_them(
    ana: Path, checklist: Checklist
) -> None:
    text = ana.read_text(encoding="utf-8")
    line = text[: text.index("      value: '4'")].count("\n") + 1
    ana.write_text(text.replace("      value: '4'", "      value: '9'", 1), encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        skim_worksheet(ana, checklist)
    with pytest.raises(WorksheetError) as full:
        load_worksheet(ana, checklist)
    assert str(caught.value) == str(full.value)
    assert str(caught.value).startswith(f"{ana}:{line}: ")
    # Without the checklist, any text is an answer: the log is skipped all the same.
    skimmed, counts = skim_worksheet(ana)
    assert counts == Counter({"ana": 12})
    assert skimmed == replace(load_worksheet(ana), audit=())


def test_an_audit_log_cut_short_is_refused_as_the_full_read_refuses_it(
    ana: Path, checklist: Checklist
) -> None:
    # The skimmed log was only counted: a log that lost its last lines read as a shorter history.
    head, log = split_audit(ana)
    entries = log.splitlines(keepends=True)[1:]
    assert len(entries) > 1 and "\ncontents: {" in head
    ana.write_text(head + "audit:\n" + "".join(entries[:-1]), encoding="utf-8")
    assert_same_error(
        ana,
        checklist,
        3,
        f"contents.audit: expected {len(entries)} audit entries, found {len(entries) - 1}: "
        "the worksheet is cut short; restore it from a copy",
    )


def test_an_audit_count_lowered_by_hand_is_refused_as_the_full_read_refuses_it(
    ana: Path, checklist: Checklist
) -> None:
    # The skimmed log was only counted: a count lower than it holds switched the check off.
    head, log = split_audit(ana)
    entries = log.count("\n") - 1
    written = f"contents: {{segments: 0, audit: {entries}}}\n"
    assert written in head
    ana.write_text(head.replace(written, "contents: {segments: 0, audit: 1}\n") + log, "utf-8")
    assert_same_error(
        ana,
        checklist,
        3,
        f"contents.audit: says 1 audit entries, the file holds {entries}: "
        "correct the count or delete the contents line",
    )

"""Tests for stage ⑥'s journal and lock under hostile and unlucky conditions: planted symbolic
links, full disks, torn lines, and journals edited by hand."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import stat
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.checklist.load import Checklist
from factcheck.errors import JournalWarning, WorksheetError
from factcheck.files import write_atomic
from factcheck.review.journal import load_worksheet, open_session, read_journal
from factcheck.review.worksheet import (
    Action,
    Change,
    Worksheet,
    apply_change,
    apply_changes,
    journal_path,
    lock_path,
    make_change,
)
from factcheck.review.worksheet_batch import ChangeBatch
from factcheck.review.worksheet_yaml import change_record, dump_worksheet, parse_worksheet

FIXTURES = Path(__file__).parents[1] / "fixtures"
EVACUATION = FIXTURES / "review" / "evacuation.worksheet.yaml"
AT = "2024-03-02T09:05:00Z"


@pytest.fixture
def worksheet() -> Worksheet:
    return parse_worksheet(EVACUATION.read_text(encoding="utf-8"))


def skip(ws: Worksheet, claim: str) -> Change:
    return make_change(ws, claim, Action.SKIP, reviewer="ana", now=lambda: AT)


def line(change: Change) -> bytes:
    text = json.dumps(change_record(change), ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def evidence(after: int, urls: list[str], claim: str = "c1") -> list[Change]:
    """Changes adding URLS to the claim's primary_source, numbered from AFTER + 1."""
    return [
        Change(after + n, AT, "ana", claim, Action.EVIDENCE, "primary_source", None, url)
        for n, url in enumerate(urls, start=1)
    ]


def three_changes(ws: Worksheet) -> list[Change]:
    changes = []
    for claim in ("c1", "c2", "c3"):
        c = skip(ws, claim)
        ws = apply_change(ws, c)
        changes.append(c)
    return changes


def warned(caught: pytest.WarningsRecorder) -> list[str]:
    return [str(w.message) for w in caught]


def saved(tmp_path: Path, ws: Worksheet) -> Path:
    path = tmp_path / "w.worksheet.yaml"
    write_atomic(path, dump_worksheet(ws))
    return path


# --- planted symbolic links ---------------------------------------------------------------------


def test_a_worksheet_reviewed_through_links_is_the_file_they_point_to(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    shared = saved(tmp_path / "shared", worksheet)
    mine, theirs = tmp_path / "mine.worksheet.yaml", tmp_path / "theirs.worksheet.yaml"
    mine.symlink_to(shared)
    theirs.symlink_to(shared)
    with open_session(mine) as session:
        # One lock for every way to the file: a review through another link waits its turn.
        with pytest.raises(WorksheetError, match="already open in another review"):
            open_session(theirs)
        change = skip(worksheet, "c1")
        session.record(apply_change(worksheet, change), change)
        assert journal_path(mine) == journal_path(theirs) == journal_path(shared)
        assert journal_path(shared).parent == shared.parent
        # An answer given through one link is read through the other before it is saved.
        assert load_worksheet(theirs).claims[0].skipped
    assert mine.is_symlink() and theirs.is_symlink()
    assert parse_worksheet(shared.read_text(encoding="utf-8")).claims[0].skipped
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mine.worksheet.yaml",
        "shared",
        "theirs.worksheet.yaml",
    ]


def test_a_symbolic_link_at_the_lock_is_refused(tmp_path: Path, worksheet: Worksheet) -> None:
    path = saved(tmp_path, worksheet)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock_path(path).symlink_to(victim)
    with pytest.raises(WorksheetError) as info:
        open_session(path)
    assert str(info.value) == (
        f"{lock_path(path)}: cannot lock the worksheet: {lock_path(path)}: "
        "is a symbolic link; remove it and try again"
    )
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_symbolic_link_at_the_journal_is_refused(tmp_path: Path, worksheet: Worksheet) -> None:
    path = saved(tmp_path, worksheet)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    journal_path(path).symlink_to(victim)
    with pytest.raises(WorksheetError) as info:
        open_session(path)
    assert str(info.value) == (
        f"{journal_path(path)}: cannot read the journal: {journal_path(path)}: "
        "is a symbolic link; remove it and try again"
    )
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not lock_path(path).exists()  # the lock is given up again


def test_a_dangling_symbolic_link_at_the_journal_creates_nothing(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = saved(tmp_path, worksheet)
    target = tmp_path / "created-through-the-link"
    journal_path(path).symlink_to(target)
    with pytest.raises(WorksheetError, match="is a symbolic link"):
        load_worksheet(path)
    assert not target.exists()


# --- full disks -------------------------------------------------------------------------------


def test_a_short_write_to_the_journal_fails_loudly_and_leaves_it_clean(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    first = skip(worksheet, "c1")
    after_first = apply_change(worksheet, first)
    session.record(after_first, first)
    intact = journal_path(path).read_bytes()

    real_write = os.write
    calls = 0

    def disk_fills_up(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real_write(fd, bytes(data[:10]))  # part of the line fits
        raise OSError(errno.ENOSPC, "No space left on device")

    second = skip(after_first, "c2")
    monkeypatch.setattr(os, "write", disk_fills_up)
    with pytest.raises(WorksheetError) as info:
        session.record(apply_change(after_first, second), second)
    monkeypatch.undo()
    assert str(info.value) == (
        f"{journal_path(path)}: cannot save the answer: No space left on device; "
        "it was not recorded"
    )
    assert journal_path(path).read_bytes() == intact  # the torn part is cut off again
    assert session.worksheet == after_first  # the unsaved change does not count
    session.close(compact=False)
    assert load_worksheet(path) == after_first


def test_changes_saved_together_are_one_write_and_one_fsync(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An answers file's changes were each written and fsync'd on their own: 50,000 evidence
    # URLs took 50,000 fsyncs.
    import factcheck.review.journal as journal

    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    changes = [
        *three_changes(worksheet),
        *evidence(3, [f"https://e.example/{n}" for n in range(500)]),
    ]
    after = apply_changes(worksheet, changes)
    writes, syncs = [], []
    real_write, real_sync = os.write, journal._sync
    monkeypatch.setattr(os, "write", lambda fd, data: writes.append(fd) or real_write(fd, data))
    monkeypatch.setattr(journal, "_sync", lambda fd: syncs.append(fd) or real_sync(fd))
    session.record_all(after, changes)
    monkeypatch.undo()
    assert (len(writes), len(syncs)) == (1, 1)
    assert read_journal(journal_path(path))[0] == changes
    assert session.worksheet == after
    session.close(compact=False)
    assert load_worksheet(path) == after


def test_changes_saved_together_are_all_kept_or_none(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    real_write = os.write

    def disk_fills_up(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[:100]))  # the first line and part of the second fit
        raise OSError(errno.ENOSPC, "No space left on device")

    changes = three_changes(worksheet)
    monkeypatch.setattr(os, "write", disk_fills_up)
    with pytest.raises(WorksheetError) as info:
        session.record_all(apply_changes(worksheet, changes), changes)
    monkeypatch.undo()
    assert str(info.value) == (
        f"{journal_path(path)}: cannot save the 3 changes: No space left on device; "
        "they were not recorded"
    )
    assert journal_path(path).read_bytes() == b""
    assert session.worksheet == worksheet
    session.close(compact=False)
    assert load_worksheet(path) == worksheet


# --- torn and damaged journals -----------------------------------------------------------------


def test_a_torn_entry_glued_to_later_ones_loses_only_itself(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # An older version went on after a partial write: the next entry was appended to the torn
    # one on the same line. The entries after the torn one are kept.
    c1, c2, c3 = three_changes(worksheet)
    path = saved(tmp_path, worksheet)
    journal_path(path).write_bytes(line(c1) + line(c2)[:25] + line(c3))
    told = (
        f"{journal_path(path)}: change 2 was cut short by a failed write and is lost; "
        "the 1 change after it is kept"
    )
    with pytest.warns(JournalWarning) as caught:
        loaded = load_worksheet(path)
    assert warned(caught) == [told]
    assert [c.seq for c in loaded.audit] == [1, 3]
    assert [e.skipped for e in loaded.claims] == [True, False, True]
    with pytest.warns(JournalWarning) as caught:
        session = open_session(path)  # and the review goes on from there
    assert warned(caught) == [told]
    assert session.worksheet == loaded
    session.close()
    assert parse_worksheet(path.read_text(encoding="utf-8")) == loaded
    assert not journal_path(path).exists()  # compacted: nothing is left to warn about
    assert load_worksheet(path) == loaded


@pytest.mark.parametrize("kept", [7, 3, 1], ids=["head-and-seq", "no-seq", "one-byte"])
def test_an_entry_torn_before_its_number_loses_only_itself(
    tmp_path: Path, worksheet: Worksheet, kept: int
) -> None:
    # However little of the torn entry reached the disk, the entries after it are recovered.
    c1, c2, c3 = three_changes(worksheet)
    path = journal_of(tmp_path, worksheet, line(c1) + line(c2)[:kept] + line(c3))
    with pytest.warns(JournalWarning) as caught:
        loaded = load_worksheet(path)
    assert warned(caught) == [
        f"{journal_path(path)}: change 2 was cut short by a failed write and is lost; "
        "the 1 change after it is kept"
    ]
    assert [c.seq for c in loaded.audit] == [1, 3]


def test_entries_torn_one_after_the_other_are_named_together(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    ws = worksheet
    changes = []
    for claim, action in [("c1", Action.SKIP), ("c2", Action.SKIP), ("c3", Action.SKIP),
                          ("c1", Action.UNSKIP), ("c2", Action.UNSKIP)]:  # fmt: skip
        changes.append(make_change(ws, claim, action, reviewer="ana", now=lambda: AT))
        ws = apply_change(ws, changes[-1])
    c1, c2, c3, c4, c5 = (line(c) for c in changes)
    path = journal_of(tmp_path, worksheet, c1 + c2[:30] + c3[:9] + c4, c5)
    with pytest.warns(JournalWarning) as caught:
        loaded = load_worksheet(path)
    assert warned(caught) == [
        f"{journal_path(path)}: changes 2, 3 were cut short by a failed write and are lost; "
        "the 2 changes after them are kept"
    ]
    assert [c.seq for c in loaded.audit] == [1, 4, 5]
    assert [e.skipped for e in loaded.claims] == [False, False, False]


def test_a_torn_entry_already_saved_in_the_worksheet_is_not_reported_lost(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # The review went on after the failed write and saved the whole worksheet, change 2 included,
    # but stopped before the journal was emptied.
    c1, c2, c3 = three_changes(worksheet)
    compacted = apply_change(apply_change(apply_change(worksheet, c1), c2), c3)
    path = journal_of(tmp_path, compacted, line(c1) + line(c2)[:25] + line(c3))
    assert load_worksheet(path) == compacted  # and no warning: nothing was lost


def test_a_complete_last_line_without_its_newline_is_not_applied(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    c1, c2, _ = three_changes(worksheet)
    path = saved(tmp_path, worksheet)
    journal_path(path).write_bytes(line(c1) + line(c2).rstrip(b"\n"))
    told = (
        f"{journal_path(path)}: the last entry (change 2) was cut short by an interrupted write "
        "and is left out"
    )
    with pytest.warns(JournalWarning) as caught:
        assert [c.seq for c in load_worksheet(path).audit] == [1]
    assert warned(caught) == [told]
    assert read_journal(journal_path(path)) == ([c1], len(line(c1)))
    with pytest.warns(JournalWarning) as caught:
        open_session(path).close(compact=False)
    assert warned(caught) == [told]
    assert journal_path(path).read_bytes() == line(c1)
    assert [c.seq for c in load_worksheet(path).audit] == [1]  # cut off: told once


def test_blank_lines_count_in_the_intact_length(tmp_path: Path, worksheet: Worksheet) -> None:
    c1, c2, c3 = three_changes(worksheet)
    path = saved(tmp_path, worksheet)
    kept = line(c1) + b"\n  \n" + line(c2)
    journal_path(path).write_bytes(kept + line(c3)[:12])
    assert read_journal(journal_path(path)) == ([c1, c2], len(kept))
    with pytest.warns(JournalWarning, match=r"the last entry \(change 3\) was cut short"):
        session = open_session(path)
    assert journal_path(path).read_bytes() == kept  # cut after c2, never inside it
    assert [c.seq for c in session.worksheet.audit] == [1, 2]
    session.close(compact=False)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"seq": 0}, "seq: expected a positive integer"),
        ({"seq": True}, "seq: expected a positive integer"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"action": "delete"}, "'delete' is not a valid Action"),
        ({"prefill": "yes"}, "prefill: expected true or false"),
    ],
)
def test_a_hand_edited_journal_line_is_refused(
    tmp_path: Path, worksheet: Worksheet, entry: dict[str, object], problem: str
) -> None:
    c1, c2, _ = three_changes(worksheet)
    path = saved(tmp_path, worksheet)
    edited = {**change_record(c1), **entry}
    journal_path(path).write_bytes(json.dumps(edited).encode() + b"\n" + line(c2))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == f"{journal_path(path)}:1: damaged journal entry ({problem})"


def test_a_change_for_a_claim_past_the_end_is_a_worksheet_error(worksheet: Worksheet) -> None:
    three = replace(worksheet, claims=worksheet.claims[:3])
    assert three.position("c3") == 2
    with pytest.raises(WorksheetError, match="no claim 'c4' in the worksheet"):
        three.position("c4")
    with pytest.raises(WorksheetError, match="no claim 'c0' in the worksheet"):
        three.position("c0")
    with pytest.raises(WorksheetError, match="no claim 'c4'"):
        apply_change(three, replace(skip(three, "c1"), claim="c4"))


# --- what a journal holds, and how a damaged one is reported --------------------------------------


def journal_of(tmp_path: Path, worksheet: Worksheet, *lines: bytes) -> Path:
    path = saved(tmp_path, worksheet)
    journal_path(path).write_bytes(b"".join(lines))
    return path


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (b"[1, 2]", "not an object"),
        (b'{"seq":1,"at":5,"reviewer":"ana","claim":"c1","action":"skip"}',
         "at: expected a string"),
        (b'{"seq":1,"reviewer":"ana","claim":"c1","action":"skip"}', "missing 'at'"),
        (b'{"seq":1,"at":"x","reviewer":"ana","claim":"c1","action":"skip","extra":1}',
         "unknown key 'extra'"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)  # fmt: skip
def test_a_damaged_journal_entry_is_named_with_its_problem(
    tmp_path: Path, worksheet: Worksheet, entry: bytes, problem: str
) -> None:
    path = journal_of(tmp_path, worksheet, entry + b"\n")
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == f"{journal_path(path)}:1: damaged journal entry ({problem})"


def test_a_line_of_two_whole_entries_is_damaged(tmp_path: Path, worksheet: Worksheet) -> None:
    first, second = three_changes(worksheet)[:2]
    glued = line(first).rstrip(b"\n") + line(second)
    path = journal_of(tmp_path, worksheet, glued)
    with pytest.raises(WorksheetError, match=r":1: damaged journal entry"):
        load_worksheet(path)


def test_a_torn_entry_on_a_line_of_its_own_is_damaged(tmp_path: Path, worksheet: Worksheet) -> None:
    first, second, _ = three_changes(worksheet)
    torn = line(first)[:25] + b"\n"
    path = journal_of(tmp_path, worksheet, torn, line(second))
    with pytest.raises(WorksheetError, match=r":1: damaged journal entry"):
        load_worksheet(path)


def test_a_missing_journal_holds_nothing(tmp_path: Path) -> None:
    assert read_journal(tmp_path / "none.worksheet.journal") == ([], 0)


def test_reasons_prefills_and_other_scripts_survive_the_journal(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = saved(tmp_path, worksheet)
    override = make_change(
        worksheet, "c1", Action.OVERRIDE, reviewer="ana", new="disputed",
        reason="Ωmega: the minutes say otherwise", now=lambda: AT,
    )  # fmt: skip
    with open_session(path) as session:
        session.record(apply_change(worksheet, override), override)
        raw = journal_path(path).read_bytes()
        # One line per change, written as UTF-8 text rather than \u escapes.
        assert raw.count(b"\n") == 1 and "Ωmega".encode() in raw
        assert read_journal(journal_path(path))[0] == [override]
        session.close(compact=False)
    overridden = load_worksheet(path).entry("c1").override
    assert overridden is not None
    assert (overridden.verdict, overridden.reason) == (
        "disputed",
        "Ωmega: the minutes say otherwise",
    )


def test_changes_already_in_the_worksheet_are_passed_over_and_the_rest_replayed(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    changes = three_changes(worksheet)
    compacted = apply_change(apply_change(worksheet, changes[0]), changes[1])
    path = journal_of(tmp_path, compacted, *(line(c) for c in changes))
    assert load_worksheet(path).seq == 3
    assert load_worksheet(path).entry("c3").skipped


def test_a_hand_edit_that_a_journal_entry_replaces_is_named(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # A review was killed with answers only in the journal; then the YAML was edited (by hand,
    # or by a teammate's commit) before the review resumed. The journal's answer wins, but the
    # value it replaces is named rather than lost without a word.
    recorded = make_change(
        worksheet, "c1", Action.ANSWER, reviewer="ana", question="primary_source", new="yes",
        now=lambda: AT,
    )  # fmt: skip
    edited = make_change(
        worksheet, "c1", Action.ANSWER, reviewer="bo", question="primary_source", new="no",
        now=lambda: AT,
    )  # fmt: skip
    by_hand = replace(apply_change(worksheet, edited), audit=worksheet.audit)
    path = journal_of(tmp_path, by_hand, line(recorded))
    with pytest.warns(JournalWarning) as caught:
        replayed = load_worksheet(path)
    assert replayed.entry("c1").answers["primary_source"].value == "yes"
    assert warned(caught) == [
        f"{journal_path(path)}: the worksheet was edited after this journal was written: "
        "change 1 sets c1.primary_source to 'yes' where the file has 'no'"
    ]


def test_an_entry_cut_short_and_then_written_whole_replays_once(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    first, second, _ = three_changes(worksheet)
    torn_then_whole = line(second)[:30] + line(second)
    path = journal_of(tmp_path, worksheet, line(first), torn_then_whole)
    replayed = load_worksheet(path)
    assert replayed.seq == 2
    assert replayed.entry("c2").skipped


def test_a_journal_that_jumps_belongs_to_another_worksheet(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    _, _, third = three_changes(worksheet)
    path = journal_of(tmp_path, worksheet, line(third))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == (
        f"{journal_path(path)}: journal jumps from change 0 to 3; "
        "it does not belong to this worksheet"
    )


def test_a_change_that_cannot_apply_names_the_journal_and_the_change(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    bad = Change(1, AT, "ana", "c99", Action.SKIP)
    path = journal_of(tmp_path, worksheet, line(bad))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value).startswith(f"{journal_path(path)}: change 1: ")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            Change(1, AT, "ana", "c1", Action.EVIDENCE, "primary_source", None, "javascript:x"),
            "evidence needs an http(s) URL, got 'javascript:x'",
        ),
        (
            Change(1, AT, "ana", "c1", Action.OVERRIDE, None, None, "false"),
            "an override needs a reason",
        ),
    ],
)  # fmt: skip
def test_a_journal_change_the_worksheet_file_could_not_hold_is_refused(
    tmp_path: Path, worksheet: Worksheet, change: Change, problem: str
) -> None:
    # Replayed, saved into the YAML by the next review, it made a worksheet no command could
    # read again ("expected an http(s) URL", "an override needs a reason").
    path = journal_of(tmp_path, worksheet, line(change))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == f"{journal_path(path)}: change 1: {problem}"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            Change(1, AT, "ana", "c1", Action.ANSWER, "primary_source", None, "maybe"),
            "c1.primary_source: expected one of yes, no, unclear, got 'maybe'",
        ),
        (
            Change(1, AT, "ana", "c1", Action.OVERRIDE, None, None, "true-ish", "seen"),
            "c1.override: expected one of supported, unproven, disputed, got 'true-ish'",
        ),
    ],
)
def test_a_journal_change_off_the_worksheet_s_checklist_is_refused(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist, change: Change, problem: str
) -> None:
    # The worksheet file is read against the checklist it was made with, the journal was not:
    # an answer it does not have, saved by the next review, made a worksheet no command read.
    path = journal_of(tmp_path, worksheet, line(change))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path, checklist)
    assert str(info.value) == f"{journal_path(path)}: {problem}"
    assert load_worksheet(path).entry("c1") != worksheet.entry("c1")  # read without a checklist


def test_a_long_run_of_evidence_replays_as_it_was_applied(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each entry copied the answer's evidence and the audit log: a journal of 50,000 evidence
    # URLs took minutes to open.
    first, second = three_changes(worksheet)[:2]
    urls = [f"https://e.example/{n}" for n in range(2000)]
    changes = [
        first,
        *evidence(1, urls[:1500]),
        *evidence(1501, urls[1500:], claim="c2"),
        replace(second, seq=2002),
        *evidence(2002, urls[:10]),  # already there: added again, as the journal says
    ]
    path = journal_of(tmp_path, worksheet, *map(line, changes))
    expected = worksheet
    for change in changes:
        expected = apply_change(expected, change)
    runs: list[int] = []
    real_apply = ChangeBatch.apply

    def counted(batch: ChangeBatch, run: Sequence[Change]) -> None:
        runs.append(len(run))
        real_apply(batch, run)

    monkeypatch.setattr(ChangeBatch, "apply", counted)
    loaded = load_worksheet(path)
    assert loaded == expected
    assert loaded.entry("c1").answers["primary_source"].evidence == (*urls[:1500], *urls[:10])
    assert [n for n in runs if n] == [1, 1500, 500, 1, 10]  # each run of evidence at once


def test_bad_evidence_in_a_run_names_its_own_change(tmp_path: Path, worksheet: Worksheet) -> None:
    changes = evidence(0, ["https://e.example/1", "https://e.example/2", "javascript:x"])
    changes += evidence(3, ["https://e.example/4"])
    path = journal_of(tmp_path, worksheet, *map(line, changes))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == (
        f"{journal_path(path)}: change 3: evidence needs an http(s) URL, got 'javascript:x'"
    )


def test_a_change_that_cannot_apply_is_named_once(tmp_path: Path, worksheet: Worksheet) -> None:
    # The change's number came twice: "change 1: change 1: answer needs a question".
    bad = Change(1, AT, "ana", "c1", Action.ANSWER, None, None, "yes")
    path = journal_of(tmp_path, worksheet, line(bad))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == f"{journal_path(path)}: change 1: answer needs a question"


def test_recording_after_the_session_closed_is_refused(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = saved(tmp_path, worksheet)
    session = open_session(path)
    session.close()
    change = skip(worksheet, "c1")
    with pytest.raises(WorksheetError) as info:
        session.record(apply_change(worksheet, change), change)
    assert str(info.value) == f"{path}: the review session is closed"


def test_the_lock_names_who_holds_it(tmp_path: Path, worksheet: Worksheet) -> None:
    path = saved(tmp_path, worksheet)
    with open_session(path):
        with pytest.raises(WorksheetError) as info:
            open_session(path)
        holder = f"pid {os.getpid()} on {socket.gethostname()}"
        assert str(info.value) == (
            f"{path} is already open in another review ({holder}); finish or quit that review first"
        )
    # Released: the lock file is gone and the worksheet opens again.
    assert not lock_path(path).exists()
    open_session(path).close()


def test_a_lock_held_without_a_note_names_another_process(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = saved(tmp_path, worksheet)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(
            WorksheetError, match=r"already open in another review \(another process\)"
        ):
            open_session(path)
    finally:
        os.close(fd)


def test_files_of_a_review_are_readable_by_others_and_writable_by_the_owner(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    previous = os.umask(0o022)
    try:
        path = saved(tmp_path, worksheet)
        with open_session(path) as session:
            change = skip(worksheet, "c1")
            session.record(apply_change(worksheet, change), change)
            modes = {
                name: stat.S_IMODE(p.stat().st_mode)
                for name, p in (("lock", lock_path(path)), ("journal", journal_path(path)))
            }
            session.close(compact=True)
        modes["worksheet"] = stat.S_IMODE(path.stat().st_mode)
    finally:
        os.umask(previous)
    assert modes == {"lock": 0o644, "journal": 0o644, "worksheet": 0o644}


# --- the operating system refusing ----------------------------------------------------------------


def eio(*_: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_a_folder_where_the_journal_should_be_is_one_error(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = saved(tmp_path, worksheet)
    journal_path(path).mkdir()
    message = f"{journal_path(path)}: cannot read the journal: Is a directory"
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    assert str(caught.value) == message
    with pytest.raises(WorksheetError) as caught:
        open_session(path)
    assert str(caught.value) == message
    open_session(tmp_path / "other.worksheet.yaml", new=worksheet).close()  # the lock was freed


def test_a_journal_that_cannot_be_opened_for_writing_is_one_error(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.review.journal as journal

    path = saved(tmp_path, worksheet)
    real_open = journal.open_nofollow

    refused = os.O_WRONLY  # first the repair of a torn tail, then appending

    def refuse_writing(where: Path, flags: int, mode: int = 0o644) -> int:
        if where == journal_path(path) and flags & refused == refused:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(where, flags, mode)

    monkeypatch.setattr(journal, "open_nofollow", refuse_writing)
    journal_path(path).write_bytes(line(skip(worksheet, "c1"))[:9])  # a torn tail to cut
    with pytest.raises(WorksheetError) as caught, pytest.warns(JournalWarning):
        open_session(path)
    assert str(caught.value) == f"{journal_path(path)}: cannot open the journal: Permission denied"
    journal_path(path).unlink()
    refused = os.O_WRONLY | os.O_APPEND
    with pytest.raises(WorksheetError) as caught:
        open_session(path)
    assert str(caught.value) == f"{journal_path(path)}: cannot open the journal: Permission denied"
    assert not lock_path(path).exists()


def test_a_torn_tail_that_cannot_be_cut_is_one_error(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, _ = three_changes(worksheet)
    path = journal_of(tmp_path, worksheet, line(first), line(second)[:9])
    real_truncate = os.ftruncate

    def cut_fails(fd: int, length: int) -> None:
        if length:  # the lock is emptied, not cut
            eio()
        real_truncate(fd, length)

    monkeypatch.setattr(os, "ftruncate", cut_fails)
    with pytest.raises(WorksheetError) as caught, pytest.warns(JournalWarning):
        open_session(path)
    assert (
        str(caught.value) == f"{journal_path(path)}: cannot repair the journal: Input/output error"
    )


def test_an_answer_that_cannot_be_saved_says_why(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    first = skip(worksheet, "c1")
    monkeypatch.setattr(os, "fstat", eio)
    with pytest.raises(WorksheetError) as caught:
        session.record(apply_change(worksheet, first), first)
    assert str(caught.value) == f"{journal_path(path)}: cannot save the answer: Input/output error"
    monkeypatch.undo()
    assert session.worksheet == worksheet
    # A failed write whose undoing fails too still stops the review with the same kind of error.
    monkeypatch.setattr(os, "write", eio)
    monkeypatch.setattr(os, "ftruncate", eio)
    with pytest.raises(WorksheetError) as caught:
        session.record(apply_change(worksheet, first), first)
    assert str(caught.value) == (
        f"{journal_path(path)}: cannot save the answer: Input/output error; it was not recorded"
    )
    monkeypatch.undo()
    session.close(compact=False)


def test_a_journal_that_cannot_be_emptied_after_saving_says_why(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    first = skip(worksheet, "c1")
    session.record(apply_change(worksheet, first), first)
    monkeypatch.setattr(os, "ftruncate", eio)
    with pytest.raises(WorksheetError) as caught:
        session.compact()
    assert (
        str(caught.value) == f"{journal_path(path)}: cannot reset the journal: Input/output error"
    )
    monkeypatch.undo()
    session.close(compact=False)
    assert load_worksheet(path) == apply_change(worksheet, first)  # saved, and replayed once


def test_closing_after_the_journal_was_deleted_still_saves(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    first = skip(worksheet, "c1")
    session.record(apply_change(worksheet, first), first)
    journal_path(path).unlink()
    session.close()
    assert load_worksheet(path) == apply_change(worksheet, first)
    assert not lock_path(path).exists()


def test_a_suggestion_taken_is_remembered_through_the_journal(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    taken = make_change(
        worksheet, "c1", Action.ANSWER, reviewer="ana", question="primary_source", new="yes",
        prefill=True, now=lambda: AT,
    )  # fmt: skip
    with open_session(path, new=worksheet) as session:
        session.record(apply_change(worksheet, taken), taken)
        session.close(compact=False)
    assert load_worksheet(path).entry("c1").answers["primary_source"].prefill_accepted is True


def test_errors_on_opening_name_the_file_at_fault(tmp_path: Path, worksheet: Worksheet) -> None:
    path = saved(tmp_path, worksheet)
    path.write_text(path.read_text(encoding="utf-8").replace("claims:", "claimz:", 1))
    with pytest.raises(WorksheetError, match=rf"^{path}:\d+: "):
        open_session(path)
    path = journal_of(tmp_path, worksheet, line(three_changes(worksheet)[2]))
    with pytest.raises(WorksheetError) as caught:
        open_session(path)
    assert str(caught.value) == (
        f"{journal_path(path)}: journal jumps from change 0 to 3; "
        "it does not belong to this worksheet"
    )


def test_a_torn_tail_without_its_number_and_a_torn_entry_are_told_together(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    c1, c2, c3 = three_changes(worksheet)
    path = journal_of(tmp_path, worksheet, line(c1) + line(c2)[:20] + line(c3), b'{"s')
    with pytest.warns(JournalWarning) as caught:
        assert [c.seq for c in load_worksheet(path).audit] == [1, 3]
    assert warned(caught) == [
        f"{journal_path(path)}: change 2 was cut short by a failed write and is lost; "
        "the 1 change after it is kept; "
        "the last entry was cut short by an interrupted write and is left out"
    ]


def test_a_line_that_starts_with_anything_but_an_entry_is_damaged(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    c1 = three_changes(worksheet)[0]
    path = journal_of(tmp_path, worksheet, b"garbage" + line(c1))
    with pytest.raises(WorksheetError, match=r":1: damaged journal entry"):
        load_worksheet(path)


def test_a_lock_is_released_once_and_only_by_its_holder(tmp_path: Path) -> None:
    from factcheck.review.journal import WorksheetLock

    path = tmp_path / "w.worksheet.yaml"
    holder = WorksheetLock(path)
    holder.acquire()
    WorksheetLock(path).release()  # never taken: the holder's lock file stays
    assert lock_path(path).exists()
    lock_path(path).unlink()  # removed by hand while held
    holder.release()
    holder.release()
    with WorksheetLock(path):
        assert lock_path(path).exists()
    assert not lock_path(path).exists()


def test_replaying_a_journal_that_jumps_names_it(worksheet: Worksheet) -> None:
    from factcheck.review.journal import replay_journal

    third = three_changes(worksheet)[2]
    with pytest.raises(WorksheetError) as caught:
        replay_journal(worksheet, [third], Path("w.worksheet.journal"))
    assert str(caught.value) == (
        "w.worksheet.journal: journal jumps from change 0 to 3; "
        "it does not belong to this worksheet"
    )


def test_a_lock_file_that_vanishes_while_being_taken_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.review.journal import WorksheetLock

    path = tmp_path / "w.worksheet.yaml"
    real_stat = os.stat
    vanished = []
    held = lock_path(path)

    def previous_holder_cleans_up(where: object, **kw: object) -> os.stat_result:
        if where == held and not vanished:
            vanished.append(where)
            held.unlink()  # between our open and our flock
        return real_stat(where, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", previous_holder_cleans_up)
    lock = WorksheetLock(path)
    lock.acquire()
    monkeypatch.undo()
    assert vanished and lock_path(path).exists()  # the lock held is the one on disk
    with pytest.raises(WorksheetError, match="already open in another review"):
        WorksheetLock(path).acquire()
    lock.release()


def test_a_lock_that_cannot_be_written_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.review.journal import WorksheetLock

    path = tmp_path / "w.worksheet.yaml"
    monkeypatch.setattr(os, "ftruncate", eio)
    with pytest.raises(WorksheetError) as caught:
        WorksheetLock(path).acquire()
    assert str(caught.value) == f"{lock_path(path)}: cannot lock the worksheet: Input/output error"
    monkeypatch.undo()
    with WorksheetLock(path):  # nothing was left holding it
        pass


def test_discard_removes_only_a_worksheet_made_by_the_session_with_nothing_recorded(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = tmp_path / "new.worksheet.yaml"
    session = open_session(path, new=worksheet)
    assert session.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == []

    session = open_session(path, new=worksheet)
    change = skip(worksheet, "c1")
    session.record(apply_change(worksheet, change), change)
    assert not session.discard()  # an answer is in it: it is kept
    session.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.worksheet.yaml"]

    session = open_session(path)  # opened, not made, by this session
    assert not session.discard()
    session.close()
    assert load_worksheet(path).entry("c1").skipped


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_ctrl_c_while_a_change_is_written_keeps_the_change(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # Ctrl-C right after the keystroke: the change was in the journal, but closing the session
    # saved the worksheet without it and emptied the journal, so it was lost.
    import factcheck.review.journal as journal

    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    change = skip(worksheet, "c1")
    real_write, real_sync = os.write, journal._sync

    def interrupted_write(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[:7]))  # part of the line is out
        raise KeyboardInterrupt

    def interrupted_sync(fd: int) -> None:
        real_sync(fd)
        raise KeyboardInterrupt  # as the signal handler raises it once fsync returns

    if where == "write":
        monkeypatch.setattr(os, "write", interrupted_write)
    else:
        monkeypatch.setattr(journal, "_sync", interrupted_sync)
    with pytest.raises(KeyboardInterrupt):
        session.record(apply_change(worksheet, change), change)
    monkeypatch.undo()
    assert not session.discard()  # a change is in it: the new worksheet is kept
    session.close()
    assert load_worksheet(path).entry("c1").skipped
    assert not journal_path(path).exists()

"""Tests for the shared file machinery: the atomic writer, safe opening and slugs."""

from __future__ import annotations

import errno
import itertools
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from inprocess import within

from factcheck import files
from factcheck.errors import SourcesError, WorksheetError
from factcheck.files import LinkRefused, slugify, write_atomic, write_output
from factcheck.review.journal import save_worksheet
from factcheck.review.worksheet_yaml import parse_worksheet
from factcheck.sources.registry import add_entry, entry_fields

FIXTURES = Path(__file__).parent / "fixtures"
EVACUATION = FIXTURES / "review" / "evacuation.worksheet.yaml"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_replaces_the_whole_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    write_atomic(path, "a long first version\n")
    write_atomic(path, "short\n")
    assert path.read_bytes() == b"short\n"
    assert names(tmp_path) == ["a.txt"]


def test_write_atomic_writes_pieces_as_they_come(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    write_atomic(path, "old\n")
    pieces = ("é" * 700_000 for _ in range(3))  # more than one chunk of about a megabyte
    write_atomic(path, pieces)
    assert path.read_text(encoding="utf-8") == "é" * 2_100_000
    assert names(tmp_path) == ["a.txt"]

    def failing() -> Iterator[str]:
        yield "half of a new version"
        raise ValueError("cannot make the rest")

    with pytest.raises(ValueError, match="cannot make the rest"):
        write_atomic(path, failing())
    assert path.read_text(encoding="utf-8") == "é" * 2_100_000  # the old version, whole
    assert names(tmp_path) == ["a.txt"]


def test_a_stale_temporary_file_is_never_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer killed earlier left its temporary file, longer than the new content, at the name
    # the next write would pick: its bytes must not reach the target.
    monkeypatch.setattr(files, "_TEMP_COUNTER", itertools.count(7))
    stale = tmp_path / f".a.txt.{os.getpid()}-7.tmp"
    stale.write_text("stale content of a killed writer, much longer\n", encoding="utf-8")
    write_atomic(tmp_path / "a.txt", "new\n")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "new\n"
    assert stale.read_text(encoding="utf-8").startswith("stale content")


def test_a_symbolic_link_at_the_temporary_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    monkeypatch.setattr(files, "_TEMP_COUNTER", itertools.count(3))
    link = tmp_path / f".a.txt.{os.getpid()}-3.tmp"
    link.symlink_to(victim)
    with pytest.raises(LinkRefused) as info:
        write_atomic(tmp_path / "a.txt", "new\n")
    assert info.value.filename == str(link)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "a.txt").exists()


@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    path = tmp_path / "a.txt"
    write_atomic(path, "old\n")

    def broken(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, stage, broken)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomic(path, "new content\n")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["a.txt"]


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def one_byte_at_a_time(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:1]))

    monkeypatch.setattr(os, "write", one_byte_at_a_time)
    write_atomic(tmp_path / "a.txt", "whole\n")
    monkeypatch.undo()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "whole\n"


def test_an_interrupt_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    write_atomic(path, "old\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new\n")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["a.txt"]


def test_the_worksheet_writer_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worksheet = parse_worksheet(EVACUATION.read_text(encoding="utf-8"))
    path = tmp_path / "w.worksheet.yaml"
    path.write_text("old\n", encoding="utf-8")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_worksheet(path, worksheet)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["w.worksheet.yaml"]
    save_worksheet(path, worksheet)
    assert parse_worksheet(path.read_text(encoding="utf-8")) == worksheet


def test_a_permission_error_on_save_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worksheet = parse_worksheet(EVACUATION.read_text(encoding="utf-8"))
    real_open = os.open

    def denied(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    path = tmp_path / "w.worksheet.yaml"
    with pytest.raises(WorksheetError) as info:
        save_worksheet(path, worksheet)
    assert str(info.value) == f"{path}: cannot save: Permission denied"


def test_registry_add_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "mine.yaml"
    old = (
        "# my outlets\nentries:\n  - id: first\n    name: First Outlet\n    kind: other\n"
        "    citations:\n      kind: https://example.org/first\n"
    )
    target.write_text(old, encoding="utf-8")
    fields = entry_fields(
        source_id="second",
        name="Second Outlet",
        kind="other",
        citation="https://example.org/second",
    )

    def broken(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(SourcesError) as info:
        add_entry(fields, target=target)
    monkeypatch.undo()
    assert str(info.value) == f"{target}: cannot save: Input/output error"
    assert target.read_text(encoding="utf-8") == old
    assert names(tmp_path) == ["mine.yaml"]
    add_entry(fields, target=target)
    assert target.read_text(encoding="utf-8").startswith(old)
    assert "- id: second\n" in target.read_text(encoding="utf-8")


def test_a_file_in_place_of_the_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("", encoding="utf-8")
    with pytest.raises(OSError) as info:
        write_atomic(tmp_path / "reports" / "sub" / "a.md", "x")
    assert files.describe_os_error(info.value) == f"{tmp_path / 'reports'}: is a file, not a folder"


# --- slugs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("新闻", "新闻"),
        ("статья-日本", "статья-日本"),
        ("Ελληνικά νέα", "ελληνικά-νέα"),
        ("समाचार पत्र", "समाचार-पत्र"),
        (".", "worksheet"),
        ("Ça va?", "ca-va"),
    ],
)
def test_slugs_keep_letters_of_every_script(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slug_length_limit_is_sixty_characters() -> None:
    exact = "-".join(["abcde"] * 10)  # 59 characters
    assert len(exact + "x") == 60
    assert slugify(exact + "x") == exact + "x"  # exactly at the limit: kept whole
    assert slugify(exact + "x-more") == exact + "x"  # a word ends exactly at the limit
    assert slugify(exact + "xy") == "-".join(["abcde"] * 9)  # one over: the last word goes
    assert slugify("a" * 60) == "a" * 60
    assert slugify("a" * 61) == "a" * 60


def test_registry_ids_stay_ascii() -> None:
    assert slugify("Straße Zeitung", None, "", ascii_only=True) == "strae-zeitung"
    assert slugify("新闻", None, "", ascii_only=True) == ""


def test_a_write_that_makes_no_progress_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(OSError) as info:
        write_atomic(path, "new\n")
    monkeypatch.undo()
    assert (info.value.errno, info.value.strerror) == (errno.ENOSPC, "no space left on the device")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert names(tmp_path) == ["a.txt"]


def test_bytes_are_written_as_they_are_and_text_as_utf8(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.bin", b"\xff\x00raw")
    assert (tmp_path / "a.bin").read_bytes() == b"\xff\x00raw"
    write_atomic(tmp_path / "a.txt", "Straße ✓\n")
    assert (tmp_path / "a.txt").read_bytes() == "Straße ✓\n".encode()


def test_written_files_are_readable_by_others_and_writable_by_the_owner(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "x\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_an_output_that_is_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/stdout` or a named pipe: replacing the node would swap a device for a file.
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    within(60, lambda: write_output(fifo, ["one\n", "two\n"]))
    reader.join(timeout=10)
    assert received == [b"one\ntwo\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert names(tmp_path) == ["pipe"]


def test_an_output_behind_a_symbolic_link_replaces_the_file_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    target = tmp_path / "published" / "report.md"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    write_output(link, "new\n")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"


def test_an_output_to_a_regular_file_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "out" / "report.md"
    write_output(path, "whole\n")
    assert path.read_text(encoding="utf-8") == "whole\n"
    assert names(path.parent) == ["report.md"]


def test_missing_folders_are_created_on_the_way(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "b" / "c.txt", "x\n")
    assert (tmp_path / "a" / "b" / "c.txt").read_text(encoding="utf-8") == "x\n"


def test_a_symbolic_link_and_a_file_in_the_way_carry_their_error_numbers(tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(LinkRefused) as refused:
        files.open_nofollow(link, os.O_WRONLY | os.O_CREAT)
    assert refused.value.errno == errno.ELOOP
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(files.NotAFolder) as in_the_way:
        files.ensure_folder(blocker / "sub")
    assert (in_the_way.value.errno, in_the_way.value.filename) == (errno.ENOTDIR, str(blocker))


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("--Story--.txt", "story-txt"),
        ("what?now", "what-now"),
        ("статья—日本", "статья-日本"),
        ("«新闻»", "新闻"),
        ("Été", "ete"),
    ],
)
def test_anything_but_letters_and_digits_separates_words(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_a_word_ending_just_past_the_limit_is_dropped_whole() -> None:
    nine = "-".join(["abcde"] * 9)  # 53 characters
    over = nine + "-abcdefg"  # the tenth word ends at 61 characters
    assert slugify(over + "-more") == nine
    assert slugify(over) == nine


def test_read_limited_counts_what_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "ten.txt"
    path.write_bytes(b"0123456789")
    assert files.read_limited(path, 10) == b"0123456789"
    with pytest.raises(files.TooLarge) as caught:
        files.read_limited(path, 9)
    assert (caught.value.filename, caught.value.strerror) == (str(path), "larger than 9 bytes")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_limited_stops_an_endless_device() -> None:
    # /dev/zero says its size is 0 and never ends: asking its size first would read forever.
    with pytest.raises(files.TooLarge) as caught:
        within(60, lambda: files.read_limited(Path("/dev/zero"), 1000))
    assert str(caught.value) == "[Errno 27] larger than 1,000 bytes: '/dev/zero'"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_nobody_writes_to_is_an_error_after_a_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # open() of a named pipe waits for a writer: with none, every reader waited for ever.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setattr(files, "PIPE_WAIT", 0.2)

    def read() -> str:
        with pytest.raises(files.NothingWritten) as caught:
            files.read_limited(fifo, 1000)
        return str(caught.value)

    assert within(20, read) == (
        f"[Errno {errno.ETIMEDOUT}] a named pipe that nothing was written to in 0.2 seconds: "
        f"'{fifo}'"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_written_to_is_read_whole(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as handle:
            handle.write(b"first\n")
            handle.flush()
            handle.write(b"second\n" * 20_000)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert within(20, lambda: files.read_limited(fifo, 1_000_000)) == (
        b"first\n" + b"second\n" * 20_000
    )
    writer.join(20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain ASCII", "plain ASCII"),
        ("café 😀 中文", "café 😀 中文"),
        ("lone \ud800 high", "lone \ufffd high"),
        ("a name's byte \udcff", "a name's byte \ufffd"),
        ("\udfff\ud800", "\ufffd\ufffd"),  # a low half before a high one is no pair either
    ],
)
def test_mend_surrogates_replaces_each_lone_surrogate_and_nothing_else(
    text: str, expected: str
) -> None:
    assert files.mend_surrogates(text) == expected
    expected.encode("utf-8")


@pytest.mark.parametrize(
    ("typed", "folder"),
    [
        ("out/", True),
        ("out//", True),
        ("out/.", True),
        ("out/..", True),
        (".", True),
        ("/", True),
        ("out", False),
        ("out/report.md", False),
        ("out/.md", False),
        ("...", False),
    ],
)
def test_a_path_as_typed_names_a_folder_when_it_ends_in_a_slash_or_a_dot(
    typed: str, folder: bool
) -> None:
    assert files.names_folder(typed) is folder

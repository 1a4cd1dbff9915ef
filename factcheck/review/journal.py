"""Stage ⑥ worksheet: the journal, the lock and durable saving of a worksheet under review.

Each change made during a review is first appended, as one JSON line, to
``<slug>.worksheet.journal`` beside the worksheet and fsync'd; loading replays the journal over the
YAML. Compaction rewrites the YAML atomically (:func:`factcheck.files.write_atomic`) and then
empties the journal. A journal line is written whole or the review stops with an error before the
next question; a line torn by a crash is cut off on the next open, and what follows it is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from factcheck.errors import WorksheetError
from factcheck.files import describe_os_error, write_atomic
from factcheck.review.worksheet import (
    Action,
    Change,
    Worksheet,
    apply_change,
    journal_path,
    lock_path,
)
from factcheck.review.worksheet_yaml import (
    CHANGE_KEYS,
    ChecklistSource,
    change_record,
    dump_worksheet,
    parse_worksheet,
)

if TYPE_CHECKING:
    pass

# --- journal ------------------------------------------------------------------------------------


def _change_from_json(data: object) -> Change:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    unknown = set(data) - {*CHANGE_KEYS, "prefill"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")

    def opt(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key}: expected a string")
        return value

    def req(key: str) -> str:
        value = opt(key)
        if value is None:
            raise ValueError(f"missing {key!r}")
        return value

    seq = data.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError("seq: expected a positive integer")
    prefill = data.get("prefill", False)
    if not isinstance(prefill, bool):
        raise ValueError("prefill: expected true or false")
    return Change(
        seq=seq,
        at=req("at"),
        reviewer=req("reviewer"),
        claim=req("claim"),
        action=Action(req("action")),
        question=opt("question"),
        old=opt("old"),
        new=opt("new"),
        reason=opt("reason"),
        prefill=prefill,
    )


def read_journal(path: Path) -> tuple[list[Change], int]:
    """The changes in a journal and the byte length of its intact part.

    A last line cut short (the process was killed while writing it) is ignored; a damaged line
    anywhere else is an error naming the line.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read the journal: {exc.strerror}") from None
    changes: list[Change] = []
    good = 0
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        last = number == len(lines)
        if not raw.strip():
            if not last:
                good += len(raw) + 1
            continue
        try:
            change = _change_from_json(json.loads(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            # A line without its newline is the one being written when the process died.
            if last:
                break
            raise WorksheetError(f"{path}:{number}: damaged journal entry ({exc})") from None
        if last:
            break  # complete JSON but no newline: the write was still in flight
        changes.append(change)
        good += len(raw) + 1
    return changes, good


def replay_journal(worksheet: Worksheet, changes: Iterable[Change], where: Path) -> Worksheet:
    """The worksheet with the journal's changes that it does not hold yet applied in order."""
    for change in changes:
        if change.seq <= worksheet.seq:
            continue  # already compacted into the YAML (a crash came before the journal reset)
        if change.seq != worksheet.seq + 1:
            raise WorksheetError(
                f"{where}: journal jumps from change {worksheet.seq} to {change.seq}; "
                "it does not belong to this worksheet"
            )
        try:
            worksheet = apply_change(worksheet, change)
        except WorksheetError as exc:
            raise WorksheetError(f"{where}: change {change.seq}: {exc}") from None
    return worksheet


def load_worksheet(path: Path, checklist: ChecklistSource = None) -> Worksheet:
    """A worksheet from disk: the YAML with its journal replayed over it."""
    worksheet = parse_worksheet(_read_text(path), str(path), checklist)
    jpath = journal_path(path)
    changes, _ = read_journal(jpath)
    return replay_journal(worksheet, changes, jpath)


# --- durable saving ------------------------------------------------------------------------------


def save_worksheet(path: Path, worksheet: Worksheet) -> None:
    """Write the whole worksheet atomically (no lock; use a WorksheetSession while reviewing)."""
    try:
        write_atomic(path, dump_worksheet(worksheet))
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot save: {describe_os_error(exc)}") from None


class WorksheetLock:
    """An exclusive lock on a worksheet: an flock on ``<slug>.worksheet.lock``.

    The kernel drops an flock when its process dies, so a crash never leaves it stuck.
    """

    def __init__(self, path: Path) -> None:
        self.worksheet = path
        self.path = lock_path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise WorksheetError naming who holds it."""
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
                os.close(fd)
                raise WorksheetError(
                    f"{self.worksheet} is already open in another review ({holder}); "
                    "finish or quit that review first"
                ) from None
            # The previous holder may have removed the file between our open and flock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up and remove the lock file."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> WorksheetLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class WorksheetSession:
    """A worksheet open for review: locked, every change journaled before it counts.

    ``record`` is the ``save`` callable the review loop gets; ``compact`` rewrites the YAML.
    """

    def __init__(self, path: Path, worksheet: Worksheet, lock: WorksheetLock) -> None:
        self.path = path
        self.worksheet = worksheet
        """The latest state, including every recorded change."""
        self.journal = journal_path(path)
        self._lock = lock
        self._fd: int | None = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def record(self, worksheet: Worksheet, change: Change) -> None:
        """Make a change durable: one JSON line appended to the journal and fsync'd."""
        if self._fd is None:
            raise WorksheetError(f"{self.path}: the review session is closed")
        self.worksheet = worksheet
        line = json.dumps(change_record(change), ensure_ascii=False, separators=(",", ":"))
        try:
            os.write(self._fd, (line + "\n").encode("utf-8"))
            _sync(self._fd)
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot save the answer: {exc.strerror}"
            ) from None

    def compact(self) -> None:
        """Write the whole worksheet atomically, then empty the journal it now contains."""
        if self._fd is None:
            return
        save_worksheet(self.path, self.worksheet)
        try:
            os.ftruncate(self._fd, 0)
            _sync(self._fd)
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot reset the journal: {exc.strerror}"
            ) from None

    def close(self, *, compact: bool = True) -> None:
        """Compact (unless told not to), remove the empty journal and release the lock."""
        if self._fd is None:
            return
        try:
            if compact:
                self.compact()
                with contextlib.suppress(OSError):
                    if self.journal.stat().st_size == 0:
                        self.journal.unlink()
        finally:
            os.close(self._fd)
            self._fd = None
            self._lock.release()

    def __enter__(self) -> WorksheetSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _sync(fd: int) -> None:
    # fdatasync skips the inode's timestamps, which replay does not need.
    sync = getattr(os, "fdatasync", os.fsync)
    sync(fd)


def open_session(
    path: Path, checklist: ChecklistSource = None, *, new: Worksheet | None = None
) -> WorksheetSession:
    """Lock a worksheet and open it for review.

    With ``new``, the worksheet is created at path (written atomically before anything else);
    otherwise it is loaded, its journal replayed and a torn last journal line cut off.
    """
    lock = WorksheetLock(path)
    lock.acquire()
    try:
        jpath = journal_path(path)
        if new is not None:
            if path.exists():
                raise WorksheetError(f"{path}: a worksheet already exists there")
            with contextlib.suppress(FileNotFoundError):
                jpath.unlink()  # a journal without its worksheet belongs to nothing
            save_worksheet(path, new)
            worksheet = new
        else:
            text = _read_text(path)
            worksheet = parse_worksheet(text, str(path), checklist)
            changes, good = read_journal(jpath)
            worksheet = replay_journal(worksheet, changes, jpath)
            if jpath.exists() and jpath.stat().st_size != good:
                # Appending after a torn line would glue the next change onto it.
                with jpath.open("r+b") as handle:
                    handle.truncate(good)
                    handle.flush()
                    os.fsync(handle.fileno())
        return WorksheetSession(path, worksheet, lock)
    except BaseException:
        lock.release()
        raise


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorksheetError(f"{path}: no such worksheet") from None
    except UnicodeDecodeError:
        raise WorksheetError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read: {exc.strerror}") from None

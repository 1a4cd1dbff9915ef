"""Stage ⑥ worksheet: the journal, the lock and durable saving of a worksheet under review.

Each change made during a review is first appended, as one JSON line, to
``<slug>.worksheet.journal`` beside the worksheet and fsync'd; loading replays the journal over the
YAML. Compaction rewrites the YAML atomically (:func:`factcheck.files.write_atomic`) and then
empties the journal. A journal line is written whole or the review stops with an error before the
next question; a line torn by a crash is cut off on the next open, and what follows it is kept.
Loading names, in one warning, every entry it had to leave out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import stat
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from factcheck import regexes
from factcheck.errors import JournalWarning, JournalWriteError, WorksheetError
from factcheck.files import (
    describe_os_error,
    ensure_folder,
    link_target,
    open_nofollow,
    write_all,
    write_atomic,
)
from factcheck.review.worksheet import (
    Action,
    Change,
    Worksheet,
    check_value,
    journal_path,
    lock_path,
    make_change,
)
from factcheck.review.worksheet_batch import ChangeBatch
from factcheck.review.worksheet_comments import comment_lines
from factcheck.review.worksheet_fast import CHANGE_KEYS
from factcheck.review.worksheet_yaml import (
    ChecklistSource,
    change_record,
    dump_worksheet,
    loaded_once,
    parse_worksheet_text,
)

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

    A last line cut short (the process was killed while writing it) is ignored, even when its
    JSON is complete: without its newline the write had not finished. A line holding cut-short
    entries followed by complete ones (a failed write that an older version went on after) keeps
    the complete ones. Any other damaged line is an error naming the line.
    """
    journal = _read_journal(path)
    return journal.changes, journal.good


_ENTRY_START = regexes.compile(rb'(?=\{"seq":)')
_ENTRY_HEAD = b'{"seq":'
_TORN_SEQ = regexes.compile(rb'^\{"seq":(\d+)')


@dataclass(frozen=True, slots=True)
class _Journal:
    """What a journal file holds."""

    changes: list[Change]
    good: int
    """The byte length of the intact part: every line that ends with its newline."""
    after_torn: frozenset[int]
    """Sequence numbers of changes written right after entries that were cut short."""
    tail: bytes
    """A last line without its newline (cut short while being written), not applied."""


def _read_journal(path: Path) -> _Journal:
    try:
        # Not blocking: a pipe in the journal's place would wait for a writer forever.
        fd = open_nofollow(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise WorksheetError(f"{path}: not a file (a device or a pipe); move it away")
            data = handle.read()
    except FileNotFoundError:
        return _Journal([], 0, frozenset(), b"")
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read the journal: {describe_os_error(exc)}") from None
    changes: list[Change] = []
    after_torn: set[int] = set()
    good = 0
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if number == len(lines):
            break  # no newline after it: empty, or cut short while being written
        if raw.strip():
            try:
                changes.append(_change_from_json(json.loads(raw)))
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                recovered = _torn_line(raw)
                if recovered is None:
                    problem = "nested too deeply" if isinstance(exc, RecursionError) else exc
                    raise WorksheetError(
                        f"{path}:{number}: damaged journal entry ({problem})"
                    ) from None
                after_torn.add(recovered[0].seq)
                changes.extend(recovered)
        good += len(raw) + 1
    return _Journal(changes, good, frozenset(after_torn), data[good:])


def _torn_line(raw: bytes) -> list[Change] | None:
    """The complete entries of a line that starts with entries cut short; None when the line is
    damaged in any other way."""
    pieces = [piece for piece in _ENTRY_START.split(raw) if piece]
    torn = 0
    changes: list[Change] = []
    for piece in pieces:
        try:
            changes.append(_change_from_json(json.loads(piece)))
        except (ValueError, UnicodeDecodeError, RecursionError):
            if changes or not (piece.startswith(_ENTRY_HEAD) or _ENTRY_HEAD.startswith(piece)):
                return None
            torn += 1
    return changes if torn and changes else None


def replay_journal(
    worksheet: Worksheet,
    changes: Iterable[Change],
    where: Path,
    after_torn: frozenset[int] = frozenset(),
) -> Worksheet:
    """The worksheet with the journal's changes that it does not hold yet applied in order.

    ``after_torn`` names changes written right after entries that were cut short: the sequence
    may skip those entries there.
    """
    return _replay(worksheet, changes, where, after_torn)[0]


_EDITABLE = frozenset(
    {
        Action.ANSWER,
        Action.NOTE,
        Action.OVERRIDE,
        Action.CONCLUSION,
        Action.PUBLICATION,
        Action.SPEAKER,
        Action.ROLE,
    }
)
"""Changes that record the value they replace: a mismatch means the file was edited since."""


def _replaces_an_edit(worksheet: Worksheet, change: Change) -> str | None:
    """How CHANGE overrides a value the worksheet file holds that the change did not see (the
    file edited after the journal was written); None when the file holds what it saw."""
    if change.action not in _EDITABLE:
        return None
    try:
        current = make_change(
            worksheet,
            change.claim,
            change.action,
            reviewer=change.reviewer,
            question=change.question,
            new=change.new,
        ).old
    except WorksheetError:
        return None  # applying it fails, and says why
    if current == change.old:
        return None
    where = change.claim if change.question is None else f"{change.claim}.{change.question}"
    return f"change {change.seq} sets {where} to {change.new!r} where the file has {current!r}"


def _replay(
    worksheet: Worksheet,
    changes: Iterable[Change],
    where: Path,
    after_torn: frozenset[int],
    replaced: list[str] | None = None,
) -> tuple[Worksheet, list[int]]:
    lost: list[int] = []
    batch = ChangeBatch(worksheet)
    run: list[Change] = []  # evidence added to one answer, change after change: applied at once
    for change in changes:
        if run and _continues(run[-1], change):
            run.append(change)
            continue
        _apply_run(batch, run, where)
        run = []
        current = batch.current
        if change.seq <= current.seq:
            continue  # already compacted into the YAML (a crash came before the journal reset)
        skipped = range(current.seq + 1, change.seq)  # empty for the next change in order
        if skipped and change.seq not in after_torn:
            raise WorksheetError(
                f"{where}: journal jumps from change {current.seq} to {change.seq}; "
                "it does not belong to this worksheet"
            )
        lost.extend(skipped)  # entries cut short before it
        if replaced is not None:
            edit = _replaces_an_edit(current, change)
            if edit is not None:
                replaced.append(edit)
        reason = (change.reason or "").strip()
        if change.action is Action.OVERRIDE and change.new and not reason:
            # The worksheet file holds no override without a reason: saved, it could not be
            # read again.
            raise WorksheetError(f"{where}: change {change.seq}: an override needs a reason")
        run = [change]
        if change.action is not Action.EVIDENCE:
            _apply_run(batch, run, where)
            run = []
    _apply_run(batch, run, where)
    return batch.result(), lost


def _continues(last: Change, change: Change) -> bool:
    """Whether CHANGE adds evidence to the answer LAST added evidence to, right after it."""
    return (
        change.action is Action.EVIDENCE
        and change.seq == last.seq + 1
        and (change.claim, change.question) == (last.claim, last.question)
    )


def _apply_run(batch: ChangeBatch, run: Sequence[Change], where: Path) -> None:
    """Apply a change, or a run of evidence for one answer; WorksheetError names the journal
    and the change at fault."""
    try:
        batch.apply(run)
    except WorksheetError as exc:
        if len(run) > 1:
            for change in run:  # one by one, to find the change at fault
                _apply_run(batch, (change,), where)
        which = f"change {run[0].seq}: "
        problem = str(exc).removeprefix(which)  # some name the change already
        raise WorksheetError(f"{where}: {which}{problem}") from None


def load_worksheet(path: Path, checklist: ChecklistSource = None) -> Worksheet:
    """A worksheet from disk: the YAML with its journal replayed over it."""
    checklist = loaded_once(checklist)
    worksheet = parse_worksheet_text(lambda: _read_text(path), str(path), checklist)
    return _replayed(worksheet, journal_path(path), checklist)[0]


def _replayed(
    worksheet: Worksheet, jpath: Path, checklist: ChecklistSource = None
) -> tuple[Worksheet, _Journal]:
    """The worksheet with its journal replayed, warning once about what had to be left out."""
    journal = _read_journal(jpath)
    replaced: list[str] = []
    replayed, lost = _replay(worksheet, journal.changes, jpath, journal.after_torn, replaced)
    if journal.changes:
        _refuse_off_checklist(replayed, checklist, jpath)
    note = _left_out(lost, replayed.seq, journal.tail)
    if note:
        warnings.warn(JournalWarning(f"{jpath}: {note}"), stacklevel=3)
    if replaced:
        warnings.warn(
            JournalWarning(
                f"{jpath}: the worksheet was edited after this journal was written: "
                + "; ".join(replaced)
            ),
            stacklevel=3,
        )
    return replayed, journal


def _refuse_off_checklist(worksheet: Worksheet, checklist: ChecklistSource, jpath: Path) -> None:
    """Refuse what the journal put in that the worksheet file, read against the checklist it was
    made with, could not hold (an answer or a verdict the checklist does not have): saved by the
    next review, it made a worksheet no command could read again."""
    if checklist is None:
        return
    resolved = checklist(worksheet.checklist) if callable(checklist) else checklist
    ref = worksheet.checklist
    if (ref.id, ref.sha256) != (resolved.id, resolved.sha256):
        return  # the checklist changed: answers are kept as they are, in the file as well
    questions = {question.id: question for question in resolved.questions}
    levels = [level.id for level in resolved.scale]
    for entry in worksheet.claims:
        for qid, answer in entry.answers.items():
            question = questions.get(qid)
            if question is not None and answer.value is not None:
                why = check_value(question, answer.value)
                if why:
                    raise WorksheetError(f"{jpath}: {entry.id}.{qid}: {why}")
        verdict = entry.override.verdict if entry.override is not None else None
        if verdict is not None and verdict not in levels:
            expected = ", ".join(levels)
            raise WorksheetError(
                f"{jpath}: {entry.id}.override: expected one of {expected}, got {verdict!r}"
            )


def _left_out(lost: list[int], last: int, tail: bytes) -> str | None:
    """One sentence naming the journal entries that replay left out; None if it left out none."""
    parts: list[str] = []
    if lost:
        after = last - lost[0] - (len(lost) - 1)  # each later number was lost or kept
        many = len(lost) > 1
        parts.append(
            f"change{'s' if many else ''} {', '.join(map(str, lost))} "
            f"{'were' if many else 'was'} cut short by a failed write and "
            f"{'are' if many else 'is'} lost; the {after} change{'s' if after != 1 else ''} "
            f"after {'them' if many else 'it'} {'is' if after == 1 else 'are'} kept"
        )
    if tail.strip():
        seq = _TORN_SEQ.match(tail)
        which = f" (change {int(seq.group(1))})" if seq else ""
        parts.append(f"the last entry{which} was cut short by an interrupted write and is left out")
    return "; ".join(parts) or None


# --- durable saving ------------------------------------------------------------------------------


def save_worksheet(path: Path, worksheet: Worksheet) -> None:
    """Write the whole worksheet atomically (no lock; use a WorksheetSession while reviewing);
    behind a link to a worksheet, the file it points to (the link stays)."""
    try:
        write_atomic(link_target(path), dump_worksheet(worksheet))
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
        try:
            self._acquire()
        except OSError as exc:
            raise WorksheetError(
                f"{self.path}: cannot lock the worksheet: {describe_os_error(exc)}"
            ) from None

    def _acquire(self) -> None:
        import fcntl

        ensure_folder(self.path.parent)
        while True:
            fd = open_nofollow(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
                same = os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        try:
            os.ftruncate(fd, 0)
            write_all(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        except OSError:
            os.close(fd)
            raise
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
        self.created = False
        """Whether this session wrote the worksheet's first version (open_session with new)."""
        self.comment_lines = 0
        """How many lines of the file, when it was opened, held a YAML comment: saving, which
        writes the worksheet from its values, does not keep them."""
        self._recorded = False
        self._opened = worksheet
        """The worksheet as the file and its journal held it when the session began."""
        self.identity = file_identity(path)
        """The file as it was read (see file_identity): changed on disk during the review, it is
        not overwritten."""
        self.digest: bytes | None = None
        """A digest of the file's bytes as they were read (None: not read, a new worksheet): a
        file touched or written again with the same bytes is not taken as changed."""
        try:
            self._fd: int | None = open_nofollow(
                self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644
            )
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot open the journal: {describe_os_error(exc)}"
            ) from None

    def record(self, worksheet: Worksheet, change: Change) -> None:
        """Make a change durable: one JSON line appended to the journal and fsync'd.

        The line is written whole or not at all: after a failed or short write (a full disk) the
        journal is cut back to where it was and WorksheetError is raised, so the review stops
        before the next question instead of going on as if the answer were saved.
        """
        self.record_all(worksheet, (change,))

    def record_all(self, worksheet: Worksheet, changes: Sequence[Change]) -> None:
        """Make changes durable together: their JSON lines appended to the journal in one write
        and fsync'd once, all of them or (after a failed write) none."""
        if self._fd is None:
            raise WorksheetError(f"{self.path}: the review session is closed")
        if not changes:
            return
        lines = "".join(
            json.dumps(change_record(change), ensure_ascii=False, separators=(",", ":")) + "\n"
            for change in changes
        )
        one = len(changes) == 1
        what = "the answer" if one else f"the {len(changes):,} changes"
        try:
            size = os.fstat(self._fd).st_size
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot save {what}: {describe_os_error(exc)}"
            ) from None
        # Counted before the lines are written: Ctrl-C during the write or the fsync (the
        # keystroke and Ctrl-C nearly together) must not leave a change in the journal but
        # not in the worksheet that closing the session saves, and then empties the journal.
        previous, self.worksheet = self.worksheet, worksheet
        recorded, self._recorded = self._recorded, True
        try:
            write_all(self._fd, lines.encode("utf-8"))
            _sync(self._fd)
        except OSError as exc:
            self.worksheet, self._recorded = previous, recorded
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            raise JournalWriteError(
                f"{self.journal}: cannot save {what}: {describe_os_error(exc)}; "
                f"{'it was' if one else 'they were'} not recorded",
                _typed(changes[0]) if one else None,
            ) from None

    def discard(self) -> bool:
        """Remove the worksheet this session created, when no change was recorded in it, and
        close: an interrupted start leaves no file behind. False (and nothing done) otherwise."""
        if self._fd is None or not self.created or self._recorded:
            return False
        try:
            for leftover in (self.path, self.journal):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
        finally:
            os.close(self._fd)
            self._fd = None
            self._lock.release()
        return True

    def compact(self) -> None:
        """Write the whole worksheet atomically, then empty the journal it now contains. A file
        changed on disk since it was read is not overwritten: the review is saved beside it."""
        if self._fd is None:
            return
        if file_identity(self.path) != self.identity and not self._same_bytes():
            self._save_aside()
        save_worksheet(self.path, self.worksheet)
        try:
            os.ftruncate(self._fd, 0)
            _sync(self._fd)
        except OSError as exc:
            raise WorksheetError(
                f"{self.journal}: cannot reset the journal: {exc.strerror}"
            ) from None

    def _same_bytes(self) -> bool:
        """Whether the file on disk holds the bytes it held when it was read."""
        try:
            return self.digest is not None and _digest(self.path.read_bytes()) == self.digest
        except OSError:
            return False

    def _save_aside(self) -> None:
        """Save the review under a new name beside the file someone changed meanwhile (by hand,
        by git), empty the journal it holds, and raise WorksheetError saying so."""
        stem = self.path.name.removesuffix(".worksheet.yaml").removesuffix(".yaml")
        number = 1
        while True:
            suffix = "unsaved" if number == 1 else f"unsaved-{number}"
            aside = self.path.with_name(f"{stem}.{suffix}.worksheet.yaml")
            if not aside.exists() and not journal_path(aside).exists():
                break
            number += 1
        save_worksheet(aside, self.worksheet)
        assert self._fd is not None
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        raise WorksheetError(
            f"{self.path}: changed on disk during the review (edited by hand, or by git): not "
            f"overwritten; this review is saved as {aside}: compare the two and keep the one "
            "you want"
        )

    def close(self, *, compact: bool = True) -> None:
        """Compact (unless told not to, or unless nothing changed: the file is left as it is,
        its comments too), remove the empty journal and release the lock."""
        if self._fd is None:
            return
        try:
            if compact:
                if not self._unchanged():
                    self.compact()
                with contextlib.suppress(OSError):
                    if self.journal.stat().st_size == 0:
                        self.journal.unlink()
        finally:
            os.close(self._fd)
            self._fd = None
            self._lock.release()

    def _unchanged(self) -> bool:
        """Whether the file and its empty journal already hold the worksheet: no change was
        recorded and nothing else (new fact-check matches) replaced it."""
        assert self._fd is not None
        try:
            empty = os.fstat(self._fd).st_size == 0
        except OSError:
            return False
        return empty and not self._recorded and self.worksheet is self._opened

    def __enter__(self) -> WorksheetSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _typed(change: Change) -> str | None:
    """The text a reviewer typed for a change: a note, a conclusion, evidence, a part of the
    report, the reason of an override or a drop."""
    if change.action in (Action.OVERRIDE, Action.DROP):
        return change.reason or None
    if change.action in (Action.NOTE, Action.CONCLUSION, Action.EVIDENCE, Action.PUBLICATION):
        return change.new or None
    return None


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """What tells a file changed on disk: its inode, size and time of change (None: gone)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=32).digest()


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
        comments: list[int] = []
        digest: list[bytes] = []
        if new is not None:
            _create(path, new)
            worksheet = new
        else:
            checklist = loaded_once(checklist)

            def text() -> str:
                # Counted on the first reading: the text is not kept (see parse_worksheet_text).
                content = _read_text(path)
                comments[:] = comments or [comment_lines(content)]
                digest[:] = digest or [_digest(content.encode("utf-8"))]
                return content

            read = parse_worksheet_text(text, str(path), checklist)
            worksheet, journal = _replayed(read, jpath, checklist)
            _cut_torn_tail(jpath, journal.good)
        session = WorksheetSession(path, worksheet, lock)
        session.created = new is not None
        session.comment_lines = comments[0] if comments else 0
        session.digest = digest[0] if digest else None
        return session
    except BaseException:
        lock.release()
        raise


def write_new_worksheet(path: Path, worksheet: Worksheet) -> None:
    """Create a worksheet at path as a review creates one, under its lock: a journal left beside
    it is removed; WorksheetError if a worksheet is there or a review holds the lock."""
    with WorksheetLock(path):
        _create(path, worksheet)


def _create(path: Path, worksheet: Worksheet) -> None:
    # Called with the lock held.
    if path.exists():
        raise WorksheetError(f"{path}: a worksheet already exists there")
    with contextlib.suppress(FileNotFoundError):
        journal_path(path).unlink()  # a journal without its worksheet belongs to nothing
    save_worksheet(path, worksheet)


def _cut_torn_tail(journal: Path, good: int) -> None:
    # Appending after a torn line would glue the next change onto it.
    try:
        fd = open_nofollow(journal, os.O_WRONLY)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WorksheetError(
            f"{journal}: cannot open the journal: {describe_os_error(exc)}"
        ) from None
    try:
        if os.fstat(fd).st_size != good:
            os.ftruncate(fd, good)
            os.fsync(fd)
    except OSError as exc:
        raise WorksheetError(
            f"{journal}: cannot repair the journal: {describe_os_error(exc)}"
        ) from None
    finally:
        os.close(fd)


def _read_text(path: Path) -> str:
    try:
        # A device or a pipe in a worksheet's place would be read without end (/dev/zero), or
        # wait for a writer that never comes.
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            raise WorksheetError(f"{path}: not a file (a device or a pipe)")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorksheetError(f"{path}: no such worksheet") from None
    except UnicodeDecodeError:
        raise WorksheetError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise WorksheetError(f"{path}: cannot read: {exc.strerror}") from None

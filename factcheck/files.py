"""Shared by every stage that reads or writes files: atomic replacement, safe opening, reading
with a size limit, file-name slugs and text mended so that a UTF-8 file can hold it.

Every file the tool writes (worksheets, reports, case articles and index, registry entries, rating
sets, the config) goes through :func:`write_atomic`: the new content is written to a fresh
temporary file in the target's folder (created with ``O_EXCL | O_NOFOLLOW``, so a planted file or
symbolic link is never written through), fsync'd and renamed over the target, so the target is
always the old or the new complete version. The temporary file is removed on any failure or
interrupt. Only a regular file is ever replaced: behind a symbolic link, the file it points to
(the link stays); a device, a pipe or a link to nothing is refused. A replaced file keeps its
permission bits, and its owner and group where the system allows, its access control list and
other extended attributes where the file system has them; a new file follows the umask. A hard
link cannot be kept: the file's other names keep the old content, and the writer says so.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import itertools
import os
import re
import stat
import struct
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import FactcheckWarning

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""``O_NOFOLLOW`` where the platform has it: opening a symbolic link fails instead of following."""

_TEMP_COUNTER = itertools.count(1)


class LinkRefused(OSError):
    """A symbolic link stands where the tool keeps one of its own files."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "is a symbolic link; remove it and try again", str(path))


def open_nofollow(path: Path, flags: int, mode: int = 0o644) -> int:
    """``os.open`` that refuses a symbolic link at path with :class:`LinkRefused`."""
    try:
        return os.open(path, flags | NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EEXIST and path.is_symlink()):
            raise LinkRefused(path) from None
        raise


def resolved(path: Path) -> Path:
    """``path`` made absolute with every symbolic link followed. A loop of links is left as it
    is, for the open or write that follows to report it (ELOOP) like any other refusal: before
    Python 3.13, ``Path.resolve`` raised RuntimeError for it."""
    return Path(os.path.realpath(path))


def link_target(path: Path) -> Path:
    """Where to write a file the user keeps: behind a symbolic link to an existing regular file,
    that file (the link stays, and whoever reads through it sees the change: a worksheet kept in
    a shared folder, a config file in a dotfiles folder); anywhere else, ``path`` itself."""
    if path.is_symlink() and path.is_file():
        return resolved(path)
    return path


def ensure_folder(folder: Path) -> None:
    """Create a folder (and its parents) unless it exists; NotAFolder if a file is in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), folder)
        raise NotAFolder(blocker) from None


class NotAFolder(OSError):
    """A file stands where the tool needs a folder."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ENOTDIR, "is a file, not a folder", str(path))


def write_all(fd: int, data: bytes) -> None:
    """Write every byte or raise OSError: a short write (full disk) never passes silently."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "no space left on the device")
        view = view[written:]


def _chunks(pieces: Iterable[str | bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """The pieces as UTF-8, gathered into chunks of about ``size`` bytes (fewer writes)."""
    gathered: list[bytes] = []
    length = 0
    for piece in pieces:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        gathered.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(gathered)
            gathered.clear()
            length = 0
    if gathered:
        yield b"".join(gathered)


def fsync_dir(directory: Path) -> None:
    """Make a rename in a folder durable (best effort: some platforms cannot open folders)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class LinkToNothing(OSError):
    """A symbolic link to a file that does not exist, where the tool would write."""

    def __init__(self, path: Path, target: Path) -> None:
        super().__init__(
            errno.ENOENT, f"a symbolic link to {target}, which does not exist", str(path)
        )


class NotReplaceable(OSError):
    """A device, a pipe or a socket (or a link to one) where the tool would replace a file."""

    def __init__(self, path: Path, target: Path | None = None) -> None:
        what = "not a regular file (a device, a pipe or a socket)"
        reason = what if target is None else f"a symbolic link to {target}, which is {what}"
        super().__init__(errno.EINVAL, reason, str(path))


def _replaced_file(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file :func:`write_atomic` replaces for ``path`` (behind a symbolic link, the one it
    points to) and its status, None when there is none yet. Anything but a regular file (or a
    folder, which the rename refuses) raises NotReplaceable; a link to nothing, LinkToNothing."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path, None
    if stat.S_ISLNK(info.st_mode):
        target = resolved(path)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise LinkToNothing(path, target) from None
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise NotReplaceable(path, target)
        return target, info
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise NotReplaceable(path)
    return path, info


def _keep_owner_and_mode(fd: int, info: os.stat_result) -> None:
    """Give the new file the replaced one's owner and group (as far as the user may: root keeps
    both, an owner keeps a group they belong to), then its permission bits."""
    with contextlib.suppress(OSError):
        if (info.st_uid, info.st_gid) != ((fstat := os.fstat(fd)).st_uid, fstat.st_gid):
            os.fchown(fd, info.st_uid if os.geteuid() == 0 else -1, info.st_gid)
    with contextlib.suppress(OSError):  # a file system without modes: the new file stays private
        os.fchmod(fd, stat.S_IMODE(info.st_mode))


class FileWarning(FactcheckWarning):
    """A file was saved, but something about the old file could not be kept."""


ACL_NAME = "system.posix_acl_access"
"""The extended attribute that holds a file's POSIX access control list (Linux)."""
_ACL_TAGS = {0x04: "group", 0x10: "mask"}
"""The entries of an ACL that say what the owning group may do: its own and the mask."""


def _group_access(acl: bytes) -> int | None:
    """What the owning group may do under the ACL (its entry limited by the mask), as the three
    permission bits; None when the bytes are not an ACL this reads."""
    if len(acl) < 4 or (len(acl) - 4) % 8 or struct.unpack_from("<I", acl)[0] != 2:
        return None
    found: dict[str, int] = {
        _ACL_TAGS[tag]: int(perm) & 0o7
        for tag, perm, _ in struct.iter_unpack("<HHI", acl[4:])
        if tag in _ACL_TAGS
    }
    if "group" not in found:
        return None
    return found["group"] & found.get("mask", 0o7)


def _keep_attributes(fd: int, source: Path, info: os.stat_result) -> None:
    """Copy the replaced file's extended attributes to the new one (the ACL after the mode bits,
    whose group bits it sets to its mask); those the user may not set are left out. An ACL that
    cannot be copied leaves the owning group what the ACL let it do, never the mask's wider
    access that the copied mode bits show, and a warning."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return  # a file system without extended attributes: nothing to keep
    for name in names:
        if name == "system.posix_acl_default":
            continue  # a folder's, for the files made in it
        value = None
        try:
            value = os.getxattr(source, name)
            os.setxattr(fd, name, value)
        except OSError as exc:
            if name == ACL_NAME:
                _narrow_group(fd, info, value, source, exc)


def _narrow_group(
    fd: int, info: os.stat_result, acl: bytes | None, source: Path, exc: OSError
) -> None:
    group = _group_access(acl) if acl is not None else None
    mode = stat.S_IMODE(info.st_mode) & ~0o070 | (group or 0) << 3
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)
    warnings.warn(
        FileWarning(
            f"{source}: its access control list could not be kept ({exc.strerror or exc}): "
            "the users and groups it named lost their access"
        ),
        stacklevel=4,
    )


_LINKS_TOLD: set[tuple[int, int]] = set()
"""The files (device, inode) whose other hard links were told of: once per file per command."""


def hard_links_warning(path: Path) -> str | None:
    """The warning that a save of ``path`` (behind a symbolic link, the file it points to) will
    leave the file's other hard links with the old content, the first time it is asked for that
    file; None when it has no other, or after the first time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if info.st_nlink < 2 or not stat.S_ISREG(info.st_mode):
        return None
    if (info.st_dev, info.st_ino) in _LINKS_TOLD:
        return None
    _LINKS_TOLD.add((info.st_dev, info.st_ino))
    others = info.st_nlink - 1
    links = (
        "1 other hard link, which keeps"
        if others == 1
        else f"{others:,} other hard links, which keep"
    )
    return (
        f"{path} has {links} the old content when this file is saved; share a file through a "
        "symbolic link instead"
    )


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{next(_TEMP_COUNTER)}.tmp")


def write_atomic(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Replace a file's content so that it is always the old or the new complete version.

    ``content`` may come in pieces of text (an iterable of strings), written as they come.
    Behind a symbolic link, the file it points to is replaced and the link stays. A replaced file
    keeps its permission bits (and owner and group, where allowed), its ACL and other extended
    attributes; a new one follows the umask. A file with other hard links is replaced all the
    same (they keep the old content), with a FileWarning the first time.
    Raises OSError: LinkRefused for a symbolic link where the temporary file goes,
    NotReplaceable for a device, a pipe or a socket at ``path``, LinkToNothing for a link to a
    missing file. The temporary file never outlives the call.
    """
    if isinstance(content, str | bytes):
        pieces: Iterable[str | bytes] = (content,)
    else:
        pieces = content
    path, replaced = _replaced_file(path)
    if replaced is not None and replaced.st_nlink > 1:
        told = hard_links_warning(path)
        if told is not None:
            warnings.warn(FileWarning(told), stacklevel=2)
    ensure_folder(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_TRUNC
    while True:
        tmp = _temp_path(path)
        try:
            # Private until the replaced file's mode is copied: its readers only, never more.
            fd = open_nofollow(tmp, flags, 0o666 if replaced is None else 0o600)
        except FileExistsError:
            continue  # a stale file of a killed writer: pick the next name, never reuse it
        break
    try:
        try:
            for chunk in _chunks(pieces):
                write_all(fd, chunk)
            if replaced is not None:
                _keep_owner_and_mode(fd, replaced)
                _keep_attributes(fd, path, replaced)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_output(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write a file the user named as output (``--output``).

    A regular file is replaced whole by :func:`write_atomic`; behind a symbolic link, the file it
    points to is (the link stays). A device, pipe or socket (``/dev/stdout``, a named pipe) is
    written to as it is: replacing it would put a regular file where the device was.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        pieces = (content,) if isinstance(content, str | bytes) else content
        fd = os.open(path, os.O_WRONLY)
        try:
            for chunk in _chunks(pieces):
                write_all(fd, chunk)
        finally:
            os.close(fd)
        return
    write_atomic(path, content)


def names_folder(path: str) -> bool:
    """Whether a path as the user typed it names a folder, whatever is there: it ends in a
    separator, '.' or '..'. ``Path`` drops a final '/' and '.', so 'out/' would become a file
    named 'out'."""
    return os.path.basename(path) in ("", ".", "..")


class TooLarge(OSError):
    """A file holds more than a reader takes (or never ends, as /dev/zero does)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit:,} bytes", str(path))


PIPE_WAIT = 30.0
"""Seconds a named pipe may keep its reader waiting before anything is written to it."""


class NothingWritten(OSError):
    """A named pipe that nobody wrote to (or opened for writing) in PIPE_WAIT seconds."""

    def __init__(self, path: Path | str, seconds: float) -> None:
        super().__init__(
            errno.ETIMEDOUT,
            f"a named pipe that nothing was written to in {seconds:g} seconds",
            str(path),
        )


def open_readable(path: Path | str) -> BinaryIO:
    """The file at ``path``, open for reading in binary.

    A named pipe is opened without waiting for a writer, then given PIPE_WAIT seconds for its
    first byte (or its end): text written into a pipe (``<(command)``) is read, but a pipe that
    nobody writes to raises NothingWritten instead of keeping the reader waiting for ever.
    """
    import select

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            waiting = select.poll()
            waiting.register(fd, select.POLLIN)
            if not waiting.poll(int(PIPE_WAIT * 1000)):
                raise NothingWritten(path, PIPE_WAIT)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class NotAFile(OSError):
    """A device or a pipe where the tool keeps one of its own files."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a file (a device or a pipe)", str(path))


def read_own_text(path: Path) -> str:
    """The UTF-8 text of one of the tool's own files (a case's index or article, the config).

    A device or a pipe in its place raises NotAFile instead of being read without end
    (/dev/zero) or waited on for a writer that never comes (a named pipe).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):  # before fdopen, whose own error would name the descriptor
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotAFile(path)
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return handle.read().decode("utf-8")


def read_limited(path: Path, limit: int) -> bytes:
    """Every byte of the file at ``path``, or TooLarge when it holds more than ``limit``.

    The size is counted while reading, not asked of the file system: a device or a pipe says 0
    and may never end (/dev/zero), which would fill the memory before any error. A named pipe
    nobody writes to raises NothingWritten (see `open_readable`).
    """
    with open_readable(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path, limit)
    return data


BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Each byte order mark with the encoding of the text after it."""


def byte_order_mark(head: bytes) -> tuple[str, int] | None:
    """The encoding the byte order mark at the start of HEAD names and the mark's length in
    bytes, or None when there is none."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return encoding, len(mark)
    return None


def decode_marked(data: bytes) -> str:
    """Text in UTF-8, or in the UTF-16 or UTF-32 its byte order mark names (a spreadsheet's
    "Unicode text" export); the mark itself left out. UnicodeDecodeError otherwise."""
    found = byte_order_mark(data)
    if found is None:
        return data.decode("utf-8")
    encoding, size = found
    return str(memoryview(data)[size:], encoding)


def quoted_to_end(text: str, line: int, delimiter: str) -> bool:
    """Whether the row of a CSV or TSV text that begins on LINE ends the text inside a quoted
    cell: a stray '"' that the csv module, reading leniently, lets take every line after it.

    Read strictly, that is the one error the csv module raises at the end of the data.
    """
    import csv
    import io

    lines = io.StringIO(text, newline="")
    for _ in range(line - 1):
        next(lines, None)
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def is_surrogate(char: str) -> bool:
    """Whether CHAR is half of a UTF-16 pair: alone in a Python string, it is no character."""
    return "\ud800" <= char <= "\udfff"


def mend_surrogates(text: str) -> str:
    """TEXT with each lone surrogate replaced by U+FFFD, the replacement character: a JSON
    escape without its pair (\\ud800), and a byte of a file name or an argument that is not
    UTF-8 as Python reads it (\\udcff), are no characters, and no UTF-8 file can hold them."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if is_surrogate(char) else char for char in text)
    return text


def missing_file(path: Path) -> str:
    """Why PATH could not be opened when it does not exist: '-', standard input to other
    commands, is not read by the ones that take only files."""
    if str(path) == "-":
        return "standard input is not supported here; give a file"
    return "no such file"


def describe_os_error(exc: OSError) -> str:
    """An OSError as the tail of a one-line message ('Permission denied'), naming the file
    when it is not the one the message is about."""
    reason = exc.strerror or exc.__class__.__name__
    return f"{exc.filename}: {reason}" if isinstance(exc, LinkRefused | NotAFolder) else reason


SLUG_LENGTH = 60
"""Longest slug, in characters."""


def slugify(
    text: str,
    max_length: int | None = SLUG_LENGTH,
    fallback: str = "worksheet",
    *,
    ascii_only: bool = False,
) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary; ``fallback`` if none are left.

    Accents on Latin letters are dropped (``Été`` → ``ete``) and anything that is neither a letter
    nor a digit becomes a hyphen. Letters of other scripts are kept (``статья-日本``); with
    ``ascii_only`` they are dropped, leaving ``a-z``, ``0-9`` and hyphens (as registry ids need).
    """
    kept: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and (not kept or kept[-1].isascii()):
            continue  # an accent on a Latin letter
        if ch.isascii():
            kept.append(ch if ch.isalnum() else "-")
        elif ascii_only:
            continue  # dropped, as registry ids always were: 'Straße' -> 'strae'
        else:
            kept.append(ch if unicodedata.category(ch)[0] in ("L", "N", "M") else "-")
    words = unicodedata.normalize("NFC", "".join(kept)).casefold()
    slug = re.sub(r"-{2,}", "-", words).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug or fallback

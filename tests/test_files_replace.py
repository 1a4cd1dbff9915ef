"""What the one atomic writer replaces: only a regular file (behind a symbolic link, the file it
points to), keeping its permission bits, owner and group, access control list and extended
attributes, and saying so when the file's other hard links keep the old content; never a device,
a pipe or a link's missing target."""

from __future__ import annotations

import errno
import os
import stat
import struct
from pathlib import Path

import pytest

from factcheck import files
from factcheck.files import (
    ACL_NAME,
    FileWarning,
    LinkToNothing,
    NotReplaceable,
    describe_os_error,
    hard_links_warning,
    write_atomic,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_named_pipe_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    pipe = tmp_path / "sources.yaml"
    os.mkfifo(pipe)
    with pytest.raises(NotReplaceable) as refused:
        write_atomic(pipe, "entries: []\n")
    assert describe_os_error(refused.value) == "not a regular file (a device, a pipe or a socket)"
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert names(tmp_path) == ["sources.yaml"]


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_a_link_to_a_device_is_refused_and_both_stay(tmp_path: Path) -> None:
    link = tmp_path / "sources.yaml"
    link.symlink_to("/dev/null")
    with pytest.raises(NotReplaceable) as refused:
        write_atomic(link, "entries: []\n")
    assert describe_os_error(refused.value) == (
        "a symbolic link to /dev/null, which is not a regular file (a device, a pipe or a socket)"
    )
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert Path("/dev/null").is_char_device()
    assert names(tmp_path) == ["sources.yaml"]


def test_a_link_to_a_missing_file_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    link = tmp_path / "sources.yaml"
    target = tmp_path / "dotfiles" / "factcheck" / "sources.yaml"
    link.symlink_to(target)
    with pytest.raises(LinkToNothing) as refused:
        write_atomic(link, "entries: []\n")
    assert describe_os_error(refused.value) == (
        f"a symbolic link to {target}, which does not exist"
    )
    assert link.is_symlink()
    assert names(tmp_path) == ["sources.yaml"]


def test_a_link_to_a_file_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "sources.yaml"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o600)
    link = tmp_path / "sources.yaml"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8") == "new\n"
    assert mode(target) == 0o600
    assert names(tmp_path) == ["dotfiles", "sources.yaml"]
    assert names(target.parent) == ["sources.yaml"]


@pytest.mark.parametrize("kept", [0o600, 0o664, 0o640, 0o444, 0o755])
def test_a_replaced_file_keeps_its_permission_bits(tmp_path: Path, kept: int) -> None:
    path = tmp_path / "a.worksheet.yaml"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, kept)
    previous = os.umask(0o022)
    try:
        write_atomic(path, "new\n")
    finally:
        os.umask(previous)
    assert (path.read_text(encoding="utf-8"), mode(path)) == ("new\n", kept)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.yaml", "x\n")
    finally:
        os.umask(previous)
    assert mode(tmp_path / "new.yaml") == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_file_replaced_by_root_keeps_its_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "shared.worksheet.yaml"
    path.write_text("old\n", encoding="utf-8")
    os.chown(path, 4321, 8765)
    os.chmod(path, 0o660)
    write_atomic(path, "new\n")
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, mode(path)) == (4321, 8765, 0o660)


# --- access control lists, extended attributes and hard links -----------------------------------

SHARED_ACL = struct.pack("<I", 2) + b"".join(
    struct.pack("<HHI", tag, perm, who)
    for tag, perm, who in [
        (0x01, 6, 0xFFFFFFFF),  # the owner: rw
        (0x02, 6, 1000),  # user 1000: rw
        (0x04, 4, 0xFFFFFFFF),  # the owning group: r
        (0x10, 6, 0xFFFFFFFF),  # the mask: rw, which the mode's group bits show
        (0x20, 4, 0xFFFFFFFF),  # others: r
    ]
)
"""What ``setfacl -m u:1000:rw`` leaves on a file of mode 0644."""


def shared_with_acl(path: Path) -> Path:
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o644)
    try:
        os.setxattr(path, ACL_NAME, SHARED_ACL)
    except (OSError, AttributeError) as exc:
        pytest.skip(f"the file system of {path.parent} has no POSIX ACLs ({exc})")
    assert mode(path) == 0o664  # the group bits show the mask
    return path


def test_a_replaced_file_keeps_its_access_control_list(tmp_path: Path) -> None:
    # The ACL was dropped and the mask's rw copied to the owning group, which could only read.
    path = shared_with_acl(tmp_path / "s.worksheet.yaml")
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert (os.getxattr(path, ACL_NAME), mode(path)) == (SHARED_ACL, 0o664)


def test_a_replaced_file_keeps_its_extended_attributes(tmp_path: Path) -> None:
    path = tmp_path / "s.worksheet.yaml"
    path.write_text("old\n", encoding="utf-8")
    try:
        os.setxattr(path, "user.factcheck.desk", b"politics")
    except (OSError, AttributeError) as exc:
        pytest.skip(f"the file system of {tmp_path} has no extended attributes ({exc})")
    write_atomic(path, "new\n")
    assert os.listxattr(path) == ["user.factcheck.desk"]
    assert os.getxattr(path, "user.factcheck.desk") == b"politics"


def test_an_acl_that_cannot_be_kept_never_widens_the_group_and_is_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared_with_acl(tmp_path / "s.worksheet.yaml")
    setxattr = os.setxattr

    def refuse_acl(target: int | str | Path, name: str, value: bytes, *args: int) -> None:
        if name == ACL_NAME:
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")
        setxattr(target, name, value, *args)

    monkeypatch.setattr(files.os, "setxattr", refuse_acl)
    with pytest.warns(FileWarning) as told:
        write_atomic(path, "new\n")
    assert [str(w.message) for w in told] == [
        f"{path}: its access control list could not be kept (Operation not supported): the "
        "users and groups it named lost their access"
    ]
    # The owning group could read, not write: the mode bits say so, not the mask's rw.
    assert (path.read_text(encoding="utf-8"), mode(path)) == ("new\n", 0o644)
    assert ACL_NAME not in os.listxattr(path)


def test_a_file_with_other_hard_links_is_replaced_with_a_warning_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared.worksheet.yaml"
    shared.write_text("old\n", encoding="utf-8")
    path = tmp_path / "s.worksheet.yaml"
    os.link(shared, path)
    with pytest.warns(FileWarning) as told:
        write_atomic(path, "new\n")
    assert [str(w.message) for w in told] == [
        f"{path} has 1 other hard link, which keeps the old content when this file is saved; "
        "share a file through a symbolic link instead"
    ]
    assert (path.read_text(encoding="utf-8"), shared.read_text(encoding="utf-8")) == (
        "new\n",
        "old\n",
    )
    write_atomic(path, "newer\n")  # no other link now: no warning (warnings are errors here)


def test_the_hard_links_warning_is_given_once_per_file(tmp_path: Path) -> None:
    path = tmp_path / "s.worksheet.yaml"
    path.write_text("old\n", encoding="utf-8")
    assert hard_links_warning(path) is None
    for n in (1, 2):
        os.link(path, tmp_path / f"copy{n}.yaml")
    assert hard_links_warning(path) == (
        f"{path} has 2 other hard links, which keep the old content when this file is saved; "
        "share a file through a symbolic link instead"
    )
    assert hard_links_warning(path) is None
    write_atomic(path, "new\n")  # told already: no warning (warnings are errors here)
    assert (tmp_path / "copy2.yaml").read_text(encoding="utf-8") == "old\n"

"""What the one atomic writer replaces: only a regular file (behind a symbolic link, the file it
points to), keeping its permission bits, owner and group; never a device, a pipe or a link's
missing target."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from factcheck.files import LinkToNothing, NotReplaceable, describe_os_error, write_atomic


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

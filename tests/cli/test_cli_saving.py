"""The files the commands save for the user (registries, worksheets) and the config they read:
a device or a link is never replaced by a regular file, a saved file keeps its permissions, and a
config file that cannot be used is one line naming the file, the key and what is expected."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from inprocess import run_cli

from factcheck.review.journal import load_worksheet

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
ADD = (
    "sources", "add", "--no-input", "--name", "Zeta", "--kind", "newspaper",
    "--domain", "zeta.example", "--citation", "https://zeta.example/a",
)  # fmt: skip


def factcheck(*args: str, cwd: Path) -> tuple[int, str, str]:
    result = run_cli("--color", "never", *args, cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def registry() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "sources.yaml"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- a device or a link where a file is saved ---------------------------------------------------


def test_add_never_replaces_a_device_it_is_given(tmp_path: Path) -> None:
    # As root, `sources add --file /dev/null` turned /dev/null into a text file.
    node = tmp_path / "mynull"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    assert factcheck(*ADD, "--file", str(node), cwd=tmp_path) == (
        1,
        "",
        f"Error: {node}: cannot save: not a regular file (a device, a pipe or a socket)\n",
    )
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert os.stat(node).st_rdev == os.makedev(1, 3)


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_add_never_replaces_a_registry_linked_to_a_device(tmp_path: Path) -> None:
    # A config switched off by linking it to /dev/null became a regular file.
    link = registry()
    link.parent.mkdir(parents=True)
    link.symlink_to("/dev/null")
    assert factcheck(*ADD, cwd=tmp_path) == (
        1,
        "",
        f"Error: {link}: cannot save: a symbolic link to /dev/null, which is not a regular "
        "file (a device, a pipe or a socket)\n",
    )
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_add_never_replaces_a_link_to_a_missing_file(tmp_path: Path) -> None:
    # A registry linked into a dotfiles folder that is not there became a regular file.
    link = registry()
    link.parent.mkdir(parents=True)
    target = tmp_path / "dotfiles" / "factcheck" / "sources.yaml"
    link.symlink_to(target)
    assert factcheck(*ADD, cwd=tmp_path) == (
        1,
        "",
        f"Error: {link}: cannot save: a symbolic link to {target}, which does not exist\n",
    )
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert not (tmp_path / "dotfiles").exists()


# --- permissions of a saved file --------------------------------------------------------------


def test_add_keeps_a_private_registry_private(tmp_path: Path) -> None:
    path = registry()
    assert factcheck(*ADD, cwd=tmp_path)[0] == 0
    os.chmod(path, 0o600)
    more = ("--name", "Omega Post", "--domain", "omega.example")
    code, out, err = factcheck(*ADD[:3], *more, *ADD[5:7], *ADD[9:], cwd=tmp_path)
    assert (code, out, err) == (0, "", f"Added 'omega-post' to {path}\n")
    assert mode(path) == 0o600


def test_a_review_keeps_a_shared_worksheet_writable_by_its_group(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.yaml").write_text("c1:\n  primary_source: yes\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text('c3:\n  hedged: "yes"\n', encoding="utf-8")
    worksheet = tmp_path / "reports" / "s.worksheet.yaml"
    previous = os.umask(0o002)
    try:
        args = ("--reports-dir", "reports", "--no-input", "--answers")
        assert factcheck("review", "s.txt", *args, "a.yaml", cwd=tmp_path)[0] == 0
        os.chmod(worksheet, 0o664)
        before = worksheet.read_text(encoding="utf-8")
        again = factcheck("review", str(worksheet), *args[2:], "b.yaml", cwd=tmp_path)
    finally:
        os.umask(previous)
    assert again[0] == 0
    assert worksheet.read_text(encoding="utf-8") != before
    assert mode(worksheet) == 0o664


def test_a_full_disk_says_which_change_was_lost_and_shows_its_text_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The journal's error was replaced by the save's at exit ("cannot save: No space left on
    # device"), and the note just typed was gone without a word.
    import errno

    (tmp_path / "s.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.yaml").write_text("c1:\n  primary_source: yes\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("c1:\n  primary_source: {note: Checked twice.}\n")
    args = ("--reports-dir", "reports", "--no-input", "--answers")
    assert factcheck("review", "s.txt", *args, "a.yaml", cwd=tmp_path)[0] == 0
    worksheet = tmp_path / "reports" / "s.worksheet.yaml"
    before = worksheet.read_bytes()

    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".journal"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    code, _, err = factcheck("review", str(worksheet), *args[2:], "b.yaml", cwd=tmp_path)
    monkeypatch.undo()
    journal = tmp_path / "reports" / "s.worksheet.journal"
    assert (code, err) == (
        1,
        f"Error: {journal}: cannot save the answer: No space left on device; it was not "
        "recorded\n"
        "The changes before it are kept in the journal. Resume with: factcheck review "
        f"{worksheet}\n"
        "Not saved: Checked twice.\n",
    )
    assert worksheet.read_bytes() == before


def test_a_review_warns_before_it_starts_that_other_hard_links_keep_the_old_content(
    tmp_path: Path,
) -> None:
    # A worksheet hard-linked into reports/ from a shared folder: the save replaced the name
    # reviewed, and the shared one silently kept the old answers.
    (tmp_path / "s.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.yaml").write_text("c1:\n  primary_source: yes\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text('c3:\n  hedged: "yes"\n', encoding="utf-8")
    args = ("--reports-dir", "reports", "--no-input", "--answers")
    assert factcheck("review", "s.txt", *args, "a.yaml", cwd=tmp_path)[0] == 0
    worksheet = Path("reports") / "s.worksheet.yaml"
    (tmp_path / "shared").mkdir()
    os.link(tmp_path / worksheet, tmp_path / "shared" / "s.worksheet.yaml")
    code, _, err = factcheck("review", str(worksheet), *args[2:], "b.yaml", cwd=tmp_path)
    assert (code, err) == (
        0,
        f"Warning: {worksheet} has 1 other hard link, which keeps the old content when this "
        "file is saved; share a file through a symbolic link instead\n"
        f"Saved {worksheet}\n",
    )
    shared = load_worksheet(tmp_path / "shared" / "s.worksheet.yaml")
    assert [a.claim for a in load_worksheet(tmp_path / worksheet).audit] != [
        a.claim for a in shared.audit
    ]


# --- the user's config file -------------------------------------------------------------------


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    (tmp_path / "a.txt").write_text(
        "The unemployment rate fell to 3.5 percent in 2019, the Labor Department said.\n",
        encoding="utf-8",
    )
    (tmp_path / "ans.yaml").write_text("article: {title: t}\n", encoding="utf-8")
    return tmp_path


def review_with_config(folder: Path, text: str | None) -> tuple[int, str, str]:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        config.mkdir()
    else:
        config.write_text(text, encoding="utf-8")
    args = ("--reports-dir", "reports", "--answers", "ans.yaml", "--no-input")
    return factcheck("review", "a.txt", *args, cwd=folder)


def test_a_folder_in_place_of_the_config_is_one_clear_line(article: Path) -> None:
    # It said "cannot read the config file: [Errno 21] Is a directory: 5".
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.yaml"
    assert review_with_config(article, None) == (
        1,
        "",
        f"Error: {config}: is a folder, not a file\n",
    )


@pytest.mark.parametrize(
    ("text", "line", "got"),
    [
        ("reviewer: 123\n", 1, "123"),
        ("# mine\nreviewer: [ana, ben]\n", 2, "a list"),
        ("reviewer:\n  name: Ana\n", 2, "a mapping"),
        ("reviewer: yes\n", 1, "yes"),
    ],
)
def test_a_reviewer_of_the_wrong_type_names_the_file_line_and_key(
    article: Path, text: str, line: int, got: str
) -> None:
    # It said "no reviewer named: ... or write 'reviewer: NAME' in config.yaml".
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.yaml"
    assert review_with_config(article, text) == (
        1,
        "",
        f"Error: {config}:{line}: reviewer: expected a name such as 'Ana Lima', got {got}\n",
    )


def test_a_reviewer_on_two_lines_is_refused_as_the_option_is(article: Path) -> None:
    # The name was recorded on two lines; `--reviewer` with the same name was refused.
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.yaml"
    assert review_with_config(article, 'reviewer: "Ana\\nLima"\n') == (
        1,
        "",
        f"Error: {config}:1: reviewer: expected a name on one line, got 'Ana\\nLima'\n",
    )
    assert not (article / "reports").exists()


def test_a_reviewer_in_the_config_is_used(article: Path) -> None:
    assert review_with_config(article, "reviewer: '  Ana Lima '\n")[0] == 0
    worksheet = load_worksheet(article / "reports" / "a.worksheet.yaml")
    assert worksheet.publication.reviewer == "Ana Lima"

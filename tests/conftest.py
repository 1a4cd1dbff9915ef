"""Shared test fixtures: keep every test away from the real reports/, the user's config and data."""

from __future__ import annotations

import functools
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer.main
import typer.testing

from factcheck import fastyaml

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed-article.txt"

# A suite started in the background by a shell without job control inherits Ctrl-C ignored, and a
# program started from it inherits that too: the tests that press Ctrl-C would wait in vain. With
# a handler of our own, every program the tests start gets the default again when it starts.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Typer's CliRunner turns the app into its click command at every invoke, reading the signature
# and type hints of every command (50 ms each time, hundreds of times a run). The app does not
# change while the tests run, and click makes a fresh context for each invocation, so each app
# is turned into its command once and that command is invoked again.
typer.testing._get_command = functools.cache(typer.main.get_command)


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the tests' homes, made once for the run."""
    return tmp_path_factory.mktemp("homes")


def _isolated(homes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A home of its own for each test, made apart from pytest's numbered folders: pytest numbers
    # a new one by reading every name in its folder, which each test made longer.
    home = Path(tempfile.mkdtemp(prefix="home", dir=homes))
    monkeypatch.setenv("FACTCHECK_REPORTS_DIR", str(home / "reports"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("FACTCHECK_FACTCHECKS_DB", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    # The reviewer is never guessed from the login; tests name one unless they test that.
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Test Reviewer")
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "TERM_PROGRAM"):
        monkeypatch.delenv(name, raising=False)
    # The fast YAML reader remembers what it read from one document to the next: each test starts
    # with nothing remembered, so that what it reads is read, whatever the tests before it read.
    monkeypatch.setattr(fastyaml, "_MEMORY", fastyaml._Memory())


@pytest.fixture(autouse=True)
def _isolate(_homes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _isolated(_homes, monkeypatch)


@pytest.fixture(scope="module")
def isolated_module(_homes: Path) -> Iterator[None]:
    """The same isolation for a module-scoped fixture that asks for this one: those are made
    before any test's own, and would otherwise see the user's home, config and data."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _isolated(_homes, monkeypatch)
        yield


@pytest.fixture
def seed_path() -> Path:
    """The bundled real scraped article."""
    return SEED


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make a file or folder read-only even for root, with ``chattr +i``; made writable again
    after the test, whether it passed or failed. Skips where chattr is missing or refused."""
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("chattr is not available to make a file read-only")
    made: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"chattr +i refused: {done.stderr.strip()}")
        made.append(path)

    try:
        yield make
    finally:
        for path in reversed(made):
            subprocess.run([chattr, "-i", str(path)], capture_output=True, check=False)

"""Run the command line inside the test's process: the same app and arguments as
``python -m factcheck``, without starting Python and importing the package again for each call.
Tests about the process itself (signals, closed streams, terminals) keep real subprocesses."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from typer.testing import CliRunner

from factcheck.cli import app


def run_cli(
    *args: str, cwd: Path, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Invoke ``factcheck ARGS`` in ``cwd`` with ``env`` changes; an unexpected exception fails."""
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            app, list(args), env=dict(env or {}), catch_exceptions=False, prog_name="factcheck"
        )
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(
        ["factcheck", *args], result.exit_code, result.stdout, result.stderr
    )


T = TypeVar("T")


def within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``'s result, or the test fails when it has not returned in ``seconds``.

    For tests of input that never ends or never comes (/dev/zero, a pipe nobody writes): if the
    protection they test regressed, the test fails instead of hanging the suite. The call runs
    in a thread, which is left behind (a daemon) when it does not return.
    """
    import threading

    import pytest

    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(call())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"did not finish in {seconds:g} seconds")
    if errors:
        raise errors[0]
    return results[0]


def run_cli_within(
    seconds: float, *args: str, cwd: Path, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`run_cli`, failing the test when the command has not finished in ``seconds``."""
    return within(seconds, lambda: run_cli(*args, cwd=cwd, env=env))


_CAPPED = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
    "from factcheck.cli import app\n"
    "app(args=sys.argv[1:], prog_name='factcheck')\n"
)


def run_cli_process(
    *args: str, cwd: Path, seconds: float = 60, memory: int = 4 << 30
) -> subprocess.CompletedProcess[str]:
    """``factcheck ARGS`` in a process of its own, killed (and the test failed) after
    ``seconds``, with at most ``memory`` bytes of address space: for input without end
    (/dev/zero), where a reader that regressed would fill the memory or never return."""
    import sys

    import pytest

    try:
        return subprocess.run(
            [sys.executable, "-c", _CAPPED.format(cap=memory), *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"factcheck {' '.join(args)} did not finish in {seconds:g} seconds")

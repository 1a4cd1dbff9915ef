"""Run the command line inside the test's process: the same app and arguments as
``python -m factcheck``, without starting Python and importing the package again for each call.
Tests about the process itself (signals, closed streams, terminals) keep real subprocesses."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

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

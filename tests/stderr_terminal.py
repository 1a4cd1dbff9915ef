"""Run the command line with its standard error on a pseudo-terminal, as a user at a terminal
who pipes the data away sees it: what is drawn only for a terminal (status lines) shows."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path


def with_stderr_on_a_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run factcheck with stdout a pipe and stderr a pseudo-terminal: (code, stdout, terminal)."""
    main, side = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    with subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=side,
    ) as process:
        os.close(side)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        out = process.stdout.read() if process.stdout else b""
        code = process.wait(timeout=120)
    os.close(main)
    return code, out.decode(), shown.decode()

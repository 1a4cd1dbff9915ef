"""Byte-compiling the package before timing it in fresh processes, as an installed copy is.

Installing the package compiles its modules, and Python caches what it compiles on a first run.
Where writing that cache is turned off (PYTHONDONTWRITEBYTECODE, as on some shared machines),
every timed run would compile the whole package from source again, a cost no user pays. The
benchmarks that time commands call :func:`byte_compile` first; ``--source`` times them without.
"""

from __future__ import annotations

import compileall
import subprocess
import sys
from pathlib import Path


def byte_compile(cwd: Path) -> str:
    """Compile the package the child processes will import (run from ``cwd``, with this
    environment); a line saying what was done."""
    found = subprocess.run(
        [sys.executable, "-c", "import factcheck, os; print(os.path.dirname(factcheck.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    package = found.stdout.strip()
    compileall.compile_dir(package, quiet=1)
    return f"(package at {package} byte-compiled first, as an installed copy is; --source: without)"

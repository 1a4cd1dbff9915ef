"""Byte-compiling the package before timing it in fresh processes, as an installed copy is.

Installing the package compiles its modules, and Python caches what it compiles on a first run;
the package keeps its compiled regular expressions the same way (``factcheck.regexes``). Where
writing those caches is turned off (PYTHONDONTWRITEBYTECODE, as on some shared machines), every
timed run would compile the whole package and its patterns from source again, a cost no user
pays after a first run. The benchmarks that time commands call :func:`byte_compile` first, which
also extracts a text and a page once with writing allowed; ``--source`` times them without.
"""

from __future__ import annotations

import compileall
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


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
    _first_run(cwd)
    return (
        f"(package at {package} byte-compiled and run once first, as an installed copy is; "
        "--source: without)"
    )


def _first_run(cwd: Path) -> None:
    """Extract the bundled article, as text and as a page, with writing caches allowed: what a
    user's first run leaves behind."""
    text = (REPO / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    page = f"<html><head><title>Example</title></head><body><article>{body}</article></body></html>"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "first.txt", Path(tmp) / "first.html"]
        paths[0].write_text(text, encoding="utf-8")
        paths[1].write_text(page, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "factcheck", "extract", *map(str, paths)],
            cwd=cwd,
            env=env,
            capture_output=True,
            check=True,
        )

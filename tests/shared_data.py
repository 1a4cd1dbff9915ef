"""Where the opt-in tests find the shared public data: `../shared/data` beside the repository.

A git worktree kept one folder deeper (`worktrees/NAME`) looks one level further up, as the
benchmarks do, so the opt-in figures run there too.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = next(
    (
        base / "shared" / "data"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data").is_dir()
    ),
    REPO.parent / "shared" / "data",
)

"""Known fact-checks: where the database file lives."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FACTCHECK_FACTCHECKS_DB"
"""The environment variable naming the database file."""


def default_path() -> Path:
    """``$FACTCHECK_FACTCHECKS_DB``, else ``$XDG_DATA_HOME/factcheck/factchecks.sqlite`` (with
    ``~/.local/share`` when ``XDG_DATA_HOME`` is not set)."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Path(named).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(data_home) if data_home else Path.home() / ".local" / "share"
    return base / "factcheck" / "factchecks.sqlite"

"""Known fact-checks: where the database file lives."""

from __future__ import annotations

import functools
import os
from pathlib import Path

ENV_VAR = "FACTCHECK_FACTCHECKS_DB"
"""The environment variable naming the database file."""


def default_path() -> Path:
    """``$FACTCHECK_FACTCHECKS_DB``, else ``$XDG_DATA_HOME/factcheck/factchecks.sqlite`` (with
    ``~/.local/share`` when ``XDG_DATA_HOME`` is not set)."""
    environ = os.environ
    # Asked once per extracted article: the path is worked out once per set of variables.
    return _path(environ.get(ENV_VAR, ""), environ.get("XDG_DATA_HOME", ""), environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _path(named: str, data_home: str, home: str | None) -> Path:
    """The path for these variables (``home``, $HOME, only keys the cache: ``Path.home`` reads
    it)."""
    named = named.strip()
    if named:
        return Path(named).expanduser()
    data_home = data_home.strip()
    base = Path(data_home) if data_home else Path.home() / ".local" / "share"
    return base / "factcheck" / "factchecks.sqlite"

"""Stage ⑦ review: who is reviewing, remembered per worksheet and in the user's config.

The name is never taken silently from the login: it comes from ``--reviewer``, then
$FACTCHECK_REVIEWER, then the worksheet (whoever reviewed it last), then the user's config file
(``$XDG_CONFIG_HOME/factcheck/config.yaml``, key ``reviewer``); failing those, the reviewer is
asked once, and the answer is saved in the config.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from factcheck.errors import ReviewError
from factcheck.files import NotAFile, read_own_text, write_atomic
from factcheck.invisible import has_invisible
from factcheck.review.worksheet import Worksheet
from factcheck.yamldump import safe_dump


def config_path() -> Path:
    """The user's config file: $XDG_CONFIG_HOME/factcheck/config.yaml (~/.config by default)."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "factcheck" / "config.yaml"


def _read_config(path: Path) -> dict[str, object]:
    from factcheck import yamlio

    try:
        data = yamlio.load(read_own_text(path))
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise ReviewError(f"{path}: is a folder, not a file") from None
    except NotAFile as exc:
        raise ReviewError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read the config file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: cannot read the config file: not UTF-8 text") from None
    except yamlio.YamlSyntaxError as exc:
        where = f":{exc.line}" if exc.line is not None else ""
        raise ReviewError(f"{path}{where}: not valid YAML: {exc.problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReviewError(f"{path}: expected a mapping such as 'reviewer: Ana Lima'")
    return data


def _where(path: Path, key: str, value: object) -> tuple[str, str]:
    """Where ``key`` is in the (readable) config file, as 'FILE:LINE: KEY', and its value as
    written: 'a list', 'a mapping' or the text of a scalar."""
    from factcheck import yamlio

    root = yamlio.compose(read_own_text(path))
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    for key_node, node in pairs:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            shown = str(node.value) if isinstance(node, yaml.ScalarNode) else yamlio.got(node)
            return f"{path}:{yamlio.line_of(node)}: {key}", shown
    return f"{path}: {key}", repr(value)  # merged in from an anchor ('<<: *defaults')


def configured_reviewer() -> str | None:
    """The reviewer named in the user's config, if any; a name that is not text on one line
    is a ReviewError naming the file, its line and the key."""
    path = config_path()
    value = _read_config(path).get("reviewer")
    if value is None:
        return None
    where, shown = _where(path, "reviewer", value)
    if not isinstance(value, str):
        raise ReviewError(f"{where}: expected a name such as 'Ana Lima', got {shown}")
    return _one_line(where, value.strip()) or None


def remember_reviewer(name: str) -> None:
    """Save the reviewer's name in the user's config, keeping its other keys."""
    from factcheck.files import describe_os_error

    path = config_path()
    data = _read_config(path)
    if data.get("reviewer") == name:
        return
    data["reviewer"] = name
    try:
        write_atomic(path, safe_dump(data, sort_keys=False, allow_unicode=True))
    except OSError as exc:
        raise ReviewError(f"{path}: cannot save: {describe_os_error(exc)}") from None


def resolve_reviewer(
    given: str | None,
    worksheet: Worksheet | None,
    ask: Callable[[], str | None] | None,
) -> str:
    """The reviewer's name, from the first place that has one; ``ask`` (a terminal) is used
    last, and its answer remembered. Without any, a ReviewError says how to give one."""
    for where, candidate in (
        ("--reviewer", given),
        ("FACTCHECK_REVIEWER", os.environ.get("FACTCHECK_REVIEWER")),
    ):
        if candidate and candidate.strip():
            return _one_line(where, candidate.strip())
    if worksheet is not None and worksheet.publication.reviewer:
        return worksheet.publication.reviewer
    configured = configured_reviewer()
    if configured:
        return configured
    if ask is not None:
        typed = _one_line("your name", (ask() or "").strip())
        if typed:
            remember_reviewer(typed)
            return typed
    raise ReviewError(
        "no reviewer named: give --reviewer NAME (remembered with the worksheet), set "
        f"FACTCHECK_REVIEWER, or write 'reviewer: NAME' in {config_path()}"
    )


class UnusableName(ReviewError):
    """A name was given, but cannot be recorded as it is."""


def _one_line(where: str, name: str) -> str:
    """NAME, unless it holds a line break, a tab or another control character, or an invisible
    format character (a bidi override, a zero-width space): the name goes into every answer, the
    audit log and the report's byline, and "ana" with a zero-width space would look like "ana"."""
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise UnusableName(f"{where}: expected a name on one line, got {name!r}")
    if has_invisible(name):
        raise UnusableName(f"{where}: expected a name without invisible characters, got {name!r}")
    return name

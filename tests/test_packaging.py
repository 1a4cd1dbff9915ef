"""Tests for the package's declared dependencies: everything it imports is declared."""

from __future__ import annotations

import ast
import importlib
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "factcheck"


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.match(r"[A-Za-z0-9._-]+", spec) for spec in project["dependencies"])
    return {_normal(name.group()) for name in names if name}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules() -> dict[str, str]:
    """Top-level module name -> the first file importing it, for every import in the package."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(REPO)))
    return found


def test_every_third_party_module_the_package_imports_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    declared = _declared()
    third_party = {
        module: where
        for module, where in _imported_modules().items()
        if module not in sys.stdlib_module_names and module not in ("factcheck", "__future__")
    }
    assert {"typer", "rich", "yaml", "sentencex", "trafilatura"} <= set(third_party)
    missing = {
        module: where
        for module, where in third_party.items()
        if not {_normal(d) for d in distributions.get(module, [module])} & declared
    }
    assert missing == {}


def test_the_html_cleaner_trafilatura_needs_is_a_declared_dependency() -> None:
    # lxml 5.2 moved lxml.html.clean into its own distribution; a pip without the lxml extra
    # resolution installs lxml alone and every HTML page then fails.
    assert "lxml-html-clean" in _declared()
    importlib.import_module("lxml.html.clean")

"""The command line: the only package that imports typer. Commands parse, call the core, render.

Each command group is a module of this package; importing it adds its commands to ``app``, in
the order that ``factcheck --help`` lists them.
"""

import importlib

from factcheck.cli.app import app

COMMAND_MODULES = (
    "extract",
    "review",
    "report",
    "team",
    "sources",
    "checklist",
    "case",
    "factchecks",
)
"""The modules that add commands, in the order of ``factcheck --help``."""

for _module in COMMAND_MODULES:
    importlib.import_module(f"factcheck.cli.{_module}")

__all__ = ["app"]

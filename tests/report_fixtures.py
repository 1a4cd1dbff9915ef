"""The report fixtures shared by the renderer tests: worksheets, their reports, reference files."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from factcheck.checklist.load import load_checklist
from factcheck.report.model import Report, build_report
from factcheck.review.journal import load_worksheet
from factcheck.sources.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "report"
REGEN = os.environ.get("FACTCHECK_REGEN") == "1"


@cache
def report(name: str, checklist: str = "quick.yaml") -> Report:
    """A fixture worksheet's report, with the fixture checklist and registry (not the built-ins)."""
    loaded = load_checklist(FIXTURES / checklist)
    registry = load_registry([FIXTURES / "sources.yaml"], builtin=False, user=False)
    worksheet = load_worksheet(FIXTURES / f"{name}.worksheet.yaml", loaded)
    return build_report(worksheet, loaded, registry, slug=name)


def seed() -> Report:
    """The report of the seed article's worksheet."""
    return report("seed")


def adversarial() -> Report:
    """The report of a worksheet full of hostile text."""
    return report("adversarial", "adversarial-checklist.yaml")


def check_reference(name: str, text: str) -> None:
    """Compare with a committed reference file (rewritten when FACTCHECK_REGEN=1)."""
    path = FIXTURES / name
    if REGEN:
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")

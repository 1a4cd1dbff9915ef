"""The report fixtures shared by the renderer tests: worksheets, their reports, reference files."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from factcheck.checklist.load import load_checklist
from factcheck.report.model import Report, build_report
from factcheck.review.journal import load_worksheet
from factcheck.sources.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "report"


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


def terminal_text(built: Report, details: bool = False) -> str:
    """The terminal report as plain text, 100 columns wide, without colour."""
    from rich.console import Console

    from factcheck.render.report import render_terminal

    out = io.StringIO()
    Console(width=100, color_system=None, file=out).print(render_terminal(built, details))
    return out.getvalue()


def _markdown() -> str:
    from factcheck.render.markdown import render_markdown

    return render_markdown(seed())


def _markdown_details() -> str:
    from factcheck.render.markdown import render_markdown

    return render_markdown(seed(), details=True)


def _json() -> str:
    from factcheck.render.data import render_json

    return render_json(seed())


def _csv() -> str:
    from factcheck.render.data import render_csv

    return render_csv(seed())


def _claimreview() -> str:
    from factcheck.render.data import render_claimreview

    return render_claimreview(seed(), url="https://factcheck.example/seed-article")


REFERENCES: dict[str, Callable[[], str]] = {
    "seed.terminal.txt": lambda: terminal_text(seed()),
    "seed.details.txt": lambda: terminal_text(seed(), details=True),
    "seed.md": _markdown,
    "seed.details.md": _markdown_details,
    "seed.json": _json,
    "seed.csv": _csv,
    "seed.claimreview.json": _claimreview,
}
"""Every committed reference file of the renderers and what produces it.

Tests compare; only ``python tools/regen_references.py`` rewrites them, after an intended change.
"""


def check_reference(name: str) -> None:
    """Compare the renderer's output with its committed reference file, byte for byte."""
    text = REFERENCES[name]()
    assert text == (FIXTURES / name).read_bytes().decode("utf-8")


def write_references() -> list[str]:
    """Rewrite every reference file from the current renderers; the names of those that changed."""
    changed = []
    for name, produce in REFERENCES.items():
        path = FIXTURES / name
        text = produce().encode("utf-8")
        if not path.exists() or path.read_bytes() != text:
            path.write_bytes(text)
            changed.append(name)
    return changed

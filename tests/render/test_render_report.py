"""Tests of factcheck.render.report: the terminal report, its reference output, and hostile text.

The reference files tests/fixtures/report/seed.terminal.txt (summary, claims and sources) and
seed.details.txt (with --details) are rendered with Console(width=100, color_system=None) and
compared byte for byte. After an intended change, rewrite them with
``.venv/bin/python tools/regen_references.py`` and review the diff.
"""

from __future__ import annotations

import io
import re

import pytest
from report_fixtures import adversarial, check_reference, seed
from rich.console import Console

from factcheck.errors import RenderError
from factcheck.render.report import render_report, render_terminal, verdict_style
from factcheck.report.model import Report

# What Rich itself writes in colour: SGR sequences only, never a hyperlink or a cursor move.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def plain(built: Report, details: bool = False) -> str:
    out = io.StringIO()
    Console(width=100, color_system=None, file=out).print(render_terminal(built, details))
    return out.getvalue()


def coloured(built: Report, details: bool = True) -> str:
    out = io.StringIO()
    console = Console(width=100, color_system="truecolor", force_terminal=True, file=out)
    console.print(render_terminal(built, details))
    return out.getvalue()


def test_terminal_report_matches_the_reference_file() -> None:
    check_reference("seed.terminal.txt")


def test_terminal_details_match_the_reference_file() -> None:
    check_reference("seed.details.txt")


def test_summary_panel_counts_verdicts() -> None:
    text = plain(seed())
    assert [line.rstrip(" │") for line in text.splitlines()[10:15]] == [
        "│ Verdicts     Mostly accurate ███ 2",
        "│              Unproven        ██ 1",
        "│              Misleading      ██ 1",
        "│              open            ████████████████████ 13",
        "│              skipped         ██ 1",
    ]
    assert "│ Checklist    Quick source check (quick, version 1)" in text


def test_verdicts_are_shown_in_their_scale_colour() -> None:
    text = coloured(seed(), details=False)
    # 'Misleading' is dark_orange (256-colour 208) on the quick checklist's scale.
    assert "\x1b[1;38;5;208mMisleading" in text


def test_hostile_text_is_shown_never_obeyed() -> None:
    text = plain(adversarial(), details=True)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert "[bold red]markup[/]" in text
    assert "\\x1b[31mred\\x1b[0m" in text
    assert "\\u202eevil" in text
    assert "<b>Hostile</b> | checklist *with* [markup](javascript:alert(1))" in text
    assert "قال المتحدث" in text
    assert "🚀🔥" in text


def test_hostile_text_in_colour_carries_only_rich_own_styles() -> None:
    text = coloured(adversarial())
    assert "\x1b]" not in text  # no OSC: no hyperlinks, no window titles
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e]", SGR.sub("", text))
    assert "\x1b" not in SGR.sub("", text)


@pytest.mark.parametrize(
    ("colour", "style"),
    [("green", "bold green"), ("#ff8800", "bold #ff8800"), ("notacolour", ""), (None, "")],
)
def test_verdict_style(colour: str | None, style: str) -> None:
    assert verdict_style(colour) == style


def test_render_report_to_text_for_a_file() -> None:
    assert render_report(seed(), "terminal") == plain(seed())
    assert "\x1b" not in render_report(adversarial(), "terminal", details=True)


def test_render_report_refuses_an_unknown_format() -> None:
    with pytest.raises(RenderError, match="unknown report format 'html'"):
        render_report(seed(), "html")

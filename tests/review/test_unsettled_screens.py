"""The review screens of a merged worksheet show what each reviewer gave where the merge left a
correction or a part of the report unsettled."""

from __future__ import annotations

import io

from rich.console import Console

from factcheck.checklist.load import Checklist
from factcheck.render.review import TerminalAsker, render_verdict
from factcheck.review.hints import ClaimHints
from factcheck.review.loop import claim_verdict
from factcheck.review.prompts import PublicationPrompt, VerdictPrompt
from factcheck.review.worksheet import Worksheet

HINTS = ClaimHints(('speaker: ana "Alpha"; ben "Beta"',), title="Reviewers")


def test_the_verdict_screen_shows_the_reviewers_values_and_how_to_settle_them(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    entry = worksheet.entry("c1")
    prompt = VerdictPrompt(
        checklist,
        worksheet.document,
        entry,
        claim_verdict(checklist, entry),
        claim_number=1,
        claim_count=1,
        hints=HINTS,
    )
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(render_verdict(prompt))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    lines = [line.rstrip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Reviewers"))
    assert lines[start:] == [
        'Reviewers  speaker: ana "Alpha"; ben "Beta"',
        "           Settle a speaker, role or chain with r (typing the value it has keeps it), a "
        "verdict with o, a claim that is",
        "           none with r d.",
        "Enter accept · c conclusion · o override · r correct claim · b back · q quit",
    ]


class Lines:
    """A keyboard that gives Enter to every line it is asked for."""

    def read_key(self) -> str:
        raise AssertionError("no key is read")

    def read_line(self, label: str) -> str | None:
        return ""


def test_the_report_parts_show_each_reviewers_title(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    console = Console(width=120, file=io.StringIO(), color_system=None)
    asker = TerminalAsker(console, Lines(), clear=False)  # type: ignore[arg-type]
    hints = ClaimHints(('title: ana "ANA title"; ben "BEN title"',), title="Reviewers")
    prompt = PublicationPrompt(worksheet, checklist, worksheet.publication, hints=hints)
    assert asker.ask_publication(prompt) == {}
    shown = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert [line.rstrip() for line in shown] == [
        "The published report",
        "Write what a reader needs beyond the verdicts; Enter keeps what is shown. Edit later "
        "with: factcheck review WORKSHEET",
        "--title/--summary/--bottom-line",
        'Reviewers: title: ana "ANA title"; ben "BEN title"',
        "  now: Evacuation ordered",
    ]

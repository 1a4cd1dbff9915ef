"""Adding a claim during a review: the body sentence holding the words the reviewer typed."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from factcheck.checklist.load import load_checklist
from factcheck.extract.pipeline import extract
from factcheck.render.review import TerminalAsker
from factcheck.review.loop import run_review
from factcheck.review.worksheet import Action, Change, Worksheet, create_worksheet

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"
AT = "2024-03-02T10:00:00Z"

QAANI = (
    "Going forward, Qaani reaffirmed that Iran will continue its support for the Palestinians "
    "until the destruction of the \u201cZionist regime.\u201d"
)


class Keyboard:
    def __init__(self, keys: str, lines: list[str]) -> None:
        self.keys = list(keys)
        self.lines = lines

    def read_key(self) -> str:
        return self.keys.pop(0)

    def read_line(self, label: str) -> str | None:
        return self.lines.pop(0)


def _add_claim(words: str) -> tuple[Worksheet, list[Change]]:
    """The seed article's worksheet after ``r``, ``a`` and ``words`` at its claim c3, and what
    the review saved."""
    checklist = load_checklist("quick")
    worksheet = create_worksheet(extract(str(SEED)), checklist, now=lambda: AT)
    console = Console(width=100, file=io.StringIO(), color_system=None)
    keyboard = Keyboard("rq", ["a", words])
    saved: list[Change] = []
    outcome = run_review(
        worksheet,
        checklist,
        TerminalAsker(console, keyboard, clear=False),
        lambda _ws, change: saved.append(change),
        reviewer="ana",
        claims=["c3"],
        now=lambda: AT,
    )
    assert (keyboard.keys, keyboard.lines) == ([], [])
    return outcome.worksheet, saved


def test_an_added_claim_is_the_body_sentence_holding_the_words_in_glued_text() -> None:
    # The article glues its sentences ("...northern fightingGoing forward, ..."), and the
    # sentence is followed by another with no line between them.
    worksheet, saved = _add_claim("Going forward, Qaani reaffirmed")
    assert [(c.claim, c.action, c.new) for c in saved] == [("c19", Action.ADD_CLAIM, "3555-3690")]
    added = worksheet.entry("c19").claim
    assert (added.start, added.end, added.text) == (3555, 3690, QAANI)
    assert worksheet.document.text[3555:3690] == QAANI


def test_words_found_nowhere_add_no_claim() -> None:
    worksheet, saved = _add_claim("words the article does not hold")
    assert saved == []
    assert [entry.id for entry in worksheet.claims] == [f"c{n}" for n in range(1, 19)]

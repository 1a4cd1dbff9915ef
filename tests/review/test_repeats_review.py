"""Reviewing a claim that another claim of the article repeats: C copies the answers across."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from factcheck.checklist.load import load_checklist
from factcheck.extract.pipeline import extract
from factcheck.render.review import render_prompt
from factcheck.review.keys import Key, question_legend, response_for_key
from factcheck.review.loop import run_review
from factcheck.review.prompts import (
    Accept,
    CopyAnswers,
    Prompt,
    PublicationPrompt,
    Quit,
    Response,
    VerdictPrompt,
)
from factcheck.review.worksheet import (
    Action,
    Answer,
    Worksheet,
    apply_change,
    create_worksheet,
    make_change,
)

C1 = {
    "primary_source": "yes",
    "original_matches": "yes",
    "corroborated": "yes",
    "partisan_chain": "yes",
    "hops": "first_hand",
    "hedged": "no",
}


def seed_worksheet(seed_path: Path) -> Worksheet:
    worksheet = create_worksheet(extract(str(seed_path)), load_checklist("quick"))
    for qid, value in C1.items():
        change = make_change(
            worksheet,
            "c1",
            Action.ANSWER,
            reviewer="ana",
            question=qid,
            new=value,
            now=lambda: "2024-01-01T00:00:00Z",
        )
        worksheet = apply_change(worksheet, change)
    note = make_change(
        worksheet,
        "c1",
        Action.NOTE,
        reviewer="ana",
        question="primary_source",
        new="The Prime Minister's Office published the visit.",
        now=lambda: "2024-01-01T00:00:00Z",
    )
    return apply_change(worksheet, note)


class CopyOnce:
    """Presses C at the first question, accepts the verdict, then stops."""

    def __init__(self) -> None:
        self.prompts: list[Prompt] = []

    def ask(self, prompt: Prompt) -> Response:
        self.prompts.append(prompt)
        if len(self.prompts) == 1 and prompt.copy_from is not None:
            return CopyAnswers(prompt.copy_from)
        return Quit()

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        return Accept() if prompt.entry.id == "c10" else Quit()

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        return None


def test_c_copies_the_answers_of_the_claim_that_repeats_this_one(seed_path: Path) -> None:
    worksheet = seed_worksheet(seed_path)
    asker = CopyOnce()
    saved: list[object] = []
    outcome = run_review(
        worksheet,
        load_checklist("quick"),
        asker,
        lambda ws, change: saved.append(change),
        reviewer="ben",
        claims=["c10"],
    )
    first = asker.prompts[0]
    assert (first.entry.id, first.repeated_in, first.copy_from) == ("c10", ("c1",), "c1")
    assert response_for_key("C", first) == CopyAnswers("c1")
    assert Key("C", "copy c1's answers") in question_legend(first)
    c10 = outcome.worksheet.entry("c10")
    assert {qid: a.value for qid, a in c10.answers.items()} == C1
    assert c10.answers["primary_source"] == Answer(
        value="yes",
        note="The Prime Minister's Office published the visit.",
        reviewer="ben",
        at=c10.answers["primary_source"].at,
    )
    assert len(asker.prompts) == 1  # every question answered: straight to the verdict


def test_the_screen_shows_the_link_and_the_key(seed_path: Path) -> None:
    worksheet = seed_worksheet(seed_path)
    asker = CopyOnce()
    run_review(
        worksheet,
        load_checklist("quick"),
        asker,
        lambda ws, c: None,
        reviewer="ben",
        claims=["c10"],
    )
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(render_prompt(asker.prompts[0]))
    screen = out.getvalue()
    assert "Repeats repeated in c1 · C copies c1's answers" in " ".join(screen.split())
    assert "C copy c1's answers · q quit" in " ".join(screen.split())


def test_no_copy_is_offered_when_the_linked_claim_has_no_answers(seed_path: Path) -> None:
    worksheet = create_worksheet(extract(str(seed_path)), load_checklist("quick"))
    asker = CopyOnce()
    run_review(
        worksheet,
        load_checklist("quick"),
        asker,
        lambda ws, c: None,
        reviewer="ben",
        claims=["c1"],
    )
    first = asker.prompts[0]
    assert (first.entry.claim.repeats, first.copy_from) == ("c10", None)
    assert all(key.key != "C" for key in question_legend(first))

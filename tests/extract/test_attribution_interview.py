"""Tests for stage ③ attribution: interviews printed as questions and answers."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution import attribute_sentences

Row = tuple[str | None, str | None, bool]
NO_ONE: Row = (None, None, False)
HALE: Row = ("Ann Hale", "Senator", True)

TURNS = [
    "Q: Will you vote for the bill?",
    "A: I will not vote for a bill that cuts school funding.",
    "Q: What about the tax cuts?",
    "A: We cannot afford them.",
    "I have said so for years.",
]


def rows(sentences: list[str], title: str | None = None) -> list[Row]:
    # Each sentence a paragraph of its own, as a transcript prints its turns.
    found = attribute_sentences(sentences, blocks=list(range(len(sentences))), title=title)
    return [(a.speaker, a.role, a.quote) for a in found]


def test_answers_are_the_words_of_the_person_the_introduction_names() -> None:
    intro = "POLITICO spoke with Senator Ann Hale about the budget fight on Tuesday."
    assert rows([intro, *TURNS]) == [NO_ONE, NO_ONE, HALE, NO_ONE, HALE, HALE]


def test_the_title_names_the_person_interviewed() -> None:
    intro = "The budget fight went on into the night in Senator Ann Hale's committee."
    assert rows([intro, *TURNS], title="Q&A with Ann Hale") == [
        NO_ONE,
        NO_ONE,
        HALE,
        NO_ONE,
        HALE,
        HALE,
    ]


def test_the_journalist_asking_is_not_the_person_interviewed() -> None:
    intro = "Senator Ann Hale talked on Tuesday to reporter Tom Ruiz of the Ledger."
    spoke = ("Ann Hale", "Senator", False)
    assert rows([intro, *TURNS]) == [spoke, NO_ONE, HALE, NO_ONE, HALE, HALE]


@pytest.mark.parametrize(
    "sentences",
    [
        # Nobody is named before the first question: the answers stay unattributed.
        ["Here is the edited transcript.", *TURNS],
        # Answers without questions are no interview.
        ["Senator Ann Hale spoke on Tuesday.", "A: Plan A is the budget.", "A: Plan B is not."],
    ],
    ids=["no one named", "no questions"],
)
def test_no_interview_no_speaker_for_the_answers(sentences: list[str]) -> None:
    assert [row[0] for row in rows(sentences)[1:]] == [None] * (len(sentences) - 1)

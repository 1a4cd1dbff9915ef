"""Tests for stage ③ attribution of quotations: sentences that quote a whole sentence, names
that end on a word which starts no name, and quotations that go on after their speaker."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences

NONE: Row = (None, None, None, (), (), False)


def rows(sentences: Sequence[str], blocks: Sequence[int] | None = None) -> list[Row]:
    return [row(a) for a in attribute_sentences(sentences, blocks=blocks)]


def test_a_quoted_sentence_set_off_by_a_comma_is_no_title_case_headline() -> None:
    # Masked, "According to Ann Lee of the Dune Institute, …" has no word a headline would
    # lowercase; the quotation set off after the comma is prose, so this is a report.
    sentence = "According to Ann Lee of the Dune Institute, “the plan has failed twice this year.”"
    assert rows([sentence]) == [
        ("Ann Lee of the Dune Institute", None, "according to", (), ("according to",), True)
    ]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # Inline, not set off by a comma: a headline's quotation, in any case.
        (
            "Hale Says Plan “will fail badly next year” In Ohio",
            ("Hale", None, "says", (), (), False),
        ),
        ("Hale Says Plan “Will Fail” In Ohio", ("Hale", None, "says", (), (), False)),
        # Set off by a comma, but no word before it in lower case.
        (
            "Hale Warns Voters In Dune County, “we will fail this year”",
            ("Hale", None, "warns", (), (), False),
        ),
        # Set off by a comma, but in title case: a title, not prose.
        ("Critics Pan Hale, “The Long Ohio Winter”", (None, None, None, (), (), True)),
    ],
)
def test_a_headline_whose_quotation_is_no_sentence_set_off_stays_a_headline(
    headline: str, expected: Row
) -> None:
    assert rows([headline]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Human Rights Watch said the vote was rigged.", "Human Rights Watch"),
        ("Judicial Watch reported that the files were lost.", "Judicial Watch"),
        ("Dune Valley Today reported that the files were lost.", "Dune Valley Today"),
    ],
)
def test_an_organisation_head_that_starts_no_name_still_ends_one(
    sentence: str, speaker: str
) -> None:
    verb = sentence.split()[len(speaker.split())]
    assert rows([sentence]) == [(speaker, None, verb, (), (), False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch the video of the vote below.",  # "Watch" opening a sentence starts no name
        "Today the council voted on the plan.",
    ],
)
def test_a_capitalised_organisation_head_alone_names_no_one(sentence: str) -> None:
    assert rows([sentence]) == [NONE]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # An organisation named before, described now: the description is its role.
        (
            ["Acme Corp said revenue rose.", "The company said it would appeal."],
            ("Acme Corp", "company", "said", (), (), False),
        ),
        (
            ["Acme Corp said revenue rose.", "“We will appeal the ruling,” the company said."],
            ("Acme Corp", "company", "said", (), (), True),
        ),
        # Someone whose title the article gave keeps it: "the senator" tells no more.
        (
            ["Sen. Ann Hale of Ohio said the plan would fail.", "The senator said it would."],
            ("Ann Hale", "Sen.", "said", (), (), False),
        ),
        # A description that is the speaker's whole name adds no role.
        (
            ["The task force said the plan would fail.", "The task force said it would appeal."],
            ("task force", None, "said", (), (), False),
        ),
        (
            ["Two lawmakers said the plan would fail.", "The two lawmakers argue it would."],
            ("Two lawmakers", None, "argue", (), (), False),
        ),
    ],
)
def test_a_description_of_a_speaker_named_before_gives_the_role(
    sentences: list[str], expected: Row
) -> None:
    assert rows(sentences)[-1] == expected

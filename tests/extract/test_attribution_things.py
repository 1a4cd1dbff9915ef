"""Tests for stage ③ attribution: things, places and deeds that only look like speakers."""

from __future__ import annotations

import pytest
from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences

EMPTY: Row = (None, None, None, (), (), False)


def only(text: str) -> Row:
    return row(attribute_sentences([text])[0])


# -- a thing that shows or echoes something is the article's own reasoning ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "The tone of the mayor's speech was stern and echoed the themes of his first campaign.",
        "But the resistance in the richest of the towns underscores a deeper problem.",
        "The silence of the council suggests that the plan is dead.",
    ],
)
def test_a_thing_as_the_subject_of_an_evidence_verb_names_no_source(text: str) -> None:
    assert only(text) == EMPTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The remarks suggest that the mayor will run again.",
            ("remarks", None, "suggest", (), (), False),
        ),
        (
            "Other councillors echoed those comments on Monday.",
            ("Other councillors", None, "echoed", (), (), False),
        ),
        (
            "The mayor met three lawyers; one suggested that he should resign.",
            ("one", None, "suggested", (), (), False),
        ),
        (
            "The new survey suggests that the mayor is popular.",
            ("new survey", None, "suggests", (), (), False),
        ),
    ],
)
def test_a_document_or_people_as_the_subject_keep_the_speaker(text: str, expected: Row) -> None:
    assert only(text) == expected

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


# -- an impression, not a view: "it feels like", "promised to be" ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "But it can sometimes feel like the council is falling in line.",
        "It can feel as if the town has been forgotten.",
        "The hearing promised to be a turning point for the mayor.",
    ],
)
def test_an_impression_names_no_one_who_holds_a_view(text: str) -> None:
    assert only(text) == EMPTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Many voters feel like the town has forgotten them.",
            ("Many voters", None, "feel", (), (), False),
        ),
        (
            "The mayor promised to be a voice for the town.",
            ("mayor", None, "promised", (), (), False),
        ),
        (
            "The mayor said it feels like a betrayal.",
            ("mayor", None, "said", (), (), False),
        ),
    ],
)
def test_someone_who_feels_or_promises_still_speaks(text: str, expected: Row) -> None:
    assert only(text) == expected


# -- a title before a verb of writing is no quotation: the subject writes ----------------------


def test_a_title_in_quotation_marks_before_posted_is_not_the_words_of_the_object() -> None:
    text = "Ann Lee, who starred in “Parks and Recreation,” posted the clip to YouTube on Monday."
    assert only(text) == EMPTY


def test_words_in_quotation_marks_before_wrote_are_the_writers() -> None:
    text = "“We will not give up on this town,” wrote the mayor on Monday."
    assert only(text) == ("mayor", None, "wrote", (), (), True)


# -- deeds that take a verb of speech: declaring oneself something, passing a request on -------


@pytest.mark.parametrize(
    "text",
    [
        "In 2007 the mayor declared himself an independent.",
        "The mayor closed the night by declaring himself the winner.",
        "Her staff referred questions to the city's press office.",
    ],
)
def test_a_deed_done_with_a_verb_of_speech_names_no_speaker(text: str) -> None:
    assert only(text) == EMPTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor declared that the town was broke.",
            ("mayor", None, "declared", (), (), False),
        ),
        (
            "The mayor referred to the council as “a pack of cowards.”",
            ("mayor", None, "referred", (), (), True),
        ),
    ],
)
def test_a_declaration_or_a_reference_still_speaks(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_a_stance_word_after_than_is_a_noun() -> None:
    text = "A newcomer could take the seat on little more than hope."
    assert only(text) == EMPTY
    assert only("Many voters hope that the mayor will resign.") == (
        "Many voters",
        None,
        "hope",
        (),
        (),
        False,
    )


def test_a_fronted_poll_with_no_finding_after_it_names_no_speaker() -> None:
    assert only("In the polls, anyway.") == EMPTY
    assert only("In the latest polls, he doesn't.") == (
        "latest polls",
        None,
        None,
        (),
        (),
        False,
    )


# -- the subject is the people, not where they are or when they spoke --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Several aides on the campaign said that the mayor would resign.",
            ("Several aides", None, "said", (), (), False),
        ),
        (
            "But several party leaders on the ground told reporters that the plan was dead.",
            ("several party leaders", None, "told", (), (), False),
        ),
        (
            "The mayor's allies have in the past said that the plan was dead.",
            ("mayor's allies", None, "said", (), (), False),
        ),
        (
            "The mayor has for years argued that the town is broke.",
            ("mayor", None, "argued", (), (), False),
        ),
    ],
)
def test_a_place_or_a_time_before_the_verb_is_not_the_subject(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_people_before_a_phrase_of_place_keep_their_words() -> None:
    assert only("Protesters across the state said that the plan was dead.") == (
        "Protesters",
        None,
        "said",
        (),
        (),
        False,
    )
    assert only("Officials at the Pentagon said that the plan was dead.") == (
        "Officials",
        None,
        "said",
        (),
        (),
        False,
    )


# -- weighing a thing is no view held ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It would have been better if voters could have considered them.",
        "The council considered it on Monday.",
    ],
)
def test_considering_a_thing_named_before_holds_no_view(text: str) -> None:
    assert only(text) == EMPTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Many voters consider him a friend.", ("Many voters", None, "consider", (), (), False)),
        (
            "The council considered that the plan was dead.",
            ("council", None, "considered", (), (), False),
        ),
    ],
)
def test_considering_something_of_someone_is_a_view(text: str, expected: Row) -> None:
    assert only(text) == expected


# -- "say" as a noun -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The judge still has the final say on the case.", EMPTY),
        (
            "The experts say that the plan is dead.",
            ("experts", None, "say", (), (), False),
        ),
        (
            "Observers around the country say that the plan is dead.",
            ("Observers", None, "say", (), (), False),
        ),
        (
            "Those surveyed say that the plan is dead.",
            ("Those surveyed", None, "say", (), (), False),
        ),
    ],
)
def test_say_after_a_determiner_and_its_modifier_is_a_noun(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_people_briefed_on_something_are_unnamed_sources_not_the_thing() -> None:
    assert only("People briefed on the talks said that the deal was close.") == (
        "unnamed source",
        "People briefed on the talks",
        "said",
        (),
        ("anonymous",),
        False,
    )


def test_a_verb_after_but_joins_the_main_clause_not_a_relative_one() -> None:
    text = "The mayor praised those who left but said that the plant would close."
    assert only(text) == ("mayor", None, "said", (), (), False)
    text = "Officials who spoke with the paper said that the plant would close."
    assert only(text) == ("Officials", None, "said", (), (), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor said the way the council ignored women who complained was wrong.",
            ("mayor", None, "said", (), (), False),
        ),
        (
            "The mayor sounded the alarm, echoing security experts who say the plan is dead.",
            ("security experts", None, "say", (), (), False),
        ),
        (
            "The newly elected officials who said the plan was dead were wrong.",
            ("newly elected officials", None, "said", (), (), False),
        ),
    ],
)
def test_a_verb_before_the_noun_a_relative_clause_hangs_on_is_left_out(
    text: str, expected: Row
) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The biggest hawks, like Ann Lee and Bob Roe, say the bulk of the troops should stay.",
            ("biggest hawks", None, "say", (), (), False),
        ),
        (
            "Yet local economists, such as Ann Lee, say the tax encourages savings.",
            ("local economists", None, "say", (), (), False),
        ),
    ],
)
def test_examples_set_off_after_a_subject_leave_the_subject(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_long_after_an_auxiliary_is_an_adverb_before_the_verb() -> None:
    text = "The mayor has long said that he would back the plan."
    assert only(text) == ("mayor", None, "said", (), (), False)
    text = "Critics have long argued that the plan is dead."
    assert only(text) == ("Critics", None, "argued", (), (), False)
    text = "The council has twice complained that the plan is dead."
    assert only(text) == ("council", None, "complained", (), (), False)
    text = "The mayor has at times said that the plan is dead."
    assert only(text) == ("mayor", None, "said", (), (), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The senators all said that the plan was dead.",
            ("senators", None, "said", (), (), False),
        ),
        (
            "The senators have each said that the plan was dead.",
            ("senators", None, "said", (), (), False),
        ),
        ("All said that the plan was dead.", EMPTY),
    ],
)
def test_a_quantifier_after_the_subject_is_not_part_of_it(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_people_named_and_others_speak_together() -> None:
    text = "Ann Toretti, Mary Rao and other prominent donors said their networks had grown."
    assert only(text) == (
        "Ann Toretti, Mary Rao and other prominent donors",
        None,
        "said",
        (),
        (),
        False,
    )
    text = "Other prominent donors in both parties said their networks had grown."
    assert only(text) == ("Other prominent donors", None, "said", (), (), False)


def test_sources_privy_to_something_are_unnamed_sources() -> None:
    assert only("Sources privy to the talks say the deal is close.") == (
        "unnamed sources",
        "Sources privy to the talks",
        "say",
        (),
        ("anonymous",),
        False,
    )

"""Tests for stage ③ attribution: poll figures, and frames that look like reports but are not."""

from __future__ import annotations

import pytest
from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences


def only(text: str) -> Row:
    return row(attribute_sentences([text])[0])


# -- poll figures: the poll that counted people speaks, not the people counted --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A Harlow College poll found that 64 percent of likely voters said the mayor "
            "should resign.",
            ("Harlow College poll", None, "found", (), (), False),
        ),
        (
            "In a Granite Daily poll, 58 percent of parents said the schools were safe.",
            ("Granite Daily poll", None, None, (), (), False),
        ),
        (
            "Polls show as many as 30 percent of Ms. Varga's backers say they will stay home.",
            ("Polls", None, "show", (), (), False),
        ),
        (
            "Nearly six in 10 say they would pay more for local goods, according to the survey.",
            ("survey", None, "according to", (), ("according to",), False),
        ),
    ],
)
def test_a_poll_speaks_for_the_share_of_people_it_counted(text: str, expected: Row) -> None:
    assert only(text) == expected


def test_a_share_of_people_without_a_poll_named_stays_the_speaker() -> None:
    assert only("Forty percent of the farmers said they would sell their land.") == (
        "Forty percent of the farmers",
        None,
        "said",
        (),
        (),
        False,
    )


# -- frames that name no source ----------------------------------------------------------------


def test_according_to_a_measure_names_no_source_and_hedges_nothing() -> None:
    empty: Row = (None, None, None, (), (), False)
    assert only("The bridge counts as unsafe according to the state's safety index.") == empty
    assert only("Voters simply pick a side according to their instinctive preference.") == empty


def test_according_to_people_or_a_document_still_names_the_source() -> None:
    assert only("The senator is in good health, according to his doctors.") == (
        "doctors",
        None,
        "according to",
        (),
        ("according to",),
        False,
    )
    assert only("The firm lost money last year, according to its annual report.") == (
        "annual report",
        None,
        "according to",
        (),
        ("according to",),
        False,
    )


def test_a_passive_with_a_bare_it_as_subject_is_a_deed_not_a_report() -> None:
    assert only("It was first declared by Governor Ana Ruiz in 1998.") == (
        None,
        None,
        None,
        (),
        (),
        False,
    )
    # Words after the agent are what it reported.
    assert only("It was reported by the Dunmore Herald that the talks had failed.") == (
        "Dunmore Herald",
        None,
        "reported",
        (),
        ("it was reported",),
        False,
    )


def test_evidence_from_a_look_or_a_walk_is_the_articles_own_reasoning() -> None:
    empty: Row = (None, None, None, (), (), False)
    assert only("A look at the mayor's budget and audits suggests that the city is broke.") == (
        empty
    )
    assert only("A walk through their offices hints at these differences.") == empty


def test_evidence_from_people_or_documents_keeps_its_speaker() -> None:
    assert only("A spokesman for the governor suggested that the plan was dead.") == (
        "spokesman for the governor",
        None,
        "suggested",
        (),
        (),
        False,
    )
    assert only("The records suggest that the city is nearly broke.") == (
        "records",
        None,
        "suggest",
        (),
        (),
        False,
    )


# -- a thing cited is evidence: the one citing it speaks --------------------------------------


def test_the_one_citing_a_thing_speaks_for_it() -> None:
    assert only("The mayor cited the Head Start program.") == (
        "mayor",
        None,
        "cited",
        (),
        (),
        False,
    )
    assert only("Ms. Tarn, citing data from the Labor Department, said that wages rose.") == (
        "Tarn",
        None,
        "said",
        (),
        (),
        False,
    )
    results = attribute_sentences(
        ["Senator Ana Ruiz spoke in Dover.", "She won over donors by citing her Iowa results."]
    )
    assert row(results[1]) == ("Ana Ruiz", "Senator", "citing", (), (), False)


def test_someone_quoted_as_saying_is_still_the_speaker() -> None:
    text = "The Dunmore Herald quoted Ana Ruiz, a resident, as saying that the water was brown."
    assert only(text) == ("Ana Ruiz", "resident", "quoted", ("Dunmore Herald",), (), False)


# -- "it" after a document as the subject means the document -------------------------------


def test_it_after_a_document_subject_means_the_document() -> None:
    results = attribute_sentences(
        [
            "The Harlow Institute released a report on Monday.",
            "The report, which runs to 90 pages, faults the city council.",
            "It also said the mayor ignored two warnings.",
        ]
    )
    assert [row(a) for a in results] == [
        (None, None, None, (), (), False),
        (None, None, None, (), (), False),
        ("report", None, "said", (), (), False),
    ]


def test_it_without_a_document_subject_still_means_the_organisation() -> None:
    results = attribute_sentences(
        ["The Harlow Institute released a report on Monday.", "It said the mayor ignored it."]
    )
    assert row(results[1]) == ("Harlow Institute", None, "said", (), (), False)


def test_they_after_people_named_by_a_plural_noun_means_those_people() -> None:
    results = attribute_sentences(
        [
            "The Dover Alliance backed Ana Varga in March.",
            "Varga's advisers have long insisted they expected a close race.",
            "Many members were dismayed at what they consider a betrayal.",
        ]
    )
    assert [row(a)[:3] for a in results[1:]] == [
        ("Varga's advisers", None, "insisted"),
        ("Many members", None, "consider"),
    ]


def test_an_age_set_off_after_a_name_is_not_the_speaker() -> None:
    assert only("Mara Quist, 63, a retired teacher, said the bridge was unsafe.") == (
        "Mara Quist",
        None,
        "said",
        (),
        (),
        False,
    )
    assert only("Tom Vale, 58, who lives in Dover, says he will vote.")[:3] == (
        "Tom Vale",
        None,
        "says",
    )
    # A count after a name is people counted, not an age.
    assert only("While 86 percent of voters liked Ana Varga, 43 said the same of Tom Vale.")[
        :3
    ] == ("43", None, "said")


def test_a_share_that_only_agrees_after_a_poll_is_the_polls_finding() -> None:
    results = attribute_sentences(
        [
            "A Harlow College poll released Monday found that 74 percent of likely voters said "
            "the mayor should resign.",
            "Sixty-two percent of Republicans agreed.",
        ]
    )
    # The poll's name loses the participle left dangling ("poll released").
    assert [row(a) for a in results] == [
        ("Harlow College poll", None, "found", (), (), False),
        ("Harlow College poll", None, "found", (), (), False),
    ]
    after_a_person = attribute_sentences(
        ["Tom Vale said the mayor should resign.", "Sixty-two percent of Republicans agreed."]
    )
    assert row(after_a_person[1]) == (
        "Sixty-two percent of Republicans",
        None,
        "agreed",
        (),
        (),
        False,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ana Varga, speaking at a rally in Wilmington, N.C., warned that the plant would close.",
        "Ana Varga, during a town hall in Columbus, Ohio, warned that the plant would close.",
    ],
)
def test_a_place_set_off_before_the_verb_never_speaks(text: str) -> None:
    assert only(text) == ("Ana Varga", None, "warned", (), (), False)


def test_a_place_in_an_appositive_leaves_the_person_and_role() -> None:
    assert only("Ana Varga, a farmer from Salem, Oregon, warned that the plant would close.") == (
        "Ana Varga",
        "farmer",
        "warned",
        (),
        (),
        False,
    )


def test_a_name_that_only_modifies_a_noun_is_not_the_one_quoted() -> None:
    quoted = "on the council with a “question that amounted to a spanking.”"
    results = attribute_sentences(
        [
            "The Dover Herald is a paper.",
            f"The Dover Herald blonde, a former mayor, unloaded {quoted}",
            f"Ana Varga unloaded {quoted}",
        ]
    )
    assert [row(a) for a in results[1:]] == [
        (None, None, None, (), (), True),
        ("Ana Varga", None, None, (), (), True),
    ]


# -- a past form used as an adjective, and a verb's object after it -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Though Clinton keeps a large pledged delegate lead over Mr. Vance, she may lose.",
        "The city will keep screening people, a plan announced earlier this year.",
    ],
)
def test_a_past_form_after_a_and_an_adjective_reports_nothing(text: str) -> None:
    assert only(text) == (None, None, None, (), (), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A spokesman confirmed reports of the deal.",
            ("spokesman", None, "confirmed", (), (), False),
        ),
        (
            "Japan backed the statement, a call echoed by Korea on Saturday.",
            ("Korea", None, "echoed", (), (), False),
        ),
    ],
)
def test_a_subject_or_an_agent_around_the_past_form_still_reports(text: str, expected: Row) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The former champion, now a speaker, thanked Mayor Lee for the help.",
            ("former champion", None, "thanked", (), (), False),
        ),
        (
            "U.S. officials have, in fact, praised the Saudis for their help.",
            (None, None, None, (), (), False),
        ),
        (
            "The plan will pass, predicted Jane Roe, a teacher.",
            ("Jane Roe", "teacher", "predicted", (), (), False),
        ),
    ],
)
def test_a_name_after_the_verb_and_before_for_is_its_object(text: str, expected: Row) -> None:
    assert only(text) == expected


# -- the publication's own notes on its text report no one ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Correction: An earlier version of this story incorrectly indicated that Ann Lee, "
        "the chairwoman, intended to run.",
        "This article was updated to reflect that Mr. Vance conceded.",
        "An earlier version of this article misstated when Ann Lee said the plan began.",
    ],
)
def test_a_correction_or_update_note_has_no_speaker(text: str) -> None:
    assert only(text) == (None, None, None, (), (), False)


def test_an_update_with_news_of_its_own_keeps_its_speaker() -> None:
    assert only("UPDATE: The website that listed it, Ann Lee said, removed the listing.") == (
        "Ann Lee",
        None,
        "said",
        (),
        (),
        False,
    )

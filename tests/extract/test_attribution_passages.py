"""Tests for stage ③ attribution across sentences: signatures under quotations, quotations that
go on after a connective or into the next paragraph, headlines that name a speaker, and roles
before an inverted speaker."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences

NONE: Row = (None, None, None, (), (), False)


def rows(sentences: Sequence[str], blocks: Sequence[int] | None = None) -> list[Row]:
    return [row(a) for a in attribute_sentences(sentences, blocks=blocks)]


def test_lowercase_role_words_before_an_inverted_speaker() -> None:
    assert rows(["“Fees like these are a red flag,” said election lawyer Ruth Ansel."]) == [
        ("Ruth Ansel", "lawyer", "said", (), (), True)
    ]


def test_role_words_in_any_case_before_an_inverted_speaker_with_a_place() -> None:
    sentence = "“I do not know where she is,” said undecided Republican voter Ann Hale of Derry."
    assert rows([sentence]) == [("Ann Hale", "Republican voter", "said", (), (), True)]


def test_a_name_that_only_modifies_the_inverted_subject_is_not_the_speaker() -> None:
    # "Facebook" is not the speaker of "another Facebook user": the name set off after it is.
    assert rows(["“The lines were too long,” said another Facebook user, Lena Ortiz."]) == [
        ("Lena Ortiz", None, "said", (), (), True)
    ]


def test_a_name_set_off_after_an_indefinite_description_is_the_speaker() -> None:
    sentence = "“We came a long way,” said one protester, Lena Ortiz, who drove from Ohio."
    assert rows([sentence]) == [("Lena Ortiz", None, "said", (), (), True)]


def test_a_signature_line_names_the_speaker_of_the_quotation_above_it() -> None:
    sentences = [
        "Dora Velk wrote to the paper.",
        '"The plan will not work. Nobody asked us."',
        "- Velk, Tucson.",
    ]
    assert rows(sentences, [0, 1, 2]) == [
        ("Dora Velk", None, "wrote", (), (), False),
        ("Dora Velk", None, None, (), (), True),
        ("Dora Velk", None, None, (), (), False),
    ]


def test_a_signature_spans_every_sentence_of_the_quotation() -> None:
    sentences = ["“We are not ready.", "Nobody is.”", "\u2015 Omar Castel, 41, of Reno"]
    assert rows(sentences, [0, 0, 1]) == [
        ("Omar Castel", None, None, (), (), True),
        ("Omar Castel", None, None, (), (), True),
        ("Omar Castel", None, None, (), (), False),
    ]


@pytest.mark.parametrize(
    "sentences",
    [
        ['"The plan will not work."', "\u2014 Reuters."],  # a wire service's credit line
        ["The vote passed.", "- Dora Velk."],  # no quotation above the dash
        ["The vote passed.", "- Because nobody came."],  # not a name
    ],
)
def test_a_dash_line_that_signs_no_quotation_names_no_one(sentences: list[str]) -> None:
    assert rows(sentences, [0, 1]) == [
        (None, None, None, (), (), sentences[0].startswith('"')),
        NONE,
    ]


def test_a_quotation_after_a_connective_goes_on_with_the_speaker_before() -> None:
    sentences = ["“We will win this,” Ames said.", "But “the count will take a few days.”"]
    assert rows(sentences, [0, 0]) == [
        ("Ames", None, "said", (), (), True),
        ("Ames", None, "said", (), (), True),
    ]


def test_a_quotation_continued_into_the_next_paragraph_keeps_its_speaker() -> None:
    sentences = [
        "Dr. Tobin Ward stated:",
        '"The rule is wrong. It hurts our towns.',
        '"The state must act now."',
        "The hearing ended.",
    ]
    assert rows(sentences, [0, 1, 2, 3]) == [
        ("Tobin Ward", None, "stated", (), (), False),
        ("Tobin Ward", None, "stated", (), (), True),
        ("Tobin Ward", None, "stated", (), (), True),
        NONE,
    ]


def test_a_paragraph_that_does_not_open_with_a_quotation_mark_is_not_continued() -> None:
    sentences = ["“The rule is wrong,” Ward said. “It hurts our towns.", "The state did nothing."]
    assert rows(sentences, [0, 1]) == [("Ward", None, "said", (), (), True), NONE]


def test_a_headline_gives_the_words_after_a_colon_to_the_name_before_it() -> None:
    sentences = [
        "Pardo: The Budget Will Pass This Week.",
        "Senator Ilse Pardo said on Monday that the votes were there.",
    ]
    assert rows(sentences, [0, 1]) == [
        ("Ilse Pardo", "Senator", None, (), (), False),
        ("Ilse Pardo", "Senator", "said", (), (), False),
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "Breaking: Pardo Wins The Vote.",  # a label the article never names again
        "Pardo: The Budget Will Pass This Week.",  # a name the article never names again
        "Win For Pardo: The Budget Will Pass.",  # a phrase, not a name
    ],
)
def test_a_headline_label_is_not_a_speaker(headline: str) -> None:
    second = "Ilse Pardo won the vote." if "Pardo:" not in headline else "The votes were there."
    assert rows([headline, second], [0, 1])[0] == NONE


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“We will be there by noon,” the notice read.", ("notice", None, "read", (), (), True)),
        ("The notice read: “Closed for the season.”", ("notice", None, "read", (), (), True)),
        ("He read the statement aloud to the crowd.", NONE),
    ],
)
def test_read_reports_a_documents_words_only_before_or_after_a_quotation(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Nina Hale and Omar Reyes: “The survey closed two days before the vote.”",
            "Nina Hale and Omar Reyes",
        ),
        ("From the audit: “Most of the ballots were counted twice by mistake.”", "audit"),
        ("More from Reyes: “The margin was smaller than any poll had shown.”", "Reyes"),
    ],
)
def test_a_label_before_a_colon_and_a_quotation_names_its_speaker(
    sentence: str, speaker: str
) -> None:
    assert rows([sentence]) == [(speaker, None, None, (), (), True)]


def test_a_phrase_ending_in_from_before_a_colon_is_no_label() -> None:
    sentence = "The questions ranged from polite to hostile: “Why now?” “Who paid for it?”"
    assert rows([sentence])[0][0] is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ruth Ames won the caucus, claiming her third victory of the night.", NONE),
        ("Ames took the seat, claiming 41 percent of the vote.", NONE),
        ("Ames claimed his rival was lying.", ("Ames", None, "claimed", (), ("claimed",), False)),
        (
            "Ames claimed that the count was wrong.",
            ("Ames", None, "claimed", (), ("claimed",), False),
        ),
    ],
)
def test_claiming_a_victory_is_not_a_claim(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


def test_a_sentence_ending_on_a_colon_gives_its_subject_to_the_quotation_after_it() -> None:
    sentences = [
        "Senator Ilse Pardo issued the following statement:",
        "“Our thoughts are with everyone hurt in the fire.”",
    ]
    assert rows(sentences, [0, 1]) == [
        ("Ilse Pardo", "Senator", "issued", (), (), False),
        ("Ilse Pardo", "Senator", "issued", (), (), True),
    ]


def test_a_colon_without_a_named_subject_introduces_no_one() -> None:
    sentences = ["Here are the facts:", "“One, two and three are all true.”"]
    assert rows(sentences, [0, 1]) == [NONE, (None, None, None, (), (), True)]


def test_a_surname_in_ly_opening_a_sentence_names_the_person_named_before() -> None:
    sentences = ["Mara Kelly asked the first question.", "Kelly responded: “Not this week.”"]
    assert rows(sentences) == [
        ("Mara Kelly", None, "asked", (), (), False),
        ("Mara Kelly", None, "responded", (), (), True),
    ]


def test_a_connective_before_the_subject_of_coordinated_verbs_is_skipped() -> None:
    sentence = "But the Ohio Supreme Court overruled and said the state allowed early voting."
    assert rows([sentence]) == [("Ohio Supreme Court", None, "said", (), (), False)]


def test_a_sentence_that_only_tags_its_speaker_names_the_quotation_before_it() -> None:
    sentences = [
        "“All the way to the floor!”",
        "Tomas Ruiz shouted, waving a sign for the senator as the hall filled up for the vote.",
    ]
    assert rows(sentences, [0, 0]) == [
        ("Tomas Ruiz", None, "shouted", (), (), True),
        ("Tomas Ruiz", None, "shouted", (), (), False),
    ]


def test_a_long_sentence_with_words_of_its_own_does_not_tag_the_quotation_before_it() -> None:
    sentences = [
        "“All the way to the floor!”",
        "Tomas Ruiz said that the fight would go on to the convention floor this summer.",
    ]
    assert rows(sentences, [0, 0])[0] == (None, None, None, (), (), True)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“He knows nothing about our towns or our lives.”― Pamela Pardo", "Pamela Pardo"),
        (
            "“He knows nothing about our towns.” \u2015\u00a0Julia A. Diaz Marino.",
            "Julia A. Diaz Marino",
        ),
    ],
)
def test_a_quotation_signed_at_the_end_of_its_sentence(sentence: str, speaker: str) -> None:
    assert rows([sentence]) == [(speaker, None, None, (), (), True)]


def test_a_dash_after_a_quotation_that_names_no_one_signs_nothing() -> None:
    assert rows(["“He knows nothing about our towns.” - and so on."]) == [
        (None, None, None, (), (), True)
    ]


def test_a_label_in_capitals_inside_a_quoted_transcript_names_its_speaker() -> None:
    sentences = [
        "Anchor Dana Wills spoke with Governor Ray Pardo on Sunday.",
        '"WILLS: Let us start with the debate. Is it still on?',
        "Nobody seems to know.",
        '"PARDO: It is on, and we will be there.',
        '"(CROSSTALK.)',
        '"HOST: Thank you both.',
    ]
    assert rows(sentences, [0, 1, 1, 2, 2, 3]) == [
        NONE,
        ("Dana Wills", "Anchor", None, (), (), True),
        ("Dana Wills", "Anchor", None, (), (), True),
        ("Ray Pardo", "Governor", None, (), (), True),
        NONE,  # a note in brackets: nobody says it
        NONE,  # a label the article never named
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“Nobody asked us,” Ruth Ames points out.", ("Ruth Ames", None, "points", (), (), True)),
        ("Ames led the field by six percentage points on Sunday.", NONE),
    ],
)
def test_points_out_reports_words_and_percentage_points_do_not(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Most farm workers in Idaho, Utah and Iowa said they were ignored.", "Most farm workers"),
        ("The senator from Nevada said the bill was dead.", "senator from Nevada"),
    ],
)
def test_people_before_a_list_of_places_speak_not_the_places(sentence: str, speaker: str) -> None:
    assert rows([sentence])[0][0] == speaker


def test_a_share_of_the_people_in_a_place_or_group_speaks() -> None:
    assert rows(["Many in the crowd said the senator was the one they trusted."]) == [
        ("Many in the crowd", None, "said", (), (), False)
    ]


def test_he_is_not_a_people_named_by_its_demonym() -> None:
    sentences = [
        "Senator Paul Ruiz spoke at the fair.",
        "Americans said they were tired of the fight.",
        "“We are done with it,” he said.",
    ]
    assert rows(sentences)[2] == ("Paul Ruiz", "Senator", "said", (), (), True)


def test_a_common_given_name_tells_she_from_the_man_named_last() -> None:
    sentences = [
        "Phyllis Sosa listened from the front row.",
        "Lamar Reagan spoke about the wall.",
        "“He never gave up on it,” she said.",
    ]
    assert rows(sentences)[2] == ("Phyllis Sosa", None, "said", (), (), True)


def test_how_opens_the_words_a_speaker_recalls() -> None:
    sentences = [
        "Omar Sami recalled how, on his first night, he saw only a dark road.",
        "“I kept asking myself where the city was.”",
    ]
    assert rows(sentences, [0, 0]) == [
        ("Omar Sami", None, "recalled", (), (), False),
        ("Omar Sami", None, "recalled", (), (), True),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“The answer is no,” the Republican nominee riffed on his rival's reply to the "
            "question, drawing laughs from the crowd.",
            ("Republican nominee", None, "riffed", (), (), True),
        ),
        (
            "“We have always fought the same enemies,” the ministers state in the paper.",
            ("ministers", None, "state", (), (), True),
        ),
        (
            "“Tales of the Night,” a series that first aired in 1989, will return next year.",
            (None, None, None, (), (), False),  # a title: nobody's words quoted
        ),
    ],
)
def test_a_quotation_then_a_speaker_and_a_past_verb_however_long_the_tail(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


def test_a_sentence_of_quotation_marks_alone_belongs_to_the_quotation_after_it() -> None:
    sentences = ["”", "… they are nothing like him,” said Ada Crane."]
    # The mark opening the paragraph opens the quotation that the second sentence closes.
    assert rows(sentences, [0, 0]) == [
        ("Ada Crane", None, "said", (), (), True),
        ("Ada Crane", None, "said", (), (), True),
    ]


def test_called_again_for_is_a_call() -> None:
    assert rows(["Ruth Ames called again for the chief to resign."]) == [
        ("Ruth Ames", None, "called", (), (), False)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ruth Ames landed in trouble last week by saying that the judge was biased.",
            ("Ruth Ames", None, "saying", (), (), False),
        ),
        (
            "Then Ruth Ames cut into Bush, calling him a “stiff” and a bore.",
            ("Ruth Ames", None, "calling", (), (), False),  # a one-word scare quote
        ),
        (
            "But the overall sense of a lull has real downsides, suggesting the race is over.",
            NONE,
        ),
    ],
)
def test_a_participle_of_speech_takes_the_subject_of_its_clause(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ruth Ames needs to relax and tell more stories.", NONE),
        (
            "Officials went to the site and say the damage is severe.",
            ("Officials", None, "say", (), (), False),
        ),
    ],
)
def test_a_verb_joined_to_an_infinitive_is_no_statement(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


def test_a_name_with_a_middle_initial_is_a_person() -> None:
    sentence = "The files were moved to storage, Peter F. Kalin, the undersecretary, said."
    assert rows([sentence]) == [("Peter F. Kalin", None, "said", (), (), False)]


def test_a_long_parenthesis_between_subject_and_verb_is_skipped() -> None:
    sentence = (
        "Sen. Ina Marsh (a Vermont Democrat so young she has been mistaken for an intern "
        "on the Hill) says she was upset."
    )
    assert rows([sentence]) == [("Ina Marsh", "Sen.", "says", (), (), False)]


def test_a_surname_that_is_also_a_common_word_follows_a_given_name() -> None:
    assert rows(["Drug maker chief executive Ian Read said the deal was sound."]) == [
        ("Ian Read", "chief executive", "said", (), (), False)
    ]

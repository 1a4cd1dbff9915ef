"""Tests for stage ③ attribution on general shapes of sentence: section headings in capitals,
and their near misses."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences

NONE: Row = (None, None, None, (), (), False)


def rows(sentences: Sequence[str], blocks: Sequence[int] | None = None) -> list[Row]:
    return [row(a) for a in attribute_sentences(sentences, blocks=blocks)]


SAID = ("Ana Ruiz", None, "said", (), (), False)


def test_a_quoted_heading_in_capitals_does_not_go_on_with_the_speaker_before() -> None:
    sentences = [
        "Ana Ruiz said the ferry would run again in May.",
        "“FARES WILL RISE SOON”",
        "The ferry company has not set a date.",
    ]
    assert rows(sentences, blocks=[0, 1, 2]) == [SAID, (None, None, None, (), (), True), NONE]


@pytest.mark.parametrize(
    ("sentences", "blocks", "second"),
    [
        # The same quotation in ordinary case goes on with the speaker before it.
        (
            ["Ana Ruiz said the ferry would run again in May.", "“Fares will rise soon.”"],
            [0, 1],
            ("Ana Ruiz", None, "said", (), (), True),
        ),
        # In capitals but sharing its paragraph with more of the quotation: no heading.
        (
            ["Ana Ruiz said the ferry would run again in May.", "“FARES WILL RISE SOON.”"],
            [0, 0],
            ("Ana Ruiz", None, "said", (), (), True),
        ),
        # Shouted words with their own reporting verb keep it.
        (
            ["Ana Ruiz said the ferry would run again in May.", "“FARES WILL RISE,” she added."],
            [0, 1],
            ("Ana Ruiz", None, "added", (), (), True),
        ),
    ],
)
def test_near_misses_of_a_heading_in_capitals(
    sentences: list[str], blocks: list[int], second: Row
) -> None:
    assert rows(sentences, blocks=blocks) == [SAID, second]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An aside holding a quotation, its closing comma inside the marks, between the
        # subject and the verb: the noun phrase after the verb opens the words reported.
        (
            "Tom Reyes, host of the radio show “Morning Tide,” argued the fares were too high.",
            ("Tom Reyes", None, "argued", (), (), False),
        ),
        (
            "The mayor, who calls the plan “a slow disaster,” said the council had ignored it.",
            ("mayor", None, "said", (), (), False),
        ),
        (
            "Ann Lee, citing “the long winter on the coast,” said the harbour could close.",
            ("Ann Lee", None, "said", (), (), True),
        ),
        # Near misses: a speaker after the verb that ends the sentence or a clause of its own.
        (
            "“The fares have doubled,” said the pilot.",
            ("pilot", None, "said", (), (), True),
        ),
        (
            "“The harbour will close,” said the pilot, who has run the ferry for years.",
            ("pilot", None, "said", (), (), True),
        ),
        (
            "Ann Lee, who runs the ferry, said the fares had doubled.",
            ("Ann Lee", None, "said", (), (), False),
        ),
    ],
)
def test_a_quoted_aside_before_the_verb_leaves_the_subject_before_it(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A reporting participle opening the sentence: the main clause's subject speaks.
        (
            "Noting that the port had closed twice, Ann Lee voted against the plan.",
            ("Ann Lee", None, "noting", (), (), False),
        ),
        (
            "Having warned that the ferry would stop in May, the mayor left the meeting.",
            ("mayor", None, "warned", (), (), False),
        ),
        # A finite reporting verb in the main clause still wins over the participle.
        (
            "Noting that the port had closed twice, Ann Lee added that fares would rise.",
            ("Ann Lee", None, "added", (), (), False),
        ),
        # Near misses: a turn of phrase, and a participle that reports nothing.
        ("Having said that, the mayor voted for the plan.", NONE),
        ("Reading the report again, the mayor voted for the plan.", NONE),
        ("Speaking at the pier on Monday, Ann Lee voted for the plan.", NONE),
    ],
)
def test_a_reporting_participle_opening_the_sentence_takes_the_main_subject(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        # A state's abbreviation after a town, set off by commas, is a place, not a speaker.
        "At a fair in Salem, Ore., Ann Lee spoke for an hour, warning that the port would close.",
        "At a fair in Dune, Tex., Ann Lee spoke for an hour, warning that the port would close.",
        # Near miss: the state written out was a place already.
        "At a fair in Salem, Oregon, Ann Lee spoke for an hour, warning that the port would close.",
    ],
)
def test_a_state_abbreviation_after_a_town_is_a_place(sentence: str) -> None:
    assert rows([sentence]) == [("Ann Lee", None, "warning", (), (), False)]


def test_a_he_after_a_town_and_its_state_abbreviation_means_the_person() -> None:
    sentences = [
        "At a fair in Salem, Ore., the mayor spoke for an hour, warning that the port would close.",
        "“We cannot wait,” he said.",
    ]
    assert rows(sentences) == [
        ("mayor", None, "warning", (), (), False),
        ("mayor", None, "said", (), (), True),
    ]


THANKED = ("Ann Lee", None, "thanked", (), (), False)


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        # The quotation talks about Ann Lee: "she" is the other woman named before it.
        ("“Ms. Lee has done more for this harbour than anyone,” she said.", "Mara Quist"),
        ("“Ann has done more for this harbour than anyone,” she said.", "Mara Quist"),
        # Near miss: a quotation that names neither leaves the subject before as "she".
        ("“The grant will pay for a new pier,” she said.", "Ann Lee"),
    ],
)
def test_she_is_not_the_woman_her_quotation_talks_about(second: str, speaker: str) -> None:
    first = "Ann Lee thanked Mara Quist, the harbour master, for the grant."
    assert rows([first, second]) == [THANKED, (speaker, None, "said", (), (), True)]


def test_the_only_person_named_still_speaks_when_her_quotation_names_her() -> None:
    sentences = [
        "Ann Lee, the mayor, spoke at the pier on Monday.",
        "“Ms. Lee will not give up on this town,” she said.",
    ]
    assert rows(sentences) == [NONE, ("Ann Lee", "mayor", "said", (), (), True)]


def test_they_is_not_an_organisation_named_only_in_passing() -> None:
    # An outlet that only heard the story never speaks as "they": the people go unnamed.
    sentences = [
        "Ann Lee gave an interview to the Dune Valley Courier on Monday.",
        "They say the ferry must return.",
    ]
    assert rows(sentences) == [NONE, (None, None, "say", (), (), False)]


@pytest.mark.parametrize(
    ("opening", "they"),
    [
        # Near misses: an organisation that spoke, people named together, a plural noun.
        ("The Harbour Board said the pier was unsafe.", "Harbour Board"),
        ("Ann Lee and Tom Reyes met at the pier.", "Ann Lee and Tom Reyes"),
        ("Local farmers met the mayor on Monday.", "Local farmers"),
    ],
)
def test_they_still_means_who_spoke_or_was_named_as_people(opening: str, they: str) -> None:
    assert rows([opening, "They say the ferry must return."])[1] == (
        they,
        None,
        "say",
        (),
        (),
        False,
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A description that names an organisation in passing, then the person set off.
        (
            "“We will win,” said a leading Supreme Court advocate, Ann Lee.",
            ("Ann Lee", None, "said", (), (), True),
        ),
        (
            "“We will win,” said a senior Harbour Board member, Ann Lee, after the vote.",
            ("Ann Lee", "senior Harbour Board member", "said", (), (), True),
        ),
        # Near miss: no name set off after the description.
        (
            "“We will win,” said a Dune Institute spokesman.",
            ("Dune Institute spokesman", None, "said", (), (), True),
        ),
    ],
)
def test_a_name_set_off_after_a_description_naming_an_organisation_speaks(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A verb joined by "and" inside a clause after "when" or "after" shares its subject.
        (
            "The crowd cheered when Ann Lee spotted a sign and asked that it be brought to her.",
            ("Ann Lee", None, "asked", (), (), False),
        ),
        (
            "The crowd cheered after Ann Lee took the stage and said the pier would reopen.",
            ("Ann Lee", None, "said", (), (), False),
        ),
        # Near misses: "after" with an object and no clause, a particle, and no subordinator.
        (
            "Ann Lee spoke after the vote and said the pier would reopen.",
            ("Ann Lee", None, "said", (), (), False),
        ),
        (
            "Ann Lee went after Tom Reyes for his fares and said the pier would reopen.",
            ("Ann Lee", None, "said", (), (), False),
        ),
        (
            "Ann Lee took the stage and said the pier would reopen.",
            ("Ann Lee", None, "said", (), (), False),
        ),
    ],
)
def test_a_verb_joined_inside_an_adverbial_clause_shares_its_subject(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


BELIEVES = ("Ana Ruiz", None, "believes", (), (), False)


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # A bare quotation after a belief: her words, but no verb says she believes them.
        (
            ["Ana Ruiz believes that the ferry will return.", "“It is the only way across.”"],
            [BELIEVES, ("Ana Ruiz", None, None, (), (), True)],
        ),
        # Near misses: a stance taken out loud, a report, and a quotation with its own verb.
        (
            ["Ana Ruiz agreed.", "“It is the only way across.”"],
            [
                ("Ana Ruiz", None, "agreed", (), (), False),
                ("Ana Ruiz", None, "agreed", (), (), True),
            ],
        ),
        (
            ["Ana Ruiz said the ferry would return.", "“It is the only way across.”"],
            [("Ana Ruiz", None, "said", (), (), False), ("Ana Ruiz", None, "said", (), (), True)],
        ),
        (
            [
                "Ana Ruiz believes that the ferry will return.",
                "“It is the only way across,” she said.",
            ],
            [BELIEVES, ("Ana Ruiz", None, "said", (), (), True)],
        ),
    ],
)
def test_a_bare_quotation_after_a_belief_keeps_the_speaker_not_the_verb(
    sentences: list[str], expected: list[Row]
) -> None:
    assert rows(sentences, blocks=[0, 1]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A participle after the head describes the people; it is no part of their name.
        (
            "A group backed by the mayor said the plan would fail.",
            ("group", None, "said", (), (), False),
        ),
        (
            "Residents angered by the plan complained that the council had ignored them.",
            ("Residents", None, "complained", (), (), False),
        ),
        # Near misses: a role keeps the whole phrase, an unnamed source keeps it as the role.
        (
            "A spokesman hired by the firm said the claim was false.",
            ("spokesman hired by the firm", None, "said", (), (), False),
        ),
        (
            "Sources briefed on the talks said a deal was near.",
            ("unnamed sources", "Sources briefed on the talks", "said", (), ("anonymous",), False),
        ),
    ],
)
def test_a_participle_after_the_subject_is_not_part_of_its_name(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count, a party and a plural noun: the people counted, not the count and the party.
        (
            "Two Democratic speechwriters urged her to change course, arguing that it worked.",
            (
                "unnamed sources",
                "Two Democratic speechwriters",
                "arguing",
                (),
                ("anonymous",),
                False,
            ),
        ),
        # Near misses: the party's members, and a party member whose verb follows at once.
        (
            "Republican lawmakers said the bill was dead.",
            ("Republican lawmakers", None, "said", (), (), False),
        ),
        (
            "The Wisconsin Republican says the plan will fail.",
            ("Wisconsin Republican", None, "says", (), (), False),
        ),
    ],
)
def test_a_party_before_a_plural_noun_describes_the_people(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # After "let", a bare verb form is an infinitive: nobody reports anything.
        ("Let voters decide what they want.", NONE),
        ("The mayor let residents decide whether the park should close.", NONE),
        # Near misses: the same people with a verb of their own.
        (
            "The mayor said residents should decide whether the park should close.",
            ("mayor", None, "said", (), (), False),
        ),
        (
            "Voters let the mayor know they were angry, and the mayor said he would listen.",
            ("mayor", None, "said", (), (), False),
        ),
    ],
)
def test_a_verb_after_let_and_its_object_reports_nothing(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]

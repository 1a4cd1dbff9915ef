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
        # Set off by a comma, but in title case: a title, not prose, and no quotation.
        ("Critics Pan Hale, “The Long Ohio Winter”", (None, None, None, (), (), False)),
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
        # A title the article abbreviated, written out in full where the sentence does.
        (
            ["Sen. Ann Hale of Ohio said the plan would fail.", "The senator said it would."],
            ("Ann Hale", "senator", "said", (), (), False),
        ),
        (
            ["Ohio Sen. Ann Hale said the plan would fail.", "The senator said it would."],
            ("Ann Hale", "Ohio senator", "said", (), (), False),
        ),
        # Named by name alone, the speaker keeps the title as the article wrote it.
        (
            ["Sen. Ann Hale said the plan would fail.", "Hale said it would."],
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "that" after a preposition is a determiner: the participle's subject is the clause's.
        (
            "Tom Reyes responded to that post by calling Hale “a liar who never tells the truth.”",
            ("Tom Reyes", None, "calling", (), (), True),
        ),
        # "that" after a verb opens the clause whose subject speaks.
        (
            "Tom Reyes said that post offices would close, calling it “a disaster for the towns.”",
            ("Tom Reyes", None, "said", (), (), True),
        ),
    ],
)
def test_that_after_a_preposition_opens_no_clause(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # A connective before "she", whose words a colon sets off.
        (
            "Then she added a warning: “In the spring, I will back anyone who agrees.”",
            ("Ann Hale", None, None, (), (), True),
        ),
        (
            "And she is sure of one thing: “They are creating a monster out of him.”",
            ("Ann Hale", None, None, (), (), True),
        ),
        # A connective before a name.
        (
            "And Hale gloated: “I told you they would not be ready for it.”",
            ("Ann Hale", None, None, (), (), True),
        ),
        # Short scare quotes after the pronoun's verb are no one's words.
        ("Then she added a “warning.”", NONE),
        # "it" is no person whose words a sentence quotes.
        (
            "Then it added a warning: “In the spring, I will back anyone who agrees.”",
            (None, None, None, (), (), True),
        ),
    ],
)
def test_a_connective_before_a_pronoun_keeps_the_quoting_subject(
    second: str, expected: Row
) -> None:
    assert rows(["Ann Hale spoke first.", second])[-1] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“You want to be the tough guy tonight,” Ruiz shot back. “Let me talk.”",
            ("Ruiz", None, "shot", (), (), True),
        ),
        (
            "“They are only here for the free food,” Ruiz shot back with a laugh.",
            ("Ruiz", None, "shot", (), (), True),
        ),
        # More than a particle after the verb: the quotation is no one's words here.
        ("“Lock her up” took hold among the delegates.", (None, None, None, (), (), False)),
    ],
)
def test_an_irregular_past_after_a_quotation_and_its_speaker_reports_it(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "As Ruth Vance puts it, the council is making the mayor “an offer he cannot refuse.”",
            ("Ruth Vance", None, "puts", (), (), True),
        ),
        (
            "As Ruth Vance put it, the council is making the mayor an offer.",
            ("Ruth Vance", None, "put", (), (), False),
        ),
        # Not an aside about words: "puts it" without a comma after it.
        ("As Ruth Vance puts it on the table, the council waits.", NONE),
    ],
)
def test_an_aside_in_the_present_names_the_speaker(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


def test_a_quotation_right_after_a_name_is_not_the_named_persons_words() -> None:
    sentences = [
        "Ann Hale spoke first.",
        "“We thought only Reyes was careless,” said Lena Ortiz, a teacher.",
        "Hale “kind of misspoke here. This is not something she should say in public.”",
        "Hale said she had “a plan that cannot fail in any town.”",
    ]
    assert rows(sentences) == [
        NONE,
        ("Lena Ortiz", "teacher", "said", (), (), True),
        (None, None, None, (), (), True),
        ("Ann Hale", None, "said", (), (), True),
    ]


@pytest.mark.parametrize(
    ("sentences", "speaker"),
    [
        # The article writes "election" and "day" in lower case: "Election Day" is no person.
        (
            [
                "Ann Hale voted early.",
                "The lines grew long on election day, and the day dragged on.",
                "By noon, Election Day had brought long lines.",
                "“We waited for hours,” she said.",
            ],
            "Ann Hale",
        ),
        # One word the article never writes in lower case: a person's name.
        (
            [
                "Ann Hale voted early.",
                "Ilse Brown carried a brown paper bag to the polls.",
                "“We waited for hours,” she said.",
            ],
            "Ilse Brown",
        ),
        # A given name first: a person, whatever else the article writes in lower case.
        (
            [
                "Ann Hale voted early.",
                "The lines grew long on election day; Mark said he would wait.",
                "By noon, Mark Day had brought long lines.",
                "“We waited for hours,” he said.",
            ],
            "Mark Day",
        ),
    ],
)
def test_words_the_article_writes_in_lower_case_make_no_person(
    sentences: list[str], speaker: str
) -> None:
    assert rows(sentences)[-1][0] == speaker


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The one told, before a colon and a quotation, is the listener.
        (
            "Sen. Ann Hale was critical of the plan, telling Tom Reyes: “It is typical of them.”",
            ("Ann Hale", "Sen.", "telling", (), (), True),
        ),
        # A place a preposition governs is no subject of the participle after it.
        (
            "Ann Hale settled the matter on Facebook writing, “No, I won't. That was a mistake.”",
            ("Ann Hale", None, "writing", (), (), True),
        ),
        # After "with", the name is the participle's subject.
        (
            "The vote went ahead, with Ann Hale calling the plan “a disgrace to the county.”",
            ("Ann Hale", None, "calling", (), (), True),
        ),
    ],
)
def test_an_object_before_a_colon_or_a_participle_is_no_speaker(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        # Someone only described who speaks is whom the next "she said" means.
        ("The retired nurse acknowledged that she expected a hard race.", "retired nurse"),
        # An organisation or a group described is no "she".
        ("The agency acknowledged that the race would be hard.", "Ann Hale"),
        ("Those who came acknowledged that the race would be hard.", "Ann Hale"),
        ("The volunteers acknowledged that the race would be hard.", "Ann Hale"),
    ],
)
def test_a_described_speaker_is_whom_a_later_pronoun_means(second: str, speaker: str) -> None:
    sentences = ["Ann Hale spoke at the rally.", second, "“I have no problem with it,” she said."]
    assert rows(sentences)[-1] == (speaker, None, "said", (), (), True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ann Hale, the party chair, this past week announced a new website.",
            ("Ann Hale", "party chair", "announced", (), (), False),
        ),
        (
            "The Dune County Council this week announced another step.",
            ("Dune County Council", None, "announced", (), (), False),
        ),
        (
            "The council yesterday announced a new rule.",
            ("council", None, "announced", (), (), False),
        ),
        (
            "A Dune Institute poll last week found that most voters want hearings.",
            ("Dune Institute poll", None, "found", (), (), False),
        ),
        (
            "Ann Hale has long said that she will support the nominee.",
            ("Ann Hale", None, "said", (), (), False),
        ),
    ],
)
def test_a_time_phrase_between_a_subject_and_its_verb(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A second reporting verb after "and" shares the first one's subject.
        (
            "Ann Hale said that Tom Reyes is “a decent man,” and said that Lena Ortiz “melted "
            "down last night.”",
            ("Ann Hale", None, "said", (), (), True),
        ),
        (
            "Ann Hale noted that the mayor has rebounded before and said he can do so again.",
            ("Ann Hale", None, "noted", (), (), False),
        ),
        # A relative clause's own subject denies, not the main clause's.
        (
            "Ann Hale faced a charge that Tom Reyes has always denied.",
            ("Tom Reyes", None, "denied", (), (), False),
        ),
    ],
)
def test_a_second_report_after_and_shares_the_first_ones_subject(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What others "will say" inside a report is the reporter's expectation.
        (
            "Mayor Ann Hale said she expected that voters will say “no” to the plan.",
            ("Ann Hale", "Mayor", "said", (), (), False),
        ),
        # A report inside a report, in the past: the inner speaker, through the outer one.
        (
            "Mayor Ann Hale said that Tom Reyes claimed the plan would fail.",
            ("Tom Reyes", None, "claimed", ("Ann Hale",), ("claimed",), False),
        ),
    ],
)
def test_a_modal_report_inside_a_report_is_its_content(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Continuing to explain her view, Ann Hale rejected the notion that the plan had failed.",
        "Pausing to explain her view, Ann Hale rejected the notion that the plan had failed.",
    ],
)
def test_a_fronted_participle_before_an_infinitive_is_no_speaker(sentence: str) -> None:
    assert rows([sentence]) == [("Ann Hale", None, "rejected", (), (), False)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A clause without "that" after a verb that needs its words.
        ("Ann Hale added the campaign was ready.", ("Ann Hale", None, "added", (), (), False)),
        (
            "Ann Hale notes the foundation hid four donations.",
            ("Ann Hale", None, "notes", (), (), False),
        ),
        # A thing added, not words.
        ("Ann Hale added the amendment to the bill.", NONE),
    ],
)
def test_a_clause_without_that_is_the_words_a_verb_reports(sentence: str, expected: Row) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # A man named in the words a trailing "he said" reports is what is talked about.
        (
            [
                "Joseph Hunter, a blogger, said he will not vote for Tom Reyes.",
                "Also, Reyes is no conservative, he said.",
            ],
            ("Joseph Hunter", None, "said", (), (), False),
        ),
        (
            [
                "Joseph Hunter, a blogger, said he will vote.",
                "He is leaning toward Tom Reyes, he said, because Reyes can win.",
            ],
            ("Joseph Hunter", None, "said", (), (), False),
        ),
        # After a quotation, the sentence's subject may be whose words they are.
        (
            [
                "Joseph Hunter, a blogger, said he will vote.",
                "Sen. Ann Hale scolded him: “The science is against you on all three,” she said.",
            ],
            ("Ann Hale", "Sen.", "said", (), (), True),
        ),
    ],
)
def test_a_name_in_the_words_a_trailing_pronoun_reports_is_not_its_antecedent(
    sentences: list[str], expected: Row
) -> None:
    assert rows(sentences)[-1] == expected


def test_a_name_inside_a_quotation_moves_no_mention_after_the_pronoun() -> None:
    sentences = [
        "Ann Hale spoke at the rally.",
        "“He says the right things,” said Lena Ortiz, director of the group.",
        "“And he has none of the friends that Ann has,” she said, mentioning Hale's donors.",
    ]
    assert rows(sentences)[-1] == (
        "Lena Ortiz",
        "director of the group",
        "said",
        (),
        (),
        True,
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Two roles joined by "and" before the name: the person named after both.
        (
            "“We will win this state,” said former Utah Gov. and Dune Party Chairman Ed Morrow.",
            ("Ed Morrow", "Dune Party Chairman", "said", (), (), True),
        ),
        # One role: the name after it, as before.
        (
            "“We will win this state,” said former Utah Gov. Ed Morrow.",
            ("Ed Morrow", "former Utah Gov.", "said", (), (), True),
        ),
    ],
)
def test_the_person_after_two_roles_joined_by_and_is_the_speaker(
    sentence: str, expected: Row
) -> None:
    assert rows([sentence]) == [expected]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # A document named as an object in the sentence before is what "It continued" means.
        (
            [
                "Tom Reyes wrote in the affidavit that he saw the driver.",
                "It continued: “The evidence is enough to charge the driver.”",
            ],
            ("affidavit", None, "continued", (), (), True),
        ),
        # Later in its own sentence, "it" is the subject, not the thing named.
        (
            ["Acme Corp closed the report on Thursday; it did not explain why the site shut."],
            ("Acme Corp", None, "explain", (), (), False),
        ),
    ],
)
def test_a_document_named_before_is_what_a_later_it_reports(
    sentences: list[str], expected: Row
) -> None:
    assert rows(sentences)[-1] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # People "to" or "for" a person speak for that person: they are the subject.
        ("Aides to Hale say she is shifting.", ("Aides", None, "say", (), (), False)),
        (
            "A spokeswoman for Ann Hale said the plan failed.",
            ("spokeswoman for Ann Hale", None, "said", (), (), False),
        ),
        # A place or an occasion before the name: the person is the subject.
        (
            "At the party convention Sen. Ann Hale said the plan failed.",
            ("Ann Hale", "Sen.", "said", (), (), False),
        ),
    ],
)
def test_people_for_a_person_named_before_speak_for_that_person(
    sentence: str, expected: Row
) -> None:
    assert rows(["Ann Hale spoke.", sentence])[-1] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hale is congratulating Tom Reyes for his victory in the primary.",
            ("Ann Hale", None, "congratulating", (), (), False),
        ),
        (
            "Proponents are hailing the plan as a way to cut costs.",
            ("Proponents", None, "hailing", (), (), False),
        ),
        # No one who can speak: a band joking around says nothing.
        ("The band kept joking around on stage.", NONE),
    ],
)
def test_a_speech_act_in_the_progressive_names_its_subject(sentence: str, expected: Row) -> None:
    assert rows(["Ann Hale spoke.", sentence])[-1] == expected


def test_a_reporting_participle_governs_the_words_after_it() -> None:
    sentence = "Ann Hale spoke at length, cautioning that the vote underscores a need for calm."
    assert rows([sentence]) == [("Ann Hale", None, "cautioning", (), (), False)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Former Gov. Tom Reyes is endorsing Hale.", ("Tom Reyes", "Former Gov.", "endorsing")),
        ("The senators, fearing a loss, voted no.", ("senators", None, "fearing")),
        # A report in the sentence still governs it.
        ("Tom Reyes said he hoped for Hale endorsing him.", ("Tom Reyes", None, "said")),
    ],
)
def test_a_stance_in_the_progressive_names_its_holder(
    sentence: str, expected: tuple[str, str | None, str]
) -> None:
    assert rows(["Ann Hale spoke.", sentence])[-1][:3] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The senator also decries super PACs and big-money groups.", ("senator", "decries")),
        ("The mayor proposes allowing parents to deduct the cost.", ("mayor", "proposes")),
    ],
)
def test_a_speech_act_in_the_present_names_its_subject(
    sentence: str, expected: tuple[str, str]
) -> None:
    row_ = rows([sentence])[0]
    assert (row_[0], row_[2]) == expected


def test_a_document_named_again_is_its_authors_role() -> None:
    sentences = [
        "An editorial by the Dune Herald urged the mayor to resign.",
        "“She should visit the flooded towns,” the editorial said.",
    ]
    assert rows(sentences) == [
        ("Dune Herald", None, "urged", (), (), False),
        ("Dune Herald", "editorial", "said", (), (), True),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She’s also praising the governor, who dropped out.", ("Ann Hale", "praising")),
        ("Hale is still urging voters to turn out.", ("Ann Hale", "urging")),
    ],
)
def test_an_adverb_between_be_and_a_speech_act_keeps_the_progressive(
    sentence: str, expected: tuple[str, str]
) -> None:
    row_ = rows(["Ann Hale spoke.", sentence])[-1]
    assert (row_[0], row_[2]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Republicans across the state are expressing concern about Hale.",
            ("Republicans", "expressing"),
        ),
        (
            "Hale continued her push online, referencing a report on the vote.",
            ("Ann Hale", "referencing"),
        ),
    ],
)
def test_more_speech_acts_in_ing(sentence: str, expected: tuple[str, str]) -> None:
    row_ = rows(["Ann Hale spoke.", sentence])[-1]
    assert (row_[0], row_[2]) == expected


def test_an_inquiry_is_a_document_that_finds() -> None:
    sentence = "The inquiry found that the office rarely checked its own records."
    assert rows([sentence]) == [("inquiry", None, "found", (), (), False)]


def test_calling_oneself_something_describes_oneself() -> None:
    assert rows(["Ann Hale spoke.", "Hale calls herself a democratic socialist."])[-1] == (
        "Ann Hale",
        None,
        "calls",
        (),
        (),
        False,
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Some Hale backers urged her not to back down.", ("Some Hale backers", "urged")),
        (
            "Hale's leading rivals have both urged the mayor to resign.",
            ("Hale's leading rivals", "urged"),
        ),
        ("The plan will fail, former supporter says.", ("former supporter", "says")),
    ],
)
def test_rivals_backers_and_supporters_are_people(sentence: str, expected: tuple[str, str]) -> None:
    row_ = rows(["Ann Hale spoke.", sentence])[-1]
    assert (row_[0], row_[2]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Some pundits predicted she would lose.", ("Some pundits", "predicted")),
        (
            "Ann Hale's biggest boosters in the state insisted it was a temporary dip.",
            ("Ann Hale's biggest boosters", "insisted"),
        ),
    ],
)
def test_pundits_and_boosters_are_people(sentence: str, expected: tuple[str, str]) -> None:
    row_ = rows(["Ann Hale spoke.", sentence])[-1]
    assert (row_[0], row_[2]) == expected


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        # A title, a slogan or a name in quotation marks is nobody's words quoted.
        ("She is now the host of “The Late Hour with Dana Pike.”", False),
        ("Volunteers wore hats reading “Keep Harbor Town Moving Forward.”", False),
        ("He has starred in “Rivers of the Long North” and “The Glass Orchard.”", False),
        # Near misses: words in capitals, a sentence in lower case, or both side by side.
        ("The group sent one line to reporters: “THIS IS NOT OVER.”", True),
        ("The mayor called the plan “a waste of everyone’s money and time.”", True),
        ("On “The Late Hour” she said “we will run again next year.”", True),
    ],
)
def test_a_quoted_title_is_no_direct_quotation(sentence: str, quote: bool) -> None:
    assert attribute_sentences([sentence])[0].quote is quote

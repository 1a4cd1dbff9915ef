"""Tests for stage ③ attribution: who a pronoun speaker is when someone unnamed was brought in
as the subject of the sentence before."""

from __future__ import annotations

from factcheck.extract.attribution import attribute_sentences


def speakers(sentences: list[str]) -> list[tuple[str | None, str | None]]:
    return [(a.speaker, a.verb) for a in attribute_sentences(sentences)]


def test_he_after_an_unnamed_subject_is_that_person_not_the_man_named_before() -> None:
    assert speakers(
        [
            "Donald Trump spoke for an hour on Tuesday in Dayton.",
            "A student in the front row was unimpressed by the speech.",
            "“It was boring and nothing new,” he said.",
        ]
    ) == [(None, None), (None, None), ("student", "said")]


def test_a_name_set_off_after_the_description_is_the_subject() -> None:
    assert speakers(
        [
            "Senator Ann Hale spoke for an hour on Tuesday in Dayton.",
            "A retired teacher from Ohio, Mary Jones, was unimpressed by the speech.",
            "“It was boring,” she said.",
        ]
    ) == [(None, None), (None, None), ("Mary Jones", "said")]


def test_an_unnamed_subject_that_is_no_person_takes_no_pronoun() -> None:
    assert speakers(
        [
            "Donald Trump spoke for an hour on Tuesday in Dayton.",
            "A storm in the afternoon cut the rally short.",
            "“It was a good day anyway,” he said.",
        ]
    ) == [(None, None), (None, None), ("Donald Trump", "said")]


def test_a_bare_surname_goes_on_meaning_the_namesake_who_spoke() -> None:
    assert speakers(
        [
            "Hillary Clinton campaigned in Ohio on Monday.",
            "Clinton said the economy was her first concern.",
            "Her husband, former President Bill Clinton, stayed in New York.",
            "Clinton said later that the race was close.",
        ]
    ) == [
        (None, None),
        ("Hillary Clinton", "said"),
        (None, None),
        ("Hillary Clinton", "said"),
    ]


def test_a_bare_surname_means_the_latest_namesake_when_neither_spoke() -> None:
    assert speakers(
        [
            "Hillary Clinton campaigned in Ohio on Monday.",
            "Her husband, former President Bill Clinton, stayed in New York.",
            "Clinton said later that the race was close.",
        ]
    ) == [(None, None), (None, None), ("Bill Clinton", "said")]


def test_a_pronoun_of_the_other_gender_keeps_the_namesake_of_its_gender() -> None:
    assert speakers(
        [
            "Hillary Clinton campaigned in Ohio on Monday.",
            "Clinton said the economy was her first concern.",
            "Her husband, former President Bill Clinton, stayed in New York.",
            "Mr. Clinton said he would join her on Friday.",
        ]
    ) == [
        (None, None),
        ("Hillary Clinton", "said"),
        (None, None),
        ("Bill Clinton", "said"),
    ]

"""Tests for stage ③ attribution of sentences whose words are no one's: a quotation in another
clause than the subject's, each with a near miss that keeps its speaker."""

from __future__ import annotations

from collections.abc import Sequence

from attribution_rows import Row, row

from factcheck.extract.attribution import attribute_sentences

NONE_QUOTED: Row = (None, None, None, (), (), True)


def rows(sentences: Sequence[str]) -> list[Row]:
    return [row(a) for a in attribute_sentences(sentences)]


def test_a_quotation_in_a_clause_with_its_own_subject_is_not_the_first_subjects() -> None:
    # "…, and Dune County has …": the quoted nickname sits in the county's clause, and no verb
    # of Ana Ruiz's reports it.
    sentence = (
        "Ana Ruiz has done well in river towns, and Dune County has several of them, "
        "including “the little republic of Harlow,” home to two colleges."
    )
    assert rows([sentence]) == [NONE_QUOTED]


def test_a_quotation_in_the_subjects_own_clause_keeps_the_subject() -> None:
    # Near miss: no second clause, so the quotation goes on with Ana Ruiz's sentence.
    sentence = (
        "Ana Ruiz has done well in river towns, including “the little republic of Harlow,” "
        "home to two colleges."
    )
    assert rows([sentence]) == [("Ana Ruiz", None, None, (), (), True)]


def test_a_short_quotation_after_a_second_subject_is_not_the_first_subjects() -> None:
    # The same with a short quotation after a verb: "…, but the council has “no plan.”".
    assert rows(["Ana Ruiz visited the ferry, but the council has “no plan” for it."]) == [
        (None, None, None, (), (), False)
    ]


def test_a_short_quotation_after_the_subjects_verb_keeps_the_subject() -> None:
    # Near miss: one clause, a named subject, its verb, then the quotation.
    assert rows(["Ana Ruiz heralded the ferry deal as a “breakthrough” for the valley."]) == [
        ("Ana Ruiz", None, None, (), (), False)
    ]

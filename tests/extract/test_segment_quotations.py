"""Tests for stage ② segment: the sentences of a quotation of more than one sentence, and
quotation marks that do not pair within their paragraph."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution import attribute_sentences
from factcheck.extract.segment_sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "\u201cThis was a black eye on the bureau. We have some bad staff. We want to get "
            "rid of them,\u201d the union leader said.",
            [
                "\u201cThis was a black eye on the bureau.",
                "We have some bad staff.",
                "We want to get rid of them,\u201d the union leader said.",
            ],
        ),
        (
            '"Very abnormal for such a young man. It was clear he was breathless," Dr. Lee said.',
            [
                '"Very abnormal for such a young man.',
                'It was clear he was breathless," Dr. Lee said.',
            ],
        ),
        (
            "She said: \u201cWe met at 5 p.m. on Friday. It cost $4.50 a ride.\u201d",
            ["She said: \u201cWe met at 5 p.m. on Friday.", "It cost $4.50 a ride.\u201d"],
        ),
    ],
)
def test_a_quotation_of_several_sentences_is_cut_into_them(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences


@pytest.mark.parametrize(
    "text",
    [
        # Near misses: what follows a quotation's end inside it, or an abbreviation in it.
        "\u201cIs this legal?\u201d asked Senator Moore.",
        "\u201cWe met Dr. Smith at the U.S. embassy,\u201d she said.",
        "He called it \u201ca fabrication. or worse\u201d in the letter.",
    ],
)
def test_a_quotation_of_one_sentence_stays_whole(text: str) -> None:
    assert _sentences(text) == [text]


def test_a_mark_left_open_in_one_paragraph_holds_none_of_the_next() -> None:
    # A quotation that runs on into the next paragraph leaves its mark open: the next paragraph's
    # sentences are cut as if it had closed.
    text = (
        "Asked about him, the senator said \"I don't know anything about Jake Roe. I have never "
        "heard of him.\n\n"
        "Roe has been a policy aide for years. He served as an adviser to Vice President Jane "
        'Moe. "He is very good," one aide said.'
    )
    assert _sentences(text)[2:] == [
        "Roe has been a policy aide for years.",
        "He served as an adviser to Vice President Jane Moe.",
        '"He is very good," one aide said.',
    ]


def test_every_sentence_of_a_quotation_is_its_speaker_s() -> None:
    text = (
        "\u201cThis was a black eye on the bureau. We have some bad staff,\u201d the union "
        "leader Jo Lee said."
    )
    found = attribute_sentences(_sentences(text))
    assert [(a.speaker, a.quote) for a in found] == [("Jo Lee", True), ("Jo Lee", True)]


@pytest.mark.parametrize(
    "refusal",
    ["Kadzik wouldn\u2019t say.", "Kadzik did not say.", "She didn't respond.", "He never said."],
)
def test_a_speaker_who_says_nothing_is_no_source(refusal: str) -> None:
    found = attribute_sentences(["The inquiry began in May.", refusal])[1]
    assert (found.speaker, found.verb) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        # Near misses: a denial with what was not said, and a plain report.
        ("Kadzik would not say whether the inquiry had ended.", "say"),
        ("Kadzik said.", "said"),
    ],
)
def test_a_speaker_who_says_something_is_one(sentence: str, verb: str) -> None:
    found = attribute_sentences(["The inquiry began in May.", sentence])[1]
    assert (found.speaker, found.verb) == ("Kadzik", verb)

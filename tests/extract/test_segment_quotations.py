"""Tests for stage ② segment: the sentences of a quotation of more than one sentence, and
quotation marks that do not pair within their paragraph."""

from __future__ import annotations

import pytest

from factcheck.extract.attribution import attribute_sentences
from factcheck.extract.segment_sentences import _quotations, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_a_sentence_in_brackets_inside_a_quotation_is_its_own() -> None:
    text = '"The president sets the number each year. (Note: it is the law.)" the paper wrote.'
    assert _sentences(text) == [
        '"The president sets the number each year.',
        '(Note: it is the law.)" the paper wrote.',
    ]


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


def test_a_bare_quotation_after_a_reported_one_is_the_speaker_s_to_its_end() -> None:
    # "“…,” Sanders said. “A. B.”": the second quotation goes on with his words, every sentence.
    sentences = [
        "\u201cWe will win,\u201d Bernie Sanders said.",
        "\u201cAsk them.",
        "They know.\u201d",
    ]
    found = attribute_sentences(sentences, blocks=[0, 0, 0])
    assert [(a.speaker, a.quote) for a in found] == [("Bernie Sanders", True)] * 3


def test_a_long_quotation_cut_into_its_sentences_is_still_one_quotation() -> None:
    text = (
        "Dean defended the remark, saying, \u201cI don\u2019t think this is a ridiculous idea. "
        "Something odd was going on last night. Was it a cold? Probably not. But, you know, "
        "the sniffling was odd. This man is unstable, and the question is why.\u201d"
    )
    sentences = _sentences(text)
    assert len(sentences) == 6
    found = attribute_sentences(sentences, blocks=[0] * 6)
    assert [a.speaker for a in found] == ["Dean"] * 6


def test_a_quotation_after_the_speaker_s_tag_is_theirs_to_its_closing_mark() -> None:
    # The quotation after "…," she said. opens on a bare sentence that takes her as its
    # speaker; its later sentences, inside the same marks, are hers too.
    sentences = [
        '"Are we where we need to be?',
        'Probably not," Minyon Moore said.',
        '"Are we going to get to where we need to be?',
        'Absolutely."',
    ]
    found = attribute_sentences(sentences, blocks=[0] * 4)
    assert [a.speaker for a in found] == ["Minyon Moore"] * 4


@pytest.mark.parametrize(
    ("flat", "quoted"),
    [
        ("He said \u201cA \u201cB\u201d C\u201d then.", ["A \u201cB"]),
        # An opening mark nothing closes opens nothing; the straight pair after it is read.
        ('\u201cOpen. Then "a pair" here.', ["a pair"]),
        ('"One" and "two"', ["One", "two"]),
        ("\u201c\u201d and \u201cx\u201d", ["x"]),
        ("\u201c" * 5, []),
    ],
)
def test_quotations_are_paired_left_to_right(flat: str, quoted: list[str]) -> None:
    assert [flat[a:b] for a, b in _quotations(flat, 0, len(flat))] == quoted

"""Tests for stage ③ attribution: who a pronoun or a bare surname stands for — someone unnamed
brought in as the subject of the sentence before, or the namesake who spoke."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.attribution import attribute_sentences

Speakers = list[tuple[str | None, str | None]]

OPENING = "Donald Trump spoke for an hour on Tuesday in Dayton."
HILLARY = ["Hillary Clinton campaigned in Ohio on Monday.", "Clinton said her focus was jobs."]
BILL = "Her husband, former President Bill Clinton, stayed in New York."
NO_ONE = (None, None)


def speakers(sentences: list[str]) -> Speakers:
    return [(a.speaker, a.verb) for a in attribute_sentences(sentences)]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        pytest.param(
            [
                OPENING,
                "A student in the front row was unimpressed by the speech.",
                "“It was boring and nothing new,” he said.",
            ],
            [NO_ONE, NO_ONE, ("student", "said")],
            id="an unnamed subject, not the man named before",
        ),
        pytest.param(
            [
                "Senator Ann Hale spoke for an hour on Tuesday in Dayton.",
                "A retired teacher from Ohio, Mary Jones, was unimpressed by the speech.",
                "“It was boring,” she said.",
            ],
            [NO_ONE, NO_ONE, ("Mary Jones", "said")],
            id="a name set off after the description is the subject",
        ),
        pytest.param(
            [
                OPENING,
                "A storm in the afternoon cut the rally short.",
                "“It was a good day anyway,” he said.",
            ],
            [NO_ONE, NO_ONE, ("Donald Trump", "said")],
            id="an unnamed subject that is no person takes no pronoun",
        ),
        pytest.param(
            [*HILLARY, BILL, "Clinton said later that the race was close."],
            [NO_ONE, ("Hillary Clinton", "said"), NO_ONE, ("Hillary Clinton", "said")],
            id="a bare surname goes on meaning the namesake who spoke",
        ),
        pytest.param(
            [HILLARY[0], BILL, "Clinton said later that the race was close."],
            [NO_ONE, NO_ONE, ("Bill Clinton", "said")],
            id="the latest namesake when neither spoke",
        ),
        pytest.param(
            [*HILLARY, BILL, "Mr. Clinton said he would join her on Friday."],
            [NO_ONE, ("Hillary Clinton", "said"), NO_ONE, ("Bill Clinton", "said")],
            id="a title of the other gender keeps the namesake of that gender",
        ),
        pytest.param(
            ["Pfizer chief executive Ian Read spoke on Monday.", "Read said the deal was fair."],
            [NO_ONE, ("Ian Read", "said")],
            id="a surname that is a common word, once its person is named",
        ),
        pytest.param(
            ["Pfizer chief executive Ian Read spoke on Monday.", "Read the statement here."],
            [NO_ONE, NO_ONE],
            id="the common word itself still speaks for no one",
        ),
        pytest.param(
            ["The mayor spoke on Monday.", "Read said the deal was fair."],
            [NO_ONE, NO_ONE],
            id="a common word no person bears is no name",
        ),
    ],
)
def test_who_a_pronoun_or_surname_stands_for(sentences: list[str], expected: Speakers) -> None:
    assert speakers(sentences) == expected


TRUST = "The Harbour Trust filed its annual report in March."
SEASON = "The fishing season was short this year."
SHALLOW = "It says the water is too shallow for the new boats."


@pytest.mark.parametrize(
    ("sentences", "blocks", "expected"),
    [
        pytest.param(
            [TRUST, "It said the docks would close by June."],
            [0, 1],
            [NO_ONE, ("Harbour Trust", "said")],
            id="it opening the next paragraph means the organisation named just before",
        ),
        pytest.param(
            [TRUST, SEASON, SHALLOW],
            [0, 0, 1],
            [NO_ONE, NO_ONE, ("Harbour Trust", "says")],
            id="one paragraph back, after a sentence that names no one",
        ),
        pytest.param(
            [TRUST, SEASON, SHALLOW],
            [0, 1, 2],
            [NO_ONE, NO_ONE, (None, "says")],
            id="it reaches no further than the paragraph before",
        ),
        pytest.param(
            [TRUST, "Ana Ruiz has fished from the docks for 30 years.", SHALLOW],
            [0, 1, 2],
            [NO_ONE, NO_ONE, (None, "says")],
            id="a person named between is not it either",
        ),
        pytest.param(
            [TRUST, SEASON, SHALLOW],
            None,
            [NO_ONE, NO_ONE, ("Harbour Trust", "says")],
            id="without a known layout sentences are not counted as paragraphs",
        ),
        pytest.param(
            [
                "Mayor Lena Ortiz opened the new bridge on Friday.",
                "The bridge cost $40 million and took three years to build.",
                "“It will serve the town for a century,” she said.",
            ],
            [0, 1, 2],
            [NO_ONE, NO_ONE, ("Lena Ortiz", "said")],
            id="she still means the woman named two paragraphs back",
        ),
    ],
)
def test_an_organisation_pronoun_reaches_back_one_paragraph(
    sentences: list[str], blocks: list[int] | None, expected: Speakers
) -> None:
    results = attribute_sentences(sentences, blocks=blocks)
    assert [(a.speaker, a.verb) for a in results] == expected


def test_paragraphs_of_an_article_bound_how_far_it_reaches(tmp_path: Path) -> None:
    from factcheck.extract.pipeline import extract
    from factcheck.render.extract import extraction_dict

    article = tmp_path / "article.txt"
    article.write_text(
        "Harbour Report Warns Of Closures\n\n"
        f"{TRUST} It said the docks would close by June.\n\n"
        "Ana Ruiz has fished from the docks for 30 years.\n\n"
        f"{SHALLOW}\n",
        encoding="utf-8",
    )
    data = extraction_dict(extract(str(article), min_score=1.0), include_segments=True)
    body = [s for s in data["segments"] if s["kind"] in ("claim", "statement", "opinion")]
    assert [(s["text"], s["attribution"]["speaker"]) for s in body] == [
        (TRUST, None),
        ("It said the docks would close by June.", "Harbour Trust"),
        ("Ana Ruiz has fished from the docks for 30 years.", None),
        (SHALLOW, None),
    ]

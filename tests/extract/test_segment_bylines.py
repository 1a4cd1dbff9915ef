"""Tests for stage ② segment: the byline and date of a page in another language, pasted as text.

Every page here is made up: the English pasted page of ``pasted_page`` with its head (byline and
date line) in German, French, Spanish, Portuguese, Italian or Dutch. Near misses (the byline's
word opening a sentence or a headline, a stamp of change, a date in the future or in the story)
give no byline and no date.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pasted_page import BODY, HEADLINE, MENU

from factcheck.extract.segment import segment_document
from factcheck.extract.segment_bylines import page_byline
from factcheck.extract.segment_dates import parse_date
from factcheck.models import Document, SegmentKind

TITLE = SegmentKind.TITLE
BYLINE = SegmentKind.BYLINE
DATELINE = SegmentKind.DATELINE
RELATED = SegmentKind.RELATED
STATEMENT = SegmentKind.STATEMENT


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_NOW", "2024-03-08T12:00:00Z")


def _read(head: list[str], body: list[str] = BODY) -> tuple[Document, list[SegmentKind]]:
    text = "\n".join([*MENU, HEADLINE, *head, *body]) + "\n"
    doc, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return doc, [s.kind for s in segments]


@pytest.mark.parametrize(
    ("head", "kinds", "byline", "published"),
    [
        # German: the weekday, the day's full stop and the time in hours ("Uhr").
        (
            ["Von Jana Roth", "Dienstag, 5. März 2024, 14:30 Uhr"],
            [BYLINE, DATELINE],
            "Jana Roth",
            "2024-03-05",
        ),
        (
            ["Von Jana Roth und Max Weber", "5. März 2024"],
            [BYLINE, DATELINE],
            "Jana Roth und Max Weber",
            "2024-03-05",
        ),
        (["Von Jana Roth veröffentlicht am 25. Februar 2024"], [BYLINE], "Jana Roth", "2024-02-25"),
        # French: a date on the byline's line, the first of the month.
        (["Par Jeanne Roux, le 5 mars 2024 à 14h30"], [BYLINE], "Jeanne Roux", "2024-03-05"),
        (
            ["Par Jeanne Roux", "Publié le 1er mars 2024"],
            [BYLINE, DATELINE],
            "Jeanne Roux",
            "2024-03-01",
        ),
        # Spanish and Portuguese: "de" between the day, the month and the year.
        (
            ["Por Juana Ruiz", "Martes, 5 de marzo de 2024 - 14:30"],
            [BYLINE, DATELINE],
            "Juana Ruiz",
            "2024-03-05",
        ),
        (
            ["Publicado em 5 de março de 2024 por Maria Sousa"],
            [BYLINE],
            "Maria Sousa",
            "2024-03-05",
        ),
        (
            ["Por Maria Sousa", "Terça-feira, 5 de março de 2024 às 14h30"],
            [BYLINE, DATELINE],
            "Maria Sousa",
            "2024-03-05",
        ),
        # Weekdays and bylines in lowercase, as French, Spanish, Portuguese, Italian and Dutch
        # write them: a line of its own, not the line above going on.
        (["mardi 5 mars 2024"], [DATELINE], None, "2024-03-05"),
        (
            ["Par Jeanne Roux", "mardi 5 mars 2024 à 14h30"],
            [BYLINE, DATELINE],
            "Jeanne Roux",
            "2024-03-05",
        ),
        (
            ["por Juana Ruiz", "martes, 5 de marzo de 2024"],
            [BYLINE, DATELINE],
            "Juana Ruiz",
            "2024-03-05",
        ),
        (["publicado em 5 de março de 2024"], [DATELINE], None, "2024-03-05"),
        # Italian and Dutch.
        (["Di Giulia Neri", "5 marzo 2024"], [BYLINE, DATELINE], "Giulia Neri", "2024-03-05"),
        (
            ["A cura di Giulia Neri", "Martedì 5 marzo 2024, ore 14:30"],
            [BYLINE, DATELINE],
            "Giulia Neri",
            "2024-03-05",
        ),
        (["Door Anna de Wit | 5 maart 2024"], [BYLINE], "Anna de Wit", "2024-03-05"),
        # The author's role after the name: the byline names the author alone.
        (
            ["Von Jana Roth, Redakteurin", "5. März 2024"],
            [BYLINE, DATELINE],
            "Jana Roth",
            "2024-03-05",
        ),
        (["Par Jeanne Roux, journaliste, le 5 mars 2024"], [BYLINE], "Jeanne Roux", "2024-03-05"),
        (
            ["Por Maria Sousa, repórter", "5 de março de 2024"],
            [BYLINE, DATELINE],
            "Maria Sousa",
            "2024-03-05",
        ),
        (
            ["Di Giulia Neri, giornalista", "5 marzo 2024"],
            [BYLINE, DATELINE],
            "Giulia Neri",
            "2024-03-05",
        ),
        (
            ["Door Anna de Wit, verslaggever", "5 maart 2024"],
            [BYLINE, DATELINE],
            "Anna de Wit",
            "2024-03-05",
        ),
        (
            ["Por Ana Ruiz, corresponsal en Lisboa", "5 de marzo de 2024"],
            [BYLINE, DATELINE],
            "Ana Ruiz",
            "2024-03-05",
        ),
        (
            ["Von Jana Roth, Leitende Redakteurin", "5. März 2024"],
            [BYLINE, DATELINE],
            "Jana Roth",
            "2024-03-05",
        ),
        (
            ["Door Anna de Wit", "Dinsdag 5 maart 2024 om 14:30"],
            [BYLINE, DATELINE],
            "Anna de Wit",
            "2024-03-05",
        ),
    ],
)
def test_a_byline_and_a_date_line_in_another_language_are_read(
    head: list[str], kinds: list[SegmentKind], byline: str | None, published: str
) -> None:
    doc, found = _read(head)
    assert found == [
        *(RELATED for _ in MENU),
        TITLE,
        *kinds,
        *(STATEMENT for _ in BODY),
    ]
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, byline, published)
    origins = {"title": "text", "byline": "text", "published": "dateline"}
    if byline is None:
        del origins["byline"]
    assert dict(doc.provenance) == origins


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: the byline's word opening a sentence, a question or a headline.
        "Von der Leyen sagte am Montag, der Plan komme zu spät",
        "Por qué suben las tarifas del ferry",
        "Par exemple, les tarifs du ferry augmentent encore",
        "Di recente il consiglio ha alzato le tariffe",
        "Door de regen vertrokken de veerboten later",
        "Door De Regen Vertraagde Veerboten",
        "Von Montag An Gilt Der Neue Fahrplan",
        "Por Qué Suben Las Tarifas",
        "Door Slams Shut On Ferry Talks",
        "Von Miller Signs With Ferry Line",
        "Par exemple, la journaliste a écrit le contraire",
        "Por qué la corresponsal dejó el diario",
    ],
)
def test_a_byline_s_word_before_no_name_is_no_byline(line: str) -> None:
    assert page_byline(line) is None
    doc, found = _read([line])
    assert BYLINE not in found
    assert (doc.byline, doc.published) == (None, None)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # A stamp of change is never the date of publication, on its own line or the byline's.
        (["Aktualisiert am 6. März 2024"], None),
        (["Von Jana Roth, aktualisiert am 6. März 2024"], None),
        (["Última actualización: 6 de marzo de 2024"], None),
        (["Dernière mise à jour le 6 mars 2024", "Publié le 5 mars 2024"], "2024-03-05"),
        (["Stand: 06.03.2024, 10:12 Uhr"], None),
        # Near miss: the word of a label of change before no date ("Stand" is German's).
        (["By Jane Roe, Stand News, March 5, 2024"], "2024-03-05"),
        (["Von Jana Roth, aktualisiert am Mittwoch, 6. März 2024"], None),
        # A date later than now is no date of publication.
        (["Di Giulia Neri", "9 marzo 2024"], None),
        (["Door Anna de Wit", "5 maart 2099"], None),
    ],
)
def test_only_a_date_of_publication_until_now_is_read(
    head: list[str], published: str | None
) -> None:
    doc, found = _read(head)
    assert DATELINE in found or BYLINE in found
    assert doc.published == published


def test_a_date_inside_the_story_or_below_it_is_not_the_page_s() -> None:
    inside = ["Am 5. März 2024 stiegen die Preise für die Fähre erneut.", *BODY]
    doc, found = _read([], inside)
    assert doc.published is None
    assert DATELINE not in found
    doc, found = _read([], [*BODY[:2], "Dienstag, 5. März 2024", *BODY[2:]])
    assert doc.published is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("5. März 2024", "2024-03-05"),
        ("Dienstag, 5. März 2024, 14:30 Uhr", "2024-03-05"),
        ("mardi 1er mars 2022 à 9h", "2022-03-01"),
        ("5 de marzo de 2024", "2024-03-05"),
        ("5 de março de 2024 às 14h30", "2024-03-05"),
        ("5 marzo 2024", "2024-03-05"),
        ("5 maart 2024", "2024-03-05"),
        ("5 MARS 2024", "2024-03-05"),
        ("31 febbraio 2024", None),  # no such day
        ("5 de marzo", None),  # no year
        ("5 Mars missions in 2024", None),
    ],
)
def test_parse_date_reads_the_languages_of_pasted_pages(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_the_day_s_full_stop_of_a_german_date_ends_no_sentence() -> None:
    doc, found = _read(["Von Jana Roth publiziert am 25. Februar 2024"])
    assert found.count(BYLINE) == 1
    assert doc.published == "2024-02-25"


@pytest.mark.parametrize(
    "below",
    [
        # Near misses: a lowercase line that goes on from the one above it, with a weekday or a
        # byline's word that opens no date and no name.
        "mardi soir, pour la troisième année de suite",
        "por la mañana, antes de la reunión del consejo",
        "di recente anche per i pendolari",
    ],
)
def test_a_lowercase_line_that_goes_on_stays_with_the_line_above(below: str) -> None:
    text = f"{HEADLINE} and\n{below}\n" + "\n".join(BODY) + "\n"
    doc, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    assert segments[0].text == f"{HEADLINE} and\n{below}"
    assert doc.published is None


_READING_TIMES = [
    "Tempo de leitura: 2 minutos",
    "Lesezeit: 3 Minuten",
    "3 Min. Lesezeit",
    "Lesezeit: 3 Min.",
    "Temps de lecture : 4 min",
    "4 min de lecture",
    "Tiempo de lectura: 3 min",
    "Tempo di lettura: 3 minuti",
    "Leestijd: 3 minuten",
    "3 minutos de leitura",
    "Lesedauer: 5-7 Minuten",
]


@pytest.mark.parametrize("line", _READING_TIMES)
def test_a_reading_time_in_another_language_is_furniture(line: str) -> None:
    # Under the byline, as "5 min read" is in English, and between two paragraphs.
    doc, found = _read(["Von Jana Roth", line])
    assert found == [
        *(RELATED for _ in MENU),
        TITLE,
        BYLINE,
        DATELINE,
        *(STATEMENT for _ in BODY),
    ]
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, "Jana Roth", None)
    doc, found = _read([], [*BODY[:2], line, *BODY[2:]])
    story = [STATEMENT, STATEMENT, DATELINE, STATEMENT, STATEMENT]
    assert found == [*(RELATED for _ in MENU), TITLE, *story]


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: a sentence about reading time, minutes without a label, a label without
        # minutes, and English lines with a figure and minutes.
        "Die Lesezeit beträgt drei Minuten, sagte die Autorin.",
        "3 minutos de leitura bastam para entender o plano",
        "Lettura del piano in 3 punti",
        "Temps de lecture",
        "The ferry crossing takes 45 minutes",
        "Administration 2024",
    ],
)
def test_a_line_about_reading_or_minutes_stays_in_the_story(line: str) -> None:
    _, found = _read([], [*BODY[:2], line, *BODY[2:]])
    assert DATELINE not in found


@pytest.mark.parametrize(
    "label",
    [
        "Você pode gostar",
        "Leia também",
        "Veja também",
        "Lesen Sie auch",
        "À lire aussi",
        "Lire aussi",
        "Lee también",
        "Ver también",
        "Leggi anche",
        "Lees ook",
    ],
)
def test_the_label_of_a_box_of_links_in_another_language_is_furniture(label: str) -> None:
    # Alone on its line with a teaser under it, and before a teaser on its own line.
    teaser = "Nieuwe veerboot komt in mei aan"
    _, found = _read([], [*BODY[:2], label, teaser, *BODY[2:]])
    story = [STATEMENT, STATEMENT, RELATED, RELATED, STATEMENT, STATEMENT]
    assert found == [*(RELATED for _ in MENU), TITLE, *story]
    _, found = _read([], [*BODY[:2], f"{label}: {teaser}", *BODY[2:]])
    story = [STATEMENT, STATEMENT, RELATED, STATEMENT, STATEMENT]
    assert found == [*(RELATED for _ in MENU), TITLE, *story]


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: a sentence that opens with a label's words, and English lines.
        "Lees ook het rapport van de havenraad over de tarieven.",
        "Lee took the ferry to work on Tuesday.",
        "Leggi anche il rapporto completo della commissione, disse lei.",
    ],
)
def test_a_sentence_opening_with_a_label_s_words_stays_in_the_story(line: str) -> None:
    _, found = _read([], [*BODY[:2], line, *BODY[2:]])
    assert found == [*(RELATED for _ in MENU), TITLE, *(STATEMENT for _ in range(5))]


def _page_date_lines() -> st.SearchStrategy[str]:
    """Lines that are, or nearly are, date lines of pages in the six languages."""
    from factcheck.lexicon import PAGE_LANGUAGES, entries

    def words_of(name: str) -> st.SearchStrategy[str]:
        listed = sorted({w for code in PAGE_LANGUAGES for w in entries(name, code)})
        return st.sampled_from(listed).flatmap(
            lambda w: st.sampled_from([w, w.capitalize(), w.upper()])
        )

    space = st.sampled_from([" ", "  ", "\t", "", "\u00a0"])
    day = st.sampled_from(["5", "05", "5.", "31", "1er", "1º"])
    year = st.sampled_from(["2024", "1999", "24"])
    parts = st.tuples(
        st.one_of(st.just(""), words_of("published_words").map(lambda w: w + " ")),
        st.one_of(st.just(""), words_of("weekdays").map(lambda w: w + ", ")),
        day,
        space,
        st.one_of(st.just(""), words_of("date_joiners").map(lambda w: w + " ")),
        words_of("months"),
        st.sampled_from(["", ","]),
        space,
        st.one_of(st.just(""), words_of("date_joiners").map(lambda w: w + " ")),
        year,
        st.sampled_from(["", ", 14:30", " à 14h30", "x"]),
    )
    return parts.map("".join)


@settings(max_examples=300, deadline=None)
@given(_page_date_lines())
def test_a_page_date_line_is_what_its_whole_pattern_reads(line: str) -> None:
    # The quick tests before the whole pattern never turn away a line the pattern reads.
    from factcheck.extract.segment_dates import _page_dateline_re, is_page_dateline

    assert is_page_dateline(line) == (_page_dateline_re().fullmatch(line) is not None)

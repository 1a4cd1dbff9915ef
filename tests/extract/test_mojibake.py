"""Tests for stage ① ingest: doubly encoded text ("FranÃ§ois") decoded again, and only that."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.extract import mojibake
from factcheck.extract.ingest import read_page, read_source
from factcheck.extract.mojibake import repair_mojibake
from factcheck.models import Document


def doubly(text: str) -> str:
    """TEXT as it reads after its UTF-8 bytes were taken for Windows-1252 and saved again (the
    five bytes Windows-1252 leaves undefined read as Latin-1's C1 controls)."""
    return "".join(
        bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
        for byte in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    "text",
    [
        "The mayor, Renée Dubois, opened the café on the Rue de l’Église.",
        "Peña Nieto met José Núñez in Cancún on Monday.",
        "“We don’t know yet,” the minister said — twice.",
        "Straße, Göteborg, Ærøskøbing and São Tomé all voted.",
        "Prices rose 12% to €4.50 (about £3.90) a litre.",
    ],
)
def test_doubly_encoded_text_is_decoded_again(text: str) -> None:
    garbled = doubly(text)
    assert garbled != text
    assert repair_mojibake(garbled) == text


@pytest.mark.parametrize(
    "text",
    [
        'Plain ASCII text, with "straight" quotes and 3 numbers: 1, 2, 3.',
        "The mayor, Renée Dubois, opened the café.",  # right already
        "Le patron a dit «c’est fini» au café»",  # é then », a pair that is no UTF-8
        "SÃO PAULO — the capital letters of a dateline",
        "Ã is a letter of Portuguese; Â is one of Romanian.",
    ],
)
def test_text_that_is_right_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) is None


def test_a_file_of_doubly_encoded_text_is_read_repaired_and_says_so(tmp_path: Path) -> None:
    text = "Peña Nieto said on Tuesday that “the wall will not be paid for by Mexico.”\n"
    data = doubly(text).encode("utf-8")
    path = tmp_path / "garbled.txt"
    path.write_bytes(data)
    assert read_source(str(path)) == Document(
        source=str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),  # the digest stays the bytes'
        provenance=(("text", "repaired"),),
    )


def test_a_right_file_records_no_repair(tmp_path: Path) -> None:
    path = tmp_path / "right.txt"
    path.write_text("Peña Nieto said on Tuesday that the talks went well.\n", encoding="utf-8")
    assert read_source(str(path)).provenance == ()


def test_a_doubly_encoded_page_is_repaired_with_its_metadata(tmp_path: Path) -> None:
    body = (
        "<p>The council of São Bento voted on Tuesday to close the old bridge to lorries.</p>"
        "<p>Mayor Inês Alves said the repairs would take two years and cost €3 million.</p>"
    )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>São Bento closes its old bridge to lorries</title>"
        "<meta name='author' content='Zoë Müller'></head>"
        f"<body><article><h1>São Bento closes its old bridge to lorries</h1>{body}</article>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(doubly(page).encode("utf-8"))
    doc = read_source(str(path))
    assert (doc.title, doc.byline) == ("São Bento closes its old bridge to lorries", "Zoë Müller")
    assert doc.text.splitlines() == [
        "São Bento closes its old bridge to lorries",
        "The council of São Bento voted on Tuesday to close the old bridge to lorries.",
        "Mayor Inês Alves said the repairs would take two years and cost €3 million.",
    ]
    assert doc.provenance == (
        ("title", "heading"),
        ("byline", "meta"),
        ("text", "repaired"),
    )


def test_extract_of_a_doubly_encoded_file_matches_the_right_one(tmp_path: Path) -> None:
    text = (
        "Inflation in Peru rose to 8.1% in June, the central bank’s governor, Julio Velarde, said"
        " on Friday.\n“Prices of food and fuel will fall in the second half,” Velarde added.\n"
    )
    garbled, right = tmp_path / "garbled.txt", tmp_path / "right.txt"
    garbled.write_bytes(doubly(text).encode("utf-8"))
    right.write_text(text, encoding="utf-8")
    outputs = []
    for path in (garbled, right):
        result = CliRunner().invoke(app, ["extract", str(path), "--format", "json", "--all"])
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout))
    repaired, expected = outputs
    assert repaired["document"]["provenance"] == {"text": "repaired"}
    assert "provenance" not in expected["document"]
    assert (repaired["claims"], repaired["segments"]) == (expected["claims"], expected["segments"])
    assert [c["attribution"]["speaker"] for c in repaired["claims"]] == ["Julio Velarde"] * 2


def test_a_repair_in_a_page_script_alone_is_no_repair_of_the_article(tmp_path: Path) -> None:
    script = doubly("// largura mínima do anúncio; não mude")
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour bridge to close</title>"
        f"<script>{script}</script></head><body><article><h1>Harbour bridge to close</h1>"
        "<p>The council voted on Tuesday to close the harbour bridge to lorries from May.</p>"
        "<p>Repairs will take two years and cost about three million pounds, it said.</p>"
        "<p>Signs in Portuguese will say “não”.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_source(str(path))
    assert "repaired" not in dict(doc.provenance).values()
    assert doc.text.splitlines()[1:] == [
        "The council voted on Tuesday to close the harbour bridge to lorries from May.",
        "Repairs will take two years and cost about three million pounds, it said.",
        "Signs in Portuguese will say “não”.",
    ]


def test_a_page_served_with_the_wrong_charset_is_read_as_written() -> None:
    # A server that calls UTF-8 bytes ISO-8859-1: every accented letter arrives as two.
    page = (
        "<html><head><title>Peña Nieto meets Trudeau in Montréal</title></head><body><article>"
        "<h1>Peña Nieto meets Trudeau in Montréal</h1>"
        "<p>Mexico’s president, Enrique Peña Nieto, arrived in Montréal on Sunday for talks.</p>"
        "<p>The two leaders will discuss trade and the price of steel, officials said.</p>"
        "</article></body></html>"
    )
    doc = read_page(
        page.encode("utf-8"), "https://news.example/2016/06/26/talks", charset="iso-8859-1"
    )
    assert doc.title == "Peña Nieto meets Trudeau in Montréal"
    assert doc.text.splitlines()[1] == (
        "Mexico’s president, Enrique Peña Nieto, arrived in Montréal on Sunday for talks."
    )
    assert dict(doc.provenance)["text"] == "repaired"


def test_the_table_says_the_text_was_repaired(tmp_path: Path) -> None:
    garbled, right = tmp_path / "garbled.txt", tmp_path / "right.txt"
    text = "Peña Nieto said on Tuesday that the talks would resume in June.\n"
    garbled.write_bytes(doubly(text).encode("utf-8"))
    right.write_text(text, encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "100"})
    tables = [
        runner.invoke(app, ["--color", "never", "extract", str(path), "-f", "table"]).stdout
        for path in (garbled, right)
    ]
    note = "text repaired: doubly encoded characters decoded again"
    assert tables[0].splitlines()[:2] == [str(garbled), note]
    assert note not in tables[1]
    assert tables[0].splitlines()[2:] == tables[1].splitlines()[1:]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aé Ã©Â€™â\u0080\u009d\u00a0¿ÀÁõôß“”—\u2019Ðж한\n\ud800", max_size=30))
def test_the_byte_search_finds_a_suspect_pair_where_the_text_has_one(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert (mojibake._SUSPECT_UTF8.search(data) is not None) is (
        mojibake._SUSPECT.search(text) is not None
    )

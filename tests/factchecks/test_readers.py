"""Tests for the known fact-check readers: every format, detection, and malformed records."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path

import pytest

from factcheck.errors import FactchecksError
from factcheck.factchecks.model import KnownCheck, Verdict
from factcheck.factchecks.readers import READERS, NoRecords, read_file
from factcheck.factchecks.store import FactcheckDatabase

FIXTURES = Path(__file__).parents[1] / "fixtures" / "factchecks"
OWN_REPORT = Path(__file__).parents[1] / "fixtures" / "report" / "seed.claimreview.json"


def test_an_at_graph_yields_its_claim_reviews_and_reports_the_one_without_a_claim() -> None:
    path = FIXTURES / "claimreview-graph.json"
    result = read_file(path)
    assert result.records == [
        KnownCheck(
            claim="The harbour tunnel flooded three times last winter and was closed for 40 days.",
            origin=str(path),
            position="@graph[1]",
            title="No, the harbour tunnel did not flood last winter",
            rating="Pants on Fire",
            verdict=Verdict.FALSE,
            publisher="Example Check",
            url="https://check.example/reviews/tunnel-flood",
            date="2024-02-11",
            claim_date="2024-02-01",
            claimant="Dana Ortiz",
            language="en",
        ),
        KnownCheck(
            claim="The city will double the bridge toll in March.",
            origin=str(path),
            position="@graph[2]",
            rating="4/5",
            verdict=Verdict.MOSTLY_TRUE,
            publisher="Example Check",
            url="https://check.example/reviews/bridge-toll",
            date="2024-03-02",
        ),
    ]
    assert [str(p) for p in result.problems] == [f"{path}: @graph[3]: no claimReviewed text"]


def test_one_claim_review_object_is_read() -> None:
    result = read_file(FIXTURES / "claimreview-one.json")
    (record,) = result.records
    assert (record.title, record.rating, record.verdict, record.position) == (
        "Are all branch libraries closing in June?",
        "Mostly false",
        Verdict.MOSTLY_FALSE,
        "[0]",
    )


def test_factchecks_own_claimreview_report_is_read_back() -> None:
    result = read_file(OWN_REPORT)
    assert result.problems == []
    assert [(r.rating, r.verdict, r.publisher, r.claimant) for r in result.records] == [
        ("Mostly accurate", Verdict.MOSTLY_TRUE, "Demo Reviewer", "Netanyahu"),
        ("Unproven", Verdict.UNPROVEN, "Demo Reviewer", "Ibrahim Al-Amin"),
        ("Mostly accurate", Verdict.MOSTLY_TRUE, "Demo Reviewer", "Benjamin Netanyahu"),
        ("Misleading", Verdict.MISLEADING, "Demo Reviewer", "Ali Khamenei"),
    ]
    assert result.records[0].url == "https://factcheck.example/seed-article#claim-c1"
    assert result.records[0].claim.startswith("On May 20, Netanyahu showed")


def test_a_data_feed_is_read_item_by_item() -> None:
    path = FIXTURES / "datafeed.json"
    result = read_file(path)
    assert [(r.claim, r.verdict, r.position, r.claimant) for r in result.records] == [
        (
            "Drinking seawater cures the common cold.",
            Verdict.FALSE,
            "dataFeedElement[0].item[0]",
            "A blogger",
        ),
        (
            "The national rail network carried 2.5 billion passengers in 2019.",
            Verdict.TRUE,
            "dataFeedElement[2].item[0]",
            None,
        ),
    ]
    assert [str(p) for p in result.problems] == [
        f"{path}: dataFeedElement[1]: expected a ClaimReview object"
    ]


def test_google_claims_search_gives_one_record_per_review() -> None:
    path = FIXTURES / "google.json"
    result = read_file(path)
    assert [(r.publisher, r.rating, r.verdict, r.date, r.claim_date) for r in result.records] == [
        ("Search Example", "Altered photo", Verdict.FALSE, "2023-09-02", "2023-09-01"),
        ("Other Example", "Fake", Verdict.FALSE, "2023-09-05", "2023-09-01"),
    ]
    assert {r.claimant for r in result.records} == {"Social media posts"}
    assert [str(p) for p in result.problems] == [f"{path}: claims[1]: no claim text"]


def test_csv_columns_are_found_by_name_and_bad_rows_reported_by_line() -> None:
    path = FIXTURES / "table.csv"
    result = read_file(path)
    assert [(r.ref, r.claim, r.verdict, r.position) for r in result.records] == [
        ("7", "Vaccines contain microchips that track people.", Verdict.FALSE, "line 2"),
        ("8", "The museum, closed since 2019, reopens in May.", Verdict.TRUE, "line 3"),
    ]
    assert [str(p) for p in result.problems] == [
        f"{path}: line 4: empty claim",
        f"{path}: line 5: expected 7 columns, got 8",
    ]


def test_a_date_that_is_no_day_of_the_calendar_is_left_out(tmp_path: Path) -> None:
    # "2021-13-45" was stored and shown as the review's date.
    path = tmp_path / "dates.csv"
    path.write_text(
        "claim,rating,date,claim_date\n"
        "The bridge closed in 2019.,False,2021-13-45,2021-02-03T10:00:00Z\n"
        "The dam opened in 2020.,True,March 3 2021,2021-02-30\n",
        encoding="utf-8",
    )
    records = read_file(path).records
    assert [(r.date, r.claim_date) for r in records] == [
        (None, "2021-02-03"),
        ("March 3 2021", None),
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('claim,rating\n"Vaccines contain chips,False\nThe moon is cheese,False\n', 2),
        ('claim,rating\n"Two\nlines",False\n"No end,True', 4),
        ('claim\trating\r"Cut\tshort\r', 2),
    ],
)
def test_a_quoted_cell_never_closed_is_one_error(tmp_path: Path, content: str, line: int) -> None:
    # The cell took every row after it: one record of the rest of the sheet, read without a word.
    path = tmp_path / "sheet.csv"
    path.write_bytes(content.encode())
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value) == (
        f"{path}: line {line}: a quoted cell is never closed; nothing was imported from the file"
    )


def test_a_column_the_reader_uses_named_twice_is_one_error(tmp_path: Path) -> None:
    # The first was taken as the claim, the other left out without a word.
    path = tmp_path / "sheet.csv"
    path.write_text("claim,rating,Claim\nThe moon is cheese,False,Water is wet\n")
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: line 1: column 'claim' is named twice"
    path.write_text("claim,rating,notes,notes,\nThe moon is cheese,False,a,b,\n")
    assert [r.claim for r in read_file(path).records] == ["The moon is cheese"]


def test_a_key_given_twice_in_one_object_is_read_last_and_named(tmp_path: Path) -> None:
    # Read without a word: which of the two texts is the claim cannot be told from the file.
    path = tmp_path / "feed.json"
    path.write_text(
        '[{"claimReviewed": "The moon is cheese", "claimReviewed": "Water is wet",'
        ' "reviewRating": {"alternateName": "False", "alternateName": "True"}},'
        ' {"claimReviewed": "Fish swim"}]'
    )
    result = read_file(path)
    assert [(r.claim, r.rating) for r in result.records] == [
        ("Water is wet", "True"),
        ("Fish swim", None),
    ]
    assert [(str(p), p.skipped) for p in result.problems] == [
        (f"{path}: [0]: key 'claimReviewed' given twice in one object; the last was read", False),
        (f"{path}: [0]: key 'alternateName' given twice in one object; the last was read", False),
    ]
    path.write_text(
        '{"claims": [{"text": "a b", "text": "c d", "claimReview": [{"url": "http://x.org/1"},'
        ' {"url": "http://x.org/2", "url": "http://x.org/3"}]}]}'
    )
    tail = "given twice in one object; the last was read"
    assert [str(p) for p in read_file(path).problems] == [
        f"{path}: claims[0].claimReview[0]: key 'text' {tail}",
        f"{path}: claims[0].claimReview[1]: key 'text' {tail}",
        f"{path}: claims[0].claimReview[1]: key 'url' {tail}",
    ]


def test_the_clef_style_tsv_reads_claim_title_and_unnamed_id() -> None:
    result = read_file(FIXTURES / "table.tsv")
    assert [(r.ref, r.claim, r.title) for r in result.records] == [
        (
            "0",
            "A village in the hills has had no rain for ten years.",
            "Has It Not Rained in the Village for a Decade?",
        ),
        ("1", 'A "miracle" tree grows upside down in the park.', "Does a Tree Grow Upside Down?"),
    ]


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("broken.json", None, "broken.json:2: not valid JSON: Expecting value"),
        ("no-claim-column.csv", None, "no-claim-column.csv: line 1: no claim column"),
        ("google.json", "datafeed", "google.json: not a datafeed file"),
        ("missing.json", None, "missing.json: no such file"),
    ],
)
def test_unreadable_files_are_one_error(name: str, fmt: str | None, message: str) -> None:
    with pytest.raises(FactchecksError) as caught:
        read_file(FIXTURES / name, fmt)
    assert message in str(caught.value)


def test_json_nested_too_deeply_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: JSON nested too deeply to read"


def test_a_file_of_unknown_shape_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value) == (
        f"{path}: cannot tell the format; name it with --format ({', '.join(READERS)})"
    )


def test_format_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("claim\tpublisher\nThe moon is hollow.\tDesk\n", encoding="utf-8")
    (record,) = read_file(path, "tsv").records
    assert (record.claim, record.publisher) == ("The moon is hollow.", "Desk")


@pytest.mark.parametrize(
    ("value", "best"),
    [
        ("1" + "0" * 400, "5"),  # an integer too large for a float: an internal error
        ("NaN", "5"),  # was shown as the rating 'nan/5'
        ("1e999", "5"),  # 'inf/5'
        ("3", "-Infinity"),
        ('"1e999"', "5"),
    ],
)
def test_a_rating_that_is_not_a_finite_number_is_no_rating(
    tmp_path: Path, value: str, best: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(
        '{"@type": "ClaimReview", "claimReviewed": "The ferry fare doubled in spring.", '
        f'"url": "https://check.example/fare", "reviewRating": {{"ratingValue": {value}, '
        f'"bestRating": {best}}}}}',
        encoding="utf-8",
    )
    result = read_file(path)
    assert result.problems == []
    # A best rating that is no number is left out: the scale is then the usual 1 to 5.
    expected = (None, None) if best == "5" else ("3/5", Verdict.MIXED)
    assert [(r.claim, r.rating, r.verdict) for r in result.records] == [
        ("The ferry fare doubled in spring.", *expected)
    ]


def test_a_spreadsheet_s_unicode_text_export_is_read(tmp_path: Path) -> None:
    # Tab-separated UTF-16 with a byte order mark: it was refused as "not UTF-8 text".
    path = tmp_path / "checks.txt"
    text = (
        "claim\tverdict\turl\r\nLa tarifa del ferry se duplicó.\tFalso\thttps://check.example/f\r\n"
    )
    path.write_bytes(text.encode("utf-16"))
    result = read_file(path)
    assert result.problems == []
    assert [(r.claim, r.rating, r.url) for r in result.records] == [
        ("La tarifa del ferry se duplicó.", "Falso", "https://check.example/f")
    ]


def test_a_file_without_a_usable_record_is_one_error_that_keeps_why_each_was_skipped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "junk.json"
    path.write_text('[1, {"@type": "ClaimReview"}]', encoding="utf-8")
    with pytest.raises(NoRecords) as caught:
        read_file(path)
    assert (
        str(caught.value)
        == f"{path}: expected at least one fact-check, found none usable (2 skipped)"
    )
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: [0]: expected a ClaimReview object",
        f"{path}: [1]: no claimReviewed text",
    ]
    path.write_text("claim,rating\n\n", encoding="utf-8")
    with pytest.raises(NoRecords) as caught:
        read_file(path)
    assert (str(caught.value), caught.value.problems) == (
        f"{path}: expected at least one fact-check, found none",
        (),
    )


# One review with every field each JSON format carries.
_CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "@id": "https://check.example/#fare",
    "url": "https://check.example/fare",
    "headline": "Did the ferry fare double?",
    "claimReviewed": "The ferry fare doubled in spring.",
    "datePublished": "2024-02-11",
    "inLanguage": "en",
    "author": {"@type": "Organization", "name": "Example Check"},
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Dana Ortiz"},
        "datePublished": "2024-02-01",
    },
}
_EVERY_FORMAT = {
    "claimreview": _CLAIM_REVIEW,
    "datafeed": {"@type": "DataFeed", "dataFeedElement": [{"item": [_CLAIM_REVIEW]}]},
    "google": {
        "claims": [
            {
                "text": "The ferry fare doubled in spring.",
                "claimant": "Dana Ortiz",
                "claimDate": "2024-02-01T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "Example Check", "site": "check.example"},
                        "url": "https://check.example/fare",
                        "title": "Did the ferry fare double?",
                        "reviewDate": "2024-02-11T00:00:00Z",
                        "textualRating": "False",
                        "languageCode": "en",
                    }
                ],
            }
        ]
    },
}
_TEXT_FIELDS = [f.name for f in fields(KnownCheck) if f.name != "verdict"]


def _with_each_string_changed(data: object, change: Callable[[str], str]) -> Iterator[object]:
    """DATA once for each string in it, that string changed."""
    if isinstance(data, str):
        yield change(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            for changed in _with_each_string_changed(value, change):
                yield {**data, key: changed}
    elif isinstance(data, list):
        for index, value in enumerate(data):
            for changed in _with_each_string_changed(value, change):
                yield [*data[:index], changed, *data[index + 1 :]]


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff"])
@pytest.mark.parametrize("fmt", sorted(_EVERY_FORMAT))
def test_a_lone_surrogate_in_any_string_of_any_json_format_is_read_as_u_fffd(
    tmp_path: Path, fmt: str, surrogate: str
) -> None:
    # A JSON escape of half a UTF-16 pair is no character: the database refused the record
    # with an internal error.
    path = tmp_path / f"{fmt}.json"
    database = FactcheckDatabase(tmp_path / "fc.sqlite", create=True)
    mended: set[str] = set()
    for change in (lambda text: surrogate + text, lambda text: text + surrogate):
        for data in _with_each_string_changed(_EVERY_FORMAT[fmt], change):
            path.write_text(json.dumps(data), encoding="utf-8")  # written as \\ud800
            result = read_file(path)
            (record,) = result.records
            broken = [f for f in _TEXT_FIELDS if "\ufffd" in (getattr(record, f) or "")]
            assert [str(p) for p in result.problems] == (
                [
                    f"{path}: {record.position}: {', '.join(broken)}: lone surrogate "
                    f"\\u{ord(surrogate):04x} replaced with U+FFFD"
                ]
                if broken
                else []
            )
            assert not any(p.skipped for p in result.problems)
            for name in _TEXT_FIELDS:
                (getattr(record, name) or "").encode("utf-8")
            counts = database.add(result.records)
            assert counts.added + counts.updated + counts.unchanged == 1
            mended.update(broken)
    database.close()
    every = {"claim", "title", "rating", "publisher", "url", "date", "claim_date", "claimant"}
    assert mended == every | ({"language"} if fmt == "google" else {"language", "ref"})


def test_a_table_opening_with_blank_lines_is_read_from_its_header(tmp_path: Path) -> None:
    # It was "cannot tell the format", and with --format csv "empty file".
    path = tmp_path / "sheet.csv"
    path.write_text("\n \r\nclaim,rating\nThe moon is cheese,False\n\nWater is wet,True\n")
    result = read_file(path)
    assert [(r.claim, r.rating, r.position) for r in result.records] == [
        ("The moon is cheese", "False", "line 4"),
        ("Water is wet", "True", "line 6"),
    ]
    path.write_text("\n\nclaim,rating,Claim\nThe moon is cheese,False,Water is wet\n")
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: line 3: column 'claim' is named twice"
    path.write_text("\n\ntitle\tverdict\nThe moon\tFalse\n")
    with pytest.raises(FactchecksError) as caught:
        read_file(path)
    assert str(caught.value).startswith(f"{path}: line 3: no claim column (one of: ")

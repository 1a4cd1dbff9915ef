"""Tests for `factcheck factchecks import | search | stats`: exit codes, stdout and stderr."""

from __future__ import annotations

import codecs
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "factchecks"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner(env={"COLUMNS": "120"})
    result = runner.invoke(app, ["--color", "never", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def imported(db: Path) -> None:
    files = [str(FIXTURES / n) for n in ("claimreview-graph.json", "google.json", "table.csv")]
    code, _, _ = run("factchecks", "import", *files, "--db", str(db))
    assert code == 0


def test_import_reports_each_file_and_each_bad_record(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    graph, table = FIXTURES / "claimreview-graph.json", FIXTURES / "table.csv"
    code, out, err = run("factchecks", "import", str(graph), str(table), "--db", str(db))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"Warning: {graph}: @graph[3]: no claimReviewed text",
        f"{graph}: 2 added, 0 updated, 0 unchanged, 1 skipped",
        f"Warning: {table}: line 4: empty claim",
        f"Warning: {table}: line 5: expected 7 columns, got 8",
        f"{table}: 2 added, 0 updated, 0 unchanged, 2 skipped",
    ]
    code, _, err = run("factchecks", "import", str(table), "--db", str(db))
    assert code == 0
    assert err.splitlines()[-1] == f"{table}: 0 added, 0 updated, 2 unchanged, 2 skipped"


def test_import_goes_to_the_data_directory_or_the_environment_variable(tmp_path: Path) -> None:
    code, _, _ = run("factchecks", "import", str(FIXTURES / "claimreview-one.json"))
    assert code == 0
    assert (Path(os.environ["XDG_DATA_HOME"]) / "factcheck" / "factchecks.sqlite").is_file()
    target = tmp_path / "team.sqlite"
    runner = CliRunner(env={"FACTCHECK_FACTCHECKS_DB": str(target)})
    result = runner.invoke(app, ["factchecks", "import", str(FIXTURES / "datafeed.json")])
    assert result.exit_code == 0
    assert target.is_file()


def test_a_file_that_cannot_be_read_is_one_error_and_the_others_import(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    broken, good = FIXTURES / "broken.json", FIXTURES / "claimreview-one.json"
    code, out, err = run("factchecks", "import", str(broken), str(good), "--db", str(db))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"Error: {broken}:2: not valid JSON: Expecting value",
        f"{good}: 1 added, 0 updated, 0 unchanged",
    ]


def test_a_cell_too_large_for_the_csv_module_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    huge, good = tmp_path / "huge.csv", FIXTURES / "claimreview-one.json"
    huge.write_text('claim,rating\nThe moon is hollow.,False\n"' + "x " * 100_000 + '",False\n')
    code, out, err = run("factchecks", "import", str(huge), str(good), "--db", str(db))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"Error: {huge}: line 3: cannot read the row: field larger than field limit (131072)",
        f"{good}: 1 added, 0 updated, 0 unchanged",
    ]


@pytest.mark.parametrize(
    ("content", "position", "escape"),
    [
        (
            '{"@type":"ClaimReview","claimReviewed":"lone \\ud800 surrogate",'
            '"url":"https://fc.example/1"}',
            "[0]",
            "\\ud800",
        ),
        (
            '{"claims":[{"text":"lone \\udfff surrogate","claimReview":'
            '[{"url":"https://fc.example/2","textualRating":"False"}]}]}',
            "claims[0].claimReview[0]",
            "\\udfff",
        ),
    ],
    ids=["claimreview", "google"],
)
def test_a_lone_surrogate_is_imported_as_the_replacement_character_with_a_warning(
    tmp_path: Path, content: str, position: str, escape: str
) -> None:
    # The record was refused by the database with an internal UnicodeEncodeError.
    db, path = tmp_path / "fc.sqlite", tmp_path / "surrogate.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("factchecks", "import", str(path), "--db", str(db))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"Warning: {path}: {position}: claim: lone surrogate {escape} replaced with U+FFFD",
        f"{path}: 1 added, 0 updated, 0 unchanged",
    ]
    code, out, err = run("factchecks", "search", "lone surrogate", "--db", str(db))
    assert (code, err) == (0, "")
    assert [m["claim"] for m in json.loads(out)["matches"]] == ["lone \ufffd surrogate"]


def test_a_file_name_that_is_not_utf8_is_recorded_with_the_replacement_character(
    tmp_path: Path,
) -> None:
    # Python reads the byte 0xff of a file name as the lone surrogate \udcff, which the
    # database refused with an internal error.
    db, path = tmp_path / "fc.sqlite", tmp_path / "desk\udcff.csv"
    try:
        path.write_text("claim,rating\nThe moon is hollow.,False\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    shown = str(path).replace("\udcff", "\ufffd")
    code, out, err = run("factchecks", "import", str(path), "--db", str(db))
    assert (code, out, err) == (0, "", f"{shown}: 1 added, 0 updated, 0 unchanged\n")
    code, out, err = run("factchecks", "stats", "--db", str(db), "--format", "json")
    assert (code, err) == (0, "")
    assert [o["origin"] for o in json.loads(out)["origins"]] == [shown]


@pytest.mark.parametrize(
    ("name", "content", "warnings", "message"),
    [
        ("header-only.csv", "claim,rating\n", [], "found none"),
        ("blank-rows.tsv", "claim\trating\n\n \t \n", [], "found none"),
        (
            "table-junk.csv",
            "claim,rating\n,False\n",
            ["line 2: empty claim"],
            "found none usable (1 skipped)",
        ),
        (
            "junk.json",
            '[1, null, "x", {"@type":"ClaimReview"}]',
            [
                "[0]: expected a ClaimReview object",
                "[1]: expected a ClaimReview object",
                "[2]: expected a ClaimReview object",
                "[3]: no claimReviewed text",
            ],
            "found none usable (4 skipped)",
        ),
        (
            "google-junk.json",
            '{"claims":[{"text":"x","claimReview":5},5]}',
            ["claims[0]: no claimReview", "claims[1]: no claim text"],
            "found none usable (2 skipped)",
        ),
        (
            "google-empty.json",
            '{"claims":[]}',
            [],
            "found none",
        ),
        (
            "datafeed-junk.json",
            '{"@type":"DataFeed","dataFeedElement":[{"item":"not a review"}]}',
            ["dataFeedElement[0]: expected a ClaimReview object"],
            "found none usable (1 skipped)",
        ),
    ],
    ids=[
        "header-only",
        "blank-rows",
        "table-junk",
        "junk",
        "google-junk",
        "google-empty",
        "datafeed-junk",
    ],
)
def test_a_file_that_gives_no_record_is_an_error_and_the_database_is_left_as_it_was(
    tmp_path: Path, name: str, content: str, warnings: list[str], message: str
) -> None:
    # It was a success: "0 added, 0 updated, 0 unchanged", exit 0.
    db, path = tmp_path / "fc.sqlite", tmp_path / name
    imported(db)
    before = db.read_bytes()
    path.write_text(content, encoding="utf-8")
    code, out, err = run("factchecks", "import", str(path), "--db", str(db))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        *(f"Warning: {path}: {warning}" for warning in warnings),
        f"Error: {path}: expected at least one fact-check, {message}",
    ]
    assert db.read_bytes() == before


def test_a_file_without_records_fails_the_import_and_the_others_still_import(
    tmp_path: Path,
) -> None:
    db, empty, good = tmp_path / "fc.sqlite", tmp_path / "empty.csv", FIXTURES / "table.csv"
    empty.write_text("claim,rating\n", encoding="utf-8")
    code, out, err = run("factchecks", "import", str(empty), str(good), "--db", str(db))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"Error: {empty}: expected at least one fact-check, found none",
        f"Warning: {good}: line 4: empty claim",
        f"Warning: {good}: line 5: expected 7 columns, got 8",
        f"{good}: 2 added, 0 updated, 0 unchanged, 2 skipped",
    ]
    # Every record already there: nothing added, and nothing wrong.
    code, out, err = run("factchecks", "import", str(good), "--db", str(db))
    assert (code, out, err.splitlines()[-1]) == (
        0,
        "",
        f"{good}: 0 added, 0 updated, 2 unchanged, 2 skipped",
    )


def test_standard_input_is_refused_in_one_line_and_the_other_files_import(
    tmp_path: Path,
) -> None:
    db = tmp_path / "fc.sqlite"
    good = FIXTURES / "claimreview-one.json"
    code, out, err = run("factchecks", "import", "-", str(good), "--db", str(db), stdin="x\n")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Error: -: standard input is not supported here; give a file",
        f"{good}: 1 added, 0 updated, 0 unchanged",
    ]


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("factchecks", "import", "x.json", "--format", "xml")
    assert code == 2
    assert "expected one of datafeed, google, claimreview, tsv, csv" in err


def test_search_prints_json_with_the_documented_fields(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    imported(db)
    code, out, err = run(
        "factchecks", "search", "shark swimming on a flooded highway", "--db", str(db), "-n", "2"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["query"] == "shark swimming on a flooded highway"
    assert [list(m) for m in data["matches"]] == [
        ["id", "claim", "title", "rating", "verdict", "publisher", "url", "date", "score"]
    ] * 2
    assert sorted((m["publisher"], m["rating"]) for m in data["matches"]) == [
        ("Other Example", "Fake"),
        ("Search Example", "Altered photo"),
    ]
    assert data["matches"][0]["score"] >= data["matches"][1]["score"] > 0


def test_search_reads_one_query_per_line_and_answers_in_order(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    imported(db)
    stdin = "Do vaccines carry tracking microchips?\n\nHarbour tunnel flooded three times\n"
    code, out, err = run("factchecks", "search", "-", "--db", str(db), "--limit", "1", stdin=stdin)
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == [
        "Do vaccines carry tracking microchips?",
        "",
        "Harbour tunnel flooded three times",
    ]
    assert [[m["url"] for m in line["matches"]] for line in lines] == [
        ["https://table.example/7"],
        [],
        ["https://check.example/reviews/tunnel-flood"],
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_search_reads_standard_input_in_the_encoding_its_byte_order_mark_names(
    tmp_path: Path, encoding: str
) -> None:
    db = tmp_path / "fc.sqlite"
    imported(db)
    text = "Harbour tunnel flooded three times\r\nCafé owner’s pâté\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    runner = CliRunner(env={"COLUMNS": "120"})
    result = runner.invoke(
        app, ["factchecks", "search", "-", "--db", str(db), "-n", "1"], input=data
    )
    assert (result.exit_code, result.stderr) == (0, "")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == [
        "Harbour tunnel flooded three times",
        "Café owner’s pâté",
    ]
    assert lines[0]["matches"][0]["url"] == "https://check.example/reviews/tunnel-flood"


def test_search_table_escapes_untrusted_text(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    feed = tmp_path / "feed.csv"
    feed.write_text(
        'claim,rating,publisher\n"Moon made of [bold]cheese[/bold] \x1b[31m",False,Desk\n',
        encoding="utf-8",
    )
    assert run("factchecks", "import", str(feed), "--db", str(db))[0] == 0
    code, out, _ = run("factchecks", "search", "moon cheese", "--db", str(db), "-f", "table")
    assert code == 0
    assert "[bold]cheese[/bold] \\x1b[31m" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("query", ["", "   ", " ?! -- ", "is it?"])
def test_search_for_nothing_is_one_error_line(tmp_path: Path, query: str) -> None:
    db = tmp_path / "fc.sqlite"
    imported(db)
    code, out, err = run("factchecks", "search", query, "--db", str(db))
    assert (code, out) == (1, "")
    assert err == f"Error: nothing to search for in {query!r}; give the words of a claim\n"


def test_search_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite"
    code, out, err = run("factchecks", "search", "anything", "--db", str(db))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {db}: no fact-check database; import one with: factcheck factchecks import FILE\n"
    )


def test_stats_json_and_table(tmp_path: Path) -> None:
    db = tmp_path / "fc.sqlite"
    imported(db)
    code, out, err = run("factchecks", "stats", "--db", str(db), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["records"], data["verdicts"]) == (6, {"true": 1, "false": 4, "mostly_true": 1})
    assert [o["origin"] for o in data["origins"]] == [
        str(FIXTURES / "claimreview-graph.json"),
        str(FIXTURES / "google.json"),
        str(FIXTURES / "table.csv"),
    ]
    code, out, _ = run("factchecks", "stats", "--db", str(db))
    assert code == 0
    assert "6 fact-checks" in out
    assert "Imported from" in out


@pytest.mark.parametrize(
    "command",
    [["stats"], ["search", "flooded highway"], ["import", str(FIXTURES / "table.csv")]],
)
def test_a_folder_as_the_database_is_one_line(tmp_path: Path, command: list[str]) -> None:
    code, out, err = run("factchecks", *command, "--db", str(tmp_path))
    assert (code, out, err) == (
        1,
        "",
        f"Error: {tmp_path}: is a folder; give --db the database file\n",
    )
    assert list(tmp_path.iterdir()) == []


# --- a database that cannot be written, or is another program's --------------------------------

READ_ONLY = [("folder", "fc.sqlite"), ("folder", "new.sqlite"), ("file", "fc.sqlite")]


@pytest.mark.parametrize(("locked", "name"), READ_ONLY, ids=["folder", "new-in-folder", "file"])
def test_a_read_only_database_is_one_clear_line(
    tmp_path: Path, read_only: Callable[[Path], None], locked: str, name: str
) -> None:
    # It was "Error: internal error: OperationalError: unable to open database file", or "not a
    # fact-check database (attempt to write a readonly database)".
    share = tmp_path / "share"
    imported(share / "fc.sqlite")
    db = share / name
    read_only(share if locked == "folder" else db)
    code, out, err = run("factchecks", "import", str(FIXTURES / "datafeed.json"), "--db", str(db))
    assert (code, out, err) == (
        1,
        "",
        f"Error: {db}: cannot write the fact-check database (read-only {locked})\n",
    )
    assert not (share / "new.sqlite").exists()
    code, _, err = run("factchecks", "stats", "--db", str(share / "fc.sqlite"))
    assert (code, err) == (0, "")


def test_import_refuses_another_programs_database_and_stats_says_what_it_is(
    tmp_path: Path,
) -> None:
    # Import wrote our tables into it, and half-way when it had a table named `factchecks`;
    # then stats ended in "internal error: OperationalError: no such column: origin".
    db = tmp_path / "app.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE factchecks (id INTEGER PRIMARY KEY, note TEXT)")
        connection.execute("INSERT INTO factchecks (note) VALUES ('precious')")
    connection.close()
    before = db.read_bytes()
    code, out, err = run("factchecks", "import", str(FIXTURES / "table.csv"), "--db", str(db))
    assert (code, out, err) == (
        1,
        "",
        f"Error: {db}: not a fact-check database (another program's tables: factchecks); "
        "nothing was changed: give --db a new file or a fact-check database\n",
    )
    assert db.read_bytes() == before
    for command in (["stats"], ["search", "microchips"]):
        code, out, err = run("factchecks", *command, "--db", str(db))
        assert (code, out, err) == (
            1,
            "",
            f"Error: {db}: not a fact-check database (another program's tables: factchecks)\n",
        )


SHARED = """claim,rating,publisher,url
The moon is made of cheese,Satire,Desk,https://ex.org/1
The sun is cold at noon,False,Desk,https://ex.org/2
"""


def test_records_another_version_or_program_wrote_are_read_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A verdict this version does not know ('satire') ended search in "internal error:
    # ValueError" and was left out of stats; a BLOB in a text column ended search -f json in
    # "internal error: TypeError", and text that is not UTF-8 in "cannot read the database".
    db, feed = tmp_path / "fc.sqlite", tmp_path / "r.csv"
    feed.write_text(SHARED, encoding="utf-8")
    assert run("factchecks", "import", str(feed), "--db", str(db))[0] == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE factchecks SET verdict = 'satire' WHERE url LIKE '%/1'")
        connection.execute(
            "UPDATE factchecks SET title = x'fffe', publisher = CAST(x'ff44' AS TEXT), "
            "date = 2024 WHERE url LIKE '%/2'"
        )
    connection.close()
    code, out, err = run("factchecks", "search", "moon cheese", "--db", str(db))
    assert (code, err) == (0, "")
    assert "Satire" in out
    found = []
    for query in ("moon cheese", "sun cold noon"):
        code, out, err = run("factchecks", "search", query, "--db", str(db), "-f", "json")
        assert (code, err) == (0, "")
        (match,) = json.loads(out)["matches"]
        found.append({k: v for k, v in match.items() if k != "score"})
    assert found == [
        {
            "id": 1,
            "claim": "The moon is made of cheese",
            "title": None,
            "rating": "Satire",
            "verdict": None,
            "publisher": "Desk",
            "url": "https://ex.org/1",
            "date": None,
        },
        {
            "id": 2,
            "claim": "The sun is cold at noon",
            "title": "\ufffd\ufffd",
            "rating": "False",
            "verdict": "false",
            "publisher": "\ufffdD",
            "url": "https://ex.org/2",
            "date": "2024",
        },
    ]
    code, out, err = run("factchecks", "stats", "--db", str(db), "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["verdicts"], data["publishers"], data["origins"][0]["first"]) == (
        {"false": 1, "satire": 1},
        {"Desk": 1, "\ufffdD": 1},
        "2024",
    )
    # extract and review search the database as search does.
    from factcheck.factchecks.findings import match_claims
    from factcheck.models import Claim

    monkeypatch.setenv("FACTCHECK_FACTCHECKS_DB", str(db))
    claims = [Claim("c1", "The moon is made of cheese", 0, 26, 0.9)]
    ((match,),) = (match_claims(claims) or {}).values()
    assert (match.rating, match.verdict) == ("Satire", None)

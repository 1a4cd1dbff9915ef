"""Tests for the known fact-checks database: import, update, search, statistics, its location."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.errors import FactchecksError
from factcheck.factchecks import store
from factcheck.factchecks.location import default_path
from factcheck.factchecks.model import Verdict
from factcheck.factchecks.readers import read_file
from factcheck.factchecks.store import (
    DatabaseStats,
    FactcheckDatabase,
    ImportCounts,
    OriginStats,
    existing_database,
    has_fts5,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "factchecks"
FILES = ("claimreview-graph.json", "claimreview-one.json", "datafeed.json", "google.json")


def fill(db: FactcheckDatabase) -> list[ImportCounts]:
    return [db.add(read_file(FIXTURES / name).records) for name in (*FILES, "table.tsv")]


@pytest.fixture(params=[True, False], ids=["fts5", "scan"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> FactcheckDatabase:
    if request.param and not has_fts5():
        pytest.skip("this SQLite has no FTS5")
    database = FactcheckDatabase(tmp_path / "fc.sqlite", create=True, full_text=request.param)
    fill(database)
    return database


def test_import_counts_and_reimport_changes_nothing(tmp_path: Path) -> None:
    database = FactcheckDatabase(tmp_path / "fc.sqlite", create=True)
    assert fill(database) == [
        ImportCounts(added=2),
        ImportCounts(added=1),
        ImportCounts(added=2),
        ImportCounts(added=2),
        ImportCounts(added=2),
    ]
    assert fill(database) == [
        ImportCounts(unchanged=2),
        ImportCounts(unchanged=1),
        ImportCounts(unchanged=2),
        ImportCounts(unchanged=2),
        ImportCounts(unchanged=2),
    ]
    assert database.count() == 9


def test_a_changed_rating_updates_the_record_and_its_search_terms(db: FactcheckDatabase) -> None:
    record = read_file(FIXTURES / "claimreview-one.json").records[0]
    changed = replace(
        record,
        rating="True",
        verdict=Verdict.TRUE,
        title="Branch libraries stay open through the summer",
    )
    assert db.add([changed]) == ImportCounts(updated=1)
    assert db.count() == 9
    (match,) = db.search("branch libraries summer", limit=1)
    assert (match.claim, match.rating, match.verdict) == (record.claim, "True", Verdict.TRUE)


def test_search_finds_a_paraphrase_first_with_every_field(db: FactcheckDatabase) -> None:
    matches = db.search("Harbour tunnel was flooded 3 times over the winter, closed 40 days!")
    best = matches[0]
    assert (best.claim, best.title, best.rating, best.verdict, best.publisher) == (
        "The harbour tunnel flooded three times last winter and was closed for 40 days.",
        "No, the harbour tunnel did not flood last winter",
        "Pants on Fire",
        Verdict.FALSE,
        "Example Check",
    )
    assert (best.url, best.date) == ("https://check.example/reviews/tunnel-flood", "2024-02-11")
    assert 0.0 < best.score <= 1.0
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_search_is_the_same_with_and_without_the_full_text_index(tmp_path: Path) -> None:
    if not has_fts5():
        pytest.skip("this SQLite has no FTS5")
    indexed = FactcheckDatabase(tmp_path / "a.sqlite", create=True, full_text=True)
    scanned = FactcheckDatabase(tmp_path / "b.sqlite", create=True, full_text=False)
    fill(indexed)
    fill(scanned)
    for text in ("shark on a flooded highway", "upside down tree", "seawater cold cure"):
        assert indexed.search(text) == scanned.search(text)
        assert indexed.search(text)


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE meta SET value = 'many' WHERE key = 'count'",
        "UPDATE meta SET value = '3.5' WHERE key = 'count'",
        "UPDATE meta SET value = '-1' WHERE key = 'claim_length'",
        "UPDATE meta SET value = 'nan' WHERE key = 'title_length'",
        "UPDATE vocab SET df = 'x'",
        "UPDATE vocab SET df = -3",
    ],
)
def test_statistics_edited_by_hand_are_counted_again_from_the_records(
    tmp_path: Path, edit: str
) -> None:
    # Each was an internal error (ValueError, TypeError) in search and stats.
    path = tmp_path / "fc.sqlite"
    fill(FactcheckDatabase(path, create=True))
    query = "Harbour tunnel was flooded 3 times over the winter, closed 40 days!"
    before = FactcheckDatabase(path).search(query)
    with sqlite3.connect(path) as raw:
        raw.execute(edit)
    raw.close()
    edited = FactcheckDatabase(path)
    assert (edited.search(query), edited.count()) == (before, 9)


def test_a_query_without_search_terms_matches_nothing(db: FactcheckDatabase) -> None:
    assert db.search("") == []
    assert db.search("the and of, it was!") == []


def test_limit_and_min_score(db: FactcheckDatabase) -> None:
    assert len(db.search("photo flooded highway shark storm", limit=1)) == 1
    assert db.search("photo flooded highway shark storm", min_score=1.01) == []


def test_stats_say_what_is_there_and_from_where(db: FactcheckDatabase) -> None:
    stats = db.stats()
    assert stats == DatabaseStats(
        path=str(db.path),
        records=9,
        size=db.path.stat().st_size,
        full_text=db.full_text,
        origins=(
            OriginStats(str(FIXTURES / "claimreview-graph.json"), 2, "2024-02-11", "2024-03-02"),
            OriginStats(str(FIXTURES / "datafeed.json"), 2, "2022-11-03", "2022-12-14"),
            OriginStats(str(FIXTURES / "google.json"), 2, "2023-09-02", "2023-09-05"),
            OriginStats(str(FIXTURES / "table.tsv"), 2, None, None),
            OriginStats(str(FIXTURES / "claimreview-one.json"), 1, "2023-05-20", "2023-05-20"),
        ),
        publishers=(
            ("Example Check", 2),
            ("Feed Checkers", 2),
            ("Fact Example", 1),
            ("Other Example", 1),
            ("Search Example", 1),
        ),
        verdicts=(
            ("true", 1),
            ("mostly_true", 1),
            ("mostly_false", 1),
            ("false", 4),
            ("unrated", 2),
        ),
        languages=(("unknown", 6), ("en", 3)),
    )


def test_the_database_lives_in_the_data_directory_unless_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "factcheck" / "factchecks.sqlite"
    monkeypatch.setenv("FACTCHECK_FACTCHECKS_DB", str(tmp_path / "team.sqlite"))
    assert default_path() == tmp_path / "team.sqlite"


def test_no_database_is_no_matching_and_an_error_when_asked_for(tmp_path: Path) -> None:
    assert existing_database(tmp_path / "none.sqlite") is None
    with pytest.raises(FactchecksError) as caught:
        FactcheckDatabase(tmp_path / "none.sqlite")
    assert str(caught.value) == (
        f"{tmp_path / 'none.sqlite'}: no fact-check database; "
        "import one with: factcheck factchecks import FILE"
    )


def test_a_file_that_is_not_a_database_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not sqlite at all, just text that is long enough to look like a header\n")
    with pytest.raises(FactchecksError) as caught:
        FactcheckDatabase(path)
    assert str(caught.value).startswith(f"{path}: not a fact-check database")


def test_the_database_path_follows_the_variables_as_they_change(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("FACTCHECK_FACTCHECKS_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for home in ("one", "two", "one"):
        monkeypatch.setenv("HOME", str(tmp_path / home))
        expected = tmp_path / home / ".local" / "share" / "factcheck" / "factchecks.sqlite"
        assert default_path() == expected
    monkeypatch.setenv("XDG_DATA_HOME", "  ")  # blank: as if not set
    assert default_path() == expected
    monkeypatch.setenv("FACTCHECK_FACTCHECKS_DB", "~/team.sqlite")
    assert default_path() == tmp_path / "one" / "team.sqlite"


# --- what makes two records the same review ------------------------------------------------------

ALPHA = """id,claim,rating,publisher
1,"The moon is made of cheese",False,Alpha Check
2,"Bananas cure the flu",False,Alpha Check
"""
BETA = """id,claim,rating,publisher
1,"Sharks live in the city lake",False,Beta Facts
2,"The bridge collapsed on Monday",True,Beta Facts
"""


def sheet(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unrelated_file_of_the_same_name_and_ids_adds_its_records(tmp_path: Path) -> None:
    # Beta's claims.csv replaced Alpha's records: "0 added, 2 updated", 2 records, not 4.
    alpha = sheet(tmp_path / "alpha" / "claims.csv", ALPHA)
    beta = sheet(tmp_path / "beta" / "claims.csv", BETA)
    database = FactcheckDatabase(tmp_path / "fc.sqlite", create=True)
    assert database.add(read_file(alpha).records) == ImportCounts(added=2)
    assert database.add(read_file(beta).records) == ImportCounts(added=2)
    assert database.count() == 4
    (match,) = database.search("The moon is made of cheese", limit=1)
    assert (match.claim, match.publisher) == ("The moon is made of cheese", "Alpha Check")
    # Next month's sheet of the same desk, under the same name and numbered from 1 again.
    later = sheet(tmp_path / "alpha" / "claims.csv", ALPHA.replace("moon", "sun"))
    assert database.add(read_file(later).records) == ImportCounts(added=1, unchanged=1)
    assert database.count() == 5


def test_importing_the_same_sheet_again_updates_its_records(tmp_path: Path) -> None:
    alpha = sheet(tmp_path / "alpha" / "claims.csv", ALPHA)
    database = FactcheckDatabase(tmp_path / "fc.sqlite", create=True)
    database.add(read_file(alpha).records)
    assert database.add(read_file(alpha).records) == ImportCounts(unchanged=2)
    changed = sheet(alpha, ALPHA.replace(",False,", ",Mostly false,", 1))
    assert database.add(read_file(changed).records) == ImportCounts(updated=1, unchanged=1)
    # The same sheet kept in another folder is still the same reviews.
    moved = sheet(tmp_path / "copy" / "claims.csv", changed.read_text(encoding="utf-8"))
    assert database.add(read_file(moved).records) == ImportCounts(updated=2)
    assert database.count() == 2
    (match,) = database.search("The moon is made of cheese", limit=1)
    assert (match.rating, match.verdict) == ("Mostly false", Verdict.MOSTLY_FALSE)


def test_a_database_keyed_the_old_way_is_keyed_again_and_still_updates(tmp_path: Path) -> None:
    alpha = sheet(tmp_path / "alpha" / "claims.csv", ALPHA)
    path = tmp_path / "fc.sqlite"
    with FactcheckDatabase(path, create=True) as database:
        database.add(read_file(alpha).records)
    with sqlite3.connect(path) as old:  # as the previous version stored them
        old.execute("UPDATE factchecks SET key = 'ref:claims.csv' || char(10) || ref")
        old.execute("DELETE FROM meta WHERE key = 'keys'")
    old.close()
    with FactcheckDatabase(path, create=True) as database:
        assert database.add(read_file(alpha).records) == ImportCounts(unchanged=2)
        beta = sheet(tmp_path / "beta" / "claims.csv", BETA)
        assert database.add(read_file(beta).records) == ImportCounts(added=2)
        assert database.count() == 4


# --- another program's database, and one left half-made ------------------------------------------

REFUSED = "; nothing was changed: give --db a new file or a fact-check database"


def foreign(path: Path, *statements: str) -> bytes:
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(statement)
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("statements", "tables"),
    [
        (("CREATE TABLE notes (t TEXT)", "INSERT INTO notes VALUES ('mine')"), "notes"),
        (
            (
                "CREATE TABLE factchecks (id INTEGER PRIMARY KEY, note TEXT)",
                "INSERT INTO factchecks (note) VALUES ('precious')",
            ),
            "factchecks",
        ),
    ],
    ids=["other-tables", "a-table-named-factchecks"],
)
def test_another_programs_database_is_refused_and_left_unchanged(
    tmp_path: Path, statements: tuple[str, ...], tables: str
) -> None:
    # Import added our tables into it; with its own `factchecks` table it failed half-way, and
    # then `factchecks stats` ended in "internal error: OperationalError: no such column".
    path = tmp_path / "app.db"
    before = foreign(path, *statements)
    for create, hint in ((True, REFUSED), (False, "")):
        with pytest.raises(FactchecksError) as caught:
            FactcheckDatabase(path, create=create)
        assert str(caught.value) == (
            f"{path}: not a fact-check database (another program's tables: {tables}){hint}"
        )
    assert path.read_bytes() == before


def test_a_database_half_converted_by_an_earlier_import_is_one_error(tmp_path: Path) -> None:
    # What an import of the previous version left in a file with its own `factchecks` table.
    path = tmp_path / "app.db"
    foreign(
        path,
        "CREATE TABLE factchecks (id INTEGER PRIMARY KEY, note TEXT)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO meta VALUES ('schema', '1'), ('fts', '0'), ('terms', '')",
        "CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL)",
    )
    with pytest.raises(FactchecksError) as caught:
        FactcheckDatabase(path).stats()
    assert str(caught.value) == (
        f"{path}: not a fact-check database (another program's tables: factchecks, meta, vocab)"
    )


def test_an_empty_file_becomes_a_database_and_is_none_to_read(tmp_path: Path) -> None:
    path = tmp_path / "fc.sqlite"
    path.write_bytes(b"")
    with pytest.raises(FactchecksError) as caught:
        FactcheckDatabase(path)
    assert str(caught.value) == f"{path}: not a fact-check database (it holds no tables)"
    with FactcheckDatabase(path, create=True) as database:
        assert database.add(read_file(FIXTURES / "claimreview-one.json").records) == ImportCounts(
            added=1
        )


def test_a_database_whose_index_was_never_made_is_searched_and_mended(tmp_path: Path) -> None:
    if not has_fts5():
        pytest.skip("this SQLite has no FTS5")
    path = tmp_path / "fc.sqlite"
    with FactcheckDatabase(path, create=True, full_text=True) as database:
        fill(database)
    with sqlite3.connect(path) as cut:
        cut.execute("DROP TABLE factchecks_index")
    cut.close()
    with FactcheckDatabase(path) as database:
        assert not database.full_text
        assert database.search("upside down tree", limit=1)[0].claim.startswith("A ")
    with FactcheckDatabase(path, create=True) as database:
        assert database.full_text
        assert database.search("upside down tree", limit=1)[0].claim.startswith("A ")


@pytest.mark.parametrize("locked", ["folder", "file"])
def test_a_write_that_sqlite_refuses_says_read_only(
    tmp_path: Path,
    read_only: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
    locked: str,
) -> None:
    # The check made before opening let through (a file system it cannot judge): SQLite's own
    # refusal says the same, never an internal OperationalError.
    path = tmp_path / "share" / "fc.sqlite"
    path.parent.mkdir()
    with FactcheckDatabase(path, create=True) as database:
        fill(database)
    monkeypatch.setattr(store, "_check_writable", lambda path: None)
    read_only(path.parent if locked == "folder" else path)
    record = replace(read_file(FIXTURES / "claimreview-one.json").records[0], rating="True")
    with pytest.raises(FactchecksError) as caught, FactcheckDatabase(path, create=True) as db:
        db.add([record])
    assert str(caught.value) == f"{path}: cannot write the fact-check database (read-only {locked})"
    with FactcheckDatabase(path) as database:
        assert database.count() == 9


def test_a_database_another_program_is_writing_is_busy_not_foreign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fc.sqlite"
    database = FactcheckDatabase(path, create=True)
    fill(database)
    database.db.close()
    monkeypatch.setattr(store, "BUSY_WAIT", 0.2)
    busy = (
        f"{path}: the fact-check database is busy: another program has been writing it for 0.2 s "
        "(an import?); try again when it is done"
    )
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # an import in another process holds the file
    try:
        for create in (False, True):
            with pytest.raises(FactchecksError) as caught:
                FactcheckDatabase(path, create=create)
            assert str(caught.value) == busy
    finally:
        writer.execute("COMMIT")
        writer.close()
    # Once the write is done, the database reads as before.
    assert FactcheckDatabase(path).count() == 9

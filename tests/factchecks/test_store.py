"""Tests for the known fact-checks database: import, update, search, statistics, its location."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.errors import FactchecksError
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

"""Known fact-checks: the database, one SQLite file with a full-text index of every claim.

The file is ``$XDG_DATA_HOME/factcheck/factchecks.sqlite`` unless ``--db`` or the environment
variable ``FACTCHECK_FACTCHECKS_DB`` names another. Each record is stored with its search terms;
an FTS5 index over them hands the best candidates to the re-ranker in
:mod:`factcheck.factchecks.matcher`. Where SQLite lacks FTS5, the same ranking runs over every
record instead: the same results, slower on large databases.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactchecksError
from factcheck.factchecks import matcher
from factcheck.factchecks.location import default_path
from factcheck.factchecks.model import KnownCheck, Match, Verdict

SCHEMA_VERSION = "1"
"""Bumped when the tables change."""
TERMS_VERSION = "2"
"""Bumped when the matcher's terms change; stored terms are then computed again."""
KEYS_VERSION = "2"
"""Bumped when what makes two records the same review changes; stored keys are then computed
again."""

COMMON_SHARE = 0.005
"""A term in more than this share of the records does not pick candidates (it still scores)."""
COMMON_FLOOR = 200
"""... unless it is in at most this many records."""

_FIELDS = (
    "claim",
    "title",
    "rating",
    "verdict",
    "publisher",
    "url",
    "date",
    "claim_date",
    "claimant",
    "language",
    "ref",
    "origin",
    "position",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS factchecks (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    claim TEXT NOT NULL,
    title TEXT,
    rating TEXT,
    verdict TEXT,
    publisher TEXT,
    url TEXT,
    date TEXT,
    claim_date TEXT,
    claimant TEXT,
    language TEXT,
    ref TEXT,
    origin TEXT NOT NULL,
    position TEXT NOT NULL,
    claim_terms TEXT NOT NULL,
    title_terms TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""

_FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS factchecks_index USING fts5(
    claim_terms, title_terms, content='factchecks', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
"""


def has_fts5() -> bool:
    """Whether this Python's SQLite has the FTS5 full-text index."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import did."""

    added: int = 0
    """New records."""
    updated: int = 0
    """Records already there whose fields changed."""
    unchanged: int = 0
    """Records already there exactly as read."""


@dataclass(frozen=True, slots=True)
class OriginStats:
    """The records imported from one file."""

    origin: str
    """The file, as it was named when imported."""
    records: int
    """How many records came from it."""
    first: str | None
    """The earliest review date among them."""
    last: str | None
    """The latest review date among them."""


@dataclass(frozen=True, slots=True)
class DatabaseStats:
    """What the database holds."""

    path: str
    """The database file."""
    records: int
    """How many known fact-checks."""
    size: int
    """The file's size in bytes."""
    full_text: bool
    """Whether the FTS5 index is used."""
    origins: tuple[OriginStats, ...]
    """Per file imported, most records first."""
    publishers: tuple[tuple[str, int], ...]
    """The publishers with the most records, and how many."""
    verdicts: tuple[tuple[str, int], ...]
    """How many records have each verdict ('unrated' for none), best first."""
    languages: tuple[tuple[str, int], ...]
    """How many records have each language ('unknown' for none)."""


_OWN_COLUMNS = {
    "meta": {"key", "value"},
    "factchecks": {"id", "key", *_FIELDS, "claim_terms", "title_terms"},
    "vocab": {"term", "df"},
}
"""The tables of a fact-check database and the columns each has."""


def _tables(db: sqlite3.Connection) -> set[str]:
    """The tables in the file (SQLite's own left out)."""
    return {
        name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_")
    }


def _check_tables(
    path: Path, db: sqlite3.Connection, tables: set[str], *, create: bool
) -> dict[str, str]:
    """The database's meta table; a file holding other tables than a fact-check database's (or
    none, unless it is to be made) is refused."""
    if not tables and create:
        return {}
    if not tables:
        return _not_ours(path, "it holds no tables", create=create)
    if "meta" in tables and _columns(db, "meta") >= _OWN_COLUMNS["meta"]:
        meta: dict[str, str] = dict(db.execute("SELECT key, value FROM meta").fetchall())
        schema = meta.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise FactchecksError(f"{path}: made by another version of factcheck (schema {schema})")
    else:
        meta = {}
    for table, needed in _OWN_COLUMNS.items():
        if table not in tables or not _columns(db, table) >= needed:
            index = "factchecks_index"
            names = sorted(t for t in tables if t == index or not t.startswith(f"{index}_"))
            shown = ", ".join(names[:5]) + (", \u2026" if len(names) > 5 else "")
            return _not_ours(path, f"another program's tables: {shown}", create=create)
    return meta


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def _not_ours(path: Path, reason: str, *, create: bool) -> dict[str, str]:
    hint = "; nothing was changed: give --db a new file or a fact-check database" if create else ""
    raise FactchecksError(f"{path}: not a fact-check database ({reason}){hint}")


def _check_writable(path: Path) -> None:
    """Refuse, before anything is read, a database that cannot be written: a read-only file, or
    a folder where SQLite cannot make its journal beside the file (or the file itself)."""
    if path.exists() and not os.access(path, os.W_OK):
        raise FactchecksError(f"{path}: cannot write the fact-check database (read-only file)")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise FactchecksError(f"{path}: cannot write the fact-check database (read-only folder)")


def _is_write_failure(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite could not write: a read-only file or folder, a journal it cannot make."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
    )


BUSY_WAIT = 30.0
"""Seconds a command waits for another process's write (an import) to the database to end."""


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    """Whether another connection held the database longer than ``BUSY_WAIT``."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _busy_error(path: Path) -> FactchecksError:
    return FactchecksError(
        f"{path}: the fact-check database is busy: another program has been writing it for "
        f"{BUSY_WAIT:g} s (an import?); try again when it is done"
    )


def _write_error(path: Path, exc: sqlite3.DatabaseError) -> FactchecksError:
    """What a failed write says: busy, read-only as the file or its folder is, else SQLite's
    words."""
    if _is_busy(exc):
        return _busy_error(path)
    if _is_write_failure(exc):
        if path.exists() and not os.access(path, os.W_OK):
            what = "read-only file"
        elif path.parent.is_dir() and not os.access(path.parent, os.W_OK):
            what = "read-only folder"
        else:
            what = "read-only file or folder"
    else:
        what = str(exc)
    return FactchecksError(f"{path}: cannot write the fact-check database ({what})")


def _read_error(path: Path, exc: sqlite3.DatabaseError) -> FactchecksError:
    if _is_busy(exc):
        return _busy_error(path)
    return FactchecksError(f"{path}: cannot read the fact-check database ({exc})")


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """The file opened for writing (made with its folder if need be), else for reading only."""
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            return sqlite3.connect(path, timeout=BUSY_WAIT)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_WAIT)
    except sqlite3.DatabaseError as exc:
        raise _write_error(path, exc) if create else _read_error(path, exc) from None
    except OSError as exc:
        raise FactchecksError(f"{path}: cannot open: {exc.strerror}") from None


@contextlib.contextmanager
def _sqlite_errors(path: Path, *, write: bool) -> Iterator[None]:
    """SQLite's refusal while reading or writing the database as one line, not an internal
    error: a file damaged or changed by another program, a full disk, a read-only file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _write_error(path, exc) if write else _read_error(path, exc) from None


def _rekey(db: sqlite3.Connection) -> None:
    """Compute every record's identity again (after what makes two records the same review
    changed), so that importing a file again still updates its records."""
    with db:
        rows = db.execute(
            "SELECT id, claim, origin, position, publisher, url, ref FROM factchecks"
        ).fetchall()
        db.execute("UPDATE factchecks SET key = '\n' || id")  # no new key is one of these
        db.executemany(
            "UPDATE factchecks SET key = ? WHERE id = ?",
            [
                (
                    KnownCheck(
                        _text(claim) or "",
                        _text(origin) or "",
                        _text(position) or "",
                        publisher=_text(publisher),
                        url=_text(url),
                        ref=_text(ref),
                    ).key(),
                    rowid,
                )
                for rowid, claim, origin, position, publisher, url, ref in rows
            ],
        )
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('keys', ?)", (KEYS_VERSION,))


def _text(value: object) -> str | None:
    """A value of a text column as text: another program (or a hand) may have stored a BLOB,
    read as UTF-8 with what is not replaced by U+FFFD, or a number."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _verdict(value: object) -> Verdict | None:
    """A stored verdict; one this version does not know (written by another version or by
    hand: 'satire') is read as none."""
    try:
        return Verdict(_text(value) or "")
    except ValueError:
        return None


def _terms_text(values: Sequence[str]) -> str:
    return " ".join(values)


class FactcheckDatabase:
    """An open database of known fact-checks."""

    def __init__(self, path: Path, *, create: bool = False, full_text: bool | None = None) -> None:
        """Open ``path``; with ``create``, make it (and its folder) if need be. ``full_text``
        False forces the scan without FTS5 (None: use FTS5 where SQLite has it). An existing
        SQLite file that is not a fact-check database is refused, and nothing in it changes."""
        self.path = path
        if path.is_dir():
            raise FactchecksError(f"{path}: is a folder; give --db the database file")
        if not create and not path.is_file():
            raise FactchecksError(
                f"{path}: no fact-check database; import one with: factcheck factchecks import FILE"
            )
        if create:
            _check_writable(path)
        self.db = _connect(path, create=create)
        # Text that is not UTF-8 (stored by another program) is read with U+FFFD, not refused.
        self.db.text_factory = _decoded
        try:
            self._setup(create, full_text)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if _is_busy(exc):
                raise _busy_error(path) from None
            if create and _is_write_failure(exc):
                raise _write_error(path, exc) from None
            raise FactchecksError(f"{path}: not a fact-check database ({exc})") from None
        except FactchecksError:
            self.db.close()
            raise
        self._corpus: list[matcher.Candidate] | None = None
        self._frequency: dict[str, int] = {}
        """Document frequencies looked up so far (emptied by every import)."""

    def _setup(self, create: bool, full_text: bool | None) -> None:
        db = self.db
        tables = _tables(db)
        meta = _check_tables(self.path, db, tables, create=create)
        stored_fts = meta.get("fts")
        if stored_fts is None:
            use = has_fts5() if full_text is None else full_text and has_fts5()
        else:
            use = stored_fts == "1"
            if use and not has_fts5():
                raise FactchecksError(
                    f"{self.path}: this database uses SQLite's FTS5 index, which this Python's "
                    "SQLite lacks; import the files again into a new database"
                )
        if not create:
            # An index never made (an import cut short) is searched without: the same results.
            self.full_text = use and "factchecks_index" in tables
            return
        self.full_text = use
        # One transaction: the tables are all made, or none is.
        db.executescript(
            "BEGIN;"
            + _SCHEMA
            + (_FTS_SCHEMA if use else "")
            + "INSERT OR IGNORE INTO meta (key, value) VALUES "
            + f"('schema', '{SCHEMA_VERSION}'), ('fts', '{'1' if use else '0'}'), ('terms', '');"
            + "COMMIT;"
        )
        if meta.get("terms") != TERMS_VERSION or (use and "factchecks_index" not in tables):
            self._reindex()
        if meta.get("keys") != KEYS_VERSION:
            _rekey(db)

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> FactcheckDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def add(self, records: Iterable[KnownCheck]) -> ImportCounts:
        """Add records, updating those already there (the same review read again); all of
        them, or none when the database cannot be written."""
        with _sqlite_errors(self.path, write=True):
            return self._add(records)

    def _add(self, records: Iterable[KnownCheck]) -> ImportCounts:
        added = updated = unchanged = 0
        db = self.db
        delta: Counter[str] = Counter()
        with db:
            for record in records:
                values = (
                    record.claim,
                    record.title,
                    record.rating,
                    str(record.verdict) if record.verdict else None,
                    record.publisher,
                    record.url,
                    record.date,
                    record.claim_date,
                    record.claimant,
                    record.language,
                    record.ref,
                    record.origin,
                    record.position,
                )
                key = record.key()
                row = db.execute(
                    f"SELECT id, {', '.join(_FIELDS)}, claim_terms, title_terms "
                    "FROM factchecks WHERE key = ?",
                    (key,),
                ).fetchone()
                if row is not None and tuple(row[1:-2]) == values:
                    unchanged += 1
                    continue
                claim_terms = _terms_text(matcher.terms(record.claim))
                title_terms = _terms_text(matcher.terms(record.title or ""))
                delta.update({*claim_terms.split(), *title_terms.split()})
                if row is None:
                    cursor = db.execute(
                        f"INSERT INTO factchecks (key, {', '.join(_FIELDS)}, claim_terms, "
                        f"title_terms) VALUES (?, {', '.join('?' for _ in _FIELDS)}, ?, ?)",
                        (key, *values, claim_terms, title_terms),
                    )
                    rowid = cursor.lastrowid
                    added += 1
                else:
                    rowid = row[0]
                    self._unindex(rowid, row[-2], row[-1])
                    delta.subtract({*row[-2].split(), *row[-1].split()})
                    db.execute(
                        f"UPDATE factchecks SET {', '.join(f'{f} = ?' for f in _FIELDS)}, "
                        "claim_terms = ?, title_terms = ? WHERE id = ?",
                        (*values, claim_terms, title_terms, rowid),
                    )
                    updated += 1
                if self.full_text:
                    db.execute(
                        "INSERT INTO factchecks_index (rowid, claim_terms, title_terms) "
                        "VALUES (?, ?, ?)",
                        (rowid, claim_terms, title_terms),
                    )
            _count_terms(db, delta)
            self._update_meta()
        self._corpus = None
        self._frequency = {}
        return ImportCounts(added, updated, unchanged)

    def _unindex(self, rowid: int, claim_terms: str, title_terms: str) -> None:
        if self.full_text:
            self.db.execute(
                "INSERT INTO factchecks_index (factchecks_index, rowid, claim_terms, title_terms) "
                "VALUES ('delete', ?, ?, ?)",
                (rowid, claim_terms, title_terms),
            )

    def _update_meta(self) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", _measure(self.db).items()
        )

    def _reindex(self) -> None:
        """Compute every record's terms again (after the matcher's terms changed)."""
        db = self.db
        with db:
            rows = db.execute("SELECT id, claim, title FROM factchecks").fetchall()
            db.executemany(
                "UPDATE factchecks SET claim_terms = ?, title_terms = ? WHERE id = ?",
                [
                    (
                        _terms_text(matcher.terms(claim)),
                        _terms_text(matcher.terms(title or "")),
                        rowid,
                    )
                    for rowid, claim, title in rows
                ],
            )
            if self.full_text:
                db.execute("INSERT INTO factchecks_index (factchecks_index) VALUES ('rebuild')")
            db.execute("DELETE FROM vocab")
            counts: Counter[str] = Counter()
            for claim_terms, title_terms in db.execute(
                "SELECT claim_terms, title_terms FROM factchecks"
            ):
                counts.update({*claim_terms.split(), *title_terms.split()})
            _count_terms(db, counts)
            self._update_meta()
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('terms', ?)", (TERMS_VERSION,)
            )

    # --- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many records there are."""
        with _sqlite_errors(self.path, write=False):
            row = self.db.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()
            if row is not None and _statistic("count", row[0]) is None:
                return int(_measure(self.db)["count"])
        return int(row[0]) if row else 0

    def _stats(self, needed: Iterable[str]) -> matcher.Stats:
        """The collection's statistics, with the document frequency of every term needed."""
        meta = dict(
            self.db.execute(
                "SELECT key, value FROM meta WHERE key IN ('count', 'claim_length', 'title_length')"
            ).fetchall()
        )
        known = self._frequency
        missing = [t for t in dict.fromkeys(needed) if t not in known]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found = dict(
                self.db.execute(f"SELECT term, df FROM vocab WHERE term IN ({marks})", chunk)
            )
            known.update((t, _frequency_of(self.db, t, found.get(t, 0))) for t in chunk)
        if any(_statistic(key, value) is None for key, value in meta.items()):
            # A meta table edited by hand (or by another program): count again from the records.
            meta = _measure(self.db)
        return matcher.Stats(
            count=int(meta.get("count", 0)),
            claim_length=float(meta.get("claim_length", 0.0)),
            title_length=float(meta.get("title_length", 0.0)),
            frequency=known,
        )

    def _all(self) -> list[matcher.Candidate]:
        if self._corpus is None:
            rows = self.db.execute(
                "SELECT id, claim, title, claim_terms, title_terms FROM factchecks ORDER BY id"
            )
            self._corpus = [_candidate(row) for row in rows]
        return self._corpus

    def _candidates(self, query: matcher.Query) -> list[matcher.Candidate]:
        unique = query.unique
        if not unique:
            return []
        if not self.full_text:
            stats = self._stats(unique)
            wanted = set(unique)
            pool = [
                c for c in self._all() if not wanted.isdisjoint((*c.claim_terms, *c.title_terms))
            ]
            pool.sort(key=lambda c: (-matcher.bm25(unique, c, stats), c.key))
            return pool[: matcher.CANDIDATES]
        # Terms found in many records cost the index most and pick candidates least; the
        # re-ranker still weighs every term.
        stats = self._stats(unique)
        common = max(COMMON_SHARE * stats.count, COMMON_FLOOR)
        rare = [t for t in unique if 0 < stats.frequency.get(t, 0) <= common]
        if not rare:
            known = [t for t in unique if stats.frequency.get(t, 0)]
            rare = sorted(known, key=lambda t: stats.frequency[t])[:3]
            if not rare:
                return []
        expression = " OR ".join(f'"{term}"' for term in rare)
        rows = self.db.execute(
            "SELECT f.id, f.claim, f.title, f.claim_terms, f.title_terms FROM factchecks AS f "
            "JOIN (SELECT rowid FROM factchecks_index WHERE factchecks_index MATCH ? "
            f"ORDER BY bm25(factchecks_index, 1.0, {matcher.TITLE_WEIGHT}) LIMIT ?) AS hit "
            "ON f.id = hit.rowid",
            (expression, matcher.CANDIDATES),
        ).fetchall()
        return [_candidate(row) for row in rows]

    def search(self, text: str, *, limit: int = 5, min_score: float = 0.0) -> list[Match]:
        """The known fact-checks that best match ``text``, best first."""
        with _sqlite_errors(self.path, write=False):
            return self._search(text, limit, min_score)

    def _search(self, text: str, limit: int, min_score: float) -> list[Match]:
        query = matcher.prepare(text)
        candidates = self._candidates(query)
        needed = [*query.unique]
        for candidate in candidates:
            needed.extend(candidate.claim_terms)
            needed.extend(candidate.title_terms)
        stats = self._stats(needed)
        ranked = matcher.rank(query, candidates, stats)
        chosen = [(s, c) for s, c in ranked if s >= min_score][:limit]
        return _load_matches(self.db, chosen)

    def stats(self) -> DatabaseStats:
        """What the database holds, and from where."""
        with _sqlite_errors(self.path, write=False):
            return _collect_stats(self)


def _load_matches(
    db: sqlite3.Connection, chosen: list[tuple[float, matcher.Candidate]]
) -> list[Match]:
    if not chosen:
        return []
    ids = [c.key for _, c in chosen]
    marks = ", ".join("?" for _ in ids)
    rows = {
        row[0]: row
        for row in db.execute(
            "SELECT id, claim, title, rating, verdict, publisher, url, date "
            f"FROM factchecks WHERE id IN ({marks})",
            ids,
        )
    }
    matches = []
    for score, candidate in chosen:
        row = rows[candidate.key]
        claim, title, rating, _, publisher, url, date = (_text(v) for v in row[1:])
        matches.append(
            Match(
                id=row[0],
                claim=claim or "",
                title=title,
                rating=rating,
                verdict=_verdict(row[4]),
                publisher=publisher,
                url=url,
                date=date,
                score=score,
            )
        )
    return matches


def _collect_stats(database: FactcheckDatabase) -> DatabaseStats:
    db = database.db
    origins = tuple(
        OriginStats(_text(origin) or "", count, _text(first), _text(last))
        for origin, count, first, last in db.execute(
            "SELECT origin, count(*), min(date), max(date) FROM factchecks "
            "GROUP BY origin ORDER BY count(*) DESC, origin"
        )
    )
    publishers = tuple(
        (_text(name) or "", count)
        for name, count in db.execute(
            "SELECT publisher, count(*) FROM factchecks WHERE publisher IS NOT NULL "
            "GROUP BY publisher ORDER BY count(*) DESC, publisher LIMIT 10"
        )
    )
    counted: Counter[str] = Counter()
    for verdict, count in db.execute(
        "SELECT coalesce(verdict, ''), count(*) FROM factchecks GROUP BY verdict"
    ):
        counted[_text(verdict) or ""] += count
    # A verdict this version does not know is counted under its stored word, after the others.
    verdicts = tuple((str(v), counted.pop(str(v))) for v in Verdict if counted.get(str(v)))
    unrated = counted.pop("", 0)
    verdicts += tuple(sorted(counted.items())) + ((("unrated", unrated),) if unrated else ())
    languages = tuple(
        (_text(name) or "unknown", count)
        for name, count in db.execute(
            "SELECT language, count(*) FROM factchecks GROUP BY language "
            "ORDER BY count(*) DESC, language"
        )
    )
    return DatabaseStats(
        path=str(database.path),
        records=database.count(),
        size=database.path.stat().st_size,
        full_text=database.full_text,
        origins=origins,
        publishers=publishers,
        verdicts=verdicts,
        languages=languages,
    )


def _measure(db: sqlite3.Connection) -> dict[str, str]:
    """The collection's statistics as the meta table keeps them, counted from the records."""
    count, claim_total, title_total = db.execute(
        "SELECT count(*), "
        "coalesce(sum(length(claim_terms) - length(replace(claim_terms, ' ', '')) "
        "+ (claim_terms != '')), 0), "
        "coalesce(sum(length(title_terms) - length(replace(title_terms, ' ', '')) "
        "+ (title_terms != '')), 0) FROM factchecks"
    ).fetchone()
    return {
        "count": str(count),
        "claim_length": str(claim_total / count if count else 0.0),
        "title_length": str(title_total / count if count else 0.0),
    }


def _frequency_of(db: sqlite3.Connection, term: str, stored: object) -> int:
    """How many records hold TERM: as the vocabulary table gives it, or, where that is no
    count (edited by hand), counted from the records."""
    if isinstance(stored, int) and stored >= 0:
        return stored
    row = db.execute(
        "SELECT count(*) FROM factchecks "
        "WHERE instr(' ' || claim_terms || ' ' || title_terms || ' ', ' ' || ? || ' ') > 0",
        (term,),
    ).fetchone()
    return int(row[0])


def _statistic(key: str, value: object) -> float | None:
    """A statistic of the meta table as a number of 0 or more (the count a whole one, written
    as one), or None when it is none."""
    if key == "count":
        text = str(value)
        return float(text) if text.isascii() and text.isdigit() else None
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _count_terms(db: sqlite3.Connection, delta: Counter[str]) -> None:
    """Add each term's change in document frequency to the vocabulary."""
    db.executemany(
        "INSERT INTO vocab (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        [(term, change) for term, change in delta.items() if change],
    )
    db.execute("DELETE FROM vocab WHERE df <= 0")


def _candidate(row: Sequence[object]) -> matcher.Candidate:
    rowid, claim, title, claim_terms, title_terms = row
    return matcher.Candidate(
        key=int(str(rowid)),
        claim=_text(claim) or "",
        title=_text(title) or "",
        claim_terms=tuple((_text(claim_terms) or "").split()),
        title_terms=tuple((_text(title_terms) or "").split()),
    )


def open_database(path: Path | None = None, *, create: bool = False) -> FactcheckDatabase:
    """The database at ``path``, else at the default place."""
    return FactcheckDatabase(path or default_path(), create=create)


def existing_database(path: Path | None = None) -> FactcheckDatabase | None:
    """The database if its file exists (for matching inside the workflow), else None."""
    target = path or default_path()
    if not target.is_file():
        return None
    return FactcheckDatabase(target)

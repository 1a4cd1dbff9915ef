"""Stage ④ sources: rating sets — domain ratings from outside the registry, each set on its own.

A rating set is one sorted text file: a few ``# key: value`` header lines (name, title, citation,
scale), a column header, then one line per domain (``domain<TAB>rating<TAB>...``), sorted by
domain. A lookup is a binary search on the file itself, so nothing is read until a domain is
asked for and a lookup stays under a millisecond among hundreds of thousands of domains. The
shipped set lives beside this module; sets a user imports live in their data folder. Sets are
never blended: each answers for itself, with its own citation.
"""

from __future__ import annotations

import csv
import io
import math
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from factcheck import regexes
from factcheck.errors import FactcheckWarning, SourcesError
from factcheck.files import (
    TooLarge,
    decode_marked,
    describe_os_error,
    mend_surrogates,
    missing_file,
    quoted_to_end,
    read_limited,
    write_atomic,
)
from factcheck.invisible import has_invisible
from factcheck.sources.loading import _read_text
from factcheck.sources.matching import idna_host, unicode_host

SHIPPED_DIR = Path(__file__).resolve().parent / "ratings"
"""The rating sets that ship with the package."""
SUFFIX = ".tsv"
NAMES_SUFFIX = ".names"
"""Beside each set, its sites by their own names ('breitbart<TAB>breitbart.com'), sorted."""
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
_NAME = regexes.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN_COLUMNS = ("domain", "site", "host", "url", "website")
_LETTERS = "ABCDEF"
_LINEAR_SCAN = 4096
_MEMO_ITEMS = 65_536
_MAX_IMPORT_BYTES = 200_000_000


def user_ratings_dir() -> Path:
    """Where imported sets live: $XDG_DATA_HOME/factcheck/ratings."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "factcheck" / "ratings"


def domain_key(url_or_domain: str) -> str:
    """The lookup form of a domain, URL or 'domain/path': lower case, no scheme, port or 'www.', an
    international host in the IDNA form registry domains are kept in ('xn--bcher-kva.example')."""
    text = url_or_domain.strip().casefold()
    if "//" in text:
        parts = urlsplit(text)
        text = (parts.hostname or "") + parts.path
    text = text.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    host, slash, path = text.partition("/")
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit() and ":" not in name:
        host = name  # 'example.com:443': the port names no other site
    host = host.rstrip(".")
    text = (idna_host(host) or host) + slash + path
    return text.removeprefix("www.").rstrip(".")


def candidate_keys(url_or_domain: str) -> list[str]:
    """The keys a URL may be rated under, most specific first: host and first path segment,
    the host, then each parent domain ('en.example.ir/news', 'en.example.ir', 'example.ir')."""
    key = domain_key(url_or_domain)
    host, _, path = key.partition("/")
    out: list[str] = []
    if path:
        out.append(f"{host}/{path.split('/', 1)[0]}")
    while host and "." in host:
        out.append(host)
        host = host.split(".", 1)[1]
    return out


@dataclass(frozen=True, slots=True)
class Rating:
    """One set's rating of one domain."""

    set: str
    """The set's name."""
    domain: str
    """The domain as the set lists it."""
    values: tuple[tuple[str, str], ...]
    """Every rating column of the set, as (column, value), the main rating first."""

    @property
    def value(self) -> str:
        """The main rating (the set's first rating column)."""
        return self.values[0][1]


@dataclass(frozen=True, eq=False)
class RatingSet:
    """A rating set on disk: its header read on first use, lines found by binary search."""

    path: Path
    """The set's file."""
    meta: Mapping[str, str] = field(default_factory=dict)
    """Header values: name, title, citation, scale, and any others (source, licence)."""
    columns: tuple[str, ...] = ()
    """The rating columns, main rating first."""
    data_start: int = 0
    """Byte offset of the first data line."""
    memo: dict[str, Rating | None] = field(default_factory=dict, repr=False)
    """Keys already looked up: an article asks for its publisher's domain once per claim."""
    unsorted: Mapping[bytes, bytes] | None = field(default=None, repr=False)
    """Every line by its domain, for a set whose lines are out of order (a line added by hand),
    which binary search would miss; None for a sorted set."""

    @property
    def name(self) -> str:
        """The set's name, as `--as NAME` gave it."""
        return self.meta.get("name", self.path.stem)

    @property
    def title(self) -> str:
        """A title for people."""
        return self.meta.get("title", self.name)

    @property
    def citation(self) -> str:
        """Where the ratings come from, as the set's maker asks to be cited."""
        return self.meta.get("citation", "")

    @property
    def scale(self) -> str:
        """'number' (higher is better), 'letter' (A best) or 'text'."""
        return self.meta.get("scale", "text")

    def get(self, url_or_domain: str) -> Rating | None:
        """The set's rating of a domain, URL or 'domain/path', trying parent domains too."""
        for key in candidate_keys(url_or_domain):
            if found := self._find(key):
                return found
        return None

    def exact(self, key: str) -> Rating | None:
        """The set's rating of exactly this key."""
        return self._find(domain_key(key))

    def _find(self, key: str) -> Rating | None:
        if key in self.memo:
            return self.memo[key]
        if self.unsorted is not None:
            legacy = _legacy_key(key).encode("utf-8")
            line = self.unsorted.get(key.encode("utf-8")) or self.unsorted.get(legacy)
        else:
            with self.path.open("rb") as handle:
                line = _search(handle, key.encode("utf-8"), self.data_start)
                if line is None and (legacy_key := _legacy_key(key)) != key:
                    line = _search(handle, legacy_key.encode("utf-8"), self.data_start)
        found = None
        if line is not None:
            cells = line.decode("utf-8").rstrip("\r\n").split("\t")
            values = tuple(zip(self.columns, cells[1:], strict=False))
            # A line cut short, or edited by hand, may hold no rating: the domain is not rated.
            if any(value.strip() for _, value in values):
                found = Rating(self.name, cells[0], values)
        if len(self.memo) >= _MEMO_ITEMS:
            self.memo.clear()
        self.memo[key] = found
        return found

    def site_named(self, label: str) -> str | None:
        """The one site whose own name is ``label`` ('breitbart' -> 'breitbart.com'), if any."""
        names = self.path.with_suffix(NAMES_SUFFIX)
        if not label or not names.is_file():
            return None
        with names.open("rb") as handle:
            line = _search(handle, label.encode("utf-8"), 0)
        return line.decode("utf-8").rstrip("\n").split("\t")[1] if line else None

    def domains(self) -> Iterator[str]:
        """Every domain the set rates, in file order."""
        with self.path.open("rb") as handle:
            handle.seek(self.data_start)
            for line in handle:
                yield line.split(b"\t", 1)[0].decode("utf-8")

    def __len__(self) -> int:
        with self.path.open("rb") as handle:
            handle.seek(self.data_start)
            return sum(1 for _ in handle)

    def number(self, rating: Rating) -> float | None:
        """The main rating as a number from 0 (lowest) to 1 (highest), when the scale has one."""
        if self.scale == "letter" and _is_letter(rating.value):
            return 1 - _LETTERS.index(rating.value) / (len(_LETTERS) - 1)
        if self.scale == "number":
            try:
                number = float(rating.value)
            except ValueError:
                return None
            # 'NaN' is how a spreadsheet exports an empty cell; neither it nor infinity rates.
            return number if math.isfinite(number) else None
        return None


def _legacy_key(key: str) -> str:
    """The key as sets imported before international domains were keyed in IDNA form hold it:
    the host as written ('bücher.example/politik'). Such sets keep working without re-import."""
    host, slash, path = key.partition("/")
    return unicode_host(host) + slash + path


def _search(handle: IO[bytes], key: bytes, start: int) -> bytes | None:
    """The line whose first cell is ``key`` in a file sorted by that cell, from ``start`` on."""
    handle.seek(0, io.SEEK_END)
    low, high = start, handle.tell()
    while high - low > _LINEAR_SCAN:
        middle = (low + high) // 2
        handle.seek(middle - 1)
        handle.readline()  # on to the next line start
        at = handle.tell()
        if at >= high:
            high = middle
            continue
        line = handle.readline()
        cell = line.split(b"\t", 1)[0]
        if cell < key:
            low = at + len(line)
        elif cell == key:
            return line
        else:
            high = at
    handle.seek(low)
    while handle.tell() < high:
        line = handle.readline()
        if not line:
            break
        cell = line.split(b"\t", 1)[0]
        if cell == key:
            return line
        if cell > key:
            break
    return None


def _out_of_order(handle: IO[bytes]) -> dict[bytes, bytes] | None:
    """The lines from the handle's place on, by their first cell, when they are not sorted by
    it; None when they are (and can be searched by bisection)."""
    start = handle.tell()
    previous = b""
    for line in handle:
        cell = line.split(b"\t", 1)[0]
        if cell < previous:
            break
        previous = cell
    else:
        return None
    handle.seek(start)
    found: dict[bytes, bytes] = {}
    for line in handle:
        found.setdefault(line.split(b"\t", 1)[0], line)
    return found


def open_set(path: Path) -> RatingSet:
    """Read a set's header."""
    meta: dict[str, str] = {}
    try:
        with path.open("rb") as handle:
            while True:
                line = handle.readline()
                if not line:
                    raise SourcesError(f"{path}: no column header: not a rating set")
                text = line.decode("utf-8").rstrip("\r\n")
                if text.startswith("#"):
                    key, sep, value = text[1:].strip().partition(":")
                    if sep:
                        meta.setdefault(key.strip(), value.strip())
                    continue
                columns = tuple(text.split("\t")[1:])
                start = handle.tell()
                # A shipped set is sorted when it is built; a user's may have been edited since.
                unsorted = None if path.parent == SHIPPED_DIR else _out_of_order(handle)
                return RatingSet(path, meta, columns, start, {}, unsorted)
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SourcesError(f"{path}: not UTF-8 text") from None


def rating_sets(user: bool = True) -> tuple[RatingSet, ...]:
    """Every rating set: the shipped ones, then the user's imported ones, each by name."""
    # Keyed by the environment that locates the user's folder, so finding it costs nothing.
    env = (os.environ.get("XDG_DATA_HOME", ""), os.environ.get("HOME", "")) if user else None
    return _sets(env)


@cache
def _sets(env: tuple[str, str] | None) -> tuple[RatingSet, ...]:
    folder = user_ratings_dir() if env is not None else None
    paths = sorted(SHIPPED_DIR.glob(f"*{SUFFIX}"))
    if folder is not None and folder.is_dir():
        paths.extend(sorted(folder.glob(f"*{SUFFIX}")))
    sets: dict[str, RatingSet] = {}
    for path in paths:
        try:
            found = open_set(path)
        except SourcesError as exc:
            if path.parent == SHIPPED_DIR:
                raise
            # One damaged set of the user's (emptied, cut short) stopped every command.
            warnings.warn(
                f"{exc}; not used: import its file again with --as {path.stem} --replace, "
                "or remove it",
                FactcheckWarning,
                stacklevel=2,
            )
            continue
        if found.name in sets:  # a shipped set is never hidden by an imported one
            warnings.warn(
                f"{path}: not used: a rating set named {found.name!r} is shipped with factcheck; "
                f"import its file again under another name, e.g. --as {found.name}-own",
                FactcheckWarning,
                stacklevel=2,
            )
            continue
        sets[found.name] = found
    return tuple(sets.values())


def ratings_for(url_or_domain: str, sets: Sequence[RatingSet]) -> tuple[Rating, ...]:
    """Each set's rating of a domain, in set order; sets that do not rate it are left out."""
    return tuple(r for s in sets if (r := s.get(url_or_domain)) is not None)


# --- importing ---------------------------------------------------------------------------------


def _scale(values: Sequence[str]) -> str:
    # A blank main rating (a row rated only in another column) says nothing about the scale.
    values = [v for v in values if v]
    if values and all(_is_letter(v) for v in values):
        return "letter"
    try:
        [float(v) for v in values]
    except ValueError:
        return "text"
    return "number"


def _is_letter(value: str) -> bool:
    """Whether VALUE is one reliability letter: 'in' alone takes '' and 'AB' for letters."""
    return len(value) == 1 and value in _LETTERS


def _clean_cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _read_table(text: str, display: str, delimiter: str) -> tuple[list[str], dict[str, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        numbered = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:  # a cell over the csv module's size limit
        raise SourcesError(f"{display}:{reader.line_num}: cannot read the row: {exc}") from None
    # The last row began on the line after the one before it ended.
    last = numbered[-2][0] + 1 if len(numbered) > 1 else 1
    if numbered and quoted_to_end(text, last, delimiter):
        # Read leniently, the cell took every row after it as one rating.
        raise SourcesError(f"{display}:{last}: a quoted cell is never closed")
    numbers = [n for n, row in numbered if any(cell.strip() for cell in row)]
    rows = [row for _, row in numbered if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise SourcesError(f"{display}: expected a header row and at least one rated domain")
    header = [_clean_cell(cell) for cell in rows[0]]
    lowered = [cell.casefold() for cell in header]
    twice = next(
        (cell for i, cell in enumerate(header) if cell and lowered.index(lowered[i]) < i), None
    )
    if twice is not None:
        # Which of the two is the domain, or the rating, cannot be told.
        raise SourcesError(f"{display}:1: column {twice!r} is named twice")
    index = next((lowered.index(c) for c in _DOMAIN_COLUMNS if c in lowered), 0)
    columns = [cell for i, cell in enumerate(header) if i != index]
    if not columns:
        raise SourcesError(f"{display}:1: expected a domain column and at least one rating column")
    table: dict[str, list[str]] = {}
    with_www: set[str] = set()
    for number, row in zip(numbers[1:], rows[1:], strict=True):
        if len(row) != len(header):
            raise SourcesError(
                f"{display}:{number}: expected {len(header)} cells like the header, got {len(row)}"
            )
        key = domain_key(row[index])
        if not key or any(char.isspace() for char in key) or "." not in key or has_invisible(key):
            raise SourcesError(f"{display}:{number}: expected a domain, got {row[index]!r}")
        values = [_clean_cell(cell) for i, cell in enumerate(row) if i != index]
        if not any(values):
            # Kept, the row would count the domain as rated, and a blank read as a letter is A.
            raise SourcesError(
                f"{display}:{number}: no rating for {key!r}; rate it or leave the row out"
            )
        if key in table:
            if key not in with_www:
                raise SourcesError(f"{display}:{number}: domain {key!r} is listed twice")
            with_www.discard(key)  # 'www.x.org' and 'x.org' both listed: the bare one counts
            if row[index].strip().casefold().startswith("www."):
                continue
        elif row[index].strip().casefold().startswith("www."):
            with_www.add(key)
        table[key] = values
    return columns, table


def _read_registry_yaml(text: str, display: str) -> tuple[list[str], dict[str, list[str]]]:
    table: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for raw in _read_text(text, display):
        letter = raw.values.get("reliability")
        domains = raw.values.get("domains")
        if letter is None or not isinstance(domains, tuple):
            continue
        places = raw.items.get("domains", [])
        for index, domain in enumerate(domains):
            key = domain_key(str(domain))
            line = places[index].line if index < len(places) else raw.loc.line
            first = table.setdefault(key, [str(letter)])[0]
            if first != str(letter):
                # The first entry's letter was kept without a word.
                raise SourcesError(
                    f"{display}:{line}: domain {key!r} is rated {letter} here and {first} "
                    f"at line {lines[key]}"
                )
            lines.setdefault(key, line)
    if not table:
        raise SourcesError(f"{display}: no entry gives both domains and a reliability letter")
    return ["reliability"], table


def read_rating_file(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """A CSV, TSV or YAML registry file as rating columns and a table of domain to values."""
    display = str(path)
    try:
        text = decode_marked(read_limited(path, _MAX_IMPORT_BYTES))
    except TooLarge:
        raise SourcesError(f"{display}: file too large for a rating set") from None
    except FileNotFoundError:
        raise SourcesError(f"{display}: {missing_file(path)}") from None
    except IsADirectoryError:
        raise SourcesError(f"{display}: is a directory") from None
    except OSError as exc:
        raise SourcesError(f"{display}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SourcesError(f"{display}: not UTF-8 text") from None
    suffix = path.suffix.casefold()
    if suffix in (".yaml", ".yml"):
        return _read_registry_yaml(text, display)
    if suffix == ".tsv" or (suffix != ".csv" and "\t" in text.split("\n", 1)[0]):
        return _read_table(text, display, "\t")
    return _read_table(text, display, ",")


def write_set(
    target: Path,
    columns: Sequence[str],
    table: Mapping[str, Sequence[str]],
    meta: Mapping[str, str],
) -> RatingSet:
    """Write a rating set file, sorted for binary search, atomically."""
    scale = _scale([values[0] for values in table.values()])
    head = {**meta, "scale": scale}
    lines = [f"# {key}: {' '.join(str(value).split())}\n" for key, value in head.items() if value]
    lines.append("\t".join(["domain", *columns]) + "\n")
    for key in sorted(table, key=lambda k: k.encode("utf-8")):
        lines.append("\t".join([key, *table[key]]) + "\n")
    _write_atomically(target.with_suffix(NAMES_SUFFIX), _name_lines(table))
    _write_atomically(target, lines)
    return open_set(target)


def _write_atomically(target: Path, lines: Sequence[str]) -> None:
    try:
        write_atomic(target, "".join(lines))
    except OSError as exc:
        raise SourcesError(f"{target}: cannot write: {describe_os_error(exc)}") from None


def site_label(domain: str) -> str:
    """A domain's own name: 'breitbart' for breitbart.com, 'bbc' for www.bbc.co.uk, 'bücher'
    for xn--bcher-kva.example (spelled out, as the outlet's name is)."""
    return unicode_host(_own_label(domain))


def _own_label(domain: str) -> str:
    """A domain's own name as its key spells it (an international one in IDNA)."""
    labels = domain_key(domain).split("/", 1)[0].split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def site_of(domain: str) -> str:
    """The registrable domain: 'bbc.co.uk' for news.bbc.co.uk."""
    host = domain_key(domain).split("/", 1)[0]
    label = _own_label(host)
    return host[host.rindex(label) :] if label in host else host


def _name_lines(table: Mapping[str, Sequence[str]]) -> list[str]:
    """Each site name with its one site; a name several sites share is left out, unless they all
    carry the same ratings (one outlet on several top-level domains)."""
    sites: dict[str, dict[str, tuple[str, ...]]] = {}
    for domain, values in table.items():
        site = site_of(domain)
        rated = table.get(site)
        if rated is None and site != domain:
            continue  # only a section or a subdomain of the site is rated
        sites.setdefault(site_label(domain), {})[site] = tuple(rated if rated else values)
    lines = []
    for label in sorted(sites, key=lambda k: k.encode("utf-8")):
        found = sites[label]
        if len(set(found.values())) == 1:
            lines.append(f"{label}\t{sorted(found)[0]}\n")
    return lines


def import_set(
    path: Path, name: str, citation: str | None = None, *, replace: bool = False
) -> tuple[RatingSet, bool]:
    """Import a rating file as the user's set ``name``; returns it and whether it replaced one.

    A shipped set's name is refused, and so is the name of a set the user imported before
    unless ``replace`` is given: an import never takes the place of a set without being asked.
    """
    if not _NAME.fullmatch(name):
        raise SourcesError(f"expected a set name of lowercase letters, digits, hyphens: {name!r}")
    if name in {found.name for found in rating_sets(user=False)}:
        raise SourcesError(
            f"'{name}' is the name of a shipped rating set; choose another, e.g. --as {name}-own"
        )
    target = user_ratings_dir() / f"{name}{SUFFIX}"
    replaced = os.path.lexists(target)
    if replaced and not replace:
        raise SourcesError(
            f"rating set '{name}' already exists ({target}); "
            "give --replace to replace it, or choose another name"
        )
    columns, table = read_rating_file(path)
    cited = citation or f"imported from {path.name}"
    meta = {"name": name, "title": name, "citation": mend_surrogates(cited)}
    found = write_set(target, columns, table, meta)
    _sets.cache_clear()
    return found, replaced

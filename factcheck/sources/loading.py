"""Stage ④ sources: the registry's strict YAML loader and the merge of its files.

The registry is a set of YAML files: the built-in ``sources/*.yaml``, the user's own file in their
config directory, and files passed with ``--sources``; later files update earlier ones, entry by
entry. Every mistake in a file is reported, each with its file and line, not only the first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import yaml

from factcheck import regexes, yamlio
from factcheck.errors import SourcesError
from factcheck.files import TooLarge, missing_file, read_limited
from factcheck.sources.matching import Registry, _norm, idna_host
from factcheck.sources.model import (
    CITED_FACTS,
    FIELDS,
    Citation,
    Partisan,
    Reliability,
    SourceEntry,
    SourceKind,
)

_CITABLE = (*CITED_FACTS, "domains", "notes")
_ID = regexes.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = regexes.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})"
)
_DOMAIN_MAX = 253
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_MAX_BYTES = 10_000_000
_PARTISAN_KEYS = ("stance", "direction")
_HEADER = (
    "# factcheck source registry: your own entries, merged over the built-in ones.\n"
    "# Format: see docs/sources.md. Reliability letters are your call.\n"
)


class SourcesLoadError(SourcesError):
    """Registry files failed to load; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: Sequence[_Fault]) -> None:
        ordered = sorted(problems, key=lambda fault: (fault.file, fault.line))
        more = len(ordered) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{ordered[0]}{suffix}")
        self.faults = tuple(ordered)
        self.problems = tuple(str(fault) for fault in ordered)
        """Every problem as FILE:LINE: PATH: MESSAGE, in file order."""


class _Fault(SourcesError):
    """One located mistake; the loaders gather them into one SourcesLoadError."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line


class _Problems:
    """The problems found so far: each step runs in ``each()``, which records its mistake."""

    def __init__(self) -> None:
        self.found: list[_Fault] = []

    @contextmanager
    def each(self) -> Iterator[None]:
        try:
            yield
        except _Fault as fault:
            self.found.append(fault)
        except SourcesLoadError as exc:
            self.found.extend(exc.faults)

    def check(self) -> None:
        if self.found:
            raise SourcesLoadError(self.found)


@dataclass(frozen=True, slots=True)
class _Loc:
    """Where a value came from, for error messages."""

    file: str
    line: int
    path: str

    def fail(self, message: str) -> NoReturn:
        where = f"{self.path}: " if self.path else ""
        raise _Fault(self.file, self.line, f"{where}{message}")


@dataclass(slots=True)
class _Raw:
    """One entry as read from one file: checked values and where each came from."""

    id: str
    loc: _Loc
    values: dict[str, object] = field(default_factory=dict)
    where: dict[str, _Loc] = field(default_factory=dict)
    items: dict[str, list[_Loc]] = field(default_factory=dict)
    cites: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cite_where: dict[str, _Loc] = field(default_factory=dict)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing"
    return repr(node.value)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _pairs(node: yaml.MappingNode, file: str, path: str) -> list[tuple[str, yaml.Node, _Loc]]:
    out: list[tuple[str, yaml.Node, _Loc]] = []
    seen: set[str] = set()
    for key, value in node.value:
        loc = _Loc(file, _line(key), path)
        if not isinstance(key, yaml.ScalarNode) or key.tag not in _STR_TAGS:
            loc.fail(f"expected a plain key, got {_describe(key)}")
        name = str(key.value)
        if name in seen:
            loc.fail(f"duplicate key '{name}'")
        seen.add(name)
        out.append((name, value, loc))
    return out


def _string(node: yaml.Node, loc: _Loc) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _STR_TAGS:
        loc.fail(f"expected a string, got {_describe(node)}")
    text = " ".join(str(node.value).split())
    if not text:
        loc.fail("empty value")
    return text


_EMPTY_ITEM = {
    "aliases": "empty alias; give a name or leave the item out",
    "party_to": "empty item; name a conflict or dispute, or leave the item out",
    "sanctions": "empty item; describe a sanction, or leave the item out",
    "domains": "empty domain; give one like 'example.com'",
    "affiliation": "empty item; give a source id, or leave the item out",
}
"""What a blank item of each list says, rather than "expected a string"."""


def _strings(
    node: yaml.Node, loc: _Loc, file: str, key: str, check: Callable[[str, _Loc], str] | None
) -> tuple[list[str], list[_Loc]]:
    """Every item of a list of strings (each passed through ``check``), or one SourcesLoadError
    with the problem of every bad item: a blank one says so (see _EMPTY_ITEM)."""
    if not isinstance(node, yaml.SequenceNode):
        loc.fail(f"expected a list of strings, got {_describe(node)}")
    values: list[str] = []
    locs: list[_Loc] = []
    problems = _Problems()
    for index, item in enumerate(node.value):
        item_loc = _Loc(file, _line(item), f"{loc.path}[{index}]")
        with problems.each():
            blank = item.tag == "tag:yaml.org,2002:null" or item.tag in _STR_TAGS
            if isinstance(item, yaml.ScalarNode) and blank and not str(item.value).strip():
                item_loc.fail(_EMPTY_ITEM[key])
            text = _string(item, item_loc)
            values.append(check(text, item_loc) if check is not None else text)
            locs.append(item_loc)
    problems.check()
    return values, locs


def _domain(text: str, loc: _Loc) -> str:
    """A registry domain as page hosts are matched: in lower case ('Example.com' names
    'example.com'), no 'www.', an international one in its IDNA form ('Bücher.example' ->
    'xn--bcher-kva.example'), of 253 characters at most, as DNS allows."""
    domain = idna_host(text.lower())
    if domain is None or len(domain) > _DOMAIN_MAX or not _DOMAIN.fullmatch(domain):
        loc.fail(f"expected a bare domain like 'example.com', got {text!r}")
    return domain.removeprefix("www.")


def _source_id(text: str, loc: _Loc) -> str:
    if not _ID.fullmatch(text):
        loc.fail(f"expected a source id, got {text!r}")
    return text


def _choice(text: str, allowed: Sequence[str], loc: _Loc) -> str:
    if text not in allowed:
        loc.fail(f"expected one of {', '.join(allowed)}, got {text!r}")
    return text


def _url(node: yaml.Node, loc: _Loc) -> str:
    if isinstance(node, yaml.ScalarNode) and not str(node.value).strip():
        loc.fail("empty URL; give an http(s) URL")
    text = _string(node, loc)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        loc.fail(f"expected an http(s) URL, got {text!r}")
    return text


def _partisan(node: yaml.Node, loc: _Loc, file: str) -> tuple[Partisan, str | None]:
    stances = [p.value for p in Partisan]
    if isinstance(node, yaml.ScalarNode):
        stance = _choice(str(node.value), stances, loc)
        if stance in (Partisan.YES, Partisan.LEAN):
            loc.fail(
                f"'{stance}' needs a direction: write {{stance: {stance}, direction: pro-...}}"
            )
        return Partisan(stance), None
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected yes, no, lean or unknown, or a mapping, got {_describe(node)}")
    values: dict[str, str] = {}
    for key, value, key_loc in _pairs(node, file, loc.path):
        if key not in _PARTISAN_KEYS:
            key_loc.fail(f"unknown key '{key}' (expected one of: {', '.join(_PARTISAN_KEYS)})")
        sub = _Loc(file, _line(value), f"{loc.path}.{key}")
        if key == "stance" and isinstance(value, yaml.ScalarNode):
            values[key] = _choice(str(value.value), stances, sub)
        else:
            values[key] = _string(value, sub)
    if "stance" not in values:
        loc.fail("missing key 'stance'")
    stance = Partisan(values["stance"])
    direction = values.get("direction")
    if stance in (Partisan.YES, Partisan.LEAN) and not direction:
        loc.fail(f"missing key 'direction' (needed when stance is {stance})")
    if stance in (Partisan.NO, Partisan.UNKNOWN) and direction:
        loc.fail(f"a direction makes no sense when stance is {stance}")
    return stance, direction


def _citations(node: yaml.Node, loc: _Loc, file: str, raw: _Raw) -> None:
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected a mapping of fact to URL, got {_describe(node)}")
    problems = _Problems()
    for fact, value, key_loc in _pairs(node, file, loc.path):
        with problems.each():
            _citation(fact, value, key_loc, file, raw)
    problems.check()


def _citation(fact: str, value: yaml.Node, key_loc: _Loc, file: str, raw: _Raw) -> None:
    """One fact's URL or list of URLs, every bad URL of the list reported."""
    if fact not in _CITABLE:
        key_loc.fail(f"unknown fact '{fact}' (expected one of: {', '.join(_CITABLE)})")
    sub = _Loc(file, _line(value), f"{key_loc.path}.{fact}")
    raw.cite_where[fact] = _Loc(file, key_loc.line, sub.path)
    if not isinstance(value, yaml.SequenceNode):
        raw.cites[fact] = (_url(value, sub),)
        return
    if not value.value:
        sub.fail("expected at least one URL")
    urls, problems = [], _Problems()
    for i, item in enumerate(value.value):
        with problems.each():
            urls.append(_url(item, _Loc(file, _line(item), f"{sub.path}[{i}]")))
    problems.check()
    raw.cites[fact] = tuple(urls)


def _read_entry(node: yaml.Node, file: str, path: str, problems: _Problems) -> _Raw:
    loc = _Loc(file, _line(node), path)
    if not isinstance(node, yaml.MappingNode):
        loc.fail(f"expected a mapping, got {_describe(node)}")
    pairs = _pairs(node, file, path)
    for key, _, key_loc in pairs:
        if key not in FIELDS:
            with problems.each():
                key_loc.fail(f"unknown key '{key}' (expected one of: {', '.join(FIELDS)})")
    by_key = {key: (value, key_loc) for key, value, key_loc in pairs if key in FIELDS}
    if "id" not in by_key:
        loc.fail("missing key 'id'")
    id_node, _ = by_key["id"]
    id_loc = _Loc(file, _line(id_node), f"{path}.id")
    source_id = _string(id_node, id_loc)
    if not _ID.fullmatch(source_id):
        id_loc.fail(f"expected lowercase letters, digits and hyphens, got {source_id!r}")
    raw = _Raw(source_id, loc)
    for key, (value, key_loc) in by_key.items():
        sub = _Loc(file, _line(value), f"{path}.{key}")
        raw.where[key] = _Loc(file, key_loc.line, sub.path)
        if key != "id":
            with problems.each():
                _read_value(raw, key, value, sub, file)
    return raw


def _read_value(raw: _Raw, key: str, value: yaml.Node, sub: _Loc, file: str) -> None:
    if key in ("name", "owner", "notes"):
        raw.values[key] = _string(value, sub)
    elif key in ("aliases", "party_to", "sanctions", "domains", "affiliation"):
        check = {"domains": _domain, "affiliation": _source_id}.get(key)
        values, locs = _strings(value, sub, file, key, check)
        raw.values[key] = tuple(values)
        raw.items[key] = locs
    elif key == "kind":
        raw.values[key] = SourceKind(_choice(_string(value, sub), list(SourceKind), sub))
    elif key == "reliability":
        text = _string(value, sub)
        if text not in list(Reliability):
            sub.fail(f"expected a letter A to F, got {text!r}")
        raw.values[key] = Reliability(text)
    elif key == "partisan":
        raw.values[key] = _partisan(value, sub, file)
    else:
        _citations(value, sub, file, raw)


def _read_text(text: str, file: str) -> list[_Raw]:
    """Parse one registry file's text into checked raw entries."""
    try:
        root = yamlio.compose(text)
    except yamlio.YamlSyntaxError as exc:
        line = f":{exc.line}" if exc.line is not None else ""
        raise SourcesError(f"{file}{line}: invalid YAML: {exc.problem}") from None
    if root is None:
        return []  # empty, or comments only: a registry with nothing in it yet
    yamlio.Reader(file, stop=SourcesError).check_tags(root)
    if not isinstance(root, yaml.MappingNode):
        _Loc(file, _line(root), "").fail(
            f"expected a mapping with key 'entries', got {_describe(root)}"
        )
    pairs = _pairs(root, file, "")
    for key, _, key_loc in pairs:
        if key != "entries":
            key_loc.fail(f"unknown key '{key}' (expected one of: entries)")
    if not pairs:
        _Loc(file, _line(root), "").fail("missing key 'entries'")
    node = pairs[0][1]
    if not isinstance(node, yaml.SequenceNode):
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        _Loc(file, _line(node), "entries").fail(
            f"expected a list of entries, got {_describe(node)}"
        )
    problems = _Problems()
    raws: list[_Raw] = []
    for i, item in enumerate(node.value):
        with problems.each():
            raws.append(_read_entry(item, file, f"entries[{i}]", problems))
    problems.check()
    return raws


def _read_file(path: Path, display: str) -> tuple[str, list[_Raw]]:
    text = _file_text(path, display)
    return text, _read_text(text, display)


def _file_text(path: Path, display: str) -> str:
    """A registry file's text (UTF-8, a byte-order mark left out)."""
    try:
        data = read_limited(path, _MAX_BYTES)
    except TooLarge:
        raise SourcesError(f"{display}: file too large for a source registry") from None
    except FileNotFoundError:
        raise SourcesError(f"{display}: {missing_file(path)}") from None
    except IsADirectoryError:
        raise SourcesError(f"{display}: is a directory") from None
    except OSError as exc:
        raise SourcesError(f"{display}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourcesError(f"{display}: not UTF-8 text") from None


@dataclass(slots=True)
class _Layer:
    """Registry files that merge at one level: within a layer an id may appear only once."""

    files: list[tuple[str, list[_Raw]]]


def _merge(layers: Sequence[_Layer]) -> Registry:
    merged: dict[str, _Raw] = {}
    origins: dict[str, list[str]] = {}
    problems = _Problems()
    for layer in layers:
        first_at: dict[str, _Loc] = {}
        for _, raws in layer.files:
            for raw in raws:
                if raw.id in first_at:
                    earlier = first_at[raw.id]
                    with problems.each():
                        _Loc(raw.loc.file, raw.where["id"].line, f"{raw.loc.path}.id").fail(
                            f"duplicate id '{raw.id}' (first at {earlier.file}:{earlier.line})"
                        )
                    continue
                first_at[raw.id] = raw.loc
                origins.setdefault(raw.id, []).append(f"{raw.loc.file}:{raw.loc.line}")
                if raw.id not in merged:
                    merged[raw.id] = _Raw(raw.id, raw.loc)
                _update(merged[raw.id], raw)
    entries: list[SourceEntry] = []
    for raw in merged.values():
        with problems.each():
            entries.append(_finish(raw, origins[raw.id], problems))
    registry = Registry(tuple(entries))
    _check_links(registry, merged, problems)
    problems.check()
    return registry


def _update(target: _Raw, raw: _Raw) -> None:
    for key, value in raw.values.items():
        target.values[key] = value
        target.where[key] = raw.where[key]
        if key in raw.items:
            target.items[key] = raw.items[key]
        # A fact given anew drops the earlier citation: it supported the earlier value.
        target.cites.pop(key, None)
    target.cites.update(raw.cites)
    target.cite_where.update(raw.cite_where)


def _finish(raw: _Raw, origins: Sequence[str], problems: _Problems) -> SourceEntry:
    for fact in CITED_FACTS:
        value = raw.values.get(fact)
        given = bool(value) and value != (Partisan.UNKNOWN, None)
        if given and fact not in raw.cites:
            with problems.each():
                raw.where[fact].fail(
                    f"no citation (add citations.{fact}: URL of a public reference)"
                )
    for fact in raw.cites:
        if fact not in raw.values:
            with problems.each():
                raw.cite_where[fact].fail(f"cites '{fact}', which the entry does not give")
    for key in ("name", "kind"):
        if key not in raw.values:
            raw.loc.fail(f"missing key '{key}'")
    stance = raw.values.get("partisan")
    partisan, direction = stance if isinstance(stance, tuple) else (Partisan.UNKNOWN, None)
    reliability = raw.values.get("reliability")
    return SourceEntry(
        id=raw.id,
        name=str(raw.values["name"]),
        kind=SourceKind(str(raw.values["kind"])),
        aliases=_tuple(raw.values.get("aliases")),
        domains=_tuple(raw.values.get("domains")),
        affiliation=_tuple(raw.values.get("affiliation")),
        owner=_optional(raw.values.get("owner")),
        party_to=_tuple(raw.values.get("party_to")),
        partisan=Partisan(partisan),
        partisan_direction=_optional(direction),
        sanctions=_tuple(raw.values.get("sanctions")),
        reliability=Reliability(str(reliability)) if reliability is not None else None,
        notes=_optional(raw.values.get("notes")),
        citations=tuple(Citation(fact, url) for fact, urls in raw.cites.items() for url in urls),
        origins=tuple(origins),
    )


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _check_links(registry: Registry, raws: Mapping[str, _Raw], problems: _Problems) -> None:
    """Affiliations point at entries; no two entries share a name or an alias."""
    owners: dict[str, tuple[str, _Loc]] = {}
    hosts: dict[str, tuple[str, _Loc]] = {}
    for entry in registry.entries:
        raw = raws[entry.id]
        for domain, loc in zip(entry.domains, raw.items.get("domains", []), strict=True):
            seen = hosts.setdefault(domain, (entry.id, loc))
            if seen[0] != entry.id:
                with problems.each():
                    loc.fail(
                        f"domain {domain!r} already belongs to '{seen[0]}' "
                        f"({seen[1].file}:{seen[1].line})"
                    )
        for index, target in enumerate(entry.affiliation):
            loc = raw.items["affiliation"][index]
            with problems.each():
                if target == entry.id:
                    loc.fail("an entry cannot be affiliated with itself")
                if registry.get(target) is None:
                    loc.fail(f"unknown source id '{target}'")
        locs = [raw.where["name"], *raw.items.get("aliases", [])]
        for name, loc in zip(entry.names, locs, strict=True):
            key = _norm(name)
            other = owners.get(key)
            with problems.each():
                if not key:
                    loc.fail(f"{name!r} has no letters or digits to match")
                if other is not None and other[0] != entry.id:
                    first = other[1]
                    loc.fail(
                        f"{name!r} is already a name of '{other[0]}' ({first.file}:{first.line})"
                    )
            owners.setdefault(key, (entry.id, loc))


def builtin_sources_dir() -> Path:
    """The built-in registry: packaged in the wheel, or the repository's sources/ folder."""
    here = Path(__file__).resolve().parents[1]
    packaged = here / "builtin" / "sources"
    return packaged if packaged.is_dir() else here.parent / "sources"


def user_registry_path() -> Path:
    """The user's own registry file: $XDG_CONFIG_HOME/factcheck/sources.yaml."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "factcheck" / "sources.yaml"


def _registry_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _layer_paths(extra: Sequence[Path], *, builtin: bool, user: bool) -> list[list[Path]]:
    layers: list[list[Path]] = []
    if builtin:
        layers.append(_registry_files(builtin_sources_dir()))
    if user and user_registry_path().is_file():
        layers.append([user_registry_path()])
    layers.extend(_registry_files(Path(p)) for p in extra)
    return layers


def _display(path: Path) -> str:
    builtin = builtin_sources_dir()
    if path.parent == builtin:
        return f"sources/{path.name}"
    return str(path)


def load_registry(
    extra: Sequence[Path] = (), *, builtin: bool = True, user: bool = True
) -> Registry:
    """Load and merge the built-in registry, the user's file, then each extra file or folder.

    An entry whose id is already defined updates it: the keys it gives replace the earlier ones.
    Files read again in one process with the same text as before (a review, then its report)
    give the registry merged the first time, without parsing them again.
    """
    read: list[tuple[tuple[str, str], ...]] = []
    problems = _Problems()
    for paths in _layer_paths(extra, builtin=builtin, user=user):
        texts: list[tuple[str, str]] = []
        for path in paths:
            with problems.each():
                texts.append((_display(path), _file_text(path, _display(path))))
        read.append(tuple(texts))
    problems.check()
    key = tuple(read)
    if (known := _MERGED.get(key)) is not None:
        return known
    layers: list[_Layer] = []
    for files in read:
        layers.append(_Layer([]))
        for shown, text in files:
            with problems.each():
                layers[-1].files.append((shown, _read_text(text, shown)))
    problems.check()
    registry = _merge(layers)
    if len(_MERGED) >= 8:
        _MERGED.clear()
    _MERGED[key] = registry
    return registry


_MERGED: dict[tuple[tuple[tuple[str, str], ...], ...], Registry] = {}
"""The registries merged in this process, by the names and the texts of their files."""


@dataclass(frozen=True, slots=True)
class RegistryValidation:
    """One registry file checked over the built-in registry: its problems, or its entries."""

    source: str
    problems: tuple[str, ...]
    """Every problem as FILE:LINE: PATH: MESSAGE (or FILE: MESSAGE), in file order."""
    entries: int
    """How many entries the file gives (0 when it has problems)."""
    warnings: tuple[str, ...] = ()
    """What loads but is likely a mistake, as FILE: MESSAGE: a file that gives no entry."""


def validate_registry(path: Path) -> RegistryValidation:
    """Load one registry file (or folder) over the built-in registry, collecting every problem."""
    shown = _display(path)
    try:
        registry = load_registry([path], user=False)
    except SourcesLoadError as exc:
        return RegistryValidation(shown, exc.problems, 0)
    except SourcesError as exc:
        return RegistryValidation(shown, (str(exc),), 0)
    prefix = f"{shown}:" if not path.is_dir() else f"{shown}{os.sep}"
    given = sum(any(o.startswith(prefix) for o in entry.origins) for entry in registry.entries)
    if given:
        return RegistryValidation(shown, (), given)
    # Loading takes an empty file as a registry with nothing in it yet; checking one, the user
    # expects sources, so an empty file (or one of comments only, or of an empty list) is named.
    if not path.is_dir():
        lacks = "no sources in the file; add them"
    elif _registry_files(path):
        lacks = "no sources in the folder's registry files; add them"
    else:
        lacks = "no registry files (.yaml, .yml) in the folder; add one with sources"
    empty = f"{shown}: warning: {lacks} under 'entries:' (see docs/sources.md)"
    return RegistryValidation(shown, (), 0, (empty,))

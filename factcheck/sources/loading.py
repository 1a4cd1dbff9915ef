"""Stage ④ sources: the registry's strict YAML loader and the merge of its files.

The registry is a set of YAML files: the built-in ``sources/*.yaml``, the user's own file in their
config directory, and files passed with ``--sources``; later files update earlier ones, entry by
entry. Every mistake in a file is reported, each with its file and line, not only the first.
"""

from __future__ import annotations

import os
import stat
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
    """One located mistake (line 0: the whole file); the loaders gather them into one
    SourcesLoadError."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")
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
    broken: set[str] = field(default_factory=set)
    """Keys given with a mistake (already reported), and 'citations.FACT' for a bad citation:
    the checks that follow leave them out rather than report them again as missing."""


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


def _pairs(
    node: yaml.MappingNode, file: str, path: str, problems: _Problems
) -> list[tuple[str, yaml.Node, _Loc]]:
    """The mapping's keys and values; a key that is not plain, or given again, is a problem
    recorded in ``problems`` and left out, so the other keys are still read."""
    out: list[tuple[str, yaml.Node, _Loc]] = []
    seen: set[str] = set()
    for key, value in node.value:
        loc = _Loc(file, _line(key), path)
        with problems.each():
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
) -> tuple[list[str], list[_Loc], _Problems]:
    """The good items of a list of strings (each passed through ``check``) with their places,
    and the problem of every bad item: a blank one says so (see _EMPTY_ITEM)."""
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
    return values, locs, problems


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
    keys = _Problems()
    pairs = _pairs(node, file, loc.path, keys)
    keys.check()
    for key, value, key_loc in pairs:
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
    for fact, value, key_loc in _pairs(node, file, loc.path, problems):
        found = len(problems.found)
        with problems.each():
            _citation(fact, value, key_loc, file, raw)
        if len(problems.found) > found:
            raw.broken.add(f"citations.{fact}")
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
    pairs = _pairs(node, file, path, problems)
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
            found = len(problems.found)
            with problems.each():
                _read_value(raw, key, value, sub, file)
            if len(problems.found) > found:
                raw.broken.add(key)
    return raw


def _read_value(raw: _Raw, key: str, value: yaml.Node, sub: _Loc, file: str) -> None:
    if key in ("name", "owner", "notes"):
        raw.values[key] = _string(value, sub)
    elif key in ("aliases", "party_to", "sanctions", "domains", "affiliation"):
        check = {"domains": _domain, "affiliation": _source_id}.get(key)
        values, locs, problems = _strings(value, sub, file, key, check)
        raw.values[key] = tuple(values)  # the good items, for the checks across entries
        raw.items[key] = locs
        problems.check()
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
    """Parse one registry file's text into checked raw entries; SourcesLoadError lists every
    problem."""
    problems = _Problems()
    raws = _collect_text(text, file, problems)
    problems.check()
    return raws


def _collect_text(text: str, file: str, problems: _Problems) -> list[_Raw]:
    """Every entry of one registry file's text that could be read (an id at least), each
    problem recorded in ``problems``."""
    try:
        root = yamlio.compose(text)
    except yamlio.YamlSyntaxError as exc:
        problems.found.append(_Fault(file, exc.line or 0, f"invalid YAML: {exc.problem}"))
        return []
    if root is None:
        return []  # empty, or comments only: a registry with nothing in it yet
    tags = yamlio.Reader(file)
    tags.check_tags(root)
    for tag in tags.problems:
        where = f"{tag.where}: " if tag.where else ""
        problems.found.append(_Fault(file, tag.line, f"{where}{tag.message}"))
    if tags.problems:
        return []
    if not isinstance(root, yaml.MappingNode):
        problems.found.append(
            _Fault(
                file, _line(root), f"expected a mapping with key 'entries', got {_describe(root)}"
            )
        )
        return []
    pairs = _pairs(root, file, "", problems)
    for key, _, key_loc in pairs:
        if key != "entries":
            with problems.each():
                key_loc.fail(f"unknown key '{key}' (expected one of: entries)")
    if not root.value:
        problems.found.append(_Fault(file, _line(root), "missing key 'entries'"))
    node = next((value for key, value, _ in pairs if key == "entries"), None)
    if node is None or _is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.found.append(
            _Fault(file, _line(node), f"entries: expected a list of entries, got {_describe(node)}")
        )
        return []
    raws: list[_Raw] = []
    for i, item in enumerate(node.value):
        with problems.each():
            raws.append(_read_entry(item, file, f"entries[{i}]", problems))
    return raws


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _read_file(path: Path, display: str) -> tuple[str, list[_Raw]]:
    text = _file_text(path, display)
    return text, _read_text(text, display)


def _file_text(path: Path, display: str) -> str:
    """A registry file's text (UTF-8, a byte-order mark left out)."""
    try:
        data = read_limited(path, _MAX_BYTES)
    except TooLarge:
        raise _Fault(display, 0, "file too large for a source registry") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise _Fault(display, 0, _broken_link(path)) from None
        raise _Fault(display, 0, missing_file(path)) from None
    except IsADirectoryError:
        raise _Fault(display, 0, "is a directory") from None
    except OSError as exc:
        raise _Fault(display, 0, f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Fault(display, 0, "not UTF-8 text") from None


def _broken_link(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        return "broken symbolic link; restore its file or remove the link"
    return f"broken symbolic link to {target!r}; restore its file or remove the link"


@dataclass(slots=True)
class _Layer:
    """Registry files that merge at one level: within a layer an id may appear only once."""

    files: list[tuple[str, list[_Raw]]]


def _merge(layers: Sequence[_Layer]) -> Registry:
    problems = _Problems()
    registry = _merge_into(layers, problems)
    problems.check()
    return registry


def _merge_into(layers: Sequence[_Layer], problems: _Problems) -> Registry:
    """The layers merged entry by entry, each problem recorded in ``problems``: the checks across
    entries run over every entry read, whatever else is wrong (a registry with problems is not
    to be used)."""
    merged: dict[str, _Raw] = {}
    origins: dict[str, list[str]] = {}
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
            if (entry := _finish(raw, origins[raw.id], problems)) is not None:
                entries.append(entry)
    _check_links(merged, problems)
    return Registry(tuple(entries))


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
    target.broken |= raw.broken


def _finish(raw: _Raw, origins: Sequence[str], problems: _Problems) -> SourceEntry | None:
    """The entry, or None when its name or kind was given with a mistake (reported already)."""
    for fact in CITED_FACTS:
        value = raw.values.get(fact)
        given = bool(value) and value != (Partisan.UNKNOWN, None)
        cited = fact in raw.cites or bool({"citations", f"citations.{fact}"} & raw.broken)
        if given and not cited:
            with problems.each():
                raw.where[fact].fail(
                    f"no citation (add citations.{fact}: URL of a public reference)"
                )
    for fact in raw.cites:
        if fact not in raw.values and fact not in raw.broken:
            with problems.each():
                raw.cite_where[fact].fail(f"cites '{fact}', which the entry does not give")
    for key in ("name", "kind"):
        if key not in raw.values and key not in raw.broken:
            raw.loc.fail(f"missing key '{key}'")
    if "name" not in raw.values or "kind" not in raw.values:
        return None
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


def _check_links(raws: Mapping[str, _Raw], problems: _Problems) -> None:
    """Affiliations point at entries; no two entries share a domain, a name or an alias. Every
    entry read is checked, with the items of its lists that were read."""
    owners: dict[str, tuple[str, _Loc]] = {}
    hosts: dict[str, tuple[str, _Loc]] = {}
    for raw in raws.values():
        for domain, loc in _items(raw, "domains"):
            seen = hosts.setdefault(domain, (raw.id, loc))
            if seen[0] != raw.id:
                with problems.each():
                    loc.fail(
                        f"domain {domain!r} already belongs to '{seen[0]}' "
                        f"({seen[1].file}:{seen[1].line})"
                    )
        for target, loc in _items(raw, "affiliation"):
            with problems.each():
                if target == raw.id:
                    loc.fail("an entry cannot be affiliated with itself")
                if target not in raws:
                    loc.fail(f"unknown source id '{target}'")
        names = [(str(raw.values["name"]), raw.where["name"])] if "name" in raw.values else []
        for name, loc in [*names, *_items(raw, "aliases")]:
            key = _norm(name)
            other = owners.get(key)
            with problems.each():
                if not key:
                    loc.fail(f"{name!r} has no letters or digits to match")
                if other is not None and other[0] != raw.id:
                    first = other[1]
                    loc.fail(
                        f"{name!r} is already a name of '{other[0]}' ({first.file}:{first.line})"
                    )
            owners.setdefault(key, (raw.id, loc))


def _items(raw: _Raw, key: str) -> list[tuple[str, _Loc]]:
    """The items of one of the entry's lists with where each was given."""
    return list(zip(_tuple(raw.values.get(key)), raw.items.get(key, []), strict=True))


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


def _registry_files(path: Path, problems: _Problems | None = None) -> list[Path]:
    """A folder's registry files (.yaml, .yml; sub-folders left out) in name order, or the path
    itself. One that is no file to read (a broken link, a named pipe) is left unread: with
    ``problems``, it is a problem of its own."""
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    for member in sorted(path.iterdir()):
        if member.suffix not in (".yaml", ".yml") or member.is_dir():
            continue
        if member.is_file():
            found.append(member)
        elif problems is not None:
            problems.found.append(_Fault(_display(member), 0, _not_a_file(member)))
    return found


def _not_a_file(path: Path) -> str:
    """Why a folder's registry file that is not a regular file is not read (a pipe never is:
    nothing may ever be written to it)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return _broken_link(path)
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else None
    return f"{kind or 'a device'}, not a file; a folder's registry files must be regular files"


def _layer_paths(
    extra: Sequence[Path], *, builtin: bool, user: bool, problems: _Problems | None = None
) -> list[list[Path]]:
    layers: list[list[Path]] = []
    if builtin:
        layers.append(_registry_files(builtin_sources_dir(), problems))
    if user and user_registry_path().is_file():
        layers.append([user_registry_path()])
    layers.extend(_registry_files(Path(p), problems) for p in extra)
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
    for paths in _layer_paths(extra, builtin=builtin, user=user, problems=problems):
        texts: list[tuple[str, str]] = []
        for path in paths:
            with problems.each():
                texts.append((_display(path), _file_text(path, _display(path))))
        read.append(tuple(texts))
    key = tuple(read)
    if not problems.found and (known := _MERGED.get(key)) is not None:
        return known
    # Every file that was read is checked, and the entries of all are checked together, even
    # when some have problems: each problem is reported on the first run, not after others.
    layers = [
        _Layer([(shown, _collect_text(text, shown, problems)) for shown, text in files])
        for files in read
    ]
    registry = _merge_into(layers, problems)
    problems.check()
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

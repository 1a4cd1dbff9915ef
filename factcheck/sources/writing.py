"""Stage ④ sources: adding an entry to a registry file, checked first, comments kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from factcheck import files, regexes, yamlio
from factcheck.errors import SourcesError
from factcheck.sources.loading import (
    _HEADER,
    _display,
    _Layer,
    _layer_paths,
    _line,
    _Loc,
    _merge,
    _read_file,
    _read_text,
)
from factcheck.sources.model import CITED_FACTS, SourceEntry
from factcheck.yamldump import safe_dump


def slugify(name: str) -> str:
    """A registry id made from a name: 'Al-Manar TV' -> 'al-manar-tv'."""
    return files.slugify(name, max_length=None, fallback="", ascii_only=True)


def entry_fields(
    *,
    source_id: str,
    name: str,
    kind: str,
    aliases: Sequence[str] = (),
    domains: Sequence[str] = (),
    affiliation: Sequence[str] = (),
    owner: str | None = None,
    party_to: Sequence[str] = (),
    partisan: str = "unknown",
    direction: str | None = None,
    sanctions: Sequence[str] = (),
    reliability: str | None = None,
    notes: str | None = None,
    citation: str | None = None,
) -> dict[str, object]:
    """The YAML mapping of a new entry; one citation URL supports every fact it states."""
    out: dict[str, object] = {"id": source_id, "name": name}
    lists = {"aliases": aliases, "domains": domains}
    out.update({key: list(values) for key, values in lists.items() if values})
    out["kind"] = kind
    if affiliation:
        out["affiliation"] = list(affiliation)
    if owner:
        out["owner"] = owner
    if party_to:
        out["party_to"] = list(party_to)
    if partisan != "unknown":
        out["partisan"] = (
            {"stance": partisan, "direction": direction} if direction else {"stance": partisan}
        )
    if sanctions:
        out["sanctions"] = list(sanctions)
    if reliability:
        out["reliability"] = reliability
    if notes:
        out["notes"] = notes
    if citation:
        out["citations"] = {fact: citation for fact in CITED_FACTS if fact in out}
    return out


_NEW = "new entry"
_NEW_PREFIX = regexes.compile(rf"^{_NEW}:\d+: (?:entries\[0\]\.?(?::\s)?)?")


def _appended(old: str, item: str, file: str) -> str:
    """The registry text with one block-list item added to its entries, comments kept."""
    try:
        root = yamlio.compose(old)
    except yamlio.YamlSyntaxError:
        root = None  # _read_text below reports it with a line number
    if root is None:
        return (old.rstrip("\n") + "\n" if old.strip() else _HEADER) + "entries:\n" + item
    _read_text(old, file)
    assert isinstance(root, yaml.MappingNode)  # _read_text has checked the layout
    node = root.value[0][1]
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        indent = " " * int(node.start_mark.column)
        block = "".join(indent + line if line.strip() else line for line in item.splitlines(True))
        return old.rstrip("\n") + "\n" + block
    if isinstance(node, yaml.SequenceNode) and node.value:
        _Loc(file, _line(node), "entries").fail(
            "cannot append to a list written in [flow] style; write it as a block list"
        )
    # 'entries:' with nothing, or an empty '[]': the block goes under it, after the line's comment.
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    key = old[:start].rstrip(" ")
    head = key + old[end:]
    eol = head.find("\n", len(key))
    if eol < 0:
        head, eol = head + "\n", len(head)
    block = "".join("  " + line for line in item.splitlines(True))
    return head[: eol + 1] + block + head[eol + 1 :]


def add_entry(
    fields: Mapping[str, object], *, target: Path, extra: Sequence[Path] = ()
) -> SourceEntry:
    """Append a new entry to a registry file (created if missing) and return it.

    The new entry is checked with the strict loader against the whole merged registry (built-in,
    the user's file, ``extra``) before anything is written; a duplicate id is refused.
    """
    source_id = str(fields.get("id", ""))
    paths = _layer_paths(extra, builtin=True, user=True)
    if target.exists() and not any(p.resolve() == target.resolve() for ps in paths for p in ps):
        paths.append([target])
    layers = [_Layer([(_display(p), _read_file(p, _display(p))[1]) for p in ps]) for ps in paths]
    if (existing := _merge(layers).get(source_id)) is not None:
        where = existing.origins[0] if existing.origins else "the registry"
        raise SourcesError(f"source id '{source_id}' already exists ({where}); choose another id")
    item = safe_dump(
        [dict(fields)], sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    # Check the entry on its own first, so a mistake is reported as the user's input, not as a
    # line of a file that was never written.
    try:
        layers.append(_Layer([(_NEW, _read_text("entries:\n" + item, _NEW))]))
        entry = _merge(layers).get(source_id)
    except SourcesError as exc:
        raise SourcesError(_NEW_PREFIX.sub(f"{_NEW}: ", str(exc))) from None
    assert entry is not None  # the text holds it: _read_text checked every entry
    entry = replace(entry, origins=())
    display = str(target)
    old = _read_file(target, display)[0] if target.exists() else ""
    new = _appended(old, item, display)
    if [raw.id for raw in _read_text(new, display)][-1:] != [source_id]:
        raise SourcesError(f"{display}: cannot append the new entry; add it by hand")
    try:
        files.write_atomic(files.link_target(target), new)
    except OSError as exc:
        raise SourcesError(f"{display}: cannot save: {files.describe_os_error(exc)}") from None
    line = int(new.count("\n", 0, new.rindex(f"id: {source_id}")) + 1)
    return replace(entry, origins=(f"{display}:{line}",))

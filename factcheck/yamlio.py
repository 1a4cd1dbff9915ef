"""Shared by every stage that reads YAML: the safe loader, and one strict reader with line numbers.

Every YAML file the tool reads (checklists, worksheets, source registries, case indexes, scripted
answers) is composed here with PyYAML's safe loader (the C one where it is built), so every node
keeps its line. :func:`compose` refuses documents whose aliases expand beyond
:data:`MAX_EXPANDED_NODES` (a "billion laughs" bomb is a few hundred bytes) and never visits a
node twice. :class:`Reader` turns nodes into values and reports ``file:line: path: message``,
collecting every problem (or stopping at the first, for callers that want that).
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import gc
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml

from factcheck import regexes

LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader: the C one when PyYAML was built with libyaml."""
DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""PyYAML's safe dumper: the C one when PyYAML was built with libyaml."""

MAX_EXPANDED_NODES = 2_000_000
"""Most nodes a document may hold once its aliases are expanded."""

TAG = "tag:yaml.org,2002:"
NULL_TAG = f"{TAG}null"
SAFE_TAGS = frozenset(
    f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
"""The tags of plain YAML values; anything else (``!!python/...``, custom tags) is refused."""

T = TypeVar("T")


class YamlSyntaxError(Exception):
    """A document that is not valid YAML, or whose aliases expand too far."""

    def __init__(self, problem: str, line: int | None = None, context: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        """What is wrong."""
        self.line = line
        """1-based line, when known."""
        self.context = context
        """PyYAML's note on where the problem started, if any."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large document is read (and its nodes
    turned into values): it would otherwise walk the millions of live nodes again and again."""
    # Composing creates millions of small objects that all stay alive: the cyclic collector
    # would walk them again and again for nothing, tripling the time for a large worksheet.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compose(text: str) -> yaml.Node | None:
    """The document's node tree (None for an empty document), or YamlSyntaxError."""
    try:
        with collector_paused():
            root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(
            str(exc.problem or exc.context), mark.line + 1 if mark else None, exc.context
        ) from None
    except yaml.reader.ReaderError as exc:
        # PyYAML's own message is two lines naming "<unicode string>" and a character offset.
        line = text.count("\n", 0, exc.position) + 1
        found = exc.character
        what = f"U+{found:04X}" if isinstance(found, int) else repr(found)
        raise YamlSyntaxError(f"character {what}: {exc.reason}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    if root is not None and _ANCHOR.search(text):
        check_expansion(root)  # only a document with an anchor can have aliases
    return root


# An anchor ('&name') where YAML allows one: at the start of a line or after a space, '[', '{' or
# ','. Text that merely contains '&' (in a quoted string, say) only costs the full check.
_ANCHOR = regexes.compile(r"(?:^|[\s\[{,])&[^\s\]},]", re.M)


def load(text: str) -> Any:
    """The document as plain Python values (after the same checks as :func:`compose`)."""
    root = compose(text)
    if root is None:
        return None
    constructor = yaml.constructor.SafeConstructor()
    try:
        with collector_paused():
            return constructor.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(str(exc.problem), mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlSyntaxError(str(exc)) from None
    except ValueError as exc:
        # A value PyYAML resolved but Python cannot make: an integer of more than 4300 digits
        # (sys.get_int_max_str_digits), a date such as 2024-02-30.
        raise YamlSyntaxError(_unreadable(exc)) from None


def _unreadable(exc: ValueError) -> str:
    if "integer string conversion" in str(exc):
        return "a number too long to read"
    return f"a value that cannot be read ({exc})"


def children(node: yaml.Node) -> list[yaml.Node]:
    """A node's direct children: keys and values of a mapping, items of a list."""
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_expansion(root: yaml.Node) -> None:
    """Refuse aliases that refer to themselves or expand beyond MAX_EXPANDED_NODES.

    Each node is visited once: the expanded size of a node shared through aliases is counted
    from its children's sizes, never by walking its copies.
    """
    sizes: dict[int, int] = {}
    pending: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            pending.discard(key)
            total = 1 + sum(sizes[id(child)] for child in children(node))
            if total > MAX_EXPANDED_NODES:
                raise YamlSyntaxError(
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                    node.start_mark.line + 1,
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in pending:
            raise YamlSyntaxError("an alias refers to itself", node.start_mark.line + 1)
        pending.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children(node) if id(child) not in sizes)


# --- problems ------------------------------------------------------------------------------------


class Severity(enum.StrEnum):
    """How bad a problem is: errors make loading fail."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a YAML file, located by line and path inside the document."""

    file: str
    """The file as shown to the user."""
    line: int
    """1-based line number."""
    where: str
    """Path inside the document, such as questions[2].answers; empty for the whole file."""
    message: str
    """What was expected and what was found."""
    severity: Severity = Severity.ERROR
    """Error or warning."""

    def __str__(self) -> str:
        place = (
            f"{self.file}:{self.line}: " if self.line else (f"{self.file}: " if self.file else "")
        )
        where = f"{self.where}: " if self.where else ""
        kind = "warning: " if self.severity is Severity.WARNING else ""
        return f"{place}{where}{kind}{self.message}"


def join(where: str, key: str) -> str:
    """A path inside the document one key further down."""
    return f"{where}.{key}" if where else key


def is_null(node: yaml.Node) -> bool:
    """Whether a node is an empty value (``~``, ``null`` or nothing at all)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def got(node: yaml.Node) -> str:
    """A node as the end of 'expected X, got Y'."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL_TAG and node.value in ("", "~", "null", "Null", "NULL"):
        return "nothing"
    value = str(node.value)
    if len(value) > 40:
        value = value[:37] + "..."
    return repr(value)


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag


_BOOLS: Mapping[str, bool] = yaml.constructor.SafeConstructor.bool_values


class Reader:
    """Reads composed YAML into values, recording a :class:`Problem` for each mistake.

    Readers return None where a value could not be read, so loading goes on and every problem is
    reported at once; with ``stop``, the first problem raises that exception instead.
    """

    def __init__(self, file: str, *, stop: Callable[[str], Exception] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._stop = stop

    def fail_at(self, line: int, where: str, message: str) -> None:
        problem = Problem(self.file, line, where, message)
        if self._stop is not None:
            raise self._stop(str(problem))
        self.problems.append(problem)

    def fail(self, node: yaml.Node, where: str, message: str) -> None:
        self.fail_at(line_of(node), where, message)

    def expected(self, node: yaml.Node, where: str, what: str) -> None:
        self.fail(node, where, f"expected {what}, got {got(node)}")

    def check_tags(self, root: yaml.Node) -> None:
        """Refuse every tag but those of plain values, visiting each node once."""
        seen: set[int] = set()
        stack: list[tuple[yaml.Node, str]] = [(root, "")]
        while stack:
            node, where = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in SAFE_TAGS:
                self.fail(
                    node,
                    where,
                    f"tag '{_short_tag(node.tag)}' is not allowed: only plain YAML values are",
                )
                continue
            if isinstance(node, yaml.MappingNode):
                for key, value in reversed(node.value):
                    name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                    stack.append((value, join(where, str(name))))
                    stack.append((key, where))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(
                    (item, f"{where}[{i}]") for i, item in reversed(list(enumerate(node.value)))
                )

    # --- shapes ---

    def mapping(
        self, node: yaml.Node, where: str, keys: Sequence[str] | None, required: Sequence[str]
    ) -> dict[str, yaml.Node] | None:
        """Key → value node; keys=None allows any key. Unknown, duplicate and missing keys fail."""
        if not isinstance(node, yaml.MappingNode):
            self.expected(node, where, "a mapping")
            return None
        found: dict[str, yaml.Node] = {}
        lines: dict[str, int] = {}
        unknown: list[str] = []
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) and not is_null(key) else None
            if not isinstance(name, str):
                self.fail(key, where, f"keys must be words, got {got(key)}")
                continue
            if name in found:
                self.fail(key, where, f"duplicate key '{name}' (first at line {lines[name]})")
                continue
            if keys is not None and name not in keys:
                unknown.append(name)
                self.fail(key, where, f"unknown key '{name}' (expected one of: {', '.join(keys)})")
                continue
            found[name] = value
            lines[name] = line_of(key)
        for name in required:
            # A misspelt key is reported once, as unknown, not again as missing.
            if name not in found and not difflib.get_close_matches(name, unknown, n=1, cutoff=0.75):
                self.fail(node, where, f"missing key '{name}'")
        return found

    def sequence(
        self, node: yaml.Node, where: str, what: str = "a list", *, empty: bool = False
    ) -> list[yaml.Node] | None:
        """The items of a list; an empty list fails unless ``empty``."""
        if not isinstance(node, yaml.SequenceNode):
            self.expected(node, where, what)
            return None
        if not node.value and not empty:
            self.fail(node, where, f"expected {what}, got an empty list")
            return None
        return list(node.value)

    def scalar(self, node: yaml.Node, where: str, what: str = "a string") -> str | None:
        """Any scalar's text as written (so `yes` stays 'yes', dates stay strings); not null."""
        if not isinstance(node, yaml.ScalarNode) or is_null(node):
            self.expected(node, where, what)
            return None
        return str(node.value)

    def text(self, node: yaml.Node, where: str, what: str = "text") -> str | None:
        """A scalar's text with surrounding space removed; empty text fails."""
        value = self.scalar(node, where, what)
        if value is None:
            return None
        value = value.strip()
        if not value:
            self.fail(node, where, f"expected {what}, got an empty string")
            return None
        return value

    def word(self, node: yaml.Node, where: str, pattern: re.Pattern[str], what: str) -> str | None:
        """Text that matches pattern whole."""
        value = self.text(node, where, what)
        if value is not None and not pattern.fullmatch(value):
            self.expected(node, where, what)
            return None
        return value

    def boolean(self, node: yaml.Node, where: str) -> bool | None:
        """true or false (YAML 1.1 spellings: yes/no, on/off too)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != f"{TAG}bool":
            self.expected(node, where, "true or false")
            return None
        return bool(_BOOLS[str(node.value).lower()])

    def optional(
        self,
        found: Mapping[str, yaml.Node],
        key: str,
        where: str,
        read: Callable[[yaml.Node, str], T | None],
    ) -> T | None:
        """The value of an optional key, read with ``read``; None when the key is absent."""
        node = found.get(key)
        return None if node is None else read(node, join(where, key))

"""Stage ⑥ worksheet: the strict reader of worksheet and answers-file nodes, with located errors.

:class:`NodeReader` turns YAML nodes into values through the shared strict reader of
:mod:`factcheck.yamlio`, stopping at the first mistake with ``file:line: path: expected X, got Y``;
:func:`compose_yaml` gives a document's root node, naming the line of a syntax error.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from typing import NoReturn

import yaml

from factcheck.errors import WorksheetError
from factcheck.review.worksheet import FactValue
from factcheck.yamlio import NULL_TAG, TAG, Reader, YamlSyntaxError, compose, got, is_null


class NodeReader:
    """Reads worksheet nodes with the shared strict reader, stopping at the first mistake.

    Every failure is a WorksheetError ``file:line: path: expected X, got Y``.
    """

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._base = Reader(filename, stop=WorksheetError)

    def fail(self, node: yaml.Node, where: str, message: str) -> NoReturn:
        self._base.fail(node, where, message)
        raise AssertionError("unreachable: the reader stops at the first problem")

    def fail_at(self, line: int, where: str, message: str) -> NoReturn:
        """Stop at a line rather than a node (the last line of a file cut short)."""
        self._base.fail_at(line, where, message)
        raise AssertionError("unreachable: the reader stops at the first problem")

    @staticmethod
    def describe(node: yaml.Node) -> str:
        return got(node)

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        required: Sequence[str] = (),
        optional: Sequence[str] | None = (),
    ) -> dict[str, yaml.Node]:
        """Keys → value nodes; optional=None allows any key."""
        keys = None if optional is None else (*required, *optional)
        found = self._base.mapping(node, where, keys, required)
        assert found is not None
        return found

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        items = self._base.sequence(node, where, empty=True)
        assert items is not None
        return items

    def text(self, node: yaml.Node, where: str) -> str:
        """Any scalar's text as written (so `yes` stays 'yes', dates stay strings)."""
        value = self._base.scalar(node, where)
        assert value is not None
        return value

    def optional_text(self, node: yaml.Node, where: str) -> str | None:
        return None if is_null(node) else self.text(node, where)

    def texts(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        return tuple(
            self.text(item, f"{where}[{i}]") for i, item in enumerate(self.sequence(node, where))
        )

    def boolean(self, node: yaml.Node, where: str) -> bool:
        value = self._base.boolean(node, where)
        assert value is not None
        return value

    def integer(self, node: yaml.Node, where: str, minimum: int = 0) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{TAG}int":
            with contextlib.suppress(ValueError):
                value = int(str(node.value).replace("_", ""), 0)
                if value >= minimum:
                    return value
        self.fail(node, where, f"expected an integer >= {minimum}, got {got(node)}")

    def number(self, node: yaml.Node, where: str) -> float:
        if isinstance(node, yaml.ScalarNode) and node.tag in (f"{TAG}int", f"{TAG}float"):
            with contextlib.suppress(ValueError):
                value = float(str(node.value).replace("_", ""))
                if math.isfinite(value):
                    return value
        self.fail(node, where, f"expected a number, got {got(node)}")

    def fact(self, node: yaml.Node, where: str) -> FactValue:
        if isinstance(node, yaml.SequenceNode):
            return self.texts(node, where)
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, where, f"expected a scalar or a list, got {got(node)}")
        tag = node.tag
        if tag == NULL_TAG:
            return None
        if tag == f"{TAG}bool":
            return self.boolean(node, where)
        if tag == f"{TAG}int":
            return self.integer(node, where, minimum=-(2**63))
        if tag == f"{TAG}float":
            return self.number(node, where)
        return str(node.value)


def compose_yaml(text: str, filename: str, what: str = "a worksheet") -> yaml.Node:
    """The document's root node, or WorksheetError naming the line of a syntax error."""
    try:
        node = compose(text)
    except YamlSyntaxError as exc:
        line = f":{exc.line}" if exc.line is not None else ""
        raise WorksheetError(f"{filename}{line}: not valid YAML: {exc.problem}") from None
    if node is None:
        raise WorksheetError(f"{filename}: empty file, expected {what}")
    # A tag ('!!python/object', '!custom') is refused here as in every other YAML the tool reads,
    # not read past as the text beside it.
    Reader(filename, stop=WorksheetError).check_tags(node)
    return node

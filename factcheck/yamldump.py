"""Shared by every stage that writes YAML: PyYAML's dumpers, made to escape what a terminal or an
editor would act on.

PyYAML writes every character it deems printable as it is when Unicode is allowed, bidi
overrides and zero-width spaces among them: `cat`, `less` or `git diff` of a worksheet would then
show an article's text reordered, and two reviewers' names that differ only by an invisible
character would look the same. A string holding one (see :func:`factcheck.invisible.written_raw`)
is written double-quoted on one line with those characters escaped (``"North\\u202Ewire"``);
every other string is written as before. Both load back as the same text.
"""

from __future__ import annotations

from typing import Any

import yaml

from factcheck.invisible import written_raw, yaml_double_quoted


class SafeTextDumper(yaml.SafeDumper):
    """PyYAML's safe dumper (the Python emitter), escaping strings that hold invisible
    characters."""

    def analyze_scalar(self, scalar: str) -> Any:
        if not written_raw(scalar):
            return super().analyze_scalar(scalar)
        # Analysed as if Unicode were not allowed, the string can only be double-quoted.
        allow, self.allow_unicode = self.allow_unicode, False
        try:
            return super().analyze_scalar(scalar)
        finally:
            self.allow_unicode = allow

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not written_raw(text):
            super().write_double_quoted(text, split)
            return
        self.write_indicator("", True)  # the space before the scalar, where one is due
        data = yaml_double_quoted(text)
        self.column += len(data)
        self.stream.write(data.encode(self.encoding) if self.encoding else data)
        self.whitespace = False
        self.indention = False


def holds_invisible(data: object) -> bool:
    """Whether any string of DATA (dicts, lists, tuples, strings; keys too) holds a character
    :class:`SafeTextDumper` escapes."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if written_raw(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def safe_dump(data: object, **options: Any) -> str:
    """``yaml.safe_dump(data, **options)``, with invisible characters escaped."""
    text: str = yaml.dump(data, Dumper=SafeTextDumper, **options)
    return text


def safe_dump_all(documents: list[object], **options: Any) -> str:
    """``yaml.safe_dump_all(documents, **options)``, with invisible characters escaped."""
    text: str = yaml.dump_all(documents, Dumper=SafeTextDumper, **options)
    return text

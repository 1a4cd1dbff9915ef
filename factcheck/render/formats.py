"""Stage ⑨ render: the report formats, one registry that the command line and the renderer share.

The command line builds ``report --format``'s choices and help from :data:`REPORT_FORMATS`; the
renderer branches on :class:`ReportFormat` with ``assert_never``, so a format added here and not
rendered is a type error. This module imports nothing heavy, so ``factcheck --help`` stays quick.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import PurePath


class ReportFormat(enum.StrEnum):
    """A format `factcheck report` writes."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    CLAIMREVIEW = "claimreview"
    CSV = "csv"


REPORT_FORMATS: Mapping[ReportFormat, str] = {
    ReportFormat.TERMINAL: "the terminal view (plain text when written to a file)",
    ReportFormat.MARKDOWN: "the report to publish",
    ReportFormat.JSON: "every field, for programs",
    ReportFormat.CLAIMREVIEW: "schema.org ClaimReview JSON-LD",
    ReportFormat.CSV: "one row per claim",
}
"""Every report format, with what it is for."""


SUFFIX_FORMATS: Mapping[str, ReportFormat] = {
    ".md": ReportFormat.MARKDOWN,
    ".markdown": ReportFormat.MARKDOWN,
    ".json": ReportFormat.JSON,
    ".jsonld": ReportFormat.CLAIMREVIEW,
    ".csv": ReportFormat.CSV,
}
"""The format a file named by ``--output`` is written in, by its ending, when ``--format`` is
not given; any other ending gets the terminal view."""


def format_help() -> str:
    """The formats in words, for ``--format``'s help."""
    formats = "; ".join(f"{fmt.value}: {what}" for fmt, what in REPORT_FORMATS.items())
    endings = ", ".join(f"{suffix} {fmt.value}" for suffix, fmt in SUFFIX_FORMATS.items())
    return f"{formats}. Default: the one --output's file ending names ({endings}), else terminal."


def format_for_output(output: str | None) -> ReportFormat:
    """The format of a report when ``--format`` is not given: the one the output file's ending
    names ('report.md' is markdown), else the terminal view."""
    if output is None or output == "-":
        return ReportFormat.TERMINAL
    return SUFFIX_FORMATS.get(PurePath(output).suffix.lower(), ReportFormat.TERMINAL)


def parse_format(value: str) -> ReportFormat | None:
    """The format named by ``value``, or None when there is none by that name."""
    try:
        return ReportFormat(value)
    except ValueError:
        return None

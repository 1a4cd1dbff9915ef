"""Stage ⑨ render: the report formats, one registry that the command line and the renderer share.

The command line builds ``report --format``'s choices and help from :data:`REPORT_FORMATS`; the
renderer branches on :class:`ReportFormat` with ``assert_never``, so a format added here and not
rendered is a type error. This module imports nothing heavy, so ``factcheck --help`` stays quick.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


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


def format_help() -> str:
    """The formats in words, for ``--format``'s help."""
    return "; ".join(f"{fmt.value}: {what}" for fmt, what in REPORT_FORMATS.items()) + "."


def parse_format(value: str) -> ReportFormat | None:
    """The format named by ``value``, or None when there is none by that name."""
    try:
        return ReportFormat(value)
    except ValueError:
        return None

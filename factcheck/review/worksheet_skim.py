"""Stage ⑥ worksheet: reading a worksheet for comparison only, without its audit log.

A comparison needs a worksheet's answers, not the history of how they were given: of the audit
log it needs only who made each change (the worksheet's owner is whoever made most of them). The
tool writes the log as one top-level block, one flow mapping per line, so
:func:`skim_worksheet` takes those names from each line and reads the rest of the file with the
fast reader, with every check it makes. Anything else (a journal beside the worksheet, a merged
worksheet, an audit line not exactly as the tool writes it, any doubt of the fast reader) is read
by :func:`factcheck.review.journal.load_worksheet` in full, which names the line of any mistake.

The skipped log is not validated, so this reader is for read-only comparison only: a worksheet
that is changed, merged or reviewed is always read in full.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import fastyaml, regexes
from factcheck.review.journal import _read_text, load_worksheet
from factcheck.review.worksheet import Worksheet, journal_path
from factcheck.review.worksheet_shared import SharedReader
from factcheck.yamlio import collector_paused

if TYPE_CHECKING:
    from factcheck.review.worksheet_yaml import ChecklistSource

_AUDIT = "audit:"
# One change of the log as the tool writes it (a line of its own).
_ENTRY = regexes.compile(
    r"^- \{seq: [1-9][0-9]*, at: '[^'\n]*', reviewer: ([A-Za-z][A-Za-z0-9_-]*), claim: [^\n]*\}$",
    re.M,
)
# The line break before the first line after the log's start that is not one of its items.
_LOG_END = regexes.compile(r"\n(?!- )")


def skim_worksheet(
    path: Path, checklist: ChecklistSource = None, shared: SharedReader | None = None
) -> tuple[Worksheet, Counter[str] | None]:
    """The worksheet at ``path`` and how many audit changes each reviewer made.

    When the audit log was skipped, the worksheet's ``audit`` is empty and the counts are given;
    when the file was read in full (see the module's note), the counts are None and the audit is
    the worksheet's own. Worksheets of one article skimmed with one ``shared`` reader have their
    claims read once (see :mod:`worksheet_shared`).
    """
    if not os.path.lexists(journal_path(path)):
        text = _read_text(path)
        skimmed = _skim(text, checklist, shared or SharedReader())
        if skimmed is not None:
            return skimmed
    return load_worksheet(path, checklist), None


def _skim(
    text: str, checklist: ChecklistSource, shared: SharedReader
) -> tuple[Worksheet, Counter[str]] | None:
    start = text.find("\n" + _AUDIT + "\n")
    if start < 0:
        return None
    start += 1
    body = start + len(_AUDIT) + 1
    size = len(text)
    stop = _LOG_END.search(text, body - 1)
    end = size if stop is None else stop.start() + 1
    log = text[body:end]
    names = _ENTRY.findall(log)
    if not names or len(names) != log.count("\n") or not log.endswith("\n"):
        return None  # a line not as the tool writes it (an empty log is written `audit: []`)
    counts = Counter(names)
    if not all(fastyaml.reads_as_text(name) for name in counts):
        return None
    if end < size and not text[end].isalpha():
        return None  # the log must end where the next top-level key starts
    rest = text[:start] + text[end:]
    if rest.startswith(_AUDIT + "\n") or "\n" + _AUDIT in rest or "\nmerge:" in rest:
        return None
    with collector_paused():
        try:
            return shared.read(rest, checklist, len(names)), counts
        except fastyaml.Unsupported:
            return None

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

from factcheck import fastyaml
from factcheck.review.journal import _read_text, load_worksheet
from factcheck.review.worksheet import Worksheet, journal_path
from factcheck.review.worksheet_fast import read_values
from factcheck.yamlio import collector_paused

if TYPE_CHECKING:
    from factcheck.review.worksheet_yaml import ChecklistSource

_AUDIT = "audit:"
_ENTRY = re.compile(
    r"- \{seq: [1-9][0-9]*, at: '[^'\n]*', reviewer: ([A-Za-z][A-Za-z0-9_-]*), claim: [^\n]*\}"
)


def skim_worksheet(
    path: Path, checklist: ChecklistSource = None
) -> tuple[Worksheet, Counter[str] | None]:
    """The worksheet at ``path`` and how many audit changes each reviewer made.

    When the audit log was skipped, the worksheet's ``audit`` is empty and the counts are given;
    when the file was read in full (see the module's note), the counts are None and the audit is
    the worksheet's own.
    """
    if not os.path.lexists(journal_path(path)):
        text = _read_text(path)
        skimmed = _skim(text, checklist)
        if skimmed is not None:
            return skimmed
    return load_worksheet(path, checklist), None


def _skim(text: str, checklist: ChecklistSource) -> tuple[Worksheet, Counter[str]] | None:
    start = text.find("\n" + _AUDIT + "\n")
    if start < 0:
        return None
    start += 1
    body = start + len(_AUDIT) + 1
    end = body
    counts: Counter[str] = Counter()
    size = len(text)
    while end < size and text.startswith("- ", end):
        stop = text.find("\n", end)
        if stop < 0:
            return None
        match = _ENTRY.fullmatch(text, end, stop)
        if match is None or not fastyaml.reads_as_text(match.group(1)):
            return None
        counts[match.group(1)] += 1
        end = stop + 1
    if end < size and not text[end].isalpha():
        return None  # the log must end where the next top-level key starts
    rest = text[:start] + text[end:]
    if rest.startswith(_AUDIT + "\n") or "\n" + _AUDIT in rest or "\nmerge:" in rest:
        return None
    with collector_paused():
        try:
            return read_values(fastyaml.load(rest), checklist), counts
        except fastyaml.Unsupported:
            return None

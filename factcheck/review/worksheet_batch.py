"""Stage ⑥ worksheet: many changes made one after another, in time linear in their number.

:func:`factcheck.review.worksheet.apply_change` returns a new worksheet with the whole audit log
copied: over tens of thousands of changes (an answers file's evidence URLs, a long journal
replayed) that copying is quadratic. A :class:`ChangeBatch` keeps the changes it applies in a list
and puts the log together once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from factcheck.review.worksheet import Change, Worksheet, apply_changes


class ChangeBatch:
    """Changes applied in turn to a worksheet, the full audit log put together at the end."""

    def __init__(self, worksheet: Worksheet) -> None:
        self._start = worksheet
        self.made: list[Change] = []
        """The changes applied, in order."""
        self.current = replace(worksheet, audit=worksheet.audit[-1:])
        """The worksheet as the changes so far leave it, except that its audit log holds only
        the last change: all that `seq` and make_change read of the log."""

    def apply(self, changes: Sequence[Change]) -> None:
        """Apply changes in order; a run of evidence for one answer is added at once."""
        if changes:
            self.current = replace(apply_changes(self.current, changes), audit=(changes[-1],))
            self.made.extend(changes)

    def result(self) -> Worksheet:
        """The worksheet with every change applied and its full audit log."""
        return replace(self.current, audit=(*self._start.audit, *self.made))

"""An attribution as one row of a test table: speaker, role, verb, via, hedges, quote."""

from __future__ import annotations

from factcheck.models import Attribution

Row = tuple[str | None, str | None, str | None, tuple[str, ...], tuple[str, ...], bool]


def row(a: Attribution) -> Row:
    return (a.speaker, a.role, a.verb, a.via, a.hedges, a.quote)

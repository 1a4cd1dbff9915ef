"""Stage ⑨ render: a comparison for a terminal (or a pipe) that shows no styles, laid out fast.

What :func:`factcheck.render.team.render_terminal` shows grows with the article: a verdicts line
per claim and a panel per claim the reviewers differ on, which Rich takes most of a second to lay
out for a few hundred claims. Where nothing is styled (no colour: a pipe, a file, ``--color
never``), :func:`plain_terminal` lays out those lines and panels itself, character for character
as Rich does (its word wrapping, and the rounded panel with the title on its top edge); Rich
still lays out the rest (the header, the agreement table, any table of reviewers side by side).
Text it cannot be sure to lay out alike (a character not one cell wide, a tab, a line break) and
narrow or styled consoles are left to Rich whole.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

from factcheck.render.console import defang
from factcheck.render.team import (
    ALIKE,
    GROUPED_VERDICTS,
    VERDICTS_TITLE,
    Row,
    _terminal_agreement,
    _terminal_claim,
    _terminal_header,
    _terminal_verdicts,
    claim_rows,
    claim_title,
    differing_claims,
    grouped_text,
    natural_width,
    note_lines,
    verdict_rows,
)
from factcheck.render.team_cells import mark_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from factcheck.team.compare import ClaimComparison, Comparison

_NOT_YET: list[str] = []
NARROWEST = 20
"""Narrowest console laid out here; narrower ones are left to Rich."""
# Characters one cell wide that Rich measures as such and never joins to the next one: beyond
# Latin, Greek and Cyrillic, the punctuation, arrows, mathematical signs and box drawing the
# comparison uses ('≠', '·', '…', '—', '│').
_PLAIN_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x2FF),
    (0x370, 0x482),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2190, 0x22FF),
    (0x2500, 0x25FC),
)


@functools.cache
def _one_cell(character: str) -> bool:
    from rich.cells import cell_len

    code = ord(character)
    return any(start <= code <= end for start, end in _PLAIN_RANGES) and cell_len(character) == 1


def _plain(text: str) -> bool:
    """Whether every character of ``text`` is laid out here as Rich lays it out."""
    return (text.isascii() and text.isprintable()) or all(map(_one_cell, set(text)))


def wrap(text: str, width: int) -> list[str] | None:
    """The lines Rich makes of an unstyled ``Text(text)`` at ``width`` cells (word wrap, long
    words folded, as ``Text.wrap`` with the default justify and overflow); None when the text is
    not plain (see :func:`_plain`)."""
    if not _plain(text):
        return None
    if len(text) <= width:
        return [text]
    from rich._wrap import divide_line

    cuts = [0, *divide_line(text, width, fold=True), len(text)]
    lines = []
    for start, end in itertools.pairwise(cuts):
        line = text[start:end]
        if len(line) > width:
            # Whitespace past the width goes, then anything still past it (Text.rstrip_end,
            # Text.truncate).
            excess = len(line) - width
            trailing = len(line) - len(line.rstrip())
            line = line[: len(line) - min(trailing, excess)][:width]
        lines.append(line)
    return lines


def table_lines(header: list[str], rows: list[list[str]], *, edge: bool) -> list[str] | None:
    """The lines of Rich's ``Table(box=SIMPLE_HEAD, show_edge=edge)`` of these unstyled cells
    when every column is as wide as its widest cell (it fits the width: no cell wraps); None
    when a cell is not plain (see :func:`_plain`)."""
    from rich.box import SIMPLE_HEAD as BOX

    cells = [header, *rows]
    if not all(_plain(text) for row in cells for text in row if text):
        return None
    widths = [max(map(len, column)) for column in zip(*cells, strict=True)]

    def line(row: list[str], left: str, between: str, right: str) -> str:
        inner = between.join(
            f" {text}{' ' * (width - len(text))} " for text, width in zip(row, widths, strict=True)
        )
        return f"{left}{inner}{right}" if edge else inner

    rule = BOX.head_row_cross.join(BOX.head_row_horizontal * (width + 2) for width in widths)
    lines = [line(header, BOX.head_left, BOX.head_vertical, BOX.head_right)]
    lines.append(f"{BOX.head_row_left}{rule}{BOX.head_row_right}" if edge else rule)
    lines.extend(line(row, BOX.mid_left, BOX.mid_vertical, BOX.mid_right) for row in rows)
    if edge:
        top = BOX.top_divider.join(BOX.top * (width + 2) for width in widths)
        bottom = BOX.bottom_divider.join(BOX.bottom * (width + 2) for width in widths)
        lines.insert(0, f"{BOX.top_left}{top}{BOX.top_right}")
        lines.append(f"{BOX.bottom_left}{bottom}{BOX.bottom_right}")
    return lines


def _cells(rows: list[Row]) -> list[list[str]]:
    """The table cells of rows side by side: name, a cell per reviewer, the ≠ mark."""
    return [[name, *cells, mark_text(agreed)] for name, cells, agreed, _ in rows]


class _Layout:
    """The text of a comparison, built part by part."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = console.width
        self.parts: list[str] = []
        self.wrapped: dict[tuple[str, int], list[str] | None] = {}
        """Lines wrapped so far (many recur: 'verdict  False: all'), by text and width."""

    def wrap(self, text: str, width: int) -> list[str] | None:
        """:func:`wrap` of the text made safe to show, each text and width wrapped once."""
        key = (text, width)
        lines = self.wrapped.get(key, _NOT_YET)
        if lines is _NOT_YET:
            lines = self.wrapped[key] = wrap(defang(text), width)
        return lines

    def rich(self, *renderables: RenderableType) -> None:
        """Parts laid out by Rich."""
        from rich.console import Group

        with self.console.capture() as capture:
            self.console.print(Group(*renderables))
        self.parts.append(capture.get())

    def lines(self, texts: list[str]) -> bool:
        """Lines of text at the console's width; False (nothing added) when one is not plain."""
        out = []
        for text in texts:
            wrapped = self.wrap(text, self.width)
            if wrapped is None:
                return False
            out.extend(wrapped)
        self.parts.append("".join(line + "\n" for line in out))
        return True

    def panel(
        self, claim: ClaimComparison, rows: list[Row], reviewers: tuple[str, ...], table: bool
    ) -> bool:
        """A differing claim's panel: its rows as a table side by side when they fit (``table``),
        else a line each; then its notes. False (nothing added) when some text is not plain."""
        from rich.box import ROUNDED

        inner = self.width - 4
        title = defang(claim_title(claim))
        if not _plain(title):
            return False
        body: list[str] = []
        texts = note_lines(claim)
        if table:
            lines = table_lines(["Question", *reviewers, ""], _cells(rows), edge=False)
            if lines is None:
                return False
            body.extend(lines)
        else:
            texts = [
                grouped_text(n, reviewers, cells, agreed) for n, cells, agreed, _ in rows
            ] + texts
        for text in texts:
            wrapped = self.wrap(text, inner)
            if wrapped is None:
                return False
            body.extend(wrapped)
        edge = ROUNDED.top
        shown = f" {title} "[:inner]
        top = f"{ROUNDED.top_left}{edge}{shown}{edge * (inner - len(shown))}{edge}"
        side, end = ROUNDED.mid_left, ROUNDED.mid_right
        out = [f"{top}{ROUNDED.top_right}\n"]
        out.extend(f"{side} {line}{' ' * (inner - len(line))} {end}\n" for line in body)
        out.append(f"{ROUNDED.bottom_left}{ROUNDED.bottom * (self.width - 2)}")
        out.append(f"{ROUNDED.bottom_right}\n")
        self.parts.append("".join(out))
        return True


def plain_terminal(comparison: Comparison, console: Console) -> str | None:
    """The text ``console.print(render_terminal(comparison))`` writes, when ``console`` shows
    no styles; None when it is to be left to Rich (see the module's note)."""
    options = console.options
    if (
        console.color_system is not None
        or options.legacy_windows
        or options.ascii_only
        or console.width < NARROWEST
        or not comparison.claims
    ):
        return None
    layout = _Layout(console)
    layout.rich(_terminal_header(comparison), _terminal_agreement(comparison))
    reviewers = comparison.reviewers
    rows = verdict_rows(comparison)
    if natural_width(reviewers, rows, "Claim") <= layout.width:
        table = table_lines(["Claim", *reviewers, ""], _cells(rows), edge=True)
        if table is None:
            layout.rich(_terminal_verdicts(comparison))
        else:
            # The title as Rich puts it: left, padded to the table's width.
            title = [
                line.ljust(len(table[0])) for line in wrap(VERDICTS_TITLE, len(table[0])) or []
            ]
            layout.parts.append("".join(f"{line}\n" for line in [*title, *table]))
    else:
        texts = [grouped_text(name, reviewers, cells, agreed) for name, cells, agreed, _ in rows]
        if not layout.lines([GROUPED_VERDICTS, *texts]):
            return None
    differing = differing_claims(comparison)
    for claim in differing:
        rows = claim_rows(claim)
        # The rows' table has no outer edge: two columns fewer of spaces (as _terminal_claim).
        fits = natural_width(reviewers, rows, "Question") - 2 <= layout.width - 4
        if not layout.panel(claim, rows, reviewers, fits):
            layout.rich(_terminal_claim(comparison, claim))
    if not differing and not layout.lines([ALIKE]):
        return None
    if not layout.lines([f"Warning: {warning}" for warning in comparison.warnings]):
        return None
    return "".join(layout.parts)

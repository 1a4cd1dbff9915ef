"""Stage ③ claims, attribution: speakers named in a fronted aside rather than by a reporting
verb — "As Akhil Amar, a professor of law at Yale, put it, …" and "In the words of Senator Ann
Hale, …".
"""

from __future__ import annotations

from factcheck.extract.attribution.frames import can_hold_views
from factcheck.extract.attribution.phrases import interpret
from factcheck.extract.attribution.sentence import Sentence, Speaker
from factcheck.extract.attribution.words import lex

LEAD_INS = lex("but and yet so just")
"""Words that may come before the aside: "But as one voter put it, …"."""

_OPENERS = LEAD_INS | {"as", "in"}
_WINDOW = 16
"""Tokens the speaker and an appositive may take before "put it"."""


def fronted_aside(sent: Sentence) -> tuple[Speaker, str] | None:
    """The speaker and the cue of an aside that opens the sentence, or None."""
    low = sent.low
    if not low or low[0] not in _OPENERS:
        return None  # most sentences: one set lookup
    k = 0
    while k < sent.n and low[k] in LEAD_INS:
        k += 1
    if low[k : k + 4] == ["in", "the", "words", "of"]:
        found = _speaker_before_comma(sent, k + 4)
        return (found, "in the words of") if found is not None else None
    if low[k : k + 1] != ["as"]:
        return None
    for j in range(k + 2, min(sent.n - 2, k + _WINDOW)):
        if low[j] in ("put", "puts") and low[j + 1] == "it" and low[j + 2] in (",", ":"):
            # The speaker ends at the first comma: "As Amar, a professor at Yale, put it".
            found = _speaker_before_comma(sent, k + 1, j)
            return (found, low[j]) if found is not None else None
    return None


def _speaker_before_comma(sent: Sentence, start: int, limit: int | None = None) -> Speaker | None:
    end = limit if limit is not None else min(sent.n, start + _WINDOW)
    comma = next((m for m in range(start, end) if sent.toks[m] == ","), end)
    if comma == start or (limit is None and comma == end):
        return None
    found = interpret(sent, start, comma, loose=True)
    if found is None or not (found.name or found.role) or not can_hold_views(found):
        return None  # "As the storm put it": no one
    return found

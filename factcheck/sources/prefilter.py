"""Stage ④ sources: patterns tried only on texts that hold a word every match needs.

A pattern that may match anywhere is tried at every position of a text, which costs far more
than looking for a word with ``in``; most texts hold none of the words a closing line or a
credit is written with, and are not searched at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Letters that a case-insensitive pattern reads as an ASCII letter other than its two cases.
_OTHER_CASES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_OTHER_CASES_TABLE = str.maketrans(_OTHER_CASES)


def lowered(text: str) -> str:
    """TEXT in lower case, each letter that a case-insensitive pattern reads as an ASCII letter
    written as that letter: a word such a pattern must match is in TEXT only if it is in this."""
    if not text.isascii() and any(letter in text for letter in _OTHER_CASES):
        text = text.translate(_OTHER_CASES_TABLE)
    return text.lower()


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, and words one of which each of its matches holds (lower-cased)."""

    pattern: re.Pattern[str]
    """The pattern."""
    needs: tuple[str, ...]
    """Words in lower case: each match holds one of them, in any case."""

    def may_match(self, low: str) -> bool:
        """Whether the pattern may match in a text, given ``lowered(text)``."""
        return any(word in low for word in self.needs)

    def match(self, text: str, low: str) -> re.Match[str] | None:
        """``pattern.match(text)``, given ``lowered(text)``."""
        return self.pattern.match(text) if self.may_match(low) else None

    def search(self, text: str, low: str) -> re.Match[str] | None:
        """``pattern.search(text)``, given ``lowered(text)``."""
        return self.pattern.search(text) if self.may_match(low) else None

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, given ``lowered(text)``."""
        return self.pattern.finditer(text) if self.may_match(low) else iter(())

    def line_matches(self, text: str, low: str) -> list[re.Match[str]]:
        """The matches of a pattern that never spans two lines, in order: it is tried only on
        the lines of TEXT that hold one of the words, given ``lowered(text)``."""
        if not self.may_match(low):
            return []  # most texts: no line to read
        if len(low) != len(text):
            # A letter whose lower case is longer: offsets in LOW are not offsets in TEXT.
            return list(self.pattern.finditer(text))
        starts = set()
        for word in self.needs:
            at = low.find(word)
            while at >= 0:
                starts.add(low.rfind("\n", 0, at) + 1)
                end = low.find("\n", at)
                at = -1 if end < 0 else low.find(word, end)
        out: list[re.Match[str]] = []
        for start in sorted(starts):
            end = text.find("\n", start)
            out.extend(self.pattern.finditer(text, start, len(text) if end < 0 else end))
        return out

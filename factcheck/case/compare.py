"""Cases, beside stage ④ sources: comparing the details of two claims.

One kind of detail differing makes a conflicting report of the same event, two or more a report
of another event; details only the other claim gives are added detail.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.case.details import Details, compatible_names, fold, quantity_relation
from factcheck.extract.segment_dates import MONTH_NUMBERS

# --- comparing two claims -----------------------------------------------------------------------


class Relation(enum.StrEnum):
    """How another article's report of a claim relates to it."""

    AGREES = "agrees"
    """Says the same, with no detail the claim lacks."""
    ADDS_DETAIL = "adds_detail"
    """Says the same and adds details (numbers, dates, places, names) the claim lacks."""
    CONFLICTS = "conflicts"
    """Reports the same event with a different number, date, place or actor, or denies it."""

    @property
    def label(self) -> str:
        """The relation in words."""
        return {"agrees": "agrees", "adds_detail": "adds detail", "conflicts": "conflicts"}[
            self.value
        ]


class DetailKind(enum.StrEnum):
    """A kind of detail two reports of one event can differ in."""

    NUMBER = "number"
    DATE = "date"
    PLACE = "place"
    ACTOR = "actor"
    DENIAL = "denial"


@dataclass(frozen=True, slots=True)
class Difference:
    """One kind of detail in which two reports differ."""

    kind: DetailKind
    """What differs."""
    ours: tuple[str, ...]
    """The claim's values, sorted."""
    theirs: tuple[str, ...]
    """The other report's values, sorted."""
    clash: bool = True
    """True: the reports disagree. False: the other report adds values the claim lacks."""

    def describe(self) -> str:
        """The difference in words: 'number: 23 here, 25 there'; for added detail, what the
        other report adds ('place: Gaza')."""
        if self.kind is DetailKind.DENIAL:
            return "one report denies what the other asserts"
        names = self.kind in (DetailKind.PLACE, DetailKind.ACTOR)
        theirs = ", ".join(v.title() if names else v for v in self.theirs) or "none"
        if not self.clash:
            return f"{self.kind.value}: {theirs}"
        ours = ", ".join(v.title() if names else v for v in self.ours) or "none"
        return f"{self.kind.value}: {ours} here, {theirs} there"


_MONTH_LABELS = tuple(
    max((name for name, number in MONTH_NUMBERS.items() if number == month), key=len)
    for month in range(1, 13)
)


def _show_date(value: str) -> str:
    """A normalised date detail as people write it: '05-20' -> 'May 20', '05' -> 'May'."""
    if re.fullmatch(r"\d\d-\d\d", value):
        return f"{_MONTH_LABELS[int(value[:2]) - 1].title()} {int(value[3:])}"
    if re.fullmatch(r"\d\d", value):
        return _MONTH_LABELS[int(value) - 1].title()
    return value.title() if value.isalpha() else value


def _set_relation(ours: frozenset[str], theirs: frozenset[str]) -> str:
    """'same', 'none' (one side silent), 'adds' (theirs adds to ours), 'less' or 'clash'."""
    if not ours or not theirs:
        return "adds" if theirs and not ours else "none"
    if ours == theirs:
        return "same"
    if ours < theirs:
        return "adds"
    if theirs < ours:
        return "less"
    return "clash"


def _names_relation(ours: frozenset[str], theirs: frozenset[str]) -> str:
    if not ours or not theirs:
        return "adds" if theirs and not ours else "none"
    if not any(compatible_names(a, b) for a in ours for b in theirs):
        return "clash"
    extra = [b for b in theirs if not any(compatible_names(a, b) for a in ours)]
    return "adds" if extra else "same"


def compare_details(ours: Details, theirs: Details) -> tuple[list[Difference], list[Difference]]:
    """The details in which two claims clash, and those the other claim adds."""
    clashes: list[Difference] = []
    adds: list[Difference] = []

    def note(kind: DetailKind, relation: str, a: Iterable[str], b: Iterable[str]) -> None:
        if kind is DetailKind.DATE:
            a, b = (_show_date(v) for v in a), (_show_date(v) for v in b)
        if relation == "clash":
            clashes.append(Difference(kind, tuple(sorted(a)), tuple(sorted(b))))
        elif relation == "adds":
            mine = list(a)
            extra = [v for v in b if not any(compatible_names(v, m) for m in mine)]
            adds.append(Difference(kind, tuple(sorted(mine)), tuple(sorted(extra)), clash=False))

    numbers = quantity_relation(ours.quantities, theirs.quantities)
    if numbers == "clash":
        clashes.append(
            Difference(
                DetailKind.NUMBER, tuple(sorted(ours.numbers)), tuple(sorted(theirs.numbers))
            )
        )
    elif numbers == "adds":
        extra = [
            q.shown for q in theirs.quantities if not any(q.overlaps(o) for o in ours.quantities)
        ]
        adds.append(
            Difference(
                DetailKind.NUMBER, tuple(sorted(ours.numbers)), tuple(sorted(set(extra))), False
            )
        )
    date_relations = [
        _set_relation(ours.days, theirs.days),
        _set_relation(ours.years, theirs.years),
        _set_relation(ours.weekdays, theirs.weekdays),
    ]
    # A month is compared only where neither side gives the day, which says more.
    if not ours.days and not theirs.days:
        date_relations.append(_set_relation(ours.months, theirs.months))
    date = "clash" if "clash" in date_relations else "adds" if "adds" in date_relations else ""
    if date:
        ours_dates = ours.days | ours.years | ours.weekdays | (set() if ours.days else ours.months)
        theirs_dates = (
            theirs.days | theirs.years | theirs.weekdays | (set() if theirs.days else theirs.months)
        )
        note(DetailKind.DATE, date, ours_dates, theirs_dates)
    note(DetailKind.PLACE, _names_relation(ours.places, theirs.places), ours.places, theirs.places)
    actors = _names_relation(ours.actors, theirs.actors)
    note(DetailKind.ACTOR, actors, ours.actors, theirs.actors)
    if ours.denial != theirs.denial:
        clashes.append(Difference(DetailKind.DENIAL, (), ()))
    return clashes, adds


def shared_details(ours: Details, theirs: Details) -> int:
    """How many kinds of specific detail two claims share: the same number of the same thing
    ('17 people'), a day, a place, a name."""
    count = 0
    if any(
        a.noun and a.unit == b.unit and a.value == b.value >= 2
        for a in ours.quantities
        for b in theirs.quantities
    ):
        count += 1
    if ours.days & theirs.days or ours.weekdays & theirs.weekdays:
        count += 1
    if any(compatible_names(a, b) for a in ours.places for b in theirs.places):
        count += 1
    if any(compatible_names(a, b) for a in ours.actors for b in theirs.actors):
        count += 1
    return count


def shingles(text: str) -> frozenset[int]:
    """The hashes of a text's word trigrams (of its one or two words, when that short)."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    if len(words) < 3:
        return frozenset((hash(" ".join(words)),)) if words else frozenset()
    return frozenset(map(hash, zip(words, words[1:], words[2:], strict=False)))


def shingle_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set of word trigrams that the other set also holds."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))

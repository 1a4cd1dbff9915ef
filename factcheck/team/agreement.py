"""Team review: agreement between reviewers: percent agreement, Krippendorff's alpha, Cohen's kappa.

Pure Python, no third-party numerics. The data are *reliability data*: one unit per claim, each
unit a mapping from reviewer to the value that reviewer gave (a reviewer who did not rate the unit
is simply absent). Krippendorff's alpha follows his coincidence-matrix formulation, which handles
any number of reviewers and missing values; a figure that cannot be computed (fewer than two
pairable values, or a single category, so that no disagreement is expected) is None together with
the reason, never NaN.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

Unit = Mapping[str, Hashable]
"""One unit's ratings: reviewer name -> value; reviewers who gave none are left out."""


class Metric(enum.StrEnum):
    """How far apart two values are, for Krippendorff's alpha."""

    NOMINAL = "nominal"
    """Values are names: any two different values disagree equally."""
    ORDINAL = "ordinal"
    """Values are ranked: distance grows with the number of ratings between them."""
    INTERVAL = "interval"
    """Values are numbers: distance is the squared difference."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One agreement coefficient, or why it cannot be computed."""

    value: float | None
    """The coefficient; None when it cannot be computed."""
    units: int
    """How many units (claims) the figure rests on."""
    reason: str | None = None
    """Why the figure is None."""

    def text(self, digits: int = 3) -> str:
        """The value to `digits` decimals, or 'n/a (reason)'."""
        if self.value is None:
            return f"n/a ({self.reason})"
        return f"{self.value:.{digits}f}"


def pairable(units: Sequence[Unit]) -> list[list[Hashable]]:
    """The values of each unit rated at least twice (others carry no information on agreement)."""
    return [list(unit.values()) for unit in units if len(unit) >= 2]


def percent_agreement(units: Sequence[Unit]) -> Figure:
    """The share of units rated at least twice on which every rating is the same."""
    rated = pairable(units)
    if not rated:
        return Figure(None, 0, "no claim has two ratings")
    agreed = sum(1 for values in rated if len(set(values)) == 1)
    return Figure(agreed / len(rated), len(rated))


def pairwise_agreement(units: Sequence[Unit]) -> Figure:
    """The share of agreeing pairs of ratings, each unit weighted by its number of pairs."""
    rated = pairable(units)
    pairs = agreeing = 0
    for values in rated:
        m = len(values)
        pairs += m * (m - 1) // 2
        agreeing += sum(c * (c - 1) // 2 for c in Counter(values).values())
    if not pairs:
        return Figure(None, 0, "no claim has two ratings")
    return Figure(agreeing / pairs, len(rated))


def _coincidences(rated: Sequence[Sequence[Hashable]]) -> dict[tuple[Hashable, Hashable], float]:
    """Krippendorff's coincidence matrix o_ck: each ordered pair of values within a unit, each
    weighted 1/(m_u - 1)."""
    matrix: dict[tuple[Hashable, Hashable], float] = {}
    for values in rated:
        counts = Counter(values)
        weight = 1.0 / (len(values) - 1)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] = matrix.get((c, k), 0.0) + pairs * weight
    return matrix


def _ordinal_distances(
    totals: Mapping[Hashable, float], order: Sequence[Hashable]
) -> dict[tuple[Hashable, Hashable], float]:
    """Squared ordinal distance: (sum of n_g from c to k, minus half of n_c and n_k) squared."""
    ranked = [value for value in order if value in totals]
    distances: dict[tuple[Hashable, Hashable], float] = {}
    for i, c in enumerate(ranked):
        running = 0.0
        for j in range(i, len(ranked)):
            k = ranked[j]
            running += totals[k]
            spread = running - (totals[c] + totals[k]) / 2.0
            distances[(c, k)] = distances[(k, c)] = spread * spread
    return distances


def _distance(
    metric: Metric,
    order: Sequence[Hashable] | None,
    totals: Mapping[Hashable, float],
) -> dict[tuple[Hashable, Hashable], float]:
    values = list(totals)
    if metric is Metric.NOMINAL:
        return {(c, k): 0.0 if c == k else 1.0 for c in values for k in values}
    if metric is Metric.ORDINAL:
        if order is None:
            raise ValueError("ordinal alpha needs the order of the values")
        missing = [v for v in values if v not in set(order)]
        if missing:
            raise ValueError(f"value {missing[0]!r} is not in the order given")
        return _ordinal_distances(totals, order)
    numbers = {v: float(v) for v in values}  # type: ignore[arg-type]
    return {(c, k): (numbers[c] - numbers[k]) ** 2 for c in values for k in values}


def krippendorff_alpha(
    units: Sequence[Unit],
    metric: Metric = Metric.NOMINAL,
    order: Sequence[Hashable] | None = None,
) -> Figure:
    """Krippendorff's alpha over reliability data with any number of reviewers and gaps.

    ``order`` ranks the values for the ordinal metric (lowest first, or best first: the
    coefficient does not depend on the direction). The interval metric needs numeric values.
    """
    rated = pairable(units)
    if not rated:
        return Figure(None, 0, "no claim has two ratings")
    matrix = _coincidences(rated)
    totals: dict[Hashable, float] = {}
    for (c, _k), count in matrix.items():
        totals[c] = totals.get(c, 0.0) + count
    n = sum(totals.values())
    if len(totals) < 2:
        return Figure(None, len(rated), "every rating is the same, so no disagreement is expected")
    delta = _distance(metric, order, totals)
    observed = sum(count * delta[pair] for pair, count in matrix.items())
    expected = sum(totals[c] * totals[k] * delta[(c, k)] for c in totals for k in totals)
    if expected == 0:
        return Figure(None, len(rated), "no disagreement is expected")
    return Figure(1.0 - (n - 1.0) * observed / expected, len(rated))


def cohen_kappa(units: Sequence[Unit], first: str, second: str) -> Figure:
    """Cohen's kappa between two reviewers, over the units both rated."""
    pairs = [(unit[first], unit[second]) for unit in units if first in unit and second in unit]
    if not pairs:
        return Figure(None, 0, "no claim is rated by both reviewers")
    total = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / total
    left = Counter(a for a, _ in pairs)
    right = Counter(b for _, b in pairs)
    expected = sum(left[c] * right.get(c, 0) for c in left) / (total * total)
    if expected >= 1.0:
        return Figure(None, total, "both reviewers gave one and the same answer throughout")
    return Figure((observed - expected) / (1.0 - expected), total)

"""Agreement figures against published worked examples and the `krippendorff` package."""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence

import krippendorff
import numpy as np
import pytest

from factcheck.team.agreement import (
    Figure,
    Metric,
    Unit,
    cohen_kappa,
    krippendorff_alpha,
    pairwise_agreement,
    percent_agreement,
)

# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four observers,
# twelve units, values 1-5, with missing values; his published alphas are below.
KRIPPENDORFF_C = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
# The same paper, section A: two observers, binary data, ten units; alpha = 0.095.
KRIPPENDORFF_A = {
    "A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
}


def units_of(table: dict[str, list[int | None]]) -> list[Unit]:
    width = len(next(iter(table.values())))
    return [
        {coder: values[i] for coder, values in table.items() if values[i] is not None}
        for i in range(width)
    ]


def reference(units: Sequence[Unit], coders: Sequence[str], level: str, domain: list[int]) -> float:
    data = np.array([[unit.get(coder, np.nan) for unit in units] for coder in coders], dtype=float)
    return float(krippendorff.alpha(data, level_of_measurement=level, value_domain=domain))


def test_krippendorffs_example_with_missing_values() -> None:
    units = units_of(KRIPPENDORFF_C)
    nominal = krippendorff_alpha(units)
    ordinal = krippendorff_alpha(units, Metric.ORDINAL, [1, 2, 3, 4, 5])
    interval = krippendorff_alpha(units, Metric.INTERVAL)
    assert (round(nominal.value or 0, 3), nominal.units) == (0.743, 11)
    assert round(ordinal.value or 0, 3) == 0.815
    assert round(interval.value or 0, 3) == 0.849


def test_krippendorffs_two_observer_binary_example() -> None:
    alpha = krippendorff_alpha(units_of(KRIPPENDORFF_A))
    assert alpha == Figure(pytest.approx(0.095, abs=5e-4), 10)


def test_ordinal_alpha_does_not_depend_on_the_direction_of_the_order() -> None:
    units = units_of(KRIPPENDORFF_C)
    up = krippendorff_alpha(units, Metric.ORDINAL, [1, 2, 3, 4, 5])
    down = krippendorff_alpha(units, Metric.ORDINAL, [5, 4, 3, 2, 1])
    assert up.value == pytest.approx(down.value)


@pytest.mark.parametrize("seed", range(40))
def test_alpha_equals_the_krippendorff_package_on_random_data_with_gaps(seed: int) -> None:
    rng = random.Random(seed)
    coders = [f"r{i}" for i in range(rng.randint(2, 6))]
    levels = rng.randint(2, 5)
    domain = list(range(1, levels + 1))
    units: list[Unit] = []
    for _ in range(rng.randint(3, 40)):
        # Raters mostly agree around a true value, sometimes skip the unit altogether.
        truth = rng.choice(domain)
        unit: dict[str, Hashable] = {}
        for coder in coders:
            if rng.random() < 0.25:
                continue
            unit[coder] = truth if rng.random() < 0.7 else rng.choice(domain)
        units.append(unit)
    rated = [u for u in units if len(u) >= 2]
    if len({v for u in rated for v in u.values()}) < 2:
        pytest.skip("one category only: the package returns NaN, we say so")
    for metric, level in (
        (Metric.NOMINAL, "nominal"),
        (Metric.ORDINAL, "ordinal"),
        (Metric.INTERVAL, "interval"),
    ):
        ours = krippendorff_alpha(units, metric, domain)
        assert ours.value is not None
        assert round(ours.value, 3) == round(reference(units, coders, level, domain), 3), metric


def test_alpha_that_cannot_be_computed_says_why() -> None:
    same = [{"a": "yes", "b": "yes"}, {"a": "yes", "b": "yes", "c": "yes"}]
    assert krippendorff_alpha(same) == Figure(
        None, 2, "every rating is the same, so no disagreement is expected"
    )
    lonely = [{"a": "yes"}, {"b": "no"}, {}]
    assert krippendorff_alpha(lonely) == Figure(None, 0, "no claim has two ratings")
    assert krippendorff_alpha(lonely).text() == "n/a (no claim has two ratings)"
    assert percent_agreement(lonely) == Figure(None, 0, "no claim has two ratings")
    assert not any(
        isinstance(f.value, float) and math.isnan(f.value)
        for f in (krippendorff_alpha(same), percent_agreement(same), pairwise_agreement(same))
    )


def test_ordinal_alpha_needs_every_value_in_the_order() -> None:
    with pytest.raises(ValueError, match="value 'maybe' is not in the order given"):
        krippendorff_alpha([{"a": "yes", "b": "maybe"}], Metric.ORDINAL, ["yes", "no"])


def _pairs(counts: dict[tuple[str, str], int]) -> list[Unit]:
    units: list[Unit] = []
    for (first, second), count in counts.items():
        units.extend({"a": first, "b": second} for _ in range(count))
    return units


@pytest.mark.parametrize(
    ("counts", "kappa"),
    [
        # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by two readers.
        ({("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15}, 0.4),
        # Its two tables with the same observed agreement (0.60) and different kappas.
        ({("y", "y"): 45, ("y", "n"): 15, ("n", "y"): 25, ("n", "n"): 15}, 0.1304),
        ({("y", "y"): 25, ("y", "n"): 35, ("n", "y"): 5, ("n", "n"): 35}, 0.2593),
    ],
)
def test_cohens_kappa_on_published_examples(
    counts: dict[tuple[str, str], int], kappa: float
) -> None:
    figure = cohen_kappa(_pairs(counts), "a", "b")
    assert figure.value == pytest.approx(kappa, abs=5e-5)
    assert figure.units == sum(counts.values())


def test_cohens_kappa_uses_only_claims_both_rated_and_says_when_it_cannot() -> None:
    units: list[Unit] = [{"a": "y", "b": "y"}, {"a": "n", "b": "n"}, {"a": "y"}, {"b": "n"}]
    assert cohen_kappa(units, "a", "b") == Figure(1.0, 2)
    same: list[Unit] = [{"a": "y", "b": "y"}, {"a": "y", "b": "y"}]
    assert cohen_kappa(same, "a", "b") == Figure(
        None, 2, "both reviewers gave one and the same answer throughout"
    )
    assert cohen_kappa([{"a": "y"}], "a", "b") == Figure(
        None, 0, "no claim is rated by both reviewers"
    )


def test_percent_and_pairwise_agreement() -> None:
    units: list[Unit] = [
        {"a": 1, "b": 1, "c": 1},
        {"a": 1, "b": 1, "c": 2},
        {"a": 2, "b": 2},
        {"a": 3},
    ]
    assert percent_agreement(units) == Figure(pytest.approx(2 / 3), 3)
    # Pairs: 3 agree + 1 of 3 agree + 1 agree = 5 of 7.
    assert pairwise_agreement(units) == Figure(pytest.approx(5 / 7), 3)

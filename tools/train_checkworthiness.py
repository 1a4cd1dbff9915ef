"""Train the stage ③ check-worthiness model and write factcheck/lexicon/en/checkworthiness.json.

Fits a logistic regression (balanced class weights) on TF-IDF word 1-2-grams from the runtime's own
tokenizer plus the rule features, picks the vocabulary cut-off, regularisation and decision
threshold by 5-fold cross-validation on the training part only, and exports plain JSON that
``factcheck.extract.worthiness`` scores in pure Python. The held-out sentences (``split_heldout``)
are never trained on; they are scored at the end, through the runtime scorer reading the exported
file, alongside a reference TF-IDF logistic regression, the rule baseline and all-positive.

Needs the ``train`` extra (scikit-learn, numpy):

    python tools/train_checkworthiness.py ../shared/data/claimbuster/train.json
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix, diags, hstack  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    CountVectorizer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.errors import ClaimsError  # noqa: E402
from factcheck.extract.worthiness import (  # noqa: E402
    DEFAULT_THRESHOLD,
    HELDOUT_PERCENT,
    MODEL_FORMAT,
    MODEL_PATH,
    RULE_BASELINE_REASONS,
    RULE_FEATURES,
    TOKENIZER_VERSION,
    LabelledSentence,
    Split,
    extract_terms,
    find_rule_features,
    load_labelled,
    load_model,
    measure_f1,
    score_sentence,
    split_heldout,
)
from factcheck.models import SegmentKind  # noqa: E402

MIN_DFS = (2, 3)
"""Vocabulary cut-offs tried: a term must occur in at least this many training sentences."""
CS = (1.0, 2.0, 4.0, 8.0)
"""Inverse regularisation strengths tried."""
THRESHOLDS = tuple(round(0.20 + 0.01 * i, 2) for i in range(61))
"""Probability cuts tried on the out-of-fold scores."""
WINDOW = 5
"""Neighbouring cuts on each side averaged into a cut's objective."""
FOLDS = 5
SEED = 0

Figures = dict[str, float]


def _rules(texts: Sequence[str]) -> csr_matrix:
    rows = [find_rule_features(text) for text in texts]
    return csr_matrix(np.array([[r in row for r in RULE_FEATURES] for row in rows], dtype=float))


class Weighting:
    """Term counts times smooth idf, each row divided by sqrt(sum of count x idf squared).

    This is exactly what the runtime computes with one sum over a sentence's terms, repeats
    included (for terms seen once it is the usual l2 norm).
    """

    def __init__(self, min_df: int) -> None:
        self.counter = CountVectorizer(analyzer=extract_terms, min_df=min_df)
        self.idf = np.zeros(0)

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        counts = self.counter.fit_transform(texts)
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1
        return self._weigh(counts)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return self._weigh(self.counter.transform(texts))

    def _weigh(self, counts: csr_matrix) -> csr_matrix:
        counts = counts.astype(float)
        norm = np.sqrt(counts @ (self.idf**2))
        norm[norm == 0] = 1.0
        return csr_matrix(diags(1 / norm) @ counts @ diags(self.idf))

    @property
    def vocabulary(self) -> dict[str, int]:
        return dict(self.counter.vocabulary_)


def _fit(texts: Sequence[str], labels: np.ndarray, min_df: int, c: float) -> tuple[Any, Any]:
    weighting = Weighting(min_df)
    x = hstack([weighting.fit_transform(texts), _rules(texts)]).tocsr()
    model = LogisticRegression(class_weight="balanced", C=c, max_iter=5000)
    model.fit(x, labels)
    return weighting, model


def _predict(weighting: Weighting, model: Any, texts: Sequence[str]) -> np.ndarray:
    x = hstack([weighting.transform(texts), _rules(texts)]).tocsr()
    return np.asarray(model.predict_proba(x)[:, 1])


def _balanced_f1(labels: np.ndarray, predicted: np.ndarray) -> float:
    # All positives and the first as many negatives, as in split_heldout.
    positives = np.flatnonzero(labels == 1)
    negatives = np.flatnonzero(labels == 0)[: len(positives)]
    keep = np.concatenate([positives, negatives])
    return measure_f1(list(labels[keep] == 1), list(predicted[keep]))[0]


def _cross_validate(texts: Sequence[str], labels: np.ndarray, min_df: int, c: float) -> np.ndarray:
    """Out-of-fold probabilities for every training sentence."""
    scores = np.zeros(len(texts))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, test_idx in folds.split(np.zeros(len(texts)), labels):
        weighting, model = _fit([texts[i] for i in fit_idx], labels[fit_idx], min_df, c)
        scores[test_idx] = _predict(weighting, model, [texts[i] for i in test_idx])
    return scores


def _objective(labels: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    """Mean of natural and balanced F1: debates are a quarter claims, news articles far more."""
    predicted = scores >= threshold
    natural = measure_f1(list(labels == 1), list(predicted))[0]
    return (natural + _balanced_f1(labels, predicted)) / 2


def _select(texts: Sequence[str], labels: np.ndarray) -> tuple[int, float, float, float]:
    """Pick min_df, C and the cut with the best cross-validated objective.

    The objective is averaged over a window of neighbouring cuts, so the choice sits on a
    plateau rather than on a lucky spike of a few sentences.
    """
    best = (-1.0, 0, 0.0, 0.0)
    for min_df, c in itertools.product(MIN_DFS, CS):
        scores = _cross_validate(texts, labels, min_df, c)
        values = [_objective(labels, scores, t) for t in THRESHOLDS]
        for i, threshold in enumerate(THRESHOLDS):
            if i < WINDOW or i >= len(THRESHOLDS) - WINDOW:
                continue
            value = sum(values[i - WINDOW : i + WINDOW + 1]) / (2 * WINDOW + 1)
            print(f"  cv min_df={min_df} C={c} t={threshold:.2f}: {value:.4f}", file=sys.stderr)
            if value > best[0] + 1e-9:
                best = (value, min_df, c, threshold)
    value, min_df, c, threshold = best
    return min_df, c, threshold, value


def _num(value: float) -> str:
    return format(float(value), ".6g")


def _write_model(
    path: Path, header: dict[str, Any], vocabulary: dict[str, tuple[float, float]]
) -> None:
    # Pretty header, then one vocabulary entry per line so diffs between versions stay readable.
    head = json.dumps(header, indent=2, ensure_ascii=False)
    lines = ",\n".join(
        f"    {json.dumps(term, ensure_ascii=False)}: [{_num(idf)}, {_num(weight)}]"
        for term, (idf, weight) in sorted(vocabulary.items())
    )
    path.write_text(f'{head[:-2]},\n  "vocabulary": {{\n{lines}\n  }}\n}}\n', encoding="utf-8")


def _figures(labels: Sequence[bool], predicted: Sequence[bool]) -> Figures:
    f1, precision, recall = measure_f1(labels, predicted)
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}


def _evaluate(
    split: Split, reference: Callable[[Sequence[str]], np.ndarray], path: Path
) -> dict[str, dict[str, Figures]]:
    model = load_model(path)
    out: dict[str, dict[str, Figures]] = {}
    for name, part in (("balanced", split.balanced), ("natural", split.heldout)):
        texts = [s.text for s in part]
        labels = [s.label for s in part]
        results = [score_sentence(t, DEFAULT_THRESHOLD, model=model) for t in texts]
        out[name] = {
            "ours": _figures(labels, [r.kind is SegmentKind.CLAIM for r in results]),
            "ours_score_only": _figures(labels, [r.score >= DEFAULT_THRESHOLD for r in results]),
            "tfidf_lr_reference": _figures(labels, list(reference(texts) >= 0.5)),
            "rule_baseline": _figures(
                labels, [bool(RULE_BASELINE_REASONS.intersection(r.reasons)) for r in results]
            ),
            "all_positive": _figures(labels, [True] * len(labels)),
        }
    return out


def _reference(split: Split) -> Callable[[Sequence[str]], np.ndarray]:
    """The published reference: scikit-learn's own word 1-2-gram TF-IDF, balanced LR."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    x = vectorizer.fit_transform([s.text for s in split.train])
    model = LogisticRegression(class_weight="balanced", max_iter=5000)
    model.fit(x, [int(s.label) for s in split.train])
    return lambda texts: np.asarray(model.predict_proba(vectorizer.transform(texts))[:, 1])


def _parity(
    path: Path, weighting: Weighting, model: Any, shift: float, texts: Sequence[str]
) -> float:
    """Largest gap between scikit-learn's and the pure-Python runtime's probabilities."""
    runtime = load_model(path)
    expected = _predict(weighting, model, texts)
    gaps = []
    for text, p in zip(texts, expected, strict=True):
        z = math.log(p / (1 - p)) - shift
        want = 1 / (1 + math.exp(-z))
        gaps.append(abs(score_sentence(text, model=runtime).score - want))
    return max(gaps)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="ClaimBuster train.json")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="weights file to write")
    args = parser.parse_args(argv)

    try:
        sentences: list[LabelledSentence] = load_labelled(args.data)
    except ClaimsError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    split = split_heldout(sentences)
    texts = [s.text for s in split.train]
    labels = np.array([int(s.label) for s in split.train])
    print(
        f"{len(sentences)} sentences: train {len(split.train)}, held-out {len(split.heldout)} "
        f"(balanced {len(split.balanced)})",
        file=sys.stderr,
    )

    min_df, c, threshold, cv_value = _select(texts, labels)
    print(
        f"chosen: min_df={min_df} C={c} threshold={threshold} (cv {cv_value:.4f})", file=sys.stderr
    )
    weighting, model = _fit(texts, labels, min_df, c)

    coef = model.coef_[0]
    n_terms = len(weighting.vocabulary)
    idf = weighting.idf
    vocabulary = {term: (float(idf[i]), float(coef[i])) for term, i in weighting.vocabulary.items()}
    # Shift the bias so the tuned probability cut lands on DEFAULT_THRESHOLD.
    shift = math.log(threshold / (1 - threshold)) - math.log(
        DEFAULT_THRESHOLD / (1 - DEFAULT_THRESHOLD)
    )
    header: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "tokenizer": TOKENIZER_VERSION,
        "model": (
            "logistic regression, balanced class weights, on TF-IDF word 1-2-grams (term counts, "
            "smooth idf, row norm sqrt(sum count x idf^2)) plus rule features"
        ),
        "threshold": DEFAULT_THRESHOLD,
        "intercept": float(model.intercept_[0]) - shift,
        "rules": {name: float(coef[n_terms + i]) for i, name in enumerate(RULE_FEATURES)},
        "provenance": {
            "data": "ClaimBuster two-class train.json (utaresearch/claimbuster-spotter, 332bba0)",
            "licence": "GPL-3.0",
            "citation": (
                "Arslan, Hassan, Li and Tremayne, 'A Benchmark Dataset of Check-worthy Factual "
                "Claims', ICWSM 2020"
            ),
            "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
            "sentences": len(sentences),
            "trained_on": len(split.train),
            "heldout": (
                f"{HELDOUT_PERCENT}% of each class by sha256 of sentence_id "
                f"({len(split.heldout)} sentences; balanced {len(split.balanced)})"
            ),
            "selection": (
                f"{FOLDS}-fold cross-validation on the training part: min_df={min_df}, C={c}, "
                f"probability cut {threshold} (mean of natural and balanced F1, averaged over "
                f"cuts within {WINDOW / 100:.2f}: {cv_value:.4f})"
            ),
            "scikit_learn": sklearn.__version__,
            "terms": n_terms,
        },
    }
    _write_model(args.output, header, vocabulary)

    header["heldout"] = _evaluate(split, _reference(split), args.output)
    header["provenance"]["runtime_parity"] = float(
        _num(_parity(args.output, weighting, model, shift, [s.text for s in split.heldout]))
    )
    _write_model(args.output, header, vocabulary)

    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.2f} MB, {n_terms} terms)", file=sys.stderr)
    print(f"runtime parity: max |p_sklearn - p_runtime| = {header['provenance']['runtime_parity']}")
    print("| split | scorer | F1 | precision | recall |")
    print("|---|---|---|---|---|")
    for part, table in header["heldout"].items():
        for name, fig in table.items():
            cells = " | ".join(f"{fig[key]:.3f}" for key in ("f1", "precision", "recall"))
            print(f"| {part} | {name} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

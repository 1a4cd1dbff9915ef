"""Check-worthiness figures (stage ③): held-out F1 against the baselines, and scoring speed.

Uses only the runtime scorer (no scikit-learn). Run:

    .venv/bin/python benchmarks/bench_worthiness.py [PATH/TO/claimbuster/train.json]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.extract.worthiness import (  # noqa: E402
    DEFAULT_THRESHOLD,
    RULE_BASELINE_REASONS,
    LabelledSentence,
    load_labelled,
    load_model,
    measure_f1,
    score_sentence,
    split_heldout,
)
from factcheck.models import SegmentKind  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "claimbuster" / "train.json"
SEED = REPO / "examples" / "seed-article.txt"
# A rough split of the scraped seed article into sentences, glued ones included; good enough
# for timing news-length sentences.
_ROUGH_SENTENCES = re.compile(r"(?<=[.?!\u201d])\s*(?=[A-Z\u201c])")


def report_quality(sentences: Sequence[LabelledSentence]) -> None:
    """Positive-class F1, precision and recall on the held-out part, natural and balanced."""
    split = split_heldout(sentences)
    print(f"held-out: {len(split.heldout)} sentences, balanced {len(split.balanced)}")
    print(f"{'split':9} {'scorer':14} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name, part in (("balanced", split.balanced), ("natural", split.heldout)):
        labels = [s.label for s in part]
        results = [score_sentence(s.text) for s in part]
        rows: dict[str, list[bool]] = {
            "ours": [r.kind is SegmentKind.CLAIM for r in results],
            "rule baseline": [bool(RULE_BASELINE_REASONS.intersection(r.reasons)) for r in results],
            "all positive": [True] * len(part),
        }
        for scorer, predicted in rows.items():
            f1, precision, recall = measure_f1(labels, predicted)
            print(f"{name:9} {scorer:14} {f1:6.3f} {precision:6.3f} {recall:6.3f}")


def _time(texts: Sequence[str], score: Callable[[str], object], rounds: int = 5) -> float:
    # CPU time of this process, best of several rounds: other work on a shared machine should
    # not count against the scorer.
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for text in texts:
            score(text)
        best = min(best, time.process_time() - start)
    return best


def report_speed(label: str, texts: Sequence[str]) -> None:
    """Sentences per second and MB/s of sentence text on one core."""
    size = sum(len(text.encode("utf-8")) for text in texts)
    seconds = _time(texts, score_sentence)
    print(
        f"speed on {label}: {len(texts)} sentences, {size / 1e6:.2f} MB: "
        f"{len(texts) / seconds:,.0f} sentences/s, {size / 1e6 / seconds:.2f} MB/s"
    )


def main(argv: Sequence[str]) -> int:
    data = Path(argv[0]) if argv else DEFAULT_DATA
    started = time.perf_counter()
    model = load_model()
    print(f"model: {model.source} ({len(model.terms)} terms), loaded in ", end="")
    print(f"{(time.perf_counter() - started) * 1000:.0f} ms; threshold {DEFAULT_THRESHOLD}")
    if data.exists():
        sentences = load_labelled(data)
        report_quality(sentences)
        report_speed("ClaimBuster sentences", [s.text for s in sentences])
    else:
        print(f"{data} not found: skipping held-out figures")
    seed = [s for s in _ROUGH_SENTENCES.split(SEED.read_text(encoding="utf-8")) if s.strip()]
    report_speed("seed-article sentences x200", seed * 200)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

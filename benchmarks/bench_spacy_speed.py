"""Extraction speed against spaCy's small English pipeline, on the same news text, same process.

Issue 12 asks that attribution stay at least ten times faster than spaCy's `en_core_web_sm`.
That model's weights are published outside the package registry, so this benchmark builds a
pipeline of the same shape from spaCy's own `efficiency` config for English: a shared hash
embedding and a 96-wide, 4-deep CNN encoder, a tagger, a transition-based dependency parser and
an entity recogniser, with the label sets of the published model (Penn Treebank tags, ClearNLP
dependency labels, OntoNotes entity types) so the output layers have its size. The weights are
untrained; the amount of work per word, which is what is timed, does not depend on them. The
published model also runs an attribute ruler, a lemmatizer and a second encoder for the entity
recogniser, which this pipeline leaves out, so the ratio printed here understates the gap.

Both sides read PolNeAR's article texts (the dev split, or train with --split train). factcheck
runs its whole extraction (segmentation, worthiness, attribution, claims) on each article once
per run; spaCy runs `nlp.pipe` over the same texts. Medians of --runs runs; the first run of
each is included, so caches warmed by one article never make another one cheaper.

Run: .venv/bin/python benchmarks/bench_spacy_speed.py [--split dev] [--runs 3]
Needs spaCy (`pip install -e '.[bench]'`); skips with a message without it or without the data.
Target (issue 12): factcheck at least 10x faster than spaCy's small English pipeline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_DATA  # noqa: E402

TARGET_RATIO = 10.0
# The label sets of spaCy's English pipelines (from the published models' label schemes).
TAGS = (
    "$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP NNPS NNS "
    "PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB XX _SP ``"
)
DEPS = (
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj "
    "csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass "
    "nummod oprd parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl xcomp"
)
ENTITIES = (
    "CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON PRODUCT "
    "QUANTITY TIME WORK_OF_ART"
)


def small_pipeline() -> Any:
    """An untrained English pipeline of the small model's shape: tok2vec, tagger, parser, ner."""
    import spacy
    from spacy.cli.init_config import init_config

    config = init_config(
        lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency", gpu=False
    )
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    for tag in TAGS.split():
        nlp.get_pipe("tagger").add_label(tag)
    for dep in DEPS.split():
        nlp.get_pipe("parser").add_label(dep)
    for entity in ENTITIES.split():
        nlp.get_pipe("ner").add_label(entity)
    nlp.initialize()
    return nlp


Timing = tuple[float, float]  # median wall seconds, median processor seconds


def _median(timings: Sequence[Timing]) -> Timing:
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def time_factcheck(paths: Sequence[Path], runs: int) -> Timing:
    """Wall and processor seconds per run of factcheck's whole extraction of every article."""
    from factcheck.extract.pipeline import extract

    timings = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        for path in paths:
            extract(str(path))
        timings.append((time.perf_counter() - wall, time.process_time() - cpu))
    return _median(timings)


def time_spacy(nlp: Any, texts: Sequence[str], runs: int) -> tuple[Timing, int]:
    """Wall and processor seconds per run of the spaCy pipeline, and the number of tokens."""
    timings, tokens = [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
        timings.append((time.perf_counter() - wall, time.process_time() - cpu))
    return _median(timings), tokens


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA / "polnear" / "data")
    args = parser.parse_args(argv)
    folder = args.data / args.split / "text"
    if not folder.is_dir():
        print(f"PolNeAR not found at {folder}: skipped (see ../shared/data/README.md)")
        return 0
    try:
        nlp = small_pipeline()
    except ImportError:
        print("spaCy is not installed: skipped (pip install -e '.[bench]')")
        return 0
    paths = sorted(folder.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"PolNeAR {args.split}: {len(paths)} articles, {megabytes:.2f} MB")
    ours = time_factcheck(paths, args.runs)
    theirs, tokens = time_spacy(nlp, texts, args.runs)
    print(f"{'':<28} {'wall':>7} {'processor':>10} {'MB/s':>6} {'words/s':>8}  (processor time)")
    for name, (wall, cpu) in (("factcheck extract", ours), ("spaCy small-shaped", theirs)):
        print(f"{name:<28} {wall:6.2f}s {cpu:9.2f}s {megabytes / cpu:6.2f} {tokens / cpu:8,.0f}")
    print(f"(words are spaCy's {tokens:,} tokens)")
    ratio = theirs[1] / ours[1]
    mark = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(
        f"factcheck is {ratio:.1f}x as fast in processor time, {theirs[0] / ours[0]:.1f}x in "
        f"wall time (target at least {TARGET_RATIO:.0f}x: {mark})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

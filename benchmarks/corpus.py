"""Real, varied news text for the benchmarks, read from the shared data folder (never copied).

Two sources: the human-extracted bodies of the article-extraction benchmark's 181 pages, and
PolNeAR's 924 US election news articles (seven outlets). Every text is a different article, so
nothing a run memoises makes a later text cheaper.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the repository; a git worktree one folder deeper looks one level further up.
DEFAULT_DATA = next(
    (
        base / "shared" / "data"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data").is_dir()
    ),
    REPO.parent / "shared" / "data",
)


def news_texts(data: Path = DEFAULT_DATA) -> list[tuple[str, str]]:
    """(name, text) of every article, benchmark bodies first, then PolNeAR in path order."""
    texts: list[tuple[str, str]] = []
    truth = data / "article-extraction-benchmark" / "ground-truth.json"
    if truth.is_file():
        pages = json.loads(truth.read_text(encoding="utf-8"))
        texts.extend((f"aeb-{key[:12]}", pages[key]["articleBody"]) for key in sorted(pages))
    polnear = data / "polnear" / "data"
    for path in sorted(polnear.glob("*/text/*.txt")):
        texts.append((f"polnear-{path.stem}", path.read_text(encoding="utf-8")))
    return texts


def take(texts: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    """The first texts, in an order mixing both sources, adding up to about SIZE bytes."""
    aeb = [t for t in texts if t[0].startswith("aeb-")]
    other = [t for t in texts if not t[0].startswith("aeb-")]
    mixed = [t for pair in zip(other, aeb, strict=False) for t in pair]
    mixed += other[len(aeb) :] + aeb[len(other) :]
    chosen, total = [], 0
    for item in mixed:
        if total >= size:
            break
        chosen.append(item)
        total += len(item[1].encode())
    return chosen

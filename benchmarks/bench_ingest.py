"""Ingest figures: MB/s for read_source on a file of real news text in several encodings.

The file holds the shared data folder's articles one after another (``corpus.py``: about 5 MB of
different articles, CRLF line ends), repeated to the size asked for. Each figure is the median of
several runs of read_source, with the spread: reading, binary checks, encoding detection,
decoding, newline and NFC normalisation, sha256. read_source keeps no cache between runs.

Run: .venv/bin/python benchmarks/bench_ingest.py [--data DIR] [--size-mb 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import codecs
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import DEFAULT_DATA, news_texts

from factcheck.extract.ingest import read_source

PARAGRAPH = (
    "The council said on Tuesday that repairs to the Harbour Bridge would cost £48 million and "
    "close one lane for two years. “We cannot wait any longer,” the head of transport said.\r\n"
)
"""Used only when the shared data folder is absent."""

VARIANTS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "cp1252": lambda text: text.encode("cp1252", errors="replace"),
    "utf-16 le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 le, no BOM": lambda text: text.encode("utf-16-le"),
    "utf-8, NFD accents": lambda text: text.replace("£", "e\u0301").encode("utf-8"),
}


def time_read(path: Path, repeat: int) -> list[float]:
    """Wall-clock seconds of REPEAT reads of PATH."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_source(str(path))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20.0, help="text size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median kept)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args()

    articles = "\r\n\r\n".join(t.replace("\n", "\r\n") for _, t in news_texts(args.data))
    source = articles or PARAGRAPH
    size = int(args.size_mb * 1_000_000)
    text = source * (size // len(source.encode()) + 1)
    text = text[:size]
    kind = "real news articles" if articles else "one repeated paragraph (no shared data)"
    print(f"read_source on {args.size_mb:g} MB of {kind} (median of {args.repeat}, spread):")
    with tempfile.TemporaryDirectory() as folder:
        for label, encode in VARIANTS.items():
            data = encode(text)
            path = Path(folder) / "article.txt"
            path.write_bytes(data)
            times = time_read(path, args.repeat)
            seconds = statistics.median(times)
            size_mb = len(data) / 1_000_000
            rate = size_mb / seconds
            print(
                f"  {label:<20} {size_mb:6.1f} MB  {seconds * 1000:7.0f} ms "
                f"({min(times) * 1000:.0f}-{max(times) * 1000:.0f})  {rate:7.0f} MB/s"
            )


if __name__ == "__main__":
    main()

"""Ingest figures: MB/s for read_source on a 20 MB article file in several encodings.

Each figure is the best of a few runs of read_source on a file written to a temporary folder:
reading, binary checks, encoding detection, decoding, newline and NFC normalisation, sha256.

Run: .venv/bin/python benchmarks/bench_ingest.py [--size-mb 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import codecs
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from factcheck.extract.ingest import read_source

PARAGRAPH = (
    "The council said on Tuesday that repairs to the Harbour Bridge would cost £48 million and "
    "close one lane for two years. “We cannot wait any longer,” the head of transport said.\r\n"
)

VARIANTS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "cp1252": lambda text: text.encode("cp1252"),
    "utf-16 le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 le, no BOM": lambda text: text.encode("utf-16-le"),
    "utf-8, NFD accents": lambda text: text.replace("£", "e\u0301").encode("utf-8"),
}


def time_read(path: Path, repeat: int) -> float:
    """Best wall-clock seconds of REPEAT reads of PATH."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        read_source(str(path))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20.0, help="text size in MB (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept")
    args = parser.parse_args()

    text = PARAGRAPH * int(args.size_mb * 1_000_000 / len(PARAGRAPH.encode()))
    print(f"read_source on a {args.size_mb:g} MB article (best of {args.repeat}):")
    with tempfile.TemporaryDirectory() as folder:
        for label, encode in VARIANTS.items():
            data = encode(text)
            path = Path(folder) / "article.txt"
            path.write_bytes(data)
            seconds = time_read(path, args.repeat)
            size_mb = len(data) / 1_000_000
            rate = size_mb / seconds
            print(f"  {label:<20} {size_mb:6.1f} MB  {seconds * 1000:7.0f} ms  {rate:7.0f} MB/s")


if __name__ == "__main__":
    main()

"""Extract every article of the benchmark corpus with ``extract --all --format jsonl`` into one
file, so two versions of the package can be compared byte for byte (a speed-up must not change
any segment, attribution or claim).

The articles are those of ``benchmarks/corpus.py``, read from ``../shared/data`` and written to a
temporary folder; the output has one line per article, in the corpus order.

Run: .venv/bin/python tools/extract_corpus.py OUT.jsonl [--articles N] [--jobs 2]
then compare with ``cmp`` against the file another version wrote.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import DEFAULT_DATA, news_texts  # noqa: E402

FACTCHECK = Path(sys.executable).parent / "factcheck"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the JSON Lines file to write")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1, help="parallel processes")
    args = parser.parse_args()
    texts = news_texts(args.data)[: args.articles]
    if not texts:
        sys.exit(f"no articles under {args.data} (see ../shared/data/README.md)")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in texts:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        command = [str(FACTCHECK), "extract", "--all", "--format", "jsonl"]
        done = subprocess.run(
            [*command, "--jobs", str(args.jobs), *paths], check=True, capture_output=True
        )
    # The temporary folder's name changes from run to run: sources are named without it.
    args.out.write_bytes(done.stdout.replace(tmp.encode() + b"/", b""))
    print(f"{len(paths)} articles extracted into {args.out}")


if __name__ == "__main__":
    main()

"""Rebuild the shipped rating set from the public data it comes from.

    python tools/build_rating_data.py      # reads ../shared/data/domain-quality/domain_pc1.csv

Writes factcheck/sources/ratings/lin2023.tsv (the ratings, sorted for binary search, with the
citation in its header) and lin2023.names (each site's own name, for matching names to domains).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.sources.ratings import SHIPPED_DIR, read_rating_file, write_set  # noqa: E402

SOURCE = next(
    (
        base / "shared" / "data" / "domain-quality" / "domain_pc1.csv"
        for base in (ROOT.parent, ROOT.parent.parent)  # beside the repository or its worktree
        if (base / "shared" / "data").is_dir()
    ),
    ROOT.parent / "shared" / "data" / "domain-quality" / "domain_pc1.csv",
)
META = {
    "name": "lin2023",
    "title": "News-domain quality (Lin et al. 2023)",
    "citation": (
        "Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., & Pennycook, G. "
        "(2023). High level of correspondence across different news domain quality rating sets. "
        "PNAS Nexus, 2(9), pgad286. https://doi.org/10.1093/pnasnexus/pgad286"
    ),
    "about": (
        "pc1 is the first principal component of six expert rating sets, from 0 (lowest "
        "quality) to 1 (highest)"
    ),
    "source": (
        "https://github.com/hauselin/domain-quality-ratings at commit 5671d57, file "
        "domain_pc1.csv (figures rounded to 4 decimals)"
    ),
    "terms": "the authors invite reuse with citation; the paper is CC BY 4.0",
}


def rounded(value: str) -> str:
    return f"{float(value):.4f}".rstrip("0").rstrip(".") or "0"


def main() -> int:
    if not SOURCE.is_file():
        print(f"skipped: {SOURCE} is absent")
        return 0
    columns, table = read_rating_file(SOURCE)
    table = {domain: [rounded(values[0])] for domain, values in table.items()}
    found = write_set(SHIPPED_DIR / "lin2023.tsv", columns, table, META)
    print(f"wrote {found.path}: {len(found):,} domains")
    return 0


if __name__ == "__main__":
    sys.exit(main())

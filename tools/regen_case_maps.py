"""Rewrite the story maps' reference files after an intended change, and list them.

    .venv/bin/python tools/regen_case_maps.py

The tests only ever compare with these files; review the diff (`git diff tests/fixtures/case/maps`)
before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "case"))

from map_fixtures import REFERENCES, write_references


def main() -> int:
    changed = write_references()
    for name in REFERENCES:
        print(f"{'rewritten' if name in changed else 'unchanged'}  tests/fixtures/case/maps/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

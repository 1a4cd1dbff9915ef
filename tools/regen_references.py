"""Rewrite the renderers' reference files after an intended change to a report, and list them.

    .venv/bin/python tools/regen_references.py

The tests only ever compare with these files; review the diff (`git diff tests/fixtures/report`)
before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from report_fixtures import REFERENCES, write_references


def main() -> int:
    changed = write_references()
    for name in REFERENCES:
        print(f"{'rewritten' if name in changed else 'unchanged'}  tests/fixtures/report/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

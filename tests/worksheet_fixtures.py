"""The review checklist and the evacuation worksheet the worksheet tests share, and a change
recorded by one reviewer at one fixed time."""

from __future__ import annotations

from pathlib import Path

from factcheck.review.worksheet import Action, Change, Worksheet, make_change

FIXTURES = Path(__file__).parent / "fixtures"
CHECKLIST = FIXTURES / "review" / "checklist.yaml"
EVACUATION = FIXTURES / "review" / "evacuation.worksheet.yaml"
AT = "2024-03-02T09:05:00Z"


def change(ws: Worksheet, claim: str, action: Action, **details: object) -> Change:
    return make_change(ws, claim, action, reviewer="ana", now=lambda: AT, **details)  # type: ignore[arg-type]

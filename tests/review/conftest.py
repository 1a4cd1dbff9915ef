"""Fixtures of the worksheet tests: the review checklist and the evacuation worksheet."""

from __future__ import annotations

import pytest
from worksheet_fixtures import CHECKLIST, EVACUATION

from factcheck.checklist.load import Checklist, load_checklist
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet import Worksheet


@pytest.fixture
def checklist() -> Checklist:
    return load_checklist(CHECKLIST)


@pytest.fixture
def worksheet(checklist: Checklist) -> Worksheet:
    return load_worksheet(EVACUATION, checklist)

"""The story-map fixtures: the seed case (the bundled article and four other reports of the same
interview) and the reference files its maps are compared with.

Tests compare; only ``python tools/regen_case_maps.py`` rewrites the reference files, after an
intended change.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from factcheck.case.findings import CaseFindings
from factcheck.case.graph import StoryMap
from factcheck.case.matching import match_claims
from factcheck.case.store import Case, add_to_case, load_case
from factcheck.case.storymap import case_map, claim_map
from factcheck.render.diagram import (
    render_dot,
    render_json,
    render_mermaid,
    render_text,
    story_markdown,
)
from factcheck.render.markdown import escape_markdown
from factcheck.sources.registry import Registry, load_registry

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "case"
MAPS = FIXTURES / "maps"
SEED = REPO / "examples" / "seed-article.txt"
JOINT_ROOM = "The editor-in-chief of the Lebanese daily Al-Akhbar"
"""The seed article's claim that the interview is about: the joint operations room."""


@cache
def registry() -> Registry:
    return load_registry((FIXTURES / "sources.yaml",))


@cache
def seed_case() -> Case:
    """The seed case, in a folder named 'joint-room' (the name is in the map's title)."""
    folder = Path(tempfile.mkdtemp(prefix="factcheck-maps-")) / "joint-room"
    sources = [SEED, *sorted((FIXTURES / "interview").glob("*.txt"))]
    add_to_case(folder, [str(path) for path in sources], registry=registry())
    case = load_case(folder, registry())
    shutil.rmtree(folder.parent, ignore_errors=True)
    return case


@cache
def seed_findings() -> CaseFindings:
    case = seed_case()
    return match_claims(case, case.articles[0].extraction, registry())


def seed_case_map() -> StoryMap:
    return case_map(seed_case(), registry())


def joint_room_map() -> StoryMap:
    findings = seed_findings()
    found = next(c for c in findings.claims if c.claim.text.startswith(JOINT_ROOM))
    return claim_map(findings, found)


REFERENCES: dict[str, Callable[[], str]] = {
    "joint-room.mmd": lambda: render_mermaid(seed_case_map()),
    "joint-room.dot": lambda: render_dot(seed_case_map()),
    "joint-room.json": lambda: render_json(seed_case_map()),
    "joint-room.txt": lambda: render_text(seed_case_map()),
    "joint-room-c3.md": lambda: "\n".join(story_markdown(joint_room_map(), escape_markdown)) + "\n",
}
"""Every reference file of the story maps and what produces it."""


def check_reference(name: str) -> None:
    """Compare a map's output with its committed reference file, byte for byte."""
    assert REFERENCES[name]() == (MAPS / name).read_bytes().decode("utf-8")


def write_references() -> list[str]:
    """Rewrite every reference file; the names of those that changed."""
    MAPS.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, produce in REFERENCES.items():
        path = MAPS / name
        text = produce()
        if not path.exists() or path.read_bytes().decode("utf-8") != text:
            path.write_bytes(text.encode("utf-8"))
            changed.append(name)
    return changed

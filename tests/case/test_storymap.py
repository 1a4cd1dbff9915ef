"""Tests for story maps: the seed case's one root, a claim's map, whole outputs, and speed-free
structure checks on other cases."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from map_fixtures import (
    FIXTURES,
    REFERENCES,
    check_reference,
    joint_room_map,
    seed_case,
    seed_case_map,
)

from factcheck.case.graph import NodeKind, StoryMap, chain_map
from factcheck.case.matching import match_claims
from factcheck.case.store import add_to_case, load_case
from factcheck.case.storymap import case_map, claim_map


def reachable(story: StoryMap, start: str) -> set[str]:
    out: dict[str, list[str]] = defaultdict(list)
    for edge in story.edges:
        out[edge.source].append(edge.target)
    seen, frontier = {start}, [start]
    while frontier:
        for target in out[frontier.pop()]:
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def test_the_seed_case_has_one_root_and_every_report_depends_on_it() -> None:
    story = seed_case_map()
    assert [root.label for root in story.roots] == ["Ibrahim al-Amin"]
    outlets = {n.id for n in story.nodes if n.kind is NodeKind.OUTLET}
    assert len(outlets) == len(seed_case().articles) == 5
    assert outlets <= reachable(story, story.roots[0].id)
    assert [(g.label, len(g.nodes)) for g in story.groups] == [
        ("Chain 1: traces back to Ibrahim al-Amin (5 outlets)", 7)
    ]


def test_the_joint_room_claim_map_has_one_root_and_no_independent_chain() -> None:
    story = joint_room_map()
    assert [root.label for root in story.roots] == ["Ibrahim al-Amin"]
    outlets = [n for n in story.nodes if n.kind is NodeKind.OUTLET]
    assert [n.note for n in outlets] == [
        "this article",
        "agrees",
        "agrees",
        "adds detail",
        "agrees",
    ]
    assert {n.id for n in outlets} <= reachable(story, story.roots[0].id)
    assert [g.independent for g in story.groups] == [False]


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_story_maps_match_their_reference_files(name: str) -> None:
    check_reference(name)


def test_an_independent_chain_is_its_own_group(tmp_path: Path) -> None:
    folder = tmp_path / "fire"
    add_to_case(folder, [str(p) for p in sorted((FIXTURES / "fire").glob("*.txt"))])
    case = load_case(folder)
    wire = next(a for a in case.articles if a.outlet == "Continental Press Agency")
    findings = match_claims(case, wire.extraction)
    toll = next(c for c in findings.claims if "killed 23 workers" in c.claim.text)
    story = claim_map(findings, toll)
    groups = [(g.label, g.independent) for g in story.groups]
    assert groups[0] == ("The claim's own chain: traces back to Samuel Okoro (2 reports)", False)
    assert groups[1:] == [
        ("Independent chain: traces back to hospital official (1 report)", True),
        ("Independent chain: traces back to Paul Nnamdi, via Observer (1 report)", True),
    ]
    notes = {n.label: n.note for n in story.nodes if n.kind is NodeKind.OUTLET}
    assert notes["Radio Brenn"].startswith("conflicts: number: 23 here")


def test_copies_of_one_wire_report_form_one_chain(tmp_path: Path) -> None:
    folder = tmp_path / "blast"
    add_to_case(folder, [str(p) for p in sorted((FIXTURES / "propagation").glob("*.txt"))])
    story = case_map(load_case(folder))
    chain = story.groups[0]
    labels = {story.node(n).label for n in chain.nodes}
    assert {"Meridian Wire", "Evening Post", "Northern Ledger"} <= labels
    # The content farm names no source and cites nobody: it is shown apart, never as a chain
    # of its own that confirms anything.
    assert [(g.label, g.independent) for g in story.groups[1:]] == [
        ("Not linked to any other outlet", True)
    ]
    edges = {
        (story.node(e.source).label, str(e.kind), story.node(e.target).label) for e in story.edges
    }
    assert ("Meridian Wire", "cites", "Northern Ledger") in edges
    assert ("Meridian Wire", "cites", "Evening Post") in edges


def test_a_chain_map_runs_from_the_speaker_to_the_publisher() -> None:
    story = chain_map(("Outlet", "Agency", "Speaker"))
    assert [(story.node(e.source).label, story.node(e.target).label) for e in story.edges] == [
        ("Speaker", "Agency"),
        ("Agency", "Outlet"),
    ]
    assert [n.label for n in story.roots] == ["Speaker"]

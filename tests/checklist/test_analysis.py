"""Tests for the proof's work budget: an over-complex checklist is refused early, a real one not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.checklist import model
from factcheck.checklist.analysis import _Search, analyse_checklist
from factcheck.checklist.load import builtin_names, load_checklist
from factcheck.checklist.validate import validate_checklist
from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]


def hostile(questions: int, answers: int = 4) -> str:
    """A checklist whose every answer keeps a different set of rules undecided: the number of
    distinct states grows as answers**questions, and each carries about a hundred rules."""
    choices = ", ".join(f"a{j}" for j in range(answers))
    last = f"q{questions - 1}"
    lines = [
        "id: hostile",
        "name: Hostile",
        "version: 1",
        "scale:",
        "  - {id: ok, label: OK}",
        "  - {id: bad, label: Bad}",
        "questions:",
        *(
            f"  - {{id: q{i}, ask: Q{i}?, kind: finding, answers: [{choices}], required: true}}"
            for i in range(questions)
        ),
        "verdicts:",
    ]
    for i in range(questions - 1):
        for j in range(answers - 1):
            lines.append(
                f"  - {{when: q{i} == a{j} and {last} == a{(i + j) % answers}, verdict: bad}}"
            )
    lines.append("  - default: ok")
    return "\n".join(lines) + "\n"


@pytest.fixture
def explored(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the search states worked out; fails the test past 2,000 instead of running on."""
    count = [0]
    compute = _Search.compute

    def counted(self: _Search, step: int, state: object) -> tuple[int, ...]:
        count[0] += 1
        if count[0] > 2_000:
            pytest.fail("explored 2,000 states of a hostile checklist without refusing it")
        return compute(self, step, state)  # type: ignore[arg-type]

    monkeypatch.setattr(_Search, "compute", counted)
    yield count


def test_refusal_counts_the_work_of_each_state_not_only_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, explored: list[int]
) -> None:
    # States carrying ~100 rules each: a budget of 500,000 steps is spent in well under 2,000.
    monkeypatch.setattr(model, "MAX_WORK", 500_000, raising=False)
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile(40), encoding="utf-8")
    result = validate_checklist(path)
    assert not result.ok
    assert result.analysis is None
    [problem] = result.problems
    assert problem.message.startswith(
        "cannot prove: more than 500,000 steps of work to check (after "
    )
    assert problem.message.endswith(" search states); split the rules or use fewer answers")
    assert explored[0] < 1_000


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_checklists_need_a_small_share_of_the_budget(name: str) -> None:
    analysis = analyse_checklist(load_checklist(name))
    assert 0 < analysis.work * 1_000 < model.MAX_WORK


def test_validate_command_refuses_a_hostile_checklist_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, explored: list[int]
) -> None:
    monkeypatch.setattr(model, "MAX_WORK", 200_000, raising=False)
    (tmp_path / "hostile.yaml").write_text(hostile(40), encoding="utf-8")
    result = run_cli("checklist", "validate", "hostile.yaml", cwd=tmp_path)
    assert result.returncode == 1
    first, summary = result.stdout.splitlines()
    assert first.startswith("hostile.yaml: cannot prove: more than 200,000 steps of work")
    assert first.endswith("split the rules or use fewer answers")
    assert summary == "hostile.yaml: 1 error"
    assert "Traceback" not in result.stdout + result.stderr
    assert explored[0] < 1_000

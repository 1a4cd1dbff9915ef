"""Tests for checklist loading, the built-in checklists and the validator's enumeration."""

from __future__ import annotations

import contextlib
import itertools
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checklist import model as checklist_model
from factcheck.checklist.analysis import analyse_checklist
from factcheck.checklist.expr import Value
from factcheck.checklist.facts import FACTS
from factcheck.checklist.load import (
    AnswerType,
    Checklist,
    ChecklistLoadError,
    QuestionKind,
    Severity,
    builtin_dir,
    builtin_names,
    list_checklists,
    load_checklist,
    locate_checklist,
    parse_checklist,
)
from factcheck.checklist.validate import validate_checklist
from factcheck.errors import ChecklistError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "checklists"
REPO = Path(__file__).resolve().parents[2]

# One fixture per fault, with every message `validate` prints for it, exactly.
FAULTS = {
    "answers-not-a-list": [
        "answers-not-a-list.yaml:9: questions[0].answers: expected a list of strings, or one of "
        "yes-no, yes-no-unclear, scale, text, url, got 'yes'"
    ],
    "bad-grade": [
        "bad-grade.yaml:15: grade.source[1].letter: expected one of A, B, C, D, E, F, got 'G'"
    ],
    "bad-version": ["bad-version.yaml:3: version: expected a whole number of 1 or more, got 'one'"],
    "bad-yaml": [
        "bad-yaml.yaml:6: invalid YAML: did not find expected ',' or '}' "
        "(while parsing a flow mapping)"
    ],
    "bare-answer-as-condition": [
        "bare-answer-as-condition.yaml:12: verdicts[0].when: expected true or false, got "
        "primary_source (one of yes, no); compare it, for example primary_source == yes (column 1)"
    ],
    "cyclic-reference": [
        "cyclic-reference.yaml:10: questions[0].when: 'primary_source' refers to itself; a "
        "question's when can only use answers to earlier questions (column 1)"
    ],
    "duplicate-key": ["duplicate-key.yaml:10: questions[0]: duplicate key 'ask' (first at line 8)"],
    "duplicate-question": [
        "duplicate-question.yaml:10: questions[1].id: duplicate question id 'primary_source' "
        "(first at line 7)"
    ],
    "empty": [
        "empty.yaml:1: expected a mapping with id, name, version, scale, questions, verdicts; "
        "the file is empty"
    ],
    "expression-syntax": [
        "expression-syntax.yaml:12: verdicts[0].when: expected a name, a value or '(', got end "
        "of text (column 26)"
    ],
    "forward-reference": [
        "forward-reference.yaml:10: questions[0].when: 'corroborated' is asked later "
        "(questions[1]); a question's when can only use answers to earlier questions (column 1)"
    ],
    "impossible-rule": [
        "impossible-rule.yaml:5: scale[0]: warning: no rule ever gives 'ok'",
        "impossible-rule.yaml:18: verdicts[0]: rule can never fire: 'primary_source == yes and "
        "corroborated == yes' never holds for any answers that can be given",
    ],
    "missing-default": [
        "missing-default.yaml:14: verdicts: the last rule must be a default "
        "(for example '- default: bad')"
    ],
    "missing-key": ["missing-key.yaml:7: questions[0]: missing key 'ask'"],
    "never-asked": [
        "never-asked.yaml:12: questions[1]: question 'corroborated' is never asked: its when "
        "(primary_source == yes and primary_source == no) never holds"
    ],
    "not-an-answer": [
        "not-an-answer.yaml:12: verdicts[0].when: 'maybe' is not one of yes, no (column 16)"
    ],
    "prefill-reads-answer": [
        "prefill-reads-answer.yaml:13: questions[1].prefill: prefill can use only claim and "
        "source facts, not the answer to 'primary_source' (column 1)"
    ],
    "prefilled-finding": [
        "prefilled-finding.yaml:11: questions[0].prefill: a finding of the reviewer's research "
        "is never prefilled; use 'offer' for evidence from a case or known fact-checks, or mark "
        "the question 'kind: article'"
    ],
    "prefill-wrong-type": [
        "prefill-wrong-type.yaml:10: questions[0].prefill: a true/false prefill needs the "
        "answers yes and no"
    ],
    "python-tag": [
        "python-tag.yaml:8: questions[0].ask: tag '!!python/object/apply:os.system' is not "
        "allowed: only plain YAML values are"
    ],
    "rule-after-default": [
        "rule-after-default.yaml:13: verdicts[1]: a rule after the default can never be used; "
        "the default must come last"
    ],
    "scale-out-of-range": [
        "scale-out-of-range.yaml:12: verdicts[0].when: 7 is outside the range of accuracy "
        "(a whole number from 1 to 5) (column 10)"
    ],
    "type-mismatch": [
        "type-mismatch.yaml:12: verdicts[0].when: cannot compare chain.hops (a whole number, 0 or "
        "more) with primary_source (one of yes, no) (column 12)"
    ],
    "unknown-fact": [
        "unknown-fact.yaml:11: questions[0].prefill: unknown fact 'chain.hop' "
        "(did you mean 'chain.hops'?) (column 1)"
    ],
    "unknown-key": [
        "unknown-key.yaml:12: questions[1]: unknown key 'ansers' "
        "(expected one of: id, ask, help, kind, internal, answers, ordered, required, when, "
        "prefill, offer)"
    ],
    "unknown-name": [
        "unknown-name.yaml:12: verdicts[0].when: unknown name 'primary_sorce' "
        "(did you mean 'primary_source'?) (column 1)"
    ],
    "unreachable-rule": [
        "unreachable-rule.yaml:6: scale[1]: warning: no rule ever gives 'unsure'",
        "unreachable-rule.yaml:20: verdicts[1]: rule can never fire: every combination where "
        "'primary_source == yes and corroborated == yes' holds is decided by an earlier rule",
    ],
    "verdict-not-on-scale": [
        "verdict-not-on-scale.yaml:13: verdicts[0].verdict: 'true' is not on the scale "
        "(expected one of: supported, unproven)"
    ],
}

MINIMAL = """\
id: minimal
name: Minimal
version: 1
scale:
  - {id: ok, label: OK}
  - {id: bad, label: Bad}
questions:
%s
verdicts:
%s
"""


def parse(text: str, name: str = "test.yaml") -> Checklist:
    return parse_checklist(text.encode(), Path(name))


def minimal(questions: str, verdicts: str = "  - default: ok") -> str:
    return MINIMAL % (questions, verdicts)


def load_problems(text: str) -> list[str]:
    with pytest.raises(ChecklistLoadError) as caught:
        parse(text)
    return [str(problem) for problem in caught.value.problems]


# --- fixtures and built-ins ---------------------------------------------------------------------


def test_every_fault_fixture_has_its_expected_messages() -> None:
    assert sorted(path.stem for path in FIXTURES.glob("*.yaml")) == sorted(FAULTS)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_fixture_gives_its_exact_messages(
    fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    result = validate_checklist(f"{fault}.yaml")
    assert [str(problem) for problem in result.problems] == FAULTS[fault]
    assert not result.ok


def test_a_prefill_or_offer_case_that_never_gives_its_answer_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Validate said OK without a word: the second case of each can never be the one that holds.
    questions = (
        "  - id: hops\n"
        "    ask: How many hops?\n"
        "    kind: article\n"
        "    answers: [none, some, many]\n"
        "    prefill:\n"
        "      - {when: chain.hops <= 1, answer: none}\n"
        "      - {when: chain.hops == 0, answer: some}\n"
        "      - {when: chain.hops > 1 and chain.hops < 2, answer: some}\n"
        "      - default: many\n"
        "  - id: seen\n"
        "    ask: Confirmed elsewhere?\n"
        "    kind: finding\n"
        "    answers: yes-no\n"
        "    offer:\n"
        "      - {when: case.matches >= 0, answer: 'yes'}\n"
        "      - {when: factchecks.match, answer: 'no'}"
    )
    monkeypatch.chdir(tmp_path)
    rules = "  - {when: hops == none, verdict: bad}\n  - default: ok"
    Path("cases.yaml").write_text(minimal(questions, rules), encoding="utf-8")
    result = validate_checklist("cases.yaml")
    tail = "warning: this case never gives its answer: its when never holds, or an earlier case "
    assert [str(problem) for problem in result.problems] == [
        f"cases.yaml:8: questions[0].prefill[1]: {tail}always holds first",
        f"cases.yaml:8: questions[0].prefill[2]: {tail}always holds first",
        f"cases.yaml:17: questions[1].offer[1]: {tail}always holds first",
    ]
    assert result.ok


@pytest.mark.parametrize("name", ["quick", "sift", "admiralty", "craap"])
def test_builtin_checklist_validates_cleanly(name: str) -> None:
    result = validate_checklist(name)
    assert result.problems == ()
    assert result.ok and result.checklist is not None and result.analysis is not None
    assert result.checklist.id == name
    assert result.checklist.path == builtin_dir() / f"{name}.yaml"


def test_builtin_combination_counts() -> None:
    counts = {c.id: analyse_checklist(c).combinations for c in list_checklists()}
    # quick: (3 + 2) primary/original x 3 corroborated x 3 partisan x 4 hops x 2 hedged
    # sift: 3 stop x (3 + 2) investigate x 4 coverage x (3 + 1) trace
    # craap: 5^5 ratings x (link or none); admiralty: 6 letters x (1 + 1 + 4) credibility paths
    assert counts == {"quick": 360, "sift": 240, "craap": 6250, "admiralty": 36}


def test_list_checklists_gives_the_four_builtins_in_id_order() -> None:
    assert [c.id for c in list_checklists()] == ["admiralty", "craap", "quick", "sift"]
    assert builtin_names() == ["admiralty", "craap", "quick", "sift"]


@pytest.mark.parametrize("checklist", list_checklists(), ids=lambda c: c.id)
def test_builtin_help_explains_every_answer(checklist: Checklist) -> None:
    for question in checklist.questions:
        assert question.help, question.id
        assert question.ask.endswith(("?", ")", "(optional).")), question.id
        help_text = question.help.lower()
        words = set(re.findall(r"[\w]+", question.help))
        if question.type is AnswerType.CHOICE:
            missing = [
                choice
                for choice in question.choices
                if choice not in words and question.label_for(choice).lower() not in help_text
            ]
            assert not missing, f"{checklist.id}.{question.id} help never mentions {missing}"
        if question.type is AnswerType.SCALE:
            assert {"1", "5"} <= words | set(re.findall(r"\d", question.ask)), question.id


def test_builtin_scale_levels_have_description_and_colour() -> None:
    for checklist in list_checklists():
        for level in checklist.scale:
            assert level.description and level.colour, (checklist.id, level.id)
        for rule in checklist.rules:
            assert rule.reason, (checklist.id, rule.source)


def test_admiralty_grades_every_letter_and_digit() -> None:
    checklist = load_checklist("admiralty")
    assert checklist.grade is not None
    assert [rule.value for rule in checklist.grade.source] == list("ABCDEF")
    assert sorted(rule.value for rule in checklist.grade.credibility) == list("123456")


# --- loading ------------------------------------------------------------------------------------


def test_load_by_name_and_by_path_give_the_same_checklist() -> None:
    by_name = load_checklist("quick")
    by_path = load_checklist(REPO / "checklists" / "quick.yaml")
    assert by_name == by_path
    assert len(by_name.sha256) == 64


def test_question_model_from_yaml() -> None:
    quick = load_checklist("quick")
    hops = quick.question("hops")
    assert hops.type is AnswerType.CHOICE
    assert hops.choices == ("first_hand", "one", "two", "three_or_more")
    assert hops.labels == ("First-hand", "One step", "Two steps", "Three or more")
    assert hops.label_for("two") == "Two steps"
    assert hops.required and hops.when is None
    assert hops.prefill is not None
    assert hops.prefill.source == (
        "nothing if not attribution.speaker_known; first_hand if chain.hops == 0; "
        "one if chain.hops == 1; two if chain.hops == 2; else three_or_more"
    )
    assert hops.kind is QuestionKind.ARTICLE
    assert quick.question("primary_source").kind is QuestionKind.FINDING
    assert quick.question("primary_source").prefill is None
    original = quick.question("original_matches")
    assert original.when is not None and original.when.source == "primary_source == yes"
    assert quick.question("primary_source").label_for("yes") == "yes"
    assert quick.rules[-1].when is None and quick.rules[-1].source == "default"
    assert quick.level("false").label == "False"


def test_an_ordered_choice_question_keeps_its_order() -> None:
    checklist = parse(
        minimal(
            "  - {id: q, ask: Q?, answers: [low, mid, high], ordered: true}\n"
            "  - {id: r, ask: R?, answers: [a, b], ordered: false}\n"
            "  - {id: s, ask: S?, answers: yes-no}"
        )
    )
    assert [(q.id, q.choices, q.ordered) for q in checklist.questions] == [
        ("q", ("low", "mid", "high"), True),
        ("r", ("a", "b"), False),
        ("s", ("yes", "no"), False),
    ]


def test_unknown_builtin_name_lists_the_builtins() -> None:
    with pytest.raises(ChecklistError) as caught:
        load_checklist("quik")
    assert str(caught.value) == (
        "unknown checklist 'quik' (built-in: admiralty, craap, quick, sift); "
        "give a path to use your own YAML file"
    )


def test_missing_file_folder_and_binary_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match=r"nothing\.yaml: no such file$"):
        load_checklist(tmp_path / "nothing.yaml")
    with pytest.raises(ChecklistError, match=r": is a folder, expected a YAML file$"):
        load_checklist(tmp_path)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"id: x\n\xff\xfe")
    with pytest.raises(ChecklistError, match=r"binary\.yaml: not UTF-8 text \(byte 6\)$"):
        load_checklist(binary)


def test_locate_prefers_builtins_for_plain_names(tmp_path: Path) -> None:
    assert locate_checklist("sift") == builtin_dir() / "sift.yaml"
    assert locate_checklist(str(tmp_path / "x.yaml")) == tmp_path / "x.yaml"


def test_load_error_names_the_first_problem_and_counts_the_rest() -> None:
    text = minimal("  - {id: q, ask: Q?, answers: yes-no, colour: red, size: 3}")
    with pytest.raises(ChecklistLoadError) as caught:
        parse(text)
    assert str(caught.value) == (
        "test.yaml:8: questions[0]: unknown key 'colour' (expected one of: id, ask, help, "
        "kind, internal, answers, ordered, required, when, prefill, offer) (and 1 more problem)"
    )


@pytest.mark.parametrize(
    ("questions", "verdicts", "message"),
    [
        (
            "  - {id: Q1, ask: Q?, answers: yes-no}",
            "  - default: ok",
            "test.yaml:8: questions[0].id: expected a question id of ASCII lower-case letters, "
            "digits and '_', starting with a letter, got 'Q1'",
        ),
        (
            "  - {id: and, ask: Q?, answers: yes-no}",
            "  - default: ok",
            "test.yaml:8: questions[0].id: 'and' is a word of the expression language; "
            "pick another id",
        ),
        (
            "  - {id: q, ask: '  ', answers: yes-no}",
            "  - default: ok",
            "test.yaml:8: questions[0].ask: expected text, got an empty string",
        ),
        (
            "  - {id: q, ask: Q?, answers: [only]}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers: expected a list of at least two answers, "
            "got a list",
        ),
        (
            # A review gives only nine answers: rules reading a tenth could never fire.
            "  - {id: q, ask: Q?, answers: [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9]}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers: expected at most 9 answers (a review answers each "
            "with one key, 1 to 9), got 10",
        ),
        (
            "  - {id: q, ask: Q?, answers: [a, b, a]}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers[2]: duplicate answer 'a' (first at line 8)",
        ),
        (
            # The message named a prefill, which the question does not have.
            "  - {id: q, ask: Q?, kind: finding, answers: yes-no,\n"
            "     offer: [{when: q == yes, answer: 'yes'}]}",
            "  - default: ok",
            "test.yaml:9: questions[0].offer[0].when: offer can use only claim and source facts, "
            "not the answer to 'q' (column 1)",
        ),
        (
            # An answers file's 'YES' was read as the first of them, whichever was meant.
            "  - {id: q, ask: Q?, answers: [yes, 'Yes']}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers[1]: duplicate answer 'Yes' (first at line 8, "
            "as 'yes': answers are read in any case)",
        ),
        (
            "  - {id: q, ask: Q?, answers: [a, 'not sure']}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers[1]: expected an answer id of ASCII letters, digits, "
            "'_', '-' and '+', not starting with '-' or '+', got 'not sure'",
        ),
        (
            "  - {id: q, ask: Q?, answers: [a, {id: b}]}",
            "  - default: ok",
            "test.yaml:8: questions[0].answers[1]: missing key 'label'",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no, required: sometimes}",
            "  - default: ok",
            "test.yaml:8: questions[0].required: expected true or false, got 'sometimes'",
        ),
        (
            "  - {id: q, ask: Q?, answers: [low, mid, high], ordered: perhaps}",
            "  - default: ok",
            "test.yaml:8: questions[0].ordered: expected true or false, got 'perhaps'",
        ),
        (
            "  - {id: q, ask: Q?, answers: text, ordered: true}",
            "  - default: ok",
            "test.yaml:8: questions[0].ordered: only a list of answers can be ordered, "
            "not text answers",
        ),
        (
            "  - {id: q, ask: Q?, answers: scale, ordered: true}",
            "  - default: ok",
            "test.yaml:8: questions[0].ordered: only a list of answers can be ordered, "
            "not scale answers (a scale is ordered already)",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no, help: }",
            "  - default: ok",
            "test.yaml:8: questions[0].help: expected text, got nothing",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no}",
            "  - {when: q == yes}\n  - default: ok",
            "test.yaml:10: verdicts[0]: missing key 'verdict'",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no}",
            "  - {when: q == yes, verdict: ok, default: bad}\n  - default: ok",
            "test.yaml:10: verdicts[0]: expected either 'when' with 'verdict', or 'default'",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no}",
            "  default: ok",
            "test.yaml:10: verdicts: expected a list of rules ending in a default, got a mapping",
        ),
        (
            "  - {id: q, ask: Q?, answers: [a, b], prefill: [{when: chain.hops == 0, answer: c}]}",
            "  - default: ok",
            "test.yaml:8: questions[0].prefill[0].answer: expected one of a, b, got 'c'",
        ),
        (
            "  - {id: q, ask: Q?, answers: [a, b], prefill: [{default: a}]}",
            "  - default: ok",
            "test.yaml:8: questions[0].prefill: expected at least one 'when' with 'answer'",
        ),
        (
            "  - {id: q, ask: Q?, answers: [A, B], prefill: sources.worst_reliability}",
            "  - default: ok",
            "test.yaml:8: questions[0].prefill: prefill can give C, D, E, F, which are not answers",
        ),
        (
            "  - {id: q, ask: Q?, answers: text, prefill: chain.hops}",
            "  - default: ok",
            "test.yaml:8: questions[0].prefill: prefill gives a whole number, 0 or more, which is "
            "not an answer to this question",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no, when: 'chain.hops'}",
            "  - default: ok",
            "test.yaml:8: questions[0].when: expected true or false, got chain.hops (a whole "
            "number, 0 or more); compare it, for example chain.hops >= 1 (column 1)",
        ),
        (
            "  - {id: q, ask: Q?, answers: yes-no, when: !!binary aGk=}",
            "  - default: ok",
            "test.yaml:8: questions[0].when: tag '!!binary' is not allowed: only plain YAML "
            "values are",
        ),
    ],
)
def test_load_errors(questions: str, verdicts: str, message: str) -> None:
    assert load_problems(minimal(questions, verdicts)) == [message]


def test_top_level_problems_are_all_reported_in_line_order() -> None:
    text = "id: Bad Id\nname: x\nversion: 0\ncolour: red\nscale: []\nquestions: []\n"
    assert load_problems(text) == [
        "test.yaml:1: missing key 'verdicts'",
        "test.yaml:1: id: expected an id of ASCII lower-case letters, digits, '-' and '_', not "
        "starting with '-' or '_', got 'Bad Id'",
        "test.yaml:3: version: expected a whole number of 1 or more, got '0'",
        "test.yaml:4: unknown key 'colour' (expected one of: id, name, version, description, "
        "scale, questions, verdicts, grade)",
        "test.yaml:5: scale: expected a list of verdict levels, got an empty list",
        "test.yaml:6: questions: expected a list of questions, got an empty list",
    ]


def test_yes_and_no_stay_strings_in_answers_and_rules() -> None:
    checklist = parse(
        minimal(
            "  - {id: q, ask: Q?, answers: [yes, no, on, off]}",
            "  - {when: 'q in [yes, on]', verdict: ok}\n  - default: bad",
        )
    )
    assert checklist.questions[0].choices == ("yes", "no", "on", "off")


def test_scale_text_and_url_answers() -> None:
    checklist = parse(
        minimal(
            "  - {id: s, ask: S?, answers: scale}\n"
            "  - {id: t, ask: T?, answers: text}\n"
            "  - {id: u, ask: U?, answers: url}",
        )
    )
    s, t, u = checklist.questions
    assert (s.type, s.choices) == (AnswerType.SCALE, ("1", "2", "3", "4", "5"))
    assert (t.type, t.choices, u.type) == (AnswerType.TEXT, (), AnswerType.URL)


# --- enumeration ---------------------------------------------------------------------------------


def test_optional_questions_add_an_unanswered_state() -> None:
    checklist = parse(
        minimal(
            "  - {id: a, ask: A?, answers: yes-no}\n"
            "  - {id: b, ask: B?, answers: [x, y, z], required: true, when: a == yes}",
            "  - {when: b == x, verdict: ok}\n  - default: bad",
        )
    )
    analysis = analyse_checklist(checklist)
    # a: yes (then b: 3 answers), no, or unanswered
    assert (analysis.combinations, analysis.asked, analysis.fired) == (5, (5, 3), (1, 4))


def test_fact_domains_split_at_the_constants_compared() -> None:
    checklist = parse(
        minimal(
            "  - {id: a, ask: A?, answers: yes-no, required: true, when: chain.hops >= 2}",
            "  - {when: chain.hops == 0 or claim.check_worthiness > 0.5, verdict: ok}\n"
            "  - {when: 'sources.worst_reliability in [E, F] and a == yes', verdict: bad}\n"
            "  - default: ok",
        )
    )
    analysis = analyse_checklist(checklist)
    # hops: 0, 1, >=2; worthiness: <=0.5, >0.5; reliability: A-D, E-F
    assert analysis.fact_cases == 3 * 2 * 2
    assert analysis.fired[1] > 0


def test_text_answers_count_as_answered_or_not() -> None:
    checklist = parse(
        minimal(
            "  - {id: link, ask: Link?, answers: url}\n"
            "  - {id: note, ask: Note?, answers: text, required: true}",
            "  - {when: answered(link) and note == 'checked', verdict: ok}\n  - default: bad",
        )
    )
    analysis = analyse_checklist(checklist)
    # link: some URL or none; note: 'checked' or anything else
    assert (analysis.combinations, analysis.fired) == (4, (1, 3))


def test_answers_compared_with_each_other_use_every_value() -> None:
    checklist = parse(
        minimal(
            "  - {id: a, ask: A?, answers: scale, required: true}\n"
            "  - {id: b, ask: B?, answers: scale, required: true}",
            "  - {when: a > b, verdict: ok}\n  - {when: a == b, verdict: bad}\n  - default: ok",
        )
    )
    assert analyse_checklist(checklist).fired == (10, 5, 10)


def test_too_complex_checklist_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(checklist_model, "MAX_WORK", 3)
    result = validate_checklist("quick")
    assert [str(p) for p in result.problems] == [
        "checklists/quick.yaml: cannot prove: more than 3 steps of work to check (after 1 "
        "search states); split the rules or use fewer answers"
    ]
    assert not result.ok


def test_warnings_do_not_fail_validation(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(minimal("  - {id: a, ask: A?, answers: yes-no}"), encoding="utf-8")
    result = validate_checklist(path)
    assert result.ok
    assert [(p.severity, p.where, p.message) for p in result.problems] == [
        (Severity.WARNING, "scale[1]", "no rule ever gives 'bad'")
    ]


# --- the enumeration agrees with brute force -----------------------------------------------------

FACT_SAMPLES: dict[str, list[Value]] = {
    "chain.hops": [0, 1, 2, 3, 4],
    "sources.any_partisan": [False, True],
    "attribution.hedged": [False, True],
    "sources.worst_reliability": list("ABCDEF"),
    "claim.check_worthiness": [0.0, 0.25, 0.5, 0.6, 0.75, 1.0],
}
FACT_TESTS = [
    "sources.any_partisan",
    "not attribution.hedged",
    "chain.hops >= 2",
    "chain.hops == 1",
    "sources.worst_reliability > C",
    "claim.check_worthiness <= 0.5",
]


def random_checklist(rng: random.Random, with_facts: bool) -> str:
    """A small checklist with `when` branches, optional questions and overlapping rules."""
    questions: list[str] = []
    answers: list[list[str]] = []
    for i in range(rng.randint(3, 5)):
        kind = rng.choice(["choice", "choice", "scale", "url"])
        choices = (
            [str(n) for n in range(1, 6)]
            if kind == "scale"
            else ["u"]
            if kind == "url"
            else ["a", "b", "c"][: rng.randint(2, 3)]
        )
        spec = {"scale": "scale", "url": "url"}.get(kind, "[" + ", ".join(choices) + "]")
        line = f"  - {{id: q{i}, ask: Q{i}?, answers: {spec}, required: {rng.random() < 0.6}"
        if i and rng.random() < 0.5:
            line += f", when: '{atom(rng, answers, rng.randrange(i), with_facts)}'"
        questions.append(line + "}")
        answers.append(choices)
    rules = []
    for _ in range(rng.randint(2, 5)):
        picked = rng.sample(range(len(answers)), rng.randint(1, min(3, len(answers))))
        joiner = rng.choice([" and ", " or "])
        when = joiner.join(atom(rng, answers, q, with_facts) for q in picked)
        rules.append(f"  - {{when: '{when}', verdict: {rng.choice(['ok', 'bad'])}}}")
    rules.append("  - default: bad")
    return (
        minimal("\n".join(questions), "\n".join(rules))
        .replace(": True", ": true")
        .replace(": False", ": false")
    )


def atom(rng: random.Random, answers: list[list[str]], index: int, with_facts: bool) -> str:
    if with_facts and rng.random() < 0.3:
        return rng.choice(FACT_TESTS)
    choices = answers[index]
    if choices == ["u"]:
        return f"{'' if rng.random() < 0.5 else 'not '}answered(q{index})"
    if choices[0] == "1":
        return f"q{index} {rng.choice(['<', '>=', '==', '!='])} {rng.randint(1, 5)}"
    return f"q{index} {rng.choice(['==', '!='])} {rng.choice(choices)}"


def brute_force(checklist: Checklist) -> tuple[int, list[int], list[int]]:
    """Visit every combination one by one: total, per-question asked, per-rule fired."""
    used = sorted(
        {name for rule in checklist.rules if rule.when for name in rule.when.names}
        | {name for q in checklist.questions if q.when for name in q.when.names}
    )
    facts = [name for name in used if name in FACTS]
    total = 0
    asked = [0] * len(checklist.questions)
    fired = [0] * len(checklist.rules)

    for case in itertools.product(*(FACT_SAMPLES[name] for name in facts)):
        env: dict[str, Value] = dict(zip(facts, case, strict=True))
        for final in _finals(checklist, env):
            total += 1
            for i, question in enumerate(checklist.questions):
                if final["asked:" + question.id]:
                    asked[i] += 1
            for i, rule in enumerate(checklist.rules):
                if rule.when is None or rule.when.evaluate(final) is True:
                    fired[i] += 1
                    break
    return total, asked, fired


def _finals(checklist: Checklist, env: dict[str, Value]) -> Iterator[dict[str, Value]]:
    def walk(index: int, env: dict[str, Value]) -> Iterator[dict[str, Value]]:
        if index == len(checklist.questions):
            yield env
            return
        question = checklist.questions[index]
        if question.when is not None and question.when.evaluate(env) is not True:
            yield from walk(index + 1, {**env, question.id: None, "asked:" + question.id: False})
            return
        values: list[Value] = (
            [int(c) for c in question.choices]
            if question.type is AnswerType.SCALE
            else list(question.choices) or ["https://example.org"]
        )
        if not question.required:
            values.append(None)
        for value in values:
            yield from walk(index + 1, {**env, question.id: value, "asked:" + question.id: True})

    yield from walk(0, env)


@pytest.mark.parametrize("seed", range(40))
def test_enumeration_counts_match_brute_force(seed: int) -> None:
    checklist = parse(random_checklist(random.Random(seed), with_facts=False))
    analysis = analyse_checklist(checklist)
    total, asked, fired = brute_force(checklist)
    assert (analysis.combinations, list(analysis.asked), list(analysis.fired)) == (
        total,
        asked,
        fired,
    )


@pytest.mark.parametrize("seed", range(40))
def test_enumeration_finds_the_same_reachable_rules_and_questions_with_facts(seed: int) -> None:
    checklist = parse(random_checklist(random.Random(1000 + seed), with_facts=True))
    analysis = analyse_checklist(checklist)
    _, asked, fired = brute_force(checklist)
    assert [n > 0 for n in analysis.asked] == [n > 0 for n in asked]
    assert [n > 0 for n in analysis.fired] == [n > 0 for n in fired]


def test_twelve_questions_with_three_to_five_answers_validate_quickly(tmp_path: Path) -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    lines = ["id: big", "name: Big", "version: 1", "scale:"]
    lines += [f"  - {{id: v{i}, label: V{i}}}" for i in range(4)]
    lines.append("questions:")
    for i in range(12):
        choices = ", ".join(words[: 3 + i % 3])
        when = f", when: q{i - 1} != alpha" if i % 4 == 3 else ""
        lines.append(f"  - {{id: q{i}, ask: Q{i}?, answers: [{choices}], required: true{when}}}")
    lines.append("verdicts:")
    rng = random.Random(7)
    for r in range(14):
        picked = sorted(rng.sample(range(12), 3))
        when = " and ".join(f"q{q} == {rng.choice(words[: 3 + q % 3])}" for q in picked)
        lines.append(f"  - {{when: {when}, verdict: v{r % 3}}}")
    lines.append("  - default: v3")
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate_checklist(path)
    assert result.analysis is not None
    assert result.analysis.combinations > 5_000_000


def test_the_format_reference_example_validates(tmp_path: Path) -> None:
    text = (REPO / "docs" / "checklists.md").read_text(encoding="utf-8")
    example = text.split("## A complete example\n\n```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = validate_checklist(path)
    assert result.problems == ()
    assert result.checklist is not None and result.checklist.id == "quick-mini"


QUICK_LINES = (REPO / "checklists" / "quick.yaml").read_text(encoding="utf-8").splitlines()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_loader_returns_a_checklist_or_raises_checklist_error_on_any_text(text: str) -> None:
    with contextlib.suppress(ChecklistError):
        parse(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["drop", "copy", "swap", "indent", "cut"]),
            st.integers(0, len(QUICK_LINES) - 1),
            st.integers(0, len(QUICK_LINES) - 1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_loader_never_crashes_on_a_damaged_builtin(edits: list[tuple[str, int, int]]) -> None:
    lines = list(QUICK_LINES)
    for action, i, j in edits:
        i, j = i % len(lines), j % len(lines)
        if action == "drop":
            del lines[i]
        elif action == "copy":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][: len(lines[i]) // 2]
        if not lines:
            return
    try:
        checklist = parse("\n".join(lines))
    except ChecklistError:
        return
    analyse_checklist(checklist)


@pytest.mark.parametrize("name", ["quick", "sift", "admiralty", "craap"])
def test_every_builtin_validates_with_every_question_marked(name: str) -> None:
    result = validate_checklist(name)
    assert result.problems == ()
    assert result.checklist is not None
    assert all(question.marked for question in result.checklist.questions)
    findings = [q for q in result.checklist.questions if q.kind is QuestionKind.FINDING]
    assert findings and all(q.prefill is None for q in findings)

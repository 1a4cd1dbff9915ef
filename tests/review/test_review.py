"""Tests for stage ⑦: the review loop driven by a scripted asker, and the answers-file path."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.checklist.load import AnswerType, Checklist, Question, load_checklist
from factcheck.errors import ReviewError
from factcheck.render.review import TerminalAsker, render_prompt, render_verdict
from factcheck.review.journal import load_worksheet
from factcheck.review.keys import (
    Command,
    choice_keys,
    format_legend,
    question_legend,
    response_for_key,
)
from factcheck.review.loop import run_review
from factcheck.review.prompts import (
    Accept,
    AddEvidence,
    AddNote,
    Back,
    Conclude,
    Correct,
    OverrideVerdict,
    Prompt,
    PublicationPrompt,
    Quit,
    Reply,
    Response,
    ReviewOutcome,
    Skip,
    TakeOffer,
    VerdictPrompt,
)
from factcheck.review.scripted import MAX_EVIDENCE, apply_answers, read_answers
from factcheck.review.worksheet import (
    Action,
    Change,
    Worksheet,
    apply_change,
    claim_verdict,
    make_change,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "review"
AT = "2024-03-02T10:00:00Z"


@pytest.fixture
def checklist() -> Checklist:
    return load_checklist(FIXTURES / "checklist.yaml")


@pytest.fixture
def worksheet(checklist: Checklist) -> Worksheet:
    return load_worksheet(FIXTURES / "evacuation.worksheet.yaml", checklist)


class ScriptedAsker:
    """Answers from a list; checks that everything before each question was saved.

    Verdict steps take their responses from ``verdicts`` (Accept when it runs out); the end of
    the review writes ``publication``.
    """

    def __init__(
        self,
        responses: Sequence[Response],
        saved: list[tuple[Worksheet, Change]],
        verdicts: Sequence[Response] = (),
        publication: dict[str, str] | None = None,
    ):
        self.responses = list(responses)
        self.saved = saved
        self.prompts: list[Prompt] = []
        self.verdicts = list(verdicts)
        self.verdict_prompts: list[VerdictPrompt] = []
        self.publication = publication or {}
        self.publication_prompts: list[PublicationPrompt] = []

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        self.verdict_prompts.append(prompt)
        return self.verdicts.pop(0) if self.verdicts else Accept()

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        self.publication_prompts.append(prompt)
        return self.publication

    def ask(self, prompt: Prompt) -> Response:
        if self.saved:
            assert self.saved[-1][0].entry(prompt.entry.id) == prompt.entry
        self.prompts.append(prompt)
        assert self.responses, f"asked {prompt.entry.id}.{prompt.question.id} beyond the script"
        return self.responses.pop(0)

    @property
    def asked(self) -> list[str]:
        return [f"{p.entry.id}.{p.question.id}" for p in self.prompts]


def review(
    worksheet: Worksheet,
    checklist: Checklist,
    responses: Sequence[Response],
    verdicts: Sequence[Response] = (),
    publication: dict[str, str] | None = None,
    **options: object,
) -> tuple[ReviewOutcome, ScriptedAsker, list[tuple[Worksheet, Change]]]:
    saved: list[tuple[Worksheet, Change]] = []
    asker = ScriptedAsker(responses, saved, verdicts, publication)
    outcome = run_review(
        worksheet,
        checklist,
        asker,
        lambda ws, change: saved.append((ws, change)),
        reviewer="ana",
        now=lambda: AT,
        **options,  # type: ignore[arg-type]
    )
    assert not asker.responses, "the review ended before the script did"
    return outcome, asker, saved


def values(ws: Worksheet, claim: str) -> dict[str, str]:
    return ws.entry(claim).answer_values()


# --- the walk ------------------------------------------------------------------------------------


def test_full_review_asks_applicable_questions_in_order(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [
            Accept(),  # c1.primary_source: suggestion yes (no hops)
            Accept(),  # c1.partisan_outlet: suggestion no
            Reply("4"),  # c1.confidence; corroborated is not asked when primary_source is yes
            Reply("no"),
            Accept(),  # c2.partisan_outlet: suggestion yes (Al-Manar)
            Reply("yes"),
            Accept(),  # c2.confidence is optional and has no suggestion: passed
            Reply("unclear"),
            Reply("no"),
            Reply("no"),
            Reply("2"),
        ],
    )
    assert asker.asked == [
        "c1.primary_source",
        "c1.partisan_outlet",
        "c1.confidence",
        "c2.primary_source",
        "c2.partisan_outlet",
        "c2.corroborated",
        "c2.confidence",
        "c3.primary_source",
        "c3.partisan_outlet",
        "c3.corroborated",
        "c3.confidence",
    ]
    first, *_ = asker.prompts
    assert (first.claim_number, first.claim_count, first.question_number) == (1, 3, 1)
    # Unanswered, primary_source != yes holds, so corroborated counts until the answer is in.
    assert (first.question_count, first.claims_done) == (4, 0)
    assert first.suggestion is not None and first.suggestion.value == "yes"
    assert first.suggestion.reason == "chain.hops = 0" and not first.suggestion.offered
    # Each claim ends with its verdict step, then the report's parts are asked for.
    assert [p.entry.id for p in asker.verdict_prompts] == ["c1", "c2", "c3"]
    assert asker.verdict_prompts[0].verdict.verdict == "supported"
    assert len(asker.publication_prompts) == 1
    assert [(p.question_number, p.question_count) for p in asker.prompts[1:3]] == [(2, 3), (3, 3)]
    assert [(p.question_number, p.question_count) for p in asker.prompts[3:7]] == [
        (1, 4),
        (2, 4),
        (3, 4),
        (4, 4),
    ]
    assert [asker.prompts[i].claims_done for i in (3, 7, 10)] == [1, 2, 3]
    ws = outcome.worksheet
    assert values(ws, "c1") == {"primary_source": "yes", "partisan_outlet": "no", "confidence": "4"}
    assert values(ws, "c3") == {
        "primary_source": "unclear",
        "partisan_outlet": "no",
        "corroborated": "no",
        "confidence": "2",
    }
    assert ws.entry("c1").answers["primary_source"].prefill_accepted
    assert not ws.entry("c2").answers["primary_source"].prefill_accepted
    assert [claim_verdict(checklist, e).verdict for e in ws.claims] == [
        "supported",
        "supported",
        "disputed",
    ]
    assert outcome.finished and outcome.incomplete == () and outcome.skipped == ()
    assert outcome.changes == len(saved) == 10
    assert [c.seq for _, c in saved] == list(range(1, 11))


def test_verdict_updates_as_answers_come_in(worksheet: Worksheet, checklist: Checklist) -> None:
    _, asker, _ = review(worksheet, checklist, [Reply("yes"), Reply("no"), Quit()])
    verdicts = [(p.verdict.verdict, p.verdict.final) for p in asker.prompts]
    assert verdicts == [("unproven", False), ("unproven", False), ("supported", True)]


def test_invalid_reply_is_refused_and_asked_again(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(worksheet, checklist, [Reply("maybe"), Reply("no"), Quit()])
    assert asker.asked == ["c1.primary_source", "c1.primary_source", "c1.partisan_outlet"]
    assert asker.prompts[1].error == (
        "Not a valid answer: expected one of yes, no, unclear, got 'maybe'"
    )
    assert asker.prompts[2].error is None
    assert len(saved) == 1
    assert not outcome.finished


def test_enter_leaves_a_question_without_suggestion_open(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [Reply("no"), Reply("no"), Accept(), Accept()],
        claims=["c1"],
    )
    # Enter on the required corroborated question records nothing and goes on.
    assert asker.asked == [
        "c1.primary_source",
        "c1.partisan_outlet",
        "c1.corroborated",
        "c1.confidence",
    ]
    assert [c.question for _, c in saved] == ["primary_source", "partisan_outlet"]
    (step,) = asker.verdict_prompts
    assert not step.verdict.final and step.verdict.missing == ("corroborated",)
    assert outcome.incomplete == ("c1",)


def test_back_revisits_and_changes_an_answer(worksheet: Worksheet, checklist: Checklist) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [Back(), Accept(), Back(), Reply("no"), Accept(), Reply("yes"), Quit()],
    )
    assert asker.asked == [
        "c1.primary_source",
        "c1.primary_source",
        "c1.partisan_outlet",
        "c1.primary_source",
        "c1.partisan_outlet",
        "c1.corroborated",  # asked now that the primary source answer is no
        "c1.confidence",
    ]
    assert asker.prompts[1].error == "This is the first question of the review."
    assert asker.prompts[3].current is not None and asker.prompts[3].current.value == "yes"
    assert [(c.question, c.old, c.new, c.prefill) for _, c in saved] == [
        ("primary_source", None, "yes", True),
        ("primary_source", "yes", "no", False),
        ("partisan_outlet", None, "no", True),
        ("corroborated", None, "yes", False),
    ]
    assert values(outcome.worksheet, "c1")["primary_source"] == "no"


def test_enter_keeps_an_existing_answer(worksheet: Worksheet, checklist: Checklist) -> None:
    _, _, saved = review(
        worksheet, checklist, [Reply("no"), Back(), Accept(), Back(), Reply("no"), Quit()]
    )
    assert [(c.old, c.new) for _, c in saved] == [(None, "no")]


def test_skipped_claims_are_passed_over_and_listed(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(worksheet, checklist, [Skip(), Skip(), Skip()])
    assert asker.asked == ["c1.primary_source", "c2.primary_source", "c3.primary_source"]
    assert asker.verdict_prompts == []
    assert outcome.skipped == ("c1", "c2", "c3")
    assert outcome.finished
    assert [c.action for _, c in saved] == [Action.SKIP] * 3
    again, asker, _ = review(outcome.worksheet, checklist, [])
    assert asker.asked == [] and again.skipped == ("c1", "c2", "c3")


def test_naming_a_skipped_claim_reviews_it_and_unskips_it(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    skipped, _, _ = review(worksheet, checklist, [Skip(), Quit()])
    outcome, asker, saved = review(
        skipped.worksheet, checklist, [Accept(), Accept(), Accept()], claims=["c1"]
    )
    assert asker.asked == ["c1.primary_source", "c1.partisan_outlet", "c1.confidence"]
    assert saved[-1][1].action is Action.UNSKIP
    assert outcome.skipped == ()


def test_notes_and_evidence_are_added_to_the_current_question(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [
            AddNote("Press release"),
            AddNote("  "),
            AddNote("dated May 20"),
            AddEvidence("example.org/release"),
            AddEvidence("https://ana:pw@example.org/release"),
            AddEvidence("https://example.org/\u202erelease"),
            AddEvidence("https://example.org/release"),
            AddEvidence("https://example.org/release"),
            Reply("yes"),
            Quit(),
        ],
    )
    assert asker.prompts[2].error == "A note needs some text."
    assert asker.prompts[4].error == "Expected an http(s) URL, got 'example.org/release'."
    assert asker.prompts[5].error == (
        "An address with a user name or password would be published with the report; give it "
        "without them."
    )
    assert asker.prompts[6].error == (
        "Expected an http(s) URL, got 'https://example.org/\\u202erelease'."
    )
    answer = outcome.worksheet.entry("c1").answers["primary_source"]
    assert answer.note == "Press release\ndated May 20"
    assert answer.evidence == ("https://example.org/release",)
    assert answer.value == "yes"
    assert [c.action for _, c in saved] == [
        Action.NOTE,
        Action.NOTE,
        Action.EVIDENCE,
        Action.ANSWER,
    ]
    assert saved[1][1].old == "Press release"


def test_override_needs_a_verdict_on_the_scale_and_a_reason(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [
            OverrideVerdict("false", "made up"),
            OverrideVerdict("disputed", " "),
            OverrideVerdict("disputed", "The army denied it on May 21."),
            Quit(),
        ],
    )
    assert asker.prompts[1].error == (
        "Not a verdict of this checklist: 'false' (expected one of supported, unproven, disputed)"
    )
    assert asker.prompts[2].error == "An override needs a reason."
    verdict = asker.prompts[3].verdict
    assert (verdict.verdict, verdict.label, verdict.final) == ("disputed", "Disputed", True)
    assert verdict.rule == "override: The army denied it on May 21."
    (only,) = saved
    assert (only[1].action, only[1].new, only[1].reason) == (
        Action.OVERRIDE,
        "disputed",
        "The army denied it on May 21.",
    )
    assert outcome.worksheet.entry("c1").override is not None


def test_quit_then_resume_at_the_first_unanswered_question(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    first, _, _ = review(
        worksheet, checklist, [Accept(), Accept(), Reply("3"), Reply("no"), Quit()]
    )
    assert not first.finished
    _, asker, _ = review(first.worksheet, checklist, [Quit()])
    assert asker.asked == ["c2.partisan_outlet"]
    assert asker.prompts[0].claims_done == 1


def test_min_score_leaves_claims_out_and_lists_them(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, _ = review(worksheet, checklist, [Skip(), Skip()], min_score=0.6)
    assert asker.asked == ["c1.primary_source", "c2.primary_source"]
    assert outcome.below_min_score == ("c3",)
    assert asker.prompts[0].claim_count == 2


def test_claims_subset_and_unknown_claims(worksheet: Worksheet, checklist: Checklist) -> None:
    _, asker, _ = review(worksheet, checklist, [Skip()], claims=["c3"])
    assert asker.asked == ["c3.primary_source"]
    with pytest.raises(ReviewError) as info:
        review(worksheet, checklist, [], claims=["c3", "c9"])
    assert str(info.value) == "no claim 'c9' in the worksheet (it has c1, c2, c3)"


def test_nothing_to_ask_when_everything_is_answered(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    done, _, _ = review(worksheet, checklist, [Accept(), Accept(), Reply("5")], claims=["c1"])
    outcome, asker, saved = review(done.worksheet, checklist, [], claims=["c1"])
    assert asker.asked == [] and saved == [] and outcome.finished


# --- keys and the screen -------------------------------------------------------------------------


def test_keys_map_to_responses(worksheet: Worksheet, checklist: Checklist) -> None:
    primary, _, _, confidence = checklist.questions
    assert choice_keys(primary) == {
        "1": "yes",
        "2": "no",
        "3": "unclear",
        "y": "yes",
        "n": "no",
        "u": "unclear",
    }
    prompt = first_prompt(worksheet, checklist)
    assert response_for_key("n", prompt) == Reply("no")
    assert response_for_key("\r", prompt) == Accept()
    assert response_for_key("b", prompt) == Back()
    assert response_for_key("s", prompt) == Skip()
    assert response_for_key("q", prompt) == Quit()
    assert response_for_key("N", prompt) == Command.NOTE
    assert response_for_key("e", prompt) == Command.EVIDENCE
    assert response_for_key("o", prompt) == Command.OVERRIDE
    assert response_for_key("r", prompt) == Command.CORRECT
    assert response_for_key("?", prompt) == Command.HELP
    assert response_for_key("x", prompt) == Command.UNKNOWN
    # Nothing is offered here, so t (take the offer) and m (record a report) do nothing.
    assert response_for_key("t", prompt) == Command.UNKNOWN
    assert response_for_key("m", prompt) == Command.UNKNOWN
    scale = replace(prompt, question=confidence)
    assert response_for_key("4", scale) == Reply("4")
    assert response_for_key("y", scale) == Command.UNKNOWN


def test_first_letters_answer_when_unambiguous() -> None:
    quick = load_checklist("quick")
    assert choice_keys(quick.question("corroborated")) == {
        "1": "yes",
        "2": "no",
        "3": "contradicted",
        "y": "yes",
        "n": "no",
        "c": "contradicted",
    }
    assert choice_keys(quick.question("original_matches"))["p"] == "partly"
    # first_hand, one, two, three_or_more: o is a command, t is ambiguous; numbers always work.
    assert choice_keys(quick.question("hops")) == {
        "1": "first_hand",
        "2": "one",
        "3": "two",
        "4": "three_or_more",
        "f": "first_hand",
    }
    sift = load_checklist("sift")
    keys = choice_keys(sift.question("better_coverage"))
    assert keys == {"1": "confirms", "2": "contradicts", "3": "mixed", "4": "none", "n": "none"}


@pytest.mark.parametrize(
    ("choices", "keys"),
    [
        # Numbered by place, 1 gave 'none', 2 gave '1' and 3 gave '2'.
        (("none", "1", "2", "3+"), {"1": "1", "2": "2", "3": "3+", "4": "none", "n": "none"}),
        (("0", "1", "2", "3+"), {"0": "0", "1": "1", "2": "2", "3": "3+"}),
        (("1", "5", "10+"), {"1": "1", "5": "5", "2": "10+"}),
    ],
)
def test_an_answer_that_is_a_digit_is_given_by_that_digit(
    choices: tuple[str, ...], keys: dict[str, str]
) -> None:
    question = Question("n", "How many?", None, AnswerType.CHOICE, choices, False, None, None)
    assert choice_keys(question) == keys


def test_legend_lists_only_the_keys_that_work(worksheet: Worksheet, checklist: Checklist) -> None:
    prompt = first_prompt(worksheet, checklist)
    assert format_legend(question_legend(prompt)) == (
        "Enter accept suggestion · ? help · b back · s skip claim · N note · e evidence · "
        "o override · r correct claim · q quit"
    )
    for key in ("b", "s", "N", "e", "o", "r", "q", "?", "\r"):
        assert response_for_key(key, prompt) != Command.UNKNOWN
    open_finding = replace(prompt, suggestion=None)
    assert format_legend(question_legend(open_finding)).startswith("Enter leave open · ")


class FakeKeyboard:
    def __init__(self, keys: str, lines: Sequence[str | None] = ()) -> None:
        self.keys = list(keys)
        self.lines = list(lines)

    def read_key(self) -> str:
        return self.keys.pop(0)

    def read_line(self, label: str) -> str | None:
        return self.lines.pop(0)


def first_prompt(worksheet: Worksheet, checklist: Checklist, claim: str = "c2") -> Prompt:
    _, asker, _ = review(worksheet, checklist, [Quit()], claims=[claim])
    return asker.prompts[0]


def test_screen_shows_claim_in_paragraph_chain_score_and_progress(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(render_prompt(first_prompt(worksheet, checklist), show_help=True))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Claim 1/1 · question 1/4 · 0 claims done" in text
    assert "The ministry told Al-Manar that 12 drones were shot down" in text
    assert "Critics disagree." in text  # the rest of the paragraph
    assert "Article → Al-Manar → The ministry" in text
    assert "hedges: according to" in text
    assert "Check-worthiness 0.91  (number, attribution)" in text
    assert "Verdict so far: Unproven" in text and "(provisional)" in text
    assert "Q1/4 Does the claim rest on a primary source? (required)" in text
    assert "[1/y] yes   [2/n] no   [3/u] unclear" in text
    assert "suggested: no   (Enter accepts)" in text
    assert "A document, a recording or a first-hand witness." in text


def test_untrusted_claim_text_is_never_markup(worksheet: Worksheet, checklist: Checklist) -> None:
    from dataclasses import replace

    prompt = first_prompt(worksheet, checklist)
    doc = prompt.document
    start = prompt.entry.paragraph[0]
    evil = "[bold red]x[/] \x1b[2J"
    text = doc.text[:start] + evil + doc.text[start + len(evil) :]
    # Another text, so its own sha256: the paragraph's sentences are not the original's, which
    # an earlier test may have left in the cache of article segments.
    prompt = replace(prompt, document=replace(doc, text=text, sha256="e" * 64))
    console = Console(width=100, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    console.print(render_prompt(prompt))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[bold red]x[/]" in out
    # The escape is shown, not obeyed (the segmenter may end a sentence inside it).
    assert "\\x1b[2" in out and "\x1b[2J" not in out


def test_terminal_asker_turns_keys_into_responses(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    prompt = first_prompt(worksheet, checklist)
    console = Console(width=100, file=io.StringIO(), color_system=None)

    def ask(keys: str, lines: Sequence[str | None] = ()) -> Response:
        return TerminalAsker(console, FakeKeyboard(keys, lines), clear=False).ask(prompt)

    assert ask("?x?y") == Reply("yes")
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Key 'x' does nothing here; the keys are listed below." in shown
    assert ask("N", ["checked the archive"]) == AddNote("checked the archive")
    assert ask("Nq", [""]) == Quit()
    assert ask("e", ["https://example.org "]) == AddEvidence("https://example.org")
    assert ask("o", ["3", "Denied"]) == OverrideVerdict("disputed", "Denied")
    assert ask("o", ["unproven", "Thin"]) == OverrideVerdict("unproven", "Thin")
    assert ask("o\r", [""]) == Accept()


# --- the answers file ----------------------------------------------------------------------------


ANSWERS = """\
c1:
  primary_source: yes
  partisan_outlet:
    value: no
    note: The Daily Example is independent.
    evidence: https://example.org/about
c2:
  primary_source: no
  partisan_outlet: yes
  corroborated:
    value: no
    evidence: [https://example.org/denial]
  override: {verdict: disputed, reason: The army denied it.}
c3:
  skip: true
"""


def write_answers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_is_applied_and_saved_together(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist
) -> None:
    script = read_answers(write_answers(tmp_path, ANSWERS), worksheet, checklist)
    saves: list[tuple[Worksheet, Sequence[Change]]] = []
    outcome = apply_answers(
        worksheet,
        checklist,
        script,
        lambda ws, changes: saves.append((ws, changes)),
        reviewer="bot",
        now=lambda: AT,
    )
    [(saved_worksheet, saved)] = saves
    assert saved_worksheet == outcome.worksheet
    assert outcome.worksheet.audit == (*worksheet.audit, *saved)
    assert [c.seq for c in saved] == list(range(worksheet.seq + 1, worksheet.seq + 11))
    one_by_one = worksheet
    for change in saved:
        one_by_one = apply_change(one_by_one, change)
    assert one_by_one == outcome.worksheet
    ws = outcome.worksheet
    assert values(ws, "c1") == {"primary_source": "yes", "partisan_outlet": "no"}
    partisan = ws.entry("c1").answers["partisan_outlet"]
    assert partisan.note == "The Daily Example is independent."
    assert partisan.evidence == ("https://example.org/about",)
    assert ws.entry("c2").answers["corroborated"].evidence == ("https://example.org/denial",)
    assert claim_verdict(checklist, ws.entry("c1")).verdict == "supported"
    assert claim_verdict(checklist, ws.entry("c2")).rule == "override: The army denied it."
    assert ws.entry("c3").skipped
    assert outcome.skipped == ("c3",) and outcome.incomplete == ("c3",)
    assert outcome.changes == len(saved) == 10
    assert {c.reviewer for c in saved} == {"bot"}
    again = apply_answers(ws, checklist, script, lambda ws, c: None, reviewer="bot")
    assert again.changes == 0


def test_evidence_by_the_thousand_is_added_once_each_in_the_file_s_order(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist
) -> None:
    # Each URL was looked for in the answer's evidence so far, and the answer and the audit log
    # copied, for each one: 50,000 URLs in one answer took minutes.
    had = "https://e.example/7"
    first = make_change(
        worksheet, "c2", Action.EVIDENCE, reviewer="ana", question="corroborated", new=had
    )
    start = apply_change(worksheet, first)
    urls = [f"https://e.example/{n}" for n in range(MAX_EVIDENCE - 1)] + ["https://e.example/3"]
    path = write_answers(
        tmp_path,
        "c2:\n  corroborated:\n    value: yes\n    evidence: [" + ", ".join(urls) + "]\n"
        "  partisan_outlet:\n    evidence: https://e.example/other\n",
    )
    script = read_answers(path, start, checklist)
    saves: list[Sequence[Change]] = []
    outcome = apply_answers(
        start, checklist, script, lambda ws, changes: saves.append(changes), reviewer="bot"
    )
    added = [u for u in urls[:-1] if u != had]
    answers = outcome.worksheet.entry("c2").answers
    assert answers["corroborated"].evidence == (had, *added)
    assert answers["partisan_outlet"].evidence == ("https://e.example/other",)
    [saved] = saves
    assert [c.new for c in saved] == ["yes", *added, "https://e.example/other"]
    assert [c.seq for c in saved] == list(range(start.seq + 1, start.seq + len(saved) + 1))
    assert outcome.worksheet.audit == (*start.audit, *saved)
    assert outcome.changes == len(saved) == MAX_EVIDENCE
    again = apply_answers(outcome.worksheet, checklist, script, lambda ws, c: None, reviewer="bot")
    assert again.changes == 0


ANSWER_FAULTS = {
    "bad value": (
        "c1:\n  primary_source: maybe\n",
        "answers.yaml:2: c1.primary_source: expected one of yes, no, unclear, got 'maybe'",
    ),
    "bad scale value": (
        "c1:\n  confidence: {value: 7}\n",
        "answers.yaml:2: c1.confidence.value: expected one of 1, 2, 3, 4, 5, got '7'",
    ),
    "unknown claim": (
        "c9:\n  primary_source: yes\n",
        "answers.yaml:2: c9: no such claim in the worksheet (it has c1, c2, c3)",
    ),
    "unknown question": (
        "c1:\n  sources_ok: yes\n",
        "answers.yaml:2: c1.sources_ok: not a question of checklist 'review-test' (expected "
        "primary_source, partisan_outlet, corroborated, confidence, override, skip, conclusion, "
        "drop, speaker, role, chain)",
    ),
    "question not asked": (
        "c1:\n  primary_source: yes\n  corroborated: no\n",
        "answers.yaml:3: c1.corroborated: not asked for this claim "
        "(primary_source != yes is false)",
    ),
    "bad evidence": (
        "c1:\n  primary_source:\n    value: yes\n    evidence: [example.org]\n",
        "answers.yaml:4: c1.primary_source.evidence[0]: expected an http(s) URL, got 'example.org'",
    ),
    "too much evidence": (
        "c1:\n  primary_source:\n    value: yes\n    evidence: ["
        + ", ".join(f"https://e.example/{n}" for n in range(MAX_EVIDENCE + 1))
        + "]\n",
        "answers.yaml:4: c1.primary_source.evidence: expected at most 1,000 URLs, got 1,001",
    ),
    "unknown answer key": (
        "c1:\n  primary_source: {value: yes, notes: x}\n",
        "answers.yaml:2: c1.primary_source: unknown key 'notes' "
        "(expected one of: value, note, evidence)",
    ),
    "override without reason": (
        "c1:\n  override: {verdict: disputed, reason: ''}\n",
        "answers.yaml:2: c1.override: an override needs a reason",
    ),
    "drop without reason": (
        "c1:\n  primary_source: yes\n  drop: ' '\n",
        "answers.yaml:3: c1.drop: dropping a claim needs a reason",
    ),
    "override off the scale": (
        "c1:\n  override: {verdict: false, reason: x}\n",
        "answers.yaml:2: c1.override: not a verdict of this checklist: 'false' "
        "(expected one of supported, unproven, disputed)",
    ),
    "skip not boolean": (
        "c1:\n  skip: later\n",
        "answers.yaml:2: c1.skip: expected true or false, got 'later'",
    ),
    "evidence with a password": (
        "c1:\n  primary_source:\n    value: yes\n    evidence: https://ana:pw@intra.example/a\n",
        "answers.yaml:4: c1.primary_source.evidence[0]: an address with a user name or password "
        "would be published with the report; give it without them",
    ),
    "evidence with a control": (
        'c1:\n  primary_source:\n    value: yes\n    evidence: "https://e.example/\\e[31m"\n',
        "answers.yaml:4: c1.primary_source.evidence[0]: expected an http(s) URL, got "
        "'https://e.example/\\x1b[31m'",
    ),
    "evidence with a bidi override": (
        'c1:\n  primary_source:\n    value: yes\n    evidence: "https://e.example/\\u202eexe"\n',
        "answers.yaml:4: c1.primary_source.evidence[0]: expected an http(s) URL, got "
        "'https://e.example/\\u202eexe'",
    ),
    "article url with a password": (
        "article:\n  url: https://ana:pw@news.example/a\n",
        "answers.yaml:2: article.url: an address with a user name or password would be published "
        "with the report; give it without them",
    ),
    "empty hop": (
        "c1:\n  chain: [AP, ' ']\n",
        "answers.yaml:2: c1.chain[1]: expected the name of an outlet or person, got an empty text",
    ),
    "chain of mappings": (
        "c1:\n  chain: [{name: AP}]\n",
        "answers.yaml:2: c1.chain[0]: expected a string, got a mapping",
    ),
    "not a mapping": ("- c1\n", "answers.yaml:1: expected a mapping, got a list"),
    "python tag": (
        "c1:\n  primary_source: !!python/name:os.system yes\n",
        "answers.yaml:2: c1.primary_source: tag '!!python/name:os.system' is not allowed: "
        "only plain YAML values are",
    ),
}


@pytest.mark.parametrize("fault", sorted(ANSWER_FAULTS))
def test_answers_file_errors_are_precise(
    fault: str,
    tmp_path: Path,
    worksheet: Worksheet,
    checklist: Checklist,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text, message = ANSWER_FAULTS[fault]
    write_answers(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ReviewError) as info:
        read_answers(Path("answers.yaml"), worksheet, checklist)
    assert str(info.value) == message


def test_an_answers_file_sets_a_claims_whole_chain(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chain could be corrected only a hop at a time, by hand.
    monkeypatch.chdir(tmp_path)
    assert worksheet.entry("c2").claim.attribution.via == ("Al-Manar",)

    def applied(text: str, start: Worksheet) -> tuple[Worksheet, int]:
        write_answers(tmp_path, text)
        script = read_answers(Path("answers.yaml"), start, checklist)
        outcome = apply_answers(start, checklist, script, lambda ws, c: None, reviewer="bot")
        return outcome.worksheet, outcome.changes

    two, changes = applied("c2:\n  chain: [Reuters,  ' AP  news ']\n", worksheet)
    assert (two.entry("c2").claim.attribution.via, changes) == (("Reuters", "AP news"), 1)
    assert two.entry("c2").corrected == ("chain",)
    assert two.entry("c2").facts["chain.hops"] == 2
    change = two.audit[-1]
    assert (change.action, change.old, change.new) == (Action.CHAIN, "Al-Manar", "Reuters\nAP news")
    assert applied("c2:\n  chain: [Reuters, AP news]\n", two)[1] == 0  # the same: nothing new
    one, _ = applied("c2:\n  chain: Reuters\n", two)
    assert one.entry("c2").claim.attribution.via == ("Reuters",)
    # One line, as `r c` takes it: it was stored as one hop.
    line, _ = applied("c2:\n  chain: Al-Manar TV; Reuters \u2192 AP\n", one)
    assert line.entry("c2").claim.attribution.via == ("Al-Manar TV", "Reuters", "AP")
    for none in ("[]", "null"):
        cleared, changes = applied(f"c2:\n  chain: {none}\n", two)
        assert (cleared.entry("c2").claim.attribution.via, changes) == ((), 1)


def test_a_speaker_or_role_from_an_answers_file_is_one_line(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kept with its line break, a merge showed the speaker as a chain ("Ann Lee \u2190 Al-Manar").
    monkeypatch.chdir(tmp_path)
    write_answers(
        tmp_path, 'c2:\n  speaker: "Ann Lee\\nAl-Manar TV"\n  role: " chief\\t of  staff"\n'
    )
    script = read_answers(Path("answers.yaml"), worksheet, checklist)
    outcome = apply_answers(worksheet, checklist, script, lambda ws, c: None, reviewer="bot")
    attribution = outcome.worksheet.entry("c2").claim.attribution
    assert (attribution.speaker, attribution.role) == ("Ann Lee Al-Manar TV", "chief of staff")
    assert [c.new for c in outcome.worksheet.audit[-2:]] == [
        "Ann Lee Al-Manar TV",
        "chief of staff",
    ]


def test_an_answers_file_that_cannot_be_read_is_named_plainly(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    Path("latin.yaml").write_bytes(b"c1:\n  primary_source:\n    note: caf\xe9\n")
    messages = []
    for name in ("folder", "latin.yaml"):
        with pytest.raises(ReviewError) as info:
            read_answers(Path(name), worksheet, checklist)
        messages.append(str(info.value))
    assert messages == ["folder: is a folder, not an answers file", "latin.yaml: not UTF-8 text"]


def test_outcome_lists_verdicts_and_what_is_left(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.render.review import render_outcome

    outcome, _, _ = review(
        worksheet, checklist, [Accept(), Accept(), Reply("4"), Skip()], min_score=0.6
    )
    console = Console(width=90, file=io.StringIO(), color_system=None)
    console.print(render_outcome(outcome, checklist))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert [line.rstrip() for line in lines] == [
        " Claim   Verdict     Answered   Claim text",
        "─" * 90,
        " c1      Supported        3/3   Officials said 300 people were evacuated on Monday.",
        " c2      skipped          0/4   The ministry told Al-Manar that 12 drones were shot down…",
        "Skipped: c2",
        "Below --min-score (not reviewed): c3",
        "Not finished: c2",
    ]


def test_tty_keyboard_reads_keys_and_lines_from_a_terminal() -> None:
    import os

    from factcheck.review.keys import TtyKeyboard

    main, side = os.openpty()
    try:
        labels: list[str] = []
        with TtyKeyboard(side, labels.append) as keyboard:
            os.write(main, b"y")
            assert keyboard.read_key() == "y"
            os.write(main, b"\x1b[A")  # an arrow key is one keystroke, ignored as escape
            assert keyboard.read_key() == "\x1b"
            os.write(main, "é".encode())
            assert keyboard.read_key() == "é"
            os.write(main, b"a note\n")
            assert keyboard.read_line("Note: ") == "a note"
            assert labels == ["Note: "]
            os.write(main, b"n")
            assert keyboard.read_key() == "n"
    finally:
        os.close(main)
        os.close(side)


def test_keys_that_move_or_colour_are_left_out_of_a_typed_line() -> None:
    # A line is read with the terminal's own editing, which knows no arrow keys: Left, Home or
    # a pasted colour code went into the note as escape codes, saved and published with it.
    import os

    from factcheck.review.keys import TtyKeyboard

    main, side = os.openpty()
    try:
        with TtyKeyboard(side, lambda label: None) as keyboard:
            os.write(main, b"a \x1b[31mred\x1b[0m note\x1b[D\x1b[1;5C\x1bOH\x07 here\tand\n")
            assert keyboard.read_line("Note: ") == "a red note here and"
    finally:
        os.close(main)
        os.close(side)


def test_open_review_makes_then_reopens_the_article_worksheet(tmp_path: Path) -> None:
    from factcheck.errors import FactcheckError
    from factcheck.review.session import checklist_reference, open_review

    article = tmp_path / "article.txt"
    article.write_text(
        "Dam repairs finished\n\nThe ministry said on Monday that 40 engineers repaired the dam "
        "in 12 days, according to state television.\n",
        encoding="utf-8",
    )
    reports = tmp_path / "reports"
    setup = open_review(
        str(article), checklist=str(FIXTURES / "checklist.yaml"), reports_dir=reports
    )
    try:
        assert setup.created and setup.warnings == []
        assert setup.path == reports / "article.worksheet.yaml"
        ref = setup.session.worksheet.checklist
        assert ref.source == checklist_reference(str(FIXTURES / "checklist.yaml"), setup.path)
        assert (reports / ref.source).resolve() == (FIXTURES / "checklist.yaml").resolve()
    finally:
        setup.session.close()
    with pytest.raises(FactcheckError) as info:
        open_review(str(article), checklist="quick", reports_dir=reports)
    assert str(info.value) == (
        "this worksheet uses checklist 'review-test', not 'quick'; leave out --checklist to "
        "continue it, or start a second worksheet for 'quick' in its own folder: "
        f"factcheck review {article} --checklist quick --reports-dir {reports / 'quick'}"
    )
    article.write_text(article.read_text(encoding="utf-8") + "A late line.\n", encoding="utf-8")
    again = open_review(str(article), reports_dir=reports)
    try:
        assert not again.created and again.checklist.id == "review-test"
        assert again.warnings[0].startswith("the article changed since this worksheet was made")
    finally:
        again.session.close()
    assert checklist_reference("quick", setup.path) == "quick"


# --- evidence offered by the tool (a case's other reports) ----------------------------------------


def test_offered_evidence_is_shown_on_its_question_and_recorded_when_accepted(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.review.hints import ClaimHints, EvidenceOffer
    from factcheck.review.prompts import AcceptOffer

    offer = EvidenceOffer(
        question="corroborated",
        label="Valley Herald, 2024-03-01: agrees; independent (traces back to the mayor)",
        evidence="case:articles/herald.txt",
        note="Also reported by Valley Herald: \u201c40 engineers repaired the dam.\u201d",
    )
    lines = ("Case dam: 2 reports from 2 independent chains.",)
    hints = {"c2": ClaimHints(lines=lines, offers=(offer,))}
    _, asker, saved = review(
        worksheet,
        checklist,
        [AcceptOffer(2), AcceptOffer(1), AcceptOffer(1), Quit()],
        claims=["c2"],
        hints=hints,
    )
    first = asker.prompts[0]
    assert first.question.id != "corroborated" and first.offers == ()
    assert first.hints is not None and first.hints.lines[0].startswith("Case dam")
    assert asker.prompts[1].error == "No evidence is offered on this question."
    assert saved == []


def test_accepting_an_offer_records_evidence_and_a_note_once(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.review.hints import ClaimHints, EvidenceOffer
    from factcheck.review.prompts import AcceptOffer

    offer = EvidenceOffer(
        question="primary_source",
        label="Valley Herald: agrees",
        evidence="case:articles/herald.txt",
        note="Also reported by Valley Herald.",
    )
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [AcceptOffer(3), AcceptOffer(1), AcceptOffer(1), Quit()],
        claims=["c2"],
        hints={"c2": ClaimHints(offers=(offer,))},
    )
    assert asker.prompts[1].error == "No offer 3: choose 1 to 1."
    assert [(c.action, c.question, c.new) for _, c in saved] == [
        (Action.EVIDENCE, "primary_source", "case:articles/herald.txt"),
        (Action.NOTE, "primary_source", "Also reported by Valley Herald."),
    ]
    answer = outcome.worksheet.entry("c2").answers["primary_source"]
    assert answer.evidence == ("case:articles/herald.txt",)
    assert answer.note == "Also reported by Valley Herald."


def test_the_offer_key_asks_which_report_to_record(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.review.hints import ClaimHints, EvidenceOffer
    from factcheck.review.prompts import AcceptOffer

    class Keys:
        def __init__(self) -> None:
            self.keys = ["m"]
            self.lines = ["1"]

        def read_key(self) -> str:
            return self.keys.pop(0)

        def read_line(self, label: str) -> str | None:
            return self.lines.pop(0)

    offer = EvidenceOffer("primary_source", "Valley Herald: agrees", "case:a.txt", "Note.")
    prompt_holder: list[Prompt] = []

    class Capture(ScriptedAsker):
        def ask(self, prompt: Prompt) -> Response:
            prompt_holder.append(prompt)
            return Quit()

    run_review(
        worksheet,
        checklist,
        Capture([], []),
        lambda ws, change: None,
        reviewer="ana",
        claims=["c2"],
        hints={"c2": ClaimHints(offers=(offer,))},
    )
    console = Console(width=100, file=io.StringIO(), color_system=None)
    asker = TerminalAsker(console, Keys(), clear=False)
    assert asker.ask(prompt_holder[0]) == AcceptOffer(1)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Other reports (m, then the number, records one as evidence):" in shown
    assert "  1. Valley Herald: agrees" in shown


# --- corrections, the verdict step and the report's parts ----------------------------------------


def test_corrections_are_recorded_and_replayed(worksheet: Worksheet, checklist: Checklist) -> None:
    from factcheck.review.journal import replay_journal
    from factcheck.review.worksheet_yaml import dump_worksheet, parse_worksheet

    text = worksheet.document.text
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [
            Correct(Action.SPEAKER, "The interior ministry"),
            Correct(Action.ROLE, "the government's spokesman"),
            Correct(Action.ADD_HOP, "Kan news", position=0),
            Correct(Action.REMOVE_HOP, "Nobody"),
            Correct(Action.DROP),
            Correct(Action.ADD_CLAIM, position=text.index("Roads stayed closed")),
            Quit(),
        ],
        claims=["c1"],
    )
    assert asker.prompts[4].error == "No hop 'Nobody' on the chain (hops: Kan news)."
    assert asker.prompts[5].error == "Dropping a claim needs a reason."
    ws = outcome.worksheet
    c1 = ws.entry("c1")
    att = c1.claim.attribution
    assert (att.speaker, att.role, att.via) == (
        "The interior ministry",
        "the government's spokesman",
        ("Kan news",),
    )
    assert c1.facts["chain.hops"] == 1
    assert c1.corrected == ("speaker", "role", "chain")
    added = ws.entry("c4")
    assert added.claim.text == "Roads stayed closed."
    assert added.corrected == ("added",)
    assert [e.id for e in ws.claims] == ["c1", "c4", "c2", "c3"]  # in article order
    assert [c.action for _, c in saved] == [
        Action.SPEAKER,
        Action.ROLE,
        Action.ADD_HOP,
        Action.ADD_CLAIM,
    ]
    # The journal replays to the same worksheet, and the YAML keeps every correction.
    assert replay_journal(worksheet, [c for _, c in saved], Path("j")) == ws
    assert parse_worksheet(dump_worksheet(ws), "x.yaml", checklist) == ws


def test_split_merge_and_drop(worksheet: Worksheet, checklist: Checklist) -> None:
    c2 = worksheet.entry("c2").claim
    at = c2.start + c2.text.index("according")
    outcome, _, saved = review(
        worksheet,
        checklist,
        [
            Correct(Action.SPLIT, position=at),
            Correct(Action.MERGE, "c4"),
            Skip(),
            Correct(Action.DROP, reason="A reporter's own count, not a claim to check."),
        ],
        claims=["c2", "c3"],
    )
    after_split = saved[0][0]
    assert after_split.entry("c2").claim.text == (
        "The ministry told Al-Manar that 12 drones were shot down,"
    )
    assert after_split.entry("c4").claim.text == "according to the channel."
    assert after_split.entry("c4").claim.attribution == c2.attribution
    ws = outcome.worksheet
    assert ws.entry("c2").claim.text == c2.text  # merged back
    assert ws.entry("c2").corrected == ("split", "merged")
    assert ws.entry("c4").dropped == "merged into c2"
    assert ws.entry("c3").dropped == "A reporter's own count, not a claim to check."
    assert [c.action for _, c in saved] == [
        Action.SPLIT,
        Action.MERGE,
        Action.SKIP,
        Action.DROP,
    ]
    assert outcome.dropped == ("c4", "c3") and outcome.finished


def test_verdict_step_records_a_conclusion_and_an_override(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, asker, saved = review(
        worksheet,
        checklist,
        [Reply("yes"), Reply("no"), Accept(), Accept()],
        verdicts=[
            OverrideVerdict("disputed", " "),
            Conclude("The register lists 300 evacuees."),
            Back(),
            Accept(),
        ],
        claims=["c1"],
        publication={"title": "Evacuation checked", "bottom_line": "It holds."},
    )
    steps = asker.verdict_prompts
    assert steps[1].error == "An override needs a reason."
    assert asker.asked[-1] == "c1.confidence"  # b on the verdict step goes back a question
    ws = outcome.worksheet
    assert ws.entry("c1").conclusion == "The register lists 300 evacuees."
    assert ws.publication.title == "Evacuation checked"
    assert ws.publication.bottom_line == "It holds." and ws.publication.summary is None
    assert [(c.claim, c.action, c.question) for _, c in saved][-2:] == [
        ("article", Action.PUBLICATION, "title"),
        ("article", Action.PUBLICATION, "bottom_line"),
    ]


def test_verdict_screen_says_why_in_words(worksheet: Worksheet, checklist: Checklist) -> None:
    _, asker, _ = review(worksheet, checklist, [Reply("yes"), Reply("no"), Accept()], claims=["c1"])
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(render_verdict(asker.verdict_prompts[0]))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Claim 1/1 · verdict" in text
    assert "Supported" in text
    assert "(primary source: yes; partisan outlet: no)" in text
    assert "none yet (Enter asks for one line)" in text
    assert text.rstrip().endswith(
        "Enter accept · c conclusion · o override · r correct claim · b back · q quit"
    )


def test_offered_answer_on_a_finding_is_taken_only_with_its_key(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.review.prompts import Suggestion

    prompt = first_prompt(worksheet, checklist)
    offered = replace(
        prompt,
        suggestion=Suggestion("yes", "case.independent_matches = 2", offered=True),
    )
    assert format_legend(question_legend(offered)).startswith("Enter leave open · ")
    assert response_for_key("t", offered) == TakeOffer()
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(render_prompt(offered))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "offered: yes   (t takes it; Enter does not)" in text
    assert "why: case.independent_matches = 2" in text
    assert "t take offer" in text


def test_context_shows_sentences_with_furniture_dimmed() -> None:
    from factcheck.render.review import highlight_claim
    from factcheck.review.journal import load_worksheet as load

    seed = load(Path(__file__).parents[2] / "reports" / "seed-article.worksheet.yaml")
    entry = seed.entry("c1")
    shown = highlight_claim(seed.document, entry).plain
    # The byline the segmenter separated is on a line of its own, marked, not glued to the body.
    assert "\n[byline] By Sharon Wrobel, The Algemeiner\n" in shown
    assert "is Iran.”◀" in shown and "AlgemeinerSenior" not in shown
    compact = highlight_claim(seed.document, entry, compact=True).plain
    assert compact.startswith("▶On May 20, Netanyahu showed") and "[byline]" not in compact


def test_answers_file_sets_conclusions_corrections_and_the_report_parts(
    tmp_path: Path, worksheet: Worksheet, checklist: Checklist
) -> None:
    path = write_answers(
        tmp_path,
        "c1:\n  primary_source: yes\n  conclusion: Confirmed by the register.\n"
        "  speaker: The mayor's office\n"
        "c3:\n  drop: A reporter's own count.\n"
        "article:\n  title: Evacuation checked\n  summary: Officials report 300 evacuees.\n"
        "  url: https://example.org/evacuation\n",
    )
    script = read_answers(path, worksheet, checklist)
    outcome = apply_answers(worksheet, checklist, script, lambda ws, c: None, reviewer="bot")
    ws = outcome.worksheet
    assert ws.entry("c1").conclusion == "Confirmed by the register."
    assert ws.entry("c1").claim.attribution.speaker == "The mayor's office"
    assert ws.entry("c3").dropped == "A reporter's own count."
    assert ws.publication.url == "https://example.org/evacuation"
    again = apply_answers(ws, checklist, script, lambda ws, c: None, reviewer="bot")
    assert again.changes == 0
    bad = write_answers(tmp_path, "article:\n  url: example.org\n")
    with pytest.raises(ReviewError) as info:
        read_answers(bad, worksheet, checklist)
    assert str(info.value) == f"{bad}:2: article.url: expected an http(s) URL, got 'example.org'"


def test_a_reviewer_name_is_one_line_of_plain_text(
    worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name goes into every answer, the audit log and the published report's byline.
    from factcheck.review.reviewer import resolve_reviewer

    for name in ("Ana\nLima", "Ana\x1b[2J"):
        with pytest.raises(ReviewError) as info:
            resolve_reviewer(name, worksheet, None)
        assert str(info.value) == f"--reviewer: expected a name on one line, got {name!r}"
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Bo\tBell")
    with pytest.raises(ReviewError) as info:
        resolve_reviewer(None, worksheet, None)
    assert str(info.value) == "FACTCHECK_REVIEWER: expected a name on one line, got 'Bo\\tBell'"
    assert resolve_reviewer("  Ana Lima ", worksheet, None) == "Ana Lima"
    # "ana" and "ana" with a zero-width space looked like one reviewer in compare and merge.
    for name in ("ana\u200b", "North\u202ewire", "\u2066ana\u2069"):
        with pytest.raises(ReviewError) as info:
            resolve_reviewer(name, worksheet, None)
        assert str(info.value) == (
            f"--reviewer: expected a name without invisible characters, got {name!r}"
        )
    persian = "\u0645\u0631\u06cc\u0645\u200c\u0647\u0627"  # a joiner inside a word
    assert resolve_reviewer(persian, worksheet, None) == persian


def test_the_reviewer_is_never_the_login(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.review.reviewer import config_path, resolve_reviewer

    monkeypatch.delenv("FACTCHECK_REVIEWER")
    with pytest.raises(ReviewError) as info:
        resolve_reviewer(None, worksheet, None)
    assert str(info.value) == (
        "no reviewer named: give --reviewer NAME (remembered with the worksheet), set "
        f"FACTCHECK_REVIEWER, or write 'reviewer: NAME' in {config_path()}"
    )
    assert resolve_reviewer(None, worksheet, lambda: "  Ana Lima ") == "Ana Lima"
    assert config_path().read_text(encoding="utf-8") == "reviewer: Ana Lima\n"
    assert resolve_reviewer(None, worksheet, None) == "Ana Lima"  # from the config now
    remembered = replace(worksheet, publication=replace(worksheet.publication, reviewer="Bo"))
    assert resolve_reviewer(None, remembered, None) == "Bo"
    assert resolve_reviewer("Cy", remembered, None) == "Cy"
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Di")
    assert resolve_reviewer(None, remembered, None) == "Di"


def test_ctrl_c_at_a_part_of_the_report_keeps_the_parts_written_before_it(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    # The parts were recorded only when all three had been asked: Ctrl-C at the summary lost
    # the title the reviewer had already entered.
    console = Console(width=100, file=io.StringIO(), color_system=None)

    class StopsAtTheSummary(FakeKeyboard):
        def read_line(self, label: str) -> str | None:
            if label.startswith("What the article says"):
                raise KeyboardInterrupt
            return super().read_line(label)

    keys = StopsAtTheSummary("yn\r\r\r", ["", "Evacuation checked"])  # no conclusion yet
    terminal = TerminalAsker(console, keys, clear=False)
    saved: list[tuple[Worksheet, Change]] = []
    with pytest.raises(KeyboardInterrupt):
        run_review(
            worksheet,
            checklist,
            terminal,
            lambda ws, change: saved.append((ws, change)),
            reviewer="ana",
            now=lambda: AT,
            claims=["c1"],
        )
    assert [(c.claim, c.action, c.question, c.new) for _, c in saved][-1] == (
        "article",
        Action.PUBLICATION,
        "title",
        "Evacuation checked",
    )
    assert saved[-1][0].publication.title == "Evacuation checked"


@pytest.mark.parametrize("typed", ["²", "\u0663", "9" * 5000, "\uff11"])
def test_a_number_prompt_takes_only_ascii_digits(
    worksheet: Worksheet, checklist: Checklist, typed: str
) -> None:
    # '²' is a digit to str.isdigit but not to int, and int refuses 5,000 digits: both ended
    # the review with an internal error.
    prompt = first_prompt(worksheet, checklist)
    console = Console(width=100, file=io.StringIO(), color_system=None)

    def ask(keys: str, lines: Sequence[str | None]) -> Response:
        return TerminalAsker(console, FakeKeyboard(keys, lines), clear=False).ask(prompt)

    assert ask("o", [typed, "Thin"]) == OverrideVerdict(typed, "Thin")  # not a level: refused
    assert ask("r", ["h", "Kan news", typed]) == Correct(Action.ADD_HOP, "Kan news", position=0)
    assert ask("o", ["2", "Thin"]) == OverrideVerdict("unproven", "Thin")


def test_the_whole_chain_is_typed_in_one_line(worksheet: Worksheet, checklist: Checklist) -> None:
    prompt = first_prompt(worksheet, checklist)  # c2, through Al-Manar
    console = Console(width=200, file=io.StringIO(), color_system=None)
    labels: list[str] = []

    class Labelled(FakeKeyboard):
        def read_line(self, label: str) -> str | None:
            labels.append(label)
            return super().read_line(label)

    def ask(line: str) -> Response:
        return TerminalAsker(console, Labelled("r", ["c", line]), clear=False).ask(prompt)

    assert ask("Reuters; AP  news;") == Correct(Action.CHAIN, "Reuters\nAP news")
    assert ask("Reuters \u2192 AP") == Correct(Action.CHAIN, "Reuters\nAP")
    assert ask("") == Correct(Action.CHAIN, "Al-Manar")  # Enter: the chain as it is
    assert ask(" - ") == Correct(Action.CHAIN, None)  # none
    assert "c chain" in console.file.getvalue()  # type: ignore[attr-defined]
    assert labels[:2] == [
        "Which (empty to cancel): ",
        "Chain (now Al-Manar): the hops nearest the article first, separated by ';' "
        "(Enter: keep it; '-': none): ",
    ]


def test_typing_the_chain_it_has_records_nothing(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    outcome, _, saved = review(
        worksheet,
        checklist,
        [Correct(Action.CHAIN, "Al-Manar"), Correct(Action.CHAIN, "Reuters\nAl-Manar"), Quit()],
        claims=["c2"],
    )
    assert [(c.action, c.old, c.new) for _, c in saved] == [
        (Action.CHAIN, "Al-Manar", "Reuters\nAl-Manar")
    ]
    assert outcome.worksheet.entry("c2").claim.attribution.via == ("Reuters", "Al-Manar")


@pytest.mark.parametrize("odd", ["c\u00b2", "c" + "9" * 5000, "claim-x"])
def test_a_claim_added_beside_a_hand_edited_claim_id_gets_the_next_number(
    worksheet: Worksheet, checklist: Checklist, odd: str
) -> None:
    # A hand-edited id 'c²' ended the review with an internal error when a claim was added.
    claims = tuple(
        replace(e, claim=replace(e.claim, id=odd)) if e.id == "c3" else e for e in worksheet.claims
    )
    edited = replace(worksheet, claims=claims)
    text = worksheet.document.text
    outcome, _, _ = review(
        edited,
        checklist,
        [Correct(Action.ADD_CLAIM, position=text.index("Roads stayed closed")), Quit()],
        claims=["c1"],
    )
    assert [e.id for e in outcome.worksheet.claims] == ["c1", "c3", "c2", odd]
    assert outcome.worksheet.entry("c3").claim.text == "Roads stayed closed."


def test_ctrl_c_at_a_later_line_of_a_command_gives_back_the_lines_before_it(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    # A hop's name was entered, then Ctrl-C at its position: the name was lost unseen.
    from factcheck.review.keys import LineInterrupted

    prompt = first_prompt(worksheet, checklist)
    console = Console(width=100, file=io.StringIO(), color_system=None)

    class Interrupted(FakeKeyboard):
        def read_line(self, label: str) -> str | None:
            if not self.lines:
                raise LineInterrupted(label.strip(), "2")
            return super().read_line(label)

    asker = TerminalAsker(console, Interrupted("r", ["h", "Kan news"]), clear=False)
    with pytest.raises(LineInterrupted) as caught:
        asker.ask(prompt)
    assert (caught.value.label, caught.value.typed) == (
        "Which (empty to cancel): h; Hop to add (the outlet or person the claim passed "
        "through): Kan news; Position, 0 nearest the article (0-1, Enter 0):",
        "2",
    )
    asker = TerminalAsker(console, Interrupted("o", ["2"]), clear=False)
    with pytest.raises(LineInterrupted) as caught:
        asker.ask(prompt)
    assert (caught.value.label, caught.value.typed) == (
        "Override verdict (number or id, empty to cancel): 2; Reason (required):",
        "2",
    )

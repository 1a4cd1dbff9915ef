"""End-to-end tests of `factcheck review`: a real pseudo-terminal, SIGKILL, the lock, --answers."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from inprocess import run_cli
from stderr_terminal import with_stderr_on_a_terminal

from factcheck.checklist.load import load_checklist
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet import Action, journal_path, lock_path
from factcheck.review.worksheet_yaml import parse_worksheet

FIXTURES = Path(__file__).parents[1] / "fixtures" / "review"
REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
SEED_ANSWERS = REPO / "examples" / "seed-answers.yaml"
END_OF_SCREEN = "q quit"


@pytest.fixture
def worksheet(tmp_path: Path) -> Path:
    """The evacuation worksheet and its checklist, side by side in a scratch folder."""
    shutil.copy(FIXTURES / "checklist.yaml", tmp_path / "checklist.yaml")
    text = (FIXTURES / "evacuation.worksheet.yaml").read_text(encoding="utf-8")
    text = text.replace("source: tests/fixtures/review/checklist.yaml", "source: checklist.yaml")
    path = tmp_path / "evacuation.worksheet.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(COLUMNS="120", LINES="50", TERM="xterm", FACTCHECK_REVIEWER="ana")
    return env


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``factcheck review ARGS`` run in this process, for tests not about the process itself."""
    env = {"COLUMNS": "120", "LINES": "50", "TERM": "xterm", "FACTCHECK_REVIEWER": "ana"}
    return run_cli("--color", "never", "review", *args, cwd=cwd, env=env)


class Terminal:
    """`factcheck review` on a pseudo-terminal."""

    def __init__(self, *args: str, cwd: Path, named: bool = True) -> None:
        env = environment()
        if not named:  # nobody named anywhere: review asks for the name
            del env["FACTCHECK_REVIEWER"]
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "factcheck", "--color", "never", "review", *args],
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=30,
            dimensions=(50, 120),
        )
        self.child.delaybeforesend = None  # each key waits for its screen instead

    def screen(self, *texts: str) -> None:
        """Wait for a whole question screen showing each text, in order."""
        for text in texts:
            self.child.expect_exact(text)
        self.child.expect_exact(END_OF_SCREEN)

    def press(self, key: str, *then: str) -> None:
        self.child.send(key)
        self.screen(*then)

    def finish(self) -> tuple[str, int]:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None
        return str(self.child.before), self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def open_terminal(terminals: list[Terminal], *args: str, cwd: Path, named: bool = True) -> Terminal:
    terminal = Terminal(*args, cwd=cwd, named=named)
    terminals.append(terminal)
    return terminal


def answers_of(path: Path) -> dict[str, dict[str, str | None]]:
    ws = load_worksheet(path)
    return {e.id: {q: a.value for q, a in e.answers.items()} for e in ws.claims if e.answers}


def test_pty_answer_back_note_interrupt_resume_finish(
    worksheet: Path, terminals: list[Terminal]
) -> None:
    folder = worksheet.parent
    term = open_terminal(terminals, worksheet.name, cwd=folder)
    term.screen("Claim 1/3 · question 1/4 · 0 claims done", "suggested: yes")
    term.press("n", "Q2/4 Is any outlet on the claim's chain partisan?")
    term.press("b", "Q1/4", "current answer: no   (Enter keeps it)")
    term.press("y", "Q2/3")
    term.child.send("N")
    term.child.expect_exact("Note: ")
    term.child.send("checked the register\r")
    term.screen("note: checked the register")
    term.press("n", "Claim 1/3 · question 3/3 · 1 claim done")
    term.child.sendintr()
    output, status = term.finish()
    assert status == 130
    assert "Saved. Resume with: factcheck review evacuation.worksheet.yaml" in output
    assert not journal_path(worksheet).exists()  # compacted on the way out
    saved = parse_worksheet(worksheet.read_text(encoding="utf-8"))
    assert answers_of(worksheet) == {"c1": {"primary_source": "yes", "partisan_outlet": "no"}}
    assert saved.entry("c1").answers["partisan_outlet"].note == "checked the register"
    assert [(c.question, c.old, c.new) for c in saved.audit] == [
        ("reviewer", None, "ana"),  # remembered with the worksheet
        ("primary_source", None, "no"),
        ("primary_source", "no", "yes"),
        ("partisan_outlet", None, "checked the register"),
        ("partisan_outlet", None, "no"),
    ]
    assert {c.reviewer for c in saved.audit} == {"ana"}

    term = open_terminal(terminals, worksheet.name, cwd=folder)
    term.screen("Claim 1/3 · question 3/3")  # resumes at the first unanswered question
    term.press("4", "Claim 1/3 · verdict", "Supported", "none yet (Enter asks for one line)")
    term.child.send("\r")  # accept the verdict; a one-line conclusion is asked for
    term.child.expect_exact("Conclusion in one line (Enter leaves it for later): ")
    term.child.send("The register lists 300 evacuees.\r")
    term.screen("Claim 2/3 · question 1/4")
    for key in ["n", "\r", "y", "\r"]:
        term.press(key)
    term.child.send("\r")  # the verdict of c2
    term.child.expect_exact("Conclusion in one line")
    term.child.send("\r")  # left for later
    term.screen("Claim 3/3 · question 1/4")
    for key in ["y", "n", "2"]:
        term.press(key)
    term.child.send("\r")
    term.child.expect_exact("Conclusion in one line")
    term.child.send("\r")
    term.child.expect_exact("Title: ")
    term.child.send("Evacuation figures checked\r")
    term.child.expect_exact("What the article says, in two or three sentences: ")
    term.child.send("\r")
    term.child.expect_exact("Bottom line: what holds up, what does not: ")
    term.child.send("The figures hold up.\r")
    output, status = term.finish()
    assert status == 0, output
    assert answers_of(worksheet) == {
        "c1": {"primary_source": "yes", "partisan_outlet": "no", "confidence": "4"},
        "c2": {"primary_source": "no", "partisan_outlet": "yes", "corroborated": "yes"},
        "c3": {
            "primary_source": "yes",
            "partisan_outlet": "no",
            "confidence": "2",
        },
    }
    done = load_worksheet(worksheet)
    assert done.entry("c1").conclusion == "The register lists 300 evacuees."
    assert done.entry("c2").conclusion is None
    assert (done.publication.title, done.publication.summary) == (
        "Evacuation figures checked",
        None,
    )
    assert done.publication.bottom_line == "The figures hold up."
    assert done.publication.reviewer == "ana"
    assert "Supported" in output and "Not finished" not in output
    assert not lock_path(worksheet).exists()


def interrupt_while_reading(term: Terminal) -> None:
    """Ctrl-C at a line's prompt, once the line is being read. The prompt is printed just before
    the read starts: a Ctrl-C in between is taken by Python before it waits for the line, and
    the read then waits for ever. A user's key is never that quick."""
    time.sleep(0.5)
    term.child.sendintr()


def test_pty_interrupt_while_typing_a_note_keeps_the_answers(
    worksheet: Path, terminals: list[Terminal]
) -> None:
    folder = worksheet.parent
    term = open_terminal(terminals, worksheet.name, cwd=folder)
    term.screen("Claim 1/3 · question 1/4")
    term.press("y", "Q2/3")
    term.child.send("N")
    term.child.expect_exact("Note: ")
    term.child.send("half a nx\x7fo")  # the terminal's own editing: x rubbed out
    term.child.expect_exact("half a nx\b \bo")
    interrupt_while_reading(term)
    output, status = term.finish()
    assert status == 130
    # The message used to follow the typed text on the prompt's line: "half a no^CSaved. ..."
    # and the typed text, never entered, was lost with the terminal's unfinished line.
    assert output == (
        "^C\r\nSaved. Resume with: factcheck review evacuation.worksheet.yaml\r\n"
        "Not saved (Ctrl-C came before Enter): Note: half a no\r\n"
    )
    assert answers_of(worksheet) == {"c1": {"primary_source": "yes"}}  # the line was not given
    assert list(load_worksheet(worksheet).entry("c1").answers) == ["primary_source"]  # no note


def test_pty_interrupt_on_an_empty_line_prompt_says_only_saved(
    worksheet: Path, terminals: list[Terminal]
) -> None:
    term = open_terminal(terminals, worksheet.name, cwd=worksheet.parent)
    term.screen("Claim 1/3 · question 1/4")
    term.child.send("e")
    term.child.expect_exact("Evidence URL: ")
    interrupt_while_reading(term)
    output, status = term.finish()
    assert status == 130
    assert output == "^C\r\nSaved. Resume with: factcheck review evacuation.worksheet.yaml\r\n"


def test_sigkill_mid_review_keeps_every_confirmed_answer(
    worksheet: Path, terminals: list[Terminal]
) -> None:
    folder = worksheet.parent
    before = worksheet.read_text(encoding="utf-8")
    term = open_terminal(terminals, worksheet.name, cwd=folder)
    term.screen("Claim 1/3 · question 1/4")
    term.press("u", "Q2/4")
    term.press("\r", "Q3/4")  # the suggestion, accepted
    term.child.send("e")
    term.child.expect_exact("Evidence URL: ")
    term.child.send("https://example.org/register\r")
    term.screen("evidence: https://example.org/register")
    term.press("y", "Q4/4")

    # While it runs, a second review of the same worksheet is refused.
    second = run(worksheet.name, "--answers", "none.yaml", "--no-input", cwd=folder)
    assert second.returncode == 1
    assert second.stderr == (
        f"Error: {worksheet.name} is already open in another review "
        f"(pid {term.child.pid} on {socket.gethostname()}); finish or quit that review first\n"
    )

    term.child.send("3")  # the keystroke in flight when the process dies
    term.child.kill(signal.SIGKILL)
    term.child.wait()

    assert worksheet.read_text(encoding="utf-8") == before  # never rewritten: the journal has it
    answers = answers_of(worksheet)["c1"]
    assert {k: v for k, v in answers.items() if k != "confidence"} == {
        "primary_source": "unclear",
        "partisan_outlet": "no",
        "corroborated": "yes",
    }
    c1 = load_worksheet(worksheet).entry("c1")
    assert c1.answers["corroborated"].evidence == ("https://example.org/register",)
    assert c1.answers["partisan_outlet"].prefill_accepted

    term = open_terminal(terminals, worksheet.name, cwd=folder)
    confirmed = "confidence" in answers  # the keystroke in flight made it, or it did not
    term.screen("Claim 2/3 · question 1/4" if confirmed else "Claim 1/3 · question 4/4")
    term.child.send("q")
    _, status = term.finish()
    assert status == 0
    assert parse_worksheet(worksheet.read_text(encoding="utf-8")) == load_worksheet(worksheet)
    assert not journal_path(worksheet).exists()


def test_without_a_terminal_or_answers_review_exits_2(worksheet: Path) -> None:
    for extra in ((), ("--no-input",)):
        result = run(worksheet.name, *extra, cwd=worksheet.parent)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "Error: review needs a terminal to ask questions; use --answers FILE --no-input\n"
        )


def test_no_input_sets_the_report_parts_without_answers(worksheet: Path) -> None:
    # What the report's "To do before publishing" tells a user to run, in a script too.
    result = run(
        worksheet.name,
        "--no-input",
        "--title",
        "A made-up title",
        "--url",
        "https://example.org/story",
        cwd=worksheet.parent,
    )
    assert (result.returncode, result.stderr) == (0, f"Saved {worksheet.name}\n")
    publication = load_worksheet(worksheet).publication
    assert (publication.title, publication.url) == (
        "A made-up title",
        "https://example.org/story",
    )


def test_comments_the_next_save_drops_are_warned_of_before_the_review(worksheet: Path) -> None:
    # A reviewer's "# checked with the ministry" was gone after the next save, unannounced.
    text = worksheet.read_text(encoding="utf-8")
    commented = (
        text.replace("- id: c2\n", "# checked with the ministry\n- id: c2\n", 1)
        .replace("  skipped: false\n", "  skipped: false  # for now\n", 1)
        # A '#' in the article's text or in a quoted string is not a comment.
        .replace("    Evacuation ordered\n", "    #vacuation ordered\n", 1)
        .replace("  title: Evacuation ordered\n", "  title: 'Evacuation #1'\n", 1)
    )
    worksheet.write_text(commented, encoding="utf-8")
    answers = worksheet.parent / "answers.yaml"
    answers.write_text("c1:\n  primary_source: yes\n", encoding="utf-8")
    result = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert (result.returncode, result.stderr) == (
        0,
        "Warning: evacuation.worksheet.yaml: saving the worksheet will not keep its 2 comment "
        "lines; write notes in an answer's note (key N) and evidence URLs in its evidence "
        "(key e) instead\n"
        "Saved evacuation.worksheet.yaml\n",
    )
    saved = worksheet.read_text(encoding="utf-8")
    assert "checked with the ministry" not in saved
    assert "    #vacuation ordered\n" in saved
    # Saved by the tool, the worksheet holds no comment: the next review says nothing.
    again = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert (again.returncode, again.stderr) == (0, "Saved evacuation.worksheet.yaml\n")


def test_hand_broken_worksheet_is_one_precise_error_line(worksheet: Path) -> None:
    text = worksheet.read_text(encoding="utf-8").replace(
        "  skipped: false\n", "  skipped: no!\n", 1
    )
    worksheet.write_text(text, encoding="utf-8")
    answers = worksheet.parent / "answers.yaml"
    answers.write_text("c1:\n  primary_source: yes\n", encoding="utf-8")
    result = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: evacuation.worksheet.yaml:41: claims[0].skipped: expected true or false, "
        "got 'no!'\n"
    )


def test_answers_file_errors_are_reported_before_anything_is_saved(worksheet: Path) -> None:
    answers = worksheet.parent / "answers.yaml"
    answers.write_text("c1:\n  primary_source: yes\nc2:\n  primary_source: maybe\n")
    result = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: answers.yaml:4: c2.primary_source: expected one of yes, no, unclear, got 'maybe'\n"
    )
    assert answers_of(worksheet) == {}


def evidence_answers(path: Path, count: int) -> None:
    urls = ", ".join(f"https://e.example/{n}" for n in range(count))
    path.write_text(f"c1:\n  primary_source:\n    value: yes\n    evidence: [{urls}]\n")


def test_an_answer_with_more_evidence_than_one_answer_takes_is_one_error_line(
    worksheet: Path,
) -> None:
    # 50,000 URLs in one answer ran for minutes, writing a journal line and an fsync each.
    evidence_answers(worksheet.parent / "answers.yaml", 50_000)
    result = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: answers.yaml:4: c1.primary_source.evidence: expected at most 1,000 URLs, "
        "got 50,000\n"
    )
    assert answers_of(worksheet) == {}


def test_an_answer_with_the_most_evidence_one_answer_takes_is_saved_whole(
    worksheet: Path,
) -> None:
    evidence_answers(worksheet.parent / "answers.yaml", 1000)
    result = run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)
    assert (result.returncode, result.stderr) == (0, "Saved evacuation.worksheet.yaml\n")
    saved = parse_worksheet(worksheet.read_text(encoding="utf-8"))
    evidence = saved.entry("c1").answers["primary_source"].evidence
    assert evidence == tuple(f"https://e.example/{n}" for n in range(1000))
    actions = [c.action for c in saved.audit]  # the reviewer's name, the answer, the evidence
    assert actions == [Action.PUBLICATION, Action.ANSWER] + [Action.EVIDENCE] * 1000
    assert [c.seq for c in saved.audit] == list(range(1, 1003))
    assert not journal_path(worksheet).exists()


def test_an_empty_checklist_name_is_refused_not_replaced_by_the_default(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    args = ("--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(reports))
    result = run(str(SEED), "--checklist", "", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: empty checklist name (built-in: admiralty, craap, quick, sift); give a name or "
        "the path to a YAML file\n"
    )
    assert not reports.exists() or not any(reports.iterdir())


def test_a_worksheet_linked_from_a_shared_folder_is_reviewed_where_it_is(tmp_path: Path) -> None:
    reports, shared = tmp_path / "reports", tmp_path / "shared"
    args = ("--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(reports))
    assert run(str(SEED), *args, cwd=tmp_path).returncode == 0
    shared.mkdir()
    kept = shared / "seed-article.worksheet.yaml"
    (reports / kept.name).replace(kept)
    (reports / kept.name).symlink_to(kept)
    title = ("--no-input", "--reports-dir", str(reports), "--title", "Iran's role, checked")
    result = run(str(SEED), *title, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, f"Saved {reports / kept.name}\n")
    # The link stays a link, and the file it points to has the new title.
    assert (reports / kept.name).is_symlink()
    assert sorted(p.name for p in reports.iterdir()) == [kept.name]
    assert load_worksheet(kept).publication.title == "Iran's role, checked"
    report = run_cli("report", str(reports / kept.name), "-f", "markdown", "-o", "-", cwd=tmp_path)
    assert "Iran's role, checked" in report.stdout


def test_a_linked_worksheet_finds_its_checklist_from_the_file_it_points_to(
    tmp_path: Path,
) -> None:
    # The team's worksheet and checklist live in a shared folder; reports/ holds a link.
    team, reports = tmp_path / "team", tmp_path / "reports"
    (team / "checklists").mkdir(parents=True)
    desk = team / "checklists" / "desk.yaml"
    shutil.copyfile(REPO / "checklists" / "quick.yaml", desk)
    args = ("--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(team / "shared"))
    assert run(str(SEED), "--checklist", str(desk), *args, cwd=tmp_path).returncode == 0
    kept = team / "shared" / "seed-article.worksheet.yaml"
    assert "  source: ../checklists/desk.yaml\n" in kept.read_text(encoding="utf-8")
    reports.mkdir()
    (reports / kept.name).symlink_to(Path("..") / "team" / "shared" / kept.name)
    title = ("--no-input", "--reports-dir", str(reports), "--title", "Checked by the desk")
    result = run(str(SEED), *title, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, f"Saved {reports / kept.name}\n")
    assert load_worksheet(kept).publication.title == "Checked by the desk"
    report = run_cli("report", str(reports / kept.name), "-f", "markdown", "-o", "-", cwd=tmp_path)
    assert (report.returncode, report.stderr) == (0, "")
    assert "Checked by the desk" in report.stdout


def test_scripted_answers_on_the_seed_article(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    args = ("--answers", str(SEED_ANSWERS), "--no-input", "--reports-dir", str(reports))
    article = tmp_path / "seed-article.txt"
    shutil.copyfile(SEED, article)
    result = run(str(article), *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = reports.glob("*.worksheet.yaml")
    assert result.stderr == f"Saved {path}\n"
    quick = load_checklist("quick")
    ws = load_worksheet(path, quick)
    assert ws.checklist.id == "quick" and ws.checklist.sha256 == quick.sha256
    assert ws.document.sha256 and ws.document.title
    answered = [e for e in ws.claims if e.answers]
    assert len(answered) >= 3
    assert all(c.reviewer == "ana" for c in ws.audit)
    assert not journal_path(path).exists() and not lock_path(path).exists()

    again = run(str(article), *args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert load_worksheet(path, quick) == ws  # applying the same file twice changes nothing

    article.write_text(SEED.read_text(encoding="utf-8") + "\nA late correction.\n", "utf-8")
    edited = run(str(article), *args, cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert edited.stderr.startswith(
        "Warning: the article changed since this worksheet was made; "
        f"its {len(ws.claims)} claims and every answer are kept as they were\n"
    )
    assert load_worksheet(path, quick).claims == ws.claims


# --- the bundled article on a real terminal: honest keys, Enter never answers research ---------

QUESTION_END = "o override · r correct claim · q quit"
# A claim that repeats an earlier one also offers to copy its answers.
QUESTION_END_RE = r"o override · r correct claim(?: · C copy c\d+'s answers)? · q quit"
VERDICT_END = "r correct claim · b back · q quit"
CONCLUSION = "Conclusion in one line (Enter leaves it for later): "
PUBLICATION = (
    "Title: ",
    "What the article says, in two or three sentences: ",
    "Bottom line: what holds up, what does not: ",
)
COMMANDS = "? help · b back · s skip claim · N note · e evidence · o override · r correct claim"
# The answers line and the keys line of each question of the quick checklist, as shown.
QUICK_LEGENDS = {
    "Can you find the primary source": ("[1/y] yes   [2/n] no   [3/u] unclear", "leave open"),
    "Does the primary source say": ("[1/y] yes   [2/p] partly   [3/n] no", "leave open"),
    "Does at least one independent": ("[1/y] yes   [2/n] no   [3/c] contradicted", "leave open"),
    "Is any outlet or person": ("[1/y] yes   [2/n] no   [3/u] unclear", "accept suggestion"),
    "How many steps lie": (
        "[1/f] First-hand   [2] One step   [3] Two steps   [4] Three or more",
        None,
    ),
    "Is the claim hedged": ("[1/y] yes   [2/n] no", "accept suggestion"),
}


def spawn_review(*args: str, rows: int = 60, columns: int = 200) -> pexpect.spawn:
    env = environment()
    env.update(COLUMNS=str(columns), LINES=str(rows))
    child = pexpect.spawn(
        sys.executable,
        ["-m", "factcheck", "--color", "never", "review", *args],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(rows, columns),
    )
    child.delaybeforesend = None  # each key waits for its screen instead
    return child


def question_legend(screen: str, end: str = QUESTION_END) -> tuple[str, str, str]:
    """The question's words, its answers line and its keys line, from one drawn screen."""
    raw = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen).replace("\r", "").split("\n")
    lines = [line.strip() for line in raw]
    ask = next(line for line in reversed(lines) if re.match(r"Q\d+/\d+ ", line))
    answers = next(line for line in lines if line.startswith("[1"))
    keys = raw[-1].lstrip() + end
    return ask.split(" ", 1)[1], answers, keys


def test_pty_enter_alone_never_makes_a_claim_accurate(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    reports = tmp_path / "reports"
    child = spawn_review(str(SEED), "--reports-dir", str(reports))
    questions = verdicts = 0
    seen: set[str] = set()
    while True:
        patterns = [QUESTION_END_RE, *map(re.escape, [VERDICT_END, CONCLUSION, *PUBLICATION])]
        found = child.expect([*patterns, pexpect.EOF])
        if found == 0:
            questions += 1
            screen = str(child.before)
            assert "does nothing here" not in screen
            ask, answers, keys = question_legend(screen, str(child.after))
            start = next(prefix for prefix in QUICK_LEGENDS if ask.startswith(prefix))
            seen.add(start)
            expected_answers, enter = QUICK_LEGENDS[start]
            assert answers == expected_answers
            keys = re.sub(r" · C copy c\d+'s answers", "", keys)
            if enter is not None:
                assert keys == f"Enter {enter} · {COMMANDS} · q quit"
            else:
                assert keys in (
                    f"Enter leave open · {COMMANDS} · q quit",
                    f"Enter accept suggestion · {COMMANDS} · q quit",
                )
        elif found == 1:
            verdicts += 1
            assert "Enter accept · c conclusion · o override" in str(child.before) + VERDICT_END
        elif found == 3 + len(PUBLICATION):
            break
        child.send("\r")
    child.close()
    assert child.exitstatus == 0
    worksheet = load_worksheet(reports / "seed-article.worksheet.yaml")
    checklist = load_checklist("quick")
    assert verdicts == len(worksheet.claims) >= 17
    assert questions >= 4 * verdicts
    assert seen >= {"Can you find the primary source", "Does at least one independent"}
    from factcheck.review.worksheet import claim_verdict

    labels = {claim_verdict(checklist, entry).label for entry in worksheet.claims}
    assert not labels & {"Accurate", "Mostly accurate"}
    findings = ("primary_source", "original_matches", "corroborated")
    assert not any(qid in entry.answers for entry in worksheet.claims for qid in findings)
    assert worksheet.publication.reviewer == "ana"
    assert all(change.prefill for change in worksheet.audit if change.action == "answer")


def test_pty_every_listed_key_works(tmp_path: Path, terminals: list[Terminal]) -> None:
    reports = tmp_path / "reports"
    child = spawn_review(str(SEED), "--claims", "c3", "--reports-dir", str(reports))

    def screen() -> str:
        child.expect_exact(QUESTION_END)
        shown = str(child.before)
        assert "does nothing here" not in shown
        return shown

    def line(prompt: str, text: str = "") -> None:
        child.expect_exact(prompt)
        child.send(text + "\r")

    first = screen()
    assert question_legend(first)[0].startswith("Can you find the primary source")
    for key in ["1", "y", "2", "n", "3", "u"]:  # every answer key, then back
        child.send(key)
        screen()
        child.send("b")
        assert "current answer" in screen()
    for key, prompt in [
        ("N", "Note: "),
        ("e", "Evidence URL: "),
        ("o", "Override verdict (number or id, empty to cancel): "),
        ("r", "Which (empty to cancel): "),
    ]:
        child.send(key)
        line(prompt)  # an empty line cancels
        screen()
    child.send("?")
    assert "Answer yes only if you have found it" in screen()
    child.send("\r")  # keeps 'unclear'
    shown = screen()
    assert question_legend(shown)[1] == "[1/y] yes   [2/n] no   [3/c] contradicted"
    child.send("c")
    shown = screen()
    assert question_legend(shown)[0].startswith("Is any outlet or person")
    child.send("s")  # skip the rest of the claim: the review of c3 is over
    for prompt in PUBLICATION:
        line(prompt)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    entry = load_worksheet(reports / "seed-article.worksheet.yaml").entry("c3")
    assert entry.answers["primary_source"].value == "unclear"
    assert entry.answers["corroborated"].value == "contradicted"
    assert entry.skipped


def test_pty_claim_stays_pinned_on_a_24_row_terminal(tmp_path: Path) -> None:
    child = spawn_review(str(SEED), "--reports-dir", str(tmp_path), rows=24, columns=80)
    child.expect_exact(QUESTION_END[-20:])
    drawn = str(child.before).split("\x1b[2J")[-1]
    rows = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn).replace("\r", "").split("\n")
    assert len(rows) <= 24
    assert any("▶On May 20, Netanyahu showed" in row for row in rows)
    assert any(re.match(r"Claim 1/\d+ · question 1/", row.strip()) for row in rows[:2])
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()


def test_report_parts_and_the_reviewer_from_the_command_line(worksheet: Path) -> None:
    folder = worksheet.parent
    (folder / "none.yaml").write_text("{}\n", encoding="utf-8")
    common = ("--no-input", "--answers", "none.yaml")
    bad = run(worksheet.name, "--url", "example.org", *common, cwd=folder)
    assert (bad.returncode, bad.stderr) == (
        1,
        "Error: --url: expected an http(s) URL, got 'example.org'\n",
    )
    done = run(
        worksheet.name,
        "--title",
        "Evacuation figures checked",
        "--bottom-line",
        "The figures hold up.",
        "--url",
        "https://example.org/evacuation",
        *common,
        cwd=folder,
    )
    assert done.returncode == 0, done.stderr
    ws = load_worksheet(worksheet)
    assert ws.publication.title == "Evacuation figures checked"
    assert ws.publication.bottom_line == "The figures hold up."
    assert ws.publication.url == "https://example.org/evacuation"
    assert ws.publication.reviewer == "ana"
    assert [c.question for c in ws.audit] == ["title", "bottom_line", "url", "reviewer"]
    # Without a name anywhere, the review says how to give one instead of using the login.
    fresh = run_cli(
        "review",
        str(SEED),
        "--reports-dir",
        "r",
        *common,
        cwd=folder,
        env={"COLUMNS": "120", "FACTCHECK_REVIEWER": None},
    )
    assert (fresh.returncode, fresh.stdout) == (1, "")
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.yaml"
    assert fresh.stderr == (
        "Error: no reviewer named: give --reviewer NAME (remembered with the worksheet), set "
        f"FACTCHECK_REVIEWER, or write 'reviewer: NAME' in {config}\n"
    )
    # Refused before anything is written: no worksheet without a reviewer is left behind.
    assert not (folder / "r").exists()


PORT_ARTICLE = (
    "The harbour master, Dana Velmont, said on Monday that 40 ferries would stop running in "
    "May.\n\nPort spokesman Rik Aldana said the closure would cost 3 million euros.\n"
)


def test_a_new_article_shows_a_transient_status_line_on_a_terminal(tmp_path: Path) -> None:
    # A long article takes minutes to extract: the stage shows on a terminal, never in the data.
    (tmp_path / "port.txt").write_text(PORT_ARTICLE, encoding="utf-8")
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    common = ("review", "port.txt", "--answers", "none.yaml", "--no-input", "--reports-dir")
    code, out, shown = with_stderr_on_a_terminal(*common, "tty", cwd=tmp_path)
    piped = run_cli(*common, "piped", cwd=tmp_path, env={"TERM": "xterm", "COLUMNS": "100"})
    assert (piped.returncode, piped.stderr) == (0, "Saved piped/port.worksheet.yaml\n")
    assert (code, out) == (0, piped.stdout)
    # Each stage is drawn when the line is refreshed; the last, making the worksheet, always is.
    making = "\x1b[0m Extracting port.txt: writing 2 claims\r\n"
    assert shown.startswith("\x1b[?25l")
    assert shown.split(making, 1)[1].endswith("\x1b[2KSaved tty/port.worksheet.yaml\r\n")


def test_pty_interrupt_at_the_name_prompt_makes_no_worksheet(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    # It used to leave reports/port.worksheet.yaml made, with nobody's name on it.
    (tmp_path / "port.txt").write_text(PORT_ARTICLE, encoding="utf-8")
    term = open_terminal(terminals, "port.txt", "--reports-dir", "r", cwd=tmp_path, named=False)
    term.child.expect_exact("Your name, recorded with each answer: ")
    interrupt_while_reading(term)
    output, status = term.finish()
    assert status == 130
    assert output.endswith(
        "^C\r\nInterrupted before a reviewer was named; no worksheet was made.\r\n"
    )
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == []

    term = open_terminal(terminals, "port.txt", "--reports-dir", "r", cwd=tmp_path, named=False)
    term.child.expect_exact("Your name, recorded with each answer: ")
    term.child.send("Noor Haddad\r")
    term.screen("Claim 1/2 · question 1/")
    term.child.send("q")
    _, status = term.finish()
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["port.worksheet.yaml"]
    saved = load_worksheet(tmp_path / "r" / "port.worksheet.yaml")
    assert saved.publication.reviewer == "Noor Haddad"


def test_pty_interrupt_at_the_name_prompt_of_an_existing_worksheet_keeps_it(
    worksheet: Path, terminals: list[Terminal]
) -> None:
    before = worksheet.read_text(encoding="utf-8")
    term = open_terminal(terminals, worksheet.name, cwd=worksheet.parent, named=False)
    term.child.expect_exact("Your name, recorded with each answer: ")
    term.child.send("Noor")
    term.child.expect_exact("Noor")
    interrupt_while_reading(term)
    output, status = term.finish()
    assert status == 130
    assert output.endswith(
        "^C\r\nSaved. Resume with: factcheck review evacuation.worksheet.yaml\r\n"
        "Not saved (Ctrl-C came before Enter): Your name, recorded with each answer: Noor\r\n"
    )
    assert worksheet.read_text(encoding="utf-8") == before


def test_at_a_terminal_with_standard_output_redirected_review_refuses(tmp_path: Path) -> None:
    # The questions went into the file; the reviewer saw a blank terminal waiting for keys.
    command = (
        f"{shlex.quote(sys.executable)} -m factcheck review {shlex.quote(str(SEED))} > out.txt"
    )
    child = pexpect.spawn(
        "/bin/sh", ["-c", command], cwd=str(tmp_path), env=environment(), encoding="utf-8",
        timeout=60,
    )  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert str(child.before) == (
        "Error: review asks its questions on standard output, which is not a terminal; "
        "do not redirect it, or use --answers FILE --no-input\r\n"
    )
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_article_without_claims_says_there_is_nothing_to_review(tmp_path: Path) -> None:
    # It used to print the header of an empty table.
    (tmp_path / "headline.txt").write_text("Just a headline\n", encoding="utf-8")
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    done = run("headline.txt", "--answers", "none.yaml", "--no-input", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (
        0,
        "The article has no check-worthy claims: there is nothing to review.\n",
    )
    assert done.stderr == f"Saved {os.environ['FACTCHECK_REPORTS_DIR']}/headline.worksheet.yaml\n"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://jane:secret@example.org/story",
            "Error: --url: an address with a user name or password would be published with "
            "the report; give it without them\n",
        ),
        ("http://[bad", "Error: --url: invalid URL (Invalid IPv6 URL)\n"),
    ],
)
def test_an_address_that_would_publish_a_password_is_refused(
    tmp_path: Path, seed_path: Path, url: str, message: str
) -> None:
    done = run(str(seed_path), "--no-input", "--url", url, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)
    assert not (tmp_path / "reports").exists()  # no worksheet was made


@pytest.mark.parametrize("flag", ["--title", "--summary", "--bottom-line", "--url"])
def test_an_empty_part_of_the_report_is_refused_by_name(
    tmp_path: Path, seed_path: Path, flag: str
) -> None:
    done = run(str(seed_path), "--no-input", flag, " ", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        f"Error: {flag}: expected text, got an empty one\n",
    )
    assert not (tmp_path / "reports").exists()


def test_answers_file_changes_a_drop_reason_restores_and_refuses_an_empty_reason(
    worksheet: Path,
) -> None:
    answers = worksheet.parent / "answers.yaml"

    def apply(text: str) -> subprocess.CompletedProcess[str]:
        answers.write_text(text, encoding="utf-8")
        return run(worksheet.name, "--answers", "answers.yaml", "--no-input", cwd=worksheet.parent)

    def drops() -> list[tuple[str | None, str | None, str | None]]:
        audit = load_worksheet(worksheet).audit
        return [(c.old, c.new, c.reason) for c in audit if c.action is Action.DROP]

    saved = (0, f"Saved {worksheet.name}\n")
    done = apply("c1: {drop: duplicate of c2}\n")
    assert (done.returncode, done.stderr) == saved
    done = apply("c1: {drop: 'a caption, not a claim'}\n")
    assert (done.returncode, done.stderr) == saved
    assert load_worksheet(worksheet).entry("c1").dropped == "a caption, not a claim"
    assert drops() == [
        (None, None, "duplicate of c2"),
        ("duplicate of c2", None, "a caption, not a claim"),
    ]
    for _twice in range(2):  # the second restore finds the claim back and records nothing
        done = apply("c1: {drop: restore}\n")
        assert (done.returncode, done.stderr) == saved
        assert load_worksheet(worksheet).entry("c1").dropped is None
        assert drops()[2:] == [("a caption, not a claim", "restore", None)]

    before = worksheet.read_bytes()
    done = apply('c1:\n  primary_source: yes\nc2: {drop: ""}\n')
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "Error: answers.yaml:3: c2.drop: dropping a claim needs a reason\n"
    assert worksheet.read_bytes() == before


def test_own_never_writes_into_another_reviewers_worksheet_of_the_same_file_name(
    tmp_path: Path,
) -> None:
    article = tmp_path / "s.txt"
    shutil.copyfile(SEED, article)
    (tmp_path / "x.yaml").write_text('c1: {primary_source: "no", corroborated: "no"}\n')
    (tmp_path / "y.yaml").write_text('c1: {primary_source: "unclear", corroborated: "yes"}\n')

    def review(name: str, answers: str, *target: str) -> subprocess.CompletedProcess[str]:
        args = ("--reviewer", name, "--own", "--answers", answers, "--no-input")
        return run(*(target or ("s.txt",)), *args, "--reports-dir", "reports", cwd=tmp_path)

    mine = tmp_path / "reports" / "s.li-wei.worksheet.yaml"
    first = review("Li.Wei", "x.yaml")
    assert (first.returncode, first.stderr) == (0, "Saved reports/s.li-wei.worksheet.yaml\n")
    before = mine.read_bytes()
    for target in ((), ("reports/s.li-wei.worksheet.yaml",)):
        refused = review("Li Wei", "y.yaml", *target)
        assert (refused.returncode, refused.stdout) == (1, "")
        assert refused.stderr == (
            "Error: reports/s.li-wei.worksheet.yaml is Li.Wei's own worksheet, not Li Wei's; "
            "--own does not write into it: give a name of your own, e.g. --reviewer 'Li Wei 2' "
            "(it makes s.li-wei-2.worksheet.yaml)\n"
        )
        assert mine.read_bytes() == before
        assert sorted(p.name for p in mine.parent.iterdir()) == ["s.li-wei.worksheet.yaml"]

    again = review("Li.Wei", "y.yaml")  # Li.Wei resumes their own worksheet
    assert (again.returncode, again.stderr) == (0, "Saved reports/s.li-wei.worksheet.yaml\n")
    assert answers_of(mine) == {"c1": {"primary_source": "unclear", "corroborated": "yes"}}
    assert load_worksheet(mine).publication.reviewer == "Li.Wei"

    assert review("!!!", "x.yaml").returncode == 0
    refused = review("worksheet", "y.yaml")
    assert (refused.returncode, refused.stderr) == (
        1,
        "Error: reports/s.worksheet.worksheet.yaml is !!!'s own worksheet, not worksheet's; "
        "--own does not write into it: give a name of your own, e.g. --reviewer 'worksheet 2' "
        "(it makes s.worksheet-2.worksheet.yaml)\n",
    )
    assert answers_of(mine.with_name("s.worksheet.worksheet.yaml")) == {
        "c1": {"primary_source": "no", "corroborated": "no"}
    }

    # Without --own, Li Wei answers in Li.Wei's worksheet, told whose it is and how to keep one.
    shared = run(
        "s.txt",
        "--reviewer",
        "Li Wei",
        "--answers",
        "y.yaml",
        "--no-input",
        "--reports-dir",
        "reports",
        cwd=tmp_path,
    )
    assert shared.returncode == 0
    assert shared.stderr.splitlines()[0] == (
        "Warning: reports/s.li-wei.worksheet.yaml is Li.Wei's review; your answers go into it "
        "under your name. To keep your own, use --own with a name of your own, e.g. --reviewer "
        "'Li Wei 2' (it makes s.li-wei-2.worksheet.yaml)"
    )

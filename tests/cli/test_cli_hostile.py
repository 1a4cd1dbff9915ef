"""The command line under hostile and unlucky conditions: closed streams, files in the way,
unwritable folders, names shared by two articles, custom checklists, edited worksheets."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess import run_cli, run_cli_process, run_cli_within, within
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.review.journal import load_worksheet

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
ANSWERS = "c1:\n  primary_source: yes\n"


def factcheck(*args: str, cwd: Path, shell_redirect: str = "") -> subprocess.CompletedProcess[str]:
    """Run the command; with ``shell_redirect`` (such as '>&-'), in a shell that applies it."""
    if shell_redirect:
        command = [sys.executable, "-m", "factcheck", "--color", "never", *args]
        quoted = " ".join(f"'{part}'" for part in command)
        return subprocess.run(
            f"{quoted} {shell_redirect}",
            shell=True,
            cwd=cwd,
            stdout=None if shell_redirect.startswith(">") else subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    return run_cli("--color", "never", *args, cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copyfile(SEED, tmp_path / "s.txt")
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    return tmp_path


def review(project: Path, article: str, *more: str) -> subprocess.CompletedProcess[str]:
    return factcheck(
        "review",
        article,
        "--reports-dir",
        "reports",
        "--answers",
        "a.yaml",
        "--no-input",
        *more,
        cwd=project,
    )


def test_extract_with_standard_output_closed(project: Path) -> None:
    result = factcheck("extract", "s.txt", cwd=project, shell_redirect=">&-")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: standard output is closed; redirect it to a file or to /dev/null\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_extract_to_a_full_disk_is_the_system_s_error_not_a_bug(project: Path) -> None:
    result = factcheck("extract", "s.txt", "-f", "json", cwd=project, shell_redirect=">/dev/full")
    assert result.returncode == 1
    assert result.stderr == "Error: No space left on device\n"


def test_a_reader_that_stops_early_is_no_error(project: Path, known: str) -> None:
    # `factcheck factchecks search - < claims.txt | head`: the pipe closing is the reader's
    # choice, not a failure to report.
    db = known
    (project / "queries.txt").write_text("Harbour fees rose by half\n" * 20_000, encoding="utf-8")
    result = factcheck(
        "factchecks", "search", "-", "--db", db, cwd=project,
        shell_redirect="< queries.txt | head -c 100",
    )  # fmt: skip
    assert (len(result.stdout), result.stderr) == (100, "")


def test_review_with_standard_input_closed(project: Path) -> None:
    result = factcheck(
        "review", "s.txt", "--reports-dir", "reports", cwd=project, shell_redirect="<&-"
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "Error: review needs a terminal to ask questions; use --answers FILE --no-input\n"
    )


def test_a_file_where_the_reports_folder_should_be(project: Path) -> None:
    (project / "reports").write_text("", encoding="utf-8")
    result = review(project, "s.txt")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: reports/s.worksheet.lock: cannot lock the worksheet: "
        "reports: is a file, not a folder\n"
    )


def test_report_into_a_file_where_a_folder_should_be(project: Path) -> None:
    assert review(project, "s.txt").returncode == 0
    (project / "out").write_text("", encoding="utf-8")
    result = factcheck(
        "report", "reports/s.worksheet.yaml", "-f", "markdown", "-o", "out/r.md", cwd=project
    )
    assert result.returncode == 1
    assert result.stderr == "Error: out/r.md: cannot save: out: is a file, not a folder\n"


def test_an_unwritable_reports_folder_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who writes anywhere: the refusal a read-only folder gives is simulated.
    real_open = os.open

    def read_only(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if "reports" in str(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.chdir(project)
    monkeypatch.setattr(os, "open", read_only)
    result = CliRunner().invoke(
        app,
        ["review", "s.txt", "--reports-dir", "reports", "--answers", "a.yaml", "--no-input"],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: reports/s.worksheet.lock: cannot lock the worksheet: Permission denied\n"
    )


def test_answers_from_dev_null_say_what_was_expected(project: Path) -> None:
    result = factcheck(
        "review",
        "s.txt",
        "--reports-dir",
        "r",
        "--answers",
        "/dev/null",
        "--no-input",
        cwd=project,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Error: /dev/null: empty file, expected answers (claim ids with their answers)\n"
    )


def test_two_articles_with_one_name_get_two_worksheets(project: Path) -> None:
    for folder, size in (("x", None), ("y", 3000)):
        (project / folder).mkdir()
        text = SEED.read_text(encoding="utf-8")
        (project / folder / "story.txt").write_text(text[:size], encoding="utf-8")
    first = review(project, "x/story.txt")
    assert first.stderr == "Saved reports/story.worksheet.yaml\n"
    second = review(project, "y/story.txt")
    assert second.stderr.startswith(
        "Warning: reports/story.worksheet.yaml belongs to another article (x/story.txt); "
        "this one's worksheet is story-2.worksheet.yaml\n"
    )
    assert second.stderr.endswith("Saved reports/story-2.worksheet.yaml\n")
    again = review(project, "x/story.txt")  # each article comes back to its own worksheet
    assert again.stderr == "Saved reports/story.worksheet.yaml\n"
    assert load_worksheet(project / "reports" / "story.worksheet.yaml").document.source == (
        "x/story.txt"
    )
    assert load_worksheet(project / "reports" / "story-2.worksheet.yaml").document.source == (
        "y/story.txt"
    )


def test_names_in_other_scripts_are_kept(project: Path) -> None:
    for name in ("新闻.txt", "статья-日本.txt"):
        shutil.copyfile(SEED, project / name)
    assert review(project, "新闻.txt").stderr == "Saved reports/新闻.worksheet.yaml\n"
    assert review(project, "статья-日本.txt").stderr == (
        "Saved reports/статья-日本.worksheet.yaml\n"
    )


def test_report_finds_a_custom_checklist_beside_the_worksheet(project: Path) -> None:
    text = (REPO / "checklists" / "quick.yaml").read_text(encoding="utf-8")
    (project / "my.yaml").write_text(text.replace("id: quick", "id: mine", 1), encoding="utf-8")
    assert review(project, "s.txt", "--checklist", "my.yaml").returncode == 0
    from_project = factcheck("report", "reports/s.worksheet.yaml", "-f", "json", cwd=project)
    assert from_project.returncode == 0, from_project.stderr
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    from_elsewhere = factcheck("report", "../reports/s.worksheet.yaml", "-f", "json", cwd=elsewhere)
    assert from_elsewhere.returncode == 0, from_elsewhere.stderr
    assert from_elsewhere.stdout == from_project.stdout


def test_an_edited_claim_text_is_refused_showing_both(project: Path) -> None:
    assert review(project, "s.txt").returncode == 0
    path = project / "reports" / "s.worksheet.yaml"
    text = path.read_text(encoding="utf-8")
    original = load_worksheet(path).claims[0].claim.text
    head, claims = text.split("\nclaims:\n", 1)
    edited = claims.replace(original[:20], "Nobody ever said that", 1)
    path.write_text(f"{head}\nclaims:\n{edited}", encoding="utf-8")
    result = factcheck("report", str(path), cwd=project)
    assert result.returncode == 1
    assert "claims[0].text: differs from the article's text at" in result.stderr
    assert "the worksheet has 'Nobody ever said that" in result.stderr
    assert f"the article has {original[:20]!r}"[:-1] in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_journal_torn_by_a_full_disk_keeps_later_answers_and_says_what_was_lost(
    project: Path,
) -> None:
    import json

    from factcheck.review.worksheet import Action, apply_change, journal_path, make_change
    from factcheck.review.worksheet_yaml import change_record

    assert review(project, "s.txt").returncode == 0
    path = project / "reports" / "s.worksheet.yaml"
    sheet = load_worksheet(path)
    lines = []
    for claim, value in (("c2", "yes"), ("c3", "no"), ("c4", "yes")):
        change = make_change(
            sheet, claim, Action.ANSWER, reviewer="ana", question="primary_source", new=value
        )
        sheet = apply_change(sheet, change)
        record = json.dumps(change_record(change), ensure_ascii=False, separators=(",", ":"))
        lines.append(record.encode() + b"\n")
    # The disk filled up in the middle of c3's answer; an older version went on writing.
    journal_path(path).write_bytes(lines[0] + lines[1][:40] + lines[2])
    result = factcheck("report", "reports/s.worksheet.yaml", "-f", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    first = sheet.seq - 2
    assert result.stderr == (
        f"Warning: reports/s.worksheet.journal: change {first + 1} was cut short by a failed "
        "write and is lost; the 1 change after it is kept\n"
    )
    answers = {
        claim["id"]: answer["value"]
        for claim in json.loads(result.stdout)["claims"]
        for answer in claim["answers"]
        if answer["question"] == "primary_source"
    }
    assert [answers[c] for c in ("c1", "c2", "c3", "c4")] == ["yes", "yes", None, "yes"]


INVISIBLE_ARTICLE = (
    "The harbour master, Dana Vel\u200bmont, said on Monday that 40 ferries would stop "
    "running in May.\n\n"
    "Port spokesman Rik\u200f Aldana said the closure would cost \u20ac3 million, according "
    "to the Weekly\ufeff Courier.\n"
)


def test_invisible_characters_in_an_article_are_shown_in_the_terminal_and_markdown(
    project: Path,
) -> None:
    (project / "port.txt").write_text(INVISIBLE_ARTICLE, encoding="utf-8")
    table = factcheck("extract", "port.txt", "--format", "table", cwd=project)
    assert table.returncode == 0, table.stderr
    shown = " ".join(table.stdout.split())
    assert "Dana Vel\\u200bmont" in shown
    assert "Rik\\u200f Aldana" in shown
    assert "Weekly\\ufeff Courier" in shown
    assert not any(ch in table.stdout for ch in "\u200b\u200f\ufeff")
    assert review(project, "port.txt").returncode == 0
    markdown = factcheck(
        "report", "reports/port.worksheet.yaml", "--format", "markdown", "-o", "-", cwd=project
    )
    assert markdown.returncode == 0, markdown.stderr
    assert "Dana Vel\\\\u200bmont" in markdown.stdout
    assert not any(ch in markdown.stdout for ch in "\u200b\u200f\ufeff")


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["report", ""], "'WORKSHEET'"),
        (["case", "show", " "], "'CASE_DIR'"),
        (["sources", "import", "", "--as", "desk"], "'FILE'"),
        (["factchecks", "stats", "--db", ""], "'--db'"),
        (["compare", "", "b.worksheet.yaml"], "'WORKSHEET WORKSHEET...'"),
        (["review", "s.txt", "--reports-dir", "", "--answers", "a.yaml"], "'--reports-dir'"),
        (["extract", "s.txt", "--sources", ""], "'--sources'"),
        (["report", "s.worksheet.yaml", "-o", ""], "'--output' / '-o'"),
        (["case", "show", "cases/c", "--map", "-f", "dot", "-o", " "], "'--output' / '-o'"),
        (["merge", "a.worksheet.yaml", "b.worksheet.yaml", "-o", ""], "'--output' / '-o'"),
    ],
)
def test_an_empty_path_is_a_usage_error_not_the_working_folder(
    project: Path, args: list[str], name: str
) -> None:
    # Path('') is '.', which gave ".: not a worksheet; make one with: factcheck review ."
    result = factcheck(*args, cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    value = next(a for a in args if not a.strip())
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for {name}: empty path {value!r}; give a file or folder name"
    )
    assert not (project / "reports").exists()


@pytest.mark.parametrize("claims", ["", " , "])
def test_an_empty_claims_list_is_a_usage_error_not_every_claim(project: Path, claims: str) -> None:
    result = review(project, "s.txt", "--claims", claims)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Error: --claims: expected claim ids such as c3,c7, got {claims!r}\n"
    assert not (project / "reports").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["checklist", "show", "/dev/zero"], "/dev/zero: larger than 1,000,000 bytes"),
        (
            ["review", "s.txt", "--checklist", "/dev/zero", "--answers", "a.yaml", "--no-input"],
            "/dev/zero: larger than 1,000,000 bytes",
        ),
        (
            ["review", "s.txt", "--answers", "/dev/zero", "--no-input"],
            "/dev/zero: larger than 64,000,000 bytes",
        ),
        (
            ["sources", "list", "--sources", "/dev/zero"],
            "/dev/zero: file too large for a source registry",
        ),
        (
            ["sources", "import", "/dev/zero", "--as", "desk"],
            "/dev/zero: file too large for a rating set",
        ),
        (["factchecks", "import", "/dev/zero"], "/dev/zero: larger than 200,000,000 bytes"),
    ],
)
def test_an_endless_file_is_refused_not_read_forever(
    project: Path, args: list[str], message: str
) -> None:
    # /dev/zero tells its size as 0: the size is counted while reading, so it stops at the limit.
    # In a process of its own: a reader that regressed is stopped, and the test fails.
    result = run_cli_process("--color", "never", *args, cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")
    assert not (project / "reports").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_or_a_pipe_in_a_worksheet_s_place_is_refused(project: Path) -> None:
    (project / "zero.worksheet.yaml").symlink_to("/dev/zero")
    os.mkfifo(project / "pipe.worksheet.yaml")  # read, it would wait for a writer forever
    for name in ("zero", "pipe"):
        for args in (["report"], ["review", "--no-input", "--answers", "a.yaml"]):
            where = f"{name}.worksheet.yaml"
            result = run_cli_process("--color", "never", args[0], where, *args[1:], cwd=project)
            assert (result.returncode, result.stdout, result.stderr) == (
                1,
                "",
                f"Error: {name}.worksheet.yaml: not a file (a device or a pipe)\n",
            )


TOO_LONG = "line {} is longer than 100,000 characters; give one claim per line"


@pytest.fixture
def known(project: Path) -> str:
    """A database of one known fact-check, imported in the project."""
    (project / "known.tsv").write_text(
        "claim\tverdict\turl\nThe harbour fees rose by half last year\tFalse\t"
        "https://example.org/fc\n",
        encoding="utf-8",
    )
    db = str(project / "known.sqlite")
    assert factcheck("factchecks", "import", "known.tsv", "--db", db, cwd=project).returncode == 0
    return db


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_searching_an_endless_standard_input_stops_at_a_line_too_long(
    project: Path, known: str
) -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "factchecks", "search", "-", "--db", known],
            cwd=project,
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    message = f"Error: standard input: {TOO_LONG.format(1)}\n"
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)


def test_searching_standard_input_answers_each_line_in_order(project: Path, known: str) -> None:
    lines = "one\r\nharbour fees rose\n\n" + "x" * 100_000 + "\nfinal"
    (project / "queries.txt").write_text(lines, encoding="utf-8")
    search = ("factchecks", "search", "-", "--db", known, "-f", "jsonl")
    result = factcheck(*search, cwd=project, shell_redirect="< queries.txt")
    assert (result.returncode, result.stderr) == (0, "")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["query"] for a in answers] == ["one", "harbour fees rose", "", "x" * 100_000, "final"]
    assert [len(a["matches"]) for a in answers] == [0, 1, 0, 0, 0]
    (project / "queries.txt").write_text("one\n" + "y" * 100_001 + "\nlast\n", encoding="utf-8")
    result = factcheck(*search, cwd=project, shell_redirect="< queries.txt")
    message = f"Error: standard input: {TOO_LONG.format(2)}\n"
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        '{"query": "one", "matches": []}\n',
        message,
    )


@pytest.mark.parametrize("depth", [300, 1_000, 100_000])
def test_a_page_nested_too_deep_to_parse_says_why(project: Path, depth: int) -> None:
    # Its paragraphs inside 300 nested divs: "no article text found in the page".
    paragraphs = "<p>The council said on Tuesday that the bridge would close for two years.</p>"
    page = f"<html><body>{'<div>' * depth}{paragraphs}{'</div>' * depth}</body></html>"
    (project / "deep.html").write_text(page, encoding="utf-8")
    result = factcheck("extract", "deep.html", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: deep.html: the page nests its elements more than 256 deep, where the HTML "
        "parser stops, and no article text comes before that point: save the article's text "
        "as a .txt file and extract that\n",
    )


@pytest.mark.parametrize("command", ["extract", "review"])
@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "2", "-0.1", "half"])
def test_a_threshold_that_is_not_a_score_is_a_usage_error(
    project: Path, command: str, value: str
) -> None:
    # 'nan' compares with no score: extract kept no claim, review every one.
    result = factcheck(command, "s.txt", "--min-score", value, cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--min-score': expected a number from 0 to 1, got {value!r}"
    )
    assert not (project / "reports").exists()


def test_escape_codes_in_a_folder_name_are_shown_not_obeyed(project: Path) -> None:
    # "Saved PATH" and "Saved. Resume with" wrote a folder name's escape codes to the terminal.
    folder = "r\x1b[31mX"
    done = factcheck(
        "review", "s.txt", "--reports-dir", folder, "--answers", "a.yaml", "--no-input", cwd=project
    )
    assert (done.returncode, done.stderr) == (0, "Saved r\\x1b[31mX/s.worksheet.yaml\n")
    (project / "b.yaml").write_text("{}\n", encoding="utf-8")
    other = factcheck(
        "review", f"{folder}/s.worksheet.yaml", "--reviewer", "Bo", "--own", "--answers", "b.yaml",
        "--no-input", cwd=project,
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    merged = factcheck(
        "merge", f"{folder}/s.worksheet.yaml", f"{folder}/s.bo.worksheet.yaml", "-o",
        f"{folder}/m.worksheet.yaml", cwd=project,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    assert "\x1b" not in merged.stderr
    assert merged.stderr.endswith("Saved r\\x1b[31mX/m.worksheet.yaml\n")


def test_a_pipe_in_the_journal_s_place_is_refused_not_waited_on(project: Path) -> None:
    assert review(project, "s.txt").returncode == 0
    os.mkfifo(project / "reports" / "s.worksheet.journal")  # nobody will ever write to it
    message = "Error: reports/s.worksheet.journal: not a file (a device or a pipe); move it away\n"
    shown = run_cli_within(
        60, "--color", "never", "report", "reports/s.worksheet.yaml", "-f", "json", cwd=project
    )
    assert (shown.returncode, shown.stdout, shown.stderr) == (1, "", message)
    again = within(60, lambda: review(project, "reports/s.worksheet.yaml"))
    assert (again.returncode, again.stdout, again.stderr) == (1, "", message)


@pytest.mark.parametrize("args", [["extract", "-", "-"], ["case", "add", "c", "s.txt", "-", "-"]])
def test_standard_input_given_twice_is_a_usage_error(project: Path, args: list[str]) -> None:
    # Read a second time, standard input was empty: "Error: stdin: input is empty".
    result = factcheck(*args, cwd=project, shell_redirect="< s.txt")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'SOURCE...': '-' (standard input) is given more than once; "
        "it can be read once"
    )
    assert sorted(p.name for p in project.iterdir()) == ["a.yaml", "s.txt"]


def test_a_line_break_in_a_path_keeps_each_message_on_one_line(project: Path) -> None:
    # "Error: bad" on one line and "name.txt: binary file ..." on the next: a script reading
    # one message a line read two, neither whole.
    (project / "bad\nname.txt").write_bytes(b"\x00\x01 not text")
    binary = factcheck("extract", "bad\nname.txt", cwd=project)
    assert (binary.returncode, binary.stdout, binary.stderr) == (
        1,
        "",
        "Error: bad\\nname.txt: binary file, not text (contains NUL bytes)\n",
    )
    (project / "x\ty\n.yaml").write_text("id: [\n", encoding="utf-8")
    checked = factcheck("checklist", "validate", "x\ty\n.yaml", cwd=project)
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines() == [
        "x\\ty\\n.yaml:2: invalid YAML: did not find expected node content "
        "(while parsing a flow node)",
        "x\\ty\\n.yaml: 1 error",
    ]
    saved = factcheck(
        "review", "s.txt", "--reports-dir", "r\nd", "--answers", "a.yaml", "--no-input",
        cwd=project,
    )  # fmt: skip
    assert (saved.returncode, saved.stderr) == (0, "Saved r\\nd/s.worksheet.yaml\n")


def test_the_resume_command_of_a_path_with_a_line_break_is_one_line_a_shell_reads() -> None:
    from factcheck.cli.review import _shell_word

    assert _shell_word("reports/it's.worksheet.yaml") == "'reports/it'\"'\"'s.worksheet.yaml'"
    word = _shell_word("r\nd/\x85it's\\.worksheet.yaml")
    assert word == "$'r\\x0ad/\\u0085it\\'s\\\\.worksheet.yaml'"
    if shutil.which("bash"):
        echoed = subprocess.run(
            ["bash", "-c", f"printf %s {word}"], capture_output=True, timeout=30, check=True
        )
        assert echoed.stdout.decode("utf-8") == "r\nd/\x85it's\\.worksheet.yaml"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_nobody_writes_to_is_refused_not_waited_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `extract pipe.txt` waited for a writer for ever; text written into a pipe is still read.
    from factcheck import files

    monkeypatch.setattr(files, "PIPE_WAIT", 0.2)
    os.mkfifo(project / "pipe.txt")
    refused = run_cli_within(60, "--color", "never", "extract", "pipe.txt", cwd=project)
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        1,
        "",
        "Error: pipe.txt: a named pipe that nothing was written to in 0.2 seconds; give a file, "
        "or pipe the text to '-'\n",
    )
    answers = run_cli_within(
        60, "--color", "never", "review", "s.txt", "--answers", "pipe.txt", "--no-input",
        cwd=project,
    )  # fmt: skip
    assert (answers.returncode, answers.stdout, answers.stderr) == (
        1,
        "",
        "Error: pipe.txt: cannot read the answers file: a named pipe that nothing was written to "
        "in 0.2 seconds\n",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_pipe_in_place_of_a_case_file_or_the_config_is_refused_not_waited_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The case's index, an article of it and the config file were read with no check: a named
    # pipe there kept the command waiting for ever.
    made = run_cli("--color", "never", "case", "add", "c", "s.txt", cwd=project)
    assert made.returncode == 0, made.stderr
    (article,) = (project / "c" / "articles").iterdir()
    article.unlink()
    os.mkfifo(article)
    shown = run_cli_within(60, "--color", "never", "case", "show", "c", cwd=project)
    assert (shown.returncode, shown.stderr) == (
        0,
        f"Warning: c/articles/{article.name}: not a file (a device or a pipe); add the article "
        "again (s.txt)\n",
    )
    (project / "c" / "case.yaml").unlink()
    os.mkfifo(project / "c" / "case.yaml")
    shown = run_cli_within(60, "--color", "never", "case", "show", "c", cwd=project)
    assert (shown.returncode, shown.stdout, shown.stderr) == (
        1,
        "",
        "Error: c/case.yaml: not a file (a device or a pipe)\n",
    )
    config = project / "config" / "factcheck" / "config.yaml"
    config.parent.mkdir(parents=True)
    os.mkfifo(config)
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(project / "config"))
    reviewed = run_cli_within(
        60, "--color", "never", "review", "s.txt", "--answers", "a.yaml", "--no-input",
        cwd=project,
    )  # fmt: skip
    assert (reviewed.returncode, reviewed.stdout, reviewed.stderr) == (
        1,
        "",
        f"Error: {config}: not a file (a device or a pipe)\n",
    )


def test_an_output_that_is_a_loop_of_links_is_one_line(project: Path) -> None:
    # Path.resolve raises RuntimeError on a loop before Python 3.13: it came out as an
    # "internal error" of report --output and merge --output.
    assert review(project, "s.txt").returncode == 0
    shutil.copyfile(project / "reports/s.worksheet.yaml", project / "other.worksheet.yaml")
    for name in ("loop.md", "loop.worksheet.yaml"):
        (project / name).symlink_to(f"{name}.2")
        (project / f"{name}.2").symlink_to(name)
    result = factcheck("report", "reports/s.worksheet.yaml", "-o", "loop.md", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: loop.md: cannot save: Too many levels of symbolic links\n",
    )
    result = factcheck(
        "merge",
        "reports/s.worksheet.yaml",
        "other.worksheet.yaml",
        "-o",
        "loop.worksheet.yaml",
        cwd=project,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: loop.worksheet.yaml: already exists; choose another --output\n",
    )
    assert (project / "loop.worksheet.yaml").is_symlink()


@pytest.mark.parametrize("own", [[], ["--own"]])
def test_a_reviewer_name_that_is_refused_says_why_and_makes_no_worksheet(
    project: Path, own: list[str]
) -> None:
    # The name was checked only after the article was extracted into a new worksheet, which was
    # left behind, nobody's; with --own, the refusal read "--own needs your name", as if none
    # had been given.
    result = review(project, "s.txt", "--reviewer", "Ana\x1b[2J", *own)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "Error: --reviewer: expected a name on one line, got 'Ana\\x1b[2J'\n",
    )
    assert not (project / "reports").exists()


def test_a_map_or_a_report_never_overwrites_a_case_s_index_or_articles(project: Path) -> None:
    # `case show --format json -o CASE/case.yaml` replaced the case's index with its map: the
    # case could be neither shown nor added to again.
    assert factcheck("case", "add", "case", "s.txt", cwd=project).returncode == 0
    assert review(project, "s.txt").returncode == 0
    saved = {p: p.read_bytes() for p in (project / "case").rglob("*") if p.is_file()}
    article = next(p for p in saved if p.suffix == ".json")
    never = "a case's own file; nothing else is written over it, choose another --output"
    for target in (project / "case" / "case.yaml", article):
        name = str(target.relative_to(project))
        for command in (
            ["case", "show", "case", "-f", "json", "-o", name],
            ["report", "reports/s.worksheet.yaml", "-f", "markdown", "-o", name],
        ):
            result = factcheck(*command, cwd=project)
            assert (result.returncode, result.stdout, result.stderr) == (
                1,
                "",
                f"Error: {name}: is {never}\n",
            )
    assert {p: p.read_bytes() for p in (project / "case").rglob("*") if p.is_file()} == saved
    assert factcheck("case", "show", "case", cwd=project).returncode == 0


def test_a_rating_set_with_nan_and_infinity_keeps_json_output_valid(project: Path) -> None:
    # A spreadsheet's 'NaN' (an empty cell) passed as a number, and `sources check -f json`
    # printed a bare NaN: not JSON.
    (project / "desk.csv").write_text(
        "domain,score\nexamplia.com,NaN\nexamplia.org,inf\nexamplia.net,0.25\n", encoding="utf-8"
    )
    assert factcheck("sources", "import", "desk.csv", "--as", "desk", cwd=project).returncode == 0
    (project / "story.txt").write_text(
        "https://examplia.com/news/budget-story\n\nBudget Story\n\n"
        "The city budget rose by 12 percent in 2023, the mayor said.\n",
        encoding="utf-8",
    )
    result = factcheck("sources", "check", "story.txt", "-f", "json", cwd=project)
    assert result.returncode == 0, result.stderr

    def refuse(constant: str) -> object:
        raise AssertionError(f"not JSON: {constant}")

    data = json.loads(result.stdout, parse_constant=refuse)
    assert [r["rating"] for r in data["publisher"]["ratings"]] == ["NaN"]  # shown as it is
    facts = [c["facts"] for c in data["claims"]]
    assert facts and all(f["rated"] and f["lowest_ratings"] == {} for f in facts)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_line_separators_in_the_text_are_escaped_in_json_output(project: Path, fmt: str) -> None:
    # U+2028, U+2029 and U+0085 end a line for readers that split on every line break: JSON
    # Lines must keep one record to a line, and neither output may carry them raw.
    text = (
        "The minister said\u2028unemployment fell 3.5% in 2019, according to\x85 Reuters.\n\n"
        "The ministry said exports rose 4% in 2020,\u2029 the statistics office reported.\n"
    )
    (project / "a.txt").write_text(text, encoding="utf-8")
    (project / "b.txt").write_text(text, encoding="utf-8")
    result = run_cli("extract", "a.txt", "b.txt", "-f", fmt, "--all", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    assert not set("\u2028\u2029\x85") & set(result.stdout)
    if fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
    else:
        records = json.loads(result.stdout)
    assert len(records) == 2
    pieces = "".join(s["text"] for s in records[0]["segments"])
    assert {"\u2028", "\x85", "\u2029"} <= set(pieces)


def test_a_score_too_large_for_a_number_is_one_line_for_every_worksheet_command(
    project: Path,
) -> None:
    # A 400-digit score failed every command with "internal error: OverflowError".
    assert review(project, "s.txt").returncode == 0
    path = project / "reports" / "s.worksheet.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  check_worthiness: "))
    lines[at] = "  check_worthiness: 1" + "0" * 400 + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    shutil.copyfile(path, project / "reports" / "s.bo.worksheet.yaml")
    both = ("reports/s.worksheet.yaml", "reports/s.bo.worksheet.yaml")
    message = (
        f"Error: reports/s.worksheet.yaml:{at + 1}: claims[0].check_worthiness: "
        f"expected a number, got '1{'0' * 36}...'\n"
    )
    for command in (
        ["report", both[0]],
        ["report", both[0], "-f", "json"],
        ["review", both[0], "--answers", "a.yaml", "--no-input"],
        ["compare", *both],
        ["merge", *both, "-o", "m.worksheet.yaml"],
    ):
        result = factcheck(*command, cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message), command
    assert not (project / "m.worksheet.yaml").exists()


def test_an_override_the_edited_checklist_has_no_level_for_is_named_and_not_published(
    project: Path,
) -> None:
    # 'misleading', dropped from the checklist after the review, was published in every format
    # as one of its verdicts, under the general "checklist changed" warning only.
    quick = (REPO / "checklists" / "quick.yaml").read_text(encoding="utf-8")
    (project / "my.yaml").write_text(quick, encoding="utf-8")
    (project / "a.yaml").write_text(
        "c3:\n  override: {verdict: misleading, reason: Says less than the interview}\n",
        encoding="utf-8",
    )
    assert review(project, "s.txt", "--checklist", "my.yaml").returncode == 0
    level = quick.index("  - id: misleading\n")
    edited = quick[:level] + quick[quick.index("  - id: false\n") :]
    edited = edited.replace("    verdict: misleading\n", '    verdict: "false"\n')
    (project / "my.yaml").write_text(edited, encoding="utf-8")
    warnings = (
        "Warning: checklist 'quick' changed since this worksheet was made (its questions or "
        "rules, still version 1); every answer is kept\n"
        "Warning: overrides to a verdict no longer on the checklist's scale (kept; the rules "
        "decide instead, and an open claim is asked again): c3 ('misleading')\n"
    )
    sheet = "reports/s.worksheet.yaml"
    markdown = factcheck("report", sheet, "-f", "markdown", "-o", "-", cwd=project)
    assert (markdown.returncode, markdown.stderr) == (0, warnings)
    [row] = [line for line in markdown.stdout.splitlines() if line.startswith("| [c3]")]
    assert row.startswith("| [c3](#claim-c3) | *open* | Ibrahim Al-Amin |")
    claimreview = factcheck("report", sheet, "-f", "claimreview", cwd=project)
    assert (claimreview.returncode, claimreview.stderr) == (0, warnings)
    assert "misleading" not in claimreview.stdout.lower()
    (project / "a.yaml").write_text("{}\n", encoding="utf-8")
    again = review(project, sheet)
    assert again.returncode == 0
    assert again.stderr.startswith(warnings)
    assert "\nNot finished: c1, c2, c3, c4, " in again.stdout
    assert "verdict: misleading\n" in (project / sheet).read_text(encoding="utf-8")  # kept


def test_a_worksheet_cut_short_is_refused_by_every_command_and_left_as_it_is(
    project: Path,
) -> None:
    # Its first 48 of 1,254 lines read as a worksheet of one claim: `report` published it and
    # `review` saved it, locking the loss in.
    shutil.copyfile(REPO / "examples" / "seed-answers.yaml", project / "a.yaml")
    assert review(project, "s.txt").returncode == 0
    path = project / "reports" / "s.worksheet.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = "".join(lines[: lines.index("  override: null\n") + 1])
    path.write_text(cut, encoding="utf-8")
    shutil.copyfile(path, project / "reports" / "s.bo.worksheet.yaml")
    both = ("reports/s.worksheet.yaml", "reports/s.bo.worksheet.yaml")
    segments = sum(1 for line in lines if line.startswith("- {start: "))
    message = (
        f"Error: reports/s.worksheet.yaml:3: contents.segments: expected {segments} body "
        "sentences, found 0: the worksheet is cut short; restore it from a copy\n"
    )
    (project / "e.yaml").write_text("{}\n", encoding="utf-8")
    for command in (
        ["report", both[0], "-f", "json"],
        ["report", both[0], "-f", "markdown", "-o", "-"],
        ["review", both[0], "--answers", "e.yaml", "--no-input"],
        ["compare", *both],
        ["merge", *both, "-o", "m.worksheet.yaml"],
    ):
        result = factcheck(*command, cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message), command
    assert path.read_text(encoding="utf-8") == cut
    assert not (project / "reports" / "s.md").exists()


def test_a_count_lowered_by_hand_is_refused_by_every_command_and_left_as_it_is(
    project: Path,
) -> None:
    # 'contents: {segments: 0, audit: 0}' written by hand was accepted: it turned the check for a
    # worksheet cut short off for good.
    shutil.copyfile(REPO / "examples" / "seed-answers.yaml", project / "a.yaml")
    assert review(project, "s.txt").returncode == 0
    path = project / "reports" / "s.worksheet.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    segments = sum(1 for line in lines if line.startswith("- {start: "))
    audit = sum(1 for line in lines if line.startswith("- {seq: "))
    assert lines[2] == f"contents: {{segments: {segments}, audit: {audit}}}\n"
    lowered = text.replace(lines[2], "contents: {segments: 0, audit: 0}\n")
    path.write_text(lowered, encoding="utf-8")
    shutil.copyfile(path, project / "reports" / "s.bo.worksheet.yaml")
    both = ("reports/s.worksheet.yaml", "reports/s.bo.worksheet.yaml")
    message = (
        f"Error: reports/s.worksheet.yaml:3: contents.segments: says 0 body sentences, the file "
        f"holds {segments}: correct the count or delete the contents line\n"
    )
    (project / "e.yaml").write_text("{}\n", encoding="utf-8")
    for command in (
        ["report", both[0], "-f", "json"],
        ["report", both[0], "-f", "markdown", "-o", "-"],
        ["review", both[0], "--answers", "e.yaml", "--no-input"],
        ["review", "s.txt", "--reports-dir", "reports", "--answers", "e.yaml", "--no-input"],
        ["compare", *both],
        ["merge", *both, "-o", "m.worksheet.yaml"],
    ):
        result = factcheck(*command, cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message), command
    assert path.read_text(encoding="utf-8") == lowered
    assert not (project / "reports" / "s.md").exists()
    assert not (project / "m.worksheet.yaml").exists()
    # Deleting the line reads the worksheet as one written before contents existed; a review
    # that changes nothing leaves the file as it is, the next save writes the counts again.
    path.write_text(text.replace(lines[2], ""), encoding="utf-8")
    again = factcheck("review", both[0], "--answers", "e.yaml", "--no-input", cwd=project)
    assert again.returncode == 0, again.stderr
    assert path.read_text(encoding="utf-8") == text.replace(lines[2], "")
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.bo.worksheet.yaml", path.name]
    (project / "n.yaml").write_text("c1:\n  primary_source: no\n", encoding="utf-8")
    again = factcheck("review", both[0], "--answers", "n.yaml", "--no-input", cwd=project)
    assert again.returncode == 0, again.stderr
    saved = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert saved[2] == f"contents: {{segments: {segments}, audit: {audit + 1}}}\n"


def test_a_value_or_a_file_name_not_in_utf_8_is_one_clear_error(tmp_path: Path) -> None:
    # Both ended in "internal error: UnicodeEncodeError: ... surrogates not allowed".
    latin = tmp_path / os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SEED, latin)
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "a.yaml").write_text("{}\n", encoding="utf-8")

    def run(*args: bytes) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", "--color", "never", *args],
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
            check=False,
        )
        return done.returncode, done.stderr.decode("utf-8", "backslashreplace")

    answers = (b"--answers", b"a.yaml", b"--no-input")
    assert run(b"review", b"a.txt", *answers, b"--reviewer", b"an\xe9") == (
        2,
        "Error: 'an\\udce9' is not UTF-8 text: give it in UTF-8\n",
    )
    assert run(b"review", b"caf\xe9.txt", *answers, b"--reviewer", b"ana") == (
        1,
        "Error: 'caf\\udce9.txt' is not UTF-8 text: rename the file, or give it in UTF-8\n",
    )
    code, _ = run(b"extract", b"caf\xe9.txt")  # a file of that name is still read
    assert code == 0

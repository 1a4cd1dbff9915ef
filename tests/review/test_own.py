"""Own worksheets: a free name for a reviewer whose name makes another reviewer's file name."""

from __future__ import annotations

import shutil
from pathlib import Path

from inprocess import run_cli, within

from factcheck.review.own import free_name, numbered_name

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
SEED_ANSWERS = REPO / "examples" / "seed-answers.yaml"

DESK = "Verification Desk of the Northern Regional Broadcasting Corporation"
MORNING = f"{DESK} (morning shift)"
EVENING = f"{DESK} (evening shift)"
TAKEN = "s.verification-desk-of-the-northern-regional-broadcasting.worksheet.yaml"


def test_a_number_is_put_where_the_file_name_keeps_it() -> None:
    assert numbered_name("Li Wei", 2) == "Li Wei 2"
    # The whole name and its number make a file name longer than 60 characters, cut short
    # to the name's own: the name loses words at its end until the number is kept.
    assert numbered_name(EVENING, 2) == "Verification Desk of the Northern Regional Broadcasting 2"
    assert numbered_name(EVENING, 10000) == "Verification Desk of the Northern Regional 10000"
    assert numbered_name("x" * 70, 2) is None  # not even the first word and a number fit
    assert numbered_name("", 2) == " 2"


def test_a_free_name_is_found_however_many_names_make_the_same_file_name(
    tmp_path: Path,
) -> None:
    taken = tmp_path / TAKEN
    taken.touch()
    for number in range(2, 10):  # NAME 2 ... NAME 9 are taken too: NAME 10 makes a file name
        name = numbered_name(EVENING, number)
        assert name is not None
        (tmp_path / f"s.{'-'.join(name.casefold().split())}.worksheet.yaml").touch()
    assert within(1, lambda: free_name(taken, EVENING)) == f"{DESK.rsplit(' ', 1)[0]} 10"
    assert within(1, lambda: free_name(taken, "x" * 70)) is None


def test_a_reviewer_whose_long_name_makes_another_reviewers_file_name_is_refused_at_once(
    tmp_path: Path,
) -> None:
    shutil.copyfile(SEED, tmp_path / "s.txt")
    shutil.copyfile(SEED_ANSWERS, tmp_path / "answers.yaml")

    def review(name: str, *args: str) -> tuple[int, str]:
        argv = ("review", *args, "--reviewer", name, "--answers", "answers.yaml", "--no-input")
        argv += ("--reports-dir", "reports")
        env = {"COLUMNS": "400", "LINES": "50", "TERM": "xterm"}
        done = within(30, lambda: run_cli("--color", "never", *argv, cwd=tmp_path, env=env))
        return done.returncode, done.stderr

    assert review(MORNING, "s.txt", "--own") == (0, f"Saved reports/{TAKEN}\n")
    before = (tmp_path / "reports" / TAKEN).read_bytes()
    hint = (
        f"--reviewer '{DESK.rsplit(' ', 1)[0]} 2' "
        "(it makes s.verification-desk-of-the-northern-regional-broadcasting-2.worksheet.yaml)"
    )
    assert review(EVENING, "s.txt", "--own") == (
        1,
        f"Error: reports/{TAKEN} is {MORNING}'s own worksheet, not {EVENING}'s; --own does not "
        f"write into it: give a name of your own, e.g. {hint}\n",
    )
    assert (tmp_path / "reports" / TAKEN).read_bytes() == before
    # Without --own the evening reviewer answers in the morning one's worksheet, told how not to.
    code, stderr = review(EVENING, f"reports/{TAKEN}")
    assert (code, stderr.splitlines()[0]) == (
        0,
        f"Warning: reports/{TAKEN} is {MORNING}'s review; your answers go into it under your "
        f"name. To keep your own, use --own with a name of your own, e.g. {hint}",
    )

    long_word = "Verificationdeskofthenorthernregionalbroadcastingcorporation"
    assert review(long_word + " Morning", "s.txt", "--own")[0] == 0
    taken = f"reports/s.{long_word.casefold()}.worksheet.yaml"
    assert review(long_word + " Evening", "s.txt", "--own") == (
        1,
        f"Error: {taken} is {long_word} Morning's own worksheet, not {long_word} Evening's; "
        "--own does not write into it: give a shorter name of your own (a file name keeps the "
        "first 60 characters of a name)\n",
    )

"""Own worksheets: a free name for a reviewer whose name makes another reviewer's file name."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from inprocess import run_cli, within

from factcheck.review.journal import load_worksheet, save_worksheet
from factcheck.review.own import free_name, numbered_name
from factcheck.review.worksheet import Action, apply_change, make_change

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


def _own_review(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    env = {"COLUMNS": "400", "LINES": "50", "TERM": "xterm", "FACTCHECK_NOW": NOW}
    done = within(60, lambda: run_cli("--color", "never", *args, cwd=tmp_path, env=env))
    return done.returncode, done.stdout, done.stderr


NOW = "2024-05-01T12:00:00Z"


def _anas_review(tmp_path: Path) -> Path:
    """Ana's worksheet of the seed article, with every kind of change a reviewer makes."""
    shutil.copyfile(SEED, tmp_path / "s.txt")
    (tmp_path / "ana.yaml").write_text(
        "c1:\n  hedged: 'no'\n  conclusion: Ana's\nc5:\n  drop: dup\n"
        "c3:\n  speaker: Alpha\n  role: boss\nc18:\n  speaker: Beta\n  skip: true\n",
        encoding="utf-8",
    )
    parts = ["--title", "ANA title", "--summary", "ANA summary", "--bottom-line", "ANA line"]
    parts += ["--url", "https://example.org/ana"]
    args: tuple[str, ...] = ("review", "s.txt", "--reviewer", "ana", "--answers", "ana.yaml")
    args += ("--no-input",)
    args += ("--reports-dir", "reports")
    assert _own_review(tmp_path, *args, *parts)[::2] == (0, "Saved reports/s.worksheet.yaml\n")
    path = tmp_path / "reports" / "s.worksheet.yaml"
    worksheet = load_worksheet(path)
    hop = worksheet.entry("c2").claim.attribution.via
    for claim, action, question, new in (
        ("c2", Action.ADD_HOP, "0", "Gamma"),
        ("c4", Action.SPLIT, str(worksheet.entry("c4").claim.start + 20), "c19"),
        ("c20", Action.ADD_CLAIM, None, "0-20"),
        ("c6", Action.MERGE, None, "c7"),
        ("c2", Action.REMOVE_HOP, None, hop[0] if hop else "Gamma"),
        ("c18", Action.SPLIT, str(worksheet.entry("c18").claim.start + 10), "c21"),
    ):
        change = make_change(worksheet, claim, action, reviewer="ana", question=question, new=new)
        worksheet = apply_change(worksheet, change)
    save_worksheet(path, worksheet)
    return path


def test_own_worksheet_from_anothers_holds_the_extractors_claims_and_nothing_of_theirs(
    tmp_path: Path,
) -> None:
    _anas_review(tmp_path)
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    answers = ("--answers", "none.yaml", "--no-input")
    from_article: tuple[str, ...] = ("review", "s.txt", "--reviewer", "ben", "--own", *answers)
    from_article += ("--reports-dir", "reports")
    from_sheet = ("review", "reports/s.worksheet.yaml", "--reviewer", "cy", "--own", *answers)
    assert _own_review(tmp_path, *from_article)[::2] == (0, "Saved reports/s.ben.worksheet.yaml\n")
    assert _own_review(tmp_path, *from_sheet)[::2] == (0, "Saved reports/s.cy.worksheet.yaml\n")
    bens = (tmp_path / "reports" / "s.ben.worksheet.yaml").read_text(encoding="utf-8")
    cys = (tmp_path / "reports" / "s.cy.worksheet.yaml").read_text(encoding="utf-8")
    # The same worksheet as one started from the article, but for the reviewer's name.
    assert cys == bens.replace("reviewer: ben", "reviewer: cy").replace("new: ben}", "new: cy}")
    worksheet = load_worksheet(tmp_path / "reports" / "s.cy.worksheet.yaml")
    assert [entry.id for entry in worksheet.claims] == [f"c{n}" for n in range(1, 19)]
    assert [(change.claim, change.question, change.new) for change in worksheet.audit] == [
        ("article", "reviewer", "cy")
    ]
    for text in ("ANA", "reviewer: ana", "Alpha", "Beta", "Gamma", "dup", "example.org"):
        assert text not in cys


def test_merge_counts_none_of_the_first_reviewers_changes_as_her_teams(tmp_path: Path) -> None:
    _anas_review(tmp_path)
    (tmp_path / "b.yaml").write_text("c5:\n  primary_source: 'yes'\n", encoding="utf-8")
    for name in ("ben", "cy"):
        args = ("review", "reports/s.worksheet.yaml", "--reviewer", name, "--own")
        assert _own_review(tmp_path, *args, "--answers", "b.yaml", "--no-input")[0] == 0
    sheets = [f"reports/s.{name}worksheet.yaml" for name in ("", "ben.", "cy.")]
    merged = ("merge", *sheets, "--rule", "unanimous", "-o", "m/s.worksheet.yaml")
    code, _, err = _own_review(tmp_path, *merged)
    assert (code, err) == (
        0,
        "Merged 3 reviewers (ana, ben, cy) by the unanimous rule: 0 answers settled, 2 open.\n"
        "Open questions: c1.hedged, c5.primary_source\n"
        "Corrections and parts of the report: 0 settled, 7 left as they were.\n"
        'Left as they were: c2.chain (ana none); c3.speaker (ana "Alpha"); c3.role (ana "boss"); '
        'article.title (ana "ANA title"); article.summary (ana "ANA summary"); '
        'article.bottom_line (ana "ANA line"); article.url (ana "https://example.org/ana")\n'
        "Drops (not a claim): 0 dropped, 0 kept, 2 left open (c5, c7).\n"
        'Left open: c5.drop (ana dropped "dup", ben kept, cy kept); c7.drop (ana dropped "merged '
        'into c6")\n'
        "Settle them with: factcheck review m/s.worksheet.yaml\n"
        "Saved m/s.worksheet.yaml\n",
    )


def test_an_own_worksheet_is_not_started_from_claims_the_extractor_does_not_find(
    tmp_path: Path,
) -> None:
    path = _anas_review(tmp_path)
    worksheet = load_worksheet(path)
    # Made by another version of factcheck: the sentences it lists hold none of its claims.
    save_worksheet(path, replace(worksheet, segments=worksheet.segments[:3]))
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    args = ("review", "reports/s.worksheet.yaml", "--reviewer", "cy", "--own")
    assert _own_review(tmp_path, *args, "--answers", "none.yaml", "--no-input")[::2] == (
        1,
        "Error: the claims of reports/s.worksheet.yaml are not those the extractor finds in its "
        "article now (another version of factcheck made it): start your own worksheet from the "
        "article instead, with review ARTICLE --own\n",
    )
    assert not (tmp_path / "reports" / "s.cy.worksheet.yaml").exists()

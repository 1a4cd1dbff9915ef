"""Properties of the worksheet files for any review: a worksheet (the evacuation article's, or the
seed article's as `review` makes it) changed by a random sequence of every kind of change, with
notes, reasons and names holding any text, is saved, read back, journaled, replayed and reported.

FACTCHECK_PROPERTY_EXAMPLES=2000 runs each property on that many reviews to hunt for failures;
the faults they found are the tests at the end, each with the review that showed it."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from change_steps import NOW, Nothing, Texts, random_change
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from factcheck import fastyaml
from factcheck.checklist.load import Checklist, load_checklist
from factcheck.errors import FactcheckWarning, WorksheetError
from factcheck.render.data import render_json
from factcheck.render.markdown import link_destination, render_markdown
from factcheck.report.model import Report, build_report
from factcheck.review.journal import load_worksheet, open_session, save_worksheet
from factcheck.review.worksheet import (
    Action,
    Change,
    Worksheet,
    apply_change,
    create_worksheet,
    journal_path,
    make_change,
)
from factcheck.review.worksheet_fast import read_values
from factcheck.review.worksheet_skim import skim_worksheet
from factcheck.review.worksheet_yaml import _parse_worksheet, dump_worksheet, parse_worksheet
from factcheck.sources.registry import load_registry

TESTS = Path(__file__).resolve().parent.parent
REVIEW = TESTS / "fixtures" / "review"
SEED = TESTS.parent / "examples" / "seed-article.txt"
REVIEWERS = ("ana", "Li Wei", "Zoë")

# Few examples in CI; FACTCHECK_PROPERTY_EXAMPLES=2000 hunts for failures.
EXAMPLES = int(os.environ.get("FACTCHECK_PROPERTY_EXAMPLES", "10"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = (
    'it\'s "quoted": a',
    "back\\slash \\n \\u202e",
    "line one\nline two\n\nthree",
    "key: value\n- item\n? complex\n...\n---",
    "&anchor *alias !!python/object:os.system %TAG",
    "yes",
    "~",
    "null",
    "0x1F",
    "1.5e3",
    "'",
    '"',
    "# comment",
    "  leading and trailing  ",
    "\ttab",
    "\u202eevil override\u202c and \u2066isolate\u2069",
    "zero\u200bwidth\u200b",
    "emoji 😀 👍🏽 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0628\u0631\u0648\u0645",  # Persian, ZWNJ
    "C1 \x85 next line \x9b31m and \x80",
    "<script>alert(1)</script>",
    "<b>bold</b> <!-- c --> <img src=x onerror=y>",
    "[a link](javascript:alert(1)) ![img](https://evil.example/x.png)",
    "<https://evil.example/auto> www.evil.example",
    "| a | b |\n| --- | --- |",
    "cell | break",
    "# heading\n***\n> quote",
    "1. one\n- two\n===",
    "`code` ``` fence",
    "&amp; &#60; &lt;",
)
SPECIAL = list("\\`*_[]<>|~&#!:.()-+=\"' \n\t\r{}%@?,")
INVISIBLE = "\u200b\u200c\u200d\u200e\u202a\u202e\u2066\u2069\x85\x9b\x80\u2028\u2029\x00\ufeff"
ANY_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map(" ".join),
    st.text(
        alphabet=st.sampled_from([*SPECIAL, *INVISIBLE, "a", "\u0628", "😀"])
        | st.characters(exclude_categories=["Cs"]),
        min_size=1,
        max_size=30,
    ),
)
ONE_LINE = ANY_TEXT.map(lambda text: re.sub(r"[\n\r\x85\u2028\u2029]+", " ", text).strip())
URLS = (
    "https://example.org/a",
    "https://example.org/a_(b)?q=1&amp=2",
    "https://example.org/<x>|y'z\"",
    "https://例子.测试/ü",
    "https://example.org/)](javascript:alert(1))",
    "http://example.org/%3Cscript%3E#frag`x`",
)
PARTS = ("title", "summary", "bottom_line", "url", "reviewer")
TEXTS = Texts(ANY_TEXT, ONE_LINE.filter(bool), URLS, PARTS, prefilled=True)
"""Any text, hostile text most of all, in every change a reviewer types."""
# What the saved file must never hold raw: bidi overrides and isolates, the zero-width space and
# C1 controls.
RAW = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\x80-\x9f]")


@dataclass(frozen=True, slots=True)
class Review:
    """A worksheet file before a review, and the review's changes, each with the state after it."""

    path: Path
    base: Worksheet
    checklist: Checklist
    steps: tuple[tuple[Change, Worksheet], ...]

    @property
    def final(self) -> Worksheet:
        return self.steps[-1][1] if self.steps else self.base


@functools.cache
def _seed_worksheet() -> str:
    """The seed article's worksheet as `review` makes it with the quick checklist."""
    from factcheck.extract.pipeline import extract

    worksheet = create_worksheet(
        extract(str(SEED)), load_checklist("quick"), load_registry(()), now=lambda: NOW
    )
    return dump_worksheet(worksheet)


def _article(data: st.DataObject, folder: Path) -> tuple[Path, Checklist]:
    if data.draw(st.booleans(), label="seed article"):
        path = folder / "seed-article.worksheet.yaml"
        path.write_text(_seed_worksheet(), encoding="utf-8")
        return path, load_checklist("quick")
    return _article_fixed(folder)


def _review(data: st.DataObject, folder: Path, most: int = 12) -> Review:
    path, checklist = _article(data, folder)
    base = load_worksheet(path, checklist)
    worksheet = base
    steps: list[tuple[Change, Worksheet]] = []
    for _ in range(most):
        if not data.draw(st.booleans(), label="goes on"):
            break
        try:
            reviewer = data.draw(st.sampled_from(REVIEWERS), label="reviewer")
            made = random_change(data, worksheet, checklist, reviewer, TEXTS)
            worksheet = apply_change(worksheet, made)
        except (Nothing, WorksheetError):
            continue
        steps.append((made, worksheet))
    return Review(path, base, checklist, tuple(steps))


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    """A folder for one example's files, the tool's warnings (claims renumbered, ...) let by."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", FactcheckWarning)
        yield Path(tmp)


def _typed(worksheet: Worksheet) -> list[str]:
    """Every text a reviewer typed into the worksheet."""
    texts: list[str] = []
    for entry in worksheet.claims:
        att = entry.claim.attribution
        texts += [t for t in (att.speaker, att.role, entry.conclusion, entry.dropped) if t]
        texts += list(att.via)
        if entry.override is not None and entry.override.reason:
            texts.append(entry.override.reason)
        texts += [a.note for a in entry.answers.values() if a.note]
    texts += [v for v in (worksheet.publication.get(p) for p in PARTS) if v]
    texts += [c.reviewer for c in worksheet.audit]
    return texts


# --- 1. reading back what was saved -------------------------------------------------------------


def check_reads_back(review: Review, folder: Path) -> None:
    worksheet, checklist = review.final, review.checklist
    target = folder / "saved.worksheet.yaml"
    save_worksheet(target, worksheet)
    assert load_worksheet(target, checklist) == worksheet
    text = dump_worksheet(worksheet)
    assert target.read_text(encoding="utf-8") == text
    assert parse_worksheet(text, str(target), checklist) == worksheet
    # The node reader and, when it reads the file at all, the fast one agree with it.
    assert _parse_worksheet(text, str(target), checklist) == worksheet
    with contextlib.suppress(fastyaml.Unsupported):
        assert read_values(fastyaml.load(text), checklist) == worksheet
    skimmed, counts = skim_worksheet(target, checklist)
    if counts is None:
        assert skimmed == worksheet
    else:
        assert skimmed == replace(worksheet, audit=())
        assert counts == Counter(change.reviewer for change in worksheet.audit)
    # Saved again unchanged: the same bytes.
    save_worksheet(target, load_worksheet(target, checklist))
    assert target.read_text(encoding="utf-8") == text


@PROPERTY
@given(st.data())
def test_a_saved_worksheet_reads_back_the_same_by_every_reader(data: st.DataObject) -> None:
    with _folder() as folder:
        check_reads_back(_review(data, folder), folder)


# --- 2. the session and its journal ----------------------------------------------------------


def check_session(review: Review, crash_after: int) -> None:
    with open_session(review.path, review.checklist) as session:
        for change, after in review.steps:
            session.record(after, change)
    assert not journal_path(review.path).exists()
    assert load_worksheet(review.path, review.checklist) == review.final
    save_worksheet(review.path, review.base)
    # A review that stops dead after some changes: the journal holds them.
    session = open_session(review.path, review.checklist)
    try:
        for change, after in review.steps[:crash_after]:
            session.record(after, change)
        expected = review.steps[crash_after - 1][1] if crash_after else review.base
        assert load_worksheet(review.path, review.checklist) == expected
    finally:
        session.close(compact=False)
    # Opened again, the journal replayed, and closed: the same worksheet, in the file.
    with open_session(review.path, review.checklist) as again:
        assert again.worksheet == expected
    assert load_worksheet(review.path, review.checklist) == expected
    assert not journal_path(review.path).exists()


@PROPERTY
@given(st.data())
def test_a_session_saves_what_its_changes_make_and_a_crash_keeps_what_was_recorded(
    data: st.DataObject,
) -> None:
    with _folder() as folder:
        review = _review(data, folder)
        crash_after = data.draw(st.integers(0, len(review.steps)), label="crash after")
        check_session(review, crash_after)


# --- 3. invisible characters ----------------------------------------------------------------------


def check_escaped(review: Review, folder: Path) -> None:
    target = folder / "saved.worksheet.yaml"
    save_worksheet(target, review.final)
    text = target.read_text(encoding="utf-8")
    raw = RAW.search(text)
    assert raw is None, (raw.group(), text[max(raw.start() - 60, 0) : raw.end() + 20])
    assert sorted(_typed(load_worksheet(target, review.checklist))) == sorted(_typed(review.final))


@PROPERTY
@given(st.data())
def test_the_saved_file_shows_invisible_characters_as_escapes(data: st.DataObject) -> None:
    with _folder() as folder:
        check_escaped(_review(data, folder), folder)


# --- 4. the reports ------------------------------------------------------------------------------


def _parse(markdown: str) -> list[Token]:
    """CommonMark plus GFM tables and strikethrough, as GitHub and most renderers read it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


_CELL_BREAK = re.compile(r"(?<!\\)\|")


def _links(markdown: str) -> set[str]:
    return {str(t.attrGet("href")) for t in _walk(_parse(markdown)) if t.type == "link_open"}


def check_reports(review: Review) -> None:
    worksheet = review.final
    report: Report = build_report(worksheet, review.checklist, load_registry(()))
    base = build_report(review.base, review.checklist, load_registry(()))
    for details in (False, True):
        markdown = render_markdown(report, details=details)
        tokens = list(_walk(_parse(markdown)))
        html = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
        assert html == []
        # The evidence links, as a reader decodes their destinations.
        evidence = _links("".join(f"[x]({link_destination(url)})\n\n" for url in URLS))
        links = _links(markdown) - _links(render_markdown(base, details=details)) - evidence
        links = {href for href in links if not href.startswith("#claim-")}
        assert links == set()
        lines = markdown.split("\n")
        for table in (t for t in tokens if t.type == "table_open"):
            assert table.map is not None
            rows = lines[table.map[0] : table.map[1]]
            widths = {len(_CELL_BREAK.findall(row.replace("\\\\", ""))) for row in rows}
            assert len(widths) == 1, rows
    record = json.loads(render_json(report))
    notes = {
        (claim["id"], answer["question"]): answer["note"]
        for claim in record["claims"]
        for answer in claim["answers"]
    }
    for entry in worksheet.claims:
        for qid, answer in entry.answers.items():
            if (entry.id, qid) in notes:
                assert notes[entry.id, qid] == answer.note
    conclusions = {claim["id"]: claim["conclusion"] for claim in record["claims"]}
    for entry in worksheet.claims:
        if entry.id in conclusions:
            assert conclusions[entry.id] == entry.conclusion
    for part in PARTS:
        assert record["publication"][part] == worksheet.publication.get(part)


@PROPERTY
@given(st.data())
def test_the_reports_hold_untrusted_text_as_text(data: st.DataObject) -> None:
    with _folder() as folder:
        check_reports(_review(data, folder))


# --- what the properties found ------------------------------------------------------------------


def test_the_hostile_texts_are_all_accepted_as_notes(tmp_path: Path) -> None:
    path, checklist = _article_fixed(tmp_path)
    worksheet = load_worksheet(path, checklist)
    for text in HOSTILE:
        made = make_change(
            worksheet,
            "c1",
            Action.NOTE,
            reviewer="ana",
            question="primary_source",
            new=text,
            now=lambda: NOW,
        )
        worksheet = apply_change(worksheet, made)
        review = Review(path, load_worksheet(path, checklist), checklist, ((made, worksheet),))
        check_reads_back(review, tmp_path)
        check_escaped(review, tmp_path)


def _article_fixed(folder: Path) -> tuple[Path, Checklist]:
    (folder / "checklist.yaml").write_bytes((REVIEW / "checklist.yaml").read_bytes())
    text = (REVIEW / "evacuation.worksheet.yaml").read_text(encoding="utf-8")
    text = text.replace("source: tests/fixtures/review/checklist.yaml", "source: checklist.yaml")
    path = folder / "evacuation.worksheet.yaml"
    path.write_text(text, encoding="utf-8")
    return path, load_checklist(folder / "checklist.yaml")


def test_a_claim_merged_with_one_of_another_paragraph_is_saved_so_it_reads_back(
    tmp_path: Path,
) -> None:
    path, checklist = _article_fixed(tmp_path)
    worksheet = load_worksheet(path, checklist)
    merge = make_change(worksheet, "c1", Action.MERGE, reviewer="ana", new="c2", now=lambda: NOW)
    merged = apply_change(worksheet, merge)
    with open_session(path, checklist) as session:
        session.record(merged, merge)
    assert load_worksheet(path, checklist) == merged
    start, end = merged.entry("c1").claim.start, merged.entry("c1").claim.end
    assert merged.entry("c1").paragraph[0] <= start < end <= merged.entry("c1").paragraph[1]


def test_a_merged_claim_saved_with_its_own_paragraph_reads_back_with_it_widened(
    tmp_path: Path,
) -> None:
    path, checklist = _article_fixed(tmp_path)
    worksheet = load_worksheet(path, checklist)
    c1 = worksheet.entry("c1")
    merge = make_change(worksheet, "c1", Action.MERGE, reviewer="ana", new="c2", now=lambda: NOW)
    merged = apply_change(worksheet, merge)
    assert merged.entry("c1").paragraph != c1.paragraph
    save_worksheet(
        path,
        replace(
            merged,
            claims=tuple(
                replace(e, paragraph=c1.paragraph) if e.id == "c1" else e for e in merged.claims
            ),
        ),
    )
    claim = merged.entry("c1").claim
    assert load_worksheet(path, checklist).entry("c1").paragraph == (
        c1.paragraph[0],
        claim.end,
    )
    text = path.read_text(encoding="utf-8")
    unmerged = text.replace("  corrected: [merged]\n", "", 1)
    assert unmerged != text
    path.write_text(unmerged, encoding="utf-8")
    with pytest.raises(WorksheetError, match=r"expected a span around the claim"):
        load_worksheet(path, checklist)

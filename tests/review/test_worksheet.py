"""Tests for stage ⑥: the worksheet model, its YAML, the journal, the lock and atomic saving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from worksheet_fixtures import AT, CHECKLIST, EVACUATION, FIXTURES, change

from factcheck.checklist.load import Checklist
from factcheck.errors import JournalWarning, WorksheetError
from factcheck.files import slugify, write_atomic
from factcheck.models import (
    Attribution,
    Claim,
    Document,
    Extraction,
    Segment,
    SegmentKind,
    SourceFacts,
)
from factcheck.review.journal import (
    WorksheetLock,
    WorksheetSession,
    load_worksheet,
    open_session,
    read_journal,
    save_worksheet,
)
from factcheck.review.worksheet import (
    FORMAT,
    Action,
    Answer,
    Change,
    Override,
    Worksheet,
    apply_change,
    check_value,
    create_worksheet,
    document_slug,
    is_url,
    is_worksheet_file,
    journal_path,
    lock_path,
    worksheet_path,
)
from factcheck.review.worksheet_yaml import dump_worksheet, parse_worksheet

FAULTS = FIXTURES / "worksheet"


def answered(ws: Worksheet) -> Worksheet:
    """The fixture with one of every kind of change applied."""
    steps: list[tuple[str, Action, dict[str, object]]] = [
        ("c1", Action.ANSWER, {"question": "primary_source", "new": "no", "prefill": False}),
        ("c1", Action.ANSWER, {"question": "primary_source", "new": "yes"}),
        ("c1", Action.NOTE, {"question": "primary_source", "new": "Ministry release:\nsee page 2"}),
        ("c1", Action.EVIDENCE, {"question": "primary_source", "new": "https://example.org/a?b=1"}),
        ("c2", Action.ANSWER, {"question": "partisan_outlet", "new": "yes", "prefill": True}),
        ("c2", Action.OVERRIDE, {"new": "disputed", "reason": "Denied by the army"}),
        ("c3", Action.SKIP, {}),
    ]
    for claim, action, details in steps:
        ws = apply_change(ws, change(ws, claim, action, **details))
    return ws


# --- names and paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room",
            "report-hamas-coordinated-gaza-war-with-iran-hezbollah-in",
        ),
        ("Ça va? Été à Zürich!", "ca-va-ete-a-zurich"),
        ("  --  ", "worksheet"),
        ("日本語のタイトル", "日本語のタイトル"),
        ("статья-日本", "статья-日本"),
        ("..", "worksheet"),
        ("A" * 80, "a" * 60),
    ],
)
def test_slugify_keeps_letters_drops_accents_and_joins_words_with_hyphens(
    title: str, slug: str
) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("document", "slug"),
    [
        (Document("x.txt", "t", "0", title="Evacuation ordered"), "x"),
        (Document("news/Gaza Story.html", "t", "0"), "gaza-story"),
        (Document("https://ex.org/2021/05/iran-room/", "t", "0"), "iran-room"),
        (Document("https://ex.org/", "t", "0", title="Evacuation ordered"), "evacuation-ordered"),
        (Document("-", "t", "0", title="Evacuation ordered"), "evacuation-ordered"),
        (Document("-", "t", "0"), "stdin"),
    ],
)
def test_document_slug_uses_file_name_then_title(document: Document, slug: str) -> None:
    assert document_slug(document) == slug


def test_worksheet_and_sibling_paths(tmp_path: Path) -> None:
    path = worksheet_path(tmp_path, Document("a.txt", "t", "0", title="A title"))
    assert path == tmp_path / "a.worksheet.yaml"
    assert journal_path(path) == tmp_path / "a.worksheet.journal"
    assert lock_path(path) == tmp_path / "a.worksheet.lock"
    assert is_worksheet_file(EVACUATION)
    assert not is_worksheet_file(CHECKLIST)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://localhost:8080/x", True),
        ("ftp://example.org/file", False),
        ("example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        (" https://example.org/", False),
        ("https://example.org/\n", False),
        ("https://example.org/\u2003x", False),  # an em space
        ("https://example.org/\x1cx", False),  # a file separator, a space to str.split
        ("https://example.org:99999/", False),
        ("", False),
    ],
)
def test_is_url(text: str, ok: bool) -> None:
    assert is_url(text) is ok


def test_check_value_names_what_was_expected(checklist: Checklist) -> None:
    primary, _, _, confidence = checklist.questions
    assert check_value(primary, "yes") is None
    assert check_value(primary, "maybe") == "expected one of yes, no, unclear, got 'maybe'"
    assert check_value(confidence, "6") == "expected one of 1, 2, 3, 4, 5, got '6'"


# --- making and changing -------------------------------------------------------------------------


def test_create_worksheet_snapshots_claims_facts_and_paragraphs(checklist: Checklist) -> None:
    text = "Headline\nOfficials said 300 left. Roads closed.\nA second paragraph."
    first = "Officials said 300 left."

    def segment(part: str, kind: SegmentKind, block: int) -> Segment:
        return Segment(text.index(part), text.index(part) + len(part), kind, part, block)

    start = text.index(first)
    segments = (
        segment("Headline", SegmentKind.TITLE, 0),
        segment(first, SegmentKind.CLAIM, 1),
        segment("Roads closed.", SegmentKind.STATEMENT, 1),
        segment("A second paragraph.", SegmentKind.STATEMENT, 2),
    )
    claim = Claim(
        "c1",
        first,
        start,
        start + len(first),
        0.8,
        ("number",),
        Attribution(speaker="Officials", via=("Reuters",)),
        block=1,
    )
    document = Document("a.txt", text, "ab" * 32, title="Headline")
    ws = create_worksheet(
        Extraction(document, segments, (claim,)), checklist, now=lambda: "2024-01-01T00:00:00Z"
    )
    assert ws.created == "2024-01-01T00:00:00Z"
    assert (ws.checklist.id, ws.checklist.version) == ("review-test", 1)
    assert ws.checklist.sha256 == checklist.sha256
    assert ws.checklist.source == "review-test"
    (entry,) = ws.claims
    assert entry.claim == claim
    assert text[entry.paragraph[0] : entry.paragraph[1]] == "Officials said 300 left. Roads closed."
    assert entry.source_facts == SourceFacts()
    assert entry.facts["chain.hops"] == 1
    assert entry.facts["attribution.speaker_known"] is True
    assert entry.answers == {} and entry.override is None and not entry.skipped


def test_apply_change_records_every_kind_of_change(worksheet: Worksheet) -> None:
    ws = answered(worksheet)
    c1, c2, c3 = ws.claims
    assert c1.answers["primary_source"] == Answer(
        value="yes",
        note="Ministry release:\nsee page 2",
        evidence=("https://example.org/a?b=1",),
        prefill_accepted=False,
        reviewer="ana",
        at=AT,
    )
    assert c2.answers["partisan_outlet"].prefill_accepted is True
    assert c2.override == Override("disputed", "Denied by the army", "ana", AT)
    assert c3.skipped
    assert [(a.seq, a.action, a.old, a.new) for a in ws.audit[:2]] == [
        (1, Action.ANSWER, None, "no"),
        (2, Action.ANSWER, "no", "yes"),
    ]
    assert ws.seq == 7
    assert worksheet.claims[0].answers == {}  # the original is untouched


def test_apply_change_to_unknown_claim_fails(worksheet: Worksheet) -> None:
    bad = Change(1, AT, "ana", "c99", Action.SKIP)
    with pytest.raises(WorksheetError, match="no claim 'c99' in the worksheet"):
        apply_change(worksheet, bad)


def test_unskip_and_clearing_an_override(worksheet: Worksheet) -> None:
    ws = answered(worksheet)
    ws = apply_change(ws, change(ws, "c3", Action.UNSKIP))
    ws = apply_change(ws, change(ws, "c2", Action.OVERRIDE, new=None))
    assert not ws.claims[2].skipped
    assert ws.claims[1].override is None
    assert ws.audit[-1].old == "disputed"


# --- YAML ----------------------------------------------------------------------------------------


def test_fixture_round_trips_byte_for_byte(worksheet: Worksheet) -> None:
    assert dump_worksheet(worksheet) == EVACUATION.read_text(encoding="utf-8")


def test_answers_and_audit_round_trip(worksheet: Worksheet, checklist: Checklist) -> None:
    ws = answered(worksheet)
    text = dump_worksheet(ws)
    assert parse_worksheet(text, "x.yaml", checklist) == ws


def test_body_segments_and_their_speakers_round_trip(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    text = worksheet.document.text
    said = "Officials said 300 people were evacuated on Monday."
    other = "Critics disagree."
    segments = (
        Segment(
            text.index(said),
            text.index(said) + len(said),
            SegmentKind.CLAIM,
            said,
            attribution=Attribution(speaker="Officials", verb="said"),
        ),
        Segment(
            text.index(other),
            text.index(other) + len(other),
            SegmentKind.OPINION,
            other,
            attribution=Attribution(speaker="Critics", verb="disagree", hedges=("x",)),
        ),
    )
    ws = replace(worksheet, segments=segments)
    dumped = dump_worksheet(ws)
    listed = dumped.split("\nsegments:\n", 1)[1].split("\naudit:", 1)[0]
    assert listed.splitlines() == [
        "- {start: 19, end: 70, kind: claim, speaker: Officials, verb: said}",
        "- {start: 176, end: 193, kind: opinion, speaker: Critics, verb: disagree, hedges: [x]}",
    ]
    back = parse_worksheet(dumped, "x.yaml", checklist)
    assert back == ws
    assert [(s.text, s.attribution) for s in back.segments] == [
        (s.text, s.attribution) for s in segments
    ]


def test_yaml_is_diff_friendly(worksheet: Worksheet) -> None:
    text = dump_worksheet(answered(worksheet))
    audit = text[text.index("\naudit:\n") :]
    assert audit.splitlines()[2:4] == [
        "- {seq: 1, at: '2024-03-02T09:05:00Z', reviewer: ana, claim: c1, action: answer, "
        "question: primary_source, old: null, new: 'no'}",
        "- {seq: 2, at: '2024-03-02T09:05:00Z', reviewer: ana, claim: c1, action: answer, "
        "question: primary_source, old: 'no', new: 'yes'}",
    ]
    expected = """\
          answers:
            primary_source:
              value: 'yes'
              note: |-
                Ministry release:
                see page 2
              evidence:
              - https://example.org/a?b=1
              prefill_accepted: false
              reviewer: ana
              at: '2024-03-02T09:05:00Z'
        """
    assert textwrap.indent(textwrap.dedent(expected), "  ") in text
    assert "  text: |-\n    Evacuation ordered\n" in text


def test_untrusted_text_survives_the_round_trip(worksheet: Worksheet) -> None:
    nasty = "\x1b[31mred\x1b[0m [bold]x[/bold] \u202eevil\u202c: yes\n- no\n'\"#&*!|>%@`"
    entry = worksheet.claims[0]
    claim = replace(entry.claim, reasons=("yes", "null", "1.5", nasty))
    ws = replace(worksheet, claims=(replace(entry, claim=claim), *worksheet.claims[1:]))
    ws = apply_change(ws, change(ws, "c1", Action.NOTE, question="primary_source", new=nasty))
    back = parse_worksheet(dump_worksheet(ws), "x.yaml")
    assert back.claims[0].claim.reasons == ("yes", "null", "1.5", nasty)
    assert back.claims[0].answers["primary_source"].note == nasty


FAULT_MESSAGES = {
    "audit-unknown-action": "audit-unknown-action.worksheet.yaml:86: audit[0].action: expected "
    "one of answer, note, evidence, override, skip, unskip, conclusion, publication, speaker, "
    "role, add_hop, remove_hop, drop, add_claim, split, merge, chain, got 'delete'",
    "audit-unknown-claim": "audit-unknown-claim.worksheet.yaml:86: audit[0].claim: "
    "no claim 'c9' in the worksheet",
    "bad-answer-value": "bad-answer-value.worksheet.yaml:65: "
    "claims[1].answers.primary_source.value: expected one of yes, no, unclear, got 'maybe'",
    "bad-evidence-url": "bad-evidence-url.worksheet.yaml:46: "
    "claims[0].answers.primary_source.evidence[0]: expected an http(s) URL, got 'not-a-url'",
    "duplicate-claim-id": "duplicate-claim-id.worksheet.yaml:64: claims[2].id: "
    "duplicate claim id 'c2'",
    "empty": "empty.worksheet.yaml: empty file, expected a worksheet",
    "end-out-of-range": "end-out-of-range.worksheet.yaml:79: claims[2].end: "
    "expected 194 <= end <= 238, got 999",
    "start-out-of-range": "start-out-of-range.worksheet.yaml:78: claims[2].start: "
    "expected 0 <= start <= 238, got 1940",
    "invalid-yaml": "invalid-yaml.worksheet.yaml:68: not valid YAML: "
    "did not find expected ',' or ']'",
    "missing-text": "missing-text.worksheet.yaml:64: claims[2]: missing key 'text'",
    "cut-short": "cut-short.worksheet.yaml:3: contents.audit: expected 2 audit entries, "
    "found 1: the worksheet is cut short; restore it from a copy",
    "no-audit": "no-audit.worksheet.yaml:41: the file ends here, without the audit log written "
    "after the claims: the worksheet is cut short; restore it from a copy",
    "repeats-unknown-claim": "repeats-unknown-claim.worksheet.yaml:45: claims[1].repeats: "
    "no claim 'c9' in the worksheet",
    "repeats-itself": "repeats-itself.worksheet.yaml:45: claims[1].repeats: claims cannot "
    "repeat each other in a circle (c2 \u2192 c2)",
    "repeats-in-a-circle": "repeats-in-a-circle.worksheet.yaml:45: claims[1].repeats: claims "
    "cannot repeat each other in a circle (c2 \u2192 c3 \u2192 c2)",
    "python-tag": "python-tag.worksheet.yaml:65: claims[1].answers.primary_source.value: "
    "tag '!!python/object:os.system' is not allowed: only plain YAML values are",
    "not-a-mapping": "not-a-mapping.worksheet.yaml:1: expected a mapping, got a list",
    "offset-not-integer": "offset-not-integer.worksheet.yaml:36: claims[0].start: "
    "expected an integer >= 0, got 'nineteen'",
    "override-off-scale": "override-off-scale.worksheet.yaml:83: claims[2].override.verdict: "
    "expected one of supported, unproven, disputed, got 'true-ish'",
    "override-without-reason": "override-without-reason.worksheet.yaml:41: "
    "claims[0].override.reason: an override needs a reason",
    "segment-furniture": "segment-furniture.worksheet.yaml:87: segments[1].kind: expected one "
    "of claim, statement, question, opinion, got 'title'",
    "skipped-not-boolean": "skipped-not-boolean.worksheet.yaml:40: claims[0].skipped: "
    "expected true or false, got 'maybe'",
    "duplicate-key": "duplicate-key.worksheet.yaml:41: claims[0]: "
    "duplicate key 'skipped' (first at line 40)",
    "unknown-key": "unknown-key.worksheet.yaml:41: claims[0]: unknown key 'verdict' (expected "
    "one of: id, text, start, end, check_worthiness, reasons, attribution, sources, source_facts, "
    "facts, block, paragraph, skipped, override, answers, conclusion, dropped, corrected, caption, "
    "repeats)",
    "unknown-document-key": "unknown-document-key.worksheet.yaml:7: document: unknown key "
    "'colour' (expected one of: source, sha256, text, title, outlet, byline, published, url, "
    "provenance)",
    "wrong-format": "wrong-format.worksheet.yaml:1: format: "
    "expected 'factcheck-worksheet/1', got 'factcheck-worksheet/9'",
}


def test_every_fault_fixture_has_a_message() -> None:
    names = {p.name.removesuffix(".worksheet.yaml") for p in FAULTS.glob("*.worksheet.yaml")}
    assert names == set(FAULT_MESSAGES)


@pytest.mark.parametrize("fault", sorted(FAULT_MESSAGES))
def test_invalid_worksheet_gives_a_precise_error(
    fault: str, checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FAULTS)
    with pytest.raises(WorksheetError) as info:
        load_worksheet(Path(f"{fault}.worksheet.yaml"), checklist)
    assert str(info.value) == FAULT_MESSAGES[fault]


# --- journal, compaction, lock -------------------------------------------------------------------


def test_session_journals_each_change_and_compacts(tmp_path: Path, worksheet: Worksheet) -> None:
    path = tmp_path / "evacuation.worksheet.yaml"
    session = open_session(path, new=worksheet)
    before = path.read_text(encoding="utf-8")
    ws = session.worksheet
    for _ in range(2):
        c = change(
            ws, "c1", Action.ANSWER, question="primary_source", new="yes" if ws.seq else "no"
        )
        ws = apply_change(ws, c)
        session.record(ws, c)
    assert path.read_text(encoding="utf-8") == before  # the YAML is only rewritten on compaction
    lines = journal_path(path).read_text(encoding="utf-8").splitlines()
    assert lines == [
        '{"seq":1,"at":"2024-03-02T09:05:00Z","reviewer":"ana","claim":"c1","action":"answer",'
        '"question":"primary_source","old":null,"new":"no"}',
        '{"seq":2,"at":"2024-03-02T09:05:00Z","reviewer":"ana","claim":"c1","action":"answer",'
        '"question":"primary_source","old":"no","new":"yes"}',
    ]
    assert load_worksheet(path) == ws  # a reader sees journaled answers
    session.close()
    assert not journal_path(path).exists()
    assert not lock_path(path).exists()
    assert parse_worksheet(path.read_text(encoding="utf-8")) == ws


def test_torn_last_journal_line_is_ignored_and_cut(tmp_path: Path, worksheet: Worksheet) -> None:
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    c = change(worksheet, "c1", Action.SKIP)
    session.record(apply_change(worksheet, c), c)
    session.close(compact=False)
    journal = journal_path(path)
    intact = journal.read_bytes()
    journal.write_bytes(intact + b'{"seq":2,"at":"2024-03-02T09:0')
    with pytest.warns(JournalWarning, match=r"the last entry \(change 2\) was cut short"):
        assert load_worksheet(path).seq == 1
    with pytest.warns(JournalWarning, match=r"the last entry \(change 2\) was cut short"):
        session = open_session(path)
    assert journal.read_bytes() == intact
    c2 = change(session.worksheet, "c2", Action.SKIP)
    session.record(apply_change(session.worksheet, c2), c2)
    session.close(compact=False)
    assert [c.seq for c in read_journal(journal)[0]] == [1, 2]


def test_damaged_journal_line_in_the_middle_is_an_error(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    write_atomic(path, dump_worksheet(worksheet))
    journal_path(path).write_text('not json\n{"seq": 1}\n', encoding="utf-8")
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value) == (
        f"{journal_path(path)}:1: damaged journal entry (Expecting value: line 1 column 1 (char 0))"
    )


def test_journal_already_compacted_is_not_applied_twice(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # A crash between the atomic rename and the journal reset leaves both holding the change.
    path = tmp_path / "w.worksheet.yaml"
    session = open_session(path, new=worksheet)
    c = change(worksheet, "c1", Action.SKIP)
    ws = apply_change(worksheet, c)
    session.record(ws, c)
    write_atomic(path, dump_worksheet(ws))
    session.close(compact=False)
    assert load_worksheet(path) == ws


def test_journal_from_another_worksheet_is_refused(tmp_path: Path, worksheet: Worksheet) -> None:
    path = tmp_path / "w.worksheet.yaml"
    write_atomic(path, dump_worksheet(worksheet))
    journal_path(path).write_text(
        '{"seq":5,"at":"x","reviewer":"a","claim":"c1","action":"skip","old":null,"new":null}\n',
        encoding="utf-8",
    )
    with pytest.raises(WorksheetError, match="journal jumps from change 0 to 5"):
        load_worksheet(path)


def _one_answer_recorded(path: Path, worksheet: Worksheet) -> tuple[WorksheetSession, Worksheet]:
    """A review of WORKSHEET, saved at PATH, that has recorded one answer, and the worksheet."""
    save_worksheet(path, worksheet)
    session = open_session(path)
    c = change(session.worksheet, "c1", Action.ANSWER, question="primary_source", new="yes")
    ws = apply_change(session.worksheet, c)
    session.record(ws, c)
    return session, ws


def test_a_file_changed_on_disk_during_a_review_is_not_overwritten(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # A teammate's change pulled with git while the review was open was silently replaced.
    path = tmp_path / "evacuation.worksheet.yaml"
    session, ws = _one_answer_recorded(path, worksheet)
    theirs = path.read_text(encoding="utf-8").replace("created:", "# pulled\ncreated:", 1)
    write_atomic(path, theirs)
    with pytest.raises(WorksheetError) as caught:
        session.close()
    aside = tmp_path / "evacuation.unsaved.worksheet.yaml"
    assert str(caught.value) == (
        f"{path}: changed on disk during the review (edited by hand, or by git): not "
        f"overwritten; this review is saved as {aside}: compare the two and keep the one you want"
    )
    assert path.read_text(encoding="utf-8") == theirs
    assert load_worksheet(aside) == ws
    assert load_worksheet(path) == worksheet  # the journal's change is in the review's file
    assert not lock_path(path).exists()
    # A review that changes nothing leaves both files alone; one that does is saved again.
    with open_session(path) as again:
        assert again.worksheet == worksheet
    assert path.read_text(encoding="utf-8") == theirs


def test_a_file_written_again_with_the_same_bytes_during_a_review_is_saved(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    # `touch`, or git checking out the same content, changes the file's time and inode only.
    path = tmp_path / "evacuation.worksheet.yaml"
    session, ws = _one_answer_recorded(path, worksheet)
    write_atomic(path, path.read_text(encoding="utf-8"))
    session.close()
    assert load_worksheet(path) == ws
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evacuation.worksheet.yaml"]


def test_second_session_is_refused_while_the_first_is_open(
    tmp_path: Path, worksheet: Worksheet
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    first = open_session(path, new=worksheet)
    with pytest.raises(WorksheetError) as info:
        open_session(path)
    assert str(info.value).startswith(
        f"{path} is already open in another review (pid {os.getpid()}"
    )
    assert str(info.value).endswith("finish or quit that review first")
    first.close()
    open_session(path).close()


def test_lock_of_a_killed_process_is_not_stuck(tmp_path: Path) -> None:
    path = tmp_path / "w.worksheet.yaml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from factcheck.review.journal import "
            "WorksheetLock; WorksheetLock(Path(sys.argv[1])).acquire(); print('held', flush=True);"
            " time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    with pytest.raises(WorksheetError, match="already open in another review"):
        WorksheetLock(path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    assert lock_path(path).exists()  # left behind, but no longer held
    with WorksheetLock(path):
        pass


def test_new_session_refuses_to_overwrite(tmp_path: Path, worksheet: Worksheet) -> None:
    path = tmp_path / "w.worksheet.yaml"
    write_atomic(path, "keep me\n")
    with pytest.raises(WorksheetError, match="a worksheet already exists there"):
        open_session(path, new=worksheet)
    assert path.read_text(encoding="utf-8") == "keep me\n"
    assert not lock_path(path).exists()


def test_failed_save_keeps_the_old_file(
    tmp_path: Path, worksheet: Worksheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.worksheet.yaml"
    write_atomic(path, "old\n")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(WorksheetError, match="cannot save: No space left on device"):
        save_worksheet(path, worksheet)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.worksheet.yaml"]


def test_format_constant_marks_the_file() -> None:
    assert EVACUATION.read_text(encoding="utf-8").startswith(f"format: {FORMAT}\n")


def test_evidence_is_a_url_or_a_case_article(worksheet: Worksheet, checklist: Checklist) -> None:
    from factcheck.review.worksheet import is_evidence

    assert is_evidence("https://example.com/a")
    assert is_evidence("case:cases/dam/articles/0123456789abcdef.json")
    assert not is_evidence("case:")
    assert not is_evidence("case:two\nlines")
    assert not is_evidence("examples/seed-article.txt")
    reference = "case:articles/a.txt"
    ws = apply_change(
        worksheet,
        change(worksheet, "c1", Action.EVIDENCE, question="primary_source", new=reference),
    )
    loaded = parse_worksheet(dump_worksheet(ws), "case.worksheet.yaml", checklist)
    assert loaded.entry("c1").answers["primary_source"].evidence == (reference,)


@pytest.mark.parametrize("odd", ["c" + "9" * 5000, "c\u0663", "c03"])
def test_a_hand_edited_claim_id_is_found_by_its_position(odd: str) -> None:
    # 'c' and 5,000 digits: int() refused them, and every lookup of the claim was an internal
    # error (review --claims, the audit log).
    worksheet = parse_worksheet(EVACUATION.read_text(encoding="utf-8"))
    claims = tuple(
        replace(e, claim=replace(e.claim, id=odd)) if e.id == "c2" else e for e in worksheet.claims
    )
    edited = replace(worksheet, claims=claims)
    assert edited.position(odd) == 1
    assert edited.entry(odd).claim.text == worksheet.entry("c2").claim.text
    with pytest.raises(WorksheetError):
        edited.position("c" + "8" * 5000)


def test_invisible_characters_are_escaped_in_the_file_and_read_back_the_same(
    worksheet: Worksheet, tmp_path: Path
) -> None:
    # A bidi override or a zero-width space was written raw: `cat`, `less` or `git diff` of a
    # shared worksheet showed the article reordered. Persian's joiner and emoji stay as they are.
    hostile = "North\u202ewire said zero\u200bwidth"
    persian = "\u062e\u0627\u0646\u0647\u200c\u0647\u0627 \U0001f44d"
    entry = worksheet.claims[0]
    claim = replace(entry.claim, reasons=(hostile, persian))
    ws = replace(worksheet, claims=(replace(entry, claim=claim), *worksheet.claims[1:]))
    ws = apply_change(ws, change(ws, "c1", Action.NOTE, question="primary_source", new=hostile))
    path = tmp_path / "x.worksheet.yaml"
    save_worksheet(path, ws)
    text = path.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\u200b" not in text
    assert '"North\\u202Ewire said zero\\u200Bwidth"' in text
    assert "\u062e\u0627\u0646\u0647\u200c\u0647\u0627" in text  # the joiner does its work
    for back in (load_worksheet(path), parse_worksheet(text, "x.yaml")):
        assert back.claims[0].claim.reasons == (hostile, persian)
        assert back.claims[0].answers["primary_source"].note == hostile

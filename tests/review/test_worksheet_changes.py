"""Tests for stage ⑥: each kind of change to a worksheet, the old values it records, and the
names and files a worksheet is found by."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from worksheet_fixtures import AT, EVACUATION, change

from factcheck.checklist.load import Checklist
from factcheck.errors import WorksheetError
from factcheck.files import slugify
from factcheck.models import Document, SourceFacts
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet import (
    ARTICLE,
    Action,
    Change,
    Override,
    Worksheet,
    apply_change,
    apply_changes,
    article_worksheet,
    document_slug,
    is_worksheet_file,
    normalize_value,
    worksheet_source,
)
from factcheck.review.worksheet_yaml import dump_worksheet


def applied(ws: Worksheet, claim: str, action: Action, **details: object) -> Worksheet:
    return apply_change(ws, change(ws, claim, action, **details))


# --- one claim's corrections ----------------------------------------------------------------------


def test_a_speaker_correction_updates_the_facts_read_from_it(worksheet: Worksheet) -> None:
    c3 = worksheet.entry("c3")
    first = change(worksheet, "c3", Action.SPEAKER, new="The army")
    assert first == Change(1, AT, "ana", "c3", Action.SPEAKER, None, None, "The army")
    ws = apply_change(worksheet, first)
    attribution = replace(c3.claim.attribution, speaker="The army")
    assert ws.entry("c3") == replace(
        c3,
        claim=replace(c3.claim, attribution=attribution),
        facts={**c3.facts, "attribution.speaker_known": True, "chain.hops": 0},
        corrected=("speaker",),
    )
    again = change(ws, "c3", Action.SPEAKER, new=None)
    assert again.old == "The army"
    ws = apply_change(ws, again)
    assert ws.entry("c3").facts["attribution.speaker_known"] is False
    assert ws.entry("c3").corrected == ("speaker",)  # named once however often corrected
    assert ws.audit == (first, again)


def test_a_role_correction_records_the_old_role(worksheet: Worksheet) -> None:
    ws = applied(worksheet, "c1", Action.ROLE, new="the mayor's office")
    assert ws.entry("c1").claim.attribution.role == "the mayor's office"
    again = change(ws, "c1", Action.ROLE, new="the council")
    assert (again.old, again.new) == ("the mayor's office", "the council")
    assert apply_change(ws, again).entry("c1").corrected == ("role",)


def test_hops_are_added_where_asked_and_removed_by_name(worksheet: Worksheet) -> None:
    c2 = worksheet.entry("c2")
    ws = applied(worksheet, "c2", Action.ADD_HOP, new="Kan news", question="1")
    assert ws.entry("c2").claim.attribution.via == ("Al-Manar", "Kan news")
    assert ws.entry("c2").facts["chain.hops"] == 2
    ws = applied(ws, "c2", Action.ADD_HOP, new="Reuters")  # no position: nearest the article
    assert ws.entry("c2").claim.attribution.via == ("Reuters", "Al-Manar", "Kan news")
    removal = change(ws, "c2", Action.REMOVE_HOP, new="Al-Manar")
    assert (removal.old, removal.new) == ("Al-Manar", None)
    ws = apply_change(ws, removal)
    after = ws.entry("c2")
    assert after.claim.attribution == replace(c2.claim.attribution, via=("Reuters", "Kan news"))
    assert after.facts == {**c2.facts, "chain.hops": 2}
    assert after.corrected == ("chain",)
    assert [c.action for c in ws.audit] == [Action.ADD_HOP, Action.ADD_HOP, Action.REMOVE_HOP]


def test_a_claim_is_dropped_with_its_reason_and_restored(worksheet: Worksheet) -> None:
    c3 = worksheet.entry("c3")
    ws = applied(worksheet, "c3", Action.DROP, reason="A reporter's own count.")
    assert ws.entry("c3") == replace(c3, dropped="A reporter's own count.", corrected=("dropped",))
    restore = change(ws, "c3", Action.DROP, new="restore", reason="It is a claim after all.")
    assert restore.old == "A reporter's own count."
    ws = apply_change(ws, restore)
    assert ws.entry("c3") == replace(c3, corrected=("dropped",))


def test_unskipping_gives_the_claim_back_as_it_was(worksheet: Worksheet) -> None:
    ws = applied(applied(worksheet, "c2", Action.SKIP), "c2", Action.UNSKIP)
    assert ws.entry("c2") == worksheet.entry("c2")
    assert ws.entry("c2").skipped is False


def test_an_override_without_a_reason_records_an_empty_one(worksheet: Worksheet) -> None:
    ws = applied(worksheet, "c1", Action.OVERRIDE, new="accurate")
    assert ws.entry("c1").override == Override("accurate", "", "ana", AT)


def test_a_conclusion_records_the_one_it_replaces(worksheet: Worksheet) -> None:
    ws = applied(worksheet, "c1", Action.CONCLUSION, new="Holds.")
    again = change(ws, "c1", Action.CONCLUSION, new="Holds, per the register.")
    assert again.old == "Holds."
    assert apply_change(ws, again).entry("c1").conclusion == "Holds, per the register."


@pytest.mark.parametrize(
    ("action", "details", "message"),
    [
        (Action.ANSWER, {}, "change 1: answer needs a question"),
        (Action.NOTE, {"new": "x"}, "change 1: note needs a question"),
        (Action.EVIDENCE, {"question": "primary_source"}, "change 1: evidence needs a URL"),
    ],
)
def test_an_answer_change_without_its_parts_is_refused(
    worksheet: Worksheet, action: Action, details: dict[str, object], message: str
) -> None:
    with pytest.raises(WorksheetError) as caught:
        applied(worksheet, "c1", action, **details)
    assert str(caught.value) == message


def test_a_note_on_an_answer_keeps_the_answer(worksheet: Worksheet) -> None:
    ws = applied(worksheet, "c1", Action.ANSWER, question="primary_source", new="yes")
    note = change(ws, "c1", Action.NOTE, question="primary_source", new="page 2")
    assert note.old is None  # the old note, not the answer
    ws = apply_change(ws, note)
    assert change(ws, "c1", Action.NOTE, question="primary_source", new="p. 3").old == "page 2"
    assert change(ws, "c1", Action.ANSWER, question="primary_source", new="no").old == "yes"
    assert ws.entry("c1").answers["primary_source"].value == "yes"


# --- changes beyond one claim -----------------------------------------------------------------


def test_a_publication_part_is_recorded_with_the_one_it_replaces(worksheet: Worksheet) -> None:
    first = change(worksheet, "c2", Action.PUBLICATION, question="title", new="Checked")
    assert first == Change(1, AT, "ana", ARTICLE, Action.PUBLICATION, "title", None, "Checked")
    ws = apply_change(worksheet, first)
    again = change(ws, "c1", Action.PUBLICATION, question="title", new="Checked again")
    assert again == Change(
        2, AT, "ana", ARTICLE, Action.PUBLICATION, "title", "Checked", "Checked again"
    )
    ws = apply_change(ws, again)
    assert ws.publication.title == "Checked again"
    assert ws.audit == (first, again)


def test_an_unknown_publication_part_is_refused(worksheet: Worksheet) -> None:
    bad = Change(1, AT, "ana", ARTICLE, Action.PUBLICATION, "colour", None, "red")
    with pytest.raises(WorksheetError) as caught:
        apply_change(worksheet, bad)
    assert str(caught.value) == "change 1: no part 'colour' to publish"


def test_an_added_claim_gets_its_line_as_paragraph_and_the_facts_of_its_text(
    worksheet: Worksheet,
) -> None:
    text = worksheet.document.text
    at = text.index("Roads stayed closed.")
    ws = applied(worksheet, "c4", Action.ADD_CLAIM, new=f"{at}-{at + 20}")
    added = ws.entry("c4")
    assert added.claim.text == "Roads stayed closed."
    assert text[added.paragraph[0] : added.paragraph[1]] == text.split("\n")[1]
    assert added.source_facts == SourceFacts()
    assert added.corrected == ("added",)
    assert added.facts["chain.hops"] == 0
    assert added.facts["attribution.speaker_known"] is False
    assert added.facts["attribution.quote"] is False
    assert [e.id for e in ws.claims] == ["c1", "c4", "c2", "c3"]
    assert ws.audit[-1].action is Action.ADD_CLAIM


def test_a_claim_added_at_either_end_of_the_text_takes_its_whole_line(
    worksheet: Worksheet,
) -> None:
    text = worksheet.document.text
    ws = applied(worksheet, "c4", Action.ADD_CLAIM, new="0-10")
    assert ws.entry("c4").paragraph == (0, text.index("\n"))
    start = text.rindex("\n") + 1
    ws = applied(ws, "c5", Action.ADD_CLAIM, new=f"{start}-{len(text)}")
    assert ws.entry("c5").paragraph == (start, len(text))
    assert ws.entry("c5").claim.text == text[start:]


def test_a_claim_cannot_be_added_past_the_end_of_the_text(worksheet: Worksheet) -> None:
    end = len(worksheet.document.text) + 1
    with pytest.raises(WorksheetError) as caught:
        applied(worksheet, "c4", Action.ADD_CLAIM, new=f"200-{end}")
    assert str(caught.value) == f"change 1: {end} is past the end of the text"


def test_split_and_merge_mark_both_claims(worksheet: Worksheet) -> None:
    c2 = worksheet.entry("c2")
    at = c2.claim.start + c2.claim.text.index("according")
    ws = applied(worksheet, "c2", Action.SPLIT, question=str(at), new="c4")
    second = ws.entry("c4")
    assert second.source_facts == c2.source_facts
    assert second.facts == c2.facts  # the split part keeps what the chain gave
    assert second.corrected == ("split",) and ws.entry("c2").corrected == ("split",)
    assert second.paragraph == c2.paragraph
    ws = applied(ws, "c2", Action.MERGE, new="c4")
    assert ws.entry("c2").claim.text == c2.claim.text
    assert ws.entry("c2").corrected == ("split", "merged")
    assert ws.entry("c4").corrected == ("split", "merged")
    assert ws.entry("c4").dropped == "merged into c2"
    assert [c.action for c in ws.audit] == [Action.SPLIT, Action.MERGE]


def test_a_merge_with_no_such_claim_is_refused(worksheet: Worksheet) -> None:
    with pytest.raises(WorksheetError, match="no claim 'c9' in the worksheet"):
        applied(worksheet, "c2", Action.MERGE, new="c9")


# --- values ---------------------------------------------------------------------------------------


def test_typed_choices_are_matched_whatever_their_case(checklist: Checklist) -> None:
    primary = checklist.questions[0]
    assert normalize_value(primary, " YES ") == "yes"
    assert normalize_value(primary, "Unclear") == "unclear"
    assert normalize_value(primary, "no") == "no"
    assert normalize_value(primary, "Maybe") == "Maybe"  # left for the check to refuse


# --- names and files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "slug"),
    [
        (Document("", "t", "0", title="Evacuation ordered"), "evacuation-ordered"),
        (Document("https://ex.org/a/b/story.html?x=1", "t", "0"), "story"),
        (Document("https://ex.org/a/b/story.html/", "t", "0"), "story"),
        (Document("feed.xml", "t", "0", url="https://ex.org/news/evacuation.html"), "feed"),
        (Document("https://ex.org/x", "t", "0", url="https://ex.org/news/moved.html"), "moved"),
    ],
)
def test_the_slug_of_an_article_without_a_file_name(document: Document, slug: str) -> None:
    assert document_slug(document) == slug


def test_slugs_keep_letters_digits_and_marks_of_every_script() -> None:
    assert slugify("हिन्दी ٣ खबर") == "हिन्दी-٣-खबर"  # vowel signs are marks, '٣' a digit
    assert slugify("x\u2014y\u00a0z") == "x-y-z"  # punctuation and spaces of other scripts
    assert slugify(" " + "a" * 60) == "a" * 60  # a leading separator takes no room


def sheet_of(path: Path, source: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"format: factcheck-worksheet/1\nslug: x\ndocument:\n  sha256: ab\n  source: {source}\n",
        encoding="utf-8",
    )
    return path


def test_worksheet_source_reads_the_article_a_file_records(tmp_path: Path) -> None:
    assert worksheet_source(sheet_of(tmp_path / "a.worksheet.yaml", "x/story.txt")) == "x/story.txt"
    assert worksheet_source(sheet_of(tmp_path / "b.worksheet.yaml", "'it''s.txt'")) == "it's.txt"
    assert worksheet_source(sheet_of(tmp_path / "c.worksheet.yaml", "[1, 2]")) is None
    assert worksheet_source(sheet_of(tmp_path / "d.worksheet.yaml", "'unclosed")) is None
    assert worksheet_source(tmp_path / "missing.worksheet.yaml") is None
    assert worksheet_source(tmp_path) is None  # a folder: opening it later says what is wrong
    broken = tmp_path / "e.worksheet.yaml"
    broken.write_bytes(b"title: \xff\xfe\ndocument:\n  source: s.txt\n")
    assert worksheet_source(broken) == "s.txt"
    assert worksheet_source(EVACUATION) == "evacuation.txt"


def test_only_the_head_of_a_worksheet_is_read_for_its_article(tmp_path: Path) -> None:
    late = tmp_path / "late.worksheet.yaml"
    late.write_text("#" * 70_000 + "\ndocument:\n  source: s.txt\n", encoding="utf-8")
    assert worksheet_source(late) is None


def test_a_second_article_of_the_same_name_gets_its_own_worksheet(tmp_path: Path) -> None:
    document = Document("y/story.txt", "t", "0")
    assert article_worksheet(tmp_path, document) == (tmp_path / "story.worksheet.yaml", None)
    sheet_of(tmp_path / "story.worksheet.yaml", "x/story.txt")
    assert article_worksheet(tmp_path, document) == (
        tmp_path / "story-2.worksheet.yaml",
        f"{tmp_path / 'story.worksheet.yaml'} belongs to another article (x/story.txt); "
        "this one's worksheet is story-2.worksheet.yaml",
    )
    sheet_of(tmp_path / "story-2.worksheet.yaml", "y/story.txt")
    assert article_worksheet(tmp_path, document)[0] == tmp_path / "story-2.worksheet.yaml"
    original = Document("x/story.txt", "t", "0")
    assert article_worksheet(tmp_path, original) == (tmp_path / "story.worksheet.yaml", None)


def test_a_name_taken_a_thousand_times_is_refused(tmp_path: Path) -> None:
    for number in range(1, 1000):
        name = "story" if number == 1 else f"story-{number}"
        sheet_of(tmp_path / f"{name}.worksheet.yaml", f"other-{number}.txt")
    with pytest.raises(WorksheetError) as caught:
        article_worksheet(tmp_path, Document("story.txt", "t", "0"))
    assert str(caught.value) == f"{tmp_path}: too many worksheets named story"


def test_a_worksheet_is_known_by_its_format_line(tmp_path: Path, worksheet: Worksheet) -> None:
    text = dump_worksheet(worksheet)
    named = {
        "w.yml": "# a comment first\n" + text,
        "w.yaml": text,
        "w.txt": text,
        "other.yaml": "format: something-else\n",
        "late.yaml": "#" * 5000 + "\n" + text,
    }
    for name, content in named.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "bad.yaml").write_bytes(b"\xff\xfe" + text.encode())
    (tmp_path / "folder.yaml").mkdir()
    found = {p.name for p in tmp_path.iterdir() if is_worksheet_file(p)}
    assert found == {"w.yml", "w.yaml"}
    assert is_worksheet_file(tmp_path / "anything.worksheet.yaml")  # by its name alone


# --- verdicts, warnings and the facts a worksheet keeps ----------------------------------------


def test_an_override_to_a_verdict_the_scale_lacks_is_kept_but_the_rules_decide(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    # It was the verdict, labelled with its bare id, and published as one of the checklist's.
    from factcheck.review.loop import is_complete
    from factcheck.review.outdated import worksheet_warnings
    from factcheck.review.worksheet import claim_verdict, valid_override

    ws = applied(worksheet, "c1", Action.OVERRIDE, new="retracted", reason="Pulled by the paper")
    entry = ws.entry("c1")
    assert entry.override is not None and entry.override.verdict == "retracted"
    assert valid_override(checklist, entry) is None
    assert claim_verdict(checklist, entry) == claim_verdict(checklist, worksheet.entry("c1"))
    assert not is_complete(checklist, entry)
    assert worksheet_warnings(ws, checklist, ws.document.sha256) == [
        "overrides to a verdict no longer on the checklist's scale (kept; the rules decide "
        "instead, and an open claim is asked again): c1 ('retracted')"
    ]
    ws = applied(ws, "c1", Action.OVERRIDE, new="disputed", reason="Denied by the army")
    assert valid_override(checklist, ws.entry("c1")) == ws.entry("c1").override
    assert claim_verdict(checklist, ws.entry("c1")).verdict == "disputed"
    assert worksheet_warnings(ws, checklist, ws.document.sha256) == []


def test_every_answer_a_changed_checklist_no_longer_takes_is_listed(
    worksheet: Worksheet, checklist: Checklist
) -> None:
    from factcheck.review.outdated import worksheet_warnings

    ws = worksheet
    for claim, question, value in [
        ("c1", "primary_source", "yes"),
        ("c2", "primary_source", "no"),
        ("c1", "confidence", "5"),
        ("c3", "confidence", "4"),
    ]:
        ws = applied(ws, claim, Action.ANSWER, question=question, new=value)
    confidence = next(q for q in checklist.questions if q.id == "confidence")
    narrower = replace(confidence, choices=("1", "2", "3"))
    changed = replace(
        checklist,
        questions=tuple(
            narrower if q.id == "confidence" else q
            for q in checklist.questions
            if q.id != "primary_source"
        ),
    )
    assert worksheet_warnings(ws, changed, ws.document.sha256)[-2:] == [
        "answers to questions the checklist no longer has (kept): "
        "c1.primary_source, c2.primary_source",
        "answers no longer valid for their question (kept; asked again): "
        "c1.confidence ('5'), c3.confidence ('4')",
    ]


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (None, None),
        (True, True),
        (3, 3),
        ("F", "F"),
        (0.5, 0.5),
        (float("nan"), None),
        (float("inf"), None),
        (["b", 2], ("b", "2")),
        (("a",), ("a",)),
        (frozenset({"x"}), ("x",)),
        (Path("p"), "p"),
    ],
)
def test_facts_are_kept_as_plain_values(value: object, kept: object) -> None:
    from factcheck.review.worksheet import _freeze_fact

    assert _freeze_fact(value) == kept
    assert type(_freeze_fact(value)) is type(kept)


def test_a_claims_context_is_two_sentences_either_side_within_its_block(
    checklist: Checklist,
) -> None:
    from factcheck.models import Attribution, Claim, Extraction, Segment, SegmentKind
    from factcheck.review.worksheet import create_worksheet

    # Sentences glued without spaces: each one ends where the next begins.
    sentences = ["One.", "Two.", "Three.", "Officials said 300 left.", "Five.", "Six.", "Seven."]
    text = "".join(sentences)
    segments = []
    for sentence in sentences:
        start = text.index(sentence)
        kind = SegmentKind.CLAIM if sentence.startswith("Officials") else SegmentKind.STATEMENT
        segments.append(Segment(start, start + len(sentence), kind, sentence, 1))
    segments[1] = replace(segments[1], attribution=Attribution(speaker="Dana Levi"))
    claimed = segments[3]
    claim = Claim(
        "c1", claimed.text, claimed.start, claimed.end, 0.8, ("number",),
        Attribution(speaker="Officials"), block=1,
    )  # fmt: skip
    document = Document("a.txt", text, "ab" * 32)
    ws = create_worksheet(Extraction(document, tuple(segments), (claim,)), checklist)
    start, end = ws.entry("c1").paragraph
    assert text[start:end] == "Two.Three.Officials said 300 left.Five.Six."
    assert ws.segments == (segments[1],)  # the sentences whose speaker is known


def test_a_new_worksheet_keeps_each_claims_source_facts(checklist: Checklist) -> None:
    from factcheck.models import Attribution, Claim, Extraction
    from factcheck.review.worksheet import create_worksheet
    from factcheck.sources.registry import load_registry

    text = "The ministry told Al-Manar that 12 drones were shot down."
    claim = Claim(
        "c1", text, 0, len(text), 0.9, ("number",),
        Attribution(speaker="The ministry", via=("Al-Manar",)), block=0,
    )  # fmt: skip
    document = Document("a.txt", text, "ab" * 32)
    registry = load_registry(user=False)
    ws = create_worksheet(Extraction(document, (), (claim,)), checklist, registry)
    facts = ws.entry("c1").source_facts
    assert facts.any_partisan is True and facts.any_party_to_conflict is True
    assert ws.entry("c1").facts["sources.any_partisan"] is True


def test_evidence_records_no_old_value(worksheet: Worksheet) -> None:
    ws = applied(worksheet, "c1", Action.ANSWER, question="primary_source", new="yes")
    ws = applied(ws, "c1", Action.NOTE, question="primary_source", new="page 2")
    evidence = change(ws, "c1", Action.EVIDENCE, question="primary_source", new="https://a.org")
    assert (evidence.old, evidence.new) == (None, "https://a.org")


def mixed_changes(ws: Worksheet) -> list[Change]:
    """Answers, runs of evidence on two answers with other changes between, a publication part,
    an added claim and a skip, each made on the worksheet the ones before it leave."""
    made: list[Change] = []

    def make(claim: str, action: Action, **details: object) -> None:
        nonlocal ws
        made.append(change(ws, claim, action, **details))
        ws = apply_change(ws, made[-1])

    make("c1", Action.ANSWER, question="primary_source", new="yes")
    for n in range(300):
        make("c1", Action.EVIDENCE, question="primary_source", new=f"https://e.example/{n}")
    for n in range(3):
        make("c2", Action.EVIDENCE, question="primary_source", new=f"https://e.example/{n}")
    make("c1", Action.EVIDENCE, question="partisan_outlet", new="https://e.example/p")
    make("c1", Action.EVIDENCE, question="primary_source", new="https://e.example/last")
    make(ARTICLE, Action.PUBLICATION, question="title", new="Checked")
    make("c4", Action.ADD_CLAIM, new="0-18")
    make("c2", Action.SKIP)
    return made


def test_changes_applied_together_leave_what_they_leave_one_by_one(worksheet: Worksheet) -> None:
    changes = mixed_changes(worksheet)
    one_by_one = worksheet
    for each in changes:
        one_by_one = apply_change(one_by_one, each)
    together = apply_changes(worksheet, changes)
    assert together == one_by_one
    assert together.audit == (*worksheet.audit, *changes)
    evidence = together.entry("c1").answers["primary_source"].evidence
    assert evidence == (*(f"https://e.example/{n}" for n in range(300)), "https://e.example/last")
    assert apply_changes(worksheet, []) == worksheet


def test_bad_evidence_among_evidence_applied_together_names_its_own_change(
    worksheet: Worksheet,
) -> None:
    urls = ["https://e.example/1", "https://e.example/2", "example.org", "https://e.example/4"]
    changes = [
        Change(n, AT, "ana", "c1", Action.EVIDENCE, "primary_source", None, url)
        for n, url in enumerate(urls, start=1)
    ]
    with pytest.raises(WorksheetError) as caught:
        apply_changes(worksheet, changes)
    assert str(caught.value) == "change 3: evidence needs an http(s) URL, got 'example.org'"


@pytest.mark.parametrize(
    ("action", "details", "message"),
    [
        (Action.ADD_CLAIM, {}, "change 1: expected start-end offsets, got ''"),
        (Action.SPLIT, {"new": "c4"}, "change 1: expected an offset inside c2 (92-175)"),
        (Action.MERGE, {}, "no claim '' in the worksheet"),
    ],
)
def test_a_structural_change_without_its_parts_is_refused(
    worksheet: Worksheet, action: Action, details: dict[str, object], message: str
) -> None:
    bad = Change(1, AT, "ana", "c2" if action is not Action.ADD_CLAIM else "c4", action,
                 details.get("question"), None, details.get("new"))  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(WorksheetError) as caught:
        apply_change(worksheet, bad)
    assert str(caught.value) == message


def test_a_paragraph_after_a_leading_blank_line_starts_after_it(worksheet: Worksheet) -> None:
    text = "\nRoads stayed closed. More.\nNext."
    document = replace(worksheet.document, text=text)
    ws = replace(worksheet, document=document)
    ws = applied(ws, "c4", Action.ADD_CLAIM, new="1-21")
    assert ws.entry("c4").paragraph == (1, text.index("\nNext"))


def test_a_worksheet_written_with_windows_line_ends_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "w.worksheet.yaml"
    path.write_bytes(b"format: factcheck-worksheet/1\r\ndocument:\r\n  source: s.txt\r\n")
    assert worksheet_source(path) == "s.txt"
    other = tmp_path / "w.yaml"
    other.write_bytes(path.read_bytes())
    assert is_worksheet_file(other)


def test_sibling_files_of_a_worksheet_with_another_name(tmp_path: Path) -> None:
    from factcheck.review.worksheet import journal_path, lock_path

    assert journal_path(tmp_path / "team.yml") == tmp_path / "team.worksheet.journal"
    assert lock_path(tmp_path / "a.b.yaml") == tmp_path / "a.b.worksheet.lock"


def test_a_worksheet_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(tmp_path / "none.worksheet.yaml")
    assert str(caught.value) == f"{tmp_path / 'none.worksheet.yaml'}: no such worksheet"
    binary = tmp_path / "bin.worksheet.yaml"
    binary.write_bytes(b"format: \xff\n")
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(binary)
    assert str(caught.value) == f"{binary}: not UTF-8 text"
    folder = tmp_path / "folder.worksheet.yaml"
    folder.mkdir()
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(folder)
    assert str(caught.value) == f"{folder}: cannot read: Is a directory"


def test_the_time_a_change_is_recorded_at(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import re
    import time

    from factcheck.review.worksheet import utc_now

    monkeypatch.setenv("FACTCHECK_NOW", " 2021-06-01T12:00:00Z ")
    assert utc_now() == "2021-06-01T12:00:00Z"
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # nine hours from UTC: local time would show
    time.tzset()
    try:
        for pinned in ("2021-06-01t12:00:00z", "yesterday", ""):
            monkeypatch.setenv("FACTCHECK_NOW", pinned)
            now = utc_now()
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", now), now
            recorded = dt.datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            assert abs(recorded - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)
    finally:
        monkeypatch.undo()
        time.tzset()

"""Tests for stage ⑥: a worksheet reads the same through the fast reader and the node reader."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck import fastyaml
from factcheck.checklist.load import load_checklist
from factcheck.errors import WorksheetError
from factcheck.extract.pipeline import extract
from factcheck.models import Attribution
from factcheck.review.worksheet import (
    Action,
    Answer,
    Change,
    MergeRecord,
    Override,
    Publication,
    Worksheet,
    create_worksheet,
)
from factcheck.review.worksheet_fast import read_values
from factcheck.review.worksheet_yaml import _parse_worksheet, dump_worksheet, parse_worksheet

SEED = Path(__file__).parents[2] / "examples" / "seed-article.txt"
AT = "2024-05-01T09:00:00Z"


def full_worksheet() -> Worksheet:
    """A worksheet from a real article with every part a worksheet can have filled in."""
    checklist = load_checklist("quick")
    worksheet = create_worksheet(extract(str(SEED)), checklist, now=lambda: AT)
    assert worksheet.segments and len(worksheet.claims) > 3
    question = checklist.questions[0]
    claims = list(worksheet.claims)
    claims[0] = replace(
        claims[0],
        answers={
            question.id: Answer(
                question.choices[0], "A note: with colon, 'quotes' and # hash", ("https://x.org/a",)
            ),
            "gone_question": Answer("yes", None, (), True, "ana", AT),
        },
        override=Override(checklist.scale[0].id, "The only source is a party.", "ana", AT),
        conclusion="Line one\nline two",
    )
    claims[1] = replace(claims[1], skipped=True, dropped="not a claim", corrected=("speaker",))
    said = replace(claims[2].claim.attribution, others=("Clinton",))  # two speakers
    claims[2] = replace(claims[2], claim=replace(claims[2].claim, attribution=said))
    segments = list(worksheet.segments)
    segments[0] = replace(segments[0], attribution=replace(segments[0].attribution, others=("A",)))
    audit = (
        Change(1, AT, "ana", claims[0].id, Action.ANSWER, question.id, None, "yes"),
        Change(2, AT, "ana", claims[0].id, Action.NOTE, question.id, None, "yes", reason="why"),
    )
    return replace(
        worksheet,
        claims=tuple(claims),
        segments=tuple(segments),
        audit=audit,
        publication=Publication(title="T", summary="Several\nlines", reviewer="ana"),
        merge=MergeRecord("majority", ("ana", "ben"), ("a.yaml", "b.yaml"), 1, ("c1.q",)),
    )


def test_everything_a_worksheet_holds_is_read_fast_and_the_same() -> None:
    checklist = load_checklist("quick")
    text = dump_worksheet(full_worksheet())
    fast = read_values(fastyaml.load(text), checklist)  # raises if the fast reader declines
    assert fast == _parse_worksheet(text, "w.yaml", checklist)
    assert fast == full_worksheet()
    assert parse_worksheet(text, "w.yaml", checklist) == fast


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("skipped: false", "skipped: maybe"),
        ("start: ", "start: -"),
        ("format: factcheck-worksheet/1", "format: factcheck-worksheet/2"),
        ("  check_worthiness: ", "  check_worthiness: x"),
        ("value: ", "value: [a]\n      x: "),
        ("kind: claim", "kind: title"),
        ("rule: majority", "rule: [majority]"),
        ("party.\n    reviewer: ana", "party.\n    reviewer: ~"),
        ("  originals: 1\n", "  originals: 1\n  extra: 1\n"),
        ("  originals: 1\n", "  originals: 3\n"),
        ("- {seq: 2,", "- {seq: 2, extra: 1,"),
        ("- {seq: 1,", "- {seq: 0,"),
        ("- {start: 277, end: 447,", "- {start: 277, end: 447, extra: 1,"),
        ("    quote: true\n  sources:", "    quote: true\n    extra: 1\n  sources:"),
        ("state_media: false, unknown: []}", "state_media: false, unknown: [], extra: 1}"),
        ("party.\n", "party.\n    extra: 1\n"),
        ("{chain.hops: 0,", "{chain.hops: -9223372036854775809,"),
        ("  paragraph: [277, 1045]", "  paragraph: [277, 1045, 0]"),
        ("- {seq: 2,", "- {seq: 1,"),
        ("publication:\n", "publication:\n  extra: x\n"),
        ("checklist:\n", "checklist:\n  extra: x\n"),
        ("format: ", "extra: x\nformat: "),
        ("  answers: {}\n", "  answers: {primary_source: }\n"),
        ("document:\n", "document:\n  extra: 1\n"),
        ("contents: {segments: 19, audit: 2}", "contents: {segments: 19, audit: -1}"),
        ("contents: {segments: 19, audit: 2}", "contents: {segments: 19}"),
        ("contents: {segments: 19, audit: 2}", "contents: {segments: 19, audit: 2, claims: 9}"),
        ("contents: {segments: 19, audit: 2}", "contents: {segments: 20, audit: 2}"),
    ],
)
def test_whatever_the_node_reader_refuses_the_fast_reader_declines(old: str, new: str) -> None:
    checklist = load_checklist("quick")
    text = dump_worksheet(full_worksheet())
    assert old in text
    broken = text.replace(old, new, 1)
    with pytest.raises(fastyaml.Unsupported):
        read_values(fastyaml.load(broken), checklist)
    with pytest.raises(Exception, match=r"^w\.yaml:\d+: "):
        parse_worksheet(broken, "w.yaml", checklist)


def test_an_answer_like_a_valid_one_but_mistyped_is_still_declined() -> None:
    checklist = load_checklist("quick")
    data = fastyaml.load(dump_worksheet(full_worksheet()))
    qid = checklist.questions[0].id
    valid = data["claims"][0]["answers"][qid]
    data["claims"][2]["answers"] = {qid: dict(valid)}
    worksheet = read_values(data, checklist)
    assert worksheet.claims[2].answers[qid] == worksheet.claims[0].answers[qid]
    wrongs = ({"prefill_accepted": 0}, {"evidence": "https://x.org/a"}, {"note": 1}, {"value": [1]})
    for wrong in wrongs:
        data["claims"][3]["answers"] = {qid: {**valid, **wrong}}
        with pytest.raises(fastyaml.Unsupported):
            read_values(data, checklist)


def test_mappings_written_alike_read_as_what_each_stands_for() -> None:
    # Written alike, the mappings are one object (fastyaml.load); each is still read as what it
    # stands for where it stands: facts, source facts, answers, an attribution, an answer.
    checklist = load_checklist("quick")
    worksheet = full_worksheet()
    bare = replace(worksheet, claims=tuple(replace(e, answers={}) for e in worksheet.claims))
    lines = dump_worksheet(bare).split("\n")
    for i, line in enumerate(lines):
        for key in ("source_facts", "facts"):
            if line.startswith(f"  {key}: {{"):
                lines[i] = f"  {key}: {{}}"
    at = lines.index("  attribution:")
    while lines[at + 1].startswith("    "):
        del lines[at + 1]  # the first claim's attribution, left empty
    lines[at] = "  attribution: {}"
    edited = "\n".join(lines)
    assert edited.count("  attribution: {}") == 1 and edited.count("  answers: {}") > 3
    assert edited.count("source_facts: {}") > 3 and edited.count("  facts: {}") > 3
    fast = read_values(fastyaml.load(edited), checklist)
    assert fast == _parse_worksheet(edited, "w.yaml", checklist)
    assert all(entry.facts == {} and entry.answers == {} for entry in fast.claims)
    qid = checklist.questions[0].id
    answer = "value: 'yes', note: null, evidence: [], prefill_accepted: false"
    alike = edited.replace("  answers: {}\n", f"  answers: {{{qid}: {{{answer}}}}}\n", 2)
    both = read_values(fastyaml.load(alike), checklist)
    assert both == _parse_worksheet(alike, "w.yaml", checklist)
    assert both.claims[0].answers == both.claims[1].answers != {}


def fast_and_strict(text: str) -> Worksheet:
    """The worksheet read fast (Unsupported if the fast reader declines), as the node reader
    reads it."""
    checklist = load_checklist("quick")
    fast = read_values(fastyaml.load(text), checklist)
    assert fast == _parse_worksheet(text, "w.yaml", checklist)
    return fast


def test_what_the_tool_leaves_out_or_a_reviewer_may_leave_out_is_read_fast() -> None:
    text = dump_worksheet(full_worksheet())
    for line in ("      prefill_accepted: false\n", "      evidence: []\n", "  open:\n  - c1.q\n"):
        assert line in text
        text = text.replace(line, "")
    worksheet = fast_and_strict(text)
    assert worksheet.merge is not None and worksheet.merge.open == ()
    answer = worksheet.claims[0].answers["gone_question"]
    assert answer == Answer("yes", None, (), True, "ana", AT)
    assert worksheet.claims == full_worksheet().claims


def test_edge_values_a_valid_worksheet_may_hold_are_read_fast() -> None:
    worksheet = full_worksheet()
    article = worksheet.document.text
    first, *segments = worksheet.segments
    last = replace(segments[-1], end=len(article), text=article[segments[-1].start :])
    empty = replace(first, end=first.start, text="")
    change = replace(worksheet.audit[0], prefill=True)
    assert worksheet.merge is not None
    edged = replace(
        worksheet,
        segments=(empty, *segments[:-1], last),
        audit=(change, *worksheet.audit[1:]),
        merge=replace(worksheet.merge, originals=len(worksheet.audit)),
    )
    assert fast_and_strict(dump_worksheet(edged)) == edged


def test_answers_written_alike_are_read_once_each_as_written() -> None:
    checklist = load_checklist("quick")
    data = fastyaml.load(dump_worksheet(full_worksheet()))
    qid = checklist.questions[0].id
    claims = data["claims"]
    written = [
        {"value": "yes"},
        {"value": "yes"},
        {"value": "yes", "prefill_accepted": True},
        {"value": "yes", "reviewer": "ben"},
        {"value": "yes", "at": AT},
        {"value": "yes", "note": "n"},
        {"value": "yes", "evidence": ["https://x.org/a"]},
        {"value": "no"},
    ]
    for entry, answer in zip(claims[2:], written, strict=False):
        entry["answers"] = {qid: answer}
    read = [e.answers[qid] for e in read_values(data, checklist).claims[2 : 2 + len(written)]]
    assert read == [
        Answer("yes"),
        Answer("yes"),
        Answer("yes", prefill_accepted=True),
        Answer("yes", reviewer="ben"),
        Answer("yes", at=AT),
        Answer("yes", note="n"),
        Answer("yes", evidence=("https://x.org/a",)),
        Answer("no"),
    ]
    assert read[0] is read[1]  # two mappings, written alike: one answer
    claims[3]["answers"] = {qid: "yes"}
    with pytest.raises(fastyaml.Unsupported):
        read_values(data, checklist)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("-1000", -1000),
        ("-9223372036854775808", -(2**63)),
        ("2.5", 2.5),
        ("[a, b]", ("a", "b")),
        ("[]", ()),
        ("x", "x"),
        ("null", None),
    ],
)
def test_facts_of_every_kind_are_read_fast(written: str, value: object) -> None:
    text = dump_worksheet(full_worksheet()).replace(
        "{chain.hops: 0,", f"{{chain.hops: {written},", 1
    )
    assert fast_and_strict(text).claims[0].facts["chain.hops"] == value


def test_source_facts_are_read_fast_as_written() -> None:
    text = dump_worksheet(full_worksheet())
    edited = text.replace("state_media: false, unknown: []}", "state_media: true, unknown: [x]}", 1)
    facts = fast_and_strict(edited).claims[0].source_facts
    assert (facts.state_media, facts.unknown, facts.worst_reliability) == (True, ("x",), "F")


def test_parts_written_alike_are_read_once() -> None:
    worksheet = full_worksheet()
    claims = list(worksheet.claims)
    said = claims[3].claim.attribution
    claims[4] = replace(claims[4], claim=replace(claims[4].claim, attribution=said))
    worksheet = fast_and_strict(dump_worksheet(replace(worksheet, claims=tuple(claims))))
    for read in (
        [e.source_facts for e in worksheet.claims],
        [e.claim.attribution for e in worksheet.claims],
    ):
        alike = [(a, b) for a, b in itertools.combinations(read, 2) if a == b]
        assert alike
        assert all(a is b for a, b in alike)


def test_an_answer_written_alike_under_another_question_is_checked_against_it() -> None:
    # "unclear" answers primary_source, but is not a choice of original_matches.
    checklist = load_checklist("quick")
    worksheet = full_worksheet()
    claims = list(worksheet.claims)
    answer = Answer("unclear", None, (), False, "ana", AT)
    alike = {"primary_source": answer, "original_matches": answer}
    claims[5] = replace(claims[5], answers=alike)
    text = dump_worksheet(replace(worksheet, claims=tuple(claims)))
    with pytest.raises(fastyaml.Unsupported):
        read_values(fastyaml.load(text), checklist)
    with pytest.raises(Exception, match=r"^w\.yaml:\d+: .*original_matches"):
        _parse_worksheet(text, "w.yaml", checklist)
    data = fastyaml.load(dump_worksheet(full_worksheet()))
    data["claims"][5]["answers"] = {qid: {"value": "unclear"} for qid in alike}
    with pytest.raises(fastyaml.Unsupported):
        read_values(data, checklist)


def test_a_claim_must_be_the_article_text_it_spans() -> None:
    checklist = load_checklist("quick")
    data = fastyaml.load(dump_worksheet(full_worksheet()))
    data["claims"][0]["text"] = "Not the article's words."
    with pytest.raises(fastyaml.Unsupported):
        read_values(data, checklist)


def test_an_empty_claim_and_a_whole_number_score_are_read_fast() -> None:
    worksheet = full_worksheet()
    first = worksheet.claims[0]
    empty = replace(first.claim, end=first.claim.start, text="", check_worthiness=1.0)
    edged = replace(worksheet, claims=(replace(first, claim=empty), *worksheet.claims[1:]))
    text = dump_worksheet(edged)
    assert "  check_worthiness: 1.0\n" in text
    assert (
        fast_and_strict(text.replace("  check_worthiness: 1.0\n", "  check_worthiness: 1\n"))
        == edged
    )


def test_a_claim_with_only_its_required_keys_is_read_fast() -> None:
    text = dump_worksheet(full_worksheet())
    start = text.index("\nclaims:\n- ") + len("\nclaims:\n")
    end = text.index("\n- ", start) + 1
    kept: list[str] = []
    keep = False
    for line in text[start:end].splitlines(keepends=True):
        if not line.startswith("    "):
            keep = line.startswith(("- id: ", "  text: ", "  start: ", "  end: "))
        if keep:
            kept.append(line)
    assert len(kept) == 4
    read = fast_and_strict(text[:start] + "".join(kept) + text[end:]).claims[0]
    claim = full_worksheet().claims[0].claim
    assert read.claim == replace(
        claim, check_worthiness=0.0, reasons=(), attribution=Attribution(), repeats=None
    )
    assert read.paragraph == (claim.start, claim.end)
    assert (read.facts, read.answers, read.skipped, read.claim.block) == (
        {},
        {},
        False,
        0,
    )


def test_the_document_is_read_fast_with_every_part() -> None:
    worksheet = full_worksheet()
    document = replace(worksheet.document, url="https://example.org/a", published="2024-05-01")
    read = fast_and_strict(dump_worksheet(replace(worksheet, document=document)))
    assert read.document == document


def test_a_worksheet_without_its_creation_time_is_read_fast() -> None:
    text = dump_worksheet(full_worksheet())
    start = text.index("\ncreated: ") + 1
    edited = text[:start] + text[text.index("\n", start) + 1 :]
    assert fast_and_strict(edited).created == ""


def test_after_the_checklist_changed_an_override_off_its_scale_is_kept() -> None:
    worksheet = full_worksheet()
    first = worksheet.claims[0]
    assert first.override is not None
    override = replace(first.override, verdict="retired-level")
    changed = replace(worksheet.checklist, sha256="0" * 64)
    edited = replace(
        worksheet,
        checklist=changed,
        claims=(replace(first, override=override), *worksheet.claims[1:]),
    )
    assert fast_and_strict(dump_worksheet(edited)) == edited


def test_a_whole_number_score_beyond_a_float_is_declined_and_named_with_its_line() -> None:
    # The fast reader turned it into a float: OverflowError, an internal error for every command.
    checklist = load_checklist("quick")
    text = dump_worksheet(full_worksheet())
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  check_worthiness: "))
    lines[at] = "  check_worthiness: 1" + "0" * 400 + "\n"
    broken = "".join(lines)
    with pytest.raises(fastyaml.Unsupported):
        read_values(fastyaml.load(broken), checklist)
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(broken, "w.yaml", checklist)
    assert str(info.value) == (
        f"w.yaml:{at + 1}: claims[0].check_worthiness: expected a number, got '1{'0' * 36}...'"
    )


def test_a_worksheet_cut_at_any_line_is_refused_never_read_as_a_shorter_one() -> None:
    # A copy cut at a line boundary read as a worksheet of fewer claims, answers and changes.
    checklist = load_checklist("quick")
    text = dump_worksheet(full_worksheet())
    lines = text.splitlines(keepends=True)
    assert lines[2] == "contents: {segments: 19, audit: 2}\n"
    for kept in range(1, len(lines)):
        cut = "".join(lines[:kept])
        with pytest.raises(fastyaml.Unsupported):
            read_values(fastyaml.load(cut), checklist)
        with pytest.raises(WorksheetError, match=r"^w\.yaml:\d+: "):
            parse_worksheet(cut, "w.yaml", checklist)
    claims_cut = "".join(lines[: lines.index("- id: c2\n")])
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(claims_cut, "w.yaml", checklist)
    assert str(info.value) == (
        "w.yaml:3: contents.segments: expected 19 body sentences, found 0: "
        "the worksheet is cut short; restore it from a copy"
    )
    with pytest.raises(WorksheetError) as info:
        parse_worksheet("".join(lines[:-1]), "w.yaml", checklist)
    assert str(info.value) == (
        "w.yaml:3: contents.audit: expected 2 audit entries, found 1: "
        "the worksheet is cut short; restore it from a copy"
    )


def test_a_worksheet_written_before_contents_reads_as_before_and_needs_its_audit_log() -> None:
    text = dump_worksheet(full_worksheet()).replace("contents: {segments: 19, audit: 2}\n", "")
    assert fast_and_strict(text) == full_worksheet()
    claims = text.index("\nclaims:\n") + len("\nclaims:\n")
    cut = text[: text.index("\n- id: ", claims) + 1]
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(cut, "w.yaml", load_checklist("quick"))
    assert str(info.value) == (
        f"w.yaml:{cut.count(chr(10))}: the file ends here, without the audit log written after "
        "the claims: the worksheet is cut short; restore it from a copy"
    )


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        (
            "{segments: 0, audit: 0}",
            "contents.segments: says 0 body sentences, the file holds 19: "
            "correct the count or delete the contents line",
        ),
        (
            "{segments: 19, audit: 1}",
            "contents.audit: says 1 audit entries, the file holds 2: "
            "correct the count or delete the contents line",
        ),
    ],
)
def test_a_count_lower_than_the_file_holds_is_refused(contents: str, message: str) -> None:
    # A count lowered by hand would turn the check for a worksheet cut short off for good.
    checklist = load_checklist("quick")
    text = dump_worksheet(full_worksheet())
    edited = text.replace("contents: {segments: 19, audit: 2}\n", f"contents: {contents}\n")
    assert edited != text
    with pytest.raises(fastyaml.Unsupported):
        read_values(fastyaml.load(edited), checklist)
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(edited, "w.yaml", checklist)
    assert str(info.value) == f"w.yaml:3: {message}"
    # Deleting the line reads the worksheet as one written before contents existed.
    without = text.replace("contents: {segments: 19, audit: 2}\n", "")
    assert fast_and_strict(without) == full_worksheet()


def test_a_claim_may_repeat_only_a_claim_the_worksheet_holds() -> None:
    # Claim c1 of the article repeats c10: with c10 gone, it pointed at nothing.
    checklist = load_checklist("quick")
    worksheet = full_worksheet()
    repeating = next(entry for entry in worksheet.claims if entry.claim.repeats is not None)
    gone = repeating.claim.repeats
    kept = tuple(entry for entry in worksheet.claims if entry.id != gone)
    text = dump_worksheet(replace(worksheet, claims=kept, merge=None))
    with pytest.raises(fastyaml.Unsupported):
        read_values(fastyaml.load(text), checklist)
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(text, "w.yaml", checklist)
    line = text.splitlines().index(f"  repeats: {gone}") + 1
    assert str(info.value) == (
        f"w.yaml:{line}: claims[{kept.index(repeating)}].repeats: "
        f"no claim {gone!r} in the worksheet"
    )
    # A claim nothing points at may be removed by hand: the worksheet is still whole.
    assert worksheet.merge is not None
    pointed_at = {
        *(entry.claim.repeats for entry in worksheet.claims),
        *(change.claim for change in worksheet.audit),
        *(item.partition(".")[0] for item in worksheet.merge.open),
    }
    spare = next(entry for entry in worksheet.claims if entry.id not in pointed_at)
    fewer = replace(worksheet, claims=tuple(e for e in worksheet.claims if e is not spare))
    assert fast_and_strict(dump_worksheet(fewer)) == fewer

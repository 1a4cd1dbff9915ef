"""Stage ⑥ worksheet: the worksheet as YAML, written diff-friendly and read with located errors.

:func:`dump_worksheet` writes multi-line text as literal blocks and each audit entry on one line;
:func:`parse_worksheet` reads it back: first with the fast reader of the plain subset the tool
writes (:mod:`factcheck.review.worksheet_fast`), and when that declines, through the shared strict
reader of :mod:`factcheck.yamlio`, failing with ``file:line: path: expected X, got Y`` at the first
mistake.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

import yaml

from factcheck import fastyaml, yamlwrite
from factcheck.models import (
    FURNITURE_KINDS,
    Attribution,
    Claim,
    Document,
    Segment,
    SegmentKind,
    SourceFacts,
)
from factcheck.records import attribution_record, document_record
from factcheck.review.worksheet import (
    ARTICLE,
    FORMAT,
    PUBLICATION_FIELDS,
    Action,
    Answer,
    Change,
    ChecklistRef,
    ClaimReview,
    FactValue,
    MergeRecord,
    Override,
    Publication,
    Worksheet,
    check_value,
    is_evidence,
)
from factcheck.review.worksheet_fast import (
    ANSWER_KEYS,
    ATTRIBUTION_KEYS,
    CHANGE_KEYS,
    CHANGE_REQUIRED,
    CLAIM_OPTIONAL,
    CLAIM_REQUIRED,
    merge_problem,
    originals_problem,
    read_values,
)
from factcheck.review.worksheet_nodes import NodeReader, compose_yaml
from factcheck.review.worksheet_whole import (
    CONTENTS_KEYS,
    NO_AUDIT,
    contents_problem,
    contents_record,
    miscount_problem,
    repeats_problem,
)
from factcheck.yamldump import SafeTextDumper, holds_invisible
from factcheck.yamlio import (
    DUMPER,
    collector_paused,
    is_null,
)
from factcheck.yamlwrite import Flow

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question

# --- YAML: dump ----------------------------------------------------------------------------------


_Flow = Flow
"""A mapping dumped on one line (audit entries), so each change is one line of diff."""


class _Dumper(DUMPER):  # type: ignore[misc,valid-type]
    """Safe dumper: multi-line text as literal blocks, audit entries in flow style, no aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_tuple(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


class _CarefulDumper(SafeTextDumper):
    """The same layout from PyYAML's Python emitter, which escapes invisible characters: for
    the rare worksheet that holds one (see factcheck.yamldump)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


for _dumper in (_Dumper, _CarefulDumper):
    _dumper.add_representer(str, _represent_str)
    _dumper.add_representer(_Flow, _represent_flow)
    _dumper.add_representer(tuple, _represent_tuple)


def change_record(change: Change) -> dict[str, Any]:
    """A change as a plain mapping (one journal line, one audit entry); defaults left out."""
    record: dict[str, Any] = {
        "seq": change.seq,
        "at": change.at,
        "reviewer": change.reviewer,
        "claim": change.claim,
        "action": str(change.action),
    }
    if change.question is not None:
        record["question"] = change.question
    record["old"] = change.old
    record["new"] = change.new
    if change.reason is not None:
        record["reason"] = change.reason
    if change.prefill:
        record["prefill"] = True
    return record


def _claim_record(entry: ClaimReview) -> dict[str, Any]:
    claim = entry.claim
    att = claim.attribution
    sf = entry.source_facts
    answers = {
        qid: {
            "value": a.value,
            "note": a.note,
            "evidence": list(a.evidence),
            "prefill_accepted": a.prefill_accepted,
            "reviewer": a.reviewer,
            "at": a.at,
        }
        for qid, a in entry.answers.items()
    }
    override = (
        None
        if entry.override is None
        else {
            "verdict": entry.override.verdict,
            "reason": entry.override.reason,
            "reviewer": entry.override.reviewer,
            "at": entry.override.at,
        }
    )
    # A caption and a repeat are marked; other claims carry neither key.
    marks = {
        **({"caption": True} if claim.caption else {}),
        **({"repeats": claim.repeats} if claim.repeats else {}),
    }
    return {
        "id": claim.id,
        "text": claim.text,
        **marks,
        "check_worthiness": claim.check_worthiness,
        "reasons": tuple(claim.reasons),
        # Tuples are written in flow style: one short line per list.
        "attribution": {
            **attribution_record(att),
            "via": tuple(att.via),
            "hedges": tuple(att.hedges),
        },
        "sources": tuple(claim.sources),
        "source_facts": _Flow(
            any_partisan=sf.any_partisan,
            any_party_to_conflict=sf.any_party_to_conflict,
            worst_reliability=sf.worst_reliability,
            state_media=sf.state_media,
            unknown=tuple(sf.unknown),
        ),
        "facts": _Flow(entry.facts),
        "start": claim.start,
        "end": claim.end,
        "block": claim.block,
        "paragraph": entry.paragraph,
        "skipped": entry.skipped,
        "override": override,
        "answers": answers,
        **({"conclusion": entry.conclusion} if entry.conclusion is not None else {}),
        **({"dropped": entry.dropped} if entry.dropped is not None else {}),
        **({"corrected": entry.corrected} if entry.corrected else {}),
    }


def _segment_record(segment: Segment) -> _Flow:
    """A body sentence on one line: its offsets, kind and attribution, defaults left out."""
    record = _Flow(start=segment.start, end=segment.end, kind=str(segment.kind))
    att = segment.attribution or Attribution()
    for key, value in attribution_record(att).items():
        if value not in (None, [], False):
            record[key] = tuple(value) if isinstance(value, list) else value
    return record


def _publication_record(publication: Publication) -> dict[str, Any]:
    # Left out while empty, so worksheets without it read as before.
    parts = {name: publication.get(name) for name in PUBLICATION_FIELDS}
    shown = {name: value for name, value in parts.items() if value is not None}
    return {"publication": shown} if shown else {}


def dump_worksheet(worksheet: Worksheet) -> str:
    """The worksheet as readable, diff-friendly YAML."""
    doc = worksheet.document
    ref = worksheet.checklist
    data = {
        "format": FORMAT,
        "created": worksheet.created,
        # Counts of the parts after the claims: a reader tells a file cut short from a whole one.
        "contents": _Flow(contents_record(worksheet)),
        "document": document_record(doc, with_text=True),
        "checklist": {
            "id": ref.id,
            "version": ref.version,
            "sha256": ref.sha256,
            "source": ref.source,
        },
        **_publication_record(worksheet.publication),
        "claims": [_claim_record(entry) for entry in worksheet.claims],
        # Every body sentence with who says it; a worksheet from before this lists none.
        **(
            {"segments": list(map(_segment_record, worksheet.segments))}
            if worksheet.segments
            else {}
        ),
    }
    if worksheet.merge is not None:
        record = worksheet.merge
        data["merge"] = {
            "rule": record.rule,
            "reviewers": record.reviewers,
            "worksheets": record.worksheets,
            "originals": record.originals,
            "open": list(record.open),
            # Only a merge that left a correction or a part of the report unsettled has it.
            **({"unsettled": list(record.unsettled)} if record.unsettled else {}),
        }
    # Last, so that a file cut short loses entries that ``contents`` counts.
    data["audit"] = [_Flow(change_record(change)) for change in worksheet.audit]
    return yamlwrite.dump(data, pyyaml_dump)


def pyyaml_dump(data: object) -> str:
    """Data as PyYAML writes it with the worksheet's settings (the layout
    :func:`factcheck.yamlwrite.dump` reproduces)."""
    text: str = yaml.dump(
        data,
        Dumper=_CarefulDumper if holds_invisible(data) else _Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )
    return text


# --- YAML: load with precise errors ---------------------------------------------------------


def _read_document(r: NodeReader, node: yaml.Node) -> Document:
    keys = ("title", "outlet", "byline", "published", "url", "provenance")
    m = r.mapping(node, "document", required=("source", "sha256", "text"), optional=keys)

    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"document.{key}") if key in m else None

    provenance: tuple[tuple[str, str], ...] = ()
    if "provenance" in m:
        origins = r.mapping(m["provenance"], "document.provenance", optional=None)
        provenance = tuple(
            (key, r.text(value, f"document.provenance.{key}")) for key, value in origins.items()
        )

    return Document(
        source=r.text(m["source"], "document.source"),
        text=r.text(m["text"], "document.text"),
        sha256=r.text(m["sha256"], "document.sha256"),
        title=opt("title"),
        outlet=opt("outlet"),
        byline=opt("byline"),
        published=opt("published"),
        url=opt("url"),
        provenance=provenance,
    )


def _read_checklist_ref(r: NodeReader, node: yaml.Node) -> ChecklistRef:
    m = r.mapping(node, "checklist", required=("id", "version", "sha256", "source"))
    return ChecklistRef(
        id=r.text(m["id"], "checklist.id"),
        version=r.integer(m["version"], "checklist.version"),
        sha256=r.text(m["sha256"], "checklist.sha256"),
        source=r.text(m["source"], "checklist.source"),
    )


def _read_attribution(r: NodeReader, node: yaml.Node, where: str) -> Attribution:
    return _attribution_from(r, r.mapping(node, where, optional=ATTRIBUTION_KEYS), where)


def _attribution_from(r: NodeReader, m: dict[str, yaml.Node], where: str) -> Attribution:
    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"{where}.{key}") if key in m else None

    return Attribution(
        speaker=opt("speaker"),
        role=opt("role"),
        verb=opt("verb"),
        via=r.texts(m["via"], f"{where}.via") if "via" in m else (),
        hedges=r.texts(m["hedges"], f"{where}.hedges") if "hedges" in m else (),
        quote=r.boolean(m["quote"], f"{where}.quote") if "quote" in m else False,
        others=r.texts(m["others"], f"{where}.others") if "others" in m else (),
    )


BODY_KINDS = tuple(str(kind) for kind in SegmentKind if kind not in FURNITURE_KINDS)
"""The kinds of a body sentence, the only segments a worksheet lists."""


def _span(r: NodeReader, m: Mapping[str, yaml.Node], where: str, length: int) -> tuple[int, int]:
    """A span's start and end offsets in an article of LENGTH characters; the key out of range
    is the one reported."""
    start = r.integer(m["start"], f"{where}.start")
    end = r.integer(m["end"], f"{where}.end")
    if not 0 <= start <= length:
        r.fail(m["start"], f"{where}.start", f"expected 0 <= start <= {length}, got {start}")
    if not start <= end <= length:
        r.fail(m["end"], f"{where}.end", f"expected {start} <= end <= {length}, got {end}")
    return start, end


def _read_segment(r: NodeReader, node: yaml.Node, where: str, article: str) -> Segment:
    m = r.mapping(node, where, required=("start", "end", "kind"), optional=ATTRIBUTION_KEYS)
    start, end = _span(r, m, where, len(article))
    kind = r.text(m["kind"], f"{where}.kind")
    if kind not in BODY_KINDS:
        r.fail(m["kind"], f"{where}.kind", f"expected one of {', '.join(BODY_KINDS)}, got {kind!r}")
    return Segment(
        start=start,
        end=end,
        kind=SegmentKind(kind),
        text=article[start:end],
        attribution=_attribution_from(r, m, where),
    )


def _read_source_facts(r: NodeReader, node: yaml.Node, where: str) -> SourceFacts:
    keys = ("any_partisan", "any_party_to_conflict", "worst_reliability", "state_media", "unknown")
    m = r.mapping(node, where, optional=keys)
    default = SourceFacts()
    return SourceFacts(
        any_partisan=r.boolean(m["any_partisan"], f"{where}.any_partisan")
        if "any_partisan" in m
        else default.any_partisan,
        any_party_to_conflict=r.boolean(
            m["any_party_to_conflict"], f"{where}.any_party_to_conflict"
        )
        if "any_party_to_conflict" in m
        else default.any_party_to_conflict,
        worst_reliability=r.text(m["worst_reliability"], f"{where}.worst_reliability")
        if "worst_reliability" in m
        else default.worst_reliability,
        state_media=r.boolean(m["state_media"], f"{where}.state_media")
        if "state_media" in m
        else default.state_media,
        unknown=r.texts(m["unknown"], f"{where}.unknown") if "unknown" in m else (),
    )


def _read_answer(
    r: NodeReader, node: yaml.Node, where: str, question: Question | None, strict: bool
) -> Answer:
    m = r.mapping(node, where, optional=ANSWER_KEYS)
    value = r.optional_text(m["value"], f"{where}.value") if "value" in m else None
    if strict and question is not None and value is not None:
        problem = check_value(question, value)
        if problem:
            r.fail(m["value"], f"{where}.value", problem)
    evidence = r.texts(m["evidence"], f"{where}.evidence") if "evidence" in m else ()
    for i, url in enumerate(evidence):
        if not is_evidence(url):
            r.fail(m["evidence"], f"{where}.evidence[{i}]", f"expected an http(s) URL, got {url!r}")
    return Answer(
        value=value,
        note=r.optional_text(m["note"], f"{where}.note") if "note" in m else None,
        evidence=evidence,
        prefill_accepted=r.boolean(m["prefill_accepted"], f"{where}.prefill_accepted")
        if "prefill_accepted" in m
        else False,
        reviewer=r.optional_text(m["reviewer"], f"{where}.reviewer") if "reviewer" in m else None,
        at=r.optional_text(m["at"], f"{where}.at") if "at" in m else None,
    )


def _read_override(
    r: NodeReader, node: yaml.Node, where: str, checklist: Checklist | None, strict: bool
) -> Override | None:
    if is_null(node):
        return None
    m = r.mapping(node, where, required=("verdict", "reason", "reviewer", "at"))
    verdict = r.text(m["verdict"], f"{where}.verdict")
    if strict and checklist is not None:
        levels = [level.id for level in checklist.scale]
        if verdict not in levels:
            r.fail(
                m["verdict"],
                f"{where}.verdict",
                f"expected one of {', '.join(levels)}, got {verdict!r}",
            )
    reason = r.text(m["reason"], f"{where}.reason")
    if not reason.strip():
        r.fail(m["reason"], f"{where}.reason", "an override needs a reason")
    return Override(
        verdict=verdict,
        reason=reason,
        reviewer=r.text(m["reviewer"], f"{where}.reviewer"),
        at=r.text(m["at"], f"{where}.at"),
    )


def _excerpt(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def _read_claim(
    r: NodeReader,
    node: yaml.Node,
    where: str,
    article: str,
    checklist: Checklist | None,
    strict: bool,
) -> ClaimReview:
    m = r.mapping(node, where, required=CLAIM_REQUIRED, optional=CLAIM_OPTIONAL)
    start, end = _span(r, m, where, len(article))
    score = (
        r.number(m["check_worthiness"], f"{where}.check_worthiness")
        if ("check_worthiness" in m)
        else 0.0
    )
    text = r.text(m["text"], f"{where}.text")
    if text != article[start:end]:
        r.fail(
            m["text"],
            f"{where}.text",
            f"differs from the article's text at {start}-{end}: the worksheet has "
            f"{_excerpt(text)}, the article has {_excerpt(article[start:end])}; "
            "edit the answers, not the claim",
        )
    claim = Claim(
        id=r.text(m["id"], f"{where}.id"),
        text=text,
        start=start,
        end=end,
        check_worthiness=score,
        reasons=r.texts(m["reasons"], f"{where}.reasons") if "reasons" in m else (),
        attribution=_read_attribution(r, m["attribution"], f"{where}.attribution")
        if "attribution" in m
        else Attribution(),
        sources=r.texts(m["sources"], f"{where}.sources") if "sources" in m else (),
        block=r.integer(m["block"], f"{where}.block") if "block" in m else 0,
        caption=r.boolean(m["caption"], f"{where}.caption") if "caption" in m else False,
        repeats=r.optional_text(m["repeats"], f"{where}.repeats") if "repeats" in m else None,
    )
    paragraph = (start, end)
    if "paragraph" in m:
        items = r.sequence(m["paragraph"], f"{where}.paragraph")
        if len(items) != 2:
            r.fail(m["paragraph"], f"{where}.paragraph", "expected [start, end]")
        p_start = r.integer(items[0], f"{where}.paragraph[0]")
        p_end = r.integer(items[1], f"{where}.paragraph[1]")
        # A claim merged with one of another paragraph was once saved with its own paragraph:
        # such a worksheet reads back with the paragraph widened to hold the claim.
        merged = "corrected" in m and "merged" in r.texts(m["corrected"], f"{where}.corrected")
        if not p_start <= start <= end <= p_end <= len(article) and not (
            merged and 0 <= p_start <= p_end <= len(article)
        ):
            r.fail(
                m["paragraph"],
                f"{where}.paragraph",
                f"expected a span around the claim ({start}-{end}) within the text, "
                f"got [{p_start}, {p_end}]",
            )
        paragraph = (min(p_start, start), max(p_end, end))
    facts: dict[str, FactValue] = {}
    if "facts" in m:
        for name, value in r.mapping(m["facts"], f"{where}.facts", optional=None).items():
            facts[name] = r.fact(value, f"{where}.facts.{name}")
    answers: dict[str, Answer] = {}
    if "answers" in m:
        questions = {q.id: q for q in checklist.questions} if checklist is not None else {}
        for qid, value in r.mapping(m["answers"], f"{where}.answers", optional=None).items():
            question = questions.get(qid)
            answers[qid] = _read_answer(r, value, f"{where}.answers.{qid}", question, strict)
    return ClaimReview(
        claim=claim,
        paragraph=paragraph,
        source_facts=_read_source_facts(r, m["source_facts"], f"{where}.source_facts")
        if "source_facts" in m
        else SourceFacts(),
        facts=facts,
        answers=answers,
        override=_read_override(r, m["override"], f"{where}.override", checklist, strict)
        if "override" in m
        else None,
        skipped=r.boolean(m["skipped"], f"{where}.skipped") if "skipped" in m else False,
        conclusion=r.optional_text(m["conclusion"], f"{where}.conclusion")
        if "conclusion" in m
        else None,
        dropped=r.optional_text(m["dropped"], f"{where}.dropped") if "dropped" in m else None,
        corrected=r.texts(m["corrected"], f"{where}.corrected") if "corrected" in m else (),
    )


def _read_change(r: NodeReader, node: yaml.Node, where: str) -> Change:
    m = r.mapping(
        node,
        where,
        required=CHANGE_REQUIRED,
        optional=(*CHANGE_KEYS, "prefill"),
    )
    action_text = r.text(m["action"], f"{where}.action")
    try:
        action = Action(action_text)
    except ValueError:
        expected = ", ".join(a.value for a in Action)
        r.fail(m["action"], f"{where}.action", f"expected one of {expected}, got {action_text!r}")

    def opt(key: str) -> str | None:
        return r.optional_text(m[key], f"{where}.{key}") if key in m else None

    return Change(
        seq=r.integer(m["seq"], f"{where}.seq", minimum=1),
        at=r.text(m["at"], f"{where}.at"),
        reviewer=r.text(m["reviewer"], f"{where}.reviewer"),
        claim=r.text(m["claim"], f"{where}.claim"),
        action=action,
        question=opt("question"),
        old=opt("old"),
        new=opt("new"),
        reason=opt("reason"),
        prefill=r.boolean(m["prefill"], f"{where}.prefill") if "prefill" in m else False,
    )


ChecklistSource = Union["Checklist", Callable[[ChecklistRef], "Checklist"], None]
"""A checklist, or a function from the worksheet's checklist reference to the checklist."""


def parse_worksheet(
    text: str, filename: str = "<worksheet>", checklist: ChecklistSource = None
) -> Worksheet:
    """A worksheet from its YAML text (no journal), with precise errors for any mistake.

    With a checklist whose content is the one the worksheet was made with, answer values and
    override verdicts are checked against it; after the checklist changed they are kept as they are.
    ``checklist`` may be a function that loads it from the worksheet's own reference.
    """
    if callable(checklist):
        checklist = _once(checklist)
    with collector_paused():
        try:
            values = fastyaml.load(text)
        except fastyaml.Unsupported:
            pass
        else:
            try:
                return read_values(values, checklist)
            except fastyaml.Unsupported:
                del values  # read again, nodes and all, to accept it or name the line at fault
        return _parse_worksheet(text, filename, checklist)


def parse_worksheet_text(
    read: Callable[[], str], filename: str, checklist: ChecklistSource = None
) -> Worksheet:
    """:func:`parse_worksheet` of the text ``read`` gives, without holding the text while the
    worksheet is built (a large worksheet is then not in memory twice); the text is read again
    only when the node reader has to explain or accept it."""
    if callable(checklist):
        checklist = _once(checklist)
    with collector_paused():
        values: Any = None
        with contextlib.suppress(fastyaml.Unsupported):
            values = fastyaml.load_lines(fastyaml.split_lines(read()))
        if values is not None:
            try:
                return read_values(values, checklist)
            except fastyaml.Unsupported:
                values = None
        return _parse_worksheet(read(), filename, checklist)


def loaded_once(checklist: ChecklistSource) -> ChecklistSource:
    """The checklist source, a loading function called at most once (the worksheet and its
    journal are both read against the checklist)."""
    return _once(checklist) if callable(checklist) else checklist


def _once(load: Callable[[ChecklistRef], Checklist]) -> Callable[[ChecklistRef], Checklist]:
    """``load``, called at most once however often the result is asked for."""
    loaded: list[Checklist] = []

    def cached(ref: ChecklistRef) -> Checklist:
        if not loaded:
            loaded.append(load(ref))
        return loaded[0]

    return cached


def _parse_worksheet(text: str, filename: str, checklist: ChecklistSource) -> Worksheet:
    r = NodeReader(filename)
    root = compose_yaml(text, filename)
    m = r.mapping(
        root,
        "",
        required=("format", "document", "checklist", "claims"),
        optional=("created", "contents", "audit", "publication", "merge", "segments"),
    )
    fmt = r.text(m["format"], "format")
    if fmt != FORMAT:
        r.fail(m["format"], "format", f"expected {FORMAT!r}, got {fmt!r}")
    miscount = _check_whole(r, m, text.count("\n") + (not text.endswith("\n")))
    document = _read_document(r, m["document"])
    ref = _read_checklist_ref(r, m["checklist"])
    resolved: Checklist | None = checklist(ref) if callable(checklist) else checklist
    strict = resolved is not None and ref.sha256 == resolved.sha256 and ref.id == resolved.id
    claims: list[ClaimReview] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(r.sequence(m["claims"], "claims")):
        entry = _read_claim(r, node, f"claims[{i}]", document.text, resolved, strict)
        if entry.id in seen:
            r.fail(node, f"claims[{i}].id", f"duplicate claim id {entry.id!r}")
        seen[entry.id] = i
        claims.append(entry)
    segments = tuple(
        _read_segment(r, node, f"segments[{i}]", document.text)
        for i, node in enumerate(r.sequence(m["segments"], "segments") if "segments" in m else ())
    )
    audit: list[Change] = []
    if "audit" in m:
        for i, node in enumerate(r.sequence(m["audit"], "audit")):
            change = _read_change(r, node, f"audit[{i}]")
            if audit and change.seq <= audit[-1].seq:
                r.fail(node, f"audit[{i}].seq", f"expected > {audit[-1].seq}, got {change.seq}")
            if change.claim not in seen and change.claim != ARTICLE:
                r.fail(node, f"audit[{i}].claim", f"no claim {change.claim!r} in the worksheet")
            audit.append(change)
    publication = Publication()
    if "publication" in m:
        parts = r.mapping(m["publication"], "publication", optional=PUBLICATION_FIELDS)
        publication = Publication(
            **{k: r.optional_text(v, f"publication.{k}") for k, v in parts.items()}
        )
    problem = repeats_problem(claims)
    if problem is not None:
        at, message = problem
        node = r.mapping(r.sequence(m["claims"], "claims")[at], "", optional=None)["repeats"]
        r.fail(node, f"claims[{at}].repeats", message)
    if miscount is not None:
        r.fail(m["contents"], f"contents.{miscount[0]}", miscount[1])
    created = r.text(m["created"], "created") if "created" in m else ""
    return Worksheet(
        document=document,
        checklist=ref,
        claims=tuple(claims),
        created=created,
        audit=tuple(audit),
        publication=publication,
        merge=_read_merge(r, m["merge"], audit, seen, created) if "merge" in m else None,
        segments=segments,
    )


def _check_whole(r: NodeReader, m: Mapping[str, yaml.Node], lines: int) -> tuple[str, str] | None:
    """Refuse a worksheet cut short: one that holds fewer body sentences or audit entries than
    its ``contents`` counts, or that ends without its audit log. Returns the problem of a count
    lower than the file holds (a count lowered by hand), to be raised once the items are read."""
    miscount = None
    if "contents" in m:
        written = {
            key: r.integer(node, f"contents.{key}")
            for key, node in r.mapping(m["contents"], "contents", CONTENTS_KEYS).items()
        }
        # A list cut after its key holds nothing.
        found = {
            key: len(r.sequence(m[key], key)) if key in m and not is_null(m[key]) else 0
            for key in CONTENTS_KEYS
        }
        problem = contents_problem(written, found)
        if problem is not None:
            r.fail(m["contents"], f"contents.{problem[0]}", problem[1])
        miscount = miscount_problem(written, found)
    if "audit" not in m:
        r.fail_at(lines, "", NO_AUDIT)
    return miscount


def _read_merge(
    r: NodeReader, node: yaml.Node, audit: Sequence[Change], claims: Collection[str], created: str
) -> MergeRecord:
    keys = ("rule", "reviewers", "worksheets", "originals")
    m = r.mapping(node, "merge", required=keys, optional=("open", "unsettled"))
    originals = r.integer(m["originals"], "merge.originals")
    if originals > len(audit):
        r.fail(m["originals"], "merge.originals", f"expected <= {len(audit)}, got {originals}")
    record = MergeRecord(
        rule=r.text(m["rule"], "merge.rule"),
        reviewers=r.texts(m["reviewers"], "merge.reviewers"),
        worksheets=r.texts(m["worksheets"], "merge.worksheets"),
        originals=originals,
        open=r.texts(m["open"], "merge.open") if "open" in m else (),
        unsettled=r.texts(m["unsettled"], "merge.unsettled") if "unsettled" in m else (),
    )
    problem = merge_problem(record, claims)
    if problem is not None:
        key, at, message = problem
        node = m[key] if at is None else r.sequence(m[key], "")[at]
        r.fail(node, f"merge.{key}" if at is None else f"merge.{key}[{at}]", message)
    wrong = originals_problem(record, audit, created)
    if wrong is not None:
        r.fail(m["originals"], "merge.originals", wrong)
    return record

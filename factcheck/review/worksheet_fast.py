"""Stage ⑥ worksheet: reading a valid worksheet fast, with no YAML nodes.

:func:`read_values` builds the worksheet from the values :func:`factcheck.fastyaml.load` gives,
making every check :func:`factcheck.review.worksheet_yaml.parse_worksheet` makes. It never
explains a mistake: at the first value that is not exactly what a valid worksheet holds, it raises
:class:`factcheck.fastyaml.Unsupported`, and the worksheet is read again by the node reader, which
accepts what YAML allows beyond the plain subset (`yes` as a note, say) and names the line of
anything wrong. Either way a worksheet reads the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.fastyaml import Unsupported
from factcheck.models import (
    FURNITURE_KINDS,
    Attribution,
    Claim,
    Document,
    Segment,
    SegmentKind,
    SourceFacts,
)
from factcheck.review.corrections import CLAIM_CORRECTIONS
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
from factcheck.review.worksheet_whole import (
    CONTENTS_KEYS,
    contents_problem,
    contents_record,
    miscount_problem,
    repeats_problem,
)

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question


_T = TypeVar("_T")


def _no(what: str) -> Unsupported:
    return Unsupported(what)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _no("text")
    return value


def _opt_text(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _no("text or nothing")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise _no("list")
    for item in value:
        if type(item) is not str:
            raise _no("list of text")
    return tuple(value)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _no("true or false")
    return value


def _int(value: Any, minimum: int = 0) -> int:
    if type(value) is not int or value < minimum:
        raise _no("integer")
    return value


def _number(value: Any) -> float:
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:  # beyond a float's range: the node reader names it
            raise _no("number") from None
    if type(value) is not float or not math.isfinite(value):
        raise _no("number")
    return value


def _fact(value: Any) -> FactValue:
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return _int(value, -(2**63))
    if kind is float:
        return _number(value)
    return _texts(value)


def _mapping(
    value: Any, required: tuple[str, ...], allowed: frozenset[str] | None
) -> dict[str, Any]:
    if type(value) is not dict:
        raise _no("mapping")
    keys = value.keys()
    if allowed is not None:
        # Allowed keys are strings: 1 or True is never one of them.
        if not keys <= allowed:
            raise _no("key")
    elif any(type(key) is not str for key in keys):
        raise _no("key")
    for key in required:
        if key not in value:
            raise _no("missing key")
    return value


# The keys each part of a worksheet file may hold; the node reader (worksheet_yaml) uses them too.
ATTRIBUTION_KEYS = ("speaker", "role", "verb", "via", "hedges", "quote", "others")
"""Keys of an attribution: a claim's mapping, or inline in a body segment."""
ANSWER_KEYS = ("value", "note", "evidence", "prefill_accepted", "reviewer", "at")
CLAIM_REQUIRED = ("id", "text", "start", "end")
CLAIM_OPTIONAL = (
    "check_worthiness",
    "reasons",
    "attribution",
    "sources",
    "source_facts",
    "facts",
    "block",
    "paragraph",
    "skipped",
    "override",
    "answers",
    "conclusion",
    "dropped",
    "corrected",
    "caption",
    "repeats",
)
CHANGE_REQUIRED = ("seq", "at", "reviewer", "claim", "action")
CHANGE_KEYS = (*CHANGE_REQUIRED, "question", "old", "new", "reason")
"""Keys of an audit change (a change may also carry ``prefill``)."""

_ROOT = ("format", "document", "checklist", "claims")
_ROOT_KEYS = frozenset((*_ROOT, "created", "contents", "audit", "publication", "merge", "segments"))
_CONTENTS_KEYS = frozenset(CONTENTS_KEYS)
_DOC_REQUIRED = ("source", "sha256", "text")
_DOC_KEYS = frozenset(
    ("source", "title", "outlet", "byline", "published", "url", "sha256", "provenance", "text")
)
_REF = ("id", "version", "sha256", "source")
_ATTRIBUTION_KEYS = frozenset(ATTRIBUTION_KEYS)
_SEGMENT_REQUIRED = ("start", "end", "kind")
_SEGMENT_KEYS = frozenset((*_SEGMENT_REQUIRED, *ATTRIBUTION_KEYS))
_BODY_KINDS = {str(kind): kind for kind in SegmentKind if kind not in FURNITURE_KINDS}
_SOURCE_FACT_KEYS = frozenset(
    ("any_partisan", "any_party_to_conflict", "worst_reliability", "state_media", "unknown")
)
_ANSWER_KEYS = frozenset(ANSWER_KEYS)
_OVERRIDE = ("verdict", "reason", "reviewer", "at")
_CLAIM_KEYS = frozenset((*CLAIM_REQUIRED, *CLAIM_OPTIONAL))
_CHANGE_KEYS = frozenset((*CHANGE_KEYS, "prefill"))
_MERGE_REQUIRED = ("rule", "reviewers", "worksheets", "originals")
_MERGE_KEYS = frozenset((*_MERGE_REQUIRED, "open", "unsettled"))
_ACTIONS = {action.value: action for action in Action}
_NO_ATTRIBUTION = Attribution()
_NO_SOURCE_FACTS = SourceFacts()


def _document(value: Any) -> Document:
    m = _mapping(value, _DOC_REQUIRED, _DOC_KEYS)
    provenance: tuple[tuple[str, str], ...] = ()
    if "provenance" in m:
        origins = _mapping(m["provenance"], (), None)
        provenance = tuple((key, _text(origin)) for key, origin in origins.items())
    get = m.get
    return Document(
        source=_text(m["source"]),
        text=_text(m["text"]),
        sha256=_text(m["sha256"]),
        title=_opt_text(get("title")),
        outlet=_opt_text(get("outlet")),
        byline=_opt_text(get("byline")),
        published=_opt_text(get("published")),
        url=_opt_text(get("url")),
        provenance=provenance,
    )


def _attribution(value: Any) -> Attribution:
    return _attribution_from(_mapping(value, (), _ATTRIBUTION_KEYS))


_Read = dict[tuple[object, int], tuple[Any, Any]]
"""What was read from each mapping object, by what it was read as and the object's id (with the
object, so that the id stays its own): collections written alike are one object (see
fastyaml.load) and are read once."""


def _known(read: Callable[[Any], _T], value: Any, done: _Read) -> _T:
    """``read(value)``, read once for each mapping object."""
    key = (read.__name__, id(value))
    known = done.get(key)
    if known is not None and known[0] is value:
        return known[1]  # type: ignore[no-any-return]
    result = read(value)
    done[key] = (value, result)
    return result


def _attribution_from(m: dict[str, Any]) -> Attribution:
    get = m.get
    return Attribution(
        speaker=_opt_text(get("speaker")),
        role=_opt_text(get("role")),
        verb=_opt_text(get("verb")),
        via=_texts(m["via"]) if "via" in m else (),
        hedges=_texts(m["hedges"]) if "hedges" in m else (),
        quote=_bool(m["quote"]) if "quote" in m else False,
        others=_texts(m["others"]) if "others" in m else (),
    )


def _segment(value: Any, article: str) -> Segment:
    m = _mapping(value, _SEGMENT_REQUIRED, _SEGMENT_KEYS)
    start = _int(m["start"])
    end = _int(m["end"])
    kind = _BODY_KINDS.get(_text(m["kind"]))
    if not start <= end <= len(article) or kind is None:
        raise _no("segment")
    return Segment(
        start=start,
        end=end,
        kind=kind,
        text=article[start:end],
        attribution=_attribution_from(m),
    )


def _source_facts(value: Any) -> SourceFacts:
    m = _mapping(value, (), _SOURCE_FACT_KEYS)
    default = _NO_SOURCE_FACTS
    return SourceFacts(
        any_partisan=_bool(m["any_partisan"]) if "any_partisan" in m else default.any_partisan,
        any_party_to_conflict=_bool(m["any_party_to_conflict"])
        if "any_party_to_conflict" in m
        else default.any_party_to_conflict,
        worst_reliability=_text(m["worst_reliability"])
        if "worst_reliability" in m
        else default.worst_reliability,
        state_media=_bool(m["state_media"]) if "state_media" in m else default.state_media,
        unknown=_texts(m["unknown"]) if "unknown" in m else (),
    )


def _remembered_answer(
    value: Any,
    qid: str,
    question: Question | None,
    strict: bool,
    seen: dict[tuple[Any, ...], Answer],
) -> Answer:
    """An answer, read once for all the answers written the same way (most are: a reviewer
    answers many claims alike, at one time)."""
    if type(value) is not dict or not value.keys() <= _ANSWER_KEYS:
        raise _no("answer")
    get = value.get
    prefill = get("prefill_accepted", False)
    evidence = get("evidence", ())
    if type(prefill) is not bool or type(evidence) not in (list, tuple):
        return _answer(value, question, strict)  # not to be confused with a valid one
    key = (qid, get("value"), get("note"), prefill, get("reviewer"), get("at"), *evidence)
    try:
        return seen[key]
    except KeyError:
        answer = seen[key] = _answer(value, question, strict)
        return answer
    except TypeError:  # a value that cannot be a key: not a valid answer
        return _answer(value, question, strict)


def _answer(value: Any, question: Question | None, strict: bool) -> Answer:
    m = _mapping(value, (), _ANSWER_KEYS)
    get = m.get
    answer = _opt_text(get("value"))
    if strict and question is not None and answer is not None and check_value(question, answer):
        raise _no("answer value")
    evidence = _texts(m["evidence"]) if "evidence" in m else ()
    for url in evidence:
        if not is_evidence(url):
            raise _no("evidence")
    return Answer(
        value=answer,
        note=_opt_text(get("note")),
        evidence=evidence,
        prefill_accepted=_bool(m["prefill_accepted"]) if "prefill_accepted" in m else False,
        reviewer=_opt_text(get("reviewer")),
        at=_opt_text(get("at")),
    )


def _override(value: Any, levels: frozenset[str] | None) -> Override | None:
    if value is None:
        return None
    m = _mapping(value, _OVERRIDE, frozenset(_OVERRIDE))
    verdict = _text(m["verdict"])
    reason = _text(m["reason"])
    if (levels is not None and verdict not in levels) or not reason.strip():
        raise _no("override")
    return Override(
        verdict=verdict, reason=reason, reviewer=_text(m["reviewer"]), at=_text(m["at"])
    )


def _claim(
    value: Any,
    article: str,
    questions: dict[str, Question],
    strict: bool,
    levels: frozenset[str] | None,
    seen: dict[tuple[Any, ...], Answer],
    blocks: _Read,
) -> ClaimReview:
    m = _mapping(value, CLAIM_REQUIRED, _CLAIM_KEYS)
    get = m.get
    start = _int(m["start"])
    end = _int(m["end"])
    text = _text(m["text"])
    if not start <= end <= len(article) or text != article[start:end]:
        raise _no("claim span")
    claim = Claim(
        id=_text(m["id"]),
        text=text,
        start=start,
        end=end,
        check_worthiness=_number(m["check_worthiness"]) if "check_worthiness" in m else 0.0,
        reasons=_texts(m["reasons"]) if "reasons" in m else (),
        attribution=_known(_attribution, m["attribution"], blocks)
        if "attribution" in m
        else _NO_ATTRIBUTION,
        sources=_texts(m["sources"]) if "sources" in m else (),
        block=_int(m["block"]) if "block" in m else 0,
        caption=_bool(m["caption"]) if "caption" in m else False,
        repeats=_opt_text(get("repeats")),
    )
    paragraph = (start, end)
    if "paragraph" in m:
        span = m["paragraph"]
        if type(span) is not list or len(span) != 2:
            raise _no("paragraph")
        p_start, p_end = _int(span[0]), _int(span[1])
        if not p_start <= start <= end <= p_end <= len(article):
            raise _no("paragraph")
        paragraph = (p_start, p_end)
    facts: dict[str, FactValue] = {}
    if "facts" in m:
        facts = dict(_known(_facts, m["facts"], blocks))
    return ClaimReview(
        claim=claim,
        paragraph=paragraph,
        source_facts=_known(_source_facts, m["source_facts"], blocks)
        if "source_facts" in m
        else _NO_SOURCE_FACTS,
        facts=facts,
        answers=_answers(m, questions, strict, seen, blocks),
        override=_override(m["override"], levels) if "override" in m else None,
        skipped=_bool(m["skipped"]) if "skipped" in m else False,
        conclusion=_opt_text(get("conclusion")),
        dropped=_opt_text(get("dropped")),
        corrected=_texts(m["corrected"]) if "corrected" in m else (),
    )


def _facts(value: Any) -> dict[str, FactValue]:
    facts = dict(_mapping(value, (), None))
    for name, fact in facts.items():
        kind = type(fact)
        if kind is not str and kind is not bool and fact is not None:
            facts[name] = _fact(fact)
    return facts


def _answers(
    m: dict[str, Any],
    questions: dict[str, Question],
    strict: bool,
    seen: dict[tuple[Any, ...], Answer],
    blocks: _Read,
) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    if "answers" in m:
        written = m["answers"]
        # Answers written alike are one mapping (see fastyaml.load): read it once.
        key = ("answers", id(written))
        known = blocks.get(key)
        if known is not None and known[0] is written:
            return dict(known[1])
        for qid, answer in _mapping(written, (), None).items():
            # So is an answer written alike under a question.
            one = (("answer", qid), id(answer))
            found = blocks.get(one)
            if found is not None and found[0] is answer:
                answers[qid] = found[1]
                continue
            read = _remembered_answer(answer, qid, questions.get(qid), strict, seen)
            blocks[one] = (answer, read)
            answers[qid] = read
        blocks[key] = (written, answers.copy())
    return answers


class Reviewed:
    """In the claims :func:`read_values` reads: a claim read before (from another reviewer's
    worksheet of the article, written alike), with what this reviewer did still to be read:
    the values of the keys in `REVIEW_KEYS`."""

    __slots__ = ("base", "values")

    def __init__(self, base: ClaimReview, values: Any) -> None:
        self.base = base
        self.values = values


REVIEW_KEYS = ("skipped", "override", "answers", "conclusion", "dropped", "corrected")
"""The keys of a claim that record what its reviewer did, written after the claim's own."""
_REVIEW_KEYS = frozenset(REVIEW_KEYS)


def _reviewed(
    item: Reviewed,
    questions: dict[str, Question],
    strict: bool,
    levels: frozenset[str] | None,
    seen: dict[tuple[Any, ...], Answer],
    blocks: _Read,
) -> ClaimReview:
    m = _mapping(item.values, ("skipped",), _REVIEW_KEYS)
    base = item.base
    return ClaimReview(
        claim=base.claim,
        paragraph=base.paragraph,
        source_facts=base.source_facts,
        facts=dict(base.facts),
        answers=_answers(m, questions, strict, seen, blocks),
        override=_override(m["override"], levels) if "override" in m else None,
        skipped=_bool(m["skipped"]),
        conclusion=_opt_text(m.get("conclusion")),
        dropped=_opt_text(m.get("dropped")),
        corrected=_texts(m["corrected"]) if "corrected" in m else (),
    )


def _change(value: Any) -> Change:
    m = _mapping(value, CHANGE_REQUIRED, _CHANGE_KEYS)
    action = _ACTIONS.get(_text(m["action"]))
    if action is None:
        raise _no("action")
    get = m.get
    return Change(
        seq=_int(m["seq"], 1),
        at=_text(m["at"]),
        reviewer=_text(m["reviewer"]),
        claim=_text(m["claim"]),
        action=action,
        question=_opt_text(get("question")),
        old=_opt_text(get("old")),
        new=_opt_text(get("new")),
        reason=_opt_text(get("reason")),
        prefill=_bool(m["prefill"]) if "prefill" in m else False,
    )


def _merge(
    value: Any, audit: Sequence[Change], claims: Collection[str], created: str
) -> MergeRecord:
    m = _mapping(value, _MERGE_REQUIRED, _MERGE_KEYS)
    originals = _int(m["originals"])
    if originals > len(audit):
        raise _no("merge.originals")
    record = MergeRecord(
        rule=_text(m["rule"]),
        reviewers=_texts(m["reviewers"]),
        worksheets=_texts(m["worksheets"]),
        originals=originals,
        open=_texts(m["open"]) if "open" in m else (),
        unsettled=_texts(m["unsettled"]) if "unsettled" in m else (),
    )
    if merge_problem(record, claims) is not None:
        raise _no("merge")
    if originals_problem(record, audit, created) is not None:
        raise _no("merge.originals")
    return record


MERGE_RULES = ("majority", "unanimous")
"""The rules a merge may record (factcheck merge --rule)."""
MERGE_PARTS = tuple(part for part in PUBLICATION_FIELDS if part != "reviewer")
"""The parts of the report a merge reconciles (who reviews next is for that reviewer to say)."""
MERGE_REVIEWER = "merge"
"""The name the merge's own changes are recorded under."""
MERGE_DROP = "drop"
"""A merge's unsettled item 'claim.drop': reviewers split on dropping the claim as not a claim."""
MERGE_OVERRIDE = "override"
"""A merge's unsettled item 'claim.override': reviewers split on overriding the claim's verdict."""
MERGE_SPLIT = "split"
"""A merge's unsettled item 'claim.split': some reviewers split the claim, others did not (or
split it elsewhere), and the rule did not settle it."""


def merge_problem(
    record: MergeRecord, claims: Collection[str]
) -> tuple[str, int | None, str] | None:
    """What is wrong with a merge record edited by hand, as (its key, the index of the item at
    fault in a list, the message); None when nothing is. ``claims`` are the worksheet's ids."""
    if record.rule not in MERGE_RULES:
        return "rule", None, f"expected majority or unanimous, got {record.rule!r}"
    count = len(record.reviewers)
    if count < 2:
        return "reviewers", None, f"expected two reviewers or more, got {count}"
    for i, name in enumerate(record.reviewers):
        if name in record.reviewers[:i]:
            return "reviewers", i, f"reviewer {name!r} is listed twice"
    if len(record.worksheets) != count:
        return (
            "worksheets",
            None,
            f"expected one per reviewer ({count}), got {len(record.worksheets)}",
        )
    for i, item in enumerate(record.open):
        claim, _, question = item.partition(".")
        if claim not in claims or not question:
            return "open", i, f"expected a claim of the worksheet and a question, got {item!r}"
    for i, item in enumerate(record.unsettled):
        claim, _, what = item.partition(".")
        if not (
            claim in claims
            and what in (*CLAIM_CORRECTIONS, MERGE_DROP, MERGE_OVERRIDE, MERGE_SPLIT)
        ) and not (claim == ARTICLE and what in MERGE_PARTS):
            expected = (
                "a claim of the worksheet and speaker, role, chain, drop, override or split, "
                "or article and a part"
            )
            return "unsettled", i, f"expected {expected}, got {item!r}"
        if item in record.unsettled[:i]:
            return "unsettled", i, f"{item!r} is listed twice"
    return None


def originals_problem(record: MergeRecord, audit: Sequence[Change], created: str) -> str | None:
    """What is wrong with a merge's count of the reviewers' own entries (``merge.originals``),
    edited by hand, against the audit log; None when nothing is. The reviewers' entries come
    first, under their names; the merge's own changes, made when the worksheet was, right after."""
    reviewers = frozenset(record.reviewers)
    for at, change in enumerate(audit[: record.originals]):
        if change.reviewer not in reviewers:
            return (
                f"says {record.originals} audit entries are the reviewers' own, but entry "
                f"{change.seq} is by {change.reviewer!r}: set it to {at}"
            )
    for at in range(record.originals, len(audit)):
        change = audit[at]
        if change.reviewer == MERGE_REVIEWER and change.at == created:
            if at != record.originals:
                return (
                    f"says {record.originals} audit entries are the reviewers' own, but the "
                    f"merge's own changes begin at entry {change.seq}: set it to {at}"
                )
            break
    return None


def read_values(
    data: Any,
    checklist: Checklist | Callable[[ChecklistRef], Checklist] | None,
    audit_skipped: int | None = None,
) -> Worksheet:
    """The worksheet these values hold, or Unsupported at the first doubt.

    ``audit_skipped``: the values hold no audit log, of that many entries, left unread
    (:mod:`factcheck.review.worksheet_skim`); the worksheet's ``audit`` is then empty."""
    m = _mapping(data, _ROOT, _ROOT_KEYS)
    if ("audit" in m) is (audit_skipped is not None):
        raise _no("audit")
    if _text(m["format"]) != FORMAT:
        raise _no("format")
    document = _document(m["document"])
    r = _mapping(m["checklist"], _REF, frozenset(_REF))
    ref = ChecklistRef(
        id=_text(r["id"]),
        version=_int(r["version"]),
        sha256=_text(r["sha256"]),
        source=_text(r["source"]),
    )
    resolved: Checklist | None = checklist(ref) if callable(checklist) else checklist
    strict = resolved is not None and ref.sha256 == resolved.sha256 and ref.id == resolved.id
    questions = {q.id: q for q in resolved.questions} if resolved is not None else {}
    levels = (
        frozenset(level.id for level in resolved.scale) if strict and resolved is not None else None
    )
    claims_data = m["claims"]
    if type(claims_data) is not list:
        raise _no("claims")
    article = document.text
    alike: dict[tuple[Any, ...], Answer] = {}
    blocks: _Read = {}
    claims = [
        _claim(entry, article, questions, strict, levels, alike, blocks)
        if type(entry) is not Reviewed
        else _reviewed(entry, questions, strict, levels, alike, blocks)
        for entry in claims_data
    ]
    seen = {entry.claim.id for entry in claims}
    if len(seen) != len(claims):
        raise _no("duplicate claim id")
    segments: tuple[Segment, ...] = ()
    if "segments" in m:
        listed = m["segments"]
        if type(listed) is not list:
            raise _no("segments")
        segments = tuple(_segment(segment, article) for segment in listed)
    audit: list[Change] = []
    if "audit" in m:
        entries = m["audit"]
        if type(entries) is not list:
            raise _no("audit")
        last = 0
        for entry in entries:
            change = _change(entry)
            if change.seq <= last or (change.claim not in seen and change.claim != ARTICLE):
                raise _no("audit order")
            last = change.seq
            audit.append(change)
    publication = Publication()
    if "publication" in m:
        parts = _mapping(m["publication"], (), frozenset(PUBLICATION_FIELDS))
        publication = Publication(**{key: _opt_text(value) for key, value in parts.items()})
    created = _text(m["created"]) if "created" in m else ""
    worksheet = Worksheet(
        document=document,
        checklist=ref,
        claims=tuple(claims),
        created=created,
        audit=tuple(audit),
        publication=publication,
        merge=_merge(m["merge"], audit, seen, created) if "merge" in m else None,
        segments=segments,
    )
    if "contents" in m:
        written = _mapping(m["contents"], CONTENTS_KEYS, _CONTENTS_KEYS)
        found = contents_record(worksheet)
        if audit_skipped is not None:
            found["audit"] = audit_skipped
        if any(type(count) is not int or count < 0 for count in written.values()):
            raise _no("contents")
        if contents_problem(written, found) or miscount_problem(written, found):
            raise _no("contents")
    if repeats_problem(worksheet.claims) is not None:
        raise _no("repeats")
    return worksheet

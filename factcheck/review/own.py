"""Stage ⑥ worksheet: each reviewer's own worksheet, side by side with the others' in one folder.

``<slug>.worksheet.yaml`` is the article's first worksheet; ``<slug>.<reviewer>.worksheet.yaml``
is a reviewer's own, started with ``factcheck review --own``. A reviewer who has one always
continues it, so a team sharing one git repository never writes into each other's answers.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import regexes
from factcheck.errors import ReviewError
from factcheck.files import SLUG_LENGTH, slugify
from factcheck.models import Attribution, Claim, Extraction, SegmentKind
from factcheck.review.corrections import REVIEWER_REASON
from factcheck.review.worksheet import (
    WORKSHEET_SUFFIX,
    Action,
    ClaimReview,
    Worksheet,
    create_worksheet,
)

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.sources.registry import Registry

_OWN = regexes.compile(r"^(?P<slug>[^.]+)\.(?P<reviewer>[^.]+)" + re.escape(WORKSHEET_SUFFIX) + "$")


def own_path(worksheet: Path, reviewer: str) -> Path:
    """The reviewer's own worksheet beside another one of the same article."""
    name = worksheet.name
    match = _OWN.match(name)
    slug = match.group("slug") if match else name.removesuffix(WORKSHEET_SUFFIX)
    return worksheet.with_name(f"{slug}.{slugify(reviewer)}{WORKSHEET_SUFFIX}")


def reviewer_in_name(path: Path) -> str | None:
    """The reviewer slug in ``<slug>.<reviewer>.worksheet.yaml``, if the name has one."""
    match = _OWN.match(path.name)
    return match.group("reviewer") if match else None


def fresh_copy(
    worksheet: Worksheet, path: Path, checklist: Checklist, registry: Registry
) -> Worksheet:
    """A new worksheet of the article's claims as the extractor found them, as ``review ARTICLE
    --own`` makes one: none of the answers, drops, corrections, added or split claims, report
    parts or history of whoever reviewed ``worksheet`` (read from ``path``).

    The claims of the body are found again in the sentences the worksheet lists, as they were
    found in the first place; a caption's is taken back to its text and credit. ReviewError
    when they are not the worksheet's own (another version of factcheck made it).
    """
    from factcheck.extract.claims import extract_claims
    from factcheck.extract.repeats import link_repeats

    sentences = tuple(
        segment
        if segment.kind is SegmentKind.QUESTION
        else replace(segment, kind=SegmentKind.STATEMENT)
        for segment in worksheet.segments
    )
    segments, body = extract_claims(worksheet.document, sentences, registry=registry)
    captions = _captions_as_found(worksheet)
    found = {claim.id: claim.text for claim in body}
    own = [e for e in worksheet.claims if not (_reviewers(e) or e.claim.caption)]

    def same(entry: ClaimReview) -> bool:
        reshaped = any(mark in entry.corrected for mark in ("split", "merged"))
        text = found.get(entry.id)
        return text is not None and (reshaped or text == entry.claim.text)

    if len(own) != len(found) or not all(same(entry) for entry in own):
        raise ReviewError(
            f"the claims of {path} are not those the extractor finds in its article now "
            "(another version of factcheck made it): start your own worksheet from the "
            "article instead, with review ARTICLE --own"
        )
    claims = sorted((*body, *captions), key=lambda claim: _number(claim.id))
    claims = list(link_repeats([replace(claim, repeats=None) for claim in claims]))
    extraction = Extraction(worksheet.document, segments, tuple(claims))
    return create_worksheet(
        extraction, checklist, registry, checklist_source=worksheet.checklist.source
    )


def _reviewers(entry: ClaimReview) -> bool:
    return REVIEWER_REASON in entry.claim.reasons


def _number(claim_id: str) -> int:
    return int(claim_id[1:]) if claim_id[1:].isdigit() else 0


def _captions_as_found(worksheet: Worksheet) -> list[Claim]:
    """The extractor's caption claims of the worksheet, as it found them: undivided, credited
    to the photo's credit (the first correction of the speaker tells who that was)."""
    claims = {entry.id: entry.claim for entry in worksheet.claims}
    start = worksheet.merge.originals if worksheet.merge is not None else 0
    # A merged worksheet's first entries are each reviewer's, not changes made to it.
    for change in reversed(worksheet.audit[start:]):
        claim = claims.get(change.claim)
        if claim is None:
            continue
        if change.action is Action.ADD_CLAIM:
            del claims[change.claim]
        elif change.action is Action.SPLIT and change.new in claims:
            end = claims.pop(change.new).end
            text = worksheet.document.text[claim.start : end]
            claims[claim.id] = replace(claim, text=text, end=end)
        elif change.action is Action.SPEAKER:
            claims[claim.id] = replace(claim, attribution=Attribution(speaker=change.old))
    return [
        replace(claim, attribution=Attribution(speaker=claim.attribution.speaker))
        for claim in claims.values()
        if claim.caption and REVIEWER_REASON not in claim.reasons
    ]


@dataclass(frozen=True, slots=True)
class Choice:
    """Which worksheet a reviewer's review opens."""

    path: Path
    """The worksheet to open (or to create, when ``start_from`` is set)."""
    start_from: Path | None = None
    """For a new own worksheet: the worksheet whose claims it starts from, if it is not new."""


def choose_worksheet(shared: Path, reviewer: str, *, own: bool) -> Choice:
    """The worksheet a review by ``reviewer`` opens, given the article's (or the named) one.

    The reviewer's own worksheet when it exists; with ``own``, a new one beside ``shared``;
    otherwise ``shared`` itself.
    """
    mine = own_path(shared, reviewer)
    if mine.exists() or (reviewer_in_name(shared) == slugify(reviewer)):
        return Choice(mine if mine.exists() else shared)
    if own:
        return Choice(mine, start_from=shared if shared.exists() else None)
    return Choice(shared)


def worksheet_reviewer(worksheet: Worksheet, path: Path | None = None) -> str:
    """Who a worksheet belongs to: whoever made most of its changes, else whoever answered most,
    else the name in ``<slug>.<reviewer>.worksheet.yaml``, else the file's stem."""
    counts = Counter(change.reviewer for change in worksheet.audit)
    if not counts:
        counts = Counter(
            answer.reviewer
            for entry in worksheet.claims
            for answer in entry.answers.values()
            if answer.reviewer
        )
    if counts:
        return counts.most_common(1)[0][0]
    if path is not None:
        return reviewer_in_name(path) or path.name.removesuffix(WORKSHEET_SUFFIX)
    return "reviewer"


def owner_warning(worksheet: Worksheet, path: Path, reviewer: str) -> str | None:
    """A warning when someone else made the worksheet the reviewer is about to answer in."""
    if not worksheet.audit or worksheet.merge is not None:
        return None
    owner = worksheet_reviewer(worksheet, path)
    if owner == reviewer:
        return None
    mine = own_path(path, reviewer)
    if mine == path:
        keep = f"To keep your own, use --own with {_name_hint(path, reviewer)}"
    else:
        keep = f"To keep your own, use --own (it makes {mine.name})"
    return f"{path} is {owner}'s review; your answers go into it under your name. {keep}"


def _name_hint(path: Path, reviewer: str) -> str:
    """What to give for a name of the reviewer's own beside ``path``: a free one and the file it
    makes, or a shorter one when no number is kept in a file name of the reviewer's name."""
    name = free_name(path, reviewer)
    if name is None:
        return (
            f"a shorter name of your own (a file name keeps the first {SLUG_LENGTH} characters "
            "of a name)"
        )
    return (
        f"a name of your own, e.g. --reviewer {shlex.quote(name)} "
        f"(it makes {own_path(path, name).name})"
    )


def free_name(path: Path, reviewer: str) -> str | None:
    """The reviewer's name with the first number after it whose own worksheet beside ``path``
    does not exist yet: ``Li Wei 2`` when ``li-wei`` is taken.

    A file name keeps the first ``SLUG_LENGTH`` characters of a name: a name too long for the
    number to be kept loses words at its end until it is, so that each number makes a file name
    of its own and the search ends. None when not even the first word and a number are kept.
    """
    number = 2
    while True:
        name = numbered_name(reviewer, number)
        if name is None or not own_path(path, name).exists():
            return name
        number += 1


def numbered_name(reviewer: str, number: int) -> str | None:
    """``reviewer`` and ``number`` (``Li Wei 2``), or as many of the name's first words as keep
    the number in the file name the name makes; None when not even the first word does."""
    whole = f"{reviewer} {number}"
    if _kept_whole(whole):
        return whole
    words = reviewer.split()
    found: str | None = None
    # Words a slug drops ('-', '&') lengthen no slug: only the first SLUG_LENGTH words are
    # tried, which keeps the search short whatever the name.
    for count in range(1, min(len(words), SLUG_LENGTH) + 1):
        name = " ".join([*words[:count], str(number)])
        if not _kept_whole(name):
            break
        found = name
    return found


def _kept_whole(name: str) -> bool:
    """Whether the file name ``name`` makes keeps all of it (it is not cut short)."""
    return slugify(name) == slugify(name, max_length=None)


def own_refusal(worksheet: Worksheet, path: Path, reviewer: str) -> str | None:
    """Why ``--own`` must not open ``path`` for ``reviewer``: it is another reviewer's own
    worksheet (its name is the reviewer's, as two names can make the same file name)."""
    owner = worksheet.publication.reviewer
    if not owner and worksheet.audit and worksheet.merge is None:
        owner = worksheet_reviewer(worksheet)
    if not owner or owner == reviewer:
        return None
    return (
        f"{path} is {owner}'s own worksheet, not {reviewer}'s; --own does not write into it: "
        f"give {_name_hint(path, reviewer)}"
    )

"""Stage ⑥ worksheet: telling a whole worksheet from one cut short.

The tool writes a worksheet top to bottom: the article, the checklist, the claims, the body
sentences (``segments``), the merge record of a merged worksheet and, last, the audit log. A file
cut at a line boundary (a partial copy, an interrupted sync) is still valid YAML, with its last
parts missing. ``contents``, written near the top, counts the body sentences and the audit
entries, so a reader notices either list cut short; a worksheet written before ``contents``
existed has none, and then the audit log, which the tool has always written after the claims,
must at least be there. The claims are not counted: removing one by hand is an edit a reviewer may
make, as long as no other claim repeats it and no audit entry names it. A count lower than the file
holds is refused too: otherwise ``contents: {segments: 0, audit: 0}``, written by hand, would turn
the check off for good.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factcheck.review.worksheet import ClaimReview, Worksheet

CONTENTS_KEYS = ("segments", "audit")
"""What ``contents`` counts: body sentences and audit entries."""

_NOUNS = {"segments": "body sentences", "audit": "audit entries"}

CUT_SHORT = "the worksheet is cut short; restore it from a copy"
"""The end of every message about a worksheet that lost its end."""

WRONG_COUNT = "correct the count or delete the contents line"
"""The end of every message about a count lower than the file holds."""

NO_AUDIT = f"the file ends here, without the audit log written after the claims: {CUT_SHORT}"
"""Why a worksheet without ``audit`` is refused (at its last line)."""


def contents_record(worksheet: Worksheet) -> dict[str, int]:
    """The counts ``contents`` holds for the worksheet."""
    return {"segments": len(worksheet.segments), "audit": len(worksheet.audit)}


def contents_problem(
    written: Mapping[str, int], found: Mapping[str, int]
) -> tuple[str, str] | None:
    """The first list of which the file holds fewer items than ``contents`` counts, as (its key,
    the message); None when none is short. ``found`` counts what the file holds."""
    for key in CONTENTS_KEYS:
        if found[key] < written[key]:
            noun = _NOUNS[key]
            return key, f"expected {written[key]} {noun}, found {found[key]}: {CUT_SHORT}"
    return None


def miscount_problem(
    written: Mapping[str, int], found: Mapping[str, int]
) -> tuple[str, str] | None:
    """The first list of which the file holds more items than ``contents`` counts, as (its key,
    the message); None when no count is too low. Asked once the items are read, so that a broken
    item is named before the count it makes wrong."""
    for key in CONTENTS_KEYS:
        if found[key] > written[key]:
            noun = _NOUNS[key]
            return key, f"says {written[key]} {noun}, the file holds {found[key]}: {WRONG_COUNT}"
    return None


def repeats_problem(claims: Sequence[ClaimReview]) -> tuple[int, str] | None:
    """The first claim that repeats a claim the worksheet does not hold, itself, or a claim that
    leads back to it, as (its index, the message); None when the repeats are sound."""
    repeated = {entry.id: entry.claim.repeats for entry in claims}
    for index, entry in enumerate(claims):
        repeats = entry.claim.repeats
        if repeats is not None and repeats not in repeated:
            return index, f"no claim {repeats!r} in the worksheet"
    settled: set[str] = set()  # claims whose repeats lead to a claim that repeats none
    for index, entry in enumerate(claims):
        path = [entry.id]
        step = repeated[entry.id]
        while step is not None and step not in settled:
            if step in path:
                loop = " \u2192 ".join([*path[path.index(step) :], step])
                return index, f"claims cannot repeat each other in a circle ({loop})"
            path.append(step)
            step = repeated[step]
        settled.update(path)
    return None

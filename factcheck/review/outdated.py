"""Stage ⑥ worksheet: what changed since a worksheet was made (article, checklist, answers and
overrides the checklist no longer takes), told to the reviewer as warnings; every answer is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.review.worksheet import ChecklistRef, Worksheet, check_value, valid_override

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist


def checklist_change(ref: ChecklistRef, checklist: Checklist) -> str | None:
    """How the checklist differs from the one the worksheet was made with, or None."""
    if ref.id != checklist.id:
        return (
            f"this worksheet was made with checklist {ref.id!r} (version {ref.version}), "
            f"not {checklist.id!r} (version {checklist.version}); every answer is kept"
        )
    if ref.sha256 == checklist.sha256:
        return None
    if ref.version == checklist.version:
        # An edit without a new version number: "version 1 -> 1" would say nothing changed.
        return (
            f"checklist {checklist.id!r} changed since this worksheet was made (its questions "
            f"or rules, still version {checklist.version}); every answer is kept"
        )
    return (
        f"checklist {checklist.id!r} changed since this worksheet was made "
        f"(version {ref.version} -> {checklist.version}); every answer is kept"
    )


def worksheet_warnings(
    worksheet: Worksheet, checklist: Checklist, document_sha256: str | None = None
) -> list[str]:
    """What changed since the worksheet was made: article, checklist, orphaned answers,
    overrides to a verdict the checklist's scale no longer has."""
    warnings: list[str] = []
    if document_sha256 is not None and document_sha256 != worksheet.document.sha256:
        warnings.append(
            f"the article changed since this worksheet was made; "
            f"its {len(worksheet.claims)} claims and every answer are kept as they were"
        )
    note = checklist_change(worksheet.checklist, checklist)
    if note:
        warnings.append(note)
    questions = {q.id: q for q in checklist.questions}
    orphans: list[str] = []
    invalid: list[str] = []
    off_scale: list[str] = []
    for entry in worksheet.claims:
        if entry.override is not None and valid_override(checklist, entry) is None:
            off_scale.append(f"{entry.id} ({entry.override.verdict!r})")
        for qid, answer in entry.answers.items():
            question = questions.get(qid)
            if question is None:
                orphans.append(f"{entry.id}.{qid}")
            elif answer.value is not None and check_value(question, answer.value):
                invalid.append(f"{entry.id}.{qid} ({answer.value!r})")
    if orphans:
        warnings.append(
            "answers to questions the checklist no longer has (kept): " + ", ".join(orphans)
        )
    if invalid:
        warnings.append(
            "answers no longer valid for their question (kept; asked again): " + ", ".join(invalid)
        )
    if off_scale:
        warnings.append(
            "overrides to a verdict no longer on the checklist's scale (kept; the rules decide "
            "instead, and an open claim is asked again): " + ", ".join(off_scale)
        )
    return warnings

"""Stage ⑦ review: open a worksheet for review and run it, from a file, a terminal or both.

`open_review` finds or makes the article's worksheet and locks it; `review_worksheet` applies an
answers file (see :mod:`factcheck.review.scripted`) and then runs the interactive loop (see
:mod:`factcheck.review.loop`) for what is left. The reviewer is remembered per worksheet.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.checklist.answers import address_problem
from factcheck.errors import FactcheckError, ReviewError
from factcheck.files import resolved
from factcheck.review.hints import ClaimHints, EvidenceOffer
from factcheck.review.journal import WorksheetSession, load_worksheet, open_session
from factcheck.review.loop import is_complete, run_review, select_claims, summarize_review
from factcheck.review.outdated import worksheet_warnings
from factcheck.review.prompts import Asker, ReviewOutcome
from factcheck.review.reference import checklist_loader
from factcheck.review.reviewer import resolve_reviewer
from factcheck.review.scripted import apply_answers, read_answers
from factcheck.review.worksheet import (
    ARTICLE,
    PUBLICATION_FIELDS,
    Action,
    ChecklistRef,
    apply_change,
    article_worksheet,
    create_worksheet,
    is_worksheet_file,
    make_change,
    utc_now,
)
from factcheck.review.worksheet_comments import comments_warning

if TYPE_CHECKING:
    from factcheck.case.findings import CaseFindings
    from factcheck.case.store import Case
    from factcheck.checklist.load import Checklist
    from factcheck.extract.pipeline import StageCallback
    from factcheck.factchecks.model import Match
    from factcheck.models import Document
    from factcheck.sources.registry import Registry

__all__ = ["ClaimHints", "EvidenceOffer", "ReviewSetup", "open_review", "review_worksheet"]


def review_worksheet(
    setup: ReviewSetup,
    *,
    asker: Asker | None,
    answers: Path | None = None,
    reviewer: str,
    claims: Sequence[str] | None = None,
    min_score: float | None = None,
    now: Callable[[], str] = utc_now,
    publication: Mapping[str, str] | None = None,
) -> ReviewOutcome:
    """Record the reviewer and any parts of the published report given (``publication``: title,
    summary, bottom_line, url), apply an answers file (if any), then ask what is left (if there
    is an asker).

    Every change goes through the session's journal before the next one is made. Ctrl-C
    (KeyboardInterrupt) propagates; the caller closes the session, which saves everything.
    """
    session = setup.session
    checklist = setup.checklist
    changes = 0
    wanted = {"reviewer": reviewer, **(publication or {})}
    for name in PUBLICATION_FIELDS:
        value = (wanted.get(name) or "").strip()
        problem = address_problem(value) if name == "url" and value else None
        if problem is not None:
            raise ReviewError(f"--url: {problem}")
        if value and value != session.worksheet.publication.get(name):
            change = make_change(
                session.worksheet,
                ARTICLE,
                Action.PUBLICATION,
                reviewer=reviewer,
                question=name,
                new=value,
                now=now,
            )
            session.record(apply_change(session.worksheet, change), change)
            changes += 1
    if answers is not None:
        script = read_answers(answers, session.worksheet, checklist)
        applied = apply_answers(
            session.worksheet, checklist, script, session.record_all, reviewer=reviewer, now=now
        )
        changes += applied.changes
    if asker is not None:
        outcome = run_review(
            session.worksheet,
            checklist,
            asker,
            session.record,
            reviewer=reviewer,
            claims=claims,
            min_score=min_score,
            now=now,
            hints=setup.hints,
            only_open=session.worksheet.merge is not None,
        )
        return replace(outcome, changes=outcome.changes + changes)
    order, below = select_claims(session.worksheet, claims, min_score)
    reviewed = [session.worksheet.entry(cid) for cid in order]
    return summarize_review(
        session.worksheet,
        checklist,
        [entry.id for entry in reviewed],
        below=below,
        finished=all(is_complete(checklist, e) or e.skipped for e in reviewed),
        changes=changes,
    )


# --- opening a review: existing worksheet, or a new one from an article ---------------------------


DEFAULT_CHECKLIST = "quick"
"""The checklist a new worksheet uses unless told otherwise."""


@dataclass(slots=True)
class ReviewSetup:
    """A worksheet open for review, with what the reviewer should be told first."""

    session: WorksheetSession
    """The locked, journaled worksheet."""
    checklist: Checklist
    """The checklist to review against."""
    registry: Registry
    """The source registry, for showing what is known about each source."""
    warnings: list[str]
    """Changes since the worksheet was made (article, checklist, orphaned answers)."""
    created: bool
    """Whether the worksheet was made just now."""
    findings: CaseFindings | None = None
    """With a case: what its other articles say about each claim."""
    hints: dict[str, ClaimHints] = field(default_factory=dict)
    """With a case: per claim, the other reports to show and offer as evidence."""

    @property
    def path(self) -> Path:
        """The worksheet's path."""
        return self.session.path


def is_builtin_name(name: str) -> bool:
    """Whether a checklist reference is spelled as a built-in checklist's name, not a file's."""
    return re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) is not None


def checklist_reference(name: str, worksheet: Path) -> str:
    """How a worksheet records its checklist: a built-in name as is, a file relative to the
    worksheet's folder (so the pair can move together, or be shared in git)."""
    if is_builtin_name(name) and not Path(name).exists():
        return name
    target = resolved(Path(name))
    try:
        return Path(os.path.relpath(target, resolved(worksheet.parent))).as_posix()
    except ValueError:  # another drive on Windows
        return str(target)


def _current_sha256(document: Document) -> str | None:
    """The article's sha256 now, when it is a local file that can be read again."""
    from factcheck.extract.ingest import read_source

    source = document.source
    if source in ("", "-") or "://" in source or not Path(source).is_file():
        return None
    try:
        return read_source(source).sha256
    except FactcheckError:
        return None


def open_review(
    target: str,
    *,
    checklist: str | None = None,
    reports_dir: Path,
    registry_paths: Sequence[Path] = (),
    case: Path | None = None,
    reviewer: str | None = None,
    own: bool = False,
    unnamed: bool = True,
    on_stage: StageCallback | None = None,
) -> ReviewSetup:
    """Open a worksheet for review: the one named, or the article's (made now if need be).

    An article is extracted first; its worksheet is ``<reports_dir>/<slug>.worksheet.yaml``.
    An existing worksheet keeps its claims and every answer, whatever changed since. With a
    case folder, every claim is matched against the case's other articles: the ``case.*`` facts
    are set from the matches, and the matches are offered as evidence. A ``reviewer`` who has
    their own worksheet (``<slug>.<reviewer>.worksheet.yaml``) continues it; with ``own``, they
    start it beside the article's worksheet. Without ``unnamed`` (nobody at a terminal to ask
    the reviewer's name), no worksheet is made before the ``reviewer`` is known. ``on_stage`` is
    told each stage of an article's extraction, then WRITING as its new worksheet is made.
    """
    from factcheck.review.own import choose_worksheet, fresh_copy, own_refusal, owner_warning
    from factcheck.sources.registry import load_registry

    registry = load_registry(tuple(registry_paths))
    loaded_case = _load_case(case, registry)
    target_path = Path(target)
    document_sha: str | None = None
    if is_worksheet_file(target_path):
        path = target_path
        choice = choose_worksheet(path, reviewer, own=True) if reviewer and own else None
        if choice is not None and choice.start_from is not None:
            start_loader = checklist_loader(checklist, path, "ARTICLE")
            start = load_worksheet(choice.start_from, start_loader)
            chosen = start_loader(start.checklist)
            session = open_session(
                choice.path, new=fresh_copy(start, choice.start_from, chosen, registry)
            )
            setup = ReviewSetup(session, chosen, registry, [], True)
            return _with_factchecks(_with_case(setup, loaded_case, None), None)
        path = choice.path if choice is not None else path
    else:
        from factcheck.checklist.load import load_checklist
        from factcheck.extract.pipeline import Stage, extract

        extraction = extract(target, registry=registry, on_stage=on_stage)
        document_sha = extraction.document.sha256
        path, renamed = article_worksheet(reports_dir, extraction.document)
        if reviewer:
            path = choose_worksheet(path, reviewer, own=own).path
        if not path.exists():
            if reviewer is None and not unnamed:
                resolve_reviewer(None, None, None)  # says how to name one, before any file
            if on_stage is not None:
                on_stage(Stage.WRITING, len(extraction.claims))
            name = DEFAULT_CHECKLIST if checklist is None else checklist
            chosen = load_checklist(name)
            reference = checklist_reference(name, path)
            fresh = create_worksheet(extraction, chosen, registry, checklist_source=reference)
            findings = None
            if loaded_case is not None:
                from factcheck.case.review import match_worksheet

                fresh, findings = match_worksheet(loaded_case, fresh, registry, extraction)
            session = open_session(path, new=fresh)
            notes = [renamed] if renamed else []
            setup = ReviewSetup(session, chosen, registry, notes, created=True)
            return _with_factchecks(_with_case(setup, loaded_case, findings), extraction.factchecks)
    loaded: list[Checklist] = []
    # Opened by its worksheet, the article's name is not known before the worksheet is read.
    article = "ARTICLE" if is_worksheet_file(target_path) else target
    loader = checklist_loader(checklist, path, article)
    if own and reviewer and path.exists():
        refusal = own_refusal(load_worksheet(path, loader), path, reviewer)
        if refusal:
            raise ReviewError(refusal)

    def remember(ref: ChecklistRef) -> Checklist:
        loaded.append(loader(ref))
        return loaded[-1]

    session = open_session(path, remember)
    try:
        worksheet = session.worksheet
        if document_sha is None:
            document_sha = _current_sha256(worksheet.document)
        warnings = worksheet_warnings(worksheet, loaded[-1], document_sha)
        if session.comment_lines:
            warnings.insert(0, comments_warning(path, session.comment_lines))
        shared = owner_warning(worksheet, path, reviewer) if reviewer else None
        warnings.extend([shared] if shared else [])
        setup = ReviewSetup(session, loaded[-1], registry, warnings, created=False)
        return _with_factchecks(_with_case(setup, loaded_case, None), None)
    except BaseException:
        session.close(compact=False)
        raise


def _load_case(case: Path | None, registry: Registry) -> Case | None:
    if case is None:
        return None
    from factcheck.case.store import load_case

    return load_case(case, registry)


def _with_case(setup: ReviewSetup, case: Case | None, findings: CaseFindings | None) -> ReviewSetup:
    """The setup with the case's findings: facts on the worksheet, hints for the reviewer."""
    if case is None:
        return setup
    from factcheck.case.review import match_worksheet, review_hints

    session = setup.session
    if findings is None:
        # The facts are a snapshot taken when the worksheet is opened with the case; they are
        # saved with the worksheet when the session closes.
        session.worksheet, findings = match_worksheet(case, session.worksheet, setup.registry)
    setup.warnings.extend(case.warnings)
    setup.findings = findings
    setup.hints = review_hints(findings, setup.checklist, case)
    return setup


def _with_factchecks(
    setup: ReviewSetup, found: Mapping[str, tuple[Match, ...]] | None
) -> ReviewSetup:
    """The setup with the known fact-checks matching each claim (``found``, else matched now
    when a database exists): ``factchecks.*`` facts on the worksheet, hints for the reviewer."""
    from factcheck.factchecks.findings import (
        apply_factcheck_facts,
        match_claims,
        merge_hints,
        review_hints,
    )

    session = setup.session
    if found is None:
        found = match_claims(entry.claim for entry in session.worksheet.claims)
        if found is None:
            return setup
    session.worksheet = apply_factcheck_facts(session.worksheet, found)
    setup.hints = merge_hints(setup.hints, review_hints(found, setup.checklist))
    return setup

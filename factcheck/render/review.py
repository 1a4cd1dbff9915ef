"""Stage ⑦ on a terminal: the review screens, and the asker that reads the reviewer's keys.

`render_prompt`, `render_verdict` and `render_outcome` are pure (Rich renderables). The claim is
shown in its paragraph as the segmenter understood it: sentences separated, page furniture dimmed,
the claim highlighted. `TerminalAsker` draws a screen, pinning the claim at the top when the
terminal is short, and turns keys (see :mod:`factcheck.review.keys`) into review responses.
Article text is shown with `safe_text` only, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.models import FURNITURE_KINDS, Document, Segment
from factcheck.render.console import safe_text
from factcheck.review.keys import (
    Command,
    Keyboard,
    LineInterrupted,
    choice_keys,
    format_legend,
    question_legend,
    response_for_key,
    verdict_legend,
    verdict_response_for_key,
)
from factcheck.review.prompts import (
    Accept,
    AcceptOffer,
    AddEvidence,
    AddNote,
    Conclude,
    Correct,
    OverrideVerdict,
    Prompt,
    PublicationPrompt,
    Reply,
    Response,
    ReviewOutcome,
    VerdictPrompt,
)

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist
    from factcheck.review.worksheet import ClaimReview
    from factcheck.sources.registry import Registry


# --- the claim in its paragraph ------------------------------------------------------------------

_SEGMENTS: dict[str, tuple[Segment, ...]] = {}
"""Segments of each article shown, by its sha256: segmenting once per review is enough."""


def article_segments(document: Document) -> tuple[Segment, ...]:
    """The article's clean text as the segmenter understands it (sentences and furniture)."""
    cached = _SEGMENTS.get(document.sha256)
    if cached is None:
        from factcheck.extract.segment import segment_document

        _, segments = segment_document(document)
        cached = _SEGMENTS[document.sha256] = segments
    return cached


def _claim_part(text: str, start: int, end: int, claim_start: int, claim_end: int) -> Text:
    """One piece of text with the part inside the claim highlighted and marked."""
    line = Text()
    cut_start, cut_end = max(start, claim_start), min(end, claim_end)
    if cut_start >= cut_end:
        return safe_text(text[start:end])
    line.append_text(safe_text(text[start:cut_start]))
    if cut_start == claim_start:
        # The markers show the claim where colour and reverse video are off (--color never).
        line.append("▶", style="bold cyan")
    line.append_text(safe_text(text[cut_start:cut_end], style="bold reverse"))
    if cut_end == claim_end:
        line.append("◀", style="bold cyan")
    line.append_text(safe_text(text[cut_end:end]))
    return line


def highlight_claim(document: Document, entry: ClaimReview, *, compact: bool = False) -> Text:
    """The claim's paragraph, sentence by sentence, furniture dimmed on its own line, the claim
    highlighted; ``compact`` keeps only the sentences that hold the claim."""
    text = document.text
    claim = entry.claim
    start, end = entry.paragraph
    start, end = min(start, claim.start), max(end, claim.end)
    try:
        segments = [s for s in article_segments(document) if s.end > start and s.start < end]
    except Exception:
        segments = []
    if compact:
        segments = [s for s in segments if s.end > claim.start and s.start < claim.end]
    if not segments:
        return _claim_part(
            text,
            claim.start if compact else start,
            claim.end if compact else end,
            claim.start,
            claim.end,
        )
    shown = Text()
    previous_furniture = False
    for index, segment in enumerate(segments):
        furniture = segment.kind in FURNITURE_KINDS
        if index:
            shown.append("\n" if furniture or previous_furniture else " ")
        if furniture:
            shown.append_text(safe_text(f"[{segment.kind}] ", style="dim italic"))
            shown.append_text(safe_text(text[segment.start : segment.end], style="dim"))
        else:
            shown.append_text(_claim_part(text, segment.start, segment.end, claim.start, claim.end))
        previous_furniture = furniture
    return shown


def _chain(entry: ClaimReview) -> Text:
    att = entry.claim.attribution
    line = Text("Article")
    for hop in att.via:
        line.append(" → ")
        line.append_text(safe_text(hop))
    line.append(" → ")
    line.append_text(safe_text(att.speaker or "unknown speaker", style="bold"))
    if att.role:
        line.append_text(safe_text(f" ({att.role})"))
    details = [f"verb: {att.verb}" if att.verb else "", "quote" if att.quote else ""]
    if att.hedges:
        details.append("hedges: " + ", ".join(att.hedges))
    shown = [d for d in details if d]
    fixed = [w for w in ("speaker", "role", "chain") if w in entry.corrected]
    if fixed:
        shown.append("corrected by the reviewer: " + ", ".join(fixed))
    if shown:
        line.append_text(safe_text("   " + "; ".join(shown), style="dim"))
    return line


def _source_lines(claim_entry: ClaimReview, registry: Registry | None) -> list[Text]:
    lines: list[Text] = []
    for source_id in claim_entry.claim.sources:
        entry = registry.get(source_id) if registry is not None else None
        if entry is None:
            lines.append(safe_text(f"• {source_id}"))
            continue
        partisan = entry.partisan.value
        if entry.is_partisan and entry.partisan_direction:
            partisan += f" ({entry.partisan_direction})"
        facts = [
            entry.kind.label,
            f"owner: {entry.owner}" if entry.owner else "",
            f"part of: {', '.join(entry.affiliation)}" if entry.affiliation else "",
            f"partisan: {partisan}",
            f"party to: {', '.join(entry.party_to)}" if entry.party_to else "",
            f"reliability {entry.reliability.value} ({entry.reliability.label})"
            if entry.reliability
            else "",
        ]
        line = safe_text(f"• {entry.name}", style="bold")
        line.append_text(safe_text("  " + "; ".join(f for f in facts if f)))
        lines.append(line)
    sf = claim_entry.source_facts
    if sf.unknown:
        lines.append(safe_text("• not in the registry: " + ", ".join(sf.unknown), style="yellow"))
    if not lines:
        lines.append(Text("• no source on the chain is in the registry", style="dim"))
    return lines


def _verdict_line(prompt: Prompt) -> Text:
    verdict = prompt.verdict
    line = Text("Verdict so far: ")
    line.append_text(safe_text(verdict.label, style="bold"))
    if verdict.grade:
        line.append_text(safe_text(f"  grade {verdict.grade}"))
    line.append("  (final)" if verdict.final else "  (provisional)", style="dim")
    return line


def _answer_options(prompt: Prompt) -> Text:
    """The answers with their keys: '[1/y] yes   [2/n] no'."""
    question = prompt.question
    by_choice: dict[str, list[str]] = {}
    for key, choice in choice_keys(question).items():
        by_choice.setdefault(choice, []).append(key)
    options = Text("   ")
    for choice in question.choices:
        options.append(f"[{'/'.join(by_choice.get(choice, []))}] ", style="cyan")
        options.append_text(safe_text(question.label_for(choice)))
        options.append("   ")
    return options


def _question_block(prompt: Prompt, show_help: bool) -> list[RenderableType]:
    question = prompt.question
    head = Text(f"Q{prompt.question_number}/{prompt.question_count} ", style="bold cyan")
    head.append_text(safe_text(question.ask, style="bold"))
    if question.required:
        head.append(" (required)", style="dim")
    parts: list[RenderableType] = [head]
    if question.choices:
        parts.append(_answer_options(prompt))
    else:
        parts.append(Text("   [a] type the answer", style="cyan"))
    current = prompt.current
    suggestion = prompt.suggestion
    if current is not None and current.value is not None:
        shown = question.label_for(current.value)
        parts.append(safe_text(f"   current answer: {shown}   (Enter keeps it)"))
    if suggestion is not None:
        shown = question.label_for(suggestion.value)
        if suggestion.offered:
            line = safe_text(f"   offered: {shown}   (t takes it; Enter does not)", style="yellow")
        elif current is None or current.value is None:
            line = safe_text(f"   suggested: {shown}   (Enter accepts)")
        else:
            line = safe_text(f"   suggested: {shown}")
        parts.append(line)
        parts.append(safe_text(f"   why: {suggestion.reason}", style="dim"))
    elif current is None or current.value is None:
        kind = "your research answers it" if question.kind == "finding" else "no suggestion"
        parts.append(safe_text(f"   {kind}: Enter leaves it open", style="dim"))
    if current is not None and current.note:
        parts.append(safe_text(f"   note: {current.note}", style="dim"))
    if current is not None:
        for url in current.evidence:
            parts.append(safe_text(f"   evidence: {url}", style="dim"))
    if show_help:
        parts.append(safe_text(question.help or "No help for this question.", style="italic"))
    if prompt.error:
        parts.append(safe_text(prompt.error, style="bold red"))
    return parts


def _claim_panel(document: Document, entry: ClaimReview, compact: bool) -> Panel:
    title = None
    if entry.corrected:
        title = safe_text("corrected by the reviewer: " + ", ".join(entry.corrected), style="dim")
    return Panel(
        highlight_claim(document, entry, compact=compact),
        box=box.ROUNDED,
        padding=(0, 1),
        title=title,
        title_align="right",
    )


def _repeat_text(prompt: Prompt) -> str:
    """The claim's link to the claim it repeats, or to those repeating it, and how to copy."""
    parts = []
    if prompt.entry.claim.repeats:
        parts.append(f"this claim repeats {prompt.entry.claim.repeats}")
    if prompt.repeated_in:
        parts.append(f"repeated in {', '.join(prompt.repeated_in)}")
    if prompt.copy_from:
        parts.append(f"C copies {prompt.copy_from}'s answers")
    return " · ".join(parts)


def render_prompt(
    prompt: Prompt,
    registry: Registry | None = None,
    *,
    show_help: bool = False,
    compact: bool = False,
) -> RenderableType:
    """The screen for one question: claim in its paragraph, chain, sources, score, progress.

    ``compact`` (a short terminal) keeps the claim's own sentence and leaves out the score.
    """
    claim = prompt.entry.claim
    progress = Text(
        f"Claim {prompt.claim_number}/{prompt.claim_count} · "
        f"question {prompt.question_number}/{prompt.question_count} · "
        f"{prompt.claims_done} claim{'' if prompt.claims_done == 1 else 's'} done",
        style="bold",
    )
    progress.append_text(safe_text(f"   {claim.id} · {prompt.checklist.name}", style="dim"))
    info = Table.grid(padding=(0, 1))
    info.add_column(style="dim", no_wrap=True)
    info.add_column()
    info.add_row("Chain", _chain(prompt.entry))
    info.add_row("Sources", Group(*_source_lines(prompt.entry, registry)))
    if not compact:
        score = Text(f"Check-worthiness {claim.check_worthiness:.2f}")
        if claim.reasons:
            score.append_text(safe_text("  (" + ", ".join(claim.reasons) + ")", style="dim"))
        if prompt.entry.skipped:
            score.append("   skipped earlier", style="yellow")
        info.add_row("Score", score)
    if prompt.hints is not None and prompt.hints.lines:
        info.add_row(prompt.hints.title, Group(*(safe_text(line) for line in prompt.hints.lines)))
    repeats = _repeat_text(prompt)
    if repeats:
        info.add_row("Repeats", safe_text(repeats))
    return Group(
        progress,
        _claim_panel(prompt.document, prompt.entry, compact),
        info,
        _verdict_line(prompt),
        *([] if compact else [Text("")]),
        *_question_block(prompt, show_help),
        *_offer_lines(prompt),
        Text(format_legend(question_legend(prompt)), style="dim"),
    )


SETTLE_HINT = (
    "Settle a speaker, role or chain with r (typing the value it has keeps it), "
    "a verdict with o, a claim that is none with r d."
)
"""Shown with the reviewers' values a merge left unsettled, at a claim's verdict."""


def render_verdict(
    prompt: VerdictPrompt, registry: Registry | None = None, *, compact: bool = False
) -> RenderableType:
    """The end of a claim: its verdict, the rule that gave it in words, the conclusion."""
    from factcheck.review.worksheet import valid_override

    entry = prompt.entry
    verdict = prompt.verdict
    progress = Text(f"Claim {prompt.claim_number}/{prompt.claim_count} · verdict", style="bold")
    progress.append_text(safe_text(f"   {entry.id} · {prompt.checklist.name}", style="dim"))
    info = Table.grid(padding=(0, 1))
    info.add_column(style="dim", no_wrap=True)
    info.add_column()
    info.add_row("Chain", _chain(entry))
    label = safe_text(verdict.label, style="bold")
    if verdict.grade:
        label.append_text(safe_text(f"  grade {verdict.grade}"))
    if not verdict.final:
        open_ids = ", ".join(verdict.missing)
        label.append_text(safe_text(f"  (not final: {open_ids} open)", style="yellow"))
    info.add_row("Verdict", label)
    override = valid_override(prompt.checklist, entry)
    if override is not None:
        why = f"overridden by {override.reviewer}: {override.reason}"
    else:
        why = verdict.explain(prompt.checklist)
    info.add_row("Why", safe_text(why))
    info.add_row(
        "Conclusion",
        safe_text(entry.conclusion)
        if entry.conclusion
        else Text("none yet (Enter asks for one line)", style="dim"),
    )
    if prompt.hints is not None and prompt.hints.lines:
        lines = [safe_text(line) for line in prompt.hints.lines]
        lines.append(Text(SETTLE_HINT, style="dim"))
        info.add_row(prompt.hints.title, Group(*lines))
    parts: list[RenderableType] = [progress, _claim_panel(prompt.document, entry, compact), info]
    if prompt.error:
        parts.append(safe_text(prompt.error, style="bold red"))
    parts.append(Text(format_legend(verdict_legend()), style="dim"))
    return Group(*parts)


def _offer_lines(prompt: Prompt) -> list[RenderableType]:
    """Other reports of the claim offered as evidence on this question, numbered for 'm'."""
    offers = prompt.offers
    if not offers:
        return []
    lines: list[RenderableType] = [
        Text("Other reports (m, then the number, records one as evidence):", style="cyan")
    ]
    for number, offer in enumerate(offers, start=1):
        line = Text(f"  {number}. ", style="cyan")
        line.append_text(safe_text(offer.label))
        lines.append(line)
    return lines


def longest_label(checklist: Checklist) -> str:
    """The longest verdict label on the checklist's scale (or 'skipped')."""
    return max([level.label for level in checklist.scale] + ["skipped"], key=len)


def render_outcome(outcome: ReviewOutcome, checklist: Checklist) -> RenderableType:
    """Where the review stands: each claim's verdict (or how far it got), then what is left."""
    from factcheck.review.loop import applicable
    from factcheck.review.worksheet import claim_verdict, valid_answer_values

    worksheet = outcome.worksheet
    if not worksheet.claims:
        return Text("The article has no check-worthy claims: there is nothing to review.")
    entries = [worksheet.entry(cid) for cid in outcome.reviewed] or list(worksheet.claims)
    verdicts = [(entry, claim_verdict(checklist, entry)) for entry in entries]
    graded = any(verdict.grade for _, verdict in verdicts)
    table = Table(box=box.SIMPLE, show_edge=False, expand=True)
    table.add_column("Claim", no_wrap=True, min_width=5)
    table.add_column("Verdict", no_wrap=True, min_width=len(longest_label(checklist)))
    if graded:
        table.add_column("Grade", no_wrap=True, min_width=5)
    table.add_column("Answered", justify="right", no_wrap=True, min_width=8)
    table.add_column("Claim text", overflow="ellipsis", no_wrap=True, ratio=1)
    for entry, verdict in verdicts:
        asked = applicable(checklist, entry)
        answered = valid_answer_values(checklist, entry)
        done = sum(1 for question in asked if question.id in answered)
        if entry.dropped is not None:
            label = Text("dropped", style="dim")
        elif entry.skipped:
            label = Text("skipped", style="yellow")
        elif verdict.final:
            label = safe_text(verdict.label, style="bold")
        else:
            label = Text("open", style="dim")
        row: list[RenderableType] = [safe_text(entry.id), label]
        if graded:
            row.append(safe_text(verdict.grade or "" if verdict.final else ""))
        row += [Text(f"{done}/{len(asked)}"), safe_text(entry.claim.text)]
        table.add_row(*row)
    parts: list[RenderableType] = [table]
    for title, ids in (
        ("Skipped", outcome.skipped),
        ("Below --min-score (not reviewed)", outcome.below_min_score),
        ("Not finished", outcome.incomplete),
        ("Dropped as not claims", outcome.dropped),
    ):
        if ids:
            parts.append(safe_text(f"{title}: {', '.join(ids)}"))
    return Group(*parts)


# --- the asker -----------------------------------------------------------------------------------

_CORRECTIONS = (
    ("s", "speaker"),
    ("r", "role"),
    ("h", "add hop"),
    ("x", "remove hop"),
    ("c", "chain"),
    ("p", "split"),
    ("m", "merge"),
    ("a", "add claim"),
    ("d", "drop: not a claim"),
)


class TerminalAsker:
    """Shows each screen on the console and reads the reviewer's keystrokes."""

    def __init__(
        self,
        console: Console,
        keyboard: Keyboard,
        registry: Registry | None = None,
        *,
        clear: bool = True,
    ) -> None:
        self.console = console
        self.keyboard = keyboard
        self.registry = registry
        self.clear = clear

    def _draw(self, screen: RenderableType, compact: RenderableType | None = None) -> None:
        """Draw a screen; on a terminal too short for it, the compact one, so the claim stays
        pinned at the top."""
        if self.clear:
            self.console.clear()
            if compact is not None:
                lines = self.console.render_lines(screen, self.console.options, pad=False)
                if len(lines) >= self.console.height:
                    screen = compact
        self.console.print(screen)

    def ask(self, prompt: Prompt) -> Response:
        """Draw the question and return the first keystroke that means something."""
        show_help = False
        notice: str | None = None
        while True:
            shown = prompt if notice is None else replace(prompt, error=notice)
            self._draw(
                render_prompt(shown, self.registry, show_help=show_help),
                render_prompt(shown, self.registry, show_help=show_help, compact=True),
            )
            notice = None
            key = self.keyboard.read_key()
            response = response_for_key(key, prompt)
            if not isinstance(response, Command):
                return response
            if response is Command.HELP:
                show_help = not show_help
                continue
            if response is Command.UNKNOWN:
                notice = f"Key {key!r} does nothing here; the keys are listed below."
                continue
            typed = self._command(response, prompt, prompt.entry, prompt.document)
            if typed is not None:
                return typed

    def ask_verdict(self, prompt: VerdictPrompt) -> Response:
        """Draw the claim's verdict step and return what the reviewer chose."""
        notice: str | None = None
        while True:
            shown = prompt if notice is None else replace(prompt, error=notice)
            self._draw(
                render_verdict(shown, self.registry),
                render_verdict(shown, self.registry, compact=True),
            )
            notice = None
            key = self.keyboard.read_key()
            response = verdict_response_for_key(key, prompt)
            if not isinstance(response, Command):
                return response
            if response is Command.UNKNOWN:
                notice = f"Key {key!r} does nothing here; the keys are listed below."
                continue
            if response is Command.ACCEPT:
                if prompt.entry.conclusion:
                    return Accept()
                line = self.keyboard.read_line(
                    "Conclusion in one line (Enter leaves it for later): "
                )
                if line is None:
                    return Accept()
                return Accept(conclusion=line.strip() or None)
            typed = self._command(response, None, prompt.entry, prompt.document)
            if typed is not None:
                return typed

    def ask_publication(self, prompt: PublicationPrompt) -> dict[str, str] | None:
        """Ask for the report's title, summary and bottom line; Enter keeps what is there."""
        if self.clear:
            self.console.clear()
        self.console.print(Text("The published report", style="bold"))
        self.console.print(
            Text(
                "Write what a reader needs beyond the verdicts; Enter keeps what is shown. "
                "Edit later with: factcheck review WORKSHEET --title/--summary/--bottom-line",
                style="dim",
            )
        )
        if prompt.hints is not None:
            for hint in prompt.hints.lines:
                self.console.print(safe_text(f"{prompt.hints.title}: {hint}"))
        publication = prompt.publication
        asked = (
            ("title", "Title", publication.title or prompt.worksheet.document.title),
            ("summary", "What the article says, in two or three sentences", publication.summary),
            (
                "bottom_line",
                "Bottom line: what holds up, what does not",
                publication.bottom_line,
            ),
        )
        written: dict[str, str] = {}
        for name, label, current in asked:
            if current:
                self.console.print(safe_text(f"  now: {current}", style="dim"))
            line = self.keyboard.read_line(f"{label}: ")
            if line is None:
                return written
            if line.strip():
                written[name] = line.strip()
                if prompt.save is not None:
                    prompt.save(name, line.strip())
        return written

    def _command(
        self,
        command: Command,
        prompt: Prompt | None,
        entry: ClaimReview,
        document: Document,
    ) -> Response | None:
        read = self.keyboard.read_line
        if command is Command.NOTE:
            text = read("Note: ")
            return AddNote(text) if text and text.strip() else None
        if command is Command.EVIDENCE:
            url = read("Evidence URL: ")
            return AddEvidence(url.strip()) if url and url.strip() else None
        if command is Command.TEXT:
            value = read("Answer: ")
            return Reply(value) if value and value.strip() else None
        if command is Command.CONCLUSION:
            text = read("Conclusion in one line (empty clears it): ")
            return None if text is None else Conclude(text)
        if command is Command.OFFER and prompt is not None:
            picked = read(f"Record report (1-{len(prompt.offers)}): ")
            number = _typed_number(picked)
            return None if number is None else AcceptOffer(number)
        if command is Command.CORRECT:
            return self._correction(entry, document)
        if command is Command.OVERRIDE:
            checklist = prompt.checklist if prompt is not None else None
            return self._override(checklist)
        return None

    def _reader(self) -> Callable[[str], str | None]:
        """``read_line`` for a command of several lines: Ctrl-C at a later line gives back the
        lines entered before it too, which nothing saved either (a hop's name, say)."""
        entered: list[str] = []

        def read(label: str) -> str | None:
            try:
                line = self.keyboard.read_line(label)
            except KeyboardInterrupt as exc:
                if not entered:
                    raise
                typed = exc.typed if isinstance(exc, LineInterrupted) else ""
                raise LineInterrupted("; ".join([*entered, label.strip()]), typed) from None
            if line is not None and line.strip():
                entered.append(f"{label.strip()} {line.strip()}")
            return line

        return read

    def _override(self, checklist: Checklist | None) -> Response | None:
        read = self._reader()
        levels = _scale_ids(checklist) if checklist is not None else []
        listing = "  ".join(f"{i}) {level}" for i, level in enumerate(levels, start=1))
        if listing:
            self.console.print(safe_text(f"Verdicts: {listing}"))
        picked = read("Override verdict (number or id, empty to cancel): ")
        if not picked or not picked.strip():
            return None
        picked = picked.strip()
        number = _typed_number(picked)
        if number is not None and 1 <= number <= len(levels):
            picked = levels[number - 1]
        reason = read("Reason (required): ")
        if reason is None:
            return None
        return OverrideVerdict(picked, reason)

    def _correction(self, entry: ClaimReview, document: Document) -> Response | None:
        from factcheck.review.worksheet import Action

        read = self._reader()
        menu = " · ".join(f"{key} {what}" for key, what in _CORRECTIONS)
        self.console.print(safe_text(f"Correct {entry.id}: {menu}"))
        choice = (read("Which (empty to cancel): ") or "").strip()[:1]
        att = entry.claim.attribution
        if choice == "s":
            line = read(f"Speaker (now {att.speaker or 'unknown'}; empty: unknown): ")
            return None if line is None else Correct(Action.SPEAKER, line)
        if choice == "r":
            line = read(f"Role (now {att.role or 'none'}; empty: none): ")
            return None if line is None else Correct(Action.ROLE, line)
        if choice == "h":
            name = read("Hop to add (the outlet or person the claim passed through): ")
            if not name or not name.strip():
                return None
            where = read(f"Position, 0 nearest the article (0-{len(att.via)}, Enter 0): ") or "0"
            position = _typed_number(where) or 0
            return Correct(Action.ADD_HOP, name, position=position)
        if choice == "x":
            name = read(f"Hop to remove ({', '.join(att.via) or 'none'}): ")
            return Correct(Action.REMOVE_HOP, name.strip()) if name and name.strip() else None
        if choice == "c":
            now = " \u2192 ".join(att.via) or "none"
            line = read(
                f"Chain (now {now}): the hops nearest the article first, separated by ';' "
                "(Enter: keep it; '-': none): "
            )
            return None if line is None else Correct(Action.CHAIN, _typed_chain(line, att.via))
        if choice == "p":
            words = read("Split after the words: ")
            found = _find(entry.claim.text, words)
            if found is None:
                return None
            return Correct(Action.SPLIT, position=entry.claim.start + found)
        if choice == "m":
            other = read("Merge with claim (id): ")
            return Correct(Action.MERGE, other.strip()) if other and other.strip() else None
        if choice == "a":
            words = read("Words from the sentence to add as a claim: ")
            found = _find(document.text, words, end=False)
            if found is None:
                return None
            return Correct(Action.ADD_CLAIM, position=found)
        if choice == "d":
            reason = read("Why is it not a claim? ")
            return Correct(Action.DROP, reason=reason) if reason and reason.strip() else None
        return None


def _typed_chain(line: str, now: Sequence[str]) -> str | None:
    """A chain typed at the prompt as a change records it: the hops one a line (None: none).
    Hops are separated by ';' or an arrow; an empty line keeps the chain, '-' clears it."""
    if not line.strip():
        return "\n".join(now) or None
    if line.strip() == "-":
        return None
    from factcheck.review.corrections import hops_in_line

    return "\n".join(hop for hop in hops_in_line(line) if hop) or None


def _typed_number(text: str | None) -> int | None:
    """A number typed at a prompt, else None. Only ASCII digits, and not too many: '²' is a
    digit to str.isdigit but not to int, and int refuses more than 4,300 digits."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def _find(text: str, words: str | None, *, end: bool = True) -> int | None:
    """Where typed words occur in text (case-insensitive): the offset after them, or of them."""
    if not words or not words.strip():
        return None
    index = text.lower().find(words.strip().lower())
    if index < 0:
        return None
    return index + len(words.strip()) if end else index


def _scale_ids(checklist: Checklist) -> Sequence[str]:
    return [level.id for level in checklist.scale]

"""Stage ⑦ on a terminal: the review screen for one claim and single-key answers read from the tty.

`render_prompt` is pure (a Rich renderable for one question); `TerminalAsker` draws it and turns
keystrokes into review responses. Article text is shown with `safe_text` only, never as markup.
"""

from __future__ import annotations

import os
import select
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.render.console import safe_text
from factcheck.review.session import (
    Accept,
    AcceptOffer,
    AddEvidence,
    AddNote,
    Back,
    OverrideVerdict,
    Prompt,
    Quit,
    Reply,
    Response,
    ReviewOutcome,
    Skip,
)

if TYPE_CHECKING:
    from factcheck.checklist.load import Checklist, Question
    from factcheck.sources.registry import Registry

KEY_HELP = (
    "y/n/u/1-9 answer · Enter accept · ? help · b back · s skip claim · "
    "N note · e evidence · o override · q quit"
)
"""The one-line key reminder under every question."""

_LETTERS = {"y": "yes", "n": "no", "u": "unclear"}
_ENTER = ("\r", "\n")
_CTRL_D = "\x04"


@dataclass(frozen=True, slots=True)
class Command:
    """A key that needs more than itself: help, a line of text, or nothing known."""

    name: str
    """'help', 'note', 'evidence', 'override', 'text' (type an answer), 'offer' (accept offered
    evidence) or 'unknown'."""


def choice_keys(question: Question) -> dict[str, str]:
    """Key → choice for a question: y/n/u for yes/no/unclear, digits for the nth choice or level."""
    keys: dict[str, str] = {}
    choices = tuple(question.choices)
    for index, choice in enumerate(choices[:9], start=1):
        keys[str(index)] = choice
    # A scale whose levels are digits answers with the level itself.
    for choice in choices:
        if len(choice) == 1 and choice.isdigit():
            keys[choice] = choice
    for letter, choice in _LETTERS.items():
        if choice in choices:
            keys[letter] = choice
    return keys


def response_for_key(key: str, question: Question) -> Response | Command:
    """What one keystroke means at this question."""
    keys = choice_keys(question)
    if key in keys:
        return Reply(keys[key])
    simple: dict[str, Response | Command] = {
        "\r": Accept(),
        "\n": Accept(),
        "b": Back(),
        "s": Skip(),
        "q": Quit(),
        _CTRL_D: Quit(),
        "?": Command("help"),
        "N": Command("note"),
        "e": Command("evidence"),
        "o": Command("override"),
        "a": Command("text"),
        "m": Command("offer"),
    }
    return simple.get(key, Command("unknown"))


# --- the screen ----------------------------------------------------------------------------------


def highlight_claim(prompt: Prompt) -> Text:
    """The claim's paragraph with the claim itself highlighted; all of it untrusted text."""
    text = prompt.document.text
    start, end = prompt.entry.paragraph
    claim = prompt.entry.claim
    # The markers show the claim where colour and reverse video are off (--color never).
    return Text.assemble(
        safe_text(text[start : claim.start]),
        Text("▶", style="bold cyan"),
        safe_text(text[claim.start : claim.end], style="bold reverse"),
        Text("◀", style="bold cyan"),
        safe_text(text[claim.end : end]),
    )


def _chain(prompt: Prompt) -> Text:
    att = prompt.entry.claim.attribution
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
    if shown:
        line.append_text(safe_text("   " + "; ".join(shown), style="dim"))
    return line


def _source_lines(prompt: Prompt, registry: Registry | None) -> list[Text]:
    lines: list[Text] = []
    for source_id in prompt.entry.claim.sources:
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
    sf = prompt.entry.source_facts
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
    line.append_text(safe_text(f"  rule: {verdict.rule}", style="dim"))
    return line


def _question_block(prompt: Prompt, show_help: bool) -> list[RenderableType]:
    question = prompt.question
    head = Text(f"Q{prompt.question_number}/{prompt.question_count} ", style="bold cyan")
    head.append_text(safe_text(question.ask, style="bold"))
    if question.required:
        head.append(" (required)", style="dim")
    parts: list[RenderableType] = [head]
    keys = choice_keys(question)
    if keys:
        by_choice: dict[str, list[str]] = {}
        for key, choice in keys.items():
            by_choice.setdefault(choice, []).append(key)
        options = Text("   ")
        for choice in question.choices:
            options.append(f"[{'/'.join(by_choice.get(choice, []))}] ", style="cyan")
            options.append_text(safe_text(question.label_for(choice)))
            options.append("   ")
        parts.append(options)
    else:
        parts.append(Text("   [a] type the answer", style="cyan"))
    current = prompt.current
    if current is not None and current.value is not None:
        shown = question.label_for(current.value)
        parts.append(safe_text(f"   current answer: {shown}   (Enter keeps it)"))
    elif prompt.suggestion is not None:
        shown = question.label_for(prompt.suggestion)
        parts.append(safe_text(f"   suggested: {shown}   (Enter accepts)"))
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


def render_prompt(
    prompt: Prompt, registry: Registry | None = None, *, show_help: bool = False
) -> RenderableType:
    """The screen for one question: claim in its paragraph, chain, sources, score, progress."""
    claim = prompt.entry.claim
    progress = Text(
        f"Claim {prompt.claim_number}/{prompt.claim_count} · "
        f"question {prompt.question_number}/{prompt.question_count} · "
        f"{prompt.claims_done} claim{'' if prompt.claims_done == 1 else 's'} done",
        style="bold",
    )
    progress.append_text(safe_text(f"   {claim.id} · {prompt.checklist.name}", style="dim"))
    score = Text(f"Check-worthiness {claim.check_worthiness:.2f}")
    if claim.reasons:
        score.append_text(safe_text("  (" + ", ".join(claim.reasons) + ")", style="dim"))
    if prompt.entry.skipped:
        score.append("   skipped earlier", style="yellow")
    info = Table.grid(padding=(0, 1))
    info.add_column(style="dim", no_wrap=True)
    info.add_column()
    info.add_row("Chain", _chain(prompt))
    info.add_row("Sources", Group(*_source_lines(prompt, registry)))
    info.add_row("Score", score)
    if prompt.hints is not None and prompt.hints.lines:
        info.add_row(prompt.hints.title, Group(*(safe_text(line) for line in prompt.hints.lines)))
    return Group(
        progress,
        Panel(highlight_claim(prompt), box=box.ROUNDED, padding=(0, 1)),
        info,
        _verdict_line(prompt),
        Text(""),
        *_question_block(prompt, show_help),
        *_offer_lines(prompt),
        Text(KEY_HELP, style="dim"),
    )


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
    from factcheck.review.session import applicable
    from factcheck.review.worksheet import claim_verdict, valid_answer_values

    worksheet = outcome.worksheet
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
        if entry.skipped:
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
    ):
        if ids:
            parts.append(safe_text(f"{title}: {', '.join(ids)}"))
    return Group(*parts)


# --- keys from the terminal ----------------------------------------------------------------------


class Keyboard(Protocol):
    """Where keystrokes and lines come from."""

    def read_key(self) -> str:
        """One keystroke, without echo or waiting for Enter."""
        ...

    def read_line(self, label: str) -> str | None:
        """A line of text typed after label, or None on end of input."""
        ...


class TtyKeyboard:
    """Keystrokes from a terminal in cbreak mode: one key at a time, no echo.

    Use it as a context manager around the whole review, so keys typed ahead are never dropped;
    the terminal's settings are restored on the way out, whatever happens. Cbreak keeps the
    terminal's own Ctrl-C handling, so Ctrl-C still raises KeyboardInterrupt.
    """

    def __init__(self, fd: int, console: Console) -> None:
        self.fd = fd
        self.console = console
        self._saved: list[Any] | None = None

    def __enter__(self) -> TtyKeyboard:
        import termios
        import tty

        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSANOW)
        return self

    def __exit__(self, *exc: object) -> None:
        self._restore()

    def _restore(self) -> None:
        import termios

        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSANOW, self._saved)

    def read_key(self) -> str:
        first = os.read(self.fd, 1)
        if not first:
            return _CTRL_D
        data = first
        # An escape sequence (arrow keys) or a multi-byte character arrives all at once.
        while select.select([self.fd], [], [], 0.02)[0]:
            more = os.read(self.fd, 16)
            if not more:
                break
            data += more
        if data.startswith(b"\x1b"):
            return "\x1b"
        return data.decode("utf-8", "replace")[:1]

    def read_line(self, label: str) -> str | None:
        """A line typed with the terminal's own editing (cooked mode), then back to cbreak."""
        import termios
        import tty

        self.console.print(Text(label, style="bold"), end="")
        self._restore()
        try:
            chunks: list[bytes] = []
            while True:
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    return None
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    break
        finally:
            if self._saved is not None:
                tty.setcbreak(self.fd, termios.TCSANOW)
        return b"".join(chunks).decode("utf-8", "replace").rstrip("\r\n")


class TerminalAsker:
    """Shows each question on the console and reads the reviewer's keystrokes."""

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

    def ask(self, prompt: Prompt) -> Response:
        """Draw the screen and return the first keystroke that means something."""
        show_help = False
        notice: str | None = None
        while True:
            if self.clear:
                self.console.clear()
            shown = prompt if notice is None else _with_error(prompt, notice)
            self.console.print(render_prompt(shown, self.registry, show_help=show_help))
            notice = None
            key = self.keyboard.read_key()
            response = response_for_key(key, prompt.question)
            if not isinstance(response, Command):
                return response
            if response.name == "help":
                show_help = not show_help
                continue
            if response.name == "unknown":
                notice = f"Unknown key {key!r}; press ? for help.   {KEY_HELP}"
                continue
            if response.name == "offer":
                if not prompt.offers:
                    notice = "No other reports are offered on this question."
                    continue
                picked = self.keyboard.read_line(f"Record report (1-{len(prompt.offers)}): ")
                if picked and picked.strip().isdigit():
                    return AcceptOffer(int(picked.strip()))
                continue
            typed = self._read_command(response.name, prompt.checklist)
            if typed is not None:
                return typed

    def _read_command(self, name: str, checklist: Checklist) -> Response | None:
        read = self.keyboard.read_line
        if name == "note":
            text = read("Note: ")
            return AddNote(text) if text and text.strip() else None
        if name == "evidence":
            url = read("Evidence URL: ")
            return AddEvidence(url.strip()) if url and url.strip() else None
        if name == "text":
            value = read("Answer: ")
            return Reply(value) if value and value.strip() else None
        levels = _scale_ids(checklist)
        listing = "  ".join(f"{i}) {level}" for i, level in enumerate(levels, start=1))
        self.console.print(safe_text(f"Verdicts: {listing}"))
        picked = read("Override verdict (number or id, empty to cancel): ")
        if not picked or not picked.strip():
            return None
        picked = picked.strip()
        if picked.isdigit() and 1 <= int(picked) <= len(levels):
            picked = levels[int(picked) - 1]
        reason = read("Reason (required): ")
        if reason is None:
            return None
        return OverrideVerdict(picked, reason)


def _scale_ids(checklist: Checklist) -> Sequence[str]:
    return [level.id for level in checklist.scale]


def _with_error(prompt: Prompt, message: str) -> Prompt:
    from dataclasses import replace

    return replace(prompt, error=message)

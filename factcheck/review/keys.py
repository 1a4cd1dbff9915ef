"""Stage ⑦ review: which key does what on each screen, and keystrokes read from a terminal.

The keys are honest: a screen lists only the keys that do something on it, and every listed key
works. An answer is chosen with its number, or with its first letter when no other answer of the
question and no command starts with that letter (`c` for contradicted, `p` for partly).
`TtyKeyboard` reads single keys (cbreak mode) and whole lines (the terminal's own line editing).
"""

from __future__ import annotations

import enum
import os
import select
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from factcheck import regexes
from factcheck.review.prompts import Accept, Back, CopyAnswers, Quit, Response, Skip, TakeOffer

if TYPE_CHECKING:
    from factcheck.checklist.load import Question
    from factcheck.review.prompts import Prompt, VerdictPrompt

ENTER = ("\r", "\n")
CTRL_D = "\x04"


class Command(enum.StrEnum):
    """A key that needs more than itself: help, a line of text, a menu, or nothing known."""

    HELP = "help"
    NOTE = "note"
    EVIDENCE = "evidence"
    OVERRIDE = "override"
    TEXT = "text"
    """Type the answer (free text and URL questions)."""
    OFFER = "offer"
    """Record one of the reports offered as evidence."""
    CORRECT = "correct"
    """Correct what the extractor found: speaker, role, chain, claim boundaries."""
    CONCLUSION = "conclusion"
    """Write the claim's one-line conclusion (verdict step)."""
    ACCEPT = "accept"
    """Accept the verdict, asking for a conclusion first if there is none (verdict step)."""
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a screen's legend."""

    key: str
    """What to press, as shown ('Enter', 'b')."""
    does: str
    """What it does, in a word or two."""


# Command letters never answer a question, so their meaning does not change from one screen to
# the next.
_COMMAND_LETTERS = frozenset("bsqeomtarNC?")


def choice_keys(question: Question) -> dict[str, str]:
    """Key → choice: the number of each of the first nine choices (a scale's levels are their
    own digits), and each choice's first letter when it is unambiguous."""
    from factcheck.checklist.answers import answer_kind

    keys = answer_kind(question.type).keys(question)
    choices = tuple(question.choices)
    firsts: dict[str, list[str]] = {}
    for choice in choices:
        first = choice[:1]
        if first.isalpha():
            firsts.setdefault(first, []).append(choice)
    for letter, owners in firsts.items():
        if len(owners) == 1 and letter not in _COMMAND_LETTERS and letter not in keys:
            keys[letter] = owners[0]
    return keys


def question_commands(prompt: Prompt) -> dict[str, Command | Response]:
    """Key → what it does at this question, besides its answers; only keys that work here."""
    question = prompt.question
    keys: dict[str, Command | Response] = {"\r": Accept(), "\n": Accept()}
    keys["?"] = Command.HELP
    keys["b"] = Back()
    keys["s"] = Skip()
    keys["N"] = Command.NOTE
    keys["e"] = Command.EVIDENCE
    if not question.choices:
        keys["a"] = Command.TEXT
    if prompt.suggestion is not None and prompt.suggestion.offered:
        keys["t"] = TakeOffer()
    if prompt.offers:
        keys["m"] = Command.OFFER
    keys["o"] = Command.OVERRIDE
    keys["r"] = Command.CORRECT
    if prompt.copy_from is not None:
        keys["C"] = CopyAnswers(prompt.copy_from)
    keys["q"] = Quit()
    keys[CTRL_D] = Quit()
    return keys


def verdict_commands(prompt: VerdictPrompt) -> dict[str, Command | Response]:
    """Key → what it does on a claim's verdict step."""
    del prompt  # the same keys on every verdict step
    return {
        "\r": Command.ACCEPT,
        "\n": Command.ACCEPT,
        "c": Command.CONCLUSION,
        "o": Command.OVERRIDE,
        "r": Command.CORRECT,
        "b": Back(),
        "q": Quit(),
        CTRL_D: Quit(),
    }


def enter_does(prompt: Prompt) -> str:
    """What Enter does at this question, in words."""
    current = prompt.current
    if current is not None and current.value is not None:
        return "keep answer"
    if prompt.suggestion is not None and not prompt.suggestion.offered:
        return "accept suggestion"
    return "leave open"


def question_legend(prompt: Prompt) -> list[Key]:
    """The keys of a question screen, besides the answers, in the order shown."""
    commands = question_commands(prompt)
    words: dict[str, str] = {
        "?": "help",
        "b": "back",
        "s": "skip claim",
        "N": "note",
        "e": "evidence",
        "a": "type answer",
        "t": "take offer",
        "m": "record report",
        "o": "override",
        "r": "correct claim",
        "C": f"copy {prompt.copy_from}'s answers",
        "q": "quit",
    }
    legend = [Key("Enter", enter_does(prompt))]
    legend += [Key(key, words[key]) for key in commands if key in words]
    return legend


def verdict_legend() -> list[Key]:
    """The keys of a verdict step, in the order shown."""
    return [
        Key("Enter", "accept"),
        Key("c", "conclusion"),
        Key("o", "override"),
        Key("r", "correct claim"),
        Key("b", "back"),
        Key("q", "quit"),
    ]


def format_legend(keys: list[Key]) -> str:
    """A legend as one line: 'Enter accept · b back · q quit'."""
    return " · ".join(f"{key.key} {key.does}" for key in keys)


def response_for_key(key: str, prompt: Prompt) -> Response | Command:
    """What one keystroke means at this question."""
    from factcheck.review.prompts import Reply

    answers = choice_keys(prompt.question)
    if key in answers:
        return Reply(answers[key])
    return question_commands(prompt).get(key, Command.UNKNOWN)


def verdict_response_for_key(key: str, prompt: VerdictPrompt) -> Response | Command:
    """What one keystroke means on a verdict step."""
    return verdict_commands(prompt).get(key, Command.UNKNOWN)


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
    terminal's own Ctrl-C handling, so Ctrl-C still raises KeyboardInterrupt. ``show`` writes a
    line's label before it is read.
    """

    def __init__(self, fd: int, show: Callable[[str], None]) -> None:
        self.fd = fd
        self.show = show
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
            return CTRL_D
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
        """A line typed with the terminal's own editing (cooked mode), then back to cbreak.

        Ctrl-C before Enter raises `LineInterrupted` with what was typed: the terminal is told
        not to discard its unfinished line (NOFLSH), and back in cbreak mode that line can be
        read, so the caller can give it back to the reviewer.
        """
        import termios
        import tty

        if self._saved is not None:
            cooked = list(self._saved)
            cooked[3] |= termios.NOFLSH
            termios.tcsetattr(self.fd, termios.TCSANOW, cooked)
        chunks: list[bytes] = []
        try:
            # Shown once the terminal echoes: what is typed on seeing it is echoed and edited
            # there; and inside the try, so that Ctrl-C while it is shown still gives back
            # what was typed.
            self.show(label)
            while True:
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    return None
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    break
        except KeyboardInterrupt:
            if self._saved is not None:
                tty.setcbreak(self.fd, termios.TCSANOW)
            # The unfinished line becomes readable once the terminal leaves cooked mode.
            while select.select([self.fd], [], [], 0)[0]:
                more = os.read(self.fd, 4096)
                if not more:
                    break
                chunks.append(more)
            typed = _decode_line(chunks)
            if typed.strip():
                raise LineInterrupted(label.strip(), typed) from None
            raise
        finally:
            if self._saved is not None:
                tty.setcbreak(self.fd, termios.TCSANOW)
        return _decode_line(chunks)


_TERMINAL_CODE = regexes.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|O.?|.?)|[\x00-\x08\x0e-\x1f\x7f]")
"""An escape sequence (an arrow key, Home, a colour code) or a control character that is not
a space of some kind."""
_SPACES = str.maketrans("\t\n\v\f\r", "     ")


def _decode_line(chunks: list[bytes]) -> str:
    # The terminal's own line editing knows no arrow keys: what they send is left out, as are
    # other control characters; a tab, or the line break of a pasted paragraph, is a space.
    line = b"".join(chunks).decode("utf-8", "replace").rstrip("\r\n")
    return _TERMINAL_CODE.sub("", line).translate(_SPACES)


class LineInterrupted(KeyboardInterrupt):
    """Ctrl-C at a line prompt, before Enter: what had been typed there, which nothing saved."""

    def __init__(self, label: str, typed: str) -> None:
        super().__init__(label, typed)
        self.label = label
        """The prompt, such as 'Note:'."""
        self.typed = typed
        """The unfinished line as the reviewer left it."""

"""The one console factory: colour policy and safe text for the terminal."""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    # Rich loads only when something is rendered, so `factcheck --version` stays quick.
    from rich.console import Console
    from rich.text import Text

ColorMode = Literal["auto", "always", "never"]

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi overrides/isolates
# that can reorder what a reader sees. Article text is untrusted, so these are shown, not obeyed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def defang(text: str) -> str:
    """Replace control characters and escape sequences with their visible escapes."""
    return _UNSAFE.sub(_visible, text)


def safe_text(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich Text: never parsed as markup, control codes made visible."""
    from rich.text import Text

    return Text(defang(text), style=style)


def make_console(
    color: ColorMode = "auto", *, file: IO[str] | None = None, width: int | None = None
) -> Console:
    """Build a Console that follows --color and NO_COLOR; files never get escape codes."""
    from rich.console import Console

    if color == "never" or (color == "auto" and os.environ.get("NO_COLOR")):
        return Console(file=file, width=width, color_system=None, highlight=False, no_color=True)
    if color == "always":
        return Console(file=file, width=width, force_terminal=True, highlight=False)
    return Console(file=file, width=width, highlight=False)

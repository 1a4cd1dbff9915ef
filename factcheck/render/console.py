"""The one console factory: colour policy and safe text for the terminal."""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING, Literal

from factcheck import regexes
from factcheck.invisible import FLAG, INVISIBLE, harmless

if TYPE_CHECKING:
    # Rich loads only when something is rendered, so `factcheck --version` stays quick.
    from rich.console import Console
    from rich.text import Text

ColorMode = Literal["auto", "always", "never"]

# Control and invisible format characters (see factcheck.invisible) are shown as escapes.
# The line and paragraph separators too: a terminal may break the line there.
_UNSAFE = regexes.compile(f"{FLAG}|[{INVISIBLE}\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    if harmless(match):
        return match.group()
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def defang(text: str) -> str:
    """Replace control characters, escape sequences and invisible format characters with their
    visible escapes."""
    return _UNSAFE.sub(_visible, text)


def defang_line(text: str) -> str:
    """`defang`, and line breaks and tabs made visible too: a message (an error, a warning, a
    status line) stays one line whatever a path or a name in it holds."""
    return defang(text).replace("\n", "\\n").replace("\t", "\\t")


def message_text(text: str, style: str = "") -> Text:
    """A one-line message as a Rich Text: never parsed as markup, `defang_line`'d."""
    from rich.text import Text

    return Text(defang_line(text), style=style)


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

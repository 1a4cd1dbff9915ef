"""The one console factory: colour policy and safe text for the terminal."""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING, Literal

from factcheck import regexes

if TYPE_CHECKING:
    # Rich loads only when something is rendered, so `factcheck --version` stays quick.
    from rich.console import Console
    from rich.text import Text

ColorMode = Literal["auto", "always", "never"]

# C0 controls except tab and newline, DEL and C1 controls; and the invisible format characters
# (Unicode category Cf): bidi overrides, isolates and marks that can reorder what a reader sees,
# zero-width spaces and joiners, the soft hyphen, the byte order mark, tag characters. Article
# text is untrusted, so these are shown, not obeyed: an invisible character inside a name makes
# two names that look the same differ. Left out of Cf: the prepended concatenation marks
# (U+0600-0605, U+06DD, U+070F, U+0890-0891, U+08E2, U+110BD, U+110CD), which are visible.
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# An emoji flag of a region (England, Scotland, Wales) is a black flag followed by tag
# characters; it is matched whole so that it is left as it is.
_UNSAFE = regexes.compile(f"\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f|[{_INVISIBLE}]")
_JOINERS = "\u200c\u200d"


def _joins(text: str, at: int) -> bool:
    """Whether the zero-width (non-)joiner at ``at`` does its work between two visible
    characters of a script or emoji (Persian, Devanagari, a family emoji), not inside ASCII."""
    if at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    return all(
        not ch.isascii() and not ch.isspace() and not _UNSAFE.match(ch) for ch in (before, after)
    )


def _visible(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1 or (found in _JOINERS and _joins(match.string, match.start())):
        return found
    code = ord(found)
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

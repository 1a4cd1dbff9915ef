"""Tests for the characters that act on a reader's terminal: which a typed name may not hold,
which a JSON or YAML writer would leave raw, and how YAML writes them escaped."""

from __future__ import annotations

import pytest
import yaml

from factcheck.invisible import INVISIBLE_RE, has_invisible, written_raw, yaml_double_quoted

PERSIAN = "\u062e\u0627\u0646\u0647\u200c\u0647\u0627"  # a non-joiner doing its work
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
KHE = "\u062e"  # a Persian letter

# Each text, whether it holds a character a typed name may not hold, and whether it holds one a
# JSON or YAML writer would leave raw (those writers escape C0 controls themselves).
CASES = [
    ("", False, False),
    ("plain \xe9 \u65e5\u672c, a\ttab and a\nline", False, False),
    ("\U0001f600 beyond the BMP, visible", False, False),
    (PERSIAN, False, False),
    ("\u0915\u094d\u200d\u0937", False, False),  # Devanagari: the joiner picks a form
    (f"a flag {ENGLAND} of England", False, False),
    ("Vel\u200bmont", True, True),
    ("North\u202ewire", True, True),
    ("news\xadpaper", True, True),
    ("tag\U000e0041", True, True),
    ("\x7fDEL and \x85C1", True, True),
    ("bell\x07", True, False),
    ("\x1b[31mred", True, False),
    ("carriage\r", True, False),
    # A joiner at either end of the text, or beside ASCII, a space or another invisible
    # character, joins nothing.
    (f"\u200c{KHE}{KHE}", True, True),
    (f"{KHE}{KHE}\u200d", True, True),
    (f"a\u200c{KHE}", True, True),
    (f"{KHE}\u200ca", True, True),
    (f"{KHE}\u200c {KHE}", True, True),
    (f"{KHE}\u200c\u200b{KHE}", True, True),
    ("Vel\u200dmont", True, True),
    # A flag next to an invisible character, and tag characters spelling no region's flag.
    (f"{ENGLAND}\u200b", True, True),
    ("\U0001f3f4\U000e0068\U000e0069\U000e007f", True, True),
]


@pytest.mark.parametrize(("text", "invisible", "raw"), CASES)
def test_what_a_name_may_not_hold_and_what_a_writer_would_leave_raw(
    text: str, invisible: bool, raw: bool
) -> None:
    assert (has_invisible(text), written_raw(text)) == (invisible, raw)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("", '""'),
        ('say "no" \\ here', '"say \\"no\\" \\\\ here"'),
        ("\n\t\r\x1b", '"\\n\\t\\r\\e"'),
        ("\x00\x07\x1f\x7f\x85\x9f\xad", '"\\x00\\x07\\x1F\\x7F\\x85\\x9F\\xAD"'),
        ("\u2028\u2029\u200b\u202e\ufeff", '"\\u2028\\u2029\\u200B\\u202E\\uFEFF"'),
        ("tag\U000e0041", '"tag\\U000E0041"'),
        ("\xe9 \u0100 \U0001f600", '"\xe9 \u0100 \U0001f600"'),
        (PERSIAN, f'"{PERSIAN}"'),
        (ENGLAND, f'"{ENGLAND}"'),
        (f"\u200c{KHE}", f'"\\u200C{KHE}"'),
        (f"{ENGLAND}\u200b", f'"{ENGLAND}\\u200B"'),
    ],
)
def test_yaml_double_quoted_escapes_only_what_must_be(text: str, written: str) -> None:
    assert yaml_double_quoted(text) == written
    assert yaml.safe_load(written) == text


def test_every_escaped_character_reads_back_the_same() -> None:
    every = "".join(map(chr, range(0x110000)))
    text = "".join(INVISIBLE_RE.findall(every)) + '\u2028\u2029"\\'
    written = yaml_double_quoted(text)
    assert written.isascii()
    assert yaml.safe_load(written) == text

"""Tests for the console's safe text: what reaches a terminal from untrusted text."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from factcheck.render.console import defang

# Format characters that draw a visible sign of their own: shown as they are.
PREPENDED_MARKS = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890}
PREPENDED_MARKS |= {0x0891, 0x08E2, 0x110BD, 0x110CD}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor, Dana Vel\u200bmont, said", "The mayor, Dana Vel\\u200bmont, said"),
        ("Dana\u200f Velmont\u200e", "Dana\\u200f Velmont\\u200e"),
        ("news\xadpaper", "news\\xadpaper"),
        ("word\u2060joiner and \ufeffmark", "word\\u2060joiner and \\ufeffmark"),
        ("Vel\u200dmont and Vel\u200cmont", "Vel\\u200dmont and Vel\\u200cmont"),
        ("\u202eevil\u202c \u2066isolated\u2069", "\\u202eevil\\u202c \\u2066isolated\\u2069"),
        ("tag\U000e0041\U000e0042", "tag\\U000e0041\\U000e0042"),
        ("\x1b[31mred\x07", "\\x1b[31mred\\x07"),
        # Letters that show nothing, and line separators a terminal may break the line at.
        ("Dana\u3164Velmont \u115f\u1160\uffa0", "Dana\\u3164Velmont \\u115f\\u1160\\uffa0"),
        ("one\u2028two\u2029", "one\\u2028two\\u2029"),
        # Hidden text spelled in tag characters after a black flag, as if it were a region's.
        (
            "ana\U0001f3f4\U000e0068\U000e0069\U000e007f",
            "ana\U0001f3f4\\U000e0068\\U000e0069\\U000e007f",
        ),
    ],
)
def test_invisible_and_control_characters_are_shown_as_escapes(text: str, expected: str) -> None:
    assert defang(text) == expected


def test_the_flags_of_england_scotland_and_wales_are_left_as_they_are() -> None:
    for region in ("eng", "sct", "wls"):
        flag = "\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in "gb" + region) + "\U000e007f"
        assert defang(f"A {flag} flag") == f"A {flag} flag"


@pytest.mark.parametrize(
    "text",
    [
        "An ordinary sentence, with “quotes” — and a dash: 40% of 3,000.",
        "Tabs\tand\nnew lines stay.",
        "قال المتحدث باسم الوزارة",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a non-joiner spells
        "क्\u200dष",  # Devanagari: the joiner between two letters picks a form
        "👨\u200d👩\u200d👧 and 🏳\ufe0f\u200d🌈",  # emoji sequences
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "Zahl \u0600\u0661\u0662",  # a prepended mark draws its own sign
    ],
)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert defang(text) == text


def test_every_invisible_format_character_is_escaped() -> None:
    # Between ASCII letters, where no format character does any visible work.
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and code not in PREPENDED_MARKS
        and defang(f"a{chr(code)}b") == f"a{chr(code)}b"
    ]
    assert missed == []

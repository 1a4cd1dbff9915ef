"""YAML written for people to read: invisible characters escaped, everything else as PyYAML
writes it, and the same data read back."""

from __future__ import annotations

import pytest
import yaml

from factcheck.yamldump import SafeTextDumper, holds_invisible, safe_dump, safe_dump_all

PERSIAN = "\u062e\u0627\u0646\u0647\u200c\u0647\u0627"  # a joiner doing its work
FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("North\u202ewire", '"North\\u202Ewire"'),
        ("ana\u200b", '"ana\\u200B"'),
        ("two\nlines \u2066x\u2069\n", '"two\\nlines \\u2066x\\u2069\\n"'),
        ('a"b\\c\u200b\te\u00e9', '"a\\"b\\\\c\\u200B\\te\u00e9"'),
        ("soft\xadhyphen", '"soft\\xADhyphen"'),
        ("tag\U000e0041", '"tag\\U000E0041"'),
        ("- item: x\u200b", '"- item: x\\u200B"'),
        ("\u202e", '"\\u202E"'),
    ],
)
def test_a_string_with_an_invisible_character_is_escaped(text: str, written: str) -> None:
    out = safe_dump({"k": text, "l": [text]}, allow_unicode=True, sort_keys=False)
    assert out == f"k: {written}\nl:\n- {written}\n"
    assert yaml.safe_load(out) == {"k": text, "l": [text]}
    as_key = safe_dump({text: (text,)}, allow_unicode=True, default_flow_style=None)
    assert yaml.safe_load(as_key) == {text: [text]}
    assert not set(as_key) & {"\u202e", "\u200b", "\u2066", "\xad"}


@pytest.mark.parametrize("text", ["plain \u00e9 \u65e5\u672c", PERSIAN, FLAG, "ok", "", "a\nb\n"])
def test_other_strings_are_written_as_pyyaml_writes_them(text: str) -> None:
    data = {"k": text, "l": [text, {"x": text}]}
    options = {"allow_unicode": True, "sort_keys": False, "width": 100}
    assert not holds_invisible(data)
    assert safe_dump(data, **options) == yaml.safe_dump(data, **options)  # type: ignore[arg-type]
    assert safe_dump_all([data], **options) == yaml.safe_dump_all([data], **options)  # type: ignore[arg-type]


def test_every_string_is_looked_at() -> None:
    assert holds_invisible({"a": [1, ("x", {"y\u200b": None})]})
    assert holds_invisible(["ok", "x\u202e"])
    assert not holds_invisible({"a": [1, ("x", {"y": None})], "b": 2.5})


def test_strings_after_an_escaped_one_are_written_with_unicode_allowed() -> None:
    out = safe_dump({"a": "x\u200b", "b": "\xe9"}, allow_unicode=True, sort_keys=False)
    assert out == 'a: "x\\u200B"\nb: \xe9\n'


def test_every_document_is_escaped() -> None:
    out = safe_dump_all([{"a": "x\u200b"}, "\u202e"], allow_unicode=True)
    assert out == 'a: "x\\u200B"\n--- "\\u202E"\n'


def test_flow_style_wraps_and_spaces_after_an_escaped_string() -> None:
    data = {"one": ["a\u200b", "bb\u202e", "c", "d\u2066e\u2069", "ffff", "g"], "z": "\u200b"}
    out = safe_dump(data, allow_unicode=True, default_flow_style=True, width=20, sort_keys=False)
    assert out.split("\n") == [
        '{one: ["a\\u200B", "bb\\u202E",',
        '    c, "d\\u2066e\\u2069",',
        '    ffff, g], z: "\\u200B"}',
        "",
    ]
    key = "key\u200b" + "x" * 130  # too long for a simple key: written after `?`
    out = safe_dump({key: "v"}, allow_unicode=True, default_flow_style=True, width=200)
    assert out == '{? "key\\u200B' + "x" * 130 + '" : v}\n'
    assert yaml.safe_load(out) == {key: "v"}


def test_strings_pyyaml_quotes_itself_are_folded_as_it_folds_them() -> None:
    # A bell is no character a terminal shows raw: PyYAML escapes it and folds the line.
    text = "word " * 30 + "\x07"
    data = {"\x07" + text[:100]: text, "l": [text]}
    options = {"allow_unicode": True, "width": 40}
    out = safe_dump(data, **options)  # type: ignore[arg-type]
    assert out == yaml.safe_dump(data, **options)  # type: ignore[arg-type]
    # The key on one line, as a simple key must be; the value and the item folded.
    assert out.startswith('"\\a' + text[:100] + '": "word\\\n')
    assert out.count("\\\n") == 7


def test_an_encoded_stream_gets_the_escapes_encoded() -> None:
    data = {"a": ["x\u200b", "\u202ey"]}
    out = yaml.dump(data, Dumper=SafeTextDumper, encoding="utf-8", allow_unicode=True)
    assert out == b'a:\n- "x\\u200B"\n- "\\u202Ey"\n'

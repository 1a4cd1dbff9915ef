"""Tests for the fast reader of the plain YAML subset: it reads what PyYAML reads, or declines."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import fastyaml
from factcheck.checklist.load import load_checklist
from factcheck.errors import WorksheetError
from factcheck.review.journal import load_worksheet
from factcheck.review.worksheet_yaml import _Flow, dump_worksheet, parse_worksheet, pyyaml_dump
from factcheck.yamlio import LOADER

FIXTURES = Path(__file__).parent / "fixtures"


class _Reference(LOADER):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader, keeping timestamps as the text written (as the strict reader does)."""


_Reference.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def reference(text: str) -> Any:
    return yaml.load(text, Loader=_Reference)


def agrees(text: str) -> bool:
    """Whether the fast reader gives PyYAML's values; False when it declines."""
    try:
        fast = fastyaml.load(text)
    except fastyaml.Unsupported:
        return False
    assert fast == reference(text), text
    return True


PIECES = [
    "yes",
    "no",
    "null",
    "~",
    "true",
    "Off",
    "1",
    "-5",
    "0",
    "012",
    "0x1F",
    "1_000",
    "1.5",
    "1.0e-05",
    ".inf",
    ".nan",
    "2024-01-01",
    "2024-01-01T09:00:00Z",
    "<<",
    "=",
    "a: b",
    "a:b",
    "#",
    " #x",
    "x #y",
    "- x",
    "-x",
    "--",
    "?",
    "? x",
    ":x",
    "[",
    "]",
    "{",
    "}",
    ",",
    ", ",
    "'",
    "''",
    '"',
    "\\",
    "|",
    ">",
    "&a",
    "*a",
    "!x",
    "%",
    "@",
    "`",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x07",
    "é",
    "日本",
    "’",
    "http://x.org/a?b=c#d",
    "word",
    "two words",
    "c1",
    "reviewer1",
    "---",
    "...",
    "\\n",
    "😀",
    "\xa0",
    "\xad",
]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth >= 3 or roll < 0.45:
        scalar = rng.choice(
            [random_text(rng), rng.randint(-5, 10**6), rng.random() * 100, None, True, False]
        )
        return scalar
    if roll < 0.6:
        return tuple(random_value(rng, 3) for _ in range(rng.randint(0, 4)))
    if roll < 0.7:
        return _Flow({random_text(rng) or "k": random_value(rng, 2) for _ in range(3)})
    if roll < 0.8:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {
        rng.choice(["id", "text", "note", "a.b", random_text(rng)]): random_value(rng, depth + 1)
        for _ in range(rng.randint(1, 4))
    }


def test_random_documents_read_as_pyyaml_reads_them() -> None:
    rng = random.Random(16)
    accepted = 0
    for _ in range(3000):
        data = {"top": random_value(rng), "more": [random_value(rng), random_value(rng)]}
        accepted += agrees(pyyaml_dump(data))
    # The subset is most of what the tool writes, even of such awkward text.
    assert accepted > 900


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a: yes\nb: 'yes'\nc: null\nd:\ne: ''\n",
        "a: 1.5\nb: -3\nc: 1.0e-05\n",
        "a: 2024-01-01\nb: 2024-01-01 09:00:00\n",
        "a: x y z\nb: http://example.org/a#b\n",
        "a:\n- 1\n- b: 2\n  c: 3\n- - nested\n",
        "a:\n  - 1\n  - 2\nb: 3\n",
        "a: |\n  one\n  two\nb: 1\n",
        "a: |-\n  one\n\n  two\n\n\nb: 1\n",
        "a: |+\n  one\n\n\nb: 1\n",
        "a: |2\n    indented\n  text\n",
        "a: |\n\n  after a blank line\n",
        "a: |\n    deeper first\n  less deep\n",
        'a: "one\\ttab"\nb: "x\\x41\\u263a"\n',
        'a: "folded\n  over\n\n  lines"\nb: 1\n',
        'a: "escaped\\\n  break"\n',
        "a: [1, 'two, three', \"four\", [], [5]]\n",
        "a: {b: 1, c: [x, y], d: {e: f}, 'g h': ''}\n",
        "a: {b: 1, b: 2}\n",
        "a: [a: b]\n",
        "a: [x, ]\n",
        "a: {b: 1,c: 2}\n",
        "a: 1\na: 2\n",
        "a: 1 # comment\n",
        "# comment\na: 1\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 5\n",
        "a: !!binary aGVsbG8=\n",
        "<<: {a: 1}\n",
        "a: {<<: {b: 1}}\n",
        "a: 0o17\nb: 010\nc: 1_000\nd: 0x1F\ne: 1:30\nf: .inf\ng: +5\n",
        "a: >\n  folded\n  text\n",
        "a: plain\n  continued\n",
        "? a\n: 1\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "\ufeffa: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a:\tb\n",
        "a: 1",
        "- a\n- b\n",
        "a: 'it''s'\n",
        "a: 'multi\n  line'\n",
        "a: x\n b: y\n",
        "a:\n  b: 1\n c: 2\n",
        "a: -\n",
        "a: - b\n",
        "a: b: c\n",
        "a: [b\n",
        "a: 'x' y\n",
        '"a": 1\n',
        "1: one\ntrue: yes\nnull: x\n",
        "a: \u2028\n",
        "a: x\x85y\n",
        "",
        "\n",
    ],
)
def test_hand_written_yaml_is_read_as_pyyaml_reads_it_or_declined(text: str) -> None:
    try:
        reference(text)
    except yaml.YAMLError:
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text)
        return
    agrees(text)


def test_duplicate_keys_are_declined_for_the_strict_reader_to_refuse() -> None:
    # PyYAML keeps the last value silently; the strict reader names the line.
    for text in ("a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "- x: 1\n  x: 2\n"):
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text)


def test_what_the_tool_writes_is_read_fast() -> None:
    for path in (FIXTURES / "review").glob("*.worksheet.yaml"):
        text = path.read_text(encoding="utf-8")
        assert agrees(text), path
        assert agrees(dump_worksheet(parse_worksheet(text, str(path))))


def test_worksheets_read_the_same_fast_or_through_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    checklist = load_checklist(str(FIXTURES / "review" / "checklist.yaml"))
    path = FIXTURES / "review" / "evacuation.worksheet.yaml"
    text = path.read_text(encoding="utf-8")
    fast = parse_worksheet(text, str(path), checklist)

    def declined(text: str) -> Any:
        raise fastyaml.Unsupported("declined")

    monkeypatch.setattr(fastyaml, "load", declined)
    assert parse_worksheet(text, str(path), checklist) == fast


def test_a_hand_edited_worksheet_keeps_yaml_meaning_beyond_the_subset(tmp_path: Path) -> None:
    path = FIXTURES / "review" / "evacuation.worksheet.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  answers: {}\n" in text
    # A note written as a bare `yes` and a comment: outside the subset, read by the node reader.
    edited = text.replace(
        "  answers: {}\n",
        textwrap.indent(
            "answers:  # edited by hand\n  extra:\n    value: no\n    note: yes\n", "  "
        ),
        1,
    )
    target = tmp_path / "edited.worksheet.yaml"
    target.write_text(edited, encoding="utf-8")
    worksheet = load_worksheet(target)
    answer = next(e for e in worksheet.claims if "extra" in e.answers).answers["extra"]
    assert (answer.value, answer.note) == ("no", "yes")


def test_a_stray_closing_bracket_in_a_hand_edited_worksheet_is_an_error_naming_its_line(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "review" / "evacuation.worksheet.yaml").read_text(encoding="utf-8")
    edited = text.replace(
        "  answers: {}\n",
        textwrap.indent("answers:\n  extra:\n    value: 'no'\n    note: [x]}\n", "  "),
        1,
    )
    line = edited[: edited.index("note: [x]}")].count("\n") + 1
    target = tmp_path / "edited.worksheet.yaml"
    target.write_text(edited, encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(target)
    assert str(caught.value) == f"{target}:{line}: not valid YAML: did not find expected key"


BLOCK = "    value: 'yes'\n    note: null\n    evidence: []\n    at: '2024-01-01T00:00:00Z'\n"


@pytest.mark.parametrize(
    "text",
    [
        # The same block mapping under several keys and in several items.
        f"a:\n  q1:\n{BLOCK}  q2:\n{BLOCK}b:\n  q1:\n{BLOCK}",
        f"- x:\n{BLOCK}  y: 1\n- x:\n{BLOCK}  y: 2\n",
        # Alike, then going on deeper: a longer block, not the one read before.
        f"a:\n  q1:\n{BLOCK}  q2:\n{BLOCK}    more:\n      deeper: 1\n",
        # Alike but for a blank line inside, and at the very end of the text.
        f"a:\n  q1:\n{BLOCK}\n  q2:\n{BLOCK}",
        # The same lines at another column: not the same block.
        f"a:\n  q1:\n{BLOCK}b:\n{textwrap.indent(BLOCK, '  ')}",
        # Blocks of blocks.
        f"a:\n  q:\n{BLOCK}b:\n  q:\n{BLOCK}c:\n  q:\n{BLOCK}  r:\n{BLOCK}",
        # Indented by one space: a block of one line, then a longer one that starts alike.
        "a:\n b: 1\nc:\n b: 1\n d: 2\n",
    ],
)
def test_block_mappings_written_alike_read_as_pyyaml_reads_them(text: str) -> None:
    assert agrees(text)


def test_a_block_written_alike_but_followed_by_a_bad_line_is_still_declined() -> None:
    good = f"a:\n  q1:\n{BLOCK}  q2:\n{BLOCK}"
    assert agrees(good)
    for bad in (good + "   odd: 1\n", good + " odd: 1\n", good.replace("  q2:", "  q1:")):
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(bad)


def test_collections_written_alike_are_one_object() -> None:
    text = f"a:\n  q1:\n{BLOCK}  q2:\n{BLOCK}b:\n  - [x]\n  - [x]\n  - {{x: []}}\n  - [y]\n"
    values = fastyaml.load(text)
    assert values == reference(text)
    assert values["a"]["q1"] is values["a"]["q2"]
    assert values["b"][0] is values["b"][1]
    assert values["b"][0] is not values["b"][3]
    assert values["b"][2]["x"] is not values["a"]["q1"]["evidence"]


def test_every_awkward_character_is_declined_wherever_it_stands() -> None:
    awkward = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) != "\n"]
    awkward += ["\ud800", "\udfff", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"]
    for char in awkward:
        for text in (f"a: x{char}y\n", f"a: 'x{char}'\nb: 1\n", f"- a\n- {char}\n"):
            with pytest.raises(fastyaml.Unsupported):
                fastyaml.load(text)
    # Characters Python does not call printable but YAML reads as text are read.
    for char in ("\xa0", "\u200b", "\u3000", "\U000e0001"):
        assert agrees(f"a: 'x{char}y'\n")


def fast(text: str) -> Any:
    """The fast reader's values, which must be PyYAML's; Unsupported if it declines."""
    values = fastyaml.load(text)
    assert values == reference(text), text
    return values


def assert_declined(text: str) -> None:
    """PyYAML refuses TEXT, and the fast reader declines it (the strict reader then says why)."""
    with pytest.raises(yaml.YAMLError):
        reference(text)
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.load(text)


def test_flow_collections_as_the_tool_writes_them_are_read() -> None:
    text = "a: [x, [], 'it''s', 1]\nb: {c: [], d: 'it''s', e: x y}\nc: [[], []]\n"
    values = fast(text)
    assert values == {
        "a": ["x", [], "it's", 1],
        "b": {"c": [], "d": "it's", "e": "x y"},
        "c": [[], []],
    }
    assert values["c"][0] is not values["c"][1]  # each empty list is a list of its own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: ""\nb: "x"\nc: "\\"q\\" \\u263a"\n', {"a": "", "b": "x", "c": '"q" \u263a'}),
        ('a: "folded\n  over\n\n  lines"\nb: 1\n', {"a": "folded over\nlines", "b": 1}),
        ('- "one\n  two"\n- "three"\n', ["one two", "three"]),
        ('a:\n  b: "x\n    y\n   z"\n  c: 1\n', {"a": {"b": "x y z", "c": 1}}),
        ('a: "x\n  \\"y\\" z"\nb: 2\n', {"a": 'x "y" z', "b": 2}),
        ('a: "x\\\n  y"\n', {"a": "xy"}),
    ],
)
def test_double_quoted_scalars_on_one_line_or_several_are_read_fast(
    text: str, expected: Any
) -> None:
    assert fast(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'a: "x" y\n',
        'a: "x\n  y" z\n',
        'a: "x\n',
        'a: "x\n  y\n',
        'a: "x\nb: 1\nc: "y"\n',
        '- "x\n  y" z\n- b\n',
    ],
)
def test_double_quoted_scalars_pyyaml_refuses_are_declined(text: str) -> None:
    assert_declined(text)


def test_only_plain_text_that_reads_back_as_itself_reads_as_text() -> None:
    for text in ("ana", "c1", "reviewer_2", "x y", "2024-01-01", "0o17"):
        assert fastyaml.reads_as_text(text), text
    for text in ("yes", "No", "null", "~", "12", "1.5", "0x1F", "1_000", ".inf", "<<", "="):
        assert not fastyaml.reads_as_text(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: }\n",
        "a: [{b: }]\n",
        "a: {b, c}\n",
        "a: [x}\n",
        "a: {b: 1]\n",
        "a: [a 'b']\n",
        "a: {[x]: 1}\n",
        "a: [x, [y], {z: [w]}]\n",
        "a: {b: [], c: {}, d: [[]]}\n",
    ],
)
def test_flow_collections_read_as_pyyaml_reads_them_or_are_declined(text: str) -> None:
    try:
        expected = reference(text)
    except yaml.YAMLError:
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text)
        return
    try:
        values = fastyaml.load(text)
    except fastyaml.Unsupported:
        return
    assert values == expected


def test_empty_collections_are_read_fast_and_mismatched_brackets_declined() -> None:
    text = "a: {}\nb: []\nc: [{}, []]\nd: {e: {}, f: [[]]}\n"
    assert fast(text) == {"a": {}, "b": [], "c": [{}, []], "d": {"e": {}, "f": [[]]}}
    for bad in ("a: {]\n", "a: [}\n", "a: [{]]\n", "a: {b: [}}\n"):
        assert_declined(bad)


def test_a_flow_key_without_its_value_is_not_lost() -> None:
    # PyYAML reads `{b: }` as {"b": None}: the key is kept, or the text is declined.
    for text in ("a: {b: }\n", "a: [{b: }]\n"):
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  one\n  two\nb: 1\n",
        "a: |-\n  one\n\n  two\n\n\nb: 1\n",
        "a: |+\n  one\n\n\nb: 1\n",
        "a: |2\n    indented\n  text\n",
        "a: |-2\n    x\n",
        "a: |+1\n  x\n\n",
        "a: |2-\n   x\n",
        "a: |\n\n  after a blank line\n",
        "a:\n  b: |\n    nested\n\n    text\n  c: 1\n",
    ],
)
def test_literal_blocks_are_read_fast(text: str) -> None:
    fast(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [ ]\n", {"a": []}),
        ("a: { }\n", {"a": {}}),
        ("- [ ]\n- {  }\n", [[], {}]),
        ("a: [[ ], { }]\n", {"a": [[], {}]}),
        ("a: [two words]\nb: {c: two words}\n", {"a": ["two words"], "b": {"c": "two words"}}),
    ],
)
def test_flow_collections_with_spaces_inside_are_read_fast(text: str, expected: Any) -> None:
    assert fast(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: c: d: e}\n",  # a second ': ' after a value
        "a: ['x' y]\n",  # two scalars without a comma between them
        "a: [x [y]]\n",  # a collection right after a scalar
        "a: [x] y\n",  # text after the closing bracket
        # A closing bracket after the outermost collection closed.
        "a: [x]}\n",
        "a: {}}\n",
        "- []}\n",
        "a: {b: c}}\n",
        # Brackets that do not match, around items of the simplest kind.
        "a: [b: c}\n",
        "a: {x]\n",
        "a: [x, []}\n",
        "a: {[], x]\n",
    ],
)
def test_flow_collections_pyyaml_refuses_are_declined(text: str) -> None:
    assert_declined(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Text one column right of the key.
        ("a: |\n one space\n", {"a": "one space\n"}),
        # A blank line as wide as the text, before it.
        ("a: |\n  \n  text\n", {"a": "\ntext\n"}),
        # First lines that are not blank to YAML: a no-break space, a capital letter.
        ("a: |\n  \xa0\n  text\n", {"a": "\xa0\ntext\n"}),
        ("a: |\n  X X\n  y\n", {"a": "X X\ny\n"}),
        # Lines of the indentation alone at the end are empty lines, as chomping has them.
        ("a: |\n  x\n  \n", {"a": "x\n"}),
        ("a: |+\n  x\n  \n  \n", {"a": "x\n\n\n"}),
        ("a: |-\n  x\n  \nb: 1\n", {"a": "x", "b": 1}),
        ("a:\n  b: |\n    x\n     \n    \n", {"a": {"b": "x\n \n"}}),
    ],
)
def test_literal_blocks_of_every_indentation_are_read_fast(text: str, expected: Any) -> None:
    assert fast(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n   \n  text\n",  # a blank line wider than the text, before it
        "a: |\n  x\n\xa0\n",  # text left of the block's column, after it
        "a: |\n  x\nX\n",
    ],
)
def test_literal_blocks_pyyaml_refuses_are_declined(text: str) -> None:
    assert_declined(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n- x\nXY: 1\n", {"a": ["x"], "XY": 1}),
        ("links:\n- a\ne-mail: b\n", {"links": ["a"], "e-mail": "b"}),
        ("people:\n-  Xavier\n- X\n", {"people": ["Xavier", "X"]}),
        ("- a\n- x-ray\n- at: http://x.org/a\n", ["a", "x-ray", {"at": "http://x.org/a"}]),
        # A blank line between items, after one written over two lines.
        ('- "x\n  y"\n\n- z\n', ["x y", "z"]),
    ],
)
def test_block_sequence_items_of_every_shape_are_read_fast(text: str, expected: Any) -> None:
    assert fast(text) == expected


@pytest.mark.parametrize("text", ["- a\n\xa0\n- b\n", "a:\n- x\n\u3000\n- y\n", "- a\nX\n- b\n"])
def test_a_line_of_text_between_sequence_items_is_declined(text: str) -> None:
    assert_declined(text)


def test_a_block_mapping_read_again_after_another_that_starts_alike_is_the_same_object() -> None:
    for text in (
        "a:\n  q: 1\nb:\n  q: 1\n  r: 2\nc:\n  q: 1\n",
        f"a:\n  q:\n{BLOCK}b:\n  q:\n{BLOCK}    more: 1\nc:\n  q:\n{BLOCK}",
    ):
        values = fast(text)
        assert values["a"] is values["c"], text
        assert values["b"] != values["a"]


def test_long_block_mappings_are_read_and_those_remembered_are_one_object() -> None:
    longest = fastyaml._BLOCK_LINES
    for count in (longest, longest + 1):
        block = "".join(f"  key{n}: {n}\n" for n in range(count))
        values = fast(f"a:\n{block}b:\n{block}")
        assert values["a"] == {f"key{n}": n for n in range(count)}
        if count <= longest:
            assert values["a"] is values["b"]


def test_plain_scalars_that_start_with_an_indicator_character_are_read_fast() -> None:
    text = "a: -5\nb: -x\nc: ?x\nd: :x\ne: --\n"
    assert fast(text) == {"a": -5, "b": "-x", "c": "?x", "d": ":x", "e": "--"}


@pytest.mark.parametrize("text", ["a: b:\n", "a: '\n", "a: 'abc\n", "- 'abc\n"])
def test_scalars_pyyaml_refuses_are_declined(text: str) -> None:
    assert_declined(text)


def test_block_mappings_with_blank_lines_between_keys_are_read_fast() -> None:
    text = "a: 1\n\nb: 2\nXenon: 54\n\n\nc:\n  d: 3\n\n  e: 4\n"
    assert fast(text) == {"a": 1, "b": 2, "Xenon": 54, "c": {"d": 3, "e": 4}}
    assert fast("a: 1\nb:\n\n  c: 2\n") == {"a": 1, "b": {"c": 2}}


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n\xa0\nb: 2\n",
        "a:\n  b: 1\n  \u3000\n  c: 2\n",
        "\xa0\na: 1\n",
        "a:\n\xa0\n  b: 1\n",
        # A line of text alone, where a key should be.
        "X\na: 1\n",
        "a:\nX\n  b: 1\n",
    ],
)
def test_a_line_of_blank_characters_other_than_spaces_or_of_text_alone_is_declined(
    text: str,
) -> None:
    assert_declined(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reviewer: Xiomara X\nshort: X\n", {"reviewer": "Xiomara X", "short": "X"}),
        ("note:\nXylophone: 1\n", {"note": None, "Xylophone": 1}),
        ("first: 1\nlast:\n", {"first": 1, "last": None}),
        # A sequence item's first key, then a blank line inside a mapping at its column.
        (
            "x: 1\nl:\n- a: 1\ny:\n  b: 2\n\n  c: 3\n",
            {"x": 1, "l": [{"a": 1}], "y": {"b": 2, "c": 3}},
        ),
    ],
)
def test_block_mapping_values_of_awkward_shapes_are_read_fast(text: str, expected: Any) -> None:
    assert fast(text) == expected

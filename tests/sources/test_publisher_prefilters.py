"""Publisher prefilters: a pattern is skipped only where it cannot match."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sources import publisher, publisher_self
from factcheck.sources.prefilter import Rule, lowered
from factcheck.sources.publisher_datelines import DATELINES as _DATELINES
from factcheck.sources.publisher_datelines import dateline_patterns as _dateline_patterns

RULES = {
    name: rule
    for module in (publisher, publisher_self)
    for name, rule in vars(module).items()
    if isinstance(rule, Rule)
}

# For each rule, texts its pattern matches: one for each way the pattern has to start a match.
MATCHED = {
    "_PROMOTION": [
        "Thanks.\nDownload the Example News app.",
        "Done. Sign up for Example News's newsletter",
        "Subscribe to Example News\u2019 newsletters",
        "Follow Example News on Twitter",
        "Like Example News on Facebook",
        "Get the Example News app",
        "Click here to follow Example News on Instagram",
        "Get Example News on the go",
    ],
    "_FOLLOW_STAFF": ["Follow Example News reporter Jane Roe on Twitter"],
    "_HANDLE": ["Follow us on Twitter @ExampleNews", "Follow @ExampleNews"],
    "_ORIGINALLY": [
        "This article was originally published on Example News.",
        "It ran. First appeared in Example News",
        "As published in The Daily Example",
    ],
    "_INPUTS": [
        "(With inputs from PTI)",
        "It ran.\nwith additional input from Example News and AP.",
    ],
    "_FEED_POST": [
        "The post Ferry fares rise again appeared first on Example News.",
        "It ran. The post Fares: what next? appeared first on THE EXAMPLE DAILY",
    ],
    "_REPRINTED": [
        "Reprinted with permission from Example News.",
        "This article is republished from Example News.",
        "Reproduced courtesy of Example News",
        "This story was produced by Example News.",
        "This story was co-published with Example News.",
    ],
    "_AUTHOR_WRITES": [
        "Jane Roe writes about science for Example News.",
        "Jane Roe edits the books pages for Example News.",
        "Jane Roe covers science for Example News.",
        "Jane Roe reports on the courts for Example News.",
        "Jane Roe reviews films for Example News.",
    ],
    "_SITE_HEADING": [
        "Also on Example News:",
        "More from Example News",
        "Popular in Example News",
        "Trending on Example News",
        "Latest from Example News",
        "Most read on Example News:",
        "MOST POPULAR ON Example News",
    ],
    "_SOURCE_LINE": ["SOURCE: Example News", "Source : The Daily Example."],
    "_CONTACT": ["Send tips to desk@example.com", "Reach her at jroe@example.com"],
    "_ADDRESS_LINE": ["Jane Roe jroe@example.com", "desk@example.org."],
    "_COPYRIGHT": [
        "\u00a9 2024 Example Media. All rights reserved.",
        "\u24b8 2024 Example Media. All rights reserved.",
        "\u24d2 Example Media 2024",
        "(c) Example Media.",
        "(C) 2019-2024 Example Media, all rights",
        "Copyright 2024 Example Media.",
    ],
    "_COPYRIGHT_MARK": [
        "\u00a9 Example Media (www.example.com)",
        "\u24b8 Example Media",
        "\u24d2 Example Media",
        "(c) Example Media",
        "(C) Example Media",
        "COPYRIGHT Example Media (www.example.com)",
    ],
    "_DISCLOSURE": [
        "Disclosure: Example may earn a commission from links on this page.",
        "Done. Example might receive compensation for products bought.",
        "Example will earn an affiliate commission on purchases",
    ],
    "_NEWSROOM": [
        "Contact the Example newsroom",
        "Send tips to the Example news desk.",
        "Email Example's news team",
    ],
    "_BOARD": [
        "Jane Roe is a member of Example's Board of Contributors.",
        "Jane Roe, a member of the Example editorial board, said",
        "Jane Roe is a judge and a member of the Example Contributors Network",
    ],
    "_ON_THE_GO": ["GET EXAMPLE ON THE GO", "Done. Take Example on the go"],
    "_MORE_NEWS": [
        "For more news, visit example.com",
        "for more local news and updates go to www.example.co.uk",
    ],
    "_SITE_LINK": [
        "Also on example.com Mayor resigns",
        "More from www.example.org \u201cWe lost\u201d",
        "Also from example.net The vote",
        "MORE ON example.net Results",
    ],
    "_SITE": [
        "Check out the Example website",
        "Visit the Example web site",
        "Go to the Example site",
        "Download the Example mobile app",
    ],
    "_PICTURE_WORD": [
        "Photograph: Jane Roe",
        "Photo: Jane Roe",
        "Images: Jane Roe",
        "Picture by Jane Roe",
        "Pics: Jane Roe",
        "Credit: Jane Roe",
        "File photo",
    ],
}
# Letters that a case-insensitive pattern also reads as 'i', 'k' or 's'.
OTHER_CASES = {
    "i": "\u0130\u0131",
    "I": "\u0130\u0131",
    "k": "\u212a",
    "s": "\u017f",
    "S": "\u017f",
}
NOISE = ["", " ", "\n", ". ", "said Jane Roe. ", "Example News\n", "\u00a0", "@", "| ", "about "]


@functools.cache
def _cases(char: str) -> st.SearchStrategy[str]:
    """The character in either case or as a letter of another case: one strategy for each
    character, made once (making one for each letter drawn cost more than the tests themselves)."""
    return st.sampled_from((char, char.swapcase(), *OTHER_CASES.get(char, "")))


@st.composite
def recased(draw: st.DrawFn, examples: list[str]) -> str:
    """An example between bits of other text, each of its letters in either case or written
    as a letter of another case."""
    example = draw(st.sampled_from(examples))
    out = [draw(_cases(char)) for char in example]
    before, after = draw(st.sampled_from(NOISE)), draw(st.sampled_from(NOISE))
    return before + "".join(out) + after


def test_lowered_writes_each_letter_a_pattern_reads_as_ascii_as_that_letter() -> None:
    ascii_letter = re.compile("(?i:[a-z])")
    found = [chr(code) for code in range(0x110000) if ascii_letter.fullmatch(chr(code))]
    assert len(found) == 56  # both cases of 26 letters, and four letters of other cases
    for char in found:
        low = lowered(char)
        assert len(low) == 1
        assert re.fullmatch(f"(?i:{re.escape(low)})", char)


def test_every_rule_has_texts_it_matches() -> None:
    assert set(MATCHED) == set(RULES)


@pytest.mark.parametrize(
    ("name", "text"), [(name, text) for name, texts in MATCHED.items() for text in texts]
)
def test_a_rule_passes_the_texts_its_pattern_matches(name: str, text: str) -> None:
    rule = RULES[name]
    expected = rule.pattern.search(text)
    assert expected
    assert rule.may_match(lowered(text))
    found = rule.search(text, lowered(text))
    assert found
    assert found.span() == expected.span()


@settings(max_examples=100, deadline=None)
@given(recased([text for texts in MATCHED.values() for text in texts]))
def test_a_rule_finds_what_its_pattern_finds(text: str) -> None:
    low = lowered(text)
    for name, rule in RULES.items():
        expected = [m.span() for m in rule.pattern.finditer(text)]
        assert [m.span() for m in rule.finditer(text, low)] == expected, name
        assert rule.may_match(low) or not expected, name


DATELINES = [
    "TEHRAN, June 1 (IRNA) \u2013 Officials said.",
    "LONDON (Reuters) - Officials said.",
    "Beirut, Lebanon, May 3 (AP) \u2014 Officials said.",
    "KYIV, Ukraine (AP) \u2014 Officials said.",
    "Press TV \u2013 Officials said.",
    "BERLIN (dpa) \u2013 Officials said.",
    "MADRID, 3 Jun. (EUROPA PRESS) - Officials said.",
    "Tehran, IRNA \u2013 Officials said.",
    "Tehran, IRNA \u2014 Officials said.",
    "Tehran, IRNA - Officials said.",
    "NEW DELHI, June 1 (PTI) The minister said.",
    "Islamabad, June 1 (APP): The minister said.",
    "MOSCOW, June 1. /TASS/. The minister said.",
    "Tehran, June 1, IRNA -- Officials said.",
    "Tehran, June 1, IRNA \u2014 Officials said.",
    "(CNN) \u2014 Officials said.",
    "(Example News) - Officials said.",
    # A place of the longest length a dateline reads: its comma is the 42nd character.
    "A place name of exactly forty-one letters, IRNA \u2013 Officials said.",
]


@pytest.mark.parametrize("text", DATELINES)
def test_every_dateline_shape_is_tried(text: str) -> None:
    matching = [pattern for pattern in _DATELINES if pattern.match(text)]
    assert matching
    assert set(matching) <= set(_dateline_patterns(text))


@settings(max_examples=100, deadline=None)
@given(recased(DATELINES))
def test_dateline_patterns_skip_only_those_that_cannot_match(text: str) -> None:
    kept = _dateline_patterns(text)
    assert [pattern for pattern in _DATELINES if pattern.match(text)] == [
        pattern for pattern in kept if pattern.match(text)
    ]
    assert kept == [pattern for pattern in _DATELINES if pattern in kept]


# Rules read line by line: their matches never span two lines.
LINE_RULES = [
    "_DISCLOSURE",
    "_NEWSROOM",
    "_BOARD",
    "_ON_THE_GO",
    "_MORE_NEWS",
    "_SITE_LINK",
    "_SITE",
]


@settings(max_examples=100, deadline=None)
@given(recased([text for name in LINE_RULES for text in MATCHED[name]]))
def test_a_rule_read_line_by_line_finds_what_its_pattern_finds(text: str) -> None:
    low = lowered(text)
    for name in LINE_RULES:
        expected = [m.span() for m in RULES[name].pattern.finditer(text)]
        assert [m.span() for m in RULES[name].line_matches(text, low)] == expected, name


def test_line_by_line_reads_every_line_that_holds_a_word() -> None:
    rule = RULES["_NEWSROOM"]
    text = "Contact the Example newsroom.\nNothing here.\nCall the Other news desk"
    assert [m.group("outlet") for m in rule.line_matches(text, lowered(text))] == [
        "Example",
        "Other",
    ]

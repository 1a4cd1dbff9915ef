"""Tests for stage ② segment: boxes of other stories under a label, each headline over its
story's opening."""

from __future__ import annotations

from factcheck.extract.segment import segment_document
from factcheck.models import Document, SegmentKind

TITLE = SegmentKind.TITLE
RELATED = SegmentKind.RELATED
BYLINE = SegmentKind.BYLINE
STATEMENT = SegmentKind.STATEMENT
QUESTION = SegmentKind.QUESTION

HEADLINE = "Council raises ferry fares for a third year"
BODY = [
    "The council voted on Tuesday to raise fares by 5 percent, the third rise in three years.",
    "Riders said the rise would hurt commuters on the island route more than anyone else.",
]


def _kinds(lines: list[str]) -> list[tuple[SegmentKind, str]]:
    text = "\n".join(lines) + "\n"
    _, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return [(s.kind, s.text) for s in segments]


BOX = [
    "Read this next",
    "Bridge tolls to rise in spring",
    "Written by Jo Lee",
    "Tolls on the harbour bridge go up in March. Drivers will pay a dollar more.",
    "READ MORE",
    "Can the old ferry be saved?",
    "Volunteers want to restore the 1950s ferry. They need two million dollars.",
    "READ MORE",
    "Island school gets a new roof",
    "The roof was paid for by a state grant.",
    "READ MORE",
]


def test_a_box_of_headlines_over_their_stories_openings_is_the_page_s() -> None:
    # Under the box's label each headline stands over its story's opening: the opening is
    # another story's too, not a sentence of this one.
    kinds = _kinds([HEADLINE, *BODY, *BOX])
    assert kinds[:3] == [(TITLE, HEADLINE), (STATEMENT, BODY[0]), (STATEMENT, BODY[1])]
    assert {kind for kind, _ in kinds[3:] if kind is not BYLINE} == {RELATED}
    assert [text for _, text in kinds[3:]] == [
        "Read this next",
        "Bridge tolls to rise in spring",
        "Written by Jo Lee",
        "Tolls on the harbour bridge go up in March.",
        "Drivers will pay a dollar more.",
        "READ MORE",
        "Can the old ferry be saved?",
        "Volunteers want to restore the 1950s ferry.",
        "They need two million dollars.",
        "READ MORE",
        "Island school gets a new roof",
        "The roof was paid for by a state grant.",
        "READ MORE",
    ]


def test_a_box_s_label_in_lowercase_is_a_line_of_its_own() -> None:
    # "related stories" under the byline is no sentence going on: it heads its box.
    box = ["related stories", "Bridge tolls to rise in spring", "Island school gets a new roof"]
    kinds = _kinds([HEADLINE, *BODY, "Written by Jane Roe on June 3, 2024", *box])
    assert kinds[-4:] == [
        (BYLINE, "Written by Jane Roe on June 3, 2024"),
        *((RELATED, line) for line in box),
    ]


def test_the_story_going_on_after_a_box_stays_the_story_s() -> None:
    # Near misses: after a box of headlines the story goes on in paragraphs, a question of its
    # own opening one; and a short paragraph with no headline over it.
    more = [
        "What does the rise mean for riders?",
        "A monthly pass will cost 84 dollars instead of 80, and a single ticket 4.20 dollars. "
        "The council says the money will pay for a new ferry, due in two years, and for longer "
        "hours at the terminal. Riders' groups say they were not asked.",
        "The council will meet again in June.",
        "Fares in numbers",
        "The last rise was in 2023.",
    ]
    box = ["Related stories", "Bridge tolls to rise in spring", "Island school gets a new roof"]
    kinds = _kinds([HEADLINE, BODY[0], *box, *more])
    assert kinds[2:5] == [(RELATED, line) for line in box]
    assert kinds[5] == (QUESTION, more[0])
    assert RELATED not in {kind for kind, _ in kinds[5:]}


HEADLINES = [
    "Bridge tolls to rise in spring",
    "Island school gets a new roof",
    "Old ferry may be saved by volunteers",
]


def test_a_box_labelled_with_its_section_holds_other_stories_headlines() -> None:
    # "Next Up In <section>": a box's label that ends with a preposition before the section.
    kinds = _kinds([HEADLINE, *BODY, "Next Up In Science & Health", *HEADLINES])
    assert kinds[:3] == [(TITLE, HEADLINE), (STATEMENT, BODY[0]), (STATEMENT, BODY[1])]
    assert kinds[3:] == [(RELATED, "Next Up In Science & Health")] + [
        (RELATED, line) for line in HEADLINES
    ]


def test_a_label_with_no_preposition_before_a_word_opens_no_box() -> None:
    # Near miss: "Continue Reading Below" marks where an advertisement was; what follows it is
    # the story's.
    more = "Two new boats join the route in May"
    kinds = _kinds([HEADLINE, BODY[0], "Continue Reading Below", more, BODY[1]])
    assert (RELATED, more) not in kinds

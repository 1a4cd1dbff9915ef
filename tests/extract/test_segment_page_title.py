"""Tests for stage ② segment: the headline of a whole web page pasted as text.

Every page here is made up, from the pieces of ``test_segment_page``; near misses (a menu's line
with fewer links below it, a short line with no byline under it, a box's last line) stay as they
were.
"""

from __future__ import annotations

import pytest
from pasted_page import BODY, BYLINE_LINE, HEADLINE, MENU, STAMP

from factcheck.extract.segment import segment_document
from factcheck.models import Document, SegmentKind

TITLE = SegmentKind.TITLE
RELATED = SegmentKind.RELATED

FOOTER = ["Most Read", "About Us", "Contact", "Advertise", "Privacy Policy", "Terms of Use"]
TEASERS = [
    "Storm closes coastal road for the weekend",
    "Harbour board buys two new boats for the island ferry route",  # shares the story's words
    "Library opens a new reading room downtown",
    "Council names the winner of its garden prize",
]


def _title(lines: list[str]) -> tuple[str | None, list[tuple[SegmentKind, str]]]:
    text = "\n".join(lines) + "\n"
    doc, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return doc.title, [(s.kind, s.text) for s in segments]


@pytest.mark.parametrize(
    "headline",
    [
        "Harbour board: ferry fares will rise for a third year running",
        "Ferry fares on the island route rise again: board",
        "What the harbour board decided about ferry fares on the island: a guide",
    ],
)
def test_a_headline_with_a_colon_is_the_headline(headline: str) -> None:
    # The colon of a speaker, a topic or a source: a headline's, however long either side. The
    # teaser above it shares none of the story's words.
    teaser = "Library opens a new reading room downtown"
    title, _ = _title([*MENU, teaser, headline, BYLINE_LINE, STAMP, *BODY, *FOOTER])
    assert title == headline


def test_a_row_of_labels_and_values_is_no_headline() -> None:
    row = "Tested by: Jane Roe Fare: $4 Route: harbour to island ferry"
    title, _ = _title([*MENU, HEADLINE, row, *BODY, *FOOTER])
    assert title == HEADLINE


def test_a_headline_the_sentence_splitter_cut_is_read_whole() -> None:
    headline = "The Future of Harbour Ferry Fares Is … Higher"
    title, segments = _title([*MENU, headline, BYLINE_LINE, *BODY, *FOOTER])
    assert title == headline
    assert segments[len(MENU)] == (TITLE, headline)


def test_a_glued_line_under_the_headline_is_the_page_s() -> None:
    # "see also" starts in lower case, so the text's blocks join it to the headline's line.
    headline = "Harbour Ferry Fares Rise for a Third Year"
    title, segments = _title([*MENU, f"{headline}\nsee also", BYLINE_LINE, *BODY, *FOOTER])
    assert title == headline
    assert segments[len(MENU) : len(MENU) + 2] == [(TITLE, headline), (RELATED, "see also")]


def test_a_line_of_two_sentences_is_no_headline() -> None:
    # A standfirst of two sentences shares more words, but a headline is one line of one.
    standfirst = (
        "Ferry fares rise again. The harbour board voted to raise ferry fares on the island "
        "route for two new boats"
    )
    _, segments = _title([*MENU, standfirst, BYLINE_LINE, *BODY, *FOOTER])
    assert not [text for kind, text in segments if kind is TITLE and text in standfirst]
    # Near miss: a kicker's word with its full stop is part of the headline's line.
    kicker = "Update. Harbour board votes to raise ferry fares on the island route for new boats"
    title, _ = _title([*MENU, kicker, BYLINE_LINE, *BODY, *FOOTER])
    assert title == kicker


def test_a_headline_of_two_sentences_in_title_case_is_the_headline() -> None:
    headline = "Harbour Ferry Fares Rise Again. Why Commuters Should Not Worry."
    title, segments = _title(["Subscribe", *MENU, "Sign In", headline, BYLINE_LINE, *BODY, *FOOTER])
    assert title == headline
    assert segments[0] == (RELATED, "Subscribe")


TERSE = "Ferry fares rise ‘again. And again.’ Commuters have had enough."
"""A headline of short sentences, which ends with a full stop and is not in title case."""
LONGER = "Fares rise. The board voted on Tuesday to raise all of the ferry fares again."


def test_a_headline_of_short_sentences_under_the_menu_is_the_headline() -> None:
    # Over a stamp and a picture's credit, which read as no headline either.
    lines = ["Skip to Article", *MENU, TERSE, "Updated 9:41 AM", "Jo Lee | Example Images"]
    title, segments = _title([*lines, BYLINE_LINE, *BODY, *FOOTER])
    assert title == TERSE
    assert segments[0] == (RELATED, "Skip to Article")
    assert (TITLE, TERSE) in segments


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        # Near misses: a line of a longer sentence; a line under a date, not under the menu; a
        # line of short sentences sharing none of the story's words.
        ([*MENU, LONGER], LONGER),
        ([*MENU, STAMP, TERSE], TERSE),
        ([*MENU, "Winter is coming. Pack a scarf. Or two."], "Winter is coming. Pack a scarf."),
    ],
)
def test_a_line_of_short_sentences_is_a_headline_only_under_the_menu(
    lines: list[str], line: str
) -> None:
    title, segments = _title([*lines, "Updated 9:41 AM", BYLINE_LINE, *BODY, *FOOTER])
    assert title is None or line not in title
    assert not [text for kind, text in segments if kind is TITLE and line in text]


def test_a_line_that_opens_on_a_bracket_may_be_the_headline() -> None:
    headline = "[Update] Harbour ferry fares rise for a third year running"
    title, _ = _title([*MENU, headline, BYLINE_LINE, *BODY, *FOOTER])
    assert title == headline


def test_a_box_of_other_stories_headlines_is_passed_over() -> None:
    # A teaser in the box shares more of the story's words than the headline above the box.
    lines = [
        *MENU,
        HEADLINE,
        BYLINE_LINE,
        STAMP,
        *TEASERS,
        "Bakery wins regional bread award",
        *BODY,
    ]
    title, _ = _title([*lines, *FOOTER])
    assert title == HEADLINE


def test_the_headline_right_under_a_box_is_still_the_headline() -> None:
    title, _ = _title([*MENU, *TEASERS[::2], TEASERS[3], HEADLINE, BYLINE_LINE, *BODY, *FOOTER])
    assert title == HEADLINE
    # Three headlines in a row under the byline are no box, and none is the story's headline:
    # that is the line over the byline.
    title, _ = _title([*MENU, HEADLINE, BYLINE_LINE, *TEASERS[:3], *BODY, *FOOTER])
    assert title == HEADLINE


GUIDE = "Harbour Board Ferry Fares Boats and Sailings"
"""A menu's line of more words than a link's, which shares more of the story's words than the
headline."""


def test_a_menu_s_line_of_more_words_is_not_the_headline() -> None:
    title, _ = _title([*MENU[:3], GUIDE, *MENU[3:], HEADLINE, BYLINE_LINE, *BODY, *FOOTER])
    assert title == HEADLINE
    # Near miss: with two links below it, a line is no menu's (a headline over "Previous" and
    # "Next" buttons).
    title, _ = _title([*MENU, GUIDE, "Previous Post", "Next Post", STAMP, *BODY, *FOOTER])
    assert title == GUIDE


SHORT = "Ferry Fares Explained"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # A headline of a few words reads as one more link of the menu, but a byline follows.
        ([*MENU, SHORT, BYLINE_LINE, *BODY], SHORT),
        ([*MENU, SHORT, STAMP, *BODY], SHORT),
        # Past a picture's credit, a label and a time stamp, lines of a few words each.
        (
            [*MENU, SHORT, "© Jo Lee/Example", "Guides", "10:42 5.3.2024", BYLINE_LINE, *BODY],
            SHORT,
        ),
        # Near misses: no byline or date under it; none of the story's words; a longer line
        # that shares the story's words.
        ([*MENU, SHORT, "Share", *BODY], None),
        ([*MENU, "Weather Outlook Today", BYLINE_LINE, *BODY], None),
        ([*MENU, HEADLINE, SHORT, BYLINE_LINE, *BODY], HEADLINE),
        # Near misses: more lines between it and the byline; the label of the date under it
        # (what stands over "Published:" is the author).
        ([*MENU, SHORT, "Guides", "Tips", "Maps", "Fares", BYLINE_LINE, *BODY], None),
        ([*MENU, SHORT, "Published:", STAMP, *BODY], None),
    ],
)
def test_a_headline_of_a_few_words_stands_over_a_byline(
    lines: list[str], title: str | None
) -> None:
    found, segments = _title([*lines, *FOOTER])
    assert found == title
    if title is not None:
        assert (TITLE, title) in segments


def test_the_headline_shares_words_with_the_story_past_its_first_paragraphs() -> None:
    # The story's first three paragraphs name none of the headline's words; its sixth does.
    opening = [
        "Commuters queued for an hour on Tuesday as the morning boat left late again.",
        "Many said they had given up on the timetable and now leave home far earlier.",
        "Some have switched to the bus, which takes twice as long but runs on time.",
        "Others said they would keep taking the boat whatever the delays cost them.",
        "Their complaints reached the harbour board, which meets again next month.",
        "The board said its ferry fares would pay for two new boats next spring.",
    ]
    teaser = "Storm closes coastal road for the weekend as commuters queue for buses"
    title, _ = _title([*MENU, HEADLINE, BYLINE_LINE, teaser, *opening, *FOOTER])
    assert title == HEADLINE


CRUMBED = "Ferry Fares Explained…"
"""A headline of a few words ending with an ellipsis, which reads as no other."""


@pytest.mark.parametrize("below", [True, False])
def test_a_headline_a_navigation_trail_ends_with_is_the_headline(below: bool) -> None:
    trail = f"Home » Guides » {CRUMBED}"
    head = [CRUMBED, trail] if below else [trail, CRUMBED]
    title, segments = _title([*MENU, *head, "Share", *BODY, *FOOTER])
    assert title == CRUMBED
    assert (TITLE, CRUMBED) in segments
    assert (RELATED, trail) in segments


@pytest.mark.parametrize(
    "head",
    [
        # Near misses: a section's name of two words, a line that shares none of the story's
        # words, a trail that ends with another line.
        ["Home » Local News", "Local News"],
        ["Home » Guides » Weather Outlook Today", "Weather Outlook Today"],
        [f"Home » Guides » {CRUMBED} Again", CRUMBED],
    ],
)
def test_a_trail_s_last_step_is_the_headline_only_when_it_is_one(head: list[str]) -> None:
    title, segments = _title([*MENU, *head, "Share", *BODY, *FOOTER])
    assert title != head[1]
    assert (TITLE, head[1]) not in segments


VIDEO = "Harbour board votes to raise ferry fares to pay for two new boats and evening sailings"
CAPTION = (
    "Board members tour one of the new ferry boats at the harbour on Monday. The boats enter "
    "service in April."
)


def test_the_headline_stands_over_the_byline_not_a_video_s_title_under_it() -> None:
    # Under the byline a video's title and its caption share the story's words as much as the
    # headline does: the headline is the line over the byline, and the byline is the story's.
    standfirst = "The island route will cost commuters more from April."
    head = [HEADLINE, standfirst, "Share", "Comments", BYLINE_LINE, "Close", "Video", VIDEO]
    lines = [*MENU, *head, *BODY, *FOOTER]
    title, segments = _title(lines)
    assert title == HEADLINE
    assert segments[len(MENU) : len(MENU) + len(head)] == [
        (TITLE, HEADLINE),
        (SegmentKind.STATEMENT, standfirst),
        (RELATED, "Share"),
        (RELATED, "Comments"),
        (SegmentKind.BYLINE, BYLINE_LINE),
        (RELATED, "Close"),
        (RELATED, "Video"),
        (RELATED, VIDEO),
    ]
    doc = segment_document(Document(source="test", text="\n".join(lines), sha256="0" * 64))[0]
    assert doc.byline == "Jane Roe"


def test_a_gallery_s_captions_printed_again_above_the_story_are_captions() -> None:
    # A gallery between the byline and the story prints each slide's caption more than once:
    # the story's paragraphs are printed once.
    gallery = [CAPTION, "Image 1 of 8", "Close", CAPTION, "Back to Gallery"]
    title, segments = _title([*MENU, HEADLINE, BYLINE_LINE, *gallery, *BODY, *FOOTER])
    assert title == HEADLINE
    captions = [(kind, text) for kind, text in segments if text in CAPTION]
    first, second = CAPTION.split(" The ")
    assert captions == [(SegmentKind.CAPTION, first), (SegmentKind.CAPTION, f"The {second}")] * 2
    assert [kind for kind, text in segments if text in BODY] == [SegmentKind.STATEMENT] * 4


def test_the_author_s_other_stories_above_the_story_leave_its_headline_the_title() -> None:
    # A box of the author's recent stories, each a headline over the author's name and a stamp
    # of the week, then the story's own headline, name and stamp: the story's is the title, and
    # the box's first headline, over the first name, is not.
    box = ["Recent from Jane Roe"]
    stamps = ("Friday 5:11PM", "Friday 11:40AM", "Thursday 9:05AM")
    for teaser, stamp in zip(TEASERS[:3], stamps, strict=True):
        box += [teaser, "Jane Roe", stamp]
    title, segments = _title([*MENU, *box, HEADLINE, "Jane Roe", "Monday 6:30PM", *BODY, *FOOTER])
    assert title == HEADLINE
    assert (TITLE, TEASERS[0]) not in segments


def test_a_box_the_site_set_inside_the_story_leaves_the_story_one() -> None:
    # The story's headline and date, its first two paragraphs, then a box of other stories
    # under its label, then the rest of the story, longer than its start: the story starts at
    # its first paragraph, under its own headline (no byline points to it), and neither part is
    # the page's.
    more = [
        "Harbour officials said the new boats would each carry two hundred passengers a trip.",
        "The first boat is due in the spring, and the second one a few months after it.",
        "Evening sailings will run every half hour until ten o'clock from the summer.",
        "The board said it would publish the full timetable on its website next month.",
    ]
    box = ["Most read in world news", *TEASERS, *(f"{t} again" for t in TEASERS), *TEASERS[:2]]
    lines = [*MENU, HEADLINE, STAMP, *BODY[:2], *box, *BODY[2:], *more, *FOOTER]
    title, segments = _title(lines)
    assert title == HEADLINE
    kinds = {text: kind for kind, text in segments}
    assert {kinds[line] for line in [*BODY, *more]} <= {
        SegmentKind.STATEMENT,
        SegmentKind.CLAIM,
    }
    assert {kinds[line] for line in box} == {RELATED}


def test_a_list_of_stories_each_under_its_label_and_over_its_date_is_passed_over() -> None:
    # Between the story's head and its body, a list of other stories: each headline stands
    # under its section's label and over its date, the last one too. The title and the date
    # are the story's, not the last listed story's.
    listed = []
    for teaser, day in zip(
        TEASERS, ("June 1, 2016", "May 2, 2015", "Aug 3, 2014", "July 4, 2013"), strict=True
    ):
        listed += ["FERRY NEWS", teaser, day]
    lines = [*MENU, HEADLINE, STAMP, "MORE STORIES LIKE THIS ONE", *listed, *BODY, *FOOTER]
    text = "\n".join(lines) + "\n"
    doc, _ = segment_document(Document(source="test", text=text, sha256="0" * 64))
    assert (doc.title, doc.published) == (HEADLINE, "2024-03-05")


GLUED_TEASERS = [
    "Storm Closes The Coastal Road For Two DaysThe road along the bay will stay shut while"
    " crews clear the fallen trees and repair the wall.",
    "Library Opens A New Reading Room DowntownThe new room holds four thousand books and"
    " opens every day of the week from nine until late.",
    "Council Names The Winner Of Its Garden PrizeThe prize went to a school whose pupils"
    " planted a meadow on the old car park behind the hall.",
    "Bridge Tolls Rise Again For Every DriverDrivers will pay a dollar more from March, and"
    " lorries two dollars more, the bridge company said.",
    "Harbour Market Moves To The Old QuayThe Saturday market will set up its stalls on the"
    " old quay from next month while the square is rebuilt.",
]


def test_a_box_of_headlines_run_into_their_openings_is_no_story() -> None:
    # Each line of the box is another story's headline in title case run into its first
    # sentence: together they weigh more than the story's two paragraphs above them, but they
    # are no story, and the headline and the paragraphs are the story's.
    lines = [*MENU, HEADLINE, STAMP, *BODY[:2], *MENU, "Latest Headlines", *GLUED_TEASERS, *FOOTER]
    title, segments = _title(lines)
    assert title == HEADLINE
    kinds = {text: kind for kind, text in segments}
    assert {kinds[line] for line in BODY[:2]} <= {SegmentKind.STATEMENT, SegmentKind.CLAIM}
    boxed = {kind for kind, text in segments if any(text in line for line in GLUED_TEASERS)}
    assert boxed == {RELATED}


# A Japanese story: its headline, the share button under its date, its paragraphs.
JA_HEADLINE = (
    "\u30ca\u30a4\u30b8\u30a7\u30ea\u30a2\u3067\u81ea\u7206\u653b\u6483\u300131\u4eba\u6b7b\u4ea1"
)
JA_SHARE = "\u3053\u306e\u30cb\u30e5\u30fc\u30b9\u3092\u30b7\u30a7\u30a2"  # "share this news"
JA_BODY = [
    (
        "\u30ca\u30a4\u30b8\u30a7\u30ea\u30a2\u5317\u6771\u90e8\u306e\u5dde\u3067"
        "16\u65e5\u591c\u3001\u81ea\u7206\u653b\u6483\u304c\u3042\u308a\u3001"
        "\u5c11\u306a\u304f\u3068\u308231\u4eba\u304c\u6b7b\u4ea1\u3057\u305f"
        "\u3068\u5f53\u5c40\u304c\u660e\u3089\u304b\u306b\u3057\u305f\u3002"
    ),
    (
        "\u5f53\u5c40\u306b\u3088\u308b\u3068\u3001\u653b\u6483\u306f\u5e02\u5834"
        "\u306e\u8fd1\u304f\u3067\u8d77\u304d\u3001\u3051\u304c\u4eba\u3082\u591a"
        "\u6570\u51fa\u3066\u3044\u308b\u3068\u3044\u3046\u3002"
    ),
    (
        "\u73fe\u5730\u306e\u4f4f\u6c11\u306f\u3001\u653b\u6483\u306e\u5f8c\u306b"
        "\u9283\u58f0\u304c\u805e\u3053\u3048\u305f\u3068\u8a71\u3057\u3066\u3044"
        "\u308b\u3002"
    ),
]


def test_a_share_button_in_another_script_under_the_headline_is_no_headline() -> None:
    lines = [*MENU, JA_HEADLINE, "2018-06-18 10:01", JA_SHARE, *JA_BODY, *FOOTER]
    title, segments = _title(lines)
    assert title == JA_HEADLINE
    assert (RELATED, JA_SHARE) in segments

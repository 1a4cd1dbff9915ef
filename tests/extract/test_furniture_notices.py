"""Page furniture told by its shape: the site's notices to its reader, signatures of embedded
posts, tag labels, credits inside table borders, stand-alone addresses, and the headline beside a
wire story's first sentence. Every example is made up; near misses stay body text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.segment import segment_document
from factcheck.extract.segment_notices import _NEEDLES
from factcheck.extract.segment_text import any_of
from factcheck.models import Document, SegmentKind

TITLE = SegmentKind.TITLE
DATELINE = SegmentKind.DATELINE
CAPTION = SegmentKind.CAPTION
CREDIT = SegmentKind.CREDIT
RELATED = SegmentKind.RELATED
TAGS = SegmentKind.TAGS
STATEMENT = SegmentKind.STATEMENT

BEFORE = "The council approved the new bridge on Monday."
AFTER = "Work starts in the spring."


def _kinds(text: str, **meta: str) -> list[tuple[SegmentKind, str]]:
    document = Document(source="test", text=text, sha256="0" * 64, **meta)
    return [(s.kind, s.text) for s in segment_document(document)[1]]


def _between(line: str) -> list[tuple[SegmentKind, str]]:
    return _kinds(f"{BEFORE}\n{line}\n{AFTER}")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("We may earn a commission when you buy through links on this page.", CREDIT),
        ("If you buy something from our links, the shop gives us a share of the sales.", CREDIT),
        ("Disclosure: we use affiliate links to support our work.", CREDIT),
        ("This copy is for your personal, non-commercial use only.", CREDIT),
        ("Use of this site is governed by our Terms of Use and by copyright law.", CREDIT),
        ("Prices and availability are subject to change.", CREDIT),
        ("Coupons may expire while supplies last.", CREDIT),
        ("Comments on this page are moderated before they appear.", RELATED),
        ("We’d love to hear what you think of the new design.", RELATED),
        ("Let us know your favourite bridge in the box below.", RELATED),
        ("Tell us in the comments which bridge you cross most.", RELATED),
        ("If you liked this story, pass it on to a neighbour.", RELATED),
        ("For more information, please visit the museum's website.", RELATED),
        ("To order a print copy, call the front desk.", RELATED),
        ("This story was originally published by Example Weekly.", CREDIT),
        ("A version of this article appeared in print on May 3.", CREDIT),
        ("Thanks for signing up!", RELATED),
        ("You're all set.", RELATED),
        ("Get Bridge Weekly delivered to your door every Friday.", RELATED),
        ("12 issues for £9.99.", RELATED),
        ("Subscribe to the digital edition for as little as $2 a month.", RELATED),
        ("Members read everything we publish, with no paywalls.", RELATED),
        ("We reserve the right to delete comments that insult other readers.", RELATED),
        ("The content is provided for information purposes only.", CREDIT),
        ("Our website and its content are for informational purposes only.", CREDIT),
        ("The bridge news that matters, delivered weekday mornings.", RELATED),
        ("Everything on the river, delivered to your inbox.", RELATED),
        ('Use the code "FERRY20".', RELATED),
        ("Enter promo code BRIDGE20 at checkout.", RELATED),
        ("Select the mistake and press Ctrl+Enter to tell the editors.", RELATED),
        ("Iezīmējiet tekstu un spiediet Ctrl + Enter, lai nosūtītu labojumu!", RELATED),
        ("Opinions expressed by Example contributors are their own.", CREDIT),
        (
            "The views expressed in this article are those of the author and do not necessarily "
            "reflect the position of Example News.",
            CREDIT,
        ),
        ("Views expressed are personal.", CREDIT),
        ("Follow me on Twitter or LinkedIn.", RELATED),
    ],
)
def test_the_sites_notices_to_its_reader_are_furniture(line: str, kind: SegmentKind) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (kind, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "The retailer earns a commission on every sale, the filing shows.",
        "Our reporters found the agency earns a commission on every permit.",
        "“We moderate every comment by hand,” the founder said.",
        "For more than a decade, the firm has relied on contractors.",
        "The ministry said its terms of service had changed.",
        "Viewers said they would like to hear more from the mayor.",
        "If you enjoyed the film, the sequel will not disappoint.",
        "Fuel prices remain subject to change, the regulator warned.",
        "Moderators removed the comments after the match, the league said.",
        "To reach the island, the ferry takes two hours.",
        "An earlier version of this story misstated the toll; 30 people died.",
        "This report was published by the ministry in March, officials said.",
        "Thanks to the new bridge, the ferry closed.",
        "You are now entering the flood zone.",
        "The speech we’d like to hear from the mayor.",
        "The council sold 12 issues for £2 each, the clerk said.",
        "Parcels delivered to your door cost more this year.",
        "The paper now costs $2 a month more than in 2020.",
        "The league reserves the right to remove players who insult referees, we learned.",
        "The mayor said the figures were for information purposes only.",
        "The paper, delivered daily to 40,000 homes, lost money last year.",
        "Use the code to open the gate, the police said.",
        "The shortcut Ctrl+Shift+T reopens a closed tab, the company said.",
        "The views expressed in the letter are the council's, the clerk said.",
        "The views expressed by residents at the meeting were mixed.",
        "Tell me a story.",
        "Give me the keys, the guard told him.",
    ],
)
def test_sentences_about_commissions_comments_or_prices_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_the_signature_of_an_embedded_post_is_a_credit_and_the_post_stays_body() -> None:
    text = (
        f"{BEFORE}\nThe new bridge looks great from the river!\n"
        "— Jane Roe (@janeroe_writes) May 3, 2021\n"
        f"{AFTER}\n— and then the council voted (again) on the budget."
    )
    assert _kinds(text) == [
        (STATEMENT, BEFORE),
        (STATEMENT, "The new bridge looks great from the river!"),
        (CREDIT, "— Jane Roe (@janeroe_writes)"),
        (DATELINE, "May 3, 2021"),
        (STATEMENT, AFTER),
        (STATEMENT, "— and then the council voted (again) on the budget."),
    ]


def test_a_tags_label_on_its_own_line_heads_a_list_of_tags() -> None:
    tags = "Tags\nbridges, rivers, city council, spring works, " + ", ".join(
        f"ward {n}" for n in range(1, 60)
    )
    assert _kinds(f"{BEFORE}\n{tags}") == [(STATEMENT, BEFORE), (TAGS, tags)]
    assert _kinds(f"{BEFORE}\nTags\nbridges, rivers") == [
        (STATEMENT, BEFORE),
        (TAGS, "Tags\nbridges, rivers"),
    ]
    line = "Tags were fixed to the birds before release."
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_a_credit_inside_table_borders_is_a_credit_of_its_caption() -> None:
    text = (
        f"{BEFORE}\n| The new bridge at dusk, seen from the east bank.\n"
        f"(credit: Jane Roe/City Archive) |\n{AFTER}"
    )
    assert _kinds(text) == [
        (STATEMENT, BEFORE),
        (CAPTION, "| The new bridge at dusk, seen from the east bank."),
        (CREDIT, "(credit: Jane Roe/City Archive) |"),
        (STATEMENT, AFTER),
    ]


def test_the_pages_own_address_and_lists_of_links_are_furniture() -> None:
    url = "https://news.example.org/2021/05/03/bridge-approved"
    text = (
        f"{BEFORE}\n{url}\nMore coverage: https://a.example.org/x and https://b.example.org/y\n"
        "The plans are at https://council.example.org/plans.\nhttps://maps.example.org/bridge\n"
        f"{AFTER}"
    )
    assert _kinds(text, url=url + "?ref=home") == [
        (STATEMENT, BEFORE),
        (RELATED, url),
        (RELATED, "More coverage: https://a.example.org/x and https://b.example.org/y"),
        (STATEMENT, "The plans are at https://council.example.org/plans."),
        (STATEMENT, "https://maps.example.org/bridge"),
        (STATEMENT, AFTER),
    ]


def test_a_wire_storys_first_sentence_is_never_the_headline() -> None:
    lead = "RIVERTON (Wire Service) — The council approved the new bridge on Monday after a debate"
    assert _kinds(f"{lead}\nWork starts in the spring.") == [
        (STATEMENT, lead),
        (STATEMENT, "Work starts in the spring."),
    ]
    assert _kinds(f"Council approves bridge\n{lead}\n{AFTER}") == [
        (TITLE, "Council approves bridge"),
        (STATEMENT, lead),
        (STATEMENT, AFTER),
    ]


def test_a_first_line_sharing_only_a_name_with_the_title_stays_body() -> None:
    lead = (
        "Storm warnings were issued for coastal towns, roads and ports across the northern "
        "region and its islands overnight"
    )
    assert _kinds(f"{lead}\n{AFTER}", title="Storm closes coastal roads") == [
        (STATEMENT, lead),
        (STATEMENT, AFTER),
    ]
    headline = "Storm closes coastal roads across the north"
    assert _kinds(f"{headline}\n{AFTER}", title="Storm closes coastal roads") == [
        (TITLE, headline),
        (STATEMENT, AFTER),
    ]


def test_kickers_above_a_repeated_headline_are_furniture() -> None:
    text = (
        "New Phone Now Shipping Everywhere\n12-Inch Tablet Arrives in Stores\n"
        "The tablet went on sale on Monday.\nIt costs less than the last one."
    )
    assert _kinds(text, title="12-Inch Tablet Arrives in Stores | Example Tech") == [
        (TITLE, "New Phone Now Shipping Everywhere"),
        (TITLE, "12-Inch Tablet Arrives in Stores"),
        (STATEMENT, "The tablet went on sale on Monday."),
        (STATEMENT, "It costs less than the last one."),
    ]
    # Without a repeated headline, a first line in sentence case stays where it was.
    assert _kinds("The tablet went on sale today\nIt costs less than the last one.") == [
        (TITLE, "The tablet went on sale today"),
        (STATEMENT, "It costs less than the last one."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Wikimedia Commons",
        "Jane Roe/EPA-EFE",
        "iStockphoto",
        "Photo: Jane Roe/Alamy",
        "Image via Example Archive",
    ],
)
def test_picture_agencies_make_credits(line: str) -> None:
    assert _between(line) == [(CAPTION, BEFORE), (CREDIT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        # a label with "credit" after it, in brackets or not
        "(Image credit: Example Robotics)",
        "(Picture credit: Jane Roe)",
        "Illustration credit: Example Studio",
        # initials in the credited name
        "Photo: Jane R.T. Roe, Example Wire",
        # a file photo, a reader's photo, an agency named alone
        "Jane Roe / Example Wire file",
        "Jane Q. Roe Submitted photo",
        "Courtesy photo",
        "Getty",
        # a credit written as a sentence
        "Photo by Jane Roe.",
        "Photo illustration by Example Studio.",
    ],
)
def test_more_credit_shapes_make_credits(line: str) -> None:
    assert _between(line) == [(CAPTION, BEFORE), (CREDIT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "Source: officials said 40 people died.",
        "Photo by the river at dawn, the town is quiet.",
        "Photo by photo, the archive was rebuilt.",
        "Getty bought the archive in 2019.",
    ],
)
def test_sentences_that_open_like_credits_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "Terms of Service Privacy Notice",
        "Privacy Policy | Terms of Use | Cookie Settings",
        "About Us · Contact Us · Do Not Sell My Personal Information",
    ],
)
def test_a_line_of_links_to_the_sites_own_pages_is_furniture(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (RELATED, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "Terms of service were changed in May",
        "Privacy policy experts met on Tuesday",
        "The privacy policy changed in May.",
    ],
)
def test_sentences_about_a_sites_policies_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "Medically reviewed by Jane Roe, PhD",
        "Medically reviewed by Jo Ann Doe, RD, LD",
        "Fact checked by Jane Roe",
        "Reviewed by Jane Roe.",
    ],
)
def test_a_reviewers_credit_is_a_byline_and_not_the_authors(line: str) -> None:
    document = Document(source="test", text=f"{BEFORE}\n{line}\n{AFTER}", sha256="0" * 64)
    found, segments = segment_document(document)
    assert [(s.kind, s.text) for s in segments] == [
        (STATEMENT, BEFORE),
        (SegmentKind.BYLINE, line),
        (STATEMENT, AFTER),
    ]
    assert found.byline is None


@pytest.mark.parametrize(
    "line", ["Reviewed by Congress, the bill passed.", "Fact checked by the desk, it held up."]
)
def test_a_sentence_that_opens_like_a_reviewers_credit_stays_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_a_caption_after_its_label_on_a_line_without_a_period_is_a_caption() -> None:
    caption = "Image caption The bridge seen from the east bank at dawn"
    assert _between(caption) == [(STATEMENT, BEFORE), (CAPTION, caption), (STATEMENT, AFTER)]
    # The label alone, where the page printed no caption, is the label of its slot.
    assert _kinds(f"{BEFORE} It was close.\nMedia caption:\n{AFTER}") == [
        (STATEMENT, BEFORE),
        (STATEMENT, "It was close."),
        (RELATED, "Media caption:"),
        (STATEMENT, AFTER),
    ]


def test_a_credit_after_a_paragraph_leaves_its_last_sentence_in_the_story() -> None:
    # The picture's caption was left out: the credit follows the story's text.
    paragraph = f"{BEFORE} The vote was close."
    assert _kinds(f"{paragraph}\n(Image credit: Example Agency)\n{AFTER}") == [
        (STATEMENT, BEFORE),
        (STATEMENT, "The vote was close."),
        (CREDIT, "(Image credit: Example Agency)"),
        (STATEMENT, AFTER),
    ]
    # A caption on a line of its own, or the credit on the caption's line, is still a caption.
    caption = "The bridge at dawn."
    assert _kinds(f"{BEFORE}\n{caption}\n(Image credit: Example Agency)\n{AFTER}") == [
        (STATEMENT, BEFORE),
        (CAPTION, caption),
        (CREDIT, "(Image credit: Example Agency)"),
        (STATEMENT, AFTER),
    ]
    assert _kinds(f"{BEFORE}\n{caption} (Image credit: Example Agency)\n{AFTER}")[1:3] == [
        (CAPTION, caption),
        (CREDIT, "(Image credit: Example Agency)"),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("To order copies for your team visit https://shop.example.org/copies.", RELATED),
        ("For group rates or reprints, please contact the desk at desk@example.org.", CREDIT),
        ("For group rates or reprints, please visit www.example.org/reprints today.", RELATED),
        ("Something went wrong while loading the comments.", RELATED),
        ("An error has occurred, please try again later.", RELATED),
        ("Something went wrong with the connection!", RELATED),
        ("Something went wrong with your request.", RELATED),
        ("- Print Article", RELATED),
    ],
)
def test_pointers_with_an_address_and_interface_messages_are_furniture(
    line: str, kind: SegmentKind
) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (kind, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "Please call the hotline at 555-0100 if you see the missing dog.",
        "An error in the count delayed the result by a day.",
        "Something went wrong at the plant, officials said.",
        "Something went wrong with the launch, officials said.",
        "An error occurred during the landing, the report found.",
        "The agency asked residents to please visit the clinic before noon.",
    ],
)
def test_appeals_and_errors_in_the_story_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Storm hits coast | Schools close early | Rates rise again", RELATED),
        ("Also on example.com Ferry fares to rise in the new year", RELATED),
        ("RIVERTON, Ohio (Example News", DATELINE),
        ("The new dam at dawn via City Archive", CAPTION),
        ("[button link=”https://example.org/send”] Send us your photos[/button]", RELATED),
        ("Slide 3 of 12", RELATED),
    ],
)
def test_stray_lines_of_the_interface_or_markup_are_furniture(line: str, kind: SegmentKind) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (kind, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(
    "line",
    [
        "| Riverton bridge | 14 spans | opened in spring |",
        "Also on Tuesday the mayor visited the site",
        "“The [new] bridge is safe,” the engineer said.",
        "The engineers reached the site via the old road",
        "The mayor said [b]spending[/b] rose by 4% in the year.",
        "Tell me about the bridge.",
        "3 of 12 jurors agreed.",
    ],
)
def test_table_rows_brackets_and_roads_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_a_short_paragraph_of_notices_is_the_sites_all_through() -> None:
    notices = (
        "Deals change daily. Prices and availability are subject to change. "
        "We may earn a commission when you buy through our links."
    )
    assert _kinds(f"{BEFORE}\n{notices}\n{AFTER}") == [
        (STATEMENT, BEFORE),
        (RELATED, "Deals change daily."),
        (CREDIT, "Prices and availability are subject to change."),
        (CREDIT, "We may earn a commission when you buy through our links."),
        (STATEMENT, AFTER),
    ]
    # One notice in a paragraph of the story leaves the story's sentences alone.
    story = (
        "The shop reopened on Friday. Its owner said sales doubled. "
        "We may earn a commission when you buy through our links."
    )
    assert [kind for kind, _ in _kinds(story)] == [STATEMENT, STATEMENT, CREDIT]


def test_an_exclaimed_first_line_saying_what_the_title_says_is_the_headline() -> None:
    first = "Divers rescue trapped orca calf: “She is free!”"
    assert _kinds(f"{first}\n{AFTER}", title="Trapped orca calf freed by divers") == [
        (TITLE, first),
        (STATEMENT, AFTER),
    ]
    other = "She is free at last!"
    assert _kinds(f"{other}\n{AFTER}", title="Trapped orca calf freed by divers") == [
        (STATEMENT, other),
        (STATEMENT, AFTER),
    ]


def test_names_inside_web_addresses_are_never_cut() -> None:
    from factcheck.extract.segment import find_glued_boundaries

    assert find_glued_boundaries("Write to the column at www.AskTheVet.org or by post.") == []
    assert find_glued_boundaries("Tickets go on sale at TicketHouse.co.uk on Friday.") == []
    text = "The council met in the roomOn Monday it voted."
    assert find_glued_boundaries(text) == [text.index("On Monday")]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Please enable JavaScript to view the comments.", RELATED),
        ("Skip to main content", RELATED),
        ("Story continues below advertisement", RELATED),
        ("Image caption The new bridge seen from the east bank at dawn.", CAPTION),
    ],
)
def test_more_interface_lines_are_furniture(line: str, kind: SegmentKind) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (kind, line), (STATEMENT, AFTER)]


def test_a_credit_labelled_image_copyright_credits_the_caption_above_it() -> None:
    caption = "The new bridge seen from the east bank at dawn."
    credit = "Image copyright Jane Roe/Example Agency"
    assert _kinds(f"{caption}\n{credit}\n{AFTER}") == [
        (CAPTION, caption),
        (CREDIT, credit),
        (STATEMENT, AFTER),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "The image caption misled readers, the panel found.",
        "Her browser history was searched by the police.",
        "Skipping the vote, the mayor left early.",
        "Skip the queue and book a table early, the owner advised.",
    ],
)
def test_sentences_about_captions_and_browsers_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_a_note_on_the_author_beside_a_prompt_is_furniture() -> None:
    note = "Jane Roe is a senior reporter at Example News covering the courts."
    prompt = "Follow her on social media."
    assert _kinds(f"{BEFORE}\n{note} {prompt}") == [
        (STATEMENT, BEFORE),
        (RELATED, note),
        (RELATED, prompt),
    ]
    story = "Jane Roe is a reporter at the Example Times who first reported the leak."
    assert _kinds(f"{BEFORE}\n{story} The paper stood by her.") == [
        (STATEMENT, BEFORE),
        (STATEMENT, story),
        (STATEMENT, "The paper stood by her."),
    ]


_RELEASE = (
    "Acme Robotics opens a plant in Riverton.\n"
    "The plant will employ 200 people, the company said.\n"
    "Production starts in May.\n"
)


def test_a_closing_about_section_is_the_publishers_boilerplate() -> None:
    text = (
        f"{_RELEASE}About Acme Robotics\n"
        "Acme Robotics is a maker of warehouse robots. It was founded in 2001.\n"
        "Media contact: press@acme.example"
    )
    assert _kinds(text) == [
        (STATEMENT, "Acme Robotics opens a plant in Riverton."),
        (STATEMENT, "The plant will employ 200 people, the company said."),
        (STATEMENT, "Production starts in May."),
        (TITLE, "About Acme Robotics"),
        (CREDIT, "Acme Robotics is a maker of warehouse robots."),
        (CREDIT, "It was founded in 2001."),
        (CREDIT, "Media contact: press@acme.example"),
    ]
    note = f"{_RELEASE}About the author\nJane Roe writes on industry."
    assert _kinds(note)[-2:] == [
        (TITLE, "About the author"),
        (RELATED, "Jane Roe writes on industry."),
    ]


@pytest.mark.parametrize(
    ("heading", "paragraph"),
    [
        ("About the study", "The researchers followed 5,000 adults for ten years."),
        ("About Acme Robotics", "The company was sold twice before the plant opened."),
    ],
)
def test_a_section_about_something_else_stays_with_the_story(heading: str, paragraph: str) -> None:
    kinds = _kinds(f"{_RELEASE}{heading}\n{paragraph}")
    assert kinds[-1] == (STATEMENT, paragraph)
    assert kinds[:3] == [
        (STATEMENT, "Acme Robotics opens a plant in Riverton."),
        (STATEMENT, "The plant will employ 200 people, the company said."),
        (STATEMENT, "Production starts in May."),
    ]


@pytest.mark.parametrize(
    "description",
    [
        "Acme Robotics is a maker of warehouse robots. Its mission is to make every warehouse"
        " safe. Acme Robotics employs 900 people.",
        "Acme Robotics (NASDAQ: ACME) is a maker of warehouse robots.",
        "Acme Robotics is a maker of warehouse robots. Its shares are listed on the SIX Swiss"
        " Exchange.",
    ],
)
def test_a_companys_boilerplate_without_a_heading_is_the_publishers(description: str) -> None:
    more = "Acme Robotics was founded in 2001 in Riverton."
    kinds = _kinds(f"{_RELEASE}\n{description}\n\n{more}")
    assert kinds[:3] == [
        (STATEMENT, "Acme Robotics opens a plant in Riverton."),
        (STATEMENT, "The plant will employ 200 people, the company said."),
        (STATEMENT, "Production starts in May."),
    ]
    assert {kind for kind, _ in kinds[3:]} == {CREDIT}


@pytest.mark.parametrize(
    "paragraph",
    [
        # a story that ends on what a company is, where it sits and how many it employs
        "Acme Robotics is a maker of warehouse robots. It is headquartered in Riverton and"
        " employs 900 people.",
        # the mission of someone else, in a paragraph that does not open on the company
        "The mayor said the mission of Acme Robotics is to make every warehouse safe.",
    ],
)
def test_a_story_ending_on_a_company_keeps_its_paragraph(paragraph: str) -> None:
    kinds = _kinds(f"{_RELEASE}\n{paragraph}")
    assert CREDIT not in [kind for kind, _ in kinds]


def test_a_galleries_buttons_after_the_body_are_furniture() -> None:
    assert _kinds(f"{BEFORE}\nPrevious | Next") == [
        (STATEMENT, BEFORE),
        (RELATED, "Previous | Next"),
    ]


NEEDLE_LETTERS = "ab ’'.(\u00e9x"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet=NEEDLE_LETTERS, min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet=NEEDLE_LETTERS, max_size=40),
)
def test_one_search_finds_a_needle_where_a_search_for_each_does(
    needles: list[str], text: str
) -> None:
    # Each needle is matched from its rarest character, with what precedes it looked behind.
    assert (any_of(needles).search(text) is not None) == any(n in text for n in needles)


def test_the_notice_needles_are_found_as_substrings() -> None:
    text = "If you buy something, we may earn a commission."
    assert any_of(_NEEDLES).search(text) is not None
    assert any_of(_NEEDLES).search("The minister spoke at length.") is None


@pytest.mark.parametrize(
    "line",
    [
        "현재 MBC는 새 드라마로 승부를 보고 있으며 SBS는 종영을 앞두고 있다.",
        "وقالت وكالة NASA إن المهمة ستنطلق في الربيع وفق BBC.",
        "据 NBC 和 CBS 报道, 会议将于周一举行。",
    ],
)
def test_a_sentence_in_a_script_without_case_is_not_a_line_in_capitals(line: str) -> None:
    # Its acronyms are its only letters with a case, and all capitals.
    assert _kinds(f"{BEFORE}\n{line} {AFTER}") == [
        (STATEMENT, BEFORE),
        (STATEMENT, line),
        (STATEMENT, AFTER),
    ]


def test_a_line_mostly_in_latin_capitals_is_still_a_heading_in_any_script() -> None:
    line = "BREAKING NEWS FROM SEOUL 속보."
    assert _kinds(f"{BEFORE}\n{line} {AFTER}") == [
        (STATEMENT, BEFORE),
        (TITLE, line),
        (STATEMENT, AFTER),
    ]


@pytest.mark.parametrize(
    "note",
    [
        "Jane Roe is the site's space editor and has covered NASA since 2009.",
        "Jane Roe’s book about the moon, “Out There”, is out now.",
        "Jane Roe joined the paper in 2015.",
    ],
)
def test_a_note_on_the_articles_author_is_furniture(note: str) -> None:
    text = f"Moon base plans unveiled\n\nBy Jane Roe\n\n{BEFORE}\n\n{note}"
    assert _kinds(text)[-2:] == [(STATEMENT, BEFORE), (RELATED, note)]
    # The byline may come from the page's metadata instead.
    assert _kinds(f"{BEFORE}\n\n{note}", byline="Jane Roe")[-1] == (RELATED, note)


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe is the council's engineer and has run the project since 2009.",
        "Roe is the site's space editor.",
        "Jane Roe, the mayor, said the bridge was safe.",
    ],
)
def test_other_people_and_the_author_in_the_story_stay_body(line: str) -> None:
    text = f"By Jane Roe\n\n{BEFORE}\n\n{line}"
    assert _kinds(text)[-2:] == [(STATEMENT, BEFORE), (STATEMENT, line)]
    assert _kinds(f"{BEFORE}\n\n{line}") == [(STATEMENT, BEFORE), (STATEMENT, line)]


@pytest.mark.parametrize(
    ("byline", "line"),
    [
        ("Associated Press", "Associated Press reports that the bridge will close on Monday."),
        ("Al Jazeera", "Al Jazeera has learned that the bridge will close."),
        ("Reuters Staff", "Reuters Staff is the name on every story from the desk."),
    ],
)
def test_an_outlet_or_a_staff_credit_in_the_byline_is_no_author_to_leave_out(
    byline: str, line: str
) -> None:
    assert _kinds(f"{BEFORE}\n\n{line}", byline=byline) == [
        (STATEMENT, BEFORE),
        (STATEMENT, line),
    ]


# More furniture told by its shape: icons' names, handles, addresses, counts of comments,
# labels of boxes of links and comment policies in the page languages.
MORE_FURNITURE = [
    ("chevron_left Back to all posts", RELATED),
    ("keyboard_arrow_down", RELATED),
    ("@janeroe_news", CREDIT),
    ("DE-60314 Frankfurt am Main", CREDIT),
    ("75008 Paris", CREDIT),
    ("Springfield, IL 62701", CREDIT),
    ("Webergasse 20", CREDIT),
    ("Keizersgracht 12a", CREDIT),
    ("Fleischmarkt 1", CREDIT),
    ("Hanauer Landstr. 126-128", CREDIT),  # not cut after the street's short name
    ("10 Downing Street", CREDIT),
    ("1600 Pennsylvania Ave.", CREDIT),
    ("Via Roma 12", CREDIT),
    ("Avenida Paulista, 1578", CREDIT),
    ("12 rue de la Paix", CREDIT),
    ("Loading weather data ...", RELATED),
    ("Loading comments…", RELATED),
    ("More Must-Reads From The Courier", RELATED),
    ("167 Comments", RELATED),
    ("[ 167 comments ]", RELATED),
    ("0 Comments", RELATED),
    ("12 Replies", RELATED),
    ("Weitere Beiträge zum Thema: Neue Brücke", RELATED),
    ("Matérias relacionadas: Ponte nova", RELATED),
    ("Más noticias: Puente nuevo", RELATED),
    ("À voir aussi : Le pont neuf", RELATED),
    ("Articoli simili: Il ponte", RELATED),
    ("Gerelateerd nieuws: De brug", RELATED),
    ("Atenção: comentários ofensivos não serão aprovados pelo moderador.", RELATED),
    ("Los comentarios pasan por moderación antes de publicarse.", RELATED),
    ("Kommentare werden erst nach Prüfung freigeschaltet.", RELATED),
    ("Les commentaires sont soumis à modération.", RELATED),
    ("I commenti sono soggetti a moderazione.", RELATED),
    ("Reacties worden gemodereerd.", RELATED),
]
# Their near misses, which stay body text.
NEAR_MISSES = [
    "The file_name field was empty, the engineers said.",
    "@janeroe_news said the bridge would open in May.",
    "Bild der Frau berichtete über den Streit um die Brücke.",
    "2019 Rugby World Cup",
    "10 Downing Street said the bridge would open in May.",
    "Platz 2 ging an die Mannschaft aus Basel.",
    "The mayor moved to 12 rue de la Paix in May.",
    "Via Roma 12 was closed for the parade, the police said.",
    "Loading the ferry took three hours...",
    "12 comments were deleted by the moderators, the site said.",
    "Il commento del ministro è stato approvato dal governo.",
    "O comentário do ministro foi aprovado pelo governo.",
]


@pytest.mark.parametrize(
    "line",
    ["12 rue " + "a" * 50_000 + "!", "Via " + "a" * 50_000 + " 12!", "12 " + "a" * 50_000 + " St!"],
)
def test_a_long_run_of_letters_is_never_tried_as_a_streets_words(line: str) -> None:
    # A pattern that could part the run into words anywhere would take hours here.
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize(("line", "kind"), MORE_FURNITURE)
def test_more_furniture_told_by_its_shape(line: str, kind: SegmentKind) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (kind, line), (STATEMENT, AFTER)]


@pytest.mark.parametrize("line", NEAR_MISSES)
def test_lines_near_that_furniture_stay_body(line: str) -> None:
    assert _between(line) == [(STATEMENT, BEFORE), (STATEMENT, line), (STATEMENT, AFTER)]


def test_a_market_and_its_year_are_no_address() -> None:
    # Near miss: after a name of one word ending as streets do, a year is no house's number.
    assert _between("Weihnachtsmarkt 2024")[1][0] is not CREDIT


@pytest.mark.parametrize(
    ("line", "english"),
    [
        ("Foto: Jana Roth", "Photo: Jana Roth"),
        ("FOTO: REUTERS", "PHOTO: REUTERS"),
        ("Fuente: Ministerio de Salud", "Source: Ministry of Health"),
        ("Фото: Анна Петрова", "Photo: Anna Petrova"),
        ("личный архив Анны Петровой", "Personal archive of Anna Petrova"),
        ("Arquivo pessoal", "Personal archive"),
        ("사진: 연합뉴스", "Photo: Yonhap"),
    ],
)
def test_credits_in_other_languages_read_as_the_english_ones(line: str, english: str) -> None:
    kinds = [kind for kind, _ in _between(line)]
    assert kinds == [kind for kind, _ in _between(english)]
    assert kinds[1:] == [CREDIT, STATEMENT]


WIDE_BEFORE = "市議会は月曜日、新しい橋の建設を承認した。"
WIDE_AFTER = "工事は春に始まる。"


@pytest.mark.parametrize(
    "line",
    [
        "\u3010责任编辑:张樵苏\u3011",
        "\uff08责任编辑\uff1a严玉洁 王辉\uff09",
        "\uff08編集\uff1a山田花子\uff09",
        "来源\uff1a中国日报网",
    ],
)
def test_an_editor_or_source_credit_at_a_chinese_or_japanese_story_s_foot(line: str) -> None:
    # Brackets around it, and the full-width colon, as those scripts write them.
    kinds = _kinds(f"{WIDE_BEFORE}\n{line}\n{WIDE_AFTER}")
    assert kinds == [(STATEMENT, WIDE_BEFORE), (CREDIT, line), (STATEMENT, WIDE_AFTER)]


def test_a_sentence_about_an_editorial_office_is_no_credit() -> None:
    line = "编辑部认为这是一个好主意。"
    kinds = _kinds(f"{WIDE_BEFORE}\n{line}\n{WIDE_AFTER}")
    assert kinds == [(STATEMENT, WIDE_BEFORE), (STATEMENT, line), (STATEMENT, WIDE_AFTER)]

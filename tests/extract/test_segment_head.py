"""Tests for stage ② segment: the lines above a pasted text's headline."""

from __future__ import annotations

import pytest
from pasted_page import EXCERPTS

from factcheck.extract.segment import segment_document
from factcheck.extract.segment_head import is_outlet_name
from factcheck.models import Document, SegmentKind

BYLINE = SegmentKind.BYLINE
TITLE = SegmentKind.TITLE
CREDIT = SegmentKind.CREDIT
RELATED = SegmentKind.RELATED
TAGS = SegmentKind.TAGS
DATELINE = SegmentKind.DATELINE
STATEMENT = SegmentKind.STATEMENT

HEADLINE = "Council raises ferry fares for a third year"
BODY = "The council voted on Tuesday to raise fares by 5 percent."


def _read(text: str) -> tuple[Document, list[tuple[SegmentKind, str]]]:
    doc, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return doc, [(s.kind, s.text) for s in segments]


@pytest.mark.parametrize(
    ("head", "kinds", "outlet"),
    [
        # A masthead over a navigation trail or a date names the publisher.
        (
            ["Example Tribune Online", "Home | News | Politics"],
            [CREDIT, RELATED],
            "Example Tribune Online",
        ),
        (["Example Tribune", "June 3, 2024"], [CREDIT, DATELINE], "Example Tribune"),
        (["Example-news.com"], [CREDIT], "Example-news.com"),
        # Navigation and a section label are no headline, and name no one.
        (["Home | News | Politics"], [RELATED], None),
        (["Home > World > Africa"], [RELATED], None),
        (["Opinion"], [TAGS], None),
        # Two words over a headline are a label, even an outlet's name without more evidence.
        (["Example Tribune"], [TAGS], None),
    ],
)
def test_lines_above_the_headline_are_not_the_title(
    head: list[str], kinds: list[SegmentKind], outlet: str | None
) -> None:
    doc, segments = _read("\n".join([*head, HEADLINE, BODY]) + "\n")
    assert (doc.title, doc.outlet) == (HEADLINE, outlet)
    assert dict(doc.provenance).get("outlet") == ("text" if outlet else None)
    assert segments == [*zip(kinds, head, strict=True), (TITLE, HEADLINE), (STATEMENT, BODY)]


def test_labels_stacked_above_the_headline_are_passed_over() -> None:
    byline = "Written by Jane Roe, MS, RD on June 3, 2024"
    head = ["Subscribe", "Health", "Evidence Based"]
    doc, segments = _read("\n".join([*head, HEADLINE, byline, BODY]) + "\n")
    assert (doc.title, doc.published) == (HEADLINE, "2024-06-03")
    assert [kind for kind, _ in segments] == [TAGS, TAGS, TAGS, TITLE, BYLINE, STATEMENT]


def test_an_official_text_names_its_issuer() -> None:
    text = (
        "Ministry of Example Affairs\nPress Release\nNew Delhi, 3 June 2024\n"
        "The ministry said on Monday that 1.2 million children were vaccinated in May.\n"
    )
    doc, segments = _read(text)
    assert (doc.title, doc.outlet, doc.published) == (
        None,
        "Ministry of Example Affairs",
        "2024-06-03",
    )
    assert [kind for kind, _ in segments][:3] == [CREDIT, TAGS, DATELINE]


@pytest.mark.parametrize(
    "text",
    [
        # A headline ending in an outlet's name, over a standfirst: the headline stays.
        f"Senator Sues Example Times\nThe suit accuses the paper of libel\n{BODY}\n",
        # An outlet's name right above the headline, with nothing else to say it is a masthead.
        f"The Example Daily Tribune\n{HEADLINE}\n{BODY}\n",
    ],
)
def test_a_headline_shaped_like_a_masthead_stays_the_title(text: str) -> None:
    doc, segments = _read(text)
    first = text.split("\n", 1)[0]
    assert (doc.title, doc.outlet) == (first, None)
    assert segments[0] == (TITLE, first)


def test_a_label_over_a_list_of_short_lines_stays_the_title() -> None:
    text = "GIRLS SOCCER\nNorth d. South 3-1\nNorth 2 1 — 3\nSouth 0 1 — 1\n"
    doc, segments = _read(text)
    assert doc.title == "GIRLS SOCCER"
    assert segments[:2] == [(TITLE, "GIRLS SOCCER"), (STATEMENT, "North d. South 3-1")]


@pytest.mark.parametrize(
    ("first", "kind"),
    [
        # An ID, a time stamp or an interface prompt above the headline is furniture.
        ("Article ID: 48213", DATELINE),
        ("48213", DATELINE),
        ("2024-06-03T10:42:00Z", DATELINE),
        ("Skip to main content", RELATED),
        ("Share on Facebook", RELATED),
        ("Listen to this article", RELATED),
    ],
)
def test_ids_stamps_and_prompts_above_the_headline_are_furniture(
    first: str, kind: SegmentKind
) -> None:
    doc, segments = _read(f"{first}\n{HEADLINE}\n{BODY}\n")
    assert doc.title == HEADLINE
    assert segments == [(kind, first), (TITLE, HEADLINE), (STATEMENT, BODY)]


@pytest.mark.parametrize("button", ["Learn More", "Accept & Close", "Got it"])
def test_a_notice_over_its_button_is_the_page_s(button: str) -> None:
    notice = "Welcome to our International Edition"
    doc, segments = _read(f"{notice}\n{button}\n{HEADLINE}\n{BODY}\n")
    assert doc.title == HEADLINE
    assert segments == [
        (RELATED, notice),
        (RELATED, button),
        (TITLE, HEADLINE),
        (STATEMENT, BODY),
    ]


@pytest.mark.parametrize(
    "below",
    [
        # Near misses: a headline over a link that is no notice's button, over a button on the
        # same line, and a sentence over a button.
        "Learn how ferry fares are set",
        "Share",
    ],
)
def test_a_headline_over_other_lines_stays_the_title(below: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{below}\n{BODY}\n")
    assert doc.title == HEADLINE
    assert segments[0] == (TITLE, HEADLINE)


def test_a_sentence_over_a_button_is_no_notice() -> None:
    sentence = "Fares rise again on the island route."
    _, segments = _read(f"{sentence}\nLearn More\n{BODY}\n")
    assert segments[0] == (STATEMENT, sentence)


CAPTION = "Crews at work on the new ferry pier. (Credit: Jo Lee/Example Images)"


def test_a_caption_with_its_credit_over_the_headline_is_passed_over() -> None:
    doc, segments = _read(f"{CAPTION}\n{HEADLINE}\nBy Jane Roe\n{BODY}\n")
    assert doc.title == HEADLINE
    assert segments[:3] == [
        (SegmentKind.CAPTION, "Crews at work on the new ferry pier."),
        (CREDIT, "(Credit: Jo Lee/Example Images)"),
        (TITLE, HEADLINE),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Near misses: a caption without its credit, a caption over a sentence.
        f"Crews at work on the new ferry pier.\n{HEADLINE}\nBy Jane Roe\n{BODY}\n",
        f"{CAPTION}\n{BODY}\nBy Jane Roe\n{BODY}\n",
    ],
)
def test_a_caption_is_passed_over_only_with_its_credit_over_a_headline(text: str) -> None:
    doc, segments = _read(text)
    assert doc.title is None
    assert TITLE not in {kind for kind, _ in segments}


QUESTION = "Will ferry fares rise again, and who will pay?"


@pytest.mark.parametrize(
    "below",
    [
        ["June 3, 2024"],
        ["By Jane Roe"],
        # Names without final punctuation over the date: a byline the text does not mark.
        ["Jane Roe and Jo Lee Example Gazette", "Published 10:02 AM June 3, 2024"],
    ],
)
def test_a_question_over_a_byline_or_a_date_is_the_headline(below: list[str]) -> None:
    doc, segments = _read("\n".join([QUESTION, *below, BODY]) + "\n")
    assert doc.title == QUESTION
    assert segments[0] == (TITLE, QUESTION)


@pytest.mark.parametrize(
    "below",
    [
        # Near misses: a question over the story, over a sentence then a date.
        [],
        ["The board meets on Tuesday.", "June 3, 2024"],
    ],
)
def test_a_question_over_the_story_is_no_headline(below: list[str]) -> None:
    doc, segments = _read("\n".join([QUESTION, *below, BODY]) + "\n")
    assert doc.title is None
    assert segments[0] == (SegmentKind.QUESTION, QUESTION)


@pytest.mark.parametrize(
    ("head", "kinds"),
    [
        # A link of the page's interface in the site's language, and a stamp in it with a
        # byline, which the sentence splitter does not cut at a day's full stop.
        (["Zurück zur Startseite"], [RELATED]),
        # A word or two right over the headline is a label, as in English.
        (["Voltar ao início", "Compartilhar Imprimir"], [RELATED, TAGS]),
        (
            ["Zurück zur Startseite", "Von Jane Roe veröffentlicht am 3. Juni 2024"],
            [RELATED, BYLINE],
        ),
        (["Publicado em 3 de junho de 2024 por Maria Silva"], [BYLINE]),
        (["Publicado em 3 de junho de 2024"], [DATELINE]),
        (["Posted 3 June 2024, 10:42"], [DATELINE]),
    ],
)
def test_interface_links_and_stamps_in_any_language_are_passed_over(
    head: list[str], kinds: list[SegmentKind]
) -> None:
    # A second paragraph of another length: the text is not read as wrapped at one width.
    doc, segments = _read("\n".join([*head, HEADLINE, BODY, LONGER_BODY]) + "\n")
    assert doc.title == HEADLINE
    assert [kind for kind, _ in segments] == [*kinds, TITLE, STATEMENT, STATEMENT]


LONGER_BODY = (
    "Commuters who cross the harbour every day said the rise would cost them more than two "
    "hundred dollars a year, and the council promised to review the fares in the spring."
)


@pytest.mark.parametrize(
    "first",
    [
        # Near misses: a headline with an interface word, a stamp's word without a figure, a
        # sentence of more words.
        "Suche nach dem verlorenen Schiff geht weiter",
        "Updated guidance for harbour ferries",
        "Published in 2019, the harbour plan was updated twice by the board since then",
    ],
)
def test_a_first_line_that_only_holds_an_interface_word_stays(first: str) -> None:
    doc, segments = _read(f"{first}\n{HEADLINE}\n{BODY}\n")
    assert segments[0][0] not in (RELATED, DATELINE)
    assert doc.published is None


def test_a_headline_opening_on_a_prompt_verb_stays_the_title() -> None:
    first = "Share prices fall as oil slides"
    doc, segments = _read(f"{first}\nTraders sold energy stocks all week\n{BODY}\n")
    assert doc.title == first
    assert segments[0] == (TITLE, first)


@pytest.mark.parametrize(
    ("line", "names", "published"),
    [
        # A person's name with a role, a date or a reading time is a byline without "By".
        ("Jane Roe, Senior Reporter", "Jane Roe", None),
        ("Jane Roe, Example News diplomatic correspondent", "Jane Roe", None),
        ("Jane Roe and John Doe, Staff Writers", "Jane Roe and John Doe", None),
        ("Jane Roe | June 3, 2024", "Jane Roe", "2024-06-03"),
        ("By Jane Roe \u2022 3 min read", "Jane Roe", None),
    ],
)
def test_a_name_with_a_role_date_or_reading_time_is_a_byline(
    line: str, names: str, published: str | None
) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n{BODY}\n")
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, names, published)
    assert segments == [(TITLE, HEADLINE), (BYLINE, line), (STATEMENT, BODY)]


@pytest.mark.parametrize(
    "line",
    [
        "Council Votes, Editor",  # no given name: a heading, not a person
        "Jane Roe",  # a name alone says nothing of its role
    ],
)
def test_a_name_without_a_given_name_or_a_role_is_no_byline(line: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n{BODY}\n")
    assert doc.byline is None
    assert BYLINE not in [kind for kind, _ in segments]


def test_a_box_of_links_a_comment_form_and_site_credits_are_furniture() -> None:
    story = [
        "The council voted on Tuesday to raise fares by 5 percent.",
        "The treasurer said the ferry service lost $4 million last year.",
        "Fares last rose in 2023, when the council cited fuel costs.",
    ]
    box = ["Most Popular", "Mayor resigns after audit finds $2 million missing", "June 1, 2024"]
    form = ["Leave a Reply", "Your email address will not be published.", "Name *"]
    text = "\n".join([HEADLINE, *story, *box, "Powered by Example CMS", *form]) + "\n"
    _, segments = _read(text)
    assert segments == [
        (TITLE, HEADLINE),
        *((STATEMENT, line) for line in story),
        (RELATED, box[0]),
        (RELATED, box[1]),
        (DATELINE, box[2]),
        (CREDIT, "Powered by Example CMS"),
        *((RELATED, line) for line in form),
    ]


@pytest.mark.parametrize(
    ("label", "policy", "stamp"),
    [
        (
            "Deja un comentario",
            "Los comentarios son responsabilidad de sus autores.",
            "hace 5 minutos",
        ),
        ("Kommentare (12)", "Bitte bleiben Sie sachlich.", "vor 5 Minuten"),
        ("Laisser un commentaire", "Merci de rester courtois.", "il y a 5 minutes"),
        ("Lascia un commento", "Sii gentile con gli altri.", "5 minuti fa"),
        ("Plaats een reactie", "Blijf beleefd.", "5 minuten geleden"),
        ("Comentar", "Seja educado com os outros.", "há 5 minutos"),
        ("Leave a comment", "Be kind to each other.", "5 minutes ago"),
    ],
)
def test_a_comment_thread_under_its_label_is_furniture_however_early(
    label: str, policy: str, stamp: str
) -> None:
    # The thread is longer than the story: its label, over comments with their times, ends the
    # story though it stands in the text's first half.
    story = [
        "The council voted on Tuesday to raise fares by 5 percent.",
        "The treasurer said the ferry service lost $4 million last year.",
    ]
    comment = "Fares are already too high for the people who ride every day."
    thread = [label, policy, stamp, comment, stamp, comment + " Again.", stamp, "I agree."]
    _, segments = _read("\n".join([HEADLINE, *story, *thread]) + "\n")
    assert [kind for kind, text in segments if text in story] == [STATEMENT] * 2
    assert {kind for kind, _ in segments[3:]} <= {TITLE, RELATED, DATELINE}


@pytest.mark.parametrize(
    "line",
    [
        "Comentarios del alcalde",  # more words than the label: a heading of the story's own
        "Kommentare",  # a label with no thread's times under it, early in the text
        "Leave a comment\n2 hours ago",  # one time under it: the story's own stamp
    ],
)
def test_a_comment_label_without_a_thread_under_it_early_leaves_the_story(line: str) -> None:
    story = [
        "The council voted on Tuesday to raise fares by 5 percent.",
        "The treasurer said the ferry service lost $4 million last year.",
        "Fares last rose in 2023, when the council cited fuel costs.",
        "The board will review the fares again next spring.",
        "A new boat is due in April.",
    ]
    _, segments = _read("\n".join([HEADLINE, story[0], line, *story[1:]]) + "\n")
    assert [kind for kind, text in segments if text in story] == [STATEMENT] * len(story)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Facebook: https://facebook.com/courier", RELATED),
        ("Twitter https://twitter.com/courier", RELATED),
        ("เฟซบุ๊ก https://fb.me/courier", RELATED),
        ("Donate via PayPal: https://paypal.me/courier", RELATED),
        ("Watch: https://www.youtube.com/watch?v=abc123", RELATED),
        ("Clique aqui: https://goo.gl/AbC123.", RELATED),
        # near misses: another site's address is the story's information, and a longer line
        # before a link is a sentence
        ("Ticket details: https://www.ferryfestival.example/", STATEMENT),
        ("Read the whole video at https://www.youtube.com/watch?v=abc123", STATEMENT),
    ],
)
def test_a_link_to_a_platform_after_a_short_label_is_furniture(
    line: str, kind: SegmentKind
) -> None:
    story = [
        BODY,
        "The treasurer said the ferry service lost $4 million last year.",
        "Fares last rose in 2023, when the council cited fuel costs.",
    ]
    _, segments = _read("\n".join([HEADLINE, *story, line]) + "\n")
    assert segments == [(TITLE, HEADLINE), *((STATEMENT, text) for text in story), (kind, line)]


@pytest.mark.parametrize("cut", [0, 1, 2])
def test_other_stories_excerpts_cut_short_in_a_row_are_furniture(cut: int) -> None:
    story = [
        BODY,
        "The treasurer said the ferry service lost $4 million last year.",
        "Fares last rose in 2023, when the council cited fuel costs.",
    ]
    # before the story, after it, or in the middle of the page
    lines = [*story[:cut], *EXCERPTS, *story[cut:]]
    _, segments = _read("\n\n".join([HEADLINE, *lines]) + "\n")
    assert [kind for kind, text in segments if text in story] == [STATEMENT] * len(story)
    excerpts = [kind for kind, text in segments if text not in story and text != HEADLINE]
    assert set(excerpts) == {RELATED}
    assert len(excerpts) >= len(EXCERPTS)


@pytest.mark.parametrize(
    "lines",
    [
        EXCERPTS[:2],  # two in a row: a story may trail off twice
        [EXCERPTS[0], BODY, EXCERPTS[1], BODY, EXCERPTS[2]],  # not in a row
        ["And then...", "Nothing...", "Silence..."],  # too short to be a headline and its lede
    ],
)
def test_paragraphs_that_trail_off_but_not_as_a_list_of_excerpts_stay(lines: list[str]) -> None:
    _, segments = _read("\n\n".join([HEADLINE, *lines]) + "\n")
    assert RELATED not in [kind for kind, _ in segments]


def test_a_label_before_the_story_goes_on_keeps_the_sentences() -> None:
    after = [
        "Powered by a late surge, the party won the seat.",
        "The treasurer said the ferry service lost $4 million last year.",
    ]
    _, segments = _read("\n".join([HEADLINE, BODY, "Read more", *after]) + "\n")
    assert segments[-2:] == [(STATEMENT, line) for line in after]


def test_a_press_release_head_is_furniture_and_its_headline_the_title() -> None:
    text = (
        "FOR IMMEDIATE RELEASE\nJune 3, 2024\nContact: press@example.gov\n"
        f"Governor Roe Announces $40 Million for Ferries\n{BODY}\n"
    )
    doc, segments = _read(text)
    assert (doc.title, doc.published) == (
        "Governor Roe Announces $40 Million for Ferries",
        "2024-06-03",
    )
    assert [kind for kind, _ in segments] == [TAGS, DATELINE, CREDIT, TITLE, STATEMENT]


def test_a_spokesperson_and_a_date_with_dots_head_a_statement() -> None:
    text = f"Press Statement\nJane Roe, Department Spokesperson\n03.06.2024\n{BODY}\n"
    doc, segments = _read(text)
    assert (doc.title, doc.byline, doc.published) == (None, "Jane Roe", "2024-06-03")
    assert [kind for kind, _ in segments] == [TAGS, BYLINE, DATELINE, STATEMENT]


@pytest.mark.parametrize(
    ("line", "names", "outlet"),
    [
        ("Jane Roe, The Example Courier-Journal", "Jane Roe", "The Example Courier-Journal"),
        ("By JANE ROE Associated Press", "JANE ROE", "Associated Press"),
        # A wire's byline: the agency's short name, then the writer's role.
        ("By JANE ROE AP Economics Writer", "JANE ROE", "AP"),
        ("By JANE ROE and JO LEE AP White House Correspondents", "JANE ROE and JO LEE", "AP"),
        (
            "By JANE ROE, JO LEE and AL POE Associated Press",
            "JANE ROE, JO LEE and AL POE",
            "Associated Press",
        ),
        ("By JANE ROE Associated Press Writer", "JANE ROE", "Associated Press"),
        # Near miss: a role alone names no outlet.
        ("By JANE ROE Staff Writer", "JANE ROE", None),
        # The outlet's name without the role after it.
        ("By Jane Roe, Example Times chief political correspondent", "Jane Roe", "Example Times"),
        # An outlet's name in capitals run into the last name.
        ("By Jane RoeCNN", "Jane Roe", "CNN"),
        # A contributor's outlet after "for".
        ("By Jane Roe, for The Example Review", "Jane Roe", "The Example Review"),
    ],
)
def test_a_byline_with_its_outlet(line: str, names: str, outlet: str | None) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n{BODY}\n")
    assert (doc.byline, doc.outlet) == (names, outlet)
    assert segments[1] == (BYLINE, line)


def test_a_name_and_a_place_is_no_byline() -> None:
    doc, segments = _read(f"{HEADLINE}\nJane Roe, Springfield\n{BODY}\n")
    assert (doc.byline, doc.outlet) == (None, None)
    assert BYLINE not in [kind for kind, _ in segments]


def test_a_long_line_of_stamps_is_a_dateline() -> None:
    stamps = "Published 10:42 a.m. ET June 3, 2024 | Updated 1:15 p.m. ET June 3, 2024"
    doc, segments = _read(f"{HEADLINE}\n{stamps}\n{BODY}\n")
    assert doc.published == "2024-06-03"
    assert segments == [(TITLE, HEADLINE), (DATELINE, stamps), (STATEMENT, BODY)]


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Example Courier-Journal", True),  # a part of a hyphened word
        ("EXAMPLE NEWS", True),  # in capitals
        ("ExamplePost", True),  # glued to the name's first part
        ("Example Broadcasting Corporation", True),
        ("The Example Times'", True),  # with a closing mark
        ("Examplenews", False),  # inside a word
        ("Springfield", False),
        ("Jane Roe", False),
    ],
)
def test_an_outlet_name_is_told_by_its_words(name: str, outlet: bool) -> None:
    # One check serves the byline, masthead and publisher rules alike.
    assert is_outlet_name(name) is outlet


@pytest.mark.parametrize(
    ("credit", "outlet"),
    [
        ("Photo: Dana Pike, AP", None),  # a picture's credit names its agency, not the outlet
        ("Photo: Dana Pike, Example Tribune", None),
        ("TheExampleTribune.com", "TheExampleTribune.com"),  # near miss: a masthead
    ],
)
def test_a_picture_credit_above_the_headline_is_no_masthead(
    credit: str, outlet: str | None
) -> None:
    doc, _ = _read(f"{credit}\n{HEADLINE}\nBy Jane Roe\n{BODY}\n")
    assert (doc.title, doc.outlet) == (HEADLINE, outlet)


SITE_HEAD = ["Welcome to Example.net", "Mon, 25 Dec 2023", "News for People Who Read", "World"]


@pytest.mark.parametrize(
    ("stamp", "kinds", "byline"),
    [
        (["Jane Roe", "The Example Gazette"], [BYLINE, CREDIT], "Jane Roe"),
        (["Jane Roe"], [BYLINE], "Jane Roe"),
        ([], [], None),
    ],
)
def test_a_site_s_greeting_and_date_over_a_dated_headline_are_the_site_s(
    stamp: list[str], kinds: list[SegmentKind], byline: str | None
) -> None:
    # The site's greeting over its date of the day, a motto and a section, then the story's
    # headline over its author, its outlet and its own date: the story's are the later ones.
    date = "Thu, 14 May 2020 17:55 UTC"
    text = "\n".join([*SITE_HEAD, HEADLINE, *stamp, date, BODY]) + "\n"
    doc, segments = _read(text)
    assert (doc.title, doc.published, doc.byline) == (HEADLINE, "2020-05-14", byline)
    assert segments == [
        (RELATED, SITE_HEAD[0]),
        (DATELINE, SITE_HEAD[1]),
        (RELATED, SITE_HEAD[2]),
        (RELATED, SITE_HEAD[3]),
        (TITLE, HEADLINE),
        *zip(kinds, stamp, strict=True),
        (DATELINE, date),
        (STATEMENT, BODY),
    ]


def test_a_headline_over_its_date_and_an_undated_subheading_stays_the_title() -> None:
    # Near miss: the second short line has no date under it; the first is the headline.
    sub = "Riders face a third rise in three years"
    doc, segments = _read(f"{HEADLINE}\nJune 3, 2024\n{sub}\n{BODY}\n")
    assert (doc.title, doc.published) == (HEADLINE, "2024-06-03")
    assert segments[:2] == [(TITLE, HEADLINE), (DATELINE, "June 3, 2024")]


def test_a_dated_headline_under_a_body_sentence_is_not_looked_for() -> None:
    # Near miss: the body has started before the second date, which is then the story's own.
    first = "The council met on Tuesday."
    doc, segments = _read(f"{first}\nJune 3, 2024\n{HEADLINE}\nJune 4, 2024\n{BODY}\n")
    assert doc.title is None
    assert doc.published == "2024-06-03"
    assert segments[0] == (STATEMENT, first)


def test_a_date_above_the_headline_gives_way_to_the_one_under_it() -> None:
    doc, _ = _read(f"June 2, 2024\n{HEADLINE}\nBy Jane Roe\nJune 3, 2024\n{BODY}\n")
    assert (doc.title, doc.published) == (HEADLINE, "2024-06-03")
    # Near miss: with no date under the headline, the one above it is the story's.
    doc, _ = _read(f"June 2, 2024\n{HEADLINE}\nBy Jane Roe\n{BODY}\n")
    assert (doc.title, doc.published) == (HEADLINE, "2024-06-02")


@pytest.mark.parametrize(
    ("head", "kinds", "outlet"),
    [
        # An institution's long name over "Press Release".
        (
            ["Ministry of Foreign Affairs of the Example Republic", "Press Release"],
            [CREDIT, TAGS],
            "Ministry of Foreign Affairs of the Example Republic",
        ),
        # A letterhead over the issuing office, its release label and date.
        (
            ["THE EXAMPLE HOUSE", "Office of the Press Secretary", "FOR IMMEDIATE RELEASE"],
            [CREDIT, CREDIT, TAGS],
            "Office of the Press Secretary",
        ),
    ],
)
def test_an_official_text_s_head_names_its_issuer_over_its_headline(
    head: list[str], kinds: list[SegmentKind], outlet: str
) -> None:
    more = (
        "Riders said the rise would hurt commuters who cross every day, and the council will "
        "review the fares again next spring."
    )
    text = "\n".join([*head, "", HEADLINE, "", BODY, "", more]) + "\n"
    doc, segments = _read(text)
    assert (doc.title, doc.outlet) == (HEADLINE, outlet)
    assert segments == [
        *zip(kinds, head, strict=True),
        (TITLE, HEADLINE),
        (STATEMENT, BODY),
        (STATEMENT, more),
    ]


def test_a_name_over_a_headline_with_no_issuing_office_is_no_letterhead() -> None:
    # Near miss: a proper name over a line that is no institution's stays the headline.
    doc, segments = _read(f"THE EXAMPLE HOUSE\nPress Secretary Jane Roe\n{BODY}\n")
    assert doc.title == "THE EXAMPLE HOUSE"
    assert segments[0] == (TITLE, "THE EXAMPLE HOUSE")


@pytest.mark.parametrize(
    "stamp",
    [
        "Posted by Jane Roe on June 3, 2024",
        "Published on June 3, 2024 by Jane Roe",
        "Posted on June 3, 2024 at 10:42 am by Jane Roe",
        "June 3, 2024 by Jane Roe",
    ],
)
def test_a_blog_s_stamp_gives_the_date_and_the_author(stamp: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{stamp}\n\n{BODY}\n")
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, "Jane Roe", "2024-06-03")
    assert segments == [(TITLE, HEADLINE), (BYLINE, stamp), (STATEMENT, BODY)]


def test_a_sentence_with_a_date_and_an_agent_is_no_stamp() -> None:
    # Near miss: the body's "passed on June 3, 2024 by Congress" is a sentence.
    sentence = "The law was passed on June 3, 2024 by Congress."
    doc, segments = _read(f"{HEADLINE}\n\n{sentence}\n\n{BODY}\n")
    assert doc.byline is None
    assert segments[1] == (STATEMENT, sentence)


@pytest.mark.parametrize(
    ("author", "byline", "outlet"),
    [
        ("Jane Roe", "Jane Roe", None),
        # A name then its outlet's, as a network of local papers prints its authors.
        ("Jane Roe Example Today", "Jane Roe", "Example Today"),
        ("Jane Roe EXAMPLE TODAY", "Jane Roe", "EXAMPLE TODAY"),
        ("Jane Roe Example Free Press", "Jane Roe", "Example Free Press"),
        # Two or three authors before the outlet, or the outlet's staff.
        ("Jane Roe and Tom Lee Example Today", "Jane Roe, Tom Lee", "Example Today"),
        ("Jane Roe, Tom Lee & Al Poe Example Today", "Jane Roe, Tom Lee, Al Poe", "Example Today"),
        ("Example News wire services", None, "Example News"),  # no name in lower case
        ("Example Tribune Staff", "Example Tribune Staff", "Example Tribune"),
    ],
)
def test_a_name_over_the_date_stamp_under_the_headline_is_the_byline(
    author: str, byline: str | None, outlet: str | None
) -> None:
    stamp = "Published 2:16 AM EST Nov 20, 2019"
    doc, segments = _read(f"{HEADLINE}\n{author}\n{stamp}\n{BODY}\n")
    assert (doc.title, doc.byline, doc.outlet, doc.published) == (
        HEADLINE,
        byline,
        outlet,
        "2019-11-20",
    )
    assert segments == [(TITLE, HEADLINE), (BYLINE, author), (DATELINE, stamp), (STATEMENT, BODY)]


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: names of no people, a fourth author, a company's services.
        "Apple and Google Example Today",
        "Jane Roe, Tom Lee, Mary Poe and Ann Lee",
        "Example Health Services",
    ],
)
def test_other_lines_over_the_date_stamp_are_no_byline(line: str) -> None:
    stamp = "Published 2:16 AM EST Nov 20, 2019"
    doc, segments = _read(f"{HEADLINE}\n{line}\n{stamp}\n{BODY}\n")
    assert doc.byline is None
    assert segments[1][0] is not BYLINE


@pytest.mark.parametrize("top", ["", "Welcome to Example Today\nLearn More\n"])
def test_names_under_a_headline_that_asks_over_the_date_stamp_are_the_byline(top: str) -> None:
    headline = "Will the riders pay the new ferry fares?"
    names, stamp = "Jane Roe and Tom Lee Example Today", "Published 2:16 AM EST Nov 20, 2019"
    doc, segments = _read(f"{top}{headline}\n{names}\n{stamp}\n{BODY}\n")
    assert (doc.byline, doc.outlet, doc.published) == (
        "Jane Roe, Tom Lee",
        "Example Today",
        "2019-11-20",
    )
    assert segments[-3:] == [(BYLINE, names), (DATELINE, stamp), (STATEMENT, BODY)]


def test_a_name_under_a_reader_s_question_is_no_byline() -> None:
    # Near miss: under the story's sentences, a question is a reader's comment, and the name
    # over a date under it signs the next.
    question = "Will the fares rise again next year?"
    doc, segments = _read(f"{HEADLINE}\n\n{BODY}\n\n{question}\nJane Roe\nJune 3, 2024\n")
    assert doc.byline is None
    assert (STATEMENT, "Jane Roe") in segments


@pytest.mark.parametrize("label", ["Publish date:", "Date published:", "Updated:"])
def test_a_label_on_the_line_over_a_date_stamp_is_the_stamp_s(label: str) -> None:
    doc, segments = _read(f"{HEADLINE}\nBy Jane Roe\n{label}\nNov 18, 2019\n\n{BODY}\n")
    assert segments[2:] == [(DATELINE, label), (DATELINE, "Nov 18, 2019"), (STATEMENT, BODY)]
    assert doc.published == "2019-11-18"


def test_a_commenter_s_name_over_a_date_is_no_date_label() -> None:
    # Near miss: a line ending with a colon without a word of dates, as a comment opens.
    _, segments = _read(f"{HEADLINE}\n\n{BODY}\n\njane says:\nNov 18, 2019\n")
    assert segments[2][1] == "jane says:"
    assert segments[2][0] is not DATELINE


def test_a_name_over_a_date_under_a_sentence_is_no_byline() -> None:
    # Near miss: under a body sentence, a name over a date signs a reader's comment.
    comment = "Thanks for the clear report."
    doc, segments = _read(f"{HEADLINE}\n\n{BODY}\n\n{comment}\nJane Roe\nJune 3, 2024\n")
    assert doc.byline is None
    assert (STATEMENT, "Jane Roe") in segments


@pytest.mark.parametrize(
    "stamp", ["Monday 6:30PM", "Friday, 5:11 PM", "Fri 5:11pm", "Monday at 6:30 p.m."]
)
def test_a_weekday_and_a_time_are_a_stamp_that_gives_no_date(stamp: str) -> None:
    doc, segments = _read(f"{HEADLINE}\nBy Jane Roe\n{stamp}\n\n{BODY}\n")
    assert segments == [
        (TITLE, HEADLINE),
        (BYLINE, "By Jane Roe"),
        (DATELINE, stamp),
        (STATEMENT, BODY),
    ]
    assert doc.published is None  # no day of the month: the date is not guessed


def test_a_weekday_and_a_figure_in_a_sentence_are_no_stamp() -> None:
    # Near miss: a line that opens on a weekday and a figure is a headline or a sentence.
    line = "Monday 6 riders won the harbour race"
    doc, segments = _read(f"{line}\n\n{BODY}\n")
    assert doc.title == line
    assert segments[0] == (TITLE, line)


@pytest.mark.parametrize("label", ["By", "BY", "Author:"])
def test_by_alone_on_its_line_over_a_name_is_the_byline(label: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{label}\nJane Roe\nJune 3, 2024\n\n{BODY}\n")
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, "Jane Roe", "2024-06-03")
    assert segments[:3] == [(TITLE, HEADLINE), (BYLINE, label), (BYLINE, "Jane Roe")]


def test_by_alone_over_a_sentence_is_no_byline() -> None:
    # Near miss: "By" over a line that is no name.
    line = "The council voted to raise fares again."
    _, segments = _read(f"{HEADLINE}\nBy\n{line}\n\n{BODY}\n")
    assert (BYLINE, line) not in segments


STORY = [
    BODY,
    "Riders said the rise would hurt commuters who cross every day.",
    "The board will review the fares again next spring.",
    "Two new boats will join the route in the summer.",
]


def test_a_name_under_another_story_s_headline_after_the_story_is_not_its_byline() -> None:
    # A box of other stories after the story, each a headline over "By" and its author's name:
    # the story has no byline of its own, and is given none.
    box = ["Storm closes coastal road for the weekend", "By", "Jo Lee", "Library opens a room"]
    doc, segments = _read("\n".join([HEADLINE, "", *STORY, "", *box]) + "\n")
    assert doc.byline is None
    assert (BYLINE, "Jo Lee") in segments


def test_a_byline_under_the_story_s_date_at_its_end_is_its_byline() -> None:
    # A story that ends with its date stamp, then "By" and the author's name.
    end = ["Published 3 June 2024", "By", "Jane Roe", "Sources"]
    doc, _ = _read("\n".join([HEADLINE, "", *STORY, "", *end]) + "\n")
    assert doc.byline == "Jane Roe"


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Roe@janeroe Jun 3, 2024, 11:47am EDT",  # the handle run into the name
        "By Jane Roe @janeroe Jun 3, 2024, 11:47am EDT",
        "By Jane Roe | @janeroe",
    ],
)
def test_a_byline_with_the_author_s_handle_gives_the_name(line: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n\n{BODY}\n")
    assert (doc.title, doc.byline) == (HEADLINE, "Jane Roe")
    assert segments == [(TITLE, HEADLINE), (BYLINE, line), (STATEMENT, BODY)]


@pytest.mark.parametrize(
    ("line", "byline", "outlet"),
    [
        ("By Jane Roe - 06/03/24 10:42 AM EDT", "Jane Roe", None),
        ("By Jane Roe | Special to the Example Press", "Jane Roe", None),
        ("By Jane Roe - Staff Writer 2024-06-03T10:42:00Z Science", "Jane Roe", None),
        ("By Jane Roe On 6/3/24 at 4:00 PM EDT", "Jane Roe", None),
        ("By Jane Roe, Monday, 3 June 2024 08:05 GMT", "Jane Roe", None),
        ("By Jane Roe 2 days ago", "Jane Roe", None),
        ("By Jane Roe jroe@example.org (555) 555-0100", "Jane Roe", None),
        ("By Jane Roe, Jo del Lee and Al Poe, CNN", "Jane Roe, Jo del Lee, Al Poe", "CNN"),
        ("By Jane A. Roe , Jo Lee, and Al Poe, CNN", "Jane A. Roe, Jo Lee, Al Poe", "CNN"),
        ("By Jane Roe, Example.com", "Jane Roe", "Example.com"),
    ],
)
def test_a_byline_with_its_stamp_role_or_outlet_in_any_form_gives_the_names(
    line: str, byline: str, outlet: str | None
) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n\n{BODY}\n")
    assert (doc.title, doc.byline, doc.outlet) == (HEADLINE, byline, outlet)
    assert segments[1] == (BYLINE, line)


@pytest.mark.parametrize(
    "line",
    [
        # Near misses: "By" opening a sentence, a name followed by a sentence's words.
        "By Sunday, the council will have voted on the fares.",
        "By Christmas Day 2024 the new boats will be in service",
        "By Executive Order the mayor froze the fares",
    ],
)
def test_a_sentence_opening_with_by_is_no_byline(line: str) -> None:
    doc, segments = _read(f"{HEADLINE}\n{line}\n\n{BODY}\n")
    assert doc.byline is None
    assert segments[1][0] is not BYLINE


def test_by_and_capitalised_words_with_no_stamp_and_no_given_name_is_a_title() -> None:
    # Near miss: "By Any Means Necessary" names no one; "By Jane Roe" alone does.
    doc, _ = _read(f"{HEADLINE}\nBy Any Means Necessary\n\n{BODY}\n")
    assert doc.byline is None

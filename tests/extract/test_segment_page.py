"""Tests for stage ② segment: a whole web page pasted as text (select all, copy, paste).

Every page here is made up; near misses (a story's own short list, a teaser above the story, a
sentence about cookies) stay as they were.
"""

from __future__ import annotations

import pytest
from pasted_page import BODY, BYLINE_LINE, EXCERPTS, HEADLINE, MENU, STAMP

from factcheck.extract.segment import segment_document
from factcheck.extract.segment_text import split_blocks
from factcheck.models import Document, SegmentKind

TITLE = SegmentKind.TITLE
BYLINE = SegmentKind.BYLINE
DATELINE = SegmentKind.DATELINE
RELATED = SegmentKind.RELATED
STATEMENT = SegmentKind.STATEMENT

TODAY = "Friday, March 8, 2024"
SHARE = ["Share", "Tweet", "Email", "Print"]
FOOTER = [
    "Most Read",
    "Storm closes coastal road for the weekend",
    "Library opens a new reading room downtown",
    "Council names the winner of its garden prize",
    "School choir to sing at the spring fair",
    "About Us",
    "Contact",
    "Advertise",
    "Privacy Policy",
    "Terms of Use",
    "Careers",
    "The Example Harbour Courier is a member of the Example Press Council and follows its "
    "code of practice on accuracy.",
]


def _read(lines: list[str]) -> tuple[Document, list[tuple[SegmentKind, str]]]:
    text = "\n".join(lines) + "\n"
    doc, segments = segment_document(Document(source="test", text=text, sha256="0" * 64))
    return doc, [(s.kind, s.text) for s in segments]


def test_a_pasted_page_is_read_around_its_story() -> None:
    doc, segments = _read(
        [TODAY, *MENU, HEADLINE, BYLINE_LINE, STAMP, *SHARE, *BODY, *SHARE, *FOOTER]
    )
    assert (doc.title, doc.byline, doc.published) == (HEADLINE, "Jane Roe", "2024-03-05")
    assert segments == [
        (DATELINE, TODAY),  # the site's date of the day, not the story's
        *((RELATED, line) for line in MENU),
        (TITLE, HEADLINE),
        (BYLINE, BYLINE_LINE),
        (DATELINE, STAMP),
        *((RELATED, line) for line in SHARE),
        *((STATEMENT, line) for line in BODY),
        *((RELATED, line) for line in SHARE),
        *((RELATED, line) for line in FOOTER),
    ]


def test_a_teaser_above_the_story_is_not_its_headline() -> None:
    # Another story's headline stands nearer the first paragraph than the story's own; the
    # headline is the line that shares the first paragraphs' words.
    teaser = "Library opens a new reading room downtown"
    _, segments = _read([*MENU, HEADLINE, BYLINE_LINE, teaser, STAMP, *BODY])
    assert segments[len(MENU)] == (TITLE, HEADLINE)
    assert (RELATED, teaser) in segments


def test_a_teaser_printed_twice_and_a_label_printed_thrice_are_the_page_s() -> None:
    teaser = "Ferry captain retires after forty years"
    label = "Local News"
    lines = [*MENU, HEADLINE, *BODY, label, teaser, teaser, label, BODY[0], label]
    _, segments = _read(lines)
    assert [kind for kind, text in segments if text == teaser] == [RELATED] * 2
    below = segments[len(MENU) + 1 :]
    assert [kind for kind, text in below if text == label] == [RELATED] * 3
    assert [kind for kind, text in below if text in BODY] == [STATEMENT] * 4 + [RELATED]


@pytest.mark.parametrize(
    "between",
    [
        "Harbour News > Ferry Fares > Island Route",  # a breadcrumb trail shares the words
        "Posted in Harbour ferry fares | Permalink | Island route",  # so does a row of links
        "Updated 10:42 a.m. harbour ferry fares",  # a stamp with its time
    ],
)
def test_a_line_with_the_story_s_words_but_a_furniture_shape_is_not_the_headline(
    between: str,
) -> None:
    _, segments = _read([*MENU, HEADLINE, between, *BODY])
    assert segments[len(MENU)] == (TITLE, HEADLINE)


BOX = [
    "More on this story",
    "Storm closes coastal road for the weekend",
    "Library opens a new reading room downtown",
    "Council names the winner of its garden prize",
    "School choir to sing at the spring fair",
    "Bakery wins regional bread award",
    "Museum extends its summer opening hours",
    "Marathon route changes for the city centre",
]
MORE = [
    "Ferry fares on the island route have risen faster than bus fares, the harbour board's "
    "own figures show.",
    "The harbour board said the new boats would cut the evening crossing time by ten minutes.",
]
COMMENTS = [
    "Great article, I always wondered about this stuff and now I know where my money goes.",
    "Honestly my cat could run a better transport service than these clowns do every winter.",
]


def test_the_story_is_the_stretch_that_outweighs_the_lines_around_it() -> None:
    # A short list of links inside the story weighs less than the paragraphs on both sides of
    # it: the story goes on. A long box weighs more than the paragraphs after it: those are
    # the page's (another story's summary).
    short = BOX[1:4]
    _, segments = _read([*MENU, HEADLINE, *BODY, *short, *MORE, *BODY])
    assert [kind for kind, text in segments if text in MORE] == [STATEMENT] * 2
    _, segments = _read([*MENU, HEADLINE, *BODY, *BOX, *MORE])
    assert [kind for kind, text in segments if text in MORE] == [RELATED] * 2


def test_lines_of_the_story_s_own_between_its_paragraphs_stay_its() -> None:
    # Short lines with figures (a plan, a table's rows) are no list of links: they weigh their
    # words, and the paragraphs around them outweigh them.
    plan = ["Day 1", "Walk for 20 minutes", "Day 2", "Swim 10 lengths", "Day 3", "Rest"]
    _, segments = _read([*MENU, HEADLINE, *BODY[:2], *plan, *BODY[2:], *FOOTER])
    assert [kind for kind, text in segments if text in plan] == [STATEMENT] * 6
    assert [kind for kind, text in segments if text in BODY] == [STATEMENT] * 4


@pytest.mark.parametrize(
    ("marks", "kind"),
    [
        (["jane_r says:", "Reply", "tom88 says:", "Reply"], RELATED),
        (
            ["Jo Roe on March 5, 2024 at 4:47 pm said:", "Sam on March 6, 2024 at 9:02 am said:"],
            RELATED,
        ),
        (["March 5, 2024 at 4:47 pm", "March 6, 2024 at 9:02 am"], RELATED),
        (["2 days ago at 7:52 am", "3 days ago at 9:02 am"], RELATED),
        (["3 thoughts on “Harbour ferry fares rise”"], RELATED),
        # The form to write a comment: the fields it requires.
        (["Name *", "Email *"], RELATED),
        (["Nombre (*):", "Correo electrónico (*):"], RELATED),
        # Near misses: one mark is no thread; a speaker introduced at length is the story's; the
        # times of a live report have no day, or no time of day; a count of other things heads
        # no thread.
        (["10:32 am", "10:47 am"], STATEMENT),
        (["2 hours ago", "1 hour ago"], STATEMENT),
        (["3 boats on the island route"], STATEMENT),
        (["jane_r says:"], STATEMENT),
        (["Name *"], STATEMENT),
        (["Key facts:", "Background:"], STATEMENT),
        (
            ["The harbour master, who has run the port for years, says:", "Her deputy says:"],
            STATEMENT,
        ),
    ],
)
def test_a_thread_of_comments_after_the_story_is_the_page_s(
    marks: list[str], kind: SegmentKind
) -> None:
    lines = [*MENU, HEADLINE, *BODY, marks[0], COMMENTS[0], *marks[1:], COMMENTS[1]]
    _, segments = _read(lines)
    assert [k for k, text in segments if text in COMMENTS] == [kind] * 2
    assert [k for k, text in segments if text in BODY] == [STATEMENT] * 4


ON_THE_STORY = [  # each comment, then the votes it got
    "The harbour board raised the ferry fares again and the commuters pay for the new boats. The"
    " board never listens to the island.",
    "Votes: 3 up 1 down",
    "The board should review the fares before the new boat enters service on the island route."
    " Commuters cross every day and pay more.",
    "Votes: 1 up 4 down",
]


@pytest.mark.parametrize(
    "form",
    [
        ["Leave a Reply", "Your email address will not be published.", "Name *", "Email *"],
        ["Comentar", "Normas de uso", "Nombre (*):", "Correo electrónico (*):", "Comentario:"],
    ],
)
def test_a_comment_form_over_the_thread_is_the_page_s(form: list[str]) -> None:
    # Its label comes before the middle of the text (a long thread follows), no time of a
    # comment follows it, and the comments talk of the story in its words: the fields the form
    # requires tell it.
    lines = [*MENU, HEADLINE, *BODY, *form, *ON_THE_STORY * 3]
    _, segments = _read(lines)
    prose = {STATEMENT, SegmentKind.CLAIM, SegmentKind.QUESTION, SegmentKind.OPINION}
    assert [text for kind, text in segments if kind in prose] == BODY


def test_paragraphs_of_other_words_after_a_box_are_the_page_s() -> None:
    # Comments after the box bring words of their own: the story ended before the box.
    _, segments = _read([*MENU, HEADLINE, *BODY, *BOX, *COMMENTS])
    assert [kind for kind, text in segments if text in COMMENTS] == [RELATED] * 2


def test_a_time_told_from_now_is_a_stamp() -> None:
    _, segments = _read([BODY[0], "3 hours ago", "2 days ago at 7:52 am", BODY[1]])
    assert [kind for kind, _ in segments] == [STATEMENT, DATELINE, DATELINE, STATEMENT]


@pytest.mark.parametrize(
    "line",
    [
        "hace 28 minutos",
        "Hace una hora",
        "há 3 horas",
        "3 horas atrás",
        "il y a 2 heures",
        "Il y a une heure",
        "vor 5 Minuten",
        "vor einer Stunde",
        "2 ore fa",
        "un'ora fa",
        "3 uur geleden",
        "een dag geleden",
        "Publicado hace 2 horas",
        "Aktualisiert vor 3 Stunden",
    ],
)
def test_a_time_told_from_now_in_a_page_language_is_a_stamp(line: str) -> None:
    _, segments = _read([BODY[0], line, BODY[1]])
    assert [kind for kind, _ in segments] == [STATEMENT, DATELINE, STATEMENT]


@pytest.mark.parametrize(
    "line",
    [
        "Hace 28 minutos, el puente cerró.",  # a sentence that starts with one
        "hace 28 años",  # years: a story's own time, not a stamp
        "Vor 5 Minuten war alles ruhig",
        "2 ore fa e ancora niente",
    ],
)
def test_a_sentence_that_opens_on_a_time_from_now_is_no_stamp(line: str) -> None:
    _, segments = _read([BODY[0], line, BODY[1]])
    assert DATELINE not in [kind for kind, _ in segments]


def test_a_share_bar_under_the_standfirst_does_not_end_the_story() -> None:
    standfirst = "Commuters face higher fares again as the board pays for two new boats."
    _, segments = _read([*MENU, HEADLINE, standfirst, *SHARE, *SHARE, *BODY])
    assert [kind for kind, text in segments if text in BODY] == [STATEMENT] * len(BODY)


def test_a_story_with_its_own_short_list_is_no_pasted_page() -> None:
    # Three short lines of the story's own are not a site's menu: nothing changes.
    points = ["Faster boats", "Later sailings", "Cheaper season tickets"]
    doc, segments = _read([HEADLINE, BODY[0], *points, *BODY[1:]])
    assert doc.title == HEADLINE
    assert [kind for kind, text in segments if text in points] == [STATEMENT] * 3


def test_a_long_list_of_links_is_the_site_s_anywhere() -> None:
    # Six short lines without figures in a row: a menu, even with no headline found.
    _, segments = _read([BODY[0], *MENU, BODY[1]])
    assert segments == [(STATEMENT, BODY[0]), *((RELATED, m) for m in MENU), (STATEMENT, BODY[1])]


def test_a_list_with_figures_is_the_story_s() -> None:
    ingredients = ["2 cups flour", "1 tsp salt", "3 eggs", "1 cup milk", "2 tbsp butter", "1 egg"]
    _, segments = _read([BODY[0], *ingredients, BODY[1]])
    assert [kind for kind, text in segments if text in ingredients] == [STATEMENT] * 6


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("We use cookies to improve your experience on our site.", RELATED),
        ("By continuing to browse this site, you agree to our use of cookies.", RELATED),
        ("Please read our cookie policy before you go on.", RELATED),
        # Near misses: cookies in a story, not the site speaking of its own.
        ("The bakery sold ten thousand cookies at the spring fair.", STATEMENT),
        ("Volunteers said the cookies ran out by noon.", STATEMENT),
    ],
)
def test_a_cookie_banner_is_the_site_s_notice(line: str, kind: SegmentKind) -> None:
    _, segments = _read([BODY[0], line, BODY[1]])
    assert segments[1] == (kind, line)


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A byline under a headline starts a line of its own, in lower case or not.
        (f"{HEADLINE}\nby Jane Roe", [HEADLINE, "by Jane Roe"]),
        # A heading in title case ends with its line; a sentence's last small word goes on.
        ("Best Of\nTravel", ["Best Of", "Travel"]),
        (
            "The strike hit the tower and\nThe school next to it.",
            ["The strike hit the tower and\nThe school next to it."],
        ),
        (
            "The boats were late and\nthe crews tired.",
            ["The boats were late and\nthe crews tired."],
        ),
    ],
)
def test_lines_of_a_page_stay_apart(text: str, blocks: list[str]) -> None:
    assert [text[a:b] for a, b in split_blocks(text)] == blocks


def test_by_any_means_opens_no_byline() -> None:
    _, segments = _read(["By Any Means Necessary", BODY[0]])
    assert segments[0][0] is not BYLINE


def test_a_headline_that_asks_may_head_the_story_s_stretch() -> None:
    # A question weighs as a sentence and opens the story's stretch: it is still its headline.
    question = "Will harbour ferry fares rise for a third year running?"
    doc, segments = _read([*MENU, question, *BODY, *FOOTER])
    assert doc.title == question
    assert segments[len(MENU)] == (TITLE, question)


STANDFIRST = (
    "Ferry fares rise again as the harbour board voted to raise fares by five percent for two "
    "new boats"
)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # A standfirst longer than the headline shares more of the story's words, and the
        # headline's words: the headline is the shorter line above it.
        ([HEADLINE, STANDFIRST], HEADLINE),
        # Near miss: a shorter line above the headline that shares none of its words is another
        # story's teaser.
        (["Library opens a new reading room downtown", HEADLINE], HEADLINE),
    ],
)
def test_a_headline_over_its_standfirst_is_the_headline(lines: list[str], title: str) -> None:
    doc, _ = _read([*MENU, *lines, *BODY, *FOOTER])
    assert doc.title == title


def test_a_pasted_page_without_a_headline_still_ends_with_its_story() -> None:
    # No line above the story reads as a headline (a short one is left out): the links above
    # the story still make the text a page, and what follows the story is the page's.
    _, segments = _read([*MENU, "Fares rise", *BODY, *BOX, *MORE])
    assert [kind for kind, text in segments if text in BODY] == [STATEMENT] * 4
    assert [kind for kind, text in segments if text in MORE] == [RELATED] * 2
    # Near miss: the same text without the links above is an article, read as it was.
    _, segments = _read(["Fares rise", *BODY, *BOX, *MORE])
    assert [kind for kind, text in segments if text in MORE] == [STATEMENT] * 2


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        # The date of an update, cut from its "Updated" on the same line, is not the story's.
        ("Updated 0412 GMT (1212 HKT) March 6, 2024", None),
        ("Updated 04:12 GMT March 6, 2024", None),
        # Near miss: a date of its own under the byline is the story's.
        ("March 6, 2024", "2024-03-06"),
    ],
)
def test_an_update_s_date_is_not_the_story_s(stamp: str, published: str | None) -> None:
    doc, _ = _read([*MENU, HEADLINE, BYLINE_LINE, stamp, *BODY, *FOOTER])
    assert doc.published == published


MENU_JA = ["ホーム", "ニュース", "スポーツ", "経済", "天気", "お問い合わせ"]
HEADLINE_JA = "港のフェリー運賃が三年連続で値上げ"
BODY_JA = [
    "港湾委員会は火曜日、四月からフェリー運賃を五パーセント値上げすることを決めた。",
    "委員によると、値上げ分は新しい船二隻と夜の便の増便に充てられる。",
    "毎日通勤する利用者は、運賃がすでに鉄道の定期券より高いと訴えた。",
    "委員会は来年の春、最初の新しい船が就航する時に運賃を見直す予定だ。",
]
FOOTER_JA = ["人気記事", "島の道路が週末に閉鎖される", "図書館に新しい読書室ができた", "会社概要"]


@pytest.mark.parametrize(
    "headline", [HEADLINE_JA, "港のフェリー運賃がまた値上げ、通勤客は反発\uff01\uff1f"]
)
def test_a_pasted_page_in_a_script_without_spaces_is_read_around_its_story(headline: str) -> None:
    # Sentences end with "。" and have no spaces: their characters weigh for the story, and a
    # headline has no capital to open with; it may ask and exclaim with wide marks.
    doc, segments = _read([*MENU_JA, headline, STAMP, *BODY_JA, *FOOTER_JA])
    assert doc.title == headline
    assert [kind for kind, text in segments if text in BODY_JA] == [STATEMENT] * 4
    assert [kind for kind, text in segments if text in FOOTER_JA] == [RELATED] * 4


PLAYLIST = [
    "Fishing boats race across the bay at dawn",
    "Lighthouse keeper shows off the new lamp",
    "Divers clear the old wreck from the channel",
    "Seals return to the north beach for winter",
]


def test_a_playlist_between_a_notice_and_the_story_is_the_page_s() -> None:
    # A sentence or two over a video's playlist (a standfirst, a notice) stand before the
    # story's stretch: the playlist's titles between them and the story are the page's.
    standfirst = (
        "Commuters face a third rise as the board pays for two new boats and more sailings."
    )
    _, segments = _read([*MENU, HEADLINE, standfirst, "Replay", *PLAYLIST, *BODY, *FOOTER])
    assert [kind for kind, text in segments if text in PLAYLIST] == [RELATED] * 4
    assert [kind for kind, text in segments if text in BODY] == [STATEMENT] * 4
    # Near miss: a subheading after the story's first paragraph is the story's.
    heading = "What the harbour board decided"
    _, segments = _read([*MENU, HEADLINE, BODY[0], heading, *BODY[1:], *FOOTER])
    assert (STATEMENT, heading) in segments


INGREDIENTS = [
    "2 cups of flour",
    "1 tsp of salt",
    "3 fresh eggs",
    "1 cup of milk",
    "2 tbsp of butter, melted",
    "1 pinch of nutmeg",
]
STEPS = [
    "Whisk the flour, salt and eggs together in a large bowl until the batter is smooth.",
    "Pour in the milk a little at a time, stirring all the while so that no lumps form.",
    "Heat the butter in a pan and fry each pancake for a minute on both sides until golden.",
]


def test_a_list_with_figures_between_a_story_s_paragraphs_weighs_nothing_against_it() -> None:
    # Six lines of a list with figures and two labels: the paragraphs after them are still
    # the story's, and so are the list's lines.
    lines = [*MENU, HEADLINE, *BODY[:2], "Ingredients", *INGREDIENTS, "Method", *STEPS, *FOOTER]
    _, segments = _read(lines)
    assert [kind for kind, text in segments if text in INGREDIENTS] == [STATEMENT] * 6
    assert [kind for kind, text in segments if text in STEPS] == [STATEMENT] * 3
    # Near miss: lines with figures that alternate with other stories' headlines are no list.
    teasers = [line for pair in zip(PLAYLIST, INGREDIENTS, strict=False) for line in pair]
    _, segments = _read([*MENU, HEADLINE, *BODY, *teasers, *MORE])
    assert [kind for kind, text in segments if text in MORE] == [RELATED] * 2


SAILINGS = [
    "May 2 – Harbour Pier to North Island @ 7:15",
    "May 3 – North Island to Harbour Pier @ 8:40",
    "May 9 – Harbour Pier to South Bay @ 7:15",
    "May 10 – South Bay to Harbour Pier @ 9:05",
    "May 16 – Harbour Pier to North Island @ 7:30",
    "May 17 – North Island to Harbour Pier @ 8:55",
]


ROUTES = [
    "North Island (Route A): Second boat",
    "South Bay (Route B): First boat",
    "West Point (Route C): 3rd boat",
    "East Cove (Route D): Night sailings only",
    "Old Harbour (Route E): Summer only",
    "Lighthouse Rock (Route F): Weekends",
]


@pytest.mark.parametrize("items", [SAILINGS, ROUTES])
def test_a_long_list_after_the_last_paragraph_ends_the_story(items: list[str]) -> None:
    # Its lines have figures, or the same marks between their words.
    lines = [*MENU, HEADLINE, *BODY, "The New Boats' First Sailings", *items, *FOOTER]
    _, segments = _read(lines)
    assert [kind for kind, text in segments if text in items] == [STATEMENT] * 6
    assert [kind for kind, text in segments if text in FOOTER] == [RELATED] * len(FOOTER)
    # Near miss: a short box of other stories' headlines with figures is the page's.
    box = ["10 Best Walks on the Island", "5 Cafes by the Harbour", "7 Boats You Can Hire Today"]
    _, segments = _read([*MENU, HEADLINE, *BODY, "Most Read", *box, *FOOTER])
    assert [kind for kind, text in segments if text in box] == [RELATED] * 3


def test_embedded_posts_with_a_report_link_do_not_end_the_story() -> None:
    # "Report" under an embedded post is no comment's button: the story goes on past two.
    post = ["Fares up again and nobody asked us.", "Image copyright @ferryusers", "Report"]
    lines = [*MENU, HEADLINE, *BODY, *post, *STEPS, *MORE, *post, *FOOTER]
    _, segments = _read(lines)
    story = [*BODY, *STEPS, *MORE]
    assert [kind for kind, text in segments if text in story] == [STATEMENT] * 9


def test_a_pasted_pages_story_is_found_past_an_error_and_a_list_of_excerpts() -> None:
    # An error of the page's interface first, then its menu, a list of other stories'
    # openings cut short, and the headline over its date and byline.
    error = "Something went wrong with the connection!"
    doc, segments = _read([error, *MENU, *EXCERPTS, HEADLINE, STAMP, BYLINE_LINE, *BODY])
    assert doc.title == HEADLINE
    assert [kind for kind, text in segments if text in BODY] == [STATEMENT] * len(BODY)
    assert {kind for kind, text in segments if text == error or text in EXCERPTS} == {RELATED}


TEASERS = [
    "Storm closes coastal road for the weekend",
    "Library opens a new reading room downtown",
    "Council names the winner of its garden prize",
    "School choir to sing at the spring fair",
    "Harbour fares committee to meet in the spring",
    "Mayor opens the new market hall on Monday",
]


def test_a_headline_with_its_byline_under_it_wins_over_a_teaser_sharing_a_word() -> None:
    # Two boxes of other stories' headlines, a question between them, and the headline, the
    # last line over the story, with its byline and date right under it. The story's opening
    # shares a word ("spring") with a teaser further up and none with its headline.
    headline = "The man whose ferry ticket nearly ruined him"
    body = [
        "The letter came on a Monday in spring.",
        "It asked for 4,000 pounds, the passenger said.",
        "The operator later said the letter had been sent in error.",
    ]
    question = "Is the bridge safe? Engineers think so"
    lines = [*MENU, *TEASERS, question, *reversed(TEASERS), headline, BYLINE_LINE, "1 day ago"]
    lines += body
    doc, segments = _read(lines)
    assert doc.title == headline
    assert [kind for kind, text in segments if text in body] == [STATEMENT] * len(body)


def test_a_teaser_sharing_more_of_the_story_is_not_displaced_by_a_stamped_line() -> None:
    # Near miss: the line that shares two or more words with the story's opening is taken,
    # though a stamped line stands nearer.
    body = [
        "Harbour ferry fares rose by 5 percent for a third year running on Monday.",
        "The council said the money would pay for two new boats.",
        "Commuters said the fares were already the highest in the region.",
    ]
    lines = [*MENU, HEADLINE, "Mayor opens the new market hall", BYLINE_LINE, STAMP, *body]
    doc, _ = _read(lines)
    assert doc.title == HEADLINE


@pytest.mark.parametrize("label", ["Reader Comments", "Readers' comments"])
def test_the_readers_comments_under_their_label_are_the_page_s(label: str) -> None:
    thread = ["Jo Lee · 2024-03-05T17:52:00Z", ON_THE_STORY[0], "Al Poe · 2024-03-06T09:10:00Z"]
    lines = [*MENU, HEADLINE, *BODY, label, *thread, ON_THE_STORY[2]]
    _, segments = _read(lines)
    prose = {STATEMENT, SegmentKind.CLAIM, SegmentKind.QUESTION, SegmentKind.OPINION}
    assert [text for kind, text in segments if kind in prose] == BODY

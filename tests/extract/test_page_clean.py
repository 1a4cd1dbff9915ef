"""Tests for the furniture taken out of a web page before its article body is read."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import page_clean
from factcheck.extract.ingest import read_page
from factcheck.extract.page_clean import drop_page_furniture, other_stories, split_body_chunks

BODY = [
    "The council said on Tuesday that repairs to the bridge would cost £48 million and close one"
    " lane for two years, after inspectors found corrosion in 112 of its cables.",
    "Engineers first raised concerns about the cables in 2019, when a routine survey found rust on"
    " the northern span and recommended a full inspection within three years.",
    "The work will start in March and is expected to finish before the summer of 2026, according"
    " to the council's published schedule for the project.",
]
QUOTE = (
    "Jane Doe, the council's head of transport, said the closure would add about ten minutes to"
    " most journeys across the river during the morning peak."
)
LIST = [
    "One lane will stay open in each direction.",
    "Cyclists will use a temporary path.",
    "Buses keep their routes.",
]


def _page(furniture: bool) -> bytes:
    caption = "The northern span of the bridge at dusk"
    teasers = (
        ("Mayor opens new library in the old town hall", "The building reopens after five years"),
        ("Rail strike called off after late-night talks", "Unions accepted the offer"),
        ("Council tax to rise by five per cent", "The budget was approved on Monday"),
    )
    parts = [
        "<!DOCTYPE html><html><head><title>Bridge repairs</title></head><body><article>",
        "<h1>Bridge repairs to cost £48 million</h1>",
        f"<p>{BODY[0]}</p>",
        f'<div><img src="/a.jpg" alt="{caption}"><br><span class="small">{caption}</span></div>'
        if furniture
        else "",
        f'<p><a href="/people/jane-doe">Jane Doe</a>{QUOTE.removeprefix("Jane Doe")}</p>',
        '<p><a href="/news/ferry">Ferry fares to rise for the third year running</a></p>'
        if furniture
        else "",
        f"<p>{BODY[1]}</p>",
        "<ul>" + "".join(f"<li>{item}</li>" for item in LIST) + "</ul>",
        f"<p>{BODY[2]}</p>",
    ]
    if furniture:
        parts.append("<ul>")
        for n, (headline, teaser) in enumerate(teasers):
            link = f'<a href="/news/{n}">'
            parts.append(f'<li>{link}<img src="/t{n}.jpg"></a>{link}{headline}</a> {teaser}</li>')
        parts.append("</ul>")
    parts.append("</article></body></html>")
    return "".join(parts).encode()


EXPECTED = "\n".join(
    [
        "Bridge repairs to cost £48 million",
        BODY[0],
        QUOTE,
        BODY[1],
        *(f"- {item}" for item in LIST),
        BODY[2],
    ]
)


def test_boxes_of_links_link_lines_and_repeated_alt_text_are_left_out() -> None:
    doc = read_page(_page(furniture=True), "https://courier.example/news/bridge")
    assert doc.text == EXPECTED


def test_a_page_without_such_furniture_reads_the_same() -> None:
    doc = read_page(_page(furniture=False), "https://courier.example/news/bridge")
    assert doc.text == EXPECTED


# --- an article body split into chunks ---------------------------------------------------------

PARAGRAPHS = [
    f"Paragraph {n} says the council spent {n} million pounds on the bridge over {n} years,"
    " more than it had planned."
    for n in range(1, 7)
]


def _split_page(second: str) -> str:
    def chunk(paragraphs: list[str], extra: str = "") -> str:
        inner = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f'<div class="body__chunk">{extra}{inner}</div>'

    return (
        "<html><body><main><h1>Bridge repairs cost more than planned</h1><div>"
        f"{chunk(PARAGRAPHS[:3])}<div class='ad'>Advertisement</div>"
        f"{chunk(PARAGRAPHS[3:], second)}</div></main></body></html>"
    )


def _tree(html: str) -> Any:
    tree = trafilatura.load_html(html)
    assert tree is not None
    return tree


def _paragraphs(tree: Any) -> list[str]:
    return [" ".join(p.text_content().split()) for p in tree.iter("p")]


def test_a_body_split_into_chunks_is_joined_when_only_some_were_read() -> None:
    tree = _tree(_split_page(""))
    assert split_body_chunks(tree, "\n".join(PARAGRAPHS[:3])) is True
    chunks = [div for div in tree.iter("div") if div.get("class") == "body__chunk"]
    assert len(chunks) == 1
    assert [" ".join(p.text_content().split()) for p in chunks[0].iter("p")] == PARAGRAPHS


def test_chunks_already_read_or_another_story_are_left_alone() -> None:
    tree = _tree(_split_page(""))
    assert split_body_chunks(tree, "\n".join(PARAGRAPHS)) is False
    assert _paragraphs(tree) == PARAGRAPHS
    story = _tree(_split_page("<time datetime='2024-05-02'>2 May</time>"))
    assert split_body_chunks(story, "\n".join(PARAGRAPHS[:3])) is False
    assert len([d for d in story.iter("div") if d.get("class") == "body__chunk"]) == 2


def _stories_page() -> str:
    related = "".join(
        f"<article class='post'><h3>Story {n}</h3><p>{p}</p></article>"
        for n, p in enumerate(PARAGRAPHS[3:])
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    return (
        "<html><body><article class='post'><h1>Bridge repairs cost more than planned</h1>"
        f"{body}</article><article class='related'><h3>You may like</h3>{related}</article>"
        "</body></html>"
    )


def test_other_stories_read_with_the_body_are_removed() -> None:
    tree = _tree(_stories_page())
    assert other_stories(tree, "\n".join(PARAGRAPHS)) is True
    assert _paragraphs(tree) == PARAGRAPHS[:3]


def test_a_body_read_alone_keeps_the_other_stories_on_the_page() -> None:
    tree = _tree(_stories_page())
    assert other_stories(tree, "\n".join(PARAGRAPHS[:3])) is False
    assert _paragraphs(tree) == PARAGRAPHS


def test_a_run_of_cards_goes_and_links_inside_a_sentence_stay() -> None:
    cards = "".join(
        f'<a href="/more/{n}"><img src="/c{n}.jpg"><h3>Story number {n} of the box</h3></a>'
        for n in range(3)
    )
    names = "".join(f'<a href="/people/{n}">Council member number {n}</a>, ' for n in range(3))
    tree = _tree(
        f"<html><body><p>The vote was backed by {names}and the mayor.</p>"
        f"<div>{cards}</div></body></html>"
    )
    drop_page_furniture(tree)
    assert [" ".join(e.text_content().split()) for e in tree.iter("p", "div")] == [
        "The vote was backed by Council member number 0, Council member number 1, Council"
        " member number 2, and the mayor.",
        "",
    ]


def test_the_entries_of_a_live_blog_are_kept() -> None:
    entries = "".join(f"<article class='entry'><p>{p}</p></article>" for p in PARAGRAPHS)
    siblings = _tree(f"<html><body><main>{entries}</main></body></html>")
    assert other_stories(siblings, "\n".join(PARAGRAPHS)) is False
    nested = _tree(
        f"<html><body><article class='live'><p>{PARAGRAPHS[0]}</p>"
        + "".join(f"<article class='entry'><p>{p}</p></article>" for p in PARAGRAPHS[1:])
        + "</article></body></html>"
    )
    assert other_stories(nested, "\n".join(PARAGRAPHS)) is False
    assert _paragraphs(siblings) == _paragraphs(nested) == PARAGRAPHS


@pytest.mark.parametrize(("count", "dropped"), [(1, False), (2, True), (50, True), (51, False)])
def test_a_line_of_links_goes_up_to_the_longest_a_headline_runs(count: int, dropped: bool) -> None:
    words = " ".join(f"word{n}" for n in range(count))
    tree = _tree(f'<html><body><p><a href="/other">{words}</a></p><p>Kept.</p></body></html>')
    drop_page_furniture(tree)
    assert _paragraphs(tree) == (["Kept."] if dropped else [words, "Kept."])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\xa0\u2003"), max_size=40), st.integers(0, 12))
def test_a_word_limit_is_told_as_counting_every_word_tells_it(text: str, limit: int) -> None:
    assert page_clean._more_words_than(text, limit) == (len(text.split()) > limit)


@pytest.mark.parametrize(
    ("html", "holds"),
    [
        ("<span>Mayor</span>", True),
        ("<span> \xa0 </span>", False),
        ("<span> <img src='a.jpg'> <b>\u2003</b>\n</span>", False),
        ("<span> <b>\xa0</b><i>opens</i></span>", True),
        ("<span><b></b> tail text</span>", True),
        ("<span><!-- a comment --> </span>", False),
    ],
)
def test_an_element_holds_text_when_its_whole_text_is_more_than_whitespace(
    html: str, holds: bool
) -> None:
    element = lxml.html.fragment_fromstring(html)
    assert page_clean._holds_text(element, page_clean._Texts()) is holds
    assert bool(element.text_content().strip()) is holds


def test_an_elements_text_is_read_from_the_page_once() -> None:
    element = lxml.html.fragment_fromstring("<li><a href='/a'>Harbour ferry returns</a> soon</li>")
    texts = page_clean._Texts()
    assert texts[element] == "Harbour ferry returns soon"
    element.text = "Changed "
    assert texts[element] == "Harbour ferry returns soon"  # the first reading is kept
    assert page_clean._Texts()[element] == "Changed Harbour ferry returns soon"


# --- the page's interface: hidden pull-downs, forms, dialogs -----------------------------------

_INTERFACE = [
    '<div style="Display: None;"><p>Save this article to read it later.</p></div>',
    "<div hidden><p>Share this story with a friend.</p></div>",
    '<span aria-hidden="true">Open the menu</span>',
    '<div style="visibility:hidden"><p>Sign in to follow this author.</p></div>',
    '<form action="/subscribe"><p>Get our weekly newsletter, sent every Friday.</p>'
    '<input name="email"><button>Subscribe</button></form>',
    '<div role="dialog"><p>We use cookies to improve the site.</p></div>',
    '<div aria-modal="true"><p>Your session is about to expire.</p></div>',
    "<dialog open><p>Turn on notifications for breaking news.</p></dialog>",
]


@pytest.mark.parametrize("furniture", _INTERFACE)
def test_the_page_interface_is_taken_out_and_the_article_kept(furniture: str) -> None:
    page = (
        "<html><body><article><h1>Bridge repairs cost more than planned</h1>"
        f"<p>{PARAGRAPHS[0]}</p>{furniture}<p>{PARAGRAPHS[1]}</p></article></body></html>"
    )
    tree = _tree(page)
    drop_page_furniture(tree)
    assert " ".join(" ".join(tree.itertext()).split()) == " ".join(
        ["Bridge repairs cost more than planned", *PARAGRAPHS[:2]]
    )


def test_an_article_kept_hidden_or_inside_a_form_is_not_interface() -> None:
    # A hidden copy of the whole article for search engines, and a page inside one form (ASP.NET):
    # each holds more text than any pull-down, dialog or sign-up form.
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    for wrapper in (
        f'<div style="display:none" itemprop="articleBody">{body}</div>',
        f'<form id="aspnetForm"><input type="hidden" name="state">{body}</form>',
    ):
        tree = _tree(f"<html><body>{wrapper}</body></html>")
        drop_page_furniture(tree)
        assert _paragraphs(tree) == PARAGRAPHS * 2


def test_a_form_without_a_control_is_not_interface() -> None:
    tree = _tree(f"<html><body><form><p>{PARAGRAPHS[0]}</p></form></body></html>")
    drop_page_furniture(tree)
    assert _paragraphs(tree) == PARAGRAPHS[:1]


def test_hidden_sign_up_forms_leave_a_page_read_whole() -> None:
    page = (
        "<html><body><article><h1>Bridge repairs cost more than planned</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + '<div class="subscribe"><form><p>Sign up for our newsletter.</p>'
        "<p>We send it about once a week and you can leave at any time.</p>"
        "<button>Confirm</button></form></div>"
        '<div style="display: none"><p>Members only: log in to save this article.</p></div>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
        + "</article></body></html>"
    )
    doc = read_page(page.encode(), "https://courier.example/news/bridge")
    assert doc.text == "\n".join(["Bridge repairs cost more than planned", *PARAGRAPHS])


# --- scripts written without spaces between words -------------------------------------------

_WIDE_BODY = [
    "市議会は火曜日、橋の補修に四千八百万ポンドかかると発表した。点検でケーブルの腐食が見つかった。",
    "技術者は二〇一九年に初めてケーブルの問題を指摘し、三年以内の全面点検を勧めていた。",
    "工事は三月に始まり、二〇二六年の夏までに終わる見込みだと市は説明している。",
]


DATE = "\uff082018/6/{day}\uff09"  # between full-width brackets


def test_a_box_of_headline_links_without_spaces_between_words_goes() -> None:
    items = "".join(
        f'<li><h4><a href="/article/{n}">{headline}</a></h4> <span>{DATE.format(day=n + 15)}</span>'
        "</li>"
        for n, headline in enumerate(
            (
                "市長が旧市庁舎に新しい図書館を開設",
                "鉄道ストライキが深夜の協議で中止に",
                "住民税が五パーセント上がる見通し",
            )
        )
    )
    body = (
        "<body><article><h1>橋の補修費、予定を上回る</h1>"
        + "".join(f"<p>{p}</p>" for p in _WIDE_BODY)
        + f"<ul>{items}</ul></article></body>"
    )
    # The page's language tells, or its title when it names none.
    for head in ('<html lang="ja-JP">', "<html><head><title>橋の補修費 - 日報</title></head>"):
        tree = _tree(f"{head}{body}</html>")
        drop_page_furniture(tree)
        assert [" ".join(e.text_content().split()) for e in tree.iter("p", "li")] == _WIDE_BODY


def test_paragraphs_without_spaces_that_open_with_a_link_are_not_a_box() -> None:
    # Three long paragraphs in a row, each opening with a link: more than a teaser holds.
    paragraphs = [
        f'<p><a href="/people/{n}">市議会交通委員長の山田花子氏</a>は、{p * 4}</p>'
        for n, p in enumerate(_WIDE_BODY)
    ]
    tree = _tree(f"<html><body><article>{''.join(paragraphs)}</article></body></html>")
    drop_page_furniture(tree)
    assert len(list(tree.iter("p"))) == 3


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\xa0\u2003文"), max_size=40), st.integers(0, 12))
def test_a_character_limit_counts_runs_of_spaces_as_one(text: str, limit: int) -> None:
    assert page_clean._more_chars_than(text, limit) == (len(" ".join(text.split())) > limit)


def test_lines_of_links_without_spaces_between_words_go() -> None:
    lines = [
        '<p><a href="/">電子版トップ</a></p>',
        '<p><a href="/corrections"><span>訂正・おわび</span></a></p>',
        '<p><a href="/login">会員の方はこちら</a></p>',
    ]
    kept = '<p><a href="/people/1">山田花子</a>市議は、工事費が予定を大きく上回ると指摘した。</p>'
    tree = _tree(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in _WIDE_BODY)
        + kept
        + "".join(lines)
        + "</article></body></html>"
    )
    drop_page_furniture(tree)
    assert _paragraphs(tree) == [
        *_WIDE_BODY,
        "山田花子市議は、工事費が予定を大きく上回ると指摘した。",
    ]


def test_a_paragraph_without_spaces_with_a_few_latin_links_is_kept() -> None:
    # Counted in words it is three, two of them links ("Borno", "Boko Haram"); counted in
    # characters, the links are a sixth of it.
    paragraph = (
        '<p>【6月18日 AFP】ナイジェリア北東部ボルノ<a href="/search?q=Borno">Borno</a>州で16日夜、'
        "イスラム過激派組織「ボコ・ハラム"
        '<a href="/search?q=Boko+Haram">Boko Haram</a>」による自爆攻撃が起き、31人が死亡した。</p>'
    )
    tree = _tree(f"<html><body><article>{paragraph}<p>{_WIDE_BODY[0]}</p></article></body></html>")
    drop_page_furniture(tree)
    assert len(list(tree.iter("p"))) == 2


@pytest.mark.parametrize(
    "story",
    [
        f"<article><h1>Bridge repairs approved</h1><p>{BODY[0]}</p><p>{BODY[2]}</p></article>",
        "<div class='content'><h2>Bridge repairs approved</h2>"
        f"<p>{BODY[0]}</p><p>{BODY[2]}</p></div>",
    ],
)
def test_a_short_story_inside_one_form_around_the_page_is_read(story: str) -> None:
    # Under 1,000 characters, but the form holds the page's headline or story container, or
    # most of its paragraphs: ASP.NET's form around the page, not a sign-up form.
    page = (
        "<html><head><title>Council news</title></head><body><form id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE' value='x'>"
        "<div id='nav'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"{story}</form></body></html>"
    )
    doc = read_page(page.encode(), "https://council.example/news/bridge")
    assert doc.text == "\n".join(["Bridge repairs approved", BODY[0], BODY[2]])

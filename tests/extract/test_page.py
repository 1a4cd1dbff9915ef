"""Tests for web-page metadata: only what the page states, with where each field came from."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from shared_data import SHARED_DATA

from factcheck.errors import FactcheckWarning, IngestError
from factcheck.extract.ingest import read_page
from factcheck.models import Document
from factcheck.sources.publisher import find_publisher
from factcheck.sources.registry import load_registry

BODY = (
    "<article><h1>{h1}</h1>{inside}"
    "<p>The council said on Tuesday that repairs to the bridge would cost £48 million and close"
    " one lane for two years, after inspectors found corrosion in 112 of its cables.</p>"
    "<p>“We cannot wait any longer,” the head of transport told a public meeting.</p></article>"
)


def page(head: str = "", inside: str = "", h1: str = "Bridge repairs to cost £48 million") -> bytes:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{BODY.format(h1=h1, inside=inside)}"
    return (
        html + "<footer>© 2011-2024 Courier Media. All rights reserved.</footer></body></html>"
    ).encode()


def read(
    head: str = "", inside: str = "", url: str = "https://courier.example/news/bridge"
) -> Document:
    return read_page(page(head, inside), url)


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_NOW", "2024-06-01T12:00:00Z")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2024-03-14T08:30:00+00:00">',
        # ISO 8601's basic form, without dashes
        '<meta property="article:published_time" content="20240314T083000+0900">',
        '<meta name="pubdate" content="20240314">',
        # the key an audience-data service reads the publication time from
        '<meta name="cXenseParse:recs:publishtime" content="2024-03-14T08:30:00.000Z">',
    ],
)
def test_the_date_comes_from_the_pages_metadata(head: str) -> None:
    doc = read(head)
    assert doc.published == "2024-03-14"
    assert dict(doc.provenance)["published"] == "meta"


@pytest.mark.parametrize(
    "content",
    [
        "20241314T083000",  # no thirteenth month
        "202403141",  # a number longer than a date
        "20240314083000",  # figures run on without the basic form's T
    ],
)
def test_a_run_of_figures_that_is_no_date_in_basic_form_gives_none(content: str) -> None:
    assert read(f'<meta name="pubdate" content="{content}">').published is None


def test_json_ld_of_the_article_gives_date_headline_and_author() -> None:
    data = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "Organization",'
        ' "name": "Courier", "foundingDate": "1901-01-01"}, {"@type": "NewsArticle",'
        ' "headline": "Bridge repairs to cost &#163;48 million", "datePublished": "2024-03-14",'
        ' "author": [{"@type": "Person", "name": "Maria Okafor"},'
        ' {"@type": "Organization", "name": "Courier Media"}],'
        ' "publisher": {"@type": "Organization", "name": "The Courier"}}]}'
    )
    doc = read(f'<script type="application/ld+json">{data}</script>')
    assert (doc.title, doc.byline, doc.published, doc.outlet) == (
        "Bridge repairs to cost £48 million",
        "Maria Okafor",
        "2024-03-14",
        "The Courier",
    )
    assert doc.provenance == (
        ("title", "json-ld"),
        ("outlet", "json-ld"),
        ("byline", "json-ld"),
        ("published", "json-ld"),
        ("url", "fetch"),
    )


def test_json_ld_nested_deeper_than_python_reads_is_passed_over() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    doc = read(f'<script type="application/ld+json">{deep}</script>')
    assert replace(doc, sha256="") == replace(read(), sha256="")  # the bytes differ, not the rest


@pytest.mark.parametrize(
    "kind", ['["NewsArticle", 5]', '["NewsArticle", null]', '[{"a": 1}, "NewsArticle"]']
)
def test_json_ld_types_that_are_no_names_are_passed_over(kind: str) -> None:
    data = f'{{"@type": {kind}, "headline": "Repairs cost more", "datePublished": "2024-03-14"}}'
    doc = read(f'<script type="application/ld+json">{data}</script>')
    assert (doc.title, doc.published) == ("Repairs cost more", "2024-03-14")


@pytest.mark.parametrize("kind", ["[true]", '[["NewsArticle"]]', '{"a": 1}', "5"])
def test_json_ld_of_no_named_type_gives_no_metadata(kind: str) -> None:
    data = f'{{"@type": {kind}, "headline": "Repairs cost more", "datePublished": "2024-03-14"}}'
    doc = read(f'<script type="application/ld+json">{data}</script>')
    assert replace(doc, sha256="") == replace(read(), sha256="")


def test_a_lone_surrogate_escaped_in_json_ld_becomes_the_replacement_character() -> None:
    data = (
        '{"@type": "NewsArticle", "headline": "Repairs \\ud800 cost more",'
        ' "datePublished": "2024-03-14\\udfff", "author": {"name": "Maria \\ud800 Okafor"}}'
    )
    doc = read(f'<script type="application/ld+json">{data}</script>')
    assert (doc.title, doc.published, doc.byline) == (
        "Repairs \ufffd cost more",
        "2024-03-14",
        None,
    )
    assert doc.text.encode("utf-8")


def test_no_date_is_invented_from_links_copyright_or_updated_stamps() -> None:
    inside = (
        '<p class="updated">Updated <time class="updated" datetime="2024-05-02">May 2</time></p>'
        '<a href="/news/2023/01/05/other-story">Another story from 2023-01-05</a>'
    )
    doc = read('<meta property="article:modified_time" content="2024-05-02">', inside)
    assert doc.published is None
    assert "published" not in dict(doc.provenance)


def test_a_date_later_than_today_is_refused() -> None:
    doc = read('<meta property="article:published_time" content="2031-01-01T00:00:00Z">')
    assert doc.published is None


def test_the_urls_date_wins_over_metadata_that_disagrees() -> None:
    head = '<meta property="article:published_time" content="2024-03-20T08:30:00Z">'
    doc = read(head, url="https://courier.example/2024/03/14/bridge-repairs/")
    assert (doc.published, dict(doc.provenance)["published"]) == ("2024-03-14", "url")


def test_the_urls_date_is_used_when_the_page_states_none() -> None:
    doc = read(url="https://courier.example/news/2024-03-14-bridge-repairs")
    assert (doc.published, dict(doc.provenance)["published"]) == ("2024-03-14", "url")


def test_the_markup_names_the_author_and_the_date_when_the_metadata_does_not() -> None:
    # The byline is a link alone on its line, which the furniture cleaning takes out: the
    # markup is read before the page is cleaned.
    inside = (
        '<p class="byline"><a href="/authors/maria-okafor">Maria Okafor</a></p>'
        '<time datetime="2024-03-14">March 14</time>'
    )
    doc = read(
        '<meta name="author" content="Follow Author"><meta name="date" content="soon">', inside
    )
    assert (doc.byline, doc.published) == ("Maria Okafor", "2024-03-14")
    assert (dict(doc.provenance)["byline"], dict(doc.provenance)["published"]) == ("meta", "time")
    assert "Maria Okafor" not in doc.text


def test_a_junk_author_is_no_byline() -> None:
    assert read('<meta name="author" content="Follow Author">').byline is None
    assert read('<meta name="author" content="admin">').byline is None
    assert read('<meta name="author" content="Maria Okafor">').byline == "Maria Okafor"


def test_the_headline_is_preferred_to_the_site_banner() -> None:
    head = (
        "<title>Bridge repairs to cost £48 million | The Courier</title>"
        '<meta property="og:site_name" content="The Courier">'
    )
    doc = read(head)
    assert (doc.title, doc.outlet) == ("Bridge repairs to cost £48 million", "The Courier")
    assert dict(doc.provenance)["title"] == "heading"


@pytest.mark.parametrize(
    ("site", "url", "outlet"),
    [
        ("The Courier | Bridges | Roads | Weather", "https://courier.example/a", "The Courier"),
        ("The Courier | courier.example", "https://courier.example/a", "The Courier"),
        ("@couriernews", "https://courier.example/a", None),
        ("Blogger", "https://courier.example/a", None),
        ("WordPress.com", "https://courier.example/a", None),
        # near misses: the platform's own page, and names that only hold such a word
        ("Medium", "https://medium.com/a", "Medium"),
        ("Medium Rare Reviews", "https://courier.example/a", "Medium Rare Reviews"),
        (
            "The Courier – Bridges and Roads",
            "https://courier.example/a",
            "The Courier – Bridges and Roads",
        ),
        # an edition's, a section's or the hosting's label in place of the name
        ("U.S.", "https://courier.example/a", None),
        ("U.S", "https://courier.example/a", None),
        ("US Edition", "https://courier.example/a", None),
        ("International", "https://courier.example/a", None),
        ("Hosted", "https://hosted.courier.example/a", None),
        ("News", "https://courier.example/a", None),
        ("Home", "https://courier.example/a", None),
        ("Blog", "https://courier.example/a", None),
        ("Latest News | Sport", "https://courier.example/a", None),
        # no letter or digit: a picture or a mark, not a name
        ("🙂", "https://courier.example/a", None),
        ("★ | News", "https://courier.example/a", None),
        # longer than any outlet's name: filler, not a name
        (" ".join(["Harbor"] * 9), "https://courier.example/a", None),
        ("Harbor" * 14, "https://courier.example/a", None),
        # near misses: as long as real names run
        (
            "The Harbor and Valley Journal-Constitution",
            "https://courier.example/a",
            "The Harbor and Valley Journal-Constitution",
        ),
        (" ".join(["Harbor"] * 8), "https://courier.example/a", " ".join(["Harbor"] * 8)),
        # a tagline: a sentence, or a phrase in sentence case the host spells no word of
        ("Expert how-to for weekend sailors", "https://courier.example/a", None),
        ("Your trusted guide to the harbour!", "https://courier.example/a", None),
        ("We cover every bridge in the county.", "https://courier.example/a", None),
        # near misses: short names, names of two words, with a country or a region, in a
        # brand's lowercase, in title case, or spelled by the site's own domain
        ("Zed", "https://www.zed.example/a", "Zed"),
        ("Brio", "https://courier.example/a", "Brio"),
        ("Harbor Notes", "https://courier.example/a", "Harbor Notes"),
        ("KBX News", "https://courier.example/a", "KBX News"),
        ("Times of Canada", "https://courier.example/a", "Times of Canada"),
        ("The Times of Canada", "https://courier.example/a", "The Times of Canada"),
        ("The News", "https://courier.example/a", "The News"),
        ("The News International", "https://courier.example/a", "The News International"),
        ("Asia News", "https://www.asianews.example/a", "Asia News"),
        ("Courier International", "https://courier.example/a", "Courier International"),
        ("pv courier International", "https://courier.example/a", "pv courier International"),
        ("Il Corriere della Baia", "https://courier.example/a", "Il Corriere della Baia"),
        (
            "Bridges made simple for harbour towns",
            "https://bridges.example/a",
            "Bridges made simple for harbour towns",
        ),
        ("Example Co.", "https://courier.example/a", "Example Co."),
    ],
)
def test_the_outlet_is_a_site_name_not_a_list_an_account_or_a_platform(
    site: str, url: str, outlet: str | None
) -> None:
    doc = read(f'<meta property="og:site_name" content="{site}">', url=url)
    assert (doc.outlet, dict(doc.provenance).get("outlet")) == (outlet, outlet and "meta")


def test_a_title_loses_the_site_name_as_stated_though_the_outlet_is_its_first_part() -> None:
    site = "The Courier | Bridges | Roads"
    head = (
        f"<title>Bridge repairs to cost £48 million | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
    )
    doc = read_page(page(head, h1=""), "https://courier.example/news/bridge")
    assert (doc.title, doc.outlet) == ("Bridge repairs to cost £48 million", "The Courier")


def test_a_label_gives_way_to_the_name_the_page_gives_its_app() -> None:
    head = (
        '<meta property="og:site_name" content="US Edition">'
        '<meta name="application-name" content="The Courier">'
    )
    doc = read(head)
    assert (doc.outlet, dict(doc.provenance).get("outlet")) == ("The Courier", "meta")
    assert read('<meta name="apple-mobile-web-app-title" content="Courier">').outlet == "Courier"


def test_an_app_name_that_is_the_headline_names_no_outlet() -> None:
    head = (
        '<meta property="og:title" content="Bridge repairs to cost £48 million">'
        '<meta name="application-name" content="Bridge repairs to cost £48 million">'
    )
    assert read(head).outlet is None


def test_a_label_leaves_the_publisher_to_the_registrys_name_for_the_domain() -> None:
    doc = read('<meta property="og:site_name" content="Hosted">', url="https://en.presstv.ir/a/1")
    assert doc.outlet is None
    published = find_publisher(doc, (), load_registry(user=False))
    assert (published.outlet, dict(published.provenance)["outlet"]) == ("Press TV", "url")


def test_an_apps_state_of_10_mb_in_the_head_does_not_hide_the_article() -> None:
    # The HTML parser stops at a text of 10 MB: "no article text found in the page".
    state = '<script id="__NEXT_DATA__" type="application/json">' + '"x", ' * 2_100_000
    doc = read(f"<title>Bridge</title>{state}</script>")
    assert doc.text.startswith("Bridge repairs to cost £48 million\nThe council said on Tuesday")


def test_a_rated_outlets_name_on_another_sites_page_is_not_its_publisher() -> None:
    # Any site borrowed a rated outlet's standing with one meta tag: "Reuters" on a page from
    # elsewhere put the registry's reuters entry, and its ratings, first on every chain.
    head = '<meta property="og:site_name" content="Reuters">'
    registry = load_registry(user=False)
    own = find_publisher(read(head, url="https://www.reuters.com/world/bridge"), (), registry)
    assert (own.outlet, dict(own.provenance)["outlet"]) == ("Reuters", "meta")
    with pytest.warns(FactcheckWarning) as caught:
        other = find_publisher(read(head, url="http://127.0.0.1:8000/story"), (), registry)
    assert other.outlet is None and "outlet" not in dict(other.provenance)
    assert [str(w.message) for w in caught] == [
        "the page names its publisher 'Reuters', but its address is on 127.0.0.1, not on a web "
        "domain of Reuters (reuters.com): not taken as the publisher"
    ]
    # An archive's or a cache's copy names the original's address in its own.
    for copy in (
        "https://web.archive.org/web/20240101000000/https://www.reuters.com/world/bridge",
        "https://www-reuters-com.cdn.ampproject.org/c/s/www.reuters.com/world/bridge",
    ):
        assert find_publisher(read(head, url=copy), (), registry).outlet == "Reuters"
    # Elsewhere, an address holding the outlet's domain proves nothing.
    for elsewhere in (
        "https://news.example/www.reuters.com/world/bridge",
        "https://news.example/web/2024/https://www.reuters.com/world/bridge",
    ):
        with pytest.warns(FactcheckWarning, match="its address is on news.example, not on"):
            assert find_publisher(read(head, url=elsewhere), (), registry).outlet is None
    # A page read from a file gives its address itself: a syndicated story's points to the
    # original's, and the site that carried it is still its publisher.
    canonical = '<link rel="canonical" href="https://www.cnn.com/2024/bridge">'
    saved = read_page(page(head + canonical), None)
    assert find_publisher(saved, (), registry).outlet == "Reuters"
    # A name the registry does not know, or a page without an address, is taken as it is.
    assert find_publisher(read(head.replace("Reuters", "Harbor Notes")), (), registry).outlet == (
        "Harbor Notes"
    )


@pytest.mark.parametrize(
    ("publisher", "site", "url", "outlet"),
    [
        # the story's publisher is a wire or a news service; the site's own name is the page's
        ("Harbor Wire Service", "The Courier", "https://courier.example/a", "The Courier"),
        ("HV News Service", "Harbor Valley", "https://www.harborvalley.example/a", "Harbor Valley"),
        # the domain spells a run of the name's words, its initials or part of a word
        ("Harbor Wire", "Bay City Post", "https://mybaycity.example/a", "Bay City Post"),
        ("Harbor Wire", "Harbor Valley Journal", "https://hvj.example/a", "Harbor Valley Journal"),
        ("Harbor Wire", "Valley Chronicle", "https://www.chron.example/a", "Valley Chronicle"),
        ("Harbor Wire", "baynews.example", "https://www.baynews.example/a", "baynews.example"),
        # near misses: both names spelled by the domain, or neither: the publisher stated first
        ("The Courier", "Courier", "https://courier.example/a", "The Courier"),
        ("Courier Daily", "The Courier Daily", "https://courier.example/a", "Courier Daily"),
        ("Harbor Wire", "Bay Times", "https://news.example/a", "Harbor Wire"),
        ("Harbor Wire", "Bay Times", "https://ht.example/a", "Harbor Wire"),
    ],
)
def test_the_sites_own_name_comes_before_a_publisher_the_domain_does_not_spell(
    publisher: str, site: str, url: str, outlet: str
) -> None:
    data = json.dumps(
        {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": publisher}}
    )
    head = (
        f'<script type="application/ld+json">{data}</script>'
        f'<meta property="og:site_name" content="{site}">'
    )
    doc = read(head, url=url)
    # the publisher the domain does not spell is the outlet the site carried the story from
    carried = publisher if outlet != publisher else None
    assert (doc.outlet, dict(doc.provenance).get("outlet.via")) == (outlet, carried)


def test_a_platforms_name_gives_way_to_the_sites_own() -> None:
    data = '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Blogger"}}'
    head = (
        f'<script type="application/ld+json">{data}</script>'
        '<meta property="og:site_name" content="Harbor Notes">'
    )
    assert read(head).outlet == "Harbor Notes"


@pytest.mark.parametrize(
    ("title", "url", "headline"),
    [
        # a section label that is a folder of the address
        (
            "Opinion | Bridges Are Not Optional",
            "https://courier.example/2024/05/opinion/x.html",
            "Bridges Are Not Optional",
        ),
        # a site name that starts with the host's own name, though the page never states it
        (
            "About bridges – Courier Media Group",
            "https://courier.example/about-bridges/",
            "About bridges",
        ),
        # neither: a part that only looks like a label stays
        (
            "Opinion | Bridges Are Not Optional",
            "https://courier.example/2024/05/x.html",
            "Opinion | Bridges Are Not Optional",
        ),
        (
            "Courier strike – what it means",
            "https://courier.example/strike/",
            "Courier strike – what it means",
        ),
        ("Opinion | Bridges", "https://courier.example/opinion/x.html", "Opinion | Bridges"),
    ],
)
def test_the_address_names_the_section_and_the_site_around_a_title(
    title: str, url: str, headline: str
) -> None:
    assert read_page(page(f"<title>{title}</title>", h1=""), url).title == headline


def _ld(headline: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "'
        + headline
        + '"}</script>'
    )


@pytest.mark.parametrize(
    ("head", "h1", "headline"),
    [
        # the heading and the og:title agree: the headline readers see, not the one for search
        (
            _ld("Council approves £48m bridge repair plan")
            + '<meta property="og:title" content="Bridge repairs to cost £48 million">',
            "Bridge repairs to cost £48 million",
            "Bridge repairs to cost £48 million",
        ),
        # a heading no metadata confirms (the site's name in an h1) leaves the order as it was
        (
            _ld("Council approves £48m bridge repair plan")
            + '<meta property="og:title" content="Bridge repairs to cost £48 million">',
            "The Courier",
            "Council approves £48m bridge repair plan",
        ),
    ],
)
def test_the_headline_the_page_shows_and_states_comes_first(
    head: str, h1: str, headline: str
) -> None:
    assert read_page(page(head, h1=h1), "https://courier.example/news/bridge").title == headline


def test_a_logo_heading_without_words_is_passed_over() -> None:
    head = (
        _ld("Council approves £48m bridge repair plan")
        + '<meta property="og:title" content="Bridge repairs to cost £48 million">'
    )
    logo = '<header><h1><a href="/"><img src="/logo.png" alt="The Courier"></a></h1></header>'
    html = page(head).replace(b"<body>", b"<body>" + logo.encode())
    document = read_page(html, "https://courier.example/news/bridge")
    # the article's own heading agrees with the og:title: the headline readers see
    assert document.title == "Bridge repairs to cost £48 million"


@pytest.mark.parametrize(
    ("head", "h1", "headline"),
    [
        # a stated headline cut short reads on in the page's heading: the whole one is taken
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million and close">',
            "Bridge repairs to cost £48 million and close one lane",
            "Bridge repairs to cost £48 million and close one lane",
        ),
        # a shorter headline that is not the start of the other stays as stated
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million">',
            "Council says bridge repairs will cost £48 million",
            "Bridge repairs to cost £48 million",
        ),
        # a site's or section's name after a bar is not more of the headline
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million">'
            "<title>Bridge repairs to cost £48 million | World | Courier</title>",
            "",
            "Bridge repairs to cost £48 million",
        ),
        # the start of a word is not the start of a headline
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 mill">',
            "Bridge repairs to cost £48 million",
            "Bridge repairs to cost £48 mill",
        ),
    ],
)
def test_a_headline_cut_short_is_read_whole(head: str, h1: str, headline: str) -> None:
    assert read_page(page(head, h1=h1), "https://courier.example/news/bridge").title == headline


@pytest.mark.parametrize(
    ("head", "h1", "headline"),
    [
        # the site's name after the headline, which the page's title gives after a separator
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million">'
            "<title>Bridge repairs to cost £48 million » Local » Harbour Daily Courier</title>",
            "Bridge repairs to cost £48 million Harbour Daily Courier",
            "Bridge repairs to cost £48 million",
        ),
        # a banner that the page gives as a heading of its own, after the headline
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million">'
            "<title>Bridge repairs to cost £48 million Photo 1 World News: Courier</title>",
            "World News: Courier",
            "Bridge repairs to cost £48 million",
        ),
        # near miss: more of the headline, which no other title gives
        (
            '<meta property="og:title" content="Bridge repairs to cost £48 million">'
            "<title>Bridge repairs to cost £48 million | Courier</title>",
            "Bridge repairs to cost £48 million and close one lane",
            "Bridge repairs to cost £48 million and close one lane",
        ),
    ],
)
def test_a_site_or_banner_after_the_headline_is_no_more_of_it(
    head: str, h1: str, headline: str
) -> None:
    assert read_page(page(head, h1=h1), "https://courier.example/news/bridge").title == headline


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # separators of two hyphens
        (
            "Bridge repairs to cost £48 million -- Roads -- Courier",
            "Bridge repairs to cost £48 million",
        ),
        # every short part after the headline: its sections and the site's name
        (
            "Bridge repairs to cost £48 million » Local » News » Harbour Courier",
            "Bridge repairs to cost £48 million",
        ),
        # a script written without spaces: its letters count as words
        ("港口大桥维修费用四千八百万镑 - 港口日报网", "港口大桥维修费用四千八百万镑"),
        ("港口大桥维修费用四千八百万镑 - 港口日报 - 两岸三地", "港口大桥维修费用四千八百万镑"),
        # near misses: a long last part, and a headline too short to stand without its tail
        ("Courier strike – what it means", "Courier strike – what it means"),
        (
            "Bridge repairs to cost £48 million – and the council has no plan",
            "Bridge repairs to cost £48 million – and the council has no plan",
        ),
        # near miss: a slash joins two parts of one headline
        ("Bridge repairs to cost £48m / Roads plan", "Bridge repairs to cost £48m / Roads plan"),
    ],
)
def test_a_titles_site_and_section_names_are_dropped(title: str, headline: str) -> None:
    url = "https://courier.example/x.html"
    assert read_page(page(f"<title>{title}</title>", h1=""), url).title == headline


def test_a_title_of_many_parts_is_read_in_one_pass() -> None:
    # Each part's words are counted once: a title of 100,000 parts is read at once.
    title = "Bridge repairs to cost £48 million" + " | News" * 100_000
    url = "https://courier.example/x.html"
    assert read_page(page(f"<title>{title}</title>", h1=""), url).title == (
        "Bridge repairs to cost £48 million"
    )


@pytest.mark.parametrize(
    ("head", "h1", "headline"),
    [
        # the heading and the og:title agree on a headline in Chinese; the page's title adds
        # the site's name
        (
            '<meta property="og:title" content="港口大桥维修费用四千八百万镑">'
            "<title>港口大桥维修费用四千八百万镑 - 港口日报网</title>",
            "港口大桥维修费用四千八百万镑",
            "港口大桥维修费用四千八百万镑",
        ),
        (
            "<title>港口大桥维修费用四千八百万镑 - 港口日报网 - 两岸三地</title>",
            "港口大桥维修费用四千八百万镑",
            "港口大桥维修费用四千八百万镑",
        ),
    ],
)
def test_a_headline_in_a_script_without_spaces_is_chosen_as_one_in_words(
    head: str, h1: str, headline: str
) -> None:
    assert read_page(page(head, h1=h1), "https://courier.example/news/bridge").title == headline


def test_the_article_time_is_a_publication_date() -> None:
    doc = read(inside='<time datetime="2024-03-14T09:00:00Z">14 March 2024</time>')
    assert (doc.published, dict(doc.provenance)["published"]) == ("2024-03-14", "time")


# ---------------------------------------------------------------------------------------------
# Opt-in: figures on the article-extraction benchmark's pages (needs ../shared/data).
# ---------------------------------------------------------------------------------------------


def test_benchmark_pages_keep_furniture_out_and_body_in(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (SHARED_DATA / "article-extraction-benchmark" / "ground-truth.json").is_file():
        pytest.skip(f"the benchmark pages are not in {SHARED_DATA}: see ../shared/data/README.md")
    import importlib.util

    benchmarks = Path(__file__).resolve().parents[2] / "benchmarks"
    monkeypatch.syspath_prepend(str(benchmarks))  # the benchmark imports its neighbours
    path = benchmarks / "bench_pages.py"
    spec = importlib.util.spec_from_file_location("bench_pages", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    total: Counter[str] = Counter()
    disagree = 0
    for page in bench.load_pages(SHARED_DATA):
        counts, meta = bench.ours(page)
        total.update(counts)
        expected = bench.url_date(page[2])
        disagree += bool(expected and meta["published"] and meta["published"] != expected)
    assert total["leak"] <= 0.02 * total["body"]
    assert total["found"] >= 0.96 * total["sentences"]
    assert total["split"] <= 10
    assert disagree == 0


def test_a_plain_page_without_an_article_is_read_paragraph_by_paragraph() -> None:
    from factcheck.errors import IngestWarning

    # Plain text served as a page: its author's address in angle brackets parses as an element
    # that holds the rest of the text, and trafilatura picks out no article.
    html = (
        b"<html><head><title>Statement</title></head><body><h1>Statement on the bridge</h1>"
        b"<pre>\nJane Roe <http://courier.example/> 2024-03-14\n\nThe council will close one"
        b" lane of the bridge for two years.\n</pre><nav><p>Home</p></nav></body></html>"
    )
    with pytest.warns(IngestWarning, match=r"courier\.example/s: no article picked out"):
        doc = read_page(html, "https://courier.example/s")
    assert doc.text == (
        "Statement on the bridge\n\n"
        "Jane Roe 2024-03-14\n\nThe council will close one lane of the bridge for two years."
    )


def test_a_page_too_large_for_article_detection_is_read_paragraph_by_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.errors import IngestWarning
    from factcheck.extract import page as page_module

    body = (
        "<nav><p>Home</p><p>World</p></nav><script>var x = 1;</script>"
        "<article><h1>Bridge repairs to cost £48 million</h1>"
        "<p>The council said on Tuesday that repairs would cost £48 million.</p>"
        "<blockquote><p>“We cannot wait any longer,” the head of transport said.</p></blockquote>"
        "<ul><li>One lane closes for two years.</li></ul></article>"
        "<footer><p>© 2024 Courier Media.</p></footer>"
    )
    html = f"<html><head><title>Bridge</title></head><body>{body}</body></html>".encode()
    monkeypatch.setattr(page_module, "MAX_ELEMENTS", 10)
    with pytest.warns(
        IngestWarning, match=r"courier\.example/a: a page of 1[0-9] elements is read"
    ):
        doc = read_page(html, "https://courier.example/a")
    assert doc.text == (
        "Bridge repairs to cost £48 million\n\n"
        "The council said on Tuesday that repairs would cost £48 million.\n\n"
        "“We cannot wait any longer,” the head of transport said.\n\n"
        "One lane closes for two years."
    )
    # Below the limit the same page is read by trafilatura, without a warning.
    monkeypatch.setattr(page_module, "MAX_ELEMENTS", 50_000)
    assert "Home" not in read_page(html, "https://courier.example/a").text


_DEEP_BODY = (
    "<p>The council said on Tuesday that repairs to the bridge would cost 48 million.</p>"
    "<p>One lane of the bridge will close for two years, the head of transport said.</p>"
)


def _nested(depth: int, inside: str) -> bytes:
    """A page whose ``inside`` sits in ``depth`` nested divs (html and body are two more)."""
    return (
        "<html><head><title>Bridge</title></head><body>"
        + "<div>" * depth
        + inside
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def test_a_page_nested_as_deep_as_the_parser_goes_is_read_whole() -> None:
    # Its paragraphs are 255 elements deep: one short of where the parser stops.
    doc = read_page(_nested(252, _DEEP_BODY), "https://courier.example/a")
    assert doc.text == (
        "The council said on Tuesday that repairs to the bridge would cost 48 million.\n"
        "One lane of the bridge will close for two years, the head of transport said."
    )


@pytest.mark.parametrize("depth", [254, 300, 1_000, 100_000])
def test_a_page_nested_deeper_than_the_parser_goes_is_refused_with_the_reason(
    depth: int,
) -> None:
    # The parser stopped at 256 deep and left the rest out: "no article text found".
    with pytest.raises(IngestError) as caught:
        read_page(_nested(depth, _DEEP_BODY), "https://courier.example/a")
    assert str(caught.value) == (
        "https://courier.example/a: the page nests its elements more than 256 deep, where the "
        "HTML parser stops, and no article text comes before that point: save the article's "
        "text as a .txt file and extract that"
    )


def test_the_text_past_where_the_parser_stops_is_named_as_not_read() -> None:
    from factcheck.errors import IngestWarning

    # The article comes before a part nested too deep: it is read, the rest was lost silently.
    html = (
        b"<html><head><title>Bridge</title></head><body><article>"
        + _DEEP_BODY.encode()
        + b"</article><section>"
        + b"<div>" * 300
        + b"<p>A comment on the bridge, nested deep.</p>"
        + b"</div>" * 300
        + b"</section><p>The last paragraph of the page.</p></body></html>"
    )
    with pytest.warns(IngestWarning) as caught:
        doc = read_page(html, "https://courier.example/a")
    assert [str(warning.message) for warning in caught] == [
        "https://courier.example/a: the page nests its elements more than 256 deep, where the "
        "HTML parser stops: the page's text after that point is not read"
    ]
    assert doc.text == (
        "The council said on Tuesday that repairs to the bridge would cost 48 million.\n"
        "One lane of the bridge will close for two years, the head of transport said."
    )


def test_a_table_is_read_row_by_row_and_its_rows_are_statements() -> None:
    from factcheck.extract.claims import extract_claims
    from factcheck.extract.segment import segment_document

    table = (
        "<table><tr><th>Cable</th><th>Finding</th></tr>"
        "<tr><td>112</td><td>Corrosion found.</td></tr>"
        "<tr><td>2024</td><td>48</td></tr></table>"
    )
    doc = read(inside=table)
    # trafilatura writes the table as markdown; the line under its header shows nothing.
    assert "\n| Cable | Finding | \n| 112 | Corrosion found. | \n| 2024 | 48 | \n" in doc.text
    assert "---" not in doc.text
    doc, segments = segment_document(doc)
    segments, claims = extract_claims(doc, segments)
    rows = [(seg.kind.value, seg.text) for seg in segments if seg.text.startswith("|")]
    # One piece a row, whatever its cells end with; figures, not furniture; never a claim.
    assert rows == [
        ("statement", "| Cable | Finding |"),
        ("statement", "| 112 | Corrosion found. |"),
        ("statement", "| 2024 | 48 |"),
    ]
    assert not any(claim.text.startswith("|") for claim in claims)

"""Publisher detection: the strongest evidence names the publisher, later evidence its chain."""

from __future__ import annotations

import io

import pytest

from factcheck.extract.pipeline import extract
from factcheck.models import Document
from factcheck.sources.outlet_keys import carried_from
from factcheck.sources.publisher import find_publisher
from factcheck.sources.registry import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(user=False)


def _read(text: str, registry: Registry, url: str | None = None) -> Document:
    extraction = extract("-", registry=registry, stdin=io.BytesIO(text.encode()))
    document = extraction.document
    if url is not None:
        document = find_publisher(Document("-", document.text, "0", url=url), (), registry)
    return document


def _publisher(text: str, registry: Registry) -> tuple[str | None, str | None]:
    """The outlet found in TEXT and the evidence that named it."""
    document = _read(text, registry)
    return document.outlet, dict(document.provenance).get("outlet")


BODY = "Officials said on Monday that 40 people had been arrested after protests in the capital."


@pytest.mark.parametrize(
    ("text", "outlet", "evidence", "carried"),
    [
        (f"TEHRAN, June 1 (IRNA) \u2013 {BODY}", "IRNA", "dateline", ()),
        (f"LONDON (Reuters) - {BODY}", "Reuters", "dateline", ()),
        (f"Beirut, Lebanon, May 3 (AP) \u2014 {BODY}", "AP", "dateline", ()),
        # A place and its country or state, with no date: the commonest wire dateline.
        (f"KYIV, Ukraine (AP) \u2014 {BODY}", "AP", "dateline", ()),
        (
            f"SPRINGFIELD, Ill. (Capitol News Illinois) \u2014 {BODY}",
            "Capitol News Illinois",
            "dateline",
            (),
        ),
        (f"GAZA CITY, Gaza Strip, Nov. 3 (AP) \u2014 {BODY}", "AP", "dateline", ()),
        # An outlet's name alone before the dash that opens the story.
        (f"Press TV \u2013 {BODY}", "Press TV", "dateline", ()),
        (f"The Example Times - {BODY}", "The Example Times", "dateline", ()),
        (f"Example Weekly \u2013 {BODY}", "Example Weekly", "dateline", ()),
        # A date written day first, in any language, or a day alone.
        (f"MADRID, 3 Jun. (EUROPA PRESS) - {BODY}", "EUROPA PRESS", "dateline", ()),
        (f"PARIS, 3 juin (AFP) \u2013 {BODY}", "AFP", "dateline", ()),
        # An agency that writes its name in lowercase, its regional desk after a slash.
        (f"BERLIN (dpa) \u2013 {BODY}", "Deutsche Presse-Agentur", "dateline", ()),
        (f"Hamburg (dpa/lno) - {BODY}", "Deutsche Presse-Agentur", "dateline", ()),
        (f"Tehran, IRNA \u2013 {BODY}", "IRNA", "dateline", ()),
        (f"Mehrnews.com \u2013 {BODY}", "Mehrnews.com", "credit", ()),
        (
            f"(MENAFN- Tehran Times) TEHRAN, June 1 (IRNA) \u2013 {BODY}",
            "MENAFN",
            "syndication",
            ("Tehran Times", "IRNA"),
        ),
        (f"{BODY}\n\nCopyright 2023 The Associated Press. All rights reserved.", None, None, ()),
        (f"{BODY}\n\n\u00a9 2024 Example Daily News. All rights reserved.", None, None, ()),
        (BODY, None, None, ()),
    ],
)
def test_the_publisher_and_its_chain_come_from_the_text(
    registry: Registry,
    text: str,
    outlet: str | None,
    evidence: str | None,
    carried: tuple[str, ...],
) -> None:
    document = _read(text, registry)
    if outlet is None and evidence is None and "\u00a9" in text:
        outlet, evidence = "Example Daily News", "copyright"
    elif outlet is None and evidence is None and "Copyright" in text:
        outlet, evidence = "The Associated Press", "copyright"
    assert document.outlet == outlet
    assert dict(document.provenance).get("outlet") == evidence
    assert carried_from(document) == carried


def test_a_byline_outlet_carrying_a_wire_story_is_a_chain_of_two(registry: Registry) -> None:
    text = (
        f"Protests spread\n\nBy Jane Roe, The Daily Example\n\nCAIRO, June 3 (Reuters) - {BODY}\n"
    )
    document = _read(text, registry)
    assert (document.outlet, carried_from(document)) == ("The Daily Example", ("Reuters",))
    assert dict(document.provenance)["outlet"] == "byline"


def test_the_url_domain_and_its_parents_name_a_registry_publisher(registry: Registry) -> None:
    document = _read(BODY, registry, url="https://en.presstv.ir/Detail/2021/06/01/1")
    assert (document.outlet, dict(document.provenance)["outlet"]) == ("Press TV", "url")


def test_page_metadata_outranks_the_text(registry: Registry) -> None:
    page = Document(
        "-",
        f"LONDON (Reuters) - {BODY}",
        "0",
        outlet="Example Herald",
        provenance=(("title", "meta"), ("outlet", "json-ld")),
    )
    document = find_publisher(page, (), registry)
    assert document.outlet == "Example Herald"
    assert document.provenance == (
        ("title", "meta"),
        ("outlet", "json-ld"),
        ("outlet.via", "Reuters"),
    )


@pytest.mark.parametrize(
    ("dateline", "carried"),
    [
        # the page's own statement of the wire, and its dateline naming the same agency
        ("WASHINGTON (AP) — ", ("Associated Press",)),
        ("", ("Associated Press",)),
        # another agency's dateline: the story came through both
        ("LONDON (Reuters) - ", ("Associated Press", "Reuters")),
    ],
)
def test_the_wire_a_page_states_is_carried_once(
    registry: Registry, dateline: str, carried: tuple[str, ...]
) -> None:
    page = Document(
        "-",
        f"{dateline}{BODY}",
        "0",
        outlet="Example Herald",
        provenance=(("outlet", "meta"), ("outlet.via", "Associated Press")),
    )
    document = find_publisher(page, (), registry)
    assert (document.outlet, carried_from(document)) == ("Example Herald", carried)
    assert dict(document.provenance)["outlet"] == "meta"


@pytest.mark.parametrize(
    ("outlet", "stated", "dateline"),
    [
        # the page's own agency, named again by its dateline's short name
        ("Associated Press", None, "WASHINGTON (AP) — "),
        # a media group the page states as the publisher owns the site; it carried nothing
        ("Example Herald", "Example Media Group", ""),
        # the page's own station, its name run together in its dateline
        ("Example News Now", None, "HONOLULU, Hawaii (ExampleNewsNow) — "),
    ],
)
def test_an_outlet_is_never_carried_from_itself_or_from_its_owner(
    registry: Registry, outlet: str, stated: str | None, dateline: str
) -> None:
    provenance = (("outlet", "meta"), *((("outlet.via", stated),) if stated else ()))
    page = Document("-", f"{dateline}{BODY}", "0", outlet=outlet, provenance=provenance)
    document = find_publisher(page, (), registry)
    assert (document.outlet, carried_from(document)) == (outlet, ())


@pytest.mark.parametrize(
    "text",
    [
        f"GAZA CITY, May 20 (Monday) - {BODY}",
        f"Gaza City, Monday \u2013 {BODY}",
        f"Jerusalem, May 21 \u2013 {BODY}",
        f"{BODY} \u00a9 Reuters/Jane Doe",
    ],
)
def test_dates_and_photo_credits_are_never_outlets(registry: Registry, text: str) -> None:
    assert _read(text, registry).outlet is None


@pytest.mark.parametrize(
    "text",
    [
        # Near misses: a label or a word before the opening dash, and a headline with a dash.
        f"EXCLUSIVE \u2013 {BODY}",
        f"LONDON (updated) \u2013 {BODY}",
        f"Officials \u2013 {BODY}",
        f"Example News Anchor Quits \u2013 Report\n\n{BODY}",
    ],
)
def test_a_word_before_the_opening_dash_is_no_outlet(registry: Registry, text: str) -> None:
    assert _read(text, registry).outlet is None


def test_every_claim_starts_with_the_publisher(registry: Registry) -> None:
    text = (
        "Floods hit north\n\nBEIJING (Reuters) - Floods killed at least 12 people on Tuesday, "
        "officials said.\n\nXinhua reported that 40,000 people had been evacuated.\n\n"
        "The army said 3,000 soldiers were sent to help.\n"
    )
    extraction = extract("-", registry=registry, stdin=io.BytesIO(text.encode()))
    assert extraction.claims
    assert [claim.sources[0] for claim in extraction.claims] == ["reuters"] * len(extraction.claims)


def test_a_syndicated_agency_story_is_a_chain_of_three(registry: Registry) -> None:
    from factcheck.sources.registry import match_chain

    text = f"(MENAFN- Tehran Times) TEHRAN, June 1 (IRNA) \u2013 {BODY}\n"
    extraction = extract("-", registry=registry, stdin=io.BytesIO(text.encode()))
    [claim] = extraction.claims
    match = match_chain(registry, claim, extraction.document)
    # The service that published the page, the newspaper it carried, the agency the story is from.
    assert match.ids[:2] == ("menafn", "irna")
    assert match.unknown[:1] == ("Tehran Times",)
    assert claim.sources[:2] == ("menafn", "irna")


@pytest.mark.parametrize(
    ("closing", "outlet", "evidence"),
    [
        ("Follow The Daily Example on Twitter and Facebook.", "The Daily Example", "closing"),
        ("Subscribe to Example.com\u2019s newsletters.", "Example.com", "closing"),
        ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "Example News", "closing"),
        ("Jane Roe is a senior reporter for The Example Herald.", "The Example Herald", "closing"),
        ("Jane Roe is Editor-at-Large at Example News.", "Example News", "closing"),
        ("Reach her directly at jroe@example-daily.com.", "example-daily.com", "contact"),
        ("jroe@example-daily.com", "example-daily.com", "contact"),
        ("Originally published on Example Science.", "Example Science", "origin"),
        ("This article first appeared on Example Insights.", "Example Insights", "origin"),
        ("SOURCE: Example Network News", "Example Network News", "origin"),
        ("Copyright Example Times 2019 - ISSN: 1234-5678", "Example Times", "copyright"),
        ("Jane Roe writes about science for The Example Herald.", "The Example Herald", "closing"),
        ("Also on ExamplePost:", "ExamplePost", "closing"),
        ("Follow Example News Senior Editor Jane Roe on Twitter.", "Example News", "closing"),
        (
            "As published in the International Example Times.",
            "The International Example Times",
            "origin",
        ),
        (
            "The ministry did not respond to Example News\u2019 request for comment.",
            "Example News",
            "request",
        ),
    ],
)
def test_closing_lines_name_the_publisher(
    registry: Registry, closing: str, outlet: str, evidence: str
) -> None:
    assert _publisher(f"Protests spread\n\n{BODY}\n\n{closing}\n", registry) == (outlet, evidence)


@pytest.mark.parametrize(
    "closing",
    [
        # Outlets cited in the body are sources, never the publisher.
        "The figures were first reported by Reuters, according to the Example Herald.",
        "The study was first published in Nature.",
        # Accounts, addresses and notes that are not an outlet's own.
        "Follow NASA on Twitter for updates.",
        "Subscribe to NASA on YouTube.",
        "Follow Jane Roe on Twitter.",
        "Follow NASA Administrator Jane Roe on Twitter.",
        "Reach him at jroe1990@gmail.com.",
        "For details see info@example-ministry.gov, the ministry said.",
        "Jane Roe is a former reporter for The Example Herald.",
        "Jane Roe is a spokeswoman for the Example Ministry.",
        "Source: Ministry of Health",
        "Subscribe to the Morning Example newsletter.",
        "Also on Example:",
        "The ministry did not respond to Example News\u2019 request for comment, CNN reported.",
        "Jane Roe writes poetry for children.",
        "Copyright \u00a9 2015 by Jane Roe. Reprinted with permission.",
    ],
)
def test_near_misses_name_no_publisher(registry: Registry, closing: str) -> None:
    assert _read(f"Protests spread\n\n{BODY}\n\n{closing}\n", registry).outlet is None


def test_a_state_code_after_a_city_is_no_agency(registry: Registry) -> None:
    assert _read(f"Austin, TX \u2013 {BODY}", registry).outlet is None


def test_an_origin_follows_the_publisher_on_the_chain(registry: Registry) -> None:
    text = (
        f"By Jane Roe, The Daily Example\n\n{BODY}\n\n"
        "This article was originally published by Example Insights.\n"
    )
    document = _read(text, registry)
    assert (document.outlet, carried_from(document)) == ("The Daily Example", ("Example Insights",))


def test_a_credit_split_at_its_dot_is_read_from_the_line(registry: Registry) -> None:
    document = _read(f"ExampleNEWS.Net - {BODY}\n", registry)
    assert (document.outlet, dict(document.provenance)["outlet"]) == ("ExampleNEWS.Net", "credit")


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (f"(CNN) \u2014 {BODY}", "CNN", "dateline"),
        (f"(Example News) - {BODY}", "Example News", "dateline"),
        (f"NEW DELHI, June 1 (PTI) {BODY}", "PTI", "dateline"),
        (f"Islamabad, June 1 (APP): {BODY}", "APP", "dateline"),
        (f"MOSCOW, June 1. /TASS/. {BODY}", "TASS", "dateline"),
        (f"Tehran, June 1, IRNA -- {BODY}", "IRNA", "dateline"),
        (f"Protests spread\n\nJane Roe, Example News\n\n{BODY}", "Example News", "byline"),
        (f"Protests spread\n\nBy Example News Staff\n\n{BODY}", "Example News", "byline"),
        (f"Protests spread\n\nExample Daily Staff Report\n\n{BODY}", "Example Daily", "byline"),
        # A staff credit, or a newsroom's role after the name: an outlet without an outlet word.
        (f"Protests spread\n\nHarbor Ledger Staff Report\n\n{BODY}", "Harbor Ledger", "byline"),
        (
            f"Protests spread\n\nBy Harbor Ledger Staff | June 1, 2024\n\n{BODY}",
            "Harbor Ledger",
            "byline",
        ),
        (f"Protests spread\n\nBy The Harbor Ledger Staff\n\n{BODY}", "The Harbor Ledger", "byline"),
        (
            f"Protests spread\n\nJane Roe, Harbor Ledger staff writer\n\n{BODY}",
            "Harbor Ledger",
            "byline",
        ),
        (
            f"Protests spread\n\nBy Jane Roe, Harbor Ledger chief political correspondent\n\n"
            f"{BODY}",
            "Harbor Ledger",
            "byline",
        ),
        (f"Protests spread\n\nJune 1, 2024 | Example Daily\n\n{BODY}", "Example Daily", "byline"),
        (
            f"Protests spread\n\nBy Xinhua | exampledaily.com.cn | Updated: 2024-06-01\n\n{BODY}",
            "exampledaily.com.cn",
            "byline",
        ),
        (
            f"Protests spread\n\nSource: Xinhua| 2024-06-01 10:22|Editor: J\n\n{BODY}",
            "Xinhua",
            "origin",
        ),
        (f"{BODY}\n\n\u2014 Example Daily", "Example Daily", "origin"),
        (
            f"Protests spread\n\nIssued by: Ministry of Foreign Affairs of Example | June 1, 2024"
            f"\n\n{BODY}",
            "Ministry of Foreign Affairs of Example",
            "byline",
        ),
        (
            f"Protests spread\n\nPublished by Example Daily on June 1, 2024\n\n{BODY}",
            "Example Daily",
            "byline",
        ),
    ],
)
def test_credit_lines_and_datelines_at_the_top(
    registry: Registry, text: str, outlet: str, evidence: str
) -> None:
    assert _publisher(text, registry) == (outlet, evidence)


@pytest.mark.parametrize(
    "text",
    [
        f"LONDON, June 1 (UK) {BODY}",
        f"Paris, June 1, France -- {BODY}",
        f"(Monday) \u2014 {BODY}",
        f"Protests spread\n\nJane Roe, Example Ministry\n\n{BODY}",
        f"Protests spread\n\nHome | World | Politics\n\n{BODY}",
        f"Protests spread\n\nBy Jane Roe | Staff\n\n{BODY}",
        # Staff credits and roles that name no newsroom.
        f"Protests spread\n\nBy Staff Reports\n\n{BODY}",
        f"Protests spread\n\nBy the News Desk\n\n{BODY}",
        f"Protests spread\n\nBy Jane Roe Staff Writer\n\n{BODY}",
        f"Protests spread\n\nJane Roe, Harbor University professor\n\n{BODY}",
        f"Protests spread\n\nBy Jane Roe, contributing writer\n\n{BODY}",
        f"{BODY}\n\n\u2014 Jane Roe",
        # Picture credits at the top name the agency that took the picture, not the publisher.
        f"Protests spread\n\nJane Roe | Reuters\n\n{BODY}",
        f"Protests spread\n\nPhoto: Jane Roe | Reuters\n\n{BODY}",
        f"Protests spread\n\nFILE PHOTO: Protesters march | Example News\n\n{BODY}",
        f"Protests spread\n\nProtesters march on Monday. Jane Roe | Example Daily\n\n{BODY}",
        # A person publishing, and an issuer named inside a sentence.
        f"Protests spread\n\nPublished by Jane Roe on June 1, 2024\n\n{BODY}",
        f"Protests spread\n\nThe report was published by the Example Ministry.\n\n{BODY}",
    ],
)
def test_near_miss_credit_lines_name_no_publisher(registry: Registry, text: str) -> None:
    assert _read(text, registry).outlet is None


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            f"https://www.example-gazette.com/2019/06/01/arrests\n\nArrests made\n\n{BODY}\n",
            "example-gazette.com",
            "address",
        ),
        (f"https://en.presstv.ir/Detail/2021/06/01/1\n\n{BODY}\n", "Press TV", "address"),
        (
            f"{BODY}\n\nMore on the arrests soon.\n\nwww.example-noticias.com.br\n",
            "example-noticias.com.br",
            "address",
        ),
        (f"{BODY}\n\nFollow us on Twitter @Reuters.", "Reuters", "closing"),
        (f"{BODY}\n\nFollow @PressTV for more.", "Press TV", "closing"),
        (
            f"{BODY}\n\n\u00a9 2019 Example Media Group (www.example-media.co.kr). All rights.",
            "example-media.co.kr",
            "copyright",
        ),
        (f"{BODY}\n\nReprinted with permission from Example News.", "Example News", "origin"),
        (
            f"{BODY}\n\nThe post Protests spread in the capital appeared first on Example News.",
            "Example News",
            "origin",
        ),
        (f"{BODY}\n\n(With inputs from PTI)", "PTI", "origin"),
        (
            f"{BODY}\n\nWith additional inputs from Example News and Reuters.",
            "Example News",
            "origin",
        ),
        (
            f"{BODY}\n\nThis article is republished from The Example Review.",
            "The Example Review",
            "origin",
        ),
        (
            f"{BODY}\n\nFollow Example News senior reporter Jane Roe on Twitter @janeroe.",
            "Example News",
            "closing",
        ),
        (f"{BODY}\n\nJane Roe is editor in chief of Example Daily.", "Example Daily", "closing"),
        (f"{BODY}\n\nFollow Example\u00a0News on Twitter.", "Example News", "closing"),
        (
            f"{BODY}\n\nThis story was produced by The Example Project, a newsroom.",
            "The Example Project",
            "origin",
        ),
    ],
)
def test_addresses_handles_and_reprints_name_the_publisher(
    registry: Registry, text: str, outlet: str, evidence: str
) -> None:
    assert _publisher(text, registry) == (outlet, evidence)


@pytest.mark.parametrize(
    "text",
    [
        # An address in a sentence, in the middle, or in a list of links is another site's.
        f"{BODY} The report is at https://www.example.org/report today.\n\nMore follows.",
        f"{BODY}\n\nhttps://www.example.org/report\n\nThe army said 3,000 soldiers were sent.",
        f"{BODY}\n\nRead more:\n\nhttps://www.example.org/a\n\nhttps://www.example.net/b\n",
        # A video, a post or a link a label introduces at the end is not the article.
        f"{BODY}\n\nWatch it here.\n\nhttps://www.youtube.com/watch?v=abc123\n",
        f"{BODY}\n\nMore on the arrests soon.\n\nhttps://www.example.org/2019/report\n",
        f"{BODY}\n\nOnline:\n\nhttp://example-poll.com.",
        # An outlet cited in the body, an author's handle, a handle no registry outlet has.
        f"{BODY} Reuters reported the figure, according to Reuters.\n\nMore follows.",
        f"{BODY}\n\nFollow him on Twitter @Reuters.",
        f"{BODY}\n\nFollow us on Twitter @ExampleDaily.",
        # Another body's staff, a board that is no newsroom's.
        f"{BODY}\n\nFollow NASA astronaut Jane Roe on Twitter.",
        f"{BODY}\n\nJane Roe, a former member of the Example Times editorial board, agreed.",
        # Inputs from people, not from an outlet.
        f"{BODY}\n\n(With inputs from our correspondents)",
        f"{BODY}\n\n(With inputs from Jane Roe)",
        # A permission from a person, a film's producer.
        f"{BODY}\n\nReprinted with permission from Jane Roe.",
        f"{BODY}\n\nThe film was produced by Example Studios.",
        # An address in a closing sentence with no copyright mark.
        f"{BODY}\n\nVisit www.example.com for tickets.",
    ],
)
def test_near_miss_addresses_and_handles_name_no_publisher(registry: Registry, text: str) -> None:
    assert _read(text, registry).outlet is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # A place, then a name with any word outlets are named with, then a dash.
        (f"Lagos, Example Newspapers \u2013 {BODY}", "Example Newspapers"),
        (f"Nairobi, Example FM \u2013 {BODY}", "Example FM"),
        (f"Accra, The Example Guardian - {BODY}", "The Example Guardian"),
        (f"LAGOS, THE EXAMPLE SUN \u2014 {BODY}", "THE EXAMPLE SUN"),
        # A state, a country or a person after the place names no outlet.
        (f"Springfield, Illinois \u2013 {BODY}", None),
        (f"Lagos, Nigeria \u2013 {BODY}", None),
        (f"Accra, Jane Roe \u2013 {BODY}", None),
    ],
)
def test_a_city_dateline_names_an_outlet_by_its_outlet_word(
    registry: Registry, text: str, outlet: str | None
) -> None:
    assert _publisher(text, registry) == (outlet, "dateline" if outlet else None)


@pytest.mark.parametrize(
    ("byline", "outlet", "credit"),
    [
        # After a staff credit, which names no person, the name is the outlet's.
        ("By Staff, Examplia", "Examplia", "Staff"),
        ("By News Desk, Example Now", "Example Now", "News Desk"),
        ("By Agencies, Example Today", "Example Today", "Agencies"),
        # After a person's name, a name without an outlet word names no outlet.
        ("By Jane Roe, Tasnim", None, "Jane Roe, Tasnim"),
    ],
)
def test_a_staff_byline_names_its_outlet(
    registry: Registry, byline: str, outlet: str | None, credit: str
) -> None:
    document = _read(f"Protests spread\n\n{byline}\n\n{BODY}", registry)
    assert (document.outlet, document.byline) == (outlet, credit)
    assert dict(document.provenance).get("outlet") == ("byline" if outlet else None)


@pytest.mark.parametrize(
    ("beside", "outlet"),
    [
        # An outlet's name alone on the line under the byline, or its account over or under it.
        ("By Jane Roe\nThe Example Gazette", "The Example Gazette"),
        ("By Jane Roe\nExample News\nJune 1, 2024", "Example News"),
        ("By Jane Roe\nAssociated Press", "Associated Press"),
        ("By Jane Roe\nFollow @Reuters", "Reuters"),
        ("Follow @PressTV\nBy Jane Roe", "Press TV"),
        # Near misses: a person's affiliation, a place, a headline ending with an outlet's name
        # inside it, the author's own account, an outlet's name under no byline.
        ("By Jane Roe\nHarbor University", None),
        ("By Jane Roe\nWashington", None),
        ("By Jane Roe\nStorm Hits Example News Tower", None),
        ("By Jane Roe\nFollow @janeroe", None),
        ("Jane Roe\nThe Example Gazette", None),
        ("By Jane Roe\nFollow us for more", None),
    ],
)
def test_the_lines_beside_the_byline_name_its_outlet(
    registry: Registry, beside: str, outlet: str | None
) -> None:
    text = f"Protests spread across the capital\n\n{beside}\n\n{BODY}\n"
    assert _publisher(text, registry) == (outlet, "byline" if outlet else None)

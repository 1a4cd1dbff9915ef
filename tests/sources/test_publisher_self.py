"""Lines in which an article names its own publisher: outlets the registry does not know, found
by the shape of the line and given as the text names them."""

from __future__ import annotations

import io

import pytest

from factcheck.extract.pipeline import extract
from factcheck.sources.publisher_self import backed, is_picture_agency
from factcheck.sources.registry import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(user=False)


HEAD = "Bridge closes for repairs\n\n"
BODY = (
    "The county said on Tuesday that the old bridge would close for six weeks of repairs. "
    "Drivers will be sent along the river road, the engineer said."
)


def _publisher(text: str, registry: Registry) -> tuple[str | None, str | None]:
    document = extract("-", registry=registry, stdin=io.BytesIO(text.encode())).document
    return document.outlet, dict(document.provenance).get("outlet")


@pytest.mark.parametrize(
    ("closing", "outlet"),
    [
        # Lines only an outlet writes about itself: any name.
        (
            "Disclosure: Quillmere may earn a commission from links on this page.",
            "Quillmere",
        ),
        ("Have a tip? Contact the Quillmere newsroom.", "Quillmere"),
        ("Send tips to the Quillmere news desk.", "Quillmere"),
        (
            "Jane Roe is a retired judge and a member of Quillmere's Board of Contributors.",
            "Quillmere",
        ),
        ("Jane Roe, a member of the QUILLMERE editorial board, lives in Aldford.", "QUILLMERE"),
        ("GET QUILLMERE ON THE GO BY CLICKING HERE", "QUILLMERE"),
        ("Quillmere's Jane Roe contributed to this report.", "Quillmere"),
        # An author's note with a newsroom's role, ending with the outlet.
        ("Jane Roe is a staff writer at Quillmere.", "Quillmere"),
        ("Jane Roe is editor in chief of QUILLMERE. Her views are her own.", "QUILLMERE"),
        ("Roe is a Aldford-based reporter for the Quillmere Network.", "The Quillmere Network"),
        # A name the text backs: its web domain is printed, or two closing lines give it.
        (
            "Follow Quillmere on Facebook.\n\nLetters: letters@quillmere.co.uk",
            "Quillmere",
        ),
        (
            "Follow Quillmere on Facebook.\n\nSign up for Quillmere's newsletter.",
            "Quillmere",
        ),
        (
            "Check out the Quillmere website or app.\n\nQuillmere.com is not liable for ads.",
            "Quillmere",
        ),
    ],
)
def test_an_article_names_its_own_publisher(registry: Registry, closing: str, outlet: str) -> None:
    assert _publisher(f"{HEAD}{BODY}\n\n{closing}\n", registry) == (outlet, "closing")


def test_the_publishers_reporter_credited_at_the_top_names_it(registry: Registry) -> None:
    text = f"{HEAD}Quillmere's Jane Roe reports.\n\n{BODY}\n"
    assert _publisher(text, registry) == ("Quillmere", "closing")


@pytest.mark.parametrize(
    "closing",
    [
        # An outlet the story quotes or cites is a source, never the publisher.
        "The engineer told the Daily Planet that the work could take longer.",
        "Jane Roe told Quillmere the bridge was unsafe.",
        # Names the text does not back, in lines anyone may write.
        "Follow Quillmere on Facebook.",
        "Follow Aldford Council on Twitter for updates.",
        "Check out the Aldford Council website for road closures.",
        "Visit www.aldford.gov for road closures. Follow Aldford on Twitter.",
        "Subscribe to the Morning Bridge newsletter.",
        # A person's commission, a former or contributing editor, a note about someone else.
        "Jane Roe may receive compensation from the county, the engineer said.",
        "Jane Roe is a former reporter at Quillmere.",
        "Jane Roe is a contributing editor at Quillmere.",
        "He is a reporter for Quillmere.",
        "Jane Roe is a producer at Quillmere Studios.",
        "Jane Roe, a former member of the Quillmere editorial board, agreed.",
        "Jane Roe is a member of the Quillmere Council board of directors.",
        # A picture agency's copyright names who took a picture.
        "\u00a9 2024 Quillmere Images",
        "Copyright 2024 Shutterstock.",
    ],
)
def test_near_misses_name_no_publisher(registry: Registry, closing: str) -> None:
    assert _publisher(f"{HEAD}{BODY}\n\n{closing}\n", registry) == (None, None)


@pytest.mark.parametrize(
    ("name", "text", "named", "expected"),
    [
        ("Quillmere", "Write to desk@quillmere.org today.", (), True),
        ("The Quillmere", "See www.quillmere.com.au", (), True),
        ("Quill-Mere", "quillmere.net", (), True),
        ("Quillmere", "Quillmere on Facebook", ("Quillmere", "Quillmere"), True),
        ("Quillmere", "Quillmere on Facebook", ("Quillmere",), False),
        # A government's, a school's, a platform's or a mail service's domain backs no outlet.
        ("Aldford", "See aldford.gov.uk and aldford.edu", (), False),
        ("Quillmere", "See facebook.com/quillmere", (), False),
        ("Gmail", "Write to jroe@gmail.com", (), False),
        # The letters must be the domain's own name, not part of it.
        ("Quill", "quillmere.com", (), False),
    ],
)
def test_a_name_is_backed_by_its_domain_or_a_second_line(
    name: str, text: str, named: tuple[str, ...], expected: bool
) -> None:
    assert backed(name, text, named) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Getty Images", True),
        ("Quillmere Photos", True),
        ("Quillmere Photography", True),
        ("Shutterstock", True),
        # Agencies that publish news: their copyright is a story's.
        ("Reuters", False),
        ("The Associated Press", False),
        ("Quillmere Media", False),
    ],
)
def test_picture_agencies(name: str, expected: bool) -> None:
    assert is_picture_agency(name) is expected


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        # A masthead the text names again inside a sentence, or whose domain it prints.
        (
            f"The Aldford Gazette\n\n{HEAD}{BODY} The engineer spoke to The Aldford Gazette.\n",
            "The Aldford Gazette",
            "masthead",
        ),
        (
            f"Aldford Tribune\n\n{HEAD}{BODY}\n\nLetters: desk@aldfordtribune.com\n",
            "Aldford Tribune",
            "masthead",
        ),
        # The site sending readers to itself.
        (
            f"{HEAD}{BODY}\n\nFor more local news, visit www.quillmere.net.\n",
            "quillmere.net",
            "closing",
        ),
        (
            f"{HEAD}{BODY}\nAlso on quillmere.net Mayor resigns after vote\nThe vote was close.\n",
            "quillmere.net",
            "closing",
        ),
        # A credit at the top with a name the text backs.
        (
            f"{HEAD}Jane Roe, Quillmere\n\n{BODY}\n\nLetters: desk@quillmere.org\n",
            "Quillmere",
            "byline",
        ),
    ],
)
def test_mastheads_links_and_credits_the_text_backs(
    registry: Registry, text: str, outlet: str, evidence: str
) -> None:
    assert _publisher(text, registry) == (outlet, evidence)


@pytest.mark.parametrize(
    "text",
    [
        # A headline of a masthead's shape, repeated as a line, names no publisher.
        f"Senator Sues Example Times\n\nSenator Sues Example Times\n\n{BODY}\n",
        f"Senator Sues Example Times\n\n{BODY}\n",
        # Links to other sites: for more information, a report at an address.
        f"{HEAD}{BODY}\n\nFor more information, visit www.quillmere.net.\n",
        f"{HEAD}{BODY}\n\nRead the report at quillmere.net/report today.\n",
        # A credit at the top with a name the text does not back.
        f"{HEAD}Jane Roe, Quillmere\n\n{BODY}\n",
    ],
)
def test_near_miss_mastheads_links_and_credits(registry: Registry, text: str) -> None:
    assert _publisher(text, registry) == (None, None)

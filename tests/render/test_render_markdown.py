"""Tests of factcheck.render.markdown: the reference report, valid CommonMark/GFM, and escaping.

The reference file tests/fixtures/report/seed.md is compared byte for byte. After an intended
change to the report, rewrite it with ``.venv/bin/python tools/regen_references.py``
and review the diff before committing it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from report_fixtures import adversarial, check_reference, report, seed

from factcheck.records import one_line
from factcheck.render.console import defang
from factcheck.render.markdown import (
    code_span,
    escape_markdown,
    link,
    link_destination,
    render_markdown,
)


def parse(markdown: str) -> list[Token]:
    """CommonMark plus GFM tables and strikethrough, as GitHub and most renderers read it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)


def walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(walk(token.children))
    return out


# --- the reference report ------------------------------------------------------------------------


def test_seed_report_matches_the_reference_file() -> None:
    check_reference("seed.md")
    check_reference("seed.details.md")


def test_seed_report_has_the_expected_outline() -> None:
    tokens = parse(render_markdown(seed()))
    headings = [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    claims = [("h3", f"Claim c{n}") for n in range(1, 19)]
    assert headings == [
        (
            "h1",
            "Fact-check: Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint "
            "military room",
        ),
        ("h2", "To do before publishing"),
        ("h2", "Summary"),
        ("h2", "Verdicts"),
        ("h2", "Claims"),
        *claims,
        ("h2", "Sources"),
        ("h2", "Methodology"),
        ("h3", "Questions"),
        ("h3", "Rules"),
    ]


def test_seed_report_shows_the_attribution_chain_and_the_deciding_rule() -> None:
    markdown = render_markdown(seed())
    section = markdown.split("### Claim c3\n", 1)[1].split("### Claim c4\n", 1)[0]
    assert "- **Attribution:** The Algemeiner ← Al-Manar TV ← Ibrahim Al-Amin\n" in section
    # The reason is generated from the rule that fired and the answers behind it; the rule's
    # expression is for --details only.
    assert (
        "**Verdict: Unproven.** Neither the original nor an independent source could be found. "
        "(no earlier rule held: corroborated: no; primary source: no)\n"
    ) in section
    assert "==" not in render_markdown(seed())
    detailed = render_markdown(seed(), details=True)
    assert "(Rule 5, the default.)" in detailed.split("### Claim c3\n", 1)[1]
    assert "(https://en.wikipedia.org/wiki/Al_Akhbar_%28Lebanon%29)" in section


def test_every_table_row_has_as_many_cells_as_its_header() -> None:
    for built in (seed(), adversarial()):
        tokens = parse(render_markdown(built))
        tables = 0
        cells: list[int] = []
        for token in tokens:
            if token.type == "table_open":
                tables += 1
                cells = []
            elif token.type == "tr_open":
                cells.append(0)
            elif token.type in ("th_open", "td_open"):
                cells[-1] += 1
            elif token.type == "table_close":
                assert len(set(cells)) == 1, cells
        assert tables == 3


def test_rendering_is_deterministic() -> None:
    first = render_markdown(seed())
    report.cache_clear()
    assert render_markdown(seed()) == first


# --- untrusted text --------------------------------------------------------------------------

ADVERSARIAL_LINKS = {
    "#methodology",
    "https://evil.example/a%29b%3Cc%3E%7Cd%22e%27f&amp;g%5Bh%5D*i_j%60k",
    "https://example.org/report?id=1&lt=2#frag",
    "http://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?q=%C3%BC",
    "https://evil.example/x%29%5D%28javascript:alert%281%29%29",
    *(f"#claim-c{n}" for n in range(1, 9)),
}


def test_adversarial_text_opens_no_html_image_code_or_foreign_link() -> None:
    markdown = render_markdown(adversarial())
    tokens = walk(parse(markdown))
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "s_open"}
    # The only fences are the claims' chain diagrams, whose labels are entity-coded.
    assert {t.info for t in tokens if t.type == "fence"} == {"mermaid"}
    assert {t.attrGet("href") for t in tokens if t.type == "link_open"} == ADVERSARIAL_LINKS
    codes = {t.content for t in tokens if t.type == "code_inline"}
    assert codes >= {"daafab5127ed5dc2", "--title", "--url"}
    assert not any("==" in code or ">=" in code for code in codes)
    detailed = walk(parse(render_markdown(adversarial(), details=True)))
    shown = {t.content for t in detailed if t.type == "code_inline"}
    assert {"verdict_call == yes", "rating >= 4"} <= shown
    assert sum(1 for t in tokens if t.type == "blockquote_open") == 9


def test_adversarial_text_appears_literally() -> None:
    built = adversarial()
    tokens = walk(parse(render_markdown(built)))
    shown = "\n".join(t.content for t in tokens if t.type == "text")
    for row in built.claims:
        assert defang(one_line(row.claim.text)) in shown
        for answer in row.answers:
            if answer.note and answer.asked:
                assert defang(one_line(answer.note)) in shown


def test_adversarial_markdown_holds_no_control_characters_or_bare_autolinks() -> None:
    markdown = render_markdown(adversarial())
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", markdown)
    # Outside link destinations, every '<', URL scheme, 'www.' and '@' is escaped.
    text = re.sub(r"\]\([^\s)]*\)", "]", markdown)
    assert not re.search(r"(?<!\\)<", text)
    assert not re.search(r"(?<!\\)://", text)
    assert not re.search(r"(?i)www(?!\\\.)\.", text)
    assert not re.search(r"(?<!\\)@", text)


def test_a_document_url_that_is_not_http_is_shown_not_linked() -> None:
    markdown = render_markdown(adversarial())
    assert "- **Address:** javascript\\:alert(1)\n" in markdown
    assert "javascript:" not in {t.attrGet("href") for t in walk(parse(markdown))}


# --- the escape function -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text, nothing to do.", "plain text, nothing to do."),
        ("snake_case _em_ a__b", "snake_case \\_em\\_ a\\_\\_b"),
        ("AT&T &amp; &#60;", "AT\\&T \\&amp; \\&\\#60;"),
        ("see https://x.example and www.x.example", "see https\\://x.example and www\\.x.example"),
        ("time: 10:30", "time: 10\\:30"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("=== not a heading", "\\=== not a heading"),
        ("2021. Not a list", "2021\\. Not a list"),
        ("3) not a list", "3\\) not a list"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("<b>x</b> | [a](b) ![i](j)", "\\<b\\>x\\</b\\> \\| \\[a\\](b) !\\[i\\](j)"),
        ("`c` *e* ~s~ $m$ @u \\", "\\`c\\` \\*e\\* \\~s\\~ \\$m\\$ \\@u \\\\"),
        ("two\nlines\r\n\tand  spaces ", "two lines and spaces"),
        ("\x1b[31mred \u202eevil", "\\\\x1b\\[31mred \\\\u202eevil"),
        ("قال المتحدث 😀", "قال المتحدث 😀"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


SPECIAL = list("\\`*_[]<>|~&#$@!:.()-+=0123456789 \n\t\r\x1b\u202e\x00aAwWé😀;/\"'{}^")
CONTEXTS = [
    ("{}", ["paragraph_open", "inline"]),
    ("# {}", ["heading_open", "inline"]),
    ("- {}", ["bullet_list_open", "list_item_open", "paragraph_open", "inline"]),
    ("1. {}", ["ordered_list_open", "list_item_open", "paragraph_open", "inline"]),
    ("> {}", ["blockquote_open", "paragraph_open", "inline"]),
    ("Before\n> {}", ["paragraph_open", "inline", "paragraph_close", "blockquote_open"]),
    ("| head |\n| --- |\n| {} |", None),
]


@settings(max_examples=300, deadline=None)  # eight markdown parses an example, on a busy machine
@given(
    st.text(
        alphabet=st.sampled_from(SPECIAL) | st.characters(exclude_categories=["Cs"]),
        min_size=1,
        max_size=40,
    )
)
def test_escaped_text_renders_as_exactly_that_text_anywhere(text: str) -> None:
    escaped = escape_markdown(text)
    expected = defang(one_line(text))
    if not expected:
        return
    for template, outline in CONTEXTS:
        tokens = parse(template.format(escaped) + "\n")
        inlines = [t for t in tokens if t.type == "inline"]
        if outline is not None:
            assert [t.type for t in tokens[: len(outline)]] == outline, template
        assert inlines, template
        last = inlines[-1]
        assert [c.type for c in last.children or []] == ["text"], (template, escaped)
        assert (last.children or [])[0].content == expected, (template, escaped)
    # markdown-it leaves an empty text token where a delimiter run was: not part of the output.
    strong = [
        c for c in parse(f"Label: **{escaped}**\n")[1].children or [] if c.content or c.nesting
    ]
    assert [c.type for c in strong] == ["text", "strong_open", "text", "strong_close"]
    assert strong[2].content == expected


@given(st.text(alphabet=st.sampled_from(SPECIAL), max_size=30))
def test_code_spans_hold_any_text(text: str) -> None:
    expected = defang(one_line(text))
    if not expected.strip(" "):
        return
    children = parse(f"x {code_span(text)} y\n")[1].children or []
    assert [c.type for c in children] == ["text", "code_inline", "text"]
    assert children[1].content == expected


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.org/a_(b)?q=1&amp=2", "https://example.org/a_%28b%29?q=1&amp=2"),
        ("https://example.org/<x>|y'z\"", "https://example.org/%3Cx%3E%7Cy%27z%22"),
        ("https://例子.测试/ü", "https://xn--fsqu00a.xn--0zwm56d/%C3%BC"),
    ],
)
def test_links_keep_their_destination(url: str, href: str) -> None:
    tokens = walk(parse(f"| a |\n| --- |\n| {link('text', url)} |\n"))
    assert [t.attrGet("href") for t in tokens if t.type == "link_open"] == [href]
    assert link_destination(url).count("(") == 0


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://BÜCHER.example/a", "https://xn--bcher-kva.example/a"),
        ("https://Straße.Example/", "https://strasse.example/"),
        (
            "https://Ann:Pw@ÄPFEL.example:8443/Ö?q=Ü",
            "https://Ann:Pw@xn--pfel-koa.example:8443/%C3%96?q=%C3%9C",
        ),
        ("https://Ann@Example.ORG:8080/Path", "https://Ann@Example.ORG:8080/Path"),
        ("https://EXAMPLE.org/BÜCHER.example", "https://EXAMPLE.org/B%C3%9CCHER.example"),
        (
            "https://BÜCHER.example/bücher.example",
            "https://xn--bcher-kva.example/b%C3%BCcher.example",
        ),
    ],
)
def test_a_host_in_capitals_is_converted_and_userinfo_and_port_kept(url: str, href: str) -> None:
    assert link_destination(url) == href


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/", "not a url", ""])
def test_only_http_urls_become_links(url: str) -> None:
    assert link("text", url) == "text"
    assert link("text", None) == "text"


def test_the_demo_report_is_publishable() -> None:
    """The committed demo (make demo): summary, bottom line, a conclusion for every reviewed
    claim, no rule expression, and the markdown in reports/ is what the worksheet gives."""
    from pathlib import Path

    from factcheck.report.model import ClaimStatus, load_report

    repo = Path(__file__).resolve().parents[2]
    built = load_report(repo / "reports" / "seed-article.worksheet.yaml")
    markdown = render_markdown(built)
    assert markdown == (repo / "reports" / "seed-article.md").read_text(encoding="utf-8")
    publication = built.worksheet.publication
    assert publication.summary and publication.bottom_line and publication.title
    assert f"**Bottom line:** {escape_markdown(publication.bottom_line)}" in markdown
    reviewed = [row for row in built.claims if row.status is ClaimStatus.FINAL]
    assert len(reviewed) >= 17
    for row in reviewed:
        assert row.entry.conclusion
        assert f"**Conclusion:** {escape_markdown(row.entry.conclusion)}" in markdown
    assert not re.search(r"==|!=|>=|<=| in \[", markdown)
    assert "Write a conclusion" not in markdown


def test_notes_and_evidence_before_an_answer_are_reported() -> None:
    # Research recorded before the answer was chosen was in the worksheet and the JSON, but in
    # neither the markdown report nor the terminal's details.
    from report_fixtures import FIXTURES, terminal_text

    from factcheck.checklist.load import load_checklist
    from factcheck.report.model import build_report
    from factcheck.review.worksheet import Action, apply_change, make_change
    from factcheck.sources.registry import load_registry

    base = seed()
    row = next(r for r in base.claims if not any(a.value for a in r.answers))
    question = row.answers[0].question
    worksheet = base.worksheet
    for action, new in (
        (Action.NOTE, "Asked the ministry."),
        (Action.EVIDENCE, "https://e.example/q"),
    ):
        change = make_change(worksheet, row.id, action, reviewer="ana", question=question, new=new)
        worksheet = apply_change(worksheet, change)
    checklist = load_checklist(FIXTURES / "quick.yaml")
    registry = load_registry([FIXTURES / "sources.yaml"], builtin=False, user=False)
    built = build_report(worksheet, checklist, registry, slug="seed")
    section = render_markdown(built).split(f"### Claim {row.id}\n", 1)[1].split("### Claim", 1)[0]
    assert "**Not reviewed yet.**" in section
    assert "*not answered*\n   - Note: Asked the ministry.\n" in section
    assert "   - Evidence: [e.example/q](https://e.example/q)\n" in section
    details = terminal_text(built, details=True)
    assert "Asked the ministry." in details and "https://e.example/q" in details

"""Tests for the case views: `case show`, the findings on a terminal and in markdown."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console, RenderableType

from factcheck.case.compare import DetailKind, Difference, Relation
from factcheck.case.findings import (
    CaseFindings,
    ChainGroup,
    ClaimFindings,
    Match,
    QuoteDrift,
    QuoteVariant,
)
from factcheck.case.store import Added, Case, CaseArticle
from factcheck.models import Attribution, Claim, Document, Extraction
from factcheck.render.case import (
    SECTION_TITLE,
    drift_words,
    render_added,
    render_case,
    render_findings,
    render_findings_markdown,
)


def text_of(renderable: RenderableType, width: int = 110) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    output: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines())


def claim(cid: str, text: str, speaker: str | None = None) -> Claim:
    return Claim(
        id=cid,
        text=text,
        start=0,
        end=len(text),
        check_worthiness=0.9,
        attribution=Attribution(speaker=speaker),
    )


def article(
    aid: str, outlet: str | None, title: str, source: str, *claims: Claim, url: str | None = None
) -> CaseArticle:
    doc = Document(
        source=source,
        text=" ".join(c.text for c in claims),
        sha256=aid * 4,
        title=title,
        published="2023-10-05",
        url=url,
    )
    return CaseArticle(aid, Extraction(doc, (), claims), outlet, "2023-10-06T08:00:00Z")


WIRE = article(
    "1111222233334444",
    "Continental Press Agency",
    "Fire at Brennport textile factory kills 23 workers",
    "fire/wire.txt",
    claim("c1", "A fire killed 23 workers on Thursday, fire chief Samuel Okoro said."),
)
RADIO = article(
    "5555666677778888",
    "Radio [Brenn](https://evil.example)",
    "<b>Survivors</b> describe locked doors",
    "-",
    claim("c2", "At least 25 workers died in Thursday's fire, a hospital official said."),
    url="https://radio.example/fire",
)


def findings() -> CaseFindings:
    reviewed = claim("c1", "A fire at a textile factory killed 23 workers on Thursday.", "Okoro")
    conflict = Match(
        claim_id="c1",
        article=RADIO,
        claim=RADIO.extraction.claims[0],
        similarity=0.731,
        relation=Relation.CONFLICTS,
        differences=(Difference(DetailKind.NUMBER, ("23",), ("at least 25",)),),
        independent=True,
        root="hospital official",
    )
    copy = Match(
        claim_id="c1",
        article=WIRE,
        claim=WIRE.extraction.claims[0],
        similarity=0.912,
        relation=Relation.AGREES,
        independent=False,
        reasons=("both trace back to Samuel Okoro", "near-identical wording (91% shared)"),
        root="Samuel Okoro",
    )
    drift = QuoteDrift(
        speaker="Ruth Amadi",
        variants=(
            QuoteVariant("Brennport Daily Mirror", "", "c4", "We could not open the doors,"),
            QuoteVariant("Radio Brenn", RADIO.id, "c1", "We could not open the doors because"),
        ),
    )
    return CaseFindings(
        case=Path("cases/fire"),
        document=Document(source="fire/copy.txt", text="", sha256="0" * 64),
        claims=(
            ClaimFindings(
                claim=reviewed,
                matches=(copy, conflict),
                groups=(
                    ChainGroup("Samuel Okoro", 2, own=True, corroborates=False),
                    ChainGroup("hospital official", 1, own=False, corroborates=False),
                ),
                drift=(drift,),
            ),
            ClaimFindings(claim=claim("c2", "The owner was arrested.")),
        ),
        compared=2,
    )


def test_case_show_lists_the_articles() -> None:
    case = Case(path=Path("cases/fire"), articles=(WIRE, RADIO))
    assert text_of(render_case(case)) == "\n".join(
        [
            "Case fire: 2 articles, 2 claims",
            " #   Outlet                         Published    Claims   Title                     "
            "Source           Id",
            "\u2500" * 110,
            " 1   Continental Press Agency       2023-10-05        1   Fire at Brennport         "
            "fire/wire.txt    11112222",
            "                                                          textile factory kills",
            "                                                          23 workers",
            " 2   Radio [Brenn](https://evil.\u2026   2023-10-05        1   "
            "<b>Survivors</b>          https://radio.   55556666",
            "                                                          describe locked doors     "
            "example/fire",
        ]
    )
    empty = text_of(render_case(Case(path=Path("cases/new"))))
    assert empty == (
        "Case new: 0 articles, 0 claims\nAdd articles with: factcheck case add CASE_DIR SOURCE..."
    )


def test_added_lines_say_what_happened_to_each_source() -> None:
    results = [
        Added("fire/wire.txt", WIRE, new=True),
        Added("fire/wire.txt", WIRE, new=False),
        Added("gone.txt", None, error="gone.txt: file not found"),
    ]
    assert text_of(render_added(results), width=200) == "\n".join(
        [
            "Added: Continental Press Agency (2023-10-05; 1 claim) Fire at Brennport textile "
            "factory kills 23 workers",
            "Already in the case: Continental Press Agency (2023-10-05; 1 claim) Fire at Brennport "
            "textile factory kills 23 workers",
            "Not added: gone.txt: file not found",
        ]
    )


def test_findings_on_the_terminal() -> None:
    shown = text_of(render_findings(findings()), width=140)
    assert shown.splitlines()[:6] == [
        SECTION_TITLE,
        "2 other articles compared: 1 of 2 claims reported elsewhere, 0 confirmed through an "
        "independent chain, 1 with conflicting reports, 1 with a",
        "quotation worded differently.",
        "",
        "c1 A fire at a textile factory killed 23 workers on Thursday.",
        "3 reports from 2 independent chains: Samuel Okoro (2), hospital official (1).  "
        "1 report conflicts.",
    ]
    assert "number: 23 here, at" in shown
    assert "no: both trace back to" in shown
    assert "Quotation worded differently: Ruth Amadi" in shown
    assert "Radio Brenn              \u201cWe could not open the doors because\u201d" in shown
    assert "c2 The owner" not in shown


def test_findings_as_a_markdown_section_escape_article_text() -> None:
    markdown = render_findings_markdown(findings())
    assert markdown.splitlines()[:33] == [
        f"## {SECTION_TITLE}",
        "",
        "2 other articles compared: 1 of 2 claims reported elsewhere, 0 confirmed through an "
        "independent chain, 1 with conflicting reports, 1 with a quotation worded differently.",
        "",
        "### c1: A fire at a textile factory killed 23 workers on Thursday.",
        "",
        "3 reports from 2 independent chains: Samuel Okoro (2), hospital official (1).",
        "",
        "```mermaid",
        "flowchart LR",
        "  %% c1#58; who reports it",
        '  subgraph g1["The claim\'s own chain#58; traces back to Samuel Okoro (2 reports)"]',
        '    n4(["Samuel Okoro (root)"]):::root',
        '    n1["fire/copy.txt (this article)"]',
        '    n2["Continental Press Agency (agrees)"]',
        "  end",
        '  subgraph g2["Independent chain#58; traces back to hospital official (1 report)"]',
        '    n3["Radio #91;Brenn#93;(https#58;//evil.example) (conflicts#58; number#58; 23 here, '
        'at least 25 there#59; quotation worded differently)"]',
        "  end",
        "  n4 -->|quoted by| n1",
        "  n4 -->|quoted by| n2",
        "  classDef root stroke-width:3px,font-weight:bold",
        "```",
        "",
        "- **The claim's own chain: traces back to Samuel Okoro (2 reports)**",
        "  - Samuel Okoro (root)",
        "    - quoted by fire/copy.txt (this article)",
        "    - quoted by Continental Press Agency (agrees)",
        "- **Independent chain: traces back to hospital official (1 report)**",
        "  - Radio \\[Brenn\\](https\\://evil.example) (conflicts: number: 23 here, at least 25 "
        "there; quotation worded differently)",
        "",
        "| Outlet | Published | Relation | Independent | Similarity | Their sentence |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    assert (
        "| [Radio \\[Brenn\\](https\\://evil.example)](https://radio.example/fire) | 2023-10-05 | "
        "conflicts (number: 23 here, at least 25 there) | yes: traces back to hospital "
        "official | 0.73 |"
    ) in markdown
    assert markdown.endswith(
        "| Brennport Daily Mirror | \u201cWe could not open the doors,\u201d |\n"
        "| Radio Brenn | \u201cWe could not open the doors **because**\u201d |\n"
    )
    assert "<b>" not in markdown and "c2" not in markdown


def test_drift_words_mark_what_the_first_wording_lacks() -> None:
    assert [
        w
        for w, new in drift_words(
            "victory over Zionist criminals,", "victory of the Zionist regime,"
        )
        if new
    ] == [
        "over",
        "criminals",
    ]

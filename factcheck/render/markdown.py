"""Stage ⑨ render: the markdown report an editor reads and publishes (CommonMark with GFM tables).

Every piece of text from the article, the reviewer or a registry or checklist file goes through
:func:`escape_markdown`, which keeps it on one line and backslash-escapes whatever could start
markup: HTML, links, images, autolinks (``https://``, ``www.``, e-mail and @-mentions), code,
emphasis, strikethrough, math, headings, lists, block quotes and table cells. Links appear only
where the report makes them: to the article and to evidence, and only for http(s) URLs.

The report is written to be published: the reviewer's title, summary, bottom line and a
conclusion per claim; the verdicts' reasons in words. Rule expressions and the checklist's
internal questions appear only with ``details``. Nothing is refused: what a publishable report
still lacks is listed at the top under "To do before publishing".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import quote, urlsplit

from factcheck import regexes
from factcheck.checklist.load import INFORMATION_CREDIBILITY, SOURCE_RELIABILITY
from factcheck.models import Attribution, Segment
from factcheck.records import EMPTY, one_line, shorten
from factcheck.render.console import defang
from factcheck.render.diagram import chain_markdown
from factcheck.report.model import (
    AnswerRow,
    ClaimRow,
    ClaimStatus,
    Report,
    SourceRow,
    answer_text,
    claim_anchor,
    claim_marks,
    day,
    other_voices,
    researched,
)
from factcheck.review.worksheet import CASE_EVIDENCE_PREFIX, ClaimReview, is_url
from factcheck.sources.matching import idna_host
from factcheck.sources.ratings import rating_sets
from factcheck.team.unsettled import unsettled_reasons

TABLE_TEXT_WIDTH = 120
"""Characters of a claim's text shown in the verdict table (the full text is in its section)."""
MAX_CLAIM_IDS = 12
"""Claim ids listed per source in the sources table before the rest are counted."""

# Characters that may open inline markup. Most are always escaped; '_' only outside a word (inside
# one it never opens emphasis), '&' only before what could be an entity, ':' only before a
# non-space (URL schemes, emoji codes). One character class keeps the scan fast.
_SPECIAL = regexes.compile(r"[\\`*\[\]<>|~#$@_&:]")
# The '.' of 'www.', which GFM's extended autolinks would turn into a link.
_WWW = regexes.compile(r"(?i)(?<=www)\.")
# Characters that open a block (list item, ordered list, setext underline) only at a line start.
_LEADING = regexes.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")
_URL_SAFE = "/:?#[]@!$&*+,;=%-._~"


def _escape_special(match: re.Match[str]) -> str:
    char = match.group()
    text = match.string
    at = match.start()
    after = text[at + 1 : at + 2]
    if char == "_":
        if at and text[at - 1].isalnum() and after.isalnum():
            return char
    elif char == "&":
        if not (after == "#" or after == "_" or after.isalnum()):
            return char
    elif char == ":" and (not after or after.isspace()):
        return char
    return "\\" + char


@lru_cache(maxsize=8192)
def escape_markdown(text: str) -> str:
    """Untrusted text as inline markdown that shows exactly that text and nothing else.

    Whitespace runs (line breaks included) become one space, control characters and bidi
    overrides are shown as visible escapes, and every character that could open markup is
    backslash-escaped, so the result is safe in a paragraph, a heading, a list item, a block
    quote or a table cell.
    """
    line = _SPECIAL.sub(_escape_special, defang(one_line(text)))
    if "ww" in line or "WW" in line or "Ww" in line or "wW" in line:
        line = _WWW.sub("\\\\.", line)
    match = _LEADING.match(line)
    if match is None:
        return line
    if match.group()[0].isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def code_span(text: str) -> str:
    """Text as an inline code span; a backtick inside never closes it. Not for table cells."""
    line = defang(one_line(text))
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.startswith("`") or line.endswith("`") or not line.strip() else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def link_destination(url: str) -> str:
    """A URL as a link destination: characters that could end or change it percent-encoded, and
    a non-ASCII host name in its IDNA (punycode) form."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.isascii():
        # The host is rebuilt from the netloc as written: `hostname` is lower case, so it is
        # not found in a URL that spells the host in capitals.
        userinfo, at, host_port = parts.netloc.rpartition("@")
        _, colon, port = host_port.partition(":")
        netloc = f"{userinfo}{at}{idna_host(host) or host}{colon}{port}"
        url = url.replace(parts.netloc, netloc, 1)
    encoded = quote(url, safe=_URL_SAFE)
    # Entity references are decoded in destinations; an escaped '&' stays a plain '&'.
    return encoded.replace("&", "\\&")


def show_url(url: str, width: int = 70) -> str:
    """A URL as link text: host and path, without the scheme, shortened."""
    parts = urlsplit(url)
    shown = parts.netloc + parts.path.rstrip("/")
    if parts.query:
        shown += "?" + parts.query
    return shorten(shown or url, width)


def link(text: str, url: str | None) -> str:
    """A link for an http(s) URL; anything else is shown as escaped text, never linked."""
    if url is None or not is_url(url):
        return escape_markdown(text)
    return f"[{escape_markdown(text)}]({link_destination(url)})"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. ``align``: one of 'l', 'r', 'c' per column."""
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    rule = [marks.get(a, "---") for a in align.ljust(len(header), "-")]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines.extend("| " + " | ".join(cell or EMPTY for cell in row) + " |" for row in rows)
    return lines


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _joined(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- sections ----------------------------------------------------------------------------------


def _article_url(report: Report) -> str | None:
    return report.worksheet.publication.url or report.document.url


def _todo(report: Report) -> list[str]:
    """What a publishable report still lacks; empty when nothing."""
    publication = report.worksheet.publication
    items: list[str] = []
    if not publication.title:
        items.append("Write a title (the article's headline stands in): `--title`.")
    if not publication.summary:
        items.append("Summarise what the article says: `--summary`.")
    if not publication.bottom_line:
        items.append("Write the bottom line: `--bottom-line`.")
    if not _article_url(report) or not is_url(_article_url(report) or ""):
        items.append("Give the article's address: `--url`.")
    unconcluded = [
        r.id for r in report.claims if r.status is ClaimStatus.FINAL and not r.entry.conclusion
    ]
    if unconcluded:
        items.append(f"Write a conclusion for {_ids(unconcluded)}.")
    open_ids = [r.id for r in report.claims if r.status is ClaimStatus.OPEN]
    if open_ids:
        items.append(f"Finish the review of {_ids(open_ids)}.")
    local = [
        r.id
        for r in report.claims
        if any(url.startswith(CASE_EVIDENCE_PREFIX) for a in r.answers for url in a.evidence)
    ]
    if local:
        items.append(f"Replace evidence that is a local file with a link ({_ids(local)}).")
    unsettled = unsettled_reasons(report.worksheet)
    for item, reason in unsettled:
        why = f" ({escape_markdown(one_line(reason))})" if reason else ""
        items.append(f"Settle {escape_markdown(item)}{why}.")
    if not items:
        return []
    settle = " Settle what the merge left with `factcheck review WORKSHEET`." if unsettled else ""
    return [
        "## To do before publishing",
        "",
        *(f"- {item}" for item in items),
        "",
        "Set the parts with `factcheck review WORKSHEET --title ... --summary ... "
        "--bottom-line ... --url ...`; conclusions are asked for at each claim's verdict." + settle,
    ]


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(escape_markdown(cid) for cid in ids[:MAX_CLAIM_IDS])
    more = len(ids) - MAX_CLAIM_IDS
    return shown + (f" and {more} more" if more > 0 else "")


def _title_block(report: Report) -> list[str]:
    doc = report.document
    checklist = report.checklist
    title = one_line(doc.title or "") or doc.source
    heading = one_line(report.worksheet.publication.title or "") or f"Fact-check: {title}"
    url = _article_url(report)
    lines = [f"# {escape_markdown(heading)}", ""]
    fields: list[tuple[str, str]] = [("Article", link(title, url))]
    if doc.outlet:
        fields.append(("Outlet", escape_markdown(doc.outlet)))
    if doc.byline:
        fields.append(("By", escape_markdown(doc.byline)))
    if doc.published:
        fields.append(("Published", escape_markdown(doc.published)))
    if url and not is_url(url):
        fields.append(("Address", escape_markdown(url)))
    if not url:
        fields.append(("Source", escape_markdown(doc.source)))
    reviewers = ", ".join(report.reviewers)
    fields.append(("Reviewed by", escape_markdown(reviewers) if reviewers else "nobody yet"))
    if report.reviewed:
        fields.append(("Review date", escape_markdown(day(report.reviewed) or "")))
    fields.append(
        (
            "Checklist",
            f"{escape_markdown(checklist.name)}, version {checklist.version} "
            f"({escape_markdown(checklist.id)}; see [Methodology](#methodology))",
        )
    )
    lines.extend(f"- **{label}:** {value}" for label, value in fields)
    return lines


def _summary(report: Report) -> list[str]:
    total = len(report.claims)
    lines = ["## Summary", ""]
    publication = report.worksheet.publication
    if publication.summary:
        lines += [escape_markdown(publication.summary), ""]
    if publication.bottom_line:
        lines += [f"**Bottom line:** {escape_markdown(publication.bottom_line)}", ""]
    if total == 0:
        return [*lines, "The review found no check-worthy claims in the article."]
    parts = [f"The article makes {_plural(total, 'check-worthy claim')}."]
    decided = [f"{c.count} {escape_markdown(c.label)}" for c in report.counts if c.count]
    if report.final:
        reached = "reached a verdict" if report.final == 1 else "reached verdicts"
        parts.append(f"{_plural(report.final, 'claim')} {reached}: {', '.join(decided)}.")
    else:
        parts.append("None has a final verdict yet.")
    rest = []
    if report.open:
        rest.append(f"{report.open} {'is' if report.open == 1 else 'are'} still open")
    if report.skipped:
        rest.append(f"{report.skipped} {'was' if report.skipped == 1 else 'were'} skipped")
    if rest:
        parts.append(_joined(rest).capitalize() + ".")
    lines.append(" ".join(parts))
    if report.checklist.grade is not None:
        graded = ", ".join(f"{escape_markdown(code)} ({count})" for code, count in report.grades)
        lines += ["", f"Admiralty grades: {graded or 'none yet'}."]
    lines.append("")
    rows = [
        (escape_markdown(c.label), str(c.count), _level_meaning(report, c.verdict))
        for c in report.counts
    ]
    if report.open:
        rows.append(("Open", str(report.open), "Not reviewed yet, or a question is unanswered."))
    if report.skipped:
        rows.append(("Skipped", str(report.skipped), "The reviewer skipped the claim."))
    lines += _table(("Verdict", "Claims", "Meaning"), rows, "lrl")
    return lines


def _level_meaning(report: Report, verdict: str) -> str:
    for level in report.checklist.scale:
        if level.id == verdict:
            return escape_markdown(level.description or "")
    return "Not on the checklist's scale."


def _verdict_cell(row: ClaimRow) -> str:
    if row.status is ClaimStatus.SKIPPED:
        return "*skipped*"
    if row.status is ClaimStatus.OPEN:
        return "*open*"
    return f"**{escape_markdown(row.label)}**"


def _verdict_table(report: Report) -> list[str]:
    graded = report.checklist.grade is not None
    header = [
        "Claim",
        "Verdict",
        *(["Grade"] if graded else []),
        "Speaker",
        "Hops",
        "Text",
        "Conclusion",
    ]
    rows = []
    for row in report.claims:
        anchor = claim_anchor(row.id)
        claim = f"[{escape_markdown(row.id)}](#{anchor})" if anchor else escape_markdown(row.id)
        cells = [claim, _verdict_cell(row)]
        if graded:
            cells.append(escape_markdown(row.grade or ""))
        speaker = escape_markdown(row.speaker or "")
        if "speaker" in row.entry.corrected:
            speaker += " (reviewer)"
        cells += [
            speaker,
            escape_markdown(hops_shown(report, row)),
            escape_markdown(_marked(row, shorten(row.claim.text, TABLE_TEXT_WIDTH))),
            escape_markdown(row.entry.conclusion or ""),
        ]
        rows.append(cells)
    align = "ll" + ("c" if graded else "") + "lrll"
    return ["## Verdicts", "", *_table(header, rows, align)]


def hops_shown(report: Report, row: ClaimRow) -> str:
    """The claim's hops as the reviewer answered them (a question whose suggestion counts
    chain.hops), else the tool's count."""
    for answer in row.answers:
        if answer.value is None or not answer.counted:
            continue
        question = next((q for q in report.checklist.questions if q.id == answer.question), None)
        prefill = question.prefill if question is not None else None
        if prefill is not None and "chain.hops" in prefill.names:
            return answer_text(answer)
    return str(row.hops)


def _evidence_link(url: str) -> str:
    if url.startswith(CASE_EVIDENCE_PREFIX):
        name = url[len(CASE_EVIDENCE_PREFIX) :].rsplit("/", 1)[-1]
        return f"{escape_markdown(name)} (a file of the case, no link yet)"
    return link(show_url(url), url)


def _answer_item(number: int, answer: AnswerRow) -> list[str]:
    marker = f"{number}."
    indent = " " * (len(marker) + 1)
    shown = escape_markdown(answer_text(answer))
    if not shown:
        shown = "*not answered*"
    elif answer.is_url and answer.value is not None:
        shown = link(answer.value, answer.value)
    else:
        shown = f"**{shown}**"
        if answer.prefill_accepted:
            shown += " (the tool's suggestion, confirmed)"
    lines = [f"{marker} {escape_markdown(answer.ask)} {shown}"]
    if answer.note and answer.note.strip():
        lines.append(f"{indent}- Note: {escape_markdown(answer.note)}")
    if answer.evidence:
        links = ", ".join(_evidence_link(url) for url in answer.evidence)
        lines.append(f"{indent}- Evidence: {links}")
    return lines


def _sentence(text: str | None) -> str:
    line = escape_markdown(text or "")
    return line if not line or line.endswith((".", "!", "?")) else line + "."


def _rule(row: ClaimRow, details: bool = True) -> str:
    if not details:
        return ""
    if row.rule == "default":
        return f"(Rule {row.rule_number}, the default.)"
    return f"(Rule {row.rule_number}: {code_span(row.rule)}.)"


def _verdict_line(report: Report, row: ClaimRow, details: bool) -> str:
    """The claim's verdict, why in words, and (with details) the rule that decided it."""
    label = escape_markdown(row.label)
    if row.status is ClaimStatus.SKIPPED:
        return "**Skipped** by the reviewer: no verdict."
    if row.status is ClaimStatus.OPEN:
        if not any(answer.value is not None for answer in row.answers):
            return "**Not reviewed yet.**"
        missing = ", ".join(escape_markdown(q) for q in row.missing)
        return (
            f"**Open:** the verdict is final once these are answered: {missing}. "
            f"So far: {label}. {_rule(row, details)}"
        ).rstrip()
    grade = f" (grade {escape_markdown(row.grade)})" if row.grade else ""
    override = row.override
    if override is not None:
        by = escape_markdown(override.reviewer)
        when = escape_markdown(day(override.at) or "")
        ruled = f" ({escape_markdown(row.rules_label)})" if row.rules_label else ""
        return (
            f"**Verdict: {label}**{grade}, set by {by} on {when} in place of the checklist's "
            f"verdict{ruled}. {_sentence(override.reason)}"
        )
    head = f"**Verdict: {label}**{grade}." if grade else f"**Verdict: {label}.**"
    from factcheck.review.worksheet import claim_verdict

    reason = escape_markdown(claim_verdict(report.checklist, row.entry).explain(report.checklist))
    return f"{head} {reason + ' ' if reason else ''}{_rule(row, details)}".rstrip()


def _claim_facts(report: Report, row: ClaimRow) -> list[str]:
    att = row.claim.attribution
    corrected = row.entry.corrected
    chain = " ← ".join(escape_markdown(name) for name in row.chain)
    if "chain" in corrected:
        chain += " (corrected by the reviewer)"
    items = [("Attribution", chain)]
    if att.speaker:
        speaker = escape_markdown(att.speaker)
        if att.role:
            speaker += f", {escape_markdown(att.role)}"
        if "speaker" in corrected or "role" in corrected:
            speaker += " (corrected by the reviewer)"
        items.append(("Speaker", speaker))
    if att.others:
        items.append(("Also speaking", escape_markdown(", ".join(att.others))))
    for what, words in (
        ("added", "added by the reviewer from the article's text"),
        ("split", "split by the reviewer"),
        ("merged", "merged by the reviewer"),
    ):
        if what in corrected:
            items.append(("Claim", words))
    items += [("Marked", escape_markdown(mark)) for mark in claim_marks(row)]
    if att.hedges:
        items.append(("Hedged", escape_markdown(", ".join(att.hedges))))
    if att.quote:
        items.append(("Direct quotation", "yes"))
    score = f"{row.claim.check_worthiness:.2f}"
    if row.claim.reasons:
        score += f" ({escape_markdown(', '.join(row.claim.reasons))})"
    items.append(("Check-worthiness", score))
    names = [_source_name(report, sid) for sid in row.claim.sources]
    names += [f"{name} (not in the registry)" for name in row.entry.source_facts.unknown]
    if names:
        items.append(("Sources", escape_markdown(", ".join(names))))
    if row.reviewers:
        by = escape_markdown(", ".join(row.reviewers))
        when = f" on {escape_markdown(day(row.reviewed) or '')}" if row.reviewed else ""
        items.append(("Reviewed by", by + when))
    return [f"- **{label}:** {value}" for label, value in items]


def _marked(row: ClaimRow, text: str) -> str:
    """A claim's text in the verdict table, after its marks (caption, repeats)."""
    marks = claim_marks(row)
    return f"({'; '.join(marks)}) {text}" if marks else text


def _source_name(report: Report, source_id: str) -> str:
    for source in report.sources:
        if source.id == source_id:
            return source.name
    return source_id


def _claim_section(report: Report, row: ClaimRow, details: bool) -> list[str]:
    lines = [f"### Claim {escape_markdown(row.id)}", "", f"> {escape_markdown(row.claim.text)}", ""]
    lines += [_verdict_line(report, row, details), ""]
    if row.entry.conclusion:
        lines += [f"**Conclusion:** {escape_markdown(row.entry.conclusion)}", ""]
    # The chain as a diagram, followed by its plain-text form: the attribution line.
    lines += [*chain_markdown(row.chain), "", *_claim_facts(report, row)]
    internal = {q.id for q in report.checklist.questions if q.internal}
    asked = [
        answer
        for answer in row.answers
        if answer.asked and (details or answer.question not in internal)
    ]
    if not any(researched(answer) for answer in row.answers):
        return lines
    lines.append("")
    if asked:
        for number, answer in enumerate(asked, start=1):
            lines += _answer_item(number, answer)
    else:
        lines.append("No question applies to this claim.")
    ignored = [a for a in row.answers if not a.counted and a.value is not None]
    if ignored:
        shown = ", ".join(
            f"{escape_markdown(a.question)} = {escape_markdown(a.value or '')}" for a in ignored
        )
        lines += ["", f"Answers kept but not counted (the question no longer applies): {shown}."]
    return lines


def _claims(report: Report, details: bool) -> list[str]:
    lines = ["## Claims"]
    for row in report.claims:
        lines += ["", *_claim_section(report, row, details)]
    return lines


def _dropped(report: Report) -> list[str]:
    if not report.dropped:
        return []
    lines = ["## Dropped as not claims", "", "The reviewer found these are not factual claims.", ""]
    for entry in report.dropped:
        lines.append(_dropped_item(entry))
    return lines


def _dropped_item(entry: ClaimReview) -> str:
    return (
        f"- {escape_markdown(entry.id)}: “{escape_markdown(shorten(entry.claim.text, 160))}” "
        f"— {escape_markdown(entry.dropped or '')}"
    )


def voice_line(segment: Segment) -> str:
    """Who a sentence comes from, as the article says: speaker, role, verb, intermediaries."""
    att = segment.attribution or Attribution()
    who = escape_markdown(att.speaker or "")
    if att.role:
        who += f", {escape_markdown(att.role)}"
    if att.verb:
        who += f" ({escape_markdown(att.verb)})"
    if att.via:
        who += f", via {escape_markdown(', '.join(att.via))}"
    if att.others:
        who += f"; also {escape_markdown(', '.join(att.others))}"
    return who


def _voices(report: Report) -> list[str]:
    voices = other_voices(report.worksheet)
    if not voices:
        return []
    lines = ["## Other voices", "", "Sentences that are not claims, and who they come from.", ""]
    for segment in voices:
        text = escape_markdown(shorten(segment.text, 160))
        lines.append(f"- {segment.kind}: {text} — {voice_line(segment)}")
    return lines


def _reliability(letter: str | None) -> str:
    if letter is None:
        return EMPTY
    meaning = SOURCE_RELIABILITY.get(letter)
    return escape_markdown(f"{letter}: {meaning}" if meaning else letter)


def _claim_list(source: SourceRow) -> str:
    shown = ", ".join(escape_markdown(cid) for cid in source.claims[:MAX_CLAIM_IDS])
    more = len(source.claims) - MAX_CLAIM_IDS
    if more > 0:
        shown += f" and {more} more"
    return f"{len(source.claims)} ({shown})"


def _rating(value: str) -> str:
    """A rating cell: a plain number or letter as it is, anything else escaped."""
    return value if re.fullmatch(r"-?\d+(?:\.\d+)?|[A-F]", value) else escape_markdown(value)


def _sources(report: Report) -> list[str]:
    lines = ["## Sources", ""]
    if not report.sources:
        return [*lines, "No source on the claims' chains was recognised."]
    sets = list(dict.fromkeys(name for source in report.sources for name, _ in source.ratings))
    rows = [
        (
            escape_markdown(source.name),
            escape_markdown(source.kind),
            escape_markdown(", ".join(source.affiliation)),
            escape_markdown(source.partisan or ""),
            _reliability(source.reliability),
            *(_rating(dict(source.ratings).get(name, "")) for name in sets),
            _claim_list(source),
        )
        for source in report.sources
    ]
    head = ("Source", "Kind", "Affiliation", "Partisan", "Reliability", *sets, "Claims")
    lines += _table(tuple(escape_markdown(h) for h in head), rows)
    lines += [
        "",
        "Reliability letters are the source registry's documented defaults (Admiralty scale, "
        "A best to F cannot be judged), a starting point for the reviewer rather than a finding.",
    ]
    if sets:
        cited = {s.name: s.citation for s in rating_sets()}
        lines += ["", "Ratings, each set on its own:"]
        lines += [f"- {escape_markdown(n)}: {escape_markdown(cited.get(n, ''))}" for n in sets]
    return lines


def _warnings(report: Report) -> list[str]:
    if not report.warnings:
        return []
    lines = ["## Notes on this worksheet", ""]
    lines.extend(f"- {escape_markdown(warning)}" for warning in report.warnings)
    return lines


def _question_item(number: int, report: Report, index: int, details: bool) -> list[str]:
    question = report.checklist.questions[index]
    marker = f"{number}."
    indent = " " * (len(marker) + 1)
    lines = [f"{marker} **{escape_markdown(question.id)}:** {escape_markdown(question.ask)}"]
    if question.choices:
        shown = [
            escape_markdown(c if question.label_for(c) == c else f"{c} ({question.label_for(c)})")
            for c in question.choices
        ]
        lines.append(f"{indent}- Answers: {', '.join(shown)}")
    else:
        lines.append(f"{indent}- Answer: {escape_markdown(str(question.type))}")
    lines.append(f"{indent}- {'Required' if question.required else 'Optional'}")
    kind = "about the article" if question.kind == "article" else "a finding of research"
    lines.append(f"{indent}- {kind.capitalize()}")
    if not details:
        if question.when is not None:
            lines.append(f"{indent}- Asked only for some claims")
        return lines
    if question.when is not None:
        lines.append(f"{indent}- Asked only when {code_span(question.when.source)}")
    if question.prefill is not None:
        lines.append(f"{indent}- Suggested answer: {code_span(question.prefill.source)}")
    if question.offer is not None:
        lines.append(f"{indent}- Offered answer: {code_span(question.offer.source)}")
    return lines


def _methodology(report: Report, details: bool) -> list[str]:
    checklist = report.checklist
    intro = (
        f"Each claim was reviewed with the checklist **{escape_markdown(checklist.name)}** "
        f"({escape_markdown(checklist.id)}, version {checklist.version}, sha256 "
        f"{code_span(checklist.sha256[:16])}). {escape_markdown(checklist.description)}"
    ).rstrip()
    lines = ["## Methodology", "", intro, "", "### Questions", ""]
    shown = [index for index, q in enumerate(checklist.questions) if details or not q.internal]
    for number, index in enumerate(shown, start=1):
        lines += _question_item(number, report, index, details)
    lines += ["", "### Rules", "", "The first rule that holds decides the verdict.", ""]
    labels = {level.id: level.label for level in checklist.scale}
    for number, rule in enumerate(checklist.rules, start=1):
        if rule.when is None:
            condition = "Otherwise"
        elif details:
            condition = f"If {code_span(rule.source)}"
        else:
            condition = "When the answers fit"
        text = (
            f"{number}. {condition}: **{escape_markdown(labels.get(rule.verdict, rule.verdict))}**"
        )
        if rule.reason:
            text += f". {escape_markdown(rule.reason)}"
        lines.append(text)
    if checklist.grade is not None and details:
        lines += ["", "### Admiralty grade", ""]
        lines.append(
            "The grade pairs the source's reliability (a letter) with the information's "
            "credibility (a digit); the first rule that holds gives each."
        )
        for title, rules, meanings in (
            ("Source reliability", checklist.grade.source, SOURCE_RELIABILITY),
            ("Information credibility", checklist.grade.credibility, INFORMATION_CREDIBILITY),
        ):
            lines += ["", f"{title}:", ""]
            for number, grade_rule in enumerate(rules, start=1):
                condition = (
                    "Otherwise" if grade_rule.when is None else f"If {code_span(grade_rule.source)}"
                )
                meaning = meanings.get(grade_rule.value, "")
                value = escape_markdown(
                    f"{grade_rule.value} ({meaning})" if meaning else grade_rule.value
                )
                lines.append(f"{number}. {condition}: **{value}**")
    return lines


def render_markdown(report: Report, extra: Sequence[str] = (), *, details: bool = False) -> str:
    """The whole report as markdown: title block, what is left to do, summary and bottom line,
    verdicts, claims, sources, method.

    ``extra`` holds further sections, already markdown (a case's findings), placed after the
    sources. ``details`` adds the rule expressions and the checklist's internal questions.
    """
    sections = [
        _title_block(report),
        _todo(report),
        _summary(report),
        _verdict_table(report),
        _claims(report, details),
        _dropped(report),
        _voices(report),
        _sources(report),
        *(section.rstrip("\n").split("\n") for section in extra),
        _warnings(report),
        _methodology(report, details),
    ]
    blocks = ["\n".join(section) for section in sections if section]
    return "\n\n".join(blocks) + "\n"

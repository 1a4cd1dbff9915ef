"""What a web page states about its own story, for the page benchmarks: its headlines, the dates
its metadata gives, and a checker of bylines that are not people's names.

Used by ``bench_pages.py`` (pages read as HTML) and ``bench_pasted.py`` (pages pasted as text);
``pages_with_text`` reads pages from elsewhere for ``bench_metadata.py`` and ``bench_pasted.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

from factcheck.lexicon import words

_NORMAL = re.compile(r"[\W_]+")
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_DATE_IN_TEXT = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\b(?:ago|today"
    r"|yesterday)\b",
    re.IGNORECASE,
)
_NAME_JOINS = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")


def pages_with_text(folder: Path) -> list[tuple[str, bytes, str, str]]:
    """(name, HTML, URL, expected text) of each page of FOLDER laid out as newspaper4k's test
    data is: ``html/<name>.html``, the text expected of it in ``txt/<name>.txt`` and, when there,
    its URL in ``metadata/<name>.json`` (else an address made of its name)."""
    pages = []
    for expected in sorted((folder / "txt").glob("*.txt")):
        html = folder / "html" / f"{expected.stem}.html"
        if not html.is_file():
            continue
        meta_path = folder / "metadata" / f"{expected.stem}.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        url = str(meta.get("url") or f"https://example.org/{expected.stem}")
        pages.append((expected.stem, html.read_bytes(), url, expected.read_text("utf-8")))
    return pages


def normal(text: str) -> str:
    return _NORMAL.sub(" ", text).strip().casefold()


def headlines(root: lxml.html.HtmlElement) -> list[str]:
    """The page's headlines, normalised: its og:title with and without the site's name, and the
    text of each ``<h1>``."""
    found: list[str] = []
    for title in root.xpath("//meta[@property='og:title']/@content"):
        found.append(title)
        for sep in _SITE_SEPARATORS:
            if sep in title:
                found.append(title.rsplit(sep, 1)[0])
                found.append(title.split(sep, 1)[0])
    found.extend(h1.text_content() for h1 in root.iter("h1"))
    return list(dict.fromkeys(n for n in map(normal, found) if n))


def stated_dates(root: lxml.html.HtmlElement) -> set[str]:
    """Dates the page's metadata states it was published (or changed) on, ISO."""
    values = root.xpath(
        "//meta[contains(@property,'published_time') or contains(@property,'modified_time')"
        " or contains(@name,'date') or contains(@itemprop,'date')]/@content"
        " | //time/@datetime | //*[@itemprop='datePublished' or @itemprop='dateModified']"
        "/@content"
    )
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        values.extend(re.findall(r'"date(?:Published|Modified|Created)"\s*:\s*"([^"]+)"', script))
    return {"-".join(m.groups()) for v in values if (m := _ISO_DATE.search(v))}


def junk_byline(byline: str) -> bool:
    """Whether BYLINE is not people's names or a staff credit: it holds a date or a figure, a
    word of the page's interface, an address or a handle, a name of more than six words, more
    than twelve words in all, or a lowercase word that is no name's particle."""
    if _DATE_IN_TEXT.search(byline) or "@" in byline or "://" in byline or "www." in byline:
        return True
    interface, particles = words("interface_words"), words("name_particles")
    tokens = byline.split()
    if len(tokens) > 12 or any(w.strip(".,:;|").lower() in interface for w in tokens):
        return True
    for name in _NAME_JOINS.split(byline.removeprefix("By ")):
        parts = name.split()
        if len(parts) > 6:
            return True
        if any(p[:1].islower() and p.lower() not in particles for p in parts):
            return True
    return False

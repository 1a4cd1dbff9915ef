"""Stage ① ingest, web pages: the article body (by trafilatura) and the metadata the page states.

Metadata is evidence, not a guess. The publication date comes only from the page's own metadata
(JSON-LD of the article, meta tags, the article's ``<time>``) or from the URL's path, never from a
"modified" stamp, a link or the page's copyright line, and never later than today; a full date in
the URL wins over metadata that disagrees with it. The byline must be people's names or a staff
credit; the title prefers the article's headline over the site's banner; the outlet is the
site's name, not a label or a tagline in its place. Each field's origin is recorded in
``Document.provenance``.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from itertools import chain
from typing import Any
from urllib.parse import urlsplit

from factcheck import regexes
from factcheck.errors import IngestError, IngestWarning
from factcheck.extract.bylines import clean_byline
from factcheck.extract.markdown_text import TABLE_RULE_RE
from factcheck.extract.page_clean import drop_page_furniture, other_stories, split_body_chunks
from factcheck.extract.segment_dates import parse_date, today
from factcheck.files import mend_surrogates
from factcheck.lexicon import words
from factcheck.models import Document
from factcheck.sources.outlet_keys import CARRIED
from factcheck.sources.ratings import site_label

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article.published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
)
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
)
_TITLE_KEYS = ("og:title", "twitter:title")
_APP_NAME_KEYS = ("application-name", "apple-mobile-web-app-title")
_ARTICLE_TYPES = regexes.compile(r"Article|BlogPosting|Report|Story")
_ISO_DATE_RE = regexes.compile(
    r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d])"
    r"|\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:T\d|\s*\Z)"  # ISO's basic form: 20180619T055000+0900
)
_URL_DATE_RE = regexes.compile(
    r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_TITLE_SEPARATORS = regexes.compile(r"\s+(?:\||--?|–|—|::|»|·|•)\s+")
_SPACELESS_RE = regexes.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
"""A letter of a script that runs its words together or counts one syllable a word (Chinese,
Japanese, Korean syllables, Thai, Lao, Burmese, Khmer)."""
_MODIFIED_RE = regexes.compile(r"modif|updat|edit", re.IGNORECASE)
_EARLIEST = date(1900, 1, 1)


@dataclass(slots=True)
class _Evidence:
    """What a page says about itself, with where each value was found.

    The dates and authors the page's markup shows (a <time>, an ``itemprop``, a byline's class)
    come after those its metadata states, and each costs a walk of the page: they are read
    only when those stated are not enough, and before the page is changed."""

    titles: list[tuple[str, str]] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)
    sites: list[tuple[str, str]] = field(default_factory=list)
    apps: list[tuple[str, str]] = field(default_factory=list)
    """The name the page gives itself as an app to pin: the outlet when no site name is one."""
    canonical: str | None = None
    marked_dates: Iterator[tuple[str, str]] = field(default_factory=lambda: iter(()))
    marked_authors: Iterator[tuple[str, str]] = field(default_factory=lambda: iter(()))


def html_document(source: str, name: str, page: str, digest: str, url: str | None) -> Document:
    """The Document of an HTML page: trafilatura's article body and the page's own metadata."""
    import trafilatura  # heavy: loaded only when an HTML page is read

    if len(page) > _LARGE_PAGE:
        page = _HUGE_SCRIPT.sub(_emptied, page)
    tree = trafilatura.load_html(page)
    if tree is None:
        raise IngestError(f"{name}: no article text found in the page")
    cut = bool(tree.xpath(_AT_PARSER_DEPTH))  # before the furniture, which may hold the place
    found = _metadata(_gather(tree), url)  # read before the furniture leaves the page
    elements = int(tree.xpath("count(//*)"))  # counted in C, no element made in Python
    if elements > MAX_ELEMENTS:
        warnings.warn(
            IngestWarning(
                f"{name}: a page of {elements:,} elements is read paragraph by paragraph, "
                "without picking out its article (too slow on a page this large)"
            ),
            stacklevel=2,
        )
        body: str | None = _paragraphs(tree)
    else:
        drop_page_furniture(tree)
        body = _body(trafilatura, tree, url)
        if body and split_body_chunks(tree, body):
            body = _body(trafilatura, tree, url)  # the body was split: read it again, joined
        if body and other_stories(tree, body):
            body = _body(trafilatura, tree, url)  # other stories were read with it: read again
    if (not isinstance(body, str) or not body.strip()) and elements <= MAX_ELEMENTS:
        # A plain page (a statement in <pre>, a list of paragraphs with no article around them)
        # gives trafilatura no article to pick out: its paragraphs are read, with a warning.
        body = _paragraphs(tree)
        if body.strip():
            warnings.warn(
                IngestWarning(
                    f"{name}: no article picked out of the page; every paragraph is read, "
                    "furniture included"
                ),
                stacklevel=2,
            )
    if not isinstance(body, str) or not body.strip():
        if cut:
            raise IngestError(
                f"{name}: {_TOO_DEEP}, and no article text comes before that point: save the "
                "article's text as a .txt file and extract that"
            )
        raise IngestError(f"{name}: no article text found in the page")
    if cut:
        warnings.warn(
            IngestWarning(f"{name}: {_TOO_DEEP}: the page's text after that point is not read"),
            stacklevel=2,
        )
    order = ("title", "outlet", "carried", "byline", "published", "url")
    return Document(
        source=source,
        text=_normalise(body, keep_lines=True),
        sha256=digest,
        title=found["title"][0] if "title" in found else None,
        outlet=found["outlet"][0] if "outlet" in found else None,
        byline=found["byline"][0] if "byline" in found else None,
        published=found["published"][0] if "published" in found else None,
        url=found["url"][0] if "url" in found else None,
        provenance=tuple(
            (CARRIED, found["carried"][0]) if key == "carried" else (key, found[key][1])
            for key in order
            if key in found
        ),
    )


_LARGE_PAGE = 8_000_000
"""Pages longer than this (in characters) are looked at for huge scripts and styles first."""
_HUGE_TEXT = 1_000_000
_HUGE_SCRIPT = regexes.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
"""A script or a style with its content: the HTML parser (libxml2) stops at a text of 10 MB, so
an app's state written into the page (an 18 MB ``__NEXT_DATA__`` script in its head) lost the
whole article; no script or style is article text."""


def _emptied(match: re.Match[str]) -> str:
    """A script or a style, without its content when that is huge."""
    if len(match.group(3)) <= _HUGE_TEXT:
        return match.group()
    return match.group(1) + match.group(4)


PARSER_DEPTH = 256
"""How deep the HTML parser (libxml2) nests elements: at an element deeper than this it stops,
and the rest of the page is left out of the tree. Its option to go deeper (``huge_tree``, to 2,048)
is not taken: trafilatura's time grows with the depth of every paragraph, and a hostile page
nested 2,000 deep takes 5 to 9 times as long as one nested 250 deep. News pages nest 50 deep at
most."""

_AT_PARSER_DEPTH = "boolean(" + "/*" * PARSER_DEPTH + ")"
# A tree as deep as the parser goes was cut there (but for a page exactly that deep, rare enough
# to be told the same).
_TOO_DEEP = (
    f"the page nests its elements more than {PARSER_DEPTH} deep, where the HTML parser stops"
)


def _metadata(evidence: _Evidence, url: str | None) -> dict[str, tuple[str, str]]:
    """The page's title, outlet, byline, publication date and address that EVIDENCE holds, each
    with where it was found, by field name."""
    page_url = url or evidence.canonical
    found: dict[str, tuple[str, str]] = {}
    host = (urlsplit(page_url).hostname or "").lower() if page_url else ""
    sites = chain(evidence.sites, evidence.apps)
    names = [(name, origin) for value, origin in sites if (name := _outlet(value, host))]
    # The site's own name before another's: a newspaper's page of wire copy states the wire as
    # the story's publisher and its own name as the site's.
    label = site_label(host) if host else ""
    site = next((found for found in names if _spelled_by(found[0], label)), None)
    if site and names[0][1] == "json-ld" and site != names[0]:
        found["carried"] = names[0]  # the story's publisher, which the site carried
    site = site or next(iter(names), None)
    if site:
        found["outlet"] = site
    # The site's name as stated ("Example | Cars | Bikes") is what a title ends with.
    stated = _first(evidence.sites)
    title = _title(evidence, stated[0] if stated else None, page_url)
    if title:
        found["title"] = title
    authors = chain(evidence.authors, evidence.marked_authors)
    byline = next(((b, origin) for value, origin in authors if (b := clean_byline(value))), None)
    if byline:
        found["byline"] = byline
    published = _published(chain(evidence.dates, evidence.marked_dates), page_url)
    if published:
        found["published"] = published
    if page_url:
        found["url"] = (page_url, "fetch" if url else "meta")
    return found


def _outlet(site: str, host: str) -> str | None:
    """The outlet a site name in the page's metadata gives, or None when it names none.

    Of "Name | Section | Topic", the name. A social handle ("@newsdesk") is an account, not
    the outlet's name. A publishing platform's name ("Blogger", "WordPress") names the software
    the site runs on, unless the page is on the platform's own domain. A label in place of a name
    ("US Edition", "News", "Hosted"), a tagline ("Expert advice for home cooks"), a mark
    without a letter or a digit ("★") and a text longer than any outlet's name name none.
    """
    name = site.split(" | ", 1)[0].strip()
    if (
        not any(char.isalnum() for char in name)
        or len(name) > _NAME_CHARS
        or len(name.split()) > _NAME_WORDS
        or name.startswith("@")
        or _is_label(name, host)
        or _is_tagline(name, host)
    ):
        return None
    folded = name.casefold()
    if folded in words("publishing_platforms") and folded.split(".", 1)[0] not in host:
        return None
    return name


def _spelled_by(name: str, label: str) -> bool:
    """The domain's own LABEL spells NAME: some run of its words ("Times Union" in timesunion,
    "San Antonio" in mysanantonio), its initials ("WSJ" for wsj), or part of one of its words
    ("chron" of "Houston Chronicle", "livescience" of "livescience.com")."""
    keys = [key for word in name.split() if (key := _key(word))]
    if len(label) < 2 or not keys:
        return False
    if "".join(key[0] for key in keys) == label:
        return True
    runs = (
        "".join(keys[start:end])
        for start in range(len(keys))
        for end in range(start + 1, len(keys) + 1)
    )
    return any((len(run) >= 4 or run == label) and run in label for run in runs) or (
        len(label) >= 4 and any(label in key for key in keys)
    )


_NAME_CHARS = 80
_NAME_WORDS = 8
"""The longest site name read: outlets' names run to five or six words ("The Atlanta
Journal-Constitution", "Radio Free Europe/Radio Liberty"); more is a sentence or filler."""
_LABEL_WORD = regexes.compile(r"\w+(?:\.\w+)*\.?")


def _is_label(name: str, host: str) -> bool:
    """NAME is made of the words that label a site's edition, region, section or hosting alone
    ("U.S.", "US Edition", "International", "News", "Hosted"), unless it is the name the site's
    own domain spells ("US News" on usnews.example). With an article ("The News") it is a name."""
    found = [word.replace(".", "") for word in _LABEL_WORD.findall(name.casefold())]
    if not found or found[0] == "the" or not set(found) <= words("site_labels"):
        return False
    return not host or "".join(found) != site_label(host)


def _is_tagline(name: str, host: str) -> bool:
    """NAME is a site's tagline, not its name: a sentence ("We cover the coast!"), or a phrase of
    four words or more in sentence case ("Expert how-to for home cooks") that the page's host
    does not spell a word of. Names in title case ("The Times of India"), in a brand's lowercase
    ("pv magazine") and shorter names are names."""
    found = [word for word in name.split() if any(char.isalpha() for char in word)]
    if len(found) < 3:
        return False
    last = found[-1]
    if name[-1] in "!?" or (last[-1] == "." and last[:-1].isalpha() and last[:-1].islower()):
        return True
    small = words("headline_small_words") | words("name_particles")
    lowered = [word for word in found[1:] if _initial(word).islower() and word not in small]
    if len(found) < 4 or not _initial(found[0]).isupper() or not lowered:
        return False
    letters = _key(host)
    return not any(
        len(key) >= 3 and key in letters
        for word in found
        if word.casefold() not in small and (key := _key(word))
    )


def _initial(word: str) -> str:
    return next(char for char in word if char.isalpha())


def _body(trafilatura: Any, tree: Any, url: str | None) -> str | None:
    extracted = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(body, str):
        return None
    if "|-" in body or "|:" in body:
        # trafilatura writes a table as markdown rows; the line under the header shows nothing.
        body = "\n".join(line for line in body.split("\n") if not TABLE_RULE_RE.fullmatch(line))
    return body


MAX_ELEMENTS = 50_000
"""The most elements of a page whose article trafilatura picks out. Its time grows with the
square of a page's paragraphs (about 4 minutes for 200,000); news pages hold a few thousand
elements. A larger page is read paragraph by paragraph, in linear time."""

_SKIPPED = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "dd", "dt")


def _paragraphs(tree: Any) -> str:
    """The text of every paragraph, heading and list item of TREE outside its menus, headers
    and footers, one block per paragraph; a block inside another is read with it."""
    for element in list(tree.iter(*_SKIPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    blocks = set(_BLOCKS)
    texts = (
        _block_text(element)
        for element in tree.iter(*_BLOCKS)
        if not any(parent.tag in blocks for parent in element.iterancestors())
    )
    return "\n\n".join(text for text in texts if text)


def _block_text(element: Any) -> str:
    """The text of one block, its spaces collapsed; preformatted text keeps its lines and its
    paragraphs (runs of lines between blank ones)."""
    text = element.text_content()
    if element.tag != "pre":
        return " ".join(text.split())
    paragraphs = (
        "\n".join(" ".join(line.split()) for line in chunk.split("\n") if line.strip())
        for chunk in re.split(r"\n\s*\n", text)
    )
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def url_date(url: str | None) -> str | None:
    """The full date (YYYY-MM-DD) in a URL's path ('/2019/11/19/', '/2019-11-19-'), if any."""
    if not url:
        return None
    match = _URL_DATE_RE.search(url.split("?", 1)[0])
    if not match:
        return None
    return _valid(date_text="-".join(match.groups()))


def _valid(date_text: str) -> str | None:
    try:
        value = date.fromisoformat(date_text)
    except ValueError:
        return None
    return date_text if _EARLIEST <= value <= today() else None


def _published(dates: Iterable[tuple[str, str]], url: str | None) -> tuple[str, str] | None:
    in_url = url_date(url)
    for value, origin in dates:
        match = _ISO_DATE_RE.match(value)
        found = _valid("-".join(filter(None, match.groups()))) if match else None
        if found is None and not match:
            parsed = parse_date(value[:60])
            found = _valid(parsed) if parsed else None
        if found is None:
            continue
        if in_url and found != in_url:
            return in_url, "url"  # the address is fixed when the article is first published
        return found, origin
    return (in_url, "url") if in_url else None


def _title(evidence: _Evidence, site: str | None, url: str | None) -> tuple[str, str] | None:
    """The headline: the first stated title that is not the site's name, without the site's name
    or the section named in the address around it; a title of three or more words is preferred.
    A title that both the page's heading and its metadata state comes first: it is the headline
    readers see, where the first stated one may be a title written for search engines."""
    cleaned = []
    for value, origin in evidence.titles:
        title = _strip_address_names(_strip_site(value, site), url)
        if title and (site is None or title.casefold() != site.casefold()):
            cleaned.append((title, origin))
    shown = {_key(t) for t, o in cleaned if o == "heading"}
    both = shown & {_key(t) for t, o in cleaned if o != "heading"}
    seen = [(t, o) for t, o in cleaned if _key(t) in both]
    chosen = next(((t, o) for t, o in seen + cleaned if _words(t) >= 3), None)
    chosen = chosen or (cleaned[0] if cleaned else None)
    if chosen is None:
        return None
    # A headline cut short to fit a limit ("… making him third local to contract") reads on in
    # another of the page's titles with words, not with a site's or section's name after a bar
    # or a dash, nor with the site's name that another title gives after one: the whole one is
    # taken.
    start = chosen[0] + " "
    names = {
        _key(part) for value, _ in evidence.titles for part in _TITLE_SEPARATORS.split(value)[1:]
    }
    whole = (
        (t, o)
        for t, o in cleaned
        if t.startswith(start)
        and t[len(start) : len(start) + 1].isalnum()
        and not _names_the_site(t[len(start) :], names, cleaned)
    )
    return next(whole, chosen)


def _names_the_site(rest: str, names: set[str], titles: list[tuple[str, str]]) -> bool:
    """Whether REST, the words after a headline in a longer title, is a site's or section's name
    that another title gives after a separator, or ends in a banner that the page gives as a
    title of its own ("… Photo 1 World News: Example News" beside "World News: Example News")."""
    key = _key(rest)
    return key in names or any(
        len(other := _key(t)) >= 4 and key.endswith(other) for t, _ in titles
    )


def _words(text: str) -> int:
    """The words of TEXT, two letters of a script written without spaces counting as one."""
    return max(len(text.split()), len(_SPACELESS_RE.findall(text)) // 2)


def _strip_site(title: str, site: str | None) -> str:
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    site_key = _key(site) if site else None
    kept = [p for p in parts if _key(p) != site_key and not (site_key and _key(p) in site_key)]
    if not kept:
        return title
    # Short last parts, whether or not one names the site, are the site's and its sections'
    # names ("… » Local » News » The Courier"). The words of the parts before are kept as running
    # sums, so a title of many parts is read in one pass.
    split = [len(part.split()) for part in kept]
    spaceless = [len(_SPACELESS_RE.findall(part)) for part in kept]
    head_split, head_spaceless = sum(split), sum(spaceless)
    while len(kept) > 1:
        last = max(split[-1], spaceless[-1] // 2)
        head_split -= split.pop()
        head_spaceless -= spaceless.pop()
        if last > 3 or max(head_split, head_spaceless // 2) < 3:
            break
        kept.pop()
    return " ".join(kept) if len(kept) == 1 else _rejoin(title, kept)


def _strip_address_names(title: str, url: str | None) -> str:
    """Drop an edge part of the title that the address names: a leading section that is a folder
    of the path ('Opinion | …' at /opinion/), or a trailing site name that starts with the host's
    own name ('… – Harbourlight Media Group' at harbourlight.example)."""
    if not url:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    address = urlsplit(url)
    folders = {_key(f) for f in [f for f in address.path.split("/") if f][:-1]}  # not the slug
    labels = (address.hostname or "").split(".")
    host = _key(labels[-2] if len(labels) >= 2 else "")
    first, last = _key(parts[0]), _key(parts[-1])
    if _words(parts[0]) <= 2 and first in folders:
        parts = parts[1:]
    elif len(host) >= 4 and _words(parts[-1]) <= 4 and last.startswith(host):
        parts = parts[:-1]
    else:
        return title
    return _rejoin(title, parts) if _words(" ".join(parts)) >= 2 else title


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end] if 0 <= start < end else " ".join(kept)


def _key(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def _first(found: list[tuple[str, str]]) -> tuple[str, str] | None:
    return found[0] if found else None


def _normalise(value: str, *, keep_lines: bool = False) -> str:
    """VALUE, a text the page states, with its spaces made single (or its line ends plain,
    with KEEP_LINES), in NFC; a lone surrogate of a JSON escape ("\\ud800") becomes U+FFFD."""
    value = mend_surrogates(value)
    if keep_lines:
        text = value.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = " ".join(html.unescape(value).split()) if "&" in value else " ".join(value.split())
    return unicodedata.normalize("NFC", text)


# --- reading the page's own statements ----------------------------------------------------------


# The elements the metadata is read from, gathered in one walk of the page: a walk per kind of
# element would cost as much as this one each.
_STATED = ("meta", "script", "time", "h1", "title", "link", "article")


def _gather(tree: Any) -> _Evidence:
    evidence = _Evidence()
    stated: dict[str, list[Any]] = {tag: [] for tag in _STATED}
    for element in tree.iterdescendants(*_STATED):
        stated[element.tag].append(element)
    for node in _json_ld(stated["script"]):
        _from_json_ld(node, evidence)
    # The first content of each name, normalised when read: a page names many more than are read.
    meta: dict[str, str] = {}
    for element in stated["meta"]:
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            meta.setdefault(key.strip().lower(), content)
    for key in _TITLE_KEYS:
        if key in meta:
            evidence.titles.append((_normalise(meta[key]), "meta"))
    for key in _PUBLISHED_KEYS:
        if key in meta:
            evidence.dates.append((_normalise(meta[key]), "meta"))
    for key in _AUTHOR_KEYS:
        if key in meta:
            evidence.authors.append((_normalise(meta[key]), "meta"))
    if "og:site_name" in meta:
        evidence.sites.append((_normalise(meta["og:site_name"]), "meta"))
    itemprops = cache(partial(_itemprops, tree))  # read once, if at all
    times = _article_times(stated["time"], stated["article"][:1], itemprops)
    evidence.marked_dates = ((value, "time") for value in times)
    evidence.marked_authors = ((value, "meta") for value in _author_marks(tree, itemprops))
    # The first heading with words: a logo's heading holds an image and no text.
    headings = (_normalise(_text(heading)) for heading in stated["h1"])
    heading = next((text for text in headings if text), None)
    if heading is not None:
        evidence.titles.append((heading, "heading"))
    for page_title in stated["title"][:1]:
        if page_title.text:
            evidence.titles.append((_normalise(page_title.text), "meta"))
    # Some pages give the story's headline as the app's name: a headline names no site.
    headlines = {_key(title) for title, _ in evidence.titles}
    for key in _APP_NAME_KEYS:
        if key in meta and _key(app := _normalise(meta[key])) not in headlines:
            evidence.apps.append((app, "meta"))
    canonical = next((link for link in stated["link"] if link.get("rel") == "canonical"), None)
    href = canonical.get("href") if canonical is not None else _normalise(meta.get("og:url", ""))
    if href and href.startswith(("http://", "https://")):
        evidence.canonical = href.strip()
    return evidence


def _json_ld(scripts: list[Any]) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in the page's SCRIPTS, nested graphs and lists flattened."""
    for script in scripts:
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _types(node: dict[str, Any]) -> str:
    """The node's types, one string: a list's names, past anything in it that is no name."""
    kind = node.get("@type", "")
    if isinstance(kind, list):
        return " ".join(item for item in kind if isinstance(item, str))
    return kind if isinstance(kind, str) else ""


def _from_json_ld(node: dict[str, Any], evidence: _Evidence) -> None:
    if not _ARTICLE_TYPES.search(_types(node)):
        return
    headline = node.get("headline") or node.get("name")
    if isinstance(headline, str) and headline.strip():
        evidence.titles.append((_normalise(headline), "json-ld"))
    published = node.get("datePublished") or node.get("dateCreated")
    if isinstance(published, str):
        evidence.dates.append((mend_surrogates(published), "json-ld"))
    authors = node.get("author")
    people = [
        name
        for author in (authors if isinstance(authors, list) else [authors])
        if (name := _name(author)) and (_is_person_node(author) or _is_staff(name))
    ]
    if people:
        evidence.authors.append((", ".join(people), "json-ld"))
    site = _name(node.get("publisher"))
    if site:
        evidence.sites.append((site, "json-ld"))


def _is_person_node(value: object) -> bool:
    """An author given as a plain name or as a Person, not as an Organization."""
    return not isinstance(value, dict) or "Organization" not in _types(value)


def _is_staff(name: str) -> bool:
    return any(word.lower() in words("staff_words") for word in name.split())


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return _normalise(value) or None
    if isinstance(value, dict):
        name = value.get("name")
        return _normalise(name) or None if isinstance(name, str) else None
    return None


def _text(element: Any) -> str:
    """An element's text, with a space between the texts of its children."""
    return " ".join(element.itertext())


def _itemprops(tree: Any) -> dict[str, list[Any]]:
    """The elements that carry an ``itemprop`` attribute, by its value, in page order."""
    # One walk for every itemprop the metadata reads: XPath selects the attributes (libxml2 walks
    # the tree, and only what it finds becomes a Python object), each knows its element.
    found: dict[str, list[Any]] = {}
    for value in tree.xpath(".//*/@itemprop"):
        found.setdefault(str(value), []).append(value.getparent())
    return found


def _author_marks(tree: Any, itemprops: Callable[[], dict[str, list[Any]]]) -> Iterator[str]:
    """Names the page marks up as its author: rel="author" links, itemprop="author" elements
    and the first element whose class names a byline."""
    # One at a time: the next is read only if the one before is not a byline.
    # XPath: libxml2 walks the page for the few elements wanted (``iterfind`` walks it in Python).
    name = _marked_name(tree.xpath("descendant::a[@rel='author']"))
    if name is not None:
        yield name
    name = _marked_name(itemprops().get("author", ()))
    if name is not None:
        yield name
    # The class names are read in document order as plain strings (no element becomes a Python
    # object); the first that names a byline is that of the first element with a class equal
    # to it, as an element before it with the same class would name a byline too.
    names = tree.xpath("descendant::*/@class", smart_strings=False)
    classes = "\x00".join(names).lower()  # no attribute holds a NUL
    found = classes.find("byline")
    if found >= 0:
        name = names[classes.count("\x00", 0, found)]
        element = tree.xpath("descendant::*[@class=$name][1]", name=name)[0]
        value = _normalise(_text(element))
        if value:
            yield value


def _marked_name(elements: Iterable[Any]) -> str | None:
    """The name marked by the first of ELEMENTS that marks one: its content, or the text of its
    itemprop="name" element, or its own text."""
    for element in elements:
        name = element.find(".//*[@itemprop='name']")
        value = element.get("content") or _text(name if name is not None else element)
        if value and value.strip():
            return _normalise(value)
    return None


def _article_times(
    times: list[Any], articles: list[Any], itemprops: Callable[[], dict[str, list[Any]]]
) -> Iterator[str]:
    """datetime values of the article's publication <time> (among the page's TIMES): marked as
    the publication date, or inside the first of ARTICLES, the page's first <article>; never
    one marked as modified or updated."""
    for element in times:
        if element.get("pubdate") is None:
            continue
        value = element.get("datetime") or element.get("pubdate")
        if value:
            yield value
    for element in itemprops().get("datePublished", ()):
        value = element.get("datetime") or element.get("content")
        if value:
            yield value
    for scope in articles:
        for element in scope.xpath("descendant::time[@datetime]"):
            marks = " ".join(
                element.get(attribute, "") for attribute in ("class", "itemprop", "id", "data-type")
            )
            parent = element.getparent()
            if parent is not None:
                marks += " " + (parent.get("class") or "")
            if _MODIFIED_RE.search(marks):
                continue
            yield element.get("datetime", "")
            return

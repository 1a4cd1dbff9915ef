"""Stage ① ingest, web pages: furniture taken out of the page around its article body.

Some furniture is plain only in the HTML: boxes of links to other stories (each item opens with
a link to another page, a headline, often with a teaser after it), paragraphs that are nothing
but links, image captions that repeat the image's description, and the page's interface: what
it hides until a reader clicks (a "save this article" pull-down, a share menu), the forms a
reader fills in (a newsletter sign-up, a comment box) and its dialogs (a consent notice).
trafilatura keeps many of them when they sit inside the article's container, so they are removed
from the parsed page first. After a first reading, two mistakes are mended and the body read
again: a body split into chunks of which only some were read, and other stories (other <article>
elements) read with it. The rules read the page's structure, never its words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from factcheck import regexes

# Elements that hold a paragraph or an item of a list or a box.
_BLOCK_TAGS = frozenset(
    {"div", "li", "p", "article", "section", "aside", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
)
_CARD_TAGS = frozenset({"img", "picture", "div", "p", "h2", "h3", "h4", "h5", "h6"})
# Elements read as one line of text.
_LINE_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_CAPTION_TAGS = ("figcaption", "p", "span")
_TEASER_RUN = 3
"""Consecutive items that open with a headline link make a box of links."""
_TEASER_MAX_WORDS = 60
_TEASER_MAX_WIDE = 150
"""About as long as 60 words of English, in characters of a script that does not space its words."""
_WIDE_RE = regexes.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
"""A character of a script written without spaces between words: Thai, Lao, Burmese, Chinese,
Japanese; Korean's syllables and full-width forms with them."""
# Links of three words or more, told by the XPath engine: a space is left after the first
# (normalize-space() leaves one space between words and none at either end).
_HEADLINE_LINKS = "//a[@href][contains(substring-after(normalize-space(), ' '), ' ')]"
# Links whose text holds eight characters or more outside ASCII's letters, digits and marks: a
# headline in a script written without spaces between words (Chinese, Japanese, Thai).
_ASCII = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()*+,-./:;<=>?@[]^_{|}~"
)
_WIDE_LINKS = f"//a[@href][string-length(translate(normalize-space(), '{_ASCII}', '')) >= 8]"
_HEADLINE_MIN_WORDS = 3
_LINK_LINE_SHARE = 0.8
_LINK_LINE_MAX_WORDS = 50
_LINK_LINE_MIN_WIDE = 4
_LINK_LINE_MAX_WIDE = 250
"""A line of links in a script that does not space its words: 4 to 250 characters of it."""
# Interface: hidden elements, forms with a control and dialogs. The attributes that tell them are
# gathered in one walk of the page and read in Python: a test of each element in XPath costs more.
_INTERFACE_MARKS = "//@hidden | //@aria-hidden | //@style | //@role | //@aria-modal"
_HIDING_STYLES = ("display:none", "visibility:hidden")
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
_CONTROLS = ("input", "button", "textarea", "select")
_INTERFACE_MAX_CHARS = 1000
"""The most text an element of the interface holds. Some pages keep their whole article in a hidden
copy for search engines, or inside one form around the page (ASP.NET); those hold more."""
_STORY_TAGS = ("h1", "article", "main")
"""What an element of the interface never holds: a page's headline or its story's container. A
short story inside one form around the page (ASP.NET) holds them, or else most of the page's
paragraphs."""


def drop_page_furniture(tree: Any) -> None:
    """Remove from TREE (an lxml HTML tree) the boxes of links to other stories, paragraphs made
    of links, and captions that repeat an image's description."""
    # Lines, images and captions are gathered in one walk of the page; nothing is removed
    # before every rule has read the page.
    lines: list[Any] = []
    images: list[Any] = []
    captions: list[Any] = []
    for element in tree.iter(*_LINE_TAGS, *_CAPTION_TAGS, "img"):
        tag = element.tag
        if tag == "img":
            images.append(element)
            continue
        if tag in _LINE_TAGS:
            lines.append(element)
        if tag in _CAPTION_TAGS:
            captions.append(element)
    doomed = [
        *_teaser_runs(tree),
        *_link_lines(lines),
        *_alt_captions(images, captions),
        *_interface(tree),
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element


def _spaceless(tree: Any) -> bool:
    """Whether the page is written in a script that does not space its words, by its language
    (``<html lang>``) or its title: only then are its links measured in characters, which
    costs a reading of every link's text."""
    lang = str(tree.xpath("string(/html/@lang)")).strip().lower()
    if lang[:2] in _SPACELESS_LANGUAGES:
        return True
    return _WIDE_RE.search(str(tree.xpath("string(//title)"))) is not None


_SPACELESS_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "my"})
"""Languages written in the scripts of ``_WIDE_RE``: Chinese, Japanese, Korean, Thai, Lao,
Burmese."""


def _interface(tree: Any) -> list[Any]:
    """Elements of the page's interface that hold a short text: what the page hides, the forms a
    reader fills in (a control in each), and dialogs."""
    found: dict[Any, None] = {}  # in the order found, each once
    for value in tree.xpath(_INTERFACE_MARKS):
        name = value.attrname
        if name == "style":
            style = "".join(value.split()).lower()  # "Display: None"
            marked = any(hiding in style for hiding in _HIDING_STYLES)
        elif name == "role":
            marked = value in _DIALOG_ROLES
        else:
            marked = name == "hidden" or value == "true"  # aria-hidden, aria-modal
        if marked:
            found[value.getparent()] = None
    for element in tree.iter("form", "dialog"):
        if element.tag == "dialog" or next(element.iter(*_CONTROLS), None) is not None:
            found[element] = None
    out = []
    paragraphs = None  # the page's paragraphs, counted once if asked
    for element in found:
        if _more_chars_than(element.text_content(), _INTERFACE_MAX_CHARS):
            continue
        if next(element.iter(*_STORY_TAGS), None) is not None:
            continue
        own = sum(1 for _ in element.iter("p"))
        if own >= 2:
            if paragraphs is None:
                paragraphs = int(tree.xpath("count(//p)"))
            if 2 * own >= paragraphs:
                continue  # most of the page's paragraphs: its story, not a sign-up form
        out.append(element)
    return out


def _more_wide_than(text: str, limit: int) -> bool:
    """Whether TEXT holds more than LIMIT characters of a script that does not space its words."""
    return len(text) > limit and len(_WIDE_RE.findall(text)) > limit


def _more_chars_than(text: str, limit: int) -> bool:
    """Whether TEXT, its runs of spaces counted as one, has more than LIMIT characters. Words
    are not counted: Chinese, Japanese and Thai do not space them."""
    return len(text) > limit and len(" ".join(text.split())) > limit


def _words(text: str) -> int:
    return len(text.split())


def _words_upto(text: str, limit: int) -> int:
    """The words in TEXT, counted up to LIMIT + 1: a long text is not split into all its words
    to tell that it has more than LIMIT."""
    return len(text.split(None, limit))


def _more_words_than(text: str, limit: int) -> bool:
    """Whether TEXT has more than LIMIT words. A text shorter than LIMIT words can be (a letter
    and a space each) is not split at all."""
    return len(text) > 2 * limit and len(text.split(None, limit)) > limit


def _teaser_runs(tree: Any) -> list[Any]:
    """Runs of sibling blocks that each open with a link of a headline's length: "- [Council delays
    bridge vote](...) The decision moves to the spring session"."""
    teasers: set[Any] = set()
    texts = _Texts()
    links = f"{_HEADLINE_LINKS} | {_WIDE_LINKS}" if _spaceless(tree) else _HEADLINE_LINKS
    for link in tree.xpath(links):
        teasers.update(_opened_by(link, texts))
        if len(link) and any(node.tag in _CARD_TAGS for node in link.iterdescendants()):
            teasers.add(link)  # a card: a link around a picture or a heading
    out: list[Any] = []
    for item in teasers:
        before = item.getprevious()
        if before is not None and before in teasers and _blank(before.tail):
            continue  # not the first of its run
        run = [item]
        after = item.getnext()
        while after is not None and after in teasers and _blank(run[-1].tail):
            run.append(after)
            after = after.getnext()
        if len(run) >= _TEASER_RUN:
            out.extend(run)
    return out


class _Texts(dict[Any, str]):
    """The whole text of each element asked for (``text_content``), read from the page once: the
    item a link opens is read again as the item before the next link."""

    def __missing__(self, element: Any) -> str:
        text: str = element.text_content()
        self[element] = text
        return text


def _blank(text: str | None) -> bool:
    return not text or text.isspace()


def _opened_by(link: Any, texts: _Texts) -> list[Any]:
    """The blocks, short enough for a teaser, whose text starts with LINK's text."""
    out = []
    node = link
    while (parent := node.getparent()) is not None and _leads(node, parent, texts):
        node = parent
        if node.tag in _BLOCK_TAGS:
            text = texts[node]
            if _more_words_than(text, _TEASER_MAX_WORDS) or _more_wide_than(text, _TEASER_MAX_WIDE):
                break
            out.append(node)
    return out


def _leads(node: Any, parent: Any, texts: _Texts) -> bool:
    """Whether no text of PARENT comes before NODE."""
    if not _blank(parent.text):
        return False
    before = node.getprevious()
    while before is not None:
        if not _blank(before.tail) or (isinstance(before.tag, str) and _holds_text(before, texts)):
            return False
        before = before.getprevious()
    return True


def _holds_text(element: Any, texts: _Texts) -> bool:
    """Whether ELEMENT holds text other than whitespace; its own opening text, when it has
    some, tells without reading the rest."""
    return not _blank(element.text) or not _blank(texts[element])


def _link_lines(lines: list[Any]) -> list[Any]:
    """The paragraphs and headings among LINES whose words are nearly all link text: another
    story's headline."""
    out = []
    for element in lines:
        if next(element.iter("a"), None) is None:
            continue  # no link: none of its two words or more is link text
        text = element.text_content()
        total = _words_upto(text, _LINK_LINE_MAX_WORDS)
        if total > _LINK_LINE_MAX_WORDS:
            continue
        if _more_wide_than(text, _LINK_LINE_MIN_WIDE - 1):
            # Words without spaces between them (a few Latin ones may sit among them): the
            # link's share of the characters, not of the words.
            letters = len("".join(text.split()))
            if (
                letters <= _LINK_LINE_MAX_WIDE
                and _link_chars(element) >= _LINK_LINE_SHARE * letters
            ):
                out.append(element)
        elif total >= 2 and _link_words(element) >= _LINK_LINE_SHARE * total:
            out.append(element)
    return out


def _link_texts(element: Any) -> Iterator[str]:
    """The text of each link of ELEMENT to another page (not to "#..." nor "javascript:")."""
    for link in element.iterdescendants("a"):
        href = link.get("href")
        if href is not None and not href.strip().startswith(("#", "javascript:")):
            yield link.text_content()


def _link_chars(element: Any) -> int:
    return sum(len("".join(text.split())) for text in _link_texts(element))


def _link_words(element: Any) -> int:
    return sum(map(_words, _link_texts(element)))


def _alt_captions(images: list[Any], captions: list[Any]) -> list[Any]:
    """The CAPTIONS (the page's figcaption, p and span elements) whose whole text is the
    description (alt text) of one of IMAGES, the page's images: the caption printed under a
    photo."""
    alts = {
        _key(alt)
        for image in images
        if (alt := image.get("alt")) and _words(alt) >= _HEADLINE_MIN_WORDS
    }
    if not alts:
        return []
    starts = {alt.split(None, 1)[0] for alt in alts}
    out = []
    for element in captions:
        opening = (element.text or "").split(None, 1)
        if not opening or opening[0].casefold() not in starts:
            continue  # a caption's text starts right inside its element
        text = element.text_content()
        if _words(text) >= _HEADLINE_MIN_WORDS and _key(text) in alts:
            out.append(element)
    return out


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- an article body split into chunks ---------------------------------------------------------

_LONG_PARAGRAPH_WORDS = 12
_CHUNK_MIN_PARAGRAPHS = 2
_PROBE_CHARS = 80


def split_body_chunks(tree: Any, text: str) -> bool:
    """Join the chunks of an article body that the page splits into sibling containers of one
    kind (the same tag and class, advertisements between them) when TEXT, the body read from
    the page, holds some chunks but not the others. Returns whether the page changed; the body
    should then be read again.

    A chunk holds at least two paragraphs of prose and never a page's main heading, a date or
    an <article> of its own, so that a next story printed below the first stays out."""
    changed = False
    for chunks in _chunk_groups(tree):
        if any(chunk.getparent() is None for chunk in chunks):
            continue  # inside a chunk already joined to another
        said = _spaced(text)  # only for a page that has chunks, once (it is cached)
        held = [_probe(chunk) in said for chunk in chunks]
        if any(held) and not all(held):
            first = chunks[0]
            for chunk in chunks[1:]:
                for child in list(chunk):
                    first.append(child)  # moves the child
                if chunk.text and chunk.text.strip():
                    first.append(chunk.makeelement("p", {}))
                    first[-1].text = chunk.text
                chunk.drop_tree()
            changed = True
    return changed


@lru_cache(maxsize=1)
def _spaced(text: str) -> str:
    """TEXT with each run of whitespace made one space: the body both mends read, once."""
    return " ".join(text.split())


def _chunk_groups(tree: Any) -> list[list[Any]]:
    counts: dict[Any, int] = {}
    for paragraph in tree.iter("p"):
        if not _more_words_than(paragraph.text_content(), _LONG_PARAGRAPH_WORDS - 1):
            continue
        for ancestor in paragraph.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    groups: dict[tuple[Any, str, str], list[Any]] = {}
    for element, count in counts.items():
        parent = element.getparent()
        kind = element.get("class")
        if count < _CHUNK_MIN_PARAGRAPHS or parent is None or not kind:
            continue
        groups.setdefault((parent, element.tag, kind), []).append(element)
    out = []
    for members in groups.values():
        if len(members) >= 2 and not any(_is_story(member) for member in members):
            out.append(sorted(members, key=lambda m: m.getparent().index(m)))
    return out


def _is_story(element: Any) -> bool:
    """A container of its own story: an <article>, or one with a main heading or a date."""
    return element.tag == "article" or any(True for _ in element.iter("h1", "time", "article"))


def _probe(chunk: Any) -> str:
    """The start of the chunk's first long paragraph, spaces normalised."""
    for paragraph in chunk.iter("p"):
        words = paragraph.text_content().split()
        if len(words) >= _LONG_PARAGRAPH_WORDS:
            return " ".join(words)[:_PROBE_CHARS]
    return ""


def other_stories(tree: Any, text: str) -> bool:
    """Remove the <article> elements of other stories that TEXT, the body read from the page,
    took in: articles holding a long paragraph of TEXT that sit inside another article beside
    the story (a box of related posts), neither around the story, nor inside it, nor its
    siblings (the entries of a live blog). Returns whether the page changed."""
    # Each article's probe is read once: a page of many articles would otherwise read every
    # article's paragraphs again for every other article.
    probes = {a: probe for a in tree.iter("article") if (probe := _probe(a))}
    if len(probes) < 2:
        return False  # the body is looked at only on a page of several articles
    said = _spaced(text)
    probes = {a: probe for a, probe in probes.items() if probe in said}
    if len(probes) < 2:
        return False
    articles = list(probes)
    opening = min(articles, key=lambda a: said.find(probes[a]))
    # The innermost article holding the opening paragraph is the story.
    inner = [a for a in articles if probes[a] == probes[opening]]
    story = max(inner, key=lambda a: sum(1 for _ in a.iterancestors()))
    around = set(story.iterancestors())
    doomed = [
        article
        for article in articles
        if article not in around
        and probes[article] != probes[story]
        and article.getparent() is not story.getparent()
        and story not in set(article.iterancestors())
    ]
    for article in doomed:
        if article.getparent() is not None:
            article.drop_tree()
    return bool(doomed)

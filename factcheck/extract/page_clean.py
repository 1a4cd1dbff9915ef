"""Stage ① ingest, web pages: furniture taken out of the page before its article body is read.

Some furniture is plain only in the HTML: boxes of links to other stories (each item opens with
a link to another page, a headline, often with a teaser after it), paragraphs that are nothing
but links, and image captions that repeat the image's description. trafilatura keeps many of
them when they sit inside the article's container, so they are removed from the parsed page
first. The rules read the page's structure, never its words.
"""

from __future__ import annotations

from typing import Any

# Elements that hold a paragraph or an item of a list or a box.
_BLOCK_TAGS = frozenset(
    {"div", "li", "p", "article", "section", "aside", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
)
# Elements read as one line of text.
_LINE_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_CAPTION_TAGS = ("figcaption", "p", "span")
_TEASER_RUN = 3
"""Consecutive items that open with a headline link make a box of links."""
_TEASER_MAX_WORDS = 60
_HEADLINE_MIN_WORDS = 3
_LINK_LINE_SHARE = 0.8
_LINK_LINE_MAX_WORDS = 50


def drop_page_furniture(tree: Any) -> None:
    """Remove from TREE (an lxml HTML tree) the boxes of links to other stories, paragraphs made
    of links, and captions that repeat an image's description."""
    doomed = [*_teaser_runs(tree), *_link_lines(tree), *_alt_captions(tree)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element


def _words(text: str) -> int:
    return len(text.split())


def _teaser_runs(tree: Any) -> list[Any]:
    """Runs of sibling blocks that each open with a link of a headline's length: "- [Pats place
    Olszewski on IR](...) New England's roster is re-shuffling"."""
    out: list[Any] = []
    for parent in tree.iter():
        run: list[Any] = []
        for child in [*parent.iterchildren(), None]:
            if (
                child is not None
                and child.tag in _BLOCK_TAGS
                and _lead_link_words(child) >= _HEADLINE_MIN_WORDS
                and _words(child.text_content()) <= _TEASER_MAX_WORDS
            ):
                run.append(child)
                continue
            if len(run) >= _TEASER_RUN:
                out.extend(run)
            run = []
    return out


def _lead_link_words(element: Any) -> int:
    """Words of the link whose text opens ELEMENT (image links before it skipped); 0 when the
    element's text starts outside a link."""
    # Text in document order: a node's text, then its children, then its tail.
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:
        node, closed = stack.pop()
        if closed:
            if node is element:
                return 0
            text, holder = node.tail, node.getparent()
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
            text, holder = (node.text if isinstance(node.tag, str) else None), node
        if text and text.strip():
            link = _enclosing_link(holder, element)
            return _words(link.text_content()) if link is not None else 0
    return 0


def _enclosing_link(node: Any, top: Any) -> Any:
    """The <a href> that holds NODE, looking no higher than TOP."""
    while node is not None:
        if node.tag == "a" and node.get("href"):
            return node
        if node is top:
            return None
        node = node.getparent()
    return None


def _link_lines(tree: Any) -> list[Any]:
    """Paragraphs and headings whose words are nearly all link text: another story's headline."""
    out = []
    for element in tree.iter(*_LINE_TAGS):
        total = _words(element.text_content())
        if 2 <= total <= _LINK_LINE_MAX_WORDS and _link_words(element) >= _LINK_LINE_SHARE * total:
            out.append(element)
    return out


def _link_words(element: Any) -> int:
    count = 0
    for link in element.iterfind(".//a[@href]"):
        if not link.get("href", "").strip().startswith(("#", "javascript:")):
            count += _words(link.text_content())
    return count


def _alt_captions(tree: Any) -> list[Any]:
    """Elements whose whole text is the description (alt text) of an image on the page: the
    caption printed under a photo."""
    alts = {
        _key(alt)
        for image in tree.iter("img")
        if (alt := image.get("alt")) and _words(alt) >= _HEADLINE_MIN_WORDS
    }
    if not alts:
        return []
    out = []
    for element in tree.iter(*_CAPTION_TAGS):
        text = element.text_content()
        if _words(text) >= _HEADLINE_MIN_WORDS and _key(text) in alts:
            out.append(element)
    return out


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()

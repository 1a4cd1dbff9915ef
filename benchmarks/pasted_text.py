"""A web page as the text a browser copies from it: select all, copy, paste into a file.

Only what the page shows is copied: scripts, styles, templates, drawings, the page's head and
hidden elements (``hidden``, ``aria-hidden="true"``, an inline ``display: none`` or
``visibility: hidden``) are left out. Each block-level element (paragraph, list item, heading,
table row, section, ...) and each line break starts a line of its own; inline elements run on
within their block; white space is collapsed and empty lines are dropped. Scripts are not run,
so what a page builds in the browser is not there, as in a page saved without its scripts.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "picture",
        "img",
        "select",
        "option",
        "textarea",
        "input",
        "map",
        "param",
        "source",
        "track",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
_CELLS = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_SPACE = re.compile(r"\s+")


def _hidden(element: etree._Element) -> bool:
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").strip().lower() == "true":
        return True
    if attrib.get("type", "").lower() == "hidden":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Lines:
    """The lines copied so far and the one being filled."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def end(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []


def _walk(element: etree._Element, out: _Lines) -> None:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or a processing instruction
        out.add(element.tail)
        return
    tag = tag.lower()
    if tag in _SKIPPED or _hidden(element):
        out.add(element.tail)
        return
    if tag == "br":
        out.end()
        out.add(element.tail)
        return
    block = tag in _BLOCKS
    if block:
        out.end()
    elif tag in _CELLS:
        out.add(" ")  # cells of a row run on one line, apart
    out.add(element.text)
    for child in element:
        _walk(child, out)
    if block:
        out.end()
    elif tag in _CELLS:
        out.add(" ")
    out.add(element.tail)


def pasted_text(html: bytes) -> str:
    """The text a browser's select-all-copy gives for the page HTML, one line per block."""
    page = _XML_DECLARATION.sub("", html.decode("utf-8", "replace"))
    root = lxml.html.document_fromstring(page)
    out = _Lines()
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.end()
    return "\n".join(out.lines) + "\n"

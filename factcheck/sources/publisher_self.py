"""Stage ④ sources: the lines in which an article names its own publisher, for outlets the
registry does not know and whose names hold no outlet word.

A closing line that promotes a name ('Follow Examplia on Facebook') names the publisher only when
the name looks like an outlet's: 'Follow NASA on Twitter' names none. A name without an outlet
word is taken when the text backs it: it prints the outlet's web domain ('examplia.com' for
Examplia), or two closing lines name it. Some lines only an outlet writes about itself name it
whatever its name: an affiliate notice ('Examplia may earn a commission from links on this page'),
its newsroom ('Contact the Examplia newsroom'), its opinion contributors ('Jane Roe is a member of
Examplia's Board of Contributors'), its app ('Get Examplia on the go') and its reporter credited
with the story ('Examplia's Jane Roe reports'). A picture agency's copyright ('\u00a9 2024 Example
Images') names who took a picture, never the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from factcheck import regexes
from factcheck.extract.segment_head import is_masthead, is_outlet_name, is_web_name
from factcheck.lexicon import entries, words
from factcheck.sources.prefilter import Rule
from factcheck.sources.publisher_names import CAPS, clean, is_name, named_in, squeeze
from factcheck.sources.ratings import domain_key, site_label

_PERSON = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3}"
_START = r"(?:^|(?<=[.!?:|]\s))"
# 'Examplia may earn a commission from links on this page': only a site earns from its links.
_EARNS = r"(?:[a-z]+\s+){1,2}(?:(?i:an?|small|affiliate)\s+){0,2}(?i:commissions?|compensation)\b"
_FROM_LINKS = r"(?i:links?|purchases?|products?|affiliate|this\s+(?:page|site|article))"
_DISCLOSURE = Rule(
    regexes.compile(
        rf"{_START}(?P<outlet>{CAPS}?)\s+{_EARNS}[^.!?\n]{{0,80}}?\b{_FROM_LINKS}", re.MULTILINE
    ),
    ("commission", "compensation"),
)
# 'Contact the Examplia newsroom', 'Send tips to the Examplia news desk'.
_NEWSROOM = Rule(
    regexes.compile(
        r"\b(?i:contact|e-?mail|reach|call|write\s+to|tips?\s+(?:to|for)|tell)\s+"
        rf"(?:(?i:the)\s+)?(?P<outlet>{CAPS}?)(?:['\u2019]s?)?\s+"
        r"(?i:newsroom|news\s+desk|news\s+team)\b"
    ),
    ("newsroom", "news desk", "news team"),
)
# 'Jane Roe is a member of Examplia's Board of Contributors', 'Jane Roe, a member of the
# Examplia editorial board, ...': the outlet's opinion page.
_BOARD = Rule(
    regexes.compile(
        rf"^[^\S\n]*{_PERSON}(?:,\s+|\s+is\s+(?:[^.!?\n]{{0,80}}?\s+and\s+)?)"
        r"(?:(?:an?|the)\s+)?(?i:member)\s+of\s+"
        rf"(?:(?i:the)\s+)?(?P<outlet>{CAPS}?)(?:['\u2019]s?)?\s+"
        r"(?i:board\s+of\s+contributors|editorial\s+board|contributors\s+network)\b",
        re.MULTILINE,
    ),
    ("member",),
)
# 'Get Examplia on the go': the outlet's app.
_ON_THE_GO = Rule(
    regexes.compile(
        rf"{_START}(?i:click\s+here\s+to\s+)?(?i:get|take)\s+(?P<outlet>{CAPS}?)\s+"
        r"(?i:on\s+the\s+go)\b",
        re.MULTILINE,
    ),
    ("on the go",),
)


@cache
def _reporter_re() -> re.Pattern[str]:
    """'Examplia's Jane Roe reports.', 'Examplia's Jane Roe contributed to this report.': a line
    of its own crediting the outlet's reporter with the story (compiled when a line first ends
    as such a credit does)."""
    return regexes.compile(
        rf"\s*(?P<outlet>{CAPS}?)['\u2019]s?\s+{_PERSON}\s+"
        r"(?:reports|reported|has\s+more|contributed\s+to\s+this\s+(?:report|story))\s*[.:]?\s*"
    )


_REPORTER_ENDS = ("reports", "reported", "has more", "this report", "this story")
"""How a line that credits the outlet's reporter ends: only such lines are matched."""
_CREDIT_CHARS = 400
"""The first and the last characters where a line credits the outlet's reporter."""
_WEB = (
    r"(?:https?://)?(?:www\d?\.)?(?P<outlet>[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*"
    r"\.[A-Za-z]{2,12})\b(?!\.\w|/)"
)
# 'For more local news, visit examplia.com': the site sends readers to itself.
_MORE_NEWS = Rule(
    regexes.compile(
        r"\b(?i:for\s+more)\s+(?:[\w-]+\s+){0,3}?(?i:news|stories|coverage|updates|reporting)"
        rf",?\s+(?i:visit|go\s+to|head\s+to|see|check\s+out|log\s+on\s+to)\s+{_WEB}"
    ),
    ("for more",),
)
# 'Also on examplia.com Mayor resigns ...': the site's heading glued to the link after it.
_SITE_LINK = Rule(
    regexes.compile(
        rf"^[^\S\n]*(?i:also|more)\s+(?i:on|from)\s+{_WEB}\s+[A-Z\u201c\"]", re.MULTILINE
    ),
    ("also on", "also from", "more on", "more from"),
)
_AT_EDGES = (_DISCLOSURE,)
"""Lines an outlet prints at the top or at the end."""
_AT_END = (_NEWSROOM, _BOARD, _ON_THE_GO, _MORE_NEWS, _SITE_LINK)
"""Lines an outlet prints at the end."""
# 'Check out the Examplia website or app': a name the text must back, as a ministry or a
# school has a website and an app too.
_SITE = Rule(
    regexes.compile(
        r"\b(?i:visit|check\s+out|go\s+to|download|subscribe\s+to|sign\s+up\s+for)\s+"
        rf"(?:(?i:the)\s+)?(?P<outlet>{CAPS}?)\s+"
        r"(?i:website|web\s+site|site|mobile\s+app|app)\b"
    ),
    ("visit", "check out", "go to", "download"),
)
# A web domain printed in the text: 'examplia.com', 'www.examplia.co.uk', 'desk@examplia.org'.
_DOMAIN = regexes.compile(
    r"(?<![\w-])(?:[a-z0-9][a-z0-9-]*\.)+(?:[a-z]{2,12})(?![\w-])", re.IGNORECASE | re.ASCII
)
_NO_OUTLET_ENDINGS = frozenset({"gov", "mil", "edu", "int"})
"""The last or second-last label of a domain that is a government's, an army's or a school's."""
_PLATFORMS = words("platform_domains")
_MAIL_SERVICES = words("mail_services")
_OPENERS = words("sentence_openers")
_MIN_KEY = 4
"""The fewest letters of a name a domain backs: a shorter one is too often part of a word."""
_MASTHEAD_CHARS = 80
"""The longest first line read as a masthead."""


def self_names(edges: str, low: str, tail: str, tail_low: str) -> list[str]:
    """Outlets that lines only an outlet writes about itself name in EDGES, the text's first
    and last characters, and TAIL, its last ones, given LOW and TAIL_LOW, them lowered."""
    matches = [match for rule in _AT_EDGES for match in rule.line_matches(edges, low)]
    matches.extend(match for rule in _AT_END for match in rule.line_matches(tail, tail_low))
    for line in (*edges[:_CREDIT_CHARS].splitlines(), *tail[-_CREDIT_CHARS:].splitlines()):
        if not line.rstrip(" .:").endswith(_REPORTER_ENDS):
            continue
        if (credit := _reporter_re().fullmatch(line)) is not None:
            matches.append(credit)
    out = []
    for match in matches:
        name = named_in(match)
        if is_name(name) and name.split()[0].casefold() not in _OPENERS - {"the"}:
            out.append(name)
    return out


def masthead(text: str) -> str | None:
    """The outlet's name alone on the text's first line ('The Example Gazette', 'Examplia
    Tribune') when the text names it again inside a longer line or prints its web domain: a
    headline of that shape ('Senator Sues Example Times') is not repeated inside a sentence."""
    first = text.lstrip()[:_MASTHEAD_CHARS].split("\n", 1)[0].strip()
    if not first or is_web_name(first) or not is_masthead(first):
        return None
    short = first.removeprefix("The ")
    rest = text.lstrip()[len(first) :]
    for at in _occurrences(rest, short):
        start = rest.rfind("\n", 0, at) + 1
        end = rest.find("\n", at)
        line = rest[start : len(rest) if end < 0 else end].strip()
        if len(line) > len(short) + len("The ") + 1:
            return first
    return first if backed(first, text) else None


def _occurrences(text: str, name: str) -> list[int]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + 1)
    return out


def site_names(tail: str, low: str) -> list[str]:
    """Names that the closing lines give a website or an app, given LOW,
    ``lowered(tail)``: an outlet's when the text backs them (``backed``)."""
    return [named_in(match) for match in _SITE.line_matches(tail, low)]


def backed(name: str, text: str, named: Sequence[str] = ()) -> bool:
    """The text backs NAME, a name a closing line gives the outlet: it prints the outlet's web
    domain ('examplia.com' for 'Examplia' or 'The Examplia'), or NAMED, the names the closing
    lines give, holds it twice."""
    if sum(clean(other).casefold() == clean(name).casefold() for other in named) >= 2:
        return True
    key = squeeze(name)
    keys = {key, key.removeprefix("the")}
    low = text.casefold()
    if not any(len(k) >= _MIN_KEY and (k in low or k in low.replace("-", "")) for k in keys):
        return False  # the letters are not in the text: no domain of them is
    return any(squeeze(site_label(domain)) in keys for domain in _outlet_domains(text))


def _outlet_domains(text: str) -> list[str]:
    """The web domains the text prints that may be an outlet's: not a platform's, a public mail
    service's, a government's, an army's or a school's."""
    out = []
    for match in _DOMAIN.finditer(text):
        domain = domain_key(match.group(0))
        labels = domain.split(".")
        if len(labels) < 2 or labels[-1].isdigit() or _NO_OUTLET_ENDINGS & set(labels[-2:]):
            continue
        if domain in _MAIL_SERVICES or any(
            domain == p or domain.endswith("." + p) for p in _PLATFORMS
        ):
            continue
        out.append(domain)
    return out


# Agencies that also publish news ('Reuters', 'AP') are left out: their copyright is a story's.
_PICTURE_AGENCIES = frozenset(
    name.casefold()
    for name in entries("photo_agencies")
    if name.casefold() not in words("news_outlets") and not is_outlet_name(name)
)
_PICTURE_ENDINGS = regexes.compile(r"\b(?i:images|photos?|photography|pictures|stock)$")


def is_picture_agency(name: str) -> bool:
    """NAME is a picture agency's or a photo library's ('Example Images', 'Example Photos')."""
    return name.casefold() in _PICTURE_AGENCIES or _PICTURE_ENDINGS.search(name) is not None

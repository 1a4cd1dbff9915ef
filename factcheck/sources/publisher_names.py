"""Stage ④ sources: the names an article gives its publisher, read and judged.

Shared by the publisher's rules (``publisher``) and the lines in which an article names itself
(``publisher_self``): the shape of a name in a credit or a closing line, how it is cleaned, and
whether it looks like an outlet's.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from factcheck import regexes
from factcheck.errors import FactcheckWarning
from factcheck.extract.segment_head import is_outlet_name, is_web_name
from factcheck.lexicon import words
from factcheck.sources.model import SourceKind

if TYPE_CHECKING:
    from factcheck.models import Document
    from factcheck.sources.matching import Registry

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A name in a closing line: capitalised words only ('Al Jazeera News', 'NJ.com', 'FOX NEWS').
# A dot stays inside a word only before a letter or digit ('NJ.com'), never at a sentence's end.
_TOKEN = r"(?:[\w&'\u2019-]|\.(?=\w))*"
CAPS = rf"(?:[Tt]he\s+|THE\s+)?[A-Z0-9]{_TOKEN}(?:[ ][A-Z0-9&]{_TOKEN}){{0,5}}"
"""A name as closing lines print it: capitalised words, 'The' before them."""
OUTLET_KINDS = frozenset(
    {
        SourceKind.WIRE_SERVICE,
        SourceKind.NEWSPAPER,
        SourceKind.BROADCASTER,
        SourceKind.STATE_MEDIA,
        SourceKind.PARTY_MEDIA,
        SourceKind.SYNDICATION,
    }
)
"""The registry's kinds of news outlet."""
_DATEISH = regexes.compile(rf"^(?:{MONTH}|{DAY})(?:\s|$)|\d{{1,2}}[:/]\d|^\d+$|^(?:19|20)\d\d\b")
_STAFF_WORDS = words("staff_words")
_MAX_NAME = 60


def clean(name: str) -> str:
    """NAME with its spaces collapsed and the punctuation around it dropped."""
    return unicodedata.normalize("NFC", " ".join(name.split())).strip(" .,;:-\u2013\u2014")


def is_name(name: str) -> bool:
    """A plausible outlet name: capitalised or a web name, short, never a date, a month, a
    weekday or a staff credit's words."""
    return (
        2 <= len(name) <= _MAX_NAME
        and (name[0].isupper() or name[0].isdigit() or is_web_name(name))
        and not _DATEISH.search(name)
        and any(c.isalpha() for c in name)
        # 'By Jane Roe | Staff': a staff credit's words alone name no outlet.
        and not all(word.casefold() in _STAFF_WORDS for word in name.split())
    )


def known(registry: Registry, name: str) -> bool:
    """The registry knows NAME, the whole of it, as one of its entries."""
    mentions = registry.mentions(name)
    return bool(mentions) and mentions[0].start == 0 and mentions[-1].end >= len(name.rstrip("'"))


def outlet_like(name: str, registry: Registry | None) -> bool:
    """NAME, read in a closing line, is an outlet's: it has an outlet word ('Example News'), it
    is a web name ('Example.com') or the registry knows it as an outlet. A bare acronym or a
    capitalised name is not enough there: 'Follow NASA on Twitter' names no publisher."""
    return is_web_name(name) or is_outlet_name(name) or registry_outlet(name, registry)


def registry_outlet(name: str, registry: Registry | None) -> bool:
    """The registry knows NAME, the whole of it, as a news outlet's."""
    if registry is None or not known(registry, name):
        return False
    entry = registry.get(registry.mentions(name)[0].id)
    return entry is not None and entry.kind in OUTLET_KINDS


def closing_name(name: str, shouted: bool = True) -> str:
    """A name as a closing line prints it, without a possessive or the staff named after it; a
    name in capitals as a title when its line is SHOUTED, all in capitals."""
    name = _without_staff(re.sub(r"['\u2019]s?$", "", clean(name)))
    if shouted and name.isupper() and " " in name:
        # 'GET THE EXAMPLE NEWS APP': capitals for emphasis, not the name's own.
        name = name.removeprefix("THE ").title()
    return "The " + name[4:] if name.startswith("the ") else name


def named_in(match: re.Match[str]) -> str:
    """The outlet's name a closing line's MATCH holds, as ``closing_name`` reads it: a name in
    capitals is the name's own spelling unless the whole line is in capitals ('USA TODAY')."""
    text, start, end = match.string, match.start("outlet"), match.end("outlet")
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    return closing_name(match.group("outlet"), shouted=line.isupper())


def squeeze(name: str) -> str:
    """NAME's letters and digits, in lower case: 'Example-News' and 'examplenews' are one."""
    return re.sub(r"[\W_]+", "", name.casefold())


_STAFF_ROLES = words("journalist_roles")
# Words of a journalist's role that come before it ("Senior Editor", "Political Correspondent").
_STAFF_MODIFIERS = frozenset(
    word.casefold() for word in words("byline_roles") if word.casefold() in words("role_modifiers")
)


def _without_staff(name: str) -> str:
    """NAME up to a journalist's role, when one follows the outlet's name: 'Follow Example News
    Senior Editor Jane Roe on Twitter' names Example News."""
    tokens = name.split()
    for at in range(1, len(tokens)):
        if tokens[at].casefold() in _STAFF_ROLES:
            kept = tokens[:at]
            while len(kept) > 1 and kept[-1].casefold() in _STAFF_MODIFIERS:
                kept.pop()
            return " ".join(kept)
    return name


def borrowed_name(document: Document, registry: Registry | None) -> bool:
    """The page's metadata names as its publisher an outlet of the registry that publishes on
    other web domains than the address the page was fetched from: any site can borrow a rated
    outlet's name with one meta tag, so the name is not taken (with a warning). A page read from
    a file gives its address itself (a syndicated story's points to the original's)."""
    name = document.outlet or ""
    fetched = dict(document.provenance).get("url") == "fetch"  # not the page's own say-so
    if registry is None or not fetched or not document.url or not registry_outlet(name, registry):
        return False
    entry = registry.get(registry.mentions(name)[0].id)
    host = (urlsplit(document.url).hostname or "").removeprefix("www.")
    if entry is None or not entry.domains or not host or registry.by_domain(host) is entry:
        return False
    if copy_of(document.url, entry.domains):
        return False
    warnings.warn(
        f"the page names its publisher {name!r}, but its address is on {host}, not on a web "
        f"domain of {entry.name} ({', '.join(entry.domains[:3])}): not taken as the publisher",
        FactcheckWarning,
        stacklevel=2,
    )
    return True


_COPY_DOMAINS = words("copy_domains")


def copy_of(url: str, domains: Sequence[str]) -> bool:
    """Whether URL is a copy of a page on one of DOMAINS whose address names the original's: an
    archive's (web.archive.org/web/2024.../https://www.reuters.com/...) or a cache's
    (www-reuters-com.cdn.ampproject.org/c/s/www.reuters.com/...), on a domain of ``_COPY_DOMAINS``,
    the original's host a segment of its path."""
    parts = urlsplit(url.casefold())
    host = (parts.hostname or "").rstrip(".")
    if not any(host == d or host.endswith("." + d) for d in _COPY_DOMAINS):
        return False
    path = parts.path
    return any(
        re.search(rf"/(?:https?:/+)?(?:[\w-]+\.)*{re.escape(domain)}(?:[/:]|$)", path)
        for domain in domains
    )

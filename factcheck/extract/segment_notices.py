"""Stage ② segment, notices: what a site says to its reader about the page, not about the story.

Around an article a site prints notices in its own voice: that it earns a commission on what the
reader buys, what the reader may do with the copy, how comments are moderated (in English or in
one of the page languages), that it would like to hear from the reader, that the reader who
enjoyed the article should subscribe, what a subscription costs ("12 issues for £11.99") or a
discount's code, where to go "for more information", how to report a mistake (the keys of an
error-reporting widget, in any language), that something went wrong in the page, that it uses
cookies, and who the author is. Each is told by its shape: the site speaking as "we", "our" or
"this article" to "you", about buying, copying, commenting or writing in. A sentence inside
quotation marks is someone's speech, never the site's notice, and stays in the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from factcheck import lexicon, regexes
from factcheck.extract.segment_text import any_of, written_forms
from factcheck.models import SegmentKind
from factcheck.sources.prefilter import Rule, lowered

_QUOTES = ("“", "”", '"', "‘", "’ ")
"""Marks of quoted speech (a lone ’ is an apostrophe, so only one followed by a space counts)."""

# "we", "our", "us", "you", "your" or "this article", in any case, as whole words. The pattern
# opens with the class of their first letters in either case (no other letter is one of them in
# another case), so that the engine skips in C to the next of them; the look-behinds tell the
# words apart.
_SITE_VOICE_RE = regexes.compile(
    r"[OTUWYotuwy](?<!\w.)(?i:(?<=w)e|(?<=o)ur|(?<=u)s|(?<=y)our?"
    r"|(?<=t)his (?:post|article|page|story|site|piece|newsletter))\b"
)
# A commission on sales through the page: "We may earn a commission when you buy through our
# links", "If you buy something through this post, the site may get a share of the sale".
_DISCLOSURE_RE = regexes.compile(
    r"\b(?:earns?|receives?|gets?|makes?|collects?|gives?|pays?)\b[^.;]{0,40}"
    r"\b(?:commissions?|share of (?:the |any )?(?:sales?|revenue)|affiliate)\b"
    r"|\baffiliate (?:links?|commissions?|partnerships?|programs?)\b",
    re.IGNORECASE,
)
# What the commission is on: the reader's purchases through the page's links ("Our reporters
# found the agency earns a commission on permits" is the story's).
_PURCHASE_RE = regexes.compile(
    r"\b(?:links?|buy|buying|bought|purchases?|purchasing|orders?|products?|sales?|retailers?"
    r"|affiliate)\b",
    re.IGNORECASE,
)
# What the reader may do with the copy: "for your personal, non-commercial use", "governed by our
# Terms of Use", "protected by copyright law".
_USAGE_RE = regexes.compile(
    r"\bnon-?commercial use\b"
    r"|\bour (?:Subscriber Agreement|Terms(?: of (?:Use|Service))?|Privacy (?:Policy|Notice)"
    r"|Cookie (?:Policy|Notice)|Community (?:Guidelines|Standards)|User Agreement)\b"
    r"|\bby copyright law\b"
)
# How the site handles comments: "We moderate all comments", "Comments are moderated", "We
# reserve the right to remove any comment".
_COMMENTS_RE = regexes.compile(
    r"\bcomments?\b.{0,60}\bmoderat\w*|\bmoderat\w*\b.{0,60}\bcomments?\b"
    r"|\breserves? the right to (?:remove|delete|edit|reject|refuse|block|hide)\b[^.]{0,60}"
    r"\b(?:comments?|posts?|submissions?)\b",
    re.IGNORECASE,
)
_READER_RE = regexes.compile(r"\b(?:you|your|comments?|below)\b", re.IGNORECASE)
# An invitation to write in, addressed to the reader or pointing at the comments: "We'd like to
# hear what you think", "Let us know in the comments".
_FEEDBACK_RE = regexes.compile(
    r"\bwe(?:['’]d| would)? (?:like|love|want) to hear\b|\blet us know\b"
    r"|\b(?:send|email|e-mail|write) us\b|\btell us (?:what you think|in the comments)\b",
    re.IGNORECASE,
)
# A pitch to the reader who enjoyed the page: "If you enjoyed this article, subscribe ...".
_ENJOYED_RE = regexes.compile(
    r"\bif you (?:enjoyed|liked|like|enjoy|found|appreciate[ds]?|value[ds]?)\b[^.]{0,40}"
    r"\b(?:this|our) (?:article|post|story|piece|newsletter|journalism|reporting|content|work)\b",
    re.IGNORECASE,
)
# A retailer's small print: "Prices and availability are subject to change", "while supplies
# last"; a disclaimer: "The content is provided for information purposes only". A sentence
# that only reports a price change ("Fuel prices remain subject to change, the regulator
# warned") does not open with the prices.
_SMALL_PRINT_RE = regexes.compile(
    r"(?:Prices?|Pricing|Offers?|Deals?|Availability|Rates?)\b[^.]{0,40}\bsubject to change\b"
    r"|.*\b(?:subject to change without notice|while (?:supplies|stocks?) lasts?)\b"
    # a disclaimer, not one a story reports
    r"|(?!.*\b(?:said|says|told|according to)\b).*\bfor (?:general )?information(?:al)? purposes"
    r" only\b",
    re.IGNORECASE,
)
# A pointer elsewhere: "For more information, please visit ...", "To order copies, call ...".
_POINTER_LEAD = (
    r"(?:For (?:more|further|additional) (?:information|details|info)|To (?:order|learn more|"
    r"find out more|read more|subscribe|buy|purchase|request|book))\b"
)
_POINTER_VERB = (
    r"(?:please\s+)?(?:visit|call|contact|see|go to|email|e-mail|write to|click|head to)\b"
)
_POINTER_RE = regexes.compile(rf"{_POINTER_LEAD}[^.!?]{{0,80}},\s*{_POINTER_VERB}")
# The same pointer without its comma, or any "please visit", when a web or e-mail address follows:
# "To order copies for your colleagues visit www.example.com", "... please contact us at ...".
_LINKED_POINTER_RE = regexes.compile(
    rf"{_POINTER_LEAD}[^.!?]{{0,100}}\s{_POINTER_VERB}|\bplease\s+{_POINTER_VERB}", re.IGNORECASE
)
_ADDRESS_RE = regexes.compile(r"https?://|www\.|@[\w-]+\.[a-z]|\b[\w-]+\.(?:com|org|net)\b")
# An error message of the page's interface: "Something went wrong, please try again later", an
# error of the page itself, alone, while it loads something or with the reader's connection or
# request ("Something went wrong at the plant, officials said" is the story's), a script or
# browser notice.
_PAGE_ERROR = (
    r"(?:An error (?:has )?occurred|Something went wrong)(?:\s+(?:while|when)\s+(?:loading|"
    r"processing|submitting|saving|sending)\b[^,;]{0,40}|\s+with\s+(?:the|your)\s+(?:connection"
    r"|request|server|submission|sign-?up|login|upload|download))?[.!]?\Z"
)
_SCRIPT_ERROR = (
    r".{0,60}\b(?:enable JavaScript|JavaScript is (?:disabled|turned off)|your browser does not"
    r" support)\b"
)
_ERROR_RE = regexes.compile(
    rf".{{0,60}}\bplease try again\b|{_PAGE_ERROR}|{_SCRIPT_ERROR}", re.IGNORECASE
)
# Where the article first ran: "This story was originally published by Example Weekly", "A
# version of this article appeared in print" (a correction, "An earlier version of this story
# misstated ...", says something about the story and stays).
_THIS_PIECE = r"(?:This|A version of this) (?:article|story|post|piece|report|column)\b"
_ORIGIN_RE = regexes.compile(
    rf"{_THIS_PIECE}[^.]{{0,30}}?\b(?:(?:was |is |has been )?(?:originally |first )?"
    r"(?:published|appeared|republished|reprinted)|originally ran|first ran)\b"
    r"|The post .{1,300}? appeared first on [A-Z0-9]"  # a blog's feed, copied with its footer
)
# The site's disclaimer of its writers' views: "Opinions expressed by Example contributors are
# their own", "The views expressed in this article are those of the author and do not
# necessarily reflect …". A story's "The views expressed in the letter are the party's" is none.
_WRITERS = r"(?:authors?|writers?|contributors?|columnists?)"
_THEIR_OWN = (
    rf"(?:those\s+of\s+the\s+{_WRITERS}\b|(?:the\s+)?(?:authors?|writers?)['\u2019]s?\s+own\b"
    r"|(?:their|his|her)\s+own\b|personal\b)"
)
_VIEWS_RE = regexes.compile(
    r"(?:The\s+)?(?:[Vv]iews?|[Oo]pinions?)(?:\s+and\s+(?:views?|opinions?))?\s+expressed\b"
    rf"[^.]{{0,80}}?\b(?:(?:are|is)\s+(?:solely\s+|entirely\s+|strictly\s+)?{_THEIR_OWN}"
    r"|do(?:es)?\s+not\s+necessarily\s+reflect\b)"
)
# A thank-you to the reader who signed up: "Thanks for signing up!", "You're all set."
_THANKS_RE = regexes.compile(
    r"(?:Thanks?(?: you)?(?: so much)? for (?:signing up|subscribing|registering|reading)"
    r"|You(?:['’]re| are) (?:all set|now subscribed|subscribed|signed up))\b"
)
# A cookie banner: "We use cookies to improve your experience", "By continuing to use this
# site, you agree to our use of cookies" ("The bakery sold cookies" is the story's).
_CONSENT_RE = regexes.compile(
    r"\b(?:use|uses|using|use of|accept|allow|about|our|these|third-party)\s+cookies\b"
    r"|\bcookies? (?:policy|settings|preferences|notice|consent)\b"
    r"|\bby (?:continuing|using|clicking|choosing|browsing)\b[^.]{0,80}"
    r"\b(?:you )?(?:agree|consent|accept)\b",
    re.IGNORECASE,
)
# A subscription offered to the reader: "12 issues for £11.99" (a sentence of its own), "for as
# little as Rs 599 a year", "Get the magazine delivered to your door", "no paywalls". A price
# alone is the story's.
_PRICE = r"(?:[£$€¥₹]|Rs\.?|USD|EUR|GBP|INR)\s?\d"
_ISSUES_FOR = (
    rf"\A(?:(?:get|try|enjoy|save on)\s+)?(?:your\s+)?(?:first\s+)?\d+\s+(?:issues|editions)\s+"
    rf"(?:for|at)\s+(?:just\s+|only\s+)?{_PRICE}"
)
_FOR_LITTLE = (
    rf"\bfor\s+(?:as\s+little\s+as|just|only)\s+{_PRICE}[^.]{{0,60}}"
    r"\b(?:a|per|each|every|first|the first)\s+(?:month|year|week|issue)\b"
)
_DELIVERED = (
    r"\b(?:get|have|receive)\b[^.]{0,60}\bdelivered\b[^.]{0,40}"
    r"\b(?:to|through|into|straight to)\s+your\s+(?:inbox|door|doorstep|letterbox|mailbox)\b"
)
# A newsletter's tagline: "The news that matters, delivered weekday mornings."
_TAGLINE = (
    r",\s+delivered\s+(?:to\s+your\s+inbox|(?:every|each)\s+(?:morning|weekday|day|week)"
    r"|weekday\s+mornings?|daily|weekly)\s*[.!]?\Z"
)
_OFFER_RE = regexes.compile(
    rf"{_ISSUES_FOR}|{_FOR_LITTLE}|{_DELIVERED}|{_TAGLINE}|\bno\s+paywalls?\b", re.IGNORECASE
)
# A code for a discount, in capitals or figures, quoted or not: 'Use the code "GETPRO".', "Enter
# promo code BRIDGE20 at checkout" ("Use the code to open the gate" gives no code).
_PROMO_RE = regexes.compile(
    r"(?i:use|enter|apply)\s+(?i:the\s+|our\s+)?(?i:(?:promo(?:tional)?|coupon|discount|voucher)"
    r"\s+)?(?i:code)\s*:?\s*[\"“'‘]?[A-Z0-9]{3,}\b"
)
_PROMO_WORDS = 12
# The keys a page's error-reporting widget asks for: "Select the mistake and press Ctrl+Enter",
# in whatever language the page is written.
_REPORT_KEYS_RE = regexes.compile(r"\b(?:Ctrl|CTRL)\s*\+\s*(?:Enter|ENTER)\b")
_MAX_WORDS = 40
_OPENERS = ("For ", "To ", "Pric", "Offer", "Deal", "Availab", "Rate")
"""The first words of a pointer or of a retailer's small print."""
_NEEDLES = (
    "ommission",
    "ffiliate",
    "share of",
    "our ",
    "oderat",
    "he right to",
    "hear",
    " us",
    "f you",
    "hile s",
    "without notice",
    "purposes only",
    "lease ",
    "rror",
    "went wrong",
    "avaScript",
    "browser",
    "riginally",
    "first appeared",
    "appeared first",
    "xpressed",
    "first ran",
    "version of this",
    "republished",
    "reprinted",
    "hanks for",
    "hank you for",
    "ou're ",
    "ou’re ",
    "ou are ",
    "ookie",
    "onsent",
    "agree",
)
"""One of these is in every notice that does not open with one of the _OPENERS: most sentences
are passed over by a search for them alone."""
_OFFER_NEEDLES = (
    "ssues ",
    "ditions ",
    "little as",
    "or just",
    "or only",
    "elivered",
    "aywall",
)
"""One of these is in every subscription offer (``_OFFER_RE``)."""
_NEEDLE_RE = any_of(_NEEDLES + _OFFER_NEEDLES)


# The patterns tried on most of the sentences that hold a needle, each with words one of which
# every match of it holds: a sentence without them is not searched.
_ERROR = Rule(_ERROR_RE, ("try again", "error", "went wrong", "javascript", "browser"))
_LINKED_POINTER = Rule(
    _LINKED_POINTER_RE,
    ("visit", "call", "contact", "see", "go to", "email", "e-mail", "write to", "click", "head to"),
)
_SMALL_PRINT = Rule(_SMALL_PRINT_RE, ("subject to change", "while ", "purposes only"))
_CONSENT = Rule(_CONSENT_RE, ("cookie",))
_DISCLOSURE = Rule(_DISCLOSURE_RE, ("commission", "share of", "affiliate"))
_USAGE = Rule(_USAGE_RE, ("commercial use", "our ", "by copyright law"))
_COMMENTS = Rule(_COMMENTS_RE, ("moderat", "the right to"))
_ENJOYED = Rule(_ENJOYED_RE, ("if you ",))
_FEEDBACK = Rule(_FEEDBACK_RE, ("to hear", " us"))
_OFFER = Rule(
    _OFFER_RE,
    (
        "issues ",
        "editions ",
        "little as",
        "for just",
        "for only",
        "delivered",
        "paywall",
    ),
)


# A copyright line: "© 2024 Example News", "Copyright Example Media. All rights reserved."
_COPYRIGHT_RE = regexes.compile(
    r"[©ⓒ]|\([Cc]\)\s*\d{4}|\bCopyright\b|\bCOPYRIGHT\b|[Aa]ll [Rr]ights [Rr]eserved"
    r"|(?m:^\s*copyright\b)"
)
_COPYRIGHT_NEEDS = ("©", "ⓒ", "(c)", "(C)", "Copyright", "COPYRIGHT", "copyright", "ights ")
"""One of these is in every match of ``_COPYRIGHT_RE``."""
_COPYRIGHT_NEED_RE = any_of(_COPYRIGHT_NEEDS)
# The site's word about copying its pages, in English: "No reproduction without permission", "This
# material may not be published, broadcast, rewritten or redistributed", "Reproduction in whole
# or in part is prohibited". A story's "may not be redistributed" lists one act, not several.
_COPYING = (
    r"(?:reproduced|republished|redistributed|rewritten|published|broadcast|copied|distributed)"
)
_REPRODUCTION_RE = regexes.compile(
    r"\bNo (?:reproduction|redistribution|republication)\b"
    rf"|\bmay not be {_COPYING}(?:,? (?:or |and )?{_COPYING}\b)+"
    r"|\b(?:Reproduction|Redistribution|Republication)\b[^.]{0,60}"
    r"\b(?:prohibited|forbidden|not permitted)\b"
)
_REPRODUCTION_NEEDS = ("No re", "may not be", "eproduction", "edistribution", "epublication")
"""One of these is in every match of ``_REPRODUCTION_RE``."""
_REPRODUCTION_NEED_RE = any_of(_REPRODUCTION_NEEDS)
_FOREIGN_RIGHTS = written_forms(lexicon.entries("foreign_rights_notices"))
"""A notice of rights reserved in another language or script: "Todos os direitos reservados"."""
_FOREIGN_RIGHTS_RE = any_of(_FOREIGN_RIGHTS)


def is_rights_notice(piece: str) -> bool:
    """Whether PIECE is a copyright line or the site's word on copying its pages, in English or
    in another language."""
    return bool(
        (_COPYRIGHT_NEED_RE.search(piece) and _COPYRIGHT_RE.search(piece))
        or _FOREIGN_RIGHTS_RE.search(piece)
        or (_REPRODUCTION_NEED_RE.search(piece) and _REPRODUCTION_RE.search(piece))
    )


@cache
def needles_re() -> re.Pattern[str]:
    """A search for every string that a notice of rights holds, that a notice to the reader
    not opening with one of the openers holds, and for the words for comments in the page
    languages: most sentences hold none, and need not be searched by ``is_rights_notice`` or,
    told so by ``needled``, ``notice_kind`` (compiled on first use)."""
    needles = (*_COPYRIGHT_NEEDS, *_REPRODUCTION_NEEDS, *_FOREIGN_RIGHTS, *_NEEDLES)
    return any_of((*needles, *_OFFER_NEEDLES, *_comment_words()))


def notice_kind(piece: str, words: int, *, needled: bool = True) -> SegmentKind | None:
    """The kind of PIECE, a sentence of WORDS words, when it is the site's notice to its reader:
    CREDIT for small print (commissions, terms of use), RELATED for a prompt (write in,
    subscribe, look elsewhere); None for any other sentence. ``needled`` False says that
    ``needles_re()`` finds nothing in PIECE."""
    if words > _MAX_WORDS:
        return None
    if needled and _foreign_comments_re().search(piece) and _moderated_in_another_language(piece):
        return SegmentKind.RELATED  # "Os comentários são moderados", "Kommentare ... geprüft"
    if words <= _PROMO_WORDS and piece[:1] in "UuEeAa" and _PROMO_RE.match(piece):
        return SegmentKind.RELATED  # a discount's code, which may be quoted
    if "trl" in piece and _REPORT_KEYS_RE.search(piece):
        return SegmentKind.RELATED  # "Select the text and press Ctrl+Enter", in any language
    opener = piece.startswith(_OPENERS)
    if not opener and (not needled or _NEEDLE_RE.search(piece) is None):
        return None
    if any(map(piece.__contains__, _QUOTES)):
        return None
    if opener and _POINTER_RE.match(piece):
        return SegmentKind.RELATED
    low = lowered(piece)
    if _ERROR.match(piece, low):
        return SegmentKind.RELATED
    linked = opener or "lease " in piece
    if linked and _LINKED_POINTER.search(piece, low) and _ADDRESS_RE.search(piece):
        return SegmentKind.RELATED
    if _SMALL_PRINT.match(piece, low) or _ORIGIN_RE.match(piece) or _VIEWS_RE.match(piece):
        return SegmentKind.CREDIT
    if _THANKS_RE.match(piece) or _OFFER.search(piece, low):
        return SegmentKind.RELATED
    if not _SITE_VOICE_RE.search(piece):
        return None
    if _CONSENT.search(piece, low):
        return SegmentKind.RELATED
    disclosed = _DISCLOSURE.search(piece, low) and _PURCHASE_RE.search(piece)
    if disclosed or _USAGE.search(piece, low):
        return SegmentKind.CREDIT
    if _COMMENTS.search(piece, low) or _ENJOYED.search(piece, low):
        return SegmentKind.RELATED
    # "We'd like to hear from you", not "The speech we'd like to hear".
    if _FEEDBACK.search(piece, low) and _READER_RE.search(piece):
        return SegmentKind.RELATED
    return None


@cache
def _comment_words() -> list[str]:
    """The words for comments in the page languages, as written ("comentários", "Kommentare",
    "COMMENTI")."""
    return written_forms(lexicon.page_words("comment_words"))


@cache
def _foreign_comments_re() -> re.Pattern[str]:
    """A word for comments in one of the page languages, compiled on first use."""
    return any_of(_comment_words())


def _moderated_in_another_language(piece: str) -> bool:
    """Whether PIECE, which names comments in a page language, says they are moderated or
    approved before they appear."""
    low = piece.lower()
    return any(word in low for word in lexicon.page_words("moderation_words"))


def is_author_note(piece: str) -> bool:
    """Whether PIECE is a note on the article's author ("Jane Roe is a senior reporter at Example
    News covering courts."): a name, "is a", a journalist's role and where the author works."""
    return " is " in piece and _author_note_re().match(piece) is not None


@cache
def _author_note_re() -> re.Pattern[str]:
    roles = "|".join(lexicon.longest_first(lexicon.words("journalist_roles")))
    return regexes.compile(
        r"(?:[A-Z][\w’'.-]+\s+){1,3}is\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}"
        rf"(?:{roles})\b[^.!?]{{0,60}}?\s(?:at|for|with|of)\s+[A-Z]"
    )


def is_note_on_author(piece: str, names: Iterable[str]) -> bool:
    """Whether PIECE is a note on one of the article's authors, NAMES as the byline gives them:
    it opens with one's full name and says who they are or what they wrote ("Jane Roe is the
    site's deals editor.", "Jane Roe's book about the moon is out now."). A story names its own
    author so only in such a note."""
    return any(
        piece.startswith(name) and _AFTER_AUTHOR_RE.match(piece, len(name)) is not None
        for name in names
    )


_AFTER_AUTHOR_RE = regexes.compile(r"(?:[’']s\s|\s+(?:is|was|has|covers|writes|reports|joined)\s)")

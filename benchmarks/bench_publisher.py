"""Publisher detection on plain text: is the outlet found, does every claim's chain start with it,
and is an outlet ever named wrongly?

Texts, all real, read from ``../shared/data`` (skipped with a message when absent):
- the 181 pages of the article-extraction benchmark, turned into the plain text a user would
  paste: trafilatura's text of the page (comments off, tables kept, links as their words), and
  the human-extracted body. The truth is the page's site: the host of its URL;
- PolNeAR's articles (seven outlets, named by the file names).
Each text goes through ``factcheck``'s plain-text path (no URL, no HTML metadata).

The truth's names: the host (``www.`` dropped), its registrable domain, its first label, and the
site's name as the page states it (``og:site_name``, ``application-name``, JSON-LD publisher,
trafilatura's site name) when that name fits the host: its letters are in the host, or the host
is made of prefixes of its words in order ('nytimes' from 'New York Times'). For PolNeAR, the
outlets' names are listed below.

An outlet found is right when the registry's entry for it publishes on the host's domain, when it
is a domain of the host, or when its letters (without 'The' and a domain ending) are one of the
truth's names or sit inside the host's. Figures, over texts that name the publisher at all (the
rule: a truth name or the domain appears in the text as words):
- found: the share where ``document.outlet`` is right;
- chains: the share of their claims whose chain (``match_chain``: registry ids, then names the
  registry lacks) starts with the right publisher;
- wrong: texts (over all texts) where an outlet is named and it is not right, split into a wire
  agency that the text credits (the story's origin, not invented) and any other name.

Peers in the same run: the first registry outlet or web domain named in the text (a plain
reading of the words), and, for the benchmark pages only, trafilatura's site name from the
page's HTML (metadata the plain text does not have: an upper bound).

Run: .venv/bin/python benchmarks/bench_publisher.py [--data DIR] [--misses N]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_pages import SET, load_pages  # noqa: E402
from corpus import DEFAULT_DATA  # noqa: E402

from factcheck.extract.pipeline import extract  # noqa: E402
from factcheck.sources.chains import match_chain  # noqa: E402
from factcheck.sources.model import SourceKind  # noqa: E402
from factcheck.sources.registry import Registry, load_registry  # noqa: E402

POLNEAR = {
    "breitbart": ("breitbart.com", ("Breitbart", "Breitbart News")),
    "huff-post": ("huffingtonpost.com", ("HuffPost", "Huffington Post")),
    "nyt": ("nytimes.com", ("New York Times",)),
    "politico": ("politico.com", ("Politico",)),
    "usa-today": ("usatoday.com", ("USA Today",)),
    "wash-post": ("washingtonpost.com", ("Washington Post",)),
    "west-journal": ("westernjournalism.com", ("Western Journalism",)),
}
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu"}
_DOMAIN = re.compile(r"\b(?:[a-z0-9][a-z0-9-]*\.)+(?:com|org|net|co\.uk|co|news|info|tv|io)\b")
_META = re.compile(
    r"<meta[^>]+(?:property|name)=[\"'](?:og:site_name|application-name)[\"'][^>]*>", re.I
)
_CONTENT = re.compile(r"content=[\"']([^\"']{2,80})[\"']", re.I)
_LD_PUBLISHER = re.compile(r"\"publisher\"\s*:\s*\{[^{}]*?\"name\"\s*:\s*\"([^\"]{2,80})\"")
_OUTLETS = {SourceKind.WIRE_SERVICE, SourceKind.NEWSPAPER, SourceKind.BROADCASTER}
_OUTLETS |= {SourceKind.STATE_MEDIA, SourceKind.PARTY_MEDIA, SourceKind.SYNDICATION}


def _key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip().lower())
    text = re.sub(r"\.(?:com|org|net|co\.uk|co|news|info|tv|io)$", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _registrable(host: str) -> str:
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2 else 2
    return ".".join(parts[-keep:])


def _prefixes(label: str, words: list[str], used: int = 0) -> bool:
    """LABEL is made of prefixes of two or more of WORDS, in order (some words may be skipped)."""
    if not label:
        return used >= 2
    if not words:
        return False
    head, rest = words[0], words[1:]
    for n in range(min(len(head), len(label)), 0, -1):
        if label.startswith(head[:n]) and _prefixes(label[n:], rest, used + 1):
            return True
    return _prefixes(label, rest, used)


def fits_host(name: str, host: str) -> bool:
    """The site's NAME stands for HOST: its letters are in the host, or the host's first label
    is made of prefixes of its words."""
    key, label = _key(name), _key(_registrable(host).split(".")[0])
    if (len(key) >= 3 and key in _key(host.replace(".", ""))) or (len(label) >= 4 and label in key):
        return True
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the"]
    return len(label) >= 2 and len(words) >= 2 and _prefixes(label, words)


@dataclass
class Text:
    name: str
    text: str
    host: str
    names: tuple[str, ...]
    html_site: str | None = None
    wires: set[str] = field(default_factory=set)

    def right(self, outlet: str | None, registry: Registry) -> bool:
        if not outlet:
            return False
        entry = registry.find(outlet)
        if entry is not None and any(_same_site(d, self.host) for d in entry.domains):
            return True
        if _DOMAIN.fullmatch(outlet.lower()) and _same_site(outlet.lower(), self.host):
            return True
        key = _key(outlet)
        if len(key) >= 3 and (key in _key(self.host.replace(".", "")) or key in self.keys):
            return True
        return fits_host(outlet, self.host)

    @property
    def keys(self) -> set[str]:
        return {_key(n) for n in self.names}

    def named(self, edges: bool = False) -> bool:
        """The text names its publisher: a truth name or the domain, as words (with EDGES,
        within its first 300 or its last 600 characters, where credits stand)."""
        low = self.text.lower()
        if edges:
            low = f"{low[:300]}\n{low[-600:]}"
        domain = _registrable(self.host)
        if domain in low:
            return True
        terms = [n for n in self.names if len(_key(n)) >= 4]
        return any(re.search(rf"\b{re.escape(t.lower())}\b", low) for t in terms)


def _same_site(domain: str, host: str) -> bool:
    domain = domain.lower().removeprefix("www.")
    return host == domain or host.endswith("." + domain) or domain.endswith("." + host)


def page_texts(data: Path) -> list[Text]:
    import trafilatura  # imported here: the benchmark runs without it when pages are absent

    texts: list[Text] = []
    for page_id, html_bytes, url, body in load_pages(data):
        html = html_bytes.decode("utf-8", errors="replace")
        host = re.sub(r"^www\d?\.", "", url.split("/")[2].split(":")[0].lower())
        meta = trafilatura.extract_metadata(html)
        site = meta.sitename if meta is not None else None
        stated = [c.group(1) for m in _META.finditer(html) if (c := _CONTENT.search(m.group(0)))]
        stated += _LD_PUBLISHER.findall(html)[:1]
        if site:
            stated.append(site)
        names = tuple(dict.fromkeys([_registrable(host), *stated_fit(stated, host)]))
        plain = trafilatura.extract(
            html, include_comments=False, include_tables=True, include_links=False
        )
        if plain:
            texts.append(Text(f"page-{page_id[:10]}", plain, host, names, site))
        texts.append(Text(f"body-{page_id[:10]}", body, host, names, site))
    return texts


def stated_fit(stated: list[str], host: str) -> list[str]:
    return [" ".join(s.split()) for s in stated if fits_host(s, host)]


def polnear_texts(data: Path) -> list[Text]:
    folder = data / "polnear" / "data"
    wires: dict[str, str] = {}
    metadata = folder / "metadata.tsv"
    if metadata.is_file():
        rows = [line.split("\t") for line in metadata.read_text(encoding="utf-8").splitlines()]
        head = rows[0]
        for row in rows[1:]:
            record = dict(zip(head, row, strict=False))
            if record.get("wire", "None") != "None":
                wires[record["filename"]] = record["wire"]
    texts = []
    for path in sorted(folder.glob("*/text/*.txt")):
        prefix = path.stem.split("_", 1)[0]
        if prefix not in POLNEAR:
            continue
        domain, names = POLNEAR[prefix]
        text = Text(f"polnear-{path.stem}", path.read_text(encoding="utf-8"), domain, ())
        text.names = (domain, *names)
        if path.stem in wires:
            text.wires = {w.strip() for w in wires[path.stem].split("|")}
        texts.append(text)
    return texts


def peer_guess(registry: Registry, text: str) -> str | None:
    """The first registry outlet or web domain named in the text."""
    mentions = [
        (m.start, registry.get(m.id))
        for m in registry.document_mentions(text)
        if (e := registry.get(m.id)) is not None and e.kind in _OUTLETS
    ]
    domain = _DOMAIN.search(text.lower())
    found: list[tuple[int, str]] = [(s, e.name) for s, e in mentions if e is not None]
    if domain:
        found.append((domain.start(), domain.group(0)))
    return min(found)[1] if found else None


def _is_wire(registry: Registry, outlet: str, item: Text) -> bool:
    entry = registry.find(outlet)
    if entry is not None and entry.kind is SourceKind.WIRE_SERVICE:
        return True
    return any(_key(outlet) == _key(w) for w in item.wires)


def run(texts: list[Text], registry: Registry, misses: int) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    shown: list[str] = []
    for item in texts:
        extraction = extract("-", registry=registry, stdin=io.BytesIO(item.text.encode()))
        document = extraction.document
        outlet = document.outlet
        right = item.right(outlet, registry)
        named = item.named()
        group = item.name.split("-", 1)[0]
        counts[f"{group}:texts"] += 1
        peer = peer_guess(registry, item.text)
        if named:
            counts[f"{group}:named"] += 1
            counts[f"{group}:found"] += right
            counts[f"{group}:peer"] += item.right(peer, registry)
            if item.html_site is not None:
                counts[f"{group}:html"] += item.right(item.html_site, registry)
            if item.named(edges=True):
                counts[f"{group}:edge"] += 1
                counts[f"{group}:edge_found"] += right
                counts[f"{group}:edge_peer"] += item.right(peer, registry)
            for claim in extraction.claims:
                match = match_chain(registry, claim, document)
                counts[f"{group}:claims"] += 1
                # The chain is the registry's ids, then the names it lacks: a publisher the
                # registry does not know is the first of those.
                known = bool(outlet and registry.mentions(outlet)) or not match.unknown
                first = (match.ids or ("",))[0] if known else match.unknown[0]
                first_name = e.name if (e := registry.get(first)) else first
                counts[f"{group}:chained"] += right and item.right(first_name, registry)
                counts[f"{group}:found_claims"] += right
        if outlet and not right:
            origin = dict(document.provenance).get("outlet") in ("dateline", "origin")
            kind = "wire" if origin or _is_wire(registry, outlet, item) else "wrong"
            counts[f"{group}:{kind}"] += 1
            shown.append(f"  {kind:5} {item.name:28} {item.host:24} -> {outlet!r}")
        if peer and not item.right(peer, registry):
            counts[f"{group}:peer_wrong"] += 1
        if named and not right and len(shown) < 10_000:
            shown.append(f"  miss  {item.name:28} {item.host:24} outlet={outlet!r}")
    for line in sorted(shown)[:misses]:
        print(line)
    return dict(counts)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%} ({part}/{whole})" if whole else "   n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses")
    args = parser.parse_args()
    if not (args.data / SET).is_dir() and not (args.data / "polnear").is_dir():
        print(f"skipped: no {SET} or polnear under {args.data} (see ../shared/data/README.md)")
        return
    registry = load_registry(user=False)
    texts = (page_texts(args.data) if (args.data / SET).is_dir() else []) + polnear_texts(args.data)
    counts = run(texts, registry, args.misses)
    print("rule: a text names its publisher when its domain, or a name of the site that fits the")
    print("host (4+ letters), appears in it as words; 'at top/end': within its first 300 or last")
    print("600 characters. wrong / origin: texts whose outlet is not the site, and is not / is a")
    print("wire agency or an origin the text credits ('Originally published on ...')")
    print()
    print(
        f"{'texts':8} {'n':>4} {'named':>5} {'found':>16} {'chains start with it':>21} "
        f"{'wrong':>5} {'origin':>6} | {'top/end':>7} {'found':>16} | peer: first named"
    )
    for group in ("page", "body", "polnear"):
        c = dict.fromkeys(("texts", "named", "found", "chained", "claims", "wrong", "wire"), 0)
        c |= {k: counts.get(f"{group}:{k}", 0) for k in (*c, "edge", "edge_found", "peer")}
        c |= {k: counts.get(f"{group}:{k}", 0) for k in ("edge_peer", "html", "peer_wrong")}
        if not c["texts"]:
            continue
        print(
            f"{group:8} {c['texts']:4} {c['named']:5} {_share(c['found'], c['named']):>16} "
            f"{_share(c['chained'], c['claims']):>21} {c['wrong']:5} {c['wire']:6} | "
            f"{c['edge']:7} {_share(c['edge_found'], c['edge']):>16} | "
            f"{_share(c['peer'], c['named'])} (top/end {_share(c['edge_peer'], c['edge'])}; "
            f"wrong on {c['peer_wrong']} texts)"
        )
        found_claims = counts.get(f"{group}:found_claims", 0)
        print(
            f"{'':8} chains starting with it where it is found: "
            f"{_share(c['chained'], found_claims)}"
        )
        if group != "polnear":
            print(
                f"{'':8} peer with the page's HTML, trafilatura's site name: "
                f"{_share(c['html'], c['named'])}"
            )
    print(json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    main()

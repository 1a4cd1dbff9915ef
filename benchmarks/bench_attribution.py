"""Attribution figures (stage ③) on PolNeAR, with a parser-based peer measured in the same run.

PolNeAR (``../shared/data/polnear/data/{train,dev}``) is US election news from seven outlets with
brat standoff annotations beside each text: Source, Cue and Content spans tied together by an
Attribution event. Each article runs through the real pipeline (ingest, segment, claims), so
every body segment carries the attribution that ``factcheck extract --all`` prints. A sentence's
gold attributions are those whose content overlaps it or whose cue lies inside it.

Figures, per body sentence:

- speaker precision, recall and F1. *Strict*: the speaker (or its role, for an unnamed source)
  is the annotated source (or one of its comma-separated parts) up to titles, determiners, a
  place after "of", the role words in front of a full name ("longtime Democratic pollster Pat
  Caddell" for "Pat Caddell") and a surname-only mention of the full name found ("Clinton"
  for "Hillary Clinton"). *Lenient*: the head words
  match ("The Times newspaper" for "Times", "the church" for "Living Church of God").
  PolNeAR marks no coreference, so an annotated pronoun stands for the last two distinct named
  sources before it in the article and a relative "who" for the names just before it: a
  speaker counts when it is resolved to one of them, and an unresolved pronoun does not.
- the same on the direct-quote subset (sentences whose attributed content holds a quotation
  mark);
- false attributions: the share of sentences without any annotated span that get a speaker or
  a cue;
- cue accuracy: among sentences whose speaker is right (lenient), the share whose reporting
  verb is the annotated cue;
- seconds per MB of body text, median of several runs: the whole extraction (segmenting,
  scoring, attributing), the attribution stage alone, and the peer's parse.

The peer is TextBlob's bundled Pattern shallow parser (part-of-speech tags and chunks, pure
Python, no model download), with the subject of a reporting verb as the speaker: spaCy's
``en_core_web_sm`` is not on the package registry here, and textacy needs a spaCy model too.

Run: .venv/bin/python benchmarks/bench_attribution.py [--split dev|train] [--no-peer]
[--data DIR] [--errors N] (prints N wrong or missed speakers, for reading the train split only).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.extract.attribution import attribute_sentences  # noqa: E402
from factcheck.extract.claims import extract_claims  # noqa: E402
from factcheck.extract.ingest import read_source  # noqa: E402
from factcheck.extract.segment import segment_document  # noqa: E402
from factcheck.models import Attribution, SegmentKind  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "polnear" / "data"
BODY = frozenset(
    {SegmentKind.CLAIM, SegmentKind.STATEMENT, SegmentKind.QUESTION, SegmentKind.OPINION}
)
QUOTE_MARKS = frozenset('"\u201c\u201d')
PRONOUNS = frozenset(
    ["he", "she", "they", "i", "we", "it", "him", "her", "them", "his", "its", "their"]
)
RELATIVES = frozenset(["who", "which", "that", "whose", "whom"])
NAME_RUN = re.compile(r"[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+)*")
DROP = frozenset(["the", "a", "an"])
TITLES = frozenset(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president"])


# -- gold ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Gold:
    """One annotated attribution: its spans (character ranges) and texts."""

    source: str | None
    source_start: int
    cue: str
    cue_spans: list[tuple[int, int]]
    content_spans: list[tuple[int, int]]
    resolved: list[str] = field(default_factory=list)
    """The source; for a pronoun, the named sources it may stand for."""


@dataclass(slots=True)
class Article:
    name: str
    path: Path
    text: str
    golds: list[Gold]
    spans: list[tuple[int, int]]
    """Every annotated span (source, cue, content), for the sentences without any."""


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(" ", 1)[1].split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def load_article(text_path: Path, ann_path: Path) -> Article:
    text = text_path.read_text(encoding="utf-8")
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            spans[parts[0]] = (parts[1].split()[0], _spans(parts[1]), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split())
            events.append(roles)
    golds: list[Gold] = []
    for roles in events:
        cue = spans.get(roles.get("Cue", ""))
        content = [spans[roles[k]] for k in ("Content", "Content2") if roles.get(k) in spans]
        if cue is None or not content:
            continue
        source = spans.get(roles.get("Source", ""))
        golds.append(
            Gold(
                source=source[2] if source else None,
                source_start=source[1][0][0] if source else -1,
                cue=cue[2],
                cue_spans=cue[1],
                content_spans=[s for c in content for s in c[1]],
            )
        )
    named = sorted(
        (g.source_start, g.source) for g in golds if g.source and not _is_pronoun(g.source)
    )
    for gold in golds:
        if gold.source is None:
            continue
        words = _tokens(gold.source)
        if words and words[0] in RELATIVES and len(words) == 1:
            # "who": the names just before it in the text.
            window = text[max(0, gold.source_start - 120) : gold.source_start]
            gold.resolved = NAME_RUN.findall(window)[-2:]
        elif _is_pronoun(gold.source):
            # An annotated pronoun: one of the last two named sources before it.
            before: list[str] = []
            for start, name in reversed(named):
                if start < gold.source_start and name not in before:
                    before.append(name)
                if len(before) == 2:
                    break
            gold.resolved = before
        else:
            gold.resolved = [gold.source]
    every = [
        s
        for kind, ranges, _ in spans.values()
        if kind in ("Source", "Cue", "Content")
        for s in ranges
    ]
    return Article(text_path.stem, text_path, text, golds, every)


def load_split(folder: Path) -> list[Article]:
    articles = []
    anns: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)  # one annotator per article
    for text_path in sorted((folder / "text").glob("*.txt")):
        chosen = anns.get(text_path.stem)
        if chosen is not None:
            articles.append(load_article(text_path, chosen))
    return articles


# -- matching --------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    words = [re.sub(r"'s$|'$", "", w) for w in re.findall(r"[\w'.-]+", text)]
    words = [w.strip(".") for w in words if w.strip(".")]
    while words and words[0] in DROP:
        words = words[1:]
    return words


def _is_pronoun(text: str) -> bool:
    words = _tokens(text)
    return len(words) == 1 and words[0] in PRONOUNS


def _head(words: Sequence[str]) -> str:
    head = words[-1] if words else ""
    return head[:-1] if len(head) > 3 and head.endswith("s") and not head.endswith("ss") else head


def _name_part(text: str) -> list[str]:
    """The words of a name, without titles, determiners, an appositive or a parenthesis."""
    text = re.split(r"[,(]", text, maxsplit=1)[0]
    words = _tokens(text)
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def _gold_names(gold: str) -> list[list[str]]:
    """The name parts of an annotated source: each comma-separated part, without titles or a
    place after "of" ("Sen. Chuck Schumer of New York, the presumptive leader")."""
    out = []
    for part in re.split(r"[,()]", gold):
        words = _name_part(part)
        if "of" in words[1:]:
            words = words[: words.index("of", 1)]
        if words:
            out.append(words)
    return out


def strict_match(candidates: Sequence[str], gold: str) -> bool:
    for g in _gold_names(gold):
        for candidate in candidates:
            p = _name_part(candidate)
            if not p:
                continue
            if p == g or (len(p) >= 2 and g[-len(p) :] == p) or p[-len(g) :] == g:
                return True
    return False


def lenient_match(candidates: Sequence[str], gold: str) -> bool:
    g = _tokens(gold)
    if not g:
        return False
    names = {w for w in g if w not in TITLES}
    for candidate in candidates:
        p = _tokens(candidate)
        if not p:
            continue
        if _head(p) == _head(g) or _head(g) in p or (p[-1] in names and p[-1] not in PRONOUNS):
            return True
    return False


def candidates_of(attribution: Attribution) -> list[str]:
    """The texts a prediction offers for matching: the speaker, its role, both together."""
    out = []
    if attribution.speaker:
        out.append(attribution.speaker)
        if attribution.role:
            out.append(f"{attribution.role} {attribution.speaker}")
    if attribution.role:
        out.append(attribution.role)
    return out


def _overlaps(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


# -- systems ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    article: Article
    start: int
    end: int
    text: str
    golds: list[Gold]
    annotated: bool
    quote: bool
    predicted: Attribution = field(default_factory=Attribution)


def factcheck_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """The body segments of every article, with factcheck's attribution and the gold ones."""
    out: list[Sentence] = []
    for article in articles:
        document, segments = segment_document(read_source(str(article.path)))
        segments, _ = extract_claims(document, segments)
        cursor = 0
        for segment in segments:
            if segment.kind not in BODY:
                continue
            start = article.text.find(segment.text, cursor)
            if start < 0:
                continue  # the clean text differs here: leave the sentence out
            end = start + len(segment.text)
            cursor = end
            out.append(_sentence(article, start, end, segment.attribution or Attribution()))
    return out


def _sentence(article: Article, start: int, end: int, predicted: Attribution) -> Sentence:
    golds = [
        g
        for g in article.golds
        if _overlaps(g.content_spans, start, end) or _overlaps(g.cue_spans, start, end)
    ]
    quote = any(
        article.text[p] in QUOTE_MARKS and _overlaps(g.content_spans, p, p + 1)
        for g in golds
        for p in range(start, end)
    )
    annotated = _overlaps(article.spans, start, end)
    return Sentence(
        article, start, end, article.text[start:end], golds, annotated, quote, predicted
    )


def time_attribution(sentences: Sequence[Sentence], runs: int) -> float:
    """Median seconds of the attribution stage alone on every article's body sentences."""
    by_article: dict[str, list[str]] = {}
    for s in sentences:
        by_article.setdefault(s.article.name, []).append(s.text)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for texts in by_article.values():
            attribute_sentences(texts)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def time_factcheck(articles: Sequence[Article], runs: int) -> float:
    """Median seconds to segment and attribute every article (the extract pipeline's stages)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for article in articles:
            document, segments = segment_document(read_source(str(article.path)))
            extract_claims(document, segments)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


_PEER_CUES = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "claim",
        "claims",
        "claimed",
        "add",
        "adds",
        "added",
        "report",
        "reports",
        "reported",
        "write",
        "writes",
        "wrote",
        "note",
        "notes",
        "noted",
        "state",
        "states",
        "stated",
        "argue",
        "argues",
        "argued",
        "explain",
        "explains",
        "explained",
        "announce",
        "announced",
        "insist",
        "insists",
        "insisted",
        "warn",
        "warns",
        "warned",
        "ask",
        "asks",
        "asked",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "find",
        "finds",
        "found",
        "show",
        "shows",
        "showed",
        "want",
        "wants",
        "wanted",
        "accuse",
        "accused",
        "suggest",
        "suggests",
        "suggested",
        "according",
    ]
)


def peer_parser() -> Callable[[str], Attribution] | None:
    """A shallow-parse baseline: the noun chunk that is the subject of a reporting verb."""
    try:
        from textblob.en import parse  # type: ignore[import-untyped]
    except ImportError:
        return None

    def attribute(text: str) -> Attribution:
        tagged = parse(text, chunks=True).split()
        for sentence in tagged:
            chunks = _chunks(sentence)
            for k, (kind, words) in enumerate(chunks):
                word = words[-1].lower() if words else ""
                if kind == "PP" and word == "according" and k + 2 < len(chunks):
                    return Attribution(speaker=" ".join(chunks[k + 2][1]), verb="according to")
                if kind != "VP" or word not in _PEER_CUES:
                    continue
                before = chunks[k - 1] if k else ("", [])
                after = chunks[k + 1] if k + 1 < len(chunks) else ("", [])
                if before[0] == "NP":
                    return Attribution(speaker=" ".join(before[1]), verb=word)
                if after[0] == "NP":
                    return Attribution(speaker=" ".join(after[1]), verb=word)
        return Attribution()

    return attribute


def _chunks(tokens: Sequence[Sequence[str]]) -> list[tuple[str, list[str]]]:
    """(chunk kind, words) from Pattern's word/tag/chunk/pnp tokens; punctuation is its own."""
    out: list[tuple[str, list[str]]] = []
    for word, _tag, chunk, *_ in tokens:
        if chunk == "O":
            out.append(("O", [word]))
        elif chunk.startswith("B-") or not out or out[-1][0] != chunk[2:]:
            out.append((chunk[2:], [word]))
        else:
            out[-1][1].append(word)
    return out


# -- scoring ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    predicted: int = 0
    matched_p: int = 0
    gold: int = 0
    matched_r: int = 0

    def add(self, predicted: bool, gold: bool, matched: bool) -> None:
        self.predicted += predicted
        self.gold += gold
        self.matched_p += predicted and matched
        self.matched_r += gold and matched

    def prf(self) -> tuple[float, float, float]:
        p = self.matched_p / self.predicted if self.predicted else 0.0
        r = self.matched_r / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Figures:
    strict: Score = field(default_factory=Score)
    lenient: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    empty: int = 0
    false: int = 0
    cue_right: int = 0
    cue_total: int = 0
    errors: list[tuple[Sentence, list[str]]] = field(default_factory=list)


def score(sentences: Sequence[Sentence]) -> Figures:
    figures = Figures()
    for s in sentences:
        candidates = candidates_of(s.predicted)
        sourced = [g for g in s.golds if g.resolved]
        has_gold = bool(sourced)
        predicted = bool(s.predicted.speaker)
        strict = any(strict_match(candidates, name) for g in sourced for name in g.resolved)
        lenient_golds = [
            g for g in sourced if any(lenient_match(candidates, name) for name in g.resolved)
        ]
        figures.strict.add(predicted, has_gold, strict)
        figures.lenient.add(predicted, has_gold, bool(lenient_golds))
        if s.quote and has_gold:
            figures.quotes.add(predicted, has_gold, bool(lenient_golds))
        if not s.annotated:
            figures.empty += 1
            figures.false += bool(s.predicted.speaker or s.predicted.verb)
        if lenient_golds and s.predicted.verb:
            figures.cue_total += 1
            verb = s.predicted.verb.lower()
            figures.cue_right += any(
                verb in g.cue.lower() or g.cue.lower().split()[0] in verb
                for g in lenient_golds
                if g.cue
            )
        elif (predicted or has_gold) and not lenient_golds:
            figures.errors.append((s, [name for g in sourced for name in g.resolved]))
    return figures


def report(name: str, figures: Figures, seconds: float, megabytes: float) -> None:
    sp, sr, sf = figures.strict.prf()
    lp, lr, lf = figures.lenient.prf()
    qp, qr, qf = figures.quotes.prf()
    false = figures.false / figures.empty if figures.empty else 0.0
    cue = figures.cue_right / figures.cue_total if figures.cue_total else 0.0
    print(
        f"{name:<24} strict P/R/F1 {sp:.3f}/{sr:.3f}/{sf:.3f}  lenient {lp:.3f}/{lr:.3f}/{lf:.3f}  "
        f"quotes {qp:.3f}/{qr:.3f}/{qf:.3f}  false {false:.1%} of {figures.empty}  "
        f"cue {cue:.3f}  {seconds / megabytes:.2f} s/MB"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA, help="PolNeAR's data folder")
    args = parser.parse_args(argv)
    if not (args.data / args.split).is_dir():
        print(f"PolNeAR not found at {args.data}: skipped (see ../shared/data/README.md)")
        return 0
    articles = load_split(args.data / args.split)
    sentences = factcheck_sentences(articles)
    megabytes = sum(len(s.text.encode()) + 1 for s in sentences) / 1e6
    golds = sum(1 for s in sentences if any(g.resolved for g in s.golds))
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {len(sentences)} body sentences "
        f"({megabytes:.2f} MB), {golds} with an annotated source"
    )
    figures = score(sentences)
    report("factcheck", figures, time_factcheck(articles, args.runs), megabytes)
    stage = time_attribution(sentences, args.runs)
    print(f"{'factcheck attribution':<24} {stage / megabytes:.2f} s/MB (the stage alone)")
    for s, golds_of in figures.errors[: args.errors]:
        a = s.predicted
        print(f"- {s.article.name}: got {a.speaker!r} ({a.verb}) want {golds_of}\n  {s.text[:300]}")
    peer = None if args.no_peer else peer_parser()
    if peer is None and not args.no_peer:
        print("peer: textblob is not installed (pip install -e '.[bench]')")
    if peer is not None:
        started = time.perf_counter()
        for s in sentences:
            s.predicted = peer(s.text)
        seconds = time.perf_counter() - started
        report("peer: Pattern chunks", score(sentences), seconds, megabytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rating sets: the sorted file and its search, imports, the shipped set, names for domains."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckWarning, SourcesError
from factcheck.models import Document
from factcheck.sources.loading import load_registry
from factcheck.sources.names import name_domain
from factcheck.sources.ratings import (
    candidate_keys,
    import_set,
    open_set,
    rating_sets,
    read_rating_file,
    site_label,
    site_of,
    user_ratings_dir,
    write_set,
)

_LABEL = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12).filter(
    lambda s: s[0] != "-" and s[-1] != "-"
)
_DOMAIN = st.builds(lambda a, b: f"{a}.{b}", _LABEL, st.sampled_from(["com", "org", "co.uk", "ir"]))


@settings(max_examples=40, deadline=None)
@given(st.sets(_DOMAIN, min_size=1, max_size=3000), st.lists(_DOMAIN, max_size=30))
def test_binary_search_finds_every_rated_domain_and_nothing_else(
    tmp_path_factory: object, rated: set[str], others: list[str]
) -> None:
    folder = Path(str(tmp_path_factory.mktemp("set")))
    table = {domain: [str(len(domain))] for domain in rated}
    found = write_set(folder / "t.tsv", ["score"], table, {"name": "t", "citation": "c"})
    assert len(found) == len(rated)
    for domain in rated:
        rating = found.exact(domain)
        assert rating is not None
        assert (rating.domain, rating.value) == (domain, str(len(domain)))
    for domain in others:
        if domain not in rated:
            assert found.exact(domain) is None


def test_a_hundred_thousand_domains_each_found(tmp_path: Path) -> None:
    rng = random.Random(5)
    table = {f"site{i:06d}-{rng.randrange(10**6)}.example": [str(i)] for i in range(100_000)}
    found = write_set(tmp_path / "big.tsv", ["n"], table, {"name": "big"})
    for domain in rng.sample(sorted(table), 500):
        rating = found.exact(domain)
        assert rating is not None and rating.value == table[domain][0]
    assert found.exact("site-missing.example") is None


def test_lookups_try_the_section_the_host_then_parent_domains() -> None:
    assert candidate_keys("https://www.en.example.ir/news/2021/x?q=1") == [
        "en.example.ir/news",
        "en.example.ir",
        "example.ir",
    ]
    assert candidate_keys("Example.ORG") == ["example.org"]
    # A port names no other site, typed bare or in an address.
    assert candidate_keys("example.org:443") == ["example.org"]
    assert candidate_keys("http://en.example.ir:8080/news") == [
        "en.example.ir/news",
        "en.example.ir",
        "example.ir",
    ]
    assert candidate_keys("example.org:x") == ["example.org:x"]


def test_the_shipped_set_carries_its_citation_and_rates_by_parent_domain() -> None:
    [shipped] = rating_sets()
    assert shipped.name == "lin2023"
    assert shipped.scale == "number"
    assert shipped.citation.endswith("https://doi.org/10.1093/pnasnexus/pgad286")
    assert len(shipped) == 11_519
    rating = shipped.get("https://en.presstv.ir/Detail/1")
    assert rating is not None and (rating.domain, rating.value) == ("presstv.ir", "0.6915")
    section = shipped.get("https://www.rfi.fr/en/africa/x")
    assert section is not None and section.domain == "rfi.fr/en"


def test_imported_sets_sit_beside_the_shipped_one_never_blended(tmp_path: Path) -> None:
    yaml_file = tmp_path / "desk.yaml"
    yaml_file.write_text(
        "entries:\n"
        "  - {id: example-wire, name: Example Wire, kind: wire-service, reliability: B,\n"
        "     domains: [examplewire.org, breitbart.com], citations: {kind: https://x.org}}\n"
        "  - {id: no-letter, name: No Letter, kind: newspaper, domains: [noletter.org],\n"
        "     citations: {kind: https://x.org}}\n",
        encoding="utf-8",
    )
    found, replaced = import_set(yaml_file, "desk", "Desk letters")
    assert (found.name, found.scale, found.columns, replaced) == (
        "desk",
        "letter",
        ("reliability",),
        False,
    )
    assert [s.name for s in rating_sets()] == ["lin2023", "desk"]
    ratings = [(r.set, r.value) for s in rating_sets() if (r := s.get("breitbart.com"))]
    assert ratings == [("lin2023", "0.2972"), ("desk", "B")]
    letter = found.get("examplewire.org")
    assert letter is not None and found.number(letter) == 0.8


def test_a_registry_rating_one_domain_with_two_letters_is_refused(tmp_path: Path) -> None:
    # The first entry's letter was kept: example.org was rated A, though the file also says E.
    yaml_file = tmp_path / "desk.yaml"
    yaml_file.write_text(
        "entries:\n"
        "  - {id: one, name: One, kind: newspaper, reliability: A,\n"
        "     domains: [example.org, one.org], citations: {kind: https://x.org}}\n"
        "  - {id: two, name: Two, kind: newspaper, reliability: E,\n"
        "     domains: [two.org, www.example.org], citations: {kind: https://x.org}}\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError) as caught:
        read_rating_file(yaml_file)
    assert str(caught.value) == (
        f"{yaml_file}:5: domain 'example.org' is rated E here and A at line 3"
    )


def test_tsv_with_a_www_duplicate_keeps_the_bare_domain(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("url\trating\twhy\nwww.a.org\t1\tx\na.org\t2\ty\nhttps://b.org/\t3\tz\n")
    columns, table = read_rating_file(path)
    assert (columns, table) == (["rating", "why"], {"a.org": ["2", "y"], "b.org": ["3", "z"]})
    assert open_set(write_set(tmp_path / "s.tsv", columns, table, {}).path).scale == "number"


def test_only_one_letter_is_a_letter_and_a_blank_main_rating_is_none(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("domain,grade,note\na.org,C,x\nb.org,,only a note\n")
    letters = open_set(write_set(tmp_path / "s.tsv", *read_rating_file(path), {}).path)
    rated = [(d, letters.number(r)) for d in ("a.org", "b.org") if (r := letters.get(d))]
    assert (letters.scale, rated) == ("letter", [("a.org", 0.6), ("b.org", None)])
    path.write_text("domain,grade\na.org,C\nb.org,AB\n")
    assert open_set(write_set(tmp_path / "w.tsv", *read_rating_file(path), {}).path).scale == "text"


def test_a_line_added_by_hand_out_of_order_is_still_found(tmp_path: Path) -> None:
    # Binary search missed it: the domain was shown as unrated, without a word.
    table = {f"{name}.org": ["0.5"] for name in ("bbb", "ccc", "ddd")}
    path = write_set(tmp_path / "desk.tsv", ["score"], table, {"name": "desk"}).path
    with path.open("a", encoding="utf-8") as handle:
        handle.write("aaa.org\t0.9\nzzz.org\t0.1\n")
    found = open_set(path)
    rated = [(r.domain, r.value) for d in ("aaa.org", "ccc.org", "zzz.org") if (r := found.get(d))]
    assert rated == [("aaa.org", "0.9"), ("ccc.org", "0.5"), ("zzz.org", "0.1")]
    assert open_set(write_set(tmp_path / "s.tsv", ["score"], table, {}).path).unsorted is None


def test_a_line_cut_short_or_saved_with_crlf_is_read_without_error(tmp_path: Path) -> None:
    # A last line cut before its rating was an internal error (IndexError) on lookup.
    table = {"aaa.org": ["0.5"], "zzz.org": ["0.3"]}
    path = write_set(tmp_path / "desk.tsv", ["score"], table, {"name": "desk"}).path
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n")[: -len(b"g\t0.3\r\n")])
    found = open_set(path)
    rating = found.get("aaa.org")
    assert rating is not None and rating.values == (("score", "0.5"),)
    assert found.get("zzz.or") is None


def test_site_names() -> None:
    assert [site_label(d) for d in ("breitbart.com", "www.bbc.co.uk", "en.presstv.ir")] == [
        "breitbart",
        "bbc",
        "presstv",
    ]


def test_names_match_rated_domains_precision_first() -> None:
    [shipped] = rating_sets()

    def domain(name: str, document: Document | None = None) -> str | None:
        found = name_domain(name, shipped, document)
        return found.domain if found else None

    assert domain("Breitbart News") == "breitbart.com"
    assert domain("Fox News") == "foxnews.com"
    assert domain("The Guardian") == "theguardian.com"
    # Not proper names, too short to be safe, or not a site's own name: no match.
    assert [domain(n) for n in ("breitbart news", "RT", "Fox", "Jane Doe", "officials")] == [
        None
    ] * 5
    found = name_domain("Breitbart News", shipped)
    assert found is not None
    assert found.reason == "'Breitbart News' without 'News' spells breitbart.com's own name"
    page = Document("-", "", "0", outlet="Example Site Name", url="https://www.breitbart.com/x")
    assert domain("Example Site Name", page) == "breitbart.com"


def test_an_international_domain_in_a_ratings_table_matches_either_spelling(
    tmp_path: Path,
) -> None:
    table_file = tmp_path / "intl.csv"
    table_file.write_text(
        "domain,score\nwww.Bücher.example,0.4\nhttps://straße.example/politik/,0.7\n",
        encoding="utf-8",
    )
    registry_file = tmp_path / "mine.yaml"
    registry_file.write_text(
        "entries:\n"
        "  - {id: buecher, name: Bücher Blatt, kind: newspaper, domains: [bücher.example],\n"
        "     citations: {kind: https://x.org}}\n",
        encoding="utf-8",
    )
    found, _ = import_set(table_file, "intl", "International names")
    entry = load_registry([registry_file], user=False).get("buecher")
    assert entry is not None and entry.domains == ("xn--bcher-kva.example",)
    for address in (
        *entry.domains,
        "https://news.bücher.example/a/1",
        "https://www.xn--bcher-kva.example/a/1",
        "BÜCHER.example",
    ):
        rating = found.get(address)
        assert rating is not None, address
        assert (rating.domain, rating.value) == ("xn--bcher-kva.example", "0.4")
    section = found.get("https://www.strasse.example/politik/heute")
    assert section is not None and section.domain == "strasse.example/politik"
    assert found.get("https://bucher.example/") is None


def test_an_international_site_is_found_by_its_own_name_spelled_out(tmp_path: Path) -> None:
    table_file = tmp_path / "intl.csv"
    table_file.write_text("domain,score\nwww.Bücher.example,0.4\nexample.org,0.9\n", "utf-8")
    found, _ = import_set(table_file, "intl", "International names")
    assert found.site_named("bücher") == "xn--bcher-kva.example"
    assert found.site_named("example") == "example.org"
    assert site_label("https://news.xn--bcher-kva.example/a") == "bücher"
    assert site_of("https://news.bücher.example/a") == "xn--bcher-kva.example"


def test_a_set_stored_before_idna_keys_still_rates_its_international_domains() -> None:
    # Written by hand as imports wrote sets then: international domains as typed, lower case.
    folder = user_ratings_dir()
    folder.mkdir(parents=True)
    (folder / "older.tsv").write_text(
        "# name: older\n# title: older\n# citation: made up\n# scale: number\n"
        "domain\tscore\n"
        "bücher.example\t0.4\n"
        "example.org\t0.9\n"
        "nachrichten.bücher.example/politik\t0.6\n",
        encoding="utf-8",
    )
    (folder / "older.names").write_text("bücher\tbücher.example\n", encoding="utf-8")
    older = next(s for s in rating_sets() if s.name == "older")
    for address in (
        "bücher.example",
        "xn--bcher-kva.example",
        "https://BÜCHER.example/a/1",
        "https://news.www.xn--bcher-kva.example/",
    ):
        rating = older.get(address)
        assert rating is not None, address
        assert (rating.domain, rating.value) == ("bücher.example", "0.4")
    assert older.exact("BÜCHER.example") == older.get("bücher.example")
    section = older.get("https://Nachrichten.BÜCHER.example/politik/heute")
    assert section is not None and section.domain == "nachrichten.bücher.example/politik"
    assert older.get("example.org") is not None
    assert older.get("xn--bcher-kva.invalid") is None
    assert older.get("xn--zz.example") is None  # not valid IDNA: looked up only as written
    found = name_domain("Bücher", older)
    assert found is not None and found.domain == "bücher.example"


def test_a_set_of_the_user_s_under_a_shipped_name_never_hides_the_shipped_one() -> None:
    # An import under the name `lin2023` (before such names were refused) left a file in the
    # user's folder that took the shipped set's place in every command.
    meta = {"name": "lin2023", "citation": "imported from ratings.csv"}
    stored = user_ratings_dir() / "lin2023.tsv"
    write_set(stored, ["score"], {"example.com": ["0.5"]}, meta)
    with pytest.warns(FactcheckWarning) as caught:
        sets = rating_sets()
    # Not used, and said so, rather than passed over without a word.
    assert [str(w.message) for w in caught] == [
        f"{stored}: not used: a rating set named 'lin2023' is shipped with factcheck; import its "
        "file again under another name, e.g. --as lin2023-own"
    ]
    assert [(s.name, len(s), s.citation[:9]) for s in sets] == [("lin2023", 11519, "Lin, H., ")]
    rating = sets[0].get("breitbart.com")
    assert rating is not None and rating.value == "0.2972"


def test_a_damaged_set_of_the_user_s_is_left_out_with_a_warning() -> None:
    # An emptied file in the user's folder stopped every command with one error.
    write_set(user_ratings_dir() / "desk.tsv", ["score"], {"example.com": ["0.5"]}, {})
    emptied = user_ratings_dir() / "empty.tsv"
    emptied.write_text("")
    with pytest.warns(FactcheckWarning) as caught:
        sets = rating_sets()
    assert [str(w.message) for w in caught] == [
        f"{emptied}: no column header: not a rating set; not used: import its file again with "
        "--as empty --replace, or remove it"
    ]
    assert [s.name for s in sets] == ["lin2023", "desk"]

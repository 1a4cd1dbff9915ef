"""Tests for factcheck.sources.registry: the strict loader, merging, matching, chains and facts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from factcheck import files
from factcheck.errors import SourcesError
from factcheck.models import Attribution, Claim, Document, Extraction, SourceFacts
from factcheck.sources.registry import (
    CITED_FACTS,
    ChainMatch,
    Partisan,
    Registry,
    Reliability,
    SourceKind,
    SourcesLoadError,
    add_entry,
    builtin_sources_dir,
    check_sources,
    entry_fields,
    load_registry,
    match_chain,
    match_claim_sources,
    slugify,
    source_facts,
    user_registry_path,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources"
SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(user=False)


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return Document(
        source=str(SEED),
        text=SEED.read_text(encoding="utf-8"),
        sha256="0" * 64,
        outlet="The Algemeiner",
        byline="Sharon Wrobel, The Algemeiner",
    )


def claim(speaker: str | None = None, role: str | None = None, via: tuple[str, ...] = ()) -> Claim:
    attribution = Attribution(speaker=speaker, role=role, verb="said", via=via)
    return Claim("c1", "x", 0, 1, 0.9, attribution=attribution)


def builtin_line(file: str, source_id: str, key: str = "id") -> str:
    """'sources/FILE:LINE' of an entry's key in a built-in file, so data edits keep tests valid."""
    lines = (builtin_sources_dir() / file).read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {source_id}")
    offset = next(i for i, line in enumerate(lines[start:]) if line.lstrip("- ").startswith(key))
    return f"sources/{file}:{start + offset + 1}"


WIRES = "wires-and-broadcasters.yaml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the built-in registry ---------------------------------------------------------------------


def test_builtin_files_are_split_by_area() -> None:
    names = sorted(p.name for p in builtin_sources_dir().glob("*.yaml"))
    assert names == [
        "agencies-and-syndication.yaml",
        "middle-east.yaml",
        "people.yaml",
        "wires-and-broadcasters.yaml",
    ]


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("The Algemeiner", "algemeiner"),
        ("Al-Akhbar", "al-akhbar"),
        ("Al-Manar", "al-manar"),
        ("Meir Amit Intelligence and Terrorism Information Center", "meir-amit-itic"),
        ("the Israel Defense Forces", "idf"),
        ("Israel's prime minister", "israel-pmo"),
        ("Iran's Supreme Leader", "iran-supreme-leader"),
        ("IRGC", "irgc"),
        ("Quds Force", "quds-force"),
        ("Hamas", "hamas"),
        ("Palestinian Islamic Jihad", "pij"),
        ("Hezbollah", "hezbollah"),
        ("Reuters", "reuters"),
        ("AP", "ap"),
        ("AFP", "afp"),
        ("BBC", "bbc"),
        ("Al Jazeera", "al-jazeera"),
        ("RT", "rt"),
        ("Press TV", "press-tv"),
        ("TASS", "tass"),
        ("Xinhua", "xinhua"),
    ],
)
def test_builtin_registry_covers_the_seed_and_the_wires(
    registry: Registry, name: str, source_id: str
) -> None:
    entry = registry.find(name)
    assert entry is not None
    assert entry.id == source_id


def test_every_builtin_fact_is_cited_with_a_public_url(registry: Registry) -> None:
    for entry in registry.entries:
        assert entry.citations_for("kind"), entry.id
        for fact in CITED_FACTS:
            value = getattr(entry, fact)
            if value and value is not Partisan.UNKNOWN:
                assert entry.citations_for(fact), (entry.id, fact)
        assert all(c.url.startswith("https://") for c in entry.citations), entry.id


def test_builtin_reliability_is_a_default_on_organisations_only(registry: Registry) -> None:
    for entry in registry.entries:
        if entry.kind is SourceKind.PERSON:
            assert entry.reliability is None, entry.id
            assert entry.affiliation, entry.id
        else:
            assert entry.reliability is not None, entry.id
    # Nobody is 'completely reliable' or 'unreliable' by default: those are the reviewer's call.
    assert not {e.reliability for e in registry.entries} & {Reliability.A, Reliability.E}


def test_entry_facts(registry: Registry) -> None:
    manar = registry.get("al-manar")
    assert manar is not None
    assert manar.kind is SourceKind.PARTY_MEDIA
    assert manar.affiliation == ("hezbollah",)
    assert (manar.partisan, manar.partisan_direction) == (Partisan.YES, "pro-Hezbollah")
    assert manar.is_partisan
    assert len(manar.sanctions) == 2
    assert manar.origins == (builtin_line("middle-east.yaml", "al-manar"),)
    assert [e.id for e in registry.related(["al-manar"])] == ["al-manar", "hezbollah"]


# --- strict loading ----------------------------------------------------------------------------

_AFFILIATION_KEYS = "id, name, aliases, domains, kind, affiliation, owner, party_to, partisan"
_ALL_KEYS = f"{_AFFILIATION_KEYS}, sanctions, reliability, notes, citations"
_KINDS = (
    "wire-service, newspaper, broadcaster, state-media, party-media, think-tank, government, "
    "military, armed-group, ngo, syndication, person, other"
)


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("unknown-key", f"18: entries[3]: unknown key 'owner_ship' (expected one of: {_ALL_KEYS})"),
        (
            "python-tag",
            "3: entries[0].name: tag '!!python/object/apply:os.system' is not allowed: "
            "only plain YAML values are",
        ),
        ("missing-name", "2: entries[0]: missing key 'name'"),
        ("bad-kind", f"4: entries[0].kind: expected one of {_KINDS}, got 'tv'"),
        ("bad-reliability", "5: entries[0].reliability: expected a letter A to F, got 'G'"),
        (
            "missing-citation",
            "5: entries[0].owner: no citation (add citations.owner: URL of a public reference)",
        ),
        ("bad-url", "6: entries[0].citations.kind: expected an http(s) URL, got 'wikipedia'"),
        ("duplicate-key", "4: entries[0]: duplicate key 'name'"),
        (
            "duplicate-alias",
            "5: entries[0].aliases[0]: 'AP' is already a name of 'ap' "
            f"({builtin_line(WIRES, 'ap', 'aliases')})",
        ),
        (
            "duplicate-domain",
            "4: entries[0].domains[0]: domain 'reuters.com' already belongs to 'reuters' "
            f"({builtin_line(WIRES, 'reuters', 'domains')})",
        ),
        ("unknown-affiliation", "5: entries[0].affiliation[0]: unknown source id 'hezbolah'"),
        (
            "bad-id",
            "2: entries[0].id: expected lowercase letters, digits and hyphens, got 'Al Manar'",
        ),
        (
            "partisan-without-direction",
            "5: entries[0].partisan: 'lean' needs a direction: "
            "write {stance: lean, direction: pro-...}",
        ),
        (
            "bad-domain",
            "4: entries[0].domains[0]: expected a bare domain like 'example.com', "
            "got 'https://www.schemed.example/'",
        ),
        ("empty-domain", "6: entries[0].domains[1]: empty domain; give one like 'example.com'"),
        (
            "aliases-not-a-list",
            "4: entries[0].aliases: expected a list of strings, got 'Just One'",
        ),
        ("invalid-yaml", "4: invalid YAML: did not find expected ',' or ']'"),
        ("top-level-list", "1: expected a mapping with key 'entries', got a list"),
        ("unknown-top-key", "2: unknown key 'sources' (expected one of: entries)"),
        (
            "citation-without-fact",
            "7: entries[0].citations.owner: cites 'owner', which the entry does not give",
        ),
        (
            "unknown-citation-fact",
            "7: entries[0].citations: unknown fact 'ownr' (expected one of: kind, owner, "
            "affiliation, party_to, partisan, sanctions, domains, notes)",
        ),
    ],
)
def test_loader_faults_name_file_line_and_path(fixture: str, message: str) -> None:
    path = FIXTURES / f"{fixture}.yaml"
    with pytest.raises(SourcesError) as caught:
        load_registry([path], user=False)
    assert str(caught.value) == f"{path}:{message}"


MANY_MISTAKES = """\
entries:
  - id: one
    name: One
    kind: tv
    reliability: G
  - id: Two Words
    name: Two
    kind: other
  - id: three
    name: Three
    kind: newspaper
    colour: red
"""


def test_every_mistake_of_a_registry_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", MANY_MISTAKES)
    with pytest.raises(SourcesLoadError) as caught:
        load_registry([path], user=False)
    assert caught.value.problems == (
        f"{path}:4: entries[0].kind: expected one of {_KINDS}, got 'tv'",
        f"{path}:5: entries[0].reliability: expected a letter A to F, got 'G'",
        f"{path}:6: entries[1].id: expected lowercase letters, digits and hyphens, got 'Two Words'",
        # The entries that were read are checked as a whole even though others are wrong.
        f"{path}:11: entries[2].kind: no citation (add citations.kind: URL of a public reference)",
        f"{path}:12: entries[2]: unknown key 'colour' (expected one of: {_ALL_KEYS})",
    )
    assert str(caught.value) == f"{caught.value.problems[0]} (and 4 more problems)"


def test_mistakes_between_entries_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.yaml",
        "entries:\n"
        "  - {id: a-one, name: Reuters, kind: other, citations: {kind: https://a.org}}\n"
        "  - id: a-two\n"
        "    name: Two\n"
        "    kind: other\n"
        "    owner: Someone\n"
        "    affiliation: [a-nobody]\n"
        "    citations: {kind: https://a.org, affiliation: https://a.org}\n",
    )
    with pytest.raises(SourcesLoadError) as caught:
        load_registry([path], user=False)
    assert caught.value.problems == (
        f"{path}:2: entries[0].name: 'Reuters' is already a name of 'reuters' "
        f"({builtin_line(WIRES, 'reuters', 'name')})",
        f"{path}:6: entries[1].owner: no citation (add citations.owner: URL of a public reference)",
        f"{path}:7: entries[1].affiliation[0]: unknown source id 'a-nobody'",
    )


def test_the_mistakes_of_every_file_of_a_folder_are_reported(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", "entries:\n  - {id: x, name: X, kind: tv}\n")
    second = write(tmp_path / "b.yaml", "entries:\n  - {id: y, name: Y, kind: other, ink: 1}\n")
    with pytest.raises(SourcesLoadError) as caught:
        load_registry([tmp_path], builtin=False, user=False)
    assert caught.value.problems == (
        f"{first}:2: entries[0].kind: expected one of {_KINDS}, got 'tv'",
        f"{second}:2: entries[0]: unknown key 'ink' (expected one of: {_ALL_KEYS})",
        f"{second}:2: entries[0].kind: no citation (add citations.kind: URL of a public reference)",
    )


def test_a_file_of_a_folder_that_cannot_be_read_is_one_problem_among_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first file that could not be read stopped the loading: the others went unchecked.
    locked = write(tmp_path / "a.yaml", "entries: []\n")
    other = write(
        tmp_path / "b.yaml",
        "entries:\n  - {id: y, name: Y, kind: other, affiliation: [x], "
        "citations: {kind: https://a.org, affiliation: https://a.org}}\n",
    )
    read = files.read_limited

    def refuse(path: Path, limit: int) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read(path, limit)

    monkeypatch.setattr("factcheck.sources.loading.read_limited", refuse)
    with pytest.raises(SourcesLoadError) as caught:
        load_registry([tmp_path], builtin=False, user=False)
    assert caught.value.problems == (
        f"{locked}: cannot read: Permission denied",
        f"{other}:2: entries[0].affiliation[0]: unknown source id 'x'",
    )


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    path = FIXTURES / "duplicate-id.yaml"
    with pytest.raises(SourcesError) as caught:
        load_registry([path], user=False)
    assert str(caught.value) == f"{path}:6: entries[1].id: duplicate id 'twin' (first at {path}:2)"


def test_duplicate_id_across_files_of_one_folder(tmp_path: Path) -> None:
    entry = "entries:\n  - {id: twin, name: Twin, kind: other, citations: {kind: https://a.org}}\n"
    first = write(tmp_path / "a.yaml", entry)
    second = write(tmp_path / "b.yaml", entry.replace("Twin,", "Twin Two,"))
    with pytest.raises(SourcesError) as caught:
        load_registry([tmp_path], builtin=False, user=False)
    assert str(caught.value) == (
        f"{second}:2: entries[0].id: duplicate id 'twin' (first at {first}:2)"
    )


def test_missing_extra_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(SourcesError, match=r"nope\.yaml: no such file$"):
        load_registry([missing])


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00entries")
    with pytest.raises(SourcesError) as caught:
        load_registry([path], builtin=False, user=False)
    assert str(caught.value) == f"{path}: not UTF-8 text"


def test_an_empty_or_comment_only_file_has_no_entries(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.yaml", "")
    comments = write(tmp_path / "comments.yaml", "# my sources, to come\n")
    listed = write(tmp_path / "listed.yaml", "entries:\n")
    assert load_registry([empty, comments, listed], builtin=False, user=False) == Registry()


def test_yes_and_no_are_read_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.yaml",
        "entries:\n"
        "  - id: plain\n    name: Plain\n    kind: newspaper\n    partisan: no\n"
        "    citations: {kind: https://a.org/k, partisan: https://a.org/p}\n"
        "  - id: sided\n    name: Sided\n    kind: newspaper\n"
        "    partisan: {stance: yes, direction: pro-Somebody}\n"
        "    citations: {kind: https://a.org/k, partisan: https://a.org/p}\n",
    )
    registry = load_registry([path], builtin=False, user=False)
    assert [(e.partisan, e.partisan_direction) for e in registry.entries] == [
        (Partisan.NO, None),
        (Partisan.YES, "pro-Somebody"),
    ]


# --- merging -----------------------------------------------------------------------------------


def test_user_file_then_extra_files_update_builtin_entries(tmp_path: Path) -> None:
    user = write(user_registry_path(), "entries:\n  - {id: reuters, reliability: A}\n")
    extra = write(tmp_path / "team.yaml", "entries:\n  - {id: reuters, reliability: C}\n")
    assert user.parent.parent == Path(os.environ["XDG_CONFIG_HOME"])

    mine = load_registry()
    reuters = mine.get("reuters")
    assert reuters is not None
    assert reuters.reliability is Reliability.A
    assert reuters.owner == "Thomson Reuters"  # keys not given are kept
    assert reuters.citations_for("owner") == ("https://en.wikipedia.org/wiki/Reuters",)

    team = load_registry([extra])
    reuters = team.get("reuters")
    assert reuters is not None
    assert reuters.reliability is Reliability.C
    assert reuters.origins == (
        builtin_line(WIRES, "reuters"),
        f"{user}:2",
        f"{extra}:2",
    )


def test_updating_a_fact_needs_a_new_citation(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", "entries:\n  - id: reuters\n    owner: Somebody Else\n")
    with pytest.raises(SourcesError) as caught:
        load_registry([path])
    assert str(caught.value) == (
        f"{path}:3: entries[0].owner: no citation (add citations.owner: URL of a public reference)"
    )
    write(path, path.read_text() + "    citations: {owner: https://example.org/owner}\n")
    reuters = load_registry([path]).get("reuters")
    assert reuters is not None
    assert reuters.citations_for("owner") == ("https://example.org/owner",)


def test_a_new_entry_in_a_user_file_needs_the_required_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", "entries:\n  - {id: brand-new, reliability: B}\n")
    with pytest.raises(SourcesError) as caught:
        load_registry([path])
    assert str(caught.value) == f"{path}:2: entries[0]: missing key 'name'"


def test_user_registry_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_registry_path() == tmp_path / "factcheck" / "sources.yaml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert user_registry_path() == Path.home() / ".config" / "factcheck" / "sources.yaml"


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Manar TV", [("al-manar", "Al-Manar TV")]),
        ("the Hezbollah-operated Al-Manar", [("hezbollah", "Hezbollah"), ("al-manar", "Al-Manar")]),
        ("Al-Akhbar\u2019s Al-Amin", [("al-akhbar", "Al-Akhbar"), ("ibrahim-al-amin", "Al-Amin")]),
        ("the IDF", [("idf", "IDF")]),
        ("The IRGC general", [("irgc", "IRGC")]),
        ("a close rapport", []),
        ("Apple shares", []),
        ("an ART exhibition", []),
        ("Operation Guardian of the Walls", []),
        ("hamas in lower case", []),
        ("Hamas\u2019 Haniyeh", [("hamas", "Hamas"), ("ismail-haniyeh", "Haniyeh")]),
        ("Reuters\u2019 report", [("reuters", "Reuters")]),
        ("al manar tv", [("al-manar", "al manar")]),  # 'TV' is an acronym: as written only
        ("chiefAl-Akhbar\u2019s", [("al-akhbar", "Al-Akhbar")]),
        ("By Sharon Wrobel, The AlgemeinerSenior leaders", [("algemeiner", "The Algemeiner")]),
        (
            "Commander of IRGC\u2019s Al-Quds Force",
            [("irgc", "IRGC"), ("quds-force", "Al-Quds Force")],
        ),
        ("head of Hamas\u2019 military wing", [("qassam-brigades", "Hamas\u2019 military wing")]),
        ("Qa\u2019ani and Qaani", [("esmail-qaani", "Qa\u2019ani"), ("esmail-qaani", "Qaani")]),
        ("Iran\u2019s supreme leader", [("iran-supreme-leader", "Iran\u2019s supreme leader")]),
    ],
)
def test_mentions(registry: Registry, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.id, m.text) for m in registry.mentions(text)] == expected


def test_mention_offsets_point_into_the_text(registry: Registry) -> None:
    text = "Hezbollah-operated Al-Manar TV\u2019s report"
    assert [(m.start, m.end) for m in registry.mentions(text)] == [(0, 9), (19, 30)]
    assert all(text[m.start : m.end] == m.text for m in registry.mentions(text))


def test_mentions_in_the_seed_article(registry: Registry, seed_doc: Document) -> None:
    ids = [m.id for m in registry.mentions(seed_doc.text)]
    assert set(ids) == {
        "algemeiner",
        "al-akhbar",
        "al-manar",
        "meir-amit-itic",
        "idf",
        "benjamin-netanyahu",
        "irgc",
        "quds-force",
        "esmail-qaani",
        "hamas",
        "qassam-brigades",
        "pij",
        "hezbollah",
        "ibrahim-al-amin",
        "ismail-haniyeh",
        "ziyad-al-nakhalah",
        "mohammed-deif",
        "ali-khamenei",
        "ali-akbar-velayati",
        "iran-supreme-leader",
    }
    assert ids.count("idf") == 8


@pytest.mark.parametrize(
    ("query", "source_id"),
    [
        ("al-manar", "al-manar"),
        ("Al Manar", "al-manar"),
        ("al-manar tv", "al-manar"),
        ("https://www.almanar.com.lb/article/1", "al-manar"),
        ("english.almayadeen.net", "al-mayadeen"),
        ("the Hezbollah-operated Al-Manar", "al-manar"),
        ("apnews.com", "ap"),
    ],
)
def test_find_by_id_name_alias_domain_or_phrase(
    registry: Registry, query: str, source_id: str
) -> None:
    entry = registry.find(query)
    assert entry is not None
    assert entry.id == source_id


def test_an_international_domain_is_kept_in_its_idna_form_and_matches_either_spelling(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "mine.yaml",
        "entries:\n"
        "  - id: buecher\n"
        "    name: Bücher Blatt\n"
        "    domains: [www.bücher.example, Straße.example]\n"
        "    kind: newspaper\n"
        "    citations: {kind: https://example.org/about}\n",
    )
    registry = load_registry([path], user=False)
    entry = registry.get("buecher")
    assert entry is not None
    assert entry.domains == ("xn--bcher-kva.example", "strasse.example")
    for url in (
        "https://news.bücher.example/a/1",
        "https://www.XN--BCHER-KVA.example/",
        "https://BÜCHER.example:8443/x",
    ):
        found = registry.by_domain(url)
        assert found is not None and found.id == "buecher", url
    assert registry.by_domain("https://bucher.example/") is None


def test_a_domain_in_capitals_is_the_domain_in_lower_case(tmp_path: Path) -> None:
    # "Example.com" was refused as no bare domain, while "Bücher.example" was taken.
    path = write(
        tmp_path / "mine.yaml",
        "entries:\n  - id: caps\n    name: Caps\n"
        "    domains: ['Caps.Example', 'BÜCHER.example']\n    kind: newspaper\n"
        "    citations: {kind: https://example.org/about}\n",
    )
    entry = load_registry([path], user=False).get("caps")
    assert entry is not None
    assert entry.domains == ("caps.example", "xn--bcher-kva.example")


def test_a_domain_longer_than_dns_allows_is_refused(tmp_path: Path) -> None:
    long = ".".join(["a" * 63] * 4) + ".com"  # 259 characters: DNS allows 253
    path = write(
        tmp_path / "mine.yaml",
        f"entries:\n  - id: odd\n    name: Odd\n    domains: ['{long}']\n    kind: other\n"
        "    citations: {kind: https://a.org}\n",
    )
    with pytest.raises(SourcesError) as caught:
        load_registry([path], user=False)
    assert str(caught.value) == (
        f"{path}:4: entries[0].domains[0]: expected a bare domain like 'example.com', got '{long}'"
    )


def test_an_international_domain_that_cannot_be_one_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.yaml",
        "entries:\n  - id: odd\n    name: Odd\n    domains: ['bü..example']\n    kind: other\n"
        "    citations: {kind: https://a.org}\n",
    )
    with pytest.raises(SourcesError) as caught:
        load_registry([path], user=False)
    assert str(caught.value) == (
        f"{path}:4: entries[0].domains[0]: expected a bare domain like 'example.com', "
        "got 'bü..example'"
    )


def test_find_nothing(registry: Registry) -> None:
    assert registry.find("The Daily Nowhere") is None
    assert registry.by_domain("example.com") is None


# --- a claim's chain ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speaker", "role", "via", "ids"),
    [
        (
            "Ibrahim Al-Amin",
            "editor-in-chief of the Lebanese daily Al-Akhbar",
            ("Al-Manar TV",),
            ("algemeiner", "al-manar", "ibrahim-al-amin", "al-akhbar"),
        ),
        ("Al-Akhbar\u2019s Al-Amin", None, (), ("algemeiner", "al-akhbar", "ibrahim-al-amin")),
        (
            "Meir Amit Intelligence and Terrorism Information Center",
            None,
            (),
            ("algemeiner", "meir-amit-itic"),
        ),
        ("The IRGC general", None, (), ("algemeiner", "irgc")),
        (
            "Esmail Qaani",
            "Commander of IRGC\u2019s Al-Quds Force",
            (),
            ("algemeiner", "esmail-qaani", "quds-force", "irgc"),
        ),
        (
            "Prime Minister Benjamin Netanyahu",
            None,
            (),
            ("algemeiner", "benjamin-netanyahu", "israel-pmo"),
        ),
        ("Khamenei", None, (), ("algemeiner", "ali-khamenei", "iran-supreme-leader")),
        ("Hamas\u2019 Haniyeh", None, (), ("algemeiner", "hamas", "ismail-haniyeh")),
        ("He", None, (), ("algemeiner",)),
        (None, None, (), ("algemeiner",)),
    ],
)
def test_match_claim_sources_on_seed_claims(
    registry: Registry,
    seed_doc: Document,
    speaker: str | None,
    role: str | None,
    via: tuple[str, ...],
    ids: tuple[str, ...],
) -> None:
    assert match_claim_sources(registry, claim(speaker, role, via), seed_doc) == ids


def test_names_inside_the_claim_text_are_not_its_sources(
    registry: Registry, seed_doc: Document
) -> None:
    text = "Hezbollah sent weaponry and ammunition to Gaza."
    said = Claim("c9", text, 0, len(text), 0.9, attribution=Attribution(speaker="Al-Amin"))
    assert match_claim_sources(registry, said, seed_doc) == (
        "algemeiner",
        "ibrahim-al-amin",
        "al-akhbar",
    )


def test_a_name_cut_short_by_attribution_is_read_as_the_claim_writes_it(
    registry: Registry, seed_doc: Document
) -> None:
    text = "According to an analysis by the Meir Amit Intelligence and Terrorism Information Center"
    cut = Attribution(speaker="Meir Amit Intelligence", verb="according to")
    match = match_chain(registry, Claim("c5", text, 0, len(text), 0.9, attribution=cut), seed_doc)
    assert match == ChainMatch(("algemeiner", "meir-amit-itic"), (), publisher_known=True)


def test_a_person_is_linked_to_the_organisation_the_article_ties_them_to(
    registry: Registry, seed_doc: Document
) -> None:
    # Akram al-Ajouri is not in the registry, but the article calls him "PIJ's Commander of the
    # military wing": the claim rests on PIJ, and his name is listed for the user to add.
    match = match_chain(registry, claim("Akram al-Ajouri"), seed_doc)
    assert match == ChainMatch(("algemeiner", "pij"), ("Akram al-Ajouri",), publisher_known=True)


def test_text_ties_work_without_a_person_entry(tmp_path: Path, seed_doc: Document) -> None:
    path = write(
        tmp_path / "small.yaml",
        "entries:\n"
        "  - {id: al-akhbar, name: Al-Akhbar, kind: newspaper,"
        " citations: {kind: https://a.org}}\n",
    )
    small = load_registry([path], builtin=False, user=False)
    match = match_chain(small, claim("Al-Amin"), seed_doc)
    assert match == ChainMatch(
        ("al-akhbar",),
        ("The Algemeiner", "Al-Amin"),
        publisher_known=True,
        # Not in this small registry, the publisher is still rated, by its own name.
        named=(
            (
                "The Algemeiner",
                "algemeiner.com",
                "'The Algemeiner' spells algemeiner.com's own name",
            ),
        ),
    )


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            Document("a", "", "0", url="https://www.reuters.com/world/x"),
            ChainMatch(("reuters",), (), ("reuters.com",)),
        ),
        (
            Document("a", "", "0", outlet="BBC News", url="https://x.example/"),
            ChainMatch(("bbc",), (), ("x.example",), publisher_known=True),
        ),
        (Document("a", "", "0", byline="Jane Doe, Associated Press"), ChainMatch(("ap",), ())),
        (
            Document("a", "", "0", outlet="The Daily Nowhere"),
            ChainMatch((), ("The Daily Nowhere",), publisher_known=True),
        ),
        (
            Document("a", "", "0", outlet="Example.org"),
            ChainMatch((), ("Example.org",), ("example.org",), publisher_known=True),
        ),
        (Document("a", "", "0"), ChainMatch((), ())),
    ],
)
def test_the_articles_outlet_is_the_first_hop(
    registry: Registry, document: Document, expected: ChainMatch
) -> None:
    assert match_chain(registry, claim(), document) == expected


def test_unknown_names_on_the_chain(registry: Registry, seed_doc: Document) -> None:
    match = match_chain(
        registry,
        claim("Senator John Q. Smith", via=("Some Blog", "the channel\u2019s report")),
        seed_doc,
    )
    assert match == ChainMatch(
        ("algemeiner",), ("Some Blog", "John Q. Smith"), publisher_known=True
    )
    assert match_chain(registry, claim("Officials"), seed_doc).unknown == ()


def test_each_articles_claims_start_from_its_own_outlet(registry: Registry) -> None:
    bbc = Document("a", "", "0", outlet="BBC News")
    reuters = Document("b", "", "0", url="https://www.reuters.com/world/x")
    # Claims of two articles in turn, and a claim whose speaker must not stay on the next chain.
    chains = [
        match_claim_sources(registry, claim("Hamas\u2019 Haniyeh"), bbc),
        match_claim_sources(registry, claim(), bbc),
        match_claim_sources(registry, claim(), reuters),
        match_claim_sources(registry, claim("Khamenei"), bbc),
        match_claim_sources(registry, claim(), reuters),
    ]
    assert chains == [
        ("bbc", "hamas", "ismail-haniyeh"),
        ("bbc",),
        ("reuters",),
        ("bbc", "ali-khamenei", "iran-supreme-leader"),
        ("reuters",),
    ]


# --- facts -------------------------------------------------------------------------------------


def test_source_facts_of_a_claim_relayed_by_party_media(
    registry: Registry, seed_doc: Document
) -> None:
    relayed = claim("Ibrahim Al-Amin", "editor-in-chief of Al-Akhbar", ("Al-Manar TV",))
    assert source_facts(registry, relayed, seed_doc) == SourceFacts(
        any_partisan=True,
        any_party_to_conflict=True,  # Al-Manar belongs to Hezbollah, a party to the conflict
        worst_reliability="D",
        state_media=False,
        unknown=(),
        rated=True,  # algemeiner.com and almanar.com.lb are in the shipped rating set
        lowest_ratings=(("lin2023", 0.4826),),
        publisher_known=True,
    )


def test_source_facts_of_state_media_and_of_wires(registry: Registry) -> None:
    press_tv = Document("a", "", "0", url="https://www.presstv.ir/Detail/1")
    assert source_facts(registry, claim(), press_tv) == SourceFacts(
        any_partisan=False,
        any_party_to_conflict=True,  # through IRIB to the Supreme Leader's office
        worst_reliability="D",
        state_media=True,
        rated=True,
        lowest_ratings=(("lin2023", 0.6915),),
    )
    wire = Document("a", "", "0", url="https://apnews.com/article/1")
    assert source_facts(registry, claim(), wire) == SourceFacts(
        worst_reliability="B", rated=True, lowest_ratings=(("lin2023", 0.998),)
    )


def test_source_facts_when_nothing_matches() -> None:
    empty = Registry()
    document = Document("a", "", "0", outlet="Nowhere News")
    assert source_facts(empty, claim("Jane Doe"), document) == SourceFacts(
        worst_reliability="F", unknown=("Nowhere News", "Jane Doe"), publisher_known=True
    )


def test_check_sources_gathers_who_stands_behind_what(
    registry: Registry, seed_doc: Document
) -> None:
    claims = (
        Claim("c1", "a", 0, 1, 0.9, attribution=Attribution(speaker="Netanyahu")),
        Claim("c2", "b", 1, 2, 0.9, attribution=Attribution(speaker="Al-Amin", via=("Al-Manar",))),
        Claim("c3", "c", 2, 3, 0.9, attribution=Attribution(speaker="Akram al-Ajouri")),
    )
    check = check_sources(registry, Extraction(seed_doc, (), claims))
    assert [(use.entry.id, use.claims) for use in check.used] == [
        ("algemeiner", ("c1", "c2", "c3")),
        ("benjamin-netanyahu", ("c1",)),
        ("israel-pmo", ("c1",)),
        ("al-manar", ("c2",)),
        ("ibrahim-al-amin", ("c2",)),
        ("al-akhbar", ("c2",)),
        ("pij", ("c3",)),
    ]
    assert [(u.name, u.claims) for u in check.unknown] == [("Akram al-Ajouri", ("c3",))]
    assert check.facts["c1"] == SourceFacts(
        any_partisan=True,  # The Algemeiner leans pro-Israel
        any_party_to_conflict=True,
        worst_reliability="D",
        rated=True,
        lowest_ratings=(("lin2023", 0.7729),),
        publisher_known=True,
    )
    assert check.facts["c3"].unknown == ("Akram al-Ajouri",)


# --- adding entries ----------------------------------------------------------------------------


def test_slugify() -> None:
    assert slugify("Al-Manar TV") == "al-manar-tv"
    assert slugify("  Agence France-Presse (AFP) ") == "agence-france-presse-afp"
    assert slugify("Anadolu Ajans\u0131") == "anadolu-ajans"


def test_add_entry_creates_the_user_file_and_reloads(tmp_path: Path) -> None:
    target = user_registry_path()
    fields = entry_fields(
        source_id="daily-example",
        name="The Daily Example",
        kind="newspaper",
        aliases=["Daily Example"],
        domains=["dailyexample.org"],
        owner="Example Holdings",
        partisan="lean",
        direction="pro-Example",
        reliability="C",
        citation="https://dailyexample.org/about",
    )
    entry = add_entry(fields, target=target)
    assert entry.id == "daily-example"
    assert target.read_text(encoding="utf-8").endswith(
        "entries:\n"
        "- id: daily-example\n"
        "  name: The Daily Example\n"
        "  aliases:\n"
        "  - Daily Example\n"
        "  domains:\n"
        "  - dailyexample.org\n"
        "  kind: newspaper\n"
        "  owner: Example Holdings\n"
        "  partisan:\n"
        "    stance: lean\n"
        "    direction: pro-Example\n"
        "  reliability: C\n"
        "  citations:\n"
        "    kind: https://dailyexample.org/about\n"
        "    owner: https://dailyexample.org/about\n"
        "    partisan: https://dailyexample.org/about\n"
    )
    reloaded = load_registry().get("daily-example")
    assert reloaded == entry
    assert reloaded.origins == (f"{target}:4",)


def test_files_read_again_unchanged_give_the_registry_read_before(tmp_path: Path) -> None:
    cited = "    kind: other\n    citations: {kind: https://first.example}\n"
    entry = "entries:\n  - id: first\n    name: %s\n" + cited
    target = write(tmp_path / "mine.yaml", entry % "First Outlet")
    first = load_registry([target], builtin=False, user=False)
    assert load_registry([target], builtin=False, user=False) is first
    # Rewritten in place at once, with the same size: only the bytes tell it changed.
    with target.open("r+", encoding="utf-8") as handle:
        handle.write(entry % "Final Outlet")
    changed = load_registry([target], builtin=False, user=False)
    assert changed.get("first").name == "Final Outlet"
    assert first.get("first").name == "First Outlet"
    # The same bytes under another name are another registry: origins name the file.
    twin = write(tmp_path / "twin.yaml", entry % "Final Outlet")
    assert load_registry([twin], builtin=False, user=False).get("first").origins == (f"{twin}:2",)
    # A file added to a folder, or a layer added, is read.
    folder = tmp_path / "folder"
    folder.mkdir()
    write(folder / "a.yaml", entry % "First Outlet")
    assert len(load_registry([folder], builtin=False, user=False)) == 1
    write(folder / "b.yaml", "entries:\n  - id: second\n    name: Second\n" + cited)
    assert len(load_registry([folder], builtin=False, user=False)) == 2
    # A later layer updates an earlier one: the order of the files is part of what was read.
    assert load_registry([folder, target], builtin=False, user=False).get("first").name == (
        "Final Outlet"
    )
    assert load_registry([target, folder], builtin=False, user=False).get("first").name == (
        "First Outlet"
    )


def test_add_entry_to_a_linked_user_file_writes_the_file_it_links_to(tmp_path: Path) -> None:
    kept = write(tmp_path / "dotfiles" / "sources.yaml", "# mine\nentries: []\n")
    target = user_registry_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(kept)
    fields = entry_fields(source_id="x-news", name="X News", kind="other", citation="https://x.ex")
    entry = add_entry(fields, target=target)
    assert target.is_symlink() and target.resolve() == kept.resolve()
    assert kept.read_text(encoding="utf-8") == (
        "# mine\nentries:\n  - id: x-news\n    name: X News\n    kind: other\n"
        "    citations:\n      kind: https://x.ex\n"
    )
    assert load_registry().get("x-news") == entry


def test_add_entry_appends_and_keeps_comments(tmp_path: Path) -> None:
    target = write(
        tmp_path / "mine.yaml",
        "# my outlets\nentries:\n  - id: first\n    name: First Outlet\n    kind: other\n"
        "    citations: {kind: https://first.example/about}\n  # end of list\n",
    )
    fields = entry_fields(
        source_id="second", name="Second Outlet", kind="ngo", citation="https://second.example"
    )
    add_entry(fields, target=target, extra=[target])
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# my outlets\n")
    assert "  # end of list\n  - id: second\n    name: Second Outlet\n" in text
    assert [e.id for e in load_registry([target], builtin=False, user=False).entries] == [
        "first",
        "second",
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "entries:   # later\n# tail\n"])
def test_add_entry_to_a_file_with_no_entries(tmp_path: Path, text: str) -> None:
    target = write(tmp_path / "mine.yaml", text)
    fields = entry_fields(source_id="x-news", name="X News", kind="other", citation="https://x.ex")
    add_entry(fields, target=target)
    new = target.read_text(encoding="utf-8")
    assert new.startswith(text.split("entries")[0])
    assert [e.id for e in load_registry([target], builtin=False, user=False).entries] == ["x-news"]


def test_add_entry_to_an_empty_flow_list(tmp_path: Path) -> None:
    target = write(tmp_path / "mine.yaml", "entries: []  # nothing yet\n")
    fields = entry_fields(source_id="x-news", name="X News", kind="other", citation="https://x.ex")
    add_entry(fields, target=target)
    assert load_registry([target], builtin=False, user=False).get("x-news") is not None
    assert yaml.safe_load(target.read_text())["entries"][0]["id"] == "x-news"


def test_add_entry_refuses_a_duplicate_id_and_leaves_the_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    fields = entry_fields(source_id="reuters", name="Reuters Again", kind="wire-service")
    with pytest.raises(SourcesError) as caught:
        add_entry(fields, target=target)
    assert str(caught.value) == (
        f"source id 'reuters' already exists ({builtin_line(WIRES, 'reuters')}); choose another id"
    )
    assert not target.exists()


def test_add_entry_checks_the_new_entry_strictly(tmp_path: Path) -> None:
    target = write(tmp_path / "mine.yaml", "entries:\n")
    fields = entry_fields(source_id="ap-two", name="AP", kind="newspaper", citation="https://a.ex")
    with pytest.raises(SourcesError, match=r"^new entry: name: 'AP' is already a name of 'ap'"):
        add_entry(fields, target=target)
    uncited = entry_fields(source_id="uncited", name="Uncited", kind="newspaper")
    with pytest.raises(SourcesError, match=r"^new entry: kind: no citation"):
        add_entry(uncited, target=target)
    assert target.read_text() == "entries:\n"


def test_related_entries_follow_affiliations_once_and_skip_unknown_ids(registry: Registry) -> None:
    found = [e.id for e in registry.related(["nobody", "tasnim", "fars", "tasnim"])]
    assert found[:2] == ["tasnim", "fars"]
    assert sorted(found) == sorted(set(found))  # each once, however often reached
    assert {"irgc", "iran-supreme-leader"} <= set(found)


_TALKS = "Officials met on Monday, in Cairo, for talks, the first since May. "


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        (_TALKS + "Samir Haddad, a top adviser to Hezbollah, said the talks would go on.", True),
        # The appositive must follow the name, hold the organisation and name a role.
        (_TALKS + "Samir Haddad. A top adviser to Hezbollah said the talks would go on.", False),
        (_TALKS + "Samir Haddad, a friend of Hezbollah, said the talks would go on.", False),
        (_TALKS + "Samir Haddad, who spoke, a top adviser to Hezbollah, said it.", False),
        (_TALKS + "Samir Haddad, a top adviser to Hezbollah; more on that later.", True),
    ],
    ids=["appositive", "full stop", "no role", "not next to the name", "semicolon"],
)
def test_an_appositive_ties_the_name_before_it_to_the_organisation_it_names(
    registry: Registry, text: str, tied: bool
) -> None:
    doc = Document("a", text, "0", outlet="The Daily Nowhere")
    match = match_chain(registry, claim("Samir Haddad"), doc)
    assert match.ids == (("hezbollah",) if tied else ())
    assert match.unknown == ("The Daily Nowhere", "Samir Haddad")

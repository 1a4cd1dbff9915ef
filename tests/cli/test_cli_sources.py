"""Tests for `factcheck sources list | show | check | add`: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
import types
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.models import Attribution, Claim, Document, Extraction
from factcheck.sources.registry import Registry, load_registry, user_registry_path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources"

TEAM = """\
entries:
  - id: daily-example
    name: The Daily Example
    aliases: [Daily Example]
    domains: [dailyexample.org]
    kind: newspaper
    owner: Example Holdings
    partisan: {stance: lean, direction: pro-Example}
    reliability: C
    notes: A newspaper that exists only in tests.
    citations:
      kind: https://dailyexample.org/about
      owner: https://dailyexample.org/about
      partisan: https://dailyexample.org/about
"""


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner(env={"COLUMNS": "120"})
    result = runner.invoke(app, ["--color", "never", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return path


def test_list_shows_every_entry_and_the_default_note(team: Path) -> None:
    code, out, err = run("sources", "list", "--sources", str(team))
    assert (code, err) == (0, "")
    assert lines(out)[0] == f"Source registry ({len(load_registry()) + 1} entries)"
    assert any(line.startswith("│ daily-example ") for line in lines(out))
    assert lines(out)[-1] == (
        "rel.: default reliability. Reliability letters are the registry's defaults, not "
        "findings: rate sources yourself."
    )


def test_show_prints_the_whole_entry_with_citations(team: Path) -> None:
    code, out, err = run("sources", "show", "Daily Example", "--sources", str(team))
    assert (code, err) == (0, "")
    assert lines(out) == [
        "name                 The Daily Example",
        "id                   daily-example",
        "kind                 newspaper",
        "aliases              Daily Example",
        "domains              dailyexample.org",
        "owner                Example Holdings",
        "partisan             lean (pro-Example)",
        "default reliability  C (fairly reliable): the registry's default; your call",
        "notes                A newspaper that exists only in tests.",
        f"defined in           {team}:2",
        "",
        "Citations",
        "┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ fact     ┃ reference                      ┃",
        "┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ kind     │ https://dailyexample.org/about │",
        "│ owner    │ https://dailyexample.org/about │",
        "│ partisan │ https://dailyexample.org/about │",
        "└──────────┴────────────────────────────────┘",
        "No rating set rates it.",
    ]


def test_show_finds_a_builtin_source_by_a_phrase() -> None:
    code, out, _ = run("sources", "show", "the Hezbollah-operated Al-Manar")
    assert code == 0
    assert lines(out)[:3] == [
        "name                 Al-Manar",
        "id                   al-manar",
        "kind                 party or militia media",
    ]
    assert "affiliation          Hezbollah (hezbollah)" in lines(out)


def test_show_by_domain_loads_no_extraction_stage() -> None:
    # Each command is a fresh process: a lookup must not pay for compiling the stages' patterns.
    code = (
        "import sys\n"
        "from factcheck.cli import app\n"
        "sys.argv = ['factcheck', 'sources', 'show', 'bbc.co.uk', '--format', 'json']\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('factcheck.extract')\n"
        "    or m == 'factcheck.sources.publisher')\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "[]\n")
    assert json.loads(done.stdout)["entry"]["id"] == "bbc"


def test_show_unknown_name_is_a_one_line_error() -> None:
    assert run("sources", "show", "The Daily Nowhere") == (
        1,
        "",
        "Error: no source matches 'The Daily Nowhere'; see 'factcheck sources list'\n",
    )


@pytest.mark.parametrize("name", ["", "  "])
def test_show_without_a_name_is_a_one_line_error(name: str) -> None:
    assert run("sources", "show", name) == (
        1,
        "",
        "Error: empty source name; give an id, name, alias or domain "
        "(see 'factcheck sources list')\n",
    )


def test_a_bad_registry_file_is_a_one_line_error() -> None:
    path = FIXTURES / "unknown-key.yaml"
    code, out, err = run("sources", "list", "--sources", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path}:18: entries[3]: unknown key 'owner_ship' (expected")
    assert err.count("\n") == 1


def test_add_from_flags_writes_the_user_registry() -> None:
    args = ["sources", "add", "--no-input", "--name", "Example Wire", "--kind", "wire-service"]
    args += ["--domain", "examplewire.org", "--owner", "Example Cooperative"]
    args += ["--citation", "https://examplewire.org/about", "--reliability", "b"]
    code, out, err = run(*args)
    path = user_registry_path()
    assert (code, out, err) == (0, "", f"Added 'example-wire' to {path}\n")
    entry = load_registry().get("example-wire")
    assert entry is not None
    assert (entry.name, entry.owner, str(entry.reliability)) == (
        "Example Wire",
        "Example Cooperative",
        "B",
    )
    assert entry.citations_for("owner") == ("https://examplewire.org/about",)
    # A second add with the same id is refused and changes nothing.
    before = path.read_text(encoding="utf-8")
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: source id 'example-wire' already exists ({path}:4); choose another id\n"
    )
    assert path.read_text(encoding="utf-8") == before


def test_add_with_answers_that_run_out_names_the_field(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, out, err = run("sources", "add", "--file", str(target), stdin="Gazette of Nowhere\n\n")
    assert code == 1
    assert out.startswith("Name: Gazette of Nowhere\nId [gazette-of-nowhere]: \nKind (")
    assert err.splitlines()[-1] == (
        "Error: standard input ended before the field 'Kind'; give the fields as flags with "
        "--no-input, or answer on a terminal"
    )
    assert not target.exists()


def test_add_with_an_empty_name_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, out, err = run(
        "sources", "add", "--name", " ", "--kind", "newspaper", "--file", str(target)
    )
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for --name: expected the source's name, got an empty one"
    )
    assert not target.exists()


def test_add_asks_for_each_field(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    answers = [
        "Gazette of Nowhere",  # name
        "",  # id: the default made from the name
        "tabloid",  # kind: not one of the kinds, asked again
        "newspaper",
        "The Gazette, Nowhere Gazette",  # aliases
        "gazette.example",  # domains
        "",  # affiliation
        "Nowhere Media Ltd",  # owner
        "",  # party to
        "lean",  # partisan
        "pro-Nowhere",  # direction
        "",  # sanctions
        "C",  # reliability
        "https://gazette.example/about",  # citation
        "",  # notes
    ]
    code, _, err = run("sources", "add", "--file", str(target), stdin="\n".join(answers) + "\n")
    assert code == 0, err
    assert err.endswith(f"Added 'gazette-of-nowhere' to {target}\n")
    assert "Expected one of: wire-service, newspaper," in err
    entry = load_registry([target]).get("gazette-of-nowhere")
    assert entry is not None
    assert entry.aliases == ("The Gazette", "Nowhere Gazette")
    assert (entry.partisan_direction, entry.domains) == ("pro-Nowhere", ("gazette.example",))


def test_add_with_a_bad_field_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    code, out, err = run(
        "sources", "add", "--no-input", "--name", "Odd", "--kind", "tv", "--file", str(target)
    )
    assert (code, out) == (1, "")
    assert err.startswith("Error: new entry: kind: expected one of wire-service, newspaper,")
    assert not target.exists()


def test_add_without_name_and_kind_is_a_usage_error() -> None:
    code, _, err = run("sources", "add", "--no-input")
    assert code == 2
    assert "--no-input needs at least --name and --kind" in err


def _fake_pipeline(monkeypatch: pytest.MonkeyPatch, extraction: Extraction) -> None:
    module = types.ModuleType("factcheck.extract.pipeline")

    def extract(source: str, *, registry: Registry | None = None) -> Extraction:
        assert source == "article.txt"
        assert registry is not None
        return extraction

    module.extract = extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "factcheck.extract.pipeline", module)


def test_check_lists_sources_claims_and_unknown_names(
    monkeypatch: pytest.MonkeyPatch, team: Path
) -> None:
    title = "Budget \x1b[31mrow"
    document = Document("article.txt", "text", "0", title=title, outlet="The Daily Example")
    claims = (
        Claim("c1", "a", 0, 1, 0.9, attribution=Attribution(speaker="Jane Doe")),
        Claim("c2", "b", 1, 2, 0.9, attribution=Attribution(speaker="Sam Roe", via=("Ex Blog",))),
    )
    _fake_pipeline(monkeypatch, Extraction(document, (), claims))
    code, out, err = run("sources", "check", "article.txt", "--sources", str(team))
    assert (code, err) == (0, "")
    expected = (FIXTURES / "expected" / "check.txt").read_text(encoding="utf-8")
    assert "\n".join(lines(out)) + "\n" == expected


def test_check_the_seed_article_end_to_end(seed_path: Path) -> None:
    code, out, err = run("sources", "check", str(seed_path))
    assert (code, err) == (0, "")
    text = "\n".join(lines(out))
    assert lines(out)[0].startswith("Article: Report: Hamas coordinated Gaza war with Iran")
    assert "outlet: The Algemeiner" in text
    sources = [line.split("│")[1].strip() for line in lines(out) if line.startswith("│ ")]
    for name in ("The Algemeiner", "Al-Manar", "Al-Akhbar", "Ibrahim al-Amin", "Quds Force"):
        assert name in sources, name


# --- rating sets and JSON ----------------------------------------------------------------------


def test_show_a_rated_domain_that_the_registry_lacks_as_json() -> None:
    code, out, err = run("sources", "show", "https://www.breitbart.com/politics/x", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == 1
    assert data["entry"] is None
    assert data["domain"] == "breitbart.com/politics/x"
    [rating] = data["ratings"]
    assert (rating["set"], rating["domain"], rating["rating"]) == (
        "lin2023",
        "breitbart.com",
        "0.2972",
    )
    assert rating["citation"].endswith("https://doi.org/10.1093/pnasnexus/pgad286")


def test_import_keeps_sets_side_by_side_and_show_prints_each(tmp_path: Path) -> None:
    table = tmp_path / "desk.csv"
    table.write_text("Site,score,note\nbreitbart.com,2,desk view\nnew.example.org,5,ok\n")
    code, out, err = run("sources", "import", str(table), "--as", "desk", "--citation", "Desk 2024")
    assert (code, err) == (0, "")
    assert out.startswith("Imported rating set 'desk': 2 domains (")
    code, out, err = run("sources", "show", "breitbart.com", "-f", "json")
    assert (code, err) == (0, "")
    ratings = json.loads(out)["ratings"]
    assert [(r["set"], r["rating"], r["values"], r["citation"][:9]) for r in ratings] == [
        ("lin2023", "0.2972", {"pc1": "0.2972"}, "Lin, H., "),
        ("desk", "2", {"score": "2", "note": "desk view"}, "Desk 2024"),
    ]
    code, out, err = run("sources", "list", "-f", "json")
    assert (code, err) == (0, "")
    sets = json.loads(out)["rating_sets"]
    assert [(s["name"], s["domains"], s["scale"]) for s in sets] == [
        ("lin2023", 11519, "number"),
        ("desk", 2, "number"),
    ]
    # Re-importing under the same name replaces the set when asked to.
    code, out, _ = run("sources", "import", str(table), "--as", "desk", "--replace")
    assert (code, out.split(":")[0]) == (0, "Replaced rating set 'desk'")


def rating_set_names() -> list[tuple[str, int, str]]:
    code, out, err = run("sources", "list", "-f", "json")
    assert (code, err) == (0, "")
    return [(s["name"], s["domains"], s["citation"][:9]) for s in json.loads(out)["rating_sets"]]


def test_import_never_takes_a_shipped_set_s_name(tmp_path: Path) -> None:
    # `--as lin2023` replaced the shipped set of 11,519 domains with the user's two, everywhere.
    table = tmp_path / "ratings.csv"
    table.write_text("domain,score\nexample.com,0.5\nfoo.org,0.9\n", encoding="utf-8")
    assert run("sources", "import", str(table), "--as", "lin2023") == (
        1,
        "",
        "Error: 'lin2023' is the name of a shipped rating set; choose another, "
        "e.g. --as lin2023-own\n",
    )
    assert rating_set_names() == [("lin2023", 11519, "Lin, H., ")]
    code, out, err = run("sources", "show", "breitbart.com", "-f", "json")
    assert (code, err) == (0, "")
    assert [(r["set"], r["rating"]) for r in json.loads(out)["ratings"]] == [("lin2023", "0.2972")]
    data = Path(os.environ["XDG_DATA_HOME"])
    assert not (data / "factcheck" / "ratings").exists()


def test_import_replaces_an_imported_set_only_with_replace(tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("domain,score\nexample.com,0.5\nfoo.org,0.9\n", encoding="utf-8")
    second.write_text("domain,score\nbar.org,3\n", encoding="utf-8")
    target = Path(os.environ["XDG_DATA_HOME"]) / "factcheck" / "ratings" / "desk.tsv"
    imported = run("sources", "import", str(first), "--as", "desk", "--citation", "Desk 2024")
    assert imported == (0, f"Imported rating set 'desk': 2 domains ({target})\n", "")
    assert run("sources", "import", str(second), "--as", "desk") == (
        1,
        "",
        f"Error: rating set 'desk' already exists ({target}); give --replace to replace it, "
        "or choose another name\n",
    )
    assert rating_set_names() == [("lin2023", 11519, "Lin, H., "), ("desk", 2, "Desk 2024")]
    replaced = run("sources", "import", str(second), "--as", "desk", "--replace")
    assert replaced == (0, f"Replaced rating set 'desk': 1 domain ({target})\n", "")
    assert rating_set_names() == [
        ("lin2023", 11519, "Lin, H., "),
        ("desk", 1, "imported "),
    ]
    # --replace never reaches a shipped set.
    assert run("sources", "import", str(second), "--as", "lin2023", "--replace")[0] == 1
    assert rating_set_names()[0] == ("lin2023", 11519, "Lin, H., ")


def test_import_cites_a_name_that_is_not_utf8_with_the_replacement_character(
    tmp_path: Path,
) -> None:
    # Python reads the byte 0xff of a file name or an argument as the lone surrogate \udcff,
    # which the set's file could not hold: an internal UnicodeEncodeError.
    table = tmp_path / "desk\udcff.csv"
    try:
        table.write_text("domain,score\nnew.example.org,5\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    code, out, err = run("sources", "import", str(table), "--as", "desk")
    assert (code, err) == (0, "")
    assert out.startswith("Imported rating set 'desk': 1 domain (")
    code, out, err = run("sources", "import", str(table), "--as", "team", "--citation", "T\udcff")
    assert (code, err) == (0, "")
    assert out.startswith("Imported rating set 'team': 1 domain (")
    code, out, err = run("sources", "show", "new.example.org", "-f", "json")
    assert (code, err) == (0, "")
    assert [(r["set"], r["citation"]) for r in json.loads(out)["ratings"]] == [
        ("desk", "imported from desk\ufffd.csv"),
        ("team", "T\ufffd"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("domain,score\n", "expected a header row and at least one rated domain"),
        ("domain,score\nnot a domain,3\n", "2: expected a domain, got 'not a domain'"),
        # A tab or a line break in a domain broke the set's file, one domain to a line.
        ('domain,score\n"a\tb.org",3\n', "2: expected a domain, got 'a\\tb.org'"),
        ('domain,score\n"line\nbreak.org",3\n', "3: expected a domain, got 'line\\nbreak.org'"),
        # An escape sequence or a bidi override was taken as a domain.
        ("domain,score\nbad\x1b[31m.com,3\n", "2: expected a domain, got 'bad\\x1b[31m.com'"),
        ("domain,score\nevil\u202ecom.org,3\n", "2: expected a domain, got 'evil\\u202ecom.org'"),
        ("domain,score\na.org,1\na.org,2\n", "3: domain 'a.org' is listed twice"),
        ("domain,score\na.org,1,2\n", "2: expected 2 cells like the header, got 3"),
        # The open cell took the rows after it as one rating: 'a.org' rated '0.9 b.org,0.2'.
        ('domain,score\na.org,"0.9\nb.org,0.2\n', "2: a quoted cell is never closed"),
        # Two columns of one name were kept as two ratings, shown as one.
        ("domain,score,Score\na.org,1,2\n", "1: column 'Score' is named twice"),
        # A blank rating was read as the letter A: the best there is, for a domain nobody rated.
        (
            "domain,grade\na.org,C\nb.org, \n",
            "3: no rating for 'b.org'; rate it or leave the row out",
        ),
        (
            'domain,score\na.org,1\nb.org,"' + "x" * 200_000 + '"\n',
            "3: cannot read the row: field larger than field limit (131072)",
        ),
    ],
)
def test_import_refuses_a_bad_table_with_one_line(
    tmp_path: Path, content: str, message: str
) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(content)
    code, out, err = run("sources", "import", str(table), "--as", "bad")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {table}")
    assert err.rstrip("\n").endswith(message)
    assert err.count("\n") == 1


def test_import_refuses_standard_input_with_one_line() -> None:
    code, out, err = run("sources", "import", "-", "--as", "desk", stdin="example.com,A\n")
    assert (code, out) == (1, "")
    assert err == "Error: -: standard input is not supported here; give a file\n"


def test_a_bad_format_is_refused() -> None:
    code, out, err = run("sources", "list", "--format", "xml")
    assert (code, out) == (2, "")
    assert "expected table or json" in err


def test_check_names_the_publisher_from_a_wire_dateline_first_on_every_chain(
    tmp_path: Path,
) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(
        "Floods hit northern province\n\n"
        "BEIJING (Reuters) - Floods killed at least 12 people in northern China on Tuesday, "
        "officials said, as the army deployed 3,000 soldiers to help.\n\n"
        "Xinhua reported that 40,000 people had been evacuated from three counties.\n",
        encoding="utf-8",
    )
    code, out, err = run("sources", "check", str(article), "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["publisher"]["name"] == "Reuters"
    assert data["publisher"]["evidence"] == "dateline"
    assert data["publisher"]["carried_from"] == []
    assert [c["sources"][0] for c in data["claims"]] == ["reuters"] * len(data["claims"])
    assert [c["sources"] for c in data["claims"]][-1] == ["reuters", "xinhua"]


@pytest.mark.parametrize(
    "text",
    ["", "# our sources\n# none yet\n", "entries: []\n", "entries:\n", "\ufeff\n\n"],
    ids=["empty", "comments", "empty-list", "null-entries", "blank"],
)
def test_validate_warns_of_a_file_without_sources_and_exits_0(tmp_path: Path, text: str) -> None:
    # It said only 'OK (0 entries)'. Loading takes such a file as a registry with nothing in it
    # yet (a file made before its first entry), so it is a warning, not an error.
    empty = tmp_path / "empty.yaml"
    empty.write_text(text, encoding="utf-8")
    assert run("sources", "validate", str(empty)) == (
        0,
        f"{empty}: warning: no sources in the file; add them under 'entries:' "
        "(see docs/sources.md)\n"
        f"{empty}: OK (0 entries)\n",
        "",
    )


def test_validate_warns_of_a_folder_without_sources(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "notes.txt").write_text("entries:\n  - {id: x}\n", encoding="utf-8")
    assert run("sources", "validate", str(folder)) == (
        0,
        f"{folder}: warning: no registry files (.yaml, .yml) in the folder; add one with "
        "sources under 'entries:' (see docs/sources.md)\n"
        f"{folder}: OK (0 entries)\n",
        "",
    )
    (folder / "a.yaml").write_text("# none yet\n", encoding="utf-8")
    (folder / "b.yml").write_text("entries: []\n", encoding="utf-8")
    assert run("sources", "validate", str(folder)) == (
        0,
        f"{folder}: warning: no sources in the folder's registry files; add them under "
        "'entries:' (see docs/sources.md)\n"
        f"{folder}: OK (0 entries)\n",
        "",
    )
    (folder / "b.yml").write_text(
        "entries:\n  - {id: mine, name: Mine, kind: other, citations: {kind: https://a.org}}\n",
        encoding="utf-8",
    )
    assert run("sources", "validate", str(folder)) == (0, f"{folder}: OK (1 entry)\n", "")


def test_validate_lists_every_mistake_of_a_file_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n  - id: one\n    name: One\n    kind: tv\n    reliability: G\n"
        "  - {id: two, name: Two, kind: other, colour: red}\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.yaml"
    good.write_text(
        "entries:\n  - {id: mine, name: Mine, kind: other, citations: {kind: https://a.org}}\n",
        encoding="utf-8",
    )
    code, out, err = run("sources", "validate", str(good), str(bad))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{good}: OK (1 entry)",
        f"{bad}:4: entries[0].kind: expected one of wire-service, newspaper, broadcaster, "
        "state-media, party-media, think-tank, government, military, armed-group, ngo, "
        "syndication, person, other, got 'tv'",
        f"{bad}:5: entries[0].reliability: expected a letter A to F, got 'G'",
        f"{bad}:6: entries[1]: unknown key 'colour' (expected one of: id, name, aliases, "
        "domains, kind, affiliation, owner, party_to, partisan, sanctions, reliability, notes, "
        "citations)",
        f"{bad}:6: entries[1].kind: no citation (add citations.kind: URL of a public reference)",
        f"{bad}: 4 errors",
    ]
    assert run("sources", "validate", str(good)) == (0, f"{good}: OK (1 entry)\n", "")
    code, out, err = run("sources", "list", "--sources", str(bad))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {bad}:4: entries[0].kind: expected one of wire-service, newspaper, broadcaster, "
        "state-media, party-media, think-tank, government, military, armed-group, ngo, "
        "syndication, person, other, got 'tv' (and 3 more problems)\n"
    )


def test_validate_lists_every_bad_item_of_every_list(tmp_path: Path) -> None:
    # Only the first bad item of each list was reported, and an empty alias was "expected a
    # string, got ''".
    bad = tmp_path / "team.yaml"
    bad.write_text(
        "entries:\n"
        "- id: q1\n"
        '  name: "Q1"\n'
        "  kind: newspaper\n"
        '  domains: ["a b.com", "c d.com", "ok.example", "e..f", ""]\n'
        '  aliases: ["", "Q One", " "]\n'
        '  affiliation: ["Not An Id", ""]\n'
        "  citations:\n"
        '    kind: "wikipedia"\n'
        '    domains: ["https://z.example", "nope", ""]\n'
        '    affiliation: "https://z.example"\n'
        '- {id: q2, name: "", kind: other, party_to: [""], sanctions: ["", x],\n'
        "   citations: {kind: https://z.example}}\n",
        encoding="utf-8",
    )
    code, out, err = run("sources", "validate", str(bad))
    assert (code, err) == (1, "")
    domain = "expected a bare domain like 'example.com', got"
    alias = "empty alias; give a name or leave the item out"
    assert out.splitlines() == [
        f"{bad}:5: entries[0].domains[0]: {domain} 'a b.com'",
        f"{bad}:5: entries[0].domains[1]: {domain} 'c d.com'",
        f"{bad}:5: entries[0].domains[3]: {domain} 'e..f'",
        f"{bad}:5: entries[0].domains[4]: empty domain; give one like 'example.com'",
        f"{bad}:6: entries[0].aliases[0]: {alias}",
        f"{bad}:6: entries[0].aliases[2]: {alias}",
        f"{bad}:7: entries[0].affiliation[0]: expected a source id, got 'Not An Id'",
        f"{bad}:7: entries[0].affiliation[1]: empty item; give a source id, or leave the item out",
        f"{bad}:9: entries[0].citations.kind: expected an http(s) URL, got 'wikipedia'",
        f"{bad}:10: entries[0].citations.domains[1]: expected an http(s) URL, got 'nope'",
        f"{bad}:10: entries[0].citations.domains[2]: empty URL; give an http(s) URL",
        f"{bad}:12: entries[1].name: empty value",
        f"{bad}:12: entries[1].party_to[0]: empty item; name a conflict or dispute, or leave "
        "the item out",
        f"{bad}:12: entries[1].sanctions[0]: empty item; describe a sanction, or leave the item "
        "out",
        # The item that was read, 'x', is a sanction that needs its citation all the same.
        f"{bad}:12: entries[1].sanctions: no citation (add citations.sanctions: URL of a public "
        "reference)",
        f"{bad}: 15 errors",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_import_reads_a_spreadsheet_s_unicode_text_export(tmp_path: Path, encoding: str) -> None:
    # A spreadsheet's "Unicode text" is tab-separated UTF-16 with a byte order mark: it was
    # refused as "not UTF-8 text".
    table = tmp_path / "desk.tsv"
    mark = {"utf-16-be": "\ufeff"}.get(encoding, "")
    text = mark + "Site\tscore\tnote\r\nnew.example.org\t4\tséance vérifiée\r\n"
    table.write_bytes(text.encode(encoding))
    code, out, err = run("sources", "import", str(table), "--as", "desk")
    assert (code, err) == (0, "")
    assert out.startswith("Imported rating set 'desk': 1 domain (")
    code, out, err = run("sources", "show", "new.example.org", "-f", "json")
    assert (code, err) == (0, "")
    assert [(r["set"], r["values"]) for r in json.loads(out)["ratings"]] == [
        ("desk", {"score": "4", "note": "séance vérifiée"})
    ]


def test_import_of_text_in_another_encoding_without_a_mark_is_one_line(tmp_path: Path) -> None:
    table = tmp_path / "desk.csv"
    table.write_bytes("domain,note\nnew.example.org,vérifiée\n".encode("cp1252"))
    code, out, err = run("sources", "import", str(table), "--as", "desk")
    assert (code, out, err) == (1, "", f"Error: {table}: not UTF-8 text\n")


def test_add_refused_at_the_end_gives_back_every_answer_typed(tmp_path: Path) -> None:
    # Thirteen answers typed, one letter wrong: they were all lost with the error.
    target = tmp_path / "mine.yaml"
    answers = [
        "Gazette of Nowhere", "", "newspaper", "The Gazette, Nowhere Gazette",
        "gazette.example", "", "Port O'Hara Media", "", "", "", "G",
        "https://gazette.example/about", "",
    ]  # fmt: skip
    code, _, err = run("sources", "add", "--file", str(target), stdin="\n".join(answers) + "\n")
    assert code == 1
    again = (
        f"factcheck sources add --file {target} --name 'Gazette of Nowhere' --kind newspaper "
        "--alias 'The Gazette' --alias 'Nowhere Gazette' --domain gazette.example "
        "--owner 'Port O'\"'\"'Hara Media' --reliability G "
        "--citation https://gazette.example/about"
    )
    assert err.splitlines()[-2:] == [
        f"Not added. To add it without typing again: {again}",
        "Error: new entry: reliability: expected a letter A to F, got 'G'",
    ]
    assert not target.exists()
    fixed = shlex.split(again.replace("--reliability G", "--reliability C"))[1:]
    code, _, err = run(*fixed, "--no-input")
    assert (code, err) == (0, f"Added 'gazette-of-nowhere' to {target}\n")
    entry = load_registry([target]).get("gazette-of-nowhere")
    assert entry is not None
    assert (entry.owner, entry.reliability) == ("Port O'Hara Media", "C")


def test_add_interrupted_at_a_prompt_exits_130_giving_back_the_answers(tmp_path: Path) -> None:
    # Ctrl-C said "Aborted!", exited 1 and lost every answer typed.
    target = tmp_path / "mine.yaml"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "factcheck", "--color", "never", "sources", "add", "--file", str(target)],
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        timeout=30,
    )
    try:
        for prompt, answer in (
            ("Name", "Gazette of Nowhere"),
            ("Id", ""),
            ("Kind", "newspaper"),
            ("Aliases", "The Gazette"),
        ):
            child.expect_exact(prompt)
            child.sendline(answer)
        child.expect_exact("Enter for none): ")
        # The prompt is printed just before the line is read: a Ctrl-C in between is taken by
        # Python before it waits for the line, and the read then waits for ever. A user's key is
        # never that quick; the test waits until the line is being read.
        time.sleep(0.5)
        child.sendintr()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert str(child.before).endswith(
        "^C\r\nNot added. To add it without typing again: factcheck sources add --file "
        f"{target} --name 'Gazette of Nowhere' --kind newspaper --alias 'The Gazette'\r\n"
        "Interrupted.\r\n"
    )
    assert not target.exists()


def test_validate_checks_across_entries_even_when_an_item_is_malformed(tmp_path: Path) -> None:
    # Only the malformed domain was reported ("1 error"); fixing it brought up 6 more problems
    # that were there all along: the checks across entries ran only when every entry parsed.
    team = tmp_path / "team.yaml"
    team.write_text(
        "entries:\n"
        "  - id: one\n"
        "    name: One\n"
        "    kind: newspaper\n"
        '    domains: [ok.com, "bad domain"]\n'
        "    affiliation: [nonexistent, one, missing3]\n"
        "    citations: {kind: https://x.org/a, affiliation: https://x.org/b}\n"
        "  - id: two\n"
        "    name: Two\n"
        "    kind: newspaper\n"
        "    domains: [ok.com]\n"
        "    affiliation: [missing2]\n"
        "    citations: {kind: https://x.org/a, affiliation: https://x.org/b}\n"
        "  - id: one\n"
        "    name: Dup\n"
        "    kind: newspaper\n"
        "    citations: {kind: https://x.org/a}\n",
        encoding="utf-8",
    )
    assert run("sources", "validate", str(team)) == (
        1,
        f"{team}:5: entries[0].domains[1]: expected a bare domain like 'example.com', "
        "got 'bad domain'\n"
        f"{team}:6: entries[0].affiliation[0]: unknown source id 'nonexistent'\n"
        f"{team}:6: entries[0].affiliation[1]: an entry cannot be affiliated with itself\n"
        f"{team}:6: entries[0].affiliation[2]: unknown source id 'missing3'\n"
        f"{team}:11: entries[1].domains[0]: domain 'ok.com' already belongs to 'one' "
        f"({team}:5)\n"
        f"{team}:12: entries[1].affiliation[0]: unknown source id 'missing2'\n"
        f"{team}:14: entries[2].id: duplicate id 'one' (first at {team}:2)\n"
        f"{team}: 7 errors\n",
        "",
    )


def test_validate_does_not_report_a_malformed_value_again_as_missing(tmp_path: Path) -> None:
    # A value given with a mistake is one problem: not also a missing name, a citation of a
    # fact "the entry does not give", or a fact without a citation.
    team = tmp_path / "team.yaml"
    team.write_text(
        "entries:\n"
        "  - id: one\n"
        "    name: [One]\n"
        "    kind: tv\n"
        "    owner: {who: me}\n"
        "    affiliation: [two, nobody]\n"
        "    citations: {owner: https://x.org/o, affiliation: nope}\n"
        "  - id: two\n"
        "    name: Two\n"
        "    name: Deux\n"
        "    kind: other\n"
        "    affiliation: [one]\n"
        "    citations: {kind: https://x.org/a, affiliation: https://x.org/b}\n",
        encoding="utf-8",
    )
    assert run("sources", "validate", str(team)) == (
        1,
        f"{team}:3: entries[0].name: expected a string, got a list\n"
        f"{team}:4: entries[0].kind: expected one of wire-service, newspaper, broadcaster, "
        "state-media, party-media, think-tank, government, military, armed-group, ngo, "
        "syndication, person, other, got 'tv'\n"
        f"{team}:5: entries[0].owner: expected a string, got a mapping\n"
        f"{team}:6: entries[0].affiliation[1]: unknown source id 'nobody'\n"
        f"{team}:7: entries[0].citations.affiliation: expected an http(s) URL, got 'nope'\n"
        f"{team}:10: entries[1]: duplicate key 'name'\n"
        f"{team}: 6 errors\n",
        "",
    )


def test_validate_lists_the_problems_of_every_file_of_a_folder(tmp_path: Path) -> None:
    # One file's malformed item hid every other file's problems, and a broken link or a named
    # pipe called *.yaml was skipped without a word.
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "entries:\n"
        "  - id: alpha\n"
        "    name: Alpha\n"
        "    kind: newspaper\n"
        '    domains: ["bad domain"]\n'
        "    citations: {kind: https://x.org/a}\n",
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text(
        "entries:\n"
        "  - id: beta\n"
        "    name: Beta\n"
        "    kind: newspaper\n"
        "    affiliation: [alpha, nobody]\n"
        "    citations: {kind: https://x.org/a, affiliation: https://x.org/b}\n"
        "  - {id: alpha, name: Alpha Again, kind: other, citations: {kind: https://x.org/a}}\n",
        encoding="utf-8",
    )
    (folder / "c.yaml").write_text("entries: [\n", encoding="utf-8")
    (folder / "d.yaml").symlink_to("gone.yaml")
    (folder / "notes.txt").symlink_to("gone.txt")  # not a registry file: not looked at
    (folder / "old.yaml").mkdir()  # a folder in the folder: not looked into
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "e.yaml")
    started = time.monotonic()
    code, out, err = run("sources", "validate", str(folder))
    assert time.monotonic() - started < 1.5  # the pipe was not waited on
    pipe = (
        [
            f"{folder / 'e.yaml'}: a named pipe, not a file; a folder's registry files must be "
            "regular files"
        ]
        if hasattr(os, "mkfifo")
        else []
    )
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{folder / 'a.yaml'}:5: entries[0].domains[0]: expected a bare domain like "
        "'example.com', got 'bad domain'",
        f"{folder / 'b.yaml'}:5: entries[0].affiliation[1]: unknown source id 'nobody'",
        f"{folder / 'b.yaml'}:7: entries[1].id: duplicate id 'alpha' "
        f"(first at {folder / 'a.yaml'}:2)",
        f"{folder / 'c.yaml'}:2: invalid YAML: did not find expected node content",
        f"{folder / 'd.yaml'}: broken symbolic link to 'gone.yaml'; restore its file or remove "
        "the link",
        *pipe,
        f"{folder}: {5 + len(pipe)} errors",
    ]

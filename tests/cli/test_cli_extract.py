"""The `factcheck extract` command end to end: formats, metadata, errors, batches, safety."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from inprocess import run_cli
from stderr_terminal import with_stderr_on_a_terminal
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version") == (0, f"factcheck {__version__}\n", "")


def test_python_dash_m_runs_the_same_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, f"factcheck {__version__}\n")


def test_a_command_starts_without_loading_what_it_does_not_use(tmp_path: Path) -> None:
    # Each command is a fresh process: what start-up loads, every run pays for.
    article = tmp_path / "a.txt"
    article.write_text("The mayor said taxes will rise 3% next year.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from factcheck.cli import app\n"
        f"sys.argv = ['factcheck', 'extract', {str(article)!r}, '--format', 'json']\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        # Rich only draws the status line on a terminal; here stderr is a pipe.
        "unused = {'pydantic', 'trafilatura', 'lxml', 'krippendorff', 'http.client', 'ssl',\n"
        "          'rich'}\n"
        "loaded = sorted(unused & set(sys.modules))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "[]\n"
    assert json.loads(done.stdout)["claims"][0]["text"].startswith("The mayor said")


def test_every_command_has_help_with_an_example() -> None:
    code, out, _ = run("extract", "--help")
    assert code == 0
    assert "Example: factcheck extract" in out


def test_seed_json_metadata_and_contract(seed_path: Path) -> None:
    code, out, err = run("extract", str(seed_path), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["document"] == {
        "source": str(seed_path),
        "title": "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room",
        "outlet": "The Algemeiner",
        "byline": "Sharon Wrobel",
        "published": "2021-05-31",
        "url": None,
        "sha256": "4631b1a9e54c99bdfe329b1733661e71175ddb8c39fdd3f5943255685fac9219",
        "provenance": {
            "title": "text",
            "outlet": "byline",
            "byline": "text",
            "published": "dateline",
        },
    }
    assert "segments" not in data
    claim = data["claims"][0]
    assert set(claim) == {
        "id",
        "text",
        "start",
        "end",
        "check_worthiness",
        "reasons",
        "attribution",
        "sources",
        "caption",
        "repeats",
    }
    assert set(claim["attribution"]) >= {"speaker", "role", "verb", "via", "hedges", "quote"}
    text = seed_path.read_text(encoding="utf-8")
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert 0.0 <= claim["check_worthiness"] <= 1.0
    assert [c["id"] for c in data["claims"]] == [f"c{i}" for i in range(1, len(data["claims"]) + 1)]


def _claim_starting(claims: list[dict[str, object]], prefix: str) -> dict[str, object]:
    matches = [c for c in claims if str(c["text"]).startswith(prefix)]
    assert len(matches) == 1, prefix
    return matches[0]


def test_seed_attributions(seed_path: Path) -> None:
    _, out, _ = run("extract", str(seed_path), "--format", "json")
    claims = json.loads(out)["claims"]
    layered = _claim_starting(claims, "The channel’s report said that Al-Amin claimed")
    attribution = layered["attribution"]
    assert isinstance(attribution, dict)
    assert attribution["speaker"] == "Ibrahim Al-Amin"
    assert "editor-in-chief" in attribution["role"]
    assert "Al-Akhbar" in attribution["role"]
    assert attribution["via"] == ["Al-Manar TV"]
    assert attribution["quote"] is True
    assert "claimed" in attribution["hedges"]
    assert {"al-manar", "al-akhbar"} <= set(layered["sources"])  # type: ignore[arg-type]

    centre = _claim_starting(claims, "According to a May 27 analysis")["attribution"]
    assert isinstance(centre, dict)
    assert centre["speaker"] == "Meir Amit Intelligence and Terrorism Information Center"
    assert "according to" in centre["hedges"]

    general = _claim_starting(claims, "The IRGC general praised")["attribution"]
    assert isinstance(general, dict)
    assert general["speaker"] == "Esmail Qaani"
    joined = _claim_starting(claims, "Qa’ani also spoke to PIJ")["attribution"]
    assert isinstance(joined, dict)
    assert (joined["speaker"], joined["verb"]) == ("Esmail Qaani", "stressed")
    leader = _claim_starting(claims, "The Iranian leader urged")["attribution"]
    assert isinstance(leader, dict)
    assert leader["speaker"] == "Ali Khamenei"


def test_seed_furniture_is_never_a_claim_and_every_body_sentence_is_accounted_for(
    seed_path: Path,
) -> None:
    _, out, _ = run("extract", str(seed_path), "--format", "json", "--all")
    data = json.loads(out)
    text = seed_path.read_text(encoding="utf-8")
    segments = data["segments"]
    # Every character outside whitespace belongs to exactly one segment, in order.
    position = 0
    for segment in segments:
        assert text[position : segment["start"]].strip() == ""
        assert text[segment["start"] : segment["end"]] == segment["text"]
        position = segment["end"]
    assert text[position:].strip() == ""
    kinds = {s["kind"] for s in segments}
    assert {"title", "dateline", "caption", "credit", "byline", "related", "tags"} <= kinds
    furniture = [
        s for s in segments if s["kind"] not in ("claim", "statement", "question", "opinion")
    ]
    # A factual photo caption is a claim too, marked as one; other furniture never is.
    captions = [c for c in data["claims"] if c["caption"]]
    assert [(c["text"], c["attribution"]["speaker"]) for c in captions] == [
        (
            "Iranian missiles headed towards Hamas in Gaza were intercepted by the Israeli navy "
            "in March 2014.",
            "IDF",
        )
    ]
    claim_spans = [(c["start"], c["end"]) for c in data["claims"] if not c["caption"]]
    for piece in furniture:
        for start, end in claim_spans:
            assert piece["end"] <= start or piece["start"] >= end, piece
    # Each claim segment lies inside exactly one claim.
    for segment in segments:
        if segment["kind"] == "claim":
            inside = [s for s, e in claim_spans if s <= segment["start"] and segment["end"] <= e]
            assert len(inside) == 1


def test_single_sentence_from_stdin_is_a_claim_not_a_headline() -> None:
    code, out, err = run(
        "extract", "-", "--format", "json", stdin="Unemployment fell to 3.5% in 2019.\n"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["document"]["title"] is None
    [claim] = data["claims"]
    assert claim["text"] == "Unemployment fell to 3.5% in 2019."
    assert claim["start"] == 0
    assert "number" in claim["reasons"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: file not found"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty.txt: file is empty"),
        (lambda d: _write(d / "pic.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "binary"),
    ],
    ids=["missing", "directory", "empty", "binary"],
)
def test_bad_input_is_one_line_error(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, out, err = run("extract", str(path), "--format", "json")
    assert code == 1
    assert out == ""
    assert err.startswith("Error: ")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_source_name_says_so(name: str) -> None:
    # Not ": file not found", and not the working folder that Path('') stands for.
    assert run("extract", name, "--format", "json") == (
        1,
        "",
        f"Error: empty source name {name!r}; give a file, '-' for standard input or a URL\n",
    )


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, seed_path: Path) -> None:
    good = _write(tmp_path / "good.txt", b"The company said profits rose 12% in 2023.\n")
    code, out, err = run(
        "extract", str(seed_path), str(tmp_path / "nope.txt"), str(good), "--format", "jsonl"
    )
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["source"] for d in lines] == [str(seed_path), str(good)]
    assert err == f"Error: {tmp_path / 'nope.txt'}: file not found\n"


def test_json_of_several_sources_is_an_array_however_many_are_read(
    tmp_path: Path,
) -> None:
    good = _write(tmp_path / "good.txt", b"The company said profits rose 12% in 2023.\n")
    missing = str(tmp_path / "nope.txt")
    code, one, err = run("extract", str(good), "--format", "json")
    assert (code, err) == (0, "")
    obj = json.loads(one)
    assert obj["document"]["source"] == str(good)
    # One of two read: still an array, of the one read; none of two read: an empty array.
    code, out, err = run("extract", str(good), missing, "--format", "json")
    assert (code, json.loads(out), err) == (1, [obj], f"Error: {missing}: file not found\n")
    code, out, err = run("extract", missing, missing + "2", "--format", "json")
    assert (code, out) == (1, "[]\n")
    assert err == f"Error: {missing}: file not found\nError: {missing}2: file not found\n"
    # One source that cannot be read prints nothing; jsonl and yaml print one part per source.
    assert run("extract", missing, "--format", "json") == (
        1,
        "",
        f"Error: {missing}: file not found\n",
    )
    for fmt in ("jsonl", "yaml"):
        assert run("extract", missing, missing + "2", "--format", fmt)[1] == ""


def test_parallel_jobs_give_the_same_output(tmp_path: Path, seed_path: Path) -> None:
    paths = []
    for i in range(4):
        paths.append(str(_write(tmp_path / f"a{i}.txt", seed_path.read_bytes())))
    _, serial, _ = run("extract", *paths, "--format", "jsonl", "--jobs", "1")
    _, parallel, _ = run("extract", *paths, "--format", "jsonl", "--jobs", "2")
    assert parallel == serial
    assert len(serial.splitlines()) == 4
    # 0: one process per available core, whatever their number.
    assert run("extract", *paths, "--format", "jsonl", "--jobs", "0") == (0, serial, "")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_every_text_format_is_the_same_in_parallel_and_holds_every_source(
    tmp_path: Path, seed_path: Path, fmt: str
) -> None:
    texts = [
        seed_path.read_bytes(),
        b"The company said profits rose 12% in 2023.\n",
        "Officials said 300 people were evacuated, according to Reuters.\n\n"
        "\u201cWe did all we could,\u201d the mayor said.\n".encode(),
        b"Is the bridge safe? Engineers say it is not.\n",
    ]
    paths = [str(_write(tmp_path / f"b{i}.txt", data)) for i, data in enumerate(texts)]
    paths.insert(2, str(tmp_path / "missing.txt"))
    code, serial, err = run("extract", *paths, "--format", fmt, "--all", "--jobs", "1")
    assert (code, err) == (1, f"Error: {tmp_path / 'missing.txt'}: file not found\n")
    assert run("extract", *paths, "--format", fmt, "--all", "--jobs", "2") == (code, serial, err)
    _, lines, _ = run("extract", *paths, "--format", "jsonl", "--all")
    expected = [json.loads(line) for line in lines.splitlines()]
    assert [d["document"]["source"] for d in expected] == [p for p in paths if "missing" not in p]
    parsed = {
        "json": lambda: json.loads(serial),
        "jsonl": lambda: expected,
        "yaml": lambda: list(yaml.safe_load_all(serial)),
    }[fmt]()
    assert parsed == expected


def test_yaml_and_json_agree(seed_path: Path) -> None:
    _, as_json, _ = run("extract", str(seed_path), "--format", "json", "--all")
    _, as_yaml, _ = run("extract", str(seed_path), "--format", "yaml", "--all")
    assert yaml.safe_load(as_yaml) == json.loads(as_json)


def test_unknown_format_is_a_usage_error(seed_path: Path) -> None:
    code, out, err = run("extract", str(seed_path), "--format", "xml")
    assert code == 2
    assert out == ""
    assert "--format" in err


def test_markup_and_escape_codes_in_articles_print_literally(tmp_path: Path) -> None:
    article = (
        "The minister said [red]spending[/red] rose by 40% in 2022, [link=http://evil.example]"
        "according to[/link] the treasury. Officials said \x1b[31mprices\x1b[0m fell 3% in May.\n"
    )
    path = _write(tmp_path / "markup.txt", article.encode())
    code, out, _ = run("--color", "always", "extract", str(path), "--format", "table")
    assert code == 0
    flat = " ".join(out.split())
    assert "[red]spending[/red]" in flat
    assert "[link=http://evil.example]" in flat
    assert "\x1b[31mprices" not in out
    assert "\\x1b[31mprices\\x1b[0m" in flat
    assert "\x1b]8;" not in out  # no terminal hyperlink was opened


def test_no_color_writes_no_escape_codes(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run("extract", str(seed_path), "--format", "table")
    assert code == 0
    assert "\x1b" not in out
    assert "c1" in out


PORT_ARTICLE = (
    "The harbour master, Dana Velmont, said on Monday that 40 ferries would stop running in "
    "May.\n\nPort spokesman Rik Aldana said the closure would cost 3 million euros.\n"
)


def test_one_source_shows_a_transient_status_line_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "port.txt").write_text(PORT_ARTICLE, encoding="utf-8")
    code, out, shown = with_stderr_on_a_terminal("extract", "port.txt", "-f", "json", cwd=tmp_path)
    assert code == 0
    assert out == run_cli("extract", "port.txt", "-f", "json", cwd=tmp_path).stdout
    assert "Extracting port.txt: writing 2 claims" in shown
    assert shown.endswith("\x1b[2K")  # erased when done


def test_progress_is_never_written_to_a_stderr_that_is_not_a_terminal(tmp_path: Path) -> None:
    # --color always forces colour, not a terminal: a log file would keep every redraw. Run in
    # this process, standard error is the runner's buffer: no terminal either.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PORT_ARTICLE, encoding="utf-8")
    for sources in (["a.txt"], ["a.txt", "b.txt"]):
        done = run_cli("--color", "always", "extract", *sources, "-f", "json", cwd=tmp_path)
        assert (done.returncode, done.stderr) == (0, "")
        assert len(done.stdout) > 100

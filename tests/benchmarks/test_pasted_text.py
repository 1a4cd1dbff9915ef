"""Tests for the benchmarks' browser copy of a page (benchmarks/pasted_text.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from shared_data import SHARED_DATA

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pasted_text", BENCHMARKS / "pasted_text.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = b"""<!DOCTYPE html><html><head><title>Ferry fares | Example</title>
<style>p { color: red }</style><script>var x = "not text";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div hidden>Hidden menu</div><span aria-hidden="true">Icon</span>
<div style="color: red; display: none">Cookie box</div>
<noscript>Turn on scripts</noscript><template><p>Template</p></template>
<svg><text>Drawing</text></svg>
<article><h1>Council raises   ferry <em>fares</em></h1>
<p>The council <a href="#">voted</a> on Tuesday.<br>Fares rise by 5 percent.</p>
<table><tr><td>Route</td><td>Fare</td></tr></table>
<p>   </p></article><footer>Terms &amp; Privacy</footer></body></html>"""


def test_a_page_is_copied_as_its_visible_blocks_one_line_each() -> None:
    assert _module().pasted_text(PAGE) == (
        "Home\nNews\nCouncil raises ferry fares\nThe council voted on Tuesday.\n"
        "Fares rise by 5 percent.\nRoute Fare\nTerms & Privacy\n"
    )


def test_an_xml_declaration_and_a_missing_body_are_read() -> None:
    page = b'<?xml version="1.0" encoding="utf-8"?><p>One</p><p>Two <b>three</b></p>'
    assert _module().pasted_text(page) == "One\nTwo three\n"


def test_benchmark_pages_pasted_as_text_keep_their_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Opt-in (needs ../shared/data): the figures of bench_pasted.py do not fall back."""
    if not (SHARED_DATA / "article-extraction-benchmark" / "ground-truth.json").is_file():
        pytest.skip(f"the benchmark pages are not in {SHARED_DATA}: see ../shared/data/README.md")
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the benchmark imports its neighbours
    spec = importlib.util.spec_from_file_location("bench_pasted", BENCHMARKS / "bench_pasted.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_pasted", bench)  # its dataclasses look it up
    spec.loader.exec_module(bench)
    pages = bench.read_pages(SHARED_DATA)
    counts = bench.tally(pages, bench.ours, tmp_path).counts
    assert counts["title agrees"] >= 160
    assert counts["leak"] <= 0.06 * counts["body"]
    assert counts["found"] >= 0.925 * counts["sentences"]
    assert counts["junk byline"] == 0
    assert counts["date off URL"] == 0

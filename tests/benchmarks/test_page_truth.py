"""Tests for the benchmarks' reading of pages from elsewhere (benchmarks/page_truth.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("page_truth", BENCHMARKS / "page_truth.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_pages_with_an_expected_text_are_read_with_their_address(tmp_path: Path) -> None:
    for folder in ("html", "txt", "metadata"):
        (tmp_path / folder).mkdir()
    (tmp_path / "html" / "b_page.html").write_bytes(b"<html><body><p>B</p></body></html>")
    (tmp_path / "txt" / "b_page.txt").write_text("Body of B.", encoding="utf-8")
    (tmp_path / "metadata" / "b_page.json").write_text(
        json.dumps({"url": "https://news.example/b"}), encoding="utf-8"
    )
    (tmp_path / "html" / "a_page.html").write_bytes(b"<html><body><p>A</p></body></html>")
    (tmp_path / "txt" / "a_page.txt").write_text("Body of A.", encoding="utf-8")
    # A text without its page, and a page without its text, are left out.
    (tmp_path / "txt" / "orphan.txt").write_text("No page.", encoding="utf-8")
    (tmp_path / "html" / "untexted.html").write_bytes(b"<html></html>")
    assert _module().pages_with_text(tmp_path) == [
        (
            "a_page",
            b"<html><body><p>A</p></body></html>",
            "https://example.org/a_page",
            "Body of A.",
        ),
        ("b_page", b"<html><body><p>B</p></body></html>", "https://news.example/b", "Body of B."),
    ]

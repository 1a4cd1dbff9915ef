"""Tests for stage ① ingest: what the bytes tell when nothing else does. A few stray NUL bytes in
a text, pages in legacy encodings that declare no charset, and a web page saved under a
plain-text name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import IngestError, IngestWarning
from factcheck.extract.ingest import decode_bytes, read_source

PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the minister said on Tuesday that exports rose {n % 40} percent in 2023,"
    " officials said.</p>\n"
    for n in range(60)
)
PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Minister says exports rose 12% in"
    " 2023</title></head><body><article><h1>Minister says exports rose 12% in 2023</h1>"
    f"{PARAGRAPHS}</article></body></html>"
).encode()
MIDDLE = len(PAGE) // 2


# --- stray NUL bytes --------------------------------------------------------------------------


def test_a_stray_nul_byte_in_a_page_is_dropped_with_a_warning(tmp_path: Path) -> None:
    # Was "binary file, not text (contains NUL bytes)": the whole article refused.
    clean = tmp_path / "clean.html"
    clean.write_bytes(PAGE)
    path = tmp_path / "page.html"
    path.write_bytes(PAGE[:MIDDLE] + b"\0" + PAGE[MIDDLE:])
    with pytest.warns(IngestWarning) as caught:
        document = read_source(str(path))
    assert [str(w.message) for w in caught] == [
        f"{path}: a NUL byte at offset {MIDDLE} was dropped"
    ]
    expected = read_source(str(clean))
    assert (document.text, document.title) == (expected.text, expected.title)


def test_a_few_nul_bytes_in_a_text_are_counted_in_the_warning() -> None:
    text = "The council said 300 people were evacuated on Tuesday. " * 100
    data = text.encode()
    with pytest.warns(IngestWarning) as caught:
        decoded = decode_bytes(data[:10] + b"\0" + data[10:2000] + b"\0\0" + data[2000:], "t.txt")
    assert decoded == text
    assert [str(w.message) for w in caught] == [
        "t.txt: 3 NUL bytes (first at offset 10) were dropped"
    ]


def test_nul_bytes_of_a_page_in_its_declared_encoding_are_dropped() -> None:
    page = PAGE.replace(b"charset='utf-8'", b"charset='windows-1252'").replace(
        b"officials", "officials’".encode("cp1252")
    )
    with pytest.warns(IngestWarning):
        decoded = decode_bytes(page[:MIDDLE] + b"\0" + page[MIDDLE:], "p.html", declared="cp1252")
    assert decoded == page.decode("cp1252")


@pytest.mark.parametrize(
    "data",
    [
        # One NUL in every 1,000 bytes or more is no stray.
        b"The council said 300 people were evacuated." * 20 + b"\0" * 1,
        (b"The council said 300 people were evacuated.\0" * 100),
        # The rest is not text in UTF-8: a binary file whose NUL bytes are few.
        bytes(range(1, 256)) * 40 + b"\0",
    ],
    ids=["one-in-880", "one-in-44", "binary"],
)
def test_data_with_more_than_a_few_nul_bytes_or_binary_around_them_is_refused(
    data: bytes,
) -> None:
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "x.bin")
    assert str(caught.value) == "x.bin: binary file, not text (contains NUL bytes)"


def test_a_stray_nul_in_a_windows_1252_text_is_dropped() -> None:
    text = "The minister\u2019s claim, \u201cfalse\u201d, was repeated. " * 40
    data = text.encode("cp1252")
    with pytest.warns(IngestWarning):
        assert decode_bytes(data[:500] + b"\0" + data[500:], "old.txt") == text


def test_the_nul_warning_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    from inprocess import run_cli

    path = tmp_path / "page.html"
    path.write_bytes(PAGE[:MIDDLE] + b"\0" + PAGE[MIDDLE:])
    done = run_cli("extract", "-f", "json", str(path), cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == f"Warning: {path}: a NUL byte at offset {MIDDLE} was dropped\n"
    assert "exports rose 12 percent" in done.stdout


# --- legacy encodings, no charset declared ----------------------------------------------------

ARABIC = (
    "<html><head><title>الوزير: الصادرات ارتفعت 12% في 2023</title></head><body><article>"
    "<h1>الوزير: الصادرات ارتفعت 12% في 2023</h1><p>قال وزير التجارة كارلوس أورتيغا يوم الثلاثاء"
    " إن الصادرات ارتفعت بنسبة 12 في المئة في عام 2023، وهو أسرع نمو منذ عقد.</p><p>وبحسب مكتب"
    " الإحصاء الوطني، شحنت البلاد بضائع بقيمة 41 مليار دولار العام الماضي.</p></article></body>"
    "</html>"
)
CHINESE = (
    "<html><head><title>部长称2023年出口增长12%</title></head><body><article><h1>部长称2023年出口"
    "增长12%</h1><p>贸易部长卡洛斯·奥尔特加周二表示，2023年出口增长了12%，是十年来最快的增长。</p>"  # noqa: RUF001
    "<p>据国家统计局称，该国去年出口商品价值410亿美元，高于2022年的366亿美元。</p></article>"  # noqa: RUF001
    "</body></html>"
)
JAPANESE = (
    "<html><head><title>大臣、2023年の輸出は12%増と発表</title></head><body><article><h1>大臣、"
    "2023年の輸出は12%増と発表</h1><p>貿易大臣のカルロス・オルテガ氏は火曜日、2023年の輸出が12％"  # noqa: RUF001
    "増加し、過去10年で最も速い伸びとなったと述べた。</p><p>国家統計局によると、昨年の輸出額は"
    "410億ドルだった。</p></article></body></html>"
)
RUSSIAN = (
    "Министр торговли заявил во вторник, что экспорт вырос на 12 процентов в 2023 году, "
    "что стало самым быстрым ростом за десятилетие.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARABIC, "windows-1256"),
        (CHINESE, "gb18030"),
        (JAPANESE, "shift_jis"),
        (RUSSIAN, "windows-1251"),
        (RUSSIAN, "koi8-r"),
    ],
)
def test_a_legacy_encoding_no_charset_declares_is_detected(text: str, encoding: str) -> None:
    # Arabic and Chinese were read as Windows-1252 ("ÇáæÒíÑ", "²¿³¤³Æ"); Shift_JIS was refused
    # as "binary file, not text (mostly control characters)".
    assert decode_bytes(text.encode(encoding), "page.html") == text


def test_a_page_in_a_legacy_encoding_gives_its_title_and_claims(tmp_path: Path) -> None:
    path = tmp_path / "ar.html"
    path.write_bytes(ARABIC.encode("windows-1256"))
    document = read_source(str(path))
    assert document.title == "الوزير: الصادرات ارتفعت 12% في 2023"
    assert "قال وزير التجارة كارلوس أورتيغا" in document.text


@pytest.mark.parametrize(
    "text",
    [
        "He said “no” – café.",
        "The café was closed, officials said on Tuesday. The naïve minister resigned.",
        "Größe Straße Übung Ärger. Der Minister sagte: „Die Exporte sind gestiegen“.",
        "¿Qué pasó? ¡El ministro dimitió! Año de la crisis, según el Gobierno.",
        # Symbols alone, which a detector takes for Cyrillic letters in mac_cyrillic.
        "Price: £12 ±3 ° ½ ¼ ¾ µ × ÷ ® ™ € • … ‰",
        # A curly apostrophe before a no-break space, which a detector read as Korean or Chinese.
        "The minister\u2019s\xa0claim is false, the agency said.",
        "The mayor\u2019s\xa0office said 40 people were hurt in the fire on Tuesday.",
        "\u201cWe\u2019re\xa0done,\u201d she said.\xa0\u2014\xa0It\u2019s\xa0over\u2026 " * 6,
    ],
)
def test_western_text_is_still_read_as_windows_1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "old.txt") == text


def test_a_declared_charset_is_not_second_guessed() -> None:
    data = RUSSIAN.encode("windows-1251")
    assert decode_bytes(data, "notes.txt", declared="windows-1252") == data.decode("cp1252")


def test_importing_ingest_does_not_load_the_charset_detector() -> None:
    code = "import sys, factcheck.extract.ingest; print('charset_normalizer' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "False\n"


# --- a page saved as .txt ---------------------------------------------------------------------

STORY = """\
{opening}<html><head><meta charset="utf-8"><title>Minister says exports rose 12% in 2023</title>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<h1>Minister says exports rose 12% in 2023</h1>
<p class="byline">By Jane Smith</p>
<p>The trade minister, Carlos Ortega, said on Tuesday that exports rose 12 percent in 2023.</p>
<p>Opposition leader Maria Lopez disputed the figures, saying inflation explained the rise.</p>
</article></body></html>
"""


def test_a_page_saved_as_txt_in_utf_16_is_read_as_a_page(tmp_path: Path) -> None:
    # The bytes' opening showed no page: it was read as text, markup and all.
    path = tmp_path / "story.txt"
    path.write_text(STORY.format(opening="<!doctype html>"), encoding="utf-16")
    document = read_source(str(path))
    assert document.title == "Minister says exports rose 12% in 2023"
    assert "<" not in document.text


@pytest.mark.parametrize(
    "opening", ["<!doctype html>", "\ufeff  \n<!DOCTYPE HTML>", "", "\n<HTML lang=en>"]
)
def test_a_page_saved_as_txt_is_read_as_a_page(tmp_path: Path, opening: str) -> None:
    # Was read as plain text: markup offered as claims, no title, no byline.
    page = STORY.format(opening=opening)
    if opening.startswith("\n<HTML"):
        page = page.replace("<html>", "", 1)
    path = tmp_path / "story.txt"
    path.write_text(page, encoding="utf-8")
    document = read_source(str(path))
    piped = tmp_path / "story"
    piped.write_text(page, encoding="utf-8")
    assert (document.text, document.title, document.byline) == (
        read_source(str(piped)).text,
        "Minister says exports rose 12% in 2023",
        "Jane Smith",
    )
    assert "<" not in document.text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # A plain text that opens with markup other than a document's start stays text.
        ("notes.txt", "<title> is the tag a page's name goes in, the trainer said.\n"),
        ("notes.txt", "The minister said <html> pages load faster.\n"),
        # Opens like a page, but holds no head, body or end of one.
        ("notes.txt", "<html> tags are used to start a page, the teacher said on Tuesday.\n"),
    ],
)
def test_a_text_file_that_only_mentions_markup_stays_text(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_source(str(path)).text == text


def test_a_markdown_file_opening_with_a_doctype_stays_markdown(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("<!doctype html>\n\n# Exports rose\n\nThe minister said so.\n")
    document = read_source(str(path))
    assert document.provenance == ()
    assert "The minister said so." in document.text

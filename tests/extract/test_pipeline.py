"""The extract pipeline for one source: the stages it tells as it goes."""

from __future__ import annotations

from pathlib import Path

from factcheck.extract.batch import BatchOptions, extract_one
from factcheck.extract.pipeline import Stage, extract
from factcheck.render.extract import render_piece, stage_line

ARTICLE = (
    "The harbour master, Dana Velmont, said on Monday that 40 ferries would stop running in "
    "May.\n\nPort spokesman Rik Aldana said the closure would cost 3 million euros.\n"
)


def test_each_stage_is_told_once_in_order_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    told: list[tuple[Stage, int]] = []
    extraction = extract(str(path), on_stage=lambda stage, count: told.append((stage, count)))
    assert told == [
        (Stage.READING, 0),
        (Stage.SEGMENTING, len(extraction.document.text)),
        (Stage.CLAIMS, len(extraction.segments)),
        (Stage.FACTCHECKS, len(extraction.claims)),
    ]
    assert len(extraction.claims) == 2
    assert extraction == extract(str(path))  # listening changes nothing


def test_a_batch_renderer_is_told_as_writing(tmp_path: Path) -> None:
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    told: list[Stage] = []
    options = BatchOptions(render=lambda extraction: render_piece(extraction, fmt="json"))
    outcome = extract_one(str(path), options, on_stage=lambda stage, _: told.append(stage))
    assert told == [Stage.READING, Stage.SEGMENTING, Stage.CLAIMS, Stage.FACTCHECKS, Stage.WRITING]
    assert outcome.text == extract_one(str(path), options).text


def test_stage_lines_say_what_is_being_done() -> None:
    lines = [
        stage_line("big.txt", Stage.READING, 0).plain,
        stage_line("-", Stage.SEGMENTING, 52_428_800).plain,
        stage_line("big.txt", Stage.CLAIMS, 310_452).plain,
        stage_line("big.txt", Stage.FACTCHECKS, 2_104).plain,
        stage_line("[bold]x\x1b.txt", Stage.WRITING, 1).plain,
        stage_line("two\nlines.txt", Stage.READING, 0).plain,  # a status line stays one line
    ]
    assert lines == [
        "Extracting big.txt: reading",
        "Extracting standard input: splitting 52,428,800 characters into sentences",
        "Extracting big.txt: finding the claims among 310,452 pieces of text",
        "Extracting big.txt: matching 2,104 claims on known fact-checks",
        "Extracting [bold]x\\x1b.txt: writing 1 claim",
        "Extracting two\\nlines.txt: reading",
    ]

"""A JSON Lines piece is json.dumps of the extraction's data on one line, whatever the text."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.extract.pipeline import extract
from factcheck.render.extract import extraction_dict, render_piece

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"


def test_a_jsonl_piece_is_the_data_as_json_dumps_writes_it(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text(
        'The "minister" said 5\u00a0% of 日本\'s \\ budget \u2028 went to </script> 😀.\n'
        "Officials said \x1b[31m prices rose by 3.5% in 2021, the ministry said.\n",
        encoding="utf-8",
    )
    for source in (SEED, odd):
        extraction = extract(str(source))
        for segments in (False, True):
            data = extraction_dict(extraction, include_segments=segments)
            # As json.dumps writes it, with the line separator escaped: one record, one line.
            expected = json.dumps(data, ensure_ascii=False).replace("\u2028", "\\u2028") + "\n"
            assert render_piece(extraction, "jsonl", include_segments=segments) == expected

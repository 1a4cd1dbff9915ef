"""Tests for stage ② segment: glue repair, sentences, blocks, furniture and metadata."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import SegmentError
from factcheck.extract.segment import (
    find_glued_boundaries,
    parse_date,
    segment_document,
    split_blocks,
    split_sentences,
)
from factcheck.models import Document, Segment, SegmentKind

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "segment"
GOLD = REPO / "benchmarks" / "segmentation_cases.yaml"

TITLE = SegmentKind.TITLE
DATELINE = SegmentKind.DATELINE
BYLINE = SegmentKind.BYLINE
CAPTION = SegmentKind.CAPTION
CREDIT = SegmentKind.CREDIT
RELATED = SegmentKind.RELATED
TAGS = SegmentKind.TAGS
STATEMENT = SegmentKind.STATEMENT
QUESTION = SegmentKind.QUESTION


def _doc(text: str, **meta: str) -> Document:
    return Document(source="test", text=text, sha256="0" * 64, **meta)


def _kinds(text: str) -> list[tuple[SegmentKind, str]]:
    return [(seg.kind, seg.text) for seg in segment_document(_doc(text))[1]]


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# --- the seed article, end to end ----------------------------------------------------------------

# The standfirst ("On May 20, Netanyahu showed ...") is a STATEMENT, not a caption: it sits between
# the repeated headline and the byline as the article's deck, no credit follows it, and it carries
# a claim (Netanyahu's drone shown as evidence against Iran) that a reviewer must be able to check.
SEED_SEGMENTS = [
    (TITLE, "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room"),
    (DATELINE, "May 31, 2021"),
    (
        CAPTION,
        "Iranian missiles headed towards Hamas in Gaza were intercepted by the Israeli navy in "
        "March 2014.",
    ),
    (CREDIT, "(IDF)"),
    (CREDIT, "(IDF)"),
    (TITLE, "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room"),
    (
        STATEMENT,
        "On May 20, Netanyahu showed the German foreign minister an Iranian drone that was downed "
        "by the IDF as evidence that “the true backer of much of this aggression is Iran.”",
    ),
    (BYLINE, "By Sharon Wrobel, The Algemeiner"),
    (
        STATEMENT,
        "Senior leaders of the Gaza Strip-ruling Hamas terrorist organization and the Palestinian "
        "Islamic Jihad (PIJ) worked reportedly in close coordination with Iran’s Islamic "
        "Revolutionary Guard Corps (IRGC) and the Hezbollah to discuss military operations during "
        "the 11 days of fighting with Israel.",
    ),
    (
        STATEMENT,
        "The editor-in-chief of the Lebanese daily Al-Akhbar, Ibrahim Al-Amin, said during an "
        "interview with Hezbollah-operated Al-Manar TV that the IRGC, Hezbollah and Hamas set up a "
        "joint military operations room in Beirut during the May hostilities in Israel and the "
        "Gaza Strip.",
    ),
    (
        STATEMENT,
        "The channel’s report said that Al-Amin claimed “officers from Hezbollah, IRGC, and Hamas "
        "coordinated the military confrontation in Gaza” and “the Commander of IRGC’s Al-Quds "
        "Force, General Esmail Qaani, visited Lebanon twice to attend the chamber meetings.”",
    ),
    (
        STATEMENT,
        "According to a May 27 analysis by the Meir Amit Intelligence and Terrorism Information "
        "Center, Qaani discussed the fighting between Israel and the Palestinians in a phone "
        "conversation with Hamas head Ismail Haniyeh.",
    ),
    (
        STATEMENT,
        "The IRGC general praised the acts of “resistance” against the “Zionists” and emphasized "
        "Iran’s support for the Palestinians in light of the “aggression and crimes of the Zionist "
        "enemy in Jerusalem and Gaza.”",
    ),
    (
        STATEMENT,
        "Qa’ani also spoke to PIJ secretary general Ziad al-Nakhleh and stressed that Iran is "
        "standing by the Palestinians who are defending their land and their rights.",
    ),
    (RELATED, "Read IDF confirms death of Hezbollah executive council chief"),
    (
        STATEMENT,
        "Al-Akhbar’s Al-Amin asserted that the Hezbollah sent weaponry and ammunition to Gaza and "
        "helped to move a number of “Palestinian Resistance officers” out of the battle zone "
        "during the conflict.",
    ),
    (
        STATEMENT,
        "Additionally, the military hub in Beirut provided Palestinian factions with data about "
        "the movements of the Israeli military, while drones were used, Al-Amin claimed, to "
        "prevent an “ambush” by the “enemy” on Hamas fighters near the Gaza border.",
    ),
    (
        STATEMENT,
        "Meanwhile, on May 20, Prime Minister Benjamin Netanyahu showed German Foreign Minister "
        "Heiko Maas during his visit to Israel an Iranian drone that had been downed by the Israel "
        "Defense Forces in the Beit Shean area, as evidence that “the true backer of much of this "
        "aggression is Iran.”",
    ),
    (
        STATEMENT,
        "According to Netanyahu, “Iran sent an armed drone from Iraq or Syria,” which Israeli "
        "forces intercepted on the border between Israel and Jordan.",
    ),
    (
        STATEMENT,
        "The analysis by the Meir Amit Intelligence and Terrorism Information Center also showed "
        "that senior Iranian officials have been keeping a close rapport with the leaders of Hamas "
        "and the PIJ to express support as the ceasefire with Israel came into effect on May 21.",
    ),
    (
        STATEMENT,
        "At the end of the fighting, Qaani sent congratulating messages to head of Hamas’ military "
        "wing Mohammad Deif and to PIJ’s Commander of the military wing, Akram al-Ajouri and "
        "“proclaimed that through their unity and perseverance, they were able to destroy the "
        "pridefulness of the Israeli Army and proved that they are capable of inflicting heavy "
        "losses to it, making the enemy experience the taste of horror and defeat.”",
    ),
    (RELATED, "Read 2 Israeli reserve soldiers killed in northern fighting"),
    (
        STATEMENT,
        "Going forward, Qaani reaffirmed that Iran will continue its support for the Palestinians "
        "until the destruction of the “Zionist regime.”",
    ),
    (
        STATEMENT,
        "Others who congratulated Haniyeh for the Palestinians “victories” included Ali Akbar "
        "Velayati, a top adviser to Iran’s supreme leader, Ayatollah Ali Khamenei.",
    ),
    (
        STATEMENT,
        "Hamas’ Haniyeh updated Khamenei on the fighting between Israel and the Palestinians and "
        "asked for support to rally the Muslim, Arab and international community to stop the "
        "“enemies of the Zionist enemy.”",
    ),
    (
        STATEMENT,
        "Following the ceasefire, Khamenei issued a statement to the Palestinians in which he "
        "congratulated them for their “victory of the Zionist regime,” which he claimed “had to "
        "concede its defeat.”",
    ),
    (
        STATEMENT,
        "The Iranian leader urged Muslim governments to provide the Palestinians with military and "
        "financial assistance and help them in rebuilding the infrastructure and destruction in "
        "Gaza.",
    ),
    (
        STATEMENT,
        "He warned that “preparation for the fight is ongoing” and that the decision when to start "
        "and end the conflicts lies with the Palestinian leadership.",
    ),
    (TAGS, "Gaza conflict"),
    (TAGS, "Hamas"),
    (TAGS, "Hezbollah"),
    (TAGS, "Iran proxies"),
    (TAGS, "Iranian threat"),
    (TAGS, "Operation Guardian of the Walls"),
]


def test_seed_segments_are_the_whole_expected_list() -> None:
    assert _kinds(SEED.read_text(encoding="utf-8")) == SEED_SEGMENTS


def test_seed_segments_are_exact_slices_in_one_block() -> None:
    text = SEED.read_text(encoding="utf-8")
    _, segments = segment_document(_doc(text))
    assert all(seg.text == text[seg.start : seg.end] for seg in segments)
    assert {seg.block for seg in segments} == {0}


def test_seed_metadata_is_filled_from_the_text() -> None:
    doc, _ = segment_document(_doc(SEED.read_text(encoding="utf-8")))
    assert (doc.title, doc.published, doc.byline, doc.outlet) == (
        "Report: Hamas coordinated Gaza war with Iran, Hezbollah in joint military room",
        "2021-05-31",
        "Sharon Wrobel",
        "The Algemeiner",
    )


def test_metadata_already_present_wins() -> None:
    text = SEED.read_text(encoding="utf-8")
    given_meta = {
        "title": "Hamas, Iran ran Gaza war from Beirut | The Algemeiner",
        "published": "2021-06-01",
        "byline": "S. Wrobel",
        "outlet": "algemeiner.com",
    }
    doc, segments = segment_document(_doc(text, **given_meta))
    assert {k: getattr(doc, k) for k in given_meta} == given_meta
    assert [seg.kind for seg in segments][:2] == [TITLE, DATELINE]


def test_known_title_marks_its_repetition_in_the_text() -> None:
    text = "Talks collapse in Doha\nNegotiators left on Friday. Talks collapse in Doha"
    _, segments = segment_document(_doc(text, title="Talks collapse in Doha | Example News"))
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, "Talks collapse in Doha"),
        (STATEMENT, "Negotiators left on Friday."),
        (TITLE, "Talks collapse in Doha"),
    ]


def test_title_case_first_paragraph_with_a_full_stop_is_the_headline() -> None:
    text = (
        "Harbour Council Says Ferry Fares Will Rise for the Third Year.\n\n"
        "The council voted on Tuesday. Fares rise in May, the treasurer said."
    )
    doc, segments = segment_document(_doc(text))
    assert doc.title == "Harbour Council Says Ferry Fares Will Rise for the Third Year."
    assert dict(doc.provenance) == {"title": "text"}
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, "Harbour Council Says Ferry Fares Will Rise for the Third Year."),
        (STATEMENT, "The council voted on Tuesday."),
        (STATEMENT, "Fares rise in May, the treasurer said."),
    ]


@pytest.mark.parametrize(
    "first",
    [
        # A sentence: lowercase words that a headline would capitalise.
        "Harbour Council says ferry fares will rise for the third year.",
        # Too few words to tell a headline from a short sentence.
        "Fares Rise Again.",
    ],
)
def test_first_paragraph_that_is_a_sentence_stays_in_the_body(first: str) -> None:
    text = f"{first}\n\nThe council voted on Tuesday."
    doc, segments = segment_document(_doc(text))
    assert doc.title is None
    assert [s.text for s in segments if s.kind is TITLE] == []
    assert segments[0].text == first


def test_a_first_sentence_of_chinese_or_japanese_stays_in_the_body() -> None:
    # Each ends at its own full stop: a sentence, not a headline, whatever its words.
    first = "市議会は火曜日、橋の補修に四千八百万ポンドかかると発表した。"
    quoted = "「工事は三月に始まる。」"
    text = f"{first}点検で腐食が見つかった。\n\n{quoted}\n\n市長は記者会見で説明した。"
    doc, segments = segment_document(_doc(text))
    assert doc.title is None
    assert [(s.kind, s.text) for s in segments] == [
        (STATEMENT, first),
        (STATEMENT, "点検で腐食が見つかった。"),
        (STATEMENT, quoted),
        (STATEMENT, "市長は記者会見で説明した。"),
    ]


@pytest.mark.parametrize(
    "stamp",
    [
        "2023/11/17 20:52",
        "2023.11.17 20:52",
        "2023\u5e7411\u670817\u65e5 20:52",
        "2023-11-17 20:52:15",
        "2023-11-17T20:52:15Z",
        "2023-11-17T20:52:15+01:00",
        "2023-11-17 20:52:15.250",
    ],
)
def test_a_time_stamp_with_seconds_under_the_headline_is_its_date(stamp: str) -> None:
    # Year first, as East Asian sites print it; ISO 8601 with seconds, a "T" between day and
    # time, the offset from UTC.
    body = "The harbour board voted on Tuesday to raise ferry fares by five percent."
    doc, segments = segment_document(_doc(f"Harbour Ferry Fares Rise Again\n{stamp}\n{body}"))
    assert (doc.title, doc.published) == ("Harbour Ferry Fares Rise Again", "2023-11-17")
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, "Harbour Ferry Fares Rise Again"),
        (DATELINE, stamp),
        (STATEMENT, body),
    ]


@pytest.mark.parametrize(
    ("line", "dateline", "published"),
    [
        # one name or two, then the date: the date is the story's
        ("LinkNaija October 06, 2018", "October 06, 2018", "2018-10-06"),
        ("Jane Roe November 17, 2023", "November 17, 2023", "2023-11-17"),
        # a word that governs the date: a headline's words, no date of the story
        ("Since October 6, 2018", None, None),
    ],
)
def test_a_date_after_a_name_under_the_headline_is_its_date(
    line: str, dateline: str | None, published: str | None
) -> None:
    body = "The harbour board voted on Tuesday to raise ferry fares by five percent."
    doc, segments = segment_document(_doc(f"Harbour Ferry Fares Rise Again\n{line}\n{body}"))
    assert doc.published == published
    assert [s.text for s in segments if s.kind is DATELINE] == ([dateline] if dateline else [])


def test_a_chinese_headline_its_stamp_and_its_source() -> None:
    # No capitals to open the headline; the source after the stamp, with a full-width colon.
    headline = "短缺药品保供稳价 全力保障临床用药需求"
    body = (
        "新华社北京11月17日电 记者17日从国家卫生健康委获悉。"
        "据了解\uff0c短缺药品信息监测共享正在推进。"
    )
    text = f"{headline}\n2023-11-17 20:52:15 来源\uff1a 新华网\n{body}"
    doc, segments = segment_document(_doc(text))
    assert (doc.title, doc.published) == (headline, "2023-11-17")
    assert [(s.kind, s.text) for s in segments] == [
        (TITLE, headline),
        (DATELINE, "2023-11-17 20:52:15"),
        (SegmentKind.CREDIT, "来源\uff1a 新华网"),
        (STATEMENT, "新华社北京11月17日电 记者17日从国家卫生健康委获悉。"),
        (STATEMENT, "据了解\uff0c短缺药品信息监测共享正在推进。"),
    ]


def test_title_case_sentence_inside_a_paragraph_is_not_a_headline() -> None:
    text = "Harbour Council Says Ferry Fares Will Rise. The council voted on Tuesday.\n\nMore."
    doc, segments = segment_document(_doc(text))
    assert doc.title is None
    assert segments[0].kind is not TITLE
    assert segments[0].text == "Harbour Council Says Ferry Fares Will Rise."


# --- glue repair ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("May 31, 2021Iranian missiles", ["May 31, 2021", "Iranian missiles"]),
        ("joint military roomOn May 20, he", ["joint military room", "On May 20, he"]),
        (
            "By Sharon Wrobel, The AlgemeinerSenior leaders",
            ["By Sharon Wrobel, The Algemeiner", "Senior leaders"],
        ),
        ("council chiefAl-Akhbar’s Al-Amin said", ["council chief", "Al-Akhbar’s Al-Amin said"]),
        ("(IDF)(IDF)Report: Hamas", ["(IDF)", "(IDF)", "Report: Hamas"]),
        ("of this aggression is Iran.”By Sharon", ["of this aggression is Iran.”", "By Sharon"]),
        ("with Israel.The editor", ["with Israel.", "The editor"]),
        (
            "Gaza conflictHamasHezbollahIran proxiesIranian threatOperation Guardian of the Walls",
            [
                "Gaza conflict",
                "Hamas",
                "Hezbollah",
                "Iran proxies",
                "Iranian threat",
                "Operation Guardian of the Walls",
            ],
        ),
        ("Will it hold?Few think so.", ["Will it hold?", "Few think so."]),
        ("It rained…Then it stopped.", ["It rained…", "Then it stopped."]),
        ("The talks ended.(Both left.)Go.", ["The talks ended.", "(Both left.)", "Go."]),
        ('I said,"Go home."Then he left.', ['I said,"Go home."', "Then he left."]),
        ('He left."The end is near," she said.', ["He left.", '"The end is near," she said.']),
        ('He said "it is over"The next day', ['He said "it is over"', "The next day"]),
        ("He said ‘no.’The end.", ["He said ‘no.’", "The end."]),
        # straight single quotes: one that closes the sentence, and one that opens the next
        ("the 'best year yet.'Then he left.", ["the 'best year yet.'", "Then he left."]),
        ("He left.'Go home,' she said.", ["He left.", "'Go home,' she said."]),
        ("the death toll was 12.The count", ["the death toll was 12.", "The count"]),
        ("Updated 12:03 PM, June 4, 2024By Jane", ["Updated 12:03 PM, June 4, 2024", "By Jane"]),
        ("By Jane Doe, CNNKyiv’s air defenses", ["By Jane Doe, CNN", "Kyiv’s air defenses"]),
        ("in the roomIDF said", ["in the room", "IDF said"]),
        ("power gridA firefighter works", ["power grid", "A firefighter works"]),
        ("World War IIAfter the war", ["World War II", "After the war"]),
        ("GMT+1Updated 2 hours ago", ["GMT+1", "Updated 2 hours ago"]),
        ("as the report said [1]The next day", ["as the report said [1]", "The next day"]),
        ("fares rose 4%.[12–14]The mayor", ["fares rose 4%.[12–14]", "The mayor"]),
        ("built 1901.[citation needed]The hall", ["built 1901.[citation needed]", "The hall"]),
        ("fares rose.[a][3]Then they fell", ["fares rose.[a][3]", "Then they fell"]),
        ("Early years[edit]The town grew", ["Early years[edit]", "The town grew"]),
    ],
)
def test_glued_boundaries_are_split(text: str, pieces: list[str]) -> None:
    assert _sentences(text) == pieces


@pytest.mark.parametrize(
    "text",
    [
        "McDonald MacArthur McCain McKinsey MacKenzie DeSantis DeVos DiCaprio LaGuardia LeBron",
        "iPhone iPad iOS macOS watchOS eBay YouTube PlayStation LinkedIn WhatsApp PayPal FedEx",
        "al-Nakhleh al-Ajouri Al-Akhbar Al-Amin Qa’ani O’Brien D’Alessandro IRGC’s Hamas’ leader",
        "O'Neill met D'Angelo and N'Golo at the U.S.'s embassy; rock 'n' roll.",
        "He holds a PhD from Yale and a Ph.D. from Oxford; PhDs and MBAs applied.",
        "The U.S.A. and the U.K. met at 5 p.m. with J.R.R. Tolkien fans and e.g. NATO.",
        "Rates rose 3.5% to $2.50 in version 2.0.1 of ASP.NET and Node.js.",
        "See https://example.com/A.Html?Q=1 or mail Tips@Example.Org or www.Example.Com/Page.",
        "#BlackLivesMatter trended; @JoeBiden replied; document.querySelector(x) failed.",
        "The F-35A, the B-52s, COVID-19, 5G, 4K and 10Gbps links; the iPhone 15Pro.",
        "NBCUniversal, JPMorgan and USA Today; CEOs and IDs; Henry VIII.",
        "The agency [reported](https://example.org/r) that exports rose, citing [a memo](Memo).",
        "The log shows [bold red]WARNING, then [b]Note and [Photo: Ann Lee/Wire]The ferry.",
        "Both [the first draft][draft]Two and [2nd]Floor stay, as does [ x ]Y.",
    ],
)
def test_names_and_tokens_are_not_broken(text: str) -> None:
    assert find_glued_boundaries(text) == []


def test_glued_boundaries_are_offsets_into_the_whole_text() -> None:
    text = "xx Israel.The editor, roomOn May 20"
    assert find_glued_boundaries(text, 3) == [text.index("The"), text.index("On May")]
    assert find_glued_boundaries(text, 3, text.index("The")) == []


# --- sentences -------------------------------------------------------------------------------


def test_split_sentences_respects_the_range_and_returns_whole_text_offsets() -> None:
    text = "Skip this. Dr. Haddad spoke. She left.Then it rained. Skip that."
    start, end = text.index("Dr."), text.index(" Skip that")
    assert [text[a:b] for a, b in split_sentences(text, start, end)] == [
        "Dr. Haddad spoke.",
        "She left.",
        "Then it rained.",
    ]


@pytest.mark.parametrize(("start", "end"), [(-1, None), (5, 2), (0, 999)])
def test_split_sentences_rejects_a_range_outside_the_text(start: int, end: int | None) -> None:
    with pytest.raises(SegmentError, match=r"^range .* is outside the text \(length 11\)$"):
        split_sentences("Short text.", start, end)


def test_split_sentences_of_empty_or_blank_text_is_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_unicode_spaces_before_a_period_do_not_crash_the_splitter() -> None:
    text = "Mr A\u00a0. said so. Then B\u2009. left.\u3000Fine."
    assert _sentences(text) == ["Mr A\u00a0. said so.", "Then B\u2009. left.", "Fine."]


class PanicException(BaseException):
    """Stands in for the exception a panic in sentencex's Rust code raises."""


def test_a_panic_in_sentencex_falls_back_to_punctuation(monkeypatch: pytest.MonkeyPatch) -> None:
    def panic(language: str, text: str) -> list[str]:
        raise PanicException("byte index is not a char boundary")

    monkeypatch.setattr("factcheck.extract.segment_sentences.sentencex.segment", panic)
    assert _sentences("Hamas fired rockets. Israel struck back!  Talks? None.") == [
        "Hamas fired rockets.",
        "Israel struck back!",
        "Talks?",
        "None.",
    ]


def _gold_cases() -> list[dict[str, object]]:
    with GOLD.open(encoding="utf-8") as fh:
        cases: list[dict[str, object]] = yaml.safe_load(fh)["cases"]
    return cases


def test_gold_set_accuracy_is_at_least_pysbds() -> None:
    cases = _gold_cases()
    assert len(cases) >= 150
    with warnings.catch_warnings():
        # pysbd's sources hold invalid escape sequences, reported when they are first compiled.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    ours = theirs = 0
    for case in cases:
        text = str(case["text"])
        ours += _sentences(text) == case["sentences"]
        theirs += [s.strip() for s in segmenter.segment(text) if s.strip()] == case["sentences"]
    assert ours >= theirs
    assert ours / len(cases) >= 0.97


# --- blocks --------------------------------------------------------------------------------------


def test_lines_are_blocks_and_wrapped_paragraphs_are_joined() -> None:
    text = (FIXTURES / "hard-wrapped-paragraphs.txt").read_text(encoding="utf-8")
    blocks = [text[a:b] for a, b in split_blocks(text)]
    assert len(blocks) == 3
    assert blocks[0] == "Hamas and Iran coordinated the Gaza war, report says"
    assert blocks[1].startswith("The editor-in-chief") and blocks[1].endswith("fighting.")


def test_a_line_continuing_in_lowercase_is_the_same_block() -> None:
    text = "The strike hit the tower and\nthe school next to it. Nobody was hurt.\nPolice came."
    assert [text[a:b] for a, b in split_blocks(text)] == [
        "The strike hit the tower and\nthe school next to it. Nobody was hurt.",
        "Police came.",
    ]


# --- furniture from other outlets' page styles ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_outlet_styles_segment_into_the_expected_whole_list(name: str) -> None:
    with (FIXTURES / f"{name}.expected.yaml").open(encoding="utf-8") as fh:
        expected = yaml.safe_load(fh)
    doc, segments = segment_document(_doc((FIXTURES / f"{name}.txt").read_text(encoding="utf-8")))
    meta = expected["metadata"]
    assert (doc.title, doc.byline, doc.outlet, doc.published) == (
        meta["title"],
        meta["byline"],
        meta["outlet"],
        meta["published"],
    )
    assert [[seg.kind.value, seg.text] for seg in segments] == expected["segments"]


def test_a_single_sentence_alone_is_a_body_sentence() -> None:
    assert _kinds("Unemployment fell to 3.5% in 2019.") == [
        (STATEMENT, "Unemployment fell to 3.5% in 2019.")
    ]
    assert _kinds("Rockets were fired from Gaza on Monday") == [
        (STATEMENT, "Rockets were fired from Gaza on Monday")
    ]
    doc, _ = segment_document(_doc("Unemployment fell to 3.5% in 2019."))
    assert (doc.title, doc.byline, doc.outlet, doc.published) == (None, None, None, None)


def test_questions_are_told_from_statements() -> None:
    assert _kinds("Is the truce holding? Few think so. She asked, “Why now?”") == [
        (QUESTION, "Is the truce holding?"),
        (STATEMENT, "Few think so."),
        (QUESTION, "She asked, “Why now?”"),
    ]


def test_body_sentences_that_look_like_furniture_stay_body() -> None:
    text = (
        "By Tuesday, the toll had risen to 40. Read the full report here. "
        "May 31, 2021 was the worst day. The ceasefire took effect on May 21, 2021"
    )
    assert [kind for kind, _ in _kinds(text)] == [STATEMENT] * 4


@pytest.mark.parametrize(
    "line",
    [
        "More than 100 people were killed in the strikes.",
        "Also on Tuesday, the army withdrew from the town.",
        "Most read newspapers still print on Sundays.",
        "Popular on campus, the dean resigned in June.",
        "Rockets were fired from Gaza on Monday [1]",
        "More-restrictive voting laws take effect in 17 states",
    ],
)
def test_sentences_opening_like_a_label_stay_body(line: str) -> None:
    text = f"Hamas fired rockets at Israel on Monday.\n{line}\nIsrael struck back on Tuesday."
    assert [kind for kind, _ in _kinds(text)] == [STATEMENT] * 3


def test_a_video_players_controls_are_furniture_and_sentences_about_video_are_not() -> None:
    controls = (
        "Video Player is loading.Play VideoPlayMuteCurrent Time 0:00/Duration 0:00Loaded: 0%"
        "Stream Type LIVESeek to live, currently playing liveLIVERemaining Time -0:00 1x"
        "Playback RateChaptersChaptersDescriptionsdescriptions off, selectedCaptionscaptions"
        " settings, opens captions settings dialogcaptions off, selectedAudio Track"
        "FullscreenThis is a modal window."
    )
    text = f"Police released a video of the arrest.\n{controls}\nThe video shows two officers."
    kinds = _kinds(text)
    assert kinds[0] == (STATEMENT, "Police released a video of the arrest.")
    assert kinds[-1] == (STATEMENT, "The video shows two officers.")
    assert "".join(kinds[i][1] for i in range(1, len(kinds) - 1)).replace(
        " ", ""
    ) == controls.replace(" ", "")
    assert {kind for kind, _ in kinds[1:-1]} == {RELATED}
    for sentence in (
        "The duration of the playback was short, the mayor said.",
        "Captions, subtitles and audio descriptions are required by law, the agency said.",
    ):
        assert _kinds(sentence) == [(STATEMENT, sentence)]


def test_interface_labels_with_counts_are_furniture() -> None:
    assert _kinds("Israel struck back on Tuesday.\n12 Comments") == [
        (STATEMENT, "Israel struck back on Tuesday."),
        (RELATED, "12 Comments"),
    ]


def test_a_sentence_with_its_source_in_brackets_stays_body() -> None:
    assert _kinds("One poll shows the senator 16 points ahead in Indiana. [IPFW]") == [
        (STATEMENT, "One poll shows the senator 16 points ahead in Indiana."),
        (STATEMENT, "[IPFW]"),
    ]


def test_interface_labels_after_the_body_are_furniture() -> None:
    assert _kinds("Israel struck back on Tuesday.\nShare | Comments\n\nCareers") == [
        (STATEMENT, "Israel struck back on Tuesday."),
        (RELATED, "Share | Comments"),
        (STATEMENT, "Careers"),
    ]
    assert _kinds("Israel struck back on Tuesday.\n\nimmunology") == [
        (STATEMENT, "Israel struck back on Tuesday."),
        (TAGS, "immunology"),
    ]


@pytest.mark.parametrize(
    "line",
    ["https://cdn.example.org/images/2019/bridge-at-dusk.jpg", "copyright Example Media 2019"],
)
def test_image_addresses_and_copyright_lines_are_credits(line: str) -> None:
    text = f"Hamas fired rockets at Israel on Monday.\n{line}\nIsrael struck back on Tuesday."
    assert _kinds(text) == [
        (STATEMENT, "Hamas fired rockets at Israel on Monday."),
        (CREDIT, line),
        (STATEMENT, "Israel struck back on Tuesday."),
    ]


def test_a_subheading_in_capitals_inside_the_body_stays_body() -> None:
    text = (
        "Hamas fired rockets at Israel on Monday.\n"
        "WHO WILL LEAD THE TALKS?\n"
        "Israel struck back on Tuesday.\n"
        "SHARE THIS\n"
        "The war began in October."
    )
    assert _kinds(text) == [
        (STATEMENT, "Hamas fired rockets at Israel on Monday."),
        (QUESTION, "WHO WILL LEAD THE TALKS?"),
        (STATEMENT, "Israel struck back on Tuesday."),
        (TITLE, "SHARE THIS"),
        (STATEMENT, "The war began in October."),
    ]


def test_a_subheading_inside_the_body_stays_body_unless_it_is_a_short_label() -> None:
    text = (
        "Truce talks resume\n"
        "Hamas fired rockets at Israel on Monday.\n"
        "Shelters stretched by winter demand and short staff\n"
        "Israel struck back on Tuesday.\n"
        "Background\n"
        "The war began in October."
    )
    assert _kinds(text) == [
        (TITLE, "Truce talks resume"),
        (STATEMENT, "Hamas fired rockets at Israel on Monday."),
        (STATEMENT, "Shelters stretched by winter demand and short staff"),
        (STATEMENT, "Israel struck back on Tuesday."),
        (TITLE, "Background"),
        (STATEMENT, "The war began in October."),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("May 31, 2021", DATELINE),
        ("31 May 2021", DATELINE),
        ("2021-05-31", DATELINE),
        ("Updated 3:45 PM EST", DATELINE),
        ("Published: 12:03 PM, May 31, 2021", DATELINE),
        ("Last updated: 31/05/2021", DATELINE),
        ("By Sharon Wrobel, The Algemeiner", BYLINE),
        ("By Jane Doe and John Smith", BYLINE),
        ("By Jane Doe, Middle East correspondent", BYLINE),
        ("Reporting by Jane Doe; Editing by John Smith", BYLINE),
        ("(IDF)", CREDIT),
        ("Photo: Reuters", CREDIT),
        ("Getty Images", CREDIT),
        ("AP Photo/Adel Hana", CREDIT),
        ("Jane Roe/Example Daily Times/Getty Images", CREDIT),
        ("(Credit: IDF Spokesperson’s Unit)", CREDIT),
        ("READ MORE: Hamas leader killed in strike", RELATED),
        ("Related: Iran tests new missile", RELATED),
        ("See also Hezbollah’s arsenal explained", RELATED),
        ("Tags: Gaza, Hamas, Iran", TAGS),
        ("Updated at 1:23 p.m.", DATELINE),
        ("5 min read", DATELINE),
        ("PHOTO: Adel Hana", CREDIT),
        (
            "Jane Doe, John Smith, Ann Lee, Bob Ray, Carl Moe, Dan Poe and Eve Kay, all of the "
            "Associated Press, contributed to this report.",
            BYLINE,
        ),
        ("You may also like...", RELATED),
        ("Most read this week in science", RELATED),
        ("See more: Hamas leader killed in strike", RELATED),
        ("More:", RELATED),
        ("The Morning Briefing Newsletter", RELATED),
        ("Plague fears grow in China [VIDEO]", RELATED),
        ("comments", TAGS),
        ("Reach the reporter on Twitter at https://twitter.com/janedoe", RELATED),
    ],
)
def test_furniture_lines_between_paragraphs(line: str, kind: SegmentKind) -> None:
    text = f"Hamas fired rockets at Israel on Monday.\n{line}\nIsrael struck back on Tuesday."
    before = CAPTION if kind is CREDIT else STATEMENT  # a credit follows the caption it credits
    assert _kinds(text) == [
        (before, "Hamas fired rockets at Israel on Monday."),
        (kind, line),
        (STATEMENT, "Israel struck back on Tuesday."),
    ]


@pytest.mark.parametrize(
    ("byline", "author", "outlet"),
    [
        ("By Sharon Wrobel, The Algemeiner", "Sharon Wrobel", "The Algemeiner"),
        ("By A. Haddad and B. Levi", "A. Haddad and B. Levi", None),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("By Jane Doe for The Times", "Jane Doe", "The Times"),
        ("By Jane Doe, Middle East correspondent", "Jane Doe", None),
        ("By The Associated Press", None, "The Associated Press"),
        ("(Reporting by Jane Doe in Cairo; Editing by John Smith)", "Jane Doe", None),
    ],
)
def test_byline_metadata(byline: str, author: str | None, outlet: str | None) -> None:
    doc, _ = segment_document(_doc(f"Storm hits coast\n{byline}\nThe storm hit at dawn."))
    assert (doc.byline, doc.outlet) == (author, outlet)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("May 31, 2021", "2021-05-31"),
        ("Sept. 4, 2020", "2020-09-04"),
        ("31 May 2021", "2021-05-31"),
        ("Mon 27 May 2024 10.45 BST", "2024-05-27"),
        ("2021-05-31", "2021-05-31"),
        ("31/05/2021", "2021-05-31"),
        ("05/31/2021", "2021-05-31"),
        ("05/06/2021", None),
        ("February 30, 2021", None),
        ("no date here", None),
        # year first, as East Asian sites write it
        ("2021/5/31", "2021-05-31"),
        ("2021.05.31", "2021-05-31"),
        ("2021\u5e745\u670831\u65e5", "2021-05-31"),
        ("2021/13/31", None),
        ("version 2019.5.3", None),
        # day first with dashes stays unread: too often a picture's date
        ("31-05-2021", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


# --- invariants ----------------------------------------------------------------------------------

_PIECES = [
    "Iran.”By Sharon",
    "May 31, 2021",
    "2021Iranian",
    "roomOn",
    "(IDF)",
    "Read ",
    "By Jane Doe, CNN",
    "McDonald",
    "U.S.",
    "Dr. ",
    "1. ",
    "…",
    "a.m. ET",
    "example.org. ",
    '"',
    "“",
    "”",
    "’",
    "\n",
    "\n\n",
    " ",
    "\u00a0",
    "A\u2009.",
    "\t",
]
_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.text(alphabet='aZ9 .?!)(]\n"”“’-:,#@', max_size=6),
        st.text(max_size=4),
    ),
    max_size=30,
).map("".join)


def _assert_covers(text: str, spans: list[tuple[int, int]]) -> None:
    rebuilt, pos = [], 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        gap = text[pos:start]
        assert gap.strip() == "", f"dropped {gap!r}"
        piece = text[start:end]
        assert piece == piece.strip() and piece
        rebuilt += [gap, piece]
        pos = end
    assert text[pos:].strip() == ""
    assert "".join(rebuilt) + text[pos:] == text


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_segments_never_drop_duplicate_or_reorder_text(text: str) -> None:
    doc, segments = segment_document(_doc(text))
    assert doc.text == text
    assert all(
        isinstance(seg, Segment) and seg.text == text[seg.start : seg.end] for seg in segments
    )
    _assert_covers(text, [(seg.start, seg.end) for seg in segments])
    assert [seg.block for seg in segments] == sorted(seg.block for seg in segments)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_split_sentences_covers_any_range(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    spans = split_sentences(text, start, end)
    _assert_covers(text[start:end], [(s - start, e - start) for s, e in spans])


@pytest.mark.parametrize("unit", ["(IDF)", "aBc", 'x."Ab', "ab.Cd", "2021Ab ", "ABCDefg", "a\n"])
def test_pathological_glue_stays_linear(unit: str) -> None:
    text = unit * (60_000 // len(unit))
    # A quadratic scan would take minutes here; benchmarks/bench_segment.py measures the time.
    _, segments = segment_document(_doc(text))
    _assert_covers(text, [(seg.start, seg.end) for seg in segments])


# --- names kept whole -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The app is written in JavaScript and runs in the browser.",
        "She built the deck in PowerPoint before the meeting.",
        "BrightPath rates charities. BrightPath said the grant was its largest.",
        "The TrueCount survey covered 2,000 households.",
        "Their DevOps team moved the site to WordPress last year.",
        # three capitalised words of four letters or more: one name, not a run of tags
        "According to TechNewsWorld, the agency used wiretaps.",
        "She moved from SportsNewsToday to BuzzFeedNews in 2019.",
    ],
)
def test_names_with_inner_capitals_stay_whole(text: str) -> None:
    assert find_glued_boundaries(text) == []


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # after a lowercase word, or four and more: a run of tags
        ("the border areasLebanonHezbollahIsrael", ["areas", "Lebanon", "Hezbollah", "Israel"]),
        ("LebanonHezbollahIsraelGaza", ["Lebanon", "Hezbollah", "Israel", "Gaza"]),
    ],
)
def test_a_run_of_glued_tags_is_cut_into_its_tags(text: str, pieces: list[str]) -> None:
    cuts = find_glued_boundaries(text)
    starts = [0, *cuts]
    words = [text[a:b].split()[-1] for a, b in zip(starts, [*cuts, len(text)], strict=True)]
    assert words == pieces


def test_a_capital_is_cut_when_both_parts_stand_alone_elsewhere() -> None:
    text = "Kristi NoemSouth Dakota governor. Noem won South Dakota in 2018."
    cut = text.index("South")
    assert find_glued_boundaries(text) == [cut]


def test_glue_evidence_is_the_same_however_many_words_the_text_asks_about() -> None:
    # Enough inner capitals that counting each word where it is written gives way to counting
    # every run of letters at once: the decisions must not change.
    names = [f"Zon{chr(97 + i)}Vel{chr(97 + i)}" for i in range(20)]
    filler = " ".join(f"They met at {name} on Monday." for name in names)
    text = f"{filler} Kristi NoemSouth Dakota governor. Noem won South Dakota in 2018."
    assert find_glued_boundaries(text) == [text.index("South")]
    twice = f"{filler} {names[0]} again. Kristi NoemSouth Dakota governor. Noem won South."
    assert find_glued_boundaries(twice) == [twice.index("South")]


def test_glue_evidence_is_the_same_for_a_word_the_text_writes_very_often() -> None:
    often = " ".join(["South Dakota voted."] * 80)
    text = f"Kristi NoemSouth Dakota governor. Noem won. {often}"
    assert find_glued_boundaries(text) == [text.index("South")]


@pytest.mark.parametrize(
    ("line", "first"),
    [
        # A place before the date, or the outlet after it: a dateline line, never the title.
        ("New Delhi, 3 June 2024", False),
        ("Port Harcourt, June 3, 2024", False),
        ("June 3, 2024 | Example.com", True),
        ("Jun 3, 2024 \u00b7 Example Daily", True),
    ],
)
def test_a_dateline_with_its_place_or_outlet_is_no_title(line: str, first: bool) -> None:
    title = "Ferry fares rise for a third year"
    body = "The council voted on Tuesday to raise fares by 5 percent."
    text = f"{line}\n{title}\n{body}\n" if first else f"{title}\n{line}\n{body}\n"
    doc, segments = segment_document(_doc(text))
    assert (doc.title, doc.published) == (title, "2024-06-03")
    assert [(s.kind, s.text) for s in segments if s.kind is not STATEMENT] == (
        [(DATELINE, line), (TITLE, title)] if first else [(TITLE, title), (DATELINE, line)]
    )


def test_a_place_and_a_date_inside_a_sentence_stay_body_text() -> None:
    text = "Ferry fares rise\nThe council met in New Delhi, 3 June 2024 was the date it chose.\n"
    _, segments = segment_document(_doc(text))
    assert [s.kind for s in segments] == [TITLE, STATEMENT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("03.06.2024", "2024-06-03"), ("Berlin, 31.12.2023", "2023-12-31"), ("31.13.2023", None)],
)
def test_a_date_with_dots_is_read_day_first(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_a_table_copied_from_a_browser_is_read_row_by_row_as_statements() -> None:
    from factcheck.extract.claims import extract_claims

    text = (
        "Flood deaths rose, the ministry said on Tuesday, to 214 in 2023 from 120 in 2022.\n\n"
        "Year\tDeaths\tNote\n2022\t120\tNorth only.\n2023 \t 214\tNorth and East.\n\n"
        "The figures were published in the ministry's annual report.\n"
        "\tAn indented paragraph says the figures were revised. It names no one.\n"
    )
    doc, segments = segment_document(_doc(text))
    segments, claims = extract_claims(doc, segments)
    # One piece a row, though a cell ends a sentence.
    assert [(seg.kind, seg.text) for seg in segments[1:4]] == [
        (SegmentKind.STATEMENT, "Year\tDeaths\tNote"),
        (SegmentKind.STATEMENT, "2022\t120\tNorth only."),
        (SegmentKind.STATEMENT, "2023 \t 214\tNorth and East."),
    ]
    # A tab that indents a paragraph parts no cells: its sentences are read as sentences.
    assert [seg.text for seg in segments[5:]] == [
        "An indented paragraph says the figures were revised.",
        "It names no one.",
    ]
    assert all("\t" not in claim.text for claim in claims)


def test_rights_notices_in_other_languages_and_a_post_s_details_are_furniture() -> None:
    text = (
        "Port fees rise again\n\n"
        "The port authority said on Monday that fees rose 12% in 2023.\n\n"
        "14/03/2024 - Posted by: Ana Lopes | Category: Economy | Tags: port, fees\n\n"
        "Dockworkers said wages rose 3% in 2022, and shippers said: costs fell. Critics: none.\n\n"
        "Diário Exemplo - Todos os direitos reservados\n무단전재 및 재배포 금지\n"
        "版权所有 示例日报\nALLE RECHTE VORBEHALTEN.\n"
    )
    assert _kinds(text) == [
        (SegmentKind.TITLE, "Port fees rise again"),
        (SegmentKind.STATEMENT, "The port authority said on Monday that fees rose 12% in 2023."),
        (
            SegmentKind.TAGS,
            "14/03/2024 - Posted by: Ana Lopes | Category: Economy | Tags: port, fees",
        ),
        # One label in a sentence is no line of details.
        (
            SegmentKind.STATEMENT,
            "Dockworkers said wages rose 3% in 2022, and shippers said: costs fell.",
        ),
        (SegmentKind.STATEMENT, "Critics: none."),
        (SegmentKind.CREDIT, "Diário Exemplo - Todos os direitos reservados"),
        (SegmentKind.CREDIT, "무단전재 및 재배포 금지"),
        (SegmentKind.CREDIT, "版权所有 示例日报"),
        (SegmentKind.CREDIT, "ALLE RECHTE VORBEHALTEN."),
    ]


def test_a_tables_rows_of_one_width_are_not_read_as_a_wrapped_paragraph() -> None:
    rows = [f"| {n} | Team number {n} of the northern league | {60 - n} points |" for n in range(6)]
    text = "Standings after the final round, the league said on Monday.\n" + "\n".join(rows) + "\n"
    assert _kinds(text) == [
        (SegmentKind.STATEMENT, "Standings after the final round, the league said on Monday."),
        *[(SegmentKind.STATEMENT, row) for row in rows],
    ]


def test_sentences_that_a_tab_parts_in_running_text_are_read_as_sentences() -> None:
    text = "The council met on Monday. It approved the bridge for £48 million.\tWork starts soon.\n"
    assert _kinds(text) == [
        (SegmentKind.STATEMENT, "The council met on Monday."),
        (SegmentKind.STATEMENT, "It approved the bridge for £48 million."),
        (SegmentKind.STATEMENT, "Work starts soon."),
    ]


def test_a_text_longer_than_a_book_is_refused_before_any_work() -> None:
    # A 60 KB compressed page held 20 MB of paragraphs: three minutes and 2.3 GB, then 6.7 GB
    # for 60 MB.
    from factcheck.errors import IngestError
    from factcheck.extract.segment import MAX_TEXT_CHARS

    text = "The minister said exports rose 12 percent in 2023.\n" * (MAX_TEXT_CHARS // 51 + 1)
    with pytest.raises(IngestError) as caught:
        segment_document(_doc(text))
    assert str(caught.value) == (
        "test: its text is 8.0 million characters, more than the 8 million read as one "
        "article: split it into parts and extract each"
    )
    assert segment_document(_doc(text[: MAX_TEXT_CHARS // 100]))[1]  # a long one is read

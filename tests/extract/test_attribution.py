"""Tests for stage ③ attribution: speakers, roles, verbs, chains, hedges, quotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from attribution_rows import Row, row
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import SHARED_DATA

from factcheck.extract.attribution import attribute_sentences, quote_groups
from factcheck.models import Attribution

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"


# The seed article's body sentences, in order, as the segment stage cuts them: the headline,
# caption, byline, "Read ..." links and tags are furniture and not part of the body.
SEED_BODY = [
    "Senior leaders of the Gaza Strip-ruling Hamas terrorist organization and the Palestinian "
    "Islamic Jihad (PIJ) worked reportedly in close coordination with Iran’s Islamic "
    "Revolutionary Guard Corps (IRGC) and the Hezbollah to discuss military operations during "
    "the 11 days of fighting with Israel.",
    "The editor-in-chief of the Lebanese daily Al-Akhbar, Ibrahim Al-Amin, said during an "
    "interview with Hezbollah-operated Al-Manar TV that the IRGC, Hezbollah and Hamas set up a "
    "joint military operations room in Beirut during the May hostilities in Israel and the Gaza "
    "Strip.",
    "The channel’s report said that Al-Amin claimed “officers from Hezbollah, IRGC, and Hamas "
    "coordinated the military confrontation in Gaza” and “the Commander of IRGC’s Al-Quds Force, "
    "General Esmail Qaani, visited Lebanon twice to attend the chamber meetings.”",
    "According to a May 27 analysis by the Meir Amit Intelligence and Terrorism Information "
    "Center, Qaani discussed the fighting between Israel and the Palestinians in a phone "
    "conversation with Hamas head Ismail Haniyeh.",
    "The IRGC general praised the acts of “resistance” against the “Zionists” and emphasized "
    "Iran’s support for the Palestinians in light of the “aggression and crimes of the Zionist "
    "enemy in Jerusalem and Gaza.”",
    "Qa’ani also spoke to PIJ secretary general Ziad al-Nakhleh and stressed that Iran is "
    "standing by the Palestinians who are defending their land and their rights.",
    "Al-Akhbar’s Al-Amin asserted that the Hezbollah sent weaponry and ammunition to Gaza and "
    "helped to move a number of “Palestinian Resistance officers” out of the battle zone during "
    "the conflict.",
    "Additionally, the military hub in Beirut provided Palestinian factions with data about the "
    "movements of the Israeli military, while drones were used, Al-Amin claimed, to prevent an "
    "“ambush” by the “enemy” on Hamas fighters near the Gaza border.",
    "Meanwhile, on May 20, Prime Minister Benjamin Netanyahu showed German Foreign Minister Heiko "
    "Maas during his visit to Israel an Iranian drone that had been downed by the Israel Defense "
    "Forces in the Beit Shean area, as evidence that “the true backer of much of this aggression "
    "is Iran.”",
    "According to Netanyahu, “Iran sent an armed drone from Iraq or Syria,” which Israeli forces "
    "intercepted on the border between Israel and Jordan.",
    "The analysis by the Meir Amit Intelligence and Terrorism Information Center also showed that "
    "senior Iranian officials have been keeping a close rapport with the leaders of Hamas and the "
    "PIJ to express support as the ceasefire with Israel came into effect on May 21.",
    "At the end of the fighting, Qaani sent congratulating messages to head of Hamas’ military "
    "wing Mohammad Deif and to PIJ’s Commander of the military wing, Akram al-Ajouri and "
    "“proclaimed that through their unity and perseverance, they were able to destroy the "
    "pridefulness of the Israeli Army and proved that they are capable of inflicting heavy losses "
    "to it, making the enemy experience the taste of horror and defeat.”",
    "Going forward, Qaani reaffirmed that Iran will continue its support for the Palestinians "
    "until the destruction of the “Zionist regime.”",
    "Others who congratulated Haniyeh for the Palestinians “victories” included Ali Akbar "
    "Velayati, a top adviser to Iran’s supreme leader, Ayatollah Ali Khamenei.",
    "Hamas’ Haniyeh updated Khamenei on the fighting between Israel and the Palestinians and "
    "asked for support to rally the Muslim, Arab and international community to stop the "
    "“enemies of the Zionist enemy.”",
    "Following the ceasefire, Khamenei issued a statement to the Palestinians in which he "
    "congratulated them for their “victory of the Zionist regime,” which he claimed “had to "
    "concede its defeat.”",
    "The Iranian leader urged Muslim governments to provide the Palestinians with military and "
    "financial assistance and help them in rebuilding the infrastructure and destruction in Gaza.",
    "He warned that “preparation for the fight is ongoing” and that the decision when to start "
    "and end the conflicts lies with the Palestinian leadership.",
]

AL_AMIN = ("Ibrahim Al-Amin", "editor-in-chief of the Lebanese daily Al-Akhbar")
QAANI = ("Esmail Qaani", "Commander of IRGC’s Al-Quds Force")
KHAMENEI = ("Ali Khamenei", "Iran’s supreme leader")
NETANYAHU = ("Benjamin Netanyahu", "Prime Minister")
MEIR_AMIT = "Meir Amit Intelligence and Terrorism Information Center"

SEED_EXPECTED: list[Row] = [
    (None, None, None, (), ("reportedly",), False),
    (*AL_AMIN, "said", ("Al-Manar TV",), (), False),
    (*AL_AMIN, "claimed", ("Al-Manar TV",), ("claimed",), True),
    (MEIR_AMIT, None, "according to", (), ("according to",), False),
    (*QAANI, "emphasized", (), (), True),
    (*QAANI, "stressed", (), (), False),
    (*AL_AMIN, "asserted", (), (), False),
    (*AL_AMIN, "claimed", (), ("claimed",), False),
    (*NETANYAHU, None, (), (), True),
    (*NETANYAHU, "according to", (), ("according to",), True),
    (MEIR_AMIT, None, "showed", (), (), False),
    (*QAANI, "proclaimed", (), (), True),
    (*QAANI, "reaffirmed", (), (), False),
    (None, None, None, (), (), False),
    ("Ismail Haniyeh", "Hamas head", "asked", (), (), True),
    (*KHAMENEI, "claimed", (), ("claimed",), True),
    (*KHAMENEI, "urged", (), (), False),
    (*KHAMENEI, "warned", (), (), True),
]


def test_seed_body_sentences_come_from_the_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    missing = [s for s in SEED_BODY if s not in text]
    assert missing == []


def test_seed_body_attributions_whole_table() -> None:
    assert [row(a) for a in attribute_sentences(SEED_BODY)] == SEED_EXPECTED


def test_seed_has_no_multi_sentence_quotation() -> None:
    assert quote_groups(SEED_BODY) == []


def test_hops_count_the_chain() -> None:
    attributions = attribute_sentences(SEED_BODY)
    assert [a.hops for a in attributions[:4]] == [0, 1, 1, 0]


def test_straight_apostrophes_and_quotes_give_the_same_attribution() -> None:
    plain = [
        s.replace("’", "'").replace("“", '"').replace("”", '"').replace("‘", "'") for s in SEED_BODY
    ]
    curly = [row(a) for a in attribute_sentences(SEED_BODY)]
    straight = [row(a) for a in attribute_sentences(plain)]
    # Roles keep the text's own apostrophes; everything else is identical.
    assert [r[:1] + r[2:] for r in straight] == [r[:1] + r[2:] for r in curly]
    assert [r[1] for r in straight] == [r[1].replace("’", "'") if r[1] else None for r in curly]


# ---------------------------------------------------------------------------------------------
# Varied sentences in the styles of many outlets (own wording). Each case gives the sentences
# needed for context; the expected row is the last sentence's.
# ---------------------------------------------------------------------------------------------

CASES: list[tuple[str, list[str], Row]] = [
    (
        "reuters-trailing-said-possessive-org",
        [
            "Russian forces fired more than 40 missiles at Ukrainian cities overnight, "
            "Ukraine's air force said on Tuesday."
        ],
        ("Ukraine's air force", None, "said", (), (), False),
    ),
    (
        "inverted-said-with-appositive-role",
        [
            '"We will not allow this to happen again," said Ahmed Hassan, a spokesman for the '
            "Egyptian foreign ministry."
        ],
        ("Ahmed Hassan", "spokesman for the Egyptian foreign ministry", "said", (), (), True),
    ),
    (
        "nyt-inverted-role-with-prepositions",
        [
            "“The situation is deteriorating quickly,” said Jane Doe, a professor of economics "
            "at Harvard University."
        ],
        ("Jane Doe", "professor of economics at Harvard University", "said", (), (), True),
    ),
    (
        "said-in-a-statement",
        ["The company said in a statement that it had fired the executive."],
        ("company", None, "said", (), (), False),
    ),
    (
        "told-reuters-is-a-hop",
        ["Smith told Reuters that the deal was dead."],
        ("Smith", None, "told", ("Reuters",), (), False),
    ),
    (
        "he-added-resolves-to-earlier-speaker",
        ["Smith told Reuters that the deal was dead.", "He added that talks could resume."],
        ("Smith", None, "added", (), (), False),
    ),
    (
        "according-to-organisation",
        ["According to the Syrian Observatory for Human Rights, at least 12 people were killed."],
        (
            "Syrian Observatory for Human Rights",
            None,
            "according to",
            (),
            ("according to",),
            False,
        ),
    ),
    (
        "according-to-police-local-news",
        ["According to police, the suspect was carrying a knife."],
        ("police", None, "according to", (), ("according to",), False),
    ),
    (
        "who-clause-between-subject-and-verb",
        [
            "Prime Minister Recep Tayyip Erdogan arrived in Ankara on Monday.",
            "The minister, who was speaking at a press conference in Ankara, said the border "
            "would stay closed.",
        ],
        ("minister", None, "said", (), (), False),
    ),
    (
        "x-who-said-named",
        [
            "Ms Patel, who chairs the committee, told the BBC's Today programme that the bill "
            "would pass."
        ],
        ("Patel", None, "told", ("BBC",), (), False),
    ),
    (
        "officials-said",
        ["Officials said the fire started in a kitchen."],
        ("Officials", None, "said", (), (), False),
    ),
    (
        "trailing-officials-said-ap",
        [
            "A wildfire that started Tuesday near a hiking trail has burned more than 5,000 "
            "acres, fire officials said Wednesday."
        ],
        ("fire officials", None, "said", (), (), False),
    ),
    (
        "people-familiar-anonymous",
        ["Two people familiar with the matter said the bank was preparing a bid."],
        (
            "unnamed source",
            "Two people familiar with the matter",
            "said",
            (),
            ("anonymous",),
            False,
        ),
    ),
    (
        "source-close-to-anonymous",
        [
            "A source close to the investigation, who asked not to be named, said the suspect "
            "had been known to police."
        ],
        (
            "unnamed source",
            "source close to the investigation",
            "said",
            (),
            ("anonymous",),
            False,
        ),
    ),
    (
        "sources-told-cnn",
        ["Sources told CNN that the director would step down."],
        ("unnamed sources", None, "told", ("CNN",), ("anonymous",), False),
    ),
    (
        "officials-on-condition-of-anonymity",
        ["Two US officials, speaking on condition of anonymity, said the drone was Iranian."],
        ("Two US officials", None, "said", (), ("anonymous",), False),
    ),
    (
        "according-to-person-briefed",
        ["According to a person briefed on the talks, the deal is close."],
        (
            "unnamed source",
            "person briefed on the talks",
            "according to",
            (),
            ("according to", "anonymous"),
            False,
        ),
    ),
    (
        "fronted-interview-with-channel",
        ["In an interview with CNN, Zelensky said Ukraine needed more air defence systems."],
        ("Zelensky", None, "said", ("CNN",), (), False),
    ),
    (
        "said-during-interview-with",
        ["Zelensky said during an interview with the BBC that the counteroffensive had begun."],
        ("Zelensky", None, "said", ("BBC",), (), False),
    ),
    (
        "speaking-to-the-bbc",
        [
            'Speaking to the BBC, Foreign Secretary David Lammy said a ceasefire was "urgently '
            'needed".'
        ],
        ("David Lammy", "Foreign Secretary", "said", ("BBC",), (), False),
    ),
    (
        "guardian-writing-in",
        ["Writing in the Guardian, the former minister argued that the policy had failed."],
        ("former minister", None, "argued", ("Guardian",), (), False),
    ),
    (
        "outlet-reported",
        ["The New York Times reported that the president had been briefed on the plan."],
        ("New York Times", None, "reported", (), (), False),
    ),
    (
        "x-reported-that-y-said",
        ["Reuters reported that the army said the strike targeted a weapons depot."],
        ("army", None, "said", ("Reuters",), (), False),
    ),
    (
        "x-quoted-y-as-saying",
        ["Haaretz quoted a senior Israeli official as saying the operation would last weeks."],
        ("senior Israeli official", None, "saying", ("Haaretz",), (), False),
    ),
    (
        "was-quoted-by-outlet",
        ["The minister was quoted by Tass as saying the talks had failed."],
        ("minister", None, "quoted", ("Tass",), (), False),
    ),
    (
        "citing-sources",
        [
            "The Wall Street Journal reported, citing people familiar with the matter, that the "
            "company was exploring a sale."
        ],
        (
            "unnamed source",
            "people familiar with the matter",
            "citing",
            ("Wall Street Journal",),
            ("anonymous",),
            False,
        ),
    ),
    (
        "statement-from-x",
        ["A statement from the ministry said 15 soldiers were wounded."],
        ("ministry", None, "said", (), (), False),
    ),
    (
        "x-s-report-said",
        ["Amnesty International's report said the detainees had been tortured."],
        ("Amnesty International", None, "said", (), (), False),
    ),
    (
        "report-published-by",
        [
            "The report, published by Amnesty International on Thursday, said the detainees had "
            "been tortured."
        ],
        ("Amnesty International", None, "said", (), (), False),
    ),
    (
        "passive-reported-by",
        ["It was reported by local media that the mayor had resigned."],
        ("local media", None, "reported", (), ("it was reported",), False),
    ),
    (
        "ap-on-weekday-said",
        ["President Joe Biden on Monday said the United States would send more aid."],
        ("Joe Biden", "President", "said", (), (), False),
    ),
    (
        "title-with-complement",
        ["U.S. Secretary of State Antony Blinken said the talks were constructive."],
        ("Antony Blinken", "U.S. Secretary of State", "said", (), (), False),
    ),
    (
        "role-before-name-lowercase",
        [
            "Chinese foreign ministry spokesperson Mao Ning told a regular briefing that Beijing "
            "opposed the sanctions."
        ],
        ("Mao Ning", "Chinese foreign ministry spokesperson", "told", (), (), False),
    ),
    (
        "appositive-before-name",
        ["A senior Hamas official, Osama Hamdan, said the group rejected the plan."],
        ("Osama Hamdan", "senior Hamas official", "said", (), (), False),
    ),
    (
        "parenthetical-surname-remembers-role",
        [
            "A senior Hamas official, Osama Hamdan, said the group rejected the plan.",
            'The plan, Hamdan said, was "dead on arrival".',
        ],
        ("Osama Hamdan", "senior Hamas official", "said", (), (), False),
    ),
    (
        "definite-description-prime-minister",
        [
            "Prime Minister Rishi Sunak warned on Monday that the economy faced a difficult "
            "winter.",
            "The prime minister added that taxes would not rise.",
        ],
        ("Rishi Sunak", "Prime Minister", "added", (), (), False),
    ),
    (
        "surname-remembers-title",
        ["Fire Chief Tom Brown said crews arrived within minutes.", "Brown said no one was hurt."],
        ("Tom Brown", "Fire Chief", "said", (), (), False),
    ),
    (
        "it-added-organisation",
        [
            "The UN's humanitarian office said aid trucks were stuck at the border.",
            "It added that fuel was running out.",
        ],
        ("UN's humanitarian office", None, "added", (), (), False),
    ),
    (
        "they-added-group",
        [
            "Israeli officials said the hostages were alive.",
            "They added that negotiations were continuing.",
        ],
        ("Israeli officials", None, "added", (), (), False),
    ),
    (
        "the-group-resolves-to-speaking-organisation",
        [
            "Hamas said in a statement that it had accepted the proposal.",
            "The group said it was waiting for Israel's response.",
        ],
        ("Hamas", "group", "said", (), (), False),
    ),
    (
        "the-company-resolves",
        ["Apple said revenue rose 5%.", "The company also said it would buy back shares."],
        ("Apple", "company", "said", (), (), False),
    ),
    (
        "the-think-tank-resolves",
        [
            "The plan is unworkable, according to a report by the Institute for Fiscal Studies.",
            "The think tank said the target would require deep cuts.",
        ],
        ("Institute for Fiscal Studies", "think tank", "said", (), (), False),
    ),
    (
        "the-president-resolves",
        [
            "Ukrainian President Volodymyr Zelenskiy, in his nightly video address, thanked "
            "troops for their resilience.",
            "The president said Western partners had promised new air defence systems.",
        ],
        ("Volodymyr Zelenskiy", "Ukrainian President", "said", (), (), False),
    ),
    (
        "speech-act-with-parenthetical",
        [
            "Ukrainian President Volodymyr Zelenskiy, in his nightly video address, thanked "
            "troops for their resilience."
        ],
        ("Volodymyr Zelenskiy", "Ukrainian President", "thanked", (), (), False),
    ),
    (
        "quote-then-wrote-on-telegram",
        [
            '"The enemy lost dozens of armoured vehicles," Oleksandr Tarnavskyi, commander of '
            "Ukraine's southern group of forces, wrote on Telegram."
        ],
        (
            "Oleksandr Tarnavskyi",
            "commander of Ukraine's southern group of forces",
            "wrote",
            (),
            (),
            True,
        ),
    ),
    (
        "kremlin-spokesman-role",
        ['Kremlin spokesman Dmitry Peskov said the talks were "not productive".'],
        ("Dmitry Peskov", "Kremlin spokesman", "said", (), (), False),
    ),
    (
        "coordinated-speakers",
        [
            "German Chancellor Olaf Scholz and French President Emmanuel Macron said in a joint "
            "statement that they supported the plan."
        ],
        ("Olaf Scholz and Emmanuel Macron", None, "said", (), (), False),
    ),
    (
        "researchers-found",
        ["Researchers at Stanford University found that the drug reduced symptoms."],
        ("Researchers", None, "found", (), (), False),
    ),
    (
        "study-published-in-journal",
        ["A new study published in The Lancet suggests that the vaccine is 90% effective."],
        ("new study published in The Lancet", None, "suggests", (), (), False),
    ),
    (
        "bbc-understands",
        ["The BBC understands that the minister will resign."],
        ("BBC", None, "understands", (), (), False),
    ),
    (
        "acronym-who-said",
        ['"There is no evidence of that," the WHO said in a statement.'],
        ("WHO", None, "said", (), (), True),
    ),
    (
        "posted-on-telegram",
        ["The spokesman posted on Telegram that the bridge had been destroyed."],
        ("spokesman", None, "posted", (), (), False),
    ),
    (
        "tweeted",
        ["Elon Musk tweeted that the feature would launch next week."],
        ("Elon Musk", None, "tweeted", (), (), False),
    ),
    (
        "allege-hedge",
        ["Local residents allege that the factory has been polluting the river for years."],
        ("Local residents", None, "allege", (), ("allege",), False),
    ),
    (
        "claimed-hedge-with-former-title",
        ["Former US President Donald Trump claimed the election was stolen."],
        ("Donald Trump", "Former US President", "claimed", (), ("claimed",), False),
    ),
    (
        "denied-honorific-is-no-role",
        ["Mr Johnson, 59, denied any wrongdoing."],
        ("Johnson", None, "denied", (), (), False),
    ),
    (
        "unverifiable-claim",
        [
            "Ukraine's defence ministry said it had shot down 20 drones, a claim that could not "
            "be independently verified."
        ],
        (
            "Ukraine's defence ministry",
            None,
            "said",
            (),
            ("claim", "could not be independently verified"),
            False,
        ),
    ),
    (
        "quote-said-inside-is-not-the-verb",
        ["Gen. Mark Milley spoke first.", "“I never said that,” the general insisted."],
        ("Mark Milley", "general", "insisted", (), (), True),
    ),
    (
        "unresolved-pronoun-keeps-verb",
        ['"It\'s over," he said.'],
        (None, None, "said", (), (), True),
    ),
    (
        "bare-quote-continues-previous-speaker",
        ['"We are ready for this," the coach said.', '"The players have worked hard all season."'],
        ("coach", None, "said", (), (), True),
    ),
    (
        "al-jazeera-reporting-from",
        [
            "Al Jazeera's Hamdah Salhut, reporting from Amman, said the border crossing "
            "remained closed."
        ],
        ("Hamdah Salhut", None, "said", (), (), False),
    ),
    (
        "local-news-sheriffs-deputies",
        ["Sheriff's deputies said the driver fled the scene on foot."],
        ("Sheriff's deputies", None, "said", (), (), False),
    ),
    (
        "local-news-inverted-age",
        [
            "“I've lived here 30 years and I've never seen anything like this,” said Tom Reyes, "
            "67, as he loaded his truck."
        ],
        ("Tom Reyes", None, "said", (), (), True),
    ),
]


CASES += [
    (
        "according-to-outlet-then-said",
        ["According to Reuters, the minister said the talks had failed."],
        ("minister", None, "said", ("Reuters",), ("according to",), False),
    ),
    (
        "trailing-said-then-according-to",
        ["“The talks have failed,” the minister said, according to Reuters."],
        ("minister", None, "said", ("Reuters",), ("according to",), True),
    ),
    (
        "three-hop-chain",
        [
            "Al-Manar TV reported that the editor of Al-Akhbar said the IRGC had claimed "
            "responsibility."
        ],
        ("IRGC", None, "claimed", ("Al-Manar TV", "editor of Al-Akhbar"), ("claimed",), False),
    ),
    (
        "outlet-reported-nested-official",
        [
            "The Pentagon said Defense Secretary Lloyd Austin had stressed the importance of "
            "open lines of communication."
        ],
        ("Lloyd Austin", "Defense Secretary", "stressed", ("Pentagon",), (), False),
    ),
    (
        "trailing-state-media-reported",
        [
            'Beijing has warned Washington against "playing with fire" over Taiwan, Chinese state '
            "media reported on Saturday."
        ],
        ("Beijing", None, "warned", ("Chinese state media",), (), False),
    ),
    (
        "according-to-readout-published-by",
        [
            "In a phone call with his US counterpart, Chinese Defence Minister Dong Jun said China "
            'would "never compromise" on the issue, according to a readout published by the '
            "ministry."
        ],
        ("Dong Jun", "Chinese Defence Minister", "said", ("ministry",), ("according to",), False),
    ),
    (
        "statement-in-which-he",
        [
            "Ayatollah Ali Khamenei spoke on Monday.",
            "Khamenei issued a statement in which he congratulated the Palestinians.",
        ],
        ("Ali Khamenei", "Ayatollah", "congratulated", (), (), False),
    ),
    (
        "statement-saying",
        ["Hamas issued a statement saying the attack was a response to the raids."],
        ("Hamas", None, "saying", (), (), False),
    ),
    (
        "told-state-television",
        ["Russian President Vladimir Putin told state television that the West was to blame."],
        ("Vladimir Putin", "Russian President", "told", ("state television",), (), False),
    ),
    (
        "told-radio-programme",
        [
            "But Labour MP Rachael Maskell, who has led opposition to the plans, told BBC Radio "
            "4's Today programme the changes did not go far enough."
        ],
        ("Rachael Maskell", "Labour MP", "told", ("BBC Radio 4",), (), False),
    ),
    (
        "appositive-role-with-possessor",
        [
            "The company's chief executive, Sundar Pichai, wrote in a blog post that the tool "
            "would launch in May."
        ],
        ("Sundar Pichai", "company's chief executive", "wrote", (), (), False),
    ),
    (
        "said-in-an-interview-with-nbc",
        ["“We have to act now,” Ms. Harris said in an interview with NBC News on Sunday."],
        ("Harris", None, "said", ("NBC News",), (), True),
    ),
    (
        "al-jazeera-doctor-told",
        [
            "“The hospital is out of fuel,” Dr. Mohammed Abu Salmiya, the director of al-Shifa "
            "hospital, told Al Jazeera."
        ],
        (
            "Mohammed Abu Salmiya",
            "director of al-Shifa hospital",
            "told",
            ("Al Jazeera",),
            (),
            True,
        ),
    ),
    (
        "local-news-she-urged",
        [
            'Det Supt Claire Smith said: "Our thoughts are with the family at this terrible time."',
            "She urged anyone with information to contact the force.",
        ],
        ("Claire Smith", "Det Supt", "urged", (), (), False),
    ),
    (
        "sports-manager",
        [
            'Manchester City manager Pep Guardiola said his side were "not good enough" after a '
            "2-1 defeat at Villa Park."
        ],
        ("Pep Guardiola", "Manchester City manager", "said", (), (), False),
    ),
    (
        "media-reports-said",
        ["Media reports said the port was hit."],
        ("Media reports", None, "said", (), ("reports said",), False),
    ),
    (
        "surname-first-then-full-name",
        [
            "Netanyahu said the war would go on.",
            "Prime Minister Benjamin Netanyahu met Biden.",
            "He added that Hamas would be destroyed.",
        ],
        ("Benjamin Netanyahu", "Prime Minister", "added", (), (), False),
    ),
]

SENATE = [
    "Senator Chuck Schumer, the majority leader, called the vote “a historic moment for our "
    "democracy.”",
    "Senator Mitch McConnell of Kentucky, the minority leader, said that failing to act would "
    "embolden adversaries.",
    "But Senator J.D. Vance, Republican of Ohio, argued that the money would be better spent at "
    "home.",
    "“We cannot keep writing blank checks,” he said in a floor speech.",
    "A spokesman for Mr. Johnson, Raj Shah, said the speaker's position had not changed.",
    "UN Secretary-General Antonio Guterres said he was “deeply alarmed” by the escalation.",
]

CASES += [
    (
        "nyt-appositive-role-beats-title-and-called-a-quote",
        SENATE[:1],
        ("Chuck Schumer", "majority leader", "called", (), (), True),
    ),
    (
        "nyt-of-state-then-role",
        SENATE[:2],
        ("Mitch McConnell", "minority leader", "said", (), (), False),
    ),
    (
        "nyt-party-of-state-appositive",
        SENATE[:3],
        ("J.D. Vance", "Senator", "argued", (), (), False),
    ),
    ("nyt-he-after-appositive", SENATE[:4], ("J.D. Vance", "Senator", "said", (), (), True)),
    (
        "role-naming-another-person",
        SENATE[:5],
        ("Raj Shah", "spokesman for Mr. Johnson", "said", (), (), False),
    ),
    (
        "hyphenated-title-opens-sentence",
        SENATE[5:],
        ("Antonio Guterres", "UN Secretary-General", "said", (), (), False),
    ),
]


@pytest.mark.parametrize(
    ("sentences", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_varied_outlet_styles(sentences: list[str], expected: Row) -> None:
    assert row(attribute_sentences(sentences)[-1]) == expected


NEGATIVE = [
    ("the-said-document", "The said document was never published."),
    ("no-reporting-verb", "The storm is expected to make landfall on Thursday."),
    ("finding-verb-without-source", "The fighting showed no sign of abating."),
    ("declined-to-say", "A spokesperson for the company declined to comment."),
    ("verb-only-inside-quote", "Her message was simple: “They said no, so we said no.”"),
    ("name-that-is-a-verb", "Said, a 24-year-old student, was arrested on Friday."),
    ("others-who", "Others who praised the decision included several lawmakers."),
    ("noun-claims", "His claims were widely shared online."),
    ("no-comment", "The ministry did not respond to a request for comment."),
    ("chant-without-words", "Protesters chanted outside the embassy until midnight."),
    ("action", "Ollie Watkins scored the winner in the 78th minute."),
    ("person-showed-object", "On May 20, Netanyahu showed the minister an Iranian drone."),
]


@pytest.mark.parametrize("sentence", [n[1] for n in NEGATIVE], ids=[n[0] for n in NEGATIVE])
def test_sentences_without_attribution(sentence: str) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.via) == (None, None, ())


HEDGES = [
    ("The rebels reportedly seized the town.", ("reportedly",)),
    ("The minister allegedly took bribes.", ("allegedly",)),
    ("He is said to have fled the country.", ("said to",)),
    ("The commander is believed to have been killed.", ("believed to",)),
    ("Reports suggest the ceasefire is holding.", ("reports suggest",)),
    ("Apparently, the talks collapsed overnight.", ("apparently",)),
    ("The purportedly leaked memo surfaced online.", ("purportedly",)),
    ("Unconfirmed reports said the port was hit.", ("unconfirmed", "reports said")),
    ("It is believed that at least 20 people are still missing.", ("it is believed",)),
    (
        "The rebels reportedly seized the town, though the claim could not be independently "
        "verified.",
        ("reportedly", "could not be independently verified"),
    ),
    ("Reuters could not independently verify the footage.", ("could not independently verify",)),
    ("They say the video is “reportedly” from 2019.", ()),
]


@pytest.mark.parametrize(("sentence", "expected"), HEDGES)
def test_hedges_in_order_without_repeats(sentence: str, expected: tuple[str, ...]) -> None:
    assert attribute_sentences([sentence])[0].hedges == expected


def test_scare_quotes_are_not_a_direct_quotation() -> None:
    result = attribute_sentences(["The army said it had killed a “terrorist” in the raid."])[0]
    assert (result.speaker, result.quote) == ("army", False)


def test_guillemets_are_quotation_marks() -> None:
    result = attribute_sentences(["The minister said «we will win this war» on Monday."])[0]
    assert (result.speaker, result.verb, result.quote) == ("minister", "said", True)


def test_short_quote_that_is_the_verbs_object_counts() -> None:
    result = attribute_sentences(['The minister said: "Never."'])[0]
    assert (result.speaker, result.quote) == ("minister", True)


def test_outlet_is_left_off_the_chain_when_the_article_is_its_own() -> None:
    sentences = ["Smith told Reuters that the deal was dead."]
    assert attribute_sentences(sentences, outlet="Reuters")[0].via == ()
    assert attribute_sentences(sentences, outlet="BBC News")[0].via == ("Reuters",)
    assert attribute_sentences(sentences, outlet="Reuters News")[0].via == ()
    assert attribute_sentences(sentences, outlet="Reu")[0].via == ("Reuters",)


def test_results_are_one_per_sentence_and_empty_input_is_fine() -> None:
    assert attribute_sentences([]) == []
    assert attribute_sentences(["", "   ", "—", "."]) == [Attribution()] * 4


# ---------------------------------------------------------------------------------------------
# Quotations over several sentences.
# ---------------------------------------------------------------------------------------------


def test_quote_over_three_sentences_is_one_group_with_one_speaker() -> None:
    sentences = [
        'Mayor Karen Bass said: "This is the first step.',
        "We will build more housing.",
        'And we will do it fast."',
        "The council votes next week.",
    ]
    assert quote_groups(sentences) == [(0, 2)]
    rows = [row(a) for a in attribute_sentences(sentences)]
    assert rows == [
        ("Karen Bass", "Mayor", "said", (), (), True),
        ("Karen Bass", "Mayor", "said", (), (), True),
        ("Karen Bass", "Mayor", "said", (), (), True),
        (None, None, None, (), (), False),
    ]


def test_quote_over_two_sentences_with_trailing_speaker() -> None:
    sentences = [
        "The vote came late on Friday.",
        "“We are not going anywhere.",
        "This is our home,” said Maria Lopez, whose house was destroyed.",
    ]
    assert quote_groups(sentences) == [(1, 2)]
    assert [a.speaker for a in attribute_sentences(sentences)] == [
        None,
        "Maria Lopez",
        "Maria Lopez",
    ]


def test_curly_german_and_french_quotes() -> None:
    assert quote_groups(["Er sagte: „Das ist gut.", "Wir machen weiter.“", "Ende."]) == [(0, 1)]
    assert quote_groups(["Il a dit : « C'est bien.", "Nous continuons. »", "Fin."]) == [(0, 1)]


def test_unbalanced_quote_stops_at_the_paragraph() -> None:
    sentences = [
        "She called it “a disaster.",
        "Officials said nothing.",
        "The next paragraph begins here.",
        "It goes on.",
    ]
    assert quote_groups(sentences, blocks=[0, 0, 1, 1]) == [(0, 1)]


def test_quote_left_open_at_paragraph_end_continues_in_the_next() -> None:
    sentences = [
        "“We will rebuild,” the mayor said.",
        "“It will take years.",
        "But we will do it.",
        "“No one will be left behind,” she added.",
    ]
    # The second paragraph's quote has no closing mark: by convention it ends with the
    # paragraph, and the next paragraph opens a new one.
    blocks = [0, 1, 1, 2]
    assert quote_groups(sentences, blocks=blocks) == [(1, 2)]
    speakers = [a.speaker for a in attribute_sentences(sentences, blocks=blocks)]
    assert speakers == ["mayor", "mayor", "mayor", "mayor"]


def test_stray_quote_mark_never_swallows_the_article() -> None:
    sentences = ["He called it “absurd.", *[f"Sentence number {i} follows." for i in range(10)]]
    assert quote_groups(sentences) == []


def test_balanced_quotes_in_one_sentence_make_no_group() -> None:
    assert quote_groups(['"Yes," he said.', '"No," she said.']) == []


# ---------------------------------------------------------------------------------------------
# Robustness: any text gives one attribution per sentence, never an exception.
# ---------------------------------------------------------------------------------------------

_ALPHABET = (
    'said Said he He they The the according to “ ” " , . Reuters told Al-Amin Qa’ani minister '
    "of ’s and quoted as saying citing sources by reportedly ( ) — Prime Minister a report "
    "interview with who claims on Monday \ue000 « » „ Hamas' U.S. Mr. al-Nakhleh Secretary ; : that"
)
_WORDS = st.sampled_from(_ALPHABET.split())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=25).map(" ".join), max_size=6))
def test_any_text_gives_one_attribution_per_sentence(sentences: list[str]) -> None:
    results = attribute_sentences(sentences)
    assert len(results) == len(sentences)
    for group in quote_groups(sentences):
        assert 0 <= group[0] < group[1] < len(sentences)


# ---------------------------------------------------------------------------------------------
# Error classes seen on election news, each with sentences written for these tests.
# ---------------------------------------------------------------------------------------------

# (id, sentences, speaker, role, verb) of the last sentence.
NEWS_CASES: list[tuple[str, list[str], str | None, str | None, str | None]] = [
    (
        "anonymous-appositive",
        ["One clerk, who spoke on condition of anonymity, said the ballots arrived late."],
        "unnamed source",
        "One clerk",
        "said",
    ),
    (
        "anonymous-familiar-with",
        ["A person familiar with the negotiations said a deal was days away."],
        "unnamed source",
        "person familiar with the negotiations",
        "said",
    ),
    (
        "according-to-records",
        ["The committee spent $2 million on ads, according to state election filings."],
        "state election filings",
        None,
        "according to",
    ),
    (
        "frame-after-the-quote",
        ["“We will not back down,” the mayor of Springfield told reporters."],
        "mayor of Springfield",
        None,
        "told",
    ),
    (
        "inverted-frame-with-appositive",
        ["“The numbers are moving,” said Dana Whitfield, a pollster in Ohio."],
        "Dana Whitfield",
        "pollster in Ohio",
        "said",
    ),
    (
        "double-apostrophe-quotes",
        ["''The numbers are moving,'' said Dana Whitfield, a pollster in Ohio."],
        "Dana Whitfield",
        "pollster in Ohio",
        "said",
    ),
    (
        "name-then-appositives-then-verb",
        [
            "“It was close,” Mr. Arlen Voss, now 70 and living in Tulsa, Okla., said by phone "
            "this week."
        ],
        "Arlen Voss",
        None,
        "said",
    ),
    (
        "name-with-state-then-role",
        [
            "Senator Maria Ortez of Nevada, the No. 3 Democrat in the Senate, said the vote "
            "would be close."
        ],
        "Maria Ortez",
        "Senator",
        "said",
    ),
    (
        "party-and-state-in-parentheses",
        ["Rep. Lena Marsh (D-Ore.) said the bill had the votes."],
        "Lena Marsh",
        "Rep.",
        "said",
    ),
    (
        "relative-clause-subject",
        ["Two officials who spoke with the newspaper said the plan was dropped."],
        "Two officials",
        None,
        "said",
    ),
    (
        "indefinite-speaker",
        ["“He never gave up,” a longtime fan said on Facebook."],
        "unnamed source",
        "a longtime fan",
        "said",
    ),
    (
        "dateline-agency",
        ["BOSTON (AP) – The senator said the bill would pass."],
        "senator",
        None,
        "said",
    ),
    (
        "dateline-state",
        ["DAYTON, Ohio — Governor Ruth Kale insisted the plant would stay open."],
        "Ruth Kale",
        "Governor",
        "insisted",
    ),
    (
        "modifier-is-not-the-speaker",
        ["The plan is doomed, the influential French weekly wrote on Monday."],
        "influential French weekly",
        None,
        "wrote",
    ),
    (
        "country-short-form-is-not-the-speaker",
        ["The deal is off, the respected US daily reported."],
        "respected US daily",
        None,
        "reported",
    ),
    (
        "subject-of-the-content-is-not-the-speaker",
        [
            "Senator Paul Verne spoke on Monday.",
            "Party officials could not explain the shortfall, he stressed.",
        ],
        "Paul Verne",
        "Senator",
        "stressed",
    ),
    (
        "person-reporting-others",
        ["The governor said party donors had promised more money."],
        "governor",
        None,
        "said",
    ),
    (
        "main-clause-after-while",
        ["While Hale has vowed to raise taxes, Moreno has pledged to cut them."],
        "Moreno",
        None,
        "pledged",
    ),
    (
        "governing-cue-not-the-participle",
        ["The treasurer said the budget was balanced, adding that taxes would fall."],
        "treasurer",
        None,
        "said",
    ),
    (
        "finding",
        ["A new survey found that most renters expect higher costs."],
        "new survey",
        None,
        "found",
    ),
    ("belief", ["The governor believes the tax is unfair."], "governor", None, "believes"),
    ("wish", ["The union wants a shorter working week."], "union", None, "wants"),
    ("stance", ["Councillor Ines Baro backs the new stadium."], "Ines Baro", "Councillor", "backs"),
    (
        "quoted-question",
        ["“Can we still win this?” her aide wrote in an email."],
        "aide",
        None,
        "wrote",
    ),
    (
        "poll-respondents",
        ["Sixty-two percent said the economy was getting worse."],
        "Sixty-two percent",
        None,
        "said",
    ),
    (
        "according-to-a-long-source",
        ["The deficit grew, according to early results of a review by the budget office."],
        "early results of a review by the budget office",
        None,
        "according to",
    ),
    (
        "person-after-a-place-phrase",
        ["At the state convention in Denver Sen. Rosa Lind (D-Colo.) said the party was united."],
        "Rosa Lind",
        "Sen.",
        "said",
    ),
    (
        "clause-opener-with-a-description",
        ["“We will be back,” Ohio delegate Tom Reed, wearing a red cap, said on Monday."],
        "Tom Reed",
        "Ohio delegate",
        "said",
    ),
    (
        "described-subject-is-the-antecedent",
        [
            "Senator Tom Hale spoke on Monday.",
            "The senator remembered a scholarship offer from West Point.",
            "“It was a great offer,” he said.",
        ],
        "Tom Hale",
        "Senator",
        "said",
    ),
    (
        "headline-colon-with-a-known-name",
        ["Sen. Ray Tolan spoke in Akron.", "Tolan: ‘We Will Win This Fight In November’"],
        "Ray Tolan",
        "Sen.",
        None,
    ),
    (
        "fronted-poll",
        ["In a new Marist College poll, 48 percent of voters chose the mayor."],
        "new Marist College poll",
        None,
        None,
    ),
    (
        "calling-someone-something",
        ["Councillor Ines Baro called him a careless manager."],
        "Ines Baro",
        "Councillor",
        "called",
    ),
    (
        "title-case-headline",
        ["Mayor Hale Warns Council Budget Plan Will Fail"],
        "Mayor Hale",
        None,
        "warns",
    ),
    (
        "colon-after-a-name",
        ["Ruth Kale: “The plant stays open.”"],
        "Ruth Kale",
        None,
        None,
    ),
    (
        "honorific-picks-the-namesake",
        [
            "Helen Grant spoke first.",
            "Her husband, Martin Grant, spoke next.",
            "Mrs. Grant said the fund would double.",
        ],
        "Helen Grant",
        None,
        "said",
    ),
    (
        "pronoun-gender-from-honorific",
        ["Mr. Dorsey met Mrs. Abebe on Monday.", "She said the talks went well."],
        "Abebe",
        None,
        "said",
    ),
    (
        "pronoun-gender-from-role-noun",
        [
            "The spokeswoman, Lena Park, met the mayor, Tom Reyes.",
            "She said the city would appeal.",
        ],
        "Lena Park",
        "spokeswoman",
        "said",
    ),
    (
        "subject-before-a-relative-clause",
        ["The county clerks whose offices ran out of ballots say the state sent too few."],
        "county clerks",
        None,
        "say",
    ),
    (
        "subject-before-a-participle",
        ["Farmers hoping to sell abroad say the tariffs will hurt them."],
        "Farmers",
        None,
        "say",
    ),
    (
        "subject-with-an-aside-in-dashes",
        ["Tomas Reyl — a welder from Akron — says he will vote for the first time."],
        "Tomas Reyl",
        None,
        "says",
    ),
    (
        "subject-with-a-relative-clause-in-commas",
        [
            "But Nadia Orkin, who led the audit for two years before leaving the agency, "
            "said the figures were never checked."
        ],
        "Nadia Orkin",
        None,
        "said",
    ),
    (
        "fronted-participle-then-subject",
        ["Reached by phone on Monday, Orkin — who now teaches — told the paper it was true."],
        "Orkin",
        None,
        "told",
    ),
    (
        "participle-after-a-dash",
        ["Pia Lund changed her vote on the spot – saying the bill had been rewritten."],
        "Pia Lund",
        None,
        "saying",
    ),
    (
        "adverb-between-subject-and-verb",
        ["Mayor Hale has since said the plan will go ahead."],
        "Hale",
        "Mayor",
        "said",
    ),
    (
        "quote-then-speaker-and-any-past-verb",
        ["“Never!” the crowd roared back."],
        "crowd",
        None,
        "roared",
    ),
    (
        "inverted-speaker-after-a-quote",
        ["“How big is that wall?” asked the boy, who wore a red cap."],
        "boy",
        None,
        "asked",
    ),
    (
        "person-before-a-colon-and-a-quote",
        ["The result did not surprise pollster Ana Ruiz: “Turnout decided it.”"],
        "Ana Ruiz",
        "pollster",
        None,
    ),
    (
        "contracted-auxiliary",
        ["Ron Pell spoke first.", "He's said the plan is dead."],
        "Ron Pell",
        None,
        "said",
    ),
    (
        "participle-after-a-fronted-place",
        ["Here in Columbia, Ron Pell stepped up his attacks, saying the law had failed."],
        "Ron Pell",
        None,
        "saying",
    ),
    (
        "document-opening-the-sentence",
        ["Exit polls taken in Ohio found that most voters backed the levy."],
        "Exit polls",
        None,
        "found",
    ),
    (
        "given-name-ending-in-ly",
        ["Carly Voss ran the firm for six years.", "She said the merger was a mistake."],
        "Carly Voss",
        None,
        "said",
    ),
    (
        "place-after-a-preposition-is-no-person",
        ["Mara Lind arrived on Monday.", "At a diner in New Hampshire, she said it was close."],
        "Mara Lind",
        None,
        "said",
    ),
    (
        "people-counted-but-not-named",
        ["Several said they would rather stay home."],
        "unnamed sources",
        "several",
        "said",
    ),
    (
        "share-of-respondents",
        ["47% say the country is on the wrong track."],
        "47%",
        None,
        "say",
    ),
    (
        "floating-quantifier",
        ["But Richards and Menendez both stressed that it was not all bad news."],
        "Richards and Menendez",
        None,
        "stressed",
    ),
    (
        "infinitive-of-a-reporting-verb",
        ["Ron Pell went on to say that the economy had hit bottom."],
        "Ron Pell",
        None,
        "say",
    ),
    (
        "object-of-the-asking-speaks-not-the-asker",
        ["Lena Ruiz asked him to say the vote was fair."],
        "Lena Ruiz",
        None,
        "asked",
    ),
    (
        "trailing-surname-wraps-a-pronoun-frame",
        ["Tom Vale spoke.", "He promised to win the seat, Frankel said."],
        "Frankel",
        None,
        "said",
    ),
    (
        "title-case-dateline-with-agency",
        ["Washington (AFP) – Mayor Tom Vale said the bridge would reopen."],
        "Tom Vale",
        "Mayor",
        "said",
    ),
    (
        "group-named-by-affiliation-holds-a-view",
        ["Many Republicans think the deal is bad."],
        "Many Republicans",
        None,
        "think",
    ),
    (
        "plural-role-noun-holds-a-view",
        ["Clinton allies fear the toll all this is taking."],
        "Clinton allies",
        None,
        "fear",
    ),
    (
        "share-of-a-group-holds-a-view",
        ["Only a quarter of Americans agree with him."],
        "a quarter of Americans",
        None,
        "agree",
    ),
    (
        "two-word-place-is-no-person",
        [
            "Ana Ruiz ran the bank.",
            "But even today, Puerto Rico runs everything through it, she said.",
        ],
        "Ana Ruiz",
        None,
        "said",
    ),
    (
        "contracted-pronoun-subject",
        [
            "Jeb Bush spoke in Iowa.",
            "He’s comparing the plan to the last one and says it is unlawful.",
        ],
        "Jeb Bush",
        None,
        "says",
    ),
    (
        "aside-in-dashes-before-the-verb",
        ["Insiders in both states — Nevada and Ohio — said the race was close."],
        "unnamed sources",
        "Insiders in both states",
        "said",
    ),
    (
        "adverb-before-the-colon",
        ["Ana Ruiz spoke.", "Then she added warily: “There is always something.”"],
        "Ana Ruiz",
        None,
        "added",
    ),
    (
        "part-of-a-group",
        ["Some of the women said they had spoken out."],
        "Some of the women",
        None,
        "said",
    ),
    (
        "team-holds-a-view",
        ["Kasich's team thinks he has momentum."],
        "Kasich's team",
        None,
        "thinks",
    ),
    (
        "continues-to-insist",
        ["The Republican nominee continues to insist that he wants to release his taxes."],
        "Republican nominee",
        None,
        "insist",
    ),
    (
        "given-name-alone",
        [
            "Olivia Brandt and Hugo Brandt arrived together.",
            "Olivia said the campaign was over.",
        ],
        "Olivia Brandt",
        None,
        "said",
    ),
]


@pytest.mark.parametrize(
    ("sentences", "speaker", "role", "verb"),
    [c[1:] for c in NEWS_CASES],
    ids=[c[0] for c in NEWS_CASES],
)
def test_news_error_classes(
    sentences: list[str], speaker: str | None, role: str | None, verb: str | None
) -> None:
    result = attribute_sentences(sentences)[-1]
    assert (result.speaker, result.role, result.verb) == (speaker, role, verb)


@pytest.mark.parametrize(
    "sentence",
    [
        "Turnout was high in states that allow early voting.",
        "Reality TV shows drew record audiences.",
        "It shows that prices rose faster than wages.",
        "Council Budget Plan Will Fail After Long Delay",
        "The United States had been in secret talks for months.",
        "Voters may want to check the figures first.",
        "The company has found itself at the centre of the dispute.",
        "The bridge was not approved by the deadline.",
        "Kasich: Now or never.",
        "Lane reported from Denver.",
        "Clinton leads by 270 pledged delegates.",
        "The senator maintained a busy schedule all week.",
        "The council called a meeting for Friday.",
        "Volunteers knocked on doors to drum up support for the levy.",
        "Demographics favor the incumbent.",
        "It is too soon to say whether the plan will work.",
        "There is no way to tell without seeing the returns.",
    ],
)
def test_nouns_headlines_and_possibilities_are_not_attributions(sentence: str) -> None:
    assert attribute_sentences([sentence]) == [Attribution()]


def test_bare_form_after_a_persons_name_is_a_noun() -> None:
    sentences = [
        "Maria Rivera met the board on Monday.",
        "Rivera support is strongest among older voters.",
    ]
    assert attribute_sentences(sentences)[-1] == Attribution()


def test_bare_quote_after_a_speaker_goes_on_with_that_speaker() -> None:
    sentences = [
        "Dana Whitfield, a pollster in Ohio, said the race had tightened.",
        "“Nobody expected this.”",
    ]
    assert attribute_sentences(sentences, blocks=[0, 1])[-1].speaker == "Dana Whitfield"


def test_colon_introduces_the_next_quotation() -> None:
    sentences = ["Whitfield continued:", "“The numbers are moving and they are moving fast.”"]
    results = attribute_sentences(sentences, blocks=[0, 1])
    assert [r.speaker for r in results] == ["Whitfield", "Whitfield"]


# ---------------------------------------------------------------------------------------------
# Every body segment carries its attribution, whatever its class.
# ---------------------------------------------------------------------------------------------


def test_every_body_segment_carries_its_attribution(tmp_path: Path) -> None:
    from factcheck.extract.pipeline import extract
    from factcheck.render.extract import extraction_dict

    article = tmp_path / "article.txt"
    article.write_text(
        "Council Delays Stadium Vote\n\n"
        "The city council delayed its vote on the new stadium by two weeks on Tuesday, "
        "officials said.\n\n"
        "“Can we still afford this?” asked Councillor Ines Baro.\n\n"
        "The mayor believes the stadium is a good idea.\n",
        encoding="utf-8",
    )
    data = extraction_dict(extract(str(article), min_score=1.0), include_segments=True)
    assert data["claims"] == []
    body = [
        s for s in data["segments"] if s["kind"] in ("claim", "statement", "question", "opinion")
    ]
    assert [(s["attribution"]["speaker"], s["attribution"]["verb"]) for s in body] == [
        ("officials", "said"),
        ("Ines Baro", "asked"),
        ("mayor", "believes"),
    ]
    assert all("attribution" not in s for s in data["segments"] if s not in body)


# ---------------------------------------------------------------------------------------------
# Opt-in: figures on PolNeAR's dev split stay above a floor (needs ../shared/data/polnear).
# ---------------------------------------------------------------------------------------------

POLNEAR = SHARED_DATA / "polnear" / "data"


def test_polnear_dev_figures_stay_above_the_floor() -> None:
    if not (POLNEAR / "dev").is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}: see ../shared/data/README.md")
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_attribution.py"
    spec = importlib.util.spec_from_file_location("bench_attribution", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_attribution"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    figures = bench.score(bench.factcheck_sentences(bench.load_split(POLNEAR / "dev")))
    assert figures.lenient.prf()[2] >= 0.795
    assert figures.strict.prf()[2] >= 0.740
    assert figures.quotes.prf()[2] >= 0.928
    assert figures.false <= 0.020 * figures.empty


def test_bare_quote_takes_the_speaker_of_the_next_quote_in_its_paragraph() -> None:
    sentences = ["“We were never told.”", "“Nobody called us,” said Mara Quist, a resident."]
    results = attribute_sentences(sentences, blocks=[0, 0])
    assert [(r.speaker, r.quote) for r in results] == [("Mara Quist", True), ("Mara Quist", True)]


@pytest.mark.parametrize(
    ("sentence", "speaker", "others"),
    [
        (
            "While Clinton has vowed to raise taxes on the rich, Trump has pledged to cut them.",
            "Trump",
            ("Clinton",),
        ),
        (
            "Sen. Bernie Sanders praised the ruling, but Hillary Clinton said it was a mistake.",
            "Hillary Clinton",
            ("Bernie Sanders",),
        ),
        (
            "Officials said the road was closed; residents said it was open.",
            "Officials",
            ("residents",),
        ),
        ("Netanyahu said Hamas claimed the rockets were aimed at soldiers.", "Hamas", ()),
        ("The minister said the talks had failed and officials would leave.", "minister", ()),
    ],
)
def test_each_clause_with_its_own_speaker_is_kept(
    sentence: str, speaker: str, others: tuple[str, ...]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.others) == (speaker, others)


def test_bare_quote_then_a_sentence_naming_only_who_said_it() -> None:
    sentences = ["“Why are you still backing him?”", "Obama asked Republican lawmakers."]
    results = attribute_sentences(sentences, blocks=[0, 0])
    assert [(r.speaker, r.verb, r.quote) for r in results] == [
        ("Obama", "asked", True),
        ("Obama", "asked", False),
    ]


def test_short_quote_that_is_the_whole_sentence_goes_on_with_the_speaker() -> None:
    sentences = ["“There was carnage on the road,” Wassim Bouhlel said.", "“Bodies everywhere.”"]
    results = attribute_sentences(sentences, blocks=[0, 0])
    assert [r.speaker for r in results] == ["Wassim Bouhlel", "Wassim Bouhlel"]


def test_quotation_over_sentences_after_a_colon_is_the_introduced_speakers() -> None:
    sentences = [
        "Dr. Kelli Ward stated:",
        "“The department has lost its way. It sues states for political reasons.",
        "It should stop now.”",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 1])
    assert [r.speaker for r in results] == ["Kelli Ward"] * 3


def test_transcript_labels_name_the_speaker_for_the_rest_of_the_paragraph() -> None:
    sentences = [
        "Jake Tapper asked the governor about the law.",
        "Governor Mary Fallin answered.",
        "TAPPER: What do you say to people who worry about profiling?",
        "FALLIN: I think people want safe communities.",
        "They want jobs.",
        "Next week the debate moves on.",
        "BREAKING: The vote was delayed again.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 3, 3, 4, 5])
    assert [r.speaker for r in results] == [
        "Jake Tapper",
        None,
        "Jake Tapper",
        "Mary Fallin",
        "Mary Fallin",
        None,
        None,
    ]


def test_transcript_labels_of_unnamed_people_name_their_turns_in_a_dialogue() -> None:
    sentences = [
        "Governor Mary Fallin spoke on a Sunday show.",
        "Partial transcript as follows:",
        '"HOLT: Let\u2019s begin with the budget. Will you sign it?',
        '"FALLIN: I will sign it. It keeps taxes low.',
        '"UPDATE: The vote was moved to Monday.',
        '"HOLT: One more question, if I may.',
        "Why now?",
        '"FALLIN: Because the state needs it."',
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 3, 4, 5, 5, 6])
    assert [(r.speaker, r.quote) for r in results] == [
        (None, False),
        (None, False),
        ("Holt", True),
        ("Mary Fallin", True),
        (None, False),
        ("Holt", True),
        ("Holt", True),
        ("Mary Fallin", True),
    ]


def test_a_capital_label_opening_one_paragraph_only_names_no_one() -> None:
    sentences = ["HOLT: The vote was moved to Monday.", "The mayor left."]
    results = attribute_sentences(sentences, blocks=[0, 1])
    assert results == [Attribution(), Attribution()]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sen. Bernie Sanders, who has endorsed Tim Canova, raised $2 million in a week.",
        "Governor Maria Ostrova, who backs the new highway, toured the plant on Monday.",
        "Mayor Tom Reyes, who praised the budget, left the meeting early.",
    ],
)
def test_a_stance_inside_a_relative_clause_is_a_deed_not_an_attribution(sentence: str) -> None:
    assert attribute_sentences([sentence])[0] == Attribution()


def test_a_stance_inside_a_relative_clause_still_counts_before_reported_words() -> None:
    sentence = "Mayor Tom Reyes, who believes that the budget is too small, left early."
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == ("Tom Reyes", "believes")


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("“The party is in thrall to its donors,” writes Kevin D. Williamson.", "writes"),
        ("“We will not give up on this city,” added Kevin D. Williamson.", "added"),
        ("“We will not give up,” notes Kevin D. Williamson, a columnist.", "notes"),
    ],
)
def test_a_quotation_is_the_complement_of_the_verb_right_after_it(sentence: str, verb: str) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.quote) == ("Kevin D. Williamson", verb, True)


def test_a_quotation_before_the_subject_completes_the_verb_after_it() -> None:
    sentences = ["Mary Smith met the mayor.", "“Really,” she added when the host looked shocked."]
    result = attribute_sentences(sentences)[1]
    assert (result.speaker, result.verb, result.quote) == ("Mary Smith", "added", True)


def test_an_adverb_between_the_subject_and_the_verb_is_skipped() -> None:
    result = attribute_sentences(["Carter however said he would welcome the talks."])[0]
    assert (result.speaker, result.verb) == ("Carter", "said")


@pytest.mark.parametrize(
    "sentence",
    [
        "The government's only hope was to delay the trial until the election.",
        "Among their biggest challenges is finding affordable housing for the workers.",
        "Evangelical voters, whose support Mr. Cruz won in Iowa, moved to Mr. Trump.",
    ],
)
def test_a_stance_word_after_a_noun_determiner_is_a_noun(sentence: str) -> None:
    assert attribute_sentences([sentence])[0] == Attribution()


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        ("“It is a mistake,” said retired Army Gen. Mick Bednarek.", "Mick Bednarek", "Army Gen."),
        ("“We will win,” the GOP front-runner said on Sunday.", "GOP front-runner", None),
        ("“I owe him a lot,” his colleague wrote on Facebook.", "colleague", None),
    ],
)
def test_roles_before_a_name_or_alone_name_the_speaker(
    sentence: str, speaker: str, role: str | None
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.role) == (speaker, role)


def test_a_pronoun_in_a_persons_report_does_not_take_the_speaker_over() -> None:
    sentences = [
        "Ash Carter met Rand Paul.",
        "Former Clinton Senior Adviser Sidney Blumenthal said that he has “no idea” if he would "
        "have told Hillary Clinton.",
        "The channel reported that he told aides the plan was dead.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results[1:]] == [
        ("Former Clinton Senior Adviser Sidney Blumenthal", "said"),
        ("Former Clinton Senior Adviser Sidney Blumenthal", "told"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The race is running out, according to even his own supporters, who are worried.",
            "own supporters",
        ),
        (
            "But according to recently hacked party documents, the party had harsh words.",
            "hacked party documents",
        ),
        ("The plan costs $1 trillion, according to the “Medicare for all” document.", None),
    ],
)
def test_according_to_skips_adverbs_and_never_names_an_empty_source(
    sentence: str, speaker: str | None
) -> None:
    result = attribute_sentences([sentence])[0]
    assert result.speaker == speaker
    assert result.speaker != ""


@pytest.mark.parametrize(
    "sentence",
    [
        "Carla Lee wanted a quieter street.",
        "The unions backed the mayor in the primary.",
        "Carla Lee boasts a 45-point lead nationally.",
        "The county estimated the cost at $4 million.",
    ],
)
def test_cues_that_rarely_report_anything_are_not_read(sentence: str) -> None:
    assert attribute_sentences([sentence])[0] == Attribution()


def test_a_present_stance_is_still_a_cue() -> None:
    result = attribute_sentences(["Carla Lee wants a quieter street."])[0]
    assert (result.speaker, result.verb) == ("Carla Lee", "wants")


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        ("“Nooooo!” the crowd cried out, booing.", "crowd", "cried"),
        (
            "“The answer is no,” the Republican nominee riffed on her reply.",
            "Republican nominee",
            "riffed",
        ),
    ],
)
def test_a_phrase_after_the_verb_of_a_quotation_frame_is_not_its_object(
    sentence: str, speaker: str, verb: str
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.quote) == (speaker, verb, True)


def test_an_object_after_the_verb_of_a_quotation_frame_still_rules_it_out() -> None:
    assert attribute_sentences(["“Go home,” the officers ordered the crowd."])[0].speaker is None


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        ("One in five say that won't be true.", "One in five", "say"),
        ("Nearly nine out of 10 say they will need new skills.", "Nearly nine out of 10", "say"),
        ("Those surveyed said the funding should stay.", "Those surveyed", "said"),
        (
            "White House and Pentagon spokesmen said the ban stood.",
            "White House and Pentagon spokesmen",
            "said",
        ),
        (
            "But those who back her opponents say the coverage has hurt her.",
            "those who back her opponents",
            "say",
        ),
        ("The ad claims “Jeb is the conservative you can trust.”", "ad", "claims"),
        ("Groberg then went on to explain what he likes about Clinton.", "Groberg", "explain"),
        ("Mr. Lou declined to offer his own figure for layoffs.", "Lou", "declined"),
        (
            "The movement plans to protest the debate, the Daily Caller reports.",
            "Daily Caller",
            "reports",
        ),
        ("The senator refused to say whether she would run.", "senator", "refused"),
    ],
)
def test_counted_people_documents_and_refusals_speak(
    sentence: str, speaker: str, verb: str
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == (speaker, verb)


@pytest.mark.parametrize(
    "sentence",
    [
        "Turnout declined in almost every state.",
        "Mr. Thiel refused to be interviewed.",
        "It doesn't tell you much about whether a person would be a good engineer.",
        "The figure, which helps explain the gap, was revised.",
        "China's ambitious Central Asian plans did not go down well in Moscow.",
        "The two taped an hourlong show that aired on Thursday.",
        "Officials worked with the ministry to discuss the border.",
    ],
)
def test_forms_that_report_nothing(sentence: str) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == (None, None)


def test_a_place_after_a_town_is_no_speaker_and_no_antecedent() -> None:
    sentences = [
        "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling him "
        "“a total stiff.”",
        "He says, “Here’s a guy who wouldn’t get hired.”",
    ]
    assert [(r.speaker, r.verb) for r in attribute_sentences(sentences)] == [
        ("Trump", "calling"),
        ("Trump", "says"),
    ]


def test_a_pronoun_keeps_to_the_gender_a_given_name_tells() -> None:
    sentences = [
        "Susan Collins met Gary Peters on Monday.",
        "“We agreed on very little,” she said.",
    ]
    assert attribute_sentences(sentences)[1].speaker == "Susan Collins"


def test_he_said_goes_on_with_the_last_speaker_before_the_subject() -> None:
    sentences = [
        "Trump's grasp of policy is worrying, Mark Cuban said.",
        "“It's possible for anybody to change,” he said when asked about Trump.",
    ]
    assert attribute_sentences(sentences)[1].speaker == "Mark Cuban"


def test_a_named_subject_whose_words_are_quoted_without_a_reporting_verb() -> None:
    sentences = [
        "German Chancellor Angela Merkel heralded the deal with Turkey as a “breakthrough.”",
        "Holding signs, the protesters chanted “Bad for New Jersey, bad for you.”",
    ]
    assert [r.speaker for r in attribute_sentences(sentences)] == ["Angela Merkel", "protesters"]


def test_an_interviews_q_and_a_labels_are_no_speakers() -> None:
    sentences = [
        "Q: Will you vote for the bill?",
        "A: I will not vote for a bill that cuts school funding.",
        "Q: What about the tax cuts?",
    ]
    assert [a.speaker for a in attribute_sentences(sentences)] == [None, None, None]


def test_a_name_met_first_inside_the_sentence_speaks_when_its_verb_leads_to_a_quotation() -> None:
    # The seed's standfirst: "Netanyahu" is named here for the first time, after a date.
    sentence = (
        "On May 20, Netanyahu showed the German foreign minister an Iranian drone that was "
        "downed by the IDF as evidence that “the true backer of much of this aggression is Iran.”"
    )
    capital = "Thirteen years earlier “the true backer of much of this aggression” was named."
    assert [a.speaker for a in attribute_sentences([sentence])] == ["Netanyahu"]
    assert [a.speaker for a in attribute_sentences([capital])] == [None]


@pytest.mark.parametrize("fronted", ["Eight years ago,", "Two days earlier,"])
def test_a_fronted_time_phrase_is_no_subject_of_coordinated_verbs(fronted: str) -> None:
    sentences = [
        "Al Sharpton marched in Harlem.",
        f"{fronted} he backed the mayor and said, “Nobody has done more for this city.”",
    ]
    assert attribute_sentences(sentences)[1].speaker == "Al Sharpton"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Farmers marched past the town hall, chanting “No farms, no food” and waving flags.",
            ("Farmers", None, "chanting", (), (), True),
        ),
        (
            "The nurses chanted “Safe staffing saves lives” outside the hospital.",
            ("nurses", None, "chanted", (), (), True),
        ),
        (
            'Protesters chanted "Free Palestine" outside the embassy.',
            ("Protesters", None, "chanted", (), (), True),
        ),
        (
            "Asked about the delay, the mayor could only quip: “Trains are never late in spring.”",
            ("mayor", None, "quip", (), (), True),
        ),
    ],
)
def test_chanting_shouting_and_quipping_report_the_words_they_come_with(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The chanting outside the hospital grew louder as the night went on.",
        "Fans were shouting at the referee all evening in the rain.",
        "Farmers marched past the town hall, chanting and waving flags for hours.",
    ],
)
def test_chanting_without_words_reported_has_no_speaker(sentence: str) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [(None, None, None, (), (), False)]


def test_a_participle_after_a_nouns_that_clause_belongs_to_the_sentence_subject() -> None:
    sentence = (
        "Mayor Ruth Alder repeated accusations that Councilman Dale Pike skips meetings, "
        "calling him “the invisible man of City Hall.”"
    )
    assert [row(a) for a in attribute_sentences([sentence])] == [
        ("Ruth Alder", "Mayor", "repeated", (), (), True)
    ]


def test_a_participle_after_a_verbs_that_clause_keeps_that_clauses_subject() -> None:
    # "said that the minister resigned, citing …": the minister cites the reasons.
    sentence = (
        "Mayor Ruth Alder said that Councilman Dale Pike resigned on Tuesday, "
        "citing “personal reasons and a long illness.”"
    )
    assert [row(a) for a in attribute_sentences([sentence])] == [
        ("Ruth Alder", "Mayor", "said", (), (), True)
    ]


def test_an_appositive_holding_a_list_still_names_the_speaker_before_it() -> None:
    sentence = (
        "Pension payments “will rise again next year,” Maria Costa, assistant secretary of "
        "state for health, welfare, and pensions, said on Monday."
    )
    assert [row(a) for a in attribute_sentences([sentence])] == [
        ("Maria Costa", "assistant secretary of state for health", "said", (), (), True)
    ]


def test_a_list_of_speakers_is_no_appositive() -> None:
    sentence = (
        "Pension payments “will rise again next year,” the farmers, growers, and bakers said."
    )
    assert [row(a) for a in attribute_sentences([sentence])] == [
        ("bakers", None, "said", (), (), True)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mayor Ruth Alder delivered a blunt message to Dale Pike: “Show up to the meetings "
            "or step down.”",
            ("Ruth Alder", "Mayor", None, (), (), True),
        ),
        (
            "Mayor Ruth Alder said of Dale Pike: “He has not been to a meeting since spring.”",
            ("Ruth Alder", "Mayor", "said", (), (), True),
        ),
        (
            # Near miss: the person before the colon is the object of a verb, not of a
            # preposition, and speaks.
            "The result does not surprise pollster Dale Pike: “Voters made up their minds "
            "long ago.”",
            ("Dale Pike", "pollster", None, (), (), True),
        ),
    ],
)
def test_a_name_a_preposition_governs_before_a_colon_is_no_speaker(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“The audit will find nothing at all,” Rep. Dale Pike (R-Ohio), a member of the "
            "oversight panel, said.",
            ("Dale Pike", "Rep.", "said", (), (), True),
        ),
        (
            "Rep. Dale Pike (R-Ohio), a member of the oversight panel, said the audit "
            "“will find nothing at all.”",
            ("Dale Pike", "Rep.", "said", (), (), True),
        ),
        (
            # Near miss: no parenthesis, the appositive gives the role.
            "“The audit will find nothing at all,” Dale Pike, a member of the oversight panel, "
            "said.",
            ("Dale Pike", "member of the oversight panel", "said", (), (), True),
        ),
    ],
)
def test_a_parenthesis_after_a_name_keeps_the_appositive_after_it(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_year_between_a_relative_and_its_verb_is_no_speaker() -> None:
    sentences = [
        "The mayor met Dale Pike, now the council leader, who in 2010 said the plan was "
        "“a waste of money from start to finish.”",
        "The audit in 2010 said the plan was “a waste of money from start to finish.”",
    ]
    assert [row(a) for a in attribute_sentences(sentences)] == [
        ("council leader", None, "said", (), (), True),
        ("audit", None, "said", (), (), True),
    ]


def test_a_sentence_opening_on_a_participle_names_no_one() -> None:
    sentences = [
        "Governor Ann Hale visited the new estate last year.",
        "Chastened by the reviews, Hale revised her plan in the spring.",
        "“The relief will go to first-time buyers and renters,” she said last month.",
    ]
    assert [row(a) for a in attribute_sentences(sentences)] == [
        (None, None, None, (), (), False),
        (None, None, None, (), (), False),
        ("Ann Hale", "Governor", "said", (), (), True),
    ]


def test_a_name_ending_in_ed_still_opens_a_sentence() -> None:
    sentence = "Mohammed al-Rashid said the talks would resume “within the next two weeks.”"
    assert [row(a) for a in attribute_sentences([sentence])] == [
        ("Mohammed al-Rashid", None, "said", (), (), True)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“Nobody reads the small print,” my father often said.",
            ("father", None, "said", (), (), True),
        ),
        (
            "The council has always claimed the budget was “balanced to the last penny.”",
            ("council", None, "claimed", (), ("claimed",), True),
        ),
        (
            # Near miss: "often" with no reporting verb after it.
            "The council often meets on Thursdays in the old library.",
            (None, None, None, (), (), False),
        ),
    ],
)
def test_often_always_and_sometimes_stand_between_a_subject_and_its_verb(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“So why did the council never pay its bills?” the narrator in the new ad asks.",
            ("narrator", None, "asks", (), (), True),
        ),
        (
            # Near miss: no quotation before the subject.
            "The narrator in the new ad asks why the council never paid its bills.",
            (None, None, None, (), (), False),
        ),
    ],
)
def test_a_speech_act_right_after_a_quotation_and_its_subject_reports_it(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“Count the votes again!” came shouts from the delegates, as the chair waited.",
            ("delegates", None, "came", (), (), True),
        ),
        (
            "“Count the votes again!” came the reply from Mayor Ruth Alder.",
            ("Ruth Alder", "Mayor", "came", (), (), True),
        ),
        (
            # Near miss: nothing says where the words came from.
            "“Count the votes again!” came the reply.",
            (None, None, None, (), (), True),
        ),
    ],
)
def test_words_that_came_from_someone_are_theirs(sentence: str, expected: Row) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The petition accuses the council of “ignoring the needs of its poorest residents.”",
            ("petition", None, "accuses", (), (), True),
        ),
        (
            # Near miss: a petition drive is an event, and nothing is reported.
            "The petition drive ended in March after “a long and very cold winter of work.”",
            (None, None, None, (), (), True),
        ),
    ],
)
def test_a_petition_is_a_document_that_speaks(sentence: str, expected: Row) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Nurses marching through the streets chanted “Safe staffing now” until midnight.",
            ("Nurses", None, "chanted", (), (), True),
        ),
        (
            # Near miss: the opener is no one who could hold a view.
            "Prices rising across the country favor “a very different outcome” this year.",
            (None, None, None, (), (), True),
        ),
    ],
)
def test_a_participle_after_the_opener_leaves_the_opener_the_speaker(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The hearing stalled because of the contractor's Fifth Amendment claims and a "
            "missing witness.",
            (None, None, None, (), ("claims",), False),
        ),
        (
            # Near miss: the possessive phrase opens the clause, so "claims" is its verb.
            "The contractor's lawyer claims that the records were lost in a flood.",
            ("contractor's lawyer", None, "claims", (), ("claims",), False),
        ),
    ],
)
def test_a_possessive_phrase_after_a_preposition_makes_the_verb_form_a_noun(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The levy, which Mayor Ann Cole championed, failed in November.",
            (None, None, None, (), (), False),
        ),
        (
            "The bill funds the programs that Senator Ray Diaz supports.",
            (None, None, None, (), (), False),
        ),
        (
            "Some customers got credit cards in the mail they never asked for.",
            (None, None, None, (), (), False),
        ),
        (
            "The ideas he believes in are older than the party.",
            (None, None, None, (), (), False),
        ),
        (
            "The ideas he believes in - lower taxes and fewer rules - are older than the party.",
            (None, None, None, (), (), False),
        ),
        (
            # Near miss: the same verbs with their objects after them.
            "Senator Ray Diaz supports the programs that the bill funds.",
            ("Ray Diaz", "Senator", "supports", (), (), False),
        ),
        (
            "Mayor Ann Cole asked for patience as the crews worked through the night.",
            ("Ann Cole", "Mayor", "asked", (), (), False),
        ),
        (
            # Near miss: a denial's object is what someone said, so it keeps its speaker.
            "The committee rejected the charge, which Mayor Ann Cole has always denied.",
            ("Ann Cole", "Mayor", "denied", (), (), False),
        ),
    ],
)
def test_a_relative_clause_whose_object_is_the_relative_word_reports_nothing(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_bare_given_name_as_the_subject_is_who_a_later_pronoun_means() -> None:
    sentences = [
        "The magazine sent Dana Whitfield to a farm town in Iowa.",
        "Whitfield writes:",
        '"Gloria thought the whole visit was a mistake.',
        'She was tired, not angry."',
        "“I never wanted the cameras here,” she said.",
        "Curtis came home at six.",
        "“They will leave soon,” he said.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 2, 3, 4, 5])
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("Dana Whitfield", "writes"),
        ("Dana Whitfield", "writes"),
        ("Dana Whitfield", "writes"),
        ("Gloria", "said"),
        (None, None),
        ("Curtis", "said"),
    ]


def test_a_given_name_inside_someone_elses_quotation_is_not_the_pronouns_antecedent() -> None:
    sentences = [
        "“I would not do it,” John Hale said.",
        "“It is not a real question. Maybe Chuck [Todd] didn’t ask me the right way.”",
        "When asked about a vote in the House, he said: “That would be okay.”",
    ]
    results = attribute_sentences(sentences, blocks=[0, 0, 1])
    assert [(r.speaker, r.verb) for r in results] == [("John Hale", "said")] * 3


def test_a_paragraph_opening_on_a_closing_mark_opens_a_signed_quotation() -> None:
    sentences = [
        "Readers sent us their views.",
        "\u201d",
        "Worry.",
        "I am afraid the plant will close.",
        "Nobody in town talks about anything else.\u201d",
        "\u2015 Rosa M. Delgado",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 1, 1, 1, 1])
    assert [(r.speaker, r.quote) for r in results] == [
        (None, False),
        *[("Rosa M. Delgado", True)] * 4,
        ("Rosa M. Delgado", False),
    ]


def test_a_signature_of_four_capitalised_words_is_no_headline() -> None:
    sentences = [
        "\u201cThe plant kept this town alive for forty years, and we will fight for it.\u201d",
        "\u2015 Julia A. Ortiz Romero.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 0])
    assert [(r.speaker, r.quote) for r in results] == [
        ("Julia A. Ortiz Romero", True),
        ("Julia A. Ortiz Romero", False),
    ]


def test_a_persons_campaign_leaves_the_person_someone_she_may_mean() -> None:
    sentences = [
        "If it worked against Orrin Fenwick, it might work against Paul Dorsey.",
        "That is what the Marsh campaign hopes.",
        "“He built his company with a loan from his father,” Marsh said.",
        "On Monday night, Marsh went after Dorsey, painting him as a Fenwick copy.",
        "“Why won’t he release his tax returns?” she said.",
        "The Marsh administration later said it would publish them.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("Marsh", "hopes"),
        ("Marsh", "said"),
        (None, None),
        ("Marsh", "said"),
        ("Marsh", "said"),
    ]


def test_an_organisation_on_a_subject_and_an_epithet_before_a_known_name() -> None:
    sentences = [
        "Paul Dorsey is asking about the sound problems at Monday's forum with Hillary Clinton.",
        "He notes that the Commission on Public Forums said there was an issue with his sound.",
        "He says, “Fixing that microphone was harder than beating Crooked Hillary Clinton.”",
        "He says: “I wonder why it was bad.”",
        "Clinton now says she wants a review.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        ("Paul Dorsey", "asking"),
        ("Commission on Public Forums", "said"),
        ("Paul Dorsey", "says"),
        ("Paul Dorsey", "says"),
        ("Hillary Clinton", "says"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In 2000, the militants attacked the USS Cole, killing 17 sailors.",
            (None, None, None, (), (), False),
        ),
        (
            "Gunmen attacked the embassy in Tripoli on Tuesday.",
            (None, None, None, (), (), False),
        ),
        (
            "Mayor Ann Cole welcomed two hundred guests to the gala.",
            (None, None, None, (), (), False),
        ),
        (
            "Mayor Ann Cole appealed the ruling to the state supreme court.",
            (None, None, None, (), (), False),
        ),
        (
            # Near misses: the same verbs with a person, a decision or a plea as their object.
            "Senator Ray Diaz attacked the governor for cutting school budgets.",
            ("Ray Diaz", "Senator", "attacked", (), (), False),
        ),
        (
            "Senator Ray Diaz welcomed the decision to reopen the plant.",
            ("Ray Diaz", "Senator", "welcomed", (), (), False),
        ),
        (
            "Senator Ray Diaz appealed for calm after the verdict.",
            ("Ray Diaz", "Senator", "appealed", (), (), False),
        ),
    ],
)
def test_a_speech_act_whose_object_gives_it_another_sense_reports_nothing(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_subject_pronoun_keeps_its_person_the_antecedent_of_the_next_he() -> None:
    sentences = [
        "Former party chairman Dan Fowley said the party needs a plan.",
        "“You would be a fool not to prepare,” he said in an interview.",
        "He added a note of caution, should Mayor Bill Ostrow return to work too early.",
        "“He better rest before he gets back out there,” he said.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        ("Dan Fowley", "said"),
        ("Dan Fowley", "said"),
        (None, None),
        ("Dan Fowley", "said"),
    ]


def test_someone_introduced_with_a_role_is_who_the_next_he_said_means() -> None:
    sentences = [
        "Senator Tom Greene spoke in Tampa on Monday.",
        "While Mayor Ray Dunn had a choir singing for him, that has not happened for Greene, "
        "which is something that concerns Henry Caspar, president of the county club.",
        "“No one is singing for Tom,” he said.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.role, r.verb) for r in results] == [
        (None, None, None),
        (None, None, None),
        ("Henry Caspar", "president of the county club", "said"),
    ]


@pytest.mark.parametrize(
    ("tag", "verb"),
    [
        ("Gloria Bell asked.", "asked"),
        ("Gloria Bell asked the senator.", "asked"),
        ("Gloria Bell demanded.", "demanded"),
    ],
)
def test_a_bare_question_that_the_next_sentence_tags_is_the_next_speakers_turn(
    tag: str, verb: str
) -> None:
    sentences = [
        "“It tells you that one of us is the candidate of the machine,” Senator Ann Hale said.",
        "“That would be you?”",
        tag,
    ]
    results = attribute_sentences(sentences, blocks=[0, 0, 0])
    assert [(r.speaker, r.verb) for r in results] == [
        ("Ann Hale", "said"),
        ("Gloria Bell", verb),
        ("Gloria Bell", verb),
    ]


def test_a_bare_quotation_before_another_persons_deed_stays_the_last_speakers() -> None:
    sentences = [
        "“We can win this,” Senator Ann Hale said.",
        "“We have the momentum now.”",
        "Mayor Tom Reyes disagreed.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 0, 0])
    assert [r.speaker for r in results] == ["Ann Hale", "Ann Hale", "Tom Reyes"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mayor Tom Reyes, who leads the council and backs the new highway, toured the plant.",
            (None, None, None, (), (), False),
        ),
        (
            # Near miss: the same two verbs in the main clause.
            "Mayor Tom Reyes led the council and backs the new highway.",
            ("Tom Reyes", "Mayor", "backs", (), (), False),
        ),
        (
            "Mayor Ann Cole will do everything she wants.",
            (None, None, None, (), (), False),
        ),
    ],
)
def test_a_stance_joined_to_a_relative_clause_or_after_anything_is_a_deed(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mayor Ann Cole told reporters nothing about the levy on Monday.",
            (None, None, None, (), (), False),
        ),
        (
            "Mayor Ann Cole did not feel well and left the dinner early.",
            (None, None, None, (), (), False),
        ),
        (
            "Council members feel free to discuss the budget.",
            (None, None, None, (), (), False),
        ),
        (
            # Near misses: "nothing" opens the reported clause; "feel" takes a clause.
            "Mayor Ann Cole told reporters nothing would change before the vote.",
            ("Ann Cole", "Mayor", "told", (), (), False),
        ),
        (
            "Council members feel the levy will pass.",
            ("Council members", None, "feel", (), (), False),
        ),
    ],
)
def test_telling_nothing_and_feeling_well_report_no_words(sentence: str, expected: Row) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_person_named_inside_the_last_quotation_is_not_who_she_said_means() -> None:
    sentences = [
        '"It is true we got close to a deal," Ann Hale said in Denver.',
        '"I voted for it, and so did Senator Mary Lund."',
        'The failure was "heartbreaking," she said.',
    ]
    results = attribute_sentences(sentences, blocks=[0, 0, 1])
    assert [(r.speaker, r.verb) for r in results] == [("Ann Hale", "said")] * 3


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mayor Ann Cole testified before the council last fall.",
            (None, None, None, (), (), False),
        ),
        (
            # Near misses: words reported after the circumstances, or before the speaker.
            "Mayor Ann Cole testified before the council that the levy was legal.",
            ("Ann Cole", "Mayor", "testified", (), (), False),
        ),
        (
            "The levy failed, the council posted on its website.",
            ("council", None, "posted", (), (), False),
        ),
    ],
)
def test_a_verb_that_needs_its_words_reports_nothing_with_only_circumstances(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_verb_going_on_with_a_quotation_keeps_its_speaker_with_only_circumstances() -> None:
    sentences = ["“We will win this fight,” Mayor Ann Cole said.", "Cole added during the rally."]
    assert [(a.speaker, a.verb) for a in attribute_sentences(sentences)] == [
        ("Ann Cole", "said"),
        ("Ann Cole", "added"),
    ]


def test_a_quotation_opening_its_paragraph_runs_on_to_the_mark_that_closes_it() -> None:
    sentences = [
        "The letters arrived after the debate.",
        "“Worry.",
        "I am afraid the plant will close.",
        "The owners say nothing.",
        "The union says less.",
        "Nobody believes the mayor any more.",
        "We need a plan before winter.”",
        "― Rosa M. Delgado",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 1, 1, 1, 1, 1, 1])
    assert [r.speaker for r in results] == [None, *["Rosa M. Delgado"] * 7]


def test_a_labelled_turn_goes_on_past_a_short_question_to_the_end_of_its_paragraph() -> None:
    sentences = [
        "Governor Mary Fallin took questions.",
        '"HOLT: Did you mislead the families?',
        '"FALLIN: I feel for the families.',
        "I answered every question.",
        "I stayed for eleven hours.",
        "Why?",
        "Because the facts were already known.",
        "We had said so many times.",
        'That is when I spoke."',
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 2, 2, 2, 2, 2, 2])
    assert [r.speaker for r in results] == [None, None, *["Mary Fallin"] * 7]


def test_a_finding_verb_before_a_colon_introduces_the_persons_quotation() -> None:
    sentences = [
        "“I endorse the governor,” Dana Whitfield wrote.",
        "She then listed the qualities a good nominee needs:",
        '"Has the candidate a record of service?',
        '"Is the candidate honest?"',
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 3])
    assert [(r.speaker, r.verb) for r in results] == [
        ("Dana Whitfield", "wrote"),
        *[("Dana Whitfield", "listed")] * 3,
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mayor Ann Cole wrote the introduction for a new book on the city.",
            (None, None, None, (), (), False),
        ),
        (
            # Near misses: words reported after the thing written, or before the writer.
            "Mayor Ann Cole wrote a letter to the governor asking for more funds.",
            ("Ann Cole", "Mayor", "wrote", (), (), False),
        ),
        (
            "Mayor Ann Cole wrote in the letter that the funds had run out.",
            ("Ann Cole", "Mayor", "wrote", (), (), False),
        ),
        (
            "“The funds have run out,” wrote Mayor Ann Cole.",
            ("Ann Cole", "Mayor", "wrote", (), (), True),
        ),
    ],
)
def test_writing_a_thing_with_no_words_reported_is_a_deed(sentence: str, expected: Row) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


def test_a_phrase_quoted_in_the_other_style_inside_a_quotation_does_not_end_it() -> None:
    sentences = [
        "Dr. Ann Hale stated:",
        '"The department isn’t about “Equal Justice Under Law” anymore. It is about politics.',
        '"The answer is not more rules."',
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2])
    assert [(r.speaker, r.quote) for r in results] == [
        ("Ann Hale", False),
        ("Ann Hale", True),
        ("Ann Hale", True),
    ]


def test_words_said_at_the_end_of_a_sentence_inside_a_quoted_passage_keep_their_speaker() -> None:
    sentences = [
        "The reporter Jo Marsh wrote:",
        '"The crowd was on its feet.',
        "Tom Reyes walked onto the stage, chanting “We will win!”",
        'The room went quiet."',
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 1, 1])
    assert [(r.speaker, r.verb) for r in results[:3]] == [
        ("Jo Marsh", "wrote"),
        ("Jo Marsh", "wrote"),
        ("Tom Reyes", "chanting"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Senator Ray Diaz denied Carter a final-night photograph of unity.",
            (None, None, None, (), (), False),
        ),
        (
            # Near misses: a denial of a report or of a clause disputes what someone said.
            "Senator Ray Diaz denied the report on Monday.",
            ("Ray Diaz", "Senator", "denied", (), (), False),
        ),
        (
            "Senator Ray Diaz denied Carter had asked for a photograph.",
            ("Ray Diaz", "Senator", "denied", (), (), False),
        ),
    ],
)
def test_denying_someone_a_thing_withholds_it_and_reports_nothing(
    sentence: str, expected: Row
) -> None:
    assert [row(a) for a in attribute_sentences([sentence])] == [expected]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("A former judge, Ann Hale, likened the plan to “a fire sale of public land.”", True),
        ("Senator Ann Hale likened the deal to a bad mortgage.", False),
    ],
)
def test_likening_one_thing_to_another_is_a_speech_act(sentence: str, quote: bool) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.quote) == ("Ann Hale", "likened", quote)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tom Reyes was defensive about not paying an architect who said he was cheated, "
            "saying, “Maybe he did not do a good job.”",
            ("Tom Reyes", "saying"),
        ),
        (
            "Tom Reyes, who said he was cheated, replied, “Maybe he did not do a good job.”",
            ("Tom Reyes", "replied"),
        ),
        (
            "Ann Hale, who has called the plan “a fire sale,” voted against it on Monday.",
            ("Ann Hale", "called"),
        ),
    ],
)
def test_a_quotation_belongs_to_the_frame_that_takes_it_not_a_relative_clauses(
    sentence: str, expected: tuple[str, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


def test_a_reporting_verb_before_its_speaker_and_a_colon_introduces_the_quotation() -> None:
    sentences = [
        "Roger Ames spoke on a radio show.",
        "Stated Ames:",
        "“I think the stakes are so high that they would do anything.",
        "“There is evidence of fraud.”",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 3])
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        *[("Roger Ames", "stated")] * 3,
    ]


def test_a_woman_brought_in_as_the_subject_is_who_a_later_she_said_means() -> None:
    sentences = [
        "Tom Reyes spoke for an hour.",
        "The woman who started it all told the station she was a retired nurse.",
        "“He truly cares about people,” she said.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("woman", "told"),
        ("woman", "said"),
    ]


def test_a_label_sentence_names_no_one_and_no_later_they_means_it() -> None:
    sentences = [
        "Voters are tired.",
        "X.",
        "On one side are activists and intellectuals who are frustrated.",
        "They acknowledge what they consider modest achievements.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2, 3])
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        (None, None),
        (None, None),
        ("activists and intellectuals", "acknowledge"),
    ]


def test_a_named_group_is_still_what_a_later_they_means() -> None:
    sentences = [
        "The Acme Workers Union met on Monday.",
        "The union said the plant would close.",
        "They acknowledge what they consider modest achievements.",
    ]
    results = attribute_sentences(sentences, blocks=[0, 1, 2])
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("Acme Workers Union", "said"),
        ("Acme Workers Union", "acknowledge"),
    ]


@pytest.mark.parametrize("adverb", ["", "quickly "])
def test_a_participles_subject_runs_past_a_role_to_the_person(adverb: str) -> None:
    sentence = (
        f"Republican presidential candidate Donald Trump {adverb}took to Twitter, writing: "
        "“This is a disaster for the country.”"
    )
    assert row(attribute_sentences([sentence])[0]) == (
        "Donald Trump",
        "Republican presidential candidate",
        "writing",
        (),
        (),
        True,
    )


def test_a_participles_subject_that_names_no_one_after_a_role_stays() -> None:
    sentence = "The Republican candidate quickly took to Twitter, writing: “This is a disaster.”"
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.quote) == ("Republican candidate", "writing", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“I love this brand,” Trump said in August after Acme announced it was cutting jobs.",
            ("Trump", "said", ()),
        ),
        (
            "Not long after Acme announced the cuts, Trump said the company had betrayed Ohio.",
            ("Trump", "said", ()),
        ),
        (
            # "As X reported" names the source of what follows: it stays X's.
            "As Acme reported, Trump said the company had betrayed Ohio.",
            ("Acme", "reported", ()),
        ),
    ],
)
def test_a_cue_in_an_adverbial_clause_is_not_the_content_of_the_main_verb(
    sentence: str, expected: tuple[str, str, tuple[str, ...]]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb, result.via) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The investments make up only a tiny fraction of his worth, and a comparison with "
            "his previous filings shows he has reduced his holdings.",
            (None, None),
        ),
        (
            "The investments make up only a tiny fraction of his worth, and a new report shows "
            "he has reduced his holdings.",
            ("new report", "shows"),
        ),
        (
            "The company makes up a tiny fraction of the market and says it will grow.",
            ("company", "says"),
        ),
    ],
)
def test_the_clause_after_a_comma_and_has_its_own_subject(
    sentence: str, expected: tuple[str | None, str | None]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize("given", ["Andy", "Tom"])
def test_a_name_after_a_comma_that_opens_with_and_is_no_conjunction(given: str) -> None:
    sentence = (
        f"In Ohio, the Republican nominee, {given} Reyes — whose mother, also as mayor, built "
        "the new library in the city — promised to cut taxes."
    )
    assert row(attribute_sentences([sentence])[0]) == (
        "Republican nominee",
        None,
        "promised",
        (),
        (),
        False,
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Democrats Hillary Clinton, Bernie Sanders, and Martin O'Malley offered voters a "
            "sharp contrast with Republicans.",
            "Hillary Clinton, Bernie Sanders and Martin O'Malley",
        ),
        (
            "Hillary Clinton, Bernie Sanders and Martin O'Malley said the plan was fair.",
            "Hillary Clinton, Bernie Sanders and Martin O'Malley",
        ),
        (
            "Republicans John Kasich and Ted Cruz said the plan was fair.",
            "John Kasich and Ted Cruz",
        ),
        # The name before the comma ends a phrase of its own: it is no part of the list.
        (
            "Asked about Hillary Clinton, Donald Trump and Mike Pence said nothing new.",
            "Donald Trump and Mike Pence",
        ),
        (
            "The Center for Economic and Policy Research found that the tax would raise money.",
            "Center for Economic and Policy Research",
        ),
    ],
)
def test_a_list_of_people_as_the_subject_is_the_whole_list(sentence: str, expected: str) -> None:
    assert attribute_sentences([sentence])[0].speaker == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hillary Clinton and Senator Elizabeth Warren held a rally in Ohio, as they sought "
            "to energize young voters.",
            ("Hillary Clinton and Elizabeth Warren", "sought"),
        ),
        (
            "Presidential candidates Hillary Clinton and Donald Trump cited the figure on Monday.",
            ("Hillary Clinton and Donald Trump", "cited"),
        ),
        # "they" after a participle means the supporters just named, not the sentence's subject.
        (
            "Paul Ryan and Mitch McConnell remain confident despite a few supporters of the bill, "
            "such as Bob Corker, now saying they think it should be changed.",
            (None, "think"),
        ),
    ],
)
def test_they_in_a_clause_of_a_coordinated_subject_means_all_of_it(
    sentence: str, expected: tuple[str, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ever since she endorsed Mrs. Clinton this month, Ms. Warren has been a powerful "
            "surrogate, attacking Mr. Trump as a fraud.",
            ("Warren", "attacking"),
        ),
        (
            "Ever since she endorsed Mrs. Clinton this month, Ms. Warren has been a powerful "
            "surrogate.",
            ("Warren", "endorsed"),
        ),
        # A pronoun of the other gender keeps its antecedent from before.
        (
            "When she endorsed the plan this month, Mr. Lund was in Ohio.",
            ("Hillary Clinton", "endorsed"),
        ),
    ],
)
def test_a_pronoun_in_a_fronted_clause_means_the_main_clauses_subject(
    sentence: str, expected: tuple[str, str]
) -> None:
    results = attribute_sentences(["Hillary Clinton campaigned in Ohio.", sentence])
    assert (results[1].speaker, results[1].verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sanders answered an early question by focusing on the problems that America faces "
            "— stagnant wages, rising costs — calling them a rigged economy.",
            ("Sanders", "calling"),
        ),
        (
            "Ann Hale left the party that her father founded, calling it a mistake.",
            ("Ann Hale", "calling"),
        ),
        # A verb's "that" opens its complement, whose subject a participle after it may have.
        (
            "Officials believe that Ann Hale left the party, calling it a mistake.",
            ("Ann Hale", "calling"),
        ),
    ],
)
def test_a_participle_after_a_relative_clause_belongs_to_the_main_subject(
    sentence: str, expected: tuple[str, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("the former secretary of state", ("Hillary Clinton", "former secretary of state")),
        # Another office is someone else.
        ("the former secretary of defense", ("former secretary of defense", None)),
    ],
)
def test_a_description_with_its_complement_finds_the_person_it_was_given_to(
    description: str, expected: tuple[str, str | None]
) -> None:
    sentences = [
        "Hillary Clinton, the former secretary of state, spoke first.",
        f"Later, {description} talked about jobs and said the economy was growing.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.role, r.verb) for r in results] == [
        (None, None, None),
        (*expected, "said"),
    ]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("He mocked Rubio for losing every state.", ("Donald Trump", "mocked")),
        # A name in a clause inside the pronoun's own may still be who it means.
        ("He said that Rubio's campaign was over.", ("Marco Rubio", "said")),
    ],
)
def test_a_name_in_its_subject_pronouns_clause_is_not_its_antecedent(
    second: str, expected: tuple[str, str]
) -> None:
    sentences = [
        "Donald Trump spoke in Ohio after Marco Rubio left the stage.",
        "Marco Rubio said the race was not over.",
        second,
    ]
    results = attribute_sentences(sentences)
    assert (results[2].speaker, results[2].verb) == expected


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Many members were dismayed at the loss.", ("members", "consider")),
        # "That" opens no noun phrase: the verb after it names no one.
        ("That frustrates many members.", (None, "consider")),
    ],
)
def test_people_named_by_a_plural_subject_are_who_a_later_they_means(
    first: str, expected: tuple[str | None, str]
) -> None:
    results = attribute_sentences([first, "They consider it a refuge."])
    assert (results[1].speaker, results[1].verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A stance or finding form after a verb that takes a thing is that verb's object.
        ("The island is an ally of whoever provides support for its fleet.", (None, None)),
        ("Neighbours who lent support to the family were thanked.", (None, None)),
        ("Neighbours who know the family support its appeal.", ("Neighbours", "support")),
        # After a gerund a bare form is a noun; a gerund subject takes the -s form.
        ("Mounting polling doubt hung over the campaign.", (None, None)),
        ("Recent polling shows the mayor ahead.", ("Recent polling", "shows")),
        # A bare form after a determiner and a singular name is a noun, unless "did" asks.
        ("He hosted the popular Denholm show for years.", (None, None)),
        ("Did the Denholm Trust support the bill?", ("Denholm Trust", "support")),
        # A face or a look says things only as a figure of speech.
        ("Their smiles said a lot.", (None, None)),
        ("Their aides said a lot was at stake.", ("aides", "said")),
        # An -ed form between another verb and a noun is that noun's adjective.
        ("The new rules led several firms to cancel planned mergers.", (None, None)),
        ("Several firms planned mergers before the new rules.", ("Several firms", "planned")),
        # A reply that was not given reports no words.
        ("Mayor Lena Ortiz did not reply to a request for comment.", (None, None)),
        ("Mayor Lena Ortiz replied that the budget was balanced.", ("Lena Ortiz", "replied")),
    ],
)
def test_a_verb_form_used_as_a_noun_or_a_figure_of_speech_reports_nothing(
    sentence: str, expected: tuple[str | None, str | None]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A short quotation before a noun names a kind of thing: nobody is quoted.
        ("Senator Dana Kell hosted a “unity” dinner for donors.", None),
        ("Senator Dana Kell hosted a dinner for “real patriots” in May.", "Dana Kell"),
    ],
)
def test_a_quotation_modifying_a_noun_quotes_no_one(sentence: str, expected: str | None) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == (expected, None)


def test_a_persons_name_between_the_and_a_bare_form_makes_it_a_noun() -> None:
    first = "Bernie Sanders spoke in Ohio."
    results = attribute_sentences([first, "The committee welcomed the Sanders show on Friday."])
    assert (results[1].speaker, results[1].verb) == (None, None)
    # A plural name before the bare form is its subject.
    results = attribute_sentences([first, "The Democrats show that the plan failed."])
    assert (results[1].speaker, results[1].verb) == ("Democrats", "show")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jane Roe campaigned against Bob Lee, whom many progressives believed was unfair.",
            ("many progressives", "believed"),
        ),
        (
            "Jane Roe campaigned against the law, which many progressives believed was unfair.",
            ("many progressives", "believed"),
        ),
        # Without a relative clause of its own, the belief is the main subject's.
        (
            "Jane Roe campaigned against Bob Lee and believed he was unfair.",
            ("Jane Roe", "believed"),
        ),
    ],
)
def test_an_object_relative_clauses_own_subject_is_its_speaker(
    sentence: str, expected: tuple[str, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jane Roe and Bob Lee of the University of California, Berkeley argue that the "
            "banks failed.",
            ("Jane Roe and Bob Lee", "argue"),
        ),
        (
            "A professor at the University of Texas, Austin said the banks failed.",
            ("professor", "said"),
        ),
        # An institution where something happens belongs to no one: the name after it speaks.
        (
            "Speaking at the University of Miami, Bob Lee said the banks failed.",
            ("Bob Lee", "said"),
        ),
        # A person's name after the institution is an appositive, not a campus.
        (
            "The director of the Acme Centre, Ina Kirsch, said the banks failed.",
            ("Ina Kirsch", "said"),
        ),
    ],
)
def test_a_campus_after_an_institution_is_a_place_not_the_speaker(
    sentence: str, expected: tuple[str, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Jane Roe and Bob Lee wrote a book about banks.", "Jane Roe and Bob Lee"),
        # One person named with others in the object is not a "they".
        ("Jane Roe met the bank's lawyers in Ohio.", None),
    ],
)
def test_people_listed_as_the_subject_are_who_a_later_they_write_means(
    first: str, expected: str | None
) -> None:
    results = attribute_sentences([first, "Even at best, they write, the banks produced little."])
    assert (results[1].speaker, results[1].verb) == (expected, "write")


def test_the_election_office_before_a_name_is_part_of_its_role() -> None:
    sentences = [
        "Republican presidential candidate Jane Roe said the banks failed.",
        "It began when the Jane Roe presidential campaign challenged Bob Lee to a debate.",
        "Friday, she told reporters that Lee was afraid.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.role, r.verb) for r in results] == [
        ("Jane Roe", "Republican presidential candidate", "said"),
        ("Jane Roe presidential campaign", None, "challenged"),
        # The campaign named after her leaves her a person "she" means.
        ("Jane Roe", "Republican presidential candidate", "told"),
    ]


def test_a_description_is_not_an_organisation_whose_name_has_its_head() -> None:
    sentences = [
        "Forums posted messages, the Acme Monitoring Group said.",
        "The forums posted messages in which the terrorist group urged followers to attack.",
        # A description whose modifiers its name has still finds it.
        "The monitoring group said the posts were old.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        ("Acme Monitoring Group", "said"),
        ("terrorist group", "urged"),
        ("Acme Monitoring Group", "said"),
    ]


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (
            [
                "Former Obama speechwriter Jane Roe published a column.",
                "She said the former president would approve.",
            ],
            "Jane Roe",
        ),
        # A surname that is also a word, and a given name that is one too, stay names.
        (["Todd Young met young voters in Ohio.", "Young said the race was close."], "Todd Young"),
        (["The Senate passed the bill on Monday.", "Bill Lee said it was fair."], "Bill Lee"),
    ],
)
def test_a_first_word_the_article_writes_in_lower_case_names_no_one(
    sentences: list[str], expected: str
) -> None:
    assert attribute_sentences(sentences)[1].speaker == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Investors see a small chance of a cut, implying that they expect slower growth.",
            ("Investors", "expect"),
        ),
        ("And Democrats have not decided which plan they prefer.", ("Democrats", "prefer")),
        # Things, not people, are no one a "they" can mean.
        (
            "Markets see a small chance of a cut, implying that they expect slower growth.",
            (None, "expect"),
        ),
    ],
)
def test_a_plural_subject_capitalised_only_by_its_place_is_who_they_means(
    sentence: str, expected: tuple[str | None, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Whenever asked about the plan, they changed the subject.", (None, None)),
        ("Whenever asked about the plan, Jane Roe said it was fine.", ("Jane Roe", "said")),
    ],
)
def test_whenever_opening_a_sentence_names_no_one(
    sentence: str, expected: tuple[str | None, str | None]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "As Republicans scrambled to raise cash last year, they proposed sweeping cuts.",
            ("Republicans", "proposed"),
        ),
        (
            "Both senators had to answer videos showing that they supported the plan.",
            ("senators", "supported"),
        ),
        # Things in the fronted clause are no one a "they" can mean.
        ("As the markets fell last year, they proposed sweeping cuts.", (None, "proposed")),
    ],
)
def test_people_named_in_a_fronted_clause_are_who_the_main_clauses_they_means(
    sentence: str, expected: tuple[str | None, str]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("The plant closed in the U.S. last year.", "company"),
        # An organisation that spoke is still who "the company" means.
        ("Acme Corp cut jobs in the U.S., Acme Corp said.", "Acme Corp"),
    ],
)
def test_a_dotted_place_abbreviation_is_not_an_organisation(first: str, expected: str) -> None:
    results = attribute_sentences([first, "But the company says it fears a slump."])
    assert (results[1].speaker, results[1].verb) == (expected, "says")


def test_a_name_the_company_meant_is_not_a_later_she() -> None:
    sentences = [
        "State Representative Jane Roe visited Fenwick.",
        "Fenwick said it would move the plant.",
        "The company says it fears a slump.",
        "Her district includes the plant, she said.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("Fenwick", "said"),
        ("Fenwick", "says"),
        ("Jane Roe", "said"),
    ]


def test_a_preposition_opening_a_sentence_starts_no_name() -> None:
    sentences = ["Outside Acme's plant, a worker took a break.", "“The mood is calm,” he said."]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [(None, None), (None, "said")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Most of them said they had loved the work.", "Most of them"),
        ("Many of the workers said they had loved the work.", "Many of the workers"),
    ],
)
def test_a_share_of_them_is_the_speaker_not_what_them_means(sentence: str, expected: str) -> None:
    results = attribute_sentences(["Acme Corp said it would close.", sentence])
    assert (results[1].speaker, results[1].verb) == (expected, "said")


def test_a_bare_surname_goes_on_meaning_the_namesake_it_has_meant() -> None:
    sentences = [
        "Donald Trump spoke in Ohio.",
        "Trump said the wall would rise.",
        "Ivanka Trump introduced her father.",
        "Trump blamed Jane Roe for the deficit.",
        # A title that tells the gender still finds the namesake it fits.
        "Ms. Trump smiled, she said.",
    ]
    results = attribute_sentences(sentences)
    assert [(r.speaker, r.verb) for r in results] == [
        (None, None),
        ("Donald Trump", "said"),
        (None, None),
        ("Donald Trump", "blamed"),
        ("Ivanka Trump", "said"),
    ]


@pytest.mark.parametrize(
    ("middle", "expected"),
    [
        ("The editors think the Jane Lee campaign took voters for granted.", "Leslie Roe"),
        # Named as the subject of a clause, she is who the next "she said" means.
        ("The editors think Jane Lee took voters for granted.", "Jane Lee"),
    ],
)
def test_a_name_that_only_names_a_campaign_is_not_a_later_she(middle: str, expected: str) -> None:
    sentences = [
        "“The campaign is in a panic,” said Leslie Roe, a caucus leader.",
        middle,
        "“They have a big problem,” she said.",
    ]
    assert attribute_sentences(sentences)[2].speaker == expected


def test_a_state_before_a_surname_modifies_it_and_names_no_one_new() -> None:
    sentences = [
        "A teen was hurt outside a Wisconsin Trump rally.",
        "Trump said the state was broke.",
        "Donald Trump spoke in Janesville.",
        "Trump said it again.",
        # A state before a party word is a description, which stays whole.
        "The Kentucky Republican said the state was broke.",
    ]
    results = attribute_sentences(sentences)
    assert [r.speaker for r in results] == [
        None,
        "Trump",
        None,
        "Donald Trump",
        "Kentucky Republican",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The officials whom Trump hired said the plan was sound.", "officials"),
        ("The aide to whom Trump spoke said the plan was sound.", "aide"),
        ("Voters whom many pundits dismissed said the plan was sound.", "Voters"),
        ("The senator, whom Trump hired last year, said the plan was sound.", "senator"),
        # The near miss: a subject relative clause, which was already skipped.
        ("Officials who spoke with the Post said the plan was sound.", "Officials"),
    ],
)
def test_an_object_relative_clause_in_the_subject_is_skipped(sentence: str, expected: str) -> None:
    assert row(attribute_sentences([sentence])[0]) == (expected, None, "said", (), (), False)


def test_the_verb_of_an_object_relative_clause_has_its_own_subject() -> None:
    result = attribute_sentences(["But Mr. Roe is someone whom Mr. Trump views as a peer."])[0]
    assert row(result) == ("Trump", None, "views", (), (), False)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mr. Adams, then at Chase, and Mr. Brook, at a rival bank, decided to leave.",
            ("Adams and Brook", None, "decided", (), (), False),
        ),
        (
            "Jeb Bush and his older brother said the war was a mistake.",
            ("Jeb Bush and his older brother", None, "said", (), (), False),
        ),
        (
            "Over lunch, Mr. Adams, then at Chase, and Mr. Brook, at a rival bank, decided to go.",
            ("Adams and Brook", None, "decided", (), (), False),
        ),
        (
            "Jeb Bush and his older brother, meanwhile, said the war was a mistake.",
            ("Jeb Bush and his older brother", None, "said", (), (), False),
        ),
        # Near misses: one described person, and names that close a fronted phrase.
        (
            "Mr. Adams, the chairman, said the firm would grow.",
            ("Adams", "chairman", "said", (), (), False),
        ),
        (
            "Asked about Jeb Bush and his brother, the aide said the war was a mistake.",
            ("aide", None, "said", (), (), False),
        ),
    ],
)
def test_a_person_joined_to_another_described_one_are_both_the_subject(
    sentence: str, expected: Row
) -> None:
    assert row(attribute_sentences([sentence])[0]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She has won the most pledged delegates in the race.", (None, None)),
        ("Clinton now has many more pledged delegates than Sanders.", (None, None)),
        # The near miss: a quantifier as the subject, with the verb it governs.
        ("Most pledged to vote against the bill.", ("unnamed sources", "pledged")),
    ],
)
def test_a_participle_between_a_quantifier_and_a_noun_is_an_adjective(
    sentence: str, expected: tuple[str | None, str | None]
) -> None:
    result = attribute_sentences([sentence])[0]
    assert (result.speaker, result.verb) == expected


_PLAIN_WORDS = st.sampled_from(["he", "said", "the", "plan", "and", "it", "rained"])
_CLAUSE_WORDS = st.sampled_from(["that", "when", ",", ";", ":", "—", "("])
# Runs of words that end no clause, some longer than the words read one by one, each run closed
# by a word that ends one (or not, at the end of the sentence).
_CLAUSES = st.lists(
    st.tuples(st.lists(_PLAIN_WORDS, max_size=150), st.one_of(st.none(), _CLAUSE_WORDS)),
    min_size=1,
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(_CLAUSES, st.data())
def test_a_clause_ends_where_a_word_by_word_reading_ends_it(
    clauses: list[tuple[list[str], str | None]], data: Any
) -> None:
    # Long clauses are looked up in the sentence's ends, found once; short ones are read.
    from factcheck.extract.attribution.entities import Store
    from factcheck.extract.attribution.phrases import CLAUSE_ENDS, INNER_CLAUSE, clause_end
    from factcheck.extract.attribution.sentence import Sentence

    words = [word for run, end in clauses for word in (*run, *([end] if end else []))]
    sent = Sentence(Store(), 0, " ".join(words) + ".", [])
    pos = data.draw(st.integers(0, sent.n - 1))
    ends = (
        k
        for k in range(pos + 1, sent.n)
        if sent.toks[k] in CLAUSE_ENDS or k in sent.qpos or sent.low[k] in INNER_CLAUSE
    )
    assert clause_end(sent, pos) == next(ends, sent.n)


def test_a_sentence_of_reporting_verbs_by_the_thousand_is_read_once() -> None:
    # "He said" 5,000 times: every "said" asks where its clause ends.
    found = attribute_sentences(["He said " * 5_000 + "that it rained."])
    assert len(found) == 1


@pytest.mark.parametrize("plain", [1, 63, 64, 65, 66, 129, 200])
def test_a_clause_ends_at_its_first_end_however_far(plain: int) -> None:
    from factcheck.extract.attribution.entities import Store
    from factcheck.extract.attribution.phrases import clause_end
    from factcheck.extract.attribution.sentence import Sentence

    sent = Sentence(Store(), 0, "said " * plain + "that it rained, he said.", [])
    for pos in range(plain):
        assert clause_end(sent, pos) == plain  # the "that"
    assert clause_end(sent, plain) == plain + 3  # the comma

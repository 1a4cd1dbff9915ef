"""The made-up page that the pasted-page tests copy and vary: a menu, a headline, its byline
and date, and a story of four paragraphs."""

from __future__ import annotations

MENU = ["Home", "Local News", "Sport", "Business", "Weather", "Opinion", "Obituaries"]
HEADLINE = "Harbour ferry fares rise for a third year running"
BYLINE_LINE = "By Jane Roe"
STAMP = "March 5, 2024"
BODY = [
    "The harbour board voted on Tuesday to raise ferry fares by five percent from April, the "
    "third rise in as many years.",
    "Board members said the higher fares would pay for two new boats and longer evening "
    "sailings on the island route.",
    "Commuters who cross every day told the meeting that the fares already cost them more "
    "than a monthly rail pass.",
    "The board will review the fares again next spring, when the first new boat enters "
    "service on the harbour.",
]
# Other stories' openings, each cut short with an ellipsis, as a list of them shows.
EXCERPTS = [
    "Storm closes coastal road HARBOURTON: The coastal road will stay closed until the storm has"
    " passed, officials said, as waves reached...",
    "Library opens a reading room HARBOURTON: The new room holds 4,000 books. Its opening hours"
    " will be...",
    "Council names garden prize winner HARBOURTON: The prize went to a school whose pupils"
    " planted\u2026",
]

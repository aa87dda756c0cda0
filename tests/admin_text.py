"""What a reader sees of an admin page: the text of its main area, without scripts,
templates and hidden elements, so attribute values and Wagtail's hidden counters do not
count as words on the page."""

import re

from bs4 import BeautifulSoup

# Values a person should never read: Python's None/True/False, ISO dates and times,
# unformatted decimals (3990.00, 1500000,00), primary keys and language codes.
RAW_VALUES = {
    "None": re.compile(r"\bNone\b"),
    "True/False": re.compile(r"\b(True|False)\b"),
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "unformatted decimal": re.compile(r"(?<![\d.,])\d{4,}[.,]\d{2}(?!\d)"),
    "primary key": re.compile(r"\bID \d+\b"),
    "language code": re.compile(r"\bDil:? (tr|en|fa)\b"),
}


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    area = soup.find("main") or soup.body or soup
    for tag in area.find_all(["script", "style", "template", "noscript"]):
        tag.decompose()
    for tag in area.find_all(attrs={"hidden": True}):
        tag.decompose()
    return " ".join(area.get_text(" ").split())


def raw_values(text):
    """``[(kind, excerpt), …]`` for each raw value in ``text``."""
    return [(kind, text[max(0, found.start() - 50):found.end() + 30])
            for kind, pattern in RAW_VALUES.items() for found in pattern.finditer(text)]

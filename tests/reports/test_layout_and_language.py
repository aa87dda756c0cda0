"""What a reader sees on the page: no word of the report's own strings is broken across
lines inside a table cell, in any report kind, Turkish or English; and the English
edition carries no Turkish interface word or unit."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import report_bytes, shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())

KINDS = (Report.Kind.PROGRAMME, Report.Kind.INSTITUTION, Report.Kind.FIELD_STUDY,
         Report.Kind.FIRM_FEEDBACK)
# Interface words and units of the Turkish edition that must not reach an English one.
TURKISH_UI_WORDS = {"Toplam", "Görevler", "Görev", "Kurum", "Dönem", "Onaylanan", "Evet",
                    "Hayır", "milyon", "ülke", "firma", "Sayfa", "TASLAK", "Sürüm", "Hedef",
                    "Gerçekleşen", "Bulgular", "ziyaretler", "Yapılacak", "Engellendi",
                    "Tamamlandı", "Gecikmiş"}
PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def issue(report_data, personas, kind, language):
    subject = {Report.Kind.INSTITUTION: {"institution": personas.kto},
               Report.Kind.FIRM_FEEDBACK: {"firm": report_data.visited_firms[0]}}
    report = request_report(program=report_data.program, kind=kind,
                            period=report_data.locked_period, by=personas.coordinator,
                            language=language, **subject.get(kind, {}))
    assert report.status == Report.Status.DONE, report.error
    return report


def tokens(data):
    words = []
    for page in PdfReader(io.BytesIO(data)).pages:
        words += [PUNCTUATION.sub("", word) for word in page.extract_text().split()]
    return [word for word in words if word]


def source_words(snapshot):
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(PUNCTUATION.sub("", word) for word in value.split())

    walk(snapshot)
    return found


def split_words(report):
    """Pairs of neighbouring words on the page that are one word of the report's strings
    broken in two."""
    words, known = tokens(report_bytes(report)), source_words(report.snapshot)
    return [(first, second) for first, second in zip(words, words[1:], strict=False)
            if first not in known and len(first + second) >= 4 and first + second in known]


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_word_is_split_inside_a_table_cell(report_data, personas, kind, language):
    report = issue(report_data, personas, kind, language)
    assert split_words(report) == []


@pytest.mark.parametrize("kind", KINDS)
def test_english_edition_has_no_turkish_interface_word(report_data, personas, kind):
    report = issue(report_data, personas, kind, "en")
    assert set(tokens(report_bytes(report))) & TURKISH_UI_WORDS == set()


def test_turkish_edition_uses_the_turkish_words(report_data, personas):
    # The list above is made of words the Turkish edition does print.
    words = set(tokens(report_bytes(issue(report_data, personas, Report.Kind.PROGRAMME,
                                          "tr"))))
    assert {"Toplam", "milyon", "Evet"} <= words

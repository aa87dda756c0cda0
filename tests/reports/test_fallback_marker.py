"""A report prints content that has no translation in its language as the public pages
do: in the original, followed by "(in Turkish)" in the report's language."""

import io

import pytest
from django.utils import translation

from reports import institution
from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import pdf_text, report_bytes
from tracker.models import Action

pytestmark = pytest.mark.django_db


def issued_text(report_data, personas, language):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.locked_period, by=personas.coordinator,
                            language=language)
    assert report.status == Report.Status.DONE, report.error
    return " ".join(pdf_text(report_bytes(report)).split())


def test_an_english_report_marks_the_untranslated_council_decision(report_data, personas):
    text = issued_text(report_data, personas, "en")
    assert "Kümelenme çalıştayı düzenlenecek (in Turkish)" in text


def test_an_english_report_marks_the_untranslated_meeting_title(report_data, personas):
    text = issued_text(report_data, personas, "en")
    assert "Koordinasyon kurulu 2. toplantı (in Turkish)" in text


def test_a_translated_text_carries_no_marker(report_data, personas):
    decision = report_data.program.council_meetings.get().decisions.get()
    decision.text_en = "A clustering workshop will be held"
    decision.save()
    text = issued_text(report_data, personas, "en")
    assert "A clustering workshop will be held" in text
    assert "Kümelenme çalıştayı" not in text
    assert "Productivity (in" not in text


def test_the_original_language_edition_has_no_marker(report_data, personas):
    text = issued_text(report_data, personas, "tr")
    assert "Kümelenme çalıştayı düzenlenecek" in text
    assert "(Türkçe)" not in text
    assert "Türkçe" not in text


def test_the_stored_snapshot_keeps_the_marker_of_an_untranslated_action_title(
        report_data, personas):
    Action.objects.filter(goal__pillar__plan__program=report_data.program,
                          code="A1").update(title_en="")
    report = request_report(program=report_data.program, kind=Report.Kind.INSTITUTION,
                            period=report_data.locked_period, by=personas.coordinator,
                            institution=personas.kto, language="en")
    assert report.status == Report.Status.DONE, report.error
    printed = " ".join(pdf_text(report_bytes(report)).split())
    assert "A1 Yalın üretim eğitimi (in Turkish)" in printed

    stored = Report.objects.get(pk=report.pk).snapshot
    titles = {action["code"]: action["title"] for action in stored["actions"]}
    assert titles["A1"] == "Yalın üretim eğitimi (in Turkish)"
    buffer = io.BytesIO()
    with translation.override("en"):
        institution.render(stored, buffer)
    rebuilt = " ".join(pdf_text(buffer.getvalue()).split())
    assert "A1 Yalın üretim eğitimi (in Turkish)" in rebuilt
    assert "(in Turkish) (in Turkish)" not in rebuilt

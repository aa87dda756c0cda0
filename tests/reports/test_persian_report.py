"""A report in Persian: shaped, right-to-left text in a Persian font, Persian digits and
Solar Hijri dates; its text, read back from the PDF in reading order, holds the Persian
words in their logical order."""

import io
import unicodedata

import pytest
from django.utils import translation
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from reports import pdf
from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import report_bytes, shared_report_fixtures
from tracker.models import Task

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())

PROGRAMME = "برنامه خوشه صنعتی استان قم"
TASK = "برگزاری نمایشگاه مبلمان قم"


def reading_order(data):
    """The PDF's lines as a reader's tool gives them: pypdf puts right-to-left runs drawn
    in visual order back in reading order; the joined letter forms the page draws are
    unfolded to plain letters."""
    return [unicodedata.normalize("NFKC", line).strip()
            for page in PdfReader(io.BytesIO(data)).pages
            for line in page.extract_text().splitlines()]


def persian_report(report_data, personas):
    program = report_data.program
    program.name_fa = PROGRAMME
    program.save(update_fields=["name_fa"])
    Task.objects.filter(pk=Task.objects.in_program(program).filter(
        status=Task.Status.BLOCKED).first().pk).update(title_fa=TASK)
    report = request_report(program=program, by=personas.coordinator,
                            kind=Report.Kind.PROGRAMME, period=report_data.locked_period,
                            language="fa")
    assert report.status == Report.Status.DONE, report.error
    return report


def test_persian_words_read_back_in_logical_order(report_data, personas):
    lines = reading_order(report_bytes(persian_report(report_data, personas)))
    assert PROGRAMME in lines
    assert any(TASK in line for line in lines)
    # Shaping before line breaking, or no reordering, would leave the words or letters
    # in drawing order.
    assert not any(PROGRAMME[::-1] in line for line in lines)
    assert not any(" ".join(reversed(PROGRAMME.split())) in line for line in lines)


def test_persian_report_uses_the_persian_font_and_digits(report_data, personas):
    data = report_bytes(persian_report(report_data, personas))
    fonts = {font["/BaseFont"] for page in PdfReader(io.BytesIO(data)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("NotoSansArabic" in str(font) for font in fonts), fonts
    text = "\n".join(reading_order(data))
    assert "۱" in text or "۲" in text
    # Dates in the Solar Hijri calendar, all digits Persian.
    assert str(report_data.locked_period.end_date.year) not in text
    assert not any(digit in text for digit in "0123456789")


def test_a_wrapped_persian_paragraph_keeps_its_lines_in_reading_order():
    words = ["خوشه", "مبلمان", "قم", "در", "شهرک", "صنعتی", "شکوهیه", "نمایشگاه",
             "بین‌المللی", "کنسرسیوم", "صادراتی", "سوهان"] * 3
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=(60 * mm, 200 * mm), leftMargin=5 * mm,
                                 rightMargin=5 * mm)
    with translation.override("fa"):
        document.build([pdf.paragraph(" ".join(words))])
    lines = reading_order(buffer.getvalue())
    assert len(lines) > 2
    # Reshaping the whole paragraph before breaking it would put its last words first.
    assert " ".join(lines).split() == [unicodedata.normalize("NFKC", word) for word in words]

"""An issued PDF says what it is: its title, the programme as author, its language, and
the moment it was issued as its creation date."""

import io

import pytest
from pypdf import PdfReader

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import report_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["tr", "en"])
def test_pdf_metadata_names_title_programme_language_and_issue_time(report_data, personas,
                                                                    language):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.locked_period, by=personas.coordinator,
                            language=language)
    reader = PdfReader(io.BytesIO(report_bytes(report)))
    info = reader.metadata
    assert info.author == report_data.program.name
    assert info.title == report.snapshot["title"]
    assert reader.trailer["/Root"]["/Lang"] == language
    assert info.creation_date.replace(microsecond=0) == report.issued_at.replace(microsecond=0)

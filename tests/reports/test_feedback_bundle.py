import hashlib
import io
import zipfile

import pytest

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import pdf_text, report_bytes, shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


@pytest.fixture
def bundle(report_data, personas):
    return request_report(program=report_data.program, kind=Report.Kind.FIRM_FEEDBACK_BUNDLE,
                          period=report_data.locked_period, by=personas.coordinator)


def test_bundle_holds_one_pdf_per_visited_firm(bundle, report_data):
    assert bundle.status == Report.Status.DONE, bundle.error
    with zipfile.ZipFile(io.BytesIO(report_bytes(bundle))) as archive:
        names = archive.namelist()
        assert len(names) == len(report_data.visited_firms) == 10
        first = min(report_data.visited_firms, key=lambda firm: firm.pk)
        data = archive.read(names[0])
    assert names[0].startswith(f"{first.pk:05d}-Erciyes-Firma")
    assert first.trade_name in pdf_text(data)


def test_bundle_snapshot_names_each_file_with_its_checksum(bundle):
    with zipfile.ZipFile(io.BytesIO(report_bytes(bundle))) as archive:
        for entry in bundle.snapshot["files"]:
            assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]


def test_bundle_is_a_zip_download(bundle):
    assert bundle.download_name().endswith(".zip")
    assert bundle.content_type == "application/zip"


def test_feedback_report_lists_the_firms_findings_and_matching_support(report_data, personas):
    firm = report_data.visited_firms[0]
    report = request_report(program=report_data.program, kind=Report.Kind.FIRM_FEEDBACK,
                            period=report_data.locked_period, by=personas.coordinator,
                            firm=firm)
    text = pdf_text(report_bytes(report))
    assert "Kayıp süre ölçülmüyor (0)" in text
    assert "Kayıp süre ölçülmüyor (1)" not in text
    assert "A1 Yalın üretim eğitimi" in text
    assert "Programın sunduğu destekler" in text


def test_bundle_drawn_in_helper_processes_holds_the_same_files(report_data, personas,
                                                               settings):
    settings.REPORTS_BUNDLE_PROCESSES = 2
    bundle = request_report(program=report_data.program,
                            kind=Report.Kind.FIRM_FEEDBACK_BUNDLE,
                            period=report_data.locked_period, by=personas.coordinator)
    assert bundle.status == Report.Status.DONE, bundle.error
    with zipfile.ZipFile(io.BytesIO(report_bytes(bundle))) as archive:
        names = archive.namelist()
        assert len(names) == 10
        assert all(archive.read(name).startswith(b"%PDF") for name in names)
    assert names == sorted(names)

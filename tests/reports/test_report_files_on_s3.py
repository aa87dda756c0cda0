"""Report files on S3-compatible object storage (a moto server started by the test run):
written by the worker under the reports prefix, read back through the download view with
the checksum recorded at issue, and kept when someone tries to delete an issued report."""

import hashlib

import pytest
from django.urls import reverse

from core.freeze import FrozenError
from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def issue(report_data, personas):
    return request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                          period=report_data.locked_period, by=personas.coordinator)


def test_issued_report_is_stored_under_the_reports_prefix(report_data, personas, s3_bucket):
    report = issue(report_data, personas)
    assert s3_bucket.keys() == [f"reports/{report.file.name}"]
    stored = s3_bucket.read(f"reports/{report.file.name}")
    assert stored.startswith(b"%PDF")
    assert hashlib.sha256(stored).hexdigest() == report.sha256
    assert len(stored) == report.size


def test_download_streams_the_stored_bytes_with_their_checksum(report_data, personas,
                                                               s3_bucket, client):
    report = issue(report_data, personas)
    client.force_login(personas.coordinator)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.sha256 == response["X-Content-SHA256"]
    assert response["Cache-Control"] == "private, no-store"


def test_outsider_gets_no_file_from_the_bucket(report_data, personas, s3_bucket, client):
    report = issue(report_data, personas)
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_issued_report_refuses_deletion_and_its_object_stays(report_data, personas,
                                                             s3_bucket):
    report = issue(report_data, personas)
    with pytest.raises(FrozenError):
        report.delete()
    assert Report.objects.filter(pk=report.pk).exists()
    assert s3_bucket.keys("reports/") == [f"reports/{report.file.name}"]


def test_private_objects_get_only_signed_short_lived_urls(report_data, personas, s3_bucket):
    report = issue(report_data, personas)
    url = report.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url

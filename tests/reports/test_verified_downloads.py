"""A report file is sent only when it still matches the SHA-256 taken at issue: an altered
file is refused with 409, a missing one with 410, on the admin and the public address
alike, and the report's admin page says so and offers to issue it again."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import ModelLogEntry

from reports.models import FileCheck, Report
from reports.public import published_reports
from reports.services import request_report
from tests.reports.conftest import shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


@pytest.fixture
def published(report_data, personas):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.locked_period, by=personas.coordinator)
    report.publish(by=personas.coordinator)
    return report


def alter(report):
    """Change one byte of the stored file, through the storage."""
    storage, name = report.file.storage, report.file.name
    with storage.open(name, "rb") as stored:
        data = bytearray(stored.read())
    data[len(data) // 2] ^= 0xFF
    storage.delete(name)
    storage.save(name, io.BytesIO(bytes(data)))


def test_intact_file_is_sent_with_its_checksum(published, client):
    response = client.get(reverse("reports:public_download", args=[published.pk]))
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == published.sha256


@pytest.mark.parametrize("address", ["reports:public_download", "reports:download"])
def test_altered_file_is_refused_with_409(published, personas, client, address):
    alter(published)
    client.force_login(personas.coordinator)
    response = client.get(reverse(address, args=[published.pk]))
    assert response.status_code == 409
    assert b"%PDF" not in response.content
    assert published.sha256 in response.content.decode()


@pytest.mark.parametrize("address", ["reports:public_download", "reports:download"])
def test_missing_file_is_refused_with_410(published, personas, client, address):
    published.file.storage.delete(published.file.name)
    client.force_login(personas.coordinator)
    response = client.get(reverse(address, args=[published.pk]))
    assert response.status_code == 410


def test_refused_download_is_logged(published, client):
    alter(published)
    client.get(reverse("reports:public_download", args=[published.pk]))
    entry = ModelLogEntry.objects.get(action="reports.report.file_refused")
    assert entry.data == {"check": "altered"}


@pytest.mark.parametrize(("damage", "label"), [("alter", "file altered"),
                                               ("delete", "file missing")])
def test_admin_page_flags_the_file_and_offers_to_issue_again(published, personas, client,
                                                             damage, label):
    if damage == "alter":
        alter(published)
    else:
        published.file.storage.delete(published.file.name)
    assert published.check_file() == (FileCheck.ALTERED if damage == "alter"
                                      else FileCheck.MISSING)
    client.force_login(personas.coordinator)
    html = client.get(reverse("reports_admin:detail", args=[published.pk])).content.decode()
    assert label in html
    assert reverse("reports_admin:issue_again", args=[published.pk]) in html


def test_issue_again_makes_the_next_version(published, personas, client):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reports_admin:issue_again", args=[published.pk]))
    again = Report.objects.get(version=2, kind=Report.Kind.PROGRAMME)
    assert response.url == reverse("reports_admin:detail", args=[again.pk])
    assert again.check_file() == FileCheck.INTACT


def test_public_listing_shows_checksum_and_exact_size(published, report_data):
    [listed] = published_reports(report_data.program)
    html = render_to_string("cms/includes/report_facts.html", {"report": listed})
    assert published.sha256 in html
    assert f"{published.size} " in html

import pytest
from django.urls import reverse

from reports.models import Report
from tests.reports.conftest import shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def test_coordinator_issues_a_report_from_the_admin(report_data, personas, client):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reports_admin:issue"), {
        "period": report_data.locked_period.pk, "kind": Report.Kind.PROGRAMME,
        "language": "tr"})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports_admin:detail", args=[report.pk])
    assert report.status == Report.Status.DONE
    page = client.get(response.url)
    assert reverse("reports:download", args=[report.pk]) in page.content.decode()


def test_issue_form_asks_for_the_institution_of_an_institution_report(
        report_data, personas, client):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reports_admin:issue"), {
        "period": report_data.locked_period.pk, "kind": Report.Kind.INSTITUTION,
        "language": "tr"})
    assert response.status_code == 200
    assert response.context["form"].errors["institution"] == [
        "Choose the institution to report on."]
    assert not Report.objects.exists()


def test_running_report_page_refreshes_and_shows_progress(report_data, personas, client):
    report = Report.objects.create(
        program=report_data.program, kind=Report.Kind.PROGRAMME,
        period=report_data.locked_period, version=1, requested_by=personas.coordinator,
        status=Report.Status.RUNNING, progress=40)
    client.force_login(personas.coordinator)
    content = client.get(reverse("reports_admin:detail", args=[report.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in content
    assert "40% done" in content


def test_failed_report_shows_its_error(report_data, personas, client):
    report = Report.objects.create(
        program=report_data.program, kind=Report.Kind.PROGRAMME,
        period=report_data.locked_period, version=1, requested_by=personas.coordinator,
        status=Report.Status.FAILED, error="ValueError: no phases")
    client.force_login(personas.coordinator)
    content = client.get(reverse("reports_admin:detail", args=[report.pk])).content.decode()
    assert "ValueError: no phases" in content
    assert "http-equiv" not in content


def test_coordinator_publishes_an_issued_report_from_its_page(report_data, personas, client):
    client.force_login(personas.coordinator)
    client.post(reverse("reports_admin:issue"), {
        "period": report_data.locked_period.pk, "kind": Report.Kind.FIELD_STUDY,
        "language": "en"})
    report = Report.objects.get()
    client.post(reverse("reports_admin:publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.published_by == personas.coordinator

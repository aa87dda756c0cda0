import pytest
from django.core import mail

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def issue(report_data, personas):
    return request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                          period=report_data.locked_period, by=personas.coordinator)


def test_failed_generation_is_recorded_with_its_error(report_data, personas, monkeypatch):
    def broken(snapshot, out):
        raise ValueError("chart without data")

    monkeypatch.setattr("reports.programme.render", broken)
    report = issue(report_data, personas)
    assert report.status == Report.Status.FAILED
    assert report.error == "ValueError: chart without data"
    assert not report.file and not report.is_frozen


def test_requester_is_told_when_the_report_is_ready(report_data, personas):
    personas.coordinator.email = "koordinator@example.org"
    personas.coordinator.save()
    report = issue(report_data, personas)
    assert [message.to for message in mail.outbox] == [["koordinator@example.org"]]
    assert mail.outbox[0].subject == "Rapor hazır: Program ilerleme raporu · 2026-1 (v1)"
    assert f"/admin/progress-reports/{report.pk}/" in mail.outbox[0].body


def test_a_report_is_generated_once(report_data, personas):
    from reports.generation import generate

    report = issue(report_data, personas)
    again = generate(report.pk)
    assert again.sha256 == report.sha256 and again.issued_at == report.issued_at

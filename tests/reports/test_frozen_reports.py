import hashlib

import pytest
from django.urls import reverse

from core.freeze import FrozenError
from reports.models import Report
from reports.services import request_report
from tests.factories import TaskFactory
from tests.reports.conftest import pdf_text, report_bytes
from tracker.models import Task

pytestmark = pytest.mark.django_db


def issue(report_data, personas, period=None):
    return request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                          period=period or report_data.locked_period, by=personas.coordinator)


def download(client, user, report):
    client.force_login(user)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_issued_report_downloads_the_same_bytes_after_live_data_changes(
        report_data, personas, client):
    report = issue(report_data, personas)
    first = download(client, personas.coordinator, report)
    TaskFactory(action=report_data.actions[0], assigned_institution=personas.kto,
                title="Yeni görev")
    again = download(client, personas.coordinator, report)
    assert again == first
    assert hashlib.sha256(again).hexdigest() == report.sha256


def test_issuing_again_makes_a_new_version_with_the_new_figures(report_data, personas):
    first = issue(report_data, personas)
    TaskFactory(action=report_data.actions[0], assigned_institution=personas.kto,
                title="Yeni görev")
    second = issue(report_data, personas)
    assert (first.version, second.version) == (1, 2)
    assert second.sha256 != first.sha256
    totals = Task.objects.in_program(report_data.program).count()
    assert f"Toplam {totals} " in pdf_text(report_bytes(second))
    assert f"Toplam {totals - 1} " in pdf_text(report_bytes(first))
    assert Report.objects.get(pk=first.pk).sha256 == first.sha256


def test_issued_report_refuses_to_change(report_data, personas):
    report = issue(report_data, personas)
    report.language = "en"
    with pytest.raises(FrozenError, match="cannot be changed"):
        report.save()


def test_issued_report_refuses_to_be_deleted(report_data, personas):
    report = issue(report_data, personas)
    with pytest.raises(FrozenError):
        report.delete()
    assert Report.objects.filter(pk=report.pk).exists()


def test_open_period_gives_a_watermarked_draft(report_data, personas):
    report = issue(report_data, personas, period=report_data.open_period)
    assert report.draft and report.status == Report.Status.DONE
    assert "TASLAK" in pdf_text(report_bytes(report))
    assert not report.is_frozen


def test_draft_cannot_be_published(report_data, personas):
    report = issue(report_data, personas, period=report_data.open_period)
    with pytest.raises(Exception, match="locked period"):
        report.publish(by=personas.coordinator)

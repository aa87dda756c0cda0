import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def running_report(report_data, personas, silent_for):
    return Report.objects.create(
        program=report_data.program, kind=Report.Kind.PROGRAMME,
        period=report_data.locked_period, version=1, requested_by=personas.coordinator,
        status=Report.Status.RUNNING, progress=40,
        heartbeat_at=timezone.now() - silent_for)


def test_a_report_silent_past_the_limit_is_released_as_failed(report_data, personas, settings):
    settings.REPORTS_STALE_AFTER = datetime.timedelta(minutes=30)
    report = running_report(report_data, personas, datetime.timedelta(minutes=31))
    assert Report.objects.release_stale() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error.startswith("The worker stopped while drawing this report")


def test_a_report_still_making_progress_keeps_running(report_data, personas, settings):
    settings.REPORTS_STALE_AFTER = datetime.timedelta(minutes=30)
    report = running_report(report_data, personas, datetime.timedelta(minutes=29))
    assert Report.objects.release_stale() == 0
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING


def test_progress_renews_the_heartbeat(report_data, personas, settings):
    settings.REPORTS_STALE_AFTER = datetime.timedelta(minutes=30)
    report = running_report(report_data, personas, datetime.timedelta(minutes=29))
    report.set_progress(60)
    assert Report.objects.release_stale(
        now=timezone.now() + datetime.timedelta(minutes=2)) == 0


def test_the_report_page_shows_a_dead_workers_report_as_failed(
        report_data, personas, client, settings):
    settings.REPORTS_STALE_AFTER = datetime.timedelta(minutes=30)
    report = running_report(report_data, personas, datetime.timedelta(hours=2))
    client.force_login(personas.coordinator)
    content = client.get(reverse("reports_admin:detail", args=[report.pk])).content.decode()
    assert "The worker stopped while drawing this report" in content
    assert "http-equiv" not in content


def test_a_released_report_can_be_issued_again(report_data, personas, settings):
    settings.REPORTS_STALE_AFTER = datetime.timedelta(minutes=30)
    running_report(report_data, personas, datetime.timedelta(hours=2))
    out = io.StringIO()
    call_command("release_stale_reports", stdout=out)
    assert out.getvalue() == "1 stale report(s) released.\n"
    again = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                           period=report_data.locked_period, by=personas.coordinator)
    assert again.version == 2
    assert again.status == Report.Status.DONE

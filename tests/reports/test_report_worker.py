"""One report goes through the persistent queue and the real worker, as in production."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from reports.models import Report
from reports.services import request_report

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """The persistent backend; django-tasks rebuilds its backends on the settings change."""
    settings.TASKS = DATABASE_BACKEND


@pytest.mark.django_db(transaction=True)
def test_queued_report_is_picked_up_by_the_worker_and_stored(
        database_queue, report_data, personas):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.locked_period, by=personas.coordinator)
    assert report.status == Report.Status.QUEUED
    assert DBTaskResult.objects.filter(task_path="reports.jobs.generate_report").count() == 1
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    assert report.sha256 and report.size > 0
    assert DBTaskResult.objects.get(task_path="reports.jobs.generate_report").status \
        == "SUCCESSFUL"

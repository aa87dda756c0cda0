"""The programme report prints the longest-waiting blocked tasks, not hundreds of them;
its stored figures keep every one."""

import datetime

import pytest
from django.utils import timezone

from reports.models import Report
from reports.programme import BLOCKED_TASKS_SHOWN
from reports.services import request_report
from tests.factories import TaskFactory
from tests.reports.conftest import pdf_text, report_bytes
from tracker.models import Task, TaskEvent

pytestmark = pytest.mark.django_db


def test_only_the_earliest_due_blocked_tasks_are_printed_and_counted_in_a_note(
        report_data, personas):
    action = report_data.actions[1]
    extra = BLOCKED_TASKS_SHOWN + 4
    for number in range(extra):
        TaskFactory(action=action, assigned_institution=personas.kto,
                    title=f"Bekleyen iş {number:02d}",
                    due_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
                    status=Task.Status.BLOCKED, blocked_reason=f"Gerekçe {number:02d}")
    Task.objects.filter(title_tr__startswith="Bekleyen iş").update(
        created_at=timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 0)))
    TaskEvent.objects.filter(task__title_tr__startswith="Bekleyen iş").update(
        at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0)))

    report = request_report(program=report_data.program, by=personas.coordinator,
                            kind=Report.Kind.PROGRAMME, period=report_data.locked_period,
                            language="tr")
    assert report.status == Report.Status.DONE, report.error

    blocked = report.snapshot["tasks"]["blocked"]
    assert len(blocked) == extra + 1  # "Yazılım ihalesi" of the shared rows, due 1.6.2026
    text = pdf_text(report_bytes(report))
    printed = [number for number in range(extra) if f"Bekleyen iş {number:02d}" in text]
    # Due 1.1.2026 onwards, a day apart: the first twenty are the earliest due.
    assert printed == list(range(BLOCKED_TASKS_SHOWN))
    assert f"Engellenen {extra + 1} görevden son tarihi en erken olan " \
           f"{BLOCKED_TASKS_SHOWN} görev" in " ".join(text.split())

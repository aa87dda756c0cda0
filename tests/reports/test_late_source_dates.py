"""A re-issued report lists the task events recorded since the last issue with the day
they happened in the programme's time zone, written as people write dates."""

import datetime

import pytest

from reports.comparison import late_sources
from reports.models import Report
from tests.factories import ReportingPeriodFactory, TaskFactory
from tracker.models import Task, TaskEvent

pytestmark = pytest.mark.django_db


def test_a_late_task_event_is_dated_by_its_local_day(personas):
    period = ReportingPeriodFactory(program=personas.program)
    task = TaskFactory(action__goal__pillar__plan__program=personas.program,
                       action__lead=personas.kto, title="Çalıştay")
    report = Report.objects.create(program=personas.program, kind=Report.Kind.PROGRAMME,
                                   period=period, version=2, requested_by=personas.coordinator)
    # 22:30 UTC on 30 June is 01:30 on 1 July in Kayseri.
    TaskEvent.objects.create(task=task, status=Task.Status.DONE, percent_complete=100,
                             at=datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC))
    since = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
    rows = [row["row"] for row in late_sources(report, since)]
    assert any("Çalıştay" in row and "01.07.2026" in row for row in rows), rows
    assert not any("2026-06-30" in row for row in rows)

"""A report judged today and the coordinator panel of today print the same figures: both
read them through the same query functions."""

import pytest
from django.utils import timezone

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import shared_report_fixtures
from tracker.queries import coordinator_dashboard

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


@pytest.fixture
def today_report(report_data, personas):
    # The open period runs past today, so its draft is judged today.
    return request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                          period=report_data.open_period, by=personas.coordinator).snapshot


@pytest.fixture
def panel(report_data):
    return coordinator_dashboard(report_data.program, timezone.localdate())


def test_pillar_progress_is_the_same(today_report, panel):
    # Names are in each reader's language; the codes lead them.
    assert [(p["name"].split()[0], p["progress"], p["actions"])
            for p in today_report["action_plan"]["pillars"]] == [
        (p["code"], p["progress"], p["actions_total"]) for p in panel["pillars"]]
    assert today_report["action_plan"]["pillars"]


def test_overdue_tasks_per_institution_are_the_same(today_report, panel):
    report = {row["institution"]: row["overdue"] for row in today_report["tasks"]["rows"]
              if row["overdue"]}
    dashboard = {row["assigned_institution__short_name"] or row["assigned_institution__name"]:
                 row["overdue"] for row in panel["institutions"] if row["overdue"]}
    assert report == dashboard
    assert report


def test_blocked_tasks_are_the_same(today_report, panel):
    assert [row["task"] for row in today_report["tasks"]["blocked"]] == [
        task.title for task in panel["blocked_tasks"]]


def test_indicator_actuals_are_the_same(today_report, panel):
    assert {row["code"]: row["actual"] for row in today_report["indicators"]["rows"]} == {
        row["indicator"].code: (float(row["indicator"].actual_value)
                                if row["indicator"].actual_value is not None else None)
        for row in panel["indicators"]}

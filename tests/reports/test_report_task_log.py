"""A report's background task logs one JSON line naming its programme."""

import json
import logging

import pytest

from core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_a_report_task_logs_its_programme_and_duration(report_data, personas, caplog):
    from reports.models import Report
    from reports.services import request_report

    with caplog.at_level(logging.INFO, logger="tracker.tasks"):
        request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                       period=report_data.locked_period, by=personas.coordinator)
    lines = [json.loads(JsonFormatter().format(record)) for record in caplog.records
             if record.name == "tracker.tasks"]
    [line] = [line for line in lines if line["event"] == "task"]
    assert line["task"] == "reports.jobs.generate_report"
    assert line["programme"] == report_data.program.slug
    assert line["status"] == "SUCCESSFUL" and line["duration_ms"] > 0
    assert line["task_id"]

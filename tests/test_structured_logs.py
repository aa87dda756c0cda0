"""One JSON log line per request and per background task, joinable across nodes."""

import json
import logging

import pytest
from django.urls import reverse

from core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def json_lines(caplog, logger):
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records
            if record.name == logger]


def test_a_request_logs_one_line_with_its_id_user_and_duration(client, personas, caplog):
    client.force_login(personas.coordinator)
    with caplog.at_level(logging.INFO, logger="tracker.requests"):
        response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="lb-0123456789")
    [line] = json_lines(caplog, "tracker.requests")
    assert response["X-Request-ID"] == "lb-0123456789"
    assert (line["event"], line["request_id"], line["user_id"], line["status"],
            line["path"]) == ("request", "lb-0123456789", personas.coordinator.pk, 200,
                              "/health/live")
    assert line["duration_ms"] >= 0


def test_a_request_id_a_client_made_up_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="tracker.requests"):
        response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID='x"\n{"forged":1}')
    [line] = json_lines(caplog, "tracker.requests")
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32 and "forged" not in line

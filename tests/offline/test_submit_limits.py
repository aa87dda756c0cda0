"""The phone's JSON endpoints refuse oversized and over-nested bodies with 400, never 500,
and store nothing."""

import json
import uuid

import pytest
from django.urls import reverse

from fieldvisits.models import Submission, Visit
from tests.fieldvisits.helpers import COMPLETE_ANSWERS

pytestmark = pytest.mark.django_db


def post_json(client, url, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json")


def submit_url(visit):
    return reverse("field:submit_json", args=[visit.pk])


def test_a_body_over_the_limit_is_refused_before_parsing(agent_client, visit, settings):
    settings.FIELD_JSON_MAX_BYTES = 2048
    body = {"submission_uuid": str(uuid.uuid4()),
            "answers": {**COMPLETE_ANSWERS, "notes": "x" * 4000}}
    response = post_json(agent_client, submit_url(visit), body)
    assert response.status_code == 400
    assert "limit is 2 KB" in response.json()["error"]
    assert Submission.objects.count() == 0
    visit.refresh_from_db()
    assert visit.status == Visit.Status.SCHEDULED


def test_answers_nested_deeper_than_a_list_of_choices_are_refused(agent_client, visit):
    body = {"submission_uuid": str(uuid.uuid4()),
            "answers": {**COMPLETE_ANSWERS, "obstacles": [["finance"], {"a": "staff"}]}}
    response = post_json(agent_client, submit_url(visit), body)
    assert response.status_code == 400
    assert "nested deeper" in response.json()["error"]
    assert Submission.objects.count() == 0


def test_a_pathologically_deep_body_is_a_400_not_a_500(agent_client, visit):
    response = post_json(agent_client, submit_url(visit), "[" * 200_000 + "]" * 200_000)
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_a_body_that_is_not_an_answers_object_is_refused(agent_client, visit):
    response = post_json(agent_client, submit_url(visit), {"submission_uuid": str(uuid.uuid4()),
                                                           "answers": ["maturity", "4"]})
    assert response.status_code == 400
    assert "answers object" in response.json()["error"]


def test_a_draft_over_the_limit_is_refused_and_keeps_the_earlier_draft(agent_client, visit,
                                                                        settings, personas):
    from fieldvisits.services import save_draft

    save_draft(visit=visit, answers={"capacity": "40"}, by=personas.agent1)
    settings.FIELD_JSON_MAX_BYTES = 1024
    response = post_json(agent_client, reverse("field:draft_json", args=[visit.pk]),
                         {"answers": {"notes": "y" * 2000},
                          "typed_at": "2030-01-01T10:00:00+03:00"})
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "40"}

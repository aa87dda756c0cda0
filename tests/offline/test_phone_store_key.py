"""The key that seals an agent's outbox on a shared phone, the headers of field pages, and
the server's version sent back with a refusal, for the phone to show both."""

import base64
import json
import uuid

import pytest
from django.urls import reverse

from fieldvisits.models import Visit
from fieldvisits.services import save_draft, submit_visit

pytestmark = pytest.mark.django_db

ANSWERS = {"maturity": "3", "capacity": "64", "notes": "Hat kurulumu sürüyor."}


def key_of(client):
    response = client.get(reverse("field:store_key"), HTTP_ACCEPT_ENCODING="gzip")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # A secret: never compressed (no BREACH oracle), never cached.
    assert not response.has_header("Content-Encoding")
    return response.json()


def test_each_agent_gets_their_own_key_and_only_in_their_own_session(client, personas):
    assert client.get(reverse("field:store_key")).status_code == 401
    client.force_login(personas.agent1)
    first = key_of(client)
    assert first["owner"] == personas.agent1.pk
    assert len(base64.b64decode(first["key"])) == 32
    # The same key at the next login (what was sealed can be opened again)…
    client.logout()
    client.force_login(personas.agent1)
    assert key_of(client)["key"] == first["key"]
    # …and another for another agent.
    client.force_login(personas.agent2)
    assert key_of(client)["key"] != first["key"]


def test_people_outside_the_field_teams_get_no_key(client, personas):
    client.force_login(personas.editor)
    assert client.get(reverse("field:store_key")).status_code == 403


def test_field_pages_are_private_never_stored_and_compressed(agent_client, visit):
    for name, args in (("home", []), ("visit", [visit.pk]), ("visit_form", [visit.pk])):
        response = agent_client.get(reverse(f"field:{name}", args=args),
                                    HTTP_ACCEPT_ENCODING="gzip")
        cache = response["Cache-Control"]
        assert "private" in cache and "no-store" in cache, name
        assert response["Content-Encoding"] == "gzip", name
    assert "no-store" in agent_client.get(reverse("field:login"))["Cache-Control"]
    assert agent_client.get(reverse("field:sw"))["Cache-Control"] == "no-cache"


def test_a_stale_draft_is_refused_with_the_servers_answers(agent_client, personas, visit):
    save_draft(visit=visit, answers={"notes": "Telefon B"}, by=personas.agent1)
    response = agent_client.post(
        reverse("field:draft_json", args=[visit.pk]), content_type="application/json",
        data=json.dumps({"answers": {"notes": "Telefon A"}, "typed_at": "2020-01-01T10:00:00Z"}))
    assert response.status_code == 409
    body = response.json()
    assert body["stale"] is True
    assert body["answers"]["notes"] == "Telefon B"


def test_a_submission_after_another_devices_carries_the_stored_answers(agent_client, personas,
                                                                      visit):
    submit_visit(visit=visit, answers=ANSWERS, submission_uuid=uuid.uuid4(), by=personas.agent1)
    response = agent_client.post(
        reverse("field:submit_json", args=[visit.pk]), content_type="application/json",
        data=json.dumps({"submission_uuid": str(uuid.uuid4()),
                         "answers": {**ANSWERS, "capacity": "70"}}))
    assert response.status_code == 409
    assert response.json()["answers"]["capacity"] == "64"
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.SUBMITTED

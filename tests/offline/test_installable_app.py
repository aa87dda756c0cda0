"""The installable app: manifest, service worker, and what a phone keeps."""

import datetime

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_app_installable(client):
    manifest = client.get(reverse("field:manifest")).json()
    assert manifest["start_url"] == manifest["scope"] == "/field/"
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_the_service_worker_controls_the_field_app_and_names_its_version(client):
    response = client.get(reverse("field:sw"))
    assert response["Service-Worker-Allowed"] == "/field/"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"__FIELD_CONFIG__" not in body
    assert b'"version": "' in body
    assert b"/static/field/form.js" in body


def test_field_pages_load_their_scripts_from_files_only(agent_client, visit):
    page = agent_client.get(reverse("field:visit_form", args=[visit.pk])).content.decode()
    scripts = page.count("<script")
    assert scripts == page.count("<script src=") + page.count('<script id="rule-messages" '
                                                              'type="application/json">') \
        + page.count('<script id="field-strings" type="application/json">')


def test_the_phone_keeps_only_the_agents_own_upcoming_visits(agent_client, personas, visit):
    today = timezone.localdate()
    far = VisitFactory(program=personas.program, agent=personas.agent1,
                       scheduled_date=today + datetime.timedelta(days=60))
    others = VisitFactory(program=personas.program, agent=personas.agent2, scheduled_date=today)
    done = VisitFactory(program=personas.program, agent=personas.agent1, scheduled_date=today,
                        status="approved")
    bundle = agent_client.get(reverse("field:offline_bundle")).json()
    assert [v["id"] for v in bundle["visits"]] == [visit.pk]
    pages = [page["url"] for page in bundle["pages"]]
    assert reverse("field:visit_form", args=[visit.pk]) in pages
    for hidden in (far, others, done):
        assert reverse("field:visit", args=[hidden.pk]) not in pages


def test_a_kept_page_changes_version_only_when_its_visit_or_firm_changes(agent_client, visit):
    def versions():
        response = agent_client.get(reverse("field:offline_bundle"))
        return response, {p["url"]: p["version"] for p in response.json()["pages"]}

    first, before = versions()
    assert first["Cache-Control"] == "private, no-cache"
    # Nothing changed: the phone's copy of the list is still good (304, no body).
    again = agent_client.get(reverse("field:offline_bundle"),
                             HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    visit.firm.phone = "0352 311 22 33"
    visit.firm.save()
    _, after = versions()
    changed = {url for url in before if before[url] != after[url]}
    assert changed == {"/field/", reverse("field:visit", args=[visit.pk]),
                       reverse("field:visit_form", args=[visit.pk])}


def test_the_bundle_asks_an_expired_session_to_log_in(client):
    assert client.get(reverse("field:offline_bundle")).status_code == 401


@pytest.mark.parametrize("visits", [3, 30])
def test_the_bundle_takes_the_same_queries_for_few_and_many_visits(
        agent_client, personas, version, visits, django_assert_max_num_queries):
    for _ in range(visits):
        VisitFactory(program=personas.program, agent=personas.agent1,
                     scheduled_date=timezone.localdate())
    # One of them reads the agent's memberships, once for the request: whether they may
    # use the field app, and the programme ids the visits rule probes the programme index
    # with (tracker.models.programs.program_ids_for).
    with django_assert_max_num_queries(5):
        bundle = agent_client.get(reverse("field:offline_bundle")).json()
    assert len(bundle["visits"]) == visits

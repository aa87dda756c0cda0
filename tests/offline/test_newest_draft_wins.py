"""Drafts from phones: the newest typed draft is kept, an older one never overwrites it."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldvisits.services import StaleDraft, save_draft, submit_visit
from tests.fieldvisits.helpers import COMPLETE_ANSWERS

pytestmark = pytest.mark.django_db


def minutes_ago(minutes):
    return timezone.now() - datetime.timedelta(minutes=minutes)


def test_an_older_draft_is_refused_and_the_newer_one_kept(visit, personas):
    save_draft(visit=visit, answers={"capacity": "60"}, by=personas.agent1,
               typed_at=minutes_ago(5))
    with pytest.raises(StaleDraft):
        save_draft(visit=visit, answers={"capacity": "20"}, by=personas.agent1,
                   typed_at=minutes_ago(10))
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "60"}
    assert visit.answers.get(question__code="capacity").value_number == 60


def test_a_newer_draft_replaces_the_older_one(visit, personas):
    save_draft(visit=visit, answers={"capacity": "60"}, by=personas.agent1,
               typed_at=minutes_ago(10))
    save_draft(visit=visit, answers={"capacity": "65"}, by=personas.agent1,
               typed_at=minutes_ago(5))
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "65"}
    assert visit.draft_saved_at == pytest.approx(minutes_ago(5), abs=datetime.timedelta(
        seconds=5))


def test_a_phone_clock_ahead_does_not_lock_out_later_drafts(visit, personas):
    save_draft(visit=visit, answers={"capacity": "60"}, by=personas.agent1,
               typed_at=timezone.now() + datetime.timedelta(days=2))
    save_draft(visit=visit, answers={"capacity": "61"}, by=personas.agent1)
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "61"}


def test_a_draft_typed_before_the_submission_does_not_reopen_it(visit, personas):
    typed = timezone.now()
    submit_visit(visit=visit, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                 by=personas.agent1)
    visit.status = "returned"
    visit.save(update_fields=["status"])
    with pytest.raises(StaleDraft):
        save_draft(visit=visit, answers={"capacity": "1"}, by=personas.agent1, typed_at=typed)
    visit.refresh_from_db()
    assert visit.status == "returned"


def test_the_draft_endpoint_answers_409_with_the_kept_time(agent_client, visit, personas):
    kept = minutes_ago(1)
    save_draft(visit=visit, answers={"capacity": "60"}, by=personas.agent1, typed_at=kept)
    response = agent_client.post(
        reverse("field:draft_json", args=[visit.pk]), content_type="application/json",
        data={"answers": {"capacity": "20"}, "typed_at": minutes_ago(30).isoformat()})
    assert response.status_code == 409
    assert response.json()["stale"] is True
    assert "newer draft" in response.json()["error"]
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "60"}


def test_the_draft_endpoint_keeps_a_draft_with_its_errors(agent_client, visit):
    response = agent_client.post(
        reverse("field:draft_json", args=[visit.pk]), content_type="application/json",
        data={"answers": {"capacity": "150", "notes": "Fuar"},
              "typed_at": minutes_ago(1).isoformat()})
    assert response.status_code == 200
    assert "100" in response.json()["errors"]["capacity"]
    visit.refresh_from_db()
    assert visit.draft_answers == {"capacity": "150", "notes": "Fuar"}


def test_the_draft_endpoint_asks_an_expired_session_to_log_in(client, visit):
    response = client.post(reverse("field:draft_json", args=[visit.pk]),
                           content_type="application/json",
                           data={"answers": {}, "typed_at": minutes_ago(1).isoformat()})
    assert response.status_code == 401
    assert response.json()["login"] is True

"""The outbox may send an item again when an answer was lost: the server stores it once."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fieldvisits.models import Submission, VisitAttachment
from tests.fieldvisits.helpers import COMPLETE_ANSWERS

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 200


def test_a_resent_submission_is_stored_once_and_answered_as_the_first(agent_client, visit):
    body = {"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS}
    url = reverse("field:submit_json", args=[visit.pk])
    first = agent_client.post(url, data=body, content_type="application/json")
    again = agent_client.post(url, data=body, content_type="application/json")
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["status"] == again.json()["status"] == "submitted"
    assert again.json()["duplicate"] is True
    assert Submission.objects.filter(visit=visit).count() == 1


def test_a_submission_keeps_what_it_carried(agent_client, visit):
    body = {"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS}
    agent_client.post(reverse("field:submit_json", args=[visit.pk]), data=body,
                      content_type="application/json")
    stored = Submission.objects.get(visit=visit)
    assert stored.answers["capacity"] == "72"
    assert stored.answers["obstacles"] == ["finance", "staff"]


def test_a_resent_photo_is_stored_once(agent_client, visit):
    url = reverse("field:attachment_json", args=[visit.pk])
    photo_uuid = str(uuid.uuid4())
    answers = [agent_client.post(url, {"uuid": photo_uuid,
                                       "file": SimpleUploadedFile("hall.jpg", JPEG)})
               for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json()["attachment"] == answers[1].json()["attachment"]
    assert VisitAttachment.objects.filter(visit=visit).count() == 1


def test_a_photo_with_the_wrong_content_is_refused(agent_client, visit):
    response = agent_client.post(reverse("field:attachment_json", args=[visit.pk]),
                                 {"uuid": str(uuid.uuid4()),
                                  "file": SimpleUploadedFile("hall.jpg", b"<html>")})
    assert response.status_code == 400
    assert ".jpg" in response.json()["error"]
    assert VisitAttachment.objects.count() == 0


def test_a_photo_resent_after_the_submission_is_answered_as_the_first(agent_client, visit):
    url = reverse("field:attachment_json", args=[visit.pk])
    photo = {"uuid": str(uuid.uuid4())}
    agent_client.post(url, {**photo, "file": SimpleUploadedFile("hall.jpg", JPEG)})
    agent_client.post(reverse("field:submit_json", args=[visit.pk]),
                      content_type="application/json",
                      data={"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS})
    again = agent_client.post(url, {**photo, "file": SimpleUploadedFile("hall.jpg", JPEG)})
    assert again.status_code == 200
    assert VisitAttachment.objects.filter(visit=visit).count() == 1


def test_a_submission_for_a_visit_cancelled_meanwhile_is_a_409(agent_client, visit, personas):
    visit.cancel(by=personas.supervisor, reason="Firma taşındı.")
    response = agent_client.post(reverse("field:submit_json", args=[visit.pk]),
                                 content_type="application/json",
                                 data={"submission_uuid": str(uuid.uuid4()),
                                       "answers": COMPLETE_ANSWERS})
    assert response.status_code == 409
    assert "Cancelled" in response.json()["error"]
    assert Submission.objects.count() == 0

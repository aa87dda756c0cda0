"""Two people doing opposite things to one record at the same moment, on PostgreSQL.

Each test releases the requests together on threads with their own connections, and
repeats the race a few times; every round must end in one consistent, recorded state,
and the side that lost must have been told so.
"""

import json
import uuid

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from fieldvisits.models import Answer, ReviewComment, Submission, Visit, VisitEvent
from tests.fieldvisits.helpers import COMPLETE_ANSWERS
from tests.integrity.conftest import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

ROUNDS = 4


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_approve_and_return_at_once_leave_one_outcome(personas, make_visit):
    approver, returner = logged_in(personas.supervisor), logged_in(personas.coordinator)
    outcomes = set()
    for _ in range(ROUNDS):
        visit = make_visit("submitted")
        url = reverse("field:review", args=[visit.pk])
        approved, returned = race(
            lambda url=url: approver.post(url, {"action": "approve"}),
            lambda url=url: returner.post(url, {"action": "return",
                                                "comment_general": "Kapasiteyi düzelt"}),
        )
        visit.refresh_from_db()
        moves = VisitEvent.objects.filter(visit=visit, from_status=Visit.Status.SUBMITTED)
        assert moves.count() == 1
        if visit.status == Visit.Status.APPROVED:
            assert approved.status_code == 302
            assert returned.status_code == 400
            assert "“Approved” cannot become “Returned”" in returned.content.decode()
            assert not ReviewComment.objects.filter(visit=visit).exists()
        else:
            assert visit.status == Visit.Status.RETURNED
            assert returned.status_code == 302
            assert approved.status_code == 400
            assert "“Returned” cannot become “Approved”" in approved.content.decode()
            assert ReviewComment.objects.filter(visit=visit).count() == 1
        outcomes.add(visit.status)
    assert outcomes <= {Visit.Status.APPROVED, Visit.Status.RETURNED}


def test_submit_and_cancel_at_once_leave_one_outcome(personas, make_visit):
    agent, supervisor = logged_in(personas.agent1), logged_in(personas.supervisor)
    for _ in range(ROUNDS):
        visit = make_visit("in_progress")
        body = json.dumps({"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS})
        submitted, cancelled = race(
            lambda v=visit, b=body: agent.post(reverse("field:submit_json", args=[v.pk]), b,
                                               content_type="application/json"),
            lambda v=visit: supervisor.post(reverse("field:close_visit", args=[v.pk]),
                                            {"outcome": "cancelled",
                                             "reason": "Firma kapandı"}),
        )
        visit.refresh_from_db()
        if visit.status == Visit.Status.SUBMITTED:
            assert submitted.status_code == 200
            assert submitted.json()["status"] == "submitted"
            assert any("“Submitted” cannot become “Cancelled”" in m
                       for m in shown_messages(cancelled))
            assert Submission.objects.filter(visit=visit).count() == 1
        else:
            assert visit.status == Visit.Status.CANCELLED
            assert submitted.status_code == 409
            error = submitted.json()["error"]
            # The cancel committed before the submission took the row's lock, or after.
            assert ("This visit is now “Cancelled”; the submission was not stored." == error
                    or "“Cancelled” cannot become “Submitted”" in error)
            assert any("Visit closed" in m for m in shown_messages(cancelled))
            assert not Submission.objects.filter(visit=visit).exists()
            assert not Answer.objects.filter(visit=visit).exists()


def test_identical_resends_all_answer_as_the_first_did(personas, make_visit):
    visit = make_visit("in_progress")
    clients = [logged_in(personas.agent1) for _ in range(8)]
    url = reverse("field:submit_json", args=[visit.pk])
    body = json.dumps({"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS})
    responses = race(*[lambda c=c: c.post(url, body, content_type="application/json")
                       for c in clients])
    assert [r.status_code for r in responses] == [200] * len(clients)
    assert sorted(r.json()["duplicate"] for r in responses) == [False] + [True] * 7
    assert {r.json()["status"] for r in responses} == {"submitted"}
    assert Submission.objects.filter(visit=visit).count() == 1
    assert VisitEvent.objects.filter(visit=visit, to_status=Visit.Status.SUBMITTED).count() == 1


def test_a_different_payload_racing_under_the_same_code_is_refused(personas, make_visit):
    visit = make_visit("in_progress")
    url = reverse("field:submit_json", args=[visit.pk])
    code = str(uuid.uuid4())
    other = dict(COMPLETE_ANSWERS, capacity="55")
    first, second = race(
        lambda: logged_in(personas.agent1).post(
            url, json.dumps({"submission_uuid": code, "answers": COMPLETE_ANSWERS}),
            content_type="application/json"),
        lambda: logged_in(personas.agent1).post(
            url, json.dumps({"submission_uuid": code, "answers": other}),
            content_type="application/json"),
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    refused = first if first.status_code == 409 else second
    assert "already used for different answers" in refused.json()["error"]
    assert Submission.objects.filter(visit=visit).count() == 1

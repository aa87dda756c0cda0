"""Submitting a visit: all-or-nothing, idempotent per submission UUID, 409 on conflict."""

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldvisits.models import Answer, Submission, Visit
from fieldvisits.services import AnswersInvalid, SubmissionConflict, save_draft, submit_visit
from tests.fieldvisits.helpers import COMPLETE_ANSWERS


def post_json(client, visit, body):
    return client.post(reverse("field:submit_json", args=[visit.pk]), json.dumps(body),
                       content_type="application/json")


@pytest.mark.django_db
def test_submission_stores_typed_answers_and_submits(personas, scheduled_visit):
    submit_visit(visit=scheduled_visit, answers=COMPLETE_ANSWERS,
                 submission_uuid=uuid.uuid4(), by=personas.agent1)
    scheduled_visit.refresh_from_db()
    assert scheduled_visit.status == Visit.Status.SUBMITTED
    answers = {a.question.code: a for a in scheduled_visit.answers.select_related("question")}
    assert answers["capacity"].value_number == 72
    assert answers["obstacles"].value_text == "|finance|staff|"
    assert answers["notes"].value_text == "Fuar desteği istiyor."


@pytest.mark.django_db
def test_same_uuid_and_same_answers_twice_is_stored_once(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    body = {"submission_uuid": str(uuid.uuid4()), "answers": COMPLETE_ANSWERS}
    first = post_json(client, scheduled_visit, body)
    again = post_json(client, scheduled_visit, body)
    assert (first.status_code, first.json()["duplicate"]) == (200, False)
    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    assert Submission.objects.count() == 1
    assert scheduled_visit.events.filter(to_status=Visit.Status.SUBMITTED).count() == 1
    assert Answer.objects.filter(visit=scheduled_visit).count() == len(COMPLETE_ANSWERS)


@pytest.mark.django_db
def test_same_uuid_with_other_answers_is_a_conflict(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    code = str(uuid.uuid4())
    post_json(client, scheduled_visit, {"submission_uuid": code, "answers": COMPLETE_ANSWERS})
    changed = {**COMPLETE_ANSWERS, "capacity": "10"}
    response = post_json(client, scheduled_visit, {"submission_uuid": code, "answers": changed})
    assert response.status_code == 409
    assert "already used for different answers" in response.json()["error"]
    assert Answer.objects.get(visit=scheduled_visit, question__code="capacity").value_number == 72


@pytest.mark.django_db
def test_resending_the_html_form_is_recognised_and_a_changed_resend_gets_409(
        client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    url = reverse("field:visit_form", args=[scheduled_visit.pk])
    form = {**COMPLETE_ANSWERS, "submission_uuid": str(uuid.uuid4()), "action": "submit"}
    first = client.post(url, form)
    assert first.status_code == 302
    # The retry lands on a visit that is no longer editable: the agent is sent to its page.
    submitted = client.post(url, form, follow=True)
    assert submitted.status_code == 200
    assert Submission.objects.count() == 1
    with pytest.raises(SubmissionConflict):
        submit_visit(visit=scheduled_visit, answers={**COMPLETE_ANSWERS, "notes": "başka"},
                 submission_uuid=uuid.UUID(form["submission_uuid"]), by=personas.agent1)


@pytest.mark.django_db
def test_missing_and_invalid_answers_change_nothing(personas, started_visit):
    answers = {"capacity": "150", "staff_needed": "3"}
    with pytest.raises(AnswersInvalid) as refused:
        submit_visit(visit=started_visit, answers=answers, submission_uuid=uuid.uuid4(),
                     by=personas.agent1)
    assert set(refused.value.errors) == {"capacity", "maturity"}
    started_visit.refresh_from_db()
    assert started_visit.status == Visit.Status.IN_PROGRESS
    assert not started_visit.answers.exists()
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_an_answer_to_a_question_outside_the_version_is_refused(client, personas,
                                                                  scheduled_visit):
    client.force_login(personas.agent1)
    response = post_json(client, scheduled_visit, {
        "submission_uuid": str(uuid.uuid4()),
        "answers": {**COMPLETE_ANSWERS, "not_a_question": "1"}})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "not_a_question": "“not_a_question” is not a question of this visit's questionnaire."}
    scheduled_visit.refresh_from_db()
    assert scheduled_visit.status == Visit.Status.SCHEDULED


@pytest.mark.django_db
def test_json_submission_of_another_agents_visit_is_not_found(client, personas,
                                                               scheduled_visit):
    client.force_login(personas.agent2)
    response = post_json(client, scheduled_visit, {"submission_uuid": str(uuid.uuid4()),
                                                   "answers": COMPLETE_ANSWERS})
    assert response.status_code == 404
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_malformed_json_gets_a_clear_400(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    response = post_json(client, scheduled_visit, {"answers": COMPLETE_ANSWERS})
    assert response.status_code == 400
    assert "submission_uuid" in response.json()["error"]


@pytest.mark.django_db
def test_a_refused_submission_keeps_what_was_typed_as_a_draft_when_asked(personas,
                                                                         scheduled_visit):
    answers = {"capacity": "150", "staff_needed": "3"}
    with pytest.raises(AnswersInvalid):
        submit_visit(visit=scheduled_visit, answers=answers, submission_uuid=uuid.uuid4(),
                     by=personas.agent1, keep_draft=True)
    scheduled_visit.refresh_from_db()
    assert scheduled_visit.status == Visit.Status.IN_PROGRESS
    assert scheduled_visit.draft_answers == answers
    assert list(scheduled_visit.answers.values_list("question__code", flat=True)) == [
        "staff_needed"]
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_submission_replaces_every_answer_of_the_draft(personas, started_visit):
    save_draft(visit=started_visit, answers={"turnover": "12.5", "capacity": "40"},
               by=personas.agent1)
    submit_visit(visit=started_visit, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                 by=personas.agent1)
    stored = dict(started_visit.answers.values_list("question__code", "value_number"))
    assert set(stored) == set(COMPLETE_ANSWERS)
    assert stored["capacity"] == 72


@pytest.mark.django_db
def test_the_form_submission_reads_the_questions_once_and_writes_the_answers_once(
        client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    url = reverse("field:visit_form", args=[scheduled_visit.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {**COMPLETE_ANSWERS, "action": "submit",
                                     "submission_uuid": str(uuid.uuid4())})
    assert response.status_code == 302
    statements = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "fieldvisits_question"' in sql for sql in statements) == 1
    assert sum(sql.startswith('DELETE FROM "fieldvisits_answer"') for sql in statements) == 1
    assert sum(sql.startswith('INSERT INTO "fieldvisits_answer"') for sql in statements) == 1

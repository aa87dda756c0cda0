"""Edit forms carry the version they were loaded from (any database)."""

import re

import pytest
from django.urls import reverse

from fieldvisits.models import Visit, VisitEvent
from tests.factories import FirmFactory
from tracker.models import Task, TaskUpdate

pytestmark = pytest.mark.django_db


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_a_stale_update_form_cannot_unblock_a_task(client, personas, plan_task):
    url = reverse("tasks:post_update", args=[plan_task.pk])
    client.force_login(personas.coordinator)
    token = hidden(client.get(url).content.decode(), "loaded_state")
    plan_task.change_status(Task.Status.BLOCKED, by=personas.focal_point, reason="Bütçe yok")

    response = client.post(url, {"text": "Devam", "status": "in_progress",
                                 "blocked_reason": "", "loaded_state": token})

    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this task while you were writing" in page
    assert "Status: “To do” → “Blocked”" in page
    assert "Reason blocked: “—” → “Bütçe yok”" in page
    assert "Devam" in page
    plan_task.refresh_from_db()
    assert (plan_task.status, plan_task.blocked_reason) == (Task.Status.BLOCKED, "Bütçe yok")
    assert not TaskUpdate.objects.exists()


def test_after_seeing_the_change_the_update_goes_through(client, personas, plan_task):
    url = reverse("tasks:post_update", args=[plan_task.pk])
    client.force_login(personas.coordinator)
    token = hidden(client.get(url).content.decode(), "loaded_state")
    plan_task.change_status(Task.Status.BLOCKED, by=personas.focal_point, reason="Bütçe yok")
    refused = client.post(url, {"text": "Devam", "status": "in_progress",
                                "blocked_reason": "", "loaded_state": token})
    renewed = hidden(refused.content.decode(), "loaded_state")

    response = client.post(url, {"text": "Devam", "status": "in_progress",
                                 "blocked_reason": "", "loaded_state": renewed})

    assert response.status_code == 302
    plan_task.refresh_from_db()
    assert plan_task.status == Task.Status.IN_PROGRESS


def test_a_tampered_version_is_refused(client, personas, plan_task):
    client.force_login(personas.coordinator)
    response = client.post(reverse("tasks:post_update", args=[plan_task.pk]), {
        "text": "Devam", "status": "in_progress", "blocked_reason": "",
        "loaded_state": "forged"})
    assert response.status_code == 200
    assert "This form is damaged or out of date" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_an_admin_edit_over_a_newer_version_is_refused(client, personas, plan_task):
    url = reverse("tasks:edit", args=[plan_task.pk])
    client.force_login(personas.coordinator)
    token = hidden(client.get(url).content.decode(), "loaded_version")
    Task.objects.filter(pk=plan_task.pk).update(due_date="2027-01-15")

    response = client.post(url, {
        "action": plan_task.action_id, "code": plan_task.code, "title_tr": "Yeni başlık",
        "assigned_institution": plan_task.assigned_institution_id, "assignee": "",
        "due_date": "2026-12-31", "decision": "", "loaded_version": token})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Due date: “31.12.2026” → “15.01.2027”" in page
    assert "Yeni başlık" in page
    plan_task.refresh_from_db()
    assert plan_task.title == "Çalıştay düzenle"


def move_visit(client, personas, visit, firm):
    """A coordinator's admin edit of ``visit`` that gives it ``firm``."""
    url = reverse("visits:edit", args=[visit.pk])
    client.force_login(personas.coordinator)
    token = hidden(client.get(url).content.decode(), "loaded_version")
    return client.post(url, {"program": personas.program.pk, "firm": firm.pk,
                             "loaded_version": token})


def test_a_submitted_visit_cannot_move_to_another_firm(client, personas, make_visit):
    visit = make_visit("submitted")
    other = FirmFactory(program=personas.program, trade_name="Başka Firma A.Ş.")

    response = move_visit(client, personas, visit, other)

    assert response.status_code == 200
    assert "A visit that is “Submitted” stays with its firm" in response.content.decode()
    visit.refresh_from_db()
    assert visit.firm_id != other.pk


def test_moving_a_planned_visit_is_recorded(client, personas, make_visit):
    visit = make_visit("scheduled")
    other = FirmFactory(program=personas.program, trade_name="Başka Firma A.Ş.")

    response = move_visit(client, personas, visit, other)

    assert response.status_code == 302
    event = VisitEvent.objects.get(visit=visit)
    assert event.by == personas.coordinator
    assert "Başka Firma A.Ş." in event.note
    assert Visit.objects.get(pk=visit.pk).firm_id == other.pk

"""Two editors of one record at the same moment, on PostgreSQL: the first save wins, the
second is refused with what changed and keeps what its user typed."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.integrity.conftest import race
from tracker.models import PlanVersion, ReportingPeriod, Task, TaskUpdate
from tracker.services import revise_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_two_updates_of_one_task_at_once_post_one(personas, plan_task):
    url = reverse("tasks:post_update", args=[plan_task.pk])
    kto, coordinator = logged_in(personas.focal_point), logged_in(personas.coordinator)
    # Both load the form while the task is "to do".
    kto_state = hidden(kto.get(url).content.decode(), "loaded_state")
    coordinator_state = hidden(coordinator.get(url).content.decode(), "loaded_state")
    blocked, started = race(
        lambda: kto.post(url, {"text": "Salon bulunamadı", "status": "blocked",
                               "blocked_reason": "Salon yok", "loaded_state": kto_state}),
        lambda: coordinator.post(url, {"text": "Başladı", "status": "in_progress",
                                       "blocked_reason": "", "percent_complete": "10",
                                       "loaded_state": coordinator_state}),
    )
    plan_task.refresh_from_db()
    assert TaskUpdate.objects.filter(task=plan_task).count() == 1
    if plan_task.status == Task.Status.BLOCKED:
        winner, loser, typed = blocked, started, "Başladı"
        assert plan_task.blocked_reason == "Salon yok"
    else:
        assert plan_task.status == Task.Status.IN_PROGRESS
        winner, loser, typed = started, blocked, "Salon bulunamadı"
    assert winner.status_code == 302
    assert loser.status_code == 409
    page = loser.content.decode()
    assert "changed this task while you were writing" in page
    assert "Status: “To do” →" in page
    assert typed in page


def test_two_coordinators_editing_one_task_keep_the_first_save(personas, plan_task):
    url = reverse("tasks:edit", args=[plan_task.pk])
    first, second = logged_in(personas.coordinator), logged_in(personas.coordinator)
    token_first = hidden(first.get(url).content.decode(), "loaded_version")
    token_second = hidden(second.get(url).content.decode(), "loaded_version")

    def save(client, token, title):
        return client.post(url, {
            "action": plan_task.action_id, "code": plan_task.code, "title_tr": title,
            "assigned_institution": plan_task.assigned_institution_id, "assignee": "",
            "due_date": "2026-12-31", "decision": "", "loaded_version": token})

    one, two = race(lambda: save(first, token_first, "Çalıştay (salon A)"),
                    lambda: save(second, token_second, "Çalıştay (salon B)"))
    plan_task.refresh_from_db()
    assert sorted([one.status_code, two.status_code]) == [200, 302]
    loser, lost_title = (one, "Çalıştay (salon A)") if one.status_code == 200 else (
        two, "Çalıştay (salon B)")
    assert plan_task.title in ("Çalıştay (salon A)", "Çalıştay (salon B)")
    assert plan_task.title != lost_title
    page = loser.content.decode()
    assert "Someone else saved this record while you were editing it" in page
    change = f"Title (Turkish): “Çalıştay düzenle” → “{plan_task.title}”"
    assert change in page.replace("&quot;", '"')
    assert lost_title in page


def test_two_revisions_of_one_plan_at_once_make_one_draft(personas, plan_task):
    plan = plan_task.action.goal.pillar.plan

    def revise():
        with translation.override("en"):
            return revise_plan(plan=plan, by=personas.coordinator)

    results = race(revise, revise)
    drafts = PlanVersion.objects.filter(program=plan.program, status=PlanVersion.Status.DRAFT)
    assert drafts.count() == 1
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1
    assert "is already a draft revision" in " ".join(refused[0].messages)


def test_locking_one_period_twice_at_once_locks_it_once(personas):
    period = ReportingPeriod.objects.create(program=personas.program, label="2026",
                                            start_date="2026-01-01", end_date="2026-12-31")
    url = reverse("reporting_periods:lock", args=[period.pk])
    one, two = race(lambda: logged_in(personas.coordinator).post(url),
                    lambda: logged_in(personas.coordinator).post(url))
    texts = [str(m) for r in (one, two) for m in r.wsgi_request._messages]
    assert sum("locked." in t and t.startswith("Period") for t in texts) == 1
    assert sum("was locked by" in t for t in texts) == 1
    period.refresh_from_db()
    assert period.locked_at is not None

"""Deleting a record that carries programme history is refused, saying what holds it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from fieldvisits.models import Firm, Visit
from tests.factories import (
    ActionFactory,
    IndicatorValueFactory,
    InstitutionFactory,
    ReportingPeriodFactory,
)
from tracker.models import CouncilMeeting, Decision, Indicator, Institution, Task, TaskUpdate

pytestmark = pytest.mark.django_db


def refused_delete(client, user, url_name, row):
    """Open the delete page, then confirm; both must refuse and keep ``row``."""
    client.force_login(user)
    url = reverse(url_name, args=[row.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "cannot be deleted because it holds programme history" in page.content.decode()
    assert "Yes, delete" not in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("cannot be deleted" in m for m in shown), shown
    assert type(row)._base_manager.filter(pk=row.pk).exists()
    return page.content.decode(), shown


def test_a_firm_with_a_visit_is_kept(client, personas, make_visit):
    visit = make_visit("scheduled")
    page, shown = refused_delete(client, personas.coordinator, "firms:delete", visit.firm)
    assert "Visit: 1" in page
    assert "is referenced 1 time" in page


def test_a_visit_with_answers_is_kept(client, personas, make_visit):
    visit = make_visit("submitted")
    page, shown = refused_delete(client, personas.coordinator, "visits:delete", visit)
    assert "Answers: " in page
    assert Visit.objects.get(pk=visit.pk).answers.count() >= 2


def test_a_task_with_updates_is_kept(client, personas, plan_task):
    TaskUpdate.objects.create(task=plan_task, posted_by=personas.focal_point, text="Başladı",
                              status_after=Task.Status.TO_DO)
    page, _ = refused_delete(client, personas.coordinator, "tasks:delete", plan_task)
    assert "Task update: 1" in page


def test_a_council_meeting_with_decisions_is_kept(client, personas):
    meeting = CouncilMeeting.objects.create(program=personas.program, title="1. Toplantı",
                                            date=datetime.date(2026, 9, 1))
    Decision.objects.create(meeting=meeting, number=1, text="Kümelenme çalıştayı yapılsın")
    page, _ = refused_delete(client, personas.coordinator, "council_meetings:delete", meeting)
    assert "Council decision: 1" in page


def test_an_institution_with_partnerships_is_kept(client, personas, plan_task):
    partner = InstitutionFactory(program=personas.program, name="Erciyes Üniversitesi")
    plan_task.action.partners.add(partner)
    page, _ = refused_delete(client, personas.coordinator, "institutions:delete", partner)
    assert "Action: 1" in page


def test_an_indicator_with_values_is_kept(client, personas):
    value = IndicatorValueFactory(indicator__program=personas.program,
                                  period__program=personas.program, value=3900)
    page, _ = refused_delete(client, personas.coordinator, "indicators:delete",
                             value.indicator)
    assert Indicator.objects.filter(pk=value.indicator_id).exists()


def test_a_locked_period_is_kept(client, personas):
    period = ReportingPeriodFactory(program=personas.program)
    period.lock(by=personas.coordinator)
    client.force_login(personas.coordinator)
    response = client.post(reverse("reporting_periods:delete", args=[period.pk]))
    assert response.status_code == 302
    assert any("was locked by" in str(m) for m in get_messages(response.wsgi_request))
    assert type(period).objects.filter(pk=period.pk).exists()


def test_a_row_without_history_is_deleted(client, personas):
    spare = InstitutionFactory(program=personas.program, name="Yedek Kurum")
    client.force_login(personas.coordinator)
    page = client.get(reverse("institutions:delete", args=[spare.pk])).content.decode()
    assert "is referenced 0 times" in page
    response = client.post(reverse("institutions:delete", args=[spare.pk]))
    assert response.status_code == 302
    assert not Institution.objects.filter(pk=spare.pk).exists()


def test_an_institution_leading_actions_says_how_many(client, personas):
    ActionFactory(goal__pillar__plan__program=personas.program, lead=personas.other_institution)
    page, _ = refused_delete(client, personas.coordinator, "institutions:delete",
                             personas.other_institution)
    assert "Action: 1" in page
    assert Firm.objects.count() == 0

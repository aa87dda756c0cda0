"""The site history report and inspect pages name only rows the reader may see."""

import datetime

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.models import CouncilMeeting, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_tasks(personas, plan_task):
    # A draft revision, since the approved plan's content is frozen.
    draft_goal = GoalFactory(pillar__plan=PlanVersionFactory(program=personas.program,
                                                             number=2))
    other = TaskFactory(action=ActionFactory(goal=draft_goal, lead=personas.other_institution),
                        title="KAYSO gizli görevi")
    for task in (plan_task, other):
        log(task, "wagtail.edit", user=personas.coordinator)
    return plan_task, other


def site_history(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_focal_point_reads_only_its_institutions_entries(client, personas, two_tasks):
    own, other = two_tasks
    page = site_history(client, personas.focal_point)
    assert own.title in page
    assert other.title not in page


def test_a_coordinator_reads_the_whole_programme(client, personas, two_tasks):
    own, other = two_tasks
    page = site_history(client, personas.coordinator)
    assert own.title in page and other.title in page


def test_another_programmes_coordinator_reads_none_of_it(client, personas, two_tasks):
    own, other = two_tasks
    page = site_history(client, personas.outsider_coordinator)
    assert own.title not in page and other.title not in page


def test_a_decision_page_lists_only_visible_tasks(client, personas, two_tasks):
    own, other = two_tasks
    meeting = CouncilMeeting.objects.create(program=personas.program, title="1. Toplantı",
                                            date=datetime.date(2026, 9, 1))
    decision = Decision.objects.create(meeting=meeting, number=1, text="Çalıştaylar yapılsın")
    own.decision = other.decision = decision
    own.save()
    other.save()
    client.force_login(personas.focal_point)
    page = client.get(reverse("decisions:inspect", args=[decision.pk])).content.decode()
    assert own.title in page
    assert other.title not in page

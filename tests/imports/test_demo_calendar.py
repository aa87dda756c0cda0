"""``seed_demo --today`` stages the programme around that day: what is done is past,
agents have visits today, the rest lies ahead, and tasks are overdue and due soon."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from fieldvisits.models import Visit, VisitEvent
from tests.seeded_demo import DEMO_ARGUMENTS, DEMO_DAY, seeded_demo
from tracker.models import Task, TaskUpdate

DAY = datetime.date.fromisoformat(DEMO_DAY)


# The tests only read the demo: it is loaded once for the module (tests/seeded_demo.py).
@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker, *DEMO_ARGUMENTS):
        yield


@pytest.mark.django_db
def test_nothing_is_done_after_the_day(seeded):
    done = Visit.objects.filter(status__in=["submitted", "approved", "returned", "cancelled",
                                            "no_show", "in_progress"])
    assert done.aggregate(last=Max("scheduled_date"))["last"] <= DAY
    last_submission = Visit.objects.aggregate(last=Max("submitted_at"))["last"]
    assert last_submission.date() <= DAY
    assert VisitEvent.objects.aggregate(last=Max("at"))["last"].date() <= DAY
    assert TaskUpdate.objects.aggregate(last=Max("posted_at"))["last"].date() <= DAY


@pytest.mark.django_db
def test_each_agent_has_visits_on_the_day_and_ahead(seeded):
    for agent in ("agent1", "agent2"):
        mine = Visit.objects.filter(agent__username=agent, status="scheduled")
        assert mine.filter(scheduled_date=DAY).count() == 3
        assert mine.filter(scheduled_date__gt=DAY).exists()


@pytest.mark.django_db
def test_tasks_are_overdue_and_due_soon_on_the_day(seeded):
    assert Task.objects.overdue(DAY).exists()
    assert Task.objects.due_soon(DAY).exists()


@pytest.mark.django_db
def test_a_bad_day_is_refused():
    with pytest.raises(CommandError, match="give a date as YYYY-MM-DD"):
        call_command("seed_demo", "--today", "10.03.2027", stdout=StringIO())

"""``seed_demo --today`` stages the programme around that day: what is done is past,
agents have visits today, the rest lies ahead, and tasks are overdue and due soon."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from fieldvisits.models import Visit, VisitEvent
from tests.scoped_data import rows_for_scope
from tracker.models import Task, TaskUpdate

DAY = datetime.date(2027, 3, 10)


# The tests only read the demo: it is seeded once for the module.
@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with rows_for_scope(django_db_blocker, lambda: call_command(
            "seed_demo", "--password", "demo-pass-2026", "--today", DAY.isoformat(),
            stdout=StringIO())):
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

"""The public roadmap judges each milestone at the end of today from its dated history
(``tracker.queries.milestones_as_of``): a done date in the future is not done today."""

import datetime

import pytest
from django.utils import timezone

from cms.queries import roadmap
from tests.factories import MilestoneFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def _states(program, today):
    return {milestone.pk: (state, milestone.done_then)
            for entry in roadmap(program, today) for milestone, state in entry["milestones"]}


def test_a_done_date_in_the_future_is_not_done_today():
    today = timezone.localdate()
    phase = PhaseFactory(start_date=today - datetime.timedelta(days=30),
                         end_date=today + datetime.timedelta(days=60))
    next_week = today + datetime.timedelta(days=7)
    milestone = MilestoneFactory(phase=phase, due_date=today + datetime.timedelta(days=10),
                                 done_date=next_week)
    assert _states(phase.program, today)[milestone.pk] == ("open", None)
    assert _states(phase.program, next_week)[milestone.pk] == ("done", next_week)


def test_a_completion_recorded_after_the_day_is_not_read_back():
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    phase = PhaseFactory(start_date=today - datetime.timedelta(days=30),
                         end_date=today + datetime.timedelta(days=60))
    milestone = MilestoneFactory(phase=phase, due_date=today - datetime.timedelta(days=3))
    milestone.done_date = yesterday
    milestone.save()
    milestone.record_event(by=None)  # entered now, naming yesterday
    assert _states(phase.program, yesterday)[milestone.pk] == ("overdue", None)
    assert _states(phase.program, today)[milestone.pk] == ("done", yesterday)

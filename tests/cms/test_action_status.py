"""An action's public status never contradicts the percentage printed beside it."""

import datetime

import pytest

from cms.queries import ActionStatus, public_status
from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.models import Action, Task

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
DAY = datetime.timedelta(days=1)


def action_at(goal, code, percent, start, end):
    action = ActionFactory(goal=goal, code=code, start_date=start, end_date=end)
    status = Task.Status.DONE if percent == 100 else (
        Task.Status.IN_PROGRESS if percent else Task.Status.TO_DO)
    TaskFactory(action=action, status=status, percent_complete=percent)
    return action


@pytest.mark.parametrize(("percent", "start", "end", "expected"), [
    (56, TODAY + 30 * DAY, TODAY + 300 * DAY, ActionStatus.IN_PROGRESS),
    (0, TODAY - 30 * DAY, TODAY + 300 * DAY, ActionStatus.NOT_STARTED),
    (0, TODAY + 30 * DAY, TODAY + 300 * DAY, ActionStatus.NOT_STARTED),
    (30, TODAY - 300 * DAY, TODAY - DAY, ActionStatus.DELAYED),
    (100, TODAY - 300 * DAY, TODAY - DAY, ActionStatus.COMPLETE),
])
def test_status_agrees_with_progress(personas, percent, start, end, expected):
    goal = GoalFactory(pillar__plan=PlanVersionFactory(program=personas.program))
    action = action_at(goal, "A1", percent, start, end)
    row = Action.objects.filter(pk=action.pk).with_progress().annotate(
        public_status=public_status(TODAY)).get()
    assert (round(row.progress_value), row.public_status) == (percent, expected)

"""A council decision starts tasks, so "decided on 15 September" traces to its work."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory
from tracker.models import CouncilMeeting, Decision, Task
from tracker.services import create_task_from_decision


@pytest.fixture
def decision(personas):
    meeting = CouncilMeeting.objects.create(program=personas.program,
                                            date=datetime.date(2026, 9, 15), title="Kurul")
    meeting.attendees.add(personas.kto, personas.other_institution)
    return Decision.objects.create(meeting=meeting, number=2,
                                   text="Kümelenme çalıştayları başlatılsın.")


def test_a_decision_creates_a_task_that_traces_back_to_it(client, personas, roadmap, decision):
    task = create_task_from_decision(
        decision=decision, action=roadmap.kto_action, institution=personas.kto,
        title="Çalıştay takvimi", due_date=datetime.date(2026, 12, 1), by=personas.coordinator)
    assert task.decision == decision
    assert list(decision.tasks.all()) == [task]
    client.force_login(personas.coordinator)
    page = client.get(reverse("decisions:inspect", args=[decision.pk])).content.decode()
    assert "Çalıştay takvimi" in page


def test_a_decision_cannot_start_a_task_in_another_programmes_plan(personas, decision):
    foreign_plan = PlanVersionFactory(program=personas.other_program)
    foreign_action = ActionFactory(goal=GoalFactory(pillar__plan=foreign_plan))
    with pytest.raises(ValidationError, match="another programme"):
        create_task_from_decision(
            decision=decision, action=foreign_action, institution=personas.kto, title="X",
            due_date=datetime.date(2026, 12, 1), by=personas.coordinator)
    assert not Task.objects.filter(title_tr="X").exists()

"""A small approved plan in the personas' programme: one action led by KTO, one by KAYSO."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.models import PlanVersion


@dataclass
class Roadmap:
    plan: object
    goal: object
    kto_action: object
    kayso_action: object
    kto_task: object
    kayso_task: object


def approve_directly(plan, user):
    """Mark ``plan`` approved without the workflow, for tests about what comes after."""
    PlanVersion.objects.filter(pk=plan.pk).update(
        status=PlanVersion.Status.APPROVED, approved_by=user,
        approved_at=datetime.datetime(2026, 9, 15, 12, tzinfo=datetime.UTC),
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def roadmap(personas, today):
    return make_roadmap(personas, today)


def make_roadmap(personas, today):
    plan = PlanVersionFactory(program=personas.program, number=1)
    goal = GoalFactory(pillar__plan=plan)
    kto_action = ActionFactory(goal=goal, lead=personas.kto, title="Kümelenme çalıştayı")
    kayso_action = ActionFactory(goal=goal, lead=personas.other_institution,
                                 title="Yalın üretim eğitimi")
    kto_task = TaskFactory(action=kto_action, title="KTO görevi", due_date=today)
    kayso_task = TaskFactory(action=kayso_action, title="KAYSO görevi", due_date=today)
    approve_directly(plan, personas.coordinator)
    return Roadmap(plan, goal, kto_action, kayso_action, kto_task, kayso_task)

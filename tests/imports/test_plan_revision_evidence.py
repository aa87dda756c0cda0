"""Revising an approved plan keeps each action's evidence: its findings and indicators."""

import pytest

from fieldvisits.models import Finding
from tests.factories import (
    ActionFactory,
    GoalFactory,
    IndicatorFactory,
    PillarFactory,
    PlanVersionFactory,
    VisitFactory,
)
from tracker.models import Action
from tracker.services import approve_plan, revise_plan


@pytest.fixture
def approved_action(personas):
    plan = PlanVersionFactory(program=personas.program)
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan)), code="E1",
                           lead=personas.kto)
    approve_plan(plan=plan, by=personas.coordinator)
    return Action.objects.get(pk=action.pk)


@pytest.mark.django_db
def test_the_revised_action_keeps_its_findings(personas, approved_action):
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    finding = Finding.objects.create(visit=visit, pillar="digitalisation", severity="high",
                                     text="ERP yok.", recorded_by=personas.supervisor)
    finding.actions.add(approved_action)
    draft = revise_plan(plan=approved_action.plan, by=personas.coordinator)
    copy = Action.objects.get(goal__pillar__plan=draft, code="E1")
    assert list(copy.findings.all()) == [finding]
    assert list(approved_action.findings.all()) == [finding]


@pytest.mark.django_db
def test_action_indicators_follow_the_approved_revision(personas, approved_action):
    indicator = IndicatorFactory(program=personas.program, action=approved_action)
    draft = revise_plan(plan=approved_action.plan, by=personas.coordinator)
    indicator.refresh_from_db()
    assert indicator.action == approved_action
    approve_plan(plan=draft, by=personas.coordinator)
    indicator.refresh_from_db()
    assert indicator.action == Action.objects.get(goal__pillar__plan=draft, code="E1")

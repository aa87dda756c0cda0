"""Findings are the evidence behind actions: linked both ways, never across programmes."""

import pytest
from django.urls import reverse

from fieldvisits.models import Finding
from tests.factories import ActionFactory, VisitFactory


@pytest.fixture
def finding(personas):
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    return Finding.objects.create(visit=visit, pillar="digitalisation", severity="high",
                                  text="ERP yok; siparişler kâğıtla izleniyor.",
                                  recorded_by=personas.supervisor)


def _action_in(program):
    action = ActionFactory()
    plan = action.goal.pillar.plan
    plan.program = program
    plan.save(update_fields=["program"])
    return action


@pytest.mark.django_db
def test_action_lists_the_findings_behind_it(personas, finding):
    action = _action_in(personas.program)
    finding.actions.add(action)
    assert list(action.findings.all()) == [finding]


@pytest.mark.django_db
def test_coordinator_links_a_finding_to_an_action_in_the_admin(client, personas, finding):
    action = _action_in(personas.program)
    client.force_login(personas.coordinator)
    response = client.post(reverse("findings:edit", args=[finding.pk]), {
        "visit": finding.visit.pk, "pillar": "digitalisation", "severity": "high",
        "text": finding.text, "actions": [action.pk],
    })
    assert response.status_code == 302
    assert list(finding.actions.all()) == [action]
    inspect = client.get(reverse("actions:inspect", args=[action.pk]))
    assert inspect.status_code == 200
    assert str(finding) in inspect.content.decode()


@pytest.mark.django_db
def test_an_action_of_another_programme_cannot_be_linked(client, personas, finding):
    foreign = _action_in(personas.other_program)
    client.force_login(personas.coordinator)
    response = client.post(reverse("findings:edit", args=[finding.pk]), {
        "visit": finding.visit.pk, "pillar": "digitalisation", "severity": "high",
        "text": finding.text, "actions": [foreign.pk],
    })
    assert response.status_code == 200
    assert not finding.actions.exists()

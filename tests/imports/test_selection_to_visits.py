"""The approved selection becomes scheduled visits in one step; a cancelled visit gets a
proposed replacement from its stratum."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fieldvisits.models import Firm, SelectionDecision, Visit
from fieldvisits.planning import (
    PlannedVisit,
    accept_replacement,
    create_planned_visits,
    propose_visit_plan,
    proposed_replacement,
)
from tests.factories import VisitFactory, valid_vkn

START = datetime.date(2026, 10, 5)  # a Monday
DISTRICTS = ("Kocasinan", "Melikgazi", "Talas", "Hacılar", "İncesu")


def selected_firms(program, by, count, *, not_selected=0):
    firms = Firm.objects.bulk_create([
        Firm(program=program, tax_number=valid_vkn(n), trade_name=f"Firma {n}",
             trade_name_folded=f"firma {n}", nace_code="25.62" if n % 2 else "31.09",
             district=DISTRICTS[n % len(DISTRICTS)])
        for n in range(1, count + not_selected + 1)])
    now = timezone.now()
    SelectionDecision.objects.bulk_create([
        SelectionDecision(firm=firm, decision="selected" if rank <= count else "not_selected",
                          proposed_decision="selected" if rank <= count else "not_selected",
                          overall_rank=rank, sector_rank=rank, district_rank=rank,
                          reason="Öncelik", decided_by=by, decided_at=now)
        for rank, firm in enumerate(firms, start=1)])
    return firms


@pytest.mark.django_db
def test_450_selected_firms_become_visits_shared_between_the_agents(client, personas):
    selected_firms(personas.program, personas.coordinator, 450)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    plan = propose_visit_plan(program=personas.program, start=tomorrow)
    visits = create_planned_visits(program=personas.program, plan=plan,
                                   by=personas.coordinator)
    assert len(visits) == Visit.objects.filter(status="scheduled").count() == 450
    per_agent = {agent: Visit.objects.filter(agent=agent).count()
                 for agent in (personas.agent1, personas.agent2)}
    assert sorted(per_agent.values()) == [225, 225]
    assert all(visit.scheduled_date.weekday() < 5 for visit in visits)
    assert Visit.objects.filter(agent=personas.agent1).values("scheduled_date").distinct(
    ).count() == 113  # two a working day
    client.force_login(personas.agent1)
    upcoming = list(client.get(reverse("field:home")).context["upcoming"])
    assert len(upcoming) == 50
    assert {visit.agent for visit in upcoming} == {personas.agent1}
    assert set(Visit.objects.for_user(personas.agent1)) == set(
        Visit.objects.filter(agent=personas.agent1))


@pytest.mark.django_db
def test_a_district_stays_with_its_agent(personas):
    firms = selected_firms(personas.program, personas.coordinator, 10)
    plan = propose_visit_plan(program=personas.program, start=START)
    agents_per_district = {}
    for item in plan:
        agents_per_district.setdefault(item.firm.district, set()).add(item.agent)
    assert len(plan) == len(firms)
    assert all(len(agents) == 1 for agents in agents_per_district.values())


@pytest.mark.django_db
def test_creating_the_visits_is_all_or_nothing(personas):
    firms = selected_firms(personas.program, personas.coordinator, 3)
    plan = propose_visit_plan(program=personas.program, start=START)
    plan[1] = PlannedVisit(firm=plan[1].firm, agent=personas.supervisor, date=START)
    with pytest.raises(ValidationError) as error:
        create_planned_visits(program=personas.program, plan=plan, by=personas.coordinator)
    assert error.value.messages == [f"{plan[1].firm}: choose a field agent of the programme."]
    assert not Visit.objects.filter(firm__in=firms).exists()


@pytest.mark.django_db
def test_a_firm_with_a_visit_is_not_planned_twice(personas):
    firms = selected_firms(personas.program, personas.coordinator, 2)
    VisitFactory(program=personas.program, firm=firms[0], agent=personas.agent1)
    plan = propose_visit_plan(program=personas.program, start=START)
    assert [item.firm for item in plan] == [firms[1]]
    with pytest.raises(ValidationError):
        create_planned_visits(program=personas.program, by=personas.coordinator,
                              plan=[PlannedVisit(firm=firms[0], agent=personas.agent1,
                                                 date=START)])


@pytest.mark.django_db
def test_the_coordinator_creates_the_visits_from_the_admin(client, personas):
    firms = selected_firms(personas.program, personas.coordinator, 2)
    client.force_login(personas.coordinator)
    page = client.get(reverse("field_plan_visits"))
    assert page.status_code == 200
    data = {"program": personas.program.pk, "firm": [f.pk for f in firms]}
    for firm in firms:
        data[f"agent_{firm.pk}"] = personas.agent2.pk
        data[f"date_{firm.pk}"] = "2026-10-07"
    response = client.post(reverse("field_plan_visits"), data)
    assert response.status_code == 302
    assert set(Visit.objects.values_list("agent__username", "scheduled_date")) == {
        ("agent2", datetime.date(2026, 10, 7))}


@pytest.mark.django_db
def test_a_cancelled_visit_proposes_the_next_firm_of_its_stratum(personas):
    firms = selected_firms(personas.program, personas.coordinator, 1, not_selected=12)
    cancelled_firm = firms[0]
    visit = VisitFactory(program=personas.program, firm=cancelled_firm, agent=personas.agent1)
    visit.cancel(by=personas.supervisor, reason="Firma kapandı")
    replacement, reason = proposed_replacement(visit)
    same_stratum = [f for f in firms[1:] if f.district == cancelled_firm.district
                    and f.nace_code[:2] == cancelled_firm.nace_code[:2]]
    assert replacement == same_stratum[0]
    assert "Firma kapandı" in reason and cancelled_firm.district in reason
    planned = accept_replacement(visit=visit, firm=replacement, by=personas.coordinator)
    assert (planned.firm, planned.agent, planned.status) == (replacement, personas.agent1,
                                                             "planned")
    assert SelectionDecision.objects.get(firm=replacement).decision == "selected"

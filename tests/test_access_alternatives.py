"""Access rules with two ways in (a programme role, and a visit or institution of one's own)
give the rows of either way, each once, and keep the caller's filters."""

import pytest

from fieldvisits.models import Firm, Visit
from tests.factories import (
    ActionFactory,
    FirmFactory,
    GoalFactory,
    PillarFactory,
    PlanVersionFactory,
    TaskFactory,
    VisitFactory,
    member,
)
from tracker.access import Role
from tracker.models import Action, Membership, Task


@pytest.fixture
def supervisor_and_agent(personas):
    """A supervisor of the personas' programme who also visits firms of another one."""
    user = member(personas.program, Role.SUPERVISOR, "both")
    Membership.objects.create(user=user, program=personas.other_program, role=Role.AGENT)
    return user


@pytest.mark.django_db
def test_supervisor_who_is_an_agent_elsewhere_sees_both_sets_of_firms(
        personas, supervisor_and_agent):
    own = FirmFactory(program=personas.program, trade_name="Kendi Programı")
    visited = FirmFactory(program=personas.other_program, trade_name="Ziyaret Edilen")
    FirmFactory(program=personas.other_program, trade_name="Ziyaret Edilmeyen")
    for date in ("2026-10-01", "2026-10-08"):
        VisitFactory(program=personas.other_program, firm=visited,
                     agent=supervisor_and_agent, scheduled_date=date)

    firms = list(Firm.objects.for_user(supervisor_and_agent).order_by("trade_name"))

    assert firms == [own, visited]


@pytest.mark.django_db
def test_supervisor_who_is_an_agent_elsewhere_sees_own_visits_there_only(
        personas, supervisor_and_agent):
    here = VisitFactory(program=personas.program, agent=personas.agent1)
    mine = VisitFactory(program=personas.other_program, agent=supervisor_and_agent)
    VisitFactory(program=personas.other_program, agent=personas.agent2)

    visits = set(Visit.objects.for_user(supervisor_and_agent))

    assert visits == {here, mine}


@pytest.mark.django_db
def test_firm_rule_keeps_the_callers_filter(personas, supervisor_and_agent):
    visited = FirmFactory(program=personas.other_program, district="Melikgazi")
    VisitFactory(program=personas.other_program, firm=visited, agent=supervisor_and_agent)
    FirmFactory(program=personas.program, district="Kocasinan")

    firms = Firm.objects.filter(district="Melikgazi").for_user(supervisor_and_agent)

    assert list(firms) == [visited]


@pytest.fixture
def plan(personas):
    return PlanVersionFactory(program=personas.program)


@pytest.mark.django_db
def test_focal_point_sees_an_action_once_however_many_ways_it_reaches_it(personas, plan):
    goal = GoalFactory(pillar=PillarFactory(plan=plan))
    led = ActionFactory(goal=goal, lead=personas.kto, code="A-LED")
    led.partners.add(personas.kto)
    TaskFactory(action=led, assigned_institution=personas.kto)
    TaskFactory(action=led, assigned_institution=personas.kto)
    partnered = ActionFactory(goal=goal, lead=personas.other_institution, code="A-PARTNER")
    partnered.partners.add(personas.kto)
    tasked = ActionFactory(goal=goal, lead=personas.other_institution, code="A-TASK")
    TaskFactory(action=tasked, assigned_institution=personas.kto)
    ActionFactory(goal=goal, lead=personas.other_institution, code="A-OTHER")

    codes = list(Action.objects.for_user(personas.focal_point).order_by("code")
                 .values_list("code", flat=True))

    assert codes == ["A-LED", "A-PARTNER", "A-TASK"]


@pytest.mark.django_db
def test_focal_point_sees_the_tasks_of_its_institution_only(personas, plan):
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan)),
                           lead=personas.other_institution)
    own = TaskFactory(action=action, assigned_institution=personas.kto)
    TaskFactory(action=action, assigned_institution=personas.other_institution)

    assert list(Task.objects.for_user(personas.focal_point)) == [own]
    assert Task.objects.for_user(personas.coordinator).count() == 2


@pytest.mark.django_db
def test_user_without_a_role_sees_no_firm_visit_action_or_task(personas, plan):
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan)))
    TaskFactory(action=action)
    VisitFactory(program=personas.program, agent=personas.agent1)

    for model in (Firm, Visit, Action, Task):
        assert not model.objects.for_user(personas.editor).exists()


@pytest.mark.django_db
def test_two_ways_in_on_the_firms_own_columns_are_one_or_of_indexed_columns(
        personas, supervisor_and_agent):
    visited = FirmFactory(program=personas.other_program)
    VisitFactory(program=personas.other_program, firm=visited, agent=supervisor_and_agent)

    sql = str(Firm.objects.for_user(supervisor_and_agent).query)

    # The programme index OR the primary key index: no UNION, and no visit subquery that
    # PostgreSQL would join to every firm of the installation.
    assert "UNION" not in sql
    assert "fieldvisits_visit" not in sql
    assert f'"fieldvisits_firm"."id" IN ({visited.pk})' in sql


@pytest.mark.django_db
def test_two_ways_in_across_joins_stay_a_union_of_id_sets(personas, plan):
    # A focal point reaches an action by leading it, by partnering in it or through a task
    # its institution holds: the last two cross a join, so each is an id set of its own.
    # (A task's two ways in, its programme and its institution, are its own columns: see
    # tests/tracker/test_dual_role_listings.py.)
    sql = str(Action.objects.for_user(personas.focal_point).query)

    assert "UNION" in sql

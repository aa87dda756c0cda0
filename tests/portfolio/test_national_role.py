"""The national coordinator reads every programme's plan, writes nothing and sees no firm;
a programme coordinator keeps seeing only their own programme."""

import pytest
from django.urls import reverse

from tests.access import assert_denied, national_coordinator
from tests.factories import (
    ActionFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
    TaskFactory,
    VisitFactory,
)
from tracker.access import NATIONAL_COORDINATOR, Role, acting_with, role_grants
from tracker.models import (
    Action,
    Indicator,
    Institution,
    Milestone,
    Phase,
    Program,
    Task,
    has_role,
    is_national_coordinator,
    programs_for,
)
from tracker.roles import permissions_for_role, sync_user_role_groups

pytestmark = pytest.mark.django_db


def _task(program):
    plan = PlanVersionFactory(program=program)
    return TaskFactory(action=ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan))))


@pytest.fixture
def national(personas):
    return national_coordinator()


@pytest.fixture
def plans(personas):
    """A phase, a task and an indicator in each of the personas' two programmes."""
    for program in (personas.program, personas.other_program):
        PhaseFactory(program=program, order=1)
        _task(program)
        IndicatorFactory(program=program)


def test_national_coordinator_reads_every_programmes_plan(personas, plans, national):
    both = {personas.program.pk, personas.other_program.pk}
    assert set(Program.objects.for_user(national).values_list("pk", flat=True)) == both
    for model in (Phase, Task, Action, Indicator, Institution):
        programs = {row.pk for row in Program.objects.filter(
            pk__in=model.objects.for_user(national).values(_program_path(model)))}
        assert programs == both, model.__name__


def _program_path(model):
    return {Phase: "program", Indicator: "program", Institution: "program",
            Action: "goal__pillar__plan__program",
            Task: "action__goal__pillar__plan__program"}[model]


def test_programme_coordinator_reads_only_their_programme(personas, plans, national):
    assert list(Program.objects.for_user(personas.coordinator)) == [personas.program]
    assert set(Phase.objects.for_user(personas.coordinator).values_list(
        "program", flat=True)) == {personas.program.pk}
    assert not Task.objects.for_user(personas.outsider_coordinator).filter(
        action__goal__pillar__plan__program=personas.program).exists()


def test_national_coordinator_sees_no_firm(personas, national):
    VisitFactory(program=personas.program, agent=personas.agent1)
    FirmFactory(program=personas.other_program)
    from fieldvisits.models import Firm, Visit

    assert not Firm.objects.for_user(national).exists()
    assert not Visit.objects.for_user(national).exists()


def test_national_coordinator_writes_nowhere(personas, plans, national):
    for permission in ("tracker.change_phase", "tracker.add_task", "tracker.delete_indicator",
                       "tracker.change_milestone", "tracker.add_taskupdate"):
        with acting_with(permission):
            assert not programs_for(national, [Role.COORDINATOR, NATIONAL_COORDINATOR]).exists()
            assert not Phase.objects.for_user(national).exists(), permission
            assert not Task.objects.for_user(national).exists(), permission
    assert not has_role(national, Role.COORDINATOR, personas.program)
    assert not national.has_perm("tracker.change_phase")


def test_national_coordinator_cannot_open_an_edit_view(client, personas, national):
    phase = PhaseFactory(program=personas.program, order=1)
    assert_denied(client, national, reverse("phases:edit", args=[phase.pk]))
    response = client.post(reverse("phases:edit", args=[phase.pk]), {"name_tr": "Değişti"})
    phase.refresh_from_db()
    assert phase.name_tr == "Dönüşüm"
    assert response.status_code in (302, 403, 404)


def test_programme_roles_do_not_carry_the_portfolio_permission(personas, national):
    """"tracker.*" and "tracker.view_*" stay inside the programme."""
    for role in (Role.COORDINATOR, Role.SUPERVISOR, Role.FOCAL_POINT):
        assert not role_grants(role, "tracker.view_portfolio")
        assert not permissions_for_role(role).filter(codename="view_portfolio").exists()
    assert role_grants(NATIONAL_COORDINATOR, "tracker.view_portfolio")
    assert not is_national_coordinator(personas.coordinator)
    assert is_national_coordinator(national)
    assert has_role(national, NATIONAL_COORDINATOR)
    assert not has_role(personas.coordinator, NATIONAL_COORDINATOR)


def test_membership_sync_keeps_the_national_group(personas, national):
    sync_user_role_groups(national)
    assert is_national_coordinator(national.__class__.objects.get(pk=national.pk))


def test_a_national_coordinator_who_is_also_a_focal_point_writes_only_as_focal_point(
        personas, plans):
    user = national_coordinator("national_kto")
    from tracker.models import Membership

    Membership.objects.create(user=user, program=personas.program, role=Role.FOCAL_POINT,
                              institution=personas.kto)
    with acting_with("tracker.change_phase"):
        assert not Phase.objects.for_user(user).exists()
    assert Phase.objects.for_user(user).count() == 2


def test_milestones_follow_the_phases(personas, national):
    phase = PhaseFactory(program=personas.other_program, order=1)
    Milestone.objects.create(phase=phase, title="Saha çalışması", due_date=phase.end_date)
    assert Milestone.objects.for_user(national).count() == 1
    assert not Milestone.objects.for_user(personas.coordinator).exists()

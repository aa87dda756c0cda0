"""The Kayseri demo plan: deterministic, idempotent, and staged around its demo date."""

import pytest

from tracker.access import Role
from tracker.demo import DEMO_TODAY, seed_action_plan, seed_program
from tracker.models import Action, Indicator, Membership, PlanVersion, Task


@pytest.mark.django_db
def test_seeding_twice_changes_nothing_and_kto_has_urgent_tasks(personas):
    program = seed_program()
    kto = program.institutions.get(short_name="KTO")
    Membership.objects.create(user=personas.coordinator, program=program,
                              role=Role.COORDINATOR)
    first = seed_action_plan(program, personas.coordinator, [])
    counts = (Action.objects.count(), Task.objects.count(), PlanVersion.objects.count())
    second = seed_action_plan(program, personas.coordinator, [])
    assert (Action.objects.count(), Task.objects.count(),
            PlanVersion.objects.count()) == counts
    assert first["actions"] == second["actions"] == 200
    assert first["tasks"] == second["tasks"] == 1000
    statuses = dict(PlanVersion.objects.filter(program=program).values_list("number", "status"))
    assert statuses == {1: "approved", 2: "draft"}
    kto_tasks = Task.objects.in_program(program).filter(assigned_institution=kto)
    assert kto_tasks.overdue(DEMO_TODAY).count() > 0
    assert kto_tasks.due_soon(DEMO_TODAY).count() > 0
    exports = Indicator.objects.get(program=program, code="EXP")
    assert exports.baseline_value == 3751
    assert list(exports.targets.values_list("year", flat=True)) == [2026, 2027, 2028]
    assert Indicator.objects.get(program=program, code="IMP").baseline_value == 1556

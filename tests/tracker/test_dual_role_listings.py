"""A coordinator of one programme who is also a focal point in another sees, in the tasks
and actions listings, exactly what either role opens: read as one OR over the rows' own
indexed columns, not a union of id sets."""

import pytest

from tests.factories import ActionFactory, GoalFactory, InstitutionFactory, TaskFactory
from tracker.access import Role
from tracker.models import Action, Membership, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def dual(personas):
    """The coordinator of the personas' programme, also focal point of an institution of
    the other programme: the user, a goal of that programme and the institution."""
    goal = GoalFactory(pillar__plan__program=personas.other_program)
    held_by = InstitutionFactory(program=personas.other_program)
    Membership.objects.create(user=personas.coordinator, program=personas.other_program,
                              role=Role.FOCAL_POINT, institution=held_by)
    return personas.coordinator, goal, held_by


def test_the_actions_of_either_role_are_listed_and_no_other(personas, dual):
    user, goal, institution = dual
    managed = ActionFactory(goal__pillar__plan__program=personas.program)
    led = ActionFactory(goal=goal, lead=institution)
    partnered = ActionFactory(goal=goal)
    partnered.partners.add(institution)
    holding = ActionFactory(goal=goal)
    TaskFactory(action=holding, assigned_institution=institution)
    ActionFactory(goal=goal)
    seen = Action.objects.for_user(user)
    assert set(seen) == {managed, led, partnered, holding}
    assert "UNION" not in str(seen.query)


def test_the_tasks_of_either_role_are_listed_and_no_other(personas, dual):
    user, goal, institution = dual
    managed = TaskFactory(action__goal__pillar__plan__program=personas.program)
    assigned = TaskFactory(action=ActionFactory(goal=goal), assigned_institution=institution)
    TaskFactory(action=ActionFactory(goal=goal))
    seen = Task.objects.for_user(user)
    assert set(seen) == {managed, assigned}
    assert "UNION" not in str(seen.query)

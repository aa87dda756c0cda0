"""Group permissions hold everywhere; writes still stay in programmes whose role grants them.

The outsider coordinates another programme and is only a focal point here: it reads its
institution's task here, but may neither edit nor delete it, nor pick this programme's rows
in its own forms.
"""

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.access import Role
from tracker.models import Institution, Membership, ProgramPreference, Task


@pytest.fixture
def dual_role(personas):
    Membership.objects.create(user=personas.outsider_coordinator, program=personas.program,
                              role=Role.FOCAL_POINT, institution=personas.kto)
    plan = PlanVersionFactory(program=personas.program, number=1)
    action = ActionFactory(goal=GoalFactory(pillar__plan=plan), lead=personas.kto)
    return TaskFactory(action=action, assigned_institution=personas.kto, title="KTO görevi")


@pytest.mark.django_db
def test_reading_follows_the_focal_point_role(client, personas, dual_role):
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("tasks:inspect", args=[dual_role.pk])).status_code == 200


@pytest.mark.django_db
def test_a_link_to_a_row_of_its_other_programme_switches_to_it(client, personas, dual_role):
    client.force_login(personas.outsider_coordinator)
    response = client.get(reverse("tasks:inspect", args=[dual_role.pk]))
    assert response.status_code == 200
    assert ProgramPreference.objects.get(user=personas.outsider_coordinator).program \
        == personas.program
    assert f"You are now working in {personas.program.name}." in response.content.decode()


@pytest.mark.django_db
def test_edit_and_delete_are_refused_in_the_programme_it_does_not_coordinate(
    client, personas, dual_role
):
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("tasks:edit", args=[dual_role.pk])).status_code == 404
    assert client.post(reverse("tasks:delete", args=[dual_role.pk])).status_code == 404
    assert Task.objects.filter(pk=dual_role.pk).exists()
    assert client.get(reverse("institutions:edit", args=[personas.kto.pk])).status_code == 404


@pytest.mark.django_db
def test_its_own_forms_offer_only_its_own_programmes_rows(client, personas, dual_role):
    client.force_login(personas.outsider_coordinator)
    form = client.get(reverse("milestones:add")).context["form"]
    owners = set(form.fields["owner"].queryset)
    assert personas.kto not in owners
    assert owners == set(Institution.objects.filter(program=personas.other_program))

"""Council members: a coordinator records who works for which institution, in its own
programme only."""

import pytest
from django.urls import reverse

from tests.access import assert_access
from tracker.access import Role
from tracker.models import Membership


@pytest.mark.django_db
def test_membership_listing_and_inspect_for_every_persona(client, personas):
    membership = Membership.objects.get(user=personas.focal_point)
    listing = reverse("memberships:index")
    inspect = reverse("memberships:inspect", args=[membership.pk])
    assert_access(client, personas, listing, {"coordinator", "supervisor",
                                              "outsider_coordinator"})
    assert_access(client, personas, inspect, {"coordinator"})


@pytest.mark.django_db
def test_a_coordinator_records_a_members_position(client, personas):
    membership = Membership.objects.get(user=personas.focal_point)
    client.force_login(personas.coordinator)
    response = client.post(reverse("memberships:edit", args=[membership.pk]), {
        "program": personas.program.pk, "user": personas.focal_point.pk,
        "role": Role.FOCAL_POINT, "institution": personas.kto.pk,
        "position": "Dış ticaret müdürü",
    })
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.position == "Dış ticaret müdürü"


@pytest.mark.django_db
def test_a_coordinator_cannot_grant_a_role_in_a_programme_it_does_not_coordinate(client,
                                                                                   personas):
    Membership.objects.create(user=personas.coordinator, program=personas.other_program,
                              role=Role.AGENT)
    client.force_login(personas.coordinator)
    response = client.post(reverse("memberships:add"), {
        "program": personas.other_program.pk, "user": personas.coordinator.pk,
        "role": Role.COORDINATOR, "institution": "", "position": "",
    })
    assert response.status_code == 200
    assert not Membership.objects.filter(program=personas.other_program,
                                         role=Role.COORDINATOR,
                                         user=personas.coordinator).exists()


@pytest.mark.django_db
def test_a_new_focal_point_gets_admin_access_and_loses_it_with_the_membership(client,
                                                                            personas):
    from tests.factories import UserFactory

    newcomer = UserFactory(username="yeni.irtibat")
    client.force_login(personas.coordinator)
    response = client.post(reverse("memberships:add"), {
        "program": personas.program.pk, "user": newcomer.pk, "role": Role.FOCAL_POINT,
        "institution": personas.kto.pk, "position": "Proje uzmanı",
    })
    assert response.status_code == 302
    assert list(newcomer.groups.values_list("name", flat=True)) == ["Focal point"]
    assert newcomer.has_perm("wagtailadmin.access_admin")
    membership = Membership.objects.get(user=newcomer)
    response = client.post(reverse("memberships:delete", args=[membership.pk]))
    assert response.status_code == 302
    assert not newcomer.groups.exists()

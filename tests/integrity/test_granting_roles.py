"""Coordinators give roles in their programme only to accounts they may see."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tracker.access import Role
from tracker.models import Membership

pytestmark = pytest.mark.django_db


def grant(client, personas, user):
    client.force_login(personas.coordinator)
    return client.post(reverse("memberships:add"), {
        "program": personas.program.pk, "user": user.pk, "role": Role.AGENT,
        "institution": "", "position": ""})


def test_an_account_of_another_programme_cannot_be_given_a_role(client, personas):
    response = grant(client, personas, personas.outsider_coordinator)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Membership.objects.filter(user=personas.outsider_coordinator,
                                         program=personas.program).exists()


def test_a_superuser_cannot_be_given_a_role_by_a_coordinator(client, personas):
    response = grant(client, personas, personas.superuser)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=personas.superuser).exists()


def test_the_form_offers_members_and_new_accounts_only(client, personas):
    newcomer = UserFactory(username="yeni.ajan")
    client.force_login(personas.coordinator)
    page = client.get(reverse("memberships:add")).content.decode()
    choices = page.split('name="user"', 1)[1].split("</select>", 1)[0]
    assert f'value="{newcomer.pk}"' in choices
    assert f'value="{personas.agent2.pk}"' in choices
    assert f'value="{personas.outsider_coordinator.pk}"' not in choices
    assert f'value="{personas.superuser.pk}"' not in choices


def test_a_new_account_gets_its_first_role(client, personas):
    newcomer = UserFactory(username="yeni.ajan")
    response = grant(client, personas, newcomer)
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, program=personas.program,
                                     role=Role.AGENT).exists()

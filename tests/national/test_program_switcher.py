"""The admin header's programme switcher: shown to people with several programmes,
remembered per user in the database, and narrowing what the admin lists."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import InstitutionFactory, ProgramFactory, UserFactory, member
from tracker.access import NATIONAL_COORDINATOR, Role
from tracker.models import Membership, ProgramPreference
from tracker.roles import ROLE_GROUP_NAMES

SWITCHER = 'class="program-switcher"'


@pytest.fixture
def agency(personas):
    """A coordinator of two programmes (an agency serving Samsun and Çorum), primary in
    the second."""
    samsun = ProgramFactory(name="Samsun", slug="samsun")
    corum = ProgramFactory(name="Çorum", slug="corum")
    user = member(samsun, Role.COORDINATOR, "oka")
    Membership.objects.create(user=user, program=corum, role=Role.COORDINATOR,
                              is_primary=True)
    InstitutionFactory(program=samsun, name="Samsun TSO", short_name="STSO")
    InstitutionFactory(program=corum, name="Çorum TSO", short_name="ÇTSO")
    return user, samsun, corum


def institutions_listed(client):
    response = client.get(reverse("institutions:index"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_single_programme_coordinator_sees_no_switcher(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert SWITCHER not in response.content.decode()


@pytest.mark.django_db
def test_several_programmes_open_in_the_primary_one(client, agency):
    user, _samsun, _corum = agency
    client.force_login(user)
    page = institutions_listed(client)
    assert SWITCHER in page
    assert "Çorum TSO" in page
    assert "Samsun TSO" not in page


@pytest.mark.django_db
def test_switch_is_remembered_in_the_database(client, agency):
    user, samsun, _corum = agency
    client.force_login(user)
    response = client.post(reverse("tracker_switch_program"),
                           {"program": samsun.pk, "next": reverse("institutions:index")})
    assert response.status_code == 302
    assert response.url == reverse("institutions:index")
    assert ProgramPreference.objects.get(user=user).program == samsun
    # A new login (another web process, no session) opens the chosen programme.
    client.logout()
    client.force_login(user)
    page = institutions_listed(client)
    assert "Samsun TSO" in page
    assert "Çorum TSO" not in page


@pytest.mark.django_db
def test_switch_to_a_programme_of_someone_else_is_refused(client, agency, personas):
    user, _samsun, _corum = agency
    client.force_login(user)
    response = client.post(reverse("tracker_switch_program"),
                           {"program": personas.program.pk})
    # Wagtail answers a refused admin view with its "no permission" redirect.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not ProgramPreference.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_switch_from_a_row_page_lands_on_the_dashboard(client, agency):
    user, samsun, _corum = agency
    client.force_login(user)
    response = client.post(reverse("tracker_switch_program"),
                           {"program": samsun.pk, "next": "/admin/institutions/edit/4/"})
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_national_coordinator_reads_every_programme_by_default(client, personas):
    national = UserFactory(username="national")
    national.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[NATIONAL_COORDINATOR]))
    InstitutionFactory(program=personas.other_program, name="Başka Kurum")
    client.force_login(national)
    page = institutions_listed(client)
    assert SWITCHER in page
    assert "Kayseri Ticaret Odası" in page
    assert "Başka Kurum" in page


@pytest.mark.django_db
def test_national_coordinator_portfolio_stays_all_programmes(client, personas):
    national = UserFactory(username="national")
    national.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[NATIONAL_COORDINATOR]))
    ProgramPreference.objects.create(user=national, program=personas.program)
    client.force_login(national)
    assert "Başka Kurum" not in institutions_listed(client)
    response = client.get(reverse("portfolio_report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert personas.program.name in page
    assert personas.other_program.name in page

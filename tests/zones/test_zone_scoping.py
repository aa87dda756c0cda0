from django.urls import reverse

from tests.factories import UserFactory
from zones.models import Candidacy, Vacancy, Zone

from .conftest import make_seeker


def logged_in(client, user):
    client.force_login(user)
    return client


def test_zone_staff_see_only_their_zones_vacancies(zones, personas):
    assert set(Vacancy.objects.for_user(zones.staff)) == {zones.vacancy}
    assert set(Vacancy.objects.for_user(zones.other_staff)) == {zones.other_vacancy}
    assert set(Vacancy.objects.for_user(personas.coordinator)) == {zones.vacancy,
                                                                   zones.other_vacancy}
    assert not Vacancy.objects.for_user(personas.outsider_coordinator).exists()
    assert not Vacancy.objects.for_user(personas.agent1).exists()


def test_zone_staff_see_only_their_zone(zones, personas):
    assert list(Zone.objects.for_user(zones.staff)) == [zones.zone]
    assert not Zone.objects.for_user(personas.focal_point).exists()


def test_the_admin_listing_shows_zone_staff_their_zones_vacancies_only(client, zones):
    response = logged_in(client, zones.staff).get(reverse("vacancy:index"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Gebze Makina" in text
    assert "Dilovası Döküm" not in text


def test_another_zones_vacancy_answers_not_found(client, zones, personas):
    staff = logged_in(client, zones.staff)
    assert staff.get(reverse("zones_matching", args=[zones.other_vacancy.pk])).status_code == 404
    assert staff.get(reverse("vacancy:edit", args=[zones.other_vacancy.pk])).status_code == 404
    assert staff.get(reverse("zones_matching", args=[zones.vacancy.pk])).status_code == 200
    outsider = logged_in(client, personas.outsider_coordinator)
    assert outsider.get(reverse("zones_matching", args=[zones.vacancy.pk])).status_code in (
        403, 404)


def test_zone_staff_read_no_job_seekers_list_and_no_other_zones_candidacies(
        client, zones, personas):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    Candidacy.objects.create(vacancy=zones.other_vacancy, job_seeker=seeker,
                             proposed_by=zones.other_staff)
    assert not Candidacy.objects.for_user(zones.staff).exists()
    assert Candidacy.objects.for_user(zones.other_staff).count() == 1
    response = logged_in(client, zones.staff).get(reverse("jobseeker:index"))
    assert response.status_code in (302, 403)


def test_a_cv_read_from_another_zone_answers_not_found(client, zones):
    seeker = make_seeker(zones.program, "a@example.com", occupations=[zones.welder])
    response = logged_in(client, zones.staff).post(
        reverse("zones_cv", args=[zones.other_vacancy.pk, seeker.pk]), {"reason": "bakış"})
    assert response.status_code == 404


def test_a_membership_added_in_the_admin_gives_the_zone_staff_group(client, zones, personas):
    newcomer = UserFactory(username="newcomer")
    response = logged_in(client, personas.coordinator).post(
        reverse("zonemembership:add"), {"user": newcomer.pk, "zone": zones.zone.pk})
    assert response.status_code == 302
    assert newcomer.groups.filter(name="Zone staff").exists()
    assert list(Zone.objects.for_user(newcomer)) == [zones.zone]


def test_zone_staff_keep_their_zones_figures_in_the_admin(client, zones):
    staff = logged_in(client, zones.staff)
    edit = reverse("zone:edit", args=[zones.zone.pk])
    form = staff.get(edit).context["form"]
    assert "program" not in form.fields
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"reported_employees": "24000", "figures_source_note_tr": "Bölge yönetimi, 2026",
                 "loaded_version": form["loaded_version"].value()})
    response = staff.post(edit, data)
    assert response.status_code == 302
    zones.zone.refresh_from_db()
    assert (zones.zone.reported_employees, zones.zone.program) == (24000, zones.program)
    assert staff.get(reverse("zone:edit", args=[zones.other_zone.pk])).status_code == 404

"""The matching workflow's races on PostgreSQL, each through real concurrent connections
(one thread and one connection per request): a hire and a rejection of one candidacy at
once, two hires for a vacancy's last position, one person proposed twice at once. One
wins, the other is told, and the events record one decision."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.integrity.conftest import postgres, race  # noqa: F401 - the fixture is used
from zones.models import Candidacy, CandidacyEvent, Vacancy
from zones.services import propose_candidate

from .conftest import make_seeker, make_vacancy

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

ROUNDS = 4


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_hire_and_reject_at_once_leave_one_outcome(zones, personas):
    staff, coordinator = logged_in(zones.staff), logged_in(personas.coordinator)
    for round_number in range(ROUNDS):
        seeker = make_seeker(zones.program, f"race{round_number}@example.com",
                             occupations=[zones.welder])
        zones.vacancy.positions = ROUNDS
        zones.vacancy.save(update_fields=["positions"])
        candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker,
                                      by=zones.staff)
        hired, rejected = race(
            lambda c=candidacy: staff.post(
                reverse("zones_candidacy_move", args=[c.pk, "hire"]), {"note": ""}),
            lambda c=candidacy: coordinator.post(
                reverse("zones_candidacy_move", args=[c.pk, "reject"]),
                {"reason": "declined", "note": ""}),
        )
        candidacy.refresh_from_db()
        decisions = CandidacyEvent.objects.filter(candidacy=candidacy,
                                                  from_status=Candidacy.Status.PROPOSED)
        assert decisions.count() == 1
        if candidacy.status == Candidacy.Status.HIRED:
            assert hired.status_code == 302
            assert rejected.status_code == 200
            assert "“Hired” cannot become “Not hired”" in rejected.content.decode()
        else:
            assert candidacy.status == Candidacy.Status.NOT_HIRED
            assert rejected.status_code == 302
            assert hired.status_code == 200
            assert "“Not hired” cannot become “Hired”" in hired.content.decode()


def test_two_hires_for_the_last_position_at_once_fill_it_once(zones, personas):
    staff, coordinator = logged_in(zones.staff), logged_in(personas.coordinator)
    for round_number in range(ROUNDS):
        vacancy = make_vacancy(zones.zone, zones.firm, zones.welder, positions=1)
        candidacies = [
            propose_candidate(vacancy=vacancy, by=zones.staff, job_seeker=make_seeker(
                zones.program, f"last{round_number}-{side}@example.com",
                occupations=[zones.welder]))
            for side in ("a", "b")]
        urls = [reverse("zones_candidacy_move", args=[c.pk, "hire"]) for c in candidacies]
        first, second = race(
            lambda urls=urls: staff.post(urls[0], {"note": ""}),
            lambda urls=urls: coordinator.post(urls[1], {"note": ""}),
        )
        assert sorted([first.status_code, second.status_code]) == [200, 302]
        refused = first if first.status_code == 200 else second
        assert "Every position of this vacancy is already filled." in refused.content.decode()
        vacancy.refresh_from_db()
        assert vacancy.status == Vacancy.Status.FILLED
        assert Candidacy.objects.filter(vacancy=vacancy,
                                        status=Candidacy.Status.HIRED).count() == 1


def test_proposing_one_person_twice_at_once_makes_one_candidacy(zones, personas):
    staff, coordinator = logged_in(zones.staff), logged_in(personas.coordinator)
    for round_number in range(ROUNDS):
        seeker = make_seeker(zones.program, f"twice{round_number}@example.com",
                             occupations=[zones.welder])
        url = reverse("zones_matching", args=[zones.vacancy.pk])
        data = {"job_seeker": seeker.pk}
        first, second = race(lambda url=url, data=data: staff.post(url, data),
                             lambda url=url, data=data: coordinator.post(url, data))
        assert (first.status_code, second.status_code) == (302, 302)
        assert Candidacy.objects.filter(job_seeker=seeker).count() == 1
        assert CandidacyEvent.objects.filter(candidacy__job_seeker=seeker).count() == 1

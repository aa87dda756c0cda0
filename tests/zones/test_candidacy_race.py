"""A hire and a rejection of one candidacy at the same moment, on PostgreSQL: one wins,
the other is told, and exactly one event records the decision."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.integrity.conftest import postgres, race  # noqa: F401 - the fixture is used
from zones.models import Candidacy, CandidacyEvent
from zones.services import propose_candidate

from .conftest import make_seeker

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

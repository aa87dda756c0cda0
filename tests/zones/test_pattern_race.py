"""Two measures of one programme protected at once on PostgreSQL (a zone page and the
employment agency's reading on a day nobody read yet) both land in the day's one
disclosure pattern: neither write is lost, neither fails."""

import datetime

import pytest
from django.utils import timezone

from fieldvisits.models import DisclosurePattern
from tests.integrity.conftest import postgres, race  # noqa: F401 - the fixture is used
from zones.models import Candidacy
from zones.placements import protected_placements
from zones.queries import protected_zone_figures

from .conftest import make_seeker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

ROUNDS = 4


def hidden_keys(protected):
    return {"\x1f".join(key) for key, cell in protected.items() if cell.hidden}


def test_two_measures_protected_at_once_keep_both_patterns(zones):
    seeker = make_seeker(zones.program, "race@example.com", occupations=[zones.welder])
    Candidacy.objects.create(vacancy=zones.vacancy, job_seeker=seeker,
                             proposed_by=zones.staff, status=Candidacy.Status.HIRED,
                             decided_at=timezone.now() - datetime.timedelta(days=30))
    for round_number in range(ROUNDS):
        day = timezone.localdate() + datetime.timedelta(days=round_number)
        placements, figures = race(lambda d=day: protected_placements(zones.program, d),
                                   lambda d=day: protected_zone_figures(zones.program, d))
        assert not isinstance(placements, Exception), placements
        assert not isinstance(figures, Exception), figures
        pattern = DisclosurePattern.objects.get(program=zones.program, as_of=day)
        assert hidden_keys(placements) and hidden_keys(figures)
        assert hidden_keys(placements) | hidden_keys(figures) <= set(pattern.hidden)

"""Two coordinators changing one milestone's done date at the same moment, on
PostgreSQL: the first save wins and is dated once; the second is refused and dates
nothing, so the history and the row agree."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import MilestoneFactory, PhaseFactory
from tests.integrity.conftest import NEEDS_POSTGRES, race
from tracker.models import Milestone, MilestoneEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRES)


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_two_done_dates_saved_at_once_leave_one_dated_change(personas):
    phase = PhaseFactory(program=personas.program)
    milestone = MilestoneFactory(phase=phase, title="Saha çalışması",
                                 due_date=datetime.date(2026, 6, 30))
    url = reverse("milestones:edit", args=[milestone.pk])
    first, second = logged_in(personas.coordinator), logged_in(personas.coordinator)

    def token(client):
        return re.search(r'name="loaded_version" value="([^"]*)"',
                         client.get(url).content.decode()).group(1)

    tokens = token(first), token(second)

    def save(client, loaded, done):
        return client.post(url, {
            "phase": phase.pk, "title_tr": milestone.title_tr, "title_en": milestone.title_en,
            "title_fa": "", "due_date": "2026-06-30", "done_date": done, "owner": "",
            "weight": 1, "evidence": "", "notes": "", "loaded_version": loaded})

    today = timezone.localdate()
    one, two = race(lambda: save(first, tokens[0], today.isoformat()),
                    lambda: save(second, tokens[1], "2026-06-20"))
    assert sorted([one.status_code, two.status_code]) == [200, 302]
    stored = Milestone.objects.get(pk=milestone.pk).done_date
    winner = today if one.status_code == 302 else datetime.date(2026, 6, 20)
    assert stored == winner
    assert list(MilestoneEvent.objects.filter(milestone=milestone)
                .values_list("done_date", flat=True)) == [winner]
    loser = two if one.status_code == 302 else one
    assert "Someone else saved this record while you were editing it" in \
        loser.content.decode()

"""Deleting a phase never takes its milestones with it, and the refusal reads in Turkish."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from tests.factories import MilestoneFactory, PhaseFactory
from tracker.models import Milestone, Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(personas, role_groups):
    phase = PhaseFactory(program=personas.program, name_tr="Dönüşüm")
    for _index in range(3):
        MilestoneFactory(phase=phase)
    return phase


def test_a_phase_with_milestones_cannot_be_deleted(phase):
    with pytest.raises(ProtectedError):
        phase.delete()
    assert Milestone.objects.filter(phase=phase).count() == 3


def test_the_delete_page_refuses_in_the_readers_language(client, personas, phase):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(personas.coordinator)
    profile.preferred_language = "tr"
    profile.save()
    client.force_login(personas.coordinator)
    page = client.get(reverse("phases:delete", args=[phase.pk]))
    html = page.content.decode()
    assert "Bu aşama kaydına 3 yerden başvuruluyor." in html
    assert "kilometre taşları: 3" in html.lower()
    assert "referenced" not in html and "Yes, delete" not in html


def test_posting_the_delete_keeps_the_phase_and_its_milestones(client, personas, phase):
    client.force_login(personas.coordinator)
    client.post(reverse("phases:delete", args=[phase.pk]))
    assert Phase.objects.filter(pk=phase.pk).exists()
    assert Milestone.objects.filter(phase=phase).count() == 3

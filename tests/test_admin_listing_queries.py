"""Admin listings and exports keep a fixed number of queries as rows grow."""

import pytest
from django.urls import reverse

from fieldvisits.models import Capability
from tests.factories import FirmFactory, MilestoneFactory, PhaseFactory, VisitFactory


def _add_rows(personas, count):
    phase = PhaseFactory(program=personas.program)
    for _index in range(count):
        MilestoneFactory(phase=phase, owner=personas.kto)
        firm = FirmFactory(program=personas.program)
        Capability.objects.create(firm=firm, kind="process", name="CNC işleme")
        VisitFactory(program=personas.program, firm=firm, agent=personas.agent1)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    reverse("visits:index"), reverse("visits:index") + "?export=csv",
    reverse("firms:index"), reverse("firms:index") + "?export=csv",
    reverse("milestones:index"), reverse("phases:index"),
])
def test_listing_queries_do_not_grow_with_rows(
    client, personas, url, django_assert_max_num_queries
):
    client.force_login(personas.coordinator)
    _add_rows(personas, 3)
    client.get(url)
    with django_assert_max_num_queries(60) as small:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    _add_rows(personas, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200

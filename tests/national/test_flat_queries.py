"""Pages of one programme run the same number of queries however many programmes the
person works in: the header's programme narrows them first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import InstitutionFactory, PhaseFactory, ProgramFactory
from tracker.access import Role
from tracker.models import Membership


def coordinate_more_programmes(user, count):
    for _number in range(count):
        program = ProgramFactory()
        Membership.objects.create(user=user, program=program, role=Role.COORDINATOR)
        InstitutionFactory(program=program)
        PhaseFactory(program=program)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["wagtailadmin_home", "institutions:index",
                                      "field_coverage_report"])
def test_a_coordinators_page_does_not_grow_with_their_programmes(
        client, personas, url_name, django_assert_max_num_queries):
    coordinator = personas.coordinator
    coordinate_more_programmes(coordinator, 1)
    client.force_login(coordinator)
    url = reverse(url_name)
    queries_of(client, url)
    with django_assert_max_num_queries(60):
        with_two = queries_of(client, url)
    coordinate_more_programmes(coordinator, 5)
    with django_assert_max_num_queries(60):
        with_seven = queries_of(client, url)
    assert with_seven == with_two

"""Field sessions last a working day without requests, then end."""

import pytest
from django.urls import reverse

from tests.access import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_field_login_lasts_the_idle_time_of_a_working_day(client, personas, settings):
    response = client.post(reverse("field:login"), {"username": "agent1", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get_expiry_age() == settings.FIELD_SESSION_IDLE_SECONDS
    assert 8 * 3600 <= settings.FIELD_SESSION_IDLE_SECONDS <= 12 * 3600


def test_working_in_the_field_app_pushes_the_expiry_back(client, personas, settings):
    client.force_login(personas.agent1)
    client.get(reverse("field:home"))
    assert client.session.get_expiry_age() == settings.FIELD_SESSION_IDLE_SECONDS
    assert client.session["field_seen"] > 0

"""The career portal's old address of a zone, for a programme whose site has no zones
page (the other address tests share a site that has one: test_zone_address.py)."""

import pytest

from .test_zone_address import old_address

pytestmark = pytest.mark.django_db


def test_a_programme_without_a_zones_page_has_no_zone_page_to_send_to(client, zones):
    assert client.get(old_address(zones, "tr")).status_code == 404

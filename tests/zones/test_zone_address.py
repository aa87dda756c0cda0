"""A zone has one public page, on the programme site; the career portal's old address of
a zone redirects there for good, and the portal links there."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import ZonesPage

from .conftest import zone_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_zone_site")]


def old_address(zones, language, slug="imes"):
    with translation.override(language):
        return reverse("careers_zone", args=[zones.program.slug, slug])


@pytest.mark.parametrize(("language", "page"), [("tr", "/tr/sanayi-bolgeleri/imes/"),
                                                ("en", "/en/industrial-zones/imes/"),
                                                ("fa", "/fa/industrial-zones/imes/")])
def test_the_portals_zone_address_redirects_permanently_to_the_zone_page(
        client, zones, zone_site, language, page):
    response = client.get(old_address(zones, language))
    assert response.status_code == 301
    assert response["Location"].endswith(page)
    assert zone_url(zones.zone, language).endswith(page)


def test_the_redirect_keeps_the_query_string(client, zones, zone_site):
    response = client.get(old_address(zones, "en") + "?occupation=kaynak%C3%A7%C4%B1&x=1")
    assert response.status_code == 301
    assert response["Location"] == (zone_url(zones.zone, "en")
                                    + "?occupation=kaynak%C3%A7%C4%B1&x=1")
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert followed.context["occupation"] == "kaynakçı"


def test_a_reader_is_sent_to_the_original_tree_when_their_language_has_no_zones_page(
        client, zones, zone_site):
    ZonesPage.objects.get(locale__language_code="fa").unpublish()
    response = client.get(old_address(zones, "fa"))
    assert response.status_code == 301
    assert response["Location"].endswith("/tr/sanayi-bolgeleri/imes/")


def test_an_unknown_zone_at_the_old_address_is_not_found(client, zones, zone_site):
    assert client.get(old_address(zones, "tr", slug="yok")).status_code == 404


def test_the_vacancy_list_links_each_zone_to_its_page_on_the_programme_site(
        client, zones, zone_site):
    with translation.override("en"):
        url = reverse("careers:vacancies", args=[zones.program.slug])
    text = client.get(url).content.decode()
    assert f'href="{zone_url(zones.zone, "en")}"' in text
    assert f'href="{zone_url(zones.other_zone, "en")}"' in text
    assert "/careers/" + zones.program.slug + "/zones/" not in text

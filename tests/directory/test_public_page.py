"""The public directory page: cards of listed firms, nothing confidential, both
languages, flat query counts, and an enquiry form whose CSRF token is never cached."""

import re

import pytest

from directory.search import PAGE_SIZE
from tests.directory.conftest import listed

# Personas, the directory site and its catalogue are built once for this module
# (tests/directory/conftest.py: shared_directory).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_directory")]


def test_a_buyer_finds_the_stainless_cnc_shop(anonymous_client, directory_site, catalogue):
    response = anonymous_client.get(directory_site.tr_url, {"q": "paslanmaz CNC işleme"})
    html = response.content.decode()
    assert response.status_code == 200
    first_card = html.split('<article class="card firm-card"', 2)[1]
    assert "Erciyes Hassas Makine San. ve Tic. A.Ş." in first_card
    assert "Paslanmaz çelik" in first_card and "aylık 40 ton" in first_card
    assert f"enquiry/?firm={catalogue.stainless.pk}" in first_card
    assert "2 firma aramanızla eşleşiyor" in html


def test_the_english_page_speaks_english(anonymous_client, directory_site, catalogue):
    html = anonymous_client.get(directory_site.en_url, {"q": "medical textile"}).content.decode()
    assert '<html lang="en"' in html
    first_card = html.split('<article class="card firm-card"', 2)[1]
    assert "Argeus Tekstil" in first_card
    assert "Medical textiles: surgical gowns and drapes." in first_card
    assert "Send an enquiry" in first_card


@pytest.mark.parametrize("query", ["", "paslanmaz", "Kocasinan", "CNC"])
def test_no_tax_number_contact_or_email_in_the_public_html(
        anonymous_client, directory_site, catalogue, query):
    firms = [catalogue.stainless.firm, catalogue.foundry.firm, catalogue.textile.firm]
    for url in (directory_site.tr_url, directory_site.en_url):
        html = anonymous_client.get(url, {"q": query}).content.decode()
        assert "Erciyes Hassas" in html or query == "Kocasinan" and "Kaya Döküm" in html
        for firm in firms:
            assert firm.tax_number not in html
        assert "Hüseyin Erciyes" not in html
        assert "satis@erciyes.example" not in html
        assert not re.search(r"\b\d{10}\b", html)


def test_the_enquiry_form_shows_the_firm_but_no_confidential_data(
        anonymous_client, directory_site, catalogue):
    html = anonymous_client.get(directory_site.tr_url + "enquiry/",
                                {"firm": catalogue.stainless.pk}).content.decode()
    assert "Erciyes Hassas Makine" in html
    for secret in (catalogue.stainless.firm.tax_number, "Hüseyin Erciyes",
                   "satis@erciyes.example"):
        assert secret not in html


def _list_stainless_shops(personas, count):
    for index in range(count):
        listed(personas.program, personas.coordinator, f"Ek Paslanmaz {index}", "Talas",
               "25.62", [("process", "CNC işleme"), ("material", "Paslanmaz çelik")])


@pytest.mark.parametrize("extra", [0, 30])
def test_page_queries_do_not_grow_with_the_results(anonymous_client, directory_site, catalogue,
                                                   personas, extra,
                                                   django_assert_max_num_queries):
    _list_stainless_shops(personas, extra)
    with django_assert_max_num_queries(15):
        response = anonymous_client.get(directory_site.tr_url, {"q": "paslanmaz CNC"})
    assert response.content.decode().count('<article class="card firm-card"') == min(
        2 + extra, PAGE_SIZE)


def test_results_beyond_the_first_page_are_one_link_away(anonymous_client, directory_site,
                                                         catalogue, personas):
    _list_stainless_shops(personas, 30)
    first = anonymous_client.get(directory_site.tr_url, {"q": "paslanmaz CNC"}).content.decode()
    assert "32 firma aramanızla eşleşiyor" in first
    # The public query string is normalised (Turkish lower case) before the page reads it.
    assert 'href="?q=paslanmaz%20cnc&amp;page=2" rel="next"' in first
    second = anonymous_client.get(directory_site.tr_url, {"q": "paslanmaz CNC", "page": 2})
    html = second.content.decode()
    assert html.count('<article class="card firm-card"') == 32 - PAGE_SIZE
    assert 'rel="prev"' in html and 'rel="next"' not in html


def test_search_results_are_cached_per_query(anonymous_client, directory_site, catalogue):
    url = directory_site.tr_url
    assert anonymous_client.get(url, {"q": "döküm"})["X-Public-Cache"] == "miss"
    assert anonymous_client.get(url, {"q": "döküm"})["X-Public-Cache"] == "hit"
    other = anonymous_client.get(url, {"q": "tekstil"})
    assert other["X-Public-Cache"] == "miss"
    assert "Argeus Tekstil" in other.content.decode()


def test_the_enquiry_form_is_never_cached(anonymous_client, directory_site, catalogue):
    url = directory_site.tr_url + "enquiry/"
    first = anonymous_client.get(url)
    second = anonymous_client.get(url)
    assert "X-Public-Cache" not in second
    assert "no-cache" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert first.status_code == second.status_code == 200


def _form_token(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def test_each_visitor_gets_a_csrf_token_that_works(directory_site, catalogue, enquiry_wait):
    from django.test import Client

    from directory.models import Enquiry

    url = directory_site.tr_url + "enquiry/"
    for name in ("Ayşe", "Bora"):
        visitor = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="tr")
        html = visitor.get(url).content.decode()
        response = visitor.post(url, {
            "csrfmiddlewaretoken": _form_token(html, "csrfmiddlewaretoken"),
            "shown": _form_token(html, "shown"),
            "need": "Paslanmaz çelik flanş, 200 adet", "buyer_name": name,
            "organisation": "Alıcı A.Ş.", "email": "alici@example.com",
        })
        assert response.status_code == 302, name
    assert sorted(Enquiry.objects.values_list("buyer_name", flat=True)) == ["Ayşe", "Bora"]


def test_a_post_without_csrf_token_is_refused(directory_site, catalogue, enquiry_wait):
    from django.test import Client

    from directory.models import Enquiry

    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(directory_site.tr_url + "enquiry/").content.decode()
    response = visitor.post(directory_site.tr_url + "enquiry/", {
        "shown": _form_token(html, "shown"), "need": "Paslanmaz çelik flanş",
        "buyer_name": "X", "organisation": "Y", "email": "x@example.com"})
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0

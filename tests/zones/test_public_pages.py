import re

import pytest
from django.urls import reverse

from cms.models import HomePage
from zones.services import move_candidacy, propose_candidate

from .conftest import make_seeker, make_vacancy, zone_url

pytestmark = pytest.mark.usefixtures("shared_zone_site")


def crawl(client, start_urls, within=r"/en/careers/", limit=300):
    """Every public page under ``within`` reachable from ``start_urls``, as text."""
    seen, queue, pages = set(), list(start_urls), []
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = response.content.decode()
        pages.append(text)
        queue += [link for link in re.findall(rf'href="({within}[^"?#]*)"', text)
                  if link not in seen]
    return pages


def hired_person(zones):
    seeker = make_seeker(zones.program, "zeynep.kaynakci@example.com",
                         occupations=[zones.welder], first_name="Zeynep",
                         last_name="Kaynakçıoğlu", phone="+90 555 987 65 43")
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    return seeker


PERSONAL = ("Kaynakçıoğlu", "zeynep.kaynakci", "987 65 43")


def test_no_job_seekers_name_email_or_phone_on_any_public_careers_page(client, zones,
                                                                     zone_site):
    hired_person(zones)
    pages = crawl(client, [reverse("careers:vacancies", args=[zones.program.slug]),
                           zone_url(zones.zone)],
                  within=r"/tr/(?:careers|sanayi-bolgeleri)/")
    assert len(pages) >= 4
    for text in pages:
        for personal in PERSONAL:
            assert personal not in text


@pytest.mark.parametrize("language", ["tr", "en"])
def test_no_job_seekers_name_email_or_phone_anywhere_on_the_programme_site(
        client, zones, zone_site, language):
    hired_person(zones)
    start = HomePage.objects.get(program=zones.program, locale__language_code=language).url
    pages = crawl(client, [start], within=f"/{language}/")
    # On the English site the zone's Turkish name is marked as Turkish.
    zone_pages = [text for text in pages if "<h1>İMES OSB</h1>" in text
                  or '<h1><span lang="tr">İMES OSB</span>' in text]
    assert len(pages) >= 10 and len(zone_pages) >= 1
    for text in pages:
        for personal in PERSONAL:
            assert personal not in text


def test_the_zone_page_lists_only_published_open_vacancies(client, zones, zone_site):
    make_vacancy(zones.zone, zones.firm, zones.welder, published=False,
                 qualifications="Gizli ilan metni")
    page = client.get(zone_url(zones.zone))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gebze Makina A.Ş." in text
    assert "Gizli ilan metni" not in text
    assert "Dilovası Döküm" not in text


def test_the_vacancy_list_is_searched_by_occupation_and_district(client, zones):
    url = reverse("careers:vacancies", args=[zones.program.slug])
    by_word = client.get(url, {"occupation": "welder"}).content.decode()
    assert "Gebze Makina" in by_word and "Dilovası Döküm" in by_word
    by_district = client.get(url, {"occupation": "7212", "district": "Dilovası"})
    assert "Gebze Makina" not in by_district.content.decode()
    assert "Dilovası Döküm" in by_district.content.decode()
    assert "Gebze Makina" not in client.get(url, {"occupation": "2512"}).content.decode()

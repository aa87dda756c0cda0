import re

from django.urls import reverse

from zones.services import move_candidacy, propose_candidate

from .conftest import make_seeker, make_vacancy


def crawl(client, start_urls):
    """Every public careers page reachable from ``start_urls``, as text."""
    seen, queue, pages = set(), list(start_urls), []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        pages.append(text)
        queue += [link for link in re.findall(r'href="(/en/careers/[^"?#]*)"', text)
                  if link not in seen]
    return pages


def test_no_job_seekers_name_email_or_phone_on_any_public_page(client, zones):
    seeker = make_seeker(zones.program, "zeynep.kaynakci@example.com",
                         occupations=[zones.welder], first_name="Zeynep",
                         last_name="Kaynakçıoğlu", phone="+90 555 987 65 43")
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    pages = crawl(client, [reverse("careers:vacancies", args=[zones.program.slug]),
                           reverse("careers:zone", args=[zones.program.slug, "imes"])])
    assert len(pages) >= 4
    for text in pages:
        for personal in ("Kaynakçıoğlu", "zeynep.kaynakci", "987 65 43"):
            assert personal not in text


def test_the_zone_page_lists_only_published_open_vacancies(client, zones):
    make_vacancy(zones.zone, zones.firm, zones.welder, published=False,
                 qualifications="Gizli ilan metni")
    page = client.get(reverse("careers:zone", args=[zones.program.slug, "imes"]))
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

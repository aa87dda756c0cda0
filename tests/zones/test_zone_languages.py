"""Zone names and profiles and vacancies' qualifications are kept per content language;
a page in a language nobody wrote them in shows the original, marked with its language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.access import PASSWORD
from zones.models import Vacancy, Zone

from .conftest import make_vacancy, zone_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_zone_site")]

FALLBACK = '<small class="translation-fallback">(in Turkish)</small>'


def test_the_zone_page_reads_the_english_columns_on_the_english_site(client, zones,
                                                                     zone_site):
    Zone.objects.filter(pk=zones.zone.pk).update(
        name_en="IMES Organised Industrial Zone", description_tr="Makine ve metal firmaları.",
        description_en="Machinery and metal firms.",
        figures_source_note_en="Zone management, 2025")
    make_vacancy(zones.zone, zones.firm, zones.welder,
                 qualifications_tr="MIG/MAG kaynak deneyimi",
                 qualifications_en="MIG/MAG welding experience")
    text = client.get(zone_url(zones.zone, "en")).content.decode()
    assert "<h1>IMES Organised Industrial Zone</h1>" in text
    assert "<p>Machinery and metal firms.</p>" in text
    assert "MIG/MAG welding experience" in text
    assert "Entered by the zone management: Zone management, 2025</p>" in text
    assert "Makine ve metal" not in text and "kaynak deneyimi" not in text
    assert "Bölge yönetimi" not in text


@pytest.mark.parametrize("language", ["en", "fa"])
def test_an_untranslated_zone_shows_its_turkish_text_marked_as_turkish(client, zones,
                                                                      zone_site, language):
    Zone.objects.filter(pk=zones.zone.pk).update(description_tr="Makine ve metal firmaları.")
    make_vacancy(zones.zone, zones.firm, zones.welder,
                 qualifications_tr="MIG/MAG kaynak deneyimi")
    with translation.override(language):
        text = client.get(zone_url(zones.zone, language)).content.decode()
        marker = FALLBACK.replace("(in Turkish)", translation.gettext("(in %(language)s)")
                                  % {"language": translation.gettext("Turkish")})
    assert f'<h1><span lang="tr">İMES OSB</span> {marker}</h1>' in text
    assert f'<p><span lang="tr">Makine ve metal firmaları.</span> {marker}</p>' in text
    assert f'<span lang="tr">MIG/MAG kaynak deneyimi</span> {marker}' in text


def test_the_turkish_page_shows_the_turkish_text_unmarked(client, zones, zone_site):
    Zone.objects.filter(pk=zones.zone.pk).update(name_en="IMES Organised Industrial Zone")
    text = client.get(zone_url(zones.zone, "tr")).content.decode()
    assert "<h1>İMES OSB</h1>" in text
    assert "translation-fallback" not in text.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_the_zone_list_names_each_zone_in_the_readers_language(client, zones, zone_site):
    Zone.objects.filter(pk=zones.zone.pk).update(name_en="IMES Organised Industrial Zone")
    page = zone_url(zones.zone, "en").removesuffix("imes/")
    text = client.get(page).content.decode()
    assert ">IMES Organised Industrial Zone</a>" in text
    assert f'<span lang="tr">Dilovası OSB</span> {FALLBACK}' in text


def test_a_vacancy_written_in_turkish_keeps_its_text_in_the_turkish_column(zones):
    vacancy = Vacancy.objects.get(pk=zones.vacancy.pk)
    vacancy.qualifications = "Forklift ehliyeti"
    vacancy.save()
    vacancy.refresh_from_db()
    assert (vacancy.qualifications_tr, vacancy.qualifications_en) == ("Forklift ehliyeti", "")


def test_the_zone_admin_form_offers_every_language(client, zones):
    client.login(username=zones.staff.username, password=PASSWORD)
    response = client.get(reverse("zone:edit", args=[zones.zone.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    for column in ("name_tr", "name_en", "name_fa", "description_tr", "description_en",
                   "description_fa", "figures_source_note_en", "figures_source_note_fa"):
        assert f'name="{column}"' in text


def test_a_persian_reader_sees_the_occupation_in_turkish_marked_as_turkish(client, zones,
                                                                           zone_site):
    text = client.get(zone_url(zones.zone, "fa")).content.decode()
    assert f'<span lang="tr">{zones.welder.label_tr}</span>' in text
    english = client.get(zone_url(zones.zone, "en")).content.decode()
    assert f"<h3>{zones.welder.label_en} <small>(7212)</small></h3>" in english

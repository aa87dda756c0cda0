"""The zones on the programme's Wagtail site, the employment agency's reading of the
placements, placements as a programme indicator, and the zone in its staff's admin menu."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu, reports_menu

from cms.models import HomePage, ZonesPage
from tests.access import PASSWORD
from tests.factories import FirmFactory, InstitutionFactory, member
from tracker.access import Role
from tracker.models import Indicator, IndicatorValue, Institution, ReportingPeriod
from zones.models import Candidacy, ZoneFirm
from zones.services import (
    PLACEMENT_INDICATOR,
    move_candidacy,
    propose_candidate,
    record_placement_indicator,
)

from .conftest import make_seeker, make_vacancy

pytestmark = pytest.mark.usefixtures("shared_zone_site")


@pytest.fixture
def site(zone_site):
    return zone_site


def hire(zones, vacancy, email):
    seeker = make_seeker(zones.program, email, occupations=[vacancy.occupation])
    candidacy = propose_candidate(vacancy=vacancy, job_seeker=seeker, by=zones.staff)
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff)
    return seeker


def zones_page(language):
    return ZonesPage.objects.live().get(locale__language_code=language)


@pytest.mark.parametrize(("language", "title"), [("tr", "Sanayi bölgeleri"),
                                                 ("en", "Industrial zones")])
def test_the_zones_page_is_in_the_programmes_menu_in_both_languages(client, site, language,
                                                                     title):
    home = HomePage.objects.get(locale__language_code=language, program=site.program)
    text = client.get(home.url).content.decode()
    page = zones_page(language)
    assert page.show_in_menus
    assert f'href="{page.url}"' in text and title in text


def test_the_zones_page_lists_the_programmes_zones_with_links(client, site, zones):
    page = zones_page("en")
    text = client.get(page.url).content.decode()
    assert f'href="{page.url}imes/"' in text and f'href="{page.url}dilovasi/"' in text


def test_a_zones_page_shows_its_profile_figures_and_open_vacancies(client, site, zones):
    hire(zones, zones.vacancy, "hired@example.com")
    make_vacancy(zones.zone, zones.firm, zones.welder, qualifications="MIG/MAG kaynak")
    response = client.get(zones_page("en").url + "imes/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<h1><span lang="tr">İMES OSB</span>' in text
    assert "MIG/MAG kaynak" in text
    assert response.context["figures"].placements.hidden
    assert "Dilovası Döküm" not in text


def test_an_unknown_zone_answers_not_found(client, site):
    assert client.get(zones_page("tr").url + "yok/").status_code == 404


def test_the_english_zone_page_carries_no_turkish_interface_text(client, site, zones):
    text = client.get(zones_page("en").url + "imes/").content.decode()
    for turkish in ("Bölgenin rakamları", "Açık ilanlar", "İşe yerleştirilen", "Kaynak"):
        assert turkish not in text


@pytest.fixture
def agency_focal_point(zones):
    agency = InstitutionFactory(program=zones.program, name="Türkiye İş Kurumu",
                                short_name="İŞKUR", kind=Institution.Kind.EMPLOYMENT_AGENCY)
    return member(zones.program, Role.FOCAL_POINT, "iskur", institution=agency)


def hires_at_new_firms(zones, zone, count):
    """``count`` welders hired, each by a firm of its own in ``zone``."""
    for number in range(count):
        firm = FirmFactory(program=zones.program, trade_name=f"{zone.slug} firma {number}")
        ZoneFirm.objects.create(zone=zone, firm=firm)
        hire(zones, make_vacancy(zone, firm, zones.welder), f"{zone.slug}{number}@example.com")


def agency_figures(client):
    client.login(username="iskur", password=PASSWORD)
    response = client.get(reverse("zones_placements"))
    assert (response.status_code, response.context["exact"]) == (200, False)
    [(program, figures)] = response.context["sections"]
    return figures


def test_the_employment_agency_reads_the_protected_placements(client, zones,
                                                              agency_focal_point):
    hires_at_new_firms(zones, zones.zone, 6)
    hire(zones, zones.other_vacancy, "dilovasi@example.com")
    figures = agency_figures(client)
    by_zone = {zone.name: cell for zone, cell in figures.by_zone}
    # One firm hired in Dilovası: hidden, and not to be recomputed from the total.
    assert by_zone["Dilovası OSB"].hidden
    assert by_zone["İMES OSB"].hidden or figures.placements.hidden
    [(occupation, welders)] = figures.by_occupation
    assert occupation.code == "7212" and welders.firms == 7
    assert "zone-placements" in report_items(agency_focal_point)


def test_the_agency_and_the_zone_page_print_the_same_cells(client, zones, site,
                                                           agency_focal_point):
    hires_at_new_firms(zones, zones.zone, 5)
    hires_at_new_firms(zones, zones.other_zone, 5)
    page = client.get(zones_page("tr").url + "imes/")
    zone_figures = page.context["figures"]
    agency = agency_figures(client)
    by_zone = {zone.name: cell for zone, cell in agency.by_zone}
    assert zone_figures.placements == by_zone["İMES OSB"]
    assert (zone_figures.placements.value, agency.placements.value) == (5, 10)
    assert [cell.value for _month, cell in zone_figures.by_month] == [5]


def test_a_zone_with_one_hiring_firm_publishes_no_placement_figure(client, zones, site):
    hire(zones, zones.vacancy, "a@example.com")
    response = client.get(zones_page("tr").url + "imes/")
    figures = response.context["figures"]
    assert figures.placements.hidden
    assert all(cell.hidden for _month, cell in figures.by_month)
    assert all(cell.hidden for _occupation, cell in figures.by_occupation)
    assert figures.vacancies_filled.hidden and figures.average_days_to_fill.hidden


def test_another_institutions_focal_point_reads_no_placements(client, zones, personas):
    client.login(username="kto", password=PASSWORD)
    response = client.get(reverse("zones_placements"))
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert "zone-placements" not in report_items(personas.focal_point)


@pytest.fixture
def periods(zones):
    today = timezone.localdate()
    running = ReportingPeriod.objects.create(
        program=zones.program, label="Running", start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=80))
    locked = ReportingPeriod.objects.create(
        program=zones.program, label="Locked", start_date=today - datetime.timedelta(days=100),
        end_date=today - datetime.timedelta(days=11), locked_at=timezone.now())
    return running, locked


def test_a_hire_is_counted_in_the_programmes_placement_indicator(
        zones, periods, django_capture_on_commit_callbacks):
    running, locked = periods
    with django_capture_on_commit_callbacks(execute=True):
        hire(zones, zones.vacancy, "a@example.com")
    indicator = Indicator.objects.get(program=zones.program, code=PLACEMENT_INDICATOR["code"])
    assert (indicator.action, indicator.name_en) == (None, PLACEMENT_INDICATOR["name_en"])
    assert IndicatorValue.objects.get(indicator=indicator, period=running).value == 1
    assert not IndicatorValue.objects.filter(indicator=indicator, period=locked).exists()


def test_a_hire_before_the_period_is_not_counted_in_it(zones, periods):
    running, _locked = periods
    seeker = hire(zones, zones.vacancy, "a@example.com")
    Candidacy.objects.filter(job_seeker=seeker).update(
        decided_at=timezone.now() - datetime.timedelta(days=30))
    [value] = record_placement_indicator(program=zones.program)
    assert (value.period, value.value) == (running, 0)


def report_items(user):
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return {item.name for item in reports_menu.menu_items_for_request(request)}


def menu_links(user):
    """``{name: (label, url)}`` of the admin menu's top-level links ``user`` sees."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return {item.name: (str(item.label), item.url)
            for item in (entry.render_component(request)
                         for entry in admin_menu.menu_items_for_request(request))
            if hasattr(item, "url")}


def test_zone_staff_find_their_own_zone_at_the_top_of_the_admin_menu(zones):
    links = menu_links(zones.staff)
    assert links["own-zone"] == ("İMES OSB", reverse("zone:edit", args=[zones.zone.pk]))
    assert menu_links(zones.other_staff)["own-zone"][0] == "Dilovası OSB"


def test_the_office_has_no_own_zone_menu_item(zones, personas):
    assert "own-zone" not in menu_links(personas.coordinator)


def test_a_firm_of_the_zone_the_visit_named_is_on_its_zone_page(client, site, zones):
    firm = FirmFactory(program=zones.program, trade_name="Listelenmeyen Firma A.Ş.")
    ZoneFirm.objects.create(zone=zones.zone, firm=firm)
    text = client.get(zones_page("tr").url + "imes/").content.decode()
    # Not in the capability directory: the zone page does not name it.
    assert "Listelenmeyen Firma" not in text

"""A zone's public page reads its protected tables (placements, the zone's figures) from
the cache the field-study tables use: computed once per day and change of the zone data,
so a page rendered afresh costs a fixed number of queries and writes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.cache import program_scope, renew
from fieldvisits.models import DisclosurePattern
from tests.factories import FirmFactory
from zones.models import Candidacy, Vacancy, Zone, ZoneFirm
from zones.placements import protected_placements
from zones.queries import protected_zone_figures

from .conftest import make_seeker, zone_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_zone_site")]

# A zone page rendered while its tables are cached; the same whatever the data size.
WARM_QUERIES = 30


def hire(zones, number):
    firm = FirmFactory(program=zones.program, district=zones.zone.district,
                       employees=40 + number)
    ZoneFirm.objects.create(zone=zones.zone, firm=firm)
    day = timezone.now() - datetime.timedelta(days=number % 40 + 1)
    vacancy = Vacancy.objects.create(
        zone=zones.zone, firm=firm, occupation=zones.welder, published=True,
        status=Vacancy.Status.FILLED, opened_at=day - datetime.timedelta(days=10),
        filled_at=day)
    seeker = make_seeker(zones.program, f"hired{number}@example.com",
                         occupations=[zones.welder])
    Candidacy.objects.create(vacancy=vacancy, job_seeker=seeker, proposed_by=zones.staff,
                             status=Candidacy.Status.HIRED, decided_at=day)


def page(client, zone):
    """The queries of the zone page rendered afresh (its cached response renewed)."""
    renew(program_scope(zone.program_id))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(zone_url(zone))
    assert response.status_code == 200
    return captured


@pytest.mark.parametrize("hires", [3, 30])
def test_a_zone_page_rendered_again_reads_its_tables_from_the_cache(client, zones, zone_site,
                                                                    hires):
    Zone.objects.filter(pk=zones.zone.pk).update(figures_source=Zone.FiguresSource.FIRMS)
    for number in range(hires):
        hire(zones, number)
    first = page(client, zones.zone)
    again = page(client, zones.zone)
    assert len(again) <= WARM_QUERIES
    assert len(again) < len(first)
    written = [query["sql"] for query in again.captured_queries
               if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
               or "FOR UPDATE" in query["sql"].upper()]
    assert written == []


def placements_total(zones, as_of=None):
    return protected_placements(zones.program, as_of)[("placements", "*", "*", "*")]


def test_a_new_hire_computes_the_placement_table_afresh(zones):
    for number in range(6):
        hire(zones, number)
    assert placements_total(zones).firms == 6
    hire(zones, 6)
    assert placements_total(zones).firms == 7


def test_a_firm_record_edited_without_a_signal_computes_the_zone_figures_afresh(zones):
    for number in range(5):
        hire(zones, number)
    key = ("zone:employees", str(zones.zone.pk))
    before = protected_zone_figures(zones.program)[key].value
    firm = zones.zone.firm_rows.order_by("pk").last().firm
    type(firm).objects.filter(pk=firm.pk).update(employees=firm.employees + 100)
    assert protected_zone_figures(zones.program)[key].value == before + 100


def test_the_tables_are_protected_once_a_day_and_again_the_next_day(zones):
    for number in range(5):
        hire(zones, number)
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    protected_zone_figures(zones.program, today)
    placements_total(zones, today)
    with CaptureQueriesContext(connection) as same_day:
        protected_zone_figures(zones.program, today)
        placements_total(zones, today)
    assert len(same_day) == 3  # the digests of the rows behind the two tables
    assert not DisclosurePattern.objects.filter(program=zones.program, as_of=tomorrow).exists()
    protected_zone_figures(zones.program, tomorrow)
    assert DisclosurePattern.objects.filter(program=zones.program, as_of=tomorrow).exists()

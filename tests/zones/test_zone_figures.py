"""A zone's own figures: entered by the zone, or computed from its firms' records under the
disclosure rule, each with its source."""

from decimal import Decimal

from django.utils import translation

from tests.factories import FirmFactory
from zones.models import Zone, ZoneFirm
from zones.queries import SOURCE_FIRMS, SOURCE_ZONE, zone_figures

from .conftest import zone_url


def add_firms(zone, *rows):
    for employees, exports, capacity in rows:
        firm = FirmFactory(program=zone.program, employees=employees,
                           export_value_usd=exports, capacity_utilisation_pct=capacity,
                           export_share_pct=30 if capacity else None,
                           import_share_pct=20 if capacity else None)
        ZoneFirm.objects.create(zone=zone, firm=firm)


def by_name(zone):
    return {figure.name: figure for figure in zone_figures(zone)}


def computed_zone(zones):
    Zone.objects.filter(pk=zones.zone.pk).update(figures_source=Zone.FiguresSource.FIRMS)
    zones.zone.refresh_from_db()
    return zones.zone


def test_figures_from_five_balanced_firms_are_published_with_their_firm_count(zones):
    zone = computed_zone(zones)
    # The fixture's firm (50 employees, no exports) and five more.
    add_firms(zone, *[(100, Decimal("2000000"), 70 + n) for n in range(5)])
    figures = by_name(zone)
    assert (figures["firms"].value, figures["firms"].source) == (6, SOURCE_FIRMS)
    assert (figures["employees"].value, figures["employees"].firms) == (550, 6)
    assert (figures["exports_usd"].value, figures["exports_usd"].firms) == (10_000_000, 5)
    assert (figures["capacity_use_pct"].value, figures["capacity_use_pct"].firms) == (72, 5)
    assert figures["export_share_pct"].value == 30
    assert figures["import_share_pct"].value == 20


def test_a_figure_from_fewer_than_five_firms_is_hidden_and_says_nothing_of_its_firms(zones):
    zone = computed_zone(zones)
    add_firms(zone, *[(100, Decimal("2000000"), 75) for _n in range(4)])
    figures = by_name(zone)
    assert figures["exports_usd"].hidden and figures["exports_usd"].firms == 0
    assert figures["capacity_use_pct"].hidden
    # Five firms gave their employees (the fixture's and four): shown.
    assert figures["employees"].value == 450


def test_a_figure_one_firm_dominates_is_hidden(zones):
    zone = computed_zone(zones)
    add_firms(zone, (5000, Decimal("90000000"), 80),
              *[(10, Decimal("1000000"), 80) for _n in range(5)])
    figures = by_name(zone)
    assert figures["exports_usd"].hidden
    assert figures["employees"].hidden
    assert figures["capacity_use_pct"].value == 80


def test_a_figure_no_firm_has_data_for_is_left_out(zones):
    zone = computed_zone(zones)
    assert set(by_name(zone)) == {"firms", "employees"}


def test_the_zones_entered_figures_come_first_and_the_rest_is_computed(zones):
    zone = zones.zone
    add_firms(zone, *[(100, None, None) for _n in range(5)])
    figures = by_name(zone)
    assert (figures["firms"].value, figures["firms"].source) == (341, SOURCE_ZONE)
    assert (figures["employees"].value, figures["employees"].source) == (550, SOURCE_FIRMS)


def test_the_zone_page_states_each_figures_source(client, zones, zone_site):
    add_firms(zones.zone, *[(100, Decimal("1000000"), 70) for _n in range(4)])
    url = zone_url(zones.zone, "en")
    with translation.override("en"):
        text = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The management's note is theirs, in Turkish: marked as such on the English page.
    assert ('Entered by the zone management: <span lang="tr">Bölge yönetimi, 2025</span> '
            '<small class="translation-fallback">(in Turkish)</small>') in text
    assert "Computed from 5 firms' records" in text
    assert "not published under the disclosure rule" in text
    # The four firms' exports (4,000,000) are not printed anywhere.
    assert "4,000,000" not in text and "4.000.000" not in text
    # A Persian reader counts the firms behind a figure in Persian digits, as every figure.
    with translation.override("fa"):
        persian = client.get(zone_url(zones.zone, "fa"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "سوابق ۵ بنگاه" in persian and "سوابق 5 بنگاه" not in persian

"""Zone figures and placements keep the programme's disclosure pattern from day to day:
published on day 1, one record changed, published on day 2, the two days' views solved
together (the τ-ARGUS-style audit of ``tests/disclosure``, knowing the day's change) recover
no cell hidden on either day; without the carried pattern the same audit recovers one."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fieldvisits.disclosure import Cell, Relation
from fieldvisits.models import DisclosurePattern
from fieldvisits.published import ALL
from tests.disclosure.audit import Published, audit, narrowest, too_narrow
from tests.factories import FirmFactory
from zones.models import Candidacy, Occupation, Vacancy, Zone, ZoneFirm
from zones.placements import MEASURE, placement_cells, published_placements
from zones.queries import (
    SOURCE_FIRMS,
    protected_zone_figures,
    zone_figure_cells,
    zone_figures,
)

from .conftest import make_seeker

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2026, 11, 10)
DAY_TWO = DAY_ONE + datetime.timedelta(days=1)


def at_noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def hire_in(zones, zone, occupation, day, seeker_number):
    firm = FirmFactory(program=zones.program, district=zone.district)
    ZoneFirm.objects.create(zone=zone, firm=firm)
    vacancy = Vacancy.objects.create(
        zone=zone, firm=firm, occupation=occupation, published=True,
        status=Vacancy.Status.FILLED, opened_at=at_noon(day - datetime.timedelta(days=20)),
        filled_at=at_noon(day))
    seeker = make_seeker(zones.program, f"seeker{seeker_number}@example.com",
                         occupations=[occupation])
    Candidacy.objects.create(vacancy=vacancy, job_seeker=seeker, proposed_by=zones.staff,
                             status=Candidacy.Status.HIRED, decided_at=at_noon(day))


def record_placements(published, view, figures, zone_key):
    published.record(view, (MEASURE, zone_key, ALL, ALL), "value", figures.placements.value)
    for month, cell in figures.by_month:
        published.record(view, (MEASURE, zone_key, str(month), ALL), "value", cell.value)
    for occupation, cell in figures.by_occupation:
        published.record(view, (MEASURE, zone_key, ALL, occupation.code), "value", cell.value)
    for zone, cell in figures.by_zone:
        published.record(view, (MEASURE, str(zone.pk), ALL, ALL), "value", cell.value)
    published.record(view, ("vacancies_filled", zone_key), "value",
                     figures.vacancies_filled.value)


def record_zone_figures(published, view, zone, day):
    for figure in zone_figures(zone, as_of=day):
        if figure.source != SOURCE_FIRMS or (figure.percent and not figure.hidden):
            continue  # the zone's own report, or an average (not a cell's value)
        published.record(view, (f"zone:{figure.name}", str(zone.pk)), "value", figure.value)


def day_views(zones, day, tag, published):
    """Every public view of the day (each zone's page, the employment agency's reading),
    recorded under keys tagged with the day."""
    class Tagged:
        def record(self, view, key, component, value):
            published.record(f"{view} {tag}", (tag, *key), component, value)

    for zone in (zones.zone, zones.other_zone):
        record_placements(Tagged(), "zone page", published_placements(
            zones.program, zone=zone, as_of=day), str(zone.pk))
        record_zone_figures(Tagged(), "zone page", zone, day)
    record_placements(Tagged(), "employment agency", published_placements(
        zones.program, as_of=day), ALL)


def raw_day(zones, day):
    cells, relations = placement_cells(zones.program, day)
    cells.update(zone_figure_cells(zones.program))
    return cells, relations


def both_days(first, second):
    """The cells and relations of both days, and the day's change an intruder knows
    (``second = first + change`` for every cell)."""
    (cells_one, relations_one), (cells_two, relations_two) = first, second
    cells, relations, change = {}, [], {}
    for tag, day_cells, day_relations in (("d1", cells_one, relations_one),
                                          ("d2", cells_two, relations_two)):
        cells.update({(tag, *key): cell for key, cell in day_cells.items()})
        relations += [Relation((tag, *relation.total), tuple((tag, *part)
                                                             for part in relation.parts),
                               relation.components) for relation in day_relations]
    for key in set(cells_one) | set(cells_two):
        magnitude = (cells_one.get(key) or cells_two.get(key)).total is not None
        empty = Cell(firms=0, total=0.0 if magnitude else None)
        one, two = cells_one.get(key, empty), cells_two.get(key, empty)
        cells.setdefault(("d1", *key), one)
        cells.setdefault(("d2", *key), two)
        change[key] = Cell(firms=two.firms - one.firms,
                           total=(two.total - one.total) if magnitude else None)
        cells[("change", *key)] = change[key]
        relations.append(Relation(("d2", *key), (("d1", *key), ("change", *key))))
    return cells, relations, change


def audit_two_days(zones, published, first, second):
    cells, relations, change = both_days(first, second)
    for key, cell in change.items():
        published.record("the day's change", ("change", *key), "value", cell.shown_value)
        if cell.total is not None:
            published.record("the day's change", ("change", *key), "firms", cell.firms)
    confidential = [key for key in cells if key[0] in ("d1", "d2")]
    return audit(zones.program, published, cells=cells, relations=relations,
                 confidential=confidential)


@pytest.fixture
def history(zones):
    """Day 1: İMES placed four welders (four firms) and six CNC operators (six firms);
    Dilovası's firms report their exports, four of them. Figures from firms' records."""
    cnc = Occupation.objects.get(code="7223")
    number = 0
    for occupation, count in ((zones.welder, 4), (cnc, 6)):
        for _index in range(count):
            number += 1
            hire_in(zones, zones.zone, occupation, DAY_ONE, number)
    Zone.objects.filter(pk=zones.other_zone.pk).update(figures_source=Zone.FiguresSource.FIRMS)
    zones.other_zone.refresh_from_db()
    zones.other_firm.export_value_usd = Decimal("1000000")
    zones.other_firm.save()
    for _index in range(3):
        firm = FirmFactory(program=zones.program, export_value_usd=Decimal("1100000"))
        ZoneFirm.objects.create(zone=zones.other_zone, firm=firm)
    return zones


def change_one_record(zones):
    """Day 2: a fifth firm of İMES hires a welder."""
    hire_in(zones, zones.zone, zones.welder, DAY_TWO, 99)


def welders_of_imes(zones):
    return ("placements", str(zones.zone.pk), ALL, zones.welder.code)


def test_a_placement_cell_hidden_on_day_one_is_not_recovered_on_day_two(history):
    zones = history
    published = Published()
    day_views(zones, DAY_ONE, "d1", published)
    first = raw_day(zones, DAY_ONE)
    assert (("d1", *welders_of_imes(zones)), "value") in published.hidden
    change_one_record(zones)
    day_views(zones, DAY_TWO, "d2", published)
    second = raw_day(zones, DAY_TWO)
    # Five welders' firms now: alone, the rule would show the cell; the pattern keeps it.
    assert second[0][welders_of_imes(zones)].firms == 5
    assert (("d2", *welders_of_imes(zones)), "value") in published.hidden
    findings = audit_two_days(zones, published, first, second)
    assert any(finding.key == ("d1", *welders_of_imes(zones)) for finding in findings)
    exposed = too_narrow(findings)
    assert exposed == [], (narrowest(findings), exposed[:5])


def test_without_the_carried_pattern_day_two_gives_day_one_away(history):
    zones = history
    published = Published()
    day_views(zones, DAY_ONE, "d1", published)
    first = raw_day(zones, DAY_ONE)
    change_one_record(zones)
    DisclosurePattern.objects.filter(program=zones.program).delete()
    day_views(zones, DAY_TWO, "d2", published)
    findings = audit_two_days(zones, published, first, raw_day(zones, DAY_TWO))
    recovered = {finding.key for finding in too_narrow(findings)}
    assert ("d1", *welders_of_imes(zones)) in recovered


def test_a_zone_figure_hidden_on_day_one_is_not_recovered_on_day_two(history):
    zones = history
    exports = ("zone:exports_usd", str(zones.other_zone.pk))
    published = Published()
    day_views(zones, DAY_ONE, "d1", published)
    first = raw_day(zones, DAY_ONE)
    assert (("d1", *exports), "value") in published.hidden
    firm = FirmFactory(program=zones.program, export_value_usd=Decimal("900000"))
    ZoneFirm.objects.create(zone=zones.other_zone, firm=firm)
    day_views(zones, DAY_TWO, "d2", published)
    second = raw_day(zones, DAY_TWO)
    assert second[0][exports].firms == 5
    assert (("d2", *exports), "value") in published.hidden
    findings = audit_two_days(zones, published, first, second)
    assert too_narrow(findings) == []


def test_the_zone_figures_pattern_is_kept_with_the_programmes(history):
    zones = history
    hidden = {key for key, cell in protected_zone_figures(zones.program, DAY_ONE).items()
              if cell.hidden}
    pattern = DisclosurePattern.objects.get(program=zones.program, as_of=DAY_ONE)
    assert ("zone:exports_usd", str(zones.other_zone.pk)) in hidden
    assert "zone:exports_usd\x1f" + str(zones.other_zone.pk) in pattern.hidden

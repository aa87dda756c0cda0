"""Workforce needs: equal to hand counts, approved visits only, disclosure for readers
outside the programme office, totals across programmes, constant number of queries."""

import pytest

from fieldvisits.disclosure import PRIMARY_THRESHOLD
from fieldvisits.published import ALL, protected_set
from fieldvisits.workforce import (
    reader_programs,
    turkish_order,
    workforce_needs,
    workforce_totals_by_program,
)
from tests.fieldvisits.workforce_data import (
    KOCASINAN,
    MACHINING,
    TALAS,
    build_workforce_data,
    hand_counts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(personas):
    return build_workforce_data(personas)


def _figures(needs):
    return {key: (figure.people, figure.firms) for key, figure in needs.cells.items()}


@pytest.mark.parametrize("by", ["district", "sector"])
def test_cells_equal_hand_counts(data, by):
    needs = workforce_needs(data.program, by=by)
    assert _figures(needs) == hand_counts([data.program], group=by)


def test_occupation_totals_equal_hand_counts(data):
    needs = workforce_needs(data.program)
    expected = hand_counts([data.program])
    assert {key: value for key, value in _figures(needs).items() if value != (0, 0)} == expected
    # 6 firms in Kocasinan need 2 or 3, 5 in Melikgazi and 4 in Talas need 2 each.
    assert needs.occupation_totals["cnc_operator"].people == 15 + 10 + 8
    assert needs.occupation_totals["cnc_operator"].firms == 15
    assert needs.total == 33 + 15


def test_a_submitted_visit_and_an_earlier_visit_of_the_same_firm_do_not_count(data):
    kocasinan = workforce_needs(data.program, by="district").cell("cnc_operator", KOCASINAN)
    assert (kocasinan.people, kocasinan.firms) == (15, 6)


def test_a_district_of_four_firms_is_hidden_under_the_disclosure_rule(data):
    needs = workforce_needs(data.program, by="district", disclose=True)
    talas = needs.cell("cnc_operator", TALAS)
    assert talas.hidden and talas.firms is None
    cell = protected_set(data.program).cells["workforce", "cnc_operator", ALL, TALAS]
    assert cell.reason == PRIMARY_THRESHOLD
    # The occupation total is published, so a second district goes too.
    hidden = [group for group in needs.groups if needs.cell("cnc_operator", group).hidden]
    assert TALAS in hidden and len(hidden) >= 2
    assert needs.occupation_totals["cnc_operator"].people == 33


def test_the_same_district_is_shown_exactly_without_disclosure(data):
    talas = workforce_needs(data.program, by="district").cell("cnc_operator", TALAS)
    assert (talas.people, talas.firms, talas.hidden) == (8, 4, False)


def test_narrowing_to_a_sector_counts_only_its_firms(data):
    needs = workforce_needs(data.program, by="district", sector=MACHINING,
                            occupation="cnc_operator")
    assert needs.groups == [KOCASINAN]
    assert needs.rows() == [
        {"occupation": "CNC operator", "group": KOCASINAN, "people": 15, "firms": 6,
         "hidden": ""},
        {"occupation": "CNC operator", "group": "Total", "people": 15, "firms": 6, "hidden": ""},
    ]


def test_districts_follow_the_turkish_alphabet():
    names = ["Özvatan", "İncesu", "Hacılar", "Melikgazi", "Develi", "Sarız", "Şeker"]
    assert sorted(names, key=turkish_order) == [
        "Develi", "Hacılar", "İncesu", "Melikgazi", "Özvatan", "Sarız", "Şeker"]


def test_totals_across_programmes(data):
    totals = workforce_totals_by_program([data.program, data.other_program.pk])
    assert totals["programs"][data.program.pk]["cnc_operator"] == 33
    assert totals["programs"][data.other_program.pk]["cnc_operator"] == 20
    assert totals["programs"][data.other_program.pk]["welder"] == 0
    assert totals["total"]["cnc_operator"] == 53
    assert totals["total"]["turner"] == 5
    hand = hand_counts([data.program, data.other_program], group="program")
    assert totals["people"] == sum(people for people, _firms in hand.values())


def test_totals_across_programmes_under_disclosure_hide_a_small_programme(data, personas):
    totals = workforce_totals_by_program([data.program, data.other_program], disclose=True)
    # Five firms of the other programme need a turner, one each: shown.
    assert totals["programs"][data.other_program.pk]["turner"] == 5
    assert totals["programs"][data.program.pk]["cnc_operator"] == 33


def test_the_employment_agency_focal_point_reads_under_the_rule(data, personas):
    exact, protected = reader_programs(data.iskur_focal_point)
    assert list(exact) == [] and list(protected) == [data.program]
    exact, protected = reader_programs(personas.coordinator)
    assert list(exact) == [data.program] and list(protected) == []
    exact, protected = reader_programs(personas.focal_point)
    assert list(exact) == [] and list(protected) == []


@pytest.mark.parametrize("scale", [1, 4])
def test_queries_do_not_grow_with_firms(personas, scale, django_assert_max_num_queries):
    data = build_workforce_data(personas, scale=scale)
    programs = type(data.program).objects.filter(pk__in=[data.program.pk, data.other_program.pk])
    with django_assert_max_num_queries(160):
        workforce_totals_by_program(programs, disclose=True)
    with django_assert_max_num_queries(2):
        needs = workforce_needs(data.program, by="district", disclose=True)
    assert needs.occupation_totals["welder"].firms == 11 * scale + 4
    with django_assert_max_num_queries(3):
        totals = workforce_totals_by_program(programs, disclose=True)
    assert totals["total"]["turner"] == 5 * scale


def test_the_statistics_breakdowns_read_one_protected_table(personas,
                                                            django_assert_max_num_queries):
    data = build_workforce_data(personas, scale=1)
    workforce_needs(data.program, by="occupation", disclose=True)
    with django_assert_max_num_queries(2):
        by_district = workforce_needs(data.program, by="district", disclose=True)
        by_sector = workforce_needs(data.program, by="sector", disclose=True)
    assert by_district.occupation_totals == by_sector.occupation_totals
    assert by_district.total == by_sector.total

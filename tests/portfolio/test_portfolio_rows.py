"""The portfolio rows: who sees which programme, what each row says, and a query count
that does not grow with the number of programmes."""

from decimal import Decimal

import pytest
from django.utils import translation

from clusters.models import SupportDelivery
from portfolio.admin_views import export_row
from portfolio.queries import portfolio
from tests.clusters.factories import ClusterFactory
from tests.factories import ProgramFactory
from tests.portfolio.conftest import TODAY, fill_programme, make_programmes
from tracker.models import PhaseStatus

pytestmark = pytest.mark.django_db


def _provinces(figures):
    return [row.province for row in figures["rows"]]


def test_national_coordinator_sees_every_programme(personas, national):
    make_programmes(3)
    figures = portfolio(national, TODAY)
    assert len(figures["rows"]) == 5  # the personas' two programmes and these three
    assert {"Gaziantep", "Kayseri", "Konya"} <= set(_provinces(figures))


def test_programme_coordinator_sees_only_their_programme(personas):
    make_programmes(3)
    figures = portfolio(personas.coordinator, TODAY)
    assert [row.program for row in figures["rows"]] == [personas.program]


def test_focal_points_and_agents_have_no_portfolio(personas):
    make_programmes(1)
    assert portfolio(personas.focal_point, TODAY)["rows"] == []
    assert portfolio(personas.agent1, TODAY)["rows"] == []


def test_a_row_carries_phase_coverage_indicators_and_overdue_tasks(personas):
    fill_programme(personas.program, firms=4, assessed=3, visits_done=2, overdue=2)
    [row] = portfolio(personas.coordinator, TODAY)["rows"]
    assert row.phase["status"] == PhaseStatus.AT_RISK
    assert str(row.phase["reason"]) == "1 milestone overdue"
    assert (row.firms_assessed, row.firms_target, row.visits_completed) == (3, 2000, 2)
    assert row.indicators_on_target == 0 and row.indicators_judged == 1
    assert row.overdue_total == 2
    assert row.overdue[0]["institution"] == f"KTO-{personas.program.pk}"
    assert row.stages["completed"] == 1 and row.stages["dropped"] == 1
    assert [stage.reached for stage in row.funnel] == [4, 3, 2, 1, 1, 1]


def test_the_national_funnel_adds_up_every_programme(personas, national):
    make_programmes(6)
    figures = portfolio(national, TODAY)
    funnel = {row.stage: row.reached for row in figures["funnel"]}
    assert funnel["identified"] == 24 and funnel["completed"] == 6
    assert dict((stage, count) for stage, _label, count
                in figures["totals"]["stage_cells"])["dropped"] == 6


def test_the_export_line_speaks_turkish(personas):
    fill_programme(personas.program, firms=3, assessed=3, visits_done=1)
    personas.program.target_firms_assessed = 4
    personas.program.save()
    with translation.override("tr"):
        [row] = portfolio(personas.coordinator, TODAY)["rows"]
        line = export_row(row)
    assert line["firms_share"] == "%75"
    assert line["phase_status"] == "Risk altında"
    assert "3.751" in line["indicators"] and "4.200" in line["indicators"]


@pytest.mark.parametrize("count", [1, 10])
def test_query_count_does_not_grow_with_programmes(personas, national, count,
                                                   django_assert_num_queries):
    make_programmes(count)
    # programmes, phases, their milestone counts, summaries (firms assessed, visits
    # completed), indicators with their targets, their values, overdue tasks, cluster
    # stages, funnel, support amounts
    with django_assert_num_queries(10):
        figures = portfolio(national, TODAY)
        [row.phase for row in figures["rows"]]
    assert len(figures["rows"]) == count + 2


def test_support_totals_are_per_currency_beside_each_programme(personas, national):
    qom = ProgramFactory(province="قم", currency="IRR")
    budget = SupportDelivery.Kind.CONSORTIUM_BUDGET
    for program, amount in ((personas.program, "1500000"), (qom, "3000000000"),
                            (qom, "400000000")):
        SupportDelivery.objects.create(cluster=ClusterFactory(program=program), kind=budget,
                                       title="Konsorsiyum", amount=Decimal(amount),
                                       delivered_on=TODAY)
    with translation.override("en"):
        figures = portfolio(national, TODAY)
        texts = {row.program.pk: row.support_text for row in figures["rows"]}
    assert texts[qom.pk] == "IRR 3,400,000,000"
    assert texts[personas.program.pk] == "TRY 1,500,000.00"
    assert figures["totals"]["support"] == ["TRY 1,500,000.00", "IRR 3,400,000,000"]
    line = export_row(next(row for row in figures["rows"] if row.program == qom))
    assert (line["support_amount"], line["currency"]) == (Decimal("3400000000"), "IRR")


def test_totals_name_the_countries_they_add_across(personas, national):
    ProgramFactory(province="قم", country="IR", currency="IRR")
    with translation.override("en"):
        figures = portfolio(national, TODAY)
    assert figures["totals"]["countries"] == ["Türkiye", "Iran"]
    with translation.override("en"):
        assert portfolio(personas.coordinator, TODAY)["totals"]["countries"] == ["Türkiye"]

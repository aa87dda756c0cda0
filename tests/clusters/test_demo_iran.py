"""The Qom cluster programme of Iran's small-industries and industrial-parks organisation:
in rials, its six clusters along the funnel, its parks, the national funnel as its
baseline, and its support kept apart from the Turkish lira in every total."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from clusters.demo import seed_cluster_pilots
from clusters.demo_iran import seed_qom_programme
from clusters.models import Cluster, ClusterEvent, SupportDelivery
from clusters.queries import funnel, support_totals
from core.money import format_money
from tests.factories import UserFactory
from tests.scoped_data import rows_for_scope
from tracker.models import Indicator, PlanVersion, Program
from zones.models import Zone

TODAY = datetime.date(2026, 11, 23)
K = SupportDelivery.Kind


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The pilots and the Qom programme, seeded once by one coordinator for the tests that
    read them (tests/scoped_data.py): (pilots, Qom, its clusters)."""

    def seed():
        user = UserFactory()
        pilots = seed_cluster_pilots(TODAY, by=user)
        qom, clusters = seed_qom_programme(TODAY, by=user)
        return [p.pk for p in pilots], qom.pk, [c.pk for c in clusters]

    with rows_for_scope(django_db_blocker, seed) as keys:
        yield keys


@pytest.fixture
def qom(seeded, db):
    """This test's own copies of the Qom programme and its clusters."""
    _pilots, program, clusters = seeded
    return Program.objects.get(pk=program), list(Cluster.objects.filter(pk__in=clusters))


@pytest.mark.django_db
def test_qom_programme_is_in_rials_with_six_clusters_and_three_parks(qom):
    program, clusters = qom
    assert program.currency == "IRR"
    assert len(clusters) == 6
    assert {cluster.name_fa for cluster in clusters} >= {
        "خوشه مبلمان قم", "خوشه کفش قم", "خوشه سنگ ساختمانی قم", "خوشه سوهان قم"}
    # Every reader's language has the names: no page falls back for them.
    assert all(cluster.name_tr and cluster.name_en for cluster in clusters)
    with translation.override("fa"):
        assert not any(cluster.name.fallback for cluster in clusters)
    with translation.override("en"):
        assert "Qom furniture cluster" in {cluster.name for cluster in clusters}
    assert set(Zone.objects.filter(program=program).values_list("slug", flat=True)) == {
        "shokouhieh", "mahmudabad", "salafchegan"}
    reached = {row.stage: row.reached for row in funnel([program])}
    assert (reached["identified"], reached["selected"], reached["completed"]) == (6, 5, 1)
    assert PlanVersion.objects.current(program) is not None


@pytest.mark.django_db
def test_national_funnel_is_the_baseline(qom):
    program, _clusters = qom
    baseline = dict(Indicator.objects.filter(program=program)
                    .values_list("name_en", "baseline_value"))
    assert baseline == {"Clusters identified nationally": Decimal("389"),
                        "Clusters completed nationally": Decimal("68")}


@pytest.mark.django_db
def test_consortium_budgets_and_fair_discount_in_rials(qom):
    program, _clusters = qom
    budgets = SupportDelivery.objects.filter(cluster__program=program,
                                             kind=K.CONSORTIUM_BUDGET)
    assert max(budgets.values_list("amount", flat=True)) == Decimal("3000000000")
    biggest = budgets.order_by("-amount").first()
    with translation.override("fa"):
        assert biggest.get_amount_display() == "۳٬۰۰۰٬۰۰۰٬۰۰۰ ریال"
    assert SupportDelivery.objects.filter(cluster__program=program,
                                          kind=K.TRADE_FAIR_DISCOUNT,
                                          title_fa__contains="۵۰ درصدی").count() == 2


@pytest.mark.django_db
def test_rials_and_liras_stay_apart_in_the_national_totals(seeded, qom):
    pilots = list(Program.objects.filter(pk__in=seeded[0]))
    qom, _clusters = qom
    budget = support_totals([*pilots, qom])["national"][K.CONSORTIUM_BUDGET]["amounts"]
    rials = sum(SupportDelivery.objects.filter(cluster__program=qom, kind=K.CONSORTIUM_BUDGET)
                .values_list("amount", flat=True))
    liras = sum(SupportDelivery.objects.filter(cluster__program__in=pilots,
                                               kind=K.CONSORTIUM_BUDGET)
                .values_list("amount", flat=True))
    assert budget == {"IRR": rials, "TRY": liras}
    assert format_money(budget["IRR"], "IRR", "en") == "IRR 5,400,000,000"


@pytest.mark.django_db
def test_seeding_qom_twice_adds_nothing():
    user = UserFactory()
    seed_qom_programme(TODAY, by=user)
    models = (Program, Cluster, ClusterEvent, SupportDelivery, Indicator, Zone)
    first = {model.__name__: model.objects.count() for model in models}
    seed_qom_programme(TODAY, by=user)
    assert {model.__name__: model.objects.count() for model in models} == first

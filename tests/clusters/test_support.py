"""Support delivered to clusters adds up per programme and nationally; the financing
pipeline moves proposed → admitted → final stages, or is withdrawn with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clusters.models import FinancingApplication, SupportDelivery
from clusters.queries import support_totals
from core.workflow import IllegalMove
from tests.clusters.factories import ClusterFactory
from tests.factories import FirmFactory, InstitutionFactory, ProgramFactory, UserFactory

K = SupportDelivery.Kind
DAY = datetime.date(2026, 9, 1)


def deliver(cluster, kind, amount=None, places=None):
    return SupportDelivery.objects.create(cluster=cluster, kind=kind, title="Destek",
                                          amount=amount, places=places, delivered_on=DAY)


def apply(cluster):
    return FinancingApplication.objects.create(
        cluster=cluster, firm=FirmFactory(program=cluster.program), instrument="Eximbank")


@pytest.mark.django_db
def test_totals_per_programme_and_national_equal_direct_sums():
    corum, samsun = ProgramFactory(province="Çorum"), ProgramFactory(province="Samsun")
    a, b = ClusterFactory(program=corum), ClusterFactory(program=corum)
    c = ClusterFactory(program=samsun)
    deliver(a, K.CONSORTIUM_BUDGET, Decimal("1000000.50"))
    deliver(b, K.CONSORTIUM_BUDGET, Decimal("250000"))
    deliver(c, K.CONSORTIUM_BUDGET, Decimal("40000"))
    deliver(a, K.TRAINING_PLACES, places=20)
    deliver(c, K.TRAINING_PLACES, places=5)
    totals = support_totals([corum, samsun])
    assert totals["by_program"][corum.pk][K.CONSORTIUM_BUDGET] == {
        "deliveries": 2, "amounts": {"TRY": Decimal("1250000.50")}, "places": 0}
    assert totals["by_program"][samsun.pk][K.TRAINING_PLACES]["places"] == 5
    assert totals["national"][K.CONSORTIUM_BUDGET]["amounts"] == {"TRY": Decimal("1290000.50")}
    assert totals["national"][K.TRAINING_PLACES]["places"] == 25
    assert totals["national"][K.SHARED_BRAND]["deliveries"] == 0


@pytest.mark.django_db
def test_financing_pipeline_counts_per_stage():
    user = UserFactory()
    program = ProgramFactory()
    cluster = ClusterFactory(program=program)
    proposed, admitted, final = apply(cluster), apply(cluster), apply(cluster)
    admitted.admit(by=user)
    final.admit(by=user)
    final.reach_final_stages(by=user)
    totals = support_totals([program])["financing"]
    assert totals["by_program"][program.pk] == {
        "proposed": 1, "admitted": 1, "final_stages": 1, "withdrawn": 0}
    assert totals["national"]["proposed"] == 1
    assert proposed.stage == "proposed"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_support_totals_take_two_queries(size, django_assert_num_queries):
    programs = [ProgramFactory() for _ in range(size)]
    for program in programs:
        cluster = ClusterFactory(program=program)
        deliver(cluster, K.SHARED_BRAND, Decimal("100"))
        apply(cluster)
    with django_assert_num_queries(2):
        totals = support_totals(programs)
    assert totals["national"][K.SHARED_BRAND]["amounts"] == {"TRY": Decimal("100") * size}


@pytest.mark.django_db
def test_withdrawal_needs_a_reason():
    application = apply(ClusterFactory())
    with pytest.raises(IllegalMove, match="Give a reason for the withdrawal."):
        application.withdraw(by=UserFactory(), reason="")
    application.refresh_from_db()
    assert application.stage == "proposed"


@pytest.mark.django_db
def test_final_stages_come_after_admission():
    application = apply(ClusterFactory())
    with pytest.raises(IllegalMove, match="“Proposed” cannot become “In final stages”"):
        application.reach_final_stages(by=UserFactory())


@pytest.mark.django_db
def test_a_delivery_needs_an_amount_or_places():
    delivery = SupportDelivery(cluster=ClusterFactory(), kind=K.SHARED_BRAND, title="Marka",
                               delivered_on=DAY)
    with pytest.raises(ValidationError, match="Give an amount, a number of places or both."):
        delivery.full_clean()


@pytest.mark.django_db
def test_a_provider_of_another_programme_is_refused():
    delivery = SupportDelivery(cluster=ClusterFactory(), kind=K.SHARED_BRAND, title="Marka",
                               delivered_on=DAY, amount=Decimal("1"),
                               provider=InstitutionFactory(program=ProgramFactory()))
    with pytest.raises(ValidationError, match="The institution belongs to another programme"):
        delivery.full_clean()


@pytest.mark.django_db
def test_national_totals_keep_each_currency_apart():
    corum = ProgramFactory(province="Çorum")
    qom = ProgramFactory(province="Qom", currency="IRR")
    deliver(ClusterFactory(program=corum), K.CONSORTIUM_BUDGET, Decimal("1500000"))
    deliver(ClusterFactory(program=qom), K.CONSORTIUM_BUDGET, Decimal("3000000000"))
    deliver(ClusterFactory(program=qom), K.CONSORTIUM_BUDGET, Decimal("1000000000"))
    totals = support_totals([corum, qom])
    assert totals["national"][K.CONSORTIUM_BUDGET]["amounts"] == {
        "TRY": Decimal("1500000"), "IRR": Decimal("4000000000")}
    assert totals["by_program"][qom.pk][K.CONSORTIUM_BUDGET]["amounts"] == {
        "IRR": Decimal("4000000000")}


@pytest.mark.django_db
def test_a_delivery_reads_in_its_programmes_currency():
    qom = ProgramFactory(province="Qom", currency="IRR")
    delivery = deliver(ClusterFactory(program=qom), K.CONSORTIUM_BUDGET, Decimal("3000000000"))
    with translation.override("fa"):
        assert delivery.get_amount_display() == "۳٬۰۰۰٬۰۰۰٬۰۰۰ ریال"
    with translation.override("en"):
        assert delivery.get_amount_display() == "IRR 3,000,000,000"


@pytest.mark.django_db
def test_a_programme_with_amounts_keeps_its_currency():
    program = ProgramFactory()
    deliver(ClusterFactory(program=program), K.SHARED_BRAND, Decimal("100"))
    program.currency = "IRR"
    with pytest.raises(ValidationError, match="Amounts are already recorded"):
        program.full_clean()
    program.refresh_from_db()
    assert program.currency == "TRY"

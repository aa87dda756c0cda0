"""The cluster demo seeds the five pilots and Kayseri's candidates once; a second run adds
nothing."""

import datetime

import pytest

from clusters.demo import seed_cluster_pilots, seed_kayseri_clusters
from clusters.models import (
    Cluster,
    ClusterEvent,
    ClusterInformationCentre,
    ClusterMember,
    CriterionScore,
    FinancingApplication,
    Opinion,
    SupportDelivery,
)
from clusters.queries import funnel
from fieldvisits.validators import is_valid_vkn
from tests.factories import FirmFactory, UserFactory
from tests.scoped_data import rows_for_scope
from tracker.demo import seed_program
from tracker.models import Action, Institution, Program

TODAY = datetime.date(2026, 11, 23)
MODELS = (Program, Institution, Cluster, ClusterEvent, ClusterInformationCentre, ClusterMember,
          CriterionScore, Opinion, SupportDelivery, FinancingApplication, Action)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_seeding_twice_adds_nothing():
    user = UserFactory(username="coordinator")
    kayseri = seed_program()
    FirmFactory.create_batch(3, program=kayseri, nace_code="31.09")
    seed_cluster_pilots(TODAY, by=user)
    seed_kayseri_clusters(kayseri, TODAY, by=user)
    first = counts()
    seed_cluster_pilots(TODAY, by=user)
    seed_kayseri_clusters(kayseri, TODAY, by=user)
    assert counts() == first
    assert first["Cluster"] == 15


@pytest.fixture(scope="module")
def pilots(django_db_setup, django_db_blocker):
    """The five pilots, seeded once for the tests that read them (tests/scoped_data.py)."""
    with rows_for_scope(django_db_blocker,
                        lambda: seed_cluster_pilots(TODAY, by=UserFactory())) as programs:
        yield programs


@pytest.mark.django_db
def test_pilots_are_the_five_provinces_with_hosts_and_centres(pilots):
    programs = [Program.objects.get(pk=program.pk) for program in pilots]
    assert sorted(p.province for p in programs) == [
        "Gaziantep", "Kahramanmaraş", "Samsun", "Trabzon", "Çorum"]
    hosts = set(ClusterInformationCentre.objects.values_list("host__short_name", flat=True))
    assert hosts == {"Çorum TSO", "GAİB", "Kahramanmaraş TSO", "Samsun TSO", "Trabzon TSO"}
    assert all(centre.staff.exists() for centre in ClusterInformationCentre.objects.all())
    assert all(is_valid_vkn(vkn) for vkn in
               ClusterMember.objects.values_list("firm__tax_number", flat=True))
    rows = {row.stage: row.reached for row in funnel(programs)}
    assert rows["identified"] == 12
    assert rows["completed"] == 1
    assert Cluster.objects.filter(stage=Cluster.Stage.DROPPED).exclude(
        dropped_reason="").count() == 2


@pytest.mark.django_db
def test_pilots_have_a_roadmap_that_compares_across_provinces(pilots):
    programs = {p.province: p for p in Program.objects.filter(pk__in=[p.pk for p in pilots])}
    for program in programs.values():
        assert list(program.phases.order_by("order").values_list("name_tr", flat=True)) == [
            "Analiz ve seçim", "Eylem planı ve uygulama", "Değerlendirme"]
    # The second year is under way on the demo day; a pilot five months behind has
    # missed a milestone that one a month ahead has done.
    ahead = programs["Gaziantep"].phases.get(order=2)
    behind = programs["Trabzon"].phases.get(order=2)
    assert ahead.milestones.filter(done_date__isnull=True, due_date__lt=TODAY).count() == 0
    assert behind.milestones.filter(done_date__isnull=True, due_date__lt=TODAY).count() == 1
    assert ahead.status(TODAY)[0] != behind.status(TODAY)[0]

"""Who sees and changes clusters: the programme's coordinators, supervisors and focal
points read; coordinators write; member firms and the financing pipeline (firm-level)
stay with coordinators and supervisors; another programme's coordinator sees nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from clusters.models import (
    Cluster,
    ClusterEvent,
    ClusterInformationCentre,
    ClusterMember,
    ConsultationMeeting,
    CriterionScore,
    FinancingApplication,
    FinancingEvent,
    Opinion,
    SupportDelivery,
)
from tests.clusters.factories import ClusterFactory, move_to
from tests.factories import FirmFactory
from tracker.access import acting_with


@pytest.fixture
def rows(personas):
    program = personas.program
    cluster = ClusterFactory(program=program, name="Mobilya Kümesi")
    move_to(cluster, Cluster.Stage.ANALYSED, by=personas.coordinator)
    firm = FirmFactory(program=program, trade_name="Gizli Mobilya A.Ş.")
    cluster.members.add(firm)
    ClusterInformationCentre.objects.create(program=program, host=personas.kto,
                                            name="Kayseri KBM", address="Kocasinan")
    meeting = ConsultationMeeting.objects.create(program=program, title="İstişare",
                                                 date=datetime.date(2026, 5, 1), place="KTO")
    Opinion.objects.create(meeting=meeting, institution=personas.kto, cluster=cluster,
                           stance=Opinion.Stance.SUPPORT)
    SupportDelivery.objects.create(cluster=cluster, kind=SupportDelivery.Kind.SHARED_BRAND,
                                   title="Marka", amount=Decimal("1000"),
                                   delivered_on=datetime.date(2026, 6, 1))
    FinancingApplication.objects.create(cluster=cluster, firm=firm, instrument="Eximbank").admit(
        by=personas.coordinator)
    return cluster


PROGRAMME_ROWS = [Cluster, ClusterInformationCentre, ConsultationMeeting, Opinion,
                  SupportDelivery, CriterionScore, ClusterEvent]
FIRM_LEVEL_ROWS = [ClusterMember, FinancingApplication, FinancingEvent]


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROGRAMME_ROWS + FIRM_LEVEL_ROWS, ids=lambda m: m.__name__)
def test_a_coordinator_of_another_programme_sees_nothing(personas, rows, model):
    assert model.objects.count() > 0
    assert model.objects.for_user(personas.outsider_coordinator).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROGRAMME_ROWS, ids=lambda m: m.__name__)
def test_focal_points_and_supervisors_read_the_programmes_clusters(personas, rows, model):
    for user in (personas.focal_point, personas.supervisor, personas.coordinator):
        assert model.objects.for_user(user).count() == model.objects.count()
    assert model.objects.for_user(personas.agent1).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("model", FIRM_LEVEL_ROWS, ids=lambda m: m.__name__)
def test_firm_level_rows_stay_with_coordinators_and_supervisors(personas, rows, model):
    assert model.objects.for_user(personas.focal_point).count() == 0
    assert model.objects.for_user(personas.supervisor).count() == 1
    assert model.objects.for_user(personas.coordinator).count() == 1


@pytest.mark.django_db
def test_only_coordinators_write(personas, rows):
    with acting_with("clusters.change_cluster"):
        assert Cluster.objects.for_user(personas.coordinator).count() == 1
        assert Cluster.objects.for_user(personas.focal_point).count() == 0
        assert Cluster.objects.for_user(personas.supervisor).count() == 0


@pytest.mark.django_db
def test_one_opinion_per_institution_cluster_and_meeting(personas, rows):
    opinion = Opinion.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.create(meeting=opinion.meeting, institution=opinion.institution,
                               cluster=opinion.cluster, stance=Opinion.Stance.OBJECT)
    Opinion.objects.create(meeting=opinion.meeting, institution=personas.other_institution,
                           cluster=opinion.cluster, stance=Opinion.Stance.OBJECT)
    assert Opinion.objects.count() == 2

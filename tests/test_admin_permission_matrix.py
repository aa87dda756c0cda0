"""Every admin listing and inspect view of the foundation, for every role."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from clusters.models import (
    Cluster,
    ClusterInformationCentre,
    ConsultationMeeting,
    FinancingApplication,
    SupportDelivery,
)
from tests.access import assert_access, assert_allowed, assert_denied, national_coordinator
from tests.conftest import make_personas
from tests.directory.factories import EnquiryFactory, ListingFactory
from tests.factories import FirmFactory, MilestoneFactory, PhaseFactory, VisitFactory
from tests.scoped_data import copied_fixtures, rows_for_scope

# viewset name → roles that may read its listing
LISTINGS = {
    "programs": {"coordinator", "supervisor", "kto", "other_focal_point", "outsider_coordinator"},
    "phases": {"coordinator", "supervisor", "kto", "other_focal_point", "outsider_coordinator"},
    "milestones": {"coordinator", "supervisor", "kto", "other_focal_point",
                   "outsider_coordinator"},
    "institutions": {"coordinator", "supervisor", "kto", "other_focal_point",
                     "outsider_coordinator"},
    "firms": {"coordinator", "supervisor", "outsider_coordinator"},
    "visits": {"coordinator", "supervisor", "outsider_coordinator"},
    "clusters": {"coordinator", "supervisor", "kto", "other_focal_point",
                 "outsider_coordinator"},
    "cluster_centres": {"coordinator", "supervisor", "kto", "other_focal_point",
                        "outsider_coordinator"},
    "cluster_meetings": {"coordinator", "supervisor", "kto", "other_focal_point",
                         "outsider_coordinator"},
    "cluster_support": {"coordinator", "supervisor", "kto", "other_focal_point",
                        "outsider_coordinator"},
    # Focal points open the listing but see no row: which firm asked is firm-level data.
    "cluster_financing": {"coordinator", "supervisor", "kto", "other_focal_point",
                          "outsider_coordinator"},
    "directory_listings": {"coordinator", "supervisor", "outsider_coordinator"},
    "directory_enquiries": {"coordinator", "supervisor", "outsider_coordinator"},
}
# viewset name → may the national coordinator (no membership) read its listing and rows
NATIONAL = {"programs": True, "phases": True, "milestones": True, "institutions": True,
            "firms": False, "visits": False, "clusters": True, "cluster_centres": False,
            "cluster_meetings": False, "cluster_support": False, "cluster_financing": False}
# viewset name → roles that may inspect a row of the personas' programme
INSPECT = {
    "programs": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "phases": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "milestones": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "institutions": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "firms": {"coordinator", "supervisor"},
    "visits": {"coordinator", "supervisor"},
    "clusters": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "cluster_centres": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "cluster_meetings": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "cluster_support": {"coordinator", "supervisor", "kto", "other_focal_point"},
    "cluster_financing": {"coordinator", "supervisor"},
    "directory_listings": {"coordinator", "supervisor"},
    "directory_enquiries": {"coordinator", "supervisor"},
}


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """The personas and one row of every viewset, built once for the module: every test
    here reads them (what one writes is rolled back after it, tests/scoped_data.py)."""
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        return SimpleNamespace(groups=groups, personas=personas, rows=make_rows(personas))

    with rows_for_scope(django_db_blocker, build) as rows:
        yield rows


globals().update(copied_fixtures(role_groups="groups", personas="personas", rows="rows"))


def make_rows(personas):
    phase = PhaseFactory(program=personas.program, order=1)
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    listing = ListingFactory(firm=FirmFactory(program=personas.program),
                             recorded_by=personas.coordinator)
    return {
        "programs": personas.program,
        "phases": phase,
        "milestones": MilestoneFactory(phase=phase),
        "institutions": personas.kto,
        "firms": visit.firm,
        "visits": visit,
        "directory_listings": listing,
        "directory_enquiries": EnquiryFactory(program=personas.program,
                                              requested_listing=listing),
        **cluster_rows(personas, visit.firm),
    }


def cluster_rows(personas, firm):
    cluster = Cluster.objects.create(program=personas.program, name="Mobilya", nace_codes="31.09")
    return {
        "clusters": cluster,
        "cluster_centres": ClusterInformationCentre.objects.create(
            program=personas.program, host=personas.kto, name="KBM", address="Kocasinan"),
        "cluster_meetings": ConsultationMeeting.objects.create(
            program=personas.program, title="İstişare", date=datetime.date(2026, 5, 1),
            place="KTO"),
        "cluster_support": SupportDelivery.objects.create(
            cluster=cluster, kind="training_places", title="Eğitim", places=10,
            delivered_on=datetime.date(2026, 6, 1)),
        "cluster_financing": FinancingApplication.objects.create(
            cluster=cluster, firm=firm, instrument="Eximbank"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(LISTINGS))
def test_listing_for_every_role(client, personas, rows, viewset):
    assert_access(client, personas, reverse(f"{viewset}:index"), LISTINGS[viewset])


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(INSPECT))
def test_inspect_for_every_role(client, personas, rows, viewset):
    url = reverse(f"{viewset}:inspect", args=[rows[viewset].pk])
    assert_access(client, personas, url, INSPECT[viewset])


@pytest.mark.django_db
def test_outsider_coordinator_sees_none_of_another_programmes_rows(client, personas, rows):
    FirmFactory(program=personas.other_program, trade_name="Dış Firma A.Ş.")
    client.force_login(personas.outsider_coordinator)
    response = client.get(reverse("firms:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dış Firma A.Ş." in content
    assert rows["firms"].trade_name not in content
    for viewset in ("edit", "delete", "history", "usage"):
        url = reverse(f"firms:{viewset}", args=[rows["firms"].pk])
        assert client.get(url).status_code == 404, viewset


@pytest.mark.django_db
def test_focal_point_cannot_edit_a_phase(client, personas, rows):
    url = reverse("phases:edit", args=[rows["phases"].pk])
    assert_denied(client, personas.focal_point, url)
    response = client.post(url, {"name_tr": "Değişti"})
    rows["phases"].refresh_from_db()
    assert rows["phases"].name_tr == "Dönüşüm"
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_admin_home_for_every_role(client, personas):
    everyone_but_agents = {name for name in personas.all_users() if not name.startswith("agent")}
    assert_access(client, personas, reverse("wagtailadmin_home"), everyone_but_agents)


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(NATIONAL))
def test_national_coordinator_reads_the_plan_of_every_programme_never_its_firms(
        client, personas, rows, viewset):
    national = national_coordinator()
    urls = [reverse(f"{viewset}:index"), reverse(f"{viewset}:inspect", args=[rows[viewset].pk])]
    for url in urls:
        if NATIONAL[viewset]:
            assert_allowed(client, national, url)
        else:
            assert_denied(client, national, url)


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", ["phases", "milestones", "institutions"])
def test_national_coordinator_cannot_edit_or_delete(client, personas, rows, viewset):
    national = national_coordinator()
    for action in ("edit", "delete"):
        assert_denied(client, national, reverse(f"{viewset}:{action}", args=[rows[viewset].pk]))

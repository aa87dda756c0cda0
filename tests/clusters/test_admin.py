"""The cluster admin: a listing with rank and score, a page that says why a cluster
ranks where it does, and stage moves with confirmation and reason."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.models import (
    Cluster,
    ConsultationMeeting,
    CriteriaWeights,
    Opinion,
    SupportDelivery,
)
from tests.access import assert_access, assert_denied
from tests.clusters.factories import ClusterFactory, move_to, score
from tests.factories import FirmFactory, ProgramFactory
from tracker.access import Role


@pytest.fixture
def cluster(personas):
    CriteriaWeights.objects.create(program=personas.program, economic_impact=40, demand=20,
                                   networking=20, factor_conditions=20, proposed_count=1)
    top = ClusterFactory(program=personas.program, name="Mobilya Kümesi")
    score(top, economic_impact=5, demand=4, networking=5, factor_conditions=4)
    second = ClusterFactory(program=personas.program, name="Makine Kümesi")
    score(second, economic_impact=4, demand=3, networking=2, factor_conditions=4)
    top.members.add(FirmFactory(program=personas.program, trade_name="Gizli Mobilya A.Ş."))
    meeting = ConsultationMeeting.objects.create(
        program=personas.program, title="İstişare toplantısı",
        date=datetime.date(2026, 5, 1), place="KTO")
    Opinion.objects.create(meeting=meeting, institution=personas.kto, cluster=top,
                           stance=Opinion.Stance.OBJECT, comment="Yeterli firma yok.")
    return top


@pytest.mark.django_db
def test_listing_shows_rank_and_weighted_score(client, personas, cluster):
    client.force_login(personas.coordinator)
    response = client.get(reverse("clusters:index"))
    content = response.content.decode()
    assert response.status_code == 200
    # 0.4·5 + 0.2·4 + 0.2·5 + 0.2·4 = 4.60; 0.4·4 + 0.2·3 + 0.2·2 + 0.2·4 = 3.40
    assert "4.60" in content and "3.40" in content


@pytest.mark.django_db
def test_the_edit_form_lists_each_member_firm_once(client, personas, cluster):
    """The admin's script data packs the field without its options: a programme's
    thousands of firms are sent once, in the form."""
    FirmFactory(program=personas.program, trade_name="Zeta Casting Works")
    client.force_login(personas.coordinator)
    response = client.get(reverse("clusters:edit", args=[cluster.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="w-edit-handler-data"' in content
    assert content.count("Zeta Casting Works") == 1
    assert content.count(">Zeta Casting Works</option>") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_listing_queries_do_not_grow_with_clusters(client, personas, size,
                                                   django_assert_max_num_queries):
    for _ in range(size):
        score(ClusterFactory(program=personas.program))
    client.force_login(personas.coordinator)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("clusters:index"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_inspect_says_why_this_rank(client, personas, cluster):
    client.force_login(personas.supervisor)
    content = client.get(reverse("clusters:inspect", args=[cluster.pk])).content.decode()
    assert "Rank 1 in the programme with a weighted score of 4.60" in content
    assert "Dış ticaret verisi" in content  # the evidence
    assert "Yeterli firma yok." in content  # the focal point's opinion
    assert "Gizli Mobilya A.Ş." in content  # supervisors read member firms


@pytest.mark.django_db
def test_a_focal_point_reads_the_cluster_but_not_its_firms_or_moves(client, personas, cluster):
    client.force_login(personas.focal_point)
    content = client.get(reverse("clusters:inspect", args=[cluster.pk])).content.decode()
    assert "Why this rank" in content
    assert "Gizli Mobilya A.Ş." not in content
    assert reverse("clusters_move", args=[cluster.pk, "drop"]) not in content
    assert_denied(client, personas.focal_point,
                  reverse("clusters_move", args=[cluster.pk, "drop"]))
    client.post(reverse("clusters_move", args=[cluster.pk, "drop"]), {"reason": "Deneme"})
    cluster.refresh_from_db()
    assert cluster.stage == Cluster.Stage.IDENTIFIED


@pytest.mark.django_db
def test_an_outsider_gets_404(client, personas, cluster):
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("clusters:inspect", args=[cluster.pk])).status_code == 404
    assert client.get(reverse("clusters_move", args=[cluster.pk, "drop"])).status_code == 404


@pytest.mark.django_db
def test_dropping_in_the_admin_without_a_reason_shows_the_error(client, personas, cluster):
    client.force_login(personas.coordinator)
    url = reverse("clusters_move", args=[cluster.pk, "drop"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.stage == Cluster.Stage.IDENTIFIED


@pytest.mark.django_db
def test_dropping_in_the_admin_with_a_reason(client, personas, cluster):
    client.force_login(personas.coordinator)
    response = client.post(reverse("clusters_move", args=[cluster.pk, "drop"]),
                           {"reason": "Firmalar geri çekildi."}, follow=True)
    assert "is now “Dropped”" in response.content.decode()
    cluster.refresh_from_db()
    assert (cluster.stage, cluster.dropped_reason) == ("dropped", "Firmalar geri çekildi.")


@pytest.mark.django_db
def test_selecting_against_the_ranking_in_the_admin_needs_a_reason(client, personas, cluster):
    second = Cluster.objects.get(name_tr="Makine Kümesi")
    second.analyse(by=personas.coordinator)
    client.force_login(personas.coordinator)
    url = reverse("clusters_move", args=[second.pk, "select"])
    page = client.get(url).content.decode()
    assert "Selecting this cluster overrides the ranking" in page
    refused = client.post(url, {"reason": ""}).content.decode()
    assert "ranks 2 and is not among the 1 the ranking proposes" in refused
    client.post(url, {"reason": "Ortak test merkezi kuruluyor."})
    second.refresh_from_db()
    assert (second.stage, second.selection_is_override) == ("selected", True)
    content = client.get(reverse("clusters:inspect", args=[second.pk])).content.decode()
    assert "Selected against the ranking" in content
    assert "Ortak test merkezi kuruluyor." in content


@pytest.mark.django_db
def test_an_illegal_move_url_is_refused_with_the_reason(client, personas, cluster):
    client.force_login(personas.coordinator)
    response = client.post(reverse("clusters_move", args=[cluster.pk, "complete"]), {})
    assert "cannot become “Completed”" in response.content.decode()


@pytest.mark.django_db
def test_an_edit_over_a_newer_version_is_refused(client, personas, cluster):
    client.force_login(personas.coordinator)
    url = reverse("clusters:edit", args=[cluster.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"name_tr": "Mobilya ve Ahşap Kümesi", "members": [
        pk for pk in cluster.members.values_list("pk", flat=True)]})
    for formset in form.formsets.values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                if value is not None:
                    data[child.add_prefix(name)] = value
    Cluster.objects.filter(pk=cluster.pk).update(name_tr="Başkası değiştirdi")
    response = client.post(url, data)
    assert "Someone else saved this record" in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.name == "Başkası değiştirdi"


@pytest.mark.django_db
def test_a_selected_cluster_shows_its_stage_in_the_listing(client, personas, cluster):
    move_to(cluster, Cluster.Stage.SELECTED, by=personas.coordinator)
    assert_access(client, personas, reverse("clusters:index"),
                  {"coordinator", "supervisor", "kto", "other_focal_point",
                   "outsider_coordinator"})


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 8])
def test_overview_totals_every_programme_in_flat_queries(client, personas, size,
                                                        django_assert_max_num_queries):
    coordinator = personas.coordinator
    for number in range(size):
        program = ProgramFactory(province=f"İl {number}")
        coordinator.program_memberships.create(program=program, role=Role.COORDINATOR)
        move_to(ClusterFactory(program=program), Cluster.Stage.SELECTED, by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("clusters_overview"))
    assert response.status_code == 200
    totals = response.context["total"]
    assert [row.reached for row in totals["funnel"]][:4] == [size, size, size, 0]


@pytest.mark.django_db
def test_overview_is_denied_to_agents(client, personas):
    assert_denied(client, personas.agent1, reverse("clusters_overview"))


@pytest.mark.django_db
def test_overview_totals_one_line_per_currency(client, personas):
    coordinator = personas.coordinator
    qom = ProgramFactory(province="Qom", currency="IRR")
    coordinator.program_memberships.create(program=qom, role=Role.COORDINATOR)
    budget = SupportDelivery.Kind.CONSORTIUM_BUDGET
    SupportDelivery.objects.create(cluster=ClusterFactory(program=personas.program), kind=budget,
                                   title="Konsorsiyum", amount=Decimal("1500000"),
                                   delivered_on=datetime.date(2026, 6, 1))
    SupportDelivery.objects.create(cluster=ClusterFactory(program=qom), kind=budget,
                                   title="کنسرسیوم", amount=Decimal("3000000000"),
                                   delivered_on=datetime.date(2026, 6, 1))
    client.force_login(coordinator)
    response = client.get(reverse("clusters_overview"))
    column = response.context["kinds"].index(budget.label)
    # The admin speaks English to a user with no language preference.
    assert response.context["total"]["amounts"][column] == ["TRY 1,500,000.00",
                                                            "IRR 3,000,000,000"]
    assert "3,001,500,000" not in response.content.decode()

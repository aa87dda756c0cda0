import pytest
from django.urls import reverse

from fieldvisits.models import Firm, Visit
from tests.factories import VisitFactory


@pytest.fixture
def visits(personas):
    return {
        "agent1": VisitFactory(program=personas.program, agent=personas.agent1,
                               firm__trade_name="Birinci Mobilya A.Ş."),
        "agent2": VisitFactory(program=personas.program, agent=personas.agent2,
                               firm__trade_name="İkinci Metal Ltd. Şti."),
    }


@pytest.mark.django_db
def test_agent_sees_only_their_own_visits_and_firms(personas, visits):
    assert list(Visit.objects.for_user(personas.agent1)) == [visits["agent1"]]
    assert list(Firm.objects.for_user(personas.agent1)) == [visits["agent1"].firm]
    assert list(Visit.objects.for_user(personas.agent2)) == [visits["agent2"]]


@pytest.mark.django_db
def test_supervisor_and_coordinator_see_the_whole_programme(personas, visits):
    for user in (personas.supervisor, personas.coordinator):
        assert Visit.objects.for_user(user).count() == 2
        assert Firm.objects.for_user(user).count() == 2


@pytest.mark.django_db
def test_focal_point_editor_and_outsider_see_no_firm_level_rows(personas, visits):
    for user in (personas.focal_point, personas.editor, personas.outsider_coordinator):
        assert not Visit.objects.for_user(user).exists()
        assert not Firm.objects.for_user(user).exists()


@pytest.mark.django_db
def test_agent_role_in_another_programme_does_not_open_this_one(personas, visits):
    from tests.factories import member
    from tracker.access import Role

    stranger = member(personas.other_program, Role.AGENT, "stranger")
    visits["agent1"].agent = stranger
    visits["agent1"].save()
    assert not Visit.objects.for_user(stranger).exists()


@pytest.mark.django_db
def test_agent1_cannot_reach_agent2s_visit_through_the_admin(client, personas, visits):
    """Agents have no admin access: listing, inspect, export and guessed URLs all refuse."""
    client.force_login(personas.agent1)
    other = visits["agent2"]
    for url in (
        reverse("visits:index"),
        reverse("visits:index") + "?export=csv",
        reverse("visits:index") + "?q=İkinci",
        reverse("visits:inspect", args=[other.pk]),
        reverse("visits:edit", args=[other.pk]),
        reverse("firms:inspect", args=[other.firm.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("wagtailadmin_login")), url
        assert b"Ikinci" not in response.content and "İkinci".encode() not in response.content


@pytest.mark.django_db
def test_scoped_supervisor_export_and_search_hold_only_their_programme(client, personas, visits):
    outside = VisitFactory(program=personas.other_program, firm__trade_name="Dış Firma A.Ş.")
    client.force_login(personas.supervisor)
    export = client.get(reverse("visits:index") + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "Birinci Mobilya A.Ş." in body and "İkinci Metal Ltd. Şti." in body
    assert "Dış Firma" not in body
    search = client.get(reverse("visits:index") + "?q=Dış")
    assert "Dış Firma" not in search.content.decode()
    assert client.get(reverse("visits:inspect", args=[outside.pk])).status_code == 404


@pytest.mark.django_db
def test_desk_scores_are_for_the_programme_office_not_the_visiting_agent(personas, visits):
    from fieldvisits.models import Assessment
    from tests.factories import AssessmentFactory

    AssessmentFactory(firm=visits["agent1"].firm, assessor=personas.supervisor)
    assert not Assessment.objects.for_user(personas.agent1).exists()
    assert Assessment.objects.for_user(personas.supervisor).count() == 1

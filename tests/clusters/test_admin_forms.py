"""Admin forms of the clusters: every add page opens for a coordinator, a meeting is
recorded with its attendees and opinions inline, and choices never offer another
programme's rows."""

import pytest
from django.urls import reverse

from clusters.models import Cluster, ConsultationMeeting, Opinion
from tests.clusters.factories import ClusterFactory
from tests.factories import FirmFactory, InstitutionFactory

VIEWSETS = ["clusters", "cluster_weights", "cluster_centres", "cluster_meetings",
            "cluster_support", "cluster_financing"]


def inline(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_add_pages_open_for_a_coordinator(client, personas, viewset):
    client.force_login(personas.coordinator)
    assert client.get(reverse(f"{viewset}:add")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_add_pages_are_denied_to_a_focal_point(client, personas, viewset):
    client.force_login(personas.focal_point)
    response = client.get(reverse(f"{viewset}:add"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_a_meeting_is_recorded_with_attendees_and_opinions(client, personas):
    cluster = ClusterFactory(program=personas.program)
    client.force_login(personas.coordinator)
    data = {"program": personas.program.pk, "title": "İstişare", "date": "2026-05-01",
            "place": "KTO", "notes": ""}
    data.update(inline("attendees", [{"institution": personas.kto.pk, "person": "Ali Veli",
                                      "position": "Genel Sekreter"}]))
    data.update(inline("opinions", [{"institution": personas.kto.pk, "cluster": cluster.pk,
                                     "stance": "support", "comment": "Güçlü talep"}]))
    response = client.post(reverse("cluster_meetings:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    meeting = ConsultationMeeting.objects.get()
    assert meeting.attendees.get().person == "Ali Veli"
    assert Opinion.objects.get().comment == "Güçlü talep"


@pytest.mark.django_db
def test_opinion_choices_leave_out_other_programmes(client, personas):
    foreign = InstitutionFactory(program=personas.other_program, name="Uzak Kurum")
    ClusterFactory(program=personas.other_program, name="Uzak Küme")
    ClusterFactory(program=personas.program, name="Yakın Küme")
    client.force_login(personas.coordinator)
    form = client.get(reverse("cluster_meetings:add")).context["form"]
    opinion = form.formsets["opinions"].empty_form
    assert set(opinion.fields["institution"].queryset) == {personas.kto,
                                                           personas.other_institution}
    assert foreign not in opinion.fields["institution"].queryset
    assert [str(c) for c in opinion.fields["cluster"].queryset] == ["Yakın Küme"]


@pytest.mark.django_db
def test_a_member_firm_of_another_programme_is_refused_in_the_form(client, personas):
    personas.coordinator.program_memberships.create(program=personas.other_program,
                                                    role="coordinator")
    foreign = FirmFactory(program=personas.other_program, trade_name="Uzak Firma A.Ş.")
    client.force_login(personas.coordinator)
    data = {"program": personas.program.pk, "name_tr": "Mobilya", "nace_codes": "31.09",
            "description": "", "members": [foreign.pk]}
    data.update(inline("scores", []))
    form = client.get(reverse("clusters:add")).context["form"]
    assert foreign not in form.fields["members"].queryset
    response = client.post(reverse("clusters:add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert not Cluster.objects.exists()

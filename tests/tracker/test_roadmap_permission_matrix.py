"""Every admin URL of the roadmap, for every persona: who reads, who edits, who is refused."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.access import assert_access
from tests.conftest import make_personas
from tests.factories import (
    ActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PlanVersionFactory,
    ReportingPeriodFactory,
)
from tests.scoped_data import copied_fixtures, rows_for_scope
from tests.tracker.conftest import make_roadmap
from tracker.models import CouncilMeeting, Decision, IndicatorTarget

EVERYONE_WITH_ADMIN = {"coordinator", "supervisor", "kto", "other_focal_point",
                       "outsider_coordinator"}
MANAGERS = {"coordinator", "supervisor", "outsider_coordinator"}

# viewset name → personas that may open its listing
LISTINGS = {
    "plan_versions": MANAGERS,
    "pillars": MANAGERS,
    "goals": MANAGERS,
    "actions": EVERYONE_WITH_ADMIN,
    "tasks": EVERYONE_WITH_ADMIN,
    "council_meetings": EVERYONE_WITH_ADMIN,
    "decisions": EVERYONE_WITH_ADMIN,
    "indicators": EVERYONE_WITH_ADMIN,
    "indicator_targets": EVERYONE_WITH_ADMIN,
    "indicator_values": EVERYONE_WITH_ADMIN,
    "reporting_periods": EVERYONE_WITH_ADMIN,
}
PROGRAMME_READERS = {"coordinator", "supervisor", "kto", "other_focal_point"}
# viewset name → personas that may inspect (and see the history of) a row of the programme
INSPECT = {
    "plan_versions": {"coordinator", "supervisor"},
    "pillars": {"coordinator", "supervisor"},
    "goals": {"coordinator", "supervisor"},
    "actions": {"coordinator", "supervisor", "kto"},
    "tasks": {"coordinator", "supervisor", "kto"},
    "council_meetings": PROGRAMME_READERS,
    "decisions": PROGRAMME_READERS,
    "indicators": PROGRAMME_READERS,
    "indicator_targets": PROGRAMME_READERS,
    "indicator_values": PROGRAMME_READERS,
    "reporting_periods": PROGRAMME_READERS,
}
EDITORS = {"coordinator"}


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """The personas, the roadmap and one row of every viewset, built once for the module:
    every test here reads them (what one writes is rolled back after it,
    tests/scoped_data.py)."""
    from django.utils import timezone

    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        roadmap = make_roadmap(personas, timezone.localdate())
        return SimpleNamespace(groups=groups, personas=personas, roadmap=roadmap,
                               rows=make_rows(personas, roadmap))

    with rows_for_scope(django_db_blocker, build) as rows:
        yield rows


globals().update(copied_fixtures(role_groups="groups", personas="personas", roadmap="roadmap",
                                 rows="rows"))


def make_rows(personas, roadmap):
    draft = PlanVersionFactory(program=personas.program, number=2)
    draft_action = ActionFactory(goal=GoalFactory(pillar__plan=draft), lead=personas.kto)
    meeting = CouncilMeeting.objects.create(program=personas.program, date="2026-09-15",
                                            title="Kurul")
    indicator = IndicatorFactory(program=personas.program)
    period = ReportingPeriodFactory(program=personas.program)
    return {
        "plan_versions": draft,
        "pillars": draft_action.goal.pillar,
        "goals": draft_action.goal,
        "actions": roadmap.kto_action,
        "draft_action": draft_action,
        "tasks": roadmap.kto_task,
        "council_meetings": meeting,
        "decisions": Decision.objects.create(meeting=meeting, number=1, text="Karar"),
        "indicators": indicator,
        "indicator_targets": IndicatorTarget.objects.create(indicator=indicator, year=2026,
                                                            value=3950),
        "indicator_values": IndicatorValueFactory(indicator=indicator, period=period),
        "reporting_periods": period,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(LISTINGS))
def test_listing_for_every_persona(client, personas, rows, viewset):
    assert_access(client, personas, reverse(f"{viewset}:index"), LISTINGS[viewset])


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(INSPECT))
def test_inspect_and_history_for_every_persona(client, personas, rows, viewset):
    pk = rows[viewset].pk
    assert_access(client, personas, reverse(f"{viewset}:inspect", args=[pk]), INSPECT[viewset])
    assert_access(client, personas, reverse(f"{viewset}:history", args=[pk]), INSPECT[viewset])


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(set(INSPECT) - {"actions"}) + ["draft_action"])
def test_edit_for_every_persona(client, personas, rows, viewset):
    name = "actions" if viewset == "draft_action" else viewset
    assert_access(client, personas, reverse(f"{name}:edit", args=[rows[viewset].pk]), EDITORS)
    assert_access(client, personas, reverse(f"{name}:delete", args=[rows[viewset].pk]), EDITORS)


@pytest.mark.django_db
@pytest.mark.parametrize("viewset", sorted(LISTINGS))
def test_add_for_every_persona(client, personas, rows, viewset):
    assert_access(client, personas, reverse(f"{viewset}:add"), EDITORS | {"outsider_coordinator"})


@pytest.mark.django_db
def test_timeline_for_every_persona(client, personas, rows):
    assert_access(client, personas, reverse("tracker_timeline"), EVERYONE_WITH_ADMIN)


@pytest.mark.django_db
def test_post_update_for_every_persona(client, personas, rows):
    url = reverse("tasks:post_update", args=[rows["tasks"].pk])
    assert_access(client, personas, url, {"coordinator", "kto"})


@pytest.mark.django_db
def test_a_coordinator_of_another_programme_reaches_no_row(client, personas, rows):
    client.force_login(personas.outsider_coordinator)
    for viewset in INSPECT:
        for view in ("inspect", "edit", "delete", "history"):
            url = reverse(f"{viewset}:{view}", args=[rows[viewset].pk])
            assert client.get(url).status_code == 404, url
    url = reverse("tasks:post_update", args=[rows["tasks"].pk])
    assert client.post(url, {"text": "x", "status": "done"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name,viewset", [
    ("plan_versions:approve", "plan_versions"), ("plan_versions:revise", "plan_versions"),
    ("reporting_periods:lock", "reporting_periods"),
    ("reporting_periods:unlock", "reporting_periods"),
    ("actions:record_progress", "actions"),
])
def test_workflow_buttons_refuse_everyone_but_the_coordinator(client, personas, rows, name,
                                                             viewset):
    url = reverse(name, args=[rows[viewset].pk])
    client.logout()
    assert client.post(url).status_code == 302
    for persona, user in personas.all_users().items():
        client.force_login(user)
        response = client.post(url)
        if persona == "coordinator":
            assert response.status_code == 302
            assert response.url == reverse(f"{viewset}:inspect", args=[rows[viewset].pk])
        else:
            assert response.status_code in (302, 403, 404), persona
            if response.status_code == 302:
                assert not response.url.startswith(f"/admin/{viewset}/"), persona


@pytest.mark.django_db
def test_listing_filters_offer_no_row_of_another_programme(client, personas, rows):
    from tests.factories import InstitutionFactory

    InstitutionFactory(program=personas.other_program, name="Başka İl Odası",
                       short_name="BIO")
    client.force_login(personas.coordinator)
    page = client.get(reverse("actions:index")).content.decode()
    assert f'<option value="{personas.kto.pk}">' in page
    assert "BIO" not in page
    client.force_login(personas.outsider_coordinator)
    page = client.get(reverse("milestones:index")).content.decode()
    assert f'<option value="{personas.kto.pk}">' not in page

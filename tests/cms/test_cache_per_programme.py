"""The public cache at national scale: a change in one programme renews only its own
pages (and the national figures beside them), and junk query strings hit the same
entry as the clean page."""

import pytest

from cms.models import ActionPlanPage, HomePage, RoadmapPage
from tests.cms.pages import url_of
from tests.factories import ActionFactory, GoalFactory, PhaseFactory, PlanVersionFactory
from tracker.models import Phase, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_personas_site")]


def cached_twice(client, url):
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_a_change_in_another_programme_leaves_this_programmes_page_cached(
        anonymous, fresh_site, personas):
    url = url_of(RoadmapPage, "tr")
    cached_twice(anonymous, url)
    plan = PlanVersionFactory(program=personas.other_program)
    ActionFactory(goal=GoalFactory(pillar__plan=plan))
    PhaseFactory(program=personas.other_program, name_tr="Başka evre")
    assert anonymous.get(url)["X-Public-Cache"] == "hit"


def test_a_change_in_this_programme_renews_its_page(anonymous, fresh_site, personas):
    url = url_of(RoadmapPage, "tr")
    cached_twice(anonymous, url)
    phase = Phase.objects.filter(program=personas.program).first()
    phase.name_tr = "Dönüşüm evresi"
    phase.save()
    response = anonymous.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert "Dönüşüm evresi" in response.content.decode()


def test_a_task_saved_in_this_programme_renews_its_action_plan(anonymous, fresh_site):
    url = url_of(ActionPlanPage, "tr")
    cached_twice(anonymous, url)
    task = Task.objects.filter(action__goal__pillar__plan__program=fresh_site.home.program)\
        .first()
    task.percent_complete = 55
    task.save()
    assert anonymous.get(url)["X-Public-Cache"] == "miss"


def test_a_cluster_elsewhere_renews_the_national_funnel_on_the_home_page(
        anonymous, fresh_site, personas):
    from clusters.models import Cluster

    home = url_of(HomePage, "tr")
    roadmap = url_of(RoadmapPage, "tr")
    cached_twice(anonymous, home)
    cached_twice(anonymous, roadmap)
    Cluster.objects.create(program=personas.other_program, name="Başka küme",
                           nace_codes="25.62")
    assert anonymous.get(home)["X-Public-Cache"] == "miss"
    assert anonymous.get(roadmap)["X-Public-Cache"] == "hit"


def test_tracking_parameters_hit_the_clean_pages_entry(anonymous, fresh_site):
    url = url_of(RoadmapPage, "en")
    assert anonymous.get(url)["X-Public-Cache"] == "miss"
    response = anonymous.get(url + "?utm_source=newsletter&fbclid=abc&utm_medium=mail")
    assert response["X-Public-Cache"] == "hit"


def test_parameters_in_another_order_and_case_hit_the_same_entry(anonymous, fresh_site):
    url = url_of(ActionPlanPage, "tr")
    first = anonymous.get(url + "?status=in_progress&pillar=p1")
    assert first["X-Public-Cache"] == "miss"
    again = anonymous.get(url + "?pillar=P1&gclid=x&status=IN_PROGRESS")
    assert again["X-Public-Cache"] == "hit"
    assert again.content == first.content


def test_the_page_is_rendered_from_the_normalised_query(anonymous, fresh_site):
    url = url_of(ActionPlanPage, "tr")
    response = anonymous.get(url + "?pillar=p1&utm_campaign=x")
    assert response.wsgi_request.GET.dict() == {"pillar": "P1"}

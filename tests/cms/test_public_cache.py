"""Anonymous readers get cached pages that follow publishing and locked figures; a
signed-in user never gets a cached page."""

import pytest

from cms.models import IndicatorsPage, RoadmapPage
from fieldvisits.models import Visit
from tests.cms.pages import page_of, url_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_personas_site")]


def test_the_second_anonymous_request_is_served_from_the_cache(anonymous, fresh_site):
    url = url_of(RoadmapPage, "tr")
    assert anonymous.get(url)["X-Public-Cache"] == "miss"
    second = anonymous.get(url)
    assert second["X-Public-Cache"] == "hit"
    assert second.status_code == 200
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_a_cached_page_carries_the_same_security_headers_as_a_rendered_one(
        anonymous, fresh_site):
    url = url_of(RoadmapPage, "en")
    rendered = anonymous.get(url)
    cached = anonymous.get(url)
    assert cached["X-Public-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                   "X-Content-Type-Options", "Referrer-Policy"):
        assert cached[header] == rendered[header], header


def test_a_published_page_shows_on_the_next_anonymous_request(anonymous, fresh_site):
    url = url_of(RoadmapPage, "en")
    anonymous.get(url)
    page = page_of(RoadmapPage, "en")
    page.title = "Roadmap, revised"
    page.save_revision().publish()
    response = anonymous.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert "Roadmap, revised" in response.content.decode()


def test_locking_a_period_publishes_its_values_on_the_next_request(
        anonymous, fresh_site, personas):
    url = url_of(IndicatorsPage, "tr")
    assert "3.990" not in anonymous.get(url).content.decode()
    assert anonymous.get(url)["X-Public-Cache"] == "hit"
    fresh_site.programme.open_period.lock(by=personas.coordinator)
    response = anonymous.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert '<td class="number" data-kind="actual">3.990</td>' in response.content.decode()


def test_a_signed_in_editor_never_gets_a_cached_page(client, fresh_site, personas):
    url = url_of(RoadmapPage, "tr")
    client.get(url)
    client.get(url)
    client.force_login(personas.editor)
    response = client.get(url)
    assert "X-Public-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_an_editor_sees_figures_that_anonymous_readers_get_after_the_lifetime(
        client, fresh_site, personas):
    url = "/tr/"
    before = client.get(url).context["coverage"]["visits_completed"]
    # A bulk change sends no signal; the cached page keeps the old figure until it expires.
    Visit.objects.filter(program=personas.program).update(status=Visit.Status.SUBMITTED)
    Visit.objects.create(program=personas.program, firm=fresh_site.programme.firms[0],
                         status=Visit.Status.SUBMITTED)
    assert client.get(url)["X-Public-Cache"] == "hit"
    client.force_login(personas.editor)
    assert client.get(url).context["coverage"]["visits_completed"] == before + 1


def test_a_cached_page_is_served_without_a_database_query(
        anonymous, fresh_site, django_assert_num_queries):
    from cms.models import ActionPlanPage

    url = url_of(ActionPlanPage, "en", "?status=in_progress")
    anonymous.get(url)
    with django_assert_num_queries(0):
        response = anonymous.get(url)
    assert response["X-Public-Cache"] == "hit"

"""The queries behind each page type stay the same from 1× to 10× the data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.models import ActionPlanPage, IndicatorsPage, NewsIndexPage, StatisticsPage
from tests.cms.conftest import _build_site
from tests.cms.pages import PAGE_TYPES, url_of
from tests.factories import InstitutionFactory
from tracker.models import Action

pytestmark = pytest.mark.django_db


def _urls():
    urls = {cls.__name__: url_of(cls, "tr") for cls in PAGE_TYPES}
    action = Action.objects.filter(goal__pillar__plan__status="approved").order_by("pk").last()
    urls["action page"] = url_of(ActionPlanPage, "tr", f"actions/{action.pk}/")
    urls["action plan, filtered"] = url_of(ActionPlanPage, "tr", "?status=in_progress")
    urls["indicators CSV"] = url_of(IndicatorsPage, "en", "csv/")
    urls["statistics CSV"] = url_of(StatisticsPage, "en", "csv/")
    urls["news, second page"] = url_of(NewsIndexPage, "en", "?page=2")
    return urls


def _query_counts(client):
    counts = {}
    for name, url in _urls().items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_count_of_each_page_type_is_the_same_at_ten_times_the_data(
        anonymous, personas, role_groups):
    _build_site(personas.program, personas.coordinator,
                (personas.kto, personas.other_institution), role_groups, scale=1)
    small = _query_counts(anonymous)
    for page in Page.objects.filter(depth=2):
        page.delete()
    other = personas.other_program
    _build_site(other, personas.outsider_coordinator,
                (InstitutionFactory(program=other), InstitutionFactory(program=other)),
                role_groups, scale=10)
    assert Action.objects.filter(goal__pillar__plan__program=other).count() == 60
    large = _query_counts(anonymous)
    assert large == small

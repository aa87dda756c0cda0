"""The public site search's paging and query count, each test on content of its own
(the other search tests share one site: test_site_search.py)."""

import pytest

from cms.demo import seed_directory_page, seed_public_site
from cms.site_search import rebuild_search_index
from tests.cms.test_site_search import build_content, results
from tracker.access import Role

pytestmark = pytest.mark.django_db


def test_results_come_ten_a_page(client, personas, role_groups):
    build_content(personas, extra_actions=14)
    seed_public_site(personas.program, role_groups[Role.EDITOR])
    rebuild_search_index(personas.program)
    first = results(client, "tr", "eğitimi")
    second = results(client, "tr", "eğitimi", page=2)
    assert "“eğitimi” için 14 sonuç" in first.html
    assert len(first.titles) == 10 and 'rel="next"' in first.html
    assert len(second.titles) == 14 - 10 and 'rel="prev"' in second.html
    assert not set(first.titles) & set(second.titles)


@pytest.mark.parametrize("scale", [0, 40])
def test_search_page_query_count_is_flat(client, personas, role_groups, scale,
                                         django_assert_max_num_queries):
    build_content(personas, extra_actions=scale, extra_firms=scale)
    home = seed_public_site(personas.program, role_groups[Role.EDITOR])
    seed_directory_page(home)
    rebuild_search_index(personas.program)
    client.get("/tr/search/", {"q": "ısınma"})
    with django_assert_max_num_queries(10):
        found = results(client, "tr", "üretim eğitimi")
    assert len(found.titles) == min(scale, 10)
    with django_assert_max_num_queries(10):
        results(client, "tr", "torna")

"""A site built in bulk ends with the same indexes as pages saved one by one: each page
in the admin's search index and its references recorded; a page an editor saves later is
indexed on save as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from cms.indexing import pages_indexed_once
from cms.models import StandardPage
from tests.cms.conftest import _build_site

pytestmark = pytest.mark.django_db


def _search(text):
    return {page.pk for page in Page.objects.all().search(text)}


def test_every_page_of_a_built_site_is_searchable_and_its_references_are_recorded(
        personas, role_groups):
    _programme, home = _build_site(personas.program, personas.coordinator,
                                   (personas.kto, personas.other_institution), role_groups)
    pages = list(Page.objects.filter(depth__gte=2).specific())
    assert len(pages) > 30  # three languages of the home, sections and news
    # Each page has its entry in the search index (read from the entries themselves: a
    # search for "About" finds nothing on PostgreSQL, where it is a stop word).
    indexed = set(IndexEntry.objects.values_list("object_id", flat=True))
    assert {str(page.pk) for page in pages} <= indexed
    assert home.pk in _search("Kayseri")
    # The home page links to the programme's headline indicator; news link to an action.
    assert ReferenceIndex.get_references_for_object(home).exists()
    assert ReferenceIndex.objects.filter(
        object_id__in=[str(page.pk) for page in pages]).values("object_id").distinct(
        ).count() >= 3


def test_a_page_saved_outside_a_block_is_indexed_on_save(personas, role_groups):
    _programme, home = _build_site(personas.program, personas.coordinator,
                                   (personas.kto, personas.other_institution), role_groups)
    page = home.get_children().type(StandardPage).first().specific
    page.title = "Kalıphane ziyaret takvimi"
    page.save_revision().publish()
    assert page.pk in _search("Kalıphane")


def test_inside_a_block_saves_write_no_index_until_the_block_ends(personas, role_groups):
    _programme, home = _build_site(personas.program, personas.coordinator,
                                   (personas.kto, personas.other_institution), role_groups)
    page = home.get_children().type(StandardPage).first().specific
    with pages_indexed_once():
        page.title = "Dökümhane açık günü"
        with CaptureQueriesContext(connection) as saves:
            page.save_revision().publish()
        assert page.pk not in _search("Dökümhane")
    assert not any("wagtailcore_referenceindex" in query["sql"] for query in saves)
    assert page.pk in _search("Dökümhane")

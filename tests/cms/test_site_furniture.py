"""Sitemap, robots.txt, favicon, titles, descriptions, Open Graph and site search."""

import pytest

from cms.models import NewsPage, ReportsIndexPage, RoadmapPage, StandardPage
from cms.site_search import rebuild_search_index
from tests.cms.pages import page_of

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_pages_of_every_language(anonymous, site):
    xml = anonymous.get("/sitemap.xml").content.decode()
    assert f"<loc>{page_of(RoadmapPage, 'tr').full_url}</loc>" in xml
    assert f"<loc>{page_of(RoadmapPage, 'en').full_url}</loc>" in xml
    assert f"<loc>{page_of(RoadmapPage, 'fa').full_url}</loc>" in xml
    assert f"<loc>{page_of(ReportsIndexPage, 'en').full_url}</loc>" in xml
    assert xml.count("<url>") == 3 * 13


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(anonymous):
    text = anonymous.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_favicon_leads_to_the_icon(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("cms/favicon.svg")


def test_pages_carry_title_description_and_open_graph_tags(anonymous, site):
    page = page_of(RoadmapPage, "en")
    html = anonymous.get(page.url).content.decode()
    assert "<title>Roadmap · Kayseri Export Transformation</title>" in html
    assert f'<meta name="description" content="{page.search_description}">' in html
    assert '<meta property="og:title" content="Roadmap">' in html
    assert f'<meta property="og:url" content="{page.full_url}">' in html
    assert page.full_url.endswith("/en/roadmap/")
    assert '<meta property="og:locale" content="en_GB">' in html


def test_a_news_page_describes_itself_with_its_summary(anonymous, site):
    news = page_of(NewsPage, "tr").specific
    html = anonymous.get(news.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:description" content="{news.summary}">' in html


def test_site_search_finds_pages_in_the_language_being_read(anonymous, site):
    rebuild_search_index(site.program)
    html = anonymous.get("/en/search/", {"q": "council"}).content.decode()
    council = StandardPage.objects.live().filter(locale__language_code="en",
                                                 slug="council-and-institutions").first()
    assert f'href="{council.url}"' in html
    assert "/tr/" not in html.split('class="cards search-results"')[1].split("</ol>")[0]


def test_an_empty_search_shows_the_form_only(anonymous, site):
    response = anonymous.get("/tr/search/")
    assert response.status_code == 200
    assert response.context["results"] is None

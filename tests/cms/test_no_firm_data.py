"""Nothing a public reader can reach names a firm: crawl every public page, every
download and the site search, and look for every seeded firm's name and tax number."""

import re
from html import escape

import pytest

from cms.models import ActionPlanPage
from tests.cms.pages import url_of

pytestmark = pytest.mark.django_db

SKIPPED = ("/admin/", "/static/", "/media/", "/documents/", "/field/", "/i18n/", "mailto:")
LINK = re.compile(r'href="([^"#]+)"')


def crawl(client, starts):
    """Every URL reachable from ``starts`` through links of the public site."""
    seen, queue, bodies = set(), list(starts), {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 301, 302), url
        if response.status_code != 200:
            queue.append(response.url)
            continue
        body = response.content.decode("utf-8-sig")
        bodies[url] = body
        if response["Content-Type"].startswith("text/html"):
            for link in LINK.findall(body):
                link = link.replace("&amp;", "&")
                if link.startswith("/") and not link.startswith(SKIPPED):
                    queue.append(link)
    return bodies


def test_no_page_or_download_names_a_firm(anonymous, site, programme):
    bodies = crawl(anonymous, ["/tr/", "/en/", "/sitemap.xml", "/robots.txt"])
    crawled = set(bodies)
    assert url_of(ActionPlanPage, "tr", f"actions/{programme.actions[0].pk}/") in crawled
    assert url_of(ActionPlanPage, "en") in crawled
    # Indicators and statistics downloads of the three language trees.
    assert len([url for url in crawled if url.endswith("/csv/")]) == 2 * 3
    assert len(crawled) > 40
    for firm in programme.firms:
        for secret in (firm.trade_name, escape(firm.trade_name), firm.tax_number):
            leaks = [url for url, body in bodies.items() if secret in body]
            assert not leaks, f"{secret} appears on {leaks}"
    assert not [url for url, body in bodies.items() if "Confidential note" in body]


def test_site_search_finds_no_firm(anonymous, site, programme):
    for firm in programme.firms[:5]:
        for query in (firm.trade_name, firm.tax_number):
            for language in ("tr", "en"):
                html = anonymous.get(f"/{language}/search/", {"q": query}).content.decode()
                if 'class="cards search-results"' not in html:
                    assert 'class="notice search-empty"' in html
                    continue
                results = html[html.index('class="cards search-results"'):]
                results = results[:results.index("</ol>")]
                assert "<li" not in results
                assert escape(firm.trade_name) not in results
                assert firm.tax_number not in results

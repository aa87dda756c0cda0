"""The reports library of the public site and the home page's latest report: only what a
coordinator published, in the reader's date and number format, cached until a report is
published or withdrawn."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.models import HomePage, ReportsIndexPage
from reports.models import Report
from reports.services import request_report
from tests.cms.pages import url_of
from tests.reports.conftest import reports_root  # noqa: F401  (report files in a tmp dir)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_personas_site")]


def issue(site, personas, *, period=None, language="tr", kind=Report.Kind.PROGRAMME):
    report = request_report(program=personas.program, kind=kind, language=language,
                            period=period or site.programme.locked_period,
                            by=personas.coordinator)
    assert report.status == Report.Status.DONE, report.error
    return report


def published(site, personas, **kwargs):
    report = issue(site, personas, **kwargs)
    report.publish(by=personas.coordinator)
    return Report.objects.get(pk=report.pk)


def public_url(report):
    return reverse("reports:public_download", args=[report.pk])


def size_in(language, size):
    """``size`` bytes as the page writes it: "43,9 KB" in Turkish, "43.9 KB" in English."""
    unit = "KB" if size < 1024 * 1024 else "MB"
    number = f"{size / (1024 if unit == 'KB' else 1024 * 1024):.1f}"
    return (number.replace(".", ",") if language == "tr" else number) + f"\xa0{unit}"


@pytest.fixture
def library(fresh_site, personas):
    """One published report, a later unpublished version of it and a draft."""
    shown = published(fresh_site, personas)
    hidden = issue(fresh_site, personas)
    draft = issue(fresh_site, personas, period=fresh_site.programme.open_period)
    assert draft.draft and not hidden.is_published
    return shown, hidden, draft


@pytest.mark.parametrize(("language", "words"), [
    ("tr", ("Dönem 2025", "Yayım tarihi", "İndir", "Türkçe")),
    ("en", ("Period 2025", "Issued on", "Download", "Türkçe")),
])
def test_the_library_lists_exactly_the_published_reports(anonymous, library, language,
                                                          words):
    shown, hidden, draft = library
    response = anonymous.get(url_of(ReportsIndexPage, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('href="/reports/public/') == 1
    assert f'href="{public_url(shown)}"' in html
    for other in (hidden, draft):
        assert public_url(other) not in html
    assert "(v2)" not in html and "taslak" not in html.lower() and "draft" not in html.lower()
    issued = timezone.localtime(shown.issued_at).strftime("%d.%m.%Y")
    assert f">{issued}</time>" in html
    assert f'data-report="size">{size_in(language, shown.size)}</dd>' in html
    assert f'data-report="pages">{shown.page_count}</dd>' in html
    for word in words:
        assert word in html
    assert "None" not in html


def test_the_download_link_names_the_report_it_fetches(anonymous, library):
    shown = library[0]
    html = anonymous.get(url_of(ReportsIndexPage, "en")).content.decode()
    name = (f'Download<span class="visually-hidden">: Programme progress report · 2025 (v1), '
            f'Türkçe</span>&nbsp;(PDF, {size_in("en", shown.size)})</a>')
    assert name in html


def test_a_published_report_downloads_anonymously_and_others_do_not(anonymous, library):
    shown, hidden, draft = library
    response = anonymous.get(public_url(shown))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for other in (hidden, draft):
        assert anonymous.get(public_url(other)).status_code == 404


def test_the_library_says_when_nothing_is_published(anonymous, fresh_site, personas):
    issue(fresh_site, personas)
    tr = anonymous.get(url_of(ReportsIndexPage, "tr")).content.decode()
    assert "Henüz yayımlanmış bir rapor yok." in tr
    assert "/reports/public/" not in tr
    en = anonymous.get(url_of(ReportsIndexPage, "en")).content.decode()
    assert "No report has been published yet." in en


def test_the_home_page_shows_the_latest_report_in_its_language(anonymous, fresh_site,
                                                               personas):
    assert "/reports/public/" not in anonymous.get("/tr/").content.decode()
    turkish = published(fresh_site, personas, language="tr")
    english = published(fresh_site, personas, language="en")
    tr = anonymous.get("/tr/").content.decode()
    assert "Son yayımlanan rapor" in tr
    assert f'href="{public_url(turkish)}"' in tr and public_url(english) not in tr
    assert f'data-report="size">{size_in("tr", turkish.size)}</dd>' in tr
    en = anonymous.get(url_of(HomePage, "en")).content.decode()
    assert "Latest published report" in en
    assert f'href="{public_url(english)}"' in en and public_url(turkish) not in en
    # In the library, each period lists the reader's language first.
    for language, first, second in (("tr", turkish, english), ("en", english, turkish)):
        html = anonymous.get(url_of(ReportsIndexPage, language)).content.decode()
        assert 0 < html.index(public_url(first)) < html.index(public_url(second))


def test_publishing_and_withdrawing_renew_the_cached_pages(anonymous, fresh_site, personas):
    report = issue(fresh_site, personas)
    urls = [url_of(ReportsIndexPage, "tr"), "/tr/"]
    for url in urls:
        anonymous.get(url)
        assert anonymous.get(url)["X-Public-Cache"] == "hit"
    report.publish(by=personas.coordinator)
    for url in urls:
        response = anonymous.get(url)
        assert response["X-Public-Cache"] == "miss"
        assert public_url(report) in response.content.decode()
        assert anonymous.get(url)["X-Public-Cache"] == "hit"
    report.unpublish(by=personas.coordinator)
    for url in urls:
        response = anonymous.get(url)
        assert response["X-Public-Cache"] == "miss"
        assert public_url(report) not in response.content.decode()


def test_issuing_an_unpublished_report_keeps_the_cache(anonymous, fresh_site, personas):
    url = url_of(ReportsIndexPage, "tr")
    anonymous.get(url)
    issue(fresh_site, personas)
    assert anonymous.get(url)["X-Public-Cache"] == "hit"


def _query_counts(client):
    counts = {}
    for url in (url_of(ReportsIndexPage, "tr"), url_of(ReportsIndexPage, "en"), "/tr/"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_count_is_the_same_with_one_and_ten_reports(anonymous, fresh_site, personas):
    published(fresh_site, personas)
    one = _query_counts(anonymous)
    for index in range(9):
        published(fresh_site, personas, language="en" if index % 2 else "tr",
                  kind=Report.Kind.PROGRAMME)
    assert Report.objects.published().count() == 10
    html = anonymous.get(url_of(ReportsIndexPage, "tr")).content.decode()
    assert html.count('href="/reports/public/') == 10
    assert _query_counts(anonymous) == one

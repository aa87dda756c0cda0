"""The Qom cluster programme's own public site: Persian pages at /fa/ on its host name,
right to left, reading the Qom programme's records, in Persian sentences; its Turkish and
English trees are translations of the same pages."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Page, Site

from clusters.demo_iran import seed_qom_programme
from cms.demo_qom import HOSTNAME, seed_qom_site
from tests.cms.language_check import crawl, foreign_sentences
from tests.factories import UserFactory
from tracker.access import Role

pytestmark = pytest.mark.django_db

SKIPPED = ("/fa/search/?", "/static/", "/media/", "/documents/")


@pytest.fixture
def qom_site(role_groups):
    program, _clusters = seed_qom_programme(datetime.date(2026, 11, 23), by=UserFactory())
    home = seed_qom_site(program, role_groups[Role.EDITOR])
    return program, home


@pytest.fixture
def reader():
    return Client(HTTP_HOST=HOSTNAME)


def test_the_persian_home_reads_the_qom_programme_right_to_left(qom_site, reader):
    program, home = qom_site
    html = reader.get("/fa/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert home.title in html and home.program_id == program.pk
    # The national funnel's baseline, its headline indicator, in Persian digits.
    assert "۳۸۹" in html
    # No field study in Qom: no "0 / 0" counters of firms assessed and visits made.
    assert 'data-counter="firms"' not in html and 'data-counter="visits"' not in html
    assert 'data-counter="headline"' in html


def test_every_persian_page_speaks_persian(qom_site, reader):
    pages = crawl(reader, "/fa/", SKIPPED)
    assert {"/fa/action-plan/", "/fa/indicators/", "/fa/contact/"} <= set(pages)
    found = {url: foreign_sentences(html) for url, html in pages.items()}
    found = {url: sentences for url, sentences in found.items() if sentences}
    assert not found, "\n".join(f"{url}: {sentences}" for url, sentences in found.items())


def test_the_english_tree_translates_the_same_pages(qom_site, reader):
    html = reader.get("/en/").content.decode()
    assert "Qom Industrial Clusters" in html
    assert "Clusters identified nationally" in reader.get("/en/indicators/").content.decode()


def test_seeding_again_changes_nothing(qom_site, role_groups):
    program, _home = qom_site
    pages, sites = Page.objects.count(), Site.objects.count()
    seed_qom_site(program, role_groups[Role.EDITOR])
    assert (Page.objects.count(), Site.objects.count()) == (pages, sites)

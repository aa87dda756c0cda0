"""A coordinator walks the admin in Turkish, from the menu through every listing to a few
rows of each: no page shows a raw None, True/False, ISO date, unformatted decimal,
primary key or language code, a Turkish "i" capitalised without its dot, or lacks a
heading."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client
from django.utils import timezone

from tests.admin_text import raw_values, visible_text
from tests.clusters.factories import ClusterFactory, score
from tests.directory.factories import EnquiryFactory, ListingFactory
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    PhaseFactory,
    PlanVersionFactory,
    TaskFactory,
    VisitFactory,
)
from tracker.models import CouncilMeeting, Decision, IndicatorTarget

pytestmark = pytest.mark.django_db

# Links the walk does not follow: writes, downloads, and the views that only confirm one.
SKIP = re.compile(r"logout|delete|/unpublish|/export|\.csv|\.xlsx|\.pdf|format=|download|"
                  r"/revisions/|/copy/|/move/|lock|/workflow|/approve|/reject|/revise|"
                  r"/archive|/submit|/issue|/switch|/password|/preview|/compare|/usage/|"
                  r"/jsi18n|/documents/|/images/|/pages/|/revert|/transition|/forward|/answer|"
                  r"/close|/reopen|/import/|/evidence/|/cv/")
PER_SHAPE = 2
LIMIT = 140


@pytest.fixture
def programme(personas):
    program = personas.program
    phase = PhaseFactory(program=program, order=1)
    MilestoneFactory(phase=phase)
    plan = PlanVersionFactory(program=program, number=1)
    action = ActionFactory(goal=GoalFactory(pillar__plan=plan), lead=personas.kto)
    TaskFactory(action=action, due_date=timezone.localdate() + datetime.timedelta(days=3))
    indicator = IndicatorFactory(program=program, baseline_value=Decimal("3751.00"))
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("3950.00"))
    IndicatorValueFactory(indicator=indicator, value=Decimal("3990.00"))
    meeting = CouncilMeeting.objects.create(program=program, date=datetime.date(2026, 11, 10),
                                            title="Kurul toplantısı")
    Decision.objects.create(meeting=meeting, number=1, text="Çalıştay düzenlensin.")
    exporter = FirmFactory(program=program, is_exporter=True)
    FirmFactory(program=program, is_exporter=False, district="İncesu")
    AssessmentFactory(firm=exporter, assessor=personas.supervisor)
    VisitFactory(program=program, firm=exporter, agent=personas.agent1)
    listing = ListingFactory(firm=exporter, recorded_by=personas.coordinator)
    EnquiryFactory(program=program, requested_listing=listing, language="en")
    score(ClusterFactory(program=program))
    return program


def _menu_urls(html):
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return re.findall(r'"url": "(/admin/[^"]*)"', props.group(1)) if props else []


def _links(url, html):
    for href in re.findall(r'<a[^>]+href="([^"#]+)"', html.split("<main", 1)[-1]):
        parsed = urlparse(urljoin(url, href.replace("&amp;", "&")))
        if parsed.netloc not in ("", "testserver"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query and "p=" not in parsed.query
                              and "ordering" not in parsed.query else "")
        if path.startswith("/admin/") and not SKIP.search(path):
            yield path


def walk(client):
    """``{url: text}`` of the admin pages reachable from the menu, a few of each kind."""
    queue, seen, shapes, pages = ["/admin/"], set(), {}, {}
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[url] = html
        for link in [*_menu_urls(html), *_links(url, html)]:
            shape = re.sub(r"\d+", "N", link)
            if link not in seen and shapes.get(shape, 0) < PER_SHAPE:
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(link)
    return pages


def _heading(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S) or re.search(
        r'<h2[^>]*id="header-title"[^>]*>(.*?)</h2>', html, re.S)
    return visible_text(f"<main>{match.group(1)}</main>") if match else ""


DOTLESS = re.compile(r"\bI(lçe|hracat|stişare|leti|rtibat|thalat|ş arayan|ş ilan|şe |çe aktar)")


def test_every_admin_page_a_coordinator_reaches_reads_as_a_person_reads_it(personas, programme):
    client = Client(HTTP_ACCEPT_LANGUAGE="tr")
    client.force_login(personas.coordinator)
    pages = walk(client)
    # The walk is one of substance: listings, rows and reports.
    assert {"/admin/firms/", "/admin/tasks/", "/admin/indicator_values/",
            "/admin/progress-reports/", "/admin/field-study/coverage/"} <= set(pages)
    assert any("/inspect/" in url for url in pages) and any("/edit/" in url for url in pages)
    texts = {url: visible_text(html) for url, html in pages.items()}
    raw = {url: hits for url, text in texts.items() if (hits := raw_values(text))}
    assert raw == {}
    assert [url for url, html in pages.items() if not _heading(html)] == []
    dotless = {url: hits for url, text in texts.items() if (hits := DOTLESS.findall(text))}
    assert dotless == {}

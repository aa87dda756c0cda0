"""Every field page on a 360 px phone, as an agent and as a supervisor: each interactive
element is at least 44×44 px, nothing scrolls sideways, and the pages are sent with
``Cache-Control: private, no-store`` (and compressed)."""

import pytest
from django.utils import timezone

from fieldvisits.models import Visit
from fieldvisits.services import submit_visit
from tests.browser.conftest import keep_screenshot
from tests.browser.field_helpers import field_log_in
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Radios and checkboxes are tapped through their label; a target counts by its box.
TARGETS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary'))
    .map(el => (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')
               ? el.closest('label') : el)
    .filter((el, i, all) => all.indexOf(el) === i && el.checkVisibility()
            && !el.closest('dialog:not([open])'))
    .map(el => { const r = el.getBoundingClientRect();
                 return [location.pathname, el.tagName, (el.textContent || el.name || '')
                         .trim().slice(0, 30), Math.round(r.width), Math.round(r.height)]; })"""


def audit(page, path, found):
    response = page.goto(path)
    assert response.status == 200, path
    headers = response.all_headers()
    cache = headers.get("cache-control", "")
    assert "no-store" in cache and "private" in cache, (path, cache)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    targets = page.evaluate(TARGETS)
    found["count"] += len(targets)
    found["small"] += [t for t in targets if t[3] < 44 or t[4] < 44]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    return headers


def test_every_field_page_has_44_px_targets_and_is_never_cached(phone_page, personas):
    page = phone_page
    version = questionnaire_version(personas.program)
    today = timezone.localdate()
    mine = VisitFactory(program=personas.program, agent=personas.agent1, scheduled_date=today,
                        firm__trade_name="Erciyes Mobilya A.Ş.", firm__phone="0352 311 22 33",
                        firm__latitude="38.72", firm__longitude="35.48")
    done = VisitFactory(program=personas.program, agent=personas.agent1, scheduled_date=today,
                        status=Visit.Status.IN_PROGRESS, questionnaire_version=version)
    submit_visit(visit=done, answers={"maturity": "3", "capacity": "50", "notes": "Tamam."},
                 submission_uuid="6f1c1a52-5d0e-4c43-9a57-2a8a9b7d3e01", by=personas.agent1)
    planned = VisitFactory(program=personas.program, agent=None, scheduled_date=None)
    found = {"count": 0, "small": []}

    page.goto("about:blank")
    page.context.clear_cookies()
    audit(page, "/field/login/", found)
    audit(page, "/field/password-reset/", found)
    field_log_in(page, "agent1")
    headers = audit(page, "/field/", found)
    assert headers.get("content-encoding") == "gzip"
    audit(page, f"/field/visits/{mine.pk}/", found)
    assert page.locator("a[href^='tel:']").get_attribute("href") == "tel:03523112233"
    assert page.locator("a[href^='geo:']").count() == 1
    keep_screenshot(page, "field/10-visit-page.png")
    audit(page, f"/field/visits/{mine.pk}/form/", found)
    field_log_in(page, "supervisor")
    audit(page, "/field/review/", found)
    audit(page, f"/field/visits/{done.pk}/review/", found)
    audit(page, f"/field/visits/{planned.pk}/schedule/", found)
    audit(page, f"/field/visits/{done.pk}/", found)

    assert found["count"] >= 100
    assert found["small"] == []

"""A whole visit on a 360×740 phone: schedule → draft → submit → return → fix → approve."""

import pytest
from django.utils import timezone

from fieldvisits.models import Visit
from tests.browser.field_helpers import field_log_in
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_does_a_visit_and_the_supervisor_reviews_it(phone_without_worker, personas):
    # The review flow with the page's own scripts; the service worker's offline path has
    # its own tests (test_field_offline), and kept out of this one it cannot send a request
    # of the previous user across the logins below.
    page = phone_without_worker
    questionnaire_version(personas.program)
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         scheduled_date=timezone.localdate(),
                         firm__trade_name="Erciyes Mobilya A.Ş.")
    capacity = "#q-capacity input[name=capacity]"

    field_log_in(page, "agent1")
    page.click(".list a:has-text('Erciyes Mobilya A.Ş.')")
    page.click(f"a[href='/field/visits/{visit.pk}/form/']")
    page.check("#q-maturity input[value='4']")
    page.fill(capacity, "150")
    page.fill("#q-notes textarea", "Fuar desteği istiyor.")
    with page.expect_navigation():
        page.click("button[value=save]")
    assert "100%" in page.locator("#q-capacity .errorlist").inner_text()
    assert page.viewport_size["width"] == 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.reload()
    assert page.input_value(capacity) == "150"
    assert page.is_checked("#q-maturity input[value='4']")
    assert page.input_value("#q-notes textarea") == "Fuar desteği istiyor."

    page.fill(capacity, "72")
    page.click("button[value=submit]")
    page.click("#submit-dialog button[value=send]")
    page.wait_for_url(f"**/field/visits/{visit.pk}/")
    assert page.locator(".badge-submitted").count() == 1

    field_log_in(page, "supervisor")
    page.goto("/field/review/")
    page.click(".list a:has-text('Erciyes Mobilya A.Ş.')")
    capacity_block = page.locator(".question", has_text="Soru capacity")
    capacity_block.locator("summary").click()
    capacity_block.locator("textarea").fill("Beyan 45 idi; kontrol edin.")
    page.click("button[value=return]")
    page.wait_for_url("**/field/review/")

    field_log_in(page, "agent1")
    page.click(".list a:has-text('Erciyes Mobilya A.Ş.')")
    assert "Beyan 45 idi; kontrol edin." in page.locator(".review-comment").inner_text()
    page.click(f"a[href='/field/visits/{visit.pk}/form/']")
    assert "Beyan 45 idi; kontrol edin." in page.locator("#q-capacity").inner_text()
    page.fill(capacity, "45")
    page.click("button[value=submit]")
    page.click("#submit-dialog button[value=send]")
    page.wait_for_url(f"**/field/visits/{visit.pk}/")

    field_log_in(page, "supervisor")
    page.goto(f"/field/visits/{visit.pk}/review/")
    page.click("button[value=approve]")
    page.wait_for_url("**/field/review/")
    page.goto(f"/field/visits/{visit.pk}/")
    assert page.locator(".badge-approved").count() == 1
    visit.refresh_from_db()
    assert visit.status == Visit.Status.APPROVED
    assert visit.answers.get(question__code="capacity").value_number == 45
    assert [e.to_status for e in visit.events.all()] == [
        "in_progress", "submitted", "returned", "in_progress", "submitted", "approved"]

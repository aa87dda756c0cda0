"""The questionnaire on a 360 px phone: tap targets, asking before submitting or leaving
unsaved work, and the plain HTML path without JavaScript."""

import pytest
from django.utils import timezone

from fieldvisits.models import Submission, Visit, VisitAttachment
from tests.browser.field_helpers import field_log_in, wait_for_form
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 512


@pytest.fixture
def visit(personas):
    questionnaire_version(personas.program)
    return VisitFactory(program=personas.program, agent=personas.agent1,
                        scheduled_date=timezone.localdate(),
                        firm__trade_name="Erciyes Mobilya A.Ş.")


def phone(browser, live_server, **options):
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  base_url=live_server.url, locale="tr-TR", **options)
    return context, context.new_page()


def test_submitting_asks_first_and_going_back_queues_nothing(phone_page, visit):
    page = phone_page
    field_log_in(page, "agent1")
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    page.check("#q-maturity input[value='4']")
    page.fill("#q-capacity input", "72")
    page.click("button[value=submit]")
    dialog = page.locator("#submit-dialog")
    dialog.wait_for(state="visible")
    assert "Soru capacity\n72" in dialog.inner_text()
    page.click("#submit-dialog button[value=cancel]")
    dialog.wait_for(state="hidden")
    assert page.locator("#outbox").get_attribute("data-waiting") in (None, "0")
    assert Submission.objects.count() == 0


def test_a_missing_required_answer_is_shown_before_anything_is_queued(phone_page, visit):
    page = phone_page
    field_log_in(page, "agent1")
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    page.fill("#q-capacity input", "150")
    page.click("button[value=submit]")
    page.wait_for_selector("#q-capacity .client-error")
    assert "100" in page.inner_text("#q-capacity .client-error")
    assert page.locator("#q-maturity .client-error").count() == 1
    assert not page.locator("#submit-dialog").is_visible()


def test_leaving_unsaved_answers_asks_first_where_the_phone_cannot_keep_them(
        chromium_browser, live_server, visit):
    context, page = phone(chromium_browser, live_server)
    # A browser without IndexedDB (some private modes): nothing is kept on the phone.
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined})")
    try:
        field_log_in(page, "agent1")
        page.goto(f"/field/visits/{visit.pk}/form/")
        page.check("#q-maturity input[value='4']")
        asked = []

        def stay(dialog):
            asked.append(dialog.type)
            dialog.dismiss()

        page.once("dialog", stay)
        page.click("a.back", no_wait_after=True)
        page.evaluate("() => true")
        assert asked == ["beforeunload"]
        assert page.is_checked("#q-maturity input[value='4']")
        assert page.url.endswith(f"/field/visits/{visit.pk}/form/")
    finally:
        context.close()


def test_without_javascript_a_visit_is_done_with_plain_forms(chromium_browser, live_server,
                                                            visit):
    context, page = phone(chromium_browser, live_server, java_script_enabled=False)
    try:
        field_log_in(page, "agent1")
        page.goto(f"/field/visits/{visit.pk}/form/")
        page.check("#q-maturity input[value='4']")
        page.fill("#q-capacity input", "72")
        page.set_input_files("#id_file", files=[
            {"name": "hall.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
        with page.expect_navigation():
            page.click("button[value=submit]")
        page.wait_for_url(f"**/field/visits/{visit.pk}/")
        assert page.locator(".badge-submitted").count() == 1
    finally:
        context.close()
    visit.refresh_from_db()
    assert visit.status == Visit.Status.SUBMITTED
    assert Submission.objects.filter(visit=visit).count() == 1
    assert VisitAttachment.objects.filter(visit=visit).count() == 1

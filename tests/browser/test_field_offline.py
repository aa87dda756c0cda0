"""The field app without a network, on a 360×740 phone: a visit done offline is kept on the
phone and, once the network is back, stored exactly once with its photo."""

import pytest
from django.utils import timezone

from fieldvisits.models import Firm, Submission, Visit, VisitAttachment
from tests.browser.field_helpers import (
    field_log_in,
    outbox_counts,
    wait_for_form,
    wait_for_js,
    wait_for_outbox,
    wait_until_offline_ready,
)
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 2048


@pytest.fixture
def visit(personas):
    questionnaire_version(personas.program)
    return VisitFactory(program=personas.program, agent=personas.agent1,
                        scheduled_date=timezone.localdate(),
                        firm__trade_name="Erciyes Mobilya A.Ş.")


def fill_visit(page):
    page.check("#q-maturity input[value='4']")
    page.fill("#q-capacity input", "72")
    page.check("#q-obstacles input[value='finance']")
    page.fill("#q-notes textarea", "Fuar desteği istiyor.")


def test_a_visit_done_offline_is_stored_once_with_its_photo(phone_page, personas, visit):
    page = phone_page
    field_log_in(page, "agent1")
    wait_until_offline_ready(page)

    page.context.set_offline(True)
    # Renamed on the server meanwhile: the page the phone shows is the one it kept.
    Firm.objects.filter(pk=visit.firm_id).update(trade_name="Sunucuda Yeni Ad")
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    assert "Erciyes Mobilya A.Ş." in page.inner_text("main")
    assert page.evaluate("fetch('/field/offline.json').then(() => 'online', () => 'offline')") \
        == "offline"
    fill_visit(page)
    page.set_input_files("#id_file", files=[
        {"name": "hall.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    wait_for_outbox(page, waiting=1, sent=0)
    page.locator("html[data-draft-kept]").wait_for(state="attached")

    page.reload()
    wait_for_form(page)
    assert page.input_value("#q-capacity input") == "72"
    assert page.is_checked("#q-maturity input[value='4']")
    assert page.input_value("#q-notes textarea") == "Fuar desteği istiyor."

    page.click("button[value=submit]")
    assert "Fuar desteği istiyor." in page.inner_text("#submit-dialog .summary")
    page.click("#submit-dialog button[value=send]")
    page.wait_for_selector("#submitted-note", state="visible")
    wait_for_outbox(page, waiting=2, sent=0)

    page.close()
    page = phone_page.context.new_page()
    page.goto("/field/")
    wait_for_outbox(page, waiting=2, sent=0)
    assert Submission.objects.count() == 0

    page.context.set_offline(False)
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=2)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.SUBMITTED
    assert Submission.objects.filter(visit=visit).count() == 1
    assert visit.answers.get(question__code="capacity").value_number == 72
    assert VisitAttachment.objects.filter(visit=visit).count() == 1

    sent_again = []
    page.on("request", lambda r: sent_again.append(r.url) if r.method == "POST" else None)
    runs = page.evaluate("Number(document.documentElement.dataset.outboxRuns || 0)")
    page.click("#outbox .outbox-send")
    wait_for_js(page, "n => Number(document.documentElement.dataset.outboxRuns) > n", runs)
    wait_for_outbox(page, waiting=0, sent=2)
    assert sent_again == []
    assert Submission.objects.filter(visit=visit).count() == 1
    assert outbox_counts(page) == [0, 2, 0]

    with page.expect_navigation():
        page.click("#logout-form button")
    page.wait_for_url("**/field/login/")
    # Logged out: the kept pages and the key leave the phone; the shell stays (no data).
    assert [n for n in page.evaluate("caches.keys()") if not n.startswith("field-shell-")] == []
    keys, clear = page.evaluate("""() => new Promise(resolve => {
        const request = indexedDB.open('field-app');
        request.onsuccess = () => { const db = request.result;
            const tx = db.transaction(['keys', 'queue']);
            const keys = tx.objectStore('keys').count();
            const all = tx.objectStore('queue').getAll();
            tx.oncomplete = () => resolve([keys.result, all.result.filter(
                r => 'answers' in r || 'firm' in r || !r.sealed).length]); };
    })""")
    assert (keys, clear) == (0, 0)

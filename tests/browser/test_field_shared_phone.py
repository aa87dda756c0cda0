"""One phone, two agents, no signal in the morning; one visit on two phones; logout offline.

Chromium with the service worker on, 360×740. Each agent's outbox is sealed with a key
only their own session gets; another agent's login neither reads, sends nor deletes it.
"""

import pytest
from django.utils import timezone

from fieldvisits.models import Submission, Visit
from tests.browser.conftest import keep_screenshot
from tests.browser.field_helpers import (
    field_log_in,
    wait_for_form,
    wait_for_js,
    wait_for_outbox,
    wait_until_offline_ready,
)
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SYNCED = "id => FieldStore.getDraft(id).then(d => d && d.synced)"
STORE = """(stores) => new Promise(resolve => {
    const request = indexedDB.open('field-app');
    request.onsuccess = () => { const db = request.result;
        const tx = db.transaction(stores);
        const found = stores.map(name => tx.objectStore(name).getAll());
        tx.oncomplete = () => resolve(found.map(r => r.result)); };
})"""


def fill_and_submit(page, notes):
    page.check("#q-maturity input[value='4']")
    page.fill("#q-capacity input", "72")
    page.fill("#q-notes textarea", notes)
    page.click("button[value=submit]")
    page.click("#submit-dialog button[value=send]")


def test_two_agents_share_a_phone_and_one_logs_out_offline(phone_page, personas):
    page = phone_page
    questionnaire_version(personas.program)
    today = timezone.localdate()
    mine = VisitFactory(program=personas.program, agent=personas.agent1, scheduled_date=today,
                        firm__trade_name="Erciyes Mobilya A.Ş.")
    VisitFactory(program=personas.program, agent=personas.agent2, scheduled_date=today,
                 firm__trade_name="Talas Tekstil Ltd.")
    personas.agent1.first_name, personas.agent1.last_name = "Ayşe", "Demir"
    personas.agent1.save()

    field_log_in(page, "agent1")
    wait_until_offline_ready(page)
    page.context.set_offline(True)
    page.goto(f"/field/visits/{mine.pk}/form/")
    wait_for_form(page)
    fill_and_submit(page, "Sabah yazıldı, çekim yok.")
    wait_for_outbox(page, waiting=1, sent=0)
    keep_screenshot(page, "field/01-queued-offline.png")

    # Logout without a network: the phone is locked at once.
    page.click("#logout-form button")
    page.wait_for_url("**/field/login/")
    assert "Bu telefonda oturumunuz kapatıldı" in page.inner_text("main")
    keep_screenshot(page, "field/02-logged-out-offline.png")
    keys, queue = page.evaluate(STORE, ["keys", "queue"])
    assert keys == [] and len(queue) == 1
    assert "answers" not in queue[0] and "Sabah" not in str(queue[0])
    assert not [n for n in page.evaluate("caches.keys()") if n.startswith("field-pages")]
    page.goto(f"/field/visits/{mine.pk}/form/")
    assert "Erciyes" not in page.inner_text("body")
    assert Submission.objects.count() == 0

    # Back online: the logout reaches the server before anything else is shown.
    page.context.set_offline(False)
    page.goto("/field/")
    page.wait_for_url("**/field/login/**")
    assert page.context.request.get("/field/", max_redirects=0).status == 302

    # The second agent's login neither sends, reads nor deletes the first one's work.
    field_log_in(page, "agent2")
    page.locator("#outbox[data-locked='1']").wait_for(state="attached")
    locked = page.inner_text("#outbox .outbox-locked")
    assert "Ayşe Demir" in locked
    assert "Sabah" not in page.inner_text("body")
    keep_screenshot(page, "field/03-locked-for-agent1.png")
    runs = page.evaluate("Number(document.documentElement.dataset.outboxRuns || 0)")
    page.click("#outbox .outbox-send")
    wait_for_js(page, "n => Number(document.documentElement.dataset.outboxRuns) > n", runs)
    assert Submission.objects.count() == 0
    assert len(page.evaluate(STORE, ["queue"])[0]) == 1

    # Its owner logs in again: sent once, as typed, under their name.
    field_log_in(page, "agent1")
    wait_for_outbox(page, waiting=0, sent=1)
    submission = Submission.objects.get()
    assert submission.visit_id == mine.pk
    mine.refresh_from_db()
    assert mine.status == Visit.Status.SUBMITTED
    assert mine.answers.get(question__code="notes").value_text == "Sabah yazıldı, çekim yok."


def test_two_phones_draft_and_submit_one_visit(chromium_browser, live_server, personas):
    questionnaire_version(personas.program)
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         scheduled_date=timezone.localdate(), firm__trade_name="Kocasinan Döküm")
    phones = []
    for _ in range(2):
        context = chromium_browser.new_context(viewport={"width": 360, "height": 740},
                                               base_url=live_server.url, locale="tr-TR")
        phones.append(context.new_page())
    first, second = phones
    try:
        for page in phones:
            field_log_in(page, "agent1")
            wait_until_offline_ready(page)
            page.goto(f"/field/visits/{visit.pk}/form/")
            wait_for_form(page)
        # The second phone types first, without a network…
        second.context.set_offline(True)
        second.fill("#q-capacity input", "55")
        second.fill("#q-notes textarea", "İkinci telefon: boya hattı.")
        second.locator("html[data-draft-kept]").wait_for(state="attached")
        # …the first types later, online: its draft is the newest on the server.
        first.wait_for_timeout(50)
        first.fill("#q-capacity input", "80")
        first.fill("#q-notes textarea", "Birinci telefon: kaynak atölyesi.")
        wait_for_js(first, SYNCED, visit.pk)
        # The second comes online: its older draft is refused, and shown, not dropped.
        second.context.set_offline(False)
        second.locator("#conflict:not([hidden])").wait_for()
        assert second.input_value("#q-notes textarea") == "İkinci telefon: boya hattı."
        conflict = second.inner_text("#conflict")
        assert "Birinci telefon: kaynak atölyesi." in conflict
        assert "İkinci telefon: boya hattı." in conflict
        keep_screenshot(second, "field/04-draft-conflict.png")
        # Merge: the other phone's notes, this phone's capacity.
        second.check("#conflict [data-code=notes] input[value=theirs]")
        second.click("#conflict button[data-choice=merge]")
        second.locator("#conflict").wait_for(state="hidden")
        assert second.input_value("#q-notes textarea") == "Birinci telefon: kaynak atölyesi."
        assert second.input_value("#q-capacity input") == "55"
        wait_for_js(second, SYNCED, visit.pk)
        visit.refresh_from_db()
        assert visit.draft_answers["capacity"] == "55"

        # Both submit: the first is stored, the second refused, kept and compared.
        first.reload()
        wait_for_form(first)
        first.check("#q-maturity input[value='3']")
        first.click("button[value=submit]")
        first.click("#submit-dialog button[value=send]")
        first.wait_for_url(f"**/field/visits/{visit.pk}/")
        second.check("#q-maturity input[value='5']")
        second.click("button[value=submit]")
        second.click("#submit-dialog button[value=send]")
        wait_for_outbox(second, waiting=0, sent=0, refused=1)
        item = second.locator("#outbox .outbox-refused")
        item.locator("summary").click()
        assert "Sunucuda" in item.inner_text()
        keep_screenshot(second, "field/05-refused-compared.png")
        assert Submission.objects.filter(visit=visit).count() == 1
        second.once("dialog", lambda dialog: dialog.accept())
        item.locator(".outbox-dismiss").click()
        wait_for_outbox(second, waiting=0, sent=0, refused=0)
    finally:
        for page in phones:
            page.context.close()

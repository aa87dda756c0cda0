"""The outbox under a bad network and against a visit changed meanwhile."""

import pytest
from django.utils import timezone

from fieldvisits.models import Submission, Visit
from tests.browser.field_helpers import (
    field_log_in,
    wait_for_form,
    wait_for_js,
    wait_for_outbox,
    wait_until_offline_ready,
)
from tests.factories import VisitFactory, questionnaire_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = {"maturity": "3", "capacity": "64", "notes": "Hat kurulumu sürüyor."}


def test_thirty_submissions_over_a_lossy_network_are_stored_once_each(phone_without_worker,
                                                                      personas):
    page = phone_without_worker
    questionnaire_version(personas.program)
    visits = [VisitFactory(program=personas.program, agent=personas.agent1,
                           scheduled_date=timezone.localdate()) for _ in range(30)]
    field_log_in(page, "agent1")
    wait_for_js(page, "window.FieldOutbox !== undefined")
    # The agent's key has come from the server: the phone's store is open for writing.
    wait_for_js(page, "document.documentElement.dataset.storeUnlocked === '1'")
    # Each lost answer stops the run and the outbox tries again after a pause: a second
    # on a phone, a moment here (the pause is not under test, the resends are).
    page.evaluate("FieldOutbox.firstRetry = 50")
    page.context.set_offline(True)
    for visit in visits:
        page.evaluate(
            "([id, answers]) => FieldOutbox.add({kind: 'submission', uuid: crypto.randomUUID(),"
            " visit: id, firm: 'F' + id, url: '/field/visits/' + id + '/submit.json',"
            " answers: answers})", [visit.pk, ANSWERS])
    wait_for_outbox(page, waiting=30, sent=0)

    answered = {"count": 0}

    def lose_every_fifth_answer(route):
        response = route.fetch()  # the server has the request either way
        answered["count"] += 1
        if answered["count"] % 5 == 0:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    page.route("**/submit.json", lose_every_fifth_answer)
    page.context.set_offline(False)
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=30, timeout=120_000)

    assert answered["count"] > 30
    assert Submission.objects.count() == 30
    for visit in visits:
        assert Submission.objects.filter(visit=visit).count() == 1
    assert Visit.objects.filter(status=Visit.Status.SUBMITTED).count() == 30


def test_a_visit_cancelled_while_offline_is_refused_and_the_answers_stay(phone_page, personas):
    page = phone_page
    questionnaire_version(personas.program)
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         scheduled_date=timezone.localdate(), firm__trade_name="Kapalı Fabrika")
    field_log_in(page, "agent1")
    wait_until_offline_ready(page)
    page.context.set_offline(True)
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    page.check("#q-maturity input[value='2']")
    page.fill("#q-capacity input", "40")
    page.fill("#q-notes textarea", "Fabrika taşınıyor.")
    page.click("button[value=submit]")
    page.click("#submit-dialog button[value=send]")
    wait_for_outbox(page, waiting=1, sent=0)

    Visit.objects.get(pk=visit.pk).cancel(by=personas.supervisor, reason="Firma taşındı.")
    page.context.set_offline(False)
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=0, refused=1)

    item = page.locator("#outbox .outbox-refused")
    assert "İptal edildi" in item.locator(".outbox-message").inner_text()
    item.locator("summary").click()
    assert "Fabrika taşınıyor." in item.inner_text()
    assert Submission.objects.count() == 0
    page.reload()
    wait_for_outbox(page, waiting=0, sent=0, refused=1)
    page.locator("#outbox .outbox-refused summary").click()
    assert "Fabrika taşınıyor." in page.locator("#outbox .outbox-refused").inner_text()

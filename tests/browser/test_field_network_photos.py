"""A hung connection, a double tap, photos from a phone camera, and sending with the app
closed. Chromium with the service worker on, 360×740."""

import io

import pytest
from django.utils import timezone
from PIL import Image

from fieldvisits.models import Submission, VisitAttachment
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


@pytest.fixture
def visit(personas):
    questionnaire_version(personas.program)
    return VisitFactory(program=personas.program, agent=personas.agent1,
                        scheduled_date=timezone.localdate(), firm__trade_name="Hacılar Metal")


def camera_photo(width=4000, height=3000, orientation=6, seed=0):
    """A 12 MP JPEG as a phone camera writes it: stored sideways, EXIF says turn it."""
    image = Image.effect_noise((width // 8, height // 8), 40 + seed).convert("RGB")
    image = image.resize((width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {2: (38.0, 43.0, 12.0)}  # GPS latitude: must not reach the server
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def open_form_sent_by_the_page(page, visit):
    """agent1 on the visit's form, with the page's own sending under test: Background Sync
    would send the items from the service worker, whose requests page.route does not see
    (tested on its own below)."""
    page.context.add_init_script(
        "Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', {get: () => null})")
    field_log_in(page, "agent1")
    wait_until_offline_ready(page)
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    return page


def test_a_hung_answer_times_out_a_double_tap_submits_once_and_send_now_resends(
        phone_page, personas, visit):
    page = open_form_sent_by_the_page(phone_page, visit)
    # The outbox retries by itself a second after a stopped run; here only "Send now" may
    # send again (an automatic retry that got through first left the form for the visit).
    page.evaluate("FieldSender.timeout = 2; FieldOutbox.firstRetry = 600000")
    hung = []

    def never_answer(route):
        route.fetch()  # the server stores it; its answer never comes back
        hung.append(route)

    page.route("**/submit.json", never_answer)
    page.check("#q-maturity input[value='2']")
    page.fill("#q-capacity input", "61")
    page.fill("#q-notes textarea", "Çift dokunma denemesi.")
    # Two taps on Submit, two on the dialog's button.
    page.evaluate("""() => { const b = document.querySelector('button[value=submit]');
                            b.click(); b.click(); }""")
    # The dialog opens once its summary (photos kept on the phone) is read.
    page.wait_for_selector("#submit-dialog[open]")
    page.evaluate("""() => { const b = document.querySelector('#submit-dialog button[value=send]');
                            b.click(); b.click(); }""")
    wait_for_js(page, "() => document.documentElement.dataset.outboxStop && "
                      "document.documentElement.dataset.outboxStop.length > 0")
    assert len(hung) >= 1
    assert "zamanında" in page.inner_text("#outbox .outbox-status")
    assert page.locator("#outbox").get_attribute("data-waiting") == "1"
    keep_screenshot(page, "field/06-timed-out.png")
    # "Send now" always works: the next answer comes through; the server knew it already.
    page.evaluate("FieldSender.timeout = 15")
    page.unroute("**/submit.json")
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=1)
    assert "zaten" in page.inner_text("#outbox .outbox-sent")
    assert Submission.objects.filter(visit=visit).count() == 1


def test_an_answer_cut_short_while_its_body_arrives_leaves_the_item_waiting(
        phone_page, personas, visit):
    """The server's answer began (status line and headers) and its time limit ran out
    before the body came: the item waits for the next run, as after any cut-short
    request, and is not taken for a refusal with no reason."""
    page = open_form_sent_by_the_page(phone_page, visit)
    page.evaluate("""() => {
        FieldSender.timeout = 1;
        const realFetch = window.fetch;
        window.fetch = (url, options) => {
            if (!String(url).endsWith('/submit.json')) { return realFetch(url, options); }
            const body = new ReadableStream({ start(stream) {
                stream.enqueue(new TextEncoder().encode('{"error": "'));
                options.signal.addEventListener('abort', () =>
                    stream.error(new DOMException('cut short', 'AbortError')));
            } });
            return Promise.resolve(new Response(body, {
                status: 409, headers: { 'Content-Type': 'application/json' } }));
        };
    }""")
    page.check("#q-maturity input[value='2']")
    page.fill("#q-capacity input", "61")
    page.fill("#q-notes textarea", "Yanıt yarıda kesildi.")
    page.click("button[value=submit]")
    page.wait_for_selector("#submit-dialog[open]")
    page.click("#submit-dialog button[value=send]")
    wait_for_js(page, "() => (document.documentElement.dataset.outboxStop || '').length > 0")
    assert "zamanında" in page.inner_text("#outbox .outbox-status")
    assert page.locator("#outbox").get_attribute("data-waiting") == "1"
    assert page.locator("#outbox").get_attribute("data-refused") == "0"
    assert not Submission.objects.filter(visit=visit).exists()


def test_a_submission_queued_while_a_draft_is_on_its_way_is_sent_next(
        phone_page, personas, visit):
    """The outbox's run that sends the typed draft read the queue before the submission
    was put in it: the submission goes out in the run that follows, and the phone goes on
    to the visit's page (it used to wait, unsent, for the next reason to send)."""
    page = open_form_sent_by_the_page(phone_page, visit)
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/draft.json", hold_the_first)
    page.fill("#q-capacity input", "61")
    deadline = 200
    while not held and deadline:
        page.wait_for_timeout(50)
        deadline -= 1
    assert held, "the typed draft was not sent"
    page.check("#q-maturity input[value='2']")
    page.fill("#q-notes textarea", "Taslak yoldayken gönderildi.")
    page.click("button[value=submit]")
    page.wait_for_selector("#submit-dialog[open]")
    page.click("#submit-dialog button[value=send]")
    wait_for_outbox(page, waiting=1, sent=0)
    assert not Submission.objects.filter(visit=visit).exists()
    held[0].continue_()
    page.wait_for_url(f"**/field/visits/{visit.pk}/", timeout=30_000)
    assert Submission.objects.filter(visit=visit).count() == 1


def test_photos_are_resized_sent_once_and_an_oversize_file_is_refused_first(
        phone_page, personas, visit, tmp_path):
    page = phone_page
    field_log_in(page, "agent1")
    wait_until_offline_ready(page)
    page.context.set_offline(True)
    page.goto(f"/field/visits/{visit.pk}/form/")
    wait_for_form(page)
    shot = camera_photo()
    assert len(shot) > 1_000_000
    # Chosen from files on disk, as a phone's picker hands them over: Playwright passes
    # Chromium their paths, where 32 MB of buffers would go through its pipe as base64.
    photos = [tmp_path / f"hall-{n}.jpg" for n in range(10)]
    for photo in photos:
        photo.write_bytes(shot)
    page.set_input_files("#id_file", files=photos)
    wait_for_outbox(page, waiting=10, sent=0, timeout=120_000)
    assert page.locator("#photos .photo-list img").count() == 10
    keep_screenshot(page, "field/07-photos-listed.png")
    # One removed before sending.
    page.locator("#photos .photo-remove").first.click()
    wait_for_outbox(page, waiting=9, sent=0)
    # A document over the limit is refused here, before it is queued.
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    page.set_input_files("#id_file", files=[report])
    page.locator("#photos .photo-status.errorlist").wait_for()
    assert "report.pdf" in page.inner_text("#photos .photo-status")
    wait_for_outbox(page, waiting=9, sent=0)
    # The confirm summary lists them too.
    page.check("#q-maturity input[value='4']")
    page.fill("#q-capacity input", "70")
    page.fill("#q-notes textarea", "Fotoğraflı ziyaret.")
    page.click("button[value=submit]")
    assert page.locator("#submit-dialog .photo-list img").count() == 9
    keep_screenshot(page, "field/08-confirm-with-photos.png", full_page=False)
    page.click("#submit-dialog button[value=send]")
    wait_for_outbox(page, waiting=10, sent=0)

    page.context.set_offline(False)
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=10, timeout=120_000)
    page.click("#outbox .outbox-send")
    wait_for_outbox(page, waiting=0, sent=10)
    stored = VisitAttachment.objects.filter(visit=visit)
    assert stored.count() == 9
    assert Submission.objects.filter(visit=visit).count() == 1
    for attachment in stored:
        with attachment.file.open("rb") as handle:
            image = Image.open(handle)
            # Upright (the camera's orientation applied), 2048 px on its longest side.
            assert image.size == (1536, 2048)
            assert not image.getexif().get(0x8825)
        assert attachment.size < 1_500_000


def test_attach_from_the_visit_page_offline_and_send_with_the_app_closed(
        phone_page, live_server, personas, visit):
    page = phone_page
    field_log_in(page, "agent1")
    wait_until_offline_ready(page)
    page.context.set_offline(True)
    page.goto(f"/field/visits/{visit.pk}/")
    page.set_input_files(".attach-form input[type=file]", files=[
        {"name": "tabela.jpg", "mimeType": "image/jpeg",
         "buffer": camera_photo(1200, 900, orientation=1)}])
    wait_for_outbox(page, waiting=1, sent=0)
    assert page.locator(".attach-form .photo-list img").count() == 1
    keep_screenshot(page, "field/09-attach-offline.png")

    # The app is closed; the network comes back; the browser wakes the service worker
    # (Background Sync, dispatched through the DevTools protocol as Chromium would).
    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    page.goto("about:blank")
    page.context.set_offline(False)
    field = [r for r in registrations if r["scopeURL"].endswith("/field/")]
    assert field, registrations
    # A sync that ends before the network is usable is tried again by the browser; the
    # test does the same, up to three times.
    for _attempt in range(3):
        cdp.send("ServiceWorker.dispatchSyncEvent", {
            "origin": live_server.url, "registrationId": field[0]["registrationId"],
            "tag": "field-outbox", "lastChance": False})
        for _ in range(100):
            if VisitAttachment.objects.filter(visit=visit).exists():
                break
            page.wait_for_timeout(200)
        if VisitAttachment.objects.filter(visit=visit).exists():
            break
    page.wait_for_timeout(500)
    assert VisitAttachment.objects.filter(visit=visit).count() == 1

"""A buyer on a phone searches the capability directory and sends a firm an enquiry; the
coordinator matches it to listed firms and forwards it."""

import pytest
from django.core import mail

from cms.demo import seed_directory_page, seed_public_site
from directory.models import Enquiry
from tests.access import PASSWORD
from tests.browser.conftest import in_turkish, keep_screenshot, log_in
from tests.directory.conftest import listed
from tracker.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory(personas, role_groups, settings):
    # The buyer here types as fast as a script; the minimum time is tested on the form.
    settings.DIRECTORY_ENQUIRY_MIN_SECONDS = 0
    program, coordinator = personas.program, personas.coordinator
    stainless = listed(
        program, coordinator, "Erciyes Hassas Makine San. ve Tic. A.Ş.", "Kocasinan", "25.62",
        [("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("product", "Flanş"),
         ("certification", "ISO 9001")],
        description_tr="Paslanmaz çelik flanş ve mil işleme; 18 CNC tezgâh.",
        description_en="Stainless steel CNC machining of flanges and shafts.",
        capacity="aylık 40 ton", contact_email="satis@erciyes.example",
        contact_person="Hüseyin Erciyes")
    listed(program, coordinator, "Kapadokya Metal İşleme Ltd. Şti.", "Melikgazi", "25.62",
           [("process", "CNC torna"), ("material", "Paslanmaz çelik"),
            ("material", "Alüminyum")],
           description_tr="CNC torna ile hassas parça.", capacity="aylık 25.000 parça")
    listed(program, coordinator, "Kaya Döküm Ltd. Şti.", "Kocasinan", "24.10",
           [("process", "Döküm"), ("material", "Pik demir")], description_tr="Pik demir döküm.")
    home = seed_public_site(program, role_groups[Role.EDITOR])
    page = seed_directory_page(home)
    return stainless, page


def test_a_buyer_sends_an_enquiry_and_the_coordinator_forwards_it(
        directory, phone_page, desktop_page, personas):
    stainless, directory_page = directory
    phone = phone_page
    phone.goto(directory_page.url)
    phone.fill("#directory-q", "paslanmaz CNC")
    phone.get_by_role("button", name=in_turkish("Search"), exact=True).first.click()
    phone.wait_for_selector(".firm-card")
    cards = phone.locator(".firm-card")
    assert cards.first.locator(".firm-name").inner_text() == stainless.firm.trade_name
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    keep_screenshot(phone, "directory-phone-results.png")

    cards.first.get_by_role("link", name=in_turkish("Send an enquiry"), exact=False).click()
    phone.wait_for_selector("form.enquiry-form")
    assert stainless.firm.trade_name in phone.locator(".firm-card").inner_text()
    phone.fill("#id_need", "Paslanmaz çelik (AISI 316) flanş, teknik resme göre CNC işlenmiş")
    phone.fill("#id_quantity", "1.500 adet")
    phone.fill("#id_buyer_name", "Anna Schmidt")
    phone.fill("#id_organisation", "Schmidt Anlagenbau GmbH")
    phone.fill("#id_email", "anna@example.com")
    keep_screenshot(phone, "directory-phone-form.png")
    phone.get_by_role("button", name=in_turkish("Send the enquiry")).click()
    phone.wait_for_selector("h1")
    assert phone.locator("h1").inner_text() == in_turkish(
        "Thank you, your enquiry has been received")
    enquiry = Enquiry.objects.get()
    assert enquiry.requested_listing == stainless
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]

    admin = desktop_page
    log_in(admin, "coordinator", PASSWORD, next_url="/admin/directory_enquiries/")
    admin.get_by_role("link", name="Schmidt Anlagenbau GmbH").first.click()
    admin.wait_for_selector("form[action*='/match/']")
    keep_screenshot(admin, "directory-admin-received.png")
    admin.check(f"#listing-{stainless.pk}")
    admin.get_by_role("button", name=in_turkish("Match the chosen firms")).click()
    admin.wait_for_selector("[data-status=matched]")
    admin.get_by_role("button", name=in_turkish("Forward to the matched firms")).click()
    admin.wait_for_selector("[data-status=forwarded]")
    assert admin.locator("[data-status]").inner_text() == in_turkish("Forwarded")
    keep_screenshot(admin, "directory-admin-enquiry.png")
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.FORWARDED
    assert [message.to for message in mail.outbox][-1] == ["satis@erciyes.example"]

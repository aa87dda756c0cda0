"""The programme office's admin: who sees listings and enquiries, recording consent, and
matching and forwarding an enquiry from its page."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Enquiry, Listing
from tests.access import assert_access
from tests.directory.factories import EnquiryFactory, with_capabilities
from tests.factories import FirmFactory

pytestmark = pytest.mark.django_db

READERS = {"coordinator", "supervisor"}


@pytest.fixture
def enquiry(personas, catalogue):
    return EnquiryFactory(program=personas.program, requested_listing=catalogue.stainless)


@pytest.mark.parametrize("url_name", ["directory_listings:index", "directory_enquiries:index"])
def test_listings_are_read_by_the_programme_office(client, personas, catalogue, url_name):
    assert_access(client, personas, reverse(url_name), READERS | {"outsider_coordinator"})


def test_an_enquiry_is_inspected_by_the_programme_office_only(client, personas, enquiry):
    assert_access(client, personas, reverse("directory_enquiries:inspect", args=[enquiry.pk]),
                  READERS)


def test_a_listing_is_inspected_by_the_programme_office_only(client, personas, catalogue):
    url = reverse("directory_listings:inspect", args=[catalogue.stainless.pk])
    assert_access(client, personas, url, READERS)
    client.force_login(personas.coordinator)
    html = client.get(url).content.decode()
    assert "CNC işleme" in html and "Paslanmaz çelik" in html


def test_a_coordinator_of_another_programme_sees_none_of_its_enquiries(client, personas,
                                                                        enquiry, catalogue):
    EnquiryFactory(program=personas.other_program, organisation="Başka Alıcı Ltd")
    client.force_login(personas.outsider_coordinator)
    html = client.get(reverse("directory_enquiries:index")).content.decode()
    assert "Başka Alıcı Ltd" in html
    assert "Schmidt Maschinenbau GmbH" not in html
    listings = client.get(reverse("directory_listings:index")).content.decode()
    assert "Başka İl Paslanmaz CNC" in listings and "Erciyes Hassas" not in listings
    for name in ("match", "forward", "answered", "close"):
        url = reverse(f"directory_enquiries:{name}", args=[enquiry.pk])
        assert client.post(url, {"listings": [catalogue.stainless.pk],
                                 "reason": "x"}).status_code == 404, name
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RECEIVED


def test_no_one_but_a_coordinator_may_act_on_an_enquiry(client, personas, enquiry, catalogue):
    # Wagtail answers a missing permission with a redirect to the dashboard.
    refused = (reverse("wagtailadmin_home"), reverse("wagtailadmin_login"))
    for name in ("match", "close"):
        url = reverse(f"directory_enquiries:{name}", args=[enquiry.pk])
        for persona, user in personas.all_users().items():
            if persona == "coordinator":
                continue
            client.force_login(user)
            response = client.post(url, {"listings": [catalogue.stainless.pk], "reason": "x"})
            assert response.status_code in (302, 403, 404), (persona, name)
            if response.status_code == 302:
                assert response.url.startswith(refused), (persona, name, response.url)
    client.logout()
    response = client.post(reverse("directory_enquiries:match", args=[enquiry.pk]),
                           {"listings": [catalogue.stainless.pk]})
    assert response.status_code == 302 and "/login/" in response.url
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RECEIVED
    assert enquiry.events.count() == 0


def test_the_admin_offers_no_way_to_add_edit_or_delete_an_enquiry(client, personas, enquiry):
    client.force_login(personas.coordinator)
    html = client.get(reverse("directory_enquiries:index")).content.decode()
    assert reverse("directory_enquiries:inspect", args=[enquiry.pk]) in html
    assert "/admin/directory_enquiries/new/" not in html
    assert "/admin/directory_enquiries/delete/" not in html
    edit = client.get(reverse("directory_enquiries:edit", args=[enquiry.pk]))
    assert edit.status_code == 302
    assert edit.url == reverse("directory_enquiries:inspect", args=[enquiry.pk])


def test_the_enquiry_page_suggests_firms_from_the_directory_search(client, personas, enquiry,
                                                                    catalogue):
    client.force_login(personas.coordinator)
    url = reverse("directory_enquiries:inspect", args=[enquiry.pk])
    html = client.get(url).content.decode()
    suggestions = html.split('name="listings"')
    assert f'value="{catalogue.stainless.pk}"' in suggestions[1]
    assert "Gizli Paslanmaz" not in html and "Çekilmiş Paslanmaz" not in html
    other = client.get(url, {"find": "döküm Kocasinan"}).content.decode()
    assert "Kaya Döküm Ltd. Şti." in other


def test_a_coordinator_matches_and_forwards_from_the_enquiry_page(
        client, personas, enquiry, catalogue, django_capture_on_commit_callbacks):
    client.force_login(personas.coordinator)
    inspect = reverse("directory_enquiries:inspect", args=[enquiry.pk])
    response = client.post(reverse("directory_enquiries:match", args=[enquiry.pk]),
                           {"listings": [catalogue.stainless.pk, catalogue.foundry.pk]},
                           follow=True)
    html = response.content.decode()
    assert "Enquiry matched to 2 firms." in html
    assert '<strong data-status="matched">Matched</strong>' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory_enquiries:forward", args=[enquiry.pk]),
                               follow=True)
    html = response.content.decode()
    assert ("Enquiry forwarded to 2 firms; no e-mail for enquiries is recorded for "
            "Kaya Döküm Ltd. Şti.: pass it on to them yourself.") in html
    assert '<strong data-status="forwarded">Forwarded</strong>' in html
    assert [message.to for message in mail.outbox] == [["satis@erciyes.example"]]
    assert response.redirect_chain[-1][0] == inspect


def test_an_illegal_step_is_refused_with_the_reason(client, personas, enquiry):
    client.force_login(personas.coordinator)
    response = client.post(reverse("directory_enquiries:forward", args=[enquiry.pk]),
                           follow=True)
    assert "An enquiry that is “Received” cannot become “Forwarded”." in (
        response.content.decode())


def test_the_enquiry_listing_filters_by_status(client, personas, enquiry, catalogue):
    other = EnquiryFactory(program=personas.program, organisation="Kapalı Talep Ltd")
    other.close(by=personas.coordinator, reason="Spam")
    client.force_login(personas.coordinator)
    html = client.get(reverse("directory_enquiries:index"), {"status": "closed"}).content.decode()
    assert "Kapalı Talep Ltd" in html and "Schmidt Maschinenbau GmbH" not in html


def test_a_coordinator_records_a_consent(client, personas):
    firm = with_capabilities(FirmFactory(program=personas.program, trade_name="Yeni Firma A.Ş."),
                             ("process", "Lazer kesim"))
    FirmFactory(program=personas.other_program, trade_name="Dış Firma A.Ş.")
    client.force_login(personas.coordinator)
    form = client.get(reverse("directory_listings:add")).content.decode()
    assert "Yeni Firma A.Ş. · Kocasinan · Lazer kesim" in form
    assert "Dış Firma A.Ş." not in form
    response = client.post(reverse("directory_listings:add"), {
        "firm": firm.pk, "consented_on": "2026-11-20", "description_tr": "Lazer kesim.",
        "description_en": "Laser cutting.", "capacity": "aylık 10 ton", "contact_email": "",
        "withdrawn_on": ""})
    assert response.status_code == 302
    listing = Listing.objects.get(firm=firm)
    assert listing.recorded_by == personas.coordinator
    assert listing.is_public


def test_recording_a_withdrawal_takes_the_firm_off_and_names_who(client, personas, catalogue):
    listing = catalogue.stainless
    client.force_login(personas.coordinator)
    url = reverse("directory_listings:edit", args=[listing.pk])
    html = client.get(url).content.decode()
    assert "CNC işleme" in html  # the firm's capabilities beside the form
    data = {"consented_on": listing.consented_on.isoformat(),
            "withdrawn_on": datetime.date.today().isoformat(),
            "description_tr": listing.description_tr, "description_en": listing.description_en,
            "capacity": listing.capacity, "contact_email": listing.contact_email}
    import re
    data["loaded_version"] = re.search(r'name="loaded_version" value="([^"]*)"', html).group(1)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    listing.refresh_from_db()
    assert listing.withdrawn_by == personas.coordinator
    assert not listing.is_public


def test_the_edit_form_offers_only_the_listings_own_firm(client, personas, catalogue):
    listing = catalogue.stainless
    client.force_login(personas.coordinator)
    html = client.get(reverse("directory_listings:edit", args=[listing.pk])).content.decode()
    select = re.search(r'<select name="firm".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == [str(listing.firm_id)]
    assert " selected" in select and " disabled" in select


def test_a_withdrawal_before_the_consent_is_refused(client, personas, catalogue):
    listing = catalogue.stainless
    client.force_login(personas.coordinator)
    url = reverse("directory_listings:edit", args=[listing.pk])
    response = client.post(url, {
        "consented_on": listing.consented_on.isoformat(),
        "withdrawn_on": (listing.consented_on - datetime.timedelta(days=1)).isoformat(),
        "description_tr": "", "description_en": "", "capacity": "", "contact_email": ""})
    assert response.status_code == 200
    assert "Consent cannot be withdrawn before it was given." in response.content.decode()
    listing.refresh_from_db()
    assert listing.withdrawn_on is None


def test_a_supervisor_reads_but_cannot_record_consent(client, personas, catalogue):
    client.force_login(personas.supervisor)
    response = client.get(reverse("directory_listings:add"))
    assert response.status_code == 302
    assert Listing.objects.filter(firm__program=personas.program).count() == 8

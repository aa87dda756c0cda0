"""The public enquiry form: validation, routing to the right programme, the office told,
and spam refused without any third-party service."""

import time

import pytest
from django.core import mail

from directory import spam
from directory.models import Enquiry
from tests.factories import UserFactory
from tracker.access import Role
from tracker.models import Membership

# Personas, the directory site and its catalogue are built once for this module
# (tests/directory/conftest.py: shared_directory).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_directory")]


def enquiry_data(**overrides):
    data = {"need": "Paslanmaz çelik flanş, CNC işlenmiş, teknik resme göre",
            "quantity": "500 adet", "buyer_name": "Anna Schmidt",
            "organisation": "Schmidt Anlagenbau GmbH", "email": "anna@example.com",
            "phone": "+49 30 1234567", "message": "", "shown": spam.form_stamp(time.time() - 30)}
    data.update(overrides)
    return data


@pytest.fixture
def form_url(directory_site):
    return directory_site.tr_url + "enquiry/"


def test_an_enquiry_to_a_firm_reaches_the_firms_programme(anonymous_client, form_url,
                                                          catalogue, personas):
    response = anonymous_client.post(form_url, enquiry_data(listing=catalogue.stainless.pk))
    assert response.status_code == 302
    assert response.url.endswith("/enquiry/thanks/")
    enquiry = Enquiry.objects.get()
    assert enquiry.program == personas.program
    assert enquiry.requested_listing == catalogue.stainless
    assert enquiry.status == Enquiry.Status.RECEIVED
    assert enquiry.language == "tr"
    assert [(e.from_status, e.to_status, e.by) for e in enquiry.events.all()] == [
        ("", "received", None)]


def test_an_enquiry_to_a_firm_of_another_programme_goes_to_that_programme(
        anonymous_client, form_url, catalogue, personas):
    anonymous_client.post(form_url, enquiry_data(listing=catalogue.elsewhere.pk))
    assert Enquiry.objects.get().program == personas.other_program


def test_a_general_enquiry_goes_to_the_sites_programme(anonymous_client, form_url, catalogue,
                                                       personas):
    anonymous_client.post(form_url, enquiry_data())
    enquiry = Enquiry.objects.get()
    assert enquiry.program == personas.program
    assert enquiry.requested_listing is None


def test_the_programmes_coordinators_are_told(anonymous_client, form_url, catalogue, personas,
                                              django_capture_on_commit_callbacks):
    second = UserFactory(username="coordinator2", email="ikinci@kto.example")
    Membership.objects.create(user=second, program=personas.program, role=Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(form_url, enquiry_data(listing=catalogue.stainless.pk))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["coordinator@example.org", "ikinci@kto.example"]
    assert message.subject == "Rehberden yeni talep: Schmidt Anlagenbau GmbH"
    assert "Erciyes Hassas Makine" in message.body
    enquiry = Enquiry.objects.get()
    assert f"/admin/directory_enquiries/inspect/{enquiry.pk}/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_the_other_programmes_coordinator_is_not_told(anonymous_client, form_url, catalogue,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous_client.post(form_url, enquiry_data())
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


@pytest.mark.parametrize("field, value, message", [
    ("need", "", "Ofisin firma bulabilmesi için neye ihtiyacınız olduğunu yazın."),
    ("need", "flanş", "İhtiyacınızı birkaç kelimeyle daha açıklayın."),
    ("email", "anna@", "ad@ornek.com gibi geçerli bir e-posta adresi girin."),
    ("email", "", "Firmaların yanıt verebileceği bir e-posta adresi girin."),
    ("organisation", "", "Firmanızı veya kurumunuzu girin."),
    ("phone", "ara beni", "+90 352 123 45 67 gibi yalnızca rakamlardan oluşan bir telefon "
                          "numarası girin."),
    ("deadline", "2020-01-01", "Bu tarih geçti; bugünden sonraki bir tarih girin."),
])
def test_invalid_input_gets_a_clear_message_and_stores_nothing(anonymous_client, form_url,
                                                               catalogue, field, value, message):
    response = anonymous_client.post(form_url, enquiry_data(**{field: value}),
                                     HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Lütfen aşağıda işaretlenen alanları düzeltin." in html
    assert Enquiry.objects.count() == 0


def test_a_firm_that_withdrew_meanwhile_is_refused_with_a_way_on(anonymous_client, form_url,
                                                                 catalogue):
    response = anonymous_client.post(form_url, enquiry_data(listing=catalogue.withdrawn.pk))
    assert ("Bu firma artık rehberde yer almıyor; bunun yerine genel bir talep gönderin."
            in response.content.decode())
    assert Enquiry.objects.count() == 0


def test_a_filled_honeypot_is_thanked_and_stored_nowhere(anonymous_client, form_url, catalogue,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(form_url, enquiry_data(website="http://spam.example"))
    assert response.status_code == 302 and response.url.endswith("/enquiry/thanks/")
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_within_seconds_is_refused(anonymous_client, form_url, catalogue):
    response = anonymous_client.post(form_url, enquiry_data(shown=spam.form_stamp()))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Çok hızlı gönderildi. Lütfen talebinizi kontrol edip yeniden gönderin." in html
    assert Enquiry.objects.count() == 0


def test_a_form_kept_open_for_hours_is_refused(anonymous_client, form_url, catalogue):
    stale = spam.form_stamp(time.time() - 3 * 60 * 60)
    response = anonymous_client.post(form_url, enquiry_data(shown=stale))
    assert "Form çok uzun süre açık kaldı." in response.content.decode()
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("stamp", ["", "forged", '{"shown": 1}'])
def test_a_missing_or_forged_time_stamp_is_refused(anonymous_client, form_url, catalogue, stamp):
    response = anonymous_client.post(form_url, enquiry_data(shown=stamp))
    assert "Form doğrulanamadı. Lütfen yeniden gönderin." in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_the_refused_form_carries_a_fresh_stamp_and_the_buyers_typing(anonymous_client,
                                                                      form_url, catalogue):
    old = spam.form_stamp()
    html = anonymous_client.post(form_url, enquiry_data(shown=old)).content.decode()
    assert "Schmidt Anlagenbau GmbH" in html
    assert old not in html


def test_the_sixth_enquiry_within_the_hour_from_one_address_is_refused(
        anonymous_client, form_url, catalogue):
    for _index in range(5):
        assert anonymous_client.post(form_url, enquiry_data()).status_code == 302
    response = anonymous_client.post(form_url, enquiry_data())
    assert response.status_code == 429
    assert "Son bir saatte birkaç talep gönderdiniz." in response.content.decode()
    assert Enquiry.objects.count() == 5


def test_the_rate_limit_counts_each_address_apart(anonymous_client, form_url, catalogue):
    for _index in range(5):
        anonymous_client.post(form_url, enquiry_data(), REMOTE_ADDR="10.0.0.1")
    assert anonymous_client.post(form_url, enquiry_data(),
                                 REMOTE_ADDR="10.0.0.2").status_code == 302
    assert anonymous_client.post(form_url, enquiry_data(),
                                 REMOTE_ADDR="10.0.0.1").status_code == 429


def test_the_thank_you_page_answers_in_english(anonymous_client, directory_site, catalogue):
    response = anonymous_client.post(directory_site.en_url + "enquiry/", enquiry_data(),
                                     follow=True)
    assert "Thank you, your enquiry has been received" in response.content.decode()
    assert Enquiry.objects.get().language == "en"

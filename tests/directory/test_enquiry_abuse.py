"""The enquiry form against replays and forged addresses: a time stamp is good for one
enquiry, and the rate limit counts the address the trusted proxy reports."""

import pytest

from directory.models import Enquiry
from tests.directory.test_enquiry_form import enquiry_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_directory")]


@pytest.fixture
def form_url(directory_site):
    return directory_site.tr_url + "enquiry/"


def test_a_time_stamp_sends_one_enquiry_only(anonymous_client, form_url, catalogue):
    data = enquiry_data()
    assert anonymous_client.post(form_url, data).status_code == 302
    for _replay in range(3):
        page = anonymous_client.post(form_url, data).content.decode()
        assert "Bu form zaten gönderildi." in page
    assert Enquiry.objects.count() == 1


def test_a_form_with_a_mistake_keeps_its_stamp_for_the_corrected_send(
        anonymous_client, form_url, catalogue):
    data = enquiry_data(email="not-an-address")
    assert anonymous_client.post(form_url, data).status_code == 200
    data["email"] = "anna@example.com"
    assert anonymous_client.post(form_url, data).status_code == 302
    assert Enquiry.objects.count() == 1


def test_a_direct_client_cannot_rotate_forwarded_addresses_past_the_limit(
        anonymous_client, form_url, catalogue, settings):
    settings.PROXY_COUNT = 1
    answers = [anonymous_client.post(form_url, enquiry_data(), REMOTE_ADDR="203.0.113.9",
                                     HTTP_X_FORWARDED_FOR=f"198.51.100.{index}").status_code
               for index in range(7)]
    assert answers == [302] * 5 + [429] * 2
    assert Enquiry.objects.count() == 5


def test_behind_the_proxy_the_address_it_appended_is_counted(
        anonymous_client, form_url, catalogue, settings):
    settings.PROXY_COUNT = 1
    answers = [anonymous_client.post(
        form_url, enquiry_data(), REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"10.9.9.{index}, 198.51.100.7").status_code for index in range(7)]
    assert answers == [302] * 5 + [429] * 2
    other = anonymous_client.post(form_url, enquiry_data(), REMOTE_ADDR="127.0.0.1",
                                  HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 302

"""A field agent who forgot the password gets a new one through /field/."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.access import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_links_to_the_reset(client):
    response = client.get(reverse("field:login"))
    assert reverse("field:password_reset").encode() in response.content


def test_an_agent_resets_the_password_through_the_link(client, personas, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://izleme.example.org"
    response = client.post(reverse("field:password_reset"), {"email": "agent1@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("field:password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https://izleme\.example\.org(/field/password-reset/\S+/)",
                     mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.context["validlink"] is True
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "Yeni-parola-2026!",
                                                    "new_password2": "Yeni-parola-2026!"})
    assert done.url == reverse("field:password_reset_complete")
    assert client.login(username="agent1", password="Yeni-parola-2026!")
    assert not client.login(username="agent1", password=PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, personas):
    response = client.post(reverse("field:password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("field:password_reset_done")
    assert mail.outbox == []


def test_a_used_link_is_refused(client, personas):
    client.post(reverse("field:password_reset"), {"email": "agent1@example.org"})
    link = re.search(r"(/field/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Yeni-parola-2026!",
                                             "new_password2": "Yeni-parola-2026!"})
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False

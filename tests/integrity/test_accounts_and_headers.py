"""Login throttling, security headers and error pages."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.access import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


@pytest.mark.parametrize("login_url", ["/admin/login/", "/field/login/"])
def test_repeated_wrong_passwords_lock_the_login(client, personas, limit, login_url, caplog):
    for _ in range(limit - 1):
        response = client.post(login_url, {"username": "agent1", "password": "wrong"})
        assert response.status_code == 200
    with caplog.at_level(logging.WARNING, logger="tracker.security"):
        locked = client.post(login_url, {"username": "agent1", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert any("locked out" in record.getMessage() for record in caplog.records)
    # Even the right password is refused while the lock holds.
    again = client.post(login_url, {"username": "agent1", "password": PASSWORD})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_names_is_locked_too(client, personas, limit):
    for name in ("agent1", "agent2", "supervisor"):
        response = client.post("/field/login/", {"username": name, "password": "wrong"})
    assert response.status_code == 429


def test_a_right_password_before_the_limit_logs_in_and_resets(client, personas, limit):
    client.post("/field/login/", {"username": "agent1", "password": "wrong"})
    response = client.post("/field/login/", {"username": "agent1", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.agent1.pk)


@pytest.mark.parametrize("url", ["/field/login/", "/admin/login/"])
def test_pages_carry_a_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "camera=(self)" in response["Permissions-Policy"]


def test_only_the_admin_allows_inline_scripts(client):
    field = client.get("/field/login/")["Content-Security-Policy"]
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self';" in field + ";"
    assert "'unsafe-inline'" in admin.split("script-src")[1].split(";")[0]


def test_a_missing_page_is_shown_in_the_visitors_language(personas):
    turkish = Client(HTTP_ACCEPT_LANGUAGE="tr")
    turkish.force_login(personas.agent1)
    response = turkish.get("/field/visits/999999/")
    assert response.status_code == 404
    assert "Sayfa bulunamadı" in response.content.decode()
    assert "/field/" in response.content.decode()


def test_a_refused_page_says_who_to_ask(client, personas):
    client.force_login(personas.agent1)
    response = client.get(reverse("field:review_queue"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You are not allowed to open this page" in page
    assert "Only supervisors and coordinators review visits." in page


def test_a_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("tr"):
        page = render_to_string("500.html")
    assert "Sunucu" in page or "bizim tarafımızda" in page

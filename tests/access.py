"""Helpers for access tests: what an allowed, a denied and an anonymous request look like."""

from django.urls import reverse
from django.utils import translation

DENIALS = (
    "Sorry, you do not have permission to access this area.",
    "You do not have permission to access the admin.",
)


def denial_messages():
    """Wagtail's denial messages in both admin languages."""
    found = set()
    for language in ("tr", "en"):
        with translation.override(language):
            found |= {translation.gettext(text) for text in DENIALS}
    return found

PASSWORD = "correct-horse-battery"


def assert_allowed(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (
        f"{user.username} should read {url}, got {response.status_code}"
    )
    return response


def assert_denied(client, user, url):
    """Denied means 403/404, or Wagtail's denial: a redirect away with an error message.

    Wagtail answers a missing model permission with a redirect to the dashboard and
    "Sorry, you do not have permission to access this area.", and a user without
    admin access with a redirect to the login page; rows outside ``for_user`` are 404.
    """
    client.force_login(user)
    response = client.get(url)
    if response.status_code in (403, 404):
        return response
    assert response.status_code == 302, (
        f"{user.username} should be denied {url}, got {response.status_code}"
    )
    assert response.url in (reverse("wagtailadmin_home"),) or response.url.startswith(
        reverse("wagtailadmin_login")
    ), f"{user.username} at {url} was sent to {response.url}"
    follow = client.get(response.url)
    messages = [str(m) for m in follow.context["messages"]] if follow.context else []
    assert set(m.strip() for m in messages) & denial_messages(), messages
    return response


def assert_login_required(client, url):
    client.logout()
    response = client.get(url)
    assert response.status_code == 302, f"anonymous at {url} got {response.status_code}"
    assert response.url.startswith(reverse("wagtailadmin_login")) or "/login" in response.url
    return response

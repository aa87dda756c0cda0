"""Access checks shared by every test package: the test password, what an allowed, a
denied and an anonymous request look like, and one call that checks a URL for every
persona (``assert_access``).

Use ``from tests.access import PASSWORD`` for the personas' password and
``assert_access(client, personas, url, {"coordinator", ...})`` for "who may open this".
"""

from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import reverse
from django.utils import translation

# The password of every user the factories and the personas create.
PASSWORD = "correct-horse-battery"

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
    client.cookies.pop(CookieStorage.cookie_name, None)  # only this response's messages count
    response = client.get(url)
    if response.status_code in (403, 404):
        return response
    assert response.status_code == 302, (
        f"{user.username} should be denied {url}, got {response.status_code}"
    )
    assert response.url in (reverse("wagtailadmin_home"),) or response.url.startswith(
        reverse("wagtailadmin_login")
    ), f"{user.username} at {url} was sent to {response.url}"
    # The message the redirect carries to the next page (as stored for it by the messages
    # middleware), read from the request rather than by rendering that page.
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    client.cookies.pop(CookieStorage.cookie_name, None)
    assert set(m.strip() for m in messages) & denial_messages(), messages
    return response


def assert_login_required(client, url):
    client.logout()
    response = client.get(url)
    assert response.status_code == 302, f"anonymous at {url} got {response.status_code}"
    assert response.url.startswith(reverse("wagtailadmin_login")) or "/login" in response.url
    return response


def assert_access(client, personas, url, allowed):
    """Anonymous is sent to log in; each persona named in ``allowed`` (keys of
    ``personas.all_users()``) reads ``url``, every other persona is denied."""
    users = personas.all_users()
    unknown = set(allowed) - set(users)
    assert not unknown, f"no such persona: {sorted(unknown)}"
    assert_login_required(client, url)
    for name, user in users.items():
        if name in allowed:
            assert_allowed(client, user, url)
        else:
            assert_denied(client, user, url)


def assert_post_refused(client, personas, url, allowed, data=None):
    """Every persona not in ``allowed`` gets 403 or 404 when posting ``data`` to ``url``."""
    for name, user in personas.all_users().items():
        if name in allowed:
            continue
        client.force_login(user)
        response = client.post(url, data or {})
        assert response.status_code in (403, 404), (name, url, response.status_code)


def national_coordinator(username="national"):
    """The ministry's national coordinator persona: no membership in any programme, only
    the group that reads every programme's plan (``tracker.access.NATIONAL_COORDINATOR``).
    Needs the role groups (the ``role_groups`` or ``personas`` fixture)."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory
    from tracker.access import NATIONAL_COORDINATOR, ROLE_GROUP_NAMES

    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[NATIONAL_COORDINATOR]))
    return user

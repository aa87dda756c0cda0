"""Response headers that limit what a page may load and use, and the login lockout.

One Content-Security-Policy for the whole site (``CONTENT_SECURITY_POLICY`` in the
settings): scripts only from the site's own files. The Wagtail admin is the one
exception: its date and chooser widgets initialise themselves with inline scripts, so
its pages also allow inline scripts; the field app and the public site do not.
"""

import logging

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("tracker.security")


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the admin's inline scripts and a Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(settings.ADMIN_URL_PREFIX) and parts.update is None:
            parts.update = {"script-src": [UNSAFE_INLINE]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for logins made through a web request. A login without one
    (the test client, a shell) has no address or form to throttle, so it is passed on
    to the next backend instead of being refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (HTTP 429), in the visitor's language."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    username = (credentials or {}).get("username", "")
    logger.warning("Login locked out after repeated failures: username=%r address=%s path=%s",
                   username, request.META.get("REMOTE_ADDR", ""), request.path)
    if minutes:
        message = _("Too many failed logins: signing in from here is locked for %(minutes)s "
                    "minutes. Wait, then try again, or reset your password.") % {
            "minutes": minutes}
    else:
        message = _("Too many failed logins: signing in from here is locked. Ask a "
                    "coordinator to unlock your account.")
    return render(request, "lockout.html", {"message": message}, status=429)


"""The visitor's address as the trusted reverse proxy reports it, for the login lockout and
the rate limits: never a header the visitor could write."""

import ipaddress

from django.conf import settings


def _trusted_proxy(address):
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in settings.TRUSTED_PROXY_NETWORKS)


def client_address(request):
    """The visitor's address as the trusted proxy reports it.

    Behind ``DJANGO_PROXY_COUNT`` proxies, the address the nearest of them appended to
    ``X-Forwarded-For`` (the Nth entry from the right); entries further left were written
    by the client and are never read. The header is believed only when the connection
    comes from a trusted proxy (``DJANGO_TRUSTED_PROXIES``): a client that reaches the
    application server directly is known by its socket address, whatever it sends."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if not proxies or not _trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]

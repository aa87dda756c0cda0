"""Spam protection of the public enquiry form, without any third-party service.

Three checks: a honeypot field that people never see and bots fill in; a signed time
stamp of when the form was shown, so a form sent within seconds (a script) or after
hours (a stale, replayed copy) is refused, and each stamp is good for one enquiry; and a
limit of enquiries per IP address per hour, counted in the shared cache. The address is
the one the trusted proxy reports (``core.proxies.client_address``), passed in.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "directory.enquiry-form"
# Overridable in settings, so a test can fill the form as fast as a script.
MIN_SECONDS_DEFAULT = 3
MAX_SECONDS = 2 * 60 * 60
RATE_LIMIT_DEFAULT = 5
RATE_WINDOW_SECONDS = 60 * 60


def min_seconds():
    return getattr(settings, "DIRECTORY_ENQUIRY_MIN_SECONDS", MIN_SECONDS_DEFAULT)


def rate_limit():
    return getattr(settings, "DIRECTORY_ENQUIRY_RATE_LIMIT", RATE_LIMIT_DEFAULT)


def form_stamp(now=None):
    """A signed token saying when the form was shown, with a nonce that makes it single-use."""
    return signing.dumps({"shown": round(now if now is not None else time.time(), 3),
                          "nonce": uuid.uuid4().hex}, salt=SALT)


class StampProblem:
    INVALID = "invalid"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    USED = "used"


def _read_stamp(token):
    try:
        stamp = signing.loads(token or "", salt=SALT)
        return float(stamp["shown"]), str(stamp["nonce"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def stamp_problem(token, now=None):
    """``None`` when ``token`` is a genuine stamp of a form shown long enough ago and not
    too long ago, otherwise which :class:`StampProblem` it has."""
    stamp = _read_stamp(token)
    if stamp is None:
        return StampProblem.INVALID
    age = (now if now is not None else time.time()) - stamp[0]
    if age < min_seconds():
        return StampProblem.TOO_FAST
    if age > MAX_SECONDS:
        return StampProblem.EXPIRED
    return None


def use_stamp(token):
    """Spend the (valid) stamp ``token``: ``None`` the first time, ``StampProblem.USED``
    after. The nonce is kept in the shared cache for as long as the stamp could be valid,
    so a replay to any web node is refused."""
    _shown, nonce = _read_stamp(token)
    if cache.add(f"directory:stamp:{nonce}", 1, MAX_SECONDS + 60):
        return None
    return StampProblem.USED


def _rate_key(ip, scope):
    # The address is hashed: the cache needs to tell visitors apart, not to know them.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]
    return f"directory:{scope}:{digest}"


def is_rate_limited(ip, *, scope="enquiries", limit=None):
    """True when ``ip`` has done ``scope`` (enquiries, a registration elsewhere…) as many
    times this hour as ``limit`` (default: the enquiry limit) allows."""
    return (cache.get(_rate_key(ip, scope)) or 0) >= (rate_limit() if limit is None else limit)


def count_attempt(ip, *, scope):
    """Count one ``scope`` from ``ip``; the window starts with its first one."""
    key = _rate_key(ip, scope)
    if not cache.add(key, 1, RATE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, RATE_WINDOW_SECONDS)


def count_enquiry(ip):
    count_attempt(ip, scope="enquiries")

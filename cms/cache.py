"""The public pages' cache: rendered anonymous responses, shared by every web process
through the configured cache (Redis in production, local memory by default).

A cached page remembers the *versions* of what it was rendered from: its programme's
figures (``program:<id>``), the national figures it shows beside them (``clusters``: the
national cluster funnel on home pages) and the whole site (``all``). A change renews only
the versions it touches (``cms.signals``): a task saved in Samsun renders Samsun's pages
afresh and leaves Kayseri's cached. Field-study figures move with every visit a field
agent submits; rather than discard pages at each of them, cached pages live at most
``CMS_PAGE_CACHE_SECONDS`` (300 s by default), so those figures are at most that old.

A page is keyed by host and path with its query string normalised (tracking and unknown
parameters dropped, the rest in a canonical order and case), so ``?utm_source=…`` or
``?q=CNC`` hit the entry of the plain or ``?q=cnc`` page; the page itself is served from
the normalised query, so what it shows is what is stored under that key.

A request from a signed-in user is never served from, nor stored in, the cache, and
its response tells browsers and proxies not to keep it.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import add_never_cache_headers

from core.paths import UNPREFIXED_PATHS

SITE_SCOPE = "all"
NATIONAL_CLUSTERS_SCOPE = "clusters"
KEPT_HEADERS = ("Content-Disposition", "Content-Language")


def _lower_turkish(value):
    return " ".join(value.replace("İ", "i").replace("I", "ı").lower().split())


def _digits(value):
    value = value.strip()
    return value if value.isdigit() and len(value) < 12 else ""


# The query parameters public pages read, each with its canonical form; any other
# parameter (utm_*, fbclid, a typo) changes nothing on the page and is dropped.
PUBLIC_PARAMETERS = {
    "q": _lower_turkish,
    "pillar": lambda value: value.strip().upper()[:10],
    "status": lambda value: value.strip().lower()[:20],
    "institution": _digits,
    "firm": _digits,
    "page": _digits,
    # The career portal's vacancy list (zones/views.py).
    "occupation": lambda value: value.strip().lower()[:40],
    "district": lambda value: value.strip()[:60],
}


def normalised_query(query_dict):
    """``query_dict`` reduced to the public parameters, canonical and sorted by name."""
    kept = QueryDict(mutable=True)
    for name in sorted(PUBLIC_PARAMETERS):
        value = query_dict.get(name)
        if value is None:
            continue
        value = PUBLIC_PARAMETERS[name](value)
        if value:
            kept[name] = value
    return kept


def normalise_request_query(request):
    """Serve ``request`` from its normalised query string (see the module's docstring);
    the query as sent stays in ``META["ORIGINAL_QUERY_STRING"]`` for a redirect to pass on
    whole."""
    request.META.setdefault("ORIGINAL_QUERY_STRING", request.META.get("QUERY_STRING", ""))
    kept = normalised_query(request.GET)
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def version_key(scope):
    return f"cms:version:{scope}"


def current_versions(scopes):
    """``{version key: version}`` for ``scopes``, creating a missing version."""
    keys = [version_key(scope) for scope in scopes]
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            cache.add(key, uuid.uuid4().hex, None)
            versions[key] = cache.get(key)
    return versions


def renew(*scopes):
    """Pages rendered from any of ``scopes`` are rendered again on their next read."""
    cache.set_many({version_key(scope): uuid.uuid4().hex for scope in scopes}, None)


def invalidate_public_pages(**_signal_kwargs):
    """Renew every public page of every programme."""
    renew(SITE_SCOPE)


def program_scope(program_id):
    return f"program:{program_id}"


def is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
    )


def page_cache_key(request):
    return f"cms:page:{request.get_host()}:{request.get_full_path()}"


def cached_response(request):
    """The stored response for ``request`` if none of its versions was renewed since,
    else ``None``: two cache reads."""
    stored = cache.get(page_cache_key(request))
    if stored is None:
        return None
    versions, content, status, headers = stored
    if cache.get_many(list(versions)) != versions:
        return None
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    response["X-Public-Cache"] = "hit"
    return response


class PublicPageCacheMiddleware:
    """Answer an anonymous reader from the cache before any URL resolving or page
    routing, so a cached page costs two cache reads and no database query. Pages
    store their responses themselves (:class:`CachedPageMixin`), after Wagtail has
    checked that they are live and public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable(request) and not request.path_info.startswith(UNPREFIXED_PATHS):
            normalise_request_query(request)
            response = cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)


class CachedPageMixin:
    """Serve anonymous readers a page's rendered response from the cache."""

    def cache_scopes(self):
        """What the page is rendered from, as version scopes (see the module docstring)."""
        program_id = getattr(self.home, "program_id", None) if hasattr(self, "home") else None
        return [SITE_SCOPE] + ([program_scope(program_id)] if program_id else [])

    def serve(self, request, *args, **kwargs):
        if not is_cacheable(request):
            response = super().serve(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
            return response
        response = cached_response(request)
        if response is not None:
            return response
        key = page_cache_key(request)
        # Read before rendering: a change made while the page renders renews it.
        versions = current_versions(self.cache_scopes())
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            headers = {name: response[name] for name in ("Content-Type", *KEPT_HEADERS)
                       if response.has_header(name)}
            cache.set(key, (versions, response.content, response.status_code, headers),
                      settings.CMS_PAGE_CACHE_SECONDS)
        response["X-Public-Cache"] = "miss"
        return response

"""The public pages' cache: rendered anonymous responses, shared by every web process
through the configured cache (Redis in production, local memory by default).

A cached page is keyed by a *version* of the public figures. Publishing or unpublishing
a page and every change to what the pages compute from — phases, milestones, the
action plan, tasks, indicators, their targets and values, reporting periods (a lock
publishes a period's values), clusters and their stages — replaces the version, so the
next request renders afresh (``cms.signals``). Field-study figures move with every
visit a field agent submits; rather than discard every page at each of them, cached
pages live at most ``CMS_PAGE_CACHE_SECONDS`` (300 s by default), so those figures are
at most that old.

A request from a signed-in user is never served from, nor stored in, the cache, and
its response tells browsers and proxies not to keep it.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from core.paths import UNPREFIXED_PATHS

VERSION_KEY = "cms:public-version"
KEPT_HEADERS = ("Content-Disposition", "Content-Language")


def public_version():
    """The current version of the public figures, created on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate_public_pages(**_signal_kwargs):
    """Start a new version: every page cached so far is rendered again on its next read."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
    )


def page_cache_key(request):
    return f"cms:page:{public_version()}:{request.get_host()}:{request.get_full_path()}"


def cached_response(request):
    """The stored response for ``request``, or ``None``."""
    stored = cache.get(page_cache_key(request))
    if stored is None:
        return None
    content, status, headers = stored
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
            response = cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)


class CachedPageMixin:
    """Serve anonymous readers a page's rendered response from the cache."""

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
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            headers = {name: response[name] for name in ("Content-Type", *KEPT_HEADERS)
                       if response.has_header(name)}
            cache.set(key, (response.content, response.status_code, headers),
                      settings.CMS_PAGE_CACHE_SECONDS)
        response["X-Public-Cache"] = "miss"
        return response

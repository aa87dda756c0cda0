"""Public views outside the page tree: site search, robots.txt, the favicon and the
career portal's old zone address."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from cms.models import HomePage, SearchEntry
from cms.models.zones import zone_page_url
from cms.site_search import query_words, search_site
from tracker.models import Program
from zones.public import public_zone

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def _home_page(request, language):
    """The home page of the current site's tree in ``language``, with its programme."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return (HomePage.objects.filter(
        translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"),
        locale__language_code=language).select_related("program").first())


@require_GET
def search(request):
    """The programme's site search in the language being read (``cms.site_search``)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    language = translation.get_language()
    home = _home_page(request, language) if query else None
    results, suggestions = None, []
    if query:
        found = (search_site(home.program, language, query) if home and home.program
                 else SearchEntry.objects.none())
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        if not results.paginator.count and home is not None:
            suggestions = home.get_children().live().public().in_menu()
    return render(request, "cms/search.html", {
        "search_query": query, "results": results, "suggestions": suggestions,
        "words": [word.lowered for word in query_words(query)],
    })


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /field/",
        "Disallow: /documents/",
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri(reverse('public_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return redirect(staticfiles_storage.url("cms/favicon.svg"), permanent=True)


@require_GET
def careers_zone(request, program_slug, zone_slug):
    """The career portal's old address of a zone: a permanent redirect to the zone's page
    on the programme site, the query string kept as it was sent (an occupation searched
    for, a campaign's tracking parameters)."""
    zone = public_zone(get_object_or_404(Program, slug=program_slug), zone_slug)
    url = zone_page_url(zone, translation.get_language(), request) if zone else None
    if url is None:
        raise Http404
    query = request.META.get("ORIGINAL_QUERY_STRING", request.META.get("QUERY_STRING", ""))
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

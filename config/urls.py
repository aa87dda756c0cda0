from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as public_views
from cms.api import api as public_api
from cms.sitemaps import PublicSitemap
from config import health

urlpatterns = [
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("field/", include("fieldvisits.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", public_api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="public_sitemap"),
    path("robots.txt", public_views.robots_txt, name="public_robots"),
    path("favicon.ico", public_views.favicon, name="public_favicon"),
]

if settings.DEBUG:
    # Only public images are plain files; confidential uploads (visit attachments, task
    # evidence) are served by views that check who is asking, in development too.
    for folder in ("original_images", "images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += i18n_patterns(
    path("search/", public_views.search, name="public_search"),
    # A zone's page lives on the programme site; the portal's old address redirects there.
    path("careers/<slug:program_slug>/zones/<slug:zone_slug>/", public_views.careers_zone,
         name="careers_zone"),
    path("careers/", include("zones.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

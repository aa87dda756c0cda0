"""The programme's industrial zones on the public site: a list of the zones, and each
zone's page (profile, its own figures with their source, the career portal's figures under
the disclosure rule, its firms in the capability directory and its open vacancies).

Everything comes from ``zones.public``; no job seeker's data is read here. Pages are
cached like every public page; a zone, a firm's place in it, a vacancy or a candidacy
saved renews the programme's pages (``cms.signals``)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from cms.models.pages import RoutablePublicPage
from zones import public


class ZonesPage(RoutablePublicPage):
    """``/`` lists the programme's zones; ``<zone slug>/`` is a zone's page."""

    template = "cms/zones_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("industrial zones page")

    @path("", name="zones")
    def zones(self, request):
        zones = public.zones_of(self.program) if self.program else []
        return self.render(request, context_overrides={"zones": zones})

    @path("<slug:zone_slug>/", name="zone")
    def zone(self, request, zone_slug):
        zone = public.public_zone(self.program, zone_slug) if self.program else None
        if zone is None:
            raise Http404
        context = public.zone_page(zone, occupation=request.GET.get("occupation", ""))
        return self.render(request, template="cms/zone_page.html",
                           context_overrides=context)

"""The programme's industrial zones on the public site: a list of the zones, and each
zone's page (profile, its own figures with their source, the career portal's figures under
the disclosure rule, its firms in the capability directory and its open vacancies).

This is a zone's one public page: the career portal's old address of a zone
(``/<language>/careers/<programme>/zones/<zone>/``) answers with a permanent redirect here
(``cms.views.careers_zone``), and the portal's pages link here (``zone_page_url``).

Everything comes from ``zones.public``; no job seeker's data is read here. Pages are
cached like every public page; a zone, a firm's place in it, a vacancy or a candidacy
saved renews the programme's pages (``cms.signals``)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from cms.models.pages import HomePage, RoutablePublicPage
from core.translation import ORIGINAL_LANGUAGE
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


def zones_page_for(program, language):
    """The live zones page of ``program`` in ``language``, else in the original language's
    tree (a programme whose site is not translated yet), else ``None``."""
    for code in dict.fromkeys((language, ORIGINAL_LANGUAGE)):
        home = HomePage.objects.live().filter(program=program,
                                              locale__language_code=code).first()
        page = ZonesPage.objects.live().public().child_of(home).first() if home else None
        if page is not None:
            return page
    return None


def zone_page_url(zone, language, request=None):
    """The address of ``zone``'s page on the programme site in ``language`` (or the
    original language's tree), ``None`` when the programme has no zones page."""
    page = zones_page_for(zone.program, language)
    if page is None:
        return None
    return page.get_url(request) + page.reverse_subpage("zone", args=[zone.slug])

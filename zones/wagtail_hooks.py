from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from core.menus import QueriedMenuItem
from zones import admin_views
from zones.models import Zone
from zones.queries import placement_zones
from zones.viewsets import ZonesViewSetGroup


@hooks.register("register_admin_viewset")
def register_zone_viewsets():
    return ZonesViewSetGroup()


@hooks.register("register_admin_urls")
def register_zone_admin_urls():
    return [
        path("zones/vacancy/<int:pk>/candidates/", admin_views.matching_view,
             name="zones_matching"),
        path("zones/candidacy/<int:pk>/<str:move>/", admin_views.candidacy_move_view,
             name="zones_candidacy_move"),
        path("zones/vacancy/<int:vacancy_pk>/cv/<int:seeker_pk>/", admin_views.cv_view,
             name="zones_cv"),
        path("zones/vacancy/<int:vacancy_pk>/cv/<int:seeker_pk>/file/",
             admin_views.cv_file_view, name="zones_cv_file"),
        path("zones/placements/", admin_views.placements_view, name="zones_placements"),
        path("zones/visits-with-needs/", admin_views.visits_with_needs_view,
             name="zones_visits_with_needs"),
    ]


class PlacementReaderMenuItem(QueriedMenuItem):
    def shown_for(self, request):
        return any(zones.exists() for zones in placement_zones(request.user))


@hooks.register("register_reports_menu_item")
def register_placements_menu_item():
    return PlacementReaderMenuItem(_("Placements"), reverse("zones_placements"),
                              name="zone-placements", icon_name="user", order=170)


class OwnZoneMenuItem(MenuItem):
    """Zone staff find their zone at the top of the menu, under its own name: its edit
    page (one zone) or the listing of their zones (several)."""

    def _zones(self, request):
        # Asked twice per page (shown? then drawn): read once.
        if not hasattr(request, "_own_zones"):
            request._own_zones = list(Zone.objects.filter(memberships__user=request.user)
                                      .order_by("name_tr")[:2])
        return request._own_zones

    def is_shown(self, request):
        return bool(self._zones(request))

    def render_component(self, request):
        zones = self._zones(request)
        if len(zones) == 1:
            label, url = zones[0].name, reverse("zone:edit", args=[zones[0].pk])
        else:
            label, url = _("My zones"), reverse("zone:index")
        return LinkMenuItem(self.name, label, url, icon_name=self.icon_name,
                            classname=self.classname, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def register_own_zone_menu_item():
    return OwnZoneMenuItem(_("My zone"), "", name="own-zone", icon_name="site", order=5)

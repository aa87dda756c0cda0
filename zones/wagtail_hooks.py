from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from zones import admin_views
from zones.models import zones_for
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


class ZoneReaderMenuItem(MenuItem):
    def is_shown(self, request):
        return zones_for(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_placements_menu_item():
    return ZoneReaderMenuItem(_("Placements"), reverse("zones_placements"),
                              name="zone-placements", icon_name="user", order=170)

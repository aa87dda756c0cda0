from django.urls import path
from wagtail import hooks

from zones import admin_views
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
    ]

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from clusters import admin_views
from clusters.viewsets import ClustersViewSetGroup
from core.menus import QueriedMenuItem
from tracker.access import PLAN_READERS
from tracker.models import programs_for


@hooks.register("register_admin_viewset")
def register_cluster_viewsets():
    return ClustersViewSetGroup()


@hooks.register("register_admin_urls")
def register_cluster_admin_urls():
    return [
        path("clusters/move/<int:pk>/<str:move>/", admin_views.cluster_move_view,
             name="clusters_move"),
        path("clusters/overview/", admin_views.overview_view, name="clusters_overview"),
        path("clusters/financing/move/<int:pk>/<str:move>/", admin_views.financing_move_view,
             name="cluster_financing_move"),
    ]


class ClusterReaderMenuItem(QueriedMenuItem):
    def shown_for(self, request):
        return programs_for(request.user, PLAN_READERS).exists()


@hooks.register("register_reports_menu_item")
def register_cluster_overview_menu_item():
    return ClusterReaderMenuItem(_("Cluster programmes"), reverse("clusters_overview"),
                                 name="cluster-programmes", icon_name="group", order=160)

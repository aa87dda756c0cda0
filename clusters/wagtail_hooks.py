from django.urls import path
from wagtail import hooks

from clusters import admin_views
from clusters.viewsets import ClustersViewSetGroup


@hooks.register("register_admin_viewset")
def register_cluster_viewsets():
    return ClustersViewSetGroup()


@hooks.register("register_admin_urls")
def register_cluster_admin_urls():
    return [
        path("clusters/move/<int:pk>/<str:move>/", admin_views.cluster_move_view,
             name="clusters_move"),
        path("clusters/financing/move/<int:pk>/<str:move>/", admin_views.financing_move_view,
             name="cluster_financing_move"),
    ]

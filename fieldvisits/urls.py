from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from fieldvisits import views

app_name = "field"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.FieldLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("field:login")),
         name="logout"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/form/", views.visit_form, name="visit_form"),
    path("visits/<int:pk>/submit.json", views.submit_json, name="submit_json"),
    path("visits/<int:pk>/attachments/", views.upload_attachment, name="upload_attachment"),
    path("visits/<int:pk>/close/", views.close_visit, name="close_visit"),
    path("visits/<int:pk>/review/", views.review, name="review"),
    path("visits/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("visits/<int:pk>/findings/", views.add_finding, name="add_finding"),
    path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
    path("review/", views.review_queue, name="review_queue"),
]

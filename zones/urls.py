from django.urls import path

from zones import views

app_name = "careers"

urlpatterns = [
    path("me/", views.me_view, name="me"),
    path("me/download/", views.download_view, name="download"),
    path("me/erase/", views.erase_view, name="erase"),
    path("link/", views.link_request_view, name="link"),
    path("verify/<str:token>/", views.verify_view, name="verify"),
    path("<slug:program_slug>/", views.vacancies_view, name="vacancies"),
    path("<slug:program_slug>/register/", views.register_view, name="register"),
]

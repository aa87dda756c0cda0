from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("<int:pk>/download/", views.download, name="download"),
    path("public/<int:pk>/", views.public_download, name="public_download"),
]

from functools import wraps

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache

from fieldvisits import offline_views, views

app_name = "field"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.FieldLoginView.as_view(), name="login"),
    path("logout/", never_cache(auth_views.LogoutView.as_view(
        next_page=reverse_lazy("field:login"))), name="logout"),
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
    # The installable, offline app: manifest, service worker, what a phone keeps, and the
    # endpoints its outbox sends drafts and photos to.
    path("manifest.webmanifest", offline_views.web_manifest, name="manifest"),
    path("sw.js", offline_views.service_worker, name="sw"),
    path("offline.json", offline_views.offline_bundle, name="offline_bundle"),
    path("key.json", offline_views.store_key_json, name="store_key"),
    path("visits/<int:pk>/draft.json", offline_views.draft_json, name="draft_json"),
    path("visits/<int:pk>/attachments.json", offline_views.attachment_json,
         name="attachment_json"),
    path("password-reset/", offline_views.FieldPasswordResetView.as_view(),
         name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="field/password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", offline_views.FieldPasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="field/password_reset_complete.html"), name="password_reset_complete"),
]


def _private(view):
    """Field pages carry an agent's answers: no browser or proxy cache keeps them (the
    service worker keeps its own copies, locked at logout). Views that say otherwise (the
    worker's script, the list of kept pages with its ETag) keep their own header."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    return wrapped


for _pattern in urlpatterns:
    _pattern.callback = _private(_pattern.callback)

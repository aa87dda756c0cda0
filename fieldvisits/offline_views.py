"""The offline side of the /field/ app: the installable app's manifest and service worker,
the list of pages a phone keeps for the agent's own visits, and the JSON endpoints the
phone's outbox sends drafts and photos to (submissions go to ``views.submit_json``)."""

import base64
import datetime
import hashlib
import hmac
import json
import uuid
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from core.workflow import IllegalMove
from fieldvisits.models import QuestionnaireVersion, Visit
from fieldvisits.payloads import BadPayload, parse_answers_body
from fieldvisits.services import StaleDraft, add_attachment, save_draft
from fieldvisits.views import (
    FIELD_ROLES,
    _own_editable_visit,
    field_json_required,
    server_answers,
)
from tracker.models import program_ids_for

# Static files of the app shell: the service worker keeps them, and its version follows
# their content, so a changed file replaces the phone's copy on the next visit online.
SHELL_FILES = (
    "field/field.css", "field/field.js", "field/store.js", "field/sender.js", "field/rules.js",
    "field/form.js", "field/photos.js", "field/outbox.js", "field/icons/icon-192.png",
    "field/icons/icon-512.png",
)



@lru_cache(maxsize=1)
def shell_version():
    digest = hashlib.sha256()
    for name in SHELL_FILES:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@gzip_page
@require_GET
def service_worker(request):
    """The service worker, served from /field/ so that it may control every field page."""
    with open(finders.find("field/sw.js"), encoding="utf-8") as handle:
        code = handle.read()
    # Registered in the page's language (?lang=): the pages it answers offline speak it.
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = request.LANGUAGE_CODE
    with translation.override(language):
        config = _worker_config()
    code = code.replace("__FIELD_CONFIG__", json.dumps(config, ensure_ascii=False))
    response = HttpResponse(code, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("field:home")
    response["Cache-Control"] = "no-cache"
    return response


def _worker_config():
    return {
        "version": shell_version(), "shell": [static(name) for name in SHELL_FILES],
        "store": static("field/store.js"), "sender": static("field/sender.js"),
        "css": static("field/field.css"), "login": reverse("field:login"),
        "lang": translation.get_language(),
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "strings": {
            "title": _("Field app"), "brand": _("Field study"), "retry": _("Try again"),
            "not_kept": _("This page is not kept on the phone; try again once the network "
                          "is back."),
            "logged_out_offline": _("You are logged out on this phone. The server is told "
                                    "at the next connection; until then nothing of yours "
                                    "can be opened here."),
        },
    }


@require_GET
def web_manifest(request):
    home = reverse("field:home")
    manifest = {
        "name": _("Field study"), "short_name": _("Field study"),
        "description": _("Visits, questionnaires and photos of the field study, also offline."),
        "lang": request.LANGUAGE_CODE, "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": home, "scope": home, "id": home,
        "display": "standalone", "background_color": "#f4f6f8", "theme_color": "#a3111f",
        "icons": [
            {"src": static(f"field/icons/icon-{size}.png"), "sizes": f"{size}x{size}",
             "type": "image/png", "purpose": "any maskable"}
            for size in (192, 512)
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json",
                        json_dumps_params={"ensure_ascii": False})


def kept_visits(user):
    """The visits a phone keeps for ``user``: their own that still wait for answers and
    are due within ``FIELD_OFFLINE_DAYS`` (or started, returned or overdue)."""
    horizon = timezone.localdate() + datetime.timedelta(days=settings.FIELD_OFFLINE_DAYS)
    return (
        Visit.objects.for_user(user).filter(agent=user, status__in=Visit.EDITABLE_STATUSES)
        .filter(Q(scheduled_date__lte=horizon) | ~Q(status=Visit.Status.SCHEDULED))
        .annotate(attachment_count=Count("attachments"), last_attachment=Max("attachments__pk"))
        .select_related("firm").order_by("scheduled_date", "pk")[:settings.FIELD_OFFLINE_MAX]
    )


# What a kept visit's pages show of its firm: a change to any of these refreshes them.
FIRM_FIELDS_SHOWN = ("trade_name", "nace_code", "district", "industrial_zone", "address",
                     "phone", "latitude", "longitude", "contact_person", "employees")


def page_version(visit, language, questionnaire):
    """A short hash of everything the visit's pages show: the phone fetches them again only
    when it changes."""
    parts = [language, shell_version(), visit.pk, visit.status, visit.updated_at.isoformat(),
             visit.attachment_count, visit.last_attachment, questionnaire,
             *(getattr(visit.firm, name) for name in FIRM_FIELDS_SHOWN)]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _bundle(request):
    visits = list(kept_visits(request.user))
    language = request.LANGUAGE_CODE
    current = {}
    for visit in visits:
        if visit.program_id not in current:
            version = QuestionnaireVersion.objects.current(visit.program_id)
            current[visit.program_id] = version.pk if version else None
    versions = {visit.pk: page_version(visit, language,
                                       visit.questionnaire_version_id
                                       or current[visit.program_id])
                for visit in visits}
    home_version = hashlib.sha256("|".join(
        [language, shell_version(), timezone.localdate().isoformat(), *versions.values()]
    ).encode()).hexdigest()[:16]
    pages = [{"url": reverse("field:home"), "version": home_version}]
    for visit in visits:
        pages += [{"url": reverse("field:visit", args=[visit.pk]), "version": versions[visit.pk]},
                  {"url": reverse("field:visit_form", args=[visit.pk]),
                   "version": versions[visit.pk]}]
    return {
        "user": request.user.pk,
        "pages": pages,
        "visits": [{"id": v.pk, "firm": v.firm.trade_name, "status": v.status,
                    "date": v.scheduled_date.isoformat() if v.scheduled_date else None}
                   for v in visits],
    }


@gzip_page
@require_GET
def offline_bundle(request):
    """What the phone keeps: the pages of the agent's visits, each with a version, to open
    without a network. Answered with an ETag: an unchanged list costs the phone a 304."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log in again.")}, status=401)
    if not program_ids_for(request.user, FIELD_ROLES):
        raise PermissionDenied
    body = json.dumps(_bundle(request), ensure_ascii=False, separators=(",", ":"))
    etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:24]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie, Accept-Language"
    return response


def store_key(user):
    """The key that seals ``user``'s outbox and drafts on a phone (AES-256-GCM), derived
    here and never stored: HMAC-SHA256 of the user's id under ``FIELD_STORE_KEY_SECRET``."""
    secret = settings.FIELD_STORE_KEY_SECRET.encode()
    return hmac.new(secret, f"field-store-key:v1:{user.pk}".encode(), hashlib.sha256).digest()


@never_cache
@require_GET
def store_key_json(request):
    """The logged-in agent's key for their store on the phone, to their own session only.
    Never compressed (a secret) and never cached."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log in again.")}, status=401)
    if not program_ids_for(request.user, FIELD_ROLES):
        raise PermissionDenied
    return JsonResponse({"owner": request.user.pk,
                         "key": base64.b64encode(store_key(request.user)).decode()})


def _refused(message, status, **extra):
    return JsonResponse({"error": str(message), **extra}, status=status)


@require_POST
@field_json_required
def draft_json(request, pk):
    """A phone's draft: ``{"answers": {...}, "typed_at": ISO time}``; the newest wins."""
    visit = _own_editable_visit(request.user, pk)
    try:
        body, answers = parse_answers_body(request)
        typed_at = parse_datetime(str(body.get("typed_at") or ""))
        if typed_at is None:
            raise BadPayload(_("Say when the draft was typed (typed_at, ISO 8601)."))
        if timezone.is_naive(typed_at):
            typed_at = timezone.make_aware(typed_at, datetime.UTC)
    except BadPayload as bad:
        return _refused(bad, 400)
    try:
        errors = save_draft(visit=visit, answers=answers, by=request.user, typed_at=typed_at)
    except StaleDraft as stale:
        visit.refresh_from_db()
        return _refused(stale, 409, saved_at=stale.saved_at.isoformat(), stale=True,
                        answers=server_answers(visit))
    except IllegalMove as illegal:
        return _refused(illegal, 409)
    return JsonResponse({"saved_at": typed_at.isoformat(), "errors": errors})


@require_POST
@field_json_required
def attachment_json(request, pk):
    """A photo from the phone's outbox: multipart ``file`` and the phone's ``uuid``."""
    visit = _own_editable_visit(request.user, pk)
    try:
        client_uuid = uuid.UUID(request.POST.get("uuid", ""))
    except ValueError:
        return _refused(_("Send the photo with its uuid."), 400)
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(_("Choose a file to attach."), 400)
    if not visit.is_editable and not visit.attachments.filter(client_uuid=client_uuid).exists():
        return _refused(_("This visit is %(status)s; attachments can no longer be added.")
                        % {"status": visit.get_status_display()}, 409)
    try:
        attachment = add_attachment(visit=visit, upload=upload, by=request.user,
                                    client_uuid=client_uuid)
    except ValidationError as error:
        return _refused(" ".join(error.messages), 400)
    return JsonResponse({"attachment": attachment.pk, "name": attachment.original_name})


class FieldPasswordResetView(auth_views.PasswordResetView):
    template_name = "field/password_reset_form.html"
    email_template_name = "emails/field_password_reset.txt"
    subject_template_name = "emails/field_password_reset_subject.txt"
    success_url = reverse_lazy("field:password_reset_done")

    def form_valid(self, form):
        # Links point at the site's public address, never at a Host header sent to us.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        self.extra_email_context = {"domain": base.netloc, "protocol": base.scheme or "https"}
        return super().form_valid(form)


class FieldPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "field/password_reset_confirm.html"
    success_url = reverse_lazy("field:password_reset_complete")

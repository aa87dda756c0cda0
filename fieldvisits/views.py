"""The /field/ app: plain HTML views for field agents and supervisors.

Views parse input, call one model or service function and render; every row is
fetched through ``for_user``.
"""

import json
import logging
import time
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.db.models import Count, Q
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from core.workflow import IllegalMove
from fieldvisits.forms import (
    AttachmentForm,
    CloseVisitForm,
    FindingForm,
    QuestionnaireForm,
    ScheduleForm,
)
from fieldvisits.models import Question, QuestionnaireVersion, Visit, VisitAttachment
from fieldvisits.payloads import BadPayload, parse_answers_body
from fieldvisits.queries import version_questions
from fieldvisits.review import (
    draft_rows,
    earlier_returns,
    filter_queue,
    review_rows,
    waiting_days,
)
from fieldvisits.rules import question_rules, rule_messages
from fieldvisits.services import (
    ATTACHMENT_MAX_BYTES,
    AnswersInvalid,
    SubmissionConflict,
    add_attachment,
    save_draft,
    submit_visit,
)
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.models import program_ids_for, programs_for

logger = logging.getLogger(__name__)

FIELD_ROLES = (Role.AGENT, Role.SUPERVISOR, Role.COORDINATOR)
LOGIN_URL = reverse_lazy("field:login")
SESSION_REFRESH_SECONDS = 300


def keep_session_alive(request):
    """Field sessions end after ``FIELD_SESSION_IDLE_SECONDS`` without a request.

    The expiry is pushed back at most every few minutes, so that reading pages does not
    write the session on every request.
    """
    now = int(time.time())
    if now - request.session.get("field_seen", 0) >= SESSION_REFRESH_SECONDS:
        request.session["field_seen"] = now
        request.session.set_expiry(settings.FIELD_SESSION_IDLE_SECONDS)


def field_team_required(view):
    """Logged in, and an agent, supervisor or coordinator of some programme."""

    @wraps(view)
    @login_required(login_url=LOGIN_URL)
    def wrapped(request, *args, **kwargs):
        if not program_ids_for(request.user, FIELD_ROLES):
            raise PermissionDenied(_("The field app is for field teams of a programme."))
        keep_session_alive(request)
        return view(request, *args, **kwargs)

    return wrapped


def field_json_required(view):
    """As :func:`field_team_required` for the phone's JSON endpoints: an expired session
    answers 401 (the phone keeps its outbox and asks the agent to log in again)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": _("Your session has ended; log in again."),
                                 "login": True}, status=401)
        return field_team_required(view)(request, *args, **kwargs)

    return wrapped


def _visit(user, pk):
    return get_object_or_404(
        Visit.objects.for_user(user).select_related("firm", "agent", "program",
                                                    "questionnaire_version"),
        pk=pk,
    )


def _is_reviewer(user, visit):
    return programs_for(user, FIELD_STUDY_READERS).filter(pk=visit.program_id).exists()


def _own_editable_visit(user, pk):
    visit = _visit(user, pk)
    if visit.agent_id != user.pk:
        raise PermissionDenied(_("Only the assigned field agent fills in this visit."))
    return visit


@method_decorator(never_cache, name="dispatch")
class FieldLoginView(auth_views.LoginView):
    template_name = "field/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        keep_session_alive(self.request)
        return response

    def get_default_redirect_url(self):
        return reverse("field:home")


@gzip_page
@field_team_required
def home(request):
    user = request.user
    today = timezone.localdate()
    mine = Visit.objects.for_user(user).filter(agent=user).select_related("firm")
    active = (Visit.Status.SCHEDULED, Visit.Status.IN_PROGRESS)
    reviewable = Visit.objects.reviewable_by(user)
    context = {
        "today_visits": mine.filter(scheduled_date=today, status__in=active),
        "upcoming": mine.filter(scheduled_date__gt=today, status=Visit.Status.SCHEDULED)[:50],
        "drafts": mine.filter(status=Visit.Status.IN_PROGRESS).exclude(scheduled_date=today),
        "returned": mine.filter(status=Visit.Status.RETURNED),
        "overdue": mine.filter(scheduled_date__lt=today, status=Visit.Status.SCHEDULED),
        "is_reviewer": reviewable.exists(),
        "queue": reviewable.aggregate(
            submitted=Count("pk", filter=Q(status=Visit.Status.SUBMITTED)),
            planned=Count("pk", filter=Q(status=Visit.Status.PLANNED)),
        ),
    }
    return render(request, "field/home.html", context)


def _sections(form, questions, comments):
    sections = []
    for question in questions:
        if not sections or sections[-1]["section"].pk != question.section_id:
            sections.append({"section": question.section, "items": []})
        sections[-1]["items"].append({
            "question": question, "field": form[question.code],
            "comment": comments.get(question.pk), "rules": json.dumps(question_rules(question)),
        })
    return sections


@gzip_page
@field_team_required
def visit_detail(request, pk):
    visit = _visit(request.user, pk)
    reviewer = _is_reviewer(request.user, visit)
    context = {
        "visit": visit,
        "is_agent": visit.agent_id == request.user.pk,
        "is_reviewer": reviewer,
        "events": visit.events.select_related("by"),
        "answers": visit.answers.select_related("question__section").order_by(
            "question__section__order", "question__order"),
        "comments": visit.open_review_comments() if visit.status == Visit.Status.RETURNED
        else [],
        "attachments": visit.attachments.all(),
        "attachment_form": AttachmentForm(),
        "photo_limit": ATTACHMENT_MAX_BYTES,
        "close_form": CloseVisitForm(),
        "findings": visit.findings.select_related("recorded_by") if reviewer else [],
        # Supervisors follow the agent's progress: the draft the phone last sent.
        "draft": draft_rows(visit) if reviewer and visit.is_editable else [],
        "finding_form": FindingForm() if reviewer else None,
    }
    return render(request, "field/visit_detail.html", context)


@gzip_page
@field_team_required
def visit_form(request, pk):
    visit = _own_editable_visit(request.user, pk)
    if not visit.is_editable:
        messages.info(request, _("This visit is “%(status)s” and can no longer be edited.")
                      % {"status": visit.get_status_display()})
        return redirect("field:visit", pk=visit.pk)
    version = QuestionnaireVersion.objects.for_visit(visit)
    questions = version_questions(version) if version is not None else []
    if not questions:
        messages.error(request, _("No published questionnaire yet; ask your coordinator."))
        return redirect("field:visit", pk=visit.pk)
    if request.method != "POST":
        form = QuestionnaireForm(questions, initial=server_answers(visit))
        return _render_form(request, visit, questions, form)
    answers = QuestionnaireForm.raw_answers(questions, request.POST)
    form = QuestionnaireForm(questions, data=request.POST)
    try:
        # A refused photo keeps the typing as a draft and holds back the submission.
        photo_refused = _attach_from_form(request, visit)
        if request.POST.get("action") == "submit" and not photo_refused:
            return _submit_from_form(request, visit, questions, answers, form)
        errors = save_draft(visit=visit, answers=answers, by=request.user, questions=questions)
    except IllegalMove as illegal:
        # The visit moved on meanwhile (cancelled, rescheduled, approved elsewhere): say so
        # and show what was typed, so that nothing is lost.
        messages.error(request, _("Not saved: %(reason)s Your answers are still below.")
                       % {"reason": illegal})
        return _render_form(request, visit, questions, form, status=409)
    except DatabaseError:
        logger.exception("Saving visit %s failed", visit.pk)
        messages.error(request, _("The server could not save just now. Your answers are "
                                  "still below; try again in a moment."))
        return _render_form(request, visit, questions, form, status=503)
    if not errors and not photo_refused:
        messages.success(request, _("Draft saved."))
        return redirect("field:visit_form", pk=visit.pk)
    for code, message in errors.items():
        form.add_error(code, message)
    if errors:
        messages.warning(request, _("Draft saved, except the answers marked below."))
    return _render_form(request, visit, questions, form, status=400)


def _attach_from_form(request, visit):
    """Store a photo chosen inside the questionnaire form (the path without JavaScript).

    Returns whether a chosen photo was refused; the message says why.
    """
    upload = request.FILES.get("file")
    if upload is None:
        return False
    try:
        add_attachment(visit=visit, upload=upload, by=request.user)
    except ValidationError as refused:
        messages.error(request, _("The photo was not attached: %(reason)s The answers were "
                                  "saved as a draft.") % {"reason": " ".join(refused.messages)})
        return True
    messages.success(request, _("Attachment added."))
    return False


def _submit_from_form(request, visit, questions, answers, form):
    try:
        submission_uuid = uuid.UUID(request.POST.get("submission_uuid", ""))
    except ValueError:
        form.add_error(None, _("The form is incomplete; reload the page and try again."))
        return _render_form(request, visit, questions, form, status=400)
    try:
        result = submit_visit(visit=visit, answers=answers, submission_uuid=submission_uuid,
                              by=request.user, questions=questions, keep_draft=True)
    except SubmissionConflict as conflict:
        return render(request, "field/conflict.html", {"visit": visit, "message": conflict},
                      status=409)
    except AnswersInvalid as invalid:
        for code, message in invalid.errors.items():
            form.add_error(code if code in form.fields else None, message)
        messages.error(request, _("Not submitted yet: %(count)s answers need attention. "
                                  "Your answers are saved as a draft.")
                       % {"count": len(invalid.errors)})
        return _render_form(request, visit, questions, form, problems=invalid.errors,
                            status=400)
    if result.duplicate:
        messages.info(request, _("This submission had already been received."))
    else:
        messages.success(request, _("Visit submitted for review."))
    return redirect("field:visit", pk=visit.pk)


def _render_form(request, visit, questions, form, *, problems=None, status=200):
    problems = problems or {}
    comments = {c.question_id: c.text for c in visit.open_review_comments()} \
        if visit.status == Visit.Status.RETURNED else {}
    context = {
        "visit": visit,
        "form": form,
        "sections": _sections(form, questions, comments),
        "general_comments": [text for q, text in comments.items() if q is None],
        "problems": [(q, problems[q.code]) for q in questions if q.code in problems],
        # A fresh code per rendering: resending this very form is recognised as a retry.
        "submission_uuid": uuid.uuid4(),
        "rule_messages": rule_messages(),
        "attachments": visit.attachments.all(),
        "attachment_form": AttachmentForm(),
        "photo_limit": ATTACHMENT_MAX_BYTES,
    }
    return render(request, "field/visit_form.html", context, status=status)


def server_answers(visit):
    """What the server holds for ``visit`` as form values: the kept draft, else the stored
    answers (what a phone compares its own version with)."""
    if visit.draft_answers:
        return dict(visit.draft_answers)
    separator = get_format("DECIMAL_SEPARATOR")
    values = {}
    for answer in visit.answers.select_related("question"):
        value = answer.form_value()
        if answer.question.kind in Question.NUMERIC_KINDS:
            # The reader's decimal comma ("84,5" in Turkish), as it was typed.
            value = value.replace(".", separator)
        values[answer.question.code] = value
    return values



@require_POST
@field_json_required
def submit_json(request, pk):
    """JSON submission: ``{"submission_uuid": "...", "answers": {"code": value}}``.

    Bodies over the size limit or nested deeper than answers need are refused with 400
    before anything is stored.
    """
    visit = _own_editable_visit(request.user, pk)
    try:
        body, answers = parse_answers_body(request)
        submission_uuid = uuid.UUID(str(body.get("submission_uuid")))
    except BadPayload as bad:
        return JsonResponse({"error": str(bad)}, status=400)
    except ValueError:
        return JsonResponse({"error": _("Send JSON with a submission_uuid and an answers "
                                        "object.")}, status=400)
    try:
        result = submit_visit(visit=visit, answers=answers, submission_uuid=submission_uuid,
                              by=request.user)
    except SubmissionConflict as conflict:
        return JsonResponse({"error": str(conflict)}, status=409)
    except AnswersInvalid as invalid:
        return JsonResponse({"error": str(invalid), "errors": invalid.errors}, status=400)
    except IllegalMove as illegal:
        # Submitted from another device meanwhile: the phone shows both versions.
        visit.refresh_from_db()
        return JsonResponse({"error": str(illegal), "status": visit.get_status_display(),
                             "answers": server_answers(visit)}, status=409)
    return JsonResponse({"visit": result.visit.pk, "status": result.visit.status,
                         "duplicate": result.duplicate})


@require_POST
@field_team_required
def upload_attachment(request, pk):
    visit = _own_editable_visit(request.user, pk)
    if not visit.is_editable:
        messages.error(request, _("This visit is %(status)s; attachments can no longer be "
                                  "added.") % {"status": visit.get_status_display()})
        return redirect("field:visit", pk=visit.pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_attachment(visit=visit, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attachment added."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("field:visit", pk=visit.pk)


@field_team_required
def download_attachment(request, pk):
    attachment = get_object_or_404(VisitAttachment.objects.for_user(request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                        as_attachment=attachment.content_type == "application/pdf",
                        filename=attachment.original_name)


@require_POST
@field_team_required
def close_visit(request, pk):
    visit = _visit(request.user, pk)
    if visit.agent_id != request.user.pk and not _is_reviewer(request.user, visit):
        raise PermissionDenied
    form = CloseVisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome and give a reason."))
        return redirect("field:visit", pk=visit.pk)
    try:
        if form.cleaned_data["outcome"] == Visit.Status.NO_SHOW:
            visit.mark_no_show(by=request.user, reason=form.cleaned_data["reason"])
        else:
            visit.cancel(by=request.user, reason=form.cleaned_data["reason"])
    except IllegalMove as illegal:
        messages.error(request, str(illegal))
    else:
        messages.success(request, _("Visit closed: %(status)s.")
                         % {"status": visit.get_status_display()})
    return redirect("field:visit", pk=visit.pk)


def _reviewer_visit(user, pk):
    visit = _visit(user, pk)
    if not _is_reviewer(user, visit):
        raise PermissionDenied(_("Only supervisors and coordinators review visits."))
    return visit


@field_team_required
def review_queue(request):
    reviewable = Visit.objects.reviewable_by(request.user)
    if not program_ids_for(request.user, FIELD_STUDY_READERS):
        raise PermissionDenied(_("Only supervisors and coordinators review visits."))
    submitted, options, chosen = filter_queue(
        reviewable.filter(status=Visit.Status.SUBMITTED), request.GET)
    context = {
        "submitted": [(visit, waiting_days(visit))
                      for visit in submitted.select_related("firm", "agent")],
        "options": options,
        "chosen": chosen,
        "planned": reviewable.filter(status=Visit.Status.PLANNED)
        .select_related("firm").order_by("firm__trade_name")[:100],
    }
    return render(request, "field/review_queue.html", context)


def _review_context(visit):
    rows, resubmitted = review_rows(visit)
    return {
        "visit": visit, "rows": rows, "resubmitted": resubmitted,
        "changed_count": sum(1 for row in rows if row["changed"]),
        "returns": earlier_returns(visit),
        "attachments": visit.attachments.all(),
        "events": visit.events.select_related("by"),
    }


@field_team_required
def review(request, pk):
    visit = _reviewer_visit(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                visit.approve(by=request.user)
                messages.success(request, _("Visit approved."))
            else:
                answers = visit.answers.select_related("question")
                comments = {a.question: request.POST.get(f"comment_{a.question_id}", "")
                            for a in answers}
                comments[None] = request.POST.get("comment_general", "")
                visit.return_for_changes(by=request.user, comments=comments)
                messages.success(request, _("Visit returned to the field agent."))
        except IllegalMove as illegal:
            messages.error(request, str(illegal))
            return render(request, "field/review.html", _review_context(visit), status=400)
        return redirect("field:review_queue")
    return render(request, "field/review.html", _review_context(visit))


@field_team_required
def schedule(request, pk):
    visit = _reviewer_visit(request.user, pk)
    form = ScheduleForm(visit, request.POST or None, initial={
        "scheduled_date": visit.scheduled_date, "agent": visit.agent_id})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                visit.schedule(date=form.cleaned_data["scheduled_date"],
                               agent=form.cleaned_data["agent"], by=request.user)
            except IllegalMove as illegal:
                form.add_error(None, str(illegal))
            else:
                messages.success(request, _("Visit scheduled."))
                return redirect("field:visit", pk=visit.pk)
        status = 400
    return render(request, "field/schedule.html", {"visit": visit, "form": form},
                  status=status)


@require_POST
@field_team_required
def add_finding(request, pk):
    visit = _reviewer_visit(request.user, pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        finding = form.save(commit=False)
        finding.visit = visit
        finding.recorded_by = request.user
        finding.save()
        messages.success(request, _("Finding recorded."))
    else:
        messages.error(request, _("A finding needs a pillar, a severity and a text."))
    return redirect("field:visit", pk=visit.pk)

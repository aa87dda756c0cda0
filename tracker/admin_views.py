"""Admin views beyond Wagtail's generic ones: workflow buttons, task updates, the
timeline, and the dashboard panels of coordinators and focal points.

Each view fetches its row through ``Model.objects.for_user`` (a row outside it is a
404), checks the model permission, and leaves the rule to the model method.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from core.uploads import body_too_large, too_large_message
from core.versioning import StaleEditError
from tracker.access import PLAN_READERS, Role
from tracker.forms import ActionProgressForm, TaskUpdateForm
from tracker.models import (
    Action,
    PlanVersion,
    Program,
    ReportingPeriod,
    Task,
    TaskUpdate,
    institutions_for,
    programs_for,
)
from tracker.queries import coordinator_dashboard, focal_point_dashboard, timeline_layout
from tracker.services import approve_plan as approve_plan_version
from tracker.services import post_task_update
from tracker.services import revise_plan as revise_plan_version


def _require_perm(user, codename):
    if not user.has_perm(f"tracker.{codename}"):
        raise PermissionDenied


def _error_text(error):
    return " ".join(error.messages)


def post_update(request, pk):
    """The focal point's one-click path: post a dated update and change the status."""
    _require_perm(request.user, "add_taskupdate")
    task = get_object_or_404(
        Task.objects.for_user(request.user).select_related("action", "assigned_institution"),
        pk=pk,
    )
    if not task.can_post_update(request.user):
        raise PermissionDenied
    if request.method == "POST" and body_too_large(request):
        # Refused before the body is read: the upload never reaches the disk.
        return TemplateResponse(request, "tracker/task_update_form.html", {
            "task": task, "form": TaskUpdateForm(task=task), "refusal": too_large_message(),
            "page_title": _("Post an update"), "header_title": _("Post an update")},
            status=413)
    form = TaskUpdateForm(request.POST or None, request.FILES or None, task=task,
                          initial={"status": task.status, "blocked_reason": task.blocked_reason,
                                   "percent_complete": task.percent_complete})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post_task_update(
                task=task, by=request.user, text=data["text"], status=data["status"],
                reason=data["blocked_reason"], percent=data["percent_complete"],
                attachment=data["attachment"], loaded_state=data["loaded_state"],
            )
        except StaleEditError as error:
            task.refresh_from_db()
            form = TaskUpdateForm(request.POST, task=task)
            form.renew_loaded_state(task)
            form.is_valid()
            form.add_error(None, _error_text(error))
            status = 409
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Update posted on “%(task)s”.") % {"task": task.title})
            return redirect(reverse("tasks:inspect", args=[task.pk]))
    return TemplateResponse(request, "tracker/task_update_form.html", {
        "task": task, "form": form, "page_title": _("Post an update"),
        "header_title": _("Post an update"),
    }, status=status)


def task_evidence(request, pk):
    """A task update's attached file, for whoever may see the task."""
    _require_perm(request.user, "view_task")
    update = get_object_or_404(TaskUpdate.objects.for_user(request.user)
                               .exclude(attachment=""), pk=pk)
    inline = update.attachment_type in ("application/pdf", "image/jpeg", "image/png")
    return FileResponse(update.attachment.open("rb"), content_type=update.attachment_type
                        or "application/octet-stream", as_attachment=not inline,
                        filename=update.attachment_name or update.attachment.name)


@require_POST
def record_action_progress(request, pk):
    """Progress entered by a coordinator for an action that has no tasks."""
    _require_perm(request.user, "change_action")
    action = get_object_or_404(Action.objects.for_user(request.user), pk=pk)
    form = ActionProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            action.record_progress(percent=form.cleaned_data["percent"],
                                   reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Progress recorded."))
    return redirect(reverse("actions:inspect", args=[action.pk]))


@require_POST
def approve_plan(request, pk):
    _require_perm(request.user, "change_planversion")
    plan = get_object_or_404(PlanVersion.objects.for_user(request.user), pk=pk)
    try:
        approve_plan_version(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Version %(number)d approved; it is now the current "
                                    "plan.") % {"number": plan.number})
    return redirect(reverse("plan_versions:inspect", args=[plan.pk]))


@require_POST
def revise_plan(request, pk):
    _require_perm(request.user, "add_planversion")
    plan = get_object_or_404(PlanVersion.objects.for_user(request.user), pk=pk)
    try:
        draft = revise_plan_version(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(reverse("plan_versions:inspect", args=[plan.pk]))
    messages.success(request, _("Draft version %(number)d created from version %(from)d.")
                     % {"number": draft.number, "from": plan.number})
    return redirect(reverse("plan_versions:inspect", args=[draft.pk]))


@require_POST
def lock_period(request, pk, lock=True):
    _require_perm(request.user, "change_reportingperiod")
    period = get_object_or_404(ReportingPeriod.objects.for_user(request.user), pk=pk)
    try:
        if lock:
            period.lock(by=request.user)
        else:
            period.unlock(by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Period %(period)s locked.") % {"period": period.label}
                         if lock else
                         _("Period %(period)s unlocked.") % {"period": period.label})
    return redirect(reverse("reporting_periods:inspect", args=[period.pk]))


def timeline(request):
    """Phases as bands, milestones as points and today as a line, positioned in CSS."""
    _require_perm(request.user, "view_phase")
    programs = Program.objects.filter(pk__in=programs_for(request.user, PLAN_READERS)
                                      .values("pk")).order_by("name_tr")
    program = programs.filter(pk=request.GET.get("program")).first() if request.GET.get(
        "program", "").isdigit() else None
    program = program or programs.first()
    context = {"programs": programs, "program": program, "page_title": _("Timeline"),
               "header_title": _("Timeline")}
    if program is not None:
        context.update(timeline_layout(program, timezone.localdate()))
    return TemplateResponse(request, "tracker/timeline.html", context)


class CoordinatorPanel(Component):
    name = "roadmap_coordinator"
    order = 50
    template_name = "tracker/dashboard/coordinator_panel.html"

    def __init__(self, program, today):
        self.program = program
        self.today = today

    @classmethod
    def for_request(cls, request):
        today = timezone.localdate()
        programs = Program.objects.filter(
            pk__in=programs_for(request.user, [Role.COORDINATOR]).values("pk")
        ).order_by("name_tr")
        return [cls(program, today) for program in programs]

    def get_context_data(self, parent_context=None):
        return coordinator_dashboard(self.program, self.today)


class FocalPointPanel(Component):
    name = "roadmap_focal_point"
    order = 40
    template_name = "tracker/dashboard/focal_point_panel.html"

    def __init__(self, institution, today):
        self.institution = institution
        self.today = today

    @classmethod
    def for_request(cls, request):
        today = timezone.localdate()
        return [cls(institution, today) for institution in institutions_for(request.user)]

    def get_context_data(self, parent_context=None):
        return focal_point_dashboard(self.institution, self.today)


@require_POST
def switch_program(request):
    """Remember the programme chosen in the header and go back where the person was; from
    a row's own page (which may belong to the programme left) to the dashboard."""
    scope = request.program_scope
    chosen = request.POST.get("program", "")
    program_id = int(chosen) if chosen.isdigit() else None
    if (chosen and program_id is None) or not scope.may_choose(program_id):
        raise PermissionDenied
    scope.choose(program_id)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) \
            or re.search(r"/\d+/", back):
        back = reverse("wagtailadmin_home")
    return redirect(back.split("?", 1)[0])

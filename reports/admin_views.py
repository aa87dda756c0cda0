"""Admin pages of the reports: the list a user may read, the form a coordinator issues a
report with, and a report's page showing its progress (refreshing while it runs) with the
download and the publish switch."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from core.logs import bind_log_context
from fieldvisits.models import Firm, Visit
from reports.models import FileCheck, Report
from reports.services import request_report
from tracker.access import Role
from tracker.models import Institution, ReportingPeriod, programs_for

LIST_LIMIT = 200


class ReportRequestForm(forms.Form):
    period = forms.ModelChoiceField(ReportingPeriod.objects.none(),
                                    label=gettext_lazy("Reporting period"))
    kind = forms.ChoiceField(choices=Report.Kind.choices, label=gettext_lazy("Report"))
    language = forms.ChoiceField(choices=Report.Language.choices,
                                 label=gettext_lazy("Language"))
    institution = forms.ModelChoiceField(
        Institution.objects.none(), required=False, label=gettext_lazy("Institution"),
        help_text=gettext_lazy("For an institution report."))
    firm = forms.ModelChoiceField(
        Firm.objects.none(), required=False, label=gettext_lazy("Firm"),
        help_text=gettext_lazy("For one firm's feedback report: the visited firms."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = programs_for(user, [Role.COORDINATOR])
        self.fields["period"].queryset = (ReportingPeriod.objects.filter(program__in=programs)
                                          .select_related("program")
                                          .order_by("program__name_tr", "-start_date"))
        self.fields["period"].label_from_instance = lambda period: (
            f"{period.program.name} · {period.label} · "
            + (_("locked") if period.is_locked else _("open: draft preview")))
        self.fields["institution"].queryset = Institution.objects.filter(
            program__in=programs).order_by("name")
        self.fields["firm"].queryset = Firm.objects.filter(
            program__in=programs, visits__status__in=Visit.COMPLETED_STATUSES
        ).distinct().order_by("trade_name")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Report.Kind.INSTITUTION and not data.get("institution"):
            self.add_error("institution", _("Choose the institution to report on."))
        if kind == Report.Kind.FIRM_FEEDBACK and not data.get("firm"):
            self.add_error("firm", _("Choose the firm to report to."))
        if kind != Report.Kind.INSTITUTION:
            data["institution"] = None
        if kind != Report.Kind.FIRM_FEEDBACK:
            data["firm"] = None
        return data


def _readable(request):
    # Before anyone reads a state, a report whose worker died stops claiming to run.
    Report.objects.release_stale()
    return Report.objects.for_user(request.user).select_related(
        "program", "period", "institution", "firm", "requested_by")


def index(request):
    if not request.user.has_perm("reports.view_report"):
        return permission_denied(request)
    reports = _readable(request)
    kind = request.GET.get("kind")
    if kind in Report.Kind.values:
        reports = reports.filter(kind=kind)
    return TemplateResponse(request, "reports/admin/index.html", {
        "page_title": _("Progress reports"), "reports": reports[:LIST_LIMIT],
        "kinds": Report.Kind.choices, "kind": kind,
        "can_issue": programs_for(request.user, [Role.COORDINATOR]).exists(),
    })


def issue(request):
    if not programs_for(request.user, [Role.COORDINATOR]).exists() \
            or not request.user.has_perm("reports.add_report"):
        return permission_denied(request)
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        bind_log_context(programme=period.program.slug)
        try:
            report = request_report(
                program=period.program, kind=form.cleaned_data["kind"], period=period,
                language=form.cleaned_data["language"], by=request.user,
                institution=form.cleaned_data["institution"], firm=form.cleaned_data["firm"])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("“%(title)s” is queued; this page shows when it is "
                                        "ready.") % {"title": report.title})
            return redirect("reports_admin:detail", report.pk)
    return TemplateResponse(request, "reports/admin/issue.html", {
        "page_title": _("Issue a report"), "form": form})


def detail(request, pk):
    report = get_object_or_404(_readable(request), pk=pk)
    versions = _readable(request).filter(
        program=report.program_id, kind=report.kind, period=report.period_id,
        language=report.language, subject_key=report.subject_key).order_by("-version")
    running = report.status in (Report.Status.QUEUED, Report.Status.RUNNING)
    check = report.check_file() if report.status == Report.Status.DONE else None
    return TemplateResponse(request, "reports/admin/detail.html", {
        "page_title": report.title, "report": report, "versions": versions, "refresh": running,
        "file_check": check, "file_intact": check == FileCheck.INTACT,
        "can_issue": programs_for(request.user, [Role.COORDINATOR]).filter(
            pk=report.program_id).exists(),
        "can_publish": report.kind in Report.PUBLISHABLE_KINDS and report.is_issued
        and programs_for(request.user, [Role.COORDINATOR]).filter(
            pk=report.program_id).exists(),
    })


@require_POST
def issue_again(request, pk):
    """Issue the same report (kind, period, language, subject) again as a new version."""
    report = get_object_or_404(_readable(request), pk=pk)
    try:
        again = request_report(program=report.program, kind=report.kind, period=report.period,
                               by=request.user, language=report.language,
                               institution=report.institution, firm=report.firm)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("reports_admin:detail", report.pk)
    messages.success(request, _("“%(title)s” is queued.") % {"title": again.title})
    return redirect("reports_admin:detail", again.pk)


@require_POST
def publish(request, pk, action):
    report = get_object_or_404(_readable(request), pk=pk)
    try:
        if action == "publish":
            report.publish(by=request.user)
            messages.success(request, _("The report is published on the public site."))
        else:
            report.unpublish(by=request.user)
            messages.success(request, _("The report is no longer public."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports_admin:detail", report.pk)

"""Admin pages of the field study beyond the listings: coverage report, dashboard panel,
questionnaire publishing and the visit-selection proposal."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from fieldvisits.models import QuestionnaireVersion
from fieldvisits.queries import COVERAGE_COLUMNS, coverage_rows, coverage_summary, share
from fieldvisits.services import decided_counts, propose_selection
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.models import programs_for


def _chosen_program(request, roles=FIELD_STUDY_READERS):
    programs = programs_for(request.user, roles).order_by("name")
    chosen = request.GET.get("program") or request.POST.get("program")
    if chosen and chosen.isdigit():
        return programs.filter(pk=chosen).first()
    return programs.first()


class CoverageReportView(ReportView):
    """Coverage of the field study by sector, district, agent and week, exportable."""

    page_title = gettext_lazy("Field study coverage")
    header_icon = "table"
    index_url_name = "field_coverage_report"
    index_results_url_name = "field_coverage_report_results"
    paginate_by = None
    list_export = COVERAGE_COLUMNS
    export_headings = {
        "breakdown": gettext_lazy("Breakdown"), "group": gettext_lazy("Group"),
        "firms": gettext_lazy("Firms"), "assessed": gettext_lazy("Assessed"),
        "assessed_target": gettext_lazy("Target"),
        "selected": gettext_lazy("Selected"),
        # On weekly rows: visits completed that week, and the running total.
        "visits": gettext_lazy("Visits"),
        "visited": gettext_lazy("Completed"),
        "visited_target": gettext_lazy("Visit target"),
    }

    def dispatch(self, request, *args, **kwargs):
        self.program = _chosen_program(request)
        if self.program is None:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        return [Column(field, label=self.export_headings[field]) for field in self.list_export]

    def get_page_subtitle(self):
        return self.program.name

    def get_queryset(self):
        return coverage_rows(self.program)

    def get_filename(self):
        return f"coverage-{self.program.slug}"


class CoveragePanel(Component):
    """Dashboard panel: progress against the assessment and visit targets."""

    name = "field_coverage"
    order = 90
    template_name = "fieldvisits/admin/coverage_panel.html"

    def __init__(self, programs):
        self.programs = programs

    def get_context_data(self, parent_context=None):
        summaries = []
        for program in self.programs:
            summary = coverage_summary(program)
            summary["program"] = program
            summary["firms_share"] = share(summary["firms_assessed"], summary["firms_target"])
            summary["visits_share"] = share(summary["visits_completed"],
                                            summary["visits_target"])
            summaries.append(summary)
        return {"summaries": summaries}


def questionnaire_version_action(request, pk, action):
    """Publish a draft version, or start a new draft from a published one (POST)."""
    if not request.user.has_perm("fieldvisits.change_questionnaireversion"):
        return permission_denied(request)
    version = get_object_or_404(
        QuestionnaireVersion.objects.for_user(request.user).filter(
            questionnaire__program__in=programs_for(request.user, [Role.COORDINATOR])),
        pk=pk)
    # A draft is published; only a published version is copied into a new draft.
    if action != ("new_draft" if version.is_published else "publish"):
        raise Http404
    if request.method == "POST":
        try:
            if action == "publish":
                version.publish()
                messages.success(request, _("Version %(number)s is published; new visits use "
                                            "it.") % {"number": version.number})
                return redirect("questionnaire_versions:inspect", version.pk)
            draft = version.new_draft()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaire_versions:inspect", version.pk)
        messages.success(request, _("Draft version %(number)s created; edit its questions, "
                                    "then publish it.") % {"number": draft.number})
        return redirect("questionnaire_versions:inspect", draft.pk)
    return TemplateResponse(request, "fieldvisits/admin/confirm.html", {
        "title": _("Publish this version?") if action == "publish"
        else _("Create a new draft version?"),
        "explanation": _("A published version can no longer change; visits started from "
                         "now on use it.") if action == "publish"
        else _("The draft copies every section and question; visits already started keep "
               "their version."),
        "object": version,
        "button": _("Publish") if action == "publish" else _("Create draft"),
    })


def propose_selection_view(request):
    """Run the selection proposal for the coordinator's programme (POST)."""
    program = _chosen_program(request, [Role.COORDINATOR])
    if program is None or not request.user.has_perm("fieldvisits.change_selectiondecision"):
        return permission_denied(request)
    if request.method == "POST":
        try:
            total = int(request.POST.get("total", program.target_visits))
            if total < 1:
                raise ValueError
        except ValueError:
            messages.error(request, _("Enter the number of firms to select, 1 or more."))
        else:
            selected = propose_selection(program=program, total=total, by=request.user)
            messages.success(request, _("%(selected)s firms proposed for a visit.")
                             % {"selected": selected})
            return redirect("selection:index")
    counts = decided_counts(program)
    return TemplateResponse(request, "fieldvisits/admin/propose_selection.html", {
        "title": _("Propose the visit selection"), "program": program,
        "counts": counts, "total": program.target_visits,
    })



"""Admin pages of the field study beyond the listings: coverage and workforce reports,
dashboard panels, questionnaire publishing and the visit-selection proposal."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView

from core.logs import bind_log_context
from fieldvisits.models import Answer, Firm, QuestionnaireVersion
from fieldvisits.queries import (
    COVERAGE_COLUMNS,
    coverage_rows,
    coverage_summaries,
    share,
)
from fieldvisits.sectors import nace_choices
from fieldvisits.services import decided_counts, propose_selection
from fieldvisits.workforce import occupation_choices, reader_programs, workforce_needs
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.admin_scoping import ReadableColumn
from tracker.models import Program, programs_for

WORKFORCE_BREAKDOWNS = [("occupation", gettext_lazy("Occupation")),
                        ("sector", gettext_lazy("Occupation and sector")),
                        ("district", gettext_lazy("Occupation and district"))]


def _chosen_program(request, roles=FIELD_STUDY_READERS):
    programs = programs_for(request.user, roles).order_by("name_tr")
    chosen = request.GET.get("program") or request.POST.get("program")
    program = programs.filter(pk=chosen).first() if chosen and chosen.isdigit() \
        else programs.first()
    bind_log_context(programme=program.slug if program else None)
    return program


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
        return [ReadableColumn(field, label=self.export_headings[field])
                for field in self.list_export]

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
        counted = coverage_summaries(self.programs)
        for program in self.programs:
            summary = counted[program.pk]
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
        "page_title": _("Publish this version?") if action == "publish"
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
        "page_title": _("Propose the visit selection"), "program": program,
        "counts": counts, "total": program.target_visits,
    })




class WorkforceFilterSet(WagtailFilterSet):
    """The workforce report's choices: programme, breakdown and what to narrow to. The
    report reads the cleaned values; there is no queryset to filter."""

    program = django_filters.ChoiceFilter(label=gettext_lazy("Programme"), empty_label=None)
    by = django_filters.ChoiceFilter(label=gettext_lazy("Breakdown"), empty_label=None,
                                     choices=WORKFORCE_BREAKDOWNS)
    occupation = django_filters.ChoiceFilter(label=gettext_lazy("Occupation"),
                                             empty_label=gettext_lazy("All occupations"))
    sector = django_filters.ChoiceFilter(label=gettext_lazy("Sector"),
                                         empty_label=gettext_lazy("All sectors"))
    district = django_filters.ChoiceFilter(label=gettext_lazy("District"),
                                           empty_label=gettext_lazy("All districts"))

    class Meta:
        model = Answer
        fields = []

    def __init__(self, *args, programs=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].extra["choices"] = [(str(p.pk), p.name) for p in programs]
        self.filters["occupation"].extra["choices"] = occupation_choices()
        self.filters["sector"].extra["choices"] = nace_choices()
        self.filters["district"].extra["choices"] = [(name, name) for name in districts]


def workforce_programs(user):
    """``(programmes the user reads workforce figures of, ids read exactly)``."""
    exact, protected = reader_programs(user)
    programs = Program.objects.filter(Q(pk__in=exact) | Q(pk__in=protected)).order_by("name_tr")
    return list(programs), set(exact.values_list("pk", flat=True))


class WorkforceReportView(ReportView):
    """People the visited firms need, by occupation and by sector or district, for
    coordinators and supervisors (exact) and focal points of an employment agency or a
    vocational school (disclosure-controlled), exportable as CSV and XLSX."""

    page_title = gettext_lazy("Workforce needs")
    header_icon = "group"
    index_url_name = "field_workforce_report"
    index_results_url_name = "field_workforce_report_results"
    paginate_by = None
    filterset_class = WorkforceFilterSet
    list_export = ["occupation", "group", "people", "firms", "hidden"]

    def dispatch(self, request, *args, **kwargs):
        self.programs, self.exact_ids = workforce_programs(request.user)
        if not self.programs:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["programs"] = self.programs
        kwargs["districts"] = (
            Firm.objects.filter(program__in=[p.pk for p in self.programs]).order_by("district")
            .values_list("district", flat=True).distinct())
        return kwargs

    @cached_property
    def choices(self):
        cleaned = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        chosen = {str(p.pk): p for p in self.programs}.get(cleaned.get("program") or "")
        return {"program": chosen or self.programs[0], "by": cleaned.get("by") or "occupation",
                "occupation": cleaned.get("occupation") or None,
                "sector": cleaned.get("sector") or None,
                "district": cleaned.get("district") or None}

    @cached_property
    def needs(self):
        choices = self.choices
        return workforce_needs(
            choices["program"], by=choices["by"],
            disclose=choices["program"].pk not in self.exact_ids,
            occupation=choices["occupation"], sector=choices["sector"],
            district=choices["district"])

    @cached_property
    def export_headings(self):
        group = {"sector": gettext_lazy("Sector"), "district": gettext_lazy("District")}
        return {"occupation": gettext_lazy("Occupation"),
                "group": group.get(self.choices["by"], gettext_lazy("Breakdown")),
                "people": gettext_lazy("People needed"), "firms": gettext_lazy("Firms needing"),
                "hidden": gettext_lazy("Note")}

    @cached_property
    def columns(self):
        fields = self.list_export if self.choices["by"] != "occupation" else [
            field for field in self.list_export if field != "group"]
        return [ReadableColumn(field, label=self.export_headings[field]) for field in fields]

    def get_page_subtitle(self):
        return self.choices["program"].name

    def get_queryset(self):
        return self.needs.rows()

    def filter_queryset(self, queryset):
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["disclosed"] = self.needs.disclosed
        context["total"] = self.needs.total
        return context

    def get_filename(self):
        return f"workforce-{self.choices['program'].slug}"


class WorkforcePanel(Component):
    """Dashboard panel: people needed per occupation with the districts and sectors that
    need most, per programme the user reads (exactly or under the disclosure rule)."""

    name = "field_workforce"
    order = 95
    template_name = "fieldvisits/admin/workforce_panel.html"

    def __init__(self, programs, exact_ids):
        self.programs = programs
        self.exact_ids = exact_ids

    def get_context_data(self, parent_context=None):
        summaries = []
        for program in self.programs:
            disclose = program.pk not in self.exact_ids
            by_district = workforce_needs(program, by="district", disclose=disclose)
            by_sector = workforce_needs(program, by="sector", disclose=disclose)
            summaries.append({
                "program": program, "disclosed": disclose, "total": _count(by_district.total),
                "rows": [{"occupation": by_district.occupation_label(code),
                          "hidden": by_district.occupation_totals[code].hidden,
                          "people": _count(by_district.occupation_totals[code].people),
                          "firms": _count(by_district.occupation_totals[code].firms),
                          "districts": _top(by_district.top_groups(code)),
                          "sectors": _top(by_sector.top_groups(code))}
                         for code in by_district.occupations],
            })
        return {"summaries": summaries}


def _count(value):
    """A whole number as the reader's language groups it ("3.751"); ``None`` stays."""
    return None if value is None else number_format(value, 0, force_grouping=True)


def _top(groups):
    return ", ".join(f"{label} ({_count(people)})" for label, people in groups) or "–"

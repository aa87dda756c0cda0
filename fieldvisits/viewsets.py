"""Wagtail admin listings of the field study, every one scoped by ``for_user``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from core.translation import columns
from core.translation_admin import MISSING_TRANSLATIONS
from fieldvisits.models import (
    Assessment,
    Capability,
    Finding,
    Firm,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
    SelectionDecision,
    SelectionQuota,
    Visit,
    VisitEvent,
)
from fieldvisits.planning import proposed_replacement
from fieldvisits.resources import AssessmentResource, FirmResource
from fieldvisits.review import earlier_returns, review_rows
from fieldvisits.services import override_selection
from tracker.admin_scoping import (
    ReadOnlyWhenFrozenMixin,
    RefuseStaleEditMixin,
    ScopedAdminForm,
    ScopedFreezableModelViewSet,
    ScopedIndexView,
    ScopedModelViewSet,
    scoped_view,
)
from tracker.importing.views import ImportableViewSetMixin


class FindingAdminForm(ScopedAdminForm):
    def clean(self):
        cleaned = super().clean()
        visit, actions = cleaned.get("visit"), cleaned.get("actions")
        if visit and actions:
            foreign = list(actions.exclude(goal__pillar__plan__program=visit.program_id))
            if foreign:
                message = _("These actions belong to another programme: %(actions)s")
                self.add_error("actions", message % {
                    "actions": ", ".join(str(action) for action in foreign)})
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.recorded_by = self.for_user
        return super().save(commit=commit)


class VisitAdminForm(ScopedAdminForm):
    """A visit moves to another firm or programme only before it has started; the move
    is recorded in the visit's history like every other change."""

    MOVABLE_STATUSES = (Visit.Status.PLANNED, Visit.Status.SCHEDULED)

    def save(self, commit=True):
        with transaction.atomic():
            self.refuse_stale()
            if self.instance.pk is None:
                return super().save(commit=commit)
            stored = Visit.objects.select_related("firm", "program").get(pk=self.instance.pk)
            moved = [(field, getattr(stored, field), self.cleaned_data.get(field))
                     for field in ("program", "firm")
                     if field in self.cleaned_data
                     and getattr(stored, f"{field}_id") != getattr(self.cleaned_data[field],
                                                                   "pk", None)]
            if moved and stored.status not in self.MOVABLE_STATUSES:
                raise ValidationError(_(
                    "A visit that is “%(status)s” stays with its firm and programme; cancel "
                    "it and plan a new visit instead.") % {
                    "status": stored.get_status_display()})
            visit = super().save(commit=commit)
            if moved:
                VisitEvent.objects.create(
                    visit=visit, from_status=stored.status, to_status=stored.status,
                    by=self.for_user,
                    note="; ".join(f"{Visit._meta.get_field(name).verbose_name}: {old} → {new}"
                                   for name, old, new in moved))
            return visit


class FieldStudyViewSet(ScopedModelViewSet):
    base_form_class = ScopedAdminForm


class FirmIndexView(ScopedIndexView):
    """Firm listing whose search box also searches the capability inventory.

    "cnc paslanmaz kocasinan" lists firms with a CNC process and stainless steel in
    Kocasinan; Turkish letters fold, so "PASLANMAZ ÇELİK" and "paslanmaz celik" match.
    """

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        if query.isdigit():
            return queryset.filter(tax_number__startswith=query)
        return queryset.with_capabilities(query)


class FirmViewSet(ImportableViewSetMixin, FieldStudyViewSet):
    model = Firm
    import_resource_class = FirmResource
    icon = "home"
    menu_label = _("Firms")
    index_view_class = FirmIndexView
    list_display = ["trade_name", "tax_number", "nace_code", "district", "employees",
                    "is_exporter"]
    list_filter = ["program", "district", "nace_code", "is_exporter", "consents_to_contact"]
    search_fields = ["trade_name", "tax_number"]
    list_export = ["tax_number", "trade_name", "nace_code", "district", "industrial_zone",
                   "employees", "founding_year", "is_exporter", "export_value_usd",
                   "export_market_count", "capacity_utilisation_pct", "export_share_pct",
                   "import_share_pct", "contact_person", "consents_to_contact", "program"]
    form_fields = ["program", "tax_number", "trade_name", "nace_code", "district",
                   "industrial_zone", "employees", "founding_year", "is_exporter",
                   "export_value_usd", "export_market_count", "capacity_utilisation_pct",
                   "export_share_pct", "import_share_pct", "contact_person",
                   "consents_to_contact"]


class CapabilityViewSet(FieldStudyViewSet):
    model = Capability
    icon = "cogs"
    menu_label = _("Capabilities")
    list_display = ["name", "kind", "firm", MISSING_TRANSLATIONS]
    list_filter = ["kind", "firm__district"]
    search_fields = ["name_folded", "name_en", "name_fa", "firm__trade_name_folded"]
    list_export = ["firm.program", "firm", "firm.tax_number", "kind", *columns("name")]
    form_fields = ["firm", "kind", *columns("name")]


class AssessmentViewSet(ImportableViewSetMixin, FieldStudyViewSet):
    model = Assessment
    import_resource_class = AssessmentResource
    icon = "tasks"
    menu_label = _("Desk assessments")
    list_display = ["firm", "priority_score", "productivity", "digitalisation", "green", "rnd",
                    "institutionalisation", "export_readiness", "clustering", "assessed_on"]
    list_filter = ["firm__district", "firm__nace_code", "assessed_on"]
    search_fields = ["firm__trade_name", "firm__tax_number"]
    list_export = ["firm.program", "firm", "firm.tax_number", "firm.nace_code", "firm.district",
                   "assessor",
                   "assessed_on", "productivity", "digitalisation", "green", "rnd",
                   "institutionalisation", "export_readiness", "clustering", "priority_score"]
    form_fields = ["firm", "assessor", "assessed_on", "productivity", "digitalisation", "green",
                   "rnd", "institutionalisation", "export_readiness", "clustering"]


class SelectionIndexView(ScopedIndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("change"):
            buttons.append(HeaderButton(_("Propose selection"),
                                        url=reverse("field_propose_selection"),
                                        icon_name="list-ol"))
        if self.request.user.has_perm("fieldvisits.add_visit"):
            buttons.append(HeaderButton(_("Visits from the selection"),
                                        url=reverse("field_plan_visits"), icon_name="date"))
        return buttons


class SelectionEditView(RefuseStaleEditMixin, scoped_view(generic.EditView)):
    """Editing a decision is overriding the proposal: the reason and who decided are kept."""

    def save_instance(self):
        self.form.refuse_stale()
        return override_selection(decision=self.form.instance,
                                  new_decision=self.form.cleaned_data["decision"],
                                  reason=self.form.cleaned_data["reason"], by=self.request.user)


class SelectionDecisionViewSet(FieldStudyViewSet):
    model = SelectionDecision
    icon = "list-ol"
    menu_label = _("Visit selection")
    index_view_class = SelectionIndexView
    edit_view_class = SelectionEditView
    add_view_enabled = False
    list_display = ["firm", "decision", "proposed_decision", "overall_rank", "sector_rank",
                    "district_rank", "reason"]
    list_filter = ["decision", "proposed_decision", "firm__district", "firm__nace_code"]
    search_fields = ["firm__trade_name", "firm__tax_number"]
    list_export = ["firm.program", "firm", "firm.tax_number", "firm.nace_code", "firm.district",
                   "firm.assessment.priority_score", "overall_rank", "sector_rank",
                   "district_rank", "proposed_decision", "decision", "reason", "decided_by",
                   "decided_at"]
    form_fields = ["decision", "reason"]


class SelectionQuotaViewSet(FieldStudyViewSet):
    model = SelectionQuota
    icon = "sliders"
    menu_label = _("Selection quotas")
    list_display = ["stratum", "value", "quota", "program"]
    list_filter = ["stratum", "program"]
    list_export = ["program", "stratum", "value", "quota"]
    form_fields = ["program", "stratum", "value", "quota"]


class VisitInspectView(scoped_view(generic.InspectView)):
    """A visit with its answers and its state history."""

    def get_fields(self):
        return ["firm", "agent", "scheduled_date", "status", "questionnaire_version",
                "submitted_at", "closing_reason"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("by")
        context["answers"] = self.object.answers.select_related("question__section").order_by(
            "question__section__order", "question__order")
        context["field_url"] = reverse("field:visit", args=[self.object.pk])
        context["replacement"] = proposed_replacement(self.object)
        context["replace_url"] = reverse("field_accept_replacement", args=[self.object.pk])
        # The review trail, also after approval: each return's comments, and the answers
        # changed between the last two submissions (before and after).
        context["returns"] = earlier_returns(self.object)
        rows, _resubmitted = review_rows(self.object)
        context["changes"] = [row for row in rows if row["changed"]]
        return context


class VisitViewSet(FieldStudyViewSet):
    model = Visit
    icon = "date"
    menu_label = _("Visits")
    inspect_view_class = VisitInspectView
    inspect_template_name = "fieldvisits/admin/visit_inspect.html"
    list_display = ["firm", "agent", "scheduled_date", "status", "submitted_at"]
    list_filter = ["status", "agent", "scheduled_date", "program"]
    search_fields = ["firm__trade_name", "firm__tax_number"]
    list_select_related = ("questionnaire_version__questionnaire",)
    list_export = ["program", "firm", "firm.tax_number", "agent", "scheduled_date", "status",
                   "submitted_at", "questionnaire_version", "program"]
    # Dates, agents and states change through the workflow (the field app), not here.
    form_fields = ["program", "firm"]
    base_form_class = VisitAdminForm


class FindingViewSet(FieldStudyViewSet):
    model = Finding
    icon = "warning"
    menu_label = _("Findings")
    list_display = ["visit", "pillar", "severity", "recorded_by", "recorded_at"]
    list_filter = ["pillar", "severity"]
    search_fields = ["text", "visit__firm__trade_name"]
    list_export = ["visit.program", "visit.firm", "visit.firm.tax_number", "pillar", "severity",
                   "text",
                   "recorded_by", "recorded_at"]
    form_fields = ["visit", "pillar", "severity", "text", "actions"]

    base_form_class = FindingAdminForm


class VersionInspectView(ReadOnlyWhenFrozenMixin, scoped_view(generic.InspectView)):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if not self.user_has_permission("change"):
            return buttons
        if self.object.is_published:
            buttons.append(HeaderButton(
                _("New draft version"), icon_name="copy",
                url=reverse("field_questionnaire_version_action",
                            args=[self.object.pk, "new_draft"])))
        else:
            buttons.append(HeaderButton(
                _("Publish"), icon_name="upload",
                url=reverse("field_questionnaire_version_action",
                            args=[self.object.pk, "publish"])))
        return buttons

    def get_fields(self):
        return ["questionnaire", "number", "status", "published_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questions"] = self.object.questions().select_related("section")
        return context


class QuestionnaireViewSet(FieldStudyViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    list_display = ["name", "program"]
    list_filter = ["program"]
    list_export = ["name", "program"]
    form_fields = ["program", "name"]


class FrozenFieldStudyViewSet(ScopedFreezableModelViewSet):
    """Questionnaire versions, sections and questions: read-only once published."""

    base_form_class = ScopedAdminForm


class QuestionnaireVersionViewSet(FrozenFieldStudyViewSet):
    model = QuestionnaireVersion
    icon = "form"
    menu_label = _("Questionnaire versions")
    inspect_view_class = VersionInspectView
    inspect_template_name = "fieldvisits/admin/version_inspect.html"
    list_display = ["questionnaire", "number", "status", "published_at"]
    list_filter = ["status", "questionnaire"]
    list_export = ["questionnaire.program", "questionnaire", "number", "status", "published_at"]
    form_fields = ["questionnaire", "number"]


class SectionViewSet(FrozenFieldStudyViewSet):
    model = Section
    icon = "list-ul"
    menu_label = _("Questionnaire sections")
    list_display = ["title", "order", "version", MISSING_TRANSLATIONS]
    list_filter = ["version"]
    list_select_related = ("version__questionnaire",)
    search_fields = columns("title")
    list_export = ["version", "order", *columns("title")]
    form_fields = ["version", "order", *columns("title")]


class QuestionViewSet(FrozenFieldStudyViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["text", "code", "kind", "required", "section", MISSING_TRANSLATIONS]
    list_filter = ["kind", "section__version", "required"]
    search_fields = [*columns("text"), "code"]
    list_select_related = ("section__version__questionnaire",)
    list_export = ["section.version", "section", "order", "code", *columns("text"), "kind",
                   "required", "min_value", "max_value", *columns("unit", "choices",
                                                                   "help_text")]
    form_fields = ["section", "order", "code", *columns("text", "help_text"), "kind",
                   "required", "min_value", "max_value", *columns("unit", "choices")]


class FieldStudyViewSetGroup(ModelViewSetGroup):
    menu_label = _("Field study")
    menu_icon = "doc-full"
    menu_order = 210
    items = (
        FirmViewSet("firms"), CapabilityViewSet("capabilities"),
        AssessmentViewSet("assessments"), SelectionDecisionViewSet("selection"),
        SelectionQuotaViewSet("selection_quotas"), VisitViewSet("visits"),
        FindingViewSet("findings"), QuestionnaireViewSet("questionnaires"),
        QuestionnaireVersionViewSet("questionnaire_versions"),
        SectionViewSet("questionnaire_sections"), QuestionViewSet("questions"),
    )

from django.db import transaction
from django.db.models import Count, Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from core.translation import columns
from core.translation_admin import MISSING_TRANSLATIONS
from tracker import admin_views
from tracker.access import Role
from tracker.admin_scoping import (
    ReadOnlyWhenFrozenMixin,
    ScopedAdminForm,
    ScopedFreezableModelViewSet,
    ScopedIndexView,
    ScopedModelViewSet,
    freezable_index_view,
    scoped_view,
)
from tracker.filters import TaskFilterSet
from tracker.forms import ActionProgressForm
from tracker.importing.views import ImportableViewSetMixin
from tracker.models import (
    Action,
    CouncilMeeting,
    Decision,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Institution,
    Membership,
    Milestone,
    Phase,
    Pillar,
    PlanVersion,
    Program,
    ReportingPeriod,
    Task,
    programs_for,
)
from tracker.resources import (
    FocalPointResource,
    IndicatorValueResource,
    InstitutionResource,
    MilestoneResource,
    TaskResource,
)
from tracker.roles import sync_user_role_groups


class ProgramViewSet(ScopedModelViewSet):
    model = Program
    icon = "site"
    menu_label = _("Programmes")
    list_display = ["name", "province", "country", "start_date", "end_date",
                    MISSING_TRANSLATIONS]
    list_filter = ["country", "province"]
    search_fields = [*columns("name"), "province"]
    list_export = [*columns("name"), "slug", "province", "country", "start_date", "end_date",
                   *columns("description"), "target_firms_assessed", "target_visits",
                   "currency"]
    form_fields = [*columns("name"), "slug", "province", "country", "start_date", "end_date",
                   *columns("description"), "target_firms_assessed", "target_visits",
                   "currency", "calendar"]


def _phase_status(phase):
    status, reason = phase.status()
    return f"{status.label}: {reason}"


class PhaseIndexView(ScopedIndexView):
    default_ordering = "start_date"

    def get_base_queryset(self):
        return super().get_base_queryset().with_milestone_counts()


class PhaseViewSet(ScopedModelViewSet):
    model = Phase
    icon = "time"
    menu_label = _("Phases")
    index_view_class = PhaseIndexView
    list_display = ["__str__", "program", "start_date", "end_date",
                    Column("status", label=_("Status"), accessor=_phase_status),
                    MISSING_TRANSLATIONS]
    list_filter = ["program"]
    search_fields = columns("name")
    list_export = ["program", "order", *columns("name"), "start_date", "end_date"]
    form_fields = ["program", "order", *columns("name", "summary"), "start_date", "end_date"]


class MilestoneForm(ScopedAdminForm):
    """Dates every change of the done date (``Milestone.record_event``) in the transaction
    that saves it, read against the locked row: the history and the row agree whoever
    saves at the same moment, and reports judged on a past day read that history."""

    def save(self, commit=True):
        with transaction.atomic():
            before = None
            if self.instance.pk is not None:
                before = (Milestone.objects.select_for_update().filter(pk=self.instance.pk)
                          .values_list("done_date", flat=True).first())
            milestone = super().save(commit=commit)
            if commit and milestone.done_date != before:
                milestone.record_event(by=self.for_user)
        return milestone


class MilestoneViewSet(ImportableViewSetMixin, ScopedModelViewSet):
    model = Milestone
    base_form_class = MilestoneForm
    import_resource_class = MilestoneResource
    icon = "flag"
    menu_label = _("Milestones")
    list_display = ["title", "phase", "due_date", "done_date", "owner", MISSING_TRANSLATIONS]
    list_filter = ["phase", "owner", "due_date"]
    search_fields = [*columns("title"), "notes"]
    list_export = ["phase.program", *columns("title"), "phase", "due_date", "done_date", "owner",
                   "weight"]
    form_fields = ["phase", *columns("title"), "due_date", "done_date", "owner", "weight",
                   "evidence", "notes"]


class InstitutionViewSet(ImportableViewSetMixin, ScopedModelViewSet):
    model = Institution
    import_resource_class = InstitutionResource
    icon = "group"
    menu_label = _("Institutions")
    list_display = ["name", "short_name", "kind", "program"]
    list_filter = ["kind", "program"]
    search_fields = ["name", "short_name"]
    list_export = ["name", "short_name", "kind", "program", "website"]
    form_fields = ["program", "name", "short_name", "kind", "website", "logo"]


class MembershipForm(ScopedAdminForm):
    """Memberships are granted only in programmes the user coordinates, and only to
    accounts the coordinator may see: members of those programmes, or accounts that hold
    no role anywhere yet. A member of another programme only, or a superuser, is not
    offered and is refused when posted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            coordinated = programs_for(self.for_user, [Role.COORDINATOR])
            self.fields["program"].queryset = self.fields["program"].queryset.filter(
                pk__in=coordinated.values("pk"))
            self.fields["institution"].queryset = self.fields["institution"].queryset.filter(
                program__in=coordinated.values("pk"))
            if not self.for_user.is_superuser:
                self.fields["user"].queryset = self.fields["user"].queryset.filter(
                    Q(program_memberships__program__in=coordinated.values("pk"))
                    | Q(program_memberships__isnull=True),
                    is_superuser=False,
                ).distinct()


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        membership = super().save_instance()
        sync_user_role_groups(membership.user)
        return membership


class MembershipEditView(ScopedModelViewSet.edit_view_class):
    def save_instance(self):
        previous_user = Membership.objects.get(pk=self.object.pk).user
        membership = super().save_instance()
        sync_user_role_groups(membership.user)
        if previous_user != membership.user:
            sync_user_role_groups(previous_user)
        return membership


class MembershipDeleteView(ScopedModelViewSet.delete_view_class):
    def delete_action(self):
        user = self.object.user
        super().delete_action()
        sync_user_role_groups(user)


class MembershipViewSet(ScopedModelViewSet):
    """Memberships decide which rows a user sees; their role groups follow them."""

    model = Membership
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    icon = "user"
    menu_label = _("Council members")
    list_display = ["user", "role", "institution", "position", "program"]
    list_filter = ["role", "institution"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    list_export = ["user", "role", "institution", "position", "program"]
    form_fields = ["program", "user", "role", "institution", "position", "is_primary"]
    base_form_class = MembershipForm


class FocalPointIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(role=Role.FOCAL_POINT)


class FocalPointViewSet(ImportableViewSetMixin, MembershipViewSet):
    """The institutions' focal points: their memberships, imported with their accounts."""

    index_view_class = FocalPointIndexView
    import_resource_class = FocalPointResource
    menu_label = _("Focal points")
    list_filter = ["institution"]


class ProgramViewSetGroup(ModelViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "site"
    menu_order = 200
    items = (ProgramViewSet("programs"), PhaseViewSet("phases"),
             MilestoneViewSet("milestones"), InstitutionViewSet("institutions"),
             MembershipViewSet("memberships"), FocalPointViewSet("focal_points"))


# --- action plan, council, tasks, indicators --------------------------------------------


class PlanVersionInspectView(ReadOnlyWhenFrozenMixin, scoped_view(generic.InspectView)):
    template_name = "tracker/plan_version_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        user = self.request.user
        context["can_approve"] = plan.is_editable and user.has_perm("tracker.change_planversion")
        context["can_revise"] = (plan.status == PlanVersion.Status.APPROVED
                                 and user.has_perm("tracker.add_planversion"))
        context["is_current"] = PlanVersion.objects.current(plan.program_id) == plan
        context["pillars"] = plan.pillars.with_progress()
        return context


class PlanVersionViewSet(ScopedFreezableModelViewSet):
    model = PlanVersion
    icon = "list-ol"
    menu_label = _("Plan versions")
    list_display = ["number", "title", "status", "approved_by", "approved_at"]
    list_filter = ["status", "program"]
    search_fields = columns("title")
    list_export = ["program", "number", *columns("title"), "status", "approved_by",
                   "approved_at",
                   "superseded_at"]
    form_fields = ["program", "number", *columns("title")]
    inspect_view_class = PlanVersionInspectView
    edit_template_name = "tracker/plan_version_edit.html"
    inspect_view_fields = ["program", "number", *columns("title"), "status", "revised_from",
                           "created_at", "approved_by", "approved_at", "superseded_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<int:pk>/", admin_views.approve_plan, name="approve"),
            path("revise/<int:pk>/", admin_views.revise_plan, name="revise"),
        ]


class PillarViewSet(ScopedFreezableModelViewSet):
    model = Pillar
    icon = "folder-open-1"
    menu_label = _("Pillars")
    list_display = ["code", "name_tr", "name_en", "plan", MISSING_TRANSLATIONS]
    list_filter = ["plan"]
    search_fields = columns("name")
    list_export = ["plan.program", "plan", "order", "code", *columns("name")]
    form_fields = ["plan", "order", "code", *columns("name")]
    index_view_class = freezable_index_view(select_related=("plan",))


class GoalViewSet(ScopedFreezableModelViewSet):
    model = Goal
    icon = "tick"
    menu_label = _("Goals")
    list_display = ["code", "title", "pillar", MISSING_TRANSLATIONS]
    list_filter = ["pillar__plan"]
    search_fields = [*columns("title"), "code"]
    list_export = ["pillar.plan.program", "pillar", "order", "code", *columns("title")]
    form_fields = ["pillar", "order", "code", *columns("title")]
    index_view_class = freezable_index_view(select_related=("pillar__plan",))


class ActionIndexView(freezable_index_view(select_related=("goal__pillar__plan", "lead"))):
    def get_base_queryset(self):
        return super().get_base_queryset().with_progress().annotate(
            partner_count=Count("partners", distinct=True)
        )


class ActionInspectView(ReadOnlyWhenFrozenMixin, scoped_view(generic.InspectView)):
    template_name = "tracker/action_inspect.html"

    def get_fields(self):
        fields = super().get_fields()
        # Findings link to actions from the field study; show them once that relation exists.
        if any(f.name == "findings" for f in Action._meta.get_fields()):
            fields.append("findings")
        return fields

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        context["progress"], context["progress_reason"] = action.progress_summary()
        context["tasks"] = (Task.objects.for_user(self.request.user).filter(action=action)
                            .select_related("assigned_institution"))
        context["partners"] = list(action.partners.all())
        context["today"] = timezone.localdate()
        context["can_post"] = self.request.user.has_perm("tracker.add_taskupdate")
        context["progress_form"] = (
            ActionProgressForm(initial={"percent": action.progress_entered,
                                        "reason": action.progress_reason})
            if self.request.user.has_perm("tracker.change_action") and not action.tasks.exists()
            else None
        )
        return context


class ActionViewSet(ScopedFreezableModelViewSet):
    model = Action
    icon = "crosshairs"
    menu_label = _("Actions")
    list_display = ["code", "title", Column("plan_label", label=_("Plan version")), "lead",
                    Column("joint_label", label=_("Joint")),
                    Column("progress_label", label=_("Progress")), "end_date",
                    MISSING_TRANSLATIONS]
    list_filter = ["goal__pillar__plan", "lead", "phase"]
    search_fields = [*columns("title"), "code", *columns("description")]
    list_export = ["goal.pillar.plan.program", "code", *columns("title"), "goal", "lead",
                   "start_date",
                   "end_date", "budget_try",
                   "funding_source", "progress_label"]
    form_fields = ["goal", "code", *columns("title", "description"), "lead", "partners",
                   "phase",
                   "start_date", "end_date", "budget_try", "funding_source",
                   "progress_entered", "progress_reason"]
    index_view_class = ActionIndexView
    inspect_view_class = ActionInspectView
    inspect_view_fields = ["code", *columns("title", "description"), "goal", "lead",
                           "partners", "phase",
                           "start_date", "end_date", "budget_try", "funding_source"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("progress/<int:pk>/", admin_views.record_action_progress,
                 name="record_progress"),
        ]


class TaskIndexView(ScopedIndexView):
    select_related = ("action", "assigned_institution", "decision__meeting")


class TaskInspectView(scoped_view(generic.InspectView)):
    template_name = "tracker/task_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        context["updates"] = task.updates.select_related("posted_by")
        context["can_post"] = (self.request.user.has_perm("tracker.add_taskupdate")
                               and task.can_post_update(self.request.user))
        context["today"] = timezone.localdate()
        return context


class TaskCreateView(ScopedModelViewSet.add_view_class):
    """A new task; opened from a council decision ("New task"), it starts from that
    decision."""

    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("decision", "")
        if wanted.isdigit():
            decision = Decision.objects.for_user(self.request.user).filter(pk=wanted).first()
            if decision is not None:
                initial["decision"] = decision.pk
        return initial


class TaskViewSet(ImportableViewSetMixin, ScopedModelViewSet):
    model = Task
    import_resource_class = TaskResource
    icon = "tasks"
    menu_label = _("Tasks")
    list_display = ["code", "title", "action", "assigned_institution", "due_date", "status",
                    Column("due_label", label=_("Deadline warning")), MISSING_TRANSLATIONS]
    filterset_class = TaskFilterSet
    search_fields = [*columns("title"), "code"]
    list_export = ["action.goal.pillar.plan.program", "code", *columns("title"), "action",
                   "assigned_institution", "assignee", "due_date",
                   "status", "blocked_reason", "percent_complete", "decision"]
    form_fields = ["action", "code", *columns("title"), "assigned_institution", "assignee",
                   "due_date", "decision"]
    index_view_class = TaskIndexView
    add_view_class = TaskCreateView
    inspect_view_class = TaskInspectView
    inspect_view_fields = ["code", *columns("title"), "action", "assigned_institution",
                           "assignee",
                           "due_date", "status", "blocked_reason", "percent_complete",
                           "decision", "status_changed_by", "status_changed_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("update/<int:pk>/", admin_views.post_update, name="post_update"),
            path("evidence/<int:pk>/", admin_views.task_evidence, name="evidence"),
        ]


class CouncilMeetingViewSet(ScopedModelViewSet):
    model = CouncilMeeting
    icon = "group"
    menu_label = _("Council meetings")
    list_display = ["date", "title", "program", MISSING_TRANSLATIONS]
    list_filter = ["program", "date"]
    search_fields = [*columns("title"), "notes"]
    list_export = ["program", "date", *columns("title"), "notes"]
    form_fields = ["program", "date", *columns("title"), "attendees", "minutes", "notes"]
    inspect_view_fields = ["program", "date", *columns("title"), "attendees", "minutes",
                           "notes", "decisions"]


class DecisionInspectView(scoped_view(generic.InspectView)):
    template_name = "tracker/decision_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add_task"] = self.request.user.has_perm("tracker.add_task")
        return context


class DecisionViewSet(ScopedModelViewSet):
    model = Decision
    icon = "clipboard-list"
    menu_label = _("Council decisions")
    list_display = ["__str__", "meeting", "text", MISSING_TRANSLATIONS]
    list_filter = ["meeting"]
    search_fields = columns("text")
    list_export = ["meeting.program", "meeting", "number", *columns("text")]
    form_fields = ["meeting", "number", *columns("text")]
    inspect_view_class = DecisionInspectView
    inspect_view_fields = ["meeting", "number", *columns("text"), "tasks"]


class IndicatorViewSet(ScopedModelViewSet):
    model = Indicator
    icon = "pick"
    menu_label = _("Indicators")
    list_display = ["code", "name_tr", "unit", "baseline_value", "baseline_year", "action",
                    MISSING_TRANSLATIONS]
    list_filter = ["program", "direction"]
    search_fields = ["code", *columns("name")]
    list_export = ["program", "code", *columns("name", "unit"), "direction",
                   "baseline_value", "baseline_year", *columns("baseline_source"), "action"]
    form_fields = ["program", "action", "code", *columns("name", "unit"), "direction",
                   "baseline_value", "baseline_year", *columns("baseline_source")]
    inspect_view_fields = ["program", "action", "code", *columns("name", "unit"), "direction",
                           "baseline_value", "baseline_year", *columns("baseline_source"),
                           "targets", "values"]


class IndicatorTargetViewSet(ScopedModelViewSet):
    model = IndicatorTarget
    icon = "pick"
    menu_label = _("Indicator targets")
    list_display = ["indicator", "year", "phase", "value"]
    list_filter = ["year"]
    list_export = ["indicator.program", "indicator", "year", "phase", "value"]
    form_fields = ["indicator", "year", "phase", "value"]


class IndicatorValueViewSet(ImportableViewSetMixin, ScopedFreezableModelViewSet):
    model = IndicatorValue
    import_resource_class = IndicatorValueResource
    icon = "pick"
    menu_label = _("Indicator values")
    list_display = ["indicator", "period", "value", "source"]
    list_filter = ["period"]
    search_fields = ["source", "note"]
    list_export = ["indicator.program", "indicator", "period", "value", "source", "note"]
    form_fields = ["indicator", "period", "value", "source", "note"]


class ReportingPeriodInspectView(ReadOnlyWhenFrozenMixin, scoped_view(generic.InspectView)):
    template_name = "tracker/reporting_period_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_lock"] = self.request.user.has_perm("tracker.change_reportingperiod")
        return context


class ReportingPeriodViewSet(ScopedFreezableModelViewSet):
    model = ReportingPeriod
    icon = "lock"
    menu_label = _("Reporting periods")
    list_display = ["label", "start_date", "end_date", "locked_by", "locked_at"]
    list_filter = ["program"]
    list_export = ["program", "label", "start_date", "end_date", "locked_by", "locked_at"]
    form_fields = ["program", "label", "start_date", "end_date", "executive_summary"]
    inspect_view_class = ReportingPeriodInspectView
    inspect_view_fields = ["program", "label", "start_date", "end_date", "locked_by",
                           "locked_at", "executive_summary"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("lock/<int:pk>/", admin_views.lock_period, name="lock"),
            path("unlock/<int:pk>/", admin_views.lock_period, {"lock": False}, name="unlock"),
        ]


class ActionPlanViewSetGroup(ModelViewSetGroup):
    menu_label = _("Action plan")
    menu_icon = "list-ol"
    menu_order = 205
    items = (PlanVersionViewSet("plan_versions"), PillarViewSet("pillars"),
             GoalViewSet("goals"), ActionViewSet("actions"), TaskViewSet("tasks"))


class CouncilViewSetGroup(ModelViewSetGroup):
    menu_label = _("Council and indicators")
    menu_icon = "group"
    menu_order = 206
    items = (CouncilMeetingViewSet("council_meetings"), DecisionViewSet("decisions"),
             IndicatorViewSet("indicators"), IndicatorTargetViewSet("indicator_targets"),
             IndicatorValueViewSet("indicator_values"),
             ReportingPeriodViewSet("reporting_periods"))

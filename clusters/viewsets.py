"""Wagtail admin of the cluster programmes, every listing and object scoped by
``for_user``; edit forms refuse stale saves (``core.versioning``)."""

from django.db.models import Count
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from clusters.admin_views import (
    CLUSTER_MOVES,
    FINANCING_MOVES,
)
from clusters.models import (
    Cluster,
    ClusterInformationCentre,
    ClusterMember,
    ConsultationMeeting,
    CriteriaWeights,
    Criterion,
    FinancingApplication,
    Opinion,
    SupportDelivery,
)
from clusters.scoring import ranking_for, rankings_for
from core.translation import columns
from core.translation_admin import MISSING_TRANSLATIONS
from fieldvisits.sectors import nace_label
from tracker.access import Role, acting_with
from tracker.admin_scoping import (
    ScopedAdminForm,
    ScopedIndexView,
    ScopedModelViewSet,
    scoped_view,
    visible_rows,
)
from tracker.models import Action, Goal, has_role


def can_change(user, obj):
    """True when ``user`` may change ``obj``: the permission and a coordinator's role in
    its programme (``for_user`` narrowed to writers)."""
    model = type(obj)
    permission = f"clusters.change_{model._meta.model_name}"
    if not user.has_perm(permission):
        return False
    with acting_with(permission):
        return model.objects.for_user(user).filter(pk=obj.pk).exists()


class ScopedChildForm(WagtailAdminModelForm):
    """A row edited inline (a score, an opinion, a staff member): its choices are the
    rows the user may write, like the parent form's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        with acting_with(f"clusters.change_{self._meta.model._meta.model_name}"):
            for field in self.fields.values():
                if not isinstance(field, (ModelChoiceField, ModelMultipleChoiceField)):
                    continue
                if hasattr(field.queryset.model._default_manager, "for_user"):
                    field.queryset = field.queryset.filter(
                        pk__in=visible_rows(field.queryset.model, user).values("pk"))


class ScopedInlinePanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(
            form=ScopedChildForm, inherit_kwargs=["for_user"])
        return options


class SameProgrammeForm(ScopedAdminForm):
    """Refuses related rows (``program_fields``) of another programme than the row's."""

    program_fields = ()

    def program_id(self, cleaned):
        program = cleaned.get("program")
        return program.pk if program else None

    def clean(self):
        cleaned = super().clean()
        program_id = self.program_id(cleaned)
        if program_id is None:
            return cleaned
        for name in self.program_fields:
            value = cleaned.get(name)
            rows = list(value) if hasattr(value, "__iter__") else [value] if value else []
            foreign = [row for row in rows if _program_of(row) != program_id]
            if foreign:
                self.add_error(name, _("These belong to another programme: %(rows)s") % {
                    "rows": ", ".join(str(row) for row in foreign)})
        return cleaned


def _program_of(row):
    if isinstance(row, Goal):
        return row.pillar.plan.program_id
    return row.program_id


class ClusterAdminForm(SameProgrammeForm):
    program_fields = ("centre", "members", "action_plan_goal")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "action_plan_goal" in self.fields and self.for_user is not None:
            # Any goal of the programme's plan, approved or draft (not only editable ones).
            with acting_with("clusters.change_cluster"):
                self.fields["action_plan_goal"].queryset = Goal.objects.for_user(
                    self.for_user).select_related("pillar__plan")


class SupportDeliveryForm(SameProgrammeForm):
    program_fields = ("beneficiaries", "provider")

    def program_id(self, cleaned):
        cluster = cleaned.get("cluster")
        return cluster.program_id if cluster else None


class FinancingForm(SupportDeliveryForm):
    program_fields = ("firm",)


class CentreForm(SameProgrammeForm):
    program_fields = ("host",)


class MeetingForm(SameProgrammeForm):
    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program")
        if program is None:
            return cleaned
        for relation in ("attendees", "opinions"):
            for form in self.formsets[relation].forms:
                data = getattr(form, "cleaned_data", {})
                for name in ("institution", "cluster"):
                    row = data.get(name)
                    if row is not None and row.program_id != program.pk:
                        form.add_error(name, _("This belongs to another programme."))
        return cleaned


def _score(value):
    return number_format(value, decimal_pos=2, use_l10n=True) if value is not None else "—"


class ClusterIndexView(ScopedIndexView):
    """The listing shows each cluster's rank and weighted score in its programme."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(
            queryset, page_size)
        object_list = list(object_list)
        rankings = rankings_for({cluster.program_id for cluster in object_list})
        for cluster in object_list:
            cluster.ranking = rankings[cluster.program_id].get(cluster.pk)
        return paginator, page, object_list, is_paginated


class ClusterInspectView(scoped_view(generic.InspectView)):
    """A cluster with why it ranks where it does, its evidence, the stakeholders'
    opinions, its action plan's progress, its support and its history."""

    def get_fields(self):
        return ["program", *columns("name"), "centre", "stage", *columns("description")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cluster, user = self.object, self.request.user
        ranking = ranking_for(cluster.program_id).get(cluster.pk)
        scores = {row.criterion: row for row in cluster.scores.all()}
        context["ranking"] = ranking
        context["criteria"] = [
            {"label": Criterion(criterion).label, "score": scores.get(criterion),
             "weight": ranking.weights[criterion] if ranking else None,
             "contribution": _score(ranking.contributions()[index][3]) if ranking else "—"}
            for index, criterion in enumerate(Criterion.values)
        ]
        context["weighted_score"] = _score(ranking.weighted_score if ranking else None)
        context["selection_score"] = _score(cluster.selection_score)
        context["sectors"] = [(code, nace_label(code)) for code in cluster.nace_code_list]
        context["sees_members"] = has_role(user, Role.COORDINATOR, cluster.program) or \
            has_role(user, Role.SUPERVISOR, cluster.program)
        context["members"] = ClusterMember.objects.for_user(user).filter(
            cluster=cluster).select_related("firm")
        context["opinions"] = Opinion.objects.for_user(user).filter(
            cluster=cluster).select_related("meeting", "institution").order_by(
            "-meeting__date", "institution__name")
        context["events"] = cluster.events.select_related("by")
        context["actions"] = (
            Action.objects.for_user(user).filter(goal=cluster.action_plan_goal_id)
            .with_progress().select_related("lead").order_by("code")
            if cluster.action_plan_goal_id else [])
        context["deliveries"] = SupportDelivery.objects.for_user(user).filter(
            cluster=cluster).select_related("provider", "cluster__program").annotate(
            beneficiary_count=Count("beneficiaries"))
        financing = dict(cluster.financing_applications.order_by().values_list("stage")
                         .annotate(n=Count("pk")))
        context["financing"] = [(label, financing[stage])
                                for stage, label in FinancingApplication.Stage.choices
                                if stage in financing]
        context["moves"] = [
            (CLUSTER_MOVES[move][0], reverse("clusters_move", args=[cluster.pk, move]))
            for move in Cluster.workflow.available(cluster.stage)
        ] if can_change(user, cluster) else []
        return context


class ClustersViewSet(ScopedModelViewSet):
    base_form_class = ScopedAdminForm


class ClusterViewSet(ClustersViewSet):
    model = Cluster
    icon = "group"
    menu_label = _("Clusters")
    index_view_class = ClusterIndexView
    inspect_view_class = ClusterInspectView
    inspect_template_name = "clusters/admin/cluster_inspect.html"
    list_display = [
        "name", "program", "stage",
        Column("rank", label=_("Rank"),
               accessor=lambda c: c.ranking.rank if c.ranking else "—"),
        Column("weighted_score", label=_("Weighted score"),
               accessor=lambda c: _score(c.ranking.weighted_score if c.ranking else None)),
        "nace_codes", MISSING_TRANSLATIONS,
    ]
    list_filter = ["stage", "program"]
    search_fields = [*columns("name"), "nace_codes"]
    list_export = ["program", *columns("name"), "nace_codes", "stage", "dropped_reason",
                   "selection_rank", "selection_score", "selection_is_override",
                   "selection_reason", "centre", "action_plan_goal"]
    base_form_class = ClusterAdminForm
    panels = [
        FieldPanel("program"), *map(FieldPanel, columns("name")),
        FieldPanel("nace_codes"),
        *map(FieldPanel, columns("description")), FieldPanel("centre"),
        FieldPanel("action_plan_goal"),
        FieldPanel("members"),
        MultiFieldPanel([ScopedInlinePanel("scores", label=_("Criterion score"),
                                           max_num=len(Criterion.values))],
                        heading=_("Scores on the four criteria (1–5)")),
    ]


class CriteriaWeightsViewSet(ClustersViewSet):
    model = CriteriaWeights
    icon = "sliders"
    menu_label = _("Criteria weights")
    list_display = ["program", "economic_impact", "demand", "networking", "factor_conditions",
                    "proposed_count"]
    list_export = list_display
    form_fields = ["program", "economic_impact", "demand", "networking", "factor_conditions",
                   "proposed_count"]


class CentreViewSet(ClustersViewSet):
    model = ClusterInformationCentre
    icon = "site"
    menu_label = _("Cluster Information Centres")
    list_display = ["name", "host", "program", "phone", "email"]
    list_filter = ["program"]
    search_fields = ["name", "address"]
    list_export = ["program", "name", "host", "address", "phone", "email"]
    base_form_class = CentreForm
    panels = [
        FieldPanel("program"), FieldPanel("host"), FieldPanel("name"), FieldPanel("address"),
        FieldPanel("phone"), FieldPanel("email"),
        ScopedInlinePanel("staff", label=_("Staff member"), heading=_("Staff")),
    ]


class MeetingInspectView(scoped_view(generic.InspectView)):
    def get_fields(self):
        return ["program", "title", "date", "place", "notes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendees"] = self.object.attendees.select_related("institution")
        context["opinions"] = self.object.opinions.select_related("institution", "cluster")
        return context


class MeetingViewSet(ClustersViewSet):
    model = ConsultationMeeting
    icon = "group"
    menu_label = _("Consultation meetings")
    inspect_view_class = MeetingInspectView
    inspect_template_name = "clusters/admin/meeting_inspect.html"
    list_display = ["title", "date", "place", "program"]
    list_filter = ["program", "date"]
    search_fields = ["title", "place"]
    list_export = ["program", "title", "date", "place", "notes"]
    base_form_class = MeetingForm
    panels = [
        FieldPanel("program"), FieldPanel("title"), FieldPanel("date"), FieldPanel("place"),
        FieldPanel("notes"),
        ScopedInlinePanel("attendees", label=_("Attendee"), heading=_("Attendees")),
        ScopedInlinePanel("opinions", label=_("Opinion"),
                          heading=_("Opinions on the candidate clusters")),
    ]


class SupportDeliveryViewSet(ClustersViewSet):
    model = SupportDelivery
    icon = "pick"
    menu_label = _("Support deliveries")
    list_display = ["title", "cluster", "kind", "get_amount_display", "places",
                    "delivered_on", "provider", MISSING_TRANSLATIONS]
    list_filter = ["kind", "cluster__program", "delivered_on"]
    search_fields = [*columns("title"), "cluster__name_tr"]
    list_export = ["cluster.program", "cluster", "kind", *columns("title"), "amount",
                   "cluster.program.currency", "places", "delivered_on", "provider"]
    list_select_related = ("cluster__program", "provider")
    base_form_class = SupportDeliveryForm
    form_fields = ["cluster", "kind", *columns("title"), "amount", "places",
                   "delivered_on", "provider", "beneficiaries", "note"]


class FinancingInspectView(scoped_view(generic.InspectView)):
    def get_fields(self):
        return ["cluster", "firm", "instrument", "amount", "stage", "closing_reason",
                "proposed_on"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context["events"] = application.events.select_related("by")
        context["moves"] = [
            (FINANCING_MOVES[move][0], reverse("cluster_financing_move",
                                               args=[application.pk, move]))
            for move in FinancingApplication.workflow.available(application.stage)
        ] if can_change(self.request.user, application) else []
        return context


class FinancingViewSet(ClustersViewSet):
    model = FinancingApplication
    icon = "tasks"
    menu_label = _("Financing pipeline")
    inspect_view_class = FinancingInspectView
    inspect_template_name = "clusters/admin/financing_inspect.html"
    list_display = ["firm", "cluster", "instrument", "get_amount_display", "stage",
                    "proposed_on"]
    list_filter = ["stage", "cluster__program"]
    search_fields = ["firm__trade_name", "instrument"]
    list_export = ["cluster.program", "cluster", "firm", "firm.tax_number", "instrument",
                   "amount", "cluster.program.currency", "stage", "proposed_on",
                   "closing_reason"]
    list_select_related = ("cluster__program", "firm")
    base_form_class = FinancingForm
    form_fields = ["cluster", "firm", "instrument", "amount", "proposed_on"]


class ClustersViewSetGroup(ModelViewSetGroup):
    menu_label = _("Clusters")
    menu_icon = "group"
    menu_order = 220
    items = (
        ClusterViewSet("clusters"), CriteriaWeightsViewSet("cluster_weights"),
        CentreViewSet("cluster_centres"), MeetingViewSet("cluster_meetings"),
        SupportDeliveryViewSet("cluster_support"), FinancingViewSet("cluster_financing"),
    )


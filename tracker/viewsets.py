from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from tracker.admin_scoping import ScopedModelViewSet
from tracker.models import Milestone, Phase, Program, Stakeholder


class ProgramViewSet(ScopedModelViewSet):
    model = Program
    icon = "site"
    menu_label = _("Programmes")
    list_display = ["name", "province", "start_date", "end_date"]
    list_filter = ["province"]
    search_fields = ["name", "province"]
    list_export = ["name", "slug", "province", "start_date", "end_date",
                   "target_firms_assessed", "target_visits"]
    form_fields = ["name", "slug", "province", "start_date", "end_date", "description",
                   "target_firms_assessed", "target_visits"]


class PhaseViewSet(ScopedModelViewSet):
    model = Phase
    icon = "time"
    menu_label = _("Phases")
    list_display = ["__str__", "program", "start_date", "end_date"]
    list_filter = ["program"]
    search_fields = ["name_tr", "name_en"]
    list_export = ["program", "order", "name_tr", "name_en", "start_date", "end_date"]
    form_fields = ["program", "order", "name_tr", "name_en", "summary_tr", "summary_en",
                   "start_date", "end_date"]


class MilestoneViewSet(ScopedModelViewSet):
    model = Milestone
    icon = "flag"
    menu_label = _("Milestones")
    list_display = ["title", "phase", "due_date", "done_date", "owner"]
    list_filter = ["phase", "owner", "due_date"]
    search_fields = ["title", "notes"]
    list_export = ["title", "phase", "due_date", "done_date", "owner", "weight"]
    form_fields = ["phase", "title", "due_date", "done_date", "owner", "weight", "notes"]


class StakeholderViewSet(ScopedModelViewSet):
    model = Stakeholder
    icon = "group"
    menu_label = _("Institutions")
    list_display = ["name", "short_name", "kind", "program"]
    list_filter = ["kind", "program"]
    search_fields = ["name", "short_name"]
    list_export = ["name", "short_name", "kind", "program", "website"]
    form_fields = ["program", "name", "short_name", "kind", "website"]


class ProgrammeViewSetGroup(ModelViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "site"
    menu_order = 200
    items = (ProgramViewSet("programs"), PhaseViewSet("phases"),
             MilestoneViewSet("milestones"), StakeholderViewSet("stakeholders"))

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from fieldvisits.models import Firm, Visit
from tracker.admin_scoping import ScopedModelViewSet


class FirmViewSet(ScopedModelViewSet):
    model = Firm
    icon = "home"
    menu_label = _("Firms")
    list_display = ["trade_name", "tax_number", "nace_code", "district", "employees",
                    "is_exporter"]
    list_filter = ["program", "district", "nace_code", "is_exporter"]
    search_fields = ["trade_name", "tax_number"]
    list_export = ["tax_number", "trade_name", "nace_code", "district", "employees",
                   "is_exporter", "program"]
    form_fields = ["program", "tax_number", "trade_name", "nace_code", "district", "employees",
                   "is_exporter"]


class VisitViewSet(ScopedModelViewSet):
    model = Visit
    icon = "date"
    menu_label = _("Visits")
    list_display = ["firm", "agent", "scheduled_date", "status"]
    list_filter = ["status", "agent", "scheduled_date", "program"]
    search_fields = ["firm__trade_name", "firm__tax_number"]
    list_export = ["firm", "firm.tax_number", "agent", "scheduled_date", "status", "program"]
    form_fields = ["program", "firm", "agent", "scheduled_date", "status"]


class FieldStudyViewSetGroup(ModelViewSetGroup):
    menu_label = _("Field study")
    menu_icon = "doc-full"
    menu_order = 210
    items = (FirmViewSet("firms"), VisitViewSet("visits"))

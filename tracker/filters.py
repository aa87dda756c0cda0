"""Listing filters whose choices come through ``for_user``, so no filter lists a row the
user may not see."""


import django_filters
from django.utils.translation import gettext_lazy as _

from tracker.admin_scoping import ScopedFilterSet
from tracker.models import Institution, Task


def visible_institutions(request):
    if request is None:
        return Institution.objects.none()
    return Institution.objects.for_user(request.user)


class TaskFilterSet(ScopedFilterSet):
    assigned_institution = django_filters.ModelChoiceFilter(
        label=_("Assigned institution"), queryset=visible_institutions
    )
    due = django_filters.ChoiceFilter(
        label=_("Due"), method="filter_due", empty_label=_("Any"),
        choices=[("overdue", _("Overdue")), ("soon", _("Due within 7 days"))],
    )

    class Meta:
        model = Task
        fields = ["status", "assigned_institution"]

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        if value == "soon":
            return queryset.due_soon()
        return queryset

"""Listing filters whose choices come through ``for_user``, so no filter lists a row the
user may not see."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.admin_scoping import ScopedFilterSet
from tracker.models import Stakeholder, Task
from tracker.plan import DUE_SOON_DAYS


def visible_institutions(request):
    if request is None:
        return Stakeholder.objects.none()
    return Stakeholder.objects.for_user(request.user)


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
        today = timezone.localdate()
        open_tasks = ~Q(status=Task.Status.DONE)
        if value == "overdue":
            return queryset.filter(open_tasks, due_date__lt=today)
        if value == "soon":
            return queryset.filter(
                open_tasks, due_date__gte=today,
                due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            )
        return queryset

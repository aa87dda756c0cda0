"""What every cluster model shares and the scoring needs without the cluster model itself:
the stages of a cluster and the querysets that scope rows to a user's programmes."""

from django.db import models
from django.utils.translation import pgettext_lazy

from tracker.access import PLAN_READERS
from tracker.models import programs_for


class ClusterStage(models.TextChoices):
    IDENTIFIED = "identified", pgettext_lazy("cluster stage", "Identified")
    ANALYSED = "analysed", pgettext_lazy("cluster stage", "Analysed")
    SELECTED = "selected", pgettext_lazy("cluster stage", "Selected")
    ACTION_PLAN = "action_plan", pgettext_lazy("cluster stage", "Action plan")
    IMPLEMENTING = "implementing", pgettext_lazy("cluster stage", "Implementing")
    COMPLETED = "completed", pgettext_lazy("cluster stage", "Completed")
    DROPPED = "dropped", pgettext_lazy("cluster stage", "Dropped")


class ProgrammeReadQuerySet(models.QuerySet):
    """Rows with a ``program``: read by the programme's coordinators, supervisors and
    focal points; written by coordinators (model permissions narrow the roles)."""

    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))


class ClusterChildQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(cluster__program__in=programs_for(user, PLAN_READERS))

"""A job seeker proposed for a vacancy, and the outcome, through the one workflow mechanism."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow, WorkflowEvent
from zones.models.seekers import JobSeeker
from zones.models.vacancies import Vacancy
from zones.models.zones import zones_for


class CandidacyQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(vacancy__zone__in=zones_for(user))


class Candidacy(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INTERVIEWED = "interviewed", _("Interviewed")
        HIRED = "hired", _("Hired")
        NOT_HIRED = "not_hired", _("Not hired")

    class Reason(models.TextChoices):
        SKILLS = "skills", _("Skills or experience did not fit")
        DECLINED = "declined", _("The candidate declined")
        NO_SHOW = "no_show", _("The candidate did not come")
        FILLED = "filled", _("The position was filled otherwise")
        OTHER = "other", _("Other")

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT,
                                related_name="candidacies")
    job_seeker = models.ForeignKey(JobSeeker, verbose_name=_("job seeker"),
                                   on_delete=models.PROTECT, related_name="candidacies")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PROPOSED)
    not_hired_reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices,
                                        blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"),
                                    on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "job_seeker"],
                                    name="unique_candidacy"),
            models.CheckConstraint(
                condition=~models.Q(status="not_hired") | ~models.Q(not_hired_reason=""),
                name="not_hired_has_reason"),
        ]

    def __str__(self):
        return f"{self.job_seeker} → {self.vacancy}"


CANDIDACY_WORKFLOW = Workflow(
    field="status",
    moves={
        "interview": ([Candidacy.Status.PROPOSED], Candidacy.Status.INTERVIEWED),
        "hire": ([Candidacy.Status.PROPOSED, Candidacy.Status.INTERVIEWED],
                 Candidacy.Status.HIRED),
        "reject": ([Candidacy.Status.PROPOSED, Candidacy.Status.INTERVIEWED],
                   Candidacy.Status.NOT_HIRED),
    },
    event="zones.CandidacyEvent",
    event_fields=("candidacy", "from_status", "to_status"),
    gone=_("This candidacy no longer exists."),
    refused=_("A candidacy that is “%(current)s” cannot become “%(target)s”."),
)


class CandidacyEvent(WorkflowEvent):
    candidacy = models.ForeignKey(Candidacy, verbose_name=_("candidacy"),
                                  on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, choices=Candidacy.Status.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Candidacy.Status.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("candidacy event")
        verbose_name_plural = _("candidacy events")

"""Consultation meetings with the local stakeholders: who attended and what each
institution thinks of each candidate cluster."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from clusters.models.clusters import Cluster
from clusters.models.querysets import ProgrammeReadQuerySet
from tracker.access import PLAN_READERS
from tracker.models import Institution, Program, programs_for


class ConsultationMeeting(ClusterableModel):
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="cluster_consultations",
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    objects = ProgrammeReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation meeting")
        verbose_name_plural = _("consultation meetings")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.title} · {self.date:%d.%m.%Y}"


def _meeting_program(row):
    """The programme of ``row``'s meeting; ``None`` while a new meeting is being made (its
    form checks the programme then)."""
    try:
        return row.meeting.program_id
    except ConsultationMeeting.DoesNotExist:
        return None


class MeetingChildQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(meeting__program__in=programs_for(user, PLAN_READERS))


class MeetingAttendee(models.Model):
    meeting = ParentalKey(ConsultationMeeting, verbose_name=_("meeting"),
                          on_delete=models.CASCADE, related_name="attendees")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
        related_name="cluster_consultation_attendances",
    )
    person = models.CharField(_("person"), max_length=120)
    position = models.CharField(_("role"), max_length=120, blank=True)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "institution__name", "person"]

    def __str__(self):
        return f"{self.person} ({self.institution})"

    def clean(self):
        program_id = _meeting_program(self)
        if program_id and self.institution_id and self.institution.program_id != program_id:
            raise ValidationError(
                {"institution": _("The institution belongs to another programme.")})


class Opinion(models.Model):
    """One institution's view, at one meeting, of one candidate cluster."""

    class Stance(models.TextChoices):
        SUPPORT = "support", _("Supports")
        NEUTRAL = "neutral", _("Neutral")
        OBJECT = "object", _("Objects")

    meeting = ParentalKey(ConsultationMeeting, verbose_name=_("meeting"),
                          on_delete=models.CASCADE, related_name="opinions")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
        related_name="cluster_opinions",
    )
    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT,
                                related_name="opinions")
    stance = models.CharField(_("opinion"), max_length=10, choices=Stance.choices)
    comment = models.TextField(_("comment"), blank=True)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["meeting", "cluster__name_tr", "institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "institution", "cluster"], name="one_opinion_per_institution",
                violation_error_message=_("This institution's opinion on this cluster is "
                                          "already recorded for this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.institution} · {self.cluster}: {self.get_stance_display()}"

    def clean(self):
        program_id = _meeting_program(self)
        errors = {}
        if program_id and self.institution_id and self.institution.program_id != program_id:
            errors["institution"] = _("The institution belongs to another programme.")
        if program_id and self.cluster_id and self.cluster.program_id != program_id:
            errors["cluster"] = _("The cluster belongs to another programme.")
        if errors:
            raise ValidationError(errors)

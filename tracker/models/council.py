"""The coordination council: its meetings and their numbered decisions."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.formats import local_date
from core.translation import translated
from tracker.access import PLAN_READERS
from tracker.models.programs import Program, programs_for


class CouncilMeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))


class CouncilMeeting(models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="council_meetings",
    )
    date = models.DateField(_("date"))
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    title = translated("title")
    attendees = models.ManyToManyField(
        "tracker.Institution", verbose_name=_("attending institutions"), blank=True,
        related_name="council_meetings",
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("minutes"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = CouncilMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-date"]

    def __str__(self):
        return f"{local_date(self.date)} · {self.title}"


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(meeting__program__in=programs_for(user, PLAN_READERS))


class Decision(models.Model):
    meeting = models.ForeignKey(
        CouncilMeeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_tr = models.TextField(_("decision (Turkish)"))
    text_en = models.TextField(_("decision (English)"), blank=True)
    text_fa = models.TextField(_("decision (Persian)"), blank=True)
    text = translated("text")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["-meeting__date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_decision_number")
        ]

    def __str__(self):
        return gettext("Decision %(number)d of %(date)s") % {
            "number": self.number, "date": local_date(self.meeting.date)
        }

"""The roadmap: phases with a status computed from their milestones, and milestones."""

import datetime
from collections import namedtuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, FirstValue
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.formats import local_date
from core.translation import translated
from tracker.access import PLAN_READERS
from tracker.models.history import DatedEvent, end_of_day, start_of_day, with_state_as_of
from tracker.models.programs import Institution, Program, programs_for


def milestone_figures(day, done=None):
    """Aggregates over milestones as of ``day`` (a queryset from ``Milestone.objects
    .as_of(day)``, or, with ``done`` (a condition saying which milestones were done then),
    any queryset of the milestones that existed then): the counts and weights a phase's
    status and progress use. "Overdue" is open and due before ``day``."""
    done = Q(done_then__isnull=False) if done is None else done
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=done),
        "overdue": Count("pk", filter=~done & Q(due_date__lt=day)),
        "weight_total": Coalesce(Sum("weight"), 0),
        "weight_done": Coalesce(Sum("weight", filter=done), 0),
    }


class PhaseQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))

    def with_milestone_counts(self, today=None):
        """Annotate each phase with the milestone counts and weights its status uses, each
        milestone judged as of ``today`` (``Milestone.objects.as_of``)."""
        today = today or timezone.localdate()
        # Which milestones were done is one uncorrelated subquery over these phases' events
        # (hashed once per query); judging each milestone's last event inside every
        # figure's subquery read the events table once per milestone and figure.
        done = Q(pk__in=Milestone.objects.filter(phase__in=self.values("pk")).done_as_of(today))
        per_phase = (Milestone.objects.filter(created_at__lt=end_of_day(today),
                                              phase=models.OuterRef("pk"))
                     .order_by().values("phase"))
        return self.annotate(**{
            f"milestones_{name}": Coalesce(models.Subquery(
                per_phase.annotate(figure=figure).values("figure"),
                output_field=models.IntegerField()), 0)
            for name, figure in milestone_figures(today, done=done).items()})


MilestoneCounts = namedtuple(
    "MilestoneCounts", ["total", "done", "overdue", "weight_total", "weight_done"]
)
NO_MILESTONES = MilestoneCounts(0, 0, 0, 0, 0)


def phases_with_milestone_counts(phases, day):
    """The phases of ``phases`` (a queryset) as a list, each with the milestone counts
    :meth:`PhaseQuerySet.with_milestone_counts` annotates, as of ``day``, in two queries
    whatever the number of phases: the counts come from one query grouped by phase (the
    annotation runs five subqueries per phase, which the portfolio's 243 phases of 81
    programmes feel)."""
    milestones = Milestone.objects.filter(phase__in=phases.values("pk"),
                                          created_at__lt=end_of_day(day))
    done = Q(pk__in=milestones.done_as_of(day))
    counted = {row.pop("phase"): MilestoneCounts(**row) for row in (
        milestones.order_by().values("phase").annotate(**milestone_figures(day, done=done)))}
    listed = list(phases)
    for phase in listed:
        for name, value in counted.get(phase.pk, NO_MILESTONES)._asdict().items():
            setattr(phase, f"milestones_{name}", value)
    return listed


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    COMPLETE = "complete", _("Complete")


class Phase(models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name_tr = models.CharField(_("name (Turkish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=100, blank=True)
    summary_tr = models.TextField(_("summary (Turkish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fa = models.TextField(_("summary (Persian)"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    # Points by which weighted progress may trail elapsed time before a phase is at risk.
    PROGRESS_LAG_AT_RISK = 40

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["program", "order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "order"], name="unique_phase_order"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The phase cannot end before it starts.")})

    name = translated("name")
    summary = translated("summary")

    def _milestone_counts(self, today):
        if hasattr(self, "milestones_total"):
            return MilestoneCounts(
                self.milestones_total, self.milestones_done, self.milestones_overdue,
                self.milestones_weight_total, self.milestones_weight_done,
            )
        counts = Milestone.objects.as_of(today).filter(phase=self).aggregate(
            **milestone_figures(today))
        return MilestoneCounts(counts["total"], counts["done"], counts["overdue"],
                               counts["weight_total"], counts["weight_done"])

    def progress(self, today=None):
        """Weighted share of milestones done, 0–100: each milestone counts by its weight."""
        counts = self._milestone_counts(today or timezone.localdate())
        if not counts.weight_total:
            return 0
        return round(100 * counts.weight_done / counts.weight_total)

    def status(self, today=None):
        """Return ``(PhaseStatus, reason)`` computed from the dates and the milestones.

        The rule, applied in this order ("overdue" = not done and due before today, so a
        milestone due today is not yet overdue):

        1. the phase has milestones and every one is done → complete;
        2. today is before the start date → not started;
        3. the phase has no milestones → complete after its end date, else on track;
        4. today is after the end date and milestones are open → late;
        5. one or more milestones are overdue → at risk ("2 milestones overdue");
        6. the weighted progress trails the share of time elapsed by more than
           ``PROGRESS_LAG_AT_RISK`` points → at risk ("30% done, 80% of the time gone");
        7. otherwise → on track.
        """
        today = today or timezone.localdate()
        counts = self._milestone_counts(today)
        open_count = counts.total - counts.done
        if counts.total and open_count == 0:
            return PhaseStatus.COMPLETE, ngettext(
                "The milestone is done", "All %(total)d milestones done", counts.total
            ) % {"total": counts.total}
        if today < self.start_date:
            return PhaseStatus.NOT_STARTED, gettext("Starts on %(date)s") % {
                "date": local_date(self.start_date)
            }
        if not counts.total:
            if today > self.end_date:
                return PhaseStatus.COMPLETE, gettext("Ended on %(date)s; no milestones") % {
                    "date": local_date(self.end_date)
                }
            return PhaseStatus.ON_TRACK, gettext("No milestones set yet")
        if today > self.end_date:
            return PhaseStatus.LATE, ngettext(
                "Ended on %(date)s with %(count)d milestone open",
                "Ended on %(date)s with %(count)d milestones open",
                open_count,
            ) % {"date": local_date(self.end_date), "count": open_count}
        if counts.overdue:
            return PhaseStatus.AT_RISK, ngettext(
                "%(count)d milestone overdue", "%(count)d milestones overdue", counts.overdue
            ) % {"count": counts.overdue}
        progress = self.progress(today)
        elapsed = self.elapsed_share(today)
        if elapsed - progress > self.PROGRESS_LAG_AT_RISK:
            return PhaseStatus.AT_RISK, gettext(
                "%(progress)d%% done, %(elapsed)d%% of the time gone"
            ) % {"progress": progress, "elapsed": elapsed}
        return PhaseStatus.ON_TRACK, gettext(
            "%(done)d of %(total)d milestones done (%(progress)d%%)"
        ) % {"done": counts.done, "total": counts.total, "progress": progress}

    def elapsed_share(self, today=None):
        """Share of the phase's calendar time that has passed, 0–100."""
        today = today or timezone.localdate()
        span = (self.end_date - self.start_date).days or 1
        passed = (min(max(today, self.start_date), self.end_date) - self.start_date).days
        return round(100 * passed / span)


class MilestoneQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(phase__program__in=programs_for(user, PLAN_READERS))

    def as_of(self, day):
        """Milestones annotated with ``done_then``: the done date their last
        :class:`MilestoneEvent` at or before the end of ``day`` recorded, when it is not
        after ``day``; ``None`` (open) otherwise, and for a milestone with no event by
        then. A completion entered later, whatever day it names, is not read back; a
        milestone created after ``day`` is left out."""
        recorded = with_state_as_of(self.filter(created_at__lt=end_of_day(day)),
                                    events=MilestoneEvent, link="milestone", day=day,
                                    fields={"done_recorded": ("done_date", None,
                                                              models.DateField())})
        return recorded.annotate(done_then=models.Case(
            models.When(done_recorded__lte=day, then=models.F("done_recorded")),
            default=None, output_field=models.DateField()))

    def done_as_of(self, day):
        """The ids of the milestones of ``self`` that :meth:`as_of` judges done at the end
        of ``day`` (their last event by then records a done date not after ``day``), as
        one subquery: the last event of each is found by a window over their events."""
        last_done = (MilestoneEvent.objects
                     .filter(at__lt=end_of_day(day), milestone__in=self.values("pk"))
                     .annotate(last_done=models.Window(
                         FirstValue("done_date"), partition_by=[models.F("milestone")],
                         order_by=[models.F("at").desc(), models.F("pk").desc()])))
        return last_done.filter(last_done__lte=day).values("milestone")

    def due_within(self, days, today=None):
        """Milestones open at the end of ``today`` and due within ``days`` of it."""
        today = today or timezone.localdate()
        return self.as_of(today).filter(
            done_then__isnull=True,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=days),
        )


class Milestone(models.Model):
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="milestones"
    )
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    title = translated("title")
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("done date"), null=True, blank=True)
    owner = models.ForeignKey(
        Institution, verbose_name=_("owner institution"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="milestones",
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    evidence = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("evidence"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    # Reads as of a day leave out milestones added after it, so a re-issued report keeps
    # the phase figures it printed.
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["phase", "due_date", "title_tr"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.owner_id and self.phase_id and self.owner.program_id != self.phase.program_id:
            raise ValidationError({"owner": _("The institution belongs to another programme.")})

    @property
    def is_done(self):
        return self.done_date is not None

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.done_date is None and self.due_date < today

    def record_event(self, *, by, at=None, note=""):
        """Date the milestone's current done date (``None``: open), so reads as of a day can
        tell whether it was done then (``MilestoneQuerySet.as_of``). Called for every
        change of ``done_date``, by the admin form, the import and the demo data."""
        now = timezone.now()
        return MilestoneEvent.objects.create(milestone=self, at=at or now,
                                             done_date=self.done_date, by=by, note=note,
                                             recorded_at=now)

    @staticmethod
    def created_with_programme(program):
        """The creation moment of a milestone written by data that predates its history
        (the demo, a test's factory): the start of its programme, never later than now."""
        return min(start_of_day(program.start_date), timezone.now())

    def record_completion_dated(self, *, note=""):
        """For a milestone written with a done date by data that predates its history (the
        demo, a test's factory): the event a completion on that day would have left, dated
        at the start of that day and never later than now."""
        if self.done_date is None:
            return None
        at = min(start_of_day(self.done_date), timezone.now())
        return MilestoneEvent.objects.create(milestone=self, at=at, done_date=self.done_date,
                                             by=None, note=note, recorded_at=at)


class MilestoneEvent(DatedEvent):
    """The done date a milestone had from ``at`` on (``None``: open): one row per change,
    so a phase's status and progress can be judged as of a past day."""

    milestone = models.ForeignKey(Milestone, verbose_name=_("milestone"),
                                  on_delete=models.PROTECT, related_name="events")
    done_date = models.DateField(_("done date"), null=True, blank=True)

    class Meta(DatedEvent.Meta):
        verbose_name = _("milestone event")
        verbose_name_plural = _("milestone history")
        # A milestone's state on a day is its last event by then: read backwards from that
        # moment, the index answers alone (see ``TaskEvent``).
        indexes = [models.Index(fields=["milestone", "at", "id", "done_date"],
                                name="milestone_event_last")]

    def __str__(self):
        done = local_date(self.done_date) if self.done_date else "—"
        return f"{self.milestone} · {done}"

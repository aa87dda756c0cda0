"""On-site visits, their answers, review and findings."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.formats import local_date
from core.querysets import any_of
from core.storage import evidence_storage
from core.workflow import IllegalMove, Workflow, WorkflowEvent
from fieldvisits.dimensions import Dimension
from fieldvisits.models.firms import Firm
from fieldvisits.models.questionnaires import Question, QuestionnaireVersion
from tracker.access import FIELD_STUDY_READERS, Role
from tracker.models import Program, end_of_day, program_ids_for, programs_for


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        """Visits ``user`` may see: the programme's for coordinators and supervisors,
        their own for field agents, none for anyone else."""
        readable = program_ids_for(user, FIELD_STUDY_READERS)
        visiting = program_ids_for(user, [Role.AGENT])
        return any_of(
            self,
            {"program__in": readable} if readable else None,
            {"agent": user, "program__in": visiting} if visiting else None,
        )

    def reviewable_by(self, user):
        return self.filter(program__in=programs_for(user, FIELD_STUDY_READERS))

    def status_as_of(self, day):
        """Annotate ``status_then``: the state each visit was in at the end of ``day``,
        from its last :class:`VisitEvent` by then (planned when it had none)."""
        last = (VisitEvent.objects.filter(visit=models.OuterRef("pk"), at__lt=end_of_day(day))
                .order_by("-at", "-pk").values("to_status")[:1])
        return self.annotate(status_then=Coalesce(
            models.Subquery(last), models.Value(Visit.Status.PLANNED.value),
            output_field=models.CharField()))

    def approved_as_of(self, day):
        """Visits approved by the end of ``day``: the one status every field-study figure
        of a report counts. Only a visit approved at some moment by then can be approved
        then, so the others' history is not read."""
        approvals = VisitEvent.objects.filter(to_status=Visit.Status.APPROVED,
                                              at__lt=end_of_day(day)).values("visit")
        return (self.filter(pk__in=approvals).status_as_of(day)
                .filter(status_then=Visit.Status.APPROVED))


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    # A visit counts as done on site once the agent has submitted it.
    COMPLETED_STATUSES = (Status.SUBMITTED, Status.APPROVED)
    EDITABLE_STATUSES = (Status.SCHEDULED, Status.IN_PROGRESS, Status.RETURNED)
    workflow = Workflow(
        field="status",
        moves={
            "schedule": ((Status.PLANNED, Status.SCHEDULED), Status.SCHEDULED),
            "start": ((Status.SCHEDULED, Status.RETURNED), Status.IN_PROGRESS),
            "submit": ((Status.IN_PROGRESS,), Status.SUBMITTED),
            "approve": ((Status.SUBMITTED,), Status.APPROVED),
            "return": ((Status.SUBMITTED,), Status.RETURNED),
            "cancel": ((Status.PLANNED, Status.SCHEDULED, Status.IN_PROGRESS), Status.CANCELLED),
            "no_show": ((Status.SCHEDULED,), Status.NO_SHOW),
        },
        event="fieldvisits.VisitEvent", event_fields=("visit", "from_status", "to_status"),
        gone=_("This visit no longer exists."),
        refused=_("A visit that is “%(current)s” cannot become “%(target)s”."),
    )

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="visits"
    )
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), on_delete=models.PROTECT, related_name="visits"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("field agent"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="assigned_visits",
    )
    scheduled_date = models.DateField(_("scheduled date"), null=True, blank=True)
    scheduled_time = models.TimeField(_("appointment time"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED,
        db_index=True,
    )
    questionnaire_version = models.ForeignKey(
        QuestionnaireVersion, verbose_name=_("questionnaire version"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="visits",
        help_text=_("Bound when the visit starts; later versions do not change it."),
    )
    draft_answers = models.JSONField(
        _("draft answers as typed"), default=dict, blank=True,
        help_text=_("Everything the agent typed, valid or not, so a draft never loses input."),
    )
    draft_saved_at = models.DateTimeField(
        _("draft typed at"), null=True, blank=True,
        help_text=_("When the kept draft was typed; an older draft never replaces it."),
    )
    closing_reason = models.TextField(_("reason for cancellation or no-show"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True,
                                        db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["scheduled_date", "pk"]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self):
        return f"{self.firm} · {local_date(self.scheduled_date) or _('unscheduled')}"

    def clean(self):
        if self.firm_id and self.program_id and self.firm.program_id != self.program_id:
            raise ValidationError({"firm": _("The firm belongs to another programme.")})

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    def schedule(self, *, date, agent, by):
        """Assign or reschedule: a date and an agent of the visit's programme."""
        if date is None or agent is None:
            raise IllegalMove(_("A scheduled visit needs both a date and an agent."))
        if not agent.program_memberships.filter(program=self.program_id,
                                                role=Role.AGENT).exists():
            raise IllegalMove(_("%(user)s is not a field agent of this programme.") % {
                "user": agent.get_full_name() or agent.username})
        note = _("%(date)s, %(agent)s") % {"date": date.isoformat(),
                                           "agent": agent.get_full_name() or agent.username}
        self.workflow.move(self, "schedule", by=by, note=note,
                           changes={"scheduled_date": date, "agent": agent})

    def start(self, *, by, version=None):
        """Open the questionnaire; a first start binds the visit to ``version``, by default
        the programme's current published version."""
        changes = {}
        if self.questionnaire_version_id is None:
            version = version or QuestionnaireVersion.objects.current(self.program_id)
            if version is None:
                raise IllegalMove(_("No published questionnaire to start the visit with."))
            changes["questionnaire_version"] = version
        self.workflow.move(self, "start", by=by, changes=changes)

    def submit(self, *, by):
        self.workflow.move(self, "submit", by=by,
                           changes={"submitted_at": timezone.now(), "draft_answers": {}})

    def approve(self, *, by):
        self.workflow.move(self, "approve", by=by)

    def return_for_changes(self, *, by, comments):
        """Send back to the agent; ``comments`` maps a question (or ``None``) to a text."""
        comments = {q: text.strip() for q, text in comments.items() if text and text.strip()}
        if not comments:
            raise IllegalMove(_("Write at least one comment saying what to fix."))
        with transaction.atomic():
            self.workflow.move(self, "return", by=by)
            ReviewComment.objects.bulk_create(
                ReviewComment(visit=self, question=question, text=text, by=by)
                for question, text in comments.items()
            )

    def cancel(self, *, by, reason):
        self._close("cancel", by, reason)

    def mark_no_show(self, *, by, reason):
        self._close("no_show", by, reason)

    def _close(self, move, by, reason):
        if not (reason or "").strip():
            raise IllegalMove(_("Give a reason."))
        self.workflow.move(self, move, by=by, note=reason.strip(),
                           changes={"closing_reason": reason.strip()})

    def open_review_comments(self):
        """Comments of the latest return, which the agent has to address."""
        latest = self.events.filter(to_status=self.Status.RETURNED).order_by("-at").first()
        comments = self.review_comments.select_related("question")
        return comments if latest is None else comments.filter(at__gte=latest.at)


class VisitChildQuerySet(models.QuerySet):
    """Rows hanging off a visit: visible exactly when the visit is."""

    def for_user(self, user):
        return self.filter(visit__in=Visit.objects.for_user(user))


class VisitEvent(WorkflowEvent):
    """One state change of a visit: the history shown to agents and supervisors."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=Visit.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Visit.Status.choices)

    objects = VisitChildQuerySet.as_manager()

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("visit event")
        verbose_name_plural = _("visit history")
        # A visit's state on a day is its last event by then (``status_as_of``): read
        # backwards from that moment, one index entry per visit.
        indexes = [models.Index(fields=["visit", "at", "id", "to_status"],
                                name="visit_event_last")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Answer(models.Model):
    """The typed answer to one question of one visit.

    Exactly one value column is filled, chosen by the question's type, so answers can
    be averaged and counted in the database. Multiple choices are stored as
    ``|code|code|`` so ``value_text__contains="|code|"`` counts them.
    """

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value_number = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    value_text = models.TextField(blank=True)
    value_bool = models.BooleanField(null=True, blank=True)
    value_date = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    objects = VisitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.display_value()}"

    @classmethod
    def build(cls, *, visit, question, value, by):
        """An unsaved answer holding ``value`` (already parsed by ``question.parse``)."""
        if question.section.version_id != visit.questionnaire_version_id:
            raise ValidationError(_("This question is not part of the visit's questionnaire."))
        answer = cls(visit=visit, question=question, answered_by=by)
        kind = question.kind
        if kind in Question.NUMERIC_KINDS:
            answer.value_number = value
        elif kind == Question.Kind.MULTIPLE_CHOICE:
            answer.value_text = "|" + "|".join(value) + "|"
        elif kind == Question.Kind.YES_NO:
            answer.value_bool = value
        elif kind == Question.Kind.DATE:
            answer.value_date = value
        else:
            answer.value_text = value
        return answer

    def form_value(self):
        """The value as a form field shows it."""
        kind = self.question.kind
        if kind in Question.NUMERIC_KINDS:
            return format(self.value_number.normalize(), "f")
        if kind == Question.Kind.MULTIPLE_CHOICE:
            return [code for code in self.value_text.split("|") if code]
        if kind == Question.Kind.YES_NO:
            return "yes" if self.value_bool else "no"
        if kind == Question.Kind.DATE:
            return self.value_date.isoformat()
        return self.value_text

    def display_value(self):
        value = self.form_value()
        labels = dict(self.question.choice_list())
        if isinstance(value, list):
            return ", ".join(str(labels.get(code, code)) for code in value)
        if self.question.kind == Question.Kind.YES_NO:
            return str(_("Yes") if self.value_bool else _("No"))
        if self.question.kind in Question.NUMERIC_KINDS and value not in (None, ""):
            # Numbers in the reader's conventions: 305,9 and %62 in Turkish.
            shown = number_format(value, use_l10n=True)
            if self.question.kind == Question.Kind.PERCENTAGE:
                return gettext("%(value)s%%") % {"value": shown}
            return f"{shown} {self.question.unit}".strip()
        return str(labels.get(value, value))


class Submission(models.Model):
    """One received submission, keyed by the UUID the client generated for it."""

    uuid = models.UUIDField(unique=True)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="submissions")
    payload_hash = models.CharField(max_length=64)
    answers = models.JSONField(
        _("answers as submitted"), default=dict, blank=True,
        help_text=_("What this submission carried, so a resubmission shows what changed."),
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)

    objects = VisitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return str(self.uuid)


class ReviewComment(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="review_comments")
    question = models.ForeignKey(Question, verbose_name=_("question"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = VisitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text


def attachment_path(instance, filename):
    # Unguessable names: the file is only meant to be fetched through the checked view.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"visit-attachments/{instance.visit_id}/{uuid.uuid4().hex}.{extension}"


class VisitAttachment(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    client_uuid = models.UUIDField(
        null=True, blank=True, unique=True,
        help_text=_("Made on the phone: sending the same photo again stores it once."),
    )

    objects = VisitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class FindingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(visit__program__in=programs_for(user, FIELD_STUDY_READERS))


class Finding(models.Model):
    """What a visit revealed; the action plan is built from these."""

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.PROTECT,
                              related_name="findings")
    pillar = models.CharField(_("pillar"), max_length=30, choices=Dimension.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    text = models.TextField(_("finding"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    actions = models.ManyToManyField(
        "tracker.Action", verbose_name=_("actions"), related_name="findings", blank=True,
        help_text=_("The action-plan actions this finding is evidence for."),
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_pillar_display()} · {self.get_severity_display()}"

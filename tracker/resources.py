"""Spreadsheet formats of the programme: tasks (by their stable code), institutions,
focal points, milestones and indicator values. One resource per model serves its import
and its export."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.widgets import Widget

from core.importing.cells import fold
from core.importing.resources import ProgramResource, column
from core.importing.widgets import (
    ChoiceWidget,
    DateWidget,
    LookupWidget,
    NumberWidget,
    TextWidget,
)
from core.translation import columns
from tracker.access import Role
from tracker.models import (
    Action,
    Indicator,
    IndicatorValue,
    Institution,
    Membership,
    Milestone,
    MilestoneEvent,
    Phase,
    PlanVersion,
    ReportingPeriod,
    Task,
    TaskEvent,
)
from tracker.roles import sync_user_role_groups


def institution_lookup(resource, *, required=True):
    return LookupWidget(
        rows=lambda: Institution.objects.filter(program=resource.program),
        keys=lambda institution: [institution.name, institution.short_name],
        render_key=lambda institution: institution.short_name or institution.name,
        not_found=_("“%(value)s”: no institution of the programme has this name or short "
                    "name."),
        required=required,
    )


def _actions_current_first(program):
    """The programme's actions, those of its current plan version first, so a code that
    several versions share names the current one."""
    current = PlanVersion.objects.current(program)
    return Action.objects.filter(goal__pillar__plan__program=program).annotate(
        preference=Case(When(goal__pillar__plan=current, then=Value(0)), default=Value(1),
                        output_field=IntegerField())
    ).order_by("preference", "-goal__pillar__plan__number")


class TaskResource(ProgramResource):
    """Tasks of a programme's actions, created and updated by their stable code."""

    code = column("code", TextWidget(max_length=20, required=True))
    title_tr = column("title_tr", TextWidget(max_length=250, required=True))
    title_en = column("title_en", TextWidget(max_length=250))
    title_fa = column("title_fa", TextWidget(max_length=250))
    action = column("action", Widget())
    assigned_institution = column("assigned_institution", Widget())
    due_date = column("due_date", DateWidget(required=True))
    status = column("status", ChoiceWidget(Task.Status, default=Task.Status.TO_DO))
    percent_complete = column("percent_complete", NumberWidget(minimum=0, maximum=100))
    blocked_reason = column("blocked_reason", TextWidget())

    key_column = "code"
    aliases = {"code": ["görev kodu", "task code"], "action": ["eylem kodu", "action code"],
               "title_tr": ["title", "başlık"]}

    class Meta:
        model = Task
        fields = ("code", *columns("title"), "action", "assigned_institution", "due_date",
                  "status",
                  "percent_complete", "blocked_reason")
        import_id_fields = ("code",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["action"].widget = LookupWidget(
            rows=lambda: _actions_current_first(self.program),
            keys=lambda action: [action.code],
            render_key=lambda action: action.code,
            not_found=_("Action “%(value)s”: no action of the programme's plan has this code."),
        )
        self.fields["assigned_institution"].widget = institution_lookup(self)

    def required_columns(self):
        return ["title_tr", "action", "assigned_institution", "due_date"]

    def program_rows(self):
        return Task.objects.in_program(self.program)

    def prepare_export(self, queryset):
        return queryset.select_related("action", "assigned_institution")

    def import_instance(self, instance, row, **kwargs):
        previous = instance.status if instance.pk else None
        before = (instance.status, instance.percent_complete) if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "status" not in errors:
            errors.update(self._status_errors(instance, previous))
        if errors:
            raise ValidationError(errors)
        initial = (Task.Status.TO_DO, 0)
        instance.state_changed = (instance.status, instance.percent_complete) != (
            before or initial)

    def after_bulk_write(self, instances, *, created):
        """Date each imported change of status or percentage (``TaskEvent``)."""
        now = timezone.now()
        TaskEvent.objects.bulk_create(
            TaskEvent(task=task, at=now, status=task.status,
                      percent_complete=task.percent_complete,
                      blocked_reason=task.blocked_reason, by=self.user,
                      note=_("import"))
            for task in instances if getattr(task, "state_changed", False))

    def _status_errors(self, task, previous):
        """A status change from the file follows the task's workflow, as in the admin."""
        if previous is not None and task.status != previous:
            allowed = Task.TRANSITIONS[Task.Status(previous)]
            if task.status not in allowed:
                return {"status": [_(
                    "A task that is “%(current)s” cannot become “%(new)s”; it can become: "
                    "%(allowed)s.") % {
                    "current": Task.Status(previous).label, "new": Task.Status(task.status).label,
                    "allowed": ", ".join(str(s.label) for s in Task.Status if s in allowed)}]}
            task.status_changed_by, task.status_changed_at = self.user, timezone.now()
        if task.status == Task.Status.BLOCKED and not (task.blocked_reason or "").strip():
            return {"blocked_reason": [_("Say what blocks the task.")]}
        if task.status != Task.Status.BLOCKED:
            task.blocked_reason = ""
        if task.status == Task.Status.DONE:
            task.percent_complete = 100
        elif task.percent_complete is None:
            task.percent_complete = 0
        return {}

    def prepare_for_bulk(self, instance):
        # Batches skip ``Task.save``; the action was looked up in this programme.
        instance.program = self.program

    def computed_fields(self):
        return ["program", "status_changed_by", "status_changed_at"]



class InstitutionResource(ProgramResource):
    """The council's institutions, keyed by their name within the programme."""

    name = column("name", TextWidget(max_length=200, required=True))
    short_name = column("short_name", TextWidget(max_length=30))
    kind = column("kind", ChoiceWidget(Institution.Kind))
    website = column("website", TextWidget(max_length=200))

    key_column = "name"
    aliases = {"name": ["kurum adı", "name"]}

    class Meta:
        model = Institution
        fields = ("name", "short_name", "kind", "website")
        import_id_fields = ("name",)

    def required_columns(self):
        return ["kind"]

    def program_rows(self):
        return Institution.objects.filter(program=self.program)

    def init_program(self, instance):
        instance.program = self.program


class EmailWidget(TextWidget):
    def __init__(self):
        super().__init__(max_length=254, required=True)

    def clean(self, value, row=None, **kwargs):
        email = super().clean(value, row, **kwargs).lower()
        try:
            EmailValidator()(email)
        except ValidationError:
            raise ValueError(_("“%(value)s” is not an e-mail address.") % {"value": value}) \
                from None
        return email


class FocalPointResource(ProgramResource):
    """Focal points of the institutions, keyed by e-mail. A new person gets an account
    without a usable password and an e-mail inviting them to choose one."""

    email = column("user__email", EmailWidget(), label=gettext_lazy("e-mail"))
    first_name = column("user__first_name", TextWidget(max_length=150),
                        label=gettext_lazy("first name"))
    last_name = column("user__last_name", TextWidget(max_length=150),
                       label=gettext_lazy("last name"))
    institution = column("institution", Widget())
    position = column("position", TextWidget(max_length=120))

    key_column = "email"
    aliases = {"email": ["email", "e-posta", "eposta", "e-posta adresi"]}

    class Meta:
        model = Membership
        fields = ("email", "first_name", "last_name", "institution", "position")
        import_id_fields = ("email",)
        use_bulk = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["institution"].widget = institution_lookup(self)
        self.invited = []

    def required_columns(self):
        return ["institution"]

    def program_rows(self):
        return Membership.objects.filter(program=self.program, role=Role.FOCAL_POINT)

    def prepare_export(self, queryset):
        return queryset.filter(role=Role.FOCAL_POINT).select_related("user", "institution")

    def init_instance(self, row=None):
        email = str((row or {}).get("email") or "").strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first() if email else None
        if user is None:
            user = get_user_model()(username=email[:150], email=email)
            user.set_unusable_password()
        return Membership(program=self.program, role=Role.FOCAL_POINT, user=user)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        user = instance.user
        if user.pk is None and "email" not in errors and get_user_model().objects.filter(
                username=user.username).exists():
            errors["email"] = [_("An account with the user name %(name)s has another e-mail "
                                 "address; change that account first.") % {
                "name": user.username}]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A new account is saved just before its membership, so the membership is checked
        # without it; its e-mail was checked above.
        errors = dict(import_validation_errors or {})
        self.clean_model(instance, errors, exclude=["user"])
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        user = instance.user
        new_account = user.pk is None
        others = user.program_memberships.exclude(program=self.program).exists() \
            if not new_account else False
        if new_account or not others:
            # An account that also works in another programme keeps its name as it is.
            user.save()
        instance.user = user
        super().do_instance_save(instance, is_create)
        sync_user_role_groups(user)
        if new_account and not self.dry_run:
            self.invited.append(user.pk)

    def write_history(self, run):
        super().write_history(run)
        invited = list(self.invited)
        self.invited.clear()
        if invited:
            transaction.on_commit(lambda: send_invitations(invited, self.program))


def send_invitations(user_ids, program):
    """E-mail each new focal point a link to choose their password."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user in get_user_model().objects.filter(pk__in=user_ids):
        link = base_url + reverse("wagtailadmin_password_reset_confirm", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user)})
        context = {"user": user, "program": program, "link": link}
        send_mail(render_to_string("emails/focal_point_invitation_subject.txt", context).strip(),
                  render_to_string("emails/focal_point_invitation.txt", context),
                  None, [user.email])


class MilestoneResource(ProgramResource):
    """Milestones of the programme's phases, keyed by their title."""

    title_tr = column("title_tr", TextWidget(max_length=200, required=True))
    title_en = column("title_en", TextWidget(max_length=200))
    title_fa = column("title_fa", TextWidget(max_length=200))
    phase = column("phase", Widget())
    due_date = column("due_date", DateWidget(required=True))
    done_date = column("done_date", DateWidget())
    owner = column("owner", Widget())
    weight = column("weight", NumberWidget(minimum=1, maximum=100))
    notes = column("notes", TextWidget())

    key_column = "title_tr"
    aliases = {"title_tr": ["title", "başlık"]}

    class Meta:
        model = Milestone
        fields = (*columns("title"), "phase", "due_date", "done_date", "owner", "weight",
                  "notes")
        import_id_fields = ("title_tr",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["phase"].widget = LookupWidget(
            rows=lambda: Phase.objects.filter(program=self.program),
            keys=lambda phase: [phase.order, *(getattr(phase, name) for name in columns("name")),
                                str(phase)],
            render_key=lambda phase: phase.name,
            not_found=_("Phase “%(value)s”: the programme has no phase of this name or "
                        "number."),
        )
        self.fields["owner"].widget = institution_lookup(self, required=False)

    def required_columns(self):
        return ["phase", "due_date"]

    def program_rows(self):
        return Milestone.objects.filter(phase__program=self.program)

    def prepare_export(self, queryset):
        return queryset.select_related("phase", "owner")

    def import_instance(self, instance, row, **kwargs):
        before = instance.done_date if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if instance.weight is None:
            instance.weight = 1
        instance.done_date_changed = instance.done_date != before

    def after_bulk_write(self, instances, *, created):
        """Date each imported change of the done date (``MilestoneEvent``)."""
        now = timezone.now()
        MilestoneEvent.objects.bulk_create(
            MilestoneEvent(milestone=milestone, at=now, recorded_at=now,
                           done_date=milestone.done_date, by=self.user, note=_("import"))
            for milestone in instances if getattr(milestone, "done_date_changed", False))


class IndicatorValueResource(ProgramResource):
    """Actual values of indicators per reporting period; a locked period refuses them."""

    indicator = column("indicator", Widget())
    period = column("period", Widget())
    value = column("value", NumberWidget(places=2, required=True))
    source = column("source", TextWidget(max_length=250))
    note = column("note", TextWidget())

    key_column = "indicator"

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "period", "value", "source", "note")
        import_id_fields = ("indicator", "period")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["indicator"].widget = LookupWidget(
            rows=lambda: Indicator.objects.filter(program=self.program),
            keys=lambda indicator: [indicator.code],
            render_key=lambda indicator: indicator.code,
            not_found=_("Indicator “%(value)s”: the programme has no indicator with this "
                        "code."),
        )
        self.fields["period"].widget = LookupWidget(
            rows=lambda: ReportingPeriod.objects.filter(program=self.program),
            keys=lambda period: [period.label],
            render_key=lambda period: period.label,
            not_found=_("Period “%(value)s”: the programme has no reporting period with this "
                        "label."),
        )

    def required_columns(self):
        return ["period", "value"]

    def program_rows(self):
        return IndicatorValue.objects.filter(indicator__program=self.program)

    def prepare_export(self, queryset):
        return queryset.select_related("indicator", "period")

    def before_import_row(self, row, **kwargs):
        self.refuse_other_program(row)
        # One value per indicator and period: the pair is the key.
        key = (fold(row.get("indicator") or ""), fold(row.get("period") or ""))
        first = self.first_row_of_key.setdefault(key, self.row_number)
        if first != self.row_number:
            raise ValidationError({"indicator": _(
                "“%(indicator)s” for “%(period)s” appears twice in the file: also on row "
                "%(row)s.") % {"indicator": row.get("indicator"), "period": row.get("period"),
                               "row": first}})

    def import_instance(self, instance, row, **kwargs):
        stored_period = instance.period if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        for period in (stored_period, instance.period if instance.period_id else None):
            if period is not None and period.is_locked:
                raise ValidationError({"period": period.frozen_message()})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The locked-period rule was checked on the periods loaded once for the file.
        errors = dict(import_validation_errors or {})
        try:
            instance.clean_fields(exclude=list(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

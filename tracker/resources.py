"""Spreadsheet formats of the programme: tasks (by their stable code), institutions,
focal points, milestones and indicator values. One resource per model serves its import
and its export."""

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.widgets import Widget

from tracker.importing.resources import ProgramResource, column
from tracker.importing.widgets import (
    ChoiceWidget,
    DateWidget,
    LookupWidget,
    NumberWidget,
    TextWidget,
)
from tracker.models import Action, Institution, PlanVersion, Task


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
    title = column("title", TextWidget(max_length=250, required=True))
    action = column("action", Widget())
    assigned_institution = column("assigned_institution", Widget())
    due_date = column("due_date", DateWidget(required=True))
    status = column("status", ChoiceWidget(Task.Status, default=Task.Status.TO_DO))
    percent_complete = column("percent_complete", NumberWidget(minimum=0, maximum=100))
    blocked_reason = column("blocked_reason", TextWidget())

    key_column = "code"
    aliases = {"code": ["görev kodu", "task code"], "action": ["eylem kodu", "action code"]}

    class Meta:
        model = Task
        fields = ("code", "title", "action", "assigned_institution", "due_date", "status",
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
        return ["title", "action", "assigned_institution", "due_date"]

    def program_rows(self):
        return Task.objects.in_program(self.program)

    def prepare_export(self, queryset):
        return queryset.select_related("action", "assigned_institution")

    def import_instance(self, instance, row, **kwargs):
        previous = instance.status if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "status" not in errors:
            errors.update(self._status_errors(instance, previous))
        if errors:
            raise ValidationError(errors)

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

    def computed_fields(self):
        return ["status_changed_by", "status_changed_at"]


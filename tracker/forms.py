from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_evidence
from tracker.models import Task

TASK_STATE_SALT = "tracker.task-state"


def task_state_token(task):
    return signing.dumps({"task": task.pk, **task.state_snapshot()}, salt=TASK_STATE_SALT)


class TaskUpdateForm(forms.Form):
    """A dated progress update; the status and percentage are optional changes."""

    text = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
    blocked_reason = forms.CharField(
        label=_("What blocks the task?"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the status is “Blocked”."),
    )
    percent_complete = forms.IntegerField(
        label=_("Complete (%)"), min_value=0, max_value=100, required=False
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    # The task's state as the form showed it: an update written against an older state
    # is refused rather than silently undoing someone else's change.
    loaded_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["loaded_state"].initial = task_state_token(task)
        # Offer only the current status and the moves the task's workflow allows from it.
        reachable = {task.status} | Task.TRANSITIONS[Task.Status(task.status)]
        self.fields["status"].choices = [
            (value, label) for value, label in Task.Status.choices if value in reachable
        ]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_evidence(upload)
        return upload

    def clean_loaded_state(self):
        token = self.cleaned_data.get("loaded_state")
        if not token:
            return None
        try:
            state = signing.loads(token, salt=TASK_STATE_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("This form is damaged or out of date; reload the page.")) from error
        if state.pop("task", None) != self.task.pk:
            raise forms.ValidationError(_("This form was loaded for another task; reload "
                                          "the page."))
        return state

    def renew_loaded_state(self, task):
        """Carry ``task``'s current state, once the user has been shown what changed."""
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_state")] = task_state_token(task)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Task.Status.BLOCKED and not cleaned.get(
            "blocked_reason", ""
        ).strip():
            self.add_error("blocked_reason", _("Say what blocks the task."))
        return cleaned


class ActionProgressForm(forms.Form):
    """Progress of an action without tasks, entered by hand with its reason."""

    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("Why this figure?"), widget=forms.Textarea(attrs={"rows": 2}))

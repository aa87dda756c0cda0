from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.models import Task


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

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the current status and the moves the task's workflow allows from it.
        reachable = {task.status} | Task.TRANSITIONS[Task.Status(task.status)]
        self.fields["status"].choices = [
            (value, label) for value, label in Task.Status.choices if value in reachable
        ]

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

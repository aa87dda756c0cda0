"""Forms of the /field/ app. The questionnaire form is built from a version's questions;
parsing and range checks are the questions' own (``Question.parse``)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.date_fields import ReaderDateField, ReaderDateInput
from core.translation import with_marker
from fieldvisits.dimensions import Dimension
from fieldvisits.models import Finding, Question, Visit
from tracker.access import Role

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _options(question):
    # An option with no label in the reader's language says which language it is in.
    return [(code, with_marker(label)) for code, label in question.choice_list()]


def _field_for(question):
    common = {"label": question.text, "required": False, "help_text": question.help_text}
    kind = question.kind
    if kind == Question.Kind.SCALE:
        return forms.ChoiceField(choices=[(str(n), str(n)) for n in range(1, 6)],
                                 widget=forms.RadioSelect(attrs={"class": "scale"}), **common)
    if kind in Question.NUMERIC_KINDS:
        mode = "numeric" if kind == Question.Kind.INTEGER else "decimal"
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": mode}), **common)
    if kind == Question.Kind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=_options(question), widget=forms.RadioSelect,
                                 **common)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(choices=_options(question),
                                         widget=forms.CheckboxSelectMultiple, **common)
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.DATE:
        # The site's date input: the browser's picker, or for a Persian reader the typed
        # Solar Hijri date; Question.parse reads what is sent.
        return forms.CharField(widget=ReaderDateInput(), **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)


class QuestionnaireForm(forms.Form):
    """Renders a version's questions; errors come from the answer services."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = _field_for(question)

    @staticmethod
    def raw_answers(questions, data):
        """What was typed for each question, lists for multiple choice."""
        return {
            q.code: (data.getlist(q.code) if q.kind == Question.Kind.MULTIPLE_CHOICE
                     else data.get(q.code, ""))
            for q in questions
        }


class ScheduleForm(forms.Form):
    scheduled_date = ReaderDateField(label=_("Date"))
    agent = forms.ModelChoiceField(label=_("Field agent"), queryset=get_user_model().objects.none())

    def __init__(self, visit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = get_user_model().objects.filter(
            program_memberships__program=visit.program_id,
            program_memberships__role=Role.AGENT,
        ).order_by("first_name", "username").distinct()
        self.fields["agent"].label_from_instance = lambda u: u.get_full_name() or u.username


class CloseVisitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        (Visit.Status.CANCELLED, _("Cancel the visit")),
        (Visit.Status.NO_SHOW, _("The firm did not receive us (no-show)")),
    ])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(forms.ModelForm):
    pillar = forms.ChoiceField(label=_("Pillar"), choices=Dimension.choices)

    class Meta:
        model = Finding
        fields = ["pillar", "severity", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("JPEG, PNG, HEIC or PDF, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.heic,.pdf"}),
    )

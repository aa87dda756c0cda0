"""Public forms of the career portal: a job seeker's registration and later edits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_evidence
from zones.models import JobSeeker, Occupation

CV_TYPES = ("pdf", "docx")


class OccupationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.label}"


def unit_groups():
    return Occupation.objects.filter(level=Occupation.Level.UNIT).order_by("code")


class JobSeekerForm(forms.ModelForm):
    occupations = OccupationChoiceField(
        label=_("Occupations you are looking for"), queryset=unit_groups(),
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = JobSeeker
        fields = ["first_name", "last_name", "email", "phone", "district", "education",
                  "experience_years", "experience", "certificates", "availability",
                  "occupations", "cv_file", "wants_notifications"]
        # A plain file input: the stored file's name and address are nobody's business,
        # not even on the owner's own page.
        widgets = {"experience": forms.Textarea(attrs={"rows": 4}),
                   "cv_file": forms.FileInput}
        # Written out: Django's capfirst makes "ilçe" "Ilçe", not "İlçe".
        labels = {"district": _("District"), "availability": _("Availability")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email", "district"):
            self.fields[name].required = True
        self.fields["occupations"].queryset = unit_groups()

    def occupation_groups(self):
        """The occupation checkboxes under their ISCO-08 sub-major group (436 unit groups
        are too many for one list on a phone): ``[(group, checkboxes, any ticked)]``."""
        field = self["occupations"]
        codes = dict(unit_groups().values_list("pk", "code"))
        groups = Occupation.objects.filter(level=Occupation.Level.SUB_MAJOR).in_bulk(
            field_name="code")
        grouped = {}
        for checkbox in field.subwidgets:
            code = codes[int(str(checkbox.data["value"]))]
            grouped.setdefault(code[:2], []).append(checkbox)
        return [(groups[key], checkboxes, any(c.data["selected"] for c in checkboxes))
                for key, checkboxes in sorted(grouped.items())]

    def clean_cv_file(self):
        upload = self.cleaned_data.get("cv_file")
        if not upload or not hasattr(upload, "content_type"):
            return upload
        extension = validate_evidence(upload)
        if extension not in CV_TYPES:
            raise forms.ValidationError(_("Attach your CV as a PDF or a Word document (.docx)."))
        return upload

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RegistrationForm(JobSeekerForm):
    consent = forms.BooleanField(
        label=_("I have read the information and consent text above and give my explicit "
                "consent."), required=True)
    consent_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_email(self):
        email = super().clean_email()
        if JobSeeker.objects.filter(program=self.program, email=email).exists():
            raise forms.ValidationError(_(
                "This e-mail address is already registered. Ask for your link below."))
        return email

    def personal_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields
                if name != "occupations" and name in self.cleaned_data}


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))

"""The public enquiry form: what a buyer needs and how to reach them, with the spam checks
of :mod:`directory.spam`."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.date_fields import ReaderDateField, ReaderDateInput
from directory import spam
from directory.models import Enquiry, Listing

PHONE = re.compile(r"^\+?[\d\s().-]{7,25}$")
STAMP_MESSAGES = {
    spam.StampProblem.INVALID: _("The form could not be checked. Please send it again."),
    spam.StampProblem.TOO_FAST: _("That was very quick. Please check your enquiry and send "
                                  "it again."),
    spam.StampProblem.EXPIRED: _("The form was open for too long. Please check your "
                                 "enquiry and send it again."),
    spam.StampProblem.USED: _("This form was already sent. Please check your enquiry and "
                              "send it again."),
}


class EnquiryForm(forms.ModelForm):
    listing = forms.IntegerField(widget=forms.HiddenInput, required=False)
    shown = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people by the page's style sheet, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    class Meta:
        model = Enquiry
        fields = ["need", "quantity", "deadline", "buyer_name", "organisation", "email",
                  "phone", "message"]
        labels = {
            "need": _("What do you need?"),
            "quantity": _("Quantity"),
            "deadline": _("Needed by"),
            "buyer_name": _("Your name"),
            "organisation": _("Company or organisation"),
            "email": _("E-mail"),
            "phone": _("Phone (optional)"),
            "message": _("Anything else the firm should know (optional)"),
        }
        help_texts = {
            "need": _("The product or service, material, process and any standard it must "
                      "meet."),
            "quantity": _("For example: 500 pieces, 2 tonnes a month."),
        }
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4}),
            "message": forms.Textarea(attrs={"rows": 3}),
            "deadline": ReaderDateInput(),
            "buyer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        field_classes = {"deadline": ReaderDateField}
        error_messages = {
            "need": {"required": _("Say what you need, so the office can find firms.")},
            "buyer_name": {"required": _("Enter your name.")},
            "organisation": {"required": _("Enter your company or organisation.")},
            "email": {"required": _("Enter an e-mail address the firms can answer to."),
                      "invalid": _("Enter a valid e-mail address, such as "
                                   "name@example.com.")},
            "deadline": {"invalid": _("Enter the date as day, month and year.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["shown"].initial = spam.form_stamp()

    @property
    def is_honeypot(self):
        return bool((self.data.get(self.add_prefix("website")) or "").strip())

    @property
    def has_field_errors(self):
        """Whether a field the buyer sees has an error (hidden fields' errors are shown
        with the form's own)."""
        return any(name in self.errors for name, field in self.fields.items()
                   if not field.widget.is_hidden)

    def clean_need(self):
        need = self.cleaned_data["need"].strip()
        if len(need) < 10:
            raise forms.ValidationError(_("Describe what you need in a few more words."))
        return need

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The date has passed; enter a date from today on."))
        return deadline

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number with digits only, such as "
                                          "+90 352 123 45 67."))
        return phone

    def clean_listing(self):
        listing_id = self.cleaned_data.get("listing")
        if listing_id is None:
            return None
        listing = (Listing.objects.public().select_related("firm__program")
                   .filter(pk=listing_id).first())
        if listing is None:
            raise forms.ValidationError(_("This firm is no longer listed in the directory; "
                                          "send a general enquiry instead."))
        return listing

    def clean(self):
        cleaned = super().clean()
        problem = spam.stamp_problem(cleaned.get("shown"))
        if problem is None and not self._errors and not self.is_honeypot:
            # Spent only by a form that is otherwise valid, so a corrected form still goes.
            problem = spam.use_stamp(cleaned.get("shown"))
        if problem is not None and not self.is_honeypot:
            # A fresh stamp, so the corrected form can be sent.
            self.data = self.data.copy()
            self.data[self.add_prefix("shown")] = spam.form_stamp()
            raise forms.ValidationError(STAMP_MESSAGES[problem], code=problem)
        return cleaned

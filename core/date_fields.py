"""A date field that Persian readers type in the Solar Hijri calendar (``1405/09/15``, in
Persian or Latin digits) and that stores the Gregorian date; other readers keep the
browser's date input. The admin's date picker is replaced for Persian readers by the same
typed input, since the picker only knows the Gregorian calendar."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput

from core.digits import to_persian_digits, uses_native_digits
from core.jalali import JalaliDateError, jalali_text, looks_solar_hijri, parse_jalali

PLACEHOLDER = "۱۴۰۵/۰۹/۱۵"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def persian_reader():
    return uses_native_digits(translation.get_language())


def _shown(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str) and ISO_DATE.match(value):
        # An initial value kept as text (a saved answer, a draft): 2026-12-06.
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.date):
        return to_persian_digits(jalali_text(value))
    return value


def _typed_attrs(attrs):
    attrs = dict(attrs or {})
    for name in ("type", "data-controller"):
        attrs.pop(name, None)
    attrs.update({"placeholder": PLACEHOLDER, "inputmode": "numeric", "dir": "ltr",
                  "autocomplete": "off"})
    return attrs


class ReaderDateInput(forms.DateInput):
    """``<input type="date">``, or for a Persian reader a text input holding the Solar
    Hijri date."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})}, format="%Y-%m-%d")

    def format_value(self, value):
        if persian_reader():
            return _shown(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if persian_reader():
            context["widget"]["type"] = "text"
            context["widget"]["attrs"] = _typed_attrs(context["widget"]["attrs"])
        return context


class AdminReaderDateInput(AdminDateInput):
    """Wagtail's date picker, or for a Persian reader a plain text input holding the Solar
    Hijri date."""

    def render(self, name, value, attrs=None, renderer=None):
        if not persian_reader():
            return super().render(name, value, attrs, renderer)
        typed = forms.TextInput(attrs=_typed_attrs({**self.attrs, **(attrs or {})}))
        return typed.render(name, _shown(value), renderer=renderer)


class ReaderDateField(forms.DateField):
    """A ``DateField`` that also reads a Solar Hijri date typed by a Persian reader and
    says exactly what is wrong with an impossible one (Esfand 30 of a common year)."""

    widget = ReaderDateInput
    default_error_messages = {"invalid_jalali": _("%(reason)s")}

    def to_python(self, value):
        if persian_reader() and isinstance(value, str) and value.strip():
            if looks_solar_hijri(value):
                try:
                    return parse_jalali(value)
                except JalaliDateError as error:
                    raise ValidationError(self.error_messages["invalid_jalali"],
                                          code="invalid_jalali",
                                          params={"reason": str(error)}) from error
        return super().to_python(value)


def use_in_admin_forms():
    """Every date of a Wagtail admin model form reads and shows Solar Hijri dates for
    Persian readers (called once, when the app registry is ready)."""
    register_form_field_override(models.DateField, override={
        "form_class": ReaderDateField, "widget": AdminReaderDateInput})

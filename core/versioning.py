"""Edit forms that refuse to overwrite a newer version of their row.

A form carries, signed, the values of the fields it shows as they were when it was
loaded. Saving locks the row, compares those values with the stored ones and, when
someone else saved in between, refuses with :class:`StaleEditError`: its message names
each field that changed, what it was and what it is now. The form comes back with the
user's typing and a token of the new version, so a second save, made knowing what
changed, goes through.
"""

import datetime
import json
from decimal import Decimal

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext

from core.formats import local_date

SALT = "tracker.edit-version"


class StaleEditError(ValidationError):
    """A save over a version of the row newer than the one the form was loaded from."""


def _plain(value):
    """A value as JSON keeps it, so a loaded value and a stored one compare equal."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    return str(value)


def model_fields(model, names):
    """The model fields among the form field ``names`` (relations and plain columns)."""
    fields = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete or field.many_to_many:
            fields.append(field)
    return fields


def row_state(instance, fields):
    """``{field name: plain value}`` of ``instance`` for ``fields``."""
    state = {}
    for field in fields:
        if field.many_to_many:
            value = (list(getattr(instance, field.name).values_list("pk", flat=True))
                     if instance.pk else [])
        elif field.is_relation:
            value = getattr(instance, field.attname)
        else:
            value = field.value_from_object(instance)
        state[field.name] = _plain(value)
    return state


def sign_state(instance, state):
    return signing.dumps({"row": f"{instance._meta.label}:{instance.pk}", "state": state},
                         salt=SALT, compress=True)


def read_state(instance, token):
    """The state signed into ``token`` for this very row; a clear error otherwise."""
    try:
        loaded = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise ValidationError(gettext(
            "This form is damaged or out of date; reload the page and make your change again."
        ), code="bad_version") from error
    if loaded.get("row") != f"{instance._meta.label}:{instance.pk}":
        raise ValidationError(gettext(
            "This form was loaded for another record; reload the page and make your change "
            "again."), code="bad_version")
    return loaded["state"]


def _shown(field, value, choices_queryset=None):
    """``value`` (plain, as in a state) as a person reads it; "—" for nothing."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many or field.is_relation:
        pks = value if isinstance(value, list) else [value]
        queryset = choices_queryset if choices_queryset is not None else \
            field.related_model._default_manager.none()
        found = {row.pk: str(row) for row in queryset.filter(pk__in=pks)}
        return ", ".join(found.get(pk, gettext("a record you cannot see")) for pk in pks)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField):
        return local_date(datetime.datetime.fromisoformat(value))
    if isinstance(field, models.DateField):
        return local_date(datetime.date.fromisoformat(value))
    if isinstance(field, (models.DecimalField, models.IntegerField, models.FloatField)):
        return number_format(Decimal(str(value)), use_l10n=True)
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def describe_changes(fields, loaded, current, choice_querysets=None):
    """``["Title: “old” → “new”", …]`` for the fields whose value differs."""
    choice_querysets = choice_querysets or {}
    lines = []
    for field in fields:
        if field.name not in loaded or loaded[field.name] == current.get(field.name):
            continue
        queryset = choice_querysets.get(field.name)
        lines.append(gettext("%(field)s: “%(old)s” → “%(new)s”") % {
            "field": str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
            "old": _shown(field, loaded[field.name], queryset),
            "new": _shown(field, current.get(field.name), queryset)})
    return lines


def stale_message(changes):
    return gettext(
        "Someone else saved this record while you were editing it, so your changes were "
        "not saved. What they changed: %(changes)s. Your typing is kept below: check it "
        "against their changes and save again."
    ) % {"changes": "; ".join(changes)}

"""The admin's history (the "site history" report, a row's history, the dashboard's
recent changes) shows only entries about rows the user may see.

Wagtail decides which log entries a user reads by content type alone: whoever may view
tasks reads the entries of every task, with its title as it was logged. Here the entries
of every model that has ``for_user`` are narrowed to the rows ``for_user`` lets through,
in the same query.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager


def _scoped_models():
    return [model for model in apps.get_models()
            if hasattr(model._default_manager, "for_user")]


def scope_entries(entries, user):
    """``entries`` (model log entries) narrowed to rows of ``for_user`` models that
    ``user`` may see; entries of other models are left as Wagtail decided."""
    if user is None or user.is_superuser:
        return entries
    scoped_types, visible = [], Q()
    for model in _scoped_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        scoped_types.append(content_type.pk)
        pks = (model._default_manager.for_user(user)
               .annotate(pk_text=Cast("pk", CharField())).values("pk_text"))
        visible |= Q(content_type=content_type.pk, object_id__in=pks)
    return entries.filter(~Q(content_type__in=scoped_types) | visible)


class ScopedModelLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        return scope_entries(super().viewable_by_user(user), user)


def install():
    """Make every reader of model log entries go through :func:`scope_entries`."""
    ModelLogEntry.objects.__class__ = ScopedModelLogEntryManager


def relabel_log_entries(instances):
    """Write each instance's current name over the name its history entries were logged
    under: after an erasure, the history keeps what was done and when, never whom it
    named."""
    for instance in instances:
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        ModelLogEntry.objects.filter(content_type=content_type,
                                     object_id=str(instance.pk)).update(label=str(instance)[:255])

"""Wagtail admin parts that keep every admin path inside ``for_user``.

Wagtail's generic object views fetch rows by primary key from the model's
default manager; these subclasses narrow every listing, export, inspect, edit,
delete, copy, history and usage view to ``Model.objects.for_user(user)``, so a
guessed URL answers 404 exactly like a missing row. Forms narrow their choice
fields the same way, so a coordinator cannot attach a row of another programme.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from tracker.access import Role, programs_for


def visible_rows(model, user):
    return model._default_manager.for_user(user)


def _foreign_keys_shown(model, names):
    """The foreign keys among ``names`` (dotted paths too), for ``select_related``."""
    paths = []
    for name in names:
        if not isinstance(name, str):
            continue
        parts = name.replace(".", "__").split("__")
        current, path = model, []
        for part in parts:
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not (field.is_relation and (field.many_to_one or field.one_to_one)):
                break
            path.append(part)
            current = field.related_model
        if path:
            paths.append("__".join(path))
    return paths


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = visible_rows(self.model, self.request.user)
        # Each row shows its related objects; fetch them with the rows, not one query each.
        related = _foreign_keys_shown(
            self.model, list(self.list_display or []) + list(self.list_export or [])
        )
        return queryset.select_related(*related) if related else queryset


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not visible_rows(self.model, self.request.user).filter(
            pk=obj.pk
        ).exists():
            raise Http404
        return obj


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ScopedObjectMixin, view_class), {})


class ScopedAdminForm(WagtailAdminModelForm):
    """Admin form whose choice fields list only rows the user may see."""

    # Model fields that point at users, with the programme role those users must hold.
    user_field_roles = {"agent": (Role.AGENT,)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, (ModelChoiceField, ModelMultipleChoiceField)):
                continue
            model = field.queryset.model
            if model is get_user_model():
                roles = self.user_field_roles.get(name)
                if roles:
                    field.queryset = field.queryset.filter(
                        program_memberships__role__in=roles,
                        program_memberships__program__in=programs_for(user, [Role.COORDINATOR,
                                                                             Role.SUPERVISOR]),
                    ).distinct()
            elif hasattr(model._default_manager, "for_user"):
                field.queryset = field.queryset.filter(
                    pk__in=visible_rows(model, user).values("pk")
                )


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view goes through ``Model.objects.for_user``."""

    index_view_class = ScopedIndexView
    edit_view_class = _scoped(generic.EditView)
    delete_view_class = _scoped(generic.DeleteView)
    copy_view_class = _scoped(generic.CopyView)
    inspect_view_class = _scoped(generic.InspectView)
    history_view_class = _scoped(history.HistoryView)
    usage_view_class = _scoped(usage.UsageView)
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or [
            FieldPanel(name) for name in self.get_form_fields() or []
        ]
        return ObjectList(panels, base_form_class=ScopedAdminForm).bind_to_model(self.model)

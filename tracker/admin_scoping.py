"""Wagtail admin parts that keep every admin path inside ``for_user``.

Wagtail's generic object views fetch rows by primary key from the model's
default manager; these subclasses narrow every listing, export, inspect, edit,
delete, copy, history and usage view to ``Model.objects.for_user(user)``, so a
guessed URL answers 404 exactly like a missing row. Forms narrow their choice
fields the same way, so a coordinator cannot attach a row of another programme.
"""

from contextlib import nullcontext
from decimal import Decimal

from django.contrib import messages
from django.contrib.admin.utils import label_for_field, quote
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.forms import CharField, HiddenInput, ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet

from core import versioning
from core.formats import capitalise, readable
from core.importing.spreadsheets import SafeSpreadsheetExportMixin
from core.usage_views import (
    KeepHistoryDeleteMixin,
    ReferringRowsUsageView,
    UsageCountedEditMixin,
    points_at_content,
)
from core.widgets import render_quickly
from tracker.access import Role, acting_with, in_program_scope
from tracker.models import Program, programs_for


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


class ScopedFilterSet(WagtailFilterSet):
    """Listing filters whose row choices (institution, phase, plan…) go through ``for_user``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for listing_filter in self.filters.values():
            if not isinstance(listing_filter, (ModelChoiceFilter, ModelMultipleChoiceFilter)):
                continue
            queryset = listing_filter.queryset
            if callable(queryset) or not hasattr(queryset.model._default_manager, "for_user"):
                continue
            listing_filter.queryset = queryset.filter(
                pk__in=visible_rows(queryset.model, user).values("pk")
            )


class ReadableColumn(Column):
    """A listing cell as a person reads it: "—", Yes/No, grouped numbers (Wagtail shows
    ``None``, ``True`` and ``3990.00``)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        if raw is None or isinstance(raw, (bool, Decimal, AbstractBaseUser)):
            context["value"] = readable(raw)
        return context


class CountingPaginator(WagtailPaginator):
    """Wagtail's paginator with a translatable row count: Turkish keeps the noun singular
    after a number ("4 kurul toplantısı", not "4 kurul toplantıları")."""

    @cached_property
    def items_count_label(self):
        if self.count == 1:
            return f"1 {self.verbose_name}"
        return pgettext("rows in a listing", "%(count)s %(plural)s") % {
            "count": number_format(self.count, force_grouping=True),
            "singular": self.verbose_name, "plural": self.verbose_name_plural}


class ScopedIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    base_filterset_class = ScopedFilterSet
    paginator_class = CountingPaginator
    # Relations the listing reads per row, fetched with the rows.
    select_related = ()

    def get_base_queryset(self):
        rows = visible_rows(self.model, self.request.user)
        # Each row shows its related objects; fetch them with the rows, not one query each.
        related = set(self.select_related) | set(_foreign_keys_shown(
            self.model, list(self.list_display or []) + list(self.list_export or [])
        ))
        return rows.select_related(*sorted(related)) if related else rows

    def get(self, request, *args, **kwargs):
        # An export writes the filtered rows and nothing else: the listing's table, its
        # row count and its filters' media would read every exported row once more.
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        column = super()._get_custom_column(
            field_name, ReadableColumn if column_class is Column else column_class, **kwargs)
        label = self._raw_label(field_name)
        if label is not None:
            column.label = capitalise(label)
        return column

    def _raw_label(self, field_name):
        """The field's label before Wagtail's ``capfirst`` ("ilçe", not "Ilçe")."""
        if "__" in field_name or "." in field_name:
            return None
        try:
            return label_for_field(field_name, self.model)
        except AttributeError:
            return None


class _FixedScope:
    def __init__(self, user_pk, program_id):
        self.user_pk, self.program_id = user_pk, program_id


def follow_to_program(request, model, pk):
    """A link to a row of another of the user's programmes (an e-mail, a bookmark) opens
    it: the header switches to that programme and says so. ``True`` when it did."""
    scope = getattr(request, "program_scope", None)
    if scope is None or not scope.switchable or scope.program_id is None:
        return False
    candidates = [None] if scope.sees_every_program else [
        program for program in scope.member_program_ids if program != scope.program_id]
    for program_id in candidates:
        with in_program_scope(_FixedScope(scope.user_pk, program_id)):
            if visible_rows(model, request.user).filter(pk=pk).exists():
                scope.choose(program_id)
                messages.info(request, _("You are now working in %(program)s.") % {
                    "program": Program.objects.get(pk=program_id).name
                    if program_id else _("all programmes")})
                return True
    return False


def _model_permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        action = getattr(self, "permission_required", None)
        # Edit and delete views look the row up among those the user may write.
        scope = (acting_with(_model_permission(self.model, action))
                 if action in ("change", "delete") else nullcontext())
        with scope:
            found = visible_rows(self.model, self.request.user).filter(pk=obj.pk).exists() \
                if obj is not None else True
            if not found and follow_to_program(self.request, self.model, obj.pk):
                found = True
        if not found:
            raise Http404
        return obj


class RefuseStaleEditMixin:
    """An edit view that answers a stale save with the form, the user's typing and what
    changed, instead of overwriting the newer version."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)


def _to_many(value):
    return isinstance(value, models.Manager)


class ScopedRelatedRowsMixin:
    """An inspect view whose lists of related rows (a decision's tasks, a meeting's
    decisions) name only the rows the user may see."""

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None) if field is not None else None
        if _to_many(value) and hasattr(value.model._default_manager, "for_user"):
            rows = value.all().filter(
                pk__in=visible_rows(value.model, self.request.user).values("pk"))
            return ", ".join(str(row) for row in rows) or "-"
        if field is not None and not _to_many(value) and getattr(
                self.object, field_name, None) in (None, ""):
            return "—"  # an empty file, document or link, not "None"
        return readable(super().get_field_display_value(field_name, field))

    def get_fields(self):
        # The primary key ("ID 2") means nothing to a reader.
        return [name for name in super().get_fields() if name != "id"]

    def get_field_label(self, field_name, field):
        if field is not None and field.auto_created and field.one_to_many:
            # A list of related rows ("decisions"): their model's plural name, translated,
            # where Django would print the English attribute name.
            return capitalise(field.related_model._meta.verbose_name_plural)
        return capitalise(label_for_field(field_name, model=self.model))


def scoped_view(view_class):
    """``view_class`` fetching its object through ``for_user`` (404 outside it); an
    inspect view also lists only visible related rows, an edit view counts usage as the
    usage view lists it."""
    bases = (ScopedObjectMixin, view_class)
    if issubclass(view_class, generic.InspectView):
        bases = (ScopedRelatedRowsMixin, *bases)
    if issubclass(view_class, generic.EditView):
        bases = (UsageCountedEditMixin, *bases)
    return type(f"Scoped{view_class.__name__}", bases, {})


class ScopedAdminForm(WagtailAdminModelForm):
    """Admin form whose choice fields list only rows the user may see, and which refuses
    to save over a version of the row newer than the one it was loaded from."""

    loaded_version = CharField(widget=HiddenInput, required=False)

    # Model fields that point at users, with the programme role those users must hold.
    user_field_roles = {
        "agent": (Role.AGENT,),
        "assignee": (Role.FOCAL_POINT,),
        "assessor": (Role.COORDINATOR, Role.SUPERVISOR),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = versioning.sign_state(
                self.instance, self.version_state(self.instance))
        user = self.for_user
        if user is None:
            return
        # Choices come from programmes where the user may write this form's model.
        action = "change" if self.instance.pk else "add"
        with acting_with(_model_permission(self._meta.model, action)):
            self._narrow_choices(user)

    def version_fields(self):
        return versioning.model_fields(self._meta.model,
                                       [n for n in self.fields if n != "loaded_version"])

    def version_state(self, instance):
        return versioning.row_state(instance, self.version_fields())

    def clean_loaded_version(self):
        token = self.cleaned_data.get("loaded_version")
        if self.instance.pk is None or not token:
            return None
        return versioning.read_state(self.instance, token)

    def refuse_stale(self):
        """Lock the row and refuse when it changed since the form was loaded; the
        fields the form does not show are taken from the locked row, so a state change
        made meanwhile is kept. Call it inside the transaction that saves."""
        loaded = self.cleaned_data.get("loaded_version")
        if self.instance.pk is None:
            return
        model = self._meta.model
        stored = model._base_manager.select_for_update().get(pk=self.instance.pk)
        shown = {field.name for field in self.version_fields()}
        for field in model._meta.concrete_fields:
            if field.name not in shown and not field.primary_key:
                setattr(self.instance, field.attname, getattr(stored, field.attname))
        if loaded is None:
            return
        current = self.version_state(stored)
        changes = versioning.describe_changes(
            self.version_fields(), loaded, current,
            {name: field.queryset for name, field in self.fields.items()
             if isinstance(field, (ModelChoiceField, ModelMultipleChoiceField))})
        if changes:
            # The next save is made knowing what changed: it carries the new version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = versioning.sign_state(
                stored, current)
            raise versioning.StaleEditError(versioning.stale_message(changes),
                                            code="stale")

    def save(self, commit=True):
        with transaction.atomic():
            self.refuse_stale()
            return super().save(commit=commit)

    def _narrow_choices(self, user):
        for name, field in self.fields.items():
            if not isinstance(field, (ModelChoiceField, ModelMultipleChoiceField)):
                continue
            # A programme's firms are thousands of options.
            render_quickly(field)
            model = field.queryset.model
            if model is get_user_model():
                roles = self.user_field_roles.get(name)
                if roles:
                    field.queryset = field.queryset.filter(
                        program_memberships__role__in=roles,
                        program_memberships__program__in=programs_for(user, [Role.COORDINATOR,
                                                                             Role.SUPERVISOR]),
                    ).distinct()
            elif hasattr(field.queryset, "for_user"):
                # The rule applied to the choices themselves: ``pk IN (the visible rows'
                # ids)`` had PostgreSQL read the whole table to match them (a cluster's
                # 2,150 member choices among 163,428 firms).
                field.queryset = field.queryset.for_user(user)
            elif hasattr(model._default_manager, "for_user"):
                field.queryset = field.queryset.filter(
                    pk__in=visible_rows(model, user).values("pk")
                )
            # Plan content may only be added to a draft plan version.
            if hasattr(field.queryset, "editable"):
                field.queryset = field.queryset.editable()


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view goes through ``Model.objects.for_user``."""

    index_view_class = ScopedIndexView
    edit_view_class = type("ScopedEditView",
                           (RefuseStaleEditMixin, scoped_view(generic.EditView)), {})
    delete_view_class = type("ScopedDeleteView", (KeepHistoryDeleteMixin, ScopedObjectMixin,
                                                  generic.DeleteView), {})
    copy_view_class = scoped_view(generic.CopyView)
    inspect_view_class = scoped_view(generic.InspectView)
    # Whoever may read a row may read its history: who changed what and when.
    history_view_class = type(
        "ScopedHistoryView", (ScopedObjectMixin, history.HistoryView),
        {"any_permission_required": ["add", "change", "delete", "view"]},
    )
    usage_view_class = scoped_view(ReferringRowsUsageView)
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False

    # Relations reached only through a shown object's ``__str__`` (e.g. a version's
    # questionnaire), fetched with the rows as well.
    list_select_related = ()

    def register_reference_index(self):
        """Wagtail's reference index records, on every save, what each row points at, so
        the admin can list a row's usage; a background job rewrites the row's entries
        after each save. The domain's rows change all day (tasks, visits, answers…) and
        their usage is read from their foreign keys instead (``core.usage_views``), so
        only a model pointing at the CMS's pages, images or documents is indexed: an
        image's usage still names the institution whose logo it is."""
        if points_at_content(self.model):
            super().register_reference_index()

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            kwargs.setdefault("select_related", self.list_select_related)
        return super().get_index_view_kwargs(**kwargs)

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or [
            FieldPanel(name) for name in self.get_form_fields() or []
        ]
        form_class = getattr(self, "base_form_class", ScopedAdminForm)
        return ObjectList(panels, base_form_class=form_class).bind_to_model(self.model)


class ReadOnlyWhenFrozenMixin:
    """For rows of a :class:`~tracker.models.Freezable` model: no edit or delete link is
    offered on a frozen row (approved plan content, a published questionnaire version,
    a locked period), and the edit/delete URL answers with the reason."""

    def _frozen(self, instance):
        return getattr(instance, "is_frozen", False)

    def get_edit_url(self, *args):
        instance = args[0] if args else self.object
        return None if self._frozen(instance) else super().get_edit_url(*args)

    def get_delete_url(self, *args):
        instance = args[0] if args else self.object
        return None if self._frozen(instance) else super().get_delete_url(*args)


class RefuseFrozenMixin:
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            return super().dispatch(request, *args, **kwargs)
        instance = getattr(self, "object", None) or self.get_object()
        error = instance.freeze_error()
        if error is not None:
            messages.error(request, error.messages[0])
            return redirect(reverse(self.inspect_url_name, args=[quote(instance.pk)]))
        return super().dispatch(request, *args, **kwargs)


def freezable_index_view(select_related=(), base=None):
    bases = (ReadOnlyWhenFrozenMixin, base or ScopedIndexView)
    return type("FreezableIndexView", bases, {"select_related": select_related})


class ScopedFreezableModelViewSet(ScopedModelViewSet):
    """A scoped viewset whose frozen rows are read-only: no edit or delete link, and the
    edit and delete URLs redirect to the inspect view with the reason."""

    index_view_class = freezable_index_view()
    edit_view_class = type(
        "FreezableEditView",
        (RefuseFrozenMixin, ReadOnlyWhenFrozenMixin, RefuseStaleEditMixin,
         scoped_view(generic.EditView)),
        {"inspect_url_name": None},
    )
    delete_view_class = type(
        "FreezableDeleteView", (RefuseFrozenMixin, KeepHistoryDeleteMixin,
                                scoped_view(generic.DeleteView)),
        {"inspect_url_name": None},
    )
    inspect_view_class = type(
        "FreezableInspectView", (ReadOnlyWhenFrozenMixin, scoped_view(generic.InspectView)),
        {},
    )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(inspect_url_name=self.get_url_name("inspect"),
                                            **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(inspect_url_name=self.get_url_name("inspect"),
                                              **kwargs)

"""What refers to a row, and what keeps it from being deleted, in the Wagtail admin.

One number everywhere: the usage page, the edit page's "Used N times" and the delete
page's count are the rows that point at the row by a foreign key or a many-to-many link,
read from the database (``core.deletion``), exact the moment a row is saved. A viewset
whose rows are left out of Wagtail's reference index (``points_at_content``) uses these
views instead of Wagtail's, which read that index.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import usage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core import deletion
from core.formats import capitalise


def points_at_content(model):
    """Whether ``model`` has a foreign key to a page, an image or a document: the CMS's
    content, whose usage Wagtail lists from its reference index."""
    content = (Page, get_image_model(), get_document_model())
    return any(field.is_relation and field.concrete and field.related_model is not None
               and issubclass(field.related_model, content)
               for field in model._meta.get_fields())


class ReferringRowsUsageView(usage.UsageView):
    """The usage page: every row pointing at this one (``deletion.ReferringRows``),
    twenty a page, with its kind and the field that points. A row the user may not see
    (outside its model's ``for_user``) is named by its kind only, as Wagtail names a
    private page."""

    def get_queryset(self):
        return deletion.ReferringRows(self.object)

    @cached_property
    def columns(self):
        return [
            usage.TitleColumn("name", label=_("Name"), accessor="label",
                              get_url=lambda row: row["edit_url"]),
            Column("content_type", label=_("Type"), accessor="type"),
            Column("field", label=_("Field"), accessor="field"),
        ]

    def get_table(self, object_list, **kwargs):
        url_finder = AdminURLFinder(self.request.user)
        visible = _visible_pks([row for row, _relation in object_list], self.request.user)
        results = []
        for row, relation in object_list:
            name = row._meta.verbose_name
            seen = row.pk in visible[type(row)]
            edit_url = url_finder.get_edit_url(row) if seen else None
            results.append({
                "object": row, "edit_url": edit_url,
                "label": str(row) if seen else _("(Private %(object)s)") % {"object": name},
                "edit_link_title": (_("Edit this %(object)s") % {"object": name}
                                    if edit_url else None),
                "type": capitalise(name),
                "field": capitalise(relation.field.verbose_name),
            })
        return super(usage.UsageView, self).get_table(results, **kwargs)


def _visible_pks(rows, user):
    """``{model: {pk, …}}``: which of ``rows`` the user may see (one query a model)."""
    by_model = {}
    for row in rows:
        by_model.setdefault(type(row), set()).add(row.pk)
    for model, pks in by_model.items():
        manager = model._default_manager
        if hasattr(manager, "for_user"):
            by_model[model] = set(manager.for_user(user).filter(pk__in=pks)
                                  .values_list("pk", flat=True))
    return by_model


class UsageCountedSidePanel(StatusSidePanel):
    """The edit page's status panel, "Used N times" counted as the usage page lists."""

    def get_usage_context(self):
        context = super().get_usage_context()
        context["usage_count"] = deletion.references(self.object) if self.object.pk else 0
        return context


class UsageCountedEditMixin:
    """Wagtail's edit view side panels, with the status panel counting usage as above."""

    def get_side_panels(self):
        usage_url, history_url = self.get_usage_url(), self.get_history_url()
        if not (usage_url or history_url):
            return MediaContainer([])
        return MediaContainer([UsageCountedSidePanel(
            self.object, self.request, locale=self.locale, translations=self.translations,
            usage_url=usage_url, history_url=history_url,
            last_updated_info=self.get_last_updated_info())])


class KeepHistoryDeleteMixin:
    """A delete view that shows what holds the row and refuses to delete it then,
    instead of cascading history away or failing with a server error."""

    template_name = "core/admin/confirm_delete.html"

    @cached_property
    def holders(self):
        return deletion.holders(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["holders"] = self.holders
        context["usage_count"] = deletion.references(self.object)
        context["is_protected"] = bool(self.holders) or context.get("is_protected", False)
        if self.holders:
            context["refusal"] = deletion.refusal(self.object, self.holders)
        return context

    def _refuse(self, message):
        messages.error(self.request, message)
        edit_url = self.get_edit_url() if hasattr(self, "get_edit_url") else None
        return redirect(edit_url or self.get_success_url())

    def form_valid(self, form):
        if self.holders:
            return self._refuse(deletion.refusal(self.object, self.holders))
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            return self._refuse(deletion.refusal_for_error(self.object, error))
        except ValidationError as error:
            return self._refuse(" ".join(error.messages))

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)]) \
            if self.edit_url_name else None

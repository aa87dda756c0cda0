"""Wagtail admin of the directory: coordinators record firms' consents (listings) and
handle buyers' enquiries; every path goes through ``for_user``."""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from core.formats import language_name
from core.translation import columns
from core.translation_admin import MISSING_TRANSLATIONS
from directory import admin_views
from directory.models import Enquiry, Listing
from directory.search import listed_entries, search_directory
from fieldvisits.models import Capability
from fieldvisits.search import fold_turkish
from tracker.admin_scoping import ScopedAdminForm, ScopedIndexView, ScopedModelViewSet, scoped_view


def capability_summary(firm):
    return ", ".join(capability.name for capability in firm.capabilities.all())


class FirmChoiceField:
    """Labels of the firm choice: name, district and what the inventory says it does."""

    @staticmethod
    def label(firm):
        summary = capability_summary(firm)
        return f"{firm.trade_name} · {firm.district}" + (f" · {summary}" if summary else "")


class ListingAdminForm(ScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("firm")
        if field is None:
            return
        if self.instance.pk:
            # A listing is one firm's consent; another firm gets a listing of its own, so
            # the edit form offers only its own firm.
            field.disabled = True
            field.queryset = field.queryset.filter(pk=self.instance.firm_id)
        else:
            field.queryset = field.queryset.filter(listing__isnull=True)
        field.queryset = field.queryset.select_related(None).prefetch_related(
            "capabilities").order_by("trade_name")
        field.label_from_instance = FirmChoiceField.label

    def save(self, commit=True):
        with transaction.atomic():
            # Locks the row and takes the fields the form does not show from it...
            self.refuse_stale()
            # ...then records who gave or withdrew the consent.
            listing = self.instance
            if listing.pk is None:
                listing.recorded_by = self.for_user
            if "withdrawn_on" in self.changed_data:
                listing.withdrawn_by = self.for_user if listing.withdrawn_on else None
            return super(ScopedAdminForm, self).save(commit=commit)


class ListingIndexView(ScopedIndexView):
    select_related = ("firm", "recorded_by")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(firm__trade_name_folded__contains=fold_turkish(
            self.search_query.strip()))


class FirmCapabilitiesMixin:
    """Shows the capability inventory of the listing's firm beside the listing."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["capabilities"] = Capability.objects.filter(firm=self.object.firm_id).order_by(
            "kind", "name_tr")
        return context


class ListingEditView(FirmCapabilitiesMixin, ScopedModelViewSet.edit_view_class):
    template_name = "directory/admin/listing_edit.html"


class ListingInspectView(FirmCapabilitiesMixin,
                         scoped_view(generic.InspectView)):
    template_name = "directory/admin/listing_inspect.html"


class ListingViewSet(ScopedModelViewSet):
    model = Listing
    icon = "list-ul"
    menu_label = _("Directory listings")
    base_form_class = ListingAdminForm
    index_view_class = ListingIndexView
    edit_view_class = ListingEditView
    inspect_view_class = ListingInspectView
    list_display = ["firm", Column("district", label=_("District"), accessor="firm.district"),
                    "consented_on", "withdrawn_on", "recorded_by", MISSING_TRANSLATIONS]
    list_filter = ["firm__program", "firm__district", "consented_on", "withdrawn_on"]
    search_fields = ["firm__trade_name"]
    list_export = ["firm.program", "firm", "firm.district", "consented_on", "withdrawn_on",
                   *columns("capacity", "description"), "contact_email", "recorded_by"]
    form_fields = ["firm", "consented_on", "withdrawn_on", *columns("description", "capacity"),
                   "contact_email"]
    inspect_view_fields = ["firm", "consented_on", "recorded_by", "recorded_at", "withdrawn_on",
                           "withdrawn_by", *columns("description", "capacity"),
                           "contact_email"]

    # A listing is the consent record: withdrawn (a date on the edit form), never deleted.
    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"]


class EnquiryIndexView(ScopedIndexView):
    select_related = ("program", "requested_listing__firm")


class EnquiryInspectView(scoped_view(generic.InspectView)):
    """The enquiry, its history and the office's actions: match to listed firms (the
    directory's own search, run on the enquiry's text or on the office's words),
    forward, mark answered, close."""

    template_name = "directory/admin/enquiry_inspect.html"
    SUGGESTIONS = 12

    def get_language_display_value(self):
        return language_name(self.object.language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enquiry = self.object
        find = self.request.GET.get("find", "").strip()[:200]
        text = find or enquiry.need
        if enquiry.requested_listing_id:
            text = f"{text} {enquiry.requested_listing.firm.trade_name}"
        suggestions = search_directory(enquiry.program, text, page_size=self.SUGGESTIONS)
        matched = list(enquiry.matched_listings.select_related("firm")
                       .order_by("firm__trade_name"))
        matched_ids = {listing.pk for listing in matched}
        entries = list(suggestions.entries)
        shown = {entry.listing_id for entry in entries}
        extra = [listing.pk for listing in matched if listing.pk not in shown]
        if enquiry.requested_listing_id and enquiry.requested_listing_id not in shown:
            extra.append(enquiry.requested_listing_id)
        if extra:
            entries = listed_entries(extra) + entries
        can_change = self.request.user.has_perm("directory.change_enquiry")
        context.update({
            "find": find,
            "suggestions": entries,
            "matched": matched,
            "matched_ids": matched_ids,
            "events": enquiry.events.select_related("by"),
            "can_change": can_change,
            "can_match": can_change and enquiry.status in (Enquiry.Status.RECEIVED,
                                                           Enquiry.Status.MATCHED),
            "can_forward": can_change and enquiry.status == Enquiry.Status.MATCHED,
            "can_answer": can_change and enquiry.status == Enquiry.Status.FORWARDED,
            "can_close": can_change and enquiry.status in (Enquiry.Status.RECEIVED,
                                                           Enquiry.Status.MATCHED),
        })
        return context


def _to_inspect(viewset):
    def view(request, pk):
        return redirect(reverse(viewset.get_url_name("inspect"), args=[pk]))
    return view


class EnquiryViewSet(ScopedModelViewSet):
    """Enquiries come from buyers on the public site: the admin reads and handles them,
    it never adds, edits or deletes one."""

    model = Enquiry
    icon = "mail"
    menu_label = _("Enquiries")
    index_view_class = EnquiryIndexView
    inspect_view_class = EnquiryInspectView
    list_display = ["organisation", "received_at", Column("need", label=_("What is needed")),
                    "status", "program"]
    list_filter = ["status", "program", "received_at"]
    search_fields = ["organisation", "buyer_name", "need", "email"]
    list_export = ["received_at", "program", "status", "need", "quantity", "deadline",
                   "buyer_name", "organisation", "email", "phone", "message",
                   "requested_listing"]
    form_fields = ["need"]
    inspect_view_fields = ["received_at", "status", "program", "requested_listing", "need",
                           "quantity", "deadline", "buyer_name", "organisation", "email",
                           "phone", "message", "language"]

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs),
                "add_url_name": None, "edit_url_name": None, "delete_url_name": None}

    def get_urlpatterns(self):
        kept = [pattern for pattern in super().get_urlpatterns()
                if pattern.name not in ("add", "edit", "delete", "copy")]
        return kept + [
            # Links to "edit" an enquiry (history, references) open its page.
            path("edit/<int:pk>/", _to_inspect(self), name="edit"),
            path("match/<int:pk>/", admin_views.match_enquiry, name="match"),
            path("forward/<int:pk>/", admin_views.forward_enquiry, name="forward"),
            path("answered/<int:pk>/", admin_views.mark_answered, name="answered"),
            path("close/<int:pk>/", admin_views.close_enquiry, name="close"),
        ]


class DirectoryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Capability directory")
    menu_icon = "search"
    menu_order = 230
    items = (ListingViewSet("directory_listings"), EnquiryViewSet("directory_enquiries"))


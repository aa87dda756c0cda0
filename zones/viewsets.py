"""Wagtail admin of the zones and the career portal: every listing and object goes through
``for_user`` (zone staff: their zone; the programme office: every zone of its programme)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from core.translation import columns
from core.translation_admin import MISSING_TRANSLATIONS
from fieldvisits.models import Firm
from tracker.admin_scoping import ReadableColumn, ScopedAdminForm, ScopedModelViewSet
from zones.forms import unit_groups
from zones.models import (
    Candidacy,
    ConsentText,
    CvAccess,
    JobSeeker,
    Vacancy,
    Zone,
    ZoneFirm,
    ZoneMembership,
    zones_for,
)
from zones.roles import sync_zone_staff_group


class FirmChoicesForm(ScopedAdminForm):
    """A form whose firm is chosen among ``firm_choices(user)``: zone staff hold no
    programme role, so ``Firm.objects.for_user`` alone would offer them none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "firm" in self.fields:
            self.fields["firm"].queryset = self.firm_choices(self.for_user)

    def firm_choices(self, user):
        """The firms in the user's zones; a form offering other firms says so."""
        return Firm.objects.filter(zone_row__zone__in=zones_for(user)).order_by("trade_name")


class ZoneFirmForm(FirmChoicesForm):
    def firm_choices(self, user):
        # Firms of the zones' programmes that are in no zone yet.
        return Firm.objects.filter(program__zones__in=zones_for(user),
                                   zone_row__isnull=True).distinct()


class ZoneForm(ScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A zone never moves to another programme; its staff hold no programme role, so
        # the choice would offer them none and refuse every save.
        if self.instance.pk is not None:
            self.fields.pop("program", None)


class ZoneMembershipForm(ScopedAdminForm):
    def save(self, commit=True):
        # A membership without the group would give the zone but no admin rights.
        with transaction.atomic():
            membership = super().save(commit=commit)
            if commit:
                membership.user.groups.add(sync_zone_staff_group())
            return membership


class VacancyForm(FirmChoicesForm):
    """The firm chosen among the firms of the user's zones; the vacancy's place is the
    firm's zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "occupation" in self.fields:
            # A vacancy names one occupation: a unit group, not a group of them.
            self.fields["occupation"].queryset = unit_groups()

    def save(self, commit=True):
        with transaction.atomic():
            self.refuse_stale()
            vacancy = self.instance
            vacancy.zone_id = ZoneFirm.objects.get(firm=vacancy.firm_id).zone_id
            if vacancy.posted_by_id is None:
                vacancy.posted_by = self.for_user
            if vacancy.status == Vacancy.Status.OPEN and vacancy.opened_at is None:
                vacancy.opened_at = timezone.now()
            return super(ScopedAdminForm, self).save(commit=commit)


class ZoneViewSet(ScopedModelViewSet):
    model = Zone
    icon = "site"
    menu_label = _("Industrial zones")
    list_display = ["name", "kind", "district", "program", MISSING_TRANSLATIONS]
    list_filter = ["kind"]
    search_fields = [*columns("name"), "district"]
    form_fields = ["program", *columns("name"), "slug", "kind", "province", "district",
                   *columns("description"),
                   "management_contact", "founded", "area_hectares", "reported_firms",
                   "reported_employees", "reported_exports_usd", "reported_capacity_use_pct",
                   "reported_export_share_pct", "reported_import_share_pct",
                   "figures_source", *columns("figures_source_note")]
    base_form_class = ZoneForm


class ZoneFirmViewSet(ScopedModelViewSet):
    model = ZoneFirm
    icon = "group"
    menu_label = _("Firms in zones")
    list_display = ["firm", "zone"]
    list_filter = ["zone"]
    form_fields = ["zone", "firm"]
    base_form_class = ZoneFirmForm


class ZoneMembershipViewSet(ScopedModelViewSet):
    model = ZoneMembership
    icon = "user"
    menu_label = _("Zone staff")
    list_display = ["user", "zone"]
    form_fields = ["user", "zone"]
    base_form_class = ZoneMembershipForm


def matching_link(vacancy):
    return reverse("zones_matching", args=[vacancy.pk])


class VacancyViewSet(ScopedModelViewSet):
    model = Vacancy
    icon = "doc-full"
    menu_label = _("Vacancies")
    list_display = [
        TitleColumn("occupation", label=_("Occupation"), get_url=lambda v: matching_link(v)),
        "firm", "zone", Column("positions", label=_("People")), "status",
        ReadableColumn("published", label=_("Published")), "closing_date",
        MISSING_TRANSLATIONS]
    list_filter = ["status", "published", "zone"]
    list_export = ["occupation", "firm", "zone", "positions", "shift", "status", "published",
                   "closing_date", "created_at", "opened_at", "filled_at"]
    list_select_related = ("occupation", "firm", "zone")
    form_fields = ["firm", "occupation", "positions", *columns("qualifications"),
                   "certificates_wanted", "shift", "closing_date", "published", "status"]
    base_form_class = VacancyForm
    inspect_template_name = "zones/admin/vacancy_inspect.html"


class CandidacyViewSet(ScopedModelViewSet):
    model = Candidacy
    icon = "user"
    menu_label = _("Candidacies")
    list_display = ["job_seeker", "vacancy", "status", "proposed_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ("job_seeker", "vacancy__occupation", "vacancy__firm")
    inspect_template_name = "zones/admin/candidacy_inspect.html"
    form_fields = ["not_hired_reason"]


class JobSeekerViewSet(ScopedModelViewSet):
    model = JobSeeker
    icon = "user"
    menu_label = _("Job seekers")
    list_display = ["__str__", "district", "availability", "created_at", "email_verified_at"]
    list_filter = ["availability", "education"]
    search_fields = ["last_name", "first_name", "district"]
    inspect_view_enabled = False
    form_fields = ["first_name", "last_name", "email", "phone", "district", "education",
                   "experience_years", "experience", "certificates", "availability",
                   "occupations"]


class ConsentTextViewSet(ScopedModelViewSet):
    model = ConsentText
    icon = "doc-full-inverse"
    menu_label = _("Consent texts")
    list_display = ["version", "retention_months", "published_at"]
    form_fields = ["version", "text_tr", "text_en", "retention_months", "published_at"]


class CvAccessViewSet(ScopedModelViewSet):
    model = CvAccess
    icon = "view"
    menu_label = _("CV access log")
    list_display = ["job_seeker", "by", "at", "reason"]
    list_select_related = ("job_seeker", "by")


class ZonesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Zones and careers")
    menu_icon = "site"
    menu_order = 270
    items = (ZoneViewSet, ZoneFirmViewSet, ZoneMembershipViewSet, VacancyViewSet,
             CandidacyViewSet, JobSeekerViewSet, ConsentTextViewSet, CvAccessViewSet)

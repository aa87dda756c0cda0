"""A firm's recorded consent to appear in the public capability directory."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translation import LANGUAGE_CODES, column, translated
from fieldvisits.models import Capability, Firm
from fieldvisits.search import fold_turkish, soft_fold
from fieldvisits.sectors import NACE_LABELS
from tracker.access import FIELD_STUDY_READERS
from tracker.models import programs_for

# Who reads and keeps the directory's records: the programme office.
DIRECTORY_READERS = FIELD_STUDY_READERS


class ListingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(firm__program__in=programs_for(user, DIRECTORY_READERS))

    def public(self, today=None):
        """Listings the public may see: consent recorded, given by today, not withdrawn."""
        today = today or timezone.localdate()
        return self.filter(consented_on__lte=today).filter(
            models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gt=today))

    def refresh_search(self):
        """Rewrite the search copies of these listings from their firms' current trade
        name, sector and capabilities: two queries and one bulk update."""
        listings = list(self.select_related("firm").prefetch_related("firm__capabilities"))
        for listing in listings:
            listing.fill_search_columns(listing.firm.capabilities.all())
        self.model.objects.bulk_update(listings, SEARCH_COLUMNS, batch_size=500)
        return len(listings)


def searchable(*texts):
    """A search copy of ``texts``: the Turkish lower-case form (dotted and dotless I
    merged, ş ç ğ ö ü kept) above the fully folded one. A word typed with those letters
    ("döküm") is looked for as typed, so it misses "dokuma"; a word typed without them
    ("celik") is looked for in the folded line and finds "çelik"."""
    joined = " | ".join(text for text in texts if text)
    return f"{soft_fold(joined)}\n{fold_turkish(joined)}" if joined else ""


def search_copies(listing, capabilities):
    """The search copies of ``listing`` (with its ``firm``) and the firm's
    ``capabilities``, by column name. Plain data in, plain data out: the migration that
    added the columns fills them with it too."""
    names = {kind: [] for kind in ("product", "process", "material", "certification")}
    for capability in capabilities:
        names[capability.kind] += [getattr(capability, column("name", code))
                                   for code in LANGUAGE_CODES]
    firm = listing.firm
    copies = {
        "search_made": searchable(*names["product"], *names["process"]),
        "search_materials": searchable(*names["material"]),
        "search_certifications": searchable(*names["certification"]),
        "search_sector": searchable(*NACE_LABELS.get(firm.nace_code, ())),
        "search_other": searchable(firm.trade_name, *(
            getattr(listing, column(base, code)) for base in ("description", "capacity")
            for code in LANGUAGE_CODES)),
    }
    copies["search_all"] = "\n".join(value for value in copies.values() if value)
    return copies


# The places a directory search looks, most telling first (see ``directory.search``).
SEARCH_COLUMNS = ["search_made", "search_materials", "search_certifications",
                  "search_sector", "search_other", "search_all"]


class Listing(models.Model):
    """A firm's consent to be listed, and what the directory says about it.

    Only what a listing holds and the firm's capability inventory (trade name, district,
    sector, products, materials, processes, certifications) is ever shown publicly;
    ``contact_email`` only receives the enquiries the programme office forwards.
    """

    firm = models.OneToOneField(Firm, verbose_name=_("firm"), on_delete=models.PROTECT,
                                related_name="listing")
    consented_on = models.DateField(
        _("consent given on"),
        help_text=_("The day the firm agreed in writing to be listed in the public directory."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_on = models.DateField(
        _("consent withdrawn on"), null=True, blank=True,
        help_text=_("From this day on the firm no longer appears in the directory."))
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawal "
                                     "recorded by"), on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True)
    description_tr = models.TextField(_("public description (Turkish)"), blank=True)
    description_en = models.TextField(
        _("public description (English)"), blank=True,
        help_text=_("Buyers abroad search in English: name the products, materials and "
                    "processes in English here."))
    description_fa = models.TextField(_("public description (Persian)"), blank=True)
    description = translated("description")
    capacity_tr = models.CharField(_("capacity (Turkish)"), max_length=200, blank=True,
                                   help_text=_("For example: aylık 40 ton, 5.000 adet/ay."))
    capacity_en = models.CharField(_("capacity (English)"), max_length=200, blank=True,
                                   help_text=_("For example: 40 tonnes a month."))
    capacity_fa = models.CharField(_("capacity (Persian)"), max_length=200, blank=True)
    capacity = translated("capacity")
    contact_email = models.EmailField(
        _("e-mail for forwarded enquiries"), blank=True,
        help_text=_("Never shown publicly; the programme office forwards matching enquiries "
                    "to it."))
    # Search copies (``searchable``) of what the firm makes and does, its materials,
    # certifications, sector labels in both languages, name and descriptions, and all of
    # them together; rewritten when the listing, its firm or a capability changes.
    search_made = models.TextField(editable=False, default="")
    search_materials = models.TextField(editable=False, default="")
    search_certifications = models.TextField(editable=False, default="")
    search_sector = models.TextField(editable=False, default="")
    search_other = models.TextField(editable=False, default="")
    search_all = models.TextField(editable=False, default="")

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("directory listing")
        verbose_name_plural = _("directory listings")
        ordering = ["firm__trade_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("consented_on")),
                name="listing_withdrawn_after_consent",
                violation_error_message=_("Consent cannot be withdrawn before it was given."),
            ),
        ]

    def __str__(self):
        return str(self.firm)

    def save(self, *args, **kwargs):
        self.fill_search_columns(Capability.objects.filter(firm_id=self.firm_id))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *SEARCH_COLUMNS}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext(
            "A directory listing is the firm's consent record and is never deleted: record "
            "the date the consent was withdrawn instead."), code="consent_record")

    def clean(self):
        if self.withdrawn_on and self.consented_on and self.withdrawn_on < self.consented_on:
            raise ValidationError({"withdrawn_on": _(
                "Consent cannot be withdrawn before it was given.")})

    def fill_search_columns(self, capabilities):
        for name, value in search_copies(self, capabilities).items():
            setattr(self, name, value)

    @property
    def is_public(self):
        today = timezone.localdate()
        return (self.consented_on is not None and self.consented_on <= today
                and (self.withdrawn_on is None or self.withdrawn_on > today))

    @property
    def program(self):
        return self.firm.program

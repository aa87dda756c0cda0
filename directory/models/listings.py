"""A firm's recorded consent to appear in the public capability directory."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fieldvisits.models import Firm
from fieldvisits.search import fold_turkish
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
    capacity = models.CharField(_("capacity"), max_length=200, blank=True,
                                help_text=_("For example: aylık 40 ton, 5.000 adet/ay."))
    contact_email = models.EmailField(
        _("e-mail for forwarded enquiries"), blank=True,
        help_text=_("Never shown publicly; the programme office forwards matching enquiries "
                    "to it."))
    search_folded = models.TextField(editable=False, default="")

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
        # The folded copy is what the public search compares the descriptions against.
        self.search_folded = fold_turkish(
            " ".join([self.description_tr, self.description_en, self.capacity]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_folded"}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext(
            "A directory listing is the firm's consent record and is never deleted: record "
            "the date the consent was withdrawn instead."), code="consent_record")

    def clean(self):
        if self.withdrawn_on and self.consented_on and self.withdrawn_on < self.consented_on:
            raise ValidationError({"withdrawn_on": _(
                "Consent cannot be withdrawn before it was given.")})

    @property
    def is_public(self):
        today = timezone.localdate()
        return (self.consented_on is not None and self.consented_on <= today
                and (self.withdrawn_on is None or self.withdrawn_on > today))

    @property
    def program(self):
        return self.firm.program

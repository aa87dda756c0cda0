"""Buyer enquiries and the programme office's handling of them:
received → matched → forwarded → answered, or closed without a match."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models.listings import DIRECTORY_READERS, Listing
from tracker.models import Program, programs_for


class IllegalTransition(Exception):
    """A state change the enquiry's current state does not allow; the message says why."""


class EnquiryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, DIRECTORY_READERS))


class Enquiry(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        MATCHED = "matched", _("Matched")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                related_name="enquiries")
    requested_listing = models.ForeignKey(
        Listing, verbose_name=_("firm asked for"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="requested_in",
        help_text=_("The firm the buyer wrote to from its directory card, if any."))
    need = models.TextField(_("what is needed"))
    quantity = models.CharField(_("quantity"), max_length=120, blank=True)
    deadline = models.DateField(_("needed by"), null=True, blank=True)
    buyer_name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="tr")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    matched_listings = models.ManyToManyField(Listing, verbose_name=_("matched firms"),
                                              blank=True, related_name="matched_enquiries")
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.need[:60]}"

    def _move(self, allowed_from, to, by, note="", before_save=None):
        """Move to ``to`` when the stored state is in ``allowed_from``.

        The row is locked and its state read inside the transaction, so two people
        acting on one enquiry at once cannot both succeed: the second waits, sees what
        the first did and is refused. Every move is recorded as an :class:`EnquiryEvent`.
        """
        with transaction.atomic():
            stored = (Enquiry.objects.select_for_update().filter(pk=self.pk)
                      .values("status").first()) if self.pk else None
            if stored is None:
                raise IllegalTransition(_("This enquiry no longer exists."))
            self.status = stored["status"]
            if self.status not in allowed_from:
                raise IllegalTransition(_(
                    "An enquiry that is “%(current)s” cannot become “%(target)s”."
                ) % {"current": self.get_status_display(), "target": self.Status(to).label})
            if before_save is not None:
                note = before_save() or note
            previous = self.status
            self.status = to
            self.save(update_fields=["status", "updated_at"])
            return EnquiryEvent.objects.create(enquiry=self, from_status=previous,
                                               to_status=to, by=by, note=note)

    def match(self, *, listings, by):
        """Name the listed firms of the programme that can answer; may be changed until
        the enquiry is forwarded."""
        wanted = [listing.pk for listing in listings]

        def set_match():
            found = list(Listing.objects.public().filter(pk__in=wanted,
                                                         firm__program=self.program_id)
                         .select_related("firm").order_by("firm__trade_name"))
            if not found:
                raise IllegalTransition(_("Choose at least one firm listed in the directory "
                                          "of this programme."))
            if len(found) != len(set(wanted)):
                raise IllegalTransition(_("A firm you chose is no longer listed in the "
                                          "directory of this programme."))
            self.matched_listings.set(found)
            return ", ".join(listing.firm.trade_name for listing in found)

        return self._move((self.Status.RECEIVED, self.Status.MATCHED), self.Status.MATCHED,
                          by, before_save=set_match)

    def forward(self, *, by):
        """Record that the enquiry went to its matched firms; returns the listings it
        went to. Firms that withdrew their consent since the match are left out."""
        forwarded = []

        def check_listings():
            forwarded.extend(self.matched_listings.public().select_related("firm")
                             .order_by("firm__trade_name"))
            if not forwarded:
                raise IllegalTransition(_("None of the matched firms is still listed; match "
                                          "the enquiry again."))
            return ", ".join(listing.firm.trade_name for listing in forwarded)

        self._move((self.Status.MATCHED,), self.Status.FORWARDED, by,
                   before_save=check_listings)
        return forwarded

    def mark_answered(self, *, by, note=""):
        return self._move((self.Status.FORWARDED,), self.Status.ANSWERED, by,
                          note=note.strip())

    def close(self, *, by, reason):
        if not (reason or "").strip():
            raise IllegalTransition(_("Say why the enquiry is closed."))
        return self._move((self.Status.RECEIVED, self.Status.MATCHED), self.Status.CLOSED,
                          by, note=reason.strip())


class EnquiryEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(enquiry__in=Enquiry.objects.for_user(user))


class EnquiryEvent(models.Model):
    """One step of an enquiry's handling: who moved it from which state to which, when."""

    enquiry = models.ForeignKey(Enquiry, verbose_name=_("enquiry"), on_delete=models.PROTECT,
                                related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=Enquiry.Status.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Enquiry.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    objects = EnquiryEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry event")
        verbose_name_plural = _("enquiry events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.enquiry_id}: {self.from_status} → {self.to_status}"

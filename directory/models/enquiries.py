"""Buyer enquiries and the programme office's handling of them:
received → matched → forwarded → answered, or closed without a match."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import IllegalMove, Workflow, WorkflowEvent
from directory.models.listings import DIRECTORY_READERS, Listing
from tracker.models import Program, programs_for


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

    workflow = Workflow(
        field="status",
        moves={
            "match": ((Status.RECEIVED, Status.MATCHED), Status.MATCHED),
            "forward": ((Status.MATCHED,), Status.FORWARDED),
            "answer": ((Status.FORWARDED,), Status.ANSWERED),
            "close": ((Status.RECEIVED, Status.MATCHED), Status.CLOSED),
        },
        event="directory.EnquiryEvent", event_fields=("enquiry", "from_status", "to_status"),
        gone=_("This enquiry no longer exists."),
        refused=_("An enquiry that is “%(current)s” cannot become “%(target)s”."),
    )

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

    def match(self, *, listings, by):
        """Name the listed firms of the programme that can answer; may be changed until
        the enquiry is forwarded."""
        wanted = [listing.pk for listing in listings]

        def set_match():
            found = list(Listing.objects.public().filter(pk__in=wanted,
                                                         firm__program=self.program_id)
                         .select_related("firm").order_by("firm__trade_name"))
            if not found:
                raise IllegalMove(_("Choose at least one firm listed in the directory "
                                          "of this programme."))
            if len(found) != len(set(wanted)):
                raise IllegalMove(_("A firm you chose is no longer listed in the "
                                          "directory of this programme."))
            self.matched_listings.set(found)
            return ", ".join(listing.firm.trade_name for listing in found)

        return self.workflow.move(self, "match", by=by, before_save=set_match)

    def forward(self, *, by):
        """Record that the enquiry went to its matched firms; returns the listings it
        went to. Firms that withdrew their consent since the match are left out."""
        forwarded = []

        def check_listings():
            forwarded.extend(self.matched_listings.public().select_related("firm")
                             .order_by("firm__trade_name"))
            if not forwarded:
                raise IllegalMove(_("None of the matched firms is still listed; match "
                                          "the enquiry again."))
            return ", ".join(listing.firm.trade_name for listing in forwarded)

        self.workflow.move(self, "forward", by=by, before_save=check_listings)
        return forwarded

    def mark_answered(self, *, by, note=""):
        return self.workflow.move(self, "answer", by=by, note=note.strip())

    def close(self, *, by, reason):
        if not (reason or "").strip():
            raise IllegalMove(_("Say why the enquiry is closed."))
        return self.workflow.move(self, "close", by=by, note=reason.strip())


class EnquiryEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(enquiry__in=Enquiry.objects.for_user(user))


class EnquiryEvent(WorkflowEvent):
    """One step of an enquiry's handling: who moved it from which state to which, when."""

    enquiry = models.ForeignKey(Enquiry, verbose_name=_("enquiry"), on_delete=models.PROTECT,
                                related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=Enquiry.Status.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Enquiry.Status.choices)
    # A buyer's own enquiry arrives with no user behind it.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = EnquiryEventQuerySet.as_manager()

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("enquiry event")
        verbose_name_plural = _("enquiry events")

    def __str__(self):
        return f"{self.enquiry_id}: {self.from_status} → {self.to_status}"

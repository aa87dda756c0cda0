"""Writes of the directory that reach beyond one row: a buyer's enquiry arriving (and the
programme office told), an enquiry forwarded to its firms by e-mail."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from directory.models import Enquiry, EnquiryEvent
from tracker.access import Role
from tracker.models import Membership

logger = logging.getLogger(__name__)


def _send(template, context, to):
    """Send the e-mail ``template`` (subject, text and html) in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=to)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # The enquiry is stored and its status tracked; the office sees it in the admin.
        logger.exception("E-mail %s to %s failed", template, ", ".join(to))
        return False
    return True


def _admin_url(enquiry):
    return (settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("directory_enquiries:inspect", args=[enquiry.pk]))


def coordinator_emails(program):
    return sorted(set(Membership.objects.filter(
        program=program, role=Role.COORDINATOR, user__is_active=True,
    ).exclude(user__email="").values_list("user__email", flat=True)))


def receive_enquiry(*, form, program, language):
    """Store a buyer's valid enquiry for the programme of the firm they picked (otherwise
    ``program``, the site's) and tell that programme's coordinators once it is saved."""
    listing = form.cleaned_data.get("listing")
    with transaction.atomic():
        enquiry = form.save(commit=False)
        enquiry.program = listing.firm.program if listing else program
        enquiry.requested_listing = listing
        enquiry.language = (language or settings.LANGUAGE_CODE)[:5]
        enquiry.save()
        EnquiryEvent.objects.create(enquiry=enquiry, from_status="",
                                    to_status=Enquiry.Status.RECEIVED, by=None)
        recipients = coordinator_emails(enquiry.program)
        if recipients:
            context = {"enquiry": enquiry, "listing": listing, "admin_url": _admin_url(enquiry)}
            transaction.on_commit(lambda: _send("enquiry_received", context, recipients))
    return enquiry


def forward_enquiry(*, enquiry, by):
    """Forward ``enquiry`` to its matched firms: the state change is recorded, and each
    firm with an e-mail for enquiries gets the buyer's request once it is. Returns
    ``(forwarded listings, listings e-mailed)``."""
    with transaction.atomic():
        listings = enquiry.forward(by=by)
        emailed = [listing for listing in listings if listing.contact_email]
        for listing in emailed:
            context = {"enquiry": enquiry, "listing": listing}
            transaction.on_commit(
                lambda context=context, to=[listing.contact_email]:
                _send("enquiry_forwarded", context, to))
    return listings, emailed

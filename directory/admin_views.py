"""The programme office's actions on an enquiry, posted from its inspect page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.workflow_views import move_view
from directory import services
from directory.models import Enquiry, Listing
from tracker.access import acting_with

CHANGE = "directory.change_enquiry"


def _enquiry_to_change(request, pk):
    """The enquiry ``pk`` among those the user may change, or 403/404."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    with acting_with(CHANGE):
        return get_object_or_404(Enquiry.objects.for_user(request.user), pk=pk)


def _move(request, enquiry, make_move, success):
    return move_view(request, obj=enquiry, make_move=lambda _data: make_move(), success=success,
                     done_url=reverse("directory_enquiries:inspect", args=[enquiry.pk]))


@require_POST
def match_enquiry(request, pk):
    enquiry = _enquiry_to_change(request, pk)
    ids = [value for value in request.POST.getlist("listings") if value.isdigit()]
    listings = Listing.objects.filter(pk__in=ids)

    def matched():
        count = enquiry.matched_listings.count()
        return ngettext("Enquiry matched to %(count)d firm.",
                        "Enquiry matched to %(count)d firms.", count) % {"count": count}

    return _move(request, enquiry, lambda: enquiry.match(listings=listings, by=request.user),
                 matched)


@require_POST
def forward_enquiry(request, pk):
    enquiry = _enquiry_to_change(request, pk)
    outcome = {}

    def forward():
        outcome["listings"], outcome["emailed"] = services.forward_enquiry(
            enquiry=enquiry, by=request.user)

    def forwarded():
        listings, emailed = outcome["listings"], outcome["emailed"]
        message = ngettext("Enquiry forwarded to %(count)d firm",
                           "Enquiry forwarded to %(count)d firms",
                           len(listings)) % {"count": len(listings)}
        missing = [listing.firm.trade_name for listing in listings if listing not in emailed]
        if missing:
            message += "; " + _("no e-mail for enquiries is recorded for %(firms)s: pass it "
                                "on to them yourself.") % {"firms": ", ".join(missing)}
        else:
            message += "."
        return message

    return _move(request, enquiry, forward, forwarded)


@require_POST
def mark_answered(request, pk):
    enquiry = _enquiry_to_change(request, pk)
    return _move(request, enquiry,
                 lambda: enquiry.mark_answered(by=request.user,
                                               note=request.POST.get("note", "")),
                 lambda: _("Enquiry marked as answered."))


@require_POST
def close_enquiry(request, pk):
    enquiry = _enquiry_to_change(request, pk)
    return _move(request, enquiry,
                 lambda: enquiry.close(by=request.user, reason=request.POST.get("reason", "")),
                 lambda: _("Enquiry closed."))

"""The capability directory for the public site: the only module of ``directory`` that
``cms`` may import (``tests/cms/test_public_boundary.py`` holds it to that).

What leaves here about a firm is what it consented to publish: its listing's
descriptions and capacity, and its trade name, district, industrial zone, sector and
capability inventory, as plain :class:`DirectoryEntry` values. Only firms with a
consent recorded and not withdrawn appear. A firm's tax number, contact person, staff,
money figures, survey answers and the e-mail its enquiries go to never leave.
"""

from core.proxies import client_address
from directory import spam
from directory.forms import EnquiryForm
from directory.search import (
    DirectoryEntry,
    DirectoryResults,
    firm_search_texts,
    listed_entry,
    public_listing_ids,
    search_directory,
)
from directory.services import receive_enquiry

__all__ = [
    "DirectoryEntry", "DirectoryResults", "EnquiryForm", "firm_search_texts", "listed_entry",
    "public_listing_ids", "search_directory",
    "submit_enquiry", "enquiry_refused_for_rate",
]


def enquiry_refused_for_rate(request):
    """True when the visitor behind ``request`` has sent as many enquiries as allowed
    for now."""
    return spam.is_rate_limited(client_address(request))


def submit_enquiry(request, form, program):
    """Receive the enquiry of a valid ``form`` sent through ``request`` on the site of
    ``program``. A form whose honeypot is filled is counted but stored nowhere, and the
    sender is thanked all the same, so a bot learns nothing."""
    spam.count_enquiry(client_address(request))
    if form.is_honeypot:
        return None
    return receive_enquiry(form=form, program=program,
                           language=getattr(request, "LANGUAGE_CODE", ""))

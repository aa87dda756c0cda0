"""An enquiry's handling: received → matched → forwarded → answered (or closed), each
step recorded, illegal steps refused with a clear message."""

import pytest
from django.core import mail

from core.workflow import IllegalMove
from directory.models import Enquiry
from directory.services import forward_enquiry
from tests.directory.factories import EnquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(personas):
    return EnquiryFactory(program=personas.program)


def steps(enquiry):
    return [(event.from_status, event.to_status, event.by.username if event.by else None)
            for event in enquiry.events.all()]


def test_the_office_matches_forwards_and_closes_the_loop(enquiry, catalogue, personas,
                                                         django_capture_on_commit_callbacks):
    coordinator = personas.coordinator
    enquiry.match(listings=[catalogue.stainless, catalogue.name_only], by=coordinator)
    assert enquiry.status == Enquiry.Status.MATCHED
    with django_capture_on_commit_callbacks(execute=True):
        forwarded, emailed = forward_enquiry(enquiry=enquiry, by=coordinator)
    assert [listing.firm.trade_name for listing in forwarded] == [
        "Erciyes Hassas Makine San. ve Tic. A.Ş.", "Paslanmaz Dünyası Ticaret Ltd. Şti."]
    assert emailed == [catalogue.stainless]
    assert [message.to for message in mail.outbox] == [["satis@erciyes.example"]]
    assert "anna@example.com" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Firmanız için alıcı talebi: Schmidt Maschinenbau GmbH"
    enquiry.mark_answered(by=coordinator, note="Teklif verildi")
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert steps(enquiry) == [("received", "matched", "coordinator"),
                              ("matched", "forwarded", "coordinator"),
                              ("forwarded", "answered", "coordinator")]
    assert enquiry.events.last().note == "Teklif verildi"


def test_a_match_may_change_until_the_enquiry_is_forwarded(enquiry, catalogue, personas):
    enquiry.match(listings=[catalogue.stainless], by=personas.coordinator)
    enquiry.match(listings=[catalogue.foundry], by=personas.coordinator)
    assert list(enquiry.matched_listings.all()) == [catalogue.foundry]
    forward_enquiry(enquiry=enquiry, by=personas.coordinator)
    with pytest.raises(IllegalMove, match="“Forwarded”.*cannot become “Matched”"):
        enquiry.match(listings=[catalogue.stainless], by=personas.coordinator)
    assert list(enquiry.matched_listings.all()) == [catalogue.foundry]


@pytest.mark.parametrize("which", ["withdrawn", "future", "elsewhere"])
def test_only_listed_firms_of_the_programme_can_be_matched(enquiry, catalogue, personas,
                                                          which):
    with pytest.raises(IllegalMove):
        enquiry.match(listings=[catalogue.stainless, getattr(catalogue, which)],
                      by=personas.coordinator)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RECEIVED
    assert enquiry.matched_listings.count() == 0
    assert enquiry.events.count() == 0


def test_a_match_needs_a_firm(enquiry, personas):
    with pytest.raises(IllegalMove, match="at least one firm"):
        enquiry.match(listings=[], by=personas.coordinator)


def test_forwarding_leaves_out_a_firm_that_withdrew_after_the_match(enquiry, catalogue,
                                                                    personas):
    import datetime

    enquiry.match(listings=[catalogue.stainless, catalogue.foundry], by=personas.coordinator)
    catalogue.foundry.withdrawn_on = datetime.date.today()
    catalogue.foundry.save()
    forwarded, _emailed = forward_enquiry(enquiry=enquiry, by=personas.coordinator)
    assert forwarded == [catalogue.stainless]


def test_forwarding_is_refused_when_every_matched_firm_withdrew(enquiry, catalogue, personas):
    import datetime

    enquiry.match(listings=[catalogue.foundry], by=personas.coordinator)
    catalogue.foundry.withdrawn_on = datetime.date.today()
    catalogue.foundry.save()
    with pytest.raises(IllegalMove, match="match the enquiry again"):
        forward_enquiry(enquiry=enquiry, by=personas.coordinator)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.MATCHED


@pytest.mark.parametrize("move", ["forward", "answer"])
def test_a_received_enquiry_cannot_skip_ahead(enquiry, personas, move):
    with pytest.raises(IllegalMove, match="“Received” cannot become"):
        if move == "forward":
            forward_enquiry(enquiry=enquiry, by=personas.coordinator)
        else:
            enquiry.mark_answered(by=personas.coordinator)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RECEIVED


def test_a_forwarded_enquiry_cannot_be_closed(enquiry, catalogue, personas):
    enquiry.match(listings=[catalogue.stainless], by=personas.coordinator)
    forward_enquiry(enquiry=enquiry, by=personas.coordinator)
    with pytest.raises(IllegalMove, match="“Forwarded” cannot become “Closed”"):
        enquiry.close(by=personas.coordinator, reason="Yanlış")


def test_closing_needs_a_reason(enquiry, personas):
    with pytest.raises(IllegalMove, match="Say why"):
        enquiry.close(by=personas.coordinator, reason="  ")
    enquiry.close(by=personas.coordinator, reason="Rehberde uygun firma yok")
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.events.get().note == "Rehberde uygun firma yok"


def test_a_stale_copy_decides_on_the_stored_state(enquiry, catalogue, personas):
    stale = Enquiry.objects.get(pk=enquiry.pk)
    enquiry.close(by=personas.coordinator, reason="Spam")
    with pytest.raises(IllegalMove, match="“Closed” cannot become “Matched”"):
        stale.match(listings=[catalogue.stainless], by=personas.coordinator)
    assert stale.status == Enquiry.Status.CLOSED


def test_history_cannot_be_deleted_with_the_enquiry(enquiry, personas):
    from django.db.models import ProtectedError

    enquiry.close(by=personas.coordinator, reason="Spam")
    with pytest.raises(ProtectedError):
        enquiry.delete()


def test_a_listed_firm_cannot_be_deleted_from_under_its_listing(catalogue):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        catalogue.stainless.firm.delete()

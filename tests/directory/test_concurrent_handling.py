"""Two coordinators acting on one enquiry at the same moment, on PostgreSQL: one wins,
the other is told, and the history records one step."""

import pytest

from core.workflow import IllegalMove
from directory.models import Enquiry, EnquiryEvent
from directory.services import forward_enquiry
from tests.directory.factories import EnquiryFactory
from tests.integrity.conftest import postgres, race  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

ROUNDS = 3


def test_two_forwards_at_once_forward_once(personas, catalogue):
    for _round in range(ROUNDS):
        enquiry = EnquiryFactory(program=personas.program)
        enquiry.match(listings=[catalogue.stainless], by=personas.coordinator)

        def forward(pk=enquiry.pk):
            return forward_enquiry(enquiry=Enquiry.objects.get(pk=pk),
                                   by=personas.coordinator)

        results = race(forward, forward)
        refused = [result for result in results if isinstance(result, IllegalMove)]
        assert len(refused) == 1, results
        # The racing threads speak the site's language.
        assert "“İletildi” olan bir talep “İletildi” durumuna" in str(refused[0])
        assert EnquiryEvent.objects.filter(enquiry=enquiry, to_status="forwarded").count() == 1


def test_a_match_and_a_close_at_once_leave_one_consistent_state(personas, catalogue):
    for _round in range(ROUNDS):
        enquiry = EnquiryFactory(program=personas.program)

        def match(pk=enquiry.pk):
            return Enquiry.objects.get(pk=pk).match(
                listings=[catalogue.stainless], by=personas.coordinator)

        def close(pk=enquiry.pk):
            return Enquiry.objects.get(pk=pk).close(by=personas.coordinator, reason="Spam")

        results = race(match, close)
        enquiry.refresh_from_db()
        events = list(enquiry.events.values_list("to_status", flat=True))
        if enquiry.status == Enquiry.Status.CLOSED:
            # The close may come after the match (both succeed) or alone.
            assert events in (["closed"], ["matched", "closed"]), results
        else:
            assert isinstance(results[1], IllegalMove)
            assert events == ["matched"]

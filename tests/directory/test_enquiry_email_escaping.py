"""A forwarded enquiry's e-mail: the text part shows the buyer's words as typed, the HTML
part escapes them."""

import pytest
from django.core import mail

from directory.services import forward_enquiry
from tests.directory.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

NEED = 'Flanş "DN50" <paslanmaz> & conta'


def test_text_part_is_plain_and_html_part_is_escaped(personas, catalogue,
                                                     django_capture_on_commit_callbacks):
    enquiry = EnquiryFactory(program=personas.program, need=NEED,
                             organisation="Müller & Söhne")
    enquiry.match(listings=[catalogue.stainless], by=personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        forward_enquiry(enquiry=enquiry, by=personas.coordinator)
    [message] = mail.outbox
    assert NEED in message.body
    assert "&quot;" not in message.body and "&amp;" not in message.body
    assert message.subject.endswith("Müller & Söhne")
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    assert "Flanş &quot;DN50&quot; &lt;paslanmaz&gt; &amp; conta" in html
    assert "<paslanmaz>" not in html

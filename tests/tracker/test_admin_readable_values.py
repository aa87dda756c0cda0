"""Admin listings and inspect pages show values as a Turkish reader reads them: Evet/Hayır,
grouped numbers, "—" for nothing, Turkish capitals, local times, names instead of codes."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_text import raw_values, visible_text
from tests.directory.factories import EnquiryFactory
from tests.factories import (
    FirmFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    PhaseFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A browser set to Turkish, the admin's first language."""
    return Client(HTTP_ACCEPT_LANGUAGE="tr")


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return visible_text(response.content.decode())


def test_the_firm_listing_says_evet_and_hayir_under_a_dotted_capital(client, personas):
    FirmFactory(program=personas.program, trade_name="İhracatçı A.Ş.", is_exporter=True)
    FirmFactory(program=personas.program, trade_name="Yurtiçi A.Ş.", is_exporter=False)
    html = page(client, personas.coordinator, reverse("firms:index"))
    assert raw_values(html) == []
    assert "Evet" in html and "Hayır" in html
    assert "İhracatçı" in html and "İlçe" in html
    assert "Ihracatçı" not in html and "Ilçe" not in html


def test_indicator_values_are_grouped_without_cents(client, personas):
    value = IndicatorValueFactory(indicator=IndicatorFactory(program=personas.program),
                                  value=Decimal("3990.00"))
    html = page(client, personas.coordinator, reverse("indicator_values:index"))
    assert "3.990" in html
    assert "3990,00" not in html and "3990.00" not in html
    inspect = page(client, personas.coordinator,
                   reverse("indicators:inspect", args=[value.indicator_id]))
    assert "3.990" in inspect and "3990.00" not in inspect and "3.751" in inspect


def test_an_inspect_page_shows_no_id_no_none_and_names_related_rows_in_turkish(
        client, personas):
    milestone = MilestoneFactory(phase=PhaseFactory(program=personas.program))
    html = page(client, personas.coordinator,
                reverse("milestones:inspect", args=[milestone.pk]))
    assert raw_values(html) == []
    assert "Kanıt belgesi —" in html


def test_a_council_meetings_decisions_are_labelled_in_turkish(client, personas):
    from tracker.models import CouncilMeeting

    meeting = CouncilMeeting.objects.create(program=personas.program, title="Kurul",
                                            date=datetime.date(2026, 11, 10))
    html = page(client, personas.coordinator,
                reverse("council_meetings:inspect", args=[meeting.pk]))
    assert "Decisions" not in html and "Kurul kararları" in html
    assert raw_values(html) == []


def test_an_enquiry_names_its_language_and_capitalises_ileti(client, personas):
    enquiry = EnquiryFactory(program=personas.program, language="en",
                             received_at=datetime.datetime(2026, 12, 6, 3, 30,
                                                           tzinfo=datetime.UTC))
    html = page(client, personas.coordinator,
                reverse("directory_enquiries:inspect", args=[enquiry.pk]))
    assert "Dil İngilizce" in html and raw_values(html) == []
    assert "İleti" in html and "Ileti" not in html
    assert "06:30" in html and "03:30" not in html


def test_a_visit_is_named_by_its_local_date(personas):
    visit = VisitFactory(program=personas.program, scheduled_date=datetime.date(2026, 8, 22))
    assert str(visit).endswith("· 22.08.2026")

import pytest

from cms.demo import seed_public_site
from fieldvisits.models import Visit
from tests.factories import AssessmentFactory, FirmFactory, PhaseFactory, VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_live_counters_in_both_languages(phone_page, personas, role_groups):
    from tracker.access import Role

    program = personas.program
    PhaseFactory(program=program, order=1, name_tr="Dönüşüm", name_en="Transformation")
    firms = FirmFactory.create_batch(7, program=program)
    for firm in firms:
        AssessmentFactory(firm=firm)
    for firm in firms[:3]:
        VisitFactory(program=program, firm=firm, status=Visit.Status.APPROVED)
    seed_public_site(program, role_groups[Role.EDITOR])

    phone_page.goto("/tr/")
    firms_counter = phone_page.locator("[data-counter=firms] .counter-figure")
    assert firms_counter.inner_text().replace("\u00a0", " ") == "7 / 2.000"
    assert phone_page.locator("[data-counter=visits] .done").inner_text() == "3"
    assert phone_page.locator(".phase h3").first.inner_text() == "Dönüşüm"

    phone_page.click("a[hreflang=en]")
    phone_page.wait_for_url("**/en/**")
    assert phone_page.locator("html").get_attribute("lang") == "en"
    assert phone_page.locator(".phase h3").first.inner_text() == "Transformation"
    assert phone_page.locator("[data-counter=firms] .target").inner_text() == "2,000"

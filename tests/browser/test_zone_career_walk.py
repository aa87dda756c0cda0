"""The career portal's whole path, as people click it: the zone's staff post a welder
vacancy for a firm whose visit reported the need; a job seeker registers on her phone with
consent and a CV and confirms her address; staff propose her and the firm hires her; the
placement shows on the zone's public page and in the employment agency's figures; she
erases her account. With ``TRACKER_SCREENSHOT_DIR`` set, screenshots at 360 and 1280 px go
to its ``zones/`` folder."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from reportlab.pdfgen import canvas

from cms.demo import seed_public_site, seed_zones_page
from cms.models import ZonesPage
from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.models import Question
from tests.access import PASSWORD
from tests.browser.conftest import in_turkish, keep_screenshot, log_in
from tests.factories import FirmFactory, InstitutionFactory, UserFactory, member
from tests.fieldvisits.workforce_data import add_visit
from tests.zones.conftest import make_seeker, make_vacancy, make_zone
from tracker.access import Role
from tracker.models import Institution
from zones.models import Candidacy, JobSeeker, Occupation, Vacancy, ZoneFirm
from zones.roles import add_zone_staff
from zones.services import move_candidacy, propose_candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "elif.dokumaci@example.org"


def shoot(page, name):
    width = page.viewport_size["width"]
    keep_screenshot(page, f"zones/{name}-{width}.png")
    # Nothing on the page is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name


def cv_pdf():
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "Elif Dokumaci - kaynakci, 6 yil MIG/MAG")
    document.save()
    return buffer.getvalue()


EARLIER = 5


def earlier_placements(program, zone, staff):
    """Five welders placed last month, each by a firm of its own: enough hiring firms for
    the zone's placement figures to be published."""
    welder = Occupation.objects.get(code="7212")
    month_ago = timezone.now() - datetime.timedelta(days=35)
    for number in range(EARLIER):
        firm = FirmFactory(program=program, district="Gebze", trade_name=f"Gebze Firma {number}")
        ZoneFirm.objects.create(zone=zone, firm=firm)
        vacancy = make_vacancy(zone, firm, welder, published=False)
        seeker = make_seeker(program, f"earlier{number}@example.org", occupations=[welder],
                             first_name="Önceki", last_name=f"Aday {number}")
        candidacy = propose_candidate(vacancy=vacancy, job_seeker=seeker, by=staff)
        move_candidacy(candidacy=candidacy, name="hire", by=staff)
        Candidacy.objects.filter(pk=candidacy.pk).update(decided_at=month_ago)
        Vacancy.objects.filter(pk=vacancy.pk).update(
            opened_at=month_ago - datetime.timedelta(days=12), filled_at=month_ago)


@pytest.fixture
def walk(personas, role_groups, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    program = personas.program
    zone = make_zone(program, "İMES OSB", "imes")
    firm = FirmFactory(program=program, district="Gebze", trade_name="Gebze Makina A.Ş.")
    ZoneFirm.objects.create(zone=zone, firm=firm)
    version = load_default_questionnaire(program)
    questions = {q.code: q for q in Question.objects.filter(section__version=version)}
    add_visit(program, version, questions, personas.agent1, district="Gebze",
              sector="25.62", firm=firm, needs={"welder": 2})
    staff = UserFactory(username="imes")
    add_zone_staff(zone=zone, user=staff)
    earlier_placements(program, zone, staff)
    agency = InstitutionFactory(program=program, name="Türkiye İş Kurumu",
                                short_name="İŞKUR", kind=Institution.Kind.EMPLOYMENT_AGENCY)
    member(program, Role.FOCAL_POINT, "iskur", institution=agency)
    home = seed_public_site(program, role_groups[Role.EDITOR])
    seed_zones_page(home)
    return program, zone, firm


def test_a_welder_is_placed_through_the_zones_career_portal_and_then_erased(
        walk, phone_page, desktop_page, personas):
    program, zone, firm = walk
    welder = Occupation.objects.get(code="7212")
    desk, phone = desktop_page, phone_page

    # The programme office sees the visit that reported the need.
    log_in(desk, "coordinator", PASSWORD)
    desk.goto("/admin/zones/visits-with-needs/")
    assert firm.trade_name in desk.locator("main").inner_text()
    shoot(desk, "01-office-visits-with-needs")
    desk.context.clear_cookies()

    # The zone's staff post the welder vacancy for that firm.
    log_in(desk, "imes", PASSWORD)
    desk.goto("/admin/vacancy/new/")
    desk.select_option("#id_firm", str(firm.pk))
    desk.select_option("#id_occupation", str(welder.pk))
    desk.fill("#id_positions", "2")
    desk.fill("#id_certificates_wanted", "MYK kaynak")
    desk.fill("#id_qualifications_tr", "MIG/MAG kaynak deneyimi")
    desk.check("#id_published")
    desk.select_option("#id_status", "open")
    shoot(desk, "02-staff-vacancy-form")
    with desk.expect_navigation():
        desk.locator("form[method=post] button[type=submit]").last.click()
    vacancy = Vacancy.objects.get(firm=firm)
    assert (vacancy.occupation, vacancy.zone, vacancy.published, vacancy.status) == (
        welder, zone, True, Vacancy.Status.OPEN)

    # She registers on her phone with consent and her CV.
    phone.goto(f"/tr/careers/{program.slug}/register/")
    consent = phone.locator(".consent-text").inner_text()
    assert "6698" in consent and "12 ay" in consent
    phone.fill("#id_first_name", "Elif")
    phone.fill("#id_last_name", "Dokumacı")
    phone.fill("#id_email", EMAIL)
    phone.fill("#id_phone", "+90 555 321 54 76")
    phone.fill("#id_district", "Gebze")
    phone.fill("#id_certificates", "MYK kaynak")
    phone.fill("#id_experience_years", "6")
    phone.locator("summary", has_text=re.compile(r"^72 · ")).click()
    phone.check(f"input[name=occupations][value='{welder.pk}']")
    phone.set_input_files("#id_cv_file", files=[{
        "name": "ozgecmis.pdf", "mimeType": "application/pdf", "buffer": cv_pdf()}])
    phone.check("#id_consent")
    shoot(phone, "03-seeker-registration")
    with phone.expect_navigation():
        phone.get_by_role("button", name=in_turkish("Register")).click()
    shoot(phone, "04-seeker-registered")
    seeker = JobSeeker.objects.get(email=EMAIL)
    assert (seeker.consent.version, bool(seeker.cv_file)) == (1, True)
    cv_name = seeker.cv_file.name

    # The e-mailed link confirms her address and opens her own data.
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+/verify/\S+", message.body).group(0)
    phone.goto(link)
    assert "Dokumacı" in phone.locator("#id_last_name").input_value()
    shoot(phone, "05-seeker-my-data")

    # The zone's staff rank the candidates and propose her; the firm hires her.
    desk.goto(f"/admin/zones/vacancy/{vacancy.pk}/candidates/")
    row = desk.locator("tr", has_text="Elif Dokumacı")
    shoot(desk, "06-staff-ranked-candidates")
    with desk.expect_navigation():
        row.get_by_role("button", name=in_turkish("Propose")).click()
    candidacy = Candidacy.objects.get(job_seeker=seeker)
    desk.goto(f"/admin/zones/candidacy/{candidacy.pk}/hire/")
    shoot(desk, "07-staff-confirm-hire")
    with desk.expect_navigation():
        desk.locator("main form button[type=submit]").click()
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.HIRED
    shoot(desk, "08-staff-after-hire")

    # The zone's staff read the exact figure; the placement is on the zone's public page
    # (six hiring firms now), in both widths and languages.
    desk.goto("/admin/zones/placements/")
    assert str(EARLIER + 1) in desk.locator(".status-counts").inner_text()
    shoot(desk, "09-staff-placements")
    desk.context.clear_cookies()
    for language, page in (("tr", phone), ("tr", desk), ("en", desk)):
        zones_page = ZonesPage.objects.live().get(locale__language_code=language)
        page.goto(zones_page.url + "imes/")
        placed = page.locator(".status-counts li", has_text=(
            "İşe yerleşen kişi" if language == "tr" else "People placed")).first
        assert placed.locator(".count").inner_text() == str(EARLIER + 1)
        text = page.locator("body").inner_text()
        assert "Dokumacı" not in text and EMAIL not in text
        shoot(page, f"10-zone-page-{language}")

    # The employment agency reads the same figures.
    log_in(desk, "iskur", PASSWORD)
    desk.goto("/admin/zones/placements/")
    agency_text = desk.locator("main").inner_text()
    assert "İMES OSB" in agency_text and str(EARLIER + 1) in agency_text
    shoot(desk, "11-agency-placements")
    desk.context.clear_cookies()

    # She erases her account; her data and file leave, the placement stays counted.
    phone.goto("/tr/careers/me/erase/")
    shoot(phone, "12-seeker-erase")
    with phone.expect_navigation():
        phone.get_by_role("button", name=in_turkish("Erase my account")).click()
    shoot(phone, "13-seeker-erased")
    seeker.refresh_from_db()
    assert (seeker.first_name, seeker.email, seeker.cv_file.name) == ("", None, "")
    assert not (Path(settings.MEDIA_ROOT) / cv_name).exists()
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.HIRED

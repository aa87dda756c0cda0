"""The admin and the field app for a Persian reader: right to left, Persian words, and
dates typed and shown in the Solar Hijri calendar."""

import datetime

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tracker.models import Program, ReportingPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def persian_coordinator(client, personas):
    personas.program.calendar = Program.Calendar.SOLAR_HIJRI
    personas.program.save(update_fields=["calendar"])
    profile = UserProfile.get_for_user(personas.coordinator)
    profile.preferred_language = "fa"
    profile.save()
    client.force_login(personas.coordinator)
    return personas.coordinator


def test_the_admin_reads_right_to_left_in_persian(client, persian_coordinator):
    html = client.get("/admin/").content.decode()
    assert 'lang="fa"' in html and 'dir="rtl"' in html
    assert "داشبورد" in html or "پیشخوان" in html


def test_an_admin_date_is_typed_in_the_solar_hijri_calendar(client, persian_coordinator,
                                                            personas):
    add_url = reverse("reporting_periods:add")
    form = client.get(add_url).content.decode()
    assert 'placeholder="۱۴۰۵/۰۹/۱۵"' in form
    response = client.post(add_url, {"program": personas.program.pk, "label": "1404",
                                      "start_date": "۱۴۰۴/۰۱/۰۱", "end_date": "1404/12/29"})
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(program=personas.program, label="1404")
    assert (period.start_date, period.end_date) == (datetime.date(2025, 3, 21),
                                                     datetime.date(2026, 3, 20))
    edit = client.get(reverse("reporting_periods:edit", args=[period.pk])).content.decode()
    assert 'value="۱۴۰۴/۰۱/۰۱"' in edit and 'value="۱۴۰۴/۱۲/۲۹"' in edit


def test_an_impossible_admin_date_is_refused_and_nothing_is_saved(client,
                                                                   persian_coordinator,
                                                                   personas):
    response = client.post(reverse("reporting_periods:add"), {
        "program": personas.program.pk, "label": "1404", "start_date": "1404/01/01",
        "end_date": "1404/12/30"})
    assert response.status_code == 200
    assert "اسفند" in response.content.decode()
    assert not ReportingPeriod.objects.filter(label="1404").exists()


def test_the_field_app_reads_right_to_left_with_solar_hijri_visit_dates(client, personas):
    from fieldvisits.models import Visit
    from tests.factories import VisitFactory

    VisitFactory(program=personas.program, agent=personas.agent1,
                 status=Visit.Status.SCHEDULED, scheduled_date=datetime.date(2026, 12, 6))
    client.force_login(personas.agent1)
    client.post("/i18n/setlang/", {"language": "fa", "next": "/field/"})
    html = client.get("/field/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "بازدیدهای من" in html
    assert "۱۴۰۵/۰۹/۱۵" in html
    assert ">فارسی</button>" in html or 'lang="fa" aria-current="true" disabled>فارسی' in html

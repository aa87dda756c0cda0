"""Solar Hijri dates for Persian readers: typed → stored (Gregorian) → shown, across year
ends and Esfand 29/30, and the Solar Hijri year as a reporting period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.date_fields import ReaderDateField
from core.formats import local_date
from core.jalali import JalaliDateError, parse_jalali, solar_year_range
from fieldvisits.forms import ScheduleForm
from tracker.models import Program, ReportingPeriod

# (typed by the reader, stored Gregorian date, shown back); 1403 is a leap year (Esfand
# has 30 days), 1404 is not.
ROUND_TRIPS = [
    ("1405/09/15", datetime.date(2026, 12, 6), "۱۴۰۵/۰۹/۱۵"),
    ("۱۴۰۵/۰۹/۱۵", datetime.date(2026, 12, 6), "۱۴۰۵/۰۹/۱۵"),
    ("1403/12/30", datetime.date(2025, 3, 20), "۱۴۰۳/۱۲/۳۰"),
    ("1404/01/01", datetime.date(2025, 3, 21), "۱۴۰۴/۰۱/۰۱"),
    ("1404/12/29", datetime.date(2026, 3, 20), "۱۴۰۴/۱۲/۲۹"),
    ("1405/1/1", datetime.date(2026, 3, 21), "۱۴۰۵/۰۱/۰۱"),
    ("1404/10/11", datetime.date(2026, 1, 1), "۱۴۰۴/۱۰/۱۱"),
    ("1404/10/10", datetime.date(2025, 12, 31), "۱۴۰۴/۱۰/۱۰"),
    ("١٤٠٤-٠٦-٣١", datetime.date(2025, 9, 22), "۱۴۰۴/۰۶/۳۱"),
]


@pytest.fixture
def persian():
    with translation.override("fa"):
        yield


@pytest.mark.parametrize(("typed", "stored", "shown"), ROUND_TRIPS)
def test_a_typed_solar_hijri_date_is_stored_gregorian_and_shown_back(persian, typed, stored,
                                                                       shown):
    field = ReaderDateField()
    value = field.clean(typed)
    assert value == stored
    assert local_date(value) == shown
    assert field.widget.format_value(value) == shown


@pytest.mark.parametrize(("typed", "message"), [
    ("1404/12/30", "1404 is not a leap year: Esfand 1404 has 29 days."),
    ("1405/07/31", "Month 7 of 1405 has 30 days."),
    ("1405/13/01", "There is no month 13: a Solar Hijri year has 12 months."),
    ("1405/00/10", "There is no month 0: a Solar Hijri year has 12 months."),
    ("1405/09/00", "Month 9 of 1405 has 30 days."),
    ("15/09/1405", "Enter the date as year/month/day in the Solar Hijri calendar, e.g. "
                   "1405/09/15."),
])
def test_an_impossible_solar_hijri_date_is_refused_with_its_reason(typed, message):
    with translation.override("en"), pytest.raises(JalaliDateError) as refused:
        parse_jalali(typed)
    assert str(refused.value) == message


def test_the_form_field_reports_the_reason_to_a_persian_reader(persian):
    with pytest.raises(ValidationError) as refused:
        ReaderDateField().clean("۱۴۰۴/۱۲/۳۰")
    assert "۱۴۰۴" in refused.value.messages[0] or "1404" in refused.value.messages[0]
    assert "29" in refused.value.messages[0] or "۲۹" in refused.value.messages[0]


def test_a_gregorian_date_still_reads_in_every_language():
    for language in ("tr", "en", "fa"):
        with translation.override(language):
            assert ReaderDateField().clean("2026-12-06") == datetime.date(2026, 12, 6)


def test_other_readers_see_the_browser_date_input_and_the_day_first_date():
    with translation.override("tr"):
        html = ReaderDateField().widget.render("day", datetime.date(2026, 12, 6))
        assert 'type="date"' in html and 'value="2026-12-06"' in html
        assert local_date(datetime.date(2026, 12, 6)) == "06.12.2026"


def test_a_persian_reader_types_into_a_text_input_holding_the_solar_hijri_date(persian):
    html = ReaderDateField().widget.render("day", datetime.date(2026, 12, 6))
    assert 'type="text"' in html
    assert 'value="۱۴۰۵/۰۹/۱۵"' in html
    assert 'placeholder="۱۴۰۵/۰۹/۱۵"' in html


@pytest.mark.django_db
def test_the_field_app_schedule_form_stores_the_gregorian_day(persian, personas):
    from tests.factories import VisitFactory

    visit = VisitFactory(program=personas.program)
    form = ScheduleForm(visit, data={"scheduled_date": "۱۴۰۵/۱۲/۲۹",
                                     "agent": personas.agent1.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["scheduled_date"] == datetime.date(2027, 3, 20)
    refused = ScheduleForm(visit, data={"scheduled_date": "1405/12/30",
                                        "agent": personas.agent1.pk})
    assert not refused.is_valid()
    assert "scheduled_date" in refused.errors


@pytest.mark.parametrize(("year", "first", "last"), [
    (1404, datetime.date(2025, 3, 21), datetime.date(2026, 3, 20)),
    (1403, datetime.date(2024, 3, 20), datetime.date(2025, 3, 20)),
    (1405, datetime.date(2026, 3, 21), datetime.date(2027, 3, 20)),
])
def test_a_solar_hijri_year_as_gregorian_days(year, first, last):
    assert solar_year_range(year) == (first, last)


@pytest.mark.django_db
def test_a_solar_hijri_programme_makes_its_periods_from_solar_years(personas):
    program = personas.program
    program.calendar = Program.Calendar.SOLAR_HIJRI
    program.save(update_fields=["calendar"])
    period = ReportingPeriod.for_year(program, 1404)
    assert (period.label, period.start_date, period.end_date) == (
        "1404", datetime.date(2025, 3, 21), datetime.date(2026, 3, 20))
    period.full_clean()
    period.save()
    wrong = ReportingPeriod(program=program, label="1405", start_date=datetime.date(2026, 1, 1),
                            end_date=datetime.date(2026, 12, 31))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        wrong.full_clean()
    assert refused.value.message_dict["end_date"] == [
        "The period is labelled 1405, which runs from 21.03.2026 to 20.03.2027 in the "
        "programme's calendar; correct the dates or the label."]


@pytest.mark.django_db
def test_a_gregorian_programme_keeps_calendar_years(personas):
    period = ReportingPeriod.for_year(personas.program, 2025)
    assert (period.start_date, period.end_date) == (datetime.date(2025, 1, 1),
                                                    datetime.date(2025, 12, 31))

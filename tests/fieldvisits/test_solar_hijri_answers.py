"""A Persian reader answers a date question of the field app in the Solar Hijri calendar,
as on the rest of the site: typed 1405/09/15, stored as the Gregorian day, shown again
as ۱۴۰۵/۰۹/۱۵; an impossible day is refused with what is wrong."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fieldvisits.models import Answer, Question

pytestmark = pytest.mark.django_db


def form_url(visit):
    return reverse("field:visit_form", args=[visit.pk])


def persian_agent(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="fa")
    client.force_login(personas.agent1)
    return client


def date_block(page):
    start = page.index('id="q-follow_up"')
    return page[start:page.index("</div>", start)]


def test_a_persian_reader_gets_the_typed_solar_hijri_input(personas, scheduled_visit):
    page = persian_agent(personas).get(form_url(scheduled_visit)).content.decode()
    block = date_block(page)
    assert 'type="text"' in block and 'placeholder="۱۴۰۵/۰۹/۱۵"' in block
    assert 'type="date"' not in block


def test_a_typed_solar_hijri_date_is_stored_gregorian_and_shown_again(personas,
                                                                      scheduled_visit):
    client = persian_agent(personas)
    response = client.post(form_url(scheduled_visit),
                           {"action": "save", "follow_up": "۱۴۰۵/۰۹/۱۵"})
    assert response.status_code == 302
    answer = Answer.objects.get(visit=scheduled_visit, question__code="follow_up")
    assert answer.value_date == datetime.date(2026, 12, 6)
    shown = date_block(client.get(form_url(scheduled_visit)).content.decode())
    assert 'value="۱۴۰۵/۰۹/۱۵"' in shown


def test_the_last_day_of_a_leap_year_crosses_into_the_next_gregorian_year(personas,
                                                                          scheduled_visit):
    client = persian_agent(personas)
    client.post(form_url(scheduled_visit), {"action": "save", "follow_up": "1403/12/30"})
    answer = Answer.objects.get(visit=scheduled_visit, question__code="follow_up")
    assert answer.value_date == datetime.date(2025, 3, 20)


def test_a_stored_answer_is_shown_in_the_solar_hijri_calendar(personas, scheduled_visit,
                                                              version):
    question = Question.objects.get(section__version=version, code="follow_up")
    scheduled_visit.questionnaire_version = version
    scheduled_visit.save(update_fields=["questionnaire_version"])
    Answer.build(visit=scheduled_visit, question=question, value=datetime.date(2026, 3, 21),
                 by=personas.agent1).save()
    shown = date_block(persian_agent(personas).get(form_url(scheduled_visit)).content.decode())
    assert 'value="۱۴۰۵/۰۱/۰۱"' in shown


def test_a_draft_typed_by_another_reader_is_shown_in_the_solar_hijri_calendar(
        client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    client.post(form_url(scheduled_visit), {"action": "save", "follow_up": "2026-12-06"})
    shown = date_block(persian_agent(personas).get(form_url(scheduled_visit)).content.decode())
    assert 'value="۱۴۰۵/۰۹/۱۵"' in shown


def test_esfand_30_of_a_common_year_is_refused_with_the_reason(personas, scheduled_visit):
    response = persian_agent(personas).post(form_url(scheduled_visit),
                                            {"action": "save", "follow_up": "1404/12/30"})
    assert response.status_code == 400
    with translation.override("fa"):
        expected = translation.gettext(
            "%(year)d is not a leap year: Esfand %(year)d has 29 days.") % {"year": 1404}
    assert expected in date_block(response.content.decode())
    assert not Answer.objects.filter(visit=scheduled_visit, question__code="follow_up").exists()


def test_other_readers_keep_the_browser_date_input(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    client.post(form_url(scheduled_visit), {"action": "save", "follow_up": "2026-12-06"})
    block = date_block(client.get(form_url(scheduled_visit)).content.decode())
    assert 'type="date"' in block and 'value="2026-12-06"' in block


def test_a_date_answer_parses_the_same_in_any_language(version):
    question = Question.objects.get(section__version=version, code="follow_up")
    for language in ("tr", "en", "fa"):
        with translation.override(language):
            assert question.parse("۱۴۰۵/۰۱/۰۱") == datetime.date(2026, 3, 21)
            assert question.parse("2026-03-21") == datetime.date(2026, 3, 21)

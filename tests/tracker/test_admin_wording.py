"""The admin's words where a coordinator works: the plan's edit page offers approval, a
council decision offers a new task that starts from it, the task listing has no two
columns of the same name, counts keep the Turkish noun singular, and Wagtail's own
untranslated strings read in Turkish."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_text import visible_text
from tests.factories import PlanVersionFactory
from tracker.models import CouncilMeeting, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def turkish():
    return Client(HTTP_ACCEPT_LANGUAGE="tr")


@pytest.fixture
def decision(personas):
    meeting = CouncilMeeting.objects.create(program=personas.program,
                                            date=datetime.date(2026, 9, 15), title="Kurul")
    return Decision.objects.create(meeting=meeting, number=2, text="Çalıştaylar başlatılsın.")


def test_the_draft_plans_edit_page_offers_to_approve_it(turkish, personas):
    plan = PlanVersionFactory(program=personas.program)
    turkish.force_login(personas.coordinator)
    html = turkish.get(reverse("plan_versions:edit", args=[plan.pk])).content.decode()
    assert "Bu sürümü onayla" in html
    assert reverse("plan_versions:approve", args=[plan.pk]) in html


def test_a_council_decision_offers_a_new_task_that_starts_from_it(turkish, personas, decision):
    turkish.force_login(personas.coordinator)
    html = turkish.get(reverse("decisions:inspect", args=[decision.pk])).content.decode()
    link = f'{reverse("tasks:add")}?decision={decision.pk}'
    assert link in html and "Yeni görev" in html
    form = turkish.get(link).content.decode()
    chosen = re.search(r'<select name="decision"[^>]*>(.*?)</select>', form, re.S).group(1)
    assert f'<option value="{decision.pk}" selected>' in chosen


def test_a_new_task_ignores_a_decision_of_another_programme(turkish, personas):
    meeting = CouncilMeeting.objects.create(program=personas.other_program,
                                            date=datetime.date(2026, 9, 15), title="Kurul")
    foreign = Decision.objects.create(meeting=meeting, number=1, text="Başka program")
    turkish.force_login(personas.coordinator)
    form = turkish.get(f'{reverse("tasks:add")}?decision={foreign.pk}').content.decode()
    choices = re.search(r'<select name="decision"[^>]*>(.*?)</select>', form, re.S).group(1)
    assert f'value="{foreign.pk}"' not in choices
    assert '<option value="" selected>' in choices


def test_a_focal_point_sees_no_new_task_button_on_a_decision(turkish, personas, decision):
    turkish.force_login(personas.focal_point)
    response = turkish.get(reverse("decisions:inspect", args=[decision.pk]))
    assert "Yeni görev" not in response.content.decode()


def test_the_task_listing_names_each_column_once(turkish, personas, roadmap):
    turkish.force_login(personas.coordinator)
    html = turkish.get(reverse("tasks:index")).content.decode()
    headings = [visible_text(f"<main>{th}</main>") for th in
                re.findall(r"<th[^>]*>(.*?)</th>",
                           html.split('<table class="listing')[1].split("<tbody")[0], re.S)]
    headings = [heading for heading in headings if heading]
    assert "Son tarih" in headings and "Süre uyarısı" in headings
    assert len(headings) == len(set(headings))


def test_a_listing_counts_its_rows_with_a_singular_turkish_noun(turkish, personas):
    for day in (1, 2, 3, 4):
        CouncilMeeting.objects.create(program=personas.program,
                                      date=datetime.date(2026, 9, day), title=f"Kurul {day}")
    turkish.force_login(personas.coordinator)
    text = visible_text(turkish.get(reverse("council_meetings:index")).content.decode())
    assert "4 kurul toplantısı" in text and "4 kurul toplantıları" not in text


def test_wagtails_untranslated_javascript_strings_read_in_turkish(turkish, personas):
    turkish.force_login(personas.coordinator)
    catalogue = turkish.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "T\\u00fcm\\u00fcn\\u00fc daralt" in catalogue or "Tümünü daralt" in catalogue


def test_wagtails_document_count_reads_in_turkish(turkish, personas):
    turkish.force_login(personas.superuser)
    text = visible_text(turkish.get(reverse("wagtailadmin_home")).content.decode())
    assert "0 belge" in text and "Documents" not in text


def test_one_overdue_task_is_gecikmis_not_gecikenler(turkish, personas, roadmap, today):
    roadmap.kto_task.due_date = today - datetime.timedelta(days=2)
    roadmap.kto_task.save()
    turkish.force_login(personas.focal_point)
    text = visible_text(turkish.get(reverse("wagtailadmin_home")).content.decode())
    assert "Gecikmiş" in text and "Gecikenler" not in text
    inspect = turkish.get(reverse("tasks:inspect", args=[roadmap.kto_task.pk])).content.decode()
    assert "Gecikmiş" in visible_text(inspect)


def test_the_task_update_form_shows_no_label_for_its_hidden_state(turkish, personas, roadmap):
    turkish.force_login(personas.coordinator)
    html = turkish.get(reverse("tasks:post_update", args=[roadmap.kto_task.pk])).content.decode()
    assert 'type="hidden" name="loaded_state"' in html
    text = visible_text(html)
    assert "Loaded state" not in text and "Loaded" not in text
    assert "Neler yapıldı?" in text


def test_the_admin_names_the_site_in_the_readers_language(turkish, personas):
    turkish.force_login(personas.coordinator)
    text = visible_text(turkish.get(reverse("wagtailadmin_home")).content.decode())
    assert "İhracatta Dönüşüm Takip Sistemi" in text and "Export Transformation" not in text


def test_a_listings_header_buttons_are_labelled_in_turkish(turkish, personas):
    turkish.force_login(personas.coordinator)
    html = turkish.get(reverse("tasks:index")).content.decode()
    assert 'aria-label="İşlemler" id="w-slim-header-buttons"' in html

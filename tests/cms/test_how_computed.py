"""Every public figure is one tap from a note on how it is computed: its source, the rule
applied and the day it stands for."""

import pytest

from cms.models import HomePage, IndicatorsPage, StatisticsPage
from tests.cms.pages import url_of

pytestmark = pytest.mark.django_db


def _notes(html):
    return html.count('<details class="how-computed">')


def test_home_counters_plan_progress_and_cluster_funnel_have_a_note(anonymous, site):
    html = anonymous.get(url_of(HomePage, "en")).content.decode()
    assert _notes(html) == 2 + ('data-table="cluster-funnel"' in html)
    assert "visits submitted or approved" in html
    assert "reaches 100 %" in html


def test_each_indicator_names_its_source_and_method(anonymous, site):
    response = anonymous.get(url_of(IndicatorsPage, "tr"))
    html = response.content.decode()
    indicators = response.context["indicators"]
    assert indicators and _notes(html) == len(indicators)
    assert "Bu nasıl hesaplanıyor?" in html
    assert "kilitleyince yayımlanan" in html


def test_the_statistics_note_states_source_day_and_rule(anonymous, site):
    html = anonymous.get(url_of(StatisticsPage, "tr")).content.decode()
    note = html[html.index('id="how-computed"'):]
    note = note[:note.index("</aside>")]
    assert "onayladığı ziyaretler" in note and "Tarih itibarıyla" in note
    assert "Beşten az firmaya" in note

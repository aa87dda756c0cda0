"""Every page type renders in Turkish and English with the programme's live figures."""

import re
from html import escape

import pytest

from cms.models import (
    ActionPlanPage,
    HomePage,
    IndicatorsPage,
    StatisticsPage,
)
from fieldvisits.models import Assessment, Visit
from tests.cms.helpers import SMALL_SECTOR
from tests.cms.pages import PAGE_TYPES, page_of, url_of
from tracker.models import Action

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("page_class", PAGE_TYPES, ids=lambda cls: cls.__name__)
def test_each_page_type_renders_in_both_languages(anonymous, site, page_class, language):
    response = anonymous.get(url_of(page_class, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "None" not in re.sub(r"<[^>]+>", " ", html)


def test_home_page_figures_equal_the_database(anonymous, site, programme):
    response = anonymous.get(url_of(HomePage, "tr"))
    html = response.content.decode()
    coverage = response.context["coverage"]
    assert coverage["firms_assessed"] == Assessment.objects.filter(
        firm__program=programme.program).count() == 20
    assert coverage["visits_completed"] == Visit.objects.filter(
        program=programme.program, status__in=Visit.COMPLETED_STATUSES).count()
    assert '<dd data-figure="baseline">3.751</dd>' in html
    assert '<dd data-figure="target">3.950</dd>' in html
    assert '<span class="done">3.812</span>' in html


def test_english_home_page_writes_numbers_the_english_way(anonymous, site):
    html = anonymous.get(url_of(HomePage, "en")).content.decode()
    assert '<dd data-figure="baseline">3,751</dd>' in html
    assert '<dd data-figure="change">1.6%</dd>' not in html
    assert '<dd data-figure="change">2%</dd>' in html


def test_turkish_percentages_put_the_sign_first(anonymous, site):
    html = anonymous.get(url_of(HomePage, "tr")).content.decode()
    assert '<dd data-figure="change">%2</dd>' in html


def test_action_plan_lists_every_action_of_the_approved_plan(anonymous, site, programme):
    response = anonymous.get(url_of(ActionPlanPage, "en"))
    plan = response.context["plan"]
    assert plan["count"] == Action.objects.filter(goal__pillar__plan=programme.plan).count() == 6
    html = response.content.decode()
    for action in programme.actions:
        assert f"{action.code} {action.title}" in html


def test_action_plan_filters_by_pillar_institution_and_status(anonymous, site, programme):
    url = url_of(ActionPlanPage, "en")
    pillar = programme.actions[0].goal.pillar
    assert anonymous.get(url, {"pillar": pillar.code}).context["plan"]["count"] == 3
    lead = programme.actions[0].lead
    assert anonymous.get(url, {"institution": lead.pk}).context["plan"]["count"] == 6
    complete = anonymous.get(url, {"status": "complete"}).context["plan"]
    assert complete["count"] == 1
    assert complete["pillars"][0]["goals"][0]["actions"][0].pk == programme.actions[0].pk


def test_an_unknown_filter_value_shows_every_action(anonymous, site):
    response = anonymous.get(url_of(ActionPlanPage, "en"), {"status": "nonsense",
                                                             "institution": "x"})
    assert response.context["plan"]["count"] == 6
    assert response.context["filters"] == {"pillar": "", "institution": "", "status": ""}


def test_action_page_lists_its_steps_without_internal_notes(anonymous, site, programme):
    action = programme.actions[0]
    response = anonymous.get(url_of(ActionPlanPage, "tr", f"actions/{action.pk}/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Step of {action.code}" in html
    assert '<dd data-figure="progress">%100</dd>' in html
    assert "Internal note" not in html


def test_action_page_of_another_plan_is_not_found(anonymous, site):
    from tests.factories import ActionFactory, GoalFactory, PillarFactory, PlanVersionFactory

    other = ActionFactory(goal=GoalFactory(pillar=PillarFactory(
        plan=PlanVersionFactory())))
    assert anonymous.get(url_of(ActionPlanPage, "tr", f"actions/{other.pk}/")).status_code == 404


def test_indicators_page_publishes_locked_periods_only(anonymous, site):
    html = anonymous.get(url_of(IndicatorsPage, "tr")).content.decode()
    assert '<td class="number" data-kind="actual">3.812</td>' in html
    assert "3.990" not in html
    assert '<td class="number" data-kind="baseline">3.751</td>' in html


def test_indicators_csv_holds_the_same_numbers(anonymous, site):
    response = anonymous.get(url_of(IndicatorsPage, "en", "csv/"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert "EXP,Exports,million USD,Higher is better,Baseline,2024,3751,TİM" in text
    assert "EXP,Exports,million USD,Higher is better,Actual,2025,3812," in text
    assert "3990" not in text


def test_statistics_page_counts_equal_direct_queries(anonymous, site, programme):
    response = anonymous.get(url_of(StatisticsPage, "en"))
    sectors = response.context["tables"]["sectors"]
    big = next(row for row in sectors.rows if row["label"].startswith("31.09"))
    assert big["cells"]["assessed"].value == Assessment.objects.filter(
        firm__program=programme.program, firm__nace_code="31.09").count() == 10
    assert sectors.totals["visited"] == Visit.objects.filter(
        program=programme.program, status=Visit.Status.APPROVED).count() == 20
    assert any(row["label"].startswith(SMALL_SECTOR) for row in sectors.rows)


def test_language_switch_leads_to_the_same_action_in_the_other_language(
        anonymous, site, programme):
    action = programme.actions[1]
    tr_url = url_of(ActionPlanPage, "tr", f"actions/{action.pk}/")
    html = anonymous.get(tr_url).content.decode()
    en_url = url_of(ActionPlanPage, "en", f"actions/{action.pk}/")
    assert f'href="{en_url}" lang="en" hreflang="en"' in html


def test_language_switch_keeps_the_filters(anonymous, site):
    html = anonymous.get(url_of(ActionPlanPage, "tr"), {"status": "complete"}).content.decode()
    assert f'href="{url_of(ActionPlanPage, "en")}?status=complete"' in html


def test_news_page_about_an_action_is_listed_on_the_action_page(anonymous, site, programme):
    from cms.models import NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="en",
                                          action__isnull=False).first()
    assert news is not None
    html = anonymous.get(url_of(ActionPlanPage, "en",
                                f"actions/{news.action_id}/")).content.decode()
    assert escape(news.title) in html


def test_home_page_programme_is_the_same_in_both_trees(site):
    tr, en = page_of(HomePage, "tr"), page_of(HomePage, "en")
    assert tr.program_id == en.program_id is not None
    assert tr.headline_indicator_id == en.headline_indicator_id is not None

"""Where each page type of the demo tree lives, in both languages."""

from cms.models import (
    ActionPlanPage,
    HomePage,
    IndicatorsPage,
    NewsIndexPage,
    NewsPage,
    ReportsIndexPage,
    RoadmapPage,
    StandardPage,
    StatisticsPage,
)

PAGE_TYPES = [HomePage, RoadmapPage, ActionPlanPage, IndicatorsPage, StatisticsPage,
              NewsIndexPage, NewsPage, ReportsIndexPage, StandardPage]


def page_of(page_class, language):
    return (page_class.objects.live().filter(locale__language_code=language)
            .order_by("path").first())


def url_of(page_class, language, suffix=""):
    return page_of(page_class, language).url + suffix

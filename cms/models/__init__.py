from cms.models.directory import QUERY_MAX_LENGTH, UNCACHED_ROUTES, DirectoryPage
from cms.models.pages import (
    CONTENT_PAGE_TYPES,
    NEWS_PER_PAGE,
    PROGRAMME_PERMISSION,
    ActionPlanPage,
    BasePublicPage,
    HomePage,
    IndicatorsPage,
    LiveFiguresMixin,
    NewsIndexPage,
    NewsPage,
    PublicPage,
    ReportsIndexPage,
    RoadmapPage,
    RoutablePublicPage,
    StandardPage,
    StatisticsPage,
    cluster_funnel,
    latest_report,
)
from cms.models.search import SearchEntry
from cms.models.zones import ZonesPage

__all__ = [
    "CONTENT_PAGE_TYPES", "NEWS_PER_PAGE", "PROGRAMME_PERMISSION", "QUERY_MAX_LENGTH",
    "UNCACHED_ROUTES", "ActionPlanPage", "BasePublicPage", "DirectoryPage", "HomePage",
    "IndicatorsPage", "LiveFiguresMixin", "NewsIndexPage", "NewsPage", "PublicPage",
    "ReportsIndexPage", "RoadmapPage", "RoutablePublicPage", "SearchEntry", "StandardPage",
    "StatisticsPage", "ZonesPage",
    "cluster_funnel", "latest_report",
]

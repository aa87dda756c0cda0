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

__all__ = [
    "CONTENT_PAGE_TYPES", "NEWS_PER_PAGE", "PROGRAMME_PERMISSION", "QUERY_MAX_LENGTH",
    "UNCACHED_ROUTES", "ActionPlanPage", "BasePublicPage", "DirectoryPage", "HomePage",
    "IndicatorsPage", "LiveFiguresMixin", "NewsIndexPage", "NewsPage", "PublicPage",
    "ReportsIndexPage", "RoadmapPage", "RoutablePublicPage", "StandardPage", "StatisticsPage",
    "cluster_funnel", "latest_report",
]

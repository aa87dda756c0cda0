from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.menus import QueriedMenuItem
from portfolio.admin_views import PortfolioPanel, PortfolioReportView
from portfolio.queries import portfolio_programs


@hooks.register("register_admin_urls")
def register_portfolio_urls():
    return [
        path("portfolio/", PortfolioReportView.as_view(), name="portfolio_report"),
        path("portfolio/results/", PortfolioReportView.as_view(results_only=True),
             name="portfolio_report_results"),
    ]


class PortfolioMenuItem(QueriedMenuItem):
    def shown_for(self, request):
        return portfolio_programs(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_portfolio_menu_item():
    return PortfolioMenuItem(_("Programme portfolio"), reverse("portfolio_report"),
                             name="portfolio", icon_name="table", order=100)


@hooks.register("construct_homepage_panels")
def add_portfolio_panel(request, panels):
    panels[:0] = PortfolioPanel.for_request(request)


@hooks.register("insert_global_admin_css")
def portfolio_admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("portfolio/portfolio.css"))

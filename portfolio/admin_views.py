"""The portfolio in the admin: the national coordinator's dashboard panel and the
portfolio listing with its spreadsheet export."""

from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView

from clusters.models import FUNNEL_STAGES, Cluster
from portfolio import formats
from portfolio.queries import portfolio, portfolio_programs
from tracker.models import is_national_coordinator


class PortfolioPanel(Component):
    """Every programme side by side on the national coordinator's dashboard."""

    name = "portfolio"
    order = 10
    template_name = "portfolio/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    @classmethod
    def for_request(cls, request):
        return [cls(request.user)] if is_national_coordinator(request.user) else []

    def get_context_data(self, parent_context=None):
        return portfolio(self.user)


def _indicator_text(row):
    indicator = row["indicator"]
    return _("%(code)s %(name)s: baseline %(baseline)s, actual %(actual)s, target "
             "%(target)s %(unit)s") % {
        "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
        "baseline": formats.number(row["baseline"]), "actual": formats.number(row["actual"]),
        "target": formats.number(row["target"])}


def export_row(row):
    """A portfolio row as the cells of its spreadsheet line: labels, not codes; counts as
    numbers, shares as Turkish percentages."""
    phase = row.phase
    return {
        "province": row.province,
        "programme": row.program.name,
        "phase": phase["phase"].name if phase else "",
        "phase_status": str(phase["status"].label) if phase else "",
        "phase_reason": str(phase["reason"]) if phase else "",
        "firms_assessed": row.firms_assessed,
        "firms_target": row.firms_target,
        "firms_share": formats.percent(row.firms_share),
        "visits_completed": row.visits_completed,
        "visits_target": row.visits_target,
        "visits_share": formats.percent(row.visits_share),
        "indicators_on_target": row.indicators_on_target,
        "indicators_judged": row.indicators_judged,
        "indicators": "; ".join(_indicator_text(indicator) for indicator in row.indicators),
        "overdue_total": row.overdue_total,
        "overdue_by_institution": ", ".join(
            f"{item['institution']} {formats.number(item['overdue'])}" for item in row.overdue),
        "support_amount": row.support_amount if row.support_amount is not None else "",
        "currency": row.program.currency,
        **{f"stage_{stage}": count for stage, _label, count in row.stage_cells},
        **{f"reached_{stage.stage}": stage.reached for stage in row.funnel},
        "country": row.program.get_country_display(),
    }


def _cluster_headings():
    now = {f"stage_{stage}": format_lazy(gettext_lazy("Clusters now: {stage}"), stage=label)
           for stage, label in Cluster.Stage.choices}
    reached = {f"reached_{stage.value}": format_lazy(
        gettext_lazy("Clusters that reached: {stage}"), stage=stage.label)
        for stage in FUNNEL_STAGES}
    return {**now, **reached}


class PortfolioReportView(ReportView):
    """One line per programme the user may read, exportable to CSV and XLSX."""

    page_title = gettext_lazy("Programme portfolio")
    header_icon = "table"
    index_url_name = "portfolio_report"
    index_results_url_name = "portfolio_report_results"
    results_template_name = "portfolio/report_results.html"
    paginate_by = None
    export_headings = {
        "province": pgettext_lazy("portfolio", "Province"),
        "programme": gettext_lazy("Programme"),
        "phase": gettext_lazy("Current phase"),
        "phase_status": gettext_lazy("Phase status"),
        "phase_reason": gettext_lazy("Reason"),
        "firms_assessed": gettext_lazy("Firms assessed"),
        "firms_target": gettext_lazy("Target: firms assessed"),
        "firms_share": gettext_lazy("Firms assessed (%)"),
        "visits_completed": gettext_lazy("Visits completed"),
        "visits_target": gettext_lazy("Target: on-site visits"),
        "visits_share": gettext_lazy("Visits completed (%)"),
        "indicators_on_target": gettext_lazy("Indicators on target"),
        "indicators_judged": gettext_lazy("Indicators with a value and a target"),
        "indicators": gettext_lazy("Indicators against baseline and target"),
        "overdue_total": gettext_lazy("Overdue tasks"),
        "overdue_by_institution": gettext_lazy("Overdue tasks by institution"),
        # The amount in the programme's own currency: a column of mixed currencies is
        # never summed, so the code stands beside each amount.
        "support_amount": gettext_lazy("Support delivered"),
        "currency": gettext_lazy("currency"),
        **_cluster_headings(),
        # Last, so the columns before it keep their places in existing spreadsheets.
        "country": gettext_lazy("Country"),
    }
    list_export = list(export_headings)

    def dispatch(self, request, *args, **kwargs):
        if not portfolio_programs(request.user).exists():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def figures(self):
        return portfolio(self.request.user)

    def get_queryset(self):
        return self.figures["rows"]

    def to_row_dict(self, item):
        return export_row(item)

    def write_csv_response(self, queryset):
        # Written while the view's language is active: a streamed body would be written
        # after the admin's language is given back. A portfolio is a few dozen lines.
        response = super().write_csv_response(queryset)
        response.streaming_content = list(response.streaming_content)
        return response

    def get_filename(self):
        return f"portfolio-{self.figures['today']:%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(self.figures)
        return context

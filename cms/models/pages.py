"""Page types of the public programme site.

Every page reads its programme from the home page at the top of its language tree; a
coordinator sets it there once (editors do not see the field). The figures are read
live at request time through ``cms.queries`` and ``fieldvisits.public`` and cached for
anonymous readers (``cms.cache``).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from clusters.public import public_funnel
from cms import queries
from cms.blocks import body_blocks
from cms.cache import NATIONAL_CLUSTERS_SCOPE, CachedPageMixin
from cms.charts import indicator_chart
from cms.csv_exports import (
    indicator_headers,
    indicator_rows,
    statistics_headers,
    statistics_rows,
)
from cms.open_data import dataset, downloads, json_ld
from core.importing.spreadsheets import public_csv_response
from fieldvisits.public import field_study_statistics
from reports.public import published_reports

PROGRAMME_PERMISSION = "tracker.change_program"
CONTENT_PAGE_TYPES = [
    "cms.RoadmapPage", "cms.ActionPlanPage", "cms.IndicatorsPage", "cms.StatisticsPage",
    "cms.NewsIndexPage", "cms.ReportsIndexPage", "cms.StandardPage", "cms.DirectoryPage",
    "cms.ZonesPage",
]
NEWS_PER_PAGE = 10


class BasePublicPage(Page):
    """Common ground of the public pages: the programme they read."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    @cached_property
    def home(self):
        if isinstance(self, HomePage):
            return self
        return HomePage.objects.ancestor_of(self).select_related(
            "program", "headline_indicator").first()

    @property
    def program(self):
        home = self.home
        return home.program if home else None

    def csv_response(self, filename, headers, rows):
        """A download in the dialect of the page's language, named in that language."""
        return public_csv_response(headers, rows, f"{slugify(filename, allow_unicode=True)}.csv",
                                   self.locale.language_code)


class PublicPage(CachedPageMixin, BasePublicPage):
    """A public page, cached for anonymous readers."""

    class Meta:
        abstract = True


class RoutablePublicPage(CachedPageMixin, RoutablePageMixin, BasePublicPage):
    """A public page with sub-routes (an action's page, a CSV), each cached for
    anonymous readers: the cache wraps the routing, so every route goes through it."""

    class Meta:
        abstract = True


def cluster_funnel(program):
    """The cluster funnel of ``program``'s country beside its province's, stage by stage,
    each with its share of the clusters identified (for the bars); empty while no cluster
    exists in that country."""
    province = program.province
    figures = public_funnel(program.country)
    national = figures["national"]
    if not national or not national[0].reached:
        return []
    own = dict(figures["provinces"]).get(province, [])
    own_identified = own[0].reached if own else 0
    rows = []
    for position, stage in enumerate(national):
        reached = own[position].reached if own else 0
        rows.append({
            "stage": stage.stage, "label": stage.label,
            "national": stage.reached,
            "national_share": round(100 * stage.reached / national[0].reached),
            "province": reached,
            "province_share": round(100 * reached / own_identified) if own_identified else 0,
        })
    return rows


class HomePage(PublicPage):
    """The programme's public front page; its figures are read live at request time."""

    program = models.ForeignKey(
        "tracker.Program", verbose_name=_("programme"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
        help_text=_("Set once by a coordinator; every page of this site reads from it."),
    )
    headline_indicator = models.ForeignKey(
        "tracker.Indicator", verbose_name=_("headline indicator"), on_delete=models.SET_NULL,
        related_name="+", null=True, blank=True,
        help_text=_("The indicator shown against its baseline and this year's target, "
                    "usually exports."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("program", permission=PROGRAMME_PERMISSION),
        FieldPanel("headline_indicator", permission=PROGRAMME_PERMISSION),
        FieldPanel("intro"),
    ]

    template = "cms/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = CONTENT_PAGE_TYPES

    class Meta:
        verbose_name = _("home page")

    def cache_scopes(self):
        # The national cluster funnel stands beside the programme's own.
        return [*super().cache_scopes(), NATIONAL_CLUSTERS_SCOPE]

    def clean(self):
        super().clean()
        if (self.headline_indicator_id and self.program_id
                and self.headline_indicator.program_id != self.program_id):
            raise ValidationError({"headline_indicator": _(
                "The indicator belongs to another programme.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Both language trees read the same programme, whichever one it was set on.
        HomePage.objects.filter(translation_key=self.translation_key).exclude(
            pk=self.pk).update(program=self.program, headline_indicator=self.headline_indicator)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.program_id is None:
            return context
        figures = queries.headline(self.program, self.headline_indicator)
        plan = queries.current_plan(self.program)
        context.update(
            coverage=figures["coverage"],
            headline=figures["indicator"],
            phases=queries.phases_with_status(self.program),
            action_counts=queries.action_counts(plan),
            action_statuses=queries.ActionStatus,
            latest_report=latest_report(published_reports(self.program), self.locale),
            latest_news=NewsPage.objects.live().public().descendant_of(self)
            .filter(locale_id=self.locale_id).order_by("-date", "-pk")[:3],
            sections=self.get_children().live().public().in_menu().specific(),
            cluster_funnel=cluster_funnel(self.program),
            province=self.program.province,
            country=self.program.get_country_display(),
        )
        return context


class RoadmapPage(PublicPage):
    template = "cms/roadmap_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("roadmap page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phases"] = queries.roadmap(self.program) if self.program else []
        return context


class ActionPlanPage(RoutablePublicPage):
    """Pillars → goals → actions of the approved plan, with filters, and one page per
    action (``actions/<id>/``) listing its steps and the news about it."""

    template = "cms/action_plan_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("action plan page")

    @path("")
    def action_list(self, request):
        filters = {
            "pillar": request.GET.get("pillar", "").strip()[:10],
            "institution": request.GET.get("institution", "").strip(),
            "status": request.GET.get("status", "").strip(),
        }
        if filters["status"] not in queries.ActionStatus.values:
            filters["status"] = ""
        if not filters["institution"].isdigit():
            filters["institution"] = ""
        plan = (queries.action_plan(self.program, **{k: v or None for k, v in filters.items()})
                if self.program else None)
        return self.render(request, context_overrides={
            "plan": plan, "filters": filters, "statuses": queries.ActionStatus.choices,
            "filtered": any(filters.values()),
        })

    @path("actions/<int:pk>/")
    def action_detail(self, request, pk):
        found = queries.public_action(self.program, pk) if self.program else None
        if found is None:
            raise Http404(gettext("No such action in the current plan."))
        news = (NewsPage.objects.live().public().filter(action_id=pk, locale_id=self.locale_id)
                .order_by("-date", "-pk"))
        return self.render(request, template="cms/action_page.html", context_overrides={
            **found, "news": news, "statuses": dict(queries.ActionStatus.choices),
        })


class IndicatorsPage(RoutablePublicPage):
    """Programme indicators: baseline, yearly targets, actuals of locked periods, as a
    chart, the same numbers as a table, and a CSV download (``indicators.csv``)."""

    template = "cms/indicators_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("indicators page")

    @path("")
    def indicator_list(self, request):
        indicators = queries.public_indicators(self.program) if self.program else []
        return self.render(request, context_overrides={
            "indicators": [(indicator, indicator_chart(indicator)) for indicator in indicators],
            "dataset_json_ld": (json_ld(dataset(self, request, "indicators"))
                                if self.program else None),
        })

    @path("csv/")
    def indicator_csv(self, request):
        indicators = queries.public_indicators(self.program) if self.program else []
        return self.csv_response(gettext("indicators"), indicator_headers(),
                                 indicator_rows(indicators))


class StatisticsPage(RoutablePublicPage):
    """Field-study statistics under disclosure control, with a CSV download."""

    template = "cms/statistics_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("field study statistics page")

    @path("")
    def statistics(self, request):
        tables = field_study_statistics(self.program) if self.program else None
        return self.render(request, context_overrides={
            "tables": tables,
            "dataset_json_ld": (json_ld(dataset(self, request, "statistics"))
                                if self.program else None),
            "downloads": downloads(self, request, "statistics") if self.program else [],
        })

    @path("csv/")
    def statistics_csv(self, request):
        tables = field_study_statistics(self.program) if self.program else None
        return self.csv_response(gettext("field study statistics"), statistics_headers(),
                                 statistics_rows(tables, timezone.localdate()))


class NewsIndexPage(PublicPage):
    template = "cms/news_index_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (NewsPage.objects.child_of(self).live().public()
                .select_related("listing_image").order_by("-date", "-pk"))
        context["news"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


def latest_report(reports, locale):
    """The report a reader of ``locale``'s tree sees first: of the newest period, the
    edition in the page's language if there is one. ``reports`` come newest period
    first (``reports.public.published_reports``)."""
    if not reports:
        return None
    newest = [report for report in reports if report["period"] == reports[0]["period"]]
    in_language = [report for report in newest if report["language"] == locale.language_code]
    return (in_language or newest)[0]


class ReportsIndexPage(PublicPage):
    """The reports a coordinator published, by reporting period, each with its issue
    date, file size, page count and public download."""

    template = "cms/reports_index_page.html"
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("reports page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = published_reports(self.program) if self.program else []
        # Within a period, the edition in the page's language comes first.
        periods = {}
        for report in reports:
            periods.setdefault(report["period"], len(periods))
        language = self.locale.language_code
        context["reports"] = sorted(reports, key=lambda report: (
            periods[report["period"]], report["language"] != language))
        return context


class LiveFiguresMixin:
    """Pages whose body may hold live figures read them only when it does."""

    def live_figures(self):
        if not any(block.block_type == "figure" for block in self.body):
            return {}
        program = self.program
        if program is None:
            return {}
        figures = queries.headline(program, self.home.headline_indicator)
        counts = queries.action_counts(queries.current_plan(program))
        return {"coverage": figures["coverage"], "headline": figures["indicator"],
                "actions_complete": counts.get(queries.ActionStatus.COMPLETE, 0)}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["live_figures"] = self.live_figures()
        return context


class NewsPage(LiveFiguresMixin, PublicPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.CharField(
        _("summary"), max_length=300,
        help_text=_("One or two sentences for the news list and for link previews."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    listing_image_alt = models.CharField(_("image's alternative text"), max_length=250,
                                         blank=True)
    action = models.ForeignKey(
        "tracker.Action", verbose_name=_("action"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
        help_text=_("The action-plan action this news reports on; it is listed on the "
                    "action's page as a public update."),
    )
    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)

    search_fields = PublicPage.search_fields + [
        index.SearchField("summary"), index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("summary"), FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"), FieldPanel("action"), FieldPanel("body"),
    ]

    template = "cms/news_page.html"
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.listing_image_id and not self.listing_image_alt.strip():
            errors["listing_image_alt"] = _("Describe the image for readers who cannot see it.")
        if self.action_id:
            program = self.program if self.pk else None
            if program is not None and self.action.plan.program_id != program.pk:
                errors["action"] = _("The action belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class StandardPage(LiveFiguresMixin, PublicPage):
    """About, council and institutions, contact: text in blocks."""

    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)

    search_fields = PublicPage.search_fields + [index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    template = "cms/standard_page.html"
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


"""The public, read-only open-data API: indicators and field-study statistics of every
programme with a public site, as JSON (described by OpenAPI at ``/api/v1/openapi.json``),
SDMX-CSV for statistics offices, and a DCAT catalogue of the downloads.

Every figure comes from the same functions as the public pages (``cms.queries`` and
``fieldvisits.public``), so the API prints the page's figures: the statistics are
projections of the protected tables, and a hidden cell is ``null`` with the SDMX
confidentiality flag ``conf_status`` = ``"C"`` whatever the reason. Responses carry the
as-of day and the latest locked reporting period, are cached like the public pages
(``CMS_PAGE_CACHE_SECONDS``), and each client may make ``PUBLIC_API_RATE`` requests
(default 60 a minute) before it is answered 429.
"""

import datetime
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from ninja import NinjaAPI, Schema
from ninja.throttling import AnonRateThrottle

from cms.cache import SITE_SCOPE, current_versions, program_scope
from cms.csv_exports import CONFIDENTIAL, FREE, table_titles
from cms.models import HomePage, IndicatorsPage, StatisticsPage
from cms.open_data import catalogue
from cms.queries import public_indicators
from core.importing.spreadsheets import content_disposition
from fieldvisits.public import field_study_statistics
from tracker.models import Program, ReportingPeriod

RULE = ("Cells resting on fewer than 5 firms, or where one firm makes more than 60 % "
        "(two firms more than 90 %) of the figure, are hidden, with further cells so that "
        "no hidden cell can be worked out from the published ones, across every table, "
        "download and period.")
LANGUAGES = ("tr", "en")

api = NinjaAPI(
    title="Export Transformation Tracker — open data",
    version="1",
    description="Read-only indicators and field-study statistics of the public programmes. "
                + RULE,
    urls_namespace="public_api",
    throttle=[AnonRateThrottle(getattr(settings, "PUBLIC_API_RATE", "60/m"))],
)


class Stamp(Schema):
    programme: str
    programme_name: str
    as_of: datetime.date
    period: str | None
    language: str


class Observation(Schema):
    group: str
    group_label: str
    measure: str
    measure_label: str
    value: float | None
    conf_status: str


class StatisticsTable(Schema):
    table: str
    title: str
    observations: list[Observation]


class Statistics(Stamp):
    rule: str
    method: str
    tables: list[StatisticsTable]


class IndicatorFigure(Schema):
    kind: str
    period: str
    value: float | None
    source: str


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    direction: str
    figures: list[IndicatorFigure]


class Indicators(Stamp):
    method: str
    indicators: list[IndicatorOut]


class ProgrammeOut(Schema):
    slug: str
    name: str
    province: str
    indicators: str
    statistics: str
    statistics_sdmx: str


def public_programmes():
    """Programmes that have a public site (a home page with the programme set)."""
    ids = HomePage.objects.live().public().exclude(program=None).values("program")
    return Program.objects.filter(pk__in=ids).order_by("name_tr")


def _programme(slug):
    program = public_programmes().filter(slug=slug).first()
    if program is None:
        raise Http404("No public programme with this slug.")
    return program


def _language(lang):
    return lang if lang in LANGUAGES else "en"


def _latest_period(program):
    period = (ReportingPeriod.objects.filter(program=program, locked_at__isnull=False)
              .order_by("-end_date").first())
    return period.label if period else None


def _stamp(program, lang):
    return {"programme": program.slug, "programme_name": program.name,
            "as_of": timezone.localdate(), "period": _latest_period(program),
            "language": lang}


def _cached(name, program, lang, compute):
    versions = current_versions([program_scope(program.pk), SITE_SCOPE])
    version = "-".join(versions[key] for key in sorted(versions))
    key = f"api:{name}:{program.pk}:{lang}:{version}:{timezone.localdate()}"
    payload = cache.get(key)
    if payload is None:
        with translation.override(lang):
            payload = compute()
        cache.set(key, payload, settings.CMS_PAGE_CACHE_SECONDS)
    return payload


def statistics_payload(program, lang):
    """The statistics page's tables as observations: one per printed figure and total."""
    def compute():
        tables = field_study_statistics(program)
        result = []
        for name, title in table_titles().items():
            table = tables[name]
            observations = []
            for row in table.rows:
                for key, label in table.columns:
                    cell = row["cells"][key]
                    observations.append(_observation(row["code"], row["label"], key, label,
                                                     None if cell.hidden else cell.value))
            for key, label in table.columns:
                if key in table.totals:
                    observations.append(_observation("_T", translation.gettext("Total"), key,
                                                     label, table.totals[key]))
            result.append({"table": name, "title": title, "observations": observations})
        return {**_stamp(program, lang), "rule": RULE,
                "method": translation.gettext(
                    "Firms assessed and visited (completed visits), desk-assessment scores, "
                    "and the findings and workforce needs of visits a supervisor approved."),
                "tables": result}
    return _cached("statistics", program, lang, compute)


def _observation(group, group_label, measure, measure_label, value):
    return {"group": str(group), "group_label": str(group_label), "measure": str(measure),
            "measure_label": str(measure_label),
            "value": None if value is None else float(value),
            "conf_status": CONFIDENTIAL if value is None else FREE}


def indicators_payload(program, lang):
    def compute():
        indicators = []
        for indicator in public_indicators(program):
            figures = [{"kind": "baseline", "period": str(indicator.baseline_year),
                        "value": float(indicator.baseline_value),
                        "source": indicator.baseline_source}]
            figures += [{"kind": "target", "period": str(target.year),
                         "value": float(target.value), "source": ""}
                        for target in indicator.year_targets]
            figures += [{"kind": "actual", "period": value.period.label,
                         "value": float(value.value), "source": value.source}
                        for value in indicator.locked_values]
            indicators.append({"code": indicator.code, "name": indicator.name,
                               "unit": indicator.unit, "direction": indicator.direction,
                               "figures": figures})
        return {**_stamp(program, lang),
                "method": translation.gettext(
                    "Baselines and targets set in the action plan; actual values of reporting "
                    "periods a coordinator has locked, each with its source."),
                "indicators": indicators}
    return _cached("indicators", program, lang, compute)


@api.get("/programmes", response=list[ProgrammeOut], summary="Programmes with a public site")
def programmes(request):
    return [{"slug": program.slug, "name": program.name, "province": program.province,
             "indicators": reverse("public_api:indicators", args=[program.slug]),
             "statistics": reverse("public_api:statistics", args=[program.slug]),
             "statistics_sdmx": reverse("public_api:statistics_sdmx", args=[program.slug])}
            for program in public_programmes()]


@api.get("/programmes/{slug}/indicators", response=Indicators, url_name="indicators",
         summary="Indicators: baseline, yearly targets and locked actual values")
def indicators(request, slug: str, lang: str = "en"):
    return indicators_payload(_programme(slug), _language(lang))


@api.get("/programmes/{slug}/statistics", response=Statistics, url_name="statistics",
         summary="Field-study statistics under disclosure control")
def statistics(request, slug: str, lang: str = "en"):
    return statistics_payload(_programme(slug), _language(lang))


@api.get("/catalogue", summary="DCAT catalogue (JSON-LD) of the downloads")
def dcat_catalogue(request):
    pages = [(page, kind) for model, kind in ((StatisticsPage, "statistics"),
                                              (IndicatorsPage, "indicators"))
             for page in model.objects.live().public().select_related("locale")]
    return JsonLdResponse(catalogue(request, pages))


class JsonLdResponse(HttpResponse):
    def __init__(self, data):
        super().__init__(json.dumps(data, ensure_ascii=False),
                         content_type="application/ld+json; charset=utf-8")


SDMX_COLUMNS = ["DATAFLOW", "TABLE", "GROUP", "MEASURE", "TIME_PERIOD", "OBS_VALUE",
                "CONF_STATUS"]


@api.get("/programmes/{slug}/statistics/sdmx.csv", url_name="statistics_sdmx",
         summary="Field-study statistics as SDMX-CSV (confidential cells flagged C)")
def statistics_sdmx(request, slug: str):
    """SDMX-CSV (version 1 layout, written by hand): one row per observation, the
    dataflow ``TRACKER:FIELD_STUDY_<PROGRAMME>(1.0)``, codes rather than labels, and
    ``CONF_STATUS`` = ``C`` with an empty ``OBS_VALUE`` for a hidden cell."""
    program = _programme(slug)
    payload = statistics_payload(program, "en")
    flow = f"TRACKER:FIELD_STUDY_{program.slug.upper().replace('-', '_')}(1.0)"
    lines = [",".join(SDMX_COLUMNS)]
    for table in payload["tables"]:
        for observation in table["observations"]:
            value = observation["value"]
            lines.append(",".join(_sdmx_text(part) for part in (
                flow, table["table"].upper(), observation["group"], observation["measure"],
                payload["as_of"].isoformat(),
                "" if value is None else format(value, "g"), observation["conf_status"])))
    response = HttpResponse("\r\n".join(lines) + "\r\n",
                            content_type="application/vnd.sdmx.data+csv; version=1.0.0")
    response["Content-Disposition"] = content_disposition(f"{program.slug}-sdmx.csv")
    return response


def _sdmx_text(value):
    text = str(value)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\n') else text

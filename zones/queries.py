"""Reads of the zones and the career portal: candidates ranked for a vacancy, and the
placement figures as of a day. Every figure is computed in the database."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fieldvisits.disclosure import Protected
from fieldvisits.models import Firm
from fieldvisits.published import MeasureSource, measure_cells, protected_measure
from tracker.models import Institution, institutions_for
from zones.models import Candidacy, JobSeeker, Vacancy, Zone, zones_for

# Weights of the ranking: the occupation asked for counts most, then each certificate the
# firm asks for, then the district (a short commute), then a neighbouring occupation.
OCCUPATION_WEIGHT = 10
CERTIFICATE_WEIGHT = 4
DISTRICT_WEIGHT = 3
RELATED_OCCUPATION_WEIGHT = 2


def rank_candidates(vacancy, limit=50):
    """Verified, active job seekers of the vacancy's programme not yet proposed for it,
    best first, each annotated with ``score`` and the parts it is made of."""
    occupation = vacancy.occupation
    through = JobSeeker.occupations.through
    certificates = [part.strip() for part in vacancy.certificates_wanted.split(",")
                    if part.strip()]
    certificate_score = sum(
        (Case(When(certificates__icontains=name, then=Value(1)), default=Value(0),
              output_field=IntegerField()) for name in certificates),
        Value(0, output_field=IntegerField()))
    return (
        JobSeeker.objects.active()
        .filter(program=vacancy.zone.program_id, email_verified_at__isnull=False)
        .exclude(candidacies__vacancy=vacancy)
        .annotate(
            occupation_match=Exists(through.objects.filter(
                jobseeker=OuterRef("pk"), occupation=occupation)),
            related_match=Exists(through.objects.filter(
                jobseeker=OuterRef("pk"), occupation__parent=occupation.parent_id)),
            certificates_matched=certificate_score,
            district_match=Case(When(district=vacancy.firm.district, then=Value(1)),
                                default=Value(0), output_field=IntegerField()),
        )
        .annotate(score=(
            Case(When(occupation_match=True, then=Value(OCCUPATION_WEIGHT)), default=Value(0))
            + Case(When(related_match=True, then=Value(RELATED_OCCUPATION_WEIGHT)),
                   default=Value(0))
            + F("certificates_matched") * CERTIFICATE_WEIGHT
            + F("district_match") * DISTRICT_WEIGHT))
        .filter(Q(occupation_match=True) | Q(related_match=True))
        .order_by("-score", "-experience_years", "pk")[:limit]
    )


def _end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@dataclass
class PlacementFigures:
    as_of: datetime.date
    placements: int
    by_month: list
    by_occupation: list
    by_zone: list
    vacancies_open: int
    vacancies_filled: int
    average_days_to_fill: float | None


def placement_figures(*, programs=None, zones=None, as_of=None):
    """Placements (hires) and vacancies of ``programs`` or ``zones`` as they stood at the
    end of ``as_of`` (default today): hires decided by then, vacancies opened by then and
    filled by then or still open."""
    as_of = as_of or timezone.localdate()
    end = _end_of(as_of)
    vacancies = Vacancy.objects.all()
    if zones is not None:
        vacancies = vacancies.filter(zone__in=zones)
    if programs is not None:
        vacancies = vacancies.filter(zone__program__in=programs)
    hires = Candidacy.objects.filter(vacancy__in=vacancies, status=Candidacy.Status.HIRED,
                                     decided_at__lte=end).order_by()
    by_month = list(hires.annotate(month=TruncMonth("decided_at")).values("month")
                    .annotate(placements=Count("pk")).order_by("month"))
    by_occupation = list(hires.values("vacancy__occupation__code",
                                      "vacancy__occupation__label_tr",
                                      "vacancy__occupation__label_en")
                         .annotate(placements=Count("pk"),
                                   firms=Count("vacancy__firm", distinct=True))
                         .order_by("-placements", "vacancy__occupation__code"))
    by_zone = list(hires.values("vacancy__zone").annotate(placements=Count("pk"))
                   .order_by("vacancy__zone__name_tr"))
    opened = vacancies.filter(opened_at__lte=end)
    counts = opened.aggregate(
        filled=Count("pk", filter=Q(filled_at__lte=end)),
        open=Count("pk", filter=Q(filled_at__isnull=True) | Q(filled_at__gt=end)))
    time_to_fill = hires.aggregate(average=Avg(ExpressionWrapper(
        F("decided_at") - F("vacancy__opened_at"), output_field=DurationField())))["average"]
    return PlacementFigures(
        as_of=as_of, placements=hires.count(), by_month=by_month,
        by_occupation=by_occupation, by_zone=by_zone,
        vacancies_open=counts["open"], vacancies_filled=counts["filled"],
        average_days_to_fill=(round(time_to_fill.total_seconds() / 86400, 1)
                              if time_to_fill is not None else None))


@dataclass
class ZoneFigure:
    """One of a zone's own figures as published: the value (``None`` when the disclosure
    rule hides it), and where it comes from — the zone management's report, or the records
    of ``firms`` firms of the zone."""

    name: str
    value: object
    source: str
    firms: int = 0

    @property
    def hidden(self):
        return self.value is None

    @property
    def label(self):
        return ZONE_FIGURES[self.name]

    @property
    def percent(self):
        return self.name in AVERAGED


# The zone's figures in the order shown; "average" ones are means of the firms' own
# percentages, the others sums (or, for "firms", a count).
ZONE_FIGURES = {
    "firms": _("Firms"),
    "employees": _("Employees"),
    "exports_usd": _("Yearly exports (USD)"),
    "capacity_use_pct": _("Capacity use"),
    "export_share_pct": _("Exports as share of turnover"),
    "import_share_pct": _("Imports as share of turnover"),
}
AVERAGED = {"capacity_use_pct": "capacity_utilisation_pct",
            "export_share_pct": "export_share_pct", "import_share_pct": "import_share_pct"}
SOURCE_ZONE = "zone"
SOURCE_FIRMS = "firms"


# The zone figures computed from the firms' records: one measure per figure over the
# programme's zones (``zone:<figure>``), a sum of the firms' values or, for the firms and
# the averaged percentages, a count of the firms behind it. No total over the zones is
# published, so the measures have no margin.
FIGURE_COLUMNS = {"firms": None, "employees": "employees", "exports_usd": "export_value_usd",
                  **AVERAGED}
SUMMED = ("employees", "exports_usd")
FIGURE_COLUMNS_READ = [column for column in FIGURE_COLUMNS.values() if column]
ZONE_DIMENSION = "zone_row__zone"
ZONE_GROUPINGS = [(0,)]


def _figure_source(name):
    return MeasureSource(name=f"zone:{name}", dimensions=(ZONE_DIMENSION,), rows=None,
                         firm="pk", amount=FIGURE_COLUMNS[name] if name in SUMMED else None)


def protected_zone_figures(program, as_of=None):
    """Every zone's computed figures of ``program``, protected together under the
    programme's carried disclosure pattern (``fieldvisits.published.protected_measure``):
    ``{key: Protected}``, a key ``("zone:<figure>", zone id)``; a hidden figure stays
    hidden on every later day, so two days' pages cannot be differenced. The value of an
    averaged figure is the number of firms that reported it (its average is read beside
    it). About a dozen queries, however many zones, when not cached (computed once per
    day and change of the zone's firms' rows)."""
    firms = Firm.objects.filter(program=program, zone_row__isnull=False)
    return protected_measure(
        *_figure_measures(program), program=program, as_of=as_of or timezone.localdate(),
        groupings=ZONE_GROUPINGS, table="zone-figures",
        source_rows=[firms.values_list("pk", ZONE_DIMENSION, *FIGURE_COLUMNS_READ)])


def zone_figure_cells(program):
    """The raw cells of the zone figures of ``program``, before protection (the audit)."""
    cells = {}
    for source, rows in _figure_measures(program):
        cells.update(measure_cells(source, rows, groupings=ZONE_GROUPINGS)[0])
    return cells


def _figure_measures(program):
    firms = Firm.objects.filter(program=program, zone_row__isnull=False)
    return [(_figure_source(name),
             firms if column is None else firms.filter(**{f"{column}__isnull": False}))
            for name, column in FIGURE_COLUMNS.items()]


def computed_zone_figures(zone, as_of=None):
    """The zone's figures computed from its firms' records, drawn from the programme's
    protected zone figures (:func:`protected_zone_figures`): ``{name: Protected}``. A
    figure no firm has data for is left out."""
    cells = protected_zone_figures(zone.program, as_of)
    averages = Firm.objects.filter(zone_row__zone=zone).aggregate(
        **{name: Avg(column) for name, column in AVERAGED.items()})
    figures = {}
    for name in FIGURE_COLUMNS:
        cell = cells.get((f"zone:{name}", str(zone.pk)))
        if cell is None or not cell.firms:
            continue
        if name in AVERAGED and not cell.hidden:
            cell = Protected(round(averages[name] or 0), cell.firms, cell.reason)
        figures[name] = cell
    return figures


def zone_figures(zone, as_of=None):
    """The zone's published figures on ``as_of`` (today) in order, each with its source:
    the value the zone management entered where the zone states its figures itself and
    entered one, else the value computed from the firms' records (hidden under the
    disclosure rule when too few firms, or one or two, are behind it, and on every day
    after one it was hidden on)."""
    computed = computed_zone_figures(zone, as_of)
    figures = []
    for name in ZONE_FIGURES:
        reported = getattr(zone, f"reported_{name}")
        if zone.figures_source == Zone.FiguresSource.ZONE and reported is not None:
            figures.append(ZoneFigure(name, reported, SOURCE_ZONE))
        elif name in computed:
            cell = computed[name]
            # A hidden figure says nothing of how many firms are behind it.
            figures.append(ZoneFigure(name, cell.value, SOURCE_FIRMS,
                                      0 if cell.hidden else cell.firms))
    return figures


def placement_zones(user):
    """``(kept, read)``: the zones whose placements ``user`` reads exactly (zone staff, the
    programme office) and the zones read as their public pages print them (the focal point
    of the programme's employment agency)."""
    kept = zones_for(user)
    agencies = institutions_for(user).filter(kind=Institution.Kind.EMPLOYMENT_AGENCY)
    read = (Zone.objects.filter(program__institutions__in=agencies)
            .exclude(pk__in=kept.values("pk")).distinct())
    return kept, read

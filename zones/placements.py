"""The career portal's placements as the public and the employment agency read them.

A programme's hires make **one table**, zone × month × occupation with every margin,
protected once by the disclosure rule of the programme's own tables
(``fieldvisits.published.protected_measure``: fewer than 5 hiring firms, or one firm over
60 % or two over 90 % of the people hired, and a cell is hidden, with secondary suppression
across the margins). A zone's public page prints its zone's cells; the employment agency's
focal point prints the programme's margins and its zones' totals; both print cells of the
same table, so they agree and no hidden cell can be recomputed from the others.

Beside it, vacancies: the open ones are on the public list anyway; the vacancies filled per
zone (with the programme's total) and the time to fill rest on the hiring firms and are
measures of the same protected set.

**Carried over time.** The set is protected under the programme's disclosure pattern
(``fieldvisits.published.carried_protection``, the one the field-study tables keep): every
cell hidden on an earlier day is hidden again, so yesterday's hidden cell cannot be found
from today's figure and the day's change.

Staff who keep the zones read the exact figures (``zones.queries.placement_figures``).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fieldvisits.disclosure import Protected
from fieldvisits.published import ALL, MeasureSource, measure_cells, protected_measure
from tracker.models import end_of_day
from zones.models import Candidacy, Occupation, Vacancy, Zone
from zones.queries import placement_figures

MEASURE = "placements"
SOURCE = MeasureSource(
    name=MEASURE, dimensions=("vacancy__zone", "month", "vacancy__occupation__code"),
    rows=None, firm="vacancy__firm", amount="pk")
# Vacancies filled per zone (and over the programme): how many, and the firms behind them.
FILLED = MeasureSource(name="vacancies_filled", dimensions=("zone",), rows=None, firm="firm",
                       amount="pk")
# The average days to fill rests on the firms that hired: the cell counts them, and the
# average is printed where the cell may be shown.
DAYS_TO_FILL = MeasureSource(name="days_to_fill", dimensions=("vacancy__zone",), rows=None,
                             firm="vacancy__firm")
# A firm hires in several months and several occupations (never in two zones).
FIRMS_ACROSS = (2, 3)


@dataclass
class Placements:
    """Placement figures as of a day, every one a :class:`Protected` cell: ``placements``
    in total, ``by_month`` ``[(month, cell)]``, ``by_occupation`` ``[(Occupation, cell)]``,
    ``by_zone`` ``[(Zone, cell)]``; vacancies open (a plain count), filled and the average
    days from opening to hire."""

    as_of: datetime.date
    placements: Protected
    vacancies_open: int
    vacancies_filled: Protected
    average_days_to_fill: Protected
    by_month: list = field(default_factory=list)
    by_occupation: list = field(default_factory=list)
    by_zone: list = field(default_factory=list)


def _hires(program, as_of):
    return (Candidacy.objects.filter(vacancy__zone__program=program,
                                     status=Candidacy.Status.HIRED,
                                     decided_at__lt=end_of_day(as_of))
            .annotate(month=TruncMonth("decided_at")).order_by())


def _filled(program, as_of):
    end = end_of_day(as_of)
    return Vacancy.objects.filter(zone__program=program, opened_at__lt=end,
                                  filled_at__lt=end).order_by()


def placement_cells(program, as_of):
    """The raw cells of the programme's placement measures and their relations, before
    protection (for the audit): ``({key: Cell}, [Relation])``."""
    cells, relations = {}, []
    for source, rows in _measured(program, as_of):
        found, linked = measure_cells(source, rows, firms_not_additive=FIRMS_ACROSS)
        cells.update(found)
        relations += linked
    return cells, relations


def _measured(program, as_of):
    hires = _hires(program, as_of)
    return [(SOURCE, hires), (FILLED, _filled(program, as_of)), (DAYS_TO_FILL, hires)]


def protected_placements(program, as_of=None):
    """The programme's protected placement table as of the end of ``as_of`` (today):
    ``{key: Protected}``, a key ``("placements", zone id, month, occupation code)`` with
    ``"*"`` for a margin, beside ``("vacancies_filled", zone id)`` and ``("days_to_fill",
    zone id)``. Protected under the programme's carried pattern: a cell hidden on an
    earlier day stays hidden, so two days' figures cannot be differenced. Cached once per
    day and change of the hires and filled vacancies behind it."""
    as_of = as_of or timezone.localdate()
    hires = _hires(program, as_of)
    return protected_measure(
        *_measured(program, as_of), program=program, as_of=as_of,
        firms_not_additive=FIRMS_ACROSS, table=MEASURE, source_rows=[
            hires.values_list("pk", *SOURCE.dimensions, SOURCE.firm),
            _filled(program, as_of).values_list("pk", *FILLED.dimensions, FILLED.firm)])


def _vacancy_cells(cells, zones, zone_key, as_of):
    """Vacancies open (a count the public list shows anyway), vacancies filled and the
    average days to fill, the last two from the protected set."""
    end = end_of_day(as_of)
    open_count = Vacancy.objects.filter(zone__in=zones, opened_at__lt=end).filter(
        Q(filled_at__isnull=True) | Q(filled_at__gte=end)).count()
    filled = cells.get((FILLED.name, zone_key)) or Protected(0, 0)
    timing = cells.get((DAYS_TO_FILL.name, zone_key)) or Protected(None, 0)
    average = None
    if not timing.hidden:
        average = Candidacy.objects.filter(
            vacancy__zone__in=zones, status=Candidacy.Status.HIRED, decided_at__lt=end,
        ).aggregate(average=Avg(ExpressionWrapper(F("decided_at") - F("vacancy__opened_at"),
                                                  output_field=DurationField())))["average"]
    days = Protected(None if average is None else round(average.total_seconds() / 86400, 1),
                     timing.firms, timing.reason)
    return open_count, filled, days


def _margin(cells, zone_key, position):
    """The cells along one dimension (position 1 zone, 2 month, 3 occupation) with the
    others summed over, within ``zone_key``'s slice: ``{value: Protected}``."""
    expected = [ALL, ALL] if position == 1 else [zone_key, ALL]
    found = {}
    for key, cell in cells.items():
        if key[0] != MEASURE or key[position] == ALL:
            continue
        if [key[index] for index in (1, 2, 3) if index != position] == expected:
            found[key[position]] = cell
    return found


def published_placements(program, *, zone=None, as_of=None):
    """The placement figures of ``zone`` (its public page) or of the whole ``program``
    (the employment agency's reading), drawn from the programme's protected table."""
    as_of = as_of or timezone.localdate()
    cells = protected_placements(program, as_of)
    zone_key = str(zone.pk) if zone is not None else ALL
    total = cells.get((MEASURE, zone_key, ALL, ALL)) or Protected(0, 0)
    months = _margin(cells, zone_key, 2)
    occupations = _margin(cells, zone_key, 3)
    labels = Occupation.objects.in_bulk(list(occupations), field_name="code")
    zones = [zone] if zone is not None else list(Zone.objects.filter(program=program))
    figures = Placements(as_of, total, *_vacancy_cells(cells, zones, zone_key, as_of))
    figures.by_month = sorted((datetime.datetime.fromisoformat(month), cell)
                              for month, cell in months.items())
    figures.by_occupation = sorted(
        ((labels[code], cell) for code, cell in occupations.items()),
        key=lambda pair: (pair[1].hidden, -(pair[1].value or 0), pair[0].code))
    if zone is None:
        by_pk = {str(z.pk): z for z in zones}
        figures.by_zone = sorted(((by_pk[pk], cell) for pk, cell
                                  in _margin(cells, ALL, 1).items()),
                                 key=lambda pair: pair[0].name)
    return figures


def exact_placements(zones, as_of=None):
    """The same figures, exact, for the staff who keep ``zones`` (zone staff, the
    programme office): nothing hidden."""
    figures = placement_figures(zones=zones, as_of=as_of)
    labels = Occupation.objects.in_bulk(
        [row["vacancy__occupation__code"] for row in figures.by_occupation], field_name="code")
    by_pk = Zone.objects.in_bulk(list(zones.values_list("pk", flat=True)))
    return Placements(
        figures.as_of, Protected(figures.placements, 0), figures.vacancies_open,
        Protected(figures.vacancies_filled, 0), Protected(figures.average_days_to_fill, 0),
        by_month=[(row["month"], Protected(row["placements"], 0))
                  for row in figures.by_month],
        by_occupation=[(labels[row["vacancy__occupation__code"]],
                        Protected(row["placements"], row["firms"]))
                       for row in figures.by_occupation],
        by_zone=[(by_pk[row["vacancy__zone"]], Protected(row["placements"], 0))
                 for row in figures.by_zone])

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

from fieldvisits.disclosure import Cell, protect_series
from zones.models import Candidacy, JobSeeker, Vacancy

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
    by_zone = list(hires.values("vacancy__zone__name").annotate(placements=Count("pk"))
                   .order_by("vacancy__zone__name"))
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


def protected_placements_by_occupation(*, zone, as_of=None):
    """The zone's placements per occupation under the disclosure rule: one cell per
    occupation with the hiring firms behind it and the two firms that hired most."""
    end = _end_of(as_of or timezone.localdate())
    per_firm = (Candidacy.objects.filter(vacancy__zone=zone, status=Candidacy.Status.HIRED,
                                         decided_at__lte=end)
                .values("vacancy__occupation__code", "vacancy__firm")
                .annotate(placements=Count("pk")).order_by())
    grouped = {}
    for row in per_firm:
        grouped.setdefault(row["vacancy__occupation__code"], []).append(row["placements"])
    cells = {}
    for code, firm_counts in sorted(grouped.items()):
        firm_counts.sort(reverse=True)
        cells[code] = Cell(firms=len(firm_counts), total=sum(firm_counts),
                           largest=firm_counts[0],
                           second=firm_counts[1] if len(firm_counts) > 1 else 0)
    return protect_series(cells)

"""Read-only figures of the field study, for dashboards and the public site."""

from django.db.models import Count, Q

from fieldvisits.models import Firm, Visit


def coverage_summary(program):
    """Progress of the field study against the programme's targets.

    Firms assessed counts the firm registry of the programme; visits completed
    counts visits submitted or approved. Two queries, whatever the data size.
    """
    firms = Firm.objects.filter(program=program).aggregate(total=Count("pk"))
    visits = Visit.objects.filter(program=program).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(status__in=Visit.COMPLETED_STATUSES)),
    )
    return {
        "firms_assessed": firms["total"],
        "firms_target": program.target_firms_assessed,
        "visits_completed": visits["completed"],
        "visits_planned": visits["total"],
        "visits_target": program.target_visits,
    }


def share(done, target):
    """Percentage 0–100 of ``done`` against ``target``, capped at 100."""
    if not target:
        return 0
    return min(100, round(100 * done / target))

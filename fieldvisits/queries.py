"""Read-only figures of the field study, for dashboards, reports and the public site.

Every function runs a fixed number of aggregate queries, whatever the data size.
"""

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _

from fieldvisits.models import Firm, Question, SelectionDecision, Visit
from fieldvisits.sectors import nace_label

COMPLETED = Q(status__in=Visit.COMPLETED_STATUSES)


def coverage_summary(program):
    """Progress of the field study against the programme's targets.

    Firms assessed counts firms with a desk assessment; visits completed counts
    visits submitted or approved. Two queries, whatever the data size.
    """
    firms = Firm.objects.filter(program=program).aggregate(
        assessed=Count("assessment"),
        selected=Count("selection", filter=Q(
            selection__decision=SelectionDecision.Decision.SELECTED)),
    )
    visits = Visit.objects.filter(program=program).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=COMPLETED),
        approved=Count("pk", filter=Q(status=Visit.Status.APPROVED)),
    )
    return {
        "firms_assessed": firms["assessed"],
        "firms_target": program.target_firms_assessed,
        "firms_selected": firms["selected"],
        "visits_completed": visits["completed"],
        "visits_approved": visits["approved"],
        "visits_planned": visits["total"],
        "visits_target": program.target_visits,
    }


def share(done, target):
    """Percentage 0–100 of ``done`` against ``target``, capped at 100."""
    if not target:
        return 0
    return min(100, round(100 * done / target))


def version_questions(version):
    """The questions of ``version`` (a version or its pk) in order, each with its section."""
    return list(
        Question.objects.filter(section__version=version).select_related("section")
        .order_by("section__order", "order")
    )


def _firm_groups(program, field):
    return (
        Firm.objects.filter(program=program).order_by().values(field)
        .annotate(
            firms=Count("pk", distinct=True),
            assessed=Count("assessment", distinct=True),
            selected=Count("selection", distinct=True, filter=Q(
                selection__decision=SelectionDecision.Decision.SELECTED)),
            visited=Count("visits", distinct=True,
                          filter=Q(visits__status__in=Visit.COMPLETED_STATUSES)),
        )
        .order_by(field)
    )


COVERAGE_COLUMNS = ["breakdown", "group", "firms", "assessed", "assessed_target", "selected",
                    "visits", "visited", "visited_target"]


def coverage_rows(program):
    """Coverage as flat rows for the report and its spreadsheet export.

    Each row: ``breakdown``, ``group``, ``firms``, ``assessed``, ``selected``,
    ``visits``, ``visited`` and, for the overall and weekly rows, the targets.
    """
    summary = coverage_summary(program)
    rows = [{
        "breakdown": _("Overall"), "group": program.name, "firms": None,
        "assessed": summary["firms_assessed"], "assessed_target": summary["firms_target"],
        "selected": summary["firms_selected"], "visits": summary["visits_planned"],
        "visited": summary["visits_completed"], "visited_target": summary["visits_target"],
    }]
    for field, label in (("nace_code", _("Sector")), ("district", _("District"))):
        for group in _firm_groups(program, field):
            name = group[field]
            if field == "nace_code":
                name = f"{name} {nace_label(name)}"
            rows.append({
                "breakdown": label, "group": name, "firms": group["firms"],
                "assessed": group["assessed"], "selected": group["selected"],
                "visits": None, "visited": group["visited"],
            })
    agents = (
        Visit.objects.filter(program=program, agent__isnull=False).order_by()
        .values("agent__username", "agent__first_name", "agent__last_name")
        .annotate(visits=Count("pk"), visited=Count("pk", filter=COMPLETED))
        .order_by("agent__username")
    )
    for group in agents:
        name = " ".join(filter(None, [group["agent__first_name"], group["agent__last_name"]]))
        rows.append({
            "breakdown": _("Field agent"), "group": name or group["agent__username"],
            "firms": None, "assessed": None, "selected": None,
            "visits": group["visits"], "visited": group["visited"],
        })
    rows.extend(
        {"breakdown": _("Week"), "group": week["week"].isoformat(), "firms": None,
         "assessed": None, "selected": None, "visits": week["in_week"],
         "visited": week["cumulative"], "visited_target": summary["visits_target"]}
        for week in weekly_burn_up(program)
    )
    return [{key: row.get(key) for key in COVERAGE_COLUMNS} for row in rows]


def weekly_burn_up(program):
    """Completed visits per week of submission and their running total."""
    weeks = (
        Visit.objects.filter(COMPLETED, program=program, submitted_at__isnull=False)
        .order_by()
        .annotate(week=TruncWeek("submitted_at")).values("week")
        .annotate(in_week=Count("pk")).order_by("week")
    )
    running = 0
    result = []
    for week in weeks:
        running += week["in_week"]
        start = week["week"]
        result.append({"week": start.date() if hasattr(start, "date") else start,
                       "in_week": week["in_week"], "cumulative": running})
    return result

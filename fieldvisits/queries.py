"""Read-only figures of the field study, for dashboards, reports and the public site.

Every function runs a fixed number of aggregate queries, whatever the data size.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _

from core.formats import local_date
from fieldvisits.models import Assessment, Firm, Question, SelectionDecision, Visit
from fieldvisits.published import cached_figures
from fieldvisits.sectors import nace_label
from tracker.models import end_of_day

COMPLETED = Q(status__in=Visit.COMPLETED_STATUSES)


# Counting the joined firm key rather than the joined row's id lets the database answer
# from the indexes on that key. A firm has at most one assessment, so the join never
# repeats a firm and a plain count is exact.
ASSESSED = Count("assessment__firm")


def _assessed_and_selected():
    """Counts of firms with a desk assessment and with a selecting decision, each firm
    probing its own rows by index: a join is answered by scanning every assessment of the
    installation once it holds 81 programmes."""
    # Matching the programme too lets the database read only these programmes'
    # assessments (by their programme index) for the semi-join.
    assessed = Exists(Assessment.objects.filter(firm=OuterRef("pk"), program=OuterRef("program")))
    selected = Exists(SelectionDecision.objects.filter(
        firm=OuterRef("pk"), decision=SelectionDecision.Decision.SELECTED))
    return {"assessed": Count("pk", filter=assessed), "selected": Count("pk", filter=selected)}


def _probed_assessed_and_selected():
    """The same counts for one programme's firms, each firm's assessment and selecting
    decision looked up by a scalar subquery: PostgreSQL turns an ``EXISTS`` into a hash of
    every assessment and decision of the installation (160,000 rows at 81 programmes, read
    for a programme's 2,150 firms); a scalar subquery it runs per firm, an index probe."""
    assessment = Assessment.objects.filter(firm=OuterRef("pk")).order_by().values("firm")[:1]
    selection = SelectionDecision.objects.filter(
        firm=OuterRef("pk"), decision=SelectionDecision.Decision.SELECTED,
    ).order_by().values("firm")[:1]
    return {"assessed": Count(Subquery(assessment)), "selected": Count(Subquery(selection))}


def coverage_summaries(programs):
    """``{program_id: coverage_summary(program)}`` for ``programs`` today: two queries
    whatever their number, each grouped by programme."""
    ids = [program.pk for program in programs]
    firms = {row["program"]: row for row in (
        Firm.objects.filter(program__in=ids).order_by().values("program")
        .annotate(**_assessed_and_selected()))}
    visits = {row["program"]: row for row in (
        Visit.objects.filter(program__in=ids).order_by().values("program")
        .annotate(total=Count("pk"), completed=Count("pk", filter=COMPLETED),
                  approved=Count("pk", filter=Q(status=Visit.Status.APPROVED))))}
    return {program.pk: _figures(program, firms.get(program.pk, {}),
                                 visits.get(program.pk, {}))
            for program in programs}


def coverage_summary(program, as_of=None):
    """Progress of the field study against the programme's targets.

    Firms assessed counts firms with a desk assessment; visits completed counts
    visits submitted or approved, of which ``visits_approved`` approved and
    ``visits_awaiting_approval`` submitted and not yet approved. With ``as_of`` the
    visits are counted in the state they were in at the end of that day, the firms
    assessed by their assessment's day and the firms selected by their decision's time
    (a decision keeps no history: one changed after that day is not counted then). Two
    queries, whatever the data size; dated, none while the field study's rows are as they
    were when that day was counted (``fieldvisits.published.cached_figures``).
    """
    if as_of is None:
        return coverage_summaries([program])[program.pk]
    # A function of the field study's rows and the day: counted once per change of them.
    firms, visits = cached_figures(program, "coverage", as_of,
                                   lambda: _dated_counts(program, as_of))
    return _figures(program, firms, visits)


def _dated_counts(program, as_of):
    """The firm counts (``assessed``, ``selected``) and visit counts (``total``,
    ``completed``, ``approved``) of :func:`coverage_summary` as of ``as_of``."""
    firms = Firm.objects.filter(program=program).annotate(
        assessed_then=FilteredRelation(
            "assessment", condition=Q(assessment__assessed_on__lte=as_of)),
        chosen_then=FilteredRelation("selection", condition=Q(
            selection__decision=SelectionDecision.Decision.SELECTED,
            selection__decided_at__lt=end_of_day(as_of))),
    ).aggregate(assessed=Count("assessed_then__firm"), selected=Count("chosen_then__firm"))
    # Visits grouped by their state then (and whether they had been created by then), and
    # the figures summed from those few groups: each visit's history is read once, where
    # a filter per figure read it again for every figure.
    created = Case(When(created_at__lt=end_of_day(as_of), then=Value(True)),
                   default=Value(False), output_field=BooleanField())
    visits = {"total": 0, "completed": 0, "approved": 0}
    for group in (Visit.objects.filter(program=program).status_as_of(as_of).order_by()
                  .annotate(created_then=created)
                  .values("status_then", "created_then").annotate(n=Count("pk"))):
        status, count = group["status_then"], group["n"]
        # A visit existed by then if it was created or had moved by then.
        if group["created_then"] or status != Visit.Status.PLANNED:
            visits["total"] += count
        if status in Visit.COMPLETED_STATUSES:
            visits["completed"] += count
        if status == Visit.Status.APPROVED:
            visits["approved"] += count
    return firms, visits


def _summary(program, assessed, selected):
    counts = Visit.objects.filter(program=program).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(status__in=Visit.COMPLETED_STATUSES)),
        approved=Count("pk", filter=Q(status=Visit.Status.APPROVED)))
    return _figures(program, {"assessed": assessed, "selected": selected}, counts)


def _figures(program, firms, visits):
    """The summary of ``program`` from its firm counts (``assessed``, ``selected``) and
    visit counts (``total``, ``completed``, ``approved``); a missing count is 0."""
    completed, approved = visits.get("completed", 0), visits.get("approved", 0)
    return {
        "visits_awaiting_approval": completed - approved,
        "firms_assessed": firms.get("assessed", 0),
        "firms_target": program.target_firms_assessed,
        "firms_selected": firms.get("selected", 0),
        "visits_completed": completed,
        "visits_approved": approved,
        "visits_planned": visits.get("total", 0),
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


COUNTS = ("firms", "assessed", "selected", "visited")


def _coverage_cells(program):
    """Counts of ``program``'s firms per (NACE code, district) cell, in the database's order
    of districts.

    Each table is counted on its own and the counts are merged here by cell, so that no
    query needs ``COUNT(DISTINCT …)`` over a join that multiplies rows: a firm has at
    most one assessment and one selection decision, so one grouped pass over the firms
    counts those three; completed visits, several per firm, are grouped in a second
    query. The cells are bounded by sectors × districts, not by the number of firms.
    """
    cells = {}
    firms = (
        Firm.objects.filter(program=program).order_by("district", "nace_code")
        .values("nace_code", "district")
        .annotate(firms=Count("pk"), **_probed_assessed_and_selected())
    )
    for cell in firms:
        cells[cell["nace_code"], cell["district"]] = {**cell, "visited": 0}
    # The visits are found by their own programme (the programme and status index), not
    # through their firm's: filtered on the firm, PostgreSQL reads every completed visit of
    # the installation to join them to one programme's firms (at 81 programmes, 23,000
    # rows for 300). A visit's firm is of its programme (``Visit.clean``); the firm's
    # programme is tested as well, on the few rows joined.
    visited = (
        Visit.objects.filter(COMPLETED, program=program, firm__program=program).order_by()
        .values("firm__nace_code", "firm__district").annotate(visited=Count("pk"))
    )
    for cell in visited:
        key = (cell["firm__nace_code"], cell["firm__district"])
        # A firm registered between the two queries gets a cell of its own.
        cells.setdefault(key, {"nace_code": key[0], "district": key[1],
                               **dict.fromkeys(COUNTS, 0)})["visited"] = cell["visited"]
    return cells


def _breakdown(cells, field):
    """The ``cells`` summed per value of ``field``, in the order the values first appear."""
    groups = {}
    for cell in cells:
        group = groups.setdefault(cell[field], dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            group[name] += cell[name]
    return groups


COVERAGE_COLUMNS = ["breakdown", "group", "firms", "assessed", "assessed_target", "selected",
                    "visits", "visited", "visited_target"]


def coverage_rows(program):
    """Coverage as flat rows for the report and its spreadsheet export.

    Each row: ``breakdown``, ``group``, ``firms``, ``assessed``, ``selected``,
    ``visits``, ``visited`` and, for the overall and weekly rows, the targets.
    Five queries, whatever the data size.
    """
    cells = list(_coverage_cells(program).values())
    summary = _summary(program, sum(c["assessed"] for c in cells),
                       sum(c["selected"] for c in cells))
    rows = [{
        "breakdown": _("Overall"), "group": program.name, "firms": None,
        "assessed": summary["firms_assessed"], "assessed_target": summary["firms_target"],
        "selected": summary["firms_selected"], "visits": summary["visits_planned"],
        "visited": summary["visits_completed"], "visited_target": summary["visits_target"],
    }]
    # NACE codes share one fixed digit form, so Python's order is the database's; district
    # names keep the order the database gave them (its collation may know Turkish).
    rows.extend(
        {"breakdown": _("Sector"), "group": f"{code} {nace_label(code)}", **counts,
         "visits": None}
        for code, counts in sorted(_breakdown(cells, "nace_code").items())
    )
    rows.extend(
        {"breakdown": _("District"), "group": district, **counts, "visits": None}
        for district, counts in _breakdown(cells, "district").items()
    )
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
        {"breakdown": _("Week"), "group": local_date(week["week"]), "firms": None,
         "assessed": None, "selected": None, "visits": week["in_week"],
         "visited": week["cumulative"], "visited_target": summary["visits_target"]}
        for week in weekly_burn_up(program)
    )
    return [{key: row.get(key) for key in COVERAGE_COLUMNS} for row in rows]


def weekly_burn_up(program, as_of=None):
    """Completed visits per week of submission and their running total; with ``as_of``,
    visits approved by the end of that day."""
    if as_of is None:
        return _burn_up(Visit.objects.filter(COMPLETED, program=program))
    return cached_figures(program, "burn_up", as_of, lambda: _burn_up(
        Visit.objects.filter(program=program).approved_as_of(as_of)))


def _burn_up(visits):
    weeks = (
        visits.filter(submitted_at__isnull=False)
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

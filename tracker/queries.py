"""Reads for pages, panels, exports and reports: the coordinator and focal-point
dashboards and the timeline. Each function runs a fixed number of queries, whatever
the data size; counts and progress are aggregated in the database."""

import datetime
import math

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When

from tracker.models import (
    DUE_SOON_DAYS,
    Action,
    Goal,
    Indicator,
    Milestone,
    Phase,
    PlanVersion,
    Task,
    TaskEvent,
    TaskUpdate,
    end_of_day,
    phases_with_milestone_counts,
)
from tracker.models.plan import action_progress

MILESTONE_HORIZON_DAYS = 30
FOCAL_POINT_TASK_LIMIT = 30
BLOCKED_TASK_LIMIT = 10
LATEST_UPDATE_LIMIT = 8


def task_buckets(day):
    """Counts of tasks as of ``day`` (a queryset from ``Task.objects.as_of(day)``) in
    four buckets that never overlap, so ``total`` is always their sum: done; blocked
    (whatever the due date); overdue (neither done nor blocked, due before ``day``); on
    time (neither done nor blocked, due on or after ``day``)."""
    done = Q(status_then=Task.Status.DONE)
    blocked = Q(status_then=Task.Status.BLOCKED)
    running = ~done & ~blocked
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=done),
        "blocked": Count("pk", filter=blocked),
        "overdue": Count("pk", filter=running & Q(due_date__lt=day)),
        "on_time": Count("pk", filter=running & Q(due_date__gte=day)),
    }


def tasks_by_institution(tasks, as_of):
    """Per institution of ``tasks`` (a task queryset): :func:`task_buckets` as of
    ``as_of``, plus ``due_soon`` (running tasks due within a week). One query.

    The rows are grouped by institution, status then and due-date band, and the buckets
    summed from those few groups: each task's status then is read once (one entry of its
    history's index), where counting every bucket in SQL would repeat its history lookup
    in every bucket's filter. Singling out beforehand the tasks ever done or blocked would
    read that set from the whole installation's history, which grows with every
    programme."""
    soon = as_of + datetime.timedelta(days=DUE_SOON_DAYS)
    band = Case(When(due_date__lt=as_of, then=Value("overdue")),
                When(due_date__lte=soon, then=Value("soon")),
                default=Value("later"), output_field=CharField())
    groups = (tasks.as_of(as_of).order_by().annotate(band=band, status_group=F("status_then"))
              .values("assigned_institution_id", "assigned_institution__name",
                      "assigned_institution__short_name", "status_group", "band")
              .annotate(count=Count("pk")))
    rows = {}
    for group in groups:
        row = rows.setdefault(group["assigned_institution_id"], {
            "assigned_institution_id": group["assigned_institution_id"],
            "assigned_institution__name": group["assigned_institution__name"],
            "assigned_institution__short_name": group["assigned_institution__short_name"],
            "total": 0, "done": 0, "blocked": 0, "overdue": 0, "on_time": 0, "due_soon": 0})
        count, status = group["count"], group["status_group"]
        row["total"] += count
        if status == Task.Status.DONE:
            row["done"] += count
        elif status == Task.Status.BLOCKED:
            row["blocked"] += count
        elif group["band"] == "overdue":
            row["overdue"] += count
        else:
            row["on_time"] += count
            row["due_soon"] += count if group["band"] == "soon" else 0
    return sorted(rows.values(), key=lambda row: (row["assigned_institution__name"],
                                                  row["assigned_institution_id"]))


def overdue_tasks_by_institution(program, as_of):
    """Institutions with overdue or soon-due running tasks as of ``as_of``, worst first
    (the counts of :func:`tasks_by_institution`)."""
    rows = [row for row in tasks_by_institution(Task.objects.in_program(program), as_of)
            if row["overdue"] or row["due_soon"]]
    return sorted(rows, key=lambda row: (-row["overdue"], -row["due_soon"],
                                         row["assigned_institution__name"]))


def blocked_tasks(program, as_of, limit=BLOCKED_TASK_LIMIT):
    """Tasks of ``program`` blocked at the end of ``as_of``, with what blocked them, the
    earliest due first; ``limit=None`` for all."""
    # Only a task that had been blocked at some moment by then can be blocked then: its
    # history alone is read, not every task's, each through the history's index.
    ever_blocked = Exists(TaskEvent.objects.filter(task=OuterRef("pk"),
                                                   status=Task.Status.BLOCKED,
                                                   at__lt=end_of_day(as_of)))
    tasks = (Task.objects.in_program(program).filter(ever_blocked)
             .as_of(as_of)
             .filter(status_then=Task.Status.BLOCKED)
             .select_related("assigned_institution", "status_changed_by")
             .order_by("assigned_institution__name", "due_date", "pk"))
    return list(tasks if limit is None else tasks[:limit])


def plan_progress(program, as_of):
    """The action plan in force at the end of ``as_of`` with each pillar's and goal's
    action count and progress (mean of its actions' progress as of that day, rounded
    once), and each goal's lead institutions. The coordinator panel and the programme
    report both read it, so they print the same percentages. Four queries.

    Each action's progress is computed once, in the database, and the goals' and
    pillars' means are taken from those few hundred values (``math.fsum``, so the order
    the actions come in cannot move a rounding): averaging in SQL per goal and again per
    pillar read every task's history twice."""
    plan = PlanVersion.objects.current_as_of(program, as_of)
    if plan is None:
        return {"plan": None, "pillars": []}
    progress, leads = {}, {}
    for row in (Action.objects.filter(goal__pillar__plan=plan)
                .annotate(value=action_progress(as_of))
                .values("goal_id", "goal__pillar_id", "lead__name", "lead__short_name", "value")
                .order_by("goal_id", "lead__name", "pk")):
        progress.setdefault(("goal", row["goal_id"]), []).append(row["value"])
        progress.setdefault(("pillar", row["goal__pillar_id"]), []).append(row["value"])
        lead = row["lead__short_name"] or row["lead__name"]
        if lead not in leads.setdefault(row["goal_id"], []):
            leads[row["goal_id"]].append(lead)

    def figures(level, pk):
        values = progress.get((level, pk), [])
        return {"actions_total": len(values),
                "progress": round(math.fsum(values) / len(values)) if values else 0}

    goals = {}
    for goal in Goal.objects.filter(pillar__plan=plan).order_by("pillar__order", "order"):
        goals.setdefault(goal.pillar_id, []).append({
            "code": goal.code, "name": goal.title, **figures("goal", goal.pk),
            "leads": leads.get(goal.pk, [])})
    pillars = [{"code": pillar.code, "name": pillar.name, **figures("pillar", pillar.pk),
                "goals": goals.get(pillar.pk, [])}
               for pillar in plan.pillars.order_by("order")]
    return {"plan": plan, "pillars": pillars}


def latest_task_updates(program, limit=LATEST_UPDATE_LIMIT):
    """The newest progress updates posted on ``program``'s tasks."""
    return list(
        TaskUpdate.objects.filter(program=program)
        .select_related("task__assigned_institution", "posted_by")
        .order_by("-posted_at", "-pk")[:limit]
    )


class MilestoneState:
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"


def milestones_as_of(program, as_of, horizon_days=MILESTONE_HORIZON_DAYS):
    """Every milestone of ``program`` in phase and due-date order, each judged at the end
    of ``as_of`` from its dated history (``Milestone.objects.as_of``):
    ``[{"milestone", "done_on", "state"}]``, ``done_on`` the done date then (or ``None``),
    ``state`` one of :class:`MilestoneState`: done; overdue (open, due before ``as_of``);
    due soon (open, due within ``horizon_days``); open. The coordinator panel, the
    timeline and the programme report read it, so they print the same states. One
    query."""
    soon = as_of + datetime.timedelta(days=horizon_days)
    rows = []
    for milestone in (Milestone.objects.filter(phase__program=program).as_of(as_of)
                      .select_related("phase", "owner")
                      .order_by("phase__order", "due_date", "title_tr", "pk")):
        if milestone.done_then is not None:
            state = MilestoneState.DONE
        elif milestone.due_date < as_of:
            state = MilestoneState.OVERDUE
        elif milestone.due_date <= soon:
            state = MilestoneState.DUE_SOON
        else:
            state = MilestoneState.OPEN
        rows.append({"milestone": milestone, "done_on": milestone.done_then, "state": state})
    return rows


def coordinator_dashboard(program, today):
    """Everything the coordinator panel shows for ``program`` on ``today``."""
    phases = [
        {"phase": phase, "status": status, "reason": reason, "progress": phase.progress(today)}
        for phase in Phase.objects.filter(program=program).with_milestone_counts(today)
        for status, reason in [phase.status(today)]
    ]
    progress = plan_progress(program, today)
    indicators = [
        {"indicator": indicator,
         "on_target": indicator.is_on_target(indicator.actual_value, indicator.target_value)}
        for indicator in (Indicator.objects.filter(program=program, action__isnull=True)
                          .with_target_and_actual(today.year, as_of=today))
    ]
    return {
        "program": program,
        "today": today,
        "phases": phases,
        "milestones_due": [row["milestone"] for row in milestones_as_of(program, today)
                           if row["state"] == MilestoneState.DUE_SOON],
        "horizon_days": MILESTONE_HORIZON_DAYS,
        "institutions": list(overdue_tasks_by_institution(program, today)),
        "blocked_tasks": blocked_tasks(program, today),
        "latest_updates": latest_task_updates(program),
        "plan": progress["plan"],
        "pillars": progress["pillars"],
        "indicators": indicators,
    }


def focal_point_dashboard(institution, today):
    """The focal point panel: the institution's tasks that are overdue or due soon."""
    tasks = Task.objects.filter(assigned_institution=institution).needing_attention(today)
    counts = tasks.aggregate(overdue=Count("pk", filter=Q(due_date__lt=today)),
                             total=Count("pk"))
    return {
        "institution": institution,
        "today": today,
        "tasks": list(tasks.select_related("action")[:FOCAL_POINT_TASK_LIMIT]),
        "overdue": counts["overdue"],
        "due_soon": counts["total"] - counts["overdue"],
        "shown_limit": FOCAL_POINT_TASK_LIMIT,
    }


def timeline_layout(program, today):
    """Positions (0–100 % of the programme's span) of phases, milestones and today."""
    phases = list(Phase.objects.filter(program=program).with_milestone_counts(today))
    milestones = sorted(milestones_as_of(program, today),
                        key=lambda row: (row["milestone"].due_date, row["milestone"].pk))
    start = min([program.start_date] + [p.start_date for p in phases])
    end = max([program.end_date] + [p.end_date for p in phases])
    span = (end - start).days or 1

    def left(day):
        return round(100 * (min(max(day, start), end) - start).days / span, 2)

    bands = []
    for phase in phases:
        status, reason = phase.status(today)
        bands.append({
            "phase": phase, "status": status, "reason": reason,
            "progress": phase.progress(today), "left": left(phase.start_date),
            "width": round(left(phase.end_date) - left(phase.start_date), 2),
            "milestones": [], "lane": len(bands),
        })
    by_phase = {band["phase"].pk: band for band in bands}
    for row in milestones:
        milestone = row["milestone"]
        band = by_phase.get(milestone.phase_id)
        if band is not None:
            state = row["state"] if row["state"] != MilestoneState.DUE_SOON \
                else MilestoneState.OPEN
            band["milestones"].append({"milestone": milestone, "left": left(milestone.due_date),
                                       "state": state, "done_on": row["done_on"]})
    years = [
        {"year": year, "left": left(datetime.date(year, 1, 1))}
        for year in range(start.year, end.year + 1)
    ]
    return {"bands": bands, "years": years, "today": today,
            "today_left": left(today) if start <= today <= end else None}


# Reads over several programmes at once, for the national portfolio: each function runs
# one query whatever the number of programmes, and answers ``{program_id: …}``.


def phases_by_program(programs, today):
    """``{program_id: [{"phase", "status", "reason", "progress"}, …]}`` in phase order."""
    result = {}
    for phase in phases_with_milestone_counts(
            Phase.objects.filter(program__in=programs).order_by("program", "order"), today):
        status, reason = phase.status(today)
        result.setdefault(phase.program_id, []).append({
            "phase": phase, "status": status, "reason": reason,
            "progress": phase.progress(today)})
    return result


def current_phase(phases, today):
    """The phase running on ``today``; else the last one started; else the first."""
    running = [row for row in phases
               if row["phase"].start_date <= today <= row["phase"].end_date]
    if running:
        return running[0]
    started = [row for row in phases if row["phase"].start_date <= today]
    if started:
        return started[-1]
    return phases[0] if phases else None


def indicators_by_program(programs, year):
    """``{program_id: [{"indicator", "baseline", "target", "actual", "on_target"}, …]}``:
    programme-level indicators against their baseline and ``year``'s target."""
    result = {}
    for indicator in (Indicator.objects.filter(program__in=programs, action__isnull=True)
                      .with_target_and_actual(year).order_by("program", "code")):
        result.setdefault(indicator.program_id, []).append({
            "indicator": indicator,
            "baseline": indicator.baseline_value,
            "target": indicator.target_value,
            "actual": indicator.actual_value,
            "period": indicator.actual_period,
            "on_target": indicator.is_on_target(indicator.actual_value, indicator.target_value),
        })
    return result


def overdue_tasks_by_program(programs, today):
    """``{program_id: [{"institution", "overdue"}, …]}``: open tasks past their due date
    per institution, the most overdue first."""
    result = {}
    # A task's institution is of the task's programme (``Task.clean``): filtering by it
    # spares joining every task to its action, goal, pillar and plan.
    rows = (Task.objects.open().filter(assigned_institution__program__in=programs,
                                       due_date__lt=today)
            .values("assigned_institution__program_id", "assigned_institution__name",
                    "assigned_institution__short_name")
            # ``*``, not the id: the partial index ``task_open_due`` then answers alone.
            .annotate(overdue=Count("*"))
            .order_by("assigned_institution__program_id", "-overdue",
                      "assigned_institution__name"))
    for row in rows:
        result.setdefault(row["assigned_institution__program_id"], []).append({
            "institution": row["assigned_institution__short_name"]
            or row["assigned_institution__name"],
            "overdue": row["overdue"],
        })
    return result

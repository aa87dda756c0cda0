"""The programme progress report for a reporting period: summary, phases and milestones,
indicators, action-plan progress, tasks by institution, council decisions, the field
study's coverage and findings, workforce needs.

Each section is one or two aggregate queries, so the number of queries does not grow with
the number of firms, visits or tasks.
"""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from clusters.queries import funnel, funnel_by_program
from fieldvisits.statistics import findings_by_pillar_and_severity
from fieldvisits.workforce import report_rows, workforce_needs
from reports import field_study, pdf
from reports.snapshot import as_of, base_snapshot, day, number
from tracker.models import (
    Action,
    Decision,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Milestone,
    Phase,
    PlanVersion,
    Program,
    Task,
)

AT_RISK_DAYS = 30


def phases(program, today):
    result = []
    for phase in Phase.objects.filter(program=program).with_milestone_counts(today):
        status, reason = phase.status(today)
        result.append({"name": phase.name, "status": str(status.label), "reason": str(reason),
                       "progress": phase.progress(today),
                       "start": day(phase.start_date), "end": day(phase.end_date)})
    return result


def milestones(program, today):
    soon = today + datetime.timedelta(days=AT_RISK_DAYS)
    result = []
    for milestone in (Milestone.objects.filter(phase__program=program)
                      .select_related("phase", "owner").order_by("phase__order", "due_date")):
        done = milestone.done_date if milestone.done_date and milestone.done_date <= today \
            else None
        if done is not None:
            state = _("Done")
        elif milestone.due_date < today:
            state = _("Late")
        elif milestone.due_date <= soon:
            state = _("At risk")
        else:
            state = _("Open")
        result.append({"phase": milestone.phase.name, "title": milestone.title,
                       "due": day(milestone.due_date), "done": day(done),
                       "owner": str(milestone.owner) if milestone.owner else "",
                       "state": str(state)})
    return result


def indicators(program, period):
    """Programme-level indicators: baseline, the target of each year, the latest actual
    value up to the period's end, and whether it meets this year's target. Three queries."""
    latest = IndicatorValue.objects.filter(period__end_date__lte=period.end_date).select_related(
        "period").order_by("-period__end_date")
    rows = list(
        Indicator.objects.filter(program=program, action__isnull=True).order_by("code")
        .prefetch_related(Prefetch("targets", IndicatorTarget.objects.filter(year__isnull=False)
                                   .order_by("year")),
                          Prefetch("values", latest, to_attr="latest_values")))
    years = sorted({target.year for row in rows for target in row.targets.all()})
    result = []
    for indicator in rows:
        targets = {target.year: target.value for target in indicator.targets.all()}
        actual = indicator.latest_values[0] if indicator.latest_values else None
        target_now = targets.get(period.end_date.year)
        on_target = indicator.is_on_target(actual.value if actual else None, target_now)
        baseline, final = indicator.baseline_value, targets.get(years[-1]) if years else None
        reached = None
        if actual is not None and final is not None and final != baseline:
            reached = max(0, min(150, round(100 * (actual.value - baseline) / (final - baseline))))
        result.append({
            "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
            "direction": str(indicator.get_direction_display()),
            "baseline": number(baseline), "baseline_year": indicator.baseline_year,
            "targets": [number(targets.get(year)) for year in years],
            "actual": number(actual.value) if actual else None,
            "actual_period": actual.period.label if actual else "",
            "on_target": on_target, "reached": reached,
        })
    return {"years": years, "rows": result}


def action_plan(program):
    """Progress per pillar and goal of the current plan, with the lead institutions."""
    plan = PlanVersion.objects.current(program)
    if plan is None:
        return {"plan": "", "pillars": []}
    pillars = {}
    actions = (Action.objects.filter(goal__pillar__plan=plan).with_progress()
               .select_related("goal__pillar", "lead")
               .order_by("goal__pillar__order", "goal__order", "code"))
    for action in actions:
        pillar = pillars.setdefault(action.goal.pillar_id, {
            "name": f"{action.goal.pillar.code} {action.goal.pillar.name}", "goals": {}})
        goal = pillar["goals"].setdefault(action.goal_id, {
            "name": f"{action.goal.code} {action.goal.title}", "actions": 0, "progress": 0.0,
            "leads": []})
        goal["actions"] += 1
        goal["progress"] += action.progress_value or 0
        lead = str(action.lead)
        if lead not in goal["leads"]:
            goal["leads"].append(lead)
    result = []
    for pillar in pillars.values():
        goals = [{**goal, "progress": round(goal["progress"] / goal["actions"])}
                 for goal in pillar["goals"].values()]
        total = sum(goal["actions"] for goal in goals)
        weighted = sum(goal["progress"] * goal["actions"] for goal in goals)
        result.append({"name": pillar["name"], "actions": total,
                       "progress": round(weighted / total) if total else 0, "goals": goals})
    return {"plan": str(plan), "pillars": result}


def tasks_by_institution(program, today):
    """Done, on time, overdue and blocked tasks per institution (one query), and the
    blocked tasks with their reasons (one query)."""
    open_task = ~Q(status=Task.Status.DONE)
    rows = (Task.objects.in_program(program).order_by()
            .values("assigned_institution__name", "assigned_institution__short_name")
            .annotate(total=Count("pk"),
                      done=Count("pk", filter=Q(status=Task.Status.DONE)),
                      on_time=Count("pk", filter=open_task & ~Q(status=Task.Status.BLOCKED)
                                    & Q(due_date__gte=today)),
                      overdue=Count("pk", filter=open_task & Q(due_date__lt=today)),
                      blocked=Count("pk", filter=Q(status=Task.Status.BLOCKED)))
            .order_by("assigned_institution__name"))
    blocked = (Task.objects.in_program(program).filter(status=Task.Status.BLOCKED)
               .select_related("assigned_institution").order_by("assigned_institution__name",
                                                                "due_date", "pk"))
    return {
        "rows": [{"institution": row["assigned_institution__short_name"]
                  or row["assigned_institution__name"],
                  **{key: row[key] for key in ("total", "done", "on_time", "overdue", "blocked")}}
                 for row in rows],
        "blocked": [{"task": task.title, "institution": str(task.assigned_institution),
                     "due": day(task.due_date), "reason": task.blocked_reason}
                    for task in blocked],
    }


def council_decisions(program, period):
    decisions = (Decision.objects.filter(meeting__program=program,
                                         meeting__date__range=(period.start_date,
                                                               period.end_date))
                 .select_related("meeting")
                 .prefetch_related(Prefetch("tasks", Task.objects.select_related(
                     "assigned_institution").order_by("due_date", "pk")))
                 .order_by("meeting__date", "number"))
    return [{"meeting": f"{decision.meeting.title} ({pdf.date(decision.meeting.date)})",
             "number": decision.number, "text": decision.text,
             "tasks": [{"task": task.title, "institution": str(task.assigned_institution),
                        "status": str(task.get_status_display())}
                       for task in decision.tasks.all()]}
            for decision in decisions]


def collect(report, progress=None):
    program, period = report.program, report.period
    today = as_of(period)
    snapshot = base_snapshot(report, _("Programme progress report"))
    snapshot["phases"] = phases(program, today)
    snapshot["milestones"] = milestones(program, today)
    snapshot["indicators"] = indicators(program, period)
    if progress:
        progress(30)
    snapshot["action_plan"] = action_plan(program)
    snapshot["tasks"] = tasks_by_institution(program, today)
    snapshot["decisions"] = council_decisions(program, period)
    if progress:
        progress(60)
    snapshot["coverage"] = field_study.coverage_figures(program, today)
    snapshot["findings"] = findings_by_pillar_and_severity(program, as_of=today)
    snapshot["workforce"] = report_rows(workforce_needs(program, disclose=True, as_of=today))
    snapshot["clusters"] = cluster_funnels(program)
    return snapshot


def render(snapshot, out):
    story = pdf.cover(snapshot, snapshot["title"])
    story += summary_section(snapshot)
    story += roadmap_section(snapshot)
    story += indicator_section(snapshot["indicators"])
    story += action_plan_section(snapshot["action_plan"])
    story += task_section(snapshot["tasks"])
    story += decision_section(snapshot["decisions"])
    story += field_study.coverage_section(snapshot["coverage"])
    story += field_study.findings_section(snapshot["findings"])
    story += field_study.workforce_section(snapshot["workforce"])
    # Reports issued before clusters were counted keep their snapshot as it was.
    if "clusters" in snapshot:
        story += cluster_section(snapshot["clusters"])
    return pdf.build_pdf(out, story, title=snapshot["title"], footer=pdf.footer_text(snapshot),
                         draft=snapshot["draft"])


def summary_section(snapshot):
    story = [pdf.heading(_("Summary"))]
    story += pdf.table([_("Phase"), _("Status"), _("Reason"), _("Progress")],
                       [[p["name"], p["status"], p["reason"], pdf.pct(p["progress"])]
                        for p in snapshot["phases"]], [0.2, 0.16, 0.5, 0.14], numeric=(3,))
    story.append(pdf.heading(_("Headline indicators"), "h2"))
    story += pdf.table(
        [_("Indicator"), _("Baseline"), _("Actual"), _("On target")],
        [[f"{row['name']} ({row['unit']})", pdf.num(row["baseline"]), pdf.num(row["actual"]),
          _on_target(row["on_target"])] for row in snapshot["indicators"]["rows"]],
        [0.5, 0.17, 0.17, 0.16], numeric=(1, 2))
    return story


def _on_target(value):
    return {True: _("Yes"), False: _("No"), None: "–"}[value]


def roadmap_section(snapshot):
    story = [pdf.heading(_("Phases and milestones"))]
    story += pdf.table(
        [_("Phase"), _("Milestone"), _("Owner"), _("Due"), _("Done"), _("State")],
        [[m["phase"], m["title"], m["owner"] or "–", pdf.date(m["due"]), pdf.date(m["done"]),
          m["state"]] for m in snapshot["milestones"]],
        [0.11, 0.32, 0.13, 0.13, 0.14, 0.17])
    return story


def indicator_section(figures):
    years = figures["years"]
    story = [pdf.heading(_("Indicators"))]
    widths = [0.24, 0.11, 0.12] + [0.27 / max(1, len(years))] * len(years) + [0.14, 0.12]
    story += pdf.table(
        [_("Indicator"), _("Direction"), _("Baseline"), *[_("Target %(year)s") % {"year": y}
                                                          for y in years],
         _("Actual"), _("Period")],
        [[f"{row['code']} {row['name']} ({row['unit']})", row["direction"],
          pdf.num(row["baseline"]), *[pdf.num(v) for v in row["targets"]],
          pdf.num(row["actual"]), row["actual_period"] or "–"] for row in figures["rows"]],
        widths, numeric=tuple(range(2, 3 + len(years) + 1)))
    charted = [row for row in figures["rows"] if row["reached"] is not None]
    if charted:
        story.append(pdf.bar_chart([row["code"] for row in charted],
                                   [[row["reached"] for row in charted]],
                                   title=_("Way from baseline to the final target covered (%)")))
    return story


def action_plan_section(plan):
    story = [pdf.heading(_("Action plan progress"))]
    if plan["plan"]:
        story.append(pdf.paragraph(_("Plan: %(plan)s") % {"plan": plan["plan"]}, "note"))
    rows = []
    for pillar in plan["pillars"]:
        rows.append([pillar["name"], "", pdf.num(pillar["actions"]), pdf.pct(pillar["progress"])])
        rows += [["", f"{goal['name']} — {', '.join(goal['leads'])}", pdf.num(goal["actions"]),
                  pdf.pct(goal["progress"])] for goal in pillar["goals"]]
    story += pdf.table([_("Pillar"), _("Goal and lead institutions"), _("Actions"),
                        _("Progress")], rows, [0.26, 0.5, 0.11, 0.13], numeric=(2, 3))
    if plan["pillars"]:
        story.append(pdf.bar_chart([p["name"][:28] for p in plan["pillars"]],
                                   [[p["progress"] for p in plan["pillars"]]],
                                   title=_("Progress per pillar (%)"), horizontal=True,
                                   height=max(40, 10 * len(plan["pillars"]) + 20)))
    return story


def task_section(tasks):
    story = [pdf.heading(_("Tasks by institution"))]
    rows = [[row["institution"], pdf.num(row["total"]), pdf.num(row["done"]),
             pdf.num(row["on_time"]), pdf.num(row["overdue"]), pdf.num(row["blocked"])]
            for row in tasks["rows"]]
    totals = [sum(row[key] for row in tasks["rows"])
              for key in ("total", "done", "on_time", "overdue", "blocked")]
    rows.append([_("Total"), *[pdf.num(value) for value in totals]])
    story += pdf.table([_("Institution"), _("Tasks"), _("Done"), _("On time"), _("Overdue"),
                        _("Blocked")], rows, [0.3, 0.14, 0.14, 0.14, 0.14, 0.14],
                       numeric=(1, 2, 3, 4, 5))
    story.append(pdf.heading(_("Blocked tasks and their reasons"), "h2"))
    story += pdf.table([_("Task"), _("Institution"), _("Due"), _("Reason")],
                       [[t["task"], t["institution"], pdf.date(t["due"]), t["reason"]]
                        for t in tasks["blocked"]], [0.33, 0.15, 0.14, 0.38])
    return story


# A table row cannot break across pages: a decision that started dozens of tasks lists
# the first few and counts the rest (the task section lists them all).
DECISION_TASKS_SHOWN = 5


def decision_section(decisions):
    story = [pdf.heading(_("Council decisions of the period"))]
    rows = []
    for decision in decisions:
        shown = decision["tasks"][:DECISION_TASKS_SHOWN]
        tasks = "; ".join(f"{t['task']} ({t['institution']}: {t['status']})"
                          for t in shown) or "–"
        hidden = len(decision["tasks"]) - len(shown)
        if hidden > 0:
            tasks += "; " + ngettext("and %(count)d more task", "and %(count)d more tasks",
                                     hidden) % {"count": hidden}
        rows.append([decision["meeting"], f"{decision['number']}. {decision['text']}", tasks])
    story += pdf.table([_("Meeting"), _("Decision"), _("Tasks")], rows, [0.24, 0.4, 0.36])
    return story


def cluster_funnels(program):
    """The cluster funnel of ``program`` and over every programme (the national funnel),
    stage by stage: how many clusters reached it. Two queries."""
    national = {row.stage: row.reached for row in funnel(Program.objects.all())}
    own = funnel_by_program([program.pk]).get(program.pk, [])
    return [{"stage": row.stage, "label": str(row.label), "programme": row.reached,
             "national": national.get(row.stage, 0)} for row in own]


def cluster_section(rows):
    story = [pdf.heading(pgettext("portfolio", "Clusters"))]
    story += pdf.table(
        [pgettext("portfolio", "Stage"), _("This programme"),
         pgettext("portfolio", "All programmes")],
        [[row["label"], pdf.num(row["programme"]), pdf.num(row["national"])] for row in rows],
        [0.5, 0.25, 0.25], numeric=(1, 2),
        note=_("Clusters that reached each stage, whether they went further or not; a "
               "dropped cluster counts up to the stage it reached. Counted when the report "
               "was generated."))
    return story

"""The programme progress report for a reporting period: summary, phases and milestones,
indicators, action-plan progress, tasks by institution, council decisions, the field
study's coverage and findings, workforce needs.

Each section is one or two aggregate queries, so the number of queries does not grow with
the number of firms, visits or tasks.
"""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from clusters.models import FUNNEL_STAGES
from clusters.queries import funnel, funnel_by_program
from core.translation import LANGUAGE_CODES, columns, fallback_marker, pick_from
from fieldvisits.models import Visit
from fieldvisits.published import cached_figures, reading_once
from fieldvisits.statistics import findings_by_pillar_and_severity
from fieldvisits.workforce import report_rows, workforce_needs
from reports import charts, field_study, pdf
from reports.snapshot import as_of, base_snapshot, day, number, titled
from tracker import queries
from tracker.models import (
    Decision,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Phase,
    Program,
    ReportingPeriod,
    Task,
    TaskEvent,
    end_of_day,
)
from tracker.queries import MilestoneState, plan_progress

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
    """Each milestone's state at the end of ``today`` from its dated history, as the
    coordinator panel and timeline judge it (``tracker.queries.milestones_as_of``)."""
    labels = {MilestoneState.DONE: _("Done"), MilestoneState.OVERDUE: _("Late"),
              MilestoneState.DUE_SOON: _("At risk"), MilestoneState.OPEN: _("Open")}
    return [{"phase": row["milestone"].phase.name, "title": row["milestone"].title,
             "due": day(row["milestone"].due_date), "done": day(row["done_on"]),
             "owner": str(row["milestone"].owner) if row["milestone"].owner else "",
             "state": str(labels[row["state"]])}
            for row in queries.milestones_as_of(program, today, horizon_days=AT_RISK_DAYS)]


def indicators(program, period, today):
    """Programme-level indicators: name, unit, direction, baseline, and for every locked
    period ended by ``today`` its target (the period's year), actual value, the
    coordinator's comment on the gap and whether it met the target; plus the latest
    actual and the way from baseline to the final target covered. Three queries."""
    periods = list(ReportingPeriod.objects.filter(
        program=program, end_date__lte=today, locked_at__isnull=False).order_by("end_date"))
    values = IndicatorValue.objects.filter(period__in=periods).select_related("period")
    rows = list(
        Indicator.objects.filter(program=program, action__isnull=True).order_by("code")
        .prefetch_related(Prefetch("targets", IndicatorTarget.objects.filter(year__isnull=False)
                                   .order_by("year")),
                          Prefetch("values", values, to_attr="period_values")))
    years = sorted({target.year for row in rows for target in row.targets.all()})
    result = []
    for indicator in rows:
        targets = {target.year: target.value for target in indicator.targets.all()}
        by_period = {value.period_id: value for value in indicator.period_values}
        per_period = []
        for reporting_period in periods:
            value = by_period.get(reporting_period.pk)
            target = targets.get(reporting_period.end_date.year)
            per_period.append({
                "period": reporting_period.label, "target": number(target),
                "actual": number(value.value) if value else None,
                "comment": value.note if value else "",
                "on_target": indicator.is_on_target(value.value if value else None, target),
            })
        measured = [row for row in per_period if row["actual"] is not None]
        actual = measured[-1] if measured else None
        baseline, final = indicator.baseline_value, targets.get(years[-1]) if years else None
        reached = None
        if actual is not None and final is not None and final != baseline:
            reached = max(0, min(150, round(
                100 * (float(actual["actual"]) - float(baseline)) / float(final - baseline))))
        result.append({
            "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
            "direction": str(indicator.get_direction_display()),
            "baseline": number(baseline), "baseline_year": indicator.baseline_year,
            "targets": [number(targets.get(year)) for year in years],
            "periods": per_period,
            "actual": actual["actual"] if actual else None,
            "actual_period": actual["period"] if actual else "",
            "on_target": actual["on_target"] if actual else None, "reached": reached,
        })
    return {"years": years, "rows": result}


def action_plan(program, today):
    """Progress per pillar and goal of the plan in force on ``today``, with the lead
    institutions: the figures of the coordinator panel (``tracker.queries``)."""
    progress = plan_progress(program, today)
    if progress["plan"] is None:
        return {"plan": "", "pillars": []}
    return {"plan": str(progress["plan"]), "pillars": [{
        "name": titled(f"{pillar['code']} {pillar['name']}", pillar["name"]),
        "actions": pillar["actions_total"], "progress": pillar["progress"],
        "goals": [{"name": titled(f"{goal['code']} {goal['name']}", goal["name"]),
                   "actions": goal["actions_total"], "progress": goal["progress"],
                   "leads": goal["leads"]}
                  for goal in pillar["goals"]]} for pillar in progress["pillars"]]}


def tasks_by_institution(program, today):
    """Tasks per institution as of ``today`` in buckets that add up (done, on time,
    overdue, blocked; ``tracker.queries.task_buckets``), and the tasks blocked then with
    their reasons. Two queries."""
    rows = queries.tasks_by_institution(Task.objects.in_program(program), today)
    return {
        "rows": [{"institution": row["assigned_institution__short_name"]
                  or row["assigned_institution__name"],
                  **{key: row[key] for key in ("total", "done", "on_time", "overdue", "blocked")}}
                 for row in rows],
        "blocked": [{"task": task.title, "institution": str(task.assigned_institution),
                     "due": day(task.due_date), "reason": task.blocked_reason_then}
                    for task in queries.blocked_tasks(program, today, limit=None)],
    }


def council_decisions(program, period, today):
    """The council decisions of the period with the tasks each started, as of ``today``.
    Two queries; the tasks are read as values (a decision of a large programme starts
    hundreds), their title in the reader's language as the accessor picks it."""
    decisions = list(Decision.objects.filter(meeting__program=program,
                                             meeting__date__range=(period.start_date, today))
                     .select_related("meeting").order_by("meeting__date", "number"))
    started = {}
    for row in (Task.objects.filter(decision__in=decisions).as_of(today)
                .values("decision_id", *columns("title"), "assigned_institution__name",
                        "assigned_institution__short_name", "status_then")
                .order_by("due_date", "pk")):
        started.setdefault(row["decision_id"], []).append({
            "task": pick_from(row, "title"),
            "institution": row["assigned_institution__short_name"]
            or row["assigned_institution__name"],
            "status": str(Task.Status(row["status_then"]).label)})
    return [{"meeting": titled(f"{decision.meeting.title} ({pdf.date(decision.meeting.date)})",
                               decision.meeting.title),
             "number": decision.number, "text": decision.text,
             "tasks": started.get(decision.pk, [])}
            for decision in decisions]


def headline_figures(program, today, counted=None):
    """The figures compared between the two ends of a period: tasks done, visits
    approved, clusters per funnel stage, latest indicator values. Fixed query count.
    ``counted`` holds ``tasks_total``, ``tasks_done`` and ``visits_approved`` when the
    report has counted them on ``today`` already (its task and coverage sections): taken
    as they are, so the tasks and visits are not read a second time."""
    if counted is None:
        tasks = Task.objects.in_program(program)
        # Only a task done at some moment by then can be done then: the others' history
        # is not read (``TaskQuerySet.as_of`` counts a task from its creation).
        done_by_then = TaskEvent.objects.filter(status=Task.Status.DONE,
                                                at__lt=end_of_day(today)).values("task")
        counted = {
            "tasks_total": tasks.filter(created_at__lt=end_of_day(today)).count(),
            "tasks_done": tasks.filter(pk__in=done_by_then).as_of(today)
            .filter(status_then=Task.Status.DONE).count(),
            "visits_approved": cached_figures(
                program, "visits_approved", today,
                lambda: Visit.objects.filter(program=program).approved_as_of(today).count())}
    return {
        "tasks_total": counted["tasks_total"], "tasks_done": counted["tasks_done"],
        "visits_approved": counted["visits_approved"],
        "clusters": {row.stage: row.reached for row in funnel([program.pk], as_of=today)},
        "indicators": {indicator.code: number(indicator.actual_value) for indicator in
                       Indicator.objects.filter(program=program, action__isnull=True)
                       .with_target_and_actual(today.year, as_of=today)},
    }


def period_changes(program, period, today, counted=None):
    """What changed during the period: each headline figure on the day before the period
    began and on ``today`` (its last day, or today for a draft); ``counted`` as
    :func:`headline_figures` takes it, for ``today``."""
    before = period.start_date - datetime.timedelta(days=1)
    end = headline_figures(program, today, counted)
    return {"from": day(before), "to": day(today),
            "start": headline_figures(program, before), "end": end,
            "cluster_labels": [{"stage": stage.value, "label": str(stage.label)}
                               for stage in FUNNEL_STAGES],
            "indicator_names": {indicator.code: indicator.name for indicator in
                                Indicator.objects.filter(program=program,
                                                         code__in=list(end["indicators"]))}}


def counted_on_the_day(snapshot):
    """The headline counts of the report's own day as its sections counted them: every
    task of the programme is in one institution's row (the rows add up to the tasks)."""
    rows = snapshot["tasks"]["rows"]
    return {"tasks_total": sum(row["total"] for row in rows),
            "tasks_done": sum(row["done"] for row in rows),
            "visits_approved": snapshot["coverage"]["summary"]["visits_approved"]}


@reading_once()
def collect(report, progress=None):
    """Every figure of the report as of the period's last day (today for a draft)."""
    program, period = report.program, report.period
    today = as_of(period)
    snapshot = base_snapshot(report, _("Programme progress report"))
    snapshot["executive_summary"] = pdf.rich_text_blocks(period.executive_summary)
    snapshot["phases"] = phases(program, today)
    snapshot["milestones"] = milestones(program, today)
    snapshot["indicators"] = indicators(program, period, today)
    if progress:
        progress(30)
    snapshot["action_plan"] = action_plan(program, today)
    snapshot["tasks"] = tasks_by_institution(program, today)
    snapshot["decisions"] = council_decisions(program, period, today)
    if progress:
        progress(60)
    snapshot["coverage"] = field_study.coverage_figures(program, today)
    snapshot["findings"] = findings_by_pillar_and_severity(program, as_of=today)
    snapshot["workforce"] = report_rows(workforce_needs(program, disclose=True, as_of=today))
    snapshot["clusters"] = cluster_funnels(program, today)
    snapshot["clusters_country"] = str(program.get_country_display())
    snapshot["changes"] = period_changes(program, period, today,
                                         counted_on_the_day(snapshot))
    return snapshot


def render(snapshot, out):
    story = pdf.cover(snapshot, snapshot["title"])
    story += summary_section(snapshot)
    story += roadmap_section(snapshot)
    if "changes" in snapshot:
        story += changes_section(snapshot["changes"])
    story += indicator_section(snapshot["indicators"])
    story += action_plan_section(snapshot["action_plan"])
    story += task_section(snapshot["tasks"])
    story += decision_section(snapshot["decisions"])
    story += field_study.coverage_section(snapshot["coverage"])
    story += field_study.findings_section(snapshot["findings"])
    story += field_study.workforce_section(snapshot["workforce"])
    # Reports issued before clusters were counted keep their snapshot as it was.
    if "clusters" in snapshot:
        story += cluster_section(snapshot["clusters"], snapshot.get("clusters_country"))
    return pdf.build_pdf(out, story, title=snapshot["title"], snapshot=snapshot)


def summary_section(snapshot):
    story = []
    if snapshot.get("executive_summary"):
        story.append(pdf.heading(_("Executive summary")))
        story += pdf.rich_text(snapshot["executive_summary"])
    story.append(pdf.heading(_("Summary")))
    story += pdf.table([_("Phase"), _("Status"), _("Reason"), _("Progress")],
                       [[p["name"], p["status"], p["reason"], pdf.pct(p["progress"])]
                        for p in snapshot["phases"]], numeric=(3,))
    story.append(pdf.heading(_("Headline indicators"), "h2"))
    story += pdf.table(
        [_("Indicator"), _("Baseline"), _("Actual"), _("On target")],
        [[name_and_unit(row["name"], row["unit"]), pdf.num(row["baseline"]),
          pdf.num(row["actual"]), _on_target(row["on_target"])]
         for row in snapshot["indicators"]["rows"]], numeric=(1, 2))
    return story


def name_and_unit(name, unit):
    """"Exports (million USD)". In a report stored before the cover's one note, name and
    unit that both fell back to the same language carry their marker, printed once, after
    both."""
    name, unit = pdf.text(name), pdf.text(unit)
    for code in LANGUAGE_CODES:
        ending = f" {fallback_marker(code)}"
        if name.endswith(ending) and unit.endswith(ending):
            return f"{name.removesuffix(ending)} ({unit.removesuffix(ending)}){ending}"
    return f"{name} ({unit})"


def _on_target(value):
    return {True: _("Yes"), False: _("No"), None: "–"}[value]


def roadmap_section(snapshot):
    story = [pdf.heading(_("Phases and milestones"))]
    story += pdf.table(
        [_("Phase"), _("Milestone"), _("Owner"), _("Due"), _("Done"), _("State")],
        [[m["phase"], m["title"], m["owner"] or "–", pdf.date(m["due"]), pdf.date(m["done"]),
          m["state"]] for m in snapshot["milestones"]])
    return story


def indicator_section(figures):
    story = [pdf.heading(_("Indicators"))]
    story += pdf.table(
        [_("Indicator"), _("Unit"), _("Direction"), _("Baseline"), _("Final target"),
         _("Actual"), _("Period"), _("On target")],
        [[row["name"], row["unit"], row["direction"],
          f"{pdf.num(row['baseline'])} ({row['baseline_year']})",
          f"{pdf.num(row['targets'][-1])} ({figures['years'][-1]})" if figures["years"]
          else "–", pdf.num(row["actual"]), row["actual_period"] or "–",
          _on_target(row["on_target"])]
         for row in figures["rows"]], numeric=(3, 4, 5))
    periods = [(row, entry) for row in figures["rows"] for entry in row.get("periods", [])]
    if periods:
        story.append(pdf.heading(_("Target, actual and comment per period"), "h2"))
        story += pdf.table(
            [_("Indicator"), _("Period"), _("Target"), _("Actual"), _("On target"),
             _("Comment on the gap")],
            [[row["name"], entry["period"], pdf.num(entry["target"]), pdf.num(entry["actual"]),
              _on_target(entry["on_target"]), entry["comment"] or "–"]
             for row, entry in periods], numeric=(2, 3))
    charted = [row for row in figures["rows"] if row["reached"] is not None]
    if charted:
        story.append(charts.bar_chart([row["name"] for row in charted],
                                   [[row["reached"] for row in charted]],
                                   title=_("Way from baseline to the final target covered (%)"),
                                   horizontal=True, height=max(40, 14 * len(charted) + 20)))
    return story


def changes_section(changes):
    """What moved during the period: each headline figure at its two ends."""
    start, end = changes["start"], changes["end"]
    story = [pdf.heading(_("What changed during the period"))]
    rows = [[_("Tasks done"), pdf.num(start["tasks_done"]), pdf.num(end["tasks_done"])],
            [_("Tasks"), pdf.num(start["tasks_total"]), pdf.num(end["tasks_total"])],
            [_("Visits approved"), pdf.num(start["visits_approved"]),
             pdf.num(end["visits_approved"])]]
    labels = {row["stage"]: row["label"] for row in changes.get("cluster_labels", [])}
    rows += [[_("Clusters that reached “%(stage)s”") % {"stage": labels.get(stage, stage)},
              pdf.num(start["clusters"].get(stage)), pdf.num(count)]
             for stage, count in end["clusters"].items()]
    rows += [[_("Indicator %(name)s") % {"name": name}, pdf.num(start["indicators"].get(code)),
              pdf.num(value)] for code, (name, value) in
             ((code, (changes.get("indicator_names", {}).get(code, code), value))
              for code, value in end["indicators"].items())]
    story += pdf.table([_("Figure"), pdf.date(changes["from"]), pdf.date(changes["to"])], rows,
                       numeric=(1, 2))
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
                        _("Progress")], rows, numeric=(2, 3))
    if plan["pillars"]:
        story.append(charts.bar_chart([p["name"] for p in plan["pillars"]],
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
                        _("Blocked")], rows,
                       numeric=(1, 2, 3, 4, 5),
                       note=_("Each task counts in one column only: done, blocked, or else "
                              "on time or overdue by its due date; the columns add up to "
                              "the tasks."))
    story.append(pdf.heading(_("Blocked tasks and their reasons"), "h2"))
    blocked = tasks["blocked"]
    shown = blocked
    note = None
    if len(blocked) > BLOCKED_TASKS_SHOWN:
        # The earliest due first; the snapshot keeps every blocked task.
        shown = sorted(blocked, key=lambda t: (t["due"] or "9999-12-31", t["institution"],
                                               t["task"]))[:BLOCKED_TASKS_SHOWN]
        note = _("%(shown)s of the %(total)s blocked tasks, the earliest due first; each "
                 "institution's report lists all of its own.") % {
            "shown": pdf.num(len(shown)), "total": pdf.num(len(blocked))}
    story += pdf.table([_("Task"), _("Institution"), _("Due"), _("Reason")],
                       [[t["task"], t["institution"], pdf.date(t["due"]), t["reason"]]
                        for t in shown], note=note)
    return story


# A governor reads the longest-waiting blocked tasks here and the counts per institution
# above; a list of hundreds would bury them (each institution's report has all of its own).
BLOCKED_TASKS_SHOWN = 20


# A table row cannot break across pages: a decision that started dozens of tasks lists
# the first few and counts the rest (the task section lists them all).
DECISION_TASKS_SHOWN = 5


def decision_section(decisions):
    story = [pdf.heading(_("Council decisions of the period"))]
    rows = []
    for decision in decisions:
        shown = decision["tasks"][:DECISION_TASKS_SHOWN]
        tasks = "; ".join(f"{pdf.text(t['task'])} ({t['institution']}: {t['status']})"
                          for t in shown) or "–"
        hidden = len(decision["tasks"]) - len(shown)
        if hidden > 0:
            tasks += "; " + ngettext("and %(count)d more task", "and %(count)d more tasks",
                                     hidden) % {"count": hidden}
        rows.append([decision["meeting"], f"{decision['number']}. {pdf.text(decision['text'])}",
                     tasks])
    story += pdf.table([_("Meeting"), _("Decision"), _("Tasks")], rows)
    return story


def cluster_funnels(program, today):
    """The cluster funnel of ``program`` and over every programme of its country (the
    national funnel), stage by stage: how many clusters had reached it by the end of
    ``today``. Programmes of another country are never added in. Three queries."""
    national = {row.stage: row.reached for row in
                funnel(Program.objects.filter(country=program.country), as_of=today)}
    own = funnel_by_program([program.pk], as_of=today).get(program.pk, [])
    return [{"stage": row.stage, "label": str(row.label), "programme": row.reached,
             "national": national.get(row.stage, 0)} for row in own]


def cluster_section(rows, country=None):
    """``country`` names the country whose programmes the national column adds up; reports
    issued before programmes named their country added every programme and keep saying so."""
    national = (_("All provinces of %(country)s") % {"country": country} if country
                else pgettext("portfolio", "All programmes"))
    story = [pdf.heading(pgettext("portfolio", "Clusters"))]
    story += pdf.table(
        [pgettext("portfolio", "Stage"), _("This programme"), national],
        [[row["label"], pdf.num(row["programme"]), pdf.num(row["national"])] for row in rows],
        numeric=(1, 2),
        note=_("Clusters that reached each stage, whether they went further or not; a "
               "dropped cluster counts up to the stage it reached. Counted when the report "
               "was generated."))
    return story

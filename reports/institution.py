"""The institution report for a focal point: the actions the institution leads or partners
in, its tasks, the updates posted in the period and what is overdue."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fieldvisits.published import reading_once
from reports import pdf
from reports.snapshot import as_of, base_snapshot, day
from tracker.models import Action, PlanVersion, Task, TaskUpdate, end_of_day
from tracker.queries import task_buckets


@reading_once()
def collect(report, progress=None):
    institution, period = report.institution, report.period
    today = as_of(period)
    snapshot = base_snapshot(report, _("Institution report"))
    snapshot["institution"] = institution.name
    plan = PlanVersion.objects.current_as_of(report.program, today)
    actions = (Action.objects.filter(goal__pillar__plan=plan)
               .filter(Q(lead=institution) | Q(partners=institution)).distinct()
               .with_progress(today).select_related("lead", "goal__pillar").order_by("code"))
    snapshot["actions"] = [{
        "code": action.code, "title": action.title,
        "role": str(_("Lead") if action.lead_id == institution.pk else _("Partner")),
        "lead": str(action.lead), "end": day(action.end_date),
        "tasks": action.tasks_total, "done": action.tasks_done,
        "progress": round(action.progress_value or 0),
    } for action in actions]
    tasks = Task.objects.filter(assigned_institution=institution)
    counts = tasks.as_of(today).aggregate(**task_buckets(today))
    snapshot["task_counts"] = counts
    snapshot["tasks"] = [{
        "action": task.action.code, "title": task.title, "due": day(task.due_date),
        "status": str(Task.Status(task.status_then).label), "percent": task.percent_then,
        "overdue": task.status_then not in (Task.Status.DONE, Task.Status.BLOCKED)
        and task.due_date < today,
        "reason": task.blocked_reason_then,
    } for task in tasks.as_of(today).select_related("action").order_by("due_date", "pk")]
    start = timezone.make_aware(datetime.datetime.combine(period.start_date, datetime.time.min))
    end = end_of_day(today)
    snapshot["updates"] = [{
        "task": update.task.title, "at": update.posted_at.isoformat(),
        "by": update.posted_by.get_full_name() or update.posted_by.get_username(),
        "text": update.text, "percent": update.percent_complete,
    } for update in TaskUpdate.objects.filter(task__assigned_institution=institution,
                                              posted_at__gte=start, posted_at__lt=end)
        .select_related("task", "posted_by").order_by("posted_at", "pk")]
    return snapshot


def render(snapshot, out):
    story = pdf.cover(snapshot, snapshot["title"], [snapshot["institution"]])
    counts = snapshot["task_counts"]
    story.append(pdf.heading(_("At a glance")))
    # Reports issued before the on-time bucket was counted have no "on_time".
    story += pdf.table([_("Tasks"), _("Done"), _("On time"), _("Overdue"), _("Blocked")],
                       [[pdf.num(counts["total"]), pdf.num(counts["done"]),
                         pdf.num(counts.get("on_time")), pdf.num(counts["overdue"]),
                         pdf.num(counts["blocked"])]],
                       numeric=(0, 1, 2, 3, 4),
                       note=_("Each task counts in one column only: done, blocked, or else "
                              "on time or overdue by its due date; the columns add up to "
                              "the tasks."))
    story.append(pdf.heading(_("Actions led or joined")))
    story += pdf.table(
        [_("Action"), _("Role"), _("Lead"), _("Ends"), _("Tasks done"), _("Progress")],
        [[f"{a['code']} {pdf.text(a['title'])}", a["role"], a["lead"], pdf.date(a["end"]),
          f"{pdf.num(a['done'])} / {pdf.num(a['tasks'])}", pdf.pct(a["progress"])]
         for a in snapshot["actions"]], numeric=(4, 5))
    overdue = [t for t in snapshot["tasks"] if t["overdue"]]
    story.append(pdf.heading(_("Overdue tasks")))
    story += pdf.table([_("Action"), _("Task"), _("Due"), _("Status"), _("Complete")],
                       [[t["action"], t["title"], pdf.date(t["due"]), t["status"],
                         pdf.pct(t["percent"])] for t in overdue], numeric=(4,))
    story.append(pdf.heading(_("All tasks")))
    story += pdf.table([_("Action"), _("Task"), _("Due"), _("Status"), _("Complete")],
                       [[t["action"], t["title"] + (f" — {t['reason']}" if t["reason"] else ""),
                         pdf.date(t["due"]), t["status"], pdf.pct(t["percent"])]
                        for t in snapshot["tasks"]], numeric=(4,))
    story.append(pdf.heading(_("Updates posted in the period")))
    story += pdf.table([_("Posted"), _("By"), _("Task"), _("Update")],
                       [[pdf.datetime_text(u["at"]), u["by"], u["task"], u["text"]]
                        for u in snapshot["updates"]])
    return pdf.build_pdf(out, story, title=snapshot["title"], snapshot=snapshot)

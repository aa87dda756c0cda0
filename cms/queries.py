"""Reads behind the public pages. Each function runs a fixed number of queries, whatever
the size of the programme; only public facts leave: no task notes, no blocked reasons,
no people, and field-study figures only through ``fieldvisits.public``.
"""

from django.db import models
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import columns, pick_from
from fieldvisits.public import field_study_progress
from tracker.models import (
    Action,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Institution,
    Phase,
    Pillar,
    PlanVersion,
    Task,
)
from tracker.queries import MilestoneState, milestones_as_of

# The public roadmap says done, overdue or open; "due soon" is the coordinator's word.
PUBLIC_MILESTONE_STATES = {MilestoneState.DONE, MilestoneState.OVERDUE}


class ActionStatus(models.TextChoices):
    """An action's public status, computed from its dates and progress."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETE = "complete", _("Complete")


def public_status(today):
    """The rule of :class:`ActionStatus` as an expression over ``progress_value``, so a
    status never contradicts the percentage beside it: complete at 100 %, delayed after
    its end date, in progress once any progress is made (even before its start date),
    otherwise not started."""
    return Case(
        When(progress_value__gte=100, then=Value(ActionStatus.COMPLETE.value)),
        When(end_date__lt=today, then=Value(ActionStatus.DELAYED.value)),
        When(progress_value__gt=0, then=Value(ActionStatus.IN_PROGRESS.value)),
        default=Value(ActionStatus.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def phases_with_status(program, today=None):
    """``[(phase, status, reason, progress)]`` of ``program``: one query."""
    today = today or timezone.localdate()
    return [
        (phase, *phase.status(today), phase.progress(today))
        for phase in Phase.objects.filter(program=program).with_milestone_counts(today)
    ]


def roadmap(program, today=None):
    """Phases with status and reason, each with its milestones in date order, as of the end
    of ``today``: two queries. A milestone reads as done only when its history says it was
    done by then (``tracker.queries.milestones_as_of``, the read every other view of
    milestones shares); its ``done_then`` is the done date shown. Due soon is open here."""
    today = today or timezone.localdate()
    milestones = {}
    for row in milestones_as_of(program, today):
        state = row["state"] if row["state"] in PUBLIC_MILESTONE_STATES else "open"
        milestone = row["milestone"]
        milestones.setdefault(milestone.phase_id, []).append((milestone, state))
    return [
        {"phase": phase, "status": status, "reason": reason, "progress": progress,
         "milestones": milestones.get(phase.pk, [])}
        for phase, status, reason, progress in phases_with_status(program, today)
    ]


def current_plan(program):
    return PlanVersion.objects.current(program) if program else None


def public_actions(plan, today=None):
    """The actions of ``plan`` with progress, public status, lead and partners."""
    today = today or timezone.localdate()
    return (
        Action.objects.filter(goal__pillar__plan=plan)
        .with_progress().annotate(public_status=public_status(today))
        .select_related("lead", "goal__pillar")
        .prefetch_related(Prefetch("partners", queryset=Institution.objects.order_by("name")))
        .order_by("goal__pillar__order", "goal__order", "code")
    )


def action_plan(program, *, pillar=None, institution=None, status=None, today=None):
    """Pillars → goals → actions of the current plan, narrowed by the filters given.

    ``pillar`` is a pillar code, ``institution`` an institution id (lead or partner),
    ``status`` an :class:`ActionStatus` value. Four queries, whatever the plan's size.
    """
    plan = current_plan(program)
    if plan is None:
        return {"plan": None, "pillars": [], "count": 0, "pillar_choices": [],
                "institution_choices": []}
    actions = public_actions(plan, today)
    if pillar:
        actions = actions.filter(goal__pillar__code=pillar)
    partnerships = Action.partners.through.objects
    if institution:
        actions = actions.filter(Q(lead_id=institution) | Q(
            pk__in=partnerships.filter(institution_id=institution).values("action")))
    if status:
        actions = actions.filter(public_status=status)
    pillars = {}
    for action in actions:
        goal = action.goal
        entry = pillars.setdefault(goal.pillar_id, {"pillar": goal.pillar, "goals": {}})
        entry["goals"].setdefault(goal.pk, {"goal": goal, "actions": []})["actions"].append(
            action)
    grouped = [{"pillar": entry["pillar"], "goals": list(entry["goals"].values()),
                "count": sum(len(goal["actions"]) for goal in entry["goals"].values())}
               for entry in pillars.values()]
    # The programme's institutions first, then two index-backed id lists (leads and
    # partners of this plan): no join fans out over every action of every programme.
    institutions = Institution.objects.filter(program_id=plan.program_id).filter(
        Q(pk__in=Action.objects.filter(goal__pillar__plan=plan).values("lead"))
        | Q(pk__in=partnerships.filter(action__goal__pillar__plan=plan).values("institution"))
    ).order_by("name")
    return {
        "plan": plan,
        "pillars": grouped,
        "count": sum(len(goal["actions"]) for entry in grouped for goal in entry["goals"]),
        "pillar_choices": list(Pillar.objects.filter(plan=plan).with_progress()
                               .order_by("order")),
        "institution_choices": list(institutions),
    }


def public_action(program, pk, today=None):
    """One action of the current plan with its steps (its tasks' titles, due dates and
    states, never their notes), or ``None``. Three queries."""
    plan = current_plan(program)
    if plan is None:
        return None
    action = public_actions(plan, today).filter(pk=pk).first()
    if action is None:
        return None
    steps = list(Task.objects.filter(action=action).order_by("due_date", "pk")
                 .values(*columns("title"), "due_date", "status", "percent_complete"))
    labels = dict(Task.Status.choices)
    for step in steps:
        step["title"] = pick_from(step, "title")
        step["status_label"] = labels[step["status"]]
        step["done"] = step["status"] == Task.Status.DONE
    return {"action": action, "steps": steps}


def public_indicators(program):
    """Programme-level indicators with baseline, targets per year and the actual values
    of locked reporting periods only (an open period is not published). Three queries."""
    return list(
        Indicator.objects.filter(program=program, action__isnull=True).order_by("code")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.filter(year__isnull=False)
                     .order_by("year"), to_attr="year_targets"),
            Prefetch("values", queryset=IndicatorValue.objects
                     .filter(period__locked_at__isnull=False).select_related("period")
                     .order_by("period__start_date"), to_attr="locked_values"),
        )
    )


def headline(program, indicator, today=None):
    """The home page's headline figures: field-study progress and, when the programme
    names a headline indicator, its baseline, latest locked actual and this year's
    target. Four queries."""
    today = today or timezone.localdate()
    figures = {"coverage": field_study_progress(program), "indicator": None}
    if indicator is None:
        return figures
    latest = (IndicatorValue.objects.filter(indicator=indicator, period__locked_at__isnull=False)
              .select_related("period").order_by("-period__end_date").first())
    target = IndicatorTarget.objects.filter(indicator=indicator, year=today.year).first()
    figures["indicator"] = {
        "indicator": indicator, "latest": latest, "target": target, "year": today.year,
        "change": (None if latest is None or not indicator.baseline_value
                   else round(100 * (latest.value - indicator.baseline_value)
                              / indicator.baseline_value, 1)),
    }
    return figures


def action_counts(plan, today=None):
    """How many actions of ``plan`` are in each public status: one query."""
    if plan is None:
        return {}
    today = today or timezone.localdate()
    rows = (Action.objects.filter(goal__pillar__plan=plan).with_progress()
            .annotate(public_status=public_status(today)).order_by()
            .values("public_status").annotate(n=Count("pk")))
    return {row["public_status"]: row["n"] for row in rows}


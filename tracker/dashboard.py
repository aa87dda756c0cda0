"""Wagtail admin home panels: one per programme for coordinators, one per institution
for focal points. Each panel runs a fixed number of queries, whatever the data size."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from tracker.access import Role, institutions_for, programs_for
from tracker.models import (
    Indicator,
    Milestone,
    Phase,
    PlanVersion,
    Program,
    Task,
)
from tracker.plan import DUE_SOON_DAYS

MILESTONE_HORIZON_DAYS = 30
FOCAL_POINT_TASK_LIMIT = 30


def overdue_tasks_by_institution(program, today):
    """Open tasks per institution: overdue and due within a week, worst first."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        Task.objects.in_program(program).open()
        .values("assigned_institution_id", "assigned_institution__name",
                "assigned_institution__short_name")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        )
        .filter(Q(overdue__gt=0) | Q(due_soon__gt=0))
        .order_by("-overdue", "-due_soon", "assigned_institution__name")
    )


def coordinator_dashboard(program, today):
    """Everything the coordinator panel shows for ``program`` on ``today``."""
    phases = [
        {"phase": phase, "status": status, "reason": reason, "progress": phase.progress(today)}
        for phase in Phase.objects.filter(program=program).with_milestone_counts(today)
        for status, reason in [phase.status(today)]
    ]
    plan = PlanVersion.objects.current(program)
    pillars = list(plan.pillars.with_progress()) if plan else []
    indicators = []
    for indicator in (Indicator.objects.filter(program=program, action__isnull=True)
                      .with_target_and_actual(today.year)):
        indicators.append({
            "indicator": indicator,
            "on_target": indicator.is_on_target(indicator.actual_value,
                                                indicator.target_value),
        })
    return {
        "program": program,
        "today": today,
        "phases": phases,
        "milestones_due": list(
            Milestone.objects.filter(phase__program=program)
            .due_within(MILESTONE_HORIZON_DAYS, today).select_related("owner")
        ),
        "horizon_days": MILESTONE_HORIZON_DAYS,
        "institutions": list(overdue_tasks_by_institution(program, today)),
        "plan": plan,
        "pillars": pillars,
        "indicators": indicators,
    }


class CoordinatorPanel(Component):
    name = "roadmap_coordinator"
    order = 50
    template_name = "tracker/dashboard/coordinator_panel.html"

    def __init__(self, program, today):
        self.program = program
        self.today = today

    @classmethod
    def for_request(cls, request):
        today = timezone.localdate()
        programs = Program.objects.filter(
            pk__in=programs_for(request.user, [Role.COORDINATOR]).values("pk")
        ).order_by("name")
        return [cls(program, today) for program in programs]

    def get_context_data(self, parent_context=None):
        return coordinator_dashboard(self.program, self.today)


class FocalPointPanel(Component):
    name = "roadmap_focal_point"
    order = 40
    template_name = "tracker/dashboard/focal_point_panel.html"

    def __init__(self, institution, today):
        self.institution = institution
        self.today = today

    @classmethod
    def for_request(cls, request):
        today = timezone.localdate()
        return [cls(institution, today) for institution in institutions_for(request.user)]

    def get_context_data(self, parent_context=None):
        tasks = (Task.objects.filter(assigned_institution=self.institution)
                 .needing_attention(self.today))
        counts = tasks.aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=self.today)), total=Count("pk")
        )
        return {
            "institution": self.institution,
            "today": self.today,
            "tasks": list(tasks.select_related("action")[:FOCAL_POINT_TASK_LIMIT]),
            "overdue": counts["overdue"],
            "due_soon": counts["total"] - counts["overdue"],
            "shown_limit": FOCAL_POINT_TASK_LIMIT,
        }

"""From the approved selection to scheduled visits, and replacements for cancelled ones.

The coordinator gets a proposed plan (each selected firm without a visit, an agent chosen
by district and current workload, a working day) which they may edit, then creates all
its visits in one transaction. When a visit is cancelled or its firm did not show up, the
next firm of the same sector and district stratum is proposed to replace it.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fieldvisits.models import Firm, SelectionDecision, Visit, VisitEvent
from tracker.access import Role

OPEN_STATUSES = (Visit.Status.PLANNED, Visit.Status.SCHEDULED, Visit.Status.IN_PROGRESS,
                 Visit.Status.RETURNED)
# Statuses after which a firm no longer needs a visit, or has had one.
HAS_VISIT_STATUSES = (*OPEN_STATUSES, Visit.Status.SUBMITTED, Visit.Status.APPROVED)
# Keeping a district with one agent saves travel; worth this many visits of imbalance.
DISTRICT_AFFINITY = 3


@dataclass
class PlannedVisit:
    firm: Firm
    agent: object
    date: datetime.date


def program_agents(program):
    return list(get_user_model().objects.filter(
        program_memberships__program=program, program_memberships__role=Role.AGENT,
        is_active=True).order_by("username").distinct())


def firms_awaiting_visit(program):
    """Selected firms of ``program`` with no visit under way or done."""
    return (Firm.objects.filter(program=program,
                                selection__decision=SelectionDecision.Decision.SELECTED)
            .exclude(visits__status__in=HAS_VISIT_STATUSES)
            .select_related("selection").order_by("district", "selection__overall_rank"))


def _working_days(start):
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def propose_visit_plan(*, program, start, per_agent_per_day=2):
    """A visit for every firm awaiting one: the agent who already covers the firm's
    district unless that makes their workload (open visits) clearly heavier than
    another's, and the next free working day of that agent from ``start``."""
    agents = program_agents(program)
    if not agents:
        raise ValidationError(_("The programme has no field agents to give visits to."))
    load = dict(get_user_model().objects.filter(pk__in=[a.pk for a in agents]).annotate(
        n=Count("assigned_visits", filter=Q(assigned_visits__program=program,
                                             assigned_visits__status__in=OPEN_STATUSES)))
        .values_list("pk", "n"))
    covered = {}
    for agent_id, district in Visit.objects.filter(
            program=program, agent__in=agents, status__in=OPEN_STATUSES).values_list(
            "agent_id", "firm__district").distinct():
        covered.setdefault(district, set()).add(agent_id)
    calendars = {agent.pk: _working_days(start) for agent in agents}
    slots = {agent.pk: [] for agent in agents}
    plan = []
    for firm in firms_awaiting_visit(program):
        district_agents = covered.setdefault(firm.district, set())
        agent = min(agents, key=lambda a: (
            load[a.pk] - (DISTRICT_AFFINITY if a.pk in district_agents else 0), a.username))
        load[agent.pk] += 1
        district_agents.add(agent.pk)
        if not slots[agent.pk]:
            slots[agent.pk] = [next(calendars[agent.pk])] * per_agent_per_day
        plan.append(PlannedVisit(firm=firm, agent=agent, date=slots[agent.pk].pop()))
    return plan


@transaction.atomic
def create_planned_visits(*, program, plan, by):
    """Create the scheduled visits of ``plan`` (firm, agent, date) all at once, or none.

    Refuses a firm that is not selected or already has a visit, an agent who is not a
    field agent of the programme, a missing date; the selection rows are locked so two
    coordinators cannot create the same visits.
    """
    firm_ids = [item.firm.pk for item in plan]
    locked = set(SelectionDecision.objects.select_for_update().filter(
        firm_id__in=firm_ids, firm__program=program,
        decision=SelectionDecision.Decision.SELECTED).values_list("firm_id", flat=True))
    visited = set(Visit.objects.filter(firm_id__in=firm_ids, status__in=HAS_VISIT_STATUSES)
                  .values_list("firm_id", flat=True))
    agents = {agent.pk for agent in program_agents(program)}
    errors = []
    for item in plan:
        if item.firm.pk not in locked:
            errors.append(_("%(firm)s is not selected for a visit.") % {"firm": item.firm})
        elif item.firm.pk in visited:
            errors.append(_("%(firm)s already has a visit.") % {"firm": item.firm})
        if item.agent is None or item.agent.pk not in agents:
            errors.append(_("%(firm)s: choose a field agent of the programme.")
                          % {"firm": item.firm})
        if item.date is None:
            errors.append(_("%(firm)s: give a date.") % {"firm": item.firm})
    if errors:
        raise ValidationError(errors)
    visits = Visit.objects.bulk_create([
        Visit(program=program, firm=item.firm, agent=item.agent, scheduled_date=item.date,
              status=Visit.Status.SCHEDULED) for item in plan], batch_size=500)
    now = timezone.now()
    VisitEvent.objects.bulk_create([
        VisitEvent(visit=visit, from_status=Visit.Status.PLANNED,
                   to_status=Visit.Status.SCHEDULED, by=by, at=now,
                   note=_("From the selection: %(date)s, %(agent)s") % {
                       "date": visit.scheduled_date.strftime("%d.%m.%Y"),
                       "agent": visit.agent.get_full_name() or visit.agent.username})
        for visit in visits], batch_size=500)
    return visits


def proposed_replacement(visit):
    """``(firm, reason)`` to replace a cancelled or no-show visit: the best-ranked firm of
    the same sector division and district not selected yet and never visited; ``None``
    when the stratum has no firm left."""
    if visit.status not in (Visit.Status.CANCELLED, Visit.Status.NO_SHOW):
        return None
    division = visit.firm.nace_code[:2]
    candidate = (Firm.objects.filter(program=visit.program_id, district=visit.firm.district,
                                     nace_code__startswith=division + ".",
                                     selection__decision=SelectionDecision.Decision.NOT_SELECTED)
                 .exclude(visits__isnull=False).exclude(pk=visit.firm_id)
                 .order_by("selection__overall_rank").first())
    if candidate is None:
        return None
    reason = _("Replaces %(firm)s (%(status)s: %(why)s): next in sector %(division)s and "
               "%(district)s, rank %(rank)s overall.") % {
        "firm": visit.firm, "status": visit.get_status_display(), "why": visit.closing_reason,
        "division": division, "district": visit.firm.district,
        "rank": candidate.selection.overall_rank}
    return candidate, reason


@transaction.atomic
def accept_replacement(*, visit, firm, by):
    """Select ``firm`` in place of ``visit``'s firm and give it a planned visit with the
    same agent; refuses when the proposal is no longer the current one."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    proposal = proposed_replacement(visit)
    if proposal is None or proposal[0].pk != firm.pk:
        raise ValidationError(_("This replacement is no longer proposed; reload the page."))
    firm, reason = proposal
    decision = SelectionDecision.objects.select_for_update().get(firm=firm)
    decision.decision = SelectionDecision.Decision.SELECTED
    decision.reason, decision.decided_by, decision.decided_at = reason, by, timezone.now()
    decision.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    return Visit.objects.create(program_id=visit.program_id, firm=firm, agent=visit.agent,
                                status=Visit.Status.PLANNED)

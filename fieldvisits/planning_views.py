"""Admin pages that turn the selection into visits and replace cancelled ones."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from fieldvisits.admin_views import _chosen_program
from fieldvisits.models import Firm, Visit
from fieldvisits.planning import (
    PlannedVisit,
    accept_replacement,
    create_planned_visits,
    program_agents,
    propose_visit_plan,
)
from tracker.access import Role, acting_with


def _date(text):
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except (AttributeError, ValueError):
        return None


def plan_visits_view(request):
    """The proposed plan, editable (agent and date per firm); POST creates the visits."""
    with acting_with("fieldvisits.add_visit"):
        program = _chosen_program(request, [Role.COORDINATOR])
    if program is None or not request.user.has_perm("fieldvisits.add_visit"):
        return permission_denied(request)
    start = _date(request.GET.get("start", "")) or timezone.localdate() + datetime.timedelta(1)
    agents = program_agents(program)
    try:
        plan = propose_visit_plan(program=program, start=start)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("selection:index")
    if request.method == "POST":
        by_pk = {agent.pk: agent for agent in agents}
        firms = {firm.pk: firm for firm in Firm.objects.filter(
            pk__in=[int(pk) for pk in request.POST.getlist("firm") if pk.isdigit()],
            program=program)}
        chosen = [PlannedVisit(
            firm=firm,
            agent=by_pk.get(int(request.POST.get(f"agent_{pk}", "0") or 0)),
            date=_date(request.POST.get(f"date_{pk}", "")))
            for pk, firm in firms.items()]
        try:
            visits = create_planned_visits(program=program, plan=chosen, by=request.user)
        except ValidationError as error:
            for message in error.messages[:20]:
                messages.error(request, message)
        else:
            messages.success(request, _("%(count)s visits scheduled; the agents see them in "
                                        "the field app now.") % {"count": len(visits)})
            return redirect("visits:index")
    return TemplateResponse(request, "fieldvisits/admin/plan_visits.html", {
        "page_title": _("Visits from the selection"), "program": program, "plan": plan,
        "agents": agents, "start": start,
    })


def accept_replacement_view(request, pk):
    visit = get_object_or_404(Visit.objects.reviewable_by(request.user), pk=pk)
    if request.method != "POST" or not request.user.has_perm("fieldvisits.add_visit"):
        return permission_denied(request)
    firm = get_object_or_404(Firm, pk=request.POST.get("firm", "0"), program=visit.program_id)
    try:
        replacement = accept_replacement(visit=visit, firm=firm, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("visits:inspect", pk)
    messages.success(request, _("%(firm)s is selected in its place; schedule its visit.")
                     % {"firm": replacement.firm})
    return redirect("visits:inspect", replacement.pk)

"""Admin views that move a cluster or a financing application along its stages: a
confirmation page with the reason or the goal the move needs, then the model method."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied

from clusters.models import Cluster, FinancingApplication, SupportDelivery
from clusters.queries import funnel_by_program, stage_counts, support_totals
from clusters.scoring import ranking_for
from core.money import format_totals
from core.workflow_views import move_view
from tracker.access import PLAN_READERS, acting_with, in_program_scope
from tracker.models import Goal, programs_for


class MoveForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason or note"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    goal = forms.ModelChoiceField(label=gettext_lazy("Action plan goal"),
                                  queryset=Goal.objects.none(), required=False)


# move (as the model's workflow names it) → (label, model method, what the confirmation
# says, whether a reason is required); the buttons offered are the workflow's moves from
# the row's state.
CLUSTER_MOVES = {
    "analyse": (gettext_lazy("Mark as analysed"), "analyse",
                gettext_lazy("The analysis is complete: every criterion is scored."), False),
    "select": (gettext_lazy("Select"), "select",
               gettext_lazy("The cluster is selected for the programme. Selecting a cluster "
                            "the ranking does not propose needs a reason."), False),
    "action_plan": (gettext_lazy("Start the action plan"), "start_action_plan",
                    gettext_lazy("The cluster's action plan is a goal of the programme's "
                                 "action plan with at least one action."), False),
    "implement": (gettext_lazy("Start implementing"), "start_implementing",
                  gettext_lazy("The action plan is being carried out."), False),
    "complete": (gettext_lazy("Mark as completed"), "complete",
                 gettext_lazy("The cluster's action plan is completed."), False),
    "drop": (gettext_lazy("Drop"), "drop",
             gettext_lazy("The cluster is dropped; it keeps counting at the stages it "
                          "reached. Say why."), True),
}

FINANCING_MOVES = {
    "admit": (gettext_lazy("Admitted"), "admit",
              gettext_lazy("The firm is admitted to the financing instrument."), False),
    "final": (gettext_lazy("In final stages"), "reach_final_stages",
              gettext_lazy("The application is in its final stages."), False),
    "withdraw": (gettext_lazy("Withdraw"), "withdraw",
                 gettext_lazy("The application is withdrawn. Say why."), True),
}


def writable(model, user, pk):
    """The row ``pk`` if ``user`` may change it (coordinator of its programme), else 404."""
    permission = f"clusters.change_{model._meta.model_name}"
    with acting_with(permission):
        return get_object_or_404(model.objects.for_user(user), pk=pk)


def _move_view(request, *, obj, move, moves, inspect_url, extra=None):
    label, method, explanation, reason_required = moves[move]
    form = MoveForm(request.POST if request.method == "POST" else None)
    if move == "action_plan":
        form.fields["goal"].queryset = Goal.objects.filter(
            pillar__plan__program=obj.program_id).select_related("pillar__plan")
        form.fields["goal"].required = True
        form.fields["goal"].initial = obj.action_plan_goal_id
    else:
        del form.fields["goal"]
    form.fields["reason"].required = reason_required

    def make_move(data):
        arguments = {"by": request.user}
        if method in ("drop", "select", "withdraw"):
            arguments["reason"] = data["reason"]
        elif method == "start_action_plan":
            arguments["goal"] = data["goal"]
        else:
            arguments["note"] = data["reason"]
        getattr(obj, method)(**arguments)

    return move_view(
        request, obj=obj, make_move=make_move, done_url=inspect_url, form=form,
        success=lambda: _("“%(object)s” is now “%(stage)s”.") % {
            "object": obj, "stage": obj.get_stage_display()},
        template="clusters/admin/confirm_move.html",
        context={"page_title": label, "header_title": label, "explanation": explanation,
                 "button": label, **(extra or {})})


def cluster_move_view(request, pk, move):
    if move not in CLUSTER_MOVES:
        raise Http404
    if not request.user.has_perm("clusters.change_cluster"):
        return permission_denied(request)
    cluster = writable(Cluster, request.user, pk)
    extra = {}
    if move == "select":
        extra["ranking"] = ranking_for(cluster.program_id).get(cluster.pk)
    return _move_view(request, obj=cluster, move=move, moves=CLUSTER_MOVES,
                      inspect_url=reverse("clusters:inspect", args=[cluster.pk]), extra=extra)


def financing_move_view(request, pk, move):
    if move not in FINANCING_MOVES:
        raise Http404
    if not request.user.has_perm("clusters.change_financingapplication"):
        return permission_denied(request)
    application = writable(FinancingApplication, request.user, pk)
    return _move_view(request, obj=application, move=move, moves=FINANCING_MOVES,
                      inspect_url=reverse("cluster_financing:inspect", args=[application.pk]))


def overview_view(request):
    """The funnel, the support delivered and the financing pipeline of every programme
    the user reads, one row each, and their total: a comparison across programmes, so
    whichever programme the header has chosen."""
    with in_program_scope(None):
        programs = list(programs_for(request.user, PLAN_READERS).order_by("province", "name_tr"))
    if not programs:
        return permission_denied(request)
    funnels = funnel_by_program(programs)
    counts = stage_counts(programs)
    support = support_totals(programs)
    kinds = SupportDelivery.Kind
    # Training places are counted in places, the other instruments in money: each
    # programme's in its own currency, the total row one line per currency.
    money_kinds = [kind for kind in kinds.values if kind != kinds.TRAINING_PLACES]
    rows = []
    for program in programs:
        delivered = support["by_program"].get(program.pk, {})
        rows.append({
            "program": program,
            "funnel": funnels[program.pk],
            "dropped": counts[program.pk][Cluster.Stage.DROPPED],
            "amounts": [format_totals(delivered.get(kind, {}).get("amounts", {}))
                        for kind in money_kinds],
            "places": delivered.get(kinds.TRAINING_PLACES, {}).get("places", 0),
            "financing": support["financing"]["by_program"].get(program.pk, {}),
        })
    total_funnel = [row._replace(reached=sum(r["funnel"][i].reached for r in rows))
                    for i, row in enumerate(rows[0]["funnel"])]
    return TemplateResponse(request, "clusters/admin/overview.html", {
        "page_title": _("Cluster programmes"), "header_title": _("Cluster programmes"),
        "rows": rows, "stages": [row.label for row in total_funnel],
        "kinds": [kinds(kind).label for kind in money_kinds],
        "total": {
            "funnel": total_funnel,
            "dropped": sum(row["dropped"] for row in rows),
            "amounts": [format_totals(support["national"][kind]["amounts"])
                        for kind in money_kinds],
            "places": support["national"][kinds.TRAINING_PLACES]["places"],
            "financing": support["financing"]["national"],
        },
    })

"""Reads for pages, panels and the national portfolio: aggregates in the database.

``programs`` may be a queryset of programmes, a list of programmes or a list of ids;
each function below runs one query (``support_totals`` two) whatever their number.
"""

from collections import namedtuple
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from clusters.models import (
    FUNNEL_STAGES,
    STAGE_ORDER,
    Cluster,
    ClusterEvent,
    FinancingApplication,
    SupportDelivery,
)
from tracker.models import Program, end_of_day

FunnelRow = namedtuple("FunnelRow", ["stage", "label", "reached"])


def _program_filter(programs):
    if isinstance(programs, QuerySet):
        return programs.values("pk")
    return [getattr(program, "pk", program) for program in programs]


def stage_counts(programs):
    """``{program_id: {stage: count}}``: how many clusters stand at each stage now,
    every stage present (0 when none), dropped included."""
    annotations = {
        f"n_{stage}": Count("clusters", filter=Q(clusters__stage=stage))
        for stage in Cluster.Stage.values
    }
    rows = (Program.objects.filter(pk__in=_program_filter(programs)).order_by()
            .values("pk").annotate(**annotations))
    return {
        row["pk"]: {stage: row[f"n_{stage}"] for stage in Cluster.Stage.values}
        for row in rows
    }


def clusters_as_of(programs, day):
    """Clusters of ``programs`` created by the end of ``day``, annotated with
    ``reached_then``: the furthest funnel stage their stage events had reached by then
    (1, identified, when none had)."""
    end = end_of_day(day)
    order = Case(*[When(to_stage=stage, then=Value(position))
                   for stage, position in STAGE_ORDER.items()],
                 default=Value(1), output_field=IntegerField())
    furthest = (ClusterEvent.objects.filter(cluster=OuterRef("pk"), at__lt=end).order_by()
                .values("cluster").annotate(n=Max(order)).values("n")[:1])
    return (Cluster.objects.filter(program__in=_program_filter(programs), created_at__lt=end)
            .annotate(reached_then=Coalesce(Subquery(furthest), Value(1),
                                            output_field=IntegerField())))


def _reached_annotations(prefix=""):
    return {
        f"reached_{stage}": Count(f"{prefix}pk", filter=Q(**{f"{prefix}reached__gte": order}))
        for stage, order in STAGE_ORDER.items()
    }


def _funnel_rows(row):
    return [FunnelRow(stage.value, stage.label, row[f"reached_{stage}"] or 0)
            for stage in FUNNEL_STAGES]


def _reached_then_annotations():
    return {f"reached_{stage}": Count("pk", filter=Q(reached_then__gte=order))
            for stage, order in STAGE_ORDER.items()}


def funnel(programs, as_of=None):
    """Identified … completed over ``programs``: how many clusters reached or passed each
    stage (by the end of ``as_of`` when given, from the stage events). A cluster dropped
    after selection still counts as identified, analysed and selected."""
    if as_of is not None:
        return _funnel_rows(clusters_as_of(programs, as_of)
                            .aggregate(**_reached_then_annotations()))
    row = (Cluster.objects.filter(program__in=_program_filter(programs))
           .aggregate(**_reached_annotations()))
    return _funnel_rows(row)


def funnel_by_program(programs, as_of=None):
    """``{program_id: [FunnelRow, …]}`` for each of ``programs``, in one query; by the
    end of ``as_of`` when given."""
    if as_of is not None:
        rows = (clusters_as_of(programs, as_of).order_by().values("program")
                .annotate(**_reached_then_annotations()))
        found = {row["program"]: _funnel_rows(row) for row in rows}
        empty = dict.fromkeys((f"reached_{stage}" for stage in STAGE_ORDER), 0)
        return {pk: found.get(pk, _funnel_rows(empty))
                for pk in Program.objects.filter(pk__in=_program_filter(programs))
                .values_list("pk", flat=True)}
    rows = (Program.objects.filter(pk__in=_program_filter(programs)).order_by()
            .values("pk").annotate(**_reached_annotations("clusters__")))
    return {row["pk"]: _funnel_rows(row) for row in rows}


def support_amount_by_program(programs):
    """``{program_id: amount}``: the support delivered to each of ``programs``' clusters,
    each in its own programme's currency (so never added across programmes here), in one
    query; programmes without an amount are left out."""
    rows = (SupportDelivery.objects.filter(cluster__program__in=_program_filter(programs),
                                           amount__isnull=False)
            .order_by().values("cluster__program_id").annotate(total=Sum("amount")))
    return {row["cluster__program_id"]: row["total"] for row in rows}


def _empty_totals():
    return {"deliveries": 0, "amounts": {}, "places": 0}


def support_totals(programs):
    """Support delivered over ``programs``, in two queries::

        {"by_program": {program_id: {kind: {"deliveries", "amounts", "places"}}},
         "national": {kind: {...}},
         "financing": {"by_program": {program_id: {stage: count}}, "national": {stage: count}}}

    ``amounts`` is ``{currency code: total}``: each programme's amounts are in its own
    currency, and a total never adds two currencies. Every kind and stage is present
    (zeros when none). "National" is the sum over the programmes given; pass every
    programme for the national figure.
    """
    delivery_rows = (
        SupportDelivery.objects.filter(cluster__program__in=_program_filter(programs))
        .order_by().values("cluster__program_id", "cluster__program__currency", "kind")
        .annotate(deliveries=Count("pk"), amount_sum=Sum("amount"), places_sum=Sum("places"))
    )
    by_program, national = {}, {kind: _empty_totals() for kind in SupportDelivery.Kind.values}
    for row in delivery_rows:
        kinds = by_program.setdefault(
            row["cluster__program_id"],
            {kind: _empty_totals() for kind in SupportDelivery.Kind.values})
        currency = row["cluster__program__currency"]
        for target in (kinds[row["kind"]], national[row["kind"]]):
            target["deliveries"] += row["deliveries"]
            if row["amount_sum"] is not None:
                amounts = target["amounts"]
                amounts[currency] = amounts.get(currency, Decimal("0")) + row["amount_sum"]
            target["places"] += row["places_sum"] or 0
    financing_rows = (
        FinancingApplication.objects.filter(cluster__program__in=_program_filter(programs))
        .order_by().values("cluster__program_id", "stage").annotate(n=Count("pk"))
    )
    stages = FinancingApplication.Stage.values
    financing = {"by_program": {}, "national": dict.fromkeys(stages, 0)}
    for row in financing_rows:
        per_program = financing["by_program"].setdefault(
            row["cluster__program_id"], dict.fromkeys(stages, 0))
        per_program[row["stage"]] += row["n"]
        financing["national"][row["stage"]] += row["n"]
    return {"by_program": by_program, "national": national, "financing": financing}

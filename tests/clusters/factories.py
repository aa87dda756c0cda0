"""Cluster rows for tests: a candidate with its four scores, moved to a chosen stage."""

import factory

from clusters.models import Cluster, Criterion, CriterionScore
from tests.factories import ProgramFactory


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Küme {n}")
    nace_codes = "28.93"


def score(cluster, **scores):
    """Score ``cluster`` on every criterion (3 unless given by criterion value)."""
    for criterion in Criterion.values:
        CriterionScore.objects.update_or_create(
            cluster=cluster, criterion=criterion,
            defaults={"score": scores.get(criterion, 3), "evidence": "Dış ticaret verisi",
                      "source": "TÜİK 2025"})


def move_to(cluster, stage, *, by, goal=None):
    """Walk ``cluster`` along the funnel up to ``stage`` (dropped: dropped after
    selection)."""
    order = [Cluster.Stage.ANALYSED, Cluster.Stage.SELECTED, Cluster.Stage.ACTION_PLAN,
             Cluster.Stage.IMPLEMENTING, Cluster.Stage.COMPLETED]
    if stage == Cluster.Stage.IDENTIFIED:
        return cluster
    target = Cluster.Stage.SELECTED if stage == Cluster.Stage.DROPPED else stage
    for step in order[:order.index(target) + 1]:
        if step == Cluster.Stage.ANALYSED:
            if not cluster.scores.exists():
                score(cluster)
            cluster.analyse(by=by)
        elif step == Cluster.Stage.SELECTED:
            cluster.select(by=by, reason="Paydaş toplantısının kararı")
        elif step == Cluster.Stage.ACTION_PLAN:
            cluster.start_action_plan(by=by, goal=goal)
        elif step == Cluster.Stage.IMPLEMENTING:
            cluster.start_implementing(by=by)
        else:
            cluster.complete(by=by)
    if stage == Cluster.Stage.DROPPED:
        cluster.drop(by=by, reason="Firmalar ortak çalışmaya istekli değil")
    return cluster

"""Two people moving one cluster at the same moment, on PostgreSQL: exactly one move
wins, the other is refused with the stage the winner left, and history has one row."""

import pytest
from django.utils import translation

from clusters.models import Cluster, ClusterEvent
from core.workflow import IllegalMove
from tests.clusters.factories import ClusterFactory, move_to, score
from tests.factories import ActionFactory, GoalFactory, PillarFactory, PlanVersionFactory
from tests.integrity.conftest import postgres, race  # noqa: F401 (the skip fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

ROUNDS = 4


def in_english(call):
    """``call`` run with English messages: each thread starts in the site's language."""
    def run():
        with translation.override("en"):
            return call()
    return run


def test_complete_and_drop_at_once_leave_one_outcome(personas):
    goal = GoalFactory(pillar=PillarFactory(plan=PlanVersionFactory(program=personas.program)))
    ActionFactory(goal=goal)
    user = personas.coordinator
    outcomes = set()
    for number in range(ROUNDS):
        cluster = move_to(ClusterFactory(program=personas.program, name=f"Küme {number}"),
                          Cluster.Stage.IMPLEMENTING, by=user, goal=goal)
        # Each side holds its own copy loaded before the race, as two browsers would.
        first, second = (Cluster.objects.get(pk=cluster.pk) for _ in range(2))
        completed, dropped = race(
            in_english(lambda c=first: c.complete(by=user)),
            in_english(lambda c=second: c.drop(by=user, reason="Firmalar çekildi")),
        )
        cluster.refresh_from_db()
        moves = ClusterEvent.objects.filter(cluster=cluster,
                                            from_stage=Cluster.Stage.IMPLEMENTING)
        assert moves.count() == 1
        if cluster.stage == Cluster.Stage.COMPLETED:
            assert completed is None
            assert isinstance(dropped, IllegalMove)
            assert "“Completed” cannot become “Dropped”" in str(dropped)
            assert cluster.dropped_reason == ""
        else:
            assert cluster.stage == Cluster.Stage.DROPPED
            assert dropped is None
            assert isinstance(completed, IllegalMove)
            assert "“Dropped” cannot become “Completed”" in str(completed)
        assert cluster.reached == (6 if cluster.stage == Cluster.Stage.COMPLETED else 5)
        outcomes.add(cluster.stage)
    assert outcomes <= {Cluster.Stage.COMPLETED, Cluster.Stage.DROPPED}


def test_two_analyses_at_once_record_one_move(personas):
    user = personas.coordinator
    for number in range(ROUNDS):
        cluster = move_to(ClusterFactory(program=personas.program, name=f"Aday {number}"),
                          Cluster.Stage.IDENTIFIED, by=user)
        score(cluster)
        first, second = (Cluster.objects.get(pk=cluster.pk) for _ in range(2))
        results = race(lambda c=first: c.analyse(by=user), lambda c=second: c.analyse(by=user))
        assert sum(result is None for result in results) == 1
        assert sum(isinstance(result, IllegalMove) for result in results) == 1
        assert cluster.events.count() == 1

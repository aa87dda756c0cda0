"""A cluster moves identified → analysed → selected → action plan → implementing →
completed, or is dropped with a reason; every other move is refused and changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from clusters.models import Cluster, ClusterMember
from core.workflow import IllegalMove
from tests.clusters.factories import ClusterFactory, move_to
from tests.factories import (
    ActionFactory,
    FirmFactory,
    GoalFactory,
    PillarFactory,
    PlanVersionFactory,
    ProgramFactory,
    UserFactory,
)


def goal_of(program, *, actions=1):
    plan = program.plan_versions.first() or PlanVersionFactory(program=program)
    goal = GoalFactory(pillar=PillarFactory(plan=plan))
    ActionFactory.create_batch(actions, goal=goal)
    return goal


@pytest.mark.django_db
def test_dropping_without_a_reason_is_refused():
    user = UserFactory()
    cluster = ClusterFactory()
    with pytest.raises(IllegalMove, match="Give a reason for dropping the cluster."):
        cluster.drop(by=user, reason="   ")
    cluster.refresh_from_db()
    assert cluster.stage == Cluster.Stage.IDENTIFIED
    assert cluster.events.count() == 0


@pytest.mark.django_db
def test_dropping_keeps_the_reason_and_the_furthest_stage():
    user = UserFactory()
    cluster = move_to(ClusterFactory(), Cluster.Stage.SELECTED, by=user)
    cluster.drop(by=user, reason="Firmalar geri çekildi.")
    cluster.refresh_from_db()
    assert (cluster.stage, cluster.dropped_reason, cluster.reached) == (
        Cluster.Stage.DROPPED, "Firmalar geri çekildi.", 3)


@pytest.mark.django_db
def test_the_database_refuses_a_dropped_cluster_without_reason():
    cluster = ClusterFactory()
    with pytest.raises(Exception):  # noqa: B017 (IntegrityError, whatever the backend)
        Cluster.objects.filter(pk=cluster.pk).update(stage=Cluster.Stage.DROPPED)


@pytest.mark.django_db
@pytest.mark.parametrize("stage, method", [
    (Cluster.Stage.IDENTIFIED, "start_implementing"),
    (Cluster.Stage.IDENTIFIED, "complete"),
    (Cluster.Stage.ANALYSED, "analyse"),
    (Cluster.Stage.SELECTED, "complete"),
    (Cluster.Stage.COMPLETED, "start_implementing"),
    (Cluster.Stage.DROPPED, "start_implementing"),
])
def test_illegal_moves_are_refused(stage, method):
    user = UserFactory()
    program = ProgramFactory()
    cluster = move_to(ClusterFactory(program=program), stage, by=user, goal=goal_of(program))
    events = cluster.events.count()
    with pytest.raises(IllegalMove, match="A cluster that is “.*” cannot become"):
        getattr(cluster, method)(by=user)
    cluster.refresh_from_db()
    assert cluster.stage == stage
    assert cluster.events.count() == events


@pytest.mark.django_db
def test_a_completed_cluster_cannot_be_dropped():
    user = UserFactory()
    program = ProgramFactory()
    cluster = move_to(ClusterFactory(program=program), Cluster.Stage.COMPLETED, by=user,
                      goal=goal_of(program))
    with pytest.raises(IllegalMove, match="“Completed” cannot become “Dropped”"):
        cluster.drop(by=user, reason="Geç kalındı.")


@pytest.mark.django_db
def test_analysis_needs_every_criterion_scored():
    user = UserFactory()
    cluster = ClusterFactory()
    cluster.scores.create(criterion="demand", score=4, evidence="x", source="y")
    with pytest.raises(IllegalMove, match="missing: Economic impact, Networking and "
                                          "cooperation, Factor conditions"):
        cluster.analyse(by=user)


@pytest.mark.django_db
def test_the_action_plan_needs_a_goal_with_an_action():
    user = UserFactory()
    program = ProgramFactory()
    cluster = move_to(ClusterFactory(program=program), Cluster.Stage.SELECTED, by=user)
    with pytest.raises(IllegalMove, match="Choose the action plan goal"):
        cluster.start_action_plan(by=user)
    with pytest.raises(IllegalMove, match="has no actions yet"):
        cluster.start_action_plan(by=user, goal=goal_of(program, actions=0))
    with pytest.raises(IllegalMove, match="another programme's plan"):
        cluster.start_action_plan(by=user, goal=goal_of(ProgramFactory()))
    goal = goal_of(program, actions=2)
    cluster.start_action_plan(by=user, goal=goal)
    cluster.refresh_from_db()
    assert (cluster.stage, cluster.action_plan_goal) == (Cluster.Stage.ACTION_PLAN, goal)


@pytest.mark.django_db
def test_every_move_is_recorded_with_who_and_from_where():
    user = UserFactory()
    program = ProgramFactory()
    cluster = move_to(ClusterFactory(program=program), Cluster.Stage.COMPLETED, by=user,
                      goal=goal_of(program))
    assert list(cluster.events.values_list("from_stage", "to_stage")) == [
        ("identified", "analysed"), ("analysed", "selected"), ("selected", "action_plan"),
        ("action_plan", "implementing"), ("implementing", "completed")]
    assert set(cluster.events.values_list("by", flat=True)) == {user.pk}


@pytest.mark.django_db
def test_a_firm_of_another_programme_cannot_be_a_member():
    cluster = ClusterFactory()
    foreign = FirmFactory(program=ProgramFactory(), trade_name="Uzak Firma A.Ş.")
    with pytest.raises(ValidationError, match="Uzak Firma A.Ş. belong to another programme"), \
            transaction.atomic():
        cluster.members.add(foreign)
    with pytest.raises(ValidationError, match="another programme"), transaction.atomic():
        ClusterMember.objects.create(cluster=cluster, firm=foreign)
    assert cluster.members.count() == 0


@pytest.mark.django_db
def test_a_firm_of_the_programme_becomes_a_member():
    cluster = ClusterFactory()
    firm = FirmFactory(program=cluster.program)
    cluster.members.add(firm)
    assert list(cluster.members.all()) == [firm]


@pytest.mark.django_db
def test_nace_codes_must_be_class_codes():
    cluster = ClusterFactory.build(program=ProgramFactory(), nace_codes="28.93, 2893")
    with pytest.raises(ValidationError, match="NACE Rev.2 class code such as 25.62"):
        cluster.full_clean()

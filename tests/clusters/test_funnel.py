"""The funnel counts a cluster at every stage it reached, dropped or not, and agrees with
direct queries; its query count does not grow with the number of programmes."""

import pytest

from clusters.models import FUNNEL_STAGES, STAGE_ORDER, Cluster
from clusters.public import public_funnel
from clusters.queries import funnel, funnel_by_program, stage_counts
from tests.clusters.factories import ClusterFactory, move_to
from tests.factories import (
    ActionFactory,
    GoalFactory,
    PillarFactory,
    PlanVersionFactory,
    ProgramFactory,
    UserFactory,
)


def goal_with_action(program):
    goal = GoalFactory(pillar=PillarFactory(plan=PlanVersionFactory(program=program)))
    ActionFactory(goal=goal)
    return goal


def populate(program, user):
    """One cluster at each stage, plus one dropped after selection."""
    goal = goal_with_action(program)
    for stage in [*FUNNEL_STAGES, Cluster.Stage.DROPPED]:
        move_to(ClusterFactory(program=program), stage, by=user, goal=goal)


@pytest.mark.django_db
@pytest.mark.parametrize("stage", FUNNEL_STAGES, ids=lambda s: s.value)
def test_funnel_count_equals_clusters_that_reached_the_stage(stage):
    user = UserFactory()
    program, other = ProgramFactory(), ProgramFactory()
    populate(program, user)
    populate(other, user)
    rows = {row.stage: row.reached for row in funnel([program])}
    # Reached or passed: the clusters standing at this stage or any later one, plus those
    # dropped after getting this far.
    later = [s for s in FUNNEL_STAGES if STAGE_ORDER[s] >= STAGE_ORDER[stage]]
    dropped = Cluster.objects.filter(program=program, stage=Cluster.Stage.DROPPED)
    if stage != Cluster.Stage.IDENTIFIED:  # every cluster starts identified, with no event
        dropped = dropped.filter(events__to_stage__in=later).distinct()
    direct = Cluster.objects.filter(program=program, stage__in=later).count() + dropped.count()
    assert rows[stage] == direct
    assert funnel_by_program([program, other])[program.pk] == funnel([program])


@pytest.mark.django_db
def test_a_cluster_dropped_after_selection_counts_as_selected_but_not_planned():
    user = UserFactory()
    program = ProgramFactory()
    move_to(ClusterFactory(program=program), Cluster.Stage.DROPPED, by=user)
    rows = {row.stage: row.reached for row in funnel([program])}
    assert rows == {"identified": 1, "analysed": 1, "selected": 1, "action_plan": 0,
                    "implementing": 0, "completed": 0}


@pytest.mark.django_db
@pytest.mark.parametrize("stage", Cluster.Stage.values)
def test_stage_counts_equal_direct_queries(stage):
    user = UserFactory()
    program, empty = ProgramFactory(), ProgramFactory()
    populate(program, user)
    counts = stage_counts(program.__class__.objects.filter(pk__in=[program.pk, empty.pk]))
    assert counts[program.pk][stage] == Cluster.objects.filter(program=program,
                                                               stage=stage).count()
    assert counts[empty.pk][stage] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_funnel_queries_stay_flat_with_more_programmes(size, django_assert_num_queries):
    user = UserFactory()
    programs = [ProgramFactory() for _ in range(size)]
    for program in programs:
        move_to(ClusterFactory(program=program), Cluster.Stage.SELECTED, by=user)
    with django_assert_num_queries(1):
        counts = stage_counts(programs)
    with django_assert_num_queries(1):
        rows = funnel(programs)
    with django_assert_num_queries(1):
        per_program = funnel_by_program(programs)
    assert sum(c["selected"] for c in counts.values()) == size
    assert rows[2].reached == size
    assert len(per_program) == size


@pytest.mark.django_db
def test_public_funnel_adds_up_provinces():
    user = UserFactory()
    corum = ProgramFactory(province="Çorum")
    samsun_a, samsun_b = ProgramFactory(province="Samsun"), ProgramFactory(province="Samsun")
    move_to(ClusterFactory(program=corum), Cluster.Stage.SELECTED, by=user)
    move_to(ClusterFactory(program=samsun_a), Cluster.Stage.ANALYSED, by=user)
    ClusterFactory(program=samsun_b)
    published = public_funnel("TR")
    provinces = dict(published["provinces"])
    assert [row.reached for row in provinces["Samsun"]][:3] == [2, 1, 0]
    assert [row.reached for row in provinces["Çorum"]][:3] == [1, 1, 1]
    assert [row.reached for row in published["national"]][:3] == [3, 2, 1]


@pytest.mark.django_db
def test_public_funnel_of_a_country_leaves_out_the_programmes_of_another():
    user = UserFactory()
    kayseri = ProgramFactory(province="Kayseri")
    qom = ProgramFactory(province="قم", country="IR", currency="IRR")
    move_to(ClusterFactory(program=kayseri), Cluster.Stage.SELECTED, by=user)
    move_to(ClusterFactory(program=qom), Cluster.Stage.ANALYSED, by=user)
    ClusterFactory(program=qom)
    iran, turkey = public_funnel("IR"), public_funnel("TR")
    assert [row.reached for row in iran["national"]][:3] == [2, 1, 0]
    assert [province for province, _rows in iran["provinces"]] == ["قم"]
    assert [row.reached for row in turkey["national"]][:3] == [1, 1, 1]
    assert [province for province, _rows in turkey["provinces"]] == ["Kayseri"]

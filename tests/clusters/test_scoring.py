"""Candidates are ranked by the weighted sum of their four criterion scores; the weights
decide the order, and selecting a cluster the ranking does not propose needs a reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from clusters.models import Cluster, CriteriaWeights
from clusters.scoring import ranking_for, rankings_for
from core.workflow import IllegalMove
from tests.clusters.factories import ClusterFactory, score
from tests.factories import ProgramFactory, UserFactory

# economic impact, demand, networking, factor conditions
MACHINERY = {"economic_impact": 5, "demand": 2, "networking": 2, "factor_conditions": 3}
FURNITURE = {"economic_impact": 3, "demand": 4, "networking": 5, "factor_conditions": 2}


def candidates(program):
    machinery = ClusterFactory(program=program, name="Makine")
    furniture = ClusterFactory(program=program, name="Mobilya")
    score(machinery, **MACHINERY)
    score(furniture, **FURNITURE)
    return machinery, furniture


@pytest.mark.django_db
def test_equal_weights_rank_by_the_mean_score():
    program = ProgramFactory()
    machinery, furniture = candidates(program)
    ranking = ranking_for(program)
    # (5+2+2+3)/4 = 3.00 and (3+4+5+2)/4 = 3.50
    assert ranking[machinery.pk].weighted_score == Decimal("3.00")
    assert ranking[furniture.pk].weighted_score == Decimal("3.50")
    assert (ranking[furniture.pk].rank, ranking[machinery.pk].rank) == (1, 2)


@pytest.mark.django_db
def test_weights_change_the_rank():
    program = ProgramFactory()
    machinery, furniture = candidates(program)
    CriteriaWeights.objects.create(program=program, economic_impact=60, demand=10,
                                   networking=10, factor_conditions=20)
    ranking = ranking_for(program)
    # 0.6·5 + 0.1·2 + 0.1·2 + 0.2·3 = 4.00; 0.6·3 + 0.1·4 + 0.1·5 + 0.2·2 = 3.10
    assert ranking[machinery.pk].weighted_score == Decimal("4.00")
    assert ranking[furniture.pk].weighted_score == Decimal("3.10")
    assert (ranking[machinery.pk].rank, ranking[furniture.pk].rank) == (1, 2)


@pytest.mark.django_db
def test_equal_scores_share_a_rank():
    program = ProgramFactory()
    first, second, third = (ClusterFactory(program=program) for _ in range(3))
    score(first, economic_impact=5)
    score(second, economic_impact=5)
    score(third)
    ranks = {pk: row.rank for pk, row in ranking_for(program).items()}
    assert ranks == {first.pk: 1, second.pk: 1, third.pk: 3}


@pytest.mark.django_db
def test_a_cluster_missing_a_score_is_not_ranked():
    program = ProgramFactory()
    scored, unscored = ClusterFactory(program=program), ClusterFactory(program=program)
    score(scored)
    unscored.scores.create(criterion="demand", score=5, evidence="x", source="y")
    assert set(ranking_for(program)) == {scored.pk}


@pytest.mark.django_db
def test_weights_that_do_not_add_up_to_100_are_refused():
    program = ProgramFactory()
    weights = CriteriaWeights(program=program, economic_impact=40, demand=30, networking=20,
                              factor_conditions=20)
    with pytest.raises(ValidationError, match="add up to 100; they add up to 110"):
        weights.full_clean()
    with pytest.raises(IntegrityError):
        weights.save()


@pytest.mark.django_db
def test_selecting_the_top_ranked_cluster_needs_no_reason():
    user = UserFactory()
    program = ProgramFactory()
    CriteriaWeights.objects.create(program=program, proposed_count=1)
    machinery, furniture = candidates(program)
    furniture.analyse(by=user)
    furniture.select(by=user)
    furniture.refresh_from_db()
    assert furniture.stage == Cluster.Stage.SELECTED
    assert (furniture.selection_rank, furniture.selection_is_override) == (1, False)
    assert furniture.selection_score == Decimal("3.50")


@pytest.mark.django_db
def test_selecting_against_the_ranking_needs_a_reason():
    user = UserFactory()
    program = ProgramFactory()
    CriteriaWeights.objects.create(program=program, proposed_count=1)
    machinery, _furniture = candidates(program)
    machinery.analyse(by=user)
    with pytest.raises(IllegalMove, match="ranks 2 and is not among the 1 the ranking"):
        machinery.select(by=user, reason="  ")
    machinery.refresh_from_db()
    assert machinery.stage == Cluster.Stage.ANALYSED


@pytest.mark.django_db
def test_an_override_keeps_its_reason_in_the_cluster_and_its_history():
    user = UserFactory()
    program = ProgramFactory()
    CriteriaWeights.objects.create(program=program, proposed_count=1)
    machinery, _furniture = candidates(program)
    machinery.analyse(by=user)
    machinery.select(by=user, reason="OSB'de ortak test merkezi kuruluyor.")
    machinery.refresh_from_db()
    assert machinery.selection_is_override is True
    assert machinery.selection_reason == "OSB'de ortak test merkezi kuruluyor."
    event = machinery.events.get(to_stage=Cluster.Stage.SELECTED)
    assert (event.by, event.note) == (user, "OSB'de ortak test merkezi kuruluyor.")


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_rankings_take_two_queries_for_any_number_of_programmes(size,
                                                                django_assert_num_queries):
    programs = [ProgramFactory() for _ in range(size)]
    for program in programs:
        candidates(program)
    with django_assert_num_queries(2):
        rankings = rankings_for(programs)
    assert all(len(rankings[program.pk]) == 2 for program in programs)

"""Ranking candidate clusters from the four criteria.

The weighted score is ``Σ weight × score / 100`` on the scores' 1–5 scale (weights are
percentages adding up to 100), rounded to two decimals. Candidates with all four
criteria scored are ranked within their programme, highest first; equal scores share a
rank. Dropped clusters are not ranked. The top ``proposed_count`` ranks are proposed
for selection; selecting any other cluster is an override that needs a reason.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from clusters.models.querysets import ClusterStage
from clusters.models.scoring import (
    DEFAULT_PROPOSED_COUNT,
    DEFAULT_WEIGHTS,
    CriteriaWeights,
    Criterion,
    CriterionScore,
)


@dataclass
class RankRow:
    cluster_id: int
    weighted_score: Decimal
    rank: int = 0
    proposed: bool = False
    proposed_count: int = DEFAULT_PROPOSED_COUNT
    scores: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)

    def contributions(self):
        """``(criterion label, weight, score, weight × score / 100)`` per criterion: what
        the page shows under "why this rank"."""
        return [
            (Criterion(criterion).label, self.weights[criterion], self.scores[criterion],
             weighted([self.weights[criterion]], [self.scores[criterion]]))
            for criterion in Criterion.values
        ]


def weighted(weights, scores):
    total = sum(Decimal(w) * Decimal(s) for w, s in zip(weights, scores, strict=True))
    return (total / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def weights_for(programs):
    """``{program_id: (weights, proposed_count)}`` for ``programs`` (ids), in one query;
    the default weights for a programme that has set none."""
    found = {
        row.program_id: (row.as_dict(), row.proposed_count)
        for row in CriteriaWeights.objects.filter(program_id__in=programs)
    }
    return {pk: found.get(pk, (dict(DEFAULT_WEIGHTS), DEFAULT_PROPOSED_COUNT))
            for pk in programs}


def rank_rows(score_rows, weights, proposed_count):
    """``score_rows``: ``{cluster_id: {criterion: score}}`` → ``{cluster_id: RankRow}``
    for the clusters with every criterion scored."""
    rows = [
        RankRow(cluster_id=cluster_id, scores=scores, weights=weights,
                proposed_count=proposed_count,
                weighted_score=weighted([weights[c] for c in Criterion.values],
                                        [scores[c] for c in Criterion.values]))
        for cluster_id, scores in score_rows.items()
        if all(c in scores for c in Criterion.values)
    ]
    rows.sort(key=lambda row: (-row.weighted_score, row.cluster_id))
    previous = None
    for position, row in enumerate(rows, start=1):
        row.rank = previous.rank if previous and previous.weighted_score == row.weighted_score \
            else position
        row.proposed = row.rank <= proposed_count
        previous = row
    return {row.cluster_id: row for row in rows}


def rankings_for(programs):
    """``{program_id: {cluster_id: RankRow}}`` for ``programs`` (programmes or ids), in two
    queries whatever their number."""
    program_ids = [getattr(program, "pk", program) for program in programs]
    weights = weights_for(program_ids)
    score_rows = {pk: {} for pk in program_ids}
    for program_id, cluster_id, criterion, score in (
        CriterionScore.objects.filter(cluster__program__in=program_ids)
        .exclude(cluster__stage=ClusterStage.DROPPED)
        .values_list("cluster__program_id", "cluster_id", "criterion", "score")
    ):
        score_rows[program_id].setdefault(cluster_id, {})[criterion] = score
    return {pk: rank_rows(score_rows[pk], *weights[pk]) for pk in program_ids}


def ranking_for(program):
    """``{cluster_id: RankRow}`` for ``program``'s ranked candidates."""
    pk = getattr(program, "pk", program)
    return rankings_for([pk])[pk]

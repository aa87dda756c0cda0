"""A firm's place in its sector: the share of the group below its score, ties half."""

from reports.firm_feedback import percentile


def test_place_counts_the_firms_below_and_half_the_ties():
    # Ten firms: two at 1, three at 2, four at 3, one at 5.
    counts = {1: 2, 2: 3, 3: 4, 4: 0, 5: 1}
    assert [percentile(counts, score) for score in (1, 3, 5)] == [10, 70, 95]


def test_place_is_not_shown_for_a_group_of_four():
    assert percentile({1: 1, 2: 1, 3: 2, 4: 0, 5: 0}, 3) is None

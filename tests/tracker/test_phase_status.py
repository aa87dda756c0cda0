"""Phase status at its boundaries, and weighted progress."""

import datetime

import pytest

from tests.factories import MilestoneFactory, PhaseFactory
from tracker.models import Phase, PhaseStatus

D = datetime.date
START, END = D(2026, 1, 1), D(2026, 12, 31)


@pytest.fixture
def phase(db):
    return PhaseFactory(start_date=START, end_date=END)


def status_both_ways(phase, today):
    """The status from the instance and from the annotated queryset must agree."""
    direct = phase.status(today)
    annotated = Phase.objects.with_milestone_counts(today).get(pk=phase.pk).status(today)
    assert direct == annotated
    return direct


def test_a_milestone_due_today_is_not_yet_overdue(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 10))
    status, reason = status_both_ways(phase, D(2026, 3, 10))
    assert status == PhaseStatus.ON_TRACK
    assert reason == "0 of 1 milestones done (0%)"


def test_a_milestone_one_day_late_puts_the_phase_at_risk(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 10))
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 9))
    status, reason = status_both_ways(phase, D(2026, 3, 11))
    assert status == PhaseStatus.AT_RISK
    assert reason == "2 milestones overdue"


def test_all_milestones_done_is_complete_even_before_the_end(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 10), done_date=D(2026, 3, 1))
    MilestoneFactory(phase=phase, due_date=D(2026, 5, 10), done_date=D(2026, 5, 2))
    status, reason = status_both_ways(phase, D(2026, 6, 1))
    assert status == PhaseStatus.COMPLETE
    assert reason == "All 2 milestones done"


def test_before_the_start_date_the_phase_has_not_started(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 10))
    status, reason = status_both_ways(phase, D(2025, 12, 31))
    assert status == PhaseStatus.NOT_STARTED
    assert reason == "Starts on 01.01.2026"


def test_on_the_start_date_the_phase_is_running(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 10))
    assert status_both_ways(phase, START)[0] == PhaseStatus.ON_TRACK


def test_the_day_after_the_end_with_open_milestones_is_late(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 12, 31))
    # On the last day the phase is behind, but not yet late.
    assert status_both_ways(phase, END) == (PhaseStatus.AT_RISK,
                                            "0% done, 100% of the time gone")
    status, reason = status_both_ways(phase, D(2027, 1, 1))
    assert status == PhaseStatus.LATE
    assert reason == "Ended on 31.12.2026 with 1 milestone open"


def test_progress_trailing_time_by_more_than_the_allowed_lag_is_at_risk(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 12, 20), weight=1)
    # 1 July: 50% of the time gone, 0% done → 50 points behind, more than the 40 allowed.
    status, reason = status_both_ways(phase, D(2026, 7, 2))
    assert status == PhaseStatus.AT_RISK
    assert reason == "0% done, 50% of the time gone"
    # 1 May: 33% of the time gone, within the allowed lag.
    assert status_both_ways(phase, D(2026, 5, 1))[0] == PhaseStatus.ON_TRACK


def test_a_phase_without_milestones(phase):
    assert status_both_ways(phase, D(2026, 6, 1)) == (PhaseStatus.ON_TRACK,
                                                       "No milestones set yet")
    assert status_both_ways(phase, D(2027, 1, 1))[0] == PhaseStatus.COMPLETE


def test_progress_is_weighted_by_milestone_weight(phase):
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 1), weight=3, done_date=D(2026, 3, 1))
    MilestoneFactory(phase=phase, due_date=D(2026, 9, 1), weight=1)
    assert phase.progress(D(2026, 4, 1)) == 75
    annotated = Phase.objects.with_milestone_counts(D(2026, 4, 1)).get(pk=phase.pk)
    assert annotated.progress() == 75
    status, reason = phase.status(D(2026, 4, 1))
    assert reason == "1 of 2 milestones done (75%)"


def test_progress_without_milestones_is_zero(phase):
    assert phase.progress(D(2026, 4, 1)) == 0


def test_the_phase_listing_shows_status_and_reason(client, personas):
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate()
    phase = PhaseFactory(program=personas.program, start_date=today - datetime.timedelta(10),
                         end_date=today + datetime.timedelta(300))
    MilestoneFactory(phase=phase, due_date=today - datetime.timedelta(1))
    client.force_login(personas.focal_point)
    page = client.get(reverse("phases:index")).content.decode()
    assert "1 milestone overdue" in page


def test_a_milestone_done_after_the_day_judged_counts_as_open_on_that_day(phase):
    # A report for a past period judges the phase on the period's last day.
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 9), done_date=D(2026, 4, 2), weight=1)
    MilestoneFactory(phase=phase, due_date=D(2026, 3, 20), done_date=D(2026, 3, 15), weight=1)
    status, reason = status_both_ways(phase, D(2026, 3, 31))
    assert status == PhaseStatus.AT_RISK
    assert reason == "1 milestone overdue"
    assert phase.progress(D(2026, 3, 31)) == 50
    assert Phase.objects.with_milestone_counts(D(2026, 3, 31)).get(pk=phase.pk).progress(
        D(2026, 3, 31)) == 50
    assert phase.progress(D(2026, 4, 2)) == 100

"""Each figure family read as of a day in the middle of a row's history: the state the row
had then, not the state it has now."""

import datetime

import pytest
from django.utils import timezone

from clusters.models import ClusterEvent
from clusters.queries import funnel
from fieldvisits.models import Finding, SelectionDecision, Visit, VisitEvent
from fieldvisits.queries import coverage_summary
from fieldvisits.statistics import findings_by_pillar_and_severity
from tests.clusters.factories import ClusterFactory
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PlanVersionFactory,
    ReportingPeriodFactory,
    TaskFactory,
    VisitFactory,
)
from tracker.models import PlanVersion, Task, TaskEvent
from tracker.queries import plan_progress, tasks_by_institution

pytestmark = pytest.mark.django_db

BEFORE, MIDDLE, AFTER = (datetime.date(2026, 2, 1), datetime.date(2026, 3, 15),
                         datetime.date(2026, 5, 1))


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@pytest.fixture
def task_history(personas):
    """A task made on 1 February, in progress at 40 % from 1 March, done on 1 April."""
    plan = PlanVersionFactory(program=personas.program, number=1)
    action = ActionFactory(goal=GoalFactory(pillar__plan=plan), lead=personas.kto)
    task = TaskFactory(action=action, assigned_institution=personas.kto,
                       due_date=datetime.date(2026, 3, 10), status=Task.Status.DONE,
                       percent_complete=100, created_at=moment(BEFORE))
    PlanVersion.objects.filter(pk=plan.pk).update(status=PlanVersion.Status.APPROVED,
                                                  approved_at=moment(BEFORE))
    TaskEvent.objects.filter(task=task).delete()
    for day, status, percent in ((datetime.date(2026, 3, 1), Task.Status.IN_PROGRESS, 40),
                                 (datetime.date(2026, 4, 1), Task.Status.DONE, 100)):
        TaskEvent.objects.create(task=task, at=moment(day), status=status,
                                 percent_complete=percent)
    return task


def test_task_counts_take_the_status_the_task_had_that_day(task_history):
    tasks = Task.objects.filter(pk=task_history.pk)
    [middle] = tasks_by_institution(tasks, MIDDLE)
    assert (middle["total"], middle["done"], middle["overdue"], middle["on_time"]) \
        == (1, 0, 1, 0)
    [after] = tasks_by_institution(tasks, AFTER)
    assert (after["done"], after["overdue"]) == (1, 0)
    assert tasks_by_institution(tasks, datetime.date(2026, 1, 15)) == []


def test_plan_progress_takes_the_percentage_of_that_day(task_history, personas):
    assert plan_progress(personas.program, MIDDLE)["pillars"][0]["progress"] == 40
    assert plan_progress(personas.program, AFTER)["pillars"][0]["progress"] == 100
    assert plan_progress(personas.program, datetime.date(2026, 1, 15))["plan"] is None


@pytest.fixture
def visit_history(personas):
    """A visit submitted on 1 March and approved on 1 April, with a finding recorded on
    approval."""
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         status=Visit.Status.APPROVED)
    for day, before, after in ((datetime.date(2026, 3, 1), Visit.Status.IN_PROGRESS,
                                Visit.Status.SUBMITTED),
                               (datetime.date(2026, 4, 1), Visit.Status.SUBMITTED,
                                Visit.Status.APPROVED)):
        VisitEvent.objects.create(visit=visit, from_status=before, to_status=after,
                                  by=personas.supervisor, at=moment(day))
    Finding.objects.create(visit=visit, pillar="productivity", severity="high", text="Kayıp",
                           recorded_by=personas.supervisor,
                           recorded_at=moment(datetime.date(2026, 4, 1)))
    return visit


def test_visits_count_as_approved_only_from_their_approval(visit_history, personas):
    middle = coverage_summary(personas.program, MIDDLE)
    assert (middle["visits_approved"], middle["visits_awaiting_approval"]) == (0, 1)
    after = coverage_summary(personas.program, AFTER)
    assert (after["visits_approved"], after["visits_awaiting_approval"]) == (1, 0)


def test_findings_count_once_recorded_on_an_approved_visit(personas):
    # Five firms, so the disclosure rule shows the cell.
    for _index in range(5):
        visit = VisitFactory(program=personas.program, agent=personas.agent1,
                             status=Visit.Status.APPROVED)
        VisitEvent.objects.create(visit=visit, from_status=Visit.Status.SUBMITTED,
                                  to_status=Visit.Status.APPROVED, by=personas.supervisor,
                                  at=moment(datetime.date(2026, 4, 1)))
        Finding.objects.create(visit=visit, pillar="productivity", severity="high",
                               text="Kayıp", recorded_by=personas.supervisor,
                               recorded_at=moment(datetime.date(2026, 4, 2)))
    assert findings_by_pillar_and_severity(personas.program, MIDDLE)["total"] == 0
    assert findings_by_pillar_and_severity(personas.program, AFTER)["total"] == 5


def test_clusters_count_at_the_stage_they_had_reached_that_day(personas):
    cluster = ClusterFactory(program=personas.program)
    ClusterEvent.objects.create(cluster=cluster, from_stage="identified", to_stage="analysed",
                                by=personas.coordinator,
                                at=moment(datetime.date(2026, 4, 1)))
    type(cluster).objects.filter(pk=cluster.pk).update(created_at=moment(BEFORE))

    def reached(day):
        return {row.stage: row.reached for row in funnel([personas.program.pk], as_of=day)}
    assert (reached(MIDDLE)["identified"], reached(MIDDLE)["analysed"]) == (1, 0)
    assert reached(AFTER)["analysed"] == 1
    assert reached(datetime.date(2026, 1, 15))["identified"] == 0


def test_indicators_read_values_of_locked_periods_ended_by_that_day(personas):
    indicator = IndicatorFactory(program=personas.program, code="IHR")
    period = ReportingPeriodFactory(program=personas.program, start_date=BEFORE,
                                    end_date=MIDDLE)
    IndicatorValueFactory(indicator=indicator, period=period, value=4100)
    rows = type(indicator).objects.filter(pk=indicator.pk)
    assert rows.with_target_and_actual(2026, as_of=AFTER).get().actual_value is None
    period.lock(by=personas.coordinator)
    assert rows.with_target_and_actual(2026, as_of=AFTER).get().actual_value == 4100
    assert rows.with_target_and_actual(2026, as_of=BEFORE).get().actual_value is None


def test_firms_count_as_assessed_and_selected_from_their_day(personas):
    early, late = (FirmFactory(program=personas.program) for _ in range(2))
    AssessmentFactory(firm=early, assessed_on=BEFORE)
    AssessmentFactory(firm=late, assessed_on=AFTER)
    for firm, day in ((early, MIDDLE), (late, AFTER)):
        SelectionDecision.objects.create(
            firm=firm, decision=SelectionDecision.Decision.SELECTED,
            proposed_decision=SelectionDecision.Decision.SELECTED, overall_rank=1,
            sector_rank=1, district_rank=1, reason="Öncelik puanı yüksek.",
            decided_by=personas.coordinator, decided_at=moment(day))
    middle = coverage_summary(personas.program, MIDDLE)
    assert (middle["firms_assessed"], middle["firms_selected"]) == (1, 1)
    before = coverage_summary(personas.program, BEFORE)
    assert (before["firms_assessed"], before["firms_selected"]) == (1, 0)
    now = coverage_summary(personas.program)
    assert (now["firms_assessed"], now["firms_selected"]) == (2, 2)

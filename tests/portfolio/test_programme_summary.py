"""The figures the national pages read from summaries equal what counting the rows again
gives, after every kind of write that changes them."""

import datetime

import pytest
from django.db.models import F

from fieldvisits.models import Assessment, Firm, Visit
from fieldvisits.queries import ASSESSED, COMPLETED
from portfolio.models import ProgrammeSummary
from portfolio.summaries import summaries
from tests.factories import (
    AssessmentFactory,
    FirmFactory,
    MilestoneFactory,
    PhaseFactory,
    ProgramFactory,
    VisitFactory,
)
from tracker.models import Milestone, Phase, phases_with_milestone_counts
from tracker.models.roadmap import MilestoneCounts, milestone_figures

pytestmark = pytest.mark.django_db


def _counted_again(program):
    """What a scan of the programme's firms and visits gives now."""
    firms = Firm.objects.filter(program=program).aggregate(assessed=ASSESSED)["assessed"]
    visits = Visit.objects.filter(program=program).filter(COMPLETED).count()
    return firms, visits


def _stored(program):
    row = ProgrammeSummary.objects.get(program=program)
    return row.firms_assessed, row.visits_completed


def test_summary_equals_a_fresh_count_after_every_write():
    program, other = ProgramFactory(), ProgramFactory()
    firms = [FirmFactory(program=program) for _number in range(4)]
    assessments = [AssessmentFactory(firm=firm) for firm in firms[:3]]
    AssessmentFactory(firm=FirmFactory(program=other))
    approved = VisitFactory(program=program, firm=firms[0], status=Visit.Status.APPROVED)
    planned = VisitFactory(program=program, firm=firms[1])
    assert _stored(program) == _counted_again(program) == (3, 1)

    planned.status = Visit.Status.SUBMITTED
    planned.save()
    assessments[2].delete()
    assert _stored(program) == _counted_again(program) == (2, 2)

    approved.delete()
    assert _stored(program) == _counted_again(program) == (2, 1)
    assert _stored(other) == _counted_again(other) == (1, 0)


def test_a_programme_without_a_summary_row_is_counted_on_first_read():
    program = ProgramFactory()
    AssessmentFactory(firm=FirmFactory(program=program))
    ProgrammeSummary.objects.filter(program=program).delete()
    row = summaries([program.pk])[program.pk]
    assert (row.firms_assessed, row.visits_completed) == _counted_again(program) == (1, 0)
    assert ProgrammeSummary.objects.filter(program=program).exists()


def test_an_assessment_belongs_to_its_firms_programme():
    program, other = ProgramFactory(), ProgramFactory()
    AssessmentFactory(firm=FirmFactory(program=program))
    AssessmentFactory(firm=FirmFactory(program=other))
    assert not Assessment.objects.exclude(program=F("firm__program")).exists()
    assert Assessment.objects.filter(program=program).count() == 1


def test_phase_counts_equal_each_phases_own_count_as_of_every_day():
    """The phase listing's counts (one subquery judging every milestone's last event) and
    the portfolio's (one query grouped by phase) equal each phase counted alone from its
    milestones' events, on days before, between and after a completion and its
    reopening."""
    phase = PhaseFactory(start_date=datetime.date(2026, 1, 1),
                         end_date=datetime.date(2026, 12, 31))
    PhaseFactory(program=phase.program, order=2, start_date=datetime.date(2027, 1, 1),
                 end_date=datetime.date(2027, 12, 31))
    done, reopened, open_ = (MilestoneFactory(phase=phase, due_date=datetime.date(2026, 6, 1),
                                              weight=weight) for weight in (1, 2, 3))
    moment = datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC)
    for milestone in (done, reopened):
        milestone.done_date = datetime.date(2026, 5, 1)
        milestone.save()
        milestone.record_event(by=None, at=moment)
    reopened.done_date = None
    reopened.save()
    reopened.record_event(by=None, at=moment + datetime.timedelta(days=30))
    for day in (datetime.date(2026, 4, 30), datetime.date(2026, 5, 15),
                datetime.date(2026, 7, 1)):
        phases = Phase.objects.filter(program=phase.program)
        annotated = {row.pk: _counts(row) for row in phases.with_milestone_counts(day)}
        grouped = {row.pk: _counts(row) for row in phases_with_milestone_counts(phases, day)}
        alone = {}
        for pk in annotated:
            figures = Milestone.objects.as_of(day).filter(phase=pk).aggregate(
                **milestone_figures(day))
            alone[pk] = tuple(figures[name] for name in MilestoneCounts._fields)
        assert annotated == grouped == alone
    assert alone[phase.pk][:3] == (3, 1, 2)


def _counts(phase):
    return tuple(getattr(phase, f"milestones_{name}") for name in MilestoneCounts._fields)

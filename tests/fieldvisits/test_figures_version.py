"""The field-study figures version moves on every write to a row behind a programme's
field-study figures, whatever wrote it (model save, queryset update and delete, bulk
create, raw SQL, a workflow move, a correction dated in the past), and only for that
programme; a figure cached under it is never served after such a write."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from fieldvisits.models import (
    Answer,
    Assessment,
    FiguresVersion,
    Finding,
    Firm,
    SelectionDecision,
    Visit,
    VisitEvent,
)
from fieldvisits.published import figures_version, protected_set
from fieldvisits.queries import coverage_summary, weekly_burn_up
from tests.factories import (
    AssessmentFactory,
    FirmFactory,
    ProgramFactory,
    UserFactory,
    VisitFactory,
    questionnaire_version,
)

pytestmark = pytest.mark.django_db

PAST = datetime.date(2026, 3, 31)


def version(program):
    """The programme's counter as the database holds it (0 before any write)."""
    row = FiguresVersion.objects.filter(program=program).first()
    return row.version if row else 0


class Moves:
    """``with moves(program):`` asserts the block moved ``program``'s version."""

    def __init__(self, program, expected=True):
        self.program, self.expected = program, expected

    def __enter__(self):
        self.before = (version(self.program), figures_version(self.program))

    def __exit__(self, kind, value, traceback):
        if kind is None:
            after = (version(self.program), figures_version(self.program))
            if self.expected:
                assert after[0] > self.before[0]
                assert after[1] != self.before[1]
            else:
                assert after == self.before


@pytest.fixture
def program():
    return ProgramFactory()


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def visit(program):
    return VisitFactory(program=program, status=Visit.Status.SUBMITTED,
                        submitted_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 10)))


def test_a_new_programme_has_no_version_until_a_figure_row_is_written(program):
    assert version(program) == 0
    assert figures_version(program) == "0"
    with Moves(program):
        FirmFactory(program=program)
    assert version(program) == 1


def test_firm_writes_move_the_version(program):
    with Moves(program):
        firm = FirmFactory(program=program)
    with Moves(program):
        Firm.objects.bulk_create([Firm(program=program, tax_number=f"12345678{n:02d}",
                                       trade_name=f"Toplu {n}", nace_code="25.11",
                                       district="Melikgazi", employees=5)
                                  for n in range(3)])
    with Moves(program):
        Firm.objects.filter(pk=firm.pk).update(nace_code="25.11")
    with Moves(program):
        firm.district = "Talas"
        firm.save()
    with Moves(program):
        Firm.objects.filter(trade_name__startswith="Toplu").delete()


def test_a_firm_edit_outside_the_figures_leaves_the_version(program):
    firm = FirmFactory(program=program)
    with Moves(program, expected=False):
        Firm.objects.filter(pk=firm.pk).update(trade_name="Yeni Ad A.Ş.", employees=80)


def test_a_firm_moved_to_another_programme_moves_both_versions(program):
    other = ProgramFactory()
    firm = FirmFactory(program=program)
    with Moves(program), Moves(other):
        Firm.objects.filter(pk=firm.pk).update(program=other)


def test_assessment_writes_move_the_version(program, user):
    with Moves(program):
        assessment = AssessmentFactory(firm=FirmFactory(program=program))
    firms = [FirmFactory(program=program) for _ in range(2)]
    with Moves(program):
        Assessment.objects.bulk_create([
            Assessment(firm=firm, program=program, assessor=user, assessed_on=PAST,
                       productivity=2, digitalisation=2, green=2, rnd=2,
                       institutionalisation=2, export_readiness=2, clustering=2,
                       priority_score=50)
            for firm in firms])
    with Moves(program):
        Assessment.objects.filter(pk=assessment.pk).update(green=5)
    with Moves(program):
        Assessment.objects.filter(firm__in=firms).delete()


def test_selection_decisions_move_the_version(program, user):
    firm = FirmFactory(program=program)
    with Moves(program):
        decision = SelectionDecision.objects.create(
            firm=firm, decision=SelectionDecision.Decision.SELECTED,
            proposed_decision=SelectionDecision.Decision.SELECTED, overall_rank=1,
            sector_rank=1, district_rank=1, reason="Yüksek puan", decided_by=user,
            decided_at=timezone.now())
    with Moves(program):
        SelectionDecision.objects.filter(pk=decision.pk).update(
            decision=SelectionDecision.Decision.EXCLUDED)
    with Moves(program):
        decision.delete()


def test_visit_writes_move_the_version(program, visit):
    with Moves(program):
        Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.APPROVED)
    with Moves(program):
        visit.submitted_at = timezone.now()
        visit.save()
    with Moves(program):
        VisitFactory(program=program)


def test_a_workflow_move_moves_the_version(program, visit, user):
    with Moves(program):
        visit.approve(by=user)
    assert VisitEvent.objects.filter(visit=visit, to_status=Visit.Status.APPROVED).exists()


def test_a_backdated_approval_moves_the_version(program, visit, user):
    """A correction dated in the past (an approval the office forgot to record) changes
    the figures of a locked period: the version moves with it."""
    backdated = timezone.make_aware(datetime.datetime(2026, 3, 20, 9))
    with Moves(program):
        VisitEvent.objects.bulk_create([VisitEvent(
            visit=visit, from_status=Visit.Status.SUBMITTED, to_status=Visit.Status.APPROVED,
            by=user, at=backdated)])
    event = VisitEvent.objects.get(visit=visit, at=backdated)
    with Moves(program):
        VisitEvent.objects.filter(pk=event.pk).update(at=backdated - datetime.timedelta(days=5))
    with Moves(program):
        VisitEvent.objects.filter(pk=event.pk).delete()


def test_answer_writes_move_the_version(program, visit, user):
    question = questionnaire_version(program).sections.get(order=2).questions.get(
        code="staff_needed")
    with Moves(program):
        answer = Answer.objects.create(visit=visit, question=question, value_number=4,
                                       answered_by=user)
    with Moves(program):
        Answer.objects.filter(pk=answer.pk).update(value_number=6)
    with Moves(program):
        Answer.objects.filter(pk=answer.pk).delete()
    with Moves(program):
        Answer.objects.bulk_create([Answer(visit=visit, question=question, value_number=2,
                                           answered_by=user)])


def test_finding_writes_move_the_version(program, visit, user):
    with Moves(program):
        finding = Finding.objects.create(visit=visit, pillar="green", severity="high",
                                         text="Enerji verimliliği düşük", recorded_by=user)
    with Moves(program):
        Finding.objects.filter(pk=finding.pk).update(severity="low")
    with Moves(program):
        finding.delete()


def test_raw_sql_moves_the_version(program, visit):
    with Moves(program), connection.cursor() as cursor:
        cursor.execute("UPDATE fieldvisits_visit SET status = %s WHERE id = %s",
                       [Visit.Status.APPROVED, visit.pk])


def test_a_write_in_one_programme_leaves_another_programmes_version(program):
    other = ProgramFactory()
    FirmFactory(program=other)
    with Moves(other, expected=False):
        AssessmentFactory(firm=FirmFactory(program=program))


def approve_on(visit, day, by):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    VisitEvent.objects.bulk_create([VisitEvent(
        visit=visit, from_status=Visit.Status.SUBMITTED, to_status=Visit.Status.APPROVED,
        by=by, at=moment)])
    Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.APPROVED)


def test_a_cached_dated_figure_is_counted_again_after_a_backdated_correction(
        program, visit, user):
    """The coverage and burn-up of a past day are cached under the version; an approval
    recorded later but dated on that day is counted at once, no cache emptied."""
    assert coverage_summary(program, as_of=PAST)["visits_approved"] == 0
    assert weekly_burn_up(program, as_of=PAST) == []
    approve_on(visit, datetime.date(2026, 3, 12), user)
    assert coverage_summary(program, as_of=PAST)["visits_approved"] == 1
    assert [week["cumulative"] for week in weekly_burn_up(program, as_of=PAST)] == [1]


def test_a_protected_table_is_computed_again_after_a_firm_changes_sector(program, user):
    firms = [FirmFactory(program=program, nace_code="31.09") for _ in range(6)]
    for firm in firms:
        AssessmentFactory(firm=firm, assessed_on=PAST)
    assert protected_set(program, as_of=PAST).get(("assessed", "31.09", "*")).value == 6
    Firm.objects.filter(pk__in=[firm.pk for firm in firms]).update(nace_code="25.11")
    moved = protected_set(program, as_of=PAST)
    assert moved.get(("assessed", "25.11", "*")).value == 6
    assert moved.get(("assessed", "31.09", "*")).value == 0

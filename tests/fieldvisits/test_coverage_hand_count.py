"""The coverage report's rows equal a count by hand on a small, fully known data set."""

import datetime

import pytest
from django.utils import timezone

from fieldvisits.models import SelectionDecision, Visit
from fieldvisits.queries import coverage_rows, coverage_summary
from fieldvisits.sectors import nace_label
from tests.factories import AssessmentFactory, FirmFactory, ProgramFactory, VisitFactory
from tests.fieldvisits.helpers import shown

S = Visit.Status
D = SelectionDecision.Decision


def firm(program, nace_code, district, *, assessed, decision=None, visits=(), by=None):
    made = FirmFactory(program=program, nace_code=nace_code, district=district)
    if assessed:
        AssessmentFactory(firm=made)
    if decision is not None:
        SelectionDecision.objects.create(
            firm=made, decision=decision, proposed_decision=decision, overall_rank=1,
            sector_rank=1, district_rank=1, reason="test", decided_by=by,
            decided_at=timezone.now())
    for status in visits:
        VisitFactory(program=program, firm=made, status=status,
                     submitted_at=timezone.now() - datetime.timedelta(days=3))
    return made


@pytest.fixture
def known_data(personas):
    program, by = personas.program, personas.coordinator
    # Two completed visits of one firm count twice as visits, once as a firm.
    firm(program, "25.62", "Kocasinan", assessed=True, decision=D.SELECTED, by=by,
         visits=[S.APPROVED, S.SUBMITTED])
    firm(program, "25.62", "Talas", assessed=True, decision=D.NOT_SELECTED, by=by,
         visits=[S.CANCELLED])
    firm(program, "31.09", "Kocasinan", assessed=True, decision=D.SELECTED, by=by,
         visits=[S.APPROVED, S.SCHEDULED])
    firm(program, "31.09", "Kocasinan", assessed=False)
    firm(program, "10.71", "Talas", assessed=True, decision=D.EXCLUDED, by=by)
    other = ProgramFactory()
    firm(other, "25.62", "Kocasinan", assessed=True, decision=D.SELECTED, by=by,
         visits=[S.APPROVED])
    return program


def rows_of(program, breakdown):
    return [(r["group"], r["firms"], r["assessed"], r["selected"], r["visited"])
            for r in coverage_rows(program) if r["breakdown"] == shown(breakdown)]


@pytest.mark.django_db
def test_sector_rows_equal_the_hand_count(known_data):
    assert rows_of(known_data, "Sector") == [
        (f"10.71 {nace_label('10.71')}", 1, 1, 0, 0),
        (f"25.62 {nace_label('25.62')}", 2, 2, 1, 2),
        (f"31.09 {nace_label('31.09')}", 2, 1, 1, 1),
    ]


@pytest.mark.django_db
def test_district_rows_equal_the_hand_count(known_data):
    assert rows_of(known_data, "District") == [
        ("Kocasinan", 3, 2, 2, 3),
        ("Talas", 2, 2, 0, 0),
    ]


@pytest.mark.django_db
def test_overall_row_equals_the_hand_count(known_data):
    overall = next(r for r in coverage_rows(known_data) if r["breakdown"] == shown("Overall"))
    assert (overall["assessed"], overall["selected"], overall["visits"], overall["visited"]) == (
        4, 2, 5, 3)
    summary = coverage_summary(known_data)
    assert (summary["firms_assessed"], summary["firms_selected"], summary["visits_planned"],
            summary["visits_completed"], summary["visits_approved"]) == (4, 2, 5, 3, 2)

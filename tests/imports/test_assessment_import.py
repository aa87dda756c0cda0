"""Desk assessment imports: one row per firm, seven scores 1–5, keyed by VKN."""

import datetime

import pytest

from fieldvisits.models import Assessment
from fieldvisits.resources import AssessmentResource
from tests.factories import AssessmentFactory, FirmFactory, valid_vkn
from tests.imports.helpers import csv_file, import_file, messages_of, preview

HEADER = ["Tax number (VKN)", "Date", "Productivity", "Digitalisation", "Green transformation",
          "R&D and innovation", "Institutionalisation", "Export readiness",
          "Clustering and cooperation"]


def score_row(n, *scores, date="01.09.2026"):
    return [valid_vkn(n), date, *(scores or (2, 3, 4, 5, 1, 2, 3))]


@pytest.fixture
def firms(personas):
    return [FirmFactory(program=personas.program, tax_number=valid_vkn(n)) for n in (1, 2)]


@pytest.mark.django_db
def test_scores_import_with_their_priority(personas, firms):
    run = import_file(AssessmentResource, csv_file([HEADER, score_row(1), score_row(2)]),
                      program=personas.program, user=personas.coordinator)
    assessment = Assessment.objects.get(firm=firms[0])
    assert run.new_count == 2
    assert (assessment.productivity, assessment.assessed_on, assessment.assessor) == (
        2, datetime.date(2026, 9, 1), personas.coordinator)
    assert assessment.priority_score == assessment.compute_priority()


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "column", "message"), [
    (score_row(2, 7, 3, 3, 3, 3, 3, 3), "Productivity", "“7”: must be from 1 to 5."),
    (score_row(2, 3, 0, 3, 3, 3, 3, 3), "Digitalisation", "“0”: must be from 1 to 5."),
    (score_row(2, 3, 3, "", 3, 3, 3, 3), "Green transformation",
     "This column cannot be empty."),
    (score_row(2, 3, 3, 3, "iyi", 3, 3, 3), "R&D and innovation", "“iyi” is not a number."),
    (score_row(2, date="31.02.2026"), "Date",
     "“31.02.2026” is not a date; write it as 23.11.2026."),
    (score_row(9), "Tax number (VKN)",
     f"VKN {valid_vkn(9)}: no firm with this tax number in the programme; import the firm "
     "first."),
])
def test_a_bad_score_row_is_rejected(personas, firms, row, column, message):
    run = preview(AssessmentResource, csv_file([HEADER, score_row(1), row]),
                  program=personas.program, user=personas.coordinator)
    assert (run.status, messages_of(run)) == ("rejected", [(3, column, message)])
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_a_firm_of_another_programme_cannot_be_scored(personas, firms):
    FirmFactory(program=personas.other_program, tax_number=valid_vkn(5))
    run = preview(AssessmentResource, csv_file([HEADER, score_row(5)]),
                  program=personas.program, user=personas.coordinator)
    assert run.rejected_count == 1
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_a_second_file_updates_the_scores(personas, firms):
    AssessmentFactory(firm=firms[0], assessor=personas.supervisor)
    run = import_file(AssessmentResource, csv_file([HEADER + ["Assessor"],
                                                    score_row(1) + ["supervisor"]]),
                      program=personas.program, user=personas.coordinator)
    assessment = Assessment.objects.get(firm=firms[0])
    assert (run.new_count, run.updated_count) == (0, 1)
    assert (assessment.productivity, assessment.assessor) == (2, personas.supervisor)
    assert assessment.priority_score == assessment.compute_priority()

"""Which questionnaire version a visit answers: its own once started, else the newest
published version of its programme."""

import pytest

from fieldvisits.models import QuestionnaireVersion
from tests.factories import ProgramFactory, VisitFactory, questionnaire_version


@pytest.mark.django_db
def test_current_is_the_newest_published_version_of_the_programme(personas, version):
    newer = version.new_draft()
    newer.publish()
    newer.new_draft()
    questionnaire_version(ProgramFactory())
    assert QuestionnaireVersion.objects.current(personas.program) == newer


@pytest.mark.django_db
def test_current_is_none_before_anything_is_published(personas):
    questionnaire_version(personas.program, publish=False)
    assert QuestionnaireVersion.objects.current(personas.program) is None


@pytest.mark.django_db
def test_a_visit_not_yet_started_answers_the_current_version(personas, version):
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    assert QuestionnaireVersion.objects.for_visit(visit) == version


@pytest.mark.django_db
def test_a_started_visit_answers_its_own_version_after_a_newer_one_is_published(
        personas, started_visit, version):
    newer = version.new_draft()
    newer.publish()
    assert QuestionnaireVersion.objects.for_visit(started_visit) == version

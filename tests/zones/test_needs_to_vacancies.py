import pytest
from django.urls import reverse

from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.models import Question
from tests.factories import FirmFactory
from tests.fieldvisits.workforce_data import add_visit
from zones.models import Vacancy
from zones.services import NoZone, draft_vacancies_from_visit


@pytest.fixture
def visit_with_needs(zones, personas):
    version = load_default_questionnaire(zones.program)
    questions = {q.code: q for q in Question.objects.filter(section__version=version)}
    return add_visit(zones.program, version, questions, personas.agent1, district="Gebze",
                     sector="25.62", firm=zones.firm,
                     needs={"welder": 3, "cnc_operator": 2, "turner": 1, "other": 4})


def test_a_visits_needs_become_draft_unpublished_vacancies(zones, personas, visit_with_needs):
    drafted = draft_vacancies_from_visit(visit=visit_with_needs, by=zones.staff)
    rows = {(v.occupation.code, v.positions, v.status, v.published, v.zone_id)
            for v in drafted}
    assert rows == {("7212", 3, "draft", False, zones.zone.pk),
                    ("7223", 3, "draft", False, zones.zone.pk)}


def test_drafting_twice_adds_nothing(zones, personas, visit_with_needs):
    draft_vacancies_from_visit(visit=visit_with_needs, by=zones.staff)
    assert draft_vacancies_from_visit(visit=visit_with_needs, by=zones.staff) == []
    assert Vacancy.objects.filter(source_visit=visit_with_needs).count() == 2


def test_a_firm_outside_every_zone_gets_no_vacancy(zones, personas):
    version = load_default_questionnaire(zones.program)
    questions = {q.code: q for q in Question.objects.filter(section__version=version)}
    visit = add_visit(zones.program, version, questions, personas.agent1, district="Talas",
                      sector="25.62", firm=FirmFactory(program=zones.program),
                      needs={"welder": 2})
    with pytest.raises(NoZone):
        draft_vacancies_from_visit(visit=visit, by=personas.coordinator)
    assert not Vacancy.objects.filter(source_visit=visit).exists()


def test_the_office_drafts_a_visits_vacancies_from_the_admin(client, zones, personas,
                                                             visit_with_needs):
    client.force_login(personas.coordinator)
    url = reverse("zones_visits_with_needs")
    assert "Gebze Makina" in client.get(url).content.decode()
    client.post(url, {"visit": visit_with_needs.pk})
    assert Vacancy.objects.filter(source_visit=visit_with_needs).count() == 2
    assert f'name="visit" value="{visit_with_needs.pk}"' not in client.get(url).content.decode()
    client.force_login(zones.staff)
    refused = client.get(url)
    # Wagtail answers a refused admin page by sending the reader back to the dashboard.
    assert (refused.status_code, refused.url) == (302, "/admin/")

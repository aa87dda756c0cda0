import pytest
from django.core.cache import cache

from fieldvisits.models import Firm, Visit
from tests.factories import (
    AssessmentFactory,
    FirmFactory,
    MilestoneFactory,
    PhaseFactory,
    VisitFactory,
)


def _seed_program_data(program, firms, visits_approved, visits_planned):
    phase = PhaseFactory(program=program, order=1, name_tr="Dönüşüm", name_en="Transformation")
    for _index in range(3):
        MilestoneFactory(phase=phase)
    PhaseFactory(program=program, order=2, name_tr="Gelişim", name_en="Development")
    firm_rows = FirmFactory.create_batch(firms, program=program)
    for firm in firm_rows:
        AssessmentFactory(firm=firm)
    for firm in firm_rows[:visits_approved]:
        VisitFactory(program=program, firm=firm, status=Visit.Status.APPROVED)
    for firm in firm_rows[visits_approved:visits_approved + visits_planned]:
        VisitFactory(program=program, firm=firm, status=Visit.Status.PLANNED)


# The personas and their public site are built once for the module (tests/cms/conftest.py);
# what a test adds is rolled back after it.
pytestmark = pytest.mark.usefixtures("shared_personas_home")


@pytest.fixture
def public_site(shared_personas_home_rows):
    return shared_personas_home_rows.home


@pytest.mark.django_db
def test_turkish_home_page_shows_live_figures(client, personas, public_site):
    _seed_program_data(personas.program, firms=12, visits_approved=4, visits_planned=3)
    response = client.get("/tr/")
    assert response.status_code == 200
    assert response.context["coverage"]["firms_assessed"] == 12
    assert response.context["coverage"]["visits_completed"] == 4
    assert response.context["coverage"]["visits_target"] == 450
    html = response.content.decode()
    assert '<html lang="tr" dir="ltr">' in html
    assert "Dönüşüm" in html and "Gelişim" in html
    assert '<span class="done">12</span>' in html
    assert '<span class="target">2.000</span>' in html


@pytest.mark.django_db
def test_english_home_page_reads_the_same_figures(client, personas, public_site):
    _seed_program_data(personas.program, firms=5, visits_approved=2, visits_planned=0)
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Transformation" in html and "Development" in html
    assert '<span class="done">5</span>' in html
    assert '<span class="target">2,000</span>' in html


@pytest.mark.django_db
def test_figures_move_when_a_visit_is_approved(client, personas, public_site):
    _seed_program_data(personas.program, firms=3, visits_approved=0, visits_planned=1)
    assert client.get("/tr/").context["coverage"]["visits_completed"] == 0
    Visit.objects.update(status=Visit.Status.APPROVED)
    # Field-study figures reach cached pages when their lifetime ends (cms.cache).
    cache.clear()
    assert client.get("/tr/").context["coverage"]["visits_completed"] == 1


@pytest.mark.django_db
def test_home_page_shows_no_firm_names(client, personas, public_site):
    _seed_program_data(personas.program, firms=3, visits_approved=1, visits_planned=0)
    html = client.get("/tr/").content.decode()
    names = list(Firm.objects.filter(program=personas.program).values_list("trade_name", flat=True))
    assert len(names) == 3
    assert not [name for name in names if name in html]
    assert "San. ve Tic." not in html


@pytest.mark.django_db
def test_public_pages_are_open_to_everyone(client, personas, public_site):
    assert client.get("/").status_code == 302
    for url in ("/tr/", "/en/"):
        client.logout()
        assert client.get(url).status_code == 200
        for user in personas.all_users().values():
            client.force_login(user)
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_data(
    client, personas, public_site, django_assert_max_num_queries
):
    _seed_program_data(personas.program, firms=10, visits_approved=4, visits_planned=2)
    client.get("/tr/")
    cache.clear()
    with django_assert_max_num_queries(24) as small:
        client.get("/tr/")
    for firm in FirmFactory.create_batch(20, program=personas.program):
        AssessmentFactory(firm=firm)
    extra_phase = PhaseFactory(program=personas.program, order=3)
    for _index in range(6):
        MilestoneFactory(phase=extra_phase)
    for firm in FirmFactory.create_batch(8, program=personas.program):
        AssessmentFactory(firm=firm)
        VisitFactory(program=personas.program, firm=firm, status=Visit.Status.SUBMITTED)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/tr/")
    assert response.context["coverage"]["firms_assessed"] == 38


@pytest.mark.django_db
def test_editor_may_edit_every_language_s_home_page(client, personas, public_site):
    from cms.models import HomePage

    client.force_login(personas.editor)
    for page in HomePage.objects.all():
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.locale.language_code
    assert HomePage.objects.count() == 3

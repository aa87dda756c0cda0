"""The public site search: the programme's data-built content in the reader's language,
Turkish-aware, ranked and paged, never a firm without consent."""

import copy
import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from cms.demo import seed_directory_page, seed_public_site
from cms.models import SearchEntry
from cms.site_search import rebuild_search_index
from fieldvisits.models import Capability
from tests.conftest import make_personas
from tests.directory.conftest import listed
from tests.factories import (
    ActionFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    MilestoneFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
)
from tests.scoped_data import rows_for_scope
from tracker.access import Role
from tracker.models import Milestone, PlanVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def approve(plan):
    PlanVersion.objects.filter(pk=plan.pk).update(
        status=PlanVersion.Status.APPROVED, approved_at=timezone.now())


def build_content(personas, *, extra_actions=0, extra_firms=0):
    """A roadmap, an approved plan with pillar P2 on clustering, an indicator and listed
    firms (one withdrawn, one never consented) for the personas' programme."""
    program, coordinator = personas.program, personas.coordinator
    phase = PhaseFactory(program=program, order=2, name_tr="Gelişim", name_en="Development",
                         summary_tr="Kurumlar eylemleri yürütür.",
                         summary_en="Institutions carry out the actions.")
    MilestoneFactory(phase=phase, title="Kümelenme çalıştayları")
    MilestoneFactory(phase=phase, title="Ara değerlendirme raporu")
    plan = PlanVersionFactory(program=program)
    productivity = PillarFactory(plan=plan, order=1, code="P1", name_tr="Verimlilik",
                                 name_en="Productivity")
    clustering = PillarFactory(plan=plan, order=2, code="P2",
                               name_tr="Ortak çalışma kültürü ve kümelenme",
                               name_en="Joint work culture and clustering")
    lean = GoalFactory(pillar=productivity, code="H1.1",
                       title="Üretim süreçlerinde yalın dönüşüm")
    clusters = GoalFactory(pillar=clustering, code="H2.1", title="Sektörel kümelerin kurulması")
    ActionFactory(goal=lean, code="E1.1.1", title="Isıl işlem hatlarında enerji verimliliği",
                  lead=personas.kto)
    ActionFactory(goal=clusters, code="E2.1.1", title="Mobilya kümelenme çalıştayı",
                  lead=personas.kto)
    for index in range(extra_actions):
        ActionFactory(goal=lean, code=f"E1.1.{index + 10}", title=f"Yalın üretim eğitimi {index}",
                      lead=personas.kto)
    approve(plan)
    IndicatorFactory(program=program, code="EXP", name_tr="İhracat", name_en="Exports")
    stainless = listed(program, coordinator, "Erciyes Hassas Makine A.Ş.", "Kocasinan",
                       "25.62", [("process", "CNC işleme"), ("material", "Paslanmaz çelik")],
                       description_en="Stainless steel CNC machining.",
                       description_tr="Paslanmaz çelik flanş işleme.")
    withdrawn = listed(program, coordinator, "Çekilmiş Paslanmaz A.Ş.", "Talas", "25.62",
                       [("process", "CNC işleme")],
                       withdrawn_on=datetime.date.today() - datetime.timedelta(days=1),
                       withdrawn_by=coordinator)
    unlisted = FirmFactory(program=program, trade_name="Gizli Paslanmaz CNC A.Ş.")
    Capability.objects.create(firm=unlisted, kind="process", name="CNC işleme")
    for index in range(extra_firms):
        listed(program, coordinator, f"Ek Atölye {index}", "Talas", "25.62",
               [("process", "Torna")])
    return SimpleNamespace(stainless=stainless, withdrawn=withdrawn, unlisted=unlisted)


@pytest.fixture(scope="module")
def shared_search_site(django_db_setup, django_db_blocker):
    """The personas, their content, public site and search index, built once for this
    module (tests/scoped_data.py): what a test writes is rolled back after it. The tests
    that build content of their own are in test_site_search_paging.py."""
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        content = build_content(personas)
        home = seed_public_site(personas.program, groups[Role.EDITOR])
        seed_directory_page(home)
        rebuild_search_index(personas.program)
        return SimpleNamespace(groups=groups, personas=personas, content=content)

    with rows_for_scope(django_db_blocker, build) as shared:
        yield shared


@pytest.fixture
def shared_search_rows(shared_search_site, db):
    """This test's own copies of the shared objects; Wagtail's site root paths cached as
    a test that built its own site would find them."""
    from wagtail.models import Site

    Site.get_site_root_paths()
    return copy.deepcopy(shared_search_site)


@pytest.fixture
def personas(shared_search_rows):
    return shared_search_rows.personas


@pytest.fixture
def role_groups(shared_search_rows):
    return shared_search_rows.groups


@pytest.fixture
def search_site(shared_search_rows):
    return shared_search_rows.content


def results(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)
    return SimpleNamespace(html=html, titles=[title.replace("&#x27;", "'") for title in titles])


def test_kumelenme_finds_pillar_p2_and_the_clustering_milestone(client, search_site):
    found = results(client, "tr", "kümelenme").titles
    assert "P2 Ortak çalışma kültürü ve kümelenme" in found
    assert "Kümelenme çalıştayları" in found
    assert "E2.1.1 Mobilya kümelenme çalıştayı" in found
    assert "P1 Verimlilik" not in found


def test_cluster_finds_the_english_pillar_and_no_turkish_title_with_an_english_one(
        client, search_site):
    found = results(client, "en", "cluster").titles
    assert "P2 Joint work culture and clustering" in found
    assert "P2 Ortak çalışma kültürü ve kümelenme" not in found


def test_english_pages_do_not_list_turkish_text_that_has_a_translation(client, search_site):
    assert results(client, "en", "kümelenme").titles.count(
        "P2 Ortak çalışma kültürü ve kümelenme") == 0
    assert "Exports" in results(client, "en", "exports").titles
    assert "İhracat" not in results(client, "en", "ihracat").titles


@pytest.mark.parametrize(("query", "expected"), [
    ("İŞLEME", "Erciyes Hassas Makine A.Ş."),
    ("isleme", "Erciyes Hassas Makine A.Ş."),
    ("ISIL", "E1.1.1 Isıl işlem hatlarında enerji verimliliği"),
    ("isil islem", "E1.1.1 Isıl işlem hatlarında enerji verimliliği"),
    ("KÜMELENME", "P2 Ortak çalışma kültürü ve kümelenme"),
])
def test_turkish_case_and_letters_fold(client, search_site, query, expected):
    assert expected in results(client, "tr", query).titles


def test_a_firm_is_found_by_its_description_in_the_reader_s_language(client, search_site):
    assert "Erciyes Hassas Makine A.Ş." in results(client, "tr", "flanş").titles
    assert "Erciyes Hassas Makine A.Ş." not in results(client, "en", "flanş").titles
    assert "Erciyes Hassas Makine A.Ş." in results(client, "en", "stainless").titles


def test_a_firm_without_consent_is_never_found(client, search_site):
    for query in ("paslanmaz", "CNC", "Çekilmiş", "Gizli"):
        found = results(client, "tr", query).titles
        assert "Çekilmiş Paslanmaz A.Ş." not in found
        assert "Gizli Paslanmaz CNC A.Ş." not in found
    assert "Erciyes Hassas Makine A.Ş." in results(client, "tr", "paslanmaz").titles


def test_a_consent_withdrawn_after_indexing_hides_the_firm_at_once(client, search_site):
    listing = search_site.stainless
    listing.withdrawn_on = datetime.date.today()
    listing.withdrawn_by = listing.recorded_by
    listing.save()
    assert SearchEntry.objects.filter(listing=listing).exists()
    assert "Erciyes Hassas Makine A.Ş." not in results(client, "tr", "paslanmaz").titles


def test_a_saved_change_reaches_the_search_after_commit(client, search_site, personas,
                                                        django_capture_on_commit_callbacks):
    # The fixtures' own writes wait for a commit that never comes; this change is the
    # only one that should ask for a refresh.
    connection.run_on_commit.clear()
    milestone = Milestone.objects.get(title_tr="Ara değerlendirme raporu")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        milestone.title = "Ara değerlendirme ve kümelenme raporu"
        milestone.save()
        milestone.phase.save()
    assert len(callbacks) == 1
    assert "Ara değerlendirme ve kümelenme raporu" in results(client, "tr", "kümelenme").titles


def test_a_result_links_to_the_page_that_shows_it(client, search_site):
    html = results(client, "tr", "çalıştayları").html
    assert re.search(r'href="/tr/[^"]*#milestone-\d+">Kümelenme çalıştayları<', html)
    html = results(client, "tr", "Mobilya").html
    assert re.search(r'href="/tr/[^"]*/actions/\d+/">E2.1.1 Mobilya', html)


def test_an_empty_result_says_what_was_searched_and_suggests_sections(client, search_site):
    html = results(client, "tr", "zeplin hangarı").html
    assert "0 sonuç" in html
    assert "<mark>zeplin</mark>, <mark>hangarı</mark>" in html
    assert 'class="inline-list search-suggestions"' in html


def test_a_title_match_ranks_above_a_body_match(client, search_site):
    found = results(client, "tr", "verimlilik").titles
    # The pillar is named "Verimlilik"; the action under it names "verimliliği" in its
    # title; the goal only mentions its pillar in the body.
    assert found.index("P1 Verimlilik") < found.index("H1.1 Üretim süreçlerinde yalın dönüşüm")


def test_another_programme_s_content_is_not_searched(client, search_site, personas):
    other_plan = PlanVersionFactory(program=personas.other_program)
    PillarFactory(plan=other_plan, code="P9", name_tr="Başka ildeki kümelenme")
    approve(other_plan)
    rebuild_search_index(personas.other_program)
    assert "P9 Başka ildeki kümelenme" not in results(client, "tr", "kümelenme").titles

from types import SimpleNamespace

import pytest

from tests.cms.helpers import build_programme
from tests.conftest import make_personas
from tests.scoped_data import copy_of_rows, opted_in_rows, persona_fixtures, rows_for_scope
from tracker.access import Role


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached public page."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _build_site(program, coordinator, institutions, groups, scale=1):
    from cms.demo import seed_public_site

    programme = build_programme(program, scale=scale, coordinator=coordinator,
                                institutions=institutions)
    home = seed_public_site(program, groups[Role.EDITOR])
    return programme, home


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """One programme and its page tree in both languages, built once for a module whose
    tests only read; everything is rolled back after the module."""
    from tests.factories import InstitutionFactory, ProgramFactory, member
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        program = ProgramFactory(name="Kayseri İhracatta Dönüşüm", slug="kayseri-public")
        institutions = (
            InstitutionFactory(program=program, name="Kayseri Ticaret Odası",
                               short_name="KTO"),
            InstitutionFactory(program=program, name="Kayseri Sanayi Odası",
                               short_name="KAYSO"),
        )
        coordinator = member(program, Role.COORDINATOR, "public-coordinator")
        programme, home = _build_site(program, coordinator, institutions, groups)
        return SimpleNamespace(programme=programme, home=home, program=program)

    with rows_for_scope(django_db_blocker, build, kept_as="a public site") as built:
        yield built


@pytest.fixture
def programme(shared, db):
    return shared.programme


@pytest.fixture
def site(shared, db):
    return shared.home


SHARED_SCOPES = ("shared_personas_site", "shared_personas_home")
globals().update(persona_fixtures(*SHARED_SCOPES))


@pytest.fixture
def fresh_site(request, personas, role_groups):
    """A programme and page tree of this test's own, for tests that change them."""
    shared = opted_in_rows(request, SHARED_SCOPES)
    if shared:
        return shared.site
    programme, home = _build_site(personas.program, personas.coordinator,
                                  (personas.kto, personas.other_institution), role_groups)
    return SimpleNamespace(programme=programme, home=home)


@pytest.fixture(scope="module")
def shared_personas_site(django_db_setup, django_db_blocker):
    """The personas and their ``fresh_site`` built once for a module (about 3 s of CPU a
    test otherwise). Each test still changes them at will: what it writes is rolled back
    after it (tests/scoped_data.py) and it gets its own copies of the objects. A module
    opts in with ``pytest.mark.usefixtures("shared_personas_site")``; its ``personas``,
    ``role_groups`` and ``fresh_site`` then come from here."""
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        programme, home = _build_site(personas.program, personas.coordinator,
                                      (personas.kto, personas.other_institution), groups)
        return SimpleNamespace(groups=groups, personas=personas,
                               site=SimpleNamespace(programme=programme, home=home))

    with rows_for_scope(django_db_blocker, build, kept_as="personas and their site") as shared:
        yield shared


@pytest.fixture
def shared_personas_site_rows(shared_personas_site, db):
    return copy_of_rows(shared_personas_site)


@pytest.fixture(scope="module")
def shared_personas_home(django_db_setup, django_db_blocker):
    """As ``shared_personas_site`` for a module whose site is ``seed_public_site`` of the
    personas' programme alone (no programme data): its ``personas`` and ``role_groups``
    come from here, and the home page is ``shared_personas_home_rows.home``."""
    from cms.demo import seed_public_site
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        home = seed_public_site(personas.program, groups[Role.EDITOR])
        return SimpleNamespace(groups=groups, personas=personas, home=home)

    with rows_for_scope(django_db_blocker, build, kept_as="personas and a home page") as shared:
        yield shared


@pytest.fixture
def shared_personas_home_rows(shared_personas_home, db):
    return copy_of_rows(shared_personas_home)


@pytest.fixture
def anonymous(client, db):
    client.logout()
    return client

from types import SimpleNamespace

import pytest

from tests.cms.helpers import build_programme
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
    from django.db import transaction

    from tests.factories import InstitutionFactory, ProgramFactory, member
    from tracker.roles import sync_role_groups

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
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
            yield SimpleNamespace(programme=programme, home=home, program=program)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def programme(shared, db):
    return shared.programme


@pytest.fixture
def site(shared, db):
    return shared.home


@pytest.fixture
def fresh_site(personas, role_groups):
    """A programme and page tree of this test's own, for tests that change them."""
    programme, home = _build_site(personas.program, personas.coordinator,
                                  (personas.kto, personas.other_institution), role_groups)
    return SimpleNamespace(programme=programme, home=home)


@pytest.fixture
def anonymous(client):
    client.logout()
    return client

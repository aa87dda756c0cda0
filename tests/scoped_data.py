"""Rows built once and shared by several tests that only read them.

``rows_for_scope`` runs ``build`` inside an outer transaction that stays open for a
class or module scope and is rolled back when the scope ends. Each test still runs in
its own savepoint (pytest-django's ``django_db``), so whatever a test writes is undone
after it, and no other test module ever sees the shared rows. Use it only where the
rows are expensive (the full demo) and the tests read them::

    @pytest.fixture(scope="class")
    def seeded(django_db_setup, django_db_blocker):
        with rows_for_scope(django_db_blocker, lambda: call_command("seed_demo")) as out:
            yield out

``-n 2 --dist loadfile`` (pyproject.toml) runs a file's tests on one worker, so the rows
are built once. (``--dist loadgroup`` does not: pytest-xdist 3.8 marks a group by
rewriting ``item._nodeid``, which pytest 9 no longer reads, so groups were split.)
"""

import contextlib

from django.db import transaction
from django.test import override_settings
from django.utils import translation

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextlib.contextmanager
def rows_for_scope(django_db_blocker, build):
    """Yield ``build()``'s result; its rows exist until the ``with`` block ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As the function-scoped autouse fixtures in tests/conftest.py would set them.
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS), translation.override("en"):
                value = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def copied_fixtures(**attributes):
    """Fixtures that hand each test its own deep copy of the module's ``shared`` rows:
    ``shared_copy``, and one fixture per keyword (fixture name → attribute of the shared
    namespace). A module takes them with ``globals().update(copied_fixtures(...))``."""
    import copy

    import pytest

    @pytest.fixture
    def shared_copy(shared, db):
        """This test's own copies of the shared objects."""
        return copy.deepcopy(shared)

    def reader(attribute):
        def read(shared_copy):
            return getattr(shared_copy, attribute)
        return read

    made = {"shared_copy": shared_copy}
    for name, attribute in attributes.items():
        made[name] = pytest.fixture(name=name)(reader(attribute))
    return made


def copy_of_rows(shared):
    """A test's own copies of a module's shared row objects, so that what one test
    changes on an object in memory does not leak into the next (as Django's
    ``setUpTestData``). Building a site leaves Wagtail's site root paths in the cache,
    which each test starts without; they are put back as a test that built its own site
    would find them, so query counts measure the same requests."""
    import copy

    from wagtail.models import Site

    Site.get_site_root_paths()
    return copy.deepcopy(shared)


def opted_in_rows(request, scopes):
    """This test's copy of its module's shared rows if the module opts in to one of
    ``scopes`` (module-scoped fixtures, each with a ``<scope>_rows`` fixture giving a
    test its copy), else ``None``."""
    for scope in scopes:
        if scope in request.fixturenames:
            return request.getfixturevalue(f"{scope}_rows")
    return None


def persona_fixtures(*scopes):
    """``role_groups`` and ``personas`` fixtures that take a module's shared rows (their
    ``groups`` and ``personas``) when the module opts in to one of ``scopes`` with
    ``pytest.mark.usefixtures(scope)``, and build them per test otherwise. A conftest
    takes them with ``globals().update(persona_fixtures(...))``."""
    import pytest

    @pytest.fixture
    def role_groups(request, db):
        from tests.conftest import make_role_groups

        shared = opted_in_rows(request, scopes)
        return shared.groups if shared else make_role_groups()

    @pytest.fixture
    def personas(request, db):
        from tests.conftest import make_personas

        shared = opted_in_rows(request, scopes)
        if shared:
            return shared.personas
        request.getfixturevalue("role_groups")
        return make_personas()

    return {"role_groups": role_groups, "personas": personas}

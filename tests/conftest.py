"""Shared personas: every access test checks an owner, an allowed reader and an outsider."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from pytest_django.plugin import blocking_manager_key

from tests.access import PASSWORD  # noqa: F401  (kept importable from here)
from tests.factories import (
    InstitutionFactory,
    ProgramFactory,
    UserFactory,
    member,
)
from tests.live_server import install as install_live_server
from tests.migration_rows import restore_migration_rows
from tests.object_storage import moto_endpoint, s3_bucket  # noqa: F401  (fixtures)
from tests.transactional_reset import install as install_transactional_reset
from tests.transactional_reset import keep_copy
from tracker.access import Role
from tracker.roles import ROLE_GROUP_NAMES, sync_role_groups

install_live_server()
install_transactional_reset()


@dataclass
class Personas:
    program: object
    other_program: object
    kto: object
    other_institution: object
    coordinator: object
    supervisor: object
    agent1: object
    agent2: object
    focal_point: object
    other_focal_point: object
    editor: object
    outsider_coordinator: object
    superuser: object

    def all_users(self):
        return {
            "coordinator": self.coordinator,
            "supervisor": self.supervisor,
            "agent1": self.agent1,
            "agent2": self.agent2,
            "kto": self.focal_point,
            "other_focal_point": self.other_focal_point,
            "editor": self.editor,
            "outsider_coordinator": self.outsider_coordinator,
        }


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker,
                    django_db_use_migrations, django_db_keepdb, django_db_createdb,
                    django_db_modify_db_settings):
    """pytest-django's database setup, with each worker's test database copied from a
    migrated template instead of migrated from empty (see tests/database_template.py),
    and a copy of it kept for resetting after transactional tests
    (tests/transactional_reset.py)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    from tests import database_template

    arguments = {}
    if not django_db_use_migrations:
        _disable_migrations()
    if django_db_keepdb and not django_db_createdb:
        arguments["keepdb"] = True
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        if database_template.enabled() and django_db_use_migrations and not arguments:
            config = database_template.setup_databases_from_template(
                setup_databases, aliases, verbosity=verbosity, interactive=False,
                serialized_aliases=serialized_aliases)
        else:
            config = setup_databases(verbosity=verbosity, interactive=False, aliases=aliases,
                                     serialized_aliases=serialized_aliases, **arguments)
        remove_copies = keep_copy(aliases)
    yield
    remove_copies()
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            _end_other_sessions(aliases)
            try:
                teardown_databases(config, verbosity=verbosity)
            except Exception as error:  # noqa: BLE001
                request.node.warn(pytest.PytestWarning(
                    f"Error when trying to teardown test databases: {error!r}"))


def _end_other_sessions(aliases):
    """Before a PostgreSQL test database is dropped: a connection a test's thread left
    open (a live server's, a race's) would otherwise keep the drop from happening
    ("being accessed by other users") and leave the database behind."""
    from django.db import connections

    for alias in aliases:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        name = connection.settings_dict["NAME"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", [name])


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests read English unless they ask for Turkish (the site's default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; a fast hasher keeps them quick (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    """Django's test client speaking English, as a browser set to English would."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


# What sync_role_groups() gave each role on this worker: (app label, codename) pairs.
_role_permissions = {}


@pytest.fixture
def role_groups(request, db):
    shared = _shared_personas(request)
    return shared.groups if shared else make_role_groups()


# Files whose every database test asks for the personas and none empties the database
# (``pytest_collection_modifyitems``): their tests share one build of the personas.
_personas_shared_by_file = set()


@pytest.fixture(scope="module")
def personas_of_the_file(django_db_setup, django_db_blocker):
    """The role groups and personas built once for a file whose tests all use them
    (about 50 ms of rows a test otherwise). Each test still changes them at will: what it
    writes is rolled back after it, and it gets its own copies of the objects
    (tests/scoped_data.py)."""
    from tests.scoped_data import rows_for_scope

    def build():
        groups = make_role_groups()
        return SimpleNamespace(groups=groups, personas=make_personas())

    with rows_for_scope(django_db_blocker, build, kept_as="personas") as shared:
        yield shared


@pytest.fixture
def personas_of_the_file_rows(personas_of_the_file, db):
    from tests.scoped_data import copy_of_rows

    return copy_of_rows(personas_of_the_file)


def _shared_personas(request):
    if request.node.path in _personas_shared_by_file:
        return request.getfixturevalue("personas_of_the_file_rows")
    return None


def make_role_groups():
    """The role groups as ``sync_role_groups()`` leaves them on a fresh database.

    The first test on a worker runs it; later tests copy its result in three queries
    instead of recomputing every role's permissions (about 300 queries). Permission ids
    are looked up again each time, since a transactional test re-creates the rows.
    """
    from django.contrib.auth.models import Group, Permission

    if not _role_permissions or Group.objects.filter(
            name__in=ROLE_GROUP_NAMES.values()).exists():
        groups = sync_role_groups()
        if not _role_permissions:
            _role_permissions.update({
                role: list(group.permissions.values_list("content_type__app_label",
                                                         "codename"))
                for role, group in groups.items()})
        return groups
    permission_ids = {(app_label, codename): pk for pk, app_label, codename in
                      Permission.objects.values_list("pk", "content_type__app_label",
                                                     "codename")}
    groups = dict(zip(ROLE_GROUP_NAMES, Group.objects.bulk_create(
        [Group(name=name) for name in ROLE_GROUP_NAMES.values()]), strict=True))
    Group.permissions.through.objects.bulk_create([
        Group.permissions.through(group=groups[role], permission_id=permission_ids[key])
        for role, keys in _role_permissions.items() for key in keys])
    return groups


@pytest.fixture
def personas(request, db, role_groups):
    """One programme with a user per role, plus a coordinator of another programme."""
    shared = _shared_personas(request)
    return shared.personas if shared else make_personas()


def make_personas():
    """The personas' rows; the role groups must exist (the ``role_groups`` fixture)."""
    from django.contrib.auth.models import Group

    program = ProgramFactory(name="Kayseri İhracatta Dönüşüm", slug="kayseri")
    other_program = ProgramFactory(name="Başka Program", slug="other")
    kto = InstitutionFactory(program=program, name="Kayseri Ticaret Odası", short_name="KTO")
    kayso = InstitutionFactory(program=program, name="Kayseri Sanayi Odası", short_name="KAYSO")
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR]))
    return Personas(
        program=program,
        other_program=other_program,
        kto=kto,
        other_institution=kayso,
        coordinator=member(program, Role.COORDINATOR, "coordinator"),
        supervisor=member(program, Role.SUPERVISOR, "supervisor"),
        agent1=member(program, Role.AGENT, "agent1"),
        agent2=member(program, Role.AGENT, "agent2"),
        focal_point=member(program, Role.FOCAL_POINT, "kto", institution=kto),
        other_focal_point=member(program, Role.FOCAL_POINT, "kayso", institution=kayso),
        editor=editor,
        outsider_coordinator=member(other_program, Role.COORDINATOR, "outsider"),
        superuser=UserFactory(username="root", is_superuser=True, is_staff=True),
    )


def pytest_configure(config):
    """The run's first process (the controller, or the only one) makes the directory the
    run keeps its shared rows in (tests/scoped_data.py); its workers inherit its name."""
    from tests.scoped_data import open_run_store

    if not hasattr(config, "workerinput"):
        open_run_store()


def pytest_unconfigure(config):
    from tests.scoped_data import close_run_store

    if not hasattr(config, "workerinput"):
        close_run_store()


# Where browser tests are required (CI), a skipped browser test fails the run.
_skipped_browser_tests = []


def pytest_runtest_logreport(report):
    if report.skipped and "/browser/" in report.nodeid.replace("\\", "/"):
        _skipped_browser_tests.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    import os

    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1" and _skipped_browser_tests:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                "\nFAILED: browser tests were skipped where they are required: "
                + ", ".join(sorted(set(_skipped_browser_tests))),
                red=True,
            )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the protected tables and public pages one
    test cached must not answer for another test's rows."""
    cache.clear()
    yield
    cache.clear()


def _empties_the_database(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in item.fixturenames for name in ("transactional_db", "live_server"))


def pytest_collection_modifyitems(config, items):
    """A transactional test ends by emptying every table, the rows migrations wrote
    included (Wagtail's root page, the occupations list). Tests are handed to workers a
    file at a time (``--dist loadfile``) and pytest-django runs transactional tests last,
    so a file must hold only one kind: otherwise its transactional test would empty the
    database under the files that follow it on the same worker."""
    kinds = {}
    for item in items:
        kinds.setdefault(item.path, set()).add(_empties_the_database(item))
    mixed = sorted(str(path) for path, found in kinds.items() if len(found) > 1)
    if mixed:
        raise pytest.UsageError(
            "These files mix transactional and ordinary database tests; move the "
            "transactional ones to a file of their own: " + ", ".join(mixed))
    _personas_shared_by_file.clear()
    _personas_shared_by_file.update(_files_sharing_personas(items))
    for item in items:
        # Before the test's own fixtures: the file's transaction must be open before the
        # test's own (``db``) begins, or the test's rollback would take the file's rows.
        if item.path in _personas_shared_by_file:
            item.fixturenames.insert(_after_session_fixtures(item), "personas_of_the_file")


def _after_session_fixtures(item):
    """Where the test's first fixture below session scope is. Session fixtures stay
    first: Chromium's (tests/browser/conftest.py) among them. Playwright's sync API leaves
    an event loop running in the test thread, after which Django keeps the thread's
    database connection per context: rows written before Chromium starts would be on
    another connection than the test's, whose transaction then waits on their lock on
    SQLite's in-memory database ("database table is locked")."""
    definitions = item._fixtureinfo.name2fixturedefs
    for index, name in enumerate(item.fixturenames):
        found = definitions.get(name)
        if not found or found[-1].scope != "session":
            return index
    return len(item.fixturenames)


def _uses_these(item, name):
    """Whether the test's fixture ``name`` is this file's (not a module's own, which
    shares its rows its own way)."""
    info = getattr(item, "_fixtureinfo", None)
    found = info.name2fixturedefs.get(name) if info else None
    return bool(found) and getattr(found[-1].func, "__module__", None) == __name__


def _files_sharing_personas(items):
    """Files where every test that uses the database asks for the personas and none
    empties the database: one build of the personas serves the file. A test of another
    file, or one that wants a database without the personas, builds its own as before."""
    sharing = {}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if not (fixtures & {"db", "transactional_db", "live_server"}
                or item.get_closest_marker("django_db")):
            continue
        sharing[item.path] = sharing.get(item.path, True) \
            and _uses_these(item, "personas") and _uses_these(item, "role_groups") \
            and not _empties_the_database(item)
    return {path for path, shares in sharing.items() if shares}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the tables, the next test on this worker
    still finds what the migrations wrote."""
    yield
    # After the last test the test database is already gone.
    if nextitem is not None and _empties_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_migration_rows()

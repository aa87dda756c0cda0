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

``--dist loadfile`` (pyproject.toml, tests/scheduling.py) runs a file's tests on one
worker, so the rows are built once. (``--dist loadgroup`` does not: pytest-xdist 3.8
marks a group by rewriting ``item._nodeid``, which pytest 9 no longer reads, so groups
were split.)

**Kept for the worker.** Several modules build the same rows (the personas, a public
site, the directory, the demo). Given ``kept_as`` (a name for what ``build`` makes),
the first scope on a worker runs ``build`` and keeps, in memory, a copy of its result and
the rows of each table it changed; a later scope asking for the same name gets those
rows written back into its own transaction and its own copy of the result, instead of
building again (plain INSERTs on SQLite, ``COPY`` on PostgreSQL: a fraction of the
build's time). The rows are written back only onto the database the first build started
from (every table's row count, and the rows of every table that has any, compared: after a
test that ended with Django's flush, the content types and permissions come back as many
as before under other ids, and rows written back onto them would name ids that are gone);
otherwise ``build`` runs again. Nothing is kept
between runs or shared between workers, so a change to the code that builds the rows
always shows in the next run. ``build`` must leave nothing but rows (no files the rows
name, no state in memory a test relies on): the personas, sites and the demo do.
"""

import contextlib
import copy
import hashlib
from collections import namedtuple

from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from tests.transactional_reset import (
    FAST_HASHERS,
    filled_by_triggers,
    in_writing_order,
    sqlite_full_text_tables,
)

_kept = {}  # kept_as -> (the database before the build, build's result, changed tables)


@contextlib.contextmanager
def rows_for_scope(django_db_blocker, build, kept_as=None):
    """Yield ``build()``'s result; its rows exist until the ``with`` block ends. With
    ``kept_as``, a worker builds them once (see the module's docstring)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As the function-scoped autouse fixtures in tests/conftest.py would set them.
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS), translation.override("en"):
                value = _built(build, kept_as) if kept_as else build()
            _check_constraints_once()
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


def _check_constraints_once():
    """Check the scope's rows against their foreign keys now, once.

    Django's foreign keys are checked at commit (deferred), and a test ends by checking
    them at once (``TestCase`` sets them immediate and back), inside its savepoint: on
    PostgreSQL the checks the scope's rows left pending were run again at the end of
    every test of the module, and came back with each test's rollback to its savepoint
    (0.18 s a test over the demo's rows). Run here, outside any test's savepoint, they
    are done for the whole scope."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _built(build, kept_as):
    """``build()``, or the rows and result its first run on this worker left."""
    state = _starting_state(connection.introspection.table_names())
    if kept_as in _kept and _kept[kept_as][0] == state:
        _state, value, changed = _kept[kept_as]
        _write_tables(changed)
        return copy.deepcopy(value)
    tables = _tables()  # the statements of every table: only a build reads them all
    before = {table.name: rows for table, rows in _read_tables(tables)}
    value = build()
    changed = [(table, rows) for table, rows in _read_tables(tables)
               if rows != before[table.name]]
    _kept[kept_as] = (state, copy.deepcopy(value), changed)
    return value


# A table's name, the SQL that reads every row and the SQL that writes them back.
_Table = namedtuple("_Table", "name read write")


def _tables(names=None):
    """The database's tables (or those named) with the SQL that reads and writes their
    rows: ``COPY`` on PostgreSQL; on SQLite a SELECT of the values as stored and an
    INSERT."""
    if names is None:
        names = connection.introspection.table_names()
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return [_Table(name, f"COPY {quote(name)} TO STDOUT",
                       f"COPY {quote(name)} FROM STDIN") for name in names]
    connection.ensure_connection()
    raw = connection.connection
    # Wagtail's and modelsearch's full-text tables are written by triggers on their
    # index entries, as those are written back.
    written_by_triggers = sqlite_full_text_tables(raw.cursor())
    tables = []
    for name in names:
        if name in written_by_triggers:
            continue
        columns = [row[1] for row in raw.execute(f"PRAGMA table_info({quote(name)})")]
        listed = ", ".join(quote(column) for column in columns)
        # "+column" is the value as stored: Django's converters (a time, a decimal) work
        # on a table's columns by their declared type, not on an expression.
        values = ", ".join(f"+{quote(column)}" for column in columns)
        tables.append(_Table(name, f"SELECT {values} FROM {quote(name)}",
                             f"INSERT INTO {quote(name)} ({listed}) VALUES "
                             f"({', '.join('?' * len(columns))})"))
    return tables


def _starting_state(names):
    """What a scope starts from: each table's number of rows, and a digest of the rows of
    the tables that have any (the migrations' rows: about 1,700 in 20 tables, read in 4 ms
    on SQLite and 10 ms on PostgreSQL)."""
    counts = _row_counts(names)
    filled = [name for name, count in zip(names, counts, strict=True) if count]
    digest = hashlib.sha256()
    for table, rows in _read_tables(_tables(filled)):
        # Sorted: a table written again with the same rows may store them in another order.
        lines = (rows.split(b"\n") if isinstance(rows, bytes)
                 else [repr(row).encode() for row in rows])
        digest.update(table.name.encode() + b"\0" + b"\0".join(sorted(lines)) + b"\0")
    return counts, digest.hexdigest()


def _row_counts(names):
    """Each named table's number of rows, in the order of ``names``: one row of counts per
    400 tables (a UNION ALL of counts would do in one statement, but PostgreSQL may run its
    parts in parallel and return them in any order; SQLite allows 2,000 columns)."""
    quote = connection.ops.quote_name
    counts = []
    with connection.cursor() as cursor:
        for start in range(0, len(names), 400):
            cursor.execute("SELECT " + ", ".join(
                f"(SELECT COUNT(*) FROM {quote(name)})" for name in names[start:start + 400]))
            counts += list(cursor.fetchone())
    return counts


def _read_tables(tables):
    """[(table, its rows)]: bytes of ``COPY`` on PostgreSQL, tuples on SQLite."""
    kept = []
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(table.read) as copied:
                    rows = b"".join(bytes(block) for block in copied)
            else:
                rows = connection.connection.execute(table.read).fetchall()
            kept.append((table, rows))
    return kept


def _write_tables(tables):
    """Replace the rows of each of ``tables`` (as ``_read_tables`` gave them). Foreign
    keys are checked at the commit, which never comes: the scope rolls back."""
    quote = connection.ops.quote_name
    filled = filled_by_triggers()
    ordered = in_writing_order(tables, name=lambda kept: kept[0].name)
    with connection.cursor() as cursor:
        for table, _rows in tables:
            cursor.execute(f"DELETE FROM {quote(table.name)}")
        for table, rows in ordered:
            if table.name in filled:
                cursor.execute(f"DELETE FROM {quote(table.name)}")
            if not rows:
                continue
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(table.write) as copied:
                    copied.write(rows)
            else:
                connection.connection.executemany(table.write, rows)


def copied_fixtures(**attributes):
    """Fixtures that hand each test its own deep copy of the module's ``shared`` rows:
    ``shared_copy``, and one fixture per keyword (fixture name → attribute of the shared
    namespace). A module takes them with ``globals().update(copied_fixtures(...))``."""
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

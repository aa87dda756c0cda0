"""After a transactional test, the test database (SQLite or PostgreSQL) gets back the rows
it held when the worker's tests began, in one transaction of plain SQL on the test's own
connection.

Django's ``TransactionTestCase`` ends each test with ``flush``: a DELETE from every model
table, then the post_migrate signal, which writes every content type and permission again
(about 0.1 s of CPU a test on SQLite, skipped PostgreSQL-only tests included; 0.7 s of
wall time on a loaded machine), and ``restore_migration_rows`` (tests/conftest.py) then
writes Wagtail's tree and the occupations list. What follows takes about 0.02 s of CPU.
The test database is copied once per worker right after its setup (SQLite's backup API,
into a temporary file); a transactional test's teardown attaches
that copy, deletes the rows of the same tables the flush empties and inserts the copy's
rows, and detaches it. The statements run on the connection the live server shares, like
the flush's, and while the live server holds no request (``tests/live_server.py``): the
database file is never replaced under an open connection (an earlier attempt that copied
the template file back broke the field app's sync tests with "no such savepoint").

On PostgreSQL the flush is one TRUNCATE of every table (each gets new files on disk)
followed by the same signal and rows: about 1.5 s of wall time a test on a quiet machine.
There the copy is a schema ``kept_rows`` of the worker's database, holding a copy of each
table that had rows after setup (outside the search path, so Django never sees it); the
teardown deletes every table's rows and inserts the kept ones, in one transaction sent as
one batch of statements (Django's foreign keys are checked at commit, so the order does not
matter).

Every later test on the worker starts from exactly the rows the worker's first test found
(after the flush it found no Wagtail default site and welcome page, for one). The copy is
used only on an in-memory SQLite database or a PostgreSQL one, and only when the
connection is outside any transaction; in every other case (``available_apps``,
``serialized_rollback``, a test that changed a table's columns) the teardown is Django's
flush, as before.
"""

import contextlib
import os
import sqlite3
import tempfile

from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings, testcases
from django.utils import translation

from tests import live_server

# As the function-scoped autouse fixture in tests/conftest.py sets them.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_copies = {}  # alias -> path of the copy of the database as its setup left it
_django_teardown = testcases.TransactionTestCase._fixture_teardown


def _in_memory_sqlite(connection):
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"])


KEPT_SCHEMA = "kept_rows"


def keep_copy(aliases):
    """Copy each in-memory SQLite or PostgreSQL test database of ``aliases`` as it is now;
    returns a function that deletes the SQLite copies (a PostgreSQL copy goes with its
    test database)."""
    _copies.update(_take_copies(aliases, KEPT_SCHEMA))

    def remove():
        _remove_copies(_copies)
        _copies.clear()

    return remove


def _take_copies(aliases, schema):
    copies = {}
    for alias in aliases:
        connection = connections[alias]
        if _in_memory_sqlite(connection):
            connection.ensure_connection()
            handle, path = tempfile.mkstemp(prefix=f"test-db-{alias}-", suffix=".sqlite3")
            os.close(handle)
            with contextlib.closing(sqlite3.connect(path)) as target:
                connection.connection.backup(target)
            copies[alias] = path
        elif connection.vendor == "postgresql":
            copies[alias] = _keep_postgresql_rows(connection, schema)
    return copies


def _remove_copies(copies):
    for alias, copy in copies.items():
        if isinstance(copy, str):
            with contextlib.suppress(OSError):
                os.unlink(copy)
        elif copy["schema"] != KEPT_SCHEMA:
            with connections[alias].cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {copy['schema']} CASCADE")


@contextlib.contextmanager
def rows_kept_for_module(django_db_blocker, build):
    """For a module of transactional tests that read rows expensive to build (a browser
    test's public site): ``build()`` runs once, committed, and its result is yielded; after
    each test of the module the database gets back the rows as ``build()`` left them,
    instead of as the worker's setup left them; when the block ends, the worker's rows
    come back. What a test writes is undone after it, as before."""
    aliases = list(_copies)
    with django_db_blocker.unblock():
        # As the function-scoped autouse fixtures in tests/conftest.py would set them.
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS), translation.override("en"):
            value = build()
        module = _take_copies(aliases, f"{KEPT_SCHEMA}_module")
    worker = dict(_copies)
    _copies.update(module)
    try:
        yield value
    finally:
        _copies.update(worker)
        with django_db_blocker.unblock():
            for alias in aliases:
                if not restore(alias):
                    _flush(alias)
            _remove_copies(module)


def _keep_postgresql_rows(connection, schema=KEPT_SCHEMA):
    """Copy every table that has rows into ``schema``; returns the batch of SQL that puts
    them back, and the columns each table had."""
    tables = connection.introspection.django_table_names(only_existing=True,
                                                          include_views=False)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        columns = _postgresql_columns(cursor, tables)
        kept = []
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {_quoted([table])})")
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {schema}.{_quoted([table])} AS "
                               f"SELECT * FROM {_quoted([table])}")
                kept.append(table)
    statements = [f"DELETE FROM {_quoted([table])}" for table in tables]
    filled = filled_by_triggers()
    emptied_only = [table for table in tables if table in filled and table not in kept]
    for table in in_writing_order(kept + emptied_only):
        if table in filled:
            statements.append(f"DELETE FROM {_quoted([table])}")
        if table in kept:
            statements.append(
                f"INSERT INTO {_quoted([table])} ({_quoted(columns[table])}) "
                f"SELECT {_quoted(columns[table])} FROM {schema}.{_quoted([table])}")
    return {"tables": tables, "columns": columns, "schema": schema,
            "batch": ";\n".join(statements)}


def _postgresql_columns(cursor, tables):
    """The columns of each of ``tables`` in the current schema, in their order."""
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY(%s) "
        "ORDER BY table_name, ordinal_position", [list(tables)])
    columns = {}
    for table, column in cursor.fetchall():
        columns.setdefault(table, []).append(column)
    return columns


def _quoted(names):
    return ", ".join('"{}"'.format(name.replace('"', '""')) for name in names)


# SQLite keeps a full-text table's index in shadow tables that it writes itself.
_FTS_SHADOWS = ("", "_data", "_idx", "_content", "_docsize", "_config")


def sqlite_full_text_tables(cursor, schema="main"):
    """The full-text tables of an SQLite database and their shadow tables: Wagtail's and
    modelsearch's triggers write them as their index entries are written, so copying
    their rows besides would write each entry twice."""
    virtual = {name for (name,) in cursor.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
    return {f"{base}{suffix}" for base in virtual for suffix in _FTS_SHADOWS}


def filled_by_triggers():
    """Tables that database triggers write as other rows are written (the field-study
    figures version moves with every visit, answer or assessment written back): written
    back last, each emptied again first, so the kept rows are the ones that stay."""
    from fieldvisits.models import FiguresVersion

    return {FiguresVersion._meta.db_table}


def in_writing_order(tables, name=lambda table: table):
    """``tables`` with those triggers fill (``filled_by_triggers``) moved to the end."""
    filled = filled_by_triggers()
    return sorted(tables, key=lambda table: name(table) in filled)


def _columns(cursor, schema, table):
    quoted = table.replace('"', '""')
    return [row[1] for row in cursor.execute(f'PRAGMA {schema}.table_info("{quoted}")')]


def restore(alias):
    """Put back the rows of ``alias`` as its setup left them; False where it cannot."""
    path = _copies.get(alias)
    connection = connections[alias]
    if (path is None or connection.connection is None or connection.in_atomic_block
            or not connection.get_autocommit()):
        return False
    if connection.vendor == "postgresql":
        restored = _restore_postgresql(connection, path)
    else:
        restored = _restore_sqlite(connection, path)
    if restored:
        # The content types a test created are gone; their cached ids with them.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    return restored


def _restore_postgresql(connection, kept):
    tables = connection.introspection.django_table_names(only_existing=True,
                                                          include_views=False)
    with connection.cursor() as cursor:
        if tables != kept["tables"] or _postgresql_columns(cursor, tables) != kept["columns"]:
            return False  # a test changed the tables; flush as Django does
        with transaction.atomic(using=connection.alias):
            cursor.execute(kept["batch"])
    return True


def _restore_sqlite(connection, path):
    with live_server.no_request_running():
        raw = connection.connection
        tables = connection.introspection.django_table_names(only_existing=True,
                                                              include_views=False)
        raw.execute("ATTACH DATABASE ? AS kept", (path,))
        try:
            cursor = raw.cursor()
            kept = {name for (name,) in cursor.execute(
                "SELECT name FROM kept.sqlite_master WHERE type = 'table'")}
            kept -= sqlite_full_text_tables(cursor, "kept")
            columns = {}
            for table in tables:
                if table in kept:
                    columns[table] = _columns(cursor, "main", table)
                    if columns[table] != _columns(cursor, "kept", table):
                        return False  # a test changed this table; flush as Django does
            filled = filled_by_triggers()
            with transaction.atomic(using=connection.alias):
                for table in tables:
                    cursor.execute(f"DELETE FROM main.{_quoted([table])}")
                for table in in_writing_order(columns):
                    if table in filled:
                        cursor.execute(f"DELETE FROM main.{_quoted([table])}")
                    names = columns[table]
                    cursor.execute(f"INSERT INTO main.{_quoted([table])} ({_quoted(names)}) "
                                   f"SELECT {_quoted(names)} FROM kept.{_quoted([table])}")
        finally:
            raw.execute("DETACH DATABASE kept")
    return True


def _fixture_teardown(self):
    if self.available_apps is not None or self.serialized_rollback:
        return _django_teardown(self)
    for alias in self._databases_names(include_mirrors=False):
        if not restore(alias):
            _flush(alias)


def _flush(alias):
    """Django's TransactionTestCase._fixture_teardown for one database."""
    call_command("flush", verbosity=0, interactive=False, database=alias,
                 reset_sequences=False, allow_cascade=False, inhibit_post_migrate=False)


def install():
    testcases.TransactionTestCase._fixture_teardown = _fixture_teardown

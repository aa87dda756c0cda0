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

**Kept for the run.** Several modules build the same rows (the personas, a public site,
the directory, the demo). Given ``kept_as`` (a name for what ``build`` makes), the first
scope of the run, on any worker, runs ``build`` and keeps its result and the rows of each
table it changed in a file of a directory the run's first process makes and removes
(``open_run_store``/``close_run_store``, hooked in tests/conftest.py); a later scope
asking for the same name, on that worker or another, gets those rows written back into
its own transaction and its own unpickled copy of the result, instead of building again
(plain INSERTs on SQLite, ``COPY`` on PostgreSQL: a fraction of the build's time). One
that asks while another worker builds the same rows waits for that build (a lock per
file) instead of building them on the other core. The rows are written back only onto
the database the first build started from (the file is named by every table's row count
and a digest of the rows of every table that has any: after a test that ended with
Django's flush, the content types and permissions come back as many as before under
other ids, and rows written back onto them would name ids that are gone); otherwise
``build`` runs again. Nothing is kept between runs, so a change to the code that builds
the rows always shows in the next run. A result that cannot be pickled is built again
by every scope.

``build`` must leave nothing but rows (no files the rows name, no state in memory a test
relies on): the personas, sites and the demo do, except for the numbering a build moves
on, which the scopes that had the rows written back continue (``_continue_numbering``):
factory_boy's counters (a firm's tax number, a user's name) and, on PostgreSQL, the
tables' sequences.
"""

import contextlib
import copy
import fcntl
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from collections import namedtuple
from pathlib import Path

from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from tests.transactional_reset import (
    FAST_HASHERS,
    filled_by_triggers,
    in_writing_order,
    sqlite_full_text_tables,
)


@contextlib.contextmanager
def rows_for_scope(django_db_blocker, build, kept_as=None):
    """Yield ``build()``'s result; its rows exist until the ``with`` block ends. With
    ``kept_as``, the run builds them once (see the module's docstring)."""
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
    """``build()``, or the rows and result the run's first build of ``kept_as`` from the
    same database left."""
    with _run_store_entry(kept_as) as entry:
        stored = entry.read()
        if stored is not None:
            value, changed, sequences = stored
            _write_tables(changed)
            _continue_numbering(changed, sequences)
            return value
        tables = _tables()  # the statements of every table: only a build reads them all
        before = {table.name: rows for table, rows in _read_tables(tables)}
        value = build()
        changed = [(table, rows) for table, rows in _read_tables(tables)
                   if rows != before[table.name]]
        entry.write((value, changed, _factory_sequences()))
        return value


# The directory of the run's builds: named in the environment by the run's first process,
# which its workers inherit.
_RUN_STORE = "TRACKER_TEST_KEPT_ROWS"
# How long a worker waits for another worker's build of the same rows before building
# them itself (the demo takes about 10 s of CPU).
_WAIT_FOR_BUILD = 300


def open_run_store():
    os.environ[_RUN_STORE] = tempfile.mkdtemp(prefix="export-tracker-kept-rows-")


def close_run_store():
    shutil.rmtree(os.environ.pop(_RUN_STORE), ignore_errors=True)


class _StoreEntry:
    """One build's file in the run's directory: ``read()`` gives what ``write`` kept (the
    result, the changed tables, the factories' counters) or ``None``; nothing is kept if
    the result cannot be pickled."""

    def __init__(self, path):
        self.path = path

    def read(self):
        return pickle.loads(self.path.read_bytes()) if self.path.exists() else None

    def write(self, stored):
        try:
            data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # built again by every scope
        partial = self.path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(data)
        partial.replace(self.path)


def _factories():
    """The test factories loaded in this process that own their sequence counter."""
    import factory.base

    pending, found = [factory.base.BaseFactory], []
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        meta = getattr(cls, "_meta", None)
        if getattr(meta, "model", None) is not None and meta.counter_reference is meta:
            found.append((f"{cls.__module__}.{cls.__qualname__}", meta))
    return found


def _factory_sequences():
    """Each started factory's next sequence number after a build. Rows a factory made carry
    its numbers (a user's name, a firm's tax number): a worker that has the rows written
    back without building must not number its own rows from 0 again. (factory_boy keeps
    the counter in ``_meta._counter``; it has no reader for it.)"""
    return {name: meta._counter.seq for name, meta in _factories() if meta._counter}


def _continue_numbering(changed, sequences):
    """After rows built elsewhere are written back: number new rows after them, as the
    process that built them would (its factories' counters, its database's sequences)."""
    for name, meta in _factories():
        if name in sequences:
            meta._initialize_counter()
            if meta._counter.seq < sequences[name]:
                meta.reset_sequence(sequences[name])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            _move_sequences_past(cursor, [table.name for table, rows in changed if rows])


@contextlib.contextmanager
def _run_store_entry(kept_as):
    """The run's entry for ``kept_as`` built from this database as it is, held under a
    lock so that one worker builds it while the others wait for it."""
    state = _starting_state(connection.introspection.table_names())
    key = hashlib.sha256(repr((connection.vendor, kept_as, state)).encode()).hexdigest()
    path = Path(os.environ[_RUN_STORE]) / f"{key}.pickle"
    with open(path.with_suffix(".lock"), "w") as lock:
        deadline = time.monotonic() + _WAIT_FOR_BUILD
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break  # build without the lock rather than wait on
                time.sleep(0.05)
        try:
            yield _StoreEntry(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


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


def _move_sequences_past(cursor, names):
    """Move each sequence of the named tables past the largest value its column holds
    (SQLite's AUTOINCREMENT follows the rows inserted by itself)."""
    if not names:
        return
    quote = connection.ops.quote_name
    cursor.execute(
        "SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname)"
        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " WHERE c.relname = ANY(%s) AND c.relnamespace = current_schema()::regnamespace"
        " AND a.attnum > 0 AND NOT a.attisdropped"
        " AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL",
        [list(names)])
    for table, column, sequence in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(%s, top) FROM (SELECT MAX({quote(column)}) AS top"
            f" FROM {quote(table)}) AS written WHERE top > (SELECT CASE WHEN is_called"
            f" THEN last_value ELSE last_value - 1 END FROM {sequence})",
            [sequence])


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

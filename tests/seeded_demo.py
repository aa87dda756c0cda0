"""The full demo (``seed_demo``) loaded once per worker and copied into every module
that reads it.

``seed_demo`` takes about 10 s of CPU (Kayseri at real scale, the pilots, Qom, the zone,
the directory and three public sites). The first module on a worker that asks for a
given set of arguments runs it inside its scoped transaction (tests/scoped_data.py) and
keeps every table's rows in memory; a later module asking for the same arguments gets
those rows written back inside its own scoped transaction instead of seeding again (a
fraction of a second: plain INSERTs on SQLite, ``COPY`` on PostgreSQL). Either way the
rows are rolled back when the module ends, so no other module sees them.

Nothing is kept between runs or shared between workers, so a change to the demo's code
always shows in the next run::

    @pytest.fixture(scope="module")
    def seeded(django_db_setup, django_db_blocker):
        with seeded_demo(django_db_blocker, *DEMO_ARGUMENTS) as output:
            yield output
"""

from io import StringIO

from django.core.management import call_command
from django.db import connection

from tests.scoped_data import rows_for_scope
from tests.transactional_reset import filled_by_triggers, in_writing_order, sqlite_full_text_tables

# The arguments the modules that only read the demo load it with: one set, so that one
# load serves all of them on a worker. The day lies before the clock's today, as pages read
# the directory's listings as of today and a listing consented after it is not shown yet.
DEMO_PASSWORD = "demo-pass-2026"
DEMO_DAY = "2026-11-23"
DEMO_ARGUMENTS = ("--password", DEMO_PASSWORD, "--today", DEMO_DAY)

_kept = {}  # arguments -> (seed_demo's output, the tables' rows as it left them)


def seeded_demo(django_db_blocker, *arguments):
    """A context manager: ``seed_demo *arguments`` (its output is yielded) whose rows exist
    until the ``with`` block ends."""

    def build():
        if arguments in _kept:
            output, tables = _kept[arguments]
            _write_tables(tables)
            return output
        out = StringIO()
        call_command("seed_demo", *arguments, stdout=out)
        _kept[arguments] = (out.getvalue(), _read_tables())
        return out.getvalue()

    return rows_for_scope(django_db_blocker, build)


def _tables():
    """(name, SQL to read every row, SQL to write one row) per table, or per table the
    COPY statements on PostgreSQL."""
    names = connection.introspection.table_names()
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return [(name, f"COPY {quote(name)} TO STDOUT", f"COPY {quote(name)} FROM STDIN")
                for name in names]
    with connection.cursor() as cursor:
        written_by_triggers = sqlite_full_text_tables(cursor)
    tables = []
    for name in names:
        # Wagtail's and modelsearch's full-text tables are written by triggers on their
        # index entries, as those are written back.
        if name in written_by_triggers:
            continue
        with connection.cursor() as cursor:
            columns = [row[1] for row in cursor.execute(
                f"PRAGMA table_info({quote(name)})")]
        listed = ", ".join(quote(column) for column in columns)
        # "+column" is the value as stored: Django's converters (a time, a decimal) work
        # on a table's columns by their declared type, not on an expression.
        values = ", ".join(f"+{quote(column)}" for column in columns)
        tables.append((name, f"SELECT {values} FROM {quote(name)}",
                       f"INSERT INTO {quote(name)} ({listed}) VALUES "
                       f"({', '.join('?' * len(columns))})"))
    return tables


def _read_tables():
    kept = []
    with connection.cursor() as cursor:
        for name, read, write in _tables():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(read) as copy:
                    rows = b"".join(bytes(block) for block in copy)
            else:
                rows = connection.connection.execute(read).fetchall()
            kept.append((name, write, rows))
    return kept


def _write_tables(tables):
    quote = connection.ops.quote_name
    filled = filled_by_triggers()
    ordered = in_writing_order(tables, name=lambda table: table[0])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(quote(name) for name, _w, _r in tables))
            for name, write, rows in ordered:
                if name in filled:
                    cursor.execute(f"DELETE FROM {quote(name)}")
                if rows:
                    with cursor.cursor.copy(write) as copy:
                        copy.write(rows)
        return
    # Foreign keys are checked at the commit, which never comes: the scope rolls back.
    connection.ensure_connection()
    raw = connection.connection
    for name, _write, _rows in tables:
        raw.execute(f"DELETE FROM {quote(name)}")
    for name, write, rows in ordered:
        if name in filled:
            raw.execute(f"DELETE FROM {quote(name)}")
        if rows:
            raw.executemany(write, rows)

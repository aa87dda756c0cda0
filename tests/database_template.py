"""A migrated template of the test database, built once and copied for every worker.

Migrating the empty test database takes about 16 s of CPU, and ``pytest -n 2`` did it
once per worker on every run. Here the first worker migrates as before and saves the
result as a template named after a hash of every migration file (the project's and the
libraries'), the database engine and Django's version; every later worker and run copies
the template and then runs ``migrate`` as usual, which applies nothing when the template
is current and everything that is new when it is not. Post-migrate signals (content
types, permissions, Wagtail's data) run on every copy as they would on a fresh database.

- SQLite: the template is a file under ``~/.cache/export-tracker/test-db/`` (or
  ``$XDG_CACHE_HOME``, or ``$TEST_DB_TEMPLATE_DIR``); each worker restores it into its own
  in-memory test database with SQLite's backup API.
- PostgreSQL: the template is a database ``<test name>_tpl_<hash>`` (kept by the server
  between runs, as the SQLite file is kept outside the checkout) and Django creates each
  worker's database ``WITH TEMPLATE`` it (``DATABASES[...]["TEST"]["TEMPLATE"]``).

Four templates are kept per database (the SQLite files used last, the newest PostgreSQL
databases), so checkouts with other migrations on one machine do not evict each other's.

A template is kept with a list of the migrations in it and a digest of each file
(``<template>.json`` beside the SQLite file; for PostgreSQL in the same folder). When no
template matches the migrations on disk, the closest earlier one is the start instead of
an empty database: one whose migrations are all on disk, unchanged, under the same engine,
Django version and data files; ``migrate`` then applies only the migrations added since
(as an installed site is upgraded), and the result is saved as the new template. A
branch that adds a migration no longer migrates all of them from empty (36 s of CPU).

Off with ``TEST_DB_TEMPLATE=0``, and not used with ``--reuse-db`` or ``--nomigrations``.
"""

import contextlib
import fcntl
import hashlib
import importlib
import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import django
from django.db import connections
from django.db.migrations.loader import MigrationLoader


def _template_dir():
    """Outside the checkout, so a clean checkout on the same machine (a second clone, CI
    after a local run) finds the template its migrations already built; the name carries
    the migrations' hash, so a checkout with other migrations builds its own."""
    configured = os.environ.get("TEST_DB_TEMPLATE_DIR")
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "export-tracker" / "test-db"


TEMPLATE_DIR = _template_dir()
# Templates kept per database: checkouts with other migrations (a branch, a worktree) do
# not evict each other's.
TEMPLATES_KEPT = 4


def enabled():
    return os.environ.get("TEST_DB_TEMPLATE", "1") != "0"


# Data files migrations load (a new row or label changes the migrated database too).
MIGRATION_DATA = [Path(__file__).resolve().parent.parent / "zones" / "data" / "isco08.csv"]


def migration_digests(connection):
    """What the migrated database is made of: ``{"app.name": digest of its file}`` for
    every migration on disk, and under ``""`` the engine, Django's version and the data
    files migrations load."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digests = {}
    for app_label, name in sorted(loader.disk_migrations):
        module = type(loader.disk_migrations[(app_label, name)]).__module__
        path = Path(importlib.import_module(module).__file__)
        digests[f"{app_label}.{name}"] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    environment = hashlib.sha256(f"{connection.vendor} {django.get_version()}\n".encode())
    for path in MIGRATION_DATA:
        environment.update(path.read_bytes())
    digests[""] = environment.hexdigest()[:16]
    return digests


def migrations_key(digests):
    """Changes whenever any migration file, a data file migrations load, the engine or
    Django's version changes."""
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:12]


def closest_earlier(listed, digests):
    """The name of the listed template (name → its digests) with the most migrations
    among those whose every migration is on disk unchanged, in the same environment;
    None if there is none."""
    fitting = [(len(theirs), name) for name, theirs in listed.items()
               if theirs.get("") == digests[""]
               and all(digests.get(migration) == digest
                       for migration, digest in theirs.items())]
    return max(fitting)[1] if fitting else None


@contextlib.contextmanager
def _locked(alias):
    """One worker at a time builds or copies the template of ``alias`` on its engine (a
    PostgreSQL template is built while SQLite's is, see ``prepare``)."""
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    vendor = connections[alias].vendor
    with open(TEMPLATE_DIR / f"{vendor}-{alias}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class _Listed:
    """The list of migrations kept beside each template (``<template>.json``)."""

    def listing(self, name):
        return TEMPLATE_DIR / f"{name}.json"

    def write_listing(self, digests):
        partial = self.listing(self.name).with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(digests, sort_keys=True))
        partial.replace(self.listing(self.name))

    def closest_earlier(self, digests):
        """The kept template to migrate forward from when none matches (see above)."""
        listed = {}
        for name in self.kept_names():
            try:
                listed[name] = json.loads(self.listing(name).read_text())
            except (OSError, ValueError):
                continue
        return closest_earlier(listed, digests)


class _SQLiteTemplate(_Listed):
    def __init__(self, connection, key):
        self.connection = connection
        self.name = f"{connection.alias}-{key}"
        self.path = TEMPLATE_DIR / f"{self.name}.sqlite3"
        self._holder = None

    def kept_names(self):
        return [path.stem for path in TEMPLATE_DIR.glob(f"{self.connection.alias}-*.sqlite3")]

    def applicable(self):
        creation = self.connection.creation
        return creation.is_in_memory_db(creation._get_test_db_name())

    def exists(self):
        return self.path.exists()

    def restore_into_test_db(self, name=None):
        """Fill the shared in-memory test database from the template (or the kept one
        ``name``) before it migrates.

        The in-memory database lives while one connection to it is open; the holder is
        kept open until Django's own connection has taken over (``forget``).
        """
        creation = self.connection.creation
        original = creation._create_test_db
        template_name = name or self.name

        def create_from_template(verbosity, autoclobber, keepdb=False):
            name = original(verbosity, autoclobber, keepdb)
            self._holder = sqlite3.connect(name, uri=True)
            source = TEMPLATE_DIR / f"{template_name}.sqlite3"
            with sqlite3.connect(source) as template:
                template.backup(self._holder)
            source.touch()  # used now: kept before older ones
            return name

        creation._create_test_db = create_from_template
        return original

    def forget(self, original):
        self.connection.creation._create_test_db = original
        if self._holder is not None:
            self._holder.close()
            self._holder = None

    def save_test_db(self):
        self.connection.ensure_connection()
        partial = self.path.with_suffix(f".{os.getpid()}.partial")
        with sqlite3.connect(partial) as target:
            self.connection.connection.backup(target)
        target.close()
        partial.replace(self.path)
        # The templates used last are kept (several checkouts of other migrations share
        # the folder), the others removed.
        kept = sorted(TEMPLATE_DIR.glob(f"{self.connection.alias}-*.sqlite3"),
                      key=lambda path: path.stat().st_mtime, reverse=True)
        for old in kept[TEMPLATES_KEPT:]:
            old.unlink(missing_ok=True)
            self.listing(old.stem).unlink(missing_ok=True)


class _PostgreSQLTemplate(_Listed):
    def __init__(self, connection, key):
        self.connection = connection
        # Named after the test database without the worker's suffix, so workers share it.
        self.prefix = f"test_{connection.settings_dict['NAME']}_tpl_"
        self.name = f"{self.prefix}{key}"

    def applicable(self):
        return len(self.name) <= 63 and not self.connection.settings_dict["TEST"].get(
            "TEMPLATE")

    def _templates(self):
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                           [self.prefix.replace("_", r"\_") + "%"])
            return {row[0] for row in cursor.fetchall()}

    def exists(self):
        return self.name in self._templates()

    def kept_names(self):
        return self._templates()

    def restore_into_test_db(self, name=None):
        self.connection.settings_dict["TEST"]["TEMPLATE"] = name or self.name

    def forget(self, original):
        self.connection.settings_dict["TEST"].pop("TEMPLATE", None)

    def save_test_db(self):
        test_name = self.connection.settings_dict["NAME"]
        quote = self.connection.ops.quote_name
        self.connection.close()
        with self.connection._nodb_cursor() as cursor:
            # The newest templates are kept (checkouts of other migrations share the
            # server), older ones dropped.
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s "
                           "ORDER BY oid DESC", [self.prefix.replace("_", r"\_") + "%"])
            older = [name for (name,) in cursor.fetchall()
                     if re.fullmatch(re.escape(self.prefix) + r"[0-9a-f]{12}", name)]
            for old in older[TEMPLATES_KEPT - 1:]:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
                self.listing(old).unlink(missing_ok=True)
            cursor.execute(f"CREATE DATABASE {quote(self.name)} WITH TEMPLATE {quote(test_name)}")


def template_for(alias, key):
    connection = connections[alias]
    kind = {"sqlite": _SQLiteTemplate, "postgresql": _PostgreSQLTemplate}.get(connection.vendor)
    if kind is None:
        return None
    template = kind(connection, key)
    return template if template.applicable() else None


def setup_databases_from_template(setup_databases, aliases, **kwargs):
    """``django.test.utils.setup_databases`` with each alias copied from its template."""
    templates = {}
    digests = {}
    for alias in sorted(aliases):
        digests[alias] = migration_digests(connections[alias])
        template = template_for(alias, migrations_key(digests[alias]))
        if template is not None:
            templates[alias] = template
    if not templates:
        return setup_databases(aliases=aliases, **kwargs)
    with contextlib.ExitStack() as stack:
        for alias in templates:
            stack.enter_context(_locked(alias))
        existed = {alias: t.exists() for alias, t in templates.items()}
        # The template itself, or the closest earlier one to migrate forward from.
        starts = {alias: None if existed[alias] else t.closest_earlier(digests[alias])
                  for alias, t in templates.items()}
        restored = {alias: t.restore_into_test_db(starts[alias])
                    for alias, t in templates.items() if existed[alias] or starts[alias]}
        try:
            config = setup_databases(aliases=aliases, **kwargs)
        finally:
            for alias, original in restored.items():
                templates[alias].forget(original)
        for alias, template in templates.items():
            if not existed[alias]:
                template.save_test_db()
                template.write_listing(digests[alias])
    return config


def prepare():
    """Build (or bring forward) the template of the database ``DATABASE_URL`` names,
    without running a test: ``.ci/run`` builds PostgreSQL's while the SQLite run builds
    its own, so the migrations of the two engines run on the two cores at once. The test
    database it migrates is dropped again; the template stays for the test run."""
    from django.test.utils import setup_databases, teardown_databases

    if not enabled():
        return 0
    connection = connections["default"]
    if connection.vendor == "postgresql":  # not a worker's name: a run may be going on
        connection.settings_dict["TEST"]["NAME"] = \
            f"test_{connection.settings_dict['NAME']}_prepare"
    template = template_for("default", migrations_key(migration_digests(connection)))
    if template is None:
        sys.stderr.write("No template for this database engine; the test run migrates "
                         "as before.\n")
        return 0
    if template.exists():
        return 0
    config = setup_databases_from_template(setup_databases, {"default"}, verbosity=0,
                                           interactive=False, serialized_aliases=set())
    teardown_databases(config, verbosity=0)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    sys.exit(prepare())

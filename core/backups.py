"""Backups that restore: the database and every stored file, with a manifest of SHA-256
checksums, and a restore into an empty database and empty storage that checks them.

A backup is a directory::

    manifest.json        what is in it, each part's size and SHA-256, row counts
    database.dump        PostgreSQL: pg_dump's custom format (restored by pg_restore)
    database.sqlite3     SQLite: a consistent copy made by SQLite's online backup API
    files/<alias>/<name> every file of each storage alias (reports, evidence, imports, media)

The database is dumped first and the files copied after, so every file a row names is in
the backup (a file written in between is an extra, never a gap). Restoring checks every
checksum before it writes anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import dj_database_url
import psycopg
from django.apps import apps
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections, transaction
from django.utils import timezone

from core.storage import PRIVATE_KINDS

FORMAT = 1
STORAGE_ALIASES = (*PRIVATE_KINDS, "default")
# Apps whose rows the manifest counts, so a restore can show it has them all.
COUNTED_APPS = ("tracker", "fieldvisits", "directory", "clusters", "portfolio", "reports",
                "cms", "auth", "wagtailcore", "wagtailimages", "wagtaildocs")
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def sha256_of(handle):
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def row_counts(cursor):
    """Rows per model of ``COUNTED_APPS``, counted through the DB-API ``cursor``."""
    counts = {}
    for app in COUNTED_APPS:
        for model in apps.get_app_config(app).get_models():
            cursor.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')
            counts[model._meta.label] = cursor.fetchone()[0]
    return counts


def _pg_environment(config):
    environ = dict(os.environ)
    environ.update({key: str(value) for key, value in {
        "PGHOST": config.get("HOST"), "PGPORT": config.get("PORT"),
        "PGUSER": config.get("USER"), "PGPASSWORD": config.get("PASSWORD"),
        "PGDATABASE": config.get("NAME")}.items() if value})
    return environ


def _run(command, environ):
    done = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _dump_database(connection, target_dir):
    """Dump the database into ``target_dir``; returns ``(vendor, path, row counts)``, the
    counts taken from the very snapshot that was dumped."""
    vendor = connection.vendor
    if vendor == "postgresql":
        path = target_dir / "database.dump"
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot}", f"--file={path}"],
                 _pg_environment(connection.settings_dict))
    elif vendor == "sqlite":
        path = target_dir / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
            counts = row_counts(copy.cursor())
        finally:
            copy.close()
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor, path, counts


def _storage_identity(storage):
    return (type(storage).__name__, getattr(storage, "bucket_name", ""),
            str(getattr(storage, "location", "")))


def walk(storage, directory=""):
    """Every file name in ``storage`` under ``directory``."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:  # a local storage nothing was ever written to
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from walk(storage, f"{directory}/{folder}" if directory else folder)


def _distinct_storages():
    """``(alias, storage)`` of each storage alias, once per place: locally the evidence
    and the site's media share MEDIA_ROOT."""
    seen = set()
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        identity = _storage_identity(storage)
        if identity not in seen:
            seen.add(identity)
            yield alias, storage


def backup(target_dir):
    """Write a backup of the database and every stored file into ``target_dir`` (new or
    empty); returns the manifest."""
    target_dir = Path(target_dir)
    if target_dir.exists() and any(target_dir.iterdir()):
        raise BackupError(f"{target_dir} is not empty: back up into a new directory.")
    target_dir.mkdir(parents=True, exist_ok=True)
    connection = connections["default"]
    started = timezone.now()
    vendor, database_path, counts = _dump_database(connection, target_dir)
    with open(database_path, "rb") as handle:
        database_sha, database_size = sha256_of(handle)
    files = []
    for alias, storage in _distinct_storages():
        for name in walk(storage):
            if name.startswith("health/"):
                continue
            relative = Path("files", alias, name)
            (target_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(target_dir / relative, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            with open(target_dir / relative, "rb") as handle:
                digest, size = sha256_of(handle)
            files.append({"storage": alias, "name": name, "path": relative.as_posix(),
                          "size": size, "sha256": digest})
    manifest = {
        "format": FORMAT, "started_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "database": {"vendor": vendor, "path": database_path.name, "size": database_size,
                     "sha256": database_sha},
        "counts": counts, "files": files,
    }
    (target_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def read_manifest(source_dir):
    """The manifest of ``source_dir`` once every part's checksum is verified."""
    source_dir = Path(source_dir)
    try:
        manifest = json.loads((source_dir / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source_dir} has no readable manifest.json ({error}).") from error
    parts = [manifest["database"], *manifest["files"]]
    for part in parts:
        path = source_dir / part["path"]
        try:
            with open(path, "rb") as handle:
                digest, size = sha256_of(handle)
        except OSError as error:
            raise BackupError(f"{part['path']} is missing from the backup.") from error
        if (digest, size) != (part["sha256"], part["size"]):
            raise BackupError(f"{part['path']} does not match its checksum in the manifest: "
                              "the backup is damaged. Restore an older one.")
    return manifest


def _restore_database(manifest, source_dir, config):
    vendor = manifest["database"]["vendor"]
    dump = source_dir / manifest["database"]["path"]
    engine = config["ENGINE"].rsplit(".", 1)[-1]
    if (vendor, engine) not in {("postgresql", "postgresql"), ("sqlite", "sqlite3")}:
        raise BackupError(f"A {vendor} backup cannot be restored into {engine}.")
    if vendor == "postgresql":
        environ = _pg_environment(config)
        tables = subprocess.run(
            ["psql", "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"],
            env=environ, capture_output=True, text=True, check=False)
        if tables.returncode or tables.stdout.strip() != "0":
            raise BackupError(f"The database {config['NAME']} is not empty (or cannot be "
                              "reached): restore into a new, empty database.")
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", f"--dbname={config['NAME']}", str(dump)], environ)
    else:
        target = Path(config["NAME"])
        if target.exists() and target.stat().st_size:
            raise BackupError(f"{target} exists: restore into a new database file.")
        target.parent.mkdir(parents=True, exist_ok=True)
        source, copy = sqlite3.connect(dump), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()


def _restore_files(manifest, source_dir):
    for entry in manifest["files"]:
        storage = storages[entry["storage"]]
        if storage.exists(entry["name"]):
            raise BackupError(f"{entry['storage']}: {entry['name']} already exists: restore "
                              "into empty storage.")
    for entry in manifest["files"]:
        storage = storages[entry["storage"]]
        with open(source_dir / entry["path"], "rb") as handle:
            saved = storage.save(entry["name"], File(handle, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"{entry['name']} was stored as {saved}.")
        with storage.open(saved, "rb") as handle:
            if sha256_of(handle)[0] != entry["sha256"]:
                raise BackupError(f"{entry['name']} reads back different from the backup.")


def database_config(database_url=""):
    """The settings of the database ``database_url`` (the configured one by default)."""
    if not database_url:
        return connections["default"].settings_dict
    return {**connections["default"].settings_dict, **dj_database_url.parse(database_url)}


def open_database(config):
    """A plain DB-API connection to ``config``'s database, outside Django's connections,
    so a restore can fill and count a database the site does not use."""
    if config["ENGINE"].endswith("sqlite3"):
        return sqlite3.connect(config["NAME"])
    return psycopg.connect(**{key: value for key, value in {
        "dbname": config["NAME"], "host": config.get("HOST"), "port": config.get("PORT"),
        "user": config.get("USER"), "password": config.get("PASSWORD")}.items() if value})


def restore(source_dir, *, database_url=""):
    """Restore the backup in ``source_dir`` into the empty database ``database_url`` (the
    configured one by default) and the configured, empty storages; returns
    ``(manifest, restored row counts)``."""
    source_dir = Path(source_dir)
    manifest = read_manifest(source_dir)
    config = database_config(database_url)
    if not database_url:
        connections["default"].close()
    _restore_database(manifest, source_dir, config)
    _restore_files(manifest, source_dir)
    restored = open_database(config)
    try:
        counts = row_counts(restored.cursor())
    finally:
        restored.close()
    if counts != manifest["counts"]:
        differing = {label: (manifest["counts"].get(label), count)
                     for label, count in counts.items() if manifest["counts"].get(label) != count}
        raise BackupError(f"Row counts differ after the restore (backup, restored): {differing}")
    return manifest, counts

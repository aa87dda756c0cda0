"""A backup restores into an empty database and empty storage: the same row counts, the
issued report with its checksum, the visit's photo byte for byte; a damaged backup is
refused before anything is written."""

import hashlib
import io
import subprocess

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from core.backups import database_config, open_database
from fieldvisits.models import Visit, VisitAttachment
from fieldvisits.services import add_attachment
from reports.models import Report
from reports.services import request_report

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16
FILESYSTEM = "django.core.files.storage.FileSystemStorage"


def storages_under(root):
    return {alias: {"BACKEND": FILESYSTEM, "OPTIONS": {"location": str(root / alias)}}
            for alias in ("default", "reports", "evidence", "imports")}


@pytest.fixture
def live_storages(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, **storages_under(tmp_path / "live")}


@pytest.fixture
def empty_database(tmp_path):
    """The URL of an empty database of the kind the tests run on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        settings = connection.settings_dict
        name = f"{settings['NAME']}_restore"
        server = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
                  "-U", settings["USER"]]
        subprocess.run(["dropdb", "--if-exists", *server, name], check=True)
        subprocess.run(["createdb", *server, name], check=True)
        yield (f"postgres://{settings['USER']}@{server[1]}:{server[3]}/{name}")
        subprocess.run(["dropdb", "--if-exists", "--force", *server, name], check=True)


def query(database_url, sql, *params):
    restored = open_database(database_config(database_url))
    try:
        cursor = restored.cursor()
        cursor.execute(sql.replace("%s", "?") if connection.vendor == "sqlite" else sql, params)
        return cursor.fetchall()
    finally:
        restored.close()


@pytest.fixture
def backed_up(report_data, personas, live_storages, tmp_path):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.locked_period, by=personas.coordinator)
    visit = Visit.objects.filter(program=report_data.program).first()
    photo = add_attachment(visit=visit, upload=SimpleUploadedFile("atölye.png", PHOTO),
                           by=personas.agent1)
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    return report, photo, tmp_path / "backup"


def test_backup_restores_into_an_empty_database_and_storage(backed_up, empty_database,
                                                            settings, tmp_path):
    report, photo, backup_dir = backed_up
    rows = {"reports": Report.objects.count(), "attachments": VisitAttachment.objects.count(),
            "visits": Visit.objects.count()}
    settings.STORAGES = {**settings.STORAGES, **storages_under(tmp_path / "restored")}
    output = io.StringIO()
    call_command("restore", str(backup_dir), database_url=empty_database, stdout=output)
    assert "every checksum and row count matches" in output.getvalue()

    restored = {name: query(empty_database, f"SELECT count(*) FROM {table}")[0][0]
                for name, table in (("reports", "reports_report"),
                                    ("attachments", "fieldvisits_visitattachment"),
                                    ("visits", "fieldvisits_visit"))}
    assert restored == rows
    [(sha256, file_name)] = query(
        empty_database, "SELECT sha256, file FROM reports_report WHERE id = %s", report.pk)
    assert sha256 == report.sha256
    with storages["reports"].open(file_name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == report.sha256
    [(photo_name,)] = query(
        empty_database, "SELECT file FROM fieldvisits_visitattachment WHERE id = %s", photo.pk)
    assert (tmp_path / "restored" / "evidence" / photo_name).read_bytes() == PHOTO


def test_a_damaged_backup_is_refused_before_anything_is_written(backed_up, empty_database,
                                                                settings, tmp_path):
    report, _photo, backup_dir = backed_up
    damaged = backup_dir / "files" / "reports" / report.file.name
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"x")
    settings.STORAGES = {**settings.STORAGES, **storages_under(tmp_path / "restored")}
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(backup_dir), database_url=empty_database)
    assert not (tmp_path / "restored").exists()

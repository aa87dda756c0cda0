"""Liveness and readiness for load balancers: never cached, failures named without
secrets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storages(settings, tmp_path):
    filesystem = "django.core.files.storage.FileSystemStorage"
    settings.STORAGES = {**settings.STORAGES, **{
        alias: {"BACKEND": filesystem, "OPTIONS": {"location": str(tmp_path / alias)}}
        for alias in ("reports", "evidence", "imports")}}


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readiness_reports_every_check(client):
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert sorted(body["checks"]) == ["cache", "database", "migrations", "storage",
                                      "task_queue"]
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-store" in response["Cache-Control"]


def test_readiness_leaves_no_probe_file_behind(client, tmp_path):
    client.get(reverse("health_ready"))
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_storage_that_cannot_be_written_fails_readiness_without_its_path(
        client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.STORAGES = {**settings.STORAGES, "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(blocker / "imports")}}}
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["storage"] == {"ok": False, "error": "NotADirectoryError",
                                         "ms": body["checks"]["storage"]["ms"]}
    assert str(tmp_path) not in response.content.decode()


def test_a_task_waiting_too_long_fails_readiness(client, settings):
    from django_tasks_db.models import DBTaskResult

    from reports.jobs import generate_report

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    generate_report.enqueue(0)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=15))
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    queue = response.json()["checks"]["task_queue"]
    assert (queue["ok"], queue["waiting"], queue["oldest_waiting_seconds"] // 60) == (
        False, 1, 15)
    assert "is a worker running?" in queue["error"]


def test_unapplied_migrations_fail_readiness(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: [("tracker.0099_new", False)])
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["error"] == "1 migrations are not applied"

"""Health checks for load balancers and orchestrators.

``/health/live`` answers as long as the process can serve a request: no database, no
cache, so a slow database never gets healthy web processes restarted. ``/health/ready``
checks what a node needs to serve real requests: the database, the cache, each private
file storage (write, read back, delete a probe object), the task queue (the age of its
oldest waiting task) and that every migration is applied. Neither answer is cached, and
a failure names the check and the error's type only: no host names, paths or messages
that could carry credentials.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from core.storage import PRIVATE_KINDS

QUEUE_BACKEND = "django_tasks_db.DatabaseBackend"


class CheckFailed(Exception):
    """A check ran but found the node not ready; the message is safe to show."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        raise CheckFailed("a value written to the cache could not be read back")


def check_storage():
    for alias in PRIVATE_KINDS:
        storage = storages[alias]
        name = storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        try:
            with storage.open(name, "rb") as handle:
                if handle.read() != b"ok":
                    raise CheckFailed(f"{alias}: a probe file came back different")
        finally:
            storage.delete(name)


def check_task_queue():
    """The oldest task waiting to run: too old means no worker is taking tasks."""
    if settings.TASKS["default"]["BACKEND"] != QUEUE_BACKEND:
        return {"backend": "immediate"}

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list(
        "enqueued_at", flat=True).first()
    waiting = DBTaskResult.objects.ready().count()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    details = {"waiting": waiting, "oldest_waiting_seconds": round(age)}
    if age > settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS:
        raise CheckFailed(f"the oldest waiting task has waited {round(age)} s "
                          f"(limit {settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS} s): "
                          "is a worker running?", details)
    return details


def check_migrations():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise CheckFailed(f"{len(plan)} migrations are not applied", {"unapplied": len(plan)})


READINESS_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "task_queue": check_task_queue,
    "migrations": check_migrations,
}


def run_checks(checks):
    results, healthy = {}, True
    for name, check in checks.items():
        started = time.perf_counter()
        result = {"ok": True}
        try:
            result.update(check() or {})
        except CheckFailed as failure:
            healthy = False
            result.update({"ok": False, "error": failure.args[0]})
            if len(failure.args) > 1:
                result.update(failure.args[1])
        except Exception as error:  # noqa: BLE001  (any failure means "not ready")
            healthy = False
            result.update({"ok": False, "error": type(error).__name__})
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return healthy, results


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    healthy, results = run_checks(READINESS_CHECKS)
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": results},
                        status=200 if healthy else 503)

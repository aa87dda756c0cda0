"""The real database-queue worker (not the immediate backend) checks an uploaded file.

A transactional test ends by emptying every table, so it lives in a file of its own: with
tests handed out a file at a time, files of transactional tests are run last (see
tests/conftest.py)."""

import pytest
from django.core.management import call_command

from fieldvisits.resources import FirmResource
from tests.imports.helpers import preview
from tests.imports.test_background_import import big_file


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_worker_runs_the_import(personas, small_limits, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = preview(FirmResource, big_file(4), program=personas.program,
                  user=personas.coordinator)
    assert run.status == "previewing"
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay",
                 verbosity=0)
    run.refresh_from_db()
    assert (run.status, run.new_count) == ("previewed", 4)

"""Every file is checked and written by a background task; the run's page shows progress."""

import pytest
from django.urls import reverse

from fieldvisits.models import Firm
from fieldvisits.resources import FirmResource
from tests.factories import valid_vkn
from tests.imports.helpers import csv_file, preview
from tracker.importing.processing import process_run
from tracker.importing.runs import confirm_import
from tracker.models import ImportRun

HEADER = ["Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District"]


def big_file(count):
    return csv_file([HEADER] + [[valid_vkn(n), f"Firma {n}", "25.62", "Talas"]
                                for n in range(1, count + 1)])


@pytest.mark.django_db
def test_a_file_waits_for_the_worker_then_shows_its_preview(personas, small_limits,
                                                             settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = preview(FirmResource, big_file(5), program=personas.program,
                  user=personas.coordinator)
    assert (run.status, run.total_rows, run.processed_rows) == ("previewing", 0, 0)
    process_run(run.pk, dry_run=True)
    run.refresh_from_db()
    assert (run.status, run.total_rows, run.processed_rows, run.new_count) == (
        "previewed", 5, 5, 5)
    assert not Firm.objects.exists()


@pytest.mark.django_db
def test_the_run_page_shows_progress_and_refreshes_while_working(client, personas):
    run = ImportRun.objects.create(program=personas.program, kind="x", file_name="big.csv",
                                   created_by=personas.coordinator, status="previewing",
                                   total_rows=20000, processed_rows=5000)
    client.force_login(personas.coordinator)
    page = client.get(reverse("firms:import_run", args=[run.pk])).content.decode()
    assert "5000 of 20000 rows (25%)" in page
    assert '<meta http-equiv="refresh" content="2">' in page


@pytest.mark.django_db
def test_a_file_is_written_by_the_worker(personas, small_limits):
    run = preview(FirmResource, big_file(5), program=personas.program,
                  user=personas.coordinator)
    confirm_import(run_id=run.pk, user=personas.coordinator)
    run.refresh_from_db()
    assert (run.status, run.new_count) == ("done", 5)
    assert Firm.objects.filter(program=personas.program).count() == 5

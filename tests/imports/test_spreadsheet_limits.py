"""Spreadsheet bombs are refused by the worker's first check, with a message that says
which limit and what to do; the web request only stores the file and queues the check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bench.import_bomb_bench import blank_rows, far_row, unzips_big, whole_grid, wide_header
from fieldvisits.models import Firm
from fieldvisits.resources import FirmResource
from tests.factories import valid_vkn
from tests.imports.helpers import csv_file, preview, xlsx_file
from tracker.models import ImportRun

pytestmark = pytest.mark.django_db


def refused(personas, content, name="firms.xlsx"):
    run = preview(FirmResource, SimpleUploadedFile(name, content), program=personas.program,
                  user=personas.coordinator)
    assert run.status == ImportRun.Status.REJECTED
    assert not Firm.objects.exists()
    return run.message


def test_a_row_of_millions_of_cells_is_refused(personas):
    assert refused(personas, wide_header()) == (
        "Row 1 of the sheet has more than 200 cells; an import has at most 200 columns. "
        "Delete the unused columns and save the file again.")


def test_millions_of_blank_rows_are_refused(personas):
    assert refused(personas, blank_rows()) == (
        "The sheet has more than 1,000 blank rows (the last at row 1002). Delete the empty "
        "rows below the data and save the file again.")


def test_a_value_far_below_the_data_counts_the_rows_skipped(personas):
    assert "more than 1,000 blank rows (the last at row 1048576)" in refused(personas,
                                                                             far_row())


def test_a_sheet_claiming_the_whole_grid_is_refused_from_its_dimension(personas):
    assert refused(personas, whole_grid()).startswith(
        "The sheet spans 16,384 columns and 1,048,576 rows;")


def test_a_file_that_unzips_too_big_is_refused_from_the_zip_directory(personas):
    assert refused(personas, unzips_big()).startswith(
        "Unzipped, the Excel file would take 124 MB; the limit is 100 MB.")


def test_a_csv_row_with_too_many_cells_is_refused(personas):
    upload = csv_file([["Tax number (VKN)", "Trade name"], [valid_vkn(1)] + ["x"] * 250])
    assert refused(personas, upload.read(), name="firms.csv") == (
        "Row 2 of the sheet has more than 200 cells; an import has at most 200 columns. "
        "Delete the unused columns and save the file again.")


def test_an_ordinary_workbook_within_the_limits_is_previewed(personas):
    upload = xlsx_file([["Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District"],
                        [valid_vkn(1), "Erciyes Döküm A.Ş.", "24.51", "Melikgazi"]])
    run = preview(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert (run.status, run.total_rows, run.new_count) == ("previewed", 1, 1)


def test_the_request_only_stores_and_queues_the_check(personas, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    run = preview(FirmResource, SimpleUploadedFile("firms.xlsx", wide_header()),
                  program=personas.program, user=personas.coordinator)
    assert (run.status, run.total_rows, run.message) == ("previewing", 0, "")
    [queued] = default_task_backend.results
    assert queued.task.name == "run_import"
    assert queued.kwargs == {"run_id": run.pk, "dry_run": True}

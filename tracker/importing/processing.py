"""The work of an import run, on the worker or during the request: read the stored file,
check it (dry run) or write it in one transaction, record counts and errors on its
:class:`ImportRun`.
"""

import hashlib
import itertools
from pathlib import Path

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from import_export.results import RowResult

from core.importing.files import ImportFileError, read_rows
from core.importing.resources import ProgramResource
from tracker.models import ImportRun

CHUNK_ROWS = 2000
MAX_ERRORS_KEPT = 500


class ImportRejected(Exception):
    """A write that found rows the preview did not; nothing was written."""


def _digest(content):
    return hashlib.sha256(content).hexdigest()


def resource_class_for(kind):
    resource_class = import_string(kind)
    if not issubclass(resource_class, ProgramResource):
        raise ImportFileError(_("This import is not available."))
    return resource_class


def _read_checked(run):
    try:
        content = Path(run.file_path).read_bytes()
    except OSError:
        content = b""
    if _digest(content) != run.file_sha256:
        raise ImportFileError(_("The file changed after its preview, so it was not imported. "
                                "Upload it again to see what it would do."))
    return content


def process_run(run_id, *, dry_run):
    """Check (``dry_run``) or write a run, recording counts, errors and status."""
    run = ImportRun.objects.select_related("program", "created_by").get(pk=run_id)
    with translation.override(run.language):
        run.status = ImportRun.Status.PREVIEWING if dry_run else ImportRun.Status.RUNNING
        run.save(update_fields=["status"])
        try:
            content = _read_checked(run)
            if dry_run:
                _import(run, content, dry_run=True)
            else:
                with transaction.atomic():
                    _import(run, content, dry_run=False)
        except (ImportFileError, ImportRejected) as error:
            run.status = ImportRun.Status.REJECTED if dry_run else ImportRun.Status.FAILED
            run.message = str(error)
        else:
            if dry_run:
                run.status = (ImportRun.Status.REJECTED if run.rejected_count
                              else ImportRun.Status.PREVIEWED)
            else:
                run.status, run.finished_at = ImportRun.Status.DONE, timezone.now()
        run.save()
    return run


def _chunks(rows):
    while True:
        chunk = list(itertools.islice(rows, CHUNK_ROWS))
        if not chunk:
            return
        yield chunk


def _import(run, content, *, dry_run):
    resource = resource_class_for(run.kind)(program=run.program, user=run.created_by)
    headers, rows = read_rows(content, run.file_name)
    matched = resource.match_columns(headers)
    names = [name for name in matched if name is not None]
    keep = [index for index, name in enumerate(matched) if name is not None]
    ignored = [header for header, name in zip(headers, matched, strict=True)
               if name is None and header]
    counts = {"new": 0, "update": 0, "skip": 0}
    errors, rejected, processed = [], 0, 0
    for chunk in _chunks(rows):
        dataset = tablib.Dataset(headers=names)
        for _number, values in chunk:
            dataset.append([values[index] for index in keep])
        resource.chunk_row_numbers = [number for number, _values in chunk]
        result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                      rollback_on_validation_errors=True)
        for key in counts:
            counts[key] += result.totals.get(key, 0)
        rejected += result.totals.get(RowResult.IMPORT_TYPE_INVALID, 0)
        rejected += result.totals.get(RowResult.IMPORT_TYPE_ERROR, 0)
        errors.extend(_row_errors(resource, result))
        for error in result.base_errors:
            raise ImportRejected(_("The rows could not be saved: %(error)s") % {
                "error": error.error})
        processed += len(chunk)
        if dry_run:
            ImportRun.objects.filter(pk=run.pk).update(processed_rows=processed)
        elif not rejected:
            # History goes out chunk by chunk, so memory stays flat with the file's size.
            resource.write_history(run)
    errors.sort(key=lambda error: error[0])
    if not dry_run and (rejected or (counts["new"], counts["update"]) != (
            run.new_count, run.updated_count)):
        run.errors = errors[:MAX_ERRORS_KEPT]
        raise ImportRejected(_(
            "The data changed since the preview (now %(new)s new, %(updated)s updated, "
            "%(rejected)s rejected), so nothing was imported. Check the file again.")
            % {"new": counts["new"], "updated": counts["update"], "rejected": rejected})
    run.processed_rows = processed
    run.new_count, run.updated_count = counts["new"], counts["update"]
    run.unchanged_count, run.rejected_count = counts["skip"], rejected
    run.errors = errors[:MAX_ERRORS_KEPT]
    if ignored:
        run.message = _("Columns not read by this import: %(columns)s.") % {
            "columns": ", ".join(f"“{header}”" for header in ignored)}


def _row_errors(resource, result):
    """``[row, column label, message]`` for every rejected cell of ``result``."""
    found = []
    numbers = resource.chunk_row_numbers
    for invalid in result.invalid_rows:
        row = numbers[invalid.number - 1]
        for key, messages in invalid.error_dict.items():
            name = None if key == NON_FIELD_ERRORS else resource.column_of(key)
            label = resource.label(name) if name else ""
            found.extend([row, label, str(message)] for message in messages)
    for number, row_errors in result.row_errors():
        for error in row_errors:
            found.append([numbers[number - 1], "",
                          _("The row could not be saved: %(error)s") % {"error": error.error}])
    return found

"""An import from upload to write: store the file, check it (dry run), write it on
confirmation in one transaction, record everything on its :class:`ImportRun`.

Files up to ``BACKGROUND_ROWS`` rows are checked and written during the request; bigger
ones go to the task queue and the run's page shows their progress.
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.importing.files import ImportFileError, check_size, count_rows, file_kind
from tracker.importing.processing import _digest, _read_checked, process_run
from tracker.jobs import run_import
from tracker.models import ImportRun

BACKGROUND_ROWS = 2000


def imports_root():
    return Path(getattr(settings, "IMPORTS_ROOT", settings.VAR_DIR / "imports"))


def start_import(*, resource_class, program, user, upload):
    """Store ``upload`` privately, record the run and check the file (a dry run)."""
    check_size(upload.size)
    file_kind(upload.name)
    content = upload.read()
    root = imports_root()
    root.mkdir(parents=True, exist_ok=True)
    stored = root / f"{uuid.uuid4().hex}{os.path.splitext(upload.name)[1].lower()}"
    stored.write_bytes(content)
    run = ImportRun.objects.create(
        program=program, kind=f"{resource_class.__module__}.{resource_class.__qualname__}",
        file_name=os.path.basename(upload.name)[:255], file_path=str(stored),
        file_sha256=_digest(content), created_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    try:
        run.total_rows = count_rows(content, run.file_name)
    except ImportFileError as error:
        run.status, run.message = ImportRun.Status.REJECTED, str(error)
        run.save(update_fields=["status", "message"])
        return run
    run.save(update_fields=["total_rows"])
    _schedule(run, dry_run=True)
    run.refresh_from_db()
    return run


def confirm_import(*, run_id, user):
    """Write a previewed run; refuses a run with rejected rows or a changed file."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.status != ImportRun.Status.PREVIEWED or run.rejected_count:
            raise ImportFileError(_("This import cannot be confirmed: it is “%(status)s”.")
                                  % {"status": run.get_status_display()})
        _read_checked(run)
        run.status, run.confirmed_at = ImportRun.Status.QUEUED, timezone.now()
        run.processed_rows = 0
        run.save(update_fields=["status", "confirmed_at", "processed_rows"])
    _schedule(run, dry_run=False)
    run.refresh_from_db()
    return run


def _schedule(run, *, dry_run):
    if run.total_rows <= BACKGROUND_ROWS:
        process_run(run.pk, dry_run=dry_run)
        return
    transaction.on_commit(lambda: run_import.enqueue(run_id=run.pk, dry_run=dry_run))

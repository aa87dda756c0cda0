"""An import from upload to write: store the file, check it (dry run), write it on
confirmation in one transaction, record everything on its :class:`ImportRun`.

The request only stores the file in the private imports storage (shared by every node)
and queues its check; a worker opens it, checks its limits and rows, and later writes it:
a spreadsheet may unzip to far more than it weighs, and no web process should find that
out. The run's page shows the progress.
"""

import hashlib
import os
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.importing.files import ImportFileError, check_size, file_kind
from core.storage import IMPORTS
from tracker.importing.processing import _read_checked
from tracker.jobs import run_import
from tracker.models import ImportRun


def start_import(*, resource_class, program, user, upload):
    """Store ``upload`` in the imports storage, record the run and queue its check (a dry
    run on a worker)."""
    check_size(upload.size)
    file_kind(upload.name)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = IMPORTS.save(f"{uuid.uuid4().hex}{os.path.splitext(upload.name)[1].lower()}",
                        upload)
    run = ImportRun.objects.create(
        program=program, kind=f"{resource_class.__module__}.{resource_class.__qualname__}",
        file_name=os.path.basename(upload.name)[:255], file_path=name,
        file_sha256=digest.hexdigest(), created_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
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
    # The run is committed (or commits with the task's row), so a worker that takes the
    # task finds it; the immediate backend of the tests runs it here.
    run_import.enqueue(run_id=run.pk, dry_run=dry_run)

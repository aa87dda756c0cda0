"""Background work of the programme: big spreadsheet imports."""

from django_tasks import task

from tracker.importing.processing import process_run


@task()
def run_import(run_id: int, dry_run: bool):
    """Check (``dry_run``) or write an import too big to run during the request."""
    process_run(run_id, dry_run=dry_run)

"""Background work of the programme: spreadsheet imports."""

from django_tasks import task

from tracker.importing.processing import process_run


@task()
def run_import(run_id: int, dry_run: bool):
    """Check (``dry_run``) or write an import; never done during a web request."""
    process_run(run_id, dry_run=dry_run)

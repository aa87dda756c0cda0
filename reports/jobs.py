"""Background tasks of the reports app (Django tasks API; ``manage.py db_worker`` runs them)."""

from django_tasks import task

from reports.generation import generate


@task()
def generate_report(report_id):
    """Draw and store the report ``report_id``; its state and error live on the row."""
    report = generate(report_id)
    return report.status

"""Background work of the public site (Django tasks API; ``manage.py db_worker`` runs it)."""

from django_tasks import task

from cms.site_search import rebuild_search_index
from tracker.models import Program


@task()
def refresh_site_search(program_id):
    """Rewrite the site search rows of programme ``program_id``; returns their number."""
    program = Program.objects.filter(pk=program_id).first()
    return rebuild_search_index(program) if program is not None else 0

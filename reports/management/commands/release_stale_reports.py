from django.core.management.base import BaseCommand

from reports.models import Report


class Command(BaseCommand):
    help = ("Mark as failed the reports still running with no progress for "
            "REPORTS_STALE_AFTER (their worker stopped), so they can be issued again.")

    def handle(self, *args, **options):
        released = Report.objects.release_stale()
        self.stdout.write(f"{released} stale report(s) released.")

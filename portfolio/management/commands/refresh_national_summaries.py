from django.core.management.base import BaseCommand

from portfolio.summaries import refresh
from tracker.models import Program


class Command(BaseCommand):
    help = "Recount every programme's summary (firms assessed, visits completed)."

    def handle(self, *args, **options):
        rows = refresh(Program.objects.values_list("pk", flat=True))
        self.stdout.write(f"{len(rows)} programme summaries recounted.")

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.services import send_task_reminders


class Command(BaseCommand):
    help = ("Email each institution a digest of its overdue tasks and those due within "
            "7 days. Run daily; a second run on the same day sends nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must look like 2026-11-23, not “{date}”.") from error
        else:
            today = timezone.localdate()
        sent, skipped = send_task_reminders(today=today)
        self.stdout.write(
            f"{today.isoformat()}: {sent} digest(s) sent, {skipped} institution(s) "
            "already reminded today."
        )

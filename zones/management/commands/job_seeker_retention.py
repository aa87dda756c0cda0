from django.core.management.base import BaseCommand

from zones.services import REMINDER_DAYS, retention_run


class Command(BaseCommand):
    help = (f"Remind job seekers whose retention period ends within {REMINDER_DAYS} days, and "
            "erase those whose period (stated in the consent text they accepted) has ended.")

    def handle(self, *args, **options):
        reminded, erased = retention_run()
        self.stdout.write(f"{reminded} reminded, {erased} erased.")

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `backup` into an empty database and empty storage, "
            "after checking every checksum of its manifest.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the backup's directory")
        parser.add_argument("--database-url", default="",
                            help="restore into this empty database instead of the configured "
                                 "one (the files go to the configured storages)")

    def handle(self, *args, directory, database_url, **options):
        try:
            manifest, counts = restore(directory, database_url=database_url)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables and "
            f"{len(manifest['files'])} files; every checksum and row count matches the "
            f"backup of {manifest['started_at']}.")

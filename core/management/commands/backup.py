from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database and every stored file (reports, evidence, imports, media) "
            "into a new directory, with a manifest of SHA-256 checksums.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty directory for the backup")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database "
            f"({manifest['database']['size']} bytes), {sum(manifest['counts'].values())} rows "
            f"and {len(manifest['files'])} files "
            f"({sum(entry['size'] for entry in manifest['files'])} bytes) into {directory}.")

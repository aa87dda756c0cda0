from django.core.management.base import BaseCommand, CommandError

from zones.models import Occupation
from zones.occupations import DATA_FILE, OccupationFileError, load_occupations


class Command(BaseCommand):
    help = "Load or update the ISCO-08 occupations (Turkish and English labels) from a CSV."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE),
                            help="CSV with code, parent, label_en, label_tr (default: the "
                                 "shipped list).")

    def handle(self, *args, file, **options):
        try:
            count = load_occupations(Occupation, file)
        except (OSError, KeyError, OccupationFileError) as error:
            raise CommandError(f"{file}: cannot read the occupations ({error}).") from None
        self.stdout.write(f"{count} occupations loaded.")

from django.core.management.base import BaseCommand, CommandError

from cms.site_search import rebuild_search_index
from tracker.models import Program


class Command(BaseCommand):
    help = ("Rewrite the public site search rows of every programme (or of those whose "
            "slugs are given); the worker does it after each change, this is for a first "
            "fill or a repair.")

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="programme slugs (default: all)")

    def handle(self, *args, slugs, **options):
        programs = Program.objects.order_by("name_tr")
        if slugs:
            programs = programs.filter(slug__in=slugs)
            missing = set(slugs) - set(programs.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No programme with the slug(s): {', '.join(sorted(missing))}.")
        for program in programs:
            count = rebuild_search_index(program)
            self.stdout.write(f"{program.name}: {count} search rows.")

import datetime
import secrets
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from clusters.demo import seed_cluster_pilots, seed_kayseri_clusters
from clusters.demo_iran import seed_qom_programme
from cms.demo import seed_directory_page, seed_public_site, seed_zones_page
from cms.demo_qom import HOSTNAME as QOM_HOSTNAME
from cms.demo_qom import seed_qom_site
from cms.signals import search_rows_written_after
from cms.site_search import rebuild_search_index
from directory.demo import seed_directory
from fieldvisits.demo import link_findings_to_actions, seed_field_study
from portfolio.summaries import refresh as refresh_programme_summaries
from tracker.access import HAND_GIVEN_ROLES, NATIONAL_COORDINATOR, Role, role_label
from tracker.demo import seed_action_plan, seed_program
from tracker.models import Institution, Membership, Program
from tracker.roles import sync_role_groups
from zones.demo import seed_zone
from zones.roles import ZONE_STAFF_LABEL

# username, role, focal point's institution (short name), first and last name (people's
# names: the admin shows them beside Turkish labels)
DEMO_ACCOUNTS = [
    ("coordinator", Role.COORDINATOR, None, "Elif", "Demir"),
    ("supervisor", Role.SUPERVISOR, None, "Mehmet", "Kaya"),
    ("agent1", Role.AGENT, None, "Ayşe", "Yıldırım"),
    ("agent2", Role.AGENT, None, "İbrahim", "Işık"),
    ("kto", Role.FOCAL_POINT, "KTO", "Hasan", "Öztürk"),
    ("iskur", Role.FOCAL_POINT, "İŞKUR", "Zeynep", "Arslan"),
    ("national", NATIONAL_COORDINATOR, None, "Kemal", "Aydın"),
    ("editor", Role.EDITOR, None, "Selin", "Çelik"),
]


class Command(BaseCommand):
    help = "Load the Kayseri demo programme, its field study and one account per role."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1,
                            help="Multiply the number of firms and visits (default 1).")
        parser.add_argument("--password", default=None,
                            help="Password of the demo accounts (default: generated). "
                                 "Existing accounts keep theirs unless this is given.")
        parser.add_argument("--password-file", default=None,
                            help="Read the password of new demo accounts from this file, "
                                 "creating it with a generated password if it is missing. "
                                 "Existing accounts keep theirs.")
        parser.add_argument("--today", default=None,
                            help="Stage the demo around this day, YYYY-MM-DD (default: "
                                 "today): visits done before it, some on it, the rest after.")

    def handle(self, *args, scale, password, password_file, today, **options):
        if scale < 1:
            raise CommandError("--scale must be a whole number of 1 or more.")
        try:
            today = (datetime.date.fromisoformat(today) if today
                     else timezone.localdate())
        except ValueError:
            raise CommandError(f"--today {today}: give a date as YYYY-MM-DD.") from None
        if password and password_file:
            raise CommandError("Give either --password or --password-file, not both.")
        initial_password = self.read_password_file(password_file) if password_file else None
        self.started = time.monotonic()
        with transaction.atomic(), search_rows_written_after():
            groups = sync_role_groups()
            program = seed_program()
            users, password_shown = self.seed_accounts(
                program, groups, password, initial_password
            )
            self.progress(f"programme, roles and {len(users)} demo accounts")
            agents = [users["agent1"], users["agent2"]]
            counts = seed_field_study(program, agents, scale=scale, today=today)
            self.progress(f"field study: {counts['firms']} firms, {counts['visits']} visits")
            plan_counts = seed_action_plan(
                program, users["coordinator"],
                [(users["kto"], users["kto"].program_memberships.get(
                    program=program).institution_id)],
                today=today,
            )
            link_findings_to_actions(program)
            self.progress(f"action plan: {plan_counts['actions']} actions, "
                          f"{plan_counts['tasks']} tasks")
            pilots = seed_cluster_pilots(today, by=users["coordinator"])
            clusters = seed_kayseri_clusters(program, today, by=users["coordinator"])
            self.progress(f"clusters: {len(pilots)} pilot provinces, "
                          f"{len(clusters)} Kayseri clusters")
            qom, qom_clusters = seed_qom_programme(today, by=users["coordinator"])
            self.progress(f"Qom cluster programme (Iran, in rials): {len(qom_clusters)} clusters")
            directory_counts = seed_directory(program, today)
            self.progress(f"directory: {directory_counts['listings']} new listings, "
                          f"{directory_counts['enquiries']} new enquiries")
            zone_counts = seed_zone(program, users["zone"], today)
            self.progress(f"industrial zone: {zone_counts['zone']}")
            home = seed_public_site(program, groups[Role.EDITOR])
            seed_directory_page(home)
            seed_zones_page(home)
            self.progress("public site in Turkish, English and Persian")
            seed_qom_site(qom, groups[Role.EDITOR])
            self.progress(f"Qom public site at http://{QOM_HOSTNAME}:<port>/fa/")
            for each in Program.objects.order_by("pk"):
                rebuild_search_index(each)
            self.progress("site search index")
            # The demo's firms, visits and assessments are written in batches that send no
            # per-row signal, so the national pages' counts are renewed here, as
            # refresh_national_summaries does, rather than by waiting for the next write.
            summarised = refresh_programme_summaries(Program.objects.values_list("pk", flat=True))
            self.progress(f"national summaries of {len(summarised)} programmes")
        self.stdout.write(
            f"Programme “{program.name}”: {program.phases.count()} phases, "
            f"{counts['firms']} firms, {counts['visits']} visits, "
            f"{plan_counts['actions']} actions, {plan_counts['tasks']} tasks."
        )
        if zone_counts["vacancies"]:
            self.stdout.write(
                f"Zone “{zone_counts['zone']}”: {zone_counts['firms']} firms, "
                f"{zone_counts['vacancies']} vacancies, {zone_counts['job_seekers']} job "
                f"seekers, {zone_counts['placements']} placements.")
        self.stdout.write("Demo accounts (log in at /admin/, field agents at /field/):")
        for username, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role_label(role)}")
        self.stdout.write(f"  {'zone':<12} {ZONE_STAFF_LABEL} ({zone_counts['zone']})")
        self.stdout.write(f"  password: {password_shown}")

    def progress(self, done):
        """One line per step, flushed, so a first run that takes minutes is not silent."""
        self.stdout.write(f"  seeded {done} ({time.monotonic() - self.started:.0f} s)")
        self.stdout.flush()

    def read_password_file(self, path):
        path = Path(path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(9) + "\n")
            path.chmod(0o600)
        password = path.read_text().strip()
        if not password:
            raise CommandError(f"{path} is empty: delete it to generate a new password.")
        return password

    def seed_accounts(self, program, groups, password, initial_password):
        User = get_user_model()
        users = {}
        created_any = False
        generated = password or initial_password or secrets.token_urlsafe(9)
        # One hash for the one password every demo account is given (hashing takes most
        # of a second each; a salt per account would hide nothing the shared password
        # does not already tell).
        hashed = make_password(generated)
        for username, role, institution, first_name, last_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": last_name,
                          "email": f"{username}@demo.invalid"},
            )
            if created or password:
                user.password = hashed
                user.save(update_fields=["password"])
                created_any = created_any or created
            user.groups.add(groups[role])
            if role not in HAND_GIVEN_ROLES:
                institution = (
                    Institution.objects.get(program=program, short_name=institution)
                    if institution else None
                )
                Membership.objects.get_or_create(
                    user=user, program=program, role=role,
                    defaults={"institution": institution},
                )
            users[username] = user
        # The zone's staff member holds no programme role: a zone membership (zones.demo).
        zone_user, created = User.objects.get_or_create(
            username="zone", defaults={"first_name": "Burak", "last_name": "Şahin",
                                       "email": "zone@demo.invalid"})
        if created or password:
            zone_user.password = hashed
            zone_user.save(update_fields=["password"])
            created_any = created_any or created
        users["zone"] = zone_user
        if password or created_any or initial_password:
            shown = generated
        else:
            shown = "(unchanged; set one with --password)"
        return users, shown

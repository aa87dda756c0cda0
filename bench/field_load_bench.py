"""Field agents under load: gunicorn with production settings on PostgreSQL and Redis.

Run with ``.venv/bin/python -m bench.field_load_bench`` (needs PostgreSQL and Redis on
127.0.0.1; ``BENCH_PG_URL`` and ``BENCH_REDIS_URL`` point elsewhere). It creates its own
database (``tracker_field_load_bench`` unless ``BENCH_DB_NAME`` says otherwise), seeds a
programme with ``BENCH_AGENTS`` (30) field agents and ``BENCH_VISITS_PER_AGENT`` (4)
visits each, starts gunicorn (``BENCH_WORKERS``, 4) with ``DJANGO_DEBUG=false`` on
``BENCH_PORT`` (8073), and runs locust headless: every agent logs in once, then opens,
drafts and submits its visits while one response in five is dropped and resent. It
prints the median and 95th percentile per endpoint, the error count (0 is the only
passing figure) and, from the database, how many submissions each visit has (exactly
one is the only passing figure). The database it created is dropped at the end; it never
drops one it did not create, and it refuses names that look like the application's own.
"""

import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
DB_NAME = os.environ.get("BENCH_DB_NAME", "tracker_field_load_bench")
AGENTS = int(os.environ.get("BENCH_AGENTS", "30"))
VISITS_PER_AGENT = int(os.environ.get("BENCH_VISITS_PER_AGENT", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8073"))
RUN_TIME = os.environ.get("BENCH_RUN_TIME", "180s")
PASSWORD = secrets.token_urlsafe(12)


def out(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def refuse_unsafe_name(name):
    """The bench only works in a database of its own, named as one."""
    app_db = urlsplit(os.environ.get("DATABASE_URL", "")).path.lstrip("/")
    if "bench" not in name or name in {"tracker", app_db} or not name.replace("_", "").isalnum():
        sys.exit(f"Refusing database name {name!r}: the load bench creates and drops its own "
                 "database, so its name must contain 'bench' and differ from the "
                 "application's (set BENCH_DB_NAME).")


def psql(sql):
    return subprocess.run(["psql", PG_URL, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
                          capture_output=True, text=True, check=True).stdout.strip()


def database_url():
    parts = urlsplit(PG_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{DB_NAME}", "", ""))


def server_environment(static_root, var_dir):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DATABASE_URL=database_url(), REDIS_URL=REDIS_URL, DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{PORT}",
        DJANGO_STATIC_ROOT=str(static_root), DJANGO_MEDIA_ROOT=str(var_dir / "media"),
        TRACKER_VAR_DIR=str(var_dir), DJANGO_TASKS_BACKEND=(
            "django_tasks.backends.immediate.ImmediateBackend"),
        # One address logs 30 agents in; the lockout counts failures, and there are none.
        DJANGO_LOGIN_FAILURE_LIMIT="5",
    )
    return environment


def manage(environment, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                   check=True, capture_output=True, text=True)


SEED = """
import datetime, json, random, sys
from django.contrib.auth import get_user_model
from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.demo import generate_firms
from fieldvisits.models import Firm, Visit
from tracker.access import Role
from tracker.models import Membership, Program
from tracker.roles import sync_role_groups, sync_user_role_groups

agents, per_agent, password, plan_path = sys.argv[1:5]
sync_role_groups()
program = Program.objects.create(name="Yük testi programı", slug="load", province="Kayseri",
                                 start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2028, 12, 31))
load_default_questionnaire(program)
firms = Firm.objects.bulk_create(generate_firms(program, int(agents) * int(per_agent),
                                                random.Random(9)))
User = get_user_model()
plan = {"password": password, "agents": []}
for n in range(int(agents)):
    user = User.objects.create_user(f"bench-agent-{n:02d}", password=password)
    Membership.objects.create(user=user, program=program, role=Role.AGENT)
    sync_user_role_groups(user)
    mine = firms[n * int(per_agent):(n + 1) * int(per_agent)]
    visits = Visit.objects.bulk_create(
        Visit(program=program, firm=firm, agent=user, status=Visit.Status.SCHEDULED,
              scheduled_date=datetime.date(2026, 10, 1)) for firm in mine)
    plan["agents"].append({"username": user.username, "visits": [v.pk for v in visits]})
open(plan_path, "w", encoding="utf-8").write(json.dumps(plan))
"""

CHECK = """
import json
from django.db.models import Count
from fieldvisits.models import Submission, Visit
visits = Visit.objects.filter(program__slug="load").annotate(n=Count("submissions"))
print(json.dumps({
    "visits": visits.count(),
    "submitted": visits.filter(status="submitted").count(),
    "with_one_submission": visits.filter(n=1).count(),
    "with_more": visits.filter(n__gt=1).count(),
    "submitted_without_one": visits.filter(status="submitted", n=0).count(),
    "submissions": Submission.objects.count(),
}))
"""


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # As the HTTPS proxy would forward it; production settings redirect plain HTTP.
            urllib.request.urlopen(urllib.request.Request(
                url, headers={"X-Forwarded-Proto": "https"}), timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer on {url}")


def report(stats_csv):
    rows = list(csv.DictReader(open(stats_csv, encoding="utf-8")))
    out(f"{'endpoint':34} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    errors = 0
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        errors += int(row["Failure Count"])
        out(f"{row['Type'] + ' ' + row['Name']:34} {row['Request Count']:>9} "
            f"{row['Failure Count']:>7} {row['50%']:>8} {row['95%']:>8}")
    total = next(row for row in rows if row["Name"] == "Aggregated")
    out(f"{'all':34} {total['Request Count']:>9} {total['Failure Count']:>7} "
        f"{total['50%']:>8} {total['95%']:>8}")
    return errors


def main():
    refuse_unsafe_name(DB_NAME)
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"):
        sys.exit(f"Database {DB_NAME!r} already exists and this run did not create it; "
                 "drop it yourself if it is a leftover, or set BENCH_DB_NAME.")
    work = Path(tempfile.mkdtemp(prefix="field-load-bench-"))
    psql(f'CREATE DATABASE "{DB_NAME}"')
    server = None
    try:
        environment = server_environment(work / "static", work)
        started = time.monotonic()
        manage(environment, "migrate", "--noinput")
        manage(environment, "collectstatic", "--noinput")
        plan_path = work / "plan.json"
        subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                        f"import sys; sys.argv = ['', {AGENTS!r}, {VISITS_PER_AGENT!r}, "
                        f"{PASSWORD!r}, {str(plan_path)!r}]\n" + SEED],
                       cwd=ROOT, env=environment, check=True)
        out(f"database {DB_NAME}: migrated and seeded with {AGENTS} agents × "
            f"{VISITS_PER_AGENT} visits in {time.monotonic() - started:.0f} s")
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
             "--workers", str(WORKERS), "--access-logfile", str(work / "access.log"),
             "--error-logfile", str(work / "error.log")],
            cwd=ROOT, env=environment)
        wait_until_up(f"http://127.0.0.1:{PORT}/field/login/")
        locust_env = dict(environment, BENCH_PLAN=str(plan_path),
                          BENCH_ORIGIN=f"https://127.0.0.1:{PORT}")
        out(f"locust: {AGENTS} agents, 20% of responses dropped and resent, at most "
            f"{RUN_TIME}; gunicorn with {WORKERS} workers, production settings")
        subprocess.run(
            [str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "field_load_locustfile.py"),
             "--headless", "-u", str(AGENTS), "-r", "10", "--run-time", RUN_TIME,
             "--host", f"http://127.0.0.1:{PORT}", "--csv", str(work / "load"),
             "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
            cwd=ROOT, env=locust_env, check=False, capture_output=True)
        errors = report(work / "load_stats.csv")
        checked = json.loads(subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", CHECK], cwd=ROOT,
            env=environment,
            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        out(f"errors: {errors}")
        out(f"visits: {checked['visits']}, submitted: {checked['submitted']}, "
            f"with exactly one stored submission: {checked['with_one_submission']}, "
            f"with more than one: {checked['with_more']}, submitted without one: "
            f"{checked['submitted_without_one']} (submission rows: "
            f"{checked['submissions']})")
        failed = (errors or checked["with_more"] or checked["submitted_without_one"]
                  or checked["submitted"] != checked["with_one_submission"])
        if failed:
            sys.exit("FAILED: errors or a visit without exactly one submission")
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()

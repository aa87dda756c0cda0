"""Coverage page and demo seeding figures at 1× and 10× data.

Run with ``.venv/bin/python -m bench.coverage_bench`` (or ``python bench/coverage_bench.py``).
Works in a throw-away SQLite database under a temporary directory unless DATABASE_URL
is set; prints the seed time, then the coverage report's query count and time.
After each bulk load the planner's statistics are refreshed (``ANALYZE``), as the
autovacuum daemon does within a minute on a live PostgreSQL server; without them the
planner takes the freshly loaded tables for nearly empty and picks nested loops.

Wall-clock times swing with whatever else the machine runs, so each page also gets its
CPU time per request: this process (Django, Wagtail and, on SQLite, the database) plus,
on a PostgreSQL server running on this machine, the server process of the connection.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TRACKER_VAR_DIR", tempfile.mkdtemp(prefix="coverage-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from fieldvisits.demo import seed_field_study  # noqa: E402
from fieldvisits.models import Visit  # noqa: E402
from fieldvisits.queries import coverage_summary  # noqa: E402
from tracker.models import Program  # noqa: E402

REPEATS = 15
PAGES = {
    "coverage report": reverse("field_coverage_report"),
    "admin dashboard": reverse("wagtailadmin_home"),
}


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def server_cpu_seconds(pid):
    """CPU seconds used so far by the database server process ``pid`` on this machine."""
    if pid is None:
        return 0.0
    # Fields 14 and 15 of /proc/<pid>/stat, counted after the command name in brackets.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_server_pid():
    """The local PostgreSQL server process of this connection, or ``None``."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return pid if Path(f"/proc/{pid}/stat").exists() else None


def measure(client, url, repeats=REPEATS):
    """Query count, median and fastest wall time, and CPU time per request of ``url``."""
    client.get(url)
    pid = database_server_pid()
    timings = []
    cpu_started = time.process_time() + server_cpu_seconds(pid)
    for _ in range(repeats):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    cpu = (time.process_time() + server_cpu_seconds(pid) - cpu_started) / repeats
    timings.sort()
    return len(queries.captured_queries), timings[len(timings) // 2], timings[0], cpu


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def report(label, client, program):
    summary = coverage_summary(program)
    say(f"{label}: {summary['firms_assessed']} firms assessed, "
          f"{Visit.objects.filter(program=program).count()} visits")
    for name, url in PAGES.items():
        count, median, fastest, cpu = measure(client, url)
        say(f"  {name:<16} {count:>3} queries  {median * 1000:7.1f} ms median, "
            f"{fastest * 1000:7.1f} ms fastest of {REPEATS}, {cpu * 1000:7.1f} ms CPU")


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", password="bench-pass-2026", stdout=open(os.devnull, "w"))
    say(f"seed_demo --scale 1: {time.perf_counter() - started:.1f} s ({connection.vendor})")
    analyze()
    program = Program.objects.order_by("pk").first()
    client = Client()
    client.login(username="coordinator", password="bench-pass-2026")
    report("1×", client, program)
    agents = list(program.memberships.filter(role="agent").select_related("user"))
    started = time.perf_counter()
    seed_field_study(program, [m.user for m in agents], scale=10)
    say(f"growing to 10×: {time.perf_counter() - started:.1f} s")
    analyze()
    report("10×", client, program)


if __name__ == "__main__":
    main()

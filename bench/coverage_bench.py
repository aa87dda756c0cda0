"""Coverage page and demo seeding figures at 1× and 10× data.

Run with ``.venv/bin/python -m bench.coverage_bench`` (or ``python bench/coverage_bench.py``).
Works in a throw-away SQLite database under a temporary directory unless DATABASE_URL
is set; prints the seed time, then the coverage report's query count and time.
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

PAGES = {
    "coverage report": reverse("field_coverage_report"),
    "admin dashboard": reverse("wagtailadmin_home"),
}


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def measure(client, url, repeats=5):
    client.get(url)
    timings = []
    for _ in range(repeats):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return len(queries.captured_queries), sorted(timings)[len(timings) // 2]


def report(label, client, program):
    summary = coverage_summary(program)
    say(f"{label}: {summary['firms_assessed']} firms assessed, "
          f"{Visit.objects.filter(program=program).count()} visits")
    for name, url in PAGES.items():
        count, seconds = measure(client, url)
        say(f"  {name:<16} {count:>3} queries  {seconds * 1000:7.1f} ms (median of 5)")


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", password="bench-pass-2026", stdout=open(os.devnull, "w"))
    say(f"seed_demo --scale 1: {time.perf_counter() - started:.1f} s")
    program = Program.objects.order_by("pk").first()
    client = Client()
    client.login(username="coordinator", password="bench-pass-2026")
    report("1×", client, program)
    agents = list(program.memberships.filter(role="agent").select_related("user"))
    started = time.perf_counter()
    seed_field_study(program, [m.user for m in agents], scale=10)
    say(f"growing to 10×: {time.perf_counter() - started:.1f} s")
    report("10×", client, program)


if __name__ == "__main__":
    main()

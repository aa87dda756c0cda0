"""Coordinator dashboard: queries and time at 1× and 10× the demo action plan.

Runs on its own temporary SQLite database unless DATABASE_URL is set:

    .venv/bin/python bench/dashboard_bench.py
"""

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "TRACKER_VAR_DIR" not in os.environ:
    bench_dir = tempfile.mkdtemp(prefix="dashboard-bench-")
    os.environ["TRACKER_VAR_DIR"] = bench_dir
    atexit.register(shutil.rmtree, bench_dir, ignore_errors=True)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from tracker.access import Role  # noqa: E402
from tracker.demo import seed_action_plan, seed_program  # noqa: E402
from tracker.models import (  # noqa: E402
    CouncilMeeting,
    Decision,
    Indicator,
    IndicatorValue,
    Membership,
    PlanVersion,
    ReportingPeriod,
    Task,
    TaskUpdate,
)
from tracker.roles import sync_role_groups  # noqa: E402

RUNS = 7


def clear_plan(program):
    # The benchmark's throw-away data: history rows go first, as their holders protect them.
    TaskUpdate.objects.filter(task__in=Task.objects.in_program(program)).delete()
    Task.objects.in_program(program).delete()
    PlanVersion.objects.filter(program=program).delete()
    Decision.objects.filter(meeting__program=program).delete()
    CouncilMeeting.objects.filter(program=program).delete()
    IndicatorValue.objects.filter(indicator__program=program).delete()
    Indicator.objects.filter(program=program).delete()
    ReportingPeriod.objects.filter(program=program).delete()


def measure(client):
    url = reverse("wagtailadmin_home")
    client.get(url)
    timings = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return len(queries), statistics.median(timings)


def main():
    call_command("migrate", verbosity=0)
    groups = sync_role_groups()
    program = seed_program()
    user, _created = get_user_model().objects.get_or_create(username="bench-coordinator")
    user.groups.add(groups[Role.COORDINATOR])
    Membership.objects.get_or_create(user=user, program=program, role=Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    sys.stdout.write(f"database: {connection.vendor}\n")
    for scale in (1, 10):
        clear_plan(program)
        started = time.perf_counter()
        counts = seed_action_plan(program, user, [], scale=scale)
        seeded = time.perf_counter() - started
        queries, median = measure(client)
        sys.stdout.write(
            f"{scale:>2}×: {counts['actions']:>5} actions, {counts['tasks']:>6} tasks "
            f"(seeded in {seeded:.1f} s) → coordinator dashboard: {queries} queries, "
            f"median {median * 1000:.0f} ms over {RUNS} requests\n"
        )


if __name__ == "__main__":
    main()

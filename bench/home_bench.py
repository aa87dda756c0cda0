"""Public home page: queries and time per request at 1× and 10× demo data.

Run with ``.venv/bin/python -m bench.home_bench [--scales 1 10] [--requests 50]``.
Each scale gets its own throw-away SQLite database (or the PostgreSQL server named
by ``BENCH_DATABASE_URL``, one database per scale), seeded by ``seed_demo --scale N``.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def measure(scale, requests):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=scale, password="bench-pass-2026", stdout=open(os.devnull, "w"))
    seed_seconds = time.perf_counter() - started
    client = Client()
    client.get("/tr/")
    timings = []
    for _index in range(requests):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/tr/")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return {
        "scale": scale,
        "seed_s": seed_seconds,
        "queries": len(queries.captured_queries),
        "median_ms": statistics.median(timings) * 1000,
        "p95_ms": sorted(timings)[int(0.95 * len(timings)) - 1] * 1000,
    }


def run_one(scale, requests):
    """Configure Django on a fresh database for ``scale`` and measure."""
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if database_url:
        os.environ["DATABASE_URL"] = f"{database_url.rstrip('/')}_bench_{scale}x"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["TRACKER_VAR_DIR"] = tempfile.mkdtemp(prefix=f"bench-home-{scale}x-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if database_url:
        from django.db import connection

        with connection._nodb_cursor() as cursor:
            name = connection.settings_dict["NAME"]
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    return measure(scale, requests)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = run_one(args.one, args.requests)
        sys.stdout.write(
            f"{result['scale']:>5}x  seed {result['seed_s']:6.1f} s  "
            f"queries {result['queries']:3d}  median {result['median_ms']:6.1f} ms  "
            f"p95 {result['p95_ms']:6.1f} ms\n"
        )
        return
    import subprocess

    sys.stdout.write("home page /tr/ (each scale in a fresh database)\n")
    for scale in args.scales:
        # One process per scale: Django's settings are read once per process.
        subprocess.run(
            [sys.executable, "-m", "bench.home_bench", "--one", str(scale),
             "--requests", str(args.requests)],
            check=True,
        )


if __name__ == "__main__":
    main()

"""Query count and database time of the public site search and the directory search, at
1× and 10× demo data, and with 80 more programmes' search rows beside the demo's.

Run: ``.venv/bin/python -m bench.search_bench [--scales 1 10] [--programmes 81]``. It works
in its own PostgreSQL database (``SEARCH_BENCH_DATABASE``, default
``tracker_search_bench`` on ``SEARCH_BENCH_POSTGRES``), which it drops and creates for each
scale. Each figure is the median of ``--repeat`` requests after one warm-up request,
through Django's test client with the page cache off (every request searches).
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("SEARCH_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("SEARCH_BENCH_DATABASE", "tracker_search_bench")
SITE_QUERIES = ["kümelenme", "ihracat", "İŞLEME", "paslanmaz CNC işleme"]
ENGLISH_QUERIES = ["cluster", "exports"]
DIRECTORY_QUERIES = ["paslanmaz CNC işleme", "döküm Kocasinan", "medical textile"]


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def psql(database, sql):
    subprocess.run(["psql", f"{POSTGRES}/{database}", "-q", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def prepare(scale):
    psql("postgres", f'DROP DATABASE IF EXISTS "{DATABASE}"')
    psql("postgres", f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DATABASE_URL": f"{POSTGRES}/{DATABASE}"}
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(manage + ["seed_demo", "--scale", str(scale), "--password",
                             secrets.token_urlsafe(16)], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    say(f"  seeded {scale}× in {time.perf_counter() - started:.0f} s")


def measure(scale, programmes, repeat):
    """Runs in a child process whose settings point at the bench database."""
    import django

    os.environ["DATABASE_URL"] = f"{POSTGRES}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CMS_PAGE_CACHE_SECONDS"] = "0"
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.models import DirectoryPage, SearchEntry
    from tracker.models import Program

    demo = Program.objects.get(slug="kayseri-ihracatta-donusum")
    _add_programmes(demo, programmes)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = SearchEntry.objects.count()
    say(f"  {Program.objects.count()} programmes, {rows} search rows "
        f"({SearchEntry.objects.filter(program=demo).count()} of the demo programme)")
    client = Client()
    directory = DirectoryPage.objects.filter(locale__language_code="tr").first().url

    def timed(url, params, table):
        """Query counts seen, median DB time of the page and of its queries on ``table``."""
        client.get(url, params)
        times, searching, counts = [], [], set()
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            counts.add(len(queries))
            times.append(sum(float(query["time"]) for query in queries.captured_queries))
            searching.append(sum(float(query["time"]) for query in queries.captured_queries
                                 if table in query["sql"]))
        return (sorted(counts), statistics.median(times) * 1000,
                statistics.median(searching) * 1000)

    def report(url, query, table):
        counts, page, search = timed(url, {"q": query}, table)
        say(f"  {url}?q={query:<22} queries {counts}  DB {page:6.1f} ms "
            f"(of which {table}: {search:5.1f} ms)")

    for language, queries in (("tr", SITE_QUERIES), ("en", ENGLISH_QUERIES)):
        for query in queries:
            report(f"/{language}/search/", query, "cms_searchentry")
    for query in DIRECTORY_QUERIES:
        report(directory, query, "directory_listing")


def _add_programmes(demo, programmes):
    """Copy the demo programme's search rows to ``programmes`` - 1 programmes in all, as
    81 provinces would fill the table."""
    from django.db import connection

    from tracker.models import Program

    for number in range(Program.objects.count(), programmes):
        clone = Program.objects.create(
            name=f"Bench province {number}", slug=f"bench-{number}", province=f"İl {number}",
            start_date=demo.start_date, end_date=demo.end_date)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO cms_searchentry (program_id, language, kind, object_id, title, "
                "summary, url, listing_id, title_lowered, body_lowered, title_folded, "
                "text_folded, search_vector) SELECT %s, language, kind, object_id, title, "
                "summary, url, listing_id, title_lowered, body_lowered, title_folded, "
                "text_folded, search_vector FROM cms_searchentry WHERE program_id = %s",
                [clone.pk, demo.pk])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--programmes", type=int, default=81)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        measure(args.measure, args.programmes, args.repeat)
        return
    for scale in args.scales:
        say(f"== {scale}× demo data")
        prepare(scale)
        for programmes in (1, args.programmes):
            subprocess.run([sys.executable, "-m", "bench.search_bench", "--measure",
                            str(scale), "--programmes", str(programmes), "--repeat",
                            str(args.repeat)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()

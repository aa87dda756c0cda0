"""One installation for 81 provinces: query counts and database time of the pages a
ministry reads, at the 6-programme demo and at 81 programmes, and public throughput under
a bounded locust run, with the cache-hit share under churn.

Steps (each can be run alone):

- ``build``: a database ``<db>_6`` with the demo (``seed_demo``), and ``<db>_81`` copied
  from it (``CREATE DATABASE … TEMPLATE``) where Kayseri is cloned 75 times by
  ``INSERT … SELECT`` over ``generate_series`` (every programme-owned table, ids shifted
  per copy, foreign keys shifted with them): minutes, not hours.
- ``measure``: for each database, the query count and database time (median of three
  renders, after one warm-up; the public page cache is cleared before each render) of
  the public home, action plan and statistics pages, the national dashboard and
  portfolio, a coordinator's dashboard, the coverage and workforce reports and the
  cluster overview; the database time both as the client waited for it and as
  PostgreSQL spent it (each SELECT of the last render run again under EXPLAIN ANALYZE,
  which a loaded machine disturbs far less). Then, at 6 and 81 programmes, the admin pages a
  coordinator waits for (a directory listing's and a cluster's edit form, the firm CSV
  export, the dashboard): server wall, CPU and database time (as waited for and as
  PostgreSQL spent it).
- ``load``: gunicorn (production settings, Redis cache) and locust with a fixed number of
  clients for a fixed time on the public action plan, uncached and cached, at 6 and 81.
- ``churn``: at 81, readers spread over Kayseri's home, action plan and statistics pages
  and Qom's home and action plan while, every 20 s, a task of Kayseri (the programme read
  most) and a task of a random other programme are saved; the share of cache hits, per
  programme, is read from the ``X-Public-Cache`` header.

Run: ``.venv/bin/python -m bench.national_bench [build] [measure] [load] [churn]
[--database tracker_national_bench] [--users 10] [--seconds 20] [--churn-seconds 120]
[--only="cluster edit,firm CSV export"]``.
Without a step it runs all four. ``measure`` and ``load`` reuse the databases ``build``
left (``migrate`` runs first, so the same databases serve another checkout of the code).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POSTGRES = os.environ.get("NATIONAL_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("NATIONAL_BENCH_REDIS", "redis://127.0.0.1:6379/12")
PORT = int(os.environ.get("NATIONAL_BENCH_PORT", "8106"))
COPIES = 75
SIZES = (6, 81)
PUBLIC_PAGES = {"public home": "/tr/", "action plan": "/tr/eylem-plani/",
                "statistics": "/tr/saha-calismasi/"}
# The churn run's readers: (programme, host, path). Kayseri's site is the default one;
# Qom's answers on its own host name (the demo's second site).
QOM_HOST = "qom.localhost"
CHURN_PAGES = [*(("Kayseri", "127.0.0.1", path) for path in PUBLIC_PAGES.values()),
               ("Qom", QOM_HOST, "/tr/"), ("Qom", QOM_HOST, "/tr/eylem-plani/")]
ADMIN_PAGES = {
    "national dashboard": ("national", "/admin/"),
    "portfolio": ("national", "/admin/portfolio/"),
    "coordinator dashboard": ("coordinator", "/admin/"),
    "coverage report": ("coordinator", "/admin/field-study/coverage/"),
    "workforce report": ("coordinator", "/admin/field-study/workforce/"),
    "cluster overview": ("coordinator", "/admin/clusters/overview/"),
}
# Admin pages a coordinator waits for, timed on the server (wall, CPU and database time)
# at 6 programmes: path templates filled with a Kayseri row's id.
SLOW_ADMIN_PAGES = {
    "directory listing edit": "/admin/directory_listings/edit/{listing}/",
    "cluster edit": "/admin/clusters/edit/{cluster}/",
    "firm CSV export": "/admin/firms/?export=csv",
    "coordinator dashboard": "/admin/",
}
# Rows tied to people or to one upload, not to the programme's plan and field study.
# The figures version is not copied: its triggers write one for each cloned programme as
# the clone's firms and visits are written.
NOT_CLONED = {"tracker.Membership", "tracker.ProgramPreference", "tracker.ImportRun",
              "tracker.ReminderLog", "fieldvisits.Submission", "fieldvisits.VisitAttachment",
              "reports.Report", "fieldvisits.FiguresVersion"}
CLONED_APPS = ("tracker", "fieldvisits", "clusters", "directory")


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def psql(sql, database="postgres"):
    subprocess.run(["psql", f"{POSTGRES}/{database}", "-q", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def environment(database, **extra):
    return {**os.environ, "DATABASE_URL": f"{POSTGRES}/{database}",
            "DJANGO_LOG_LEVEL": "ERROR", **extra}


def manage(database, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], env=environment(database), cwd=ROOT,
                          check=True, **kwargs)


# --- build ---------------------------------------------------------------------------

def build(base):
    small, large = f"{base}_6", f"{base}_81"
    for name in (small, large):
        psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{small}"')
    started = time.perf_counter()
    manage(small, "migrate", "-v", "0")
    manage(small, "seed_demo", "--password", "bench-not-secret", stdout=subprocess.DEVNULL)
    seeded = time.perf_counter() - started
    psql(f'CREATE DATABASE "{large}" TEMPLATE "{small}"')
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "bench.national_bench", "_clone"],
                   env=environment(large), cwd=ROOT, check=True)
    cloned = time.perf_counter() - started
    # VACUUM as autovacuum would after a bulk load: without the visibility map PostgreSQL
    # reads the heap behind every index entry (the firm export read every capability).
    for name in (small, large):
        psql("VACUUM (ANALYZE)", name)
    say(f"built: demo seeded in {seeded:.0f} s; Kayseri cloned {COPIES}× in {cloned:.0f} s")


def _path_to_program(model, program_model):
    """The lookup from ``model`` to its programme through non-null foreign keys."""
    if model is program_model:
        return "pk"
    queue = [(model, [])]
    seen = {model}
    while queue:
        current, path = queue.pop(0)
        for field in current._meta.concrete_fields:
            if not field.is_relation or field.null or field.related_model in seen:
                continue
            if field.related_model is program_model:
                return "__".join([*path, field.name])
            seen.add(field.related_model)
            queue.append((field.related_model, [*path, field.name]))
    return None


def clone():
    """Clone the Kayseri programme ``COPIES`` times in the database of ``DATABASE_URL``."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.apps import apps
    from django.db import connection, transaction

    from tracker.models import Program

    kayseri = Program.objects.get(slug__startswith="kayseri")
    models = [model for app in CLONED_APPS for model in apps.get_app_config(app).get_models()
              if model._meta.label not in NOT_CLONED and not model._meta.proxy]
    paths = {model: _path_to_program(model, Program) for model in models}
    models = [model for model in models if paths[model] is not None]
    cloned = set(models)
    throughs = [field.remote_field.through for model in models
                for field in model._meta.local_many_to_many
                if field.remote_field.through._meta.auto_created]
    with connection.cursor() as cursor:
        offsets = {}
        for model in [*models, *throughs]:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.db_table}"')
            offsets[model] = cursor.fetchone()[0] + 1
    with transaction.atomic(), connection.cursor() as cursor:
        for model in [*models, *throughs]:
            table = model._meta.db_table
            columns, values = [], []
            for field in model._meta.concrete_fields:
                column = f'"{field.column}"'
                columns.append(column)
                if field.primary_key:
                    values.append(f"t.{column} + k * {offsets[model]}")
                elif field.is_relation and field.related_model in cloned:
                    values.append(f"t.{column} + k * {offsets[field.related_model]}")
                elif model is Program and field.name == "slug":
                    values.append(f"t.{column} || '-' || k")
                elif model is Program and field.name == "name":
                    values.append(f"t.{column} || ' ' || k")
                else:
                    values.append(f"t.{column}")
            if model in throughs:
                source = next(f for f in model._meta.concrete_fields
                              if f.is_relation and f.related_model in cloned)
                rows = source.related_model.objects.filter(
                    **{paths[source.related_model]: kayseri.pk}).values("pk")
                where_column = source.column
            else:
                rows = model.objects.filter(**{paths[model]: kayseri.pk}).values("pk")
                where_column = model._meta.pk.column
            subquery, params = rows.query.sql_with_params()
            cursor.execute(
                f'INSERT INTO "{table}" ({", ".join(columns)}) '
                f"SELECT {', '.join(values)} FROM \"{table}\" t "
                f"CROSS JOIN generate_series(1, {COPIES}) AS k "
                f'WHERE t."{where_column}" IN ({subquery})', params)
        for model in [*models, *throughs]:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f'(SELECT MAX(id) FROM "{table}"))')
    counts = {label: apps.get_model(label).objects.count() for label in (
        "tracker.Program", "fieldvisits.Firm", "fieldvisits.Visit", "tracker.Task",
        "fieldvisits.Answer", "tracker.Action")}
    say("81 programmes: " + ", ".join(f"{n:,} {label.split('.')[1].lower()}s"
                                      for label, n in counts.items()))


# --- measure -------------------------------------------------------------------------

def server_ms(statements):
    """Milliseconds PostgreSQL itself spent planning and running ``statements`` (the
    SELECTs among them, run again under EXPLAIN ANALYZE): the database time without the
    waiting a loaded machine adds on the client's side."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += plan[0]["Planning Time"] + plan[0]["Execution Time"]
    return total


def measure_pages():
    """Print ``{page: [queries, db ms, server db ms]}`` as JSON for the database of
    ``DATABASE_URL``; with ``--admin``, ``{page: [queries, db ms, wall ms, cpu ms, server
    db ms]}`` of the slow admin pages instead."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if "refresh_national_summaries" in _commands():
        call_command("refresh_national_summaries", verbosity=0)
    timings, statements = [], []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(time.perf_counter() - started)
            statements.append((sql, params))

    users = {user.username: user for user in get_user_model().objects.filter(
        username__in=["national", "coordinator"])}
    admin = "--admin" in sys.argv
    if admin:
        pages = [(name, "coordinator", path.format(**_kayseri_rows()))
                 for name, path in SLOW_ADMIN_PAGES.items()]
    else:
        pages = [(name, None, path) for name, path in PUBLIC_PAGES.items()] + [
            (name, user, path) for name, (user, path) in ADMIN_PAGES.items()]
    only = [arg.removeprefix("--only=").split(",") for arg in sys.argv
            if arg.startswith("--only=")]
    if only:
        pages = [page for page in pages if page[0] in only[0]]
    figures = {}
    for name, username, path in pages:
        client = Client(HTTP_ACCEPT_LANGUAGE="tr")
        if username:
            client.force_login(users[username])
        runs = []
        for _attempt in range(4):
            cache.clear()
            timings.clear()
            statements.clear()
            cpu_started, started = time.process_time(), time.perf_counter()
            with connection.execute_wrapper(timed):
                response = client.get(path)
                if response.streaming:
                    b"".join(response.streaming_content)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            runs.append((len(timings), 1000 * sum(timings), 1000 * wall, 1000 * cpu))
        runs = runs[1:]
        median = [statistics.median(run[index] for run in runs) for index in range(1, 4)]
        if admin:
            figures[name] = [max(run[0] for run in runs), *median, server_ms(statements)]
        else:
            figures[name] = [max(run[0] for run in runs), median[0], server_ms(statements)]
    sys.stdout.write("FIGURES " + json.dumps(figures) + "\n")


def _kayseri_rows():
    from clusters.models import Cluster
    from directory.models import Listing

    return {"listing": Listing.objects.filter(firm__program__slug__startswith="kayseri")
            .order_by("pk").values_list("pk", flat=True).first(),
            "cluster": Cluster.objects.filter(program__slug__startswith="kayseri")
            .order_by("pk").values_list("pk", flat=True).first()}


def _commands():
    from django.core.management import get_commands

    return set(get_commands())


def _figures(database, *extra):
    output = subprocess.run([PYTHON, "-m", "bench.national_bench", "_measure", *extra],
                            env=environment(database), cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("FIGURES "))
    return json.loads(line.removeprefix("FIGURES "))


def measure(base, only=""):
    """Print the pages' figures at 6 and 81 programmes; ``only`` names some pages
    (comma-separated, as printed) to measure those alone."""
    selection = [f"--only={only}"] if only else []
    results = {}
    for size in SIZES:
        database = f"{base}_{size}"
        manage(database, "migrate", "-v", "0")
        results[size] = _figures(database, *selection)
    if results[SIZES[0]]:
        say(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; DB ms as "
            "the client waited for it, server ms as PostgreSQL spent it (EXPLAIN ANALYZE)")
        say(f"{'page':<22} {'queries 6':>9} {'queries 81':>10} {'DB ms 6':>8} {'DB ms 81':>9}"
            f" {'ratio':>6} {'server ms 6':>11} {'server ms 81':>12} {'ratio':>6}")
    for name in results[SIZES[0]]:
        (q6, ms6, server6), (q81, ms81, server81) = results[6][name], results[81][name]
        say(f"{name:<22} {q6:>9} {q81:>10} {ms6:>8.1f} {ms81:>9.1f} "
            f"{ms81 / max(ms6, 0.1):>6.2f} {server6:>11.1f} {server81:>12.1f} "
            f"{server81 / max(server6, 0.1):>6.2f}")
    # The admin pages a coordinator waits for, at both sizes: a form's choices and an
    # export's rows are one programme's, so their cost must not follow the installation.
    admin = {size: _figures(f"{base}_{size}", "--admin", *selection) for size in SIZES}
    if not admin[SIZES[0]]:
        return
    say(f"\nadmin pages, server side, median of three; load average "
        f"{os.getloadavg()[0]:.1f}")
    say(f"{'page':<24} {'programmes':>10} {'queries':>7} {'DB ms':>7} {'server ms':>9} "
        f"{'wall ms':>8} {'CPU ms':>7}")
    for name in admin[SIZES[0]]:
        for size in SIZES:
            queries, db, wall, cpu, server = admin[size][name]
            say(f"{name:<24} {size:>10} {queries:>7} {db:>7.1f} {server:>9.1f} {wall:>8.0f} "
                f"{cpu:>7.0f}")


# --- load ----------------------------------------------------------------------------

def serve(database, workdir, cache_seconds):
    env = environment(database, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="bench-" + "x" * 40,
                      DJANGO_ALLOWED_HOSTS=f"127.0.0.1,localhost,{QOM_HOST}",
                      DJANGO_SECURE_SSL_REDIRECT="0",
                      DJANGO_STATIC_ROOT=str(Path(workdir) / "static"), REDIS_URL=REDIS,
                      CMS_PAGE_CACHE_SECONDS=str(cache_seconds))
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env,
                   cwd=ROOT, check=True)
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2",
         "-k", "gthread", "--threads", "4", "--log-level", "warning"], env=env, cwd=ROOT)
    from bench.public_site_bench import wait_until_up

    wait_until_up(f"http://127.0.0.1:{PORT}/tr/")
    return server


def warm(pages):
    """Render each page (``(host, path)``) once, so a cached run measures the cache, not
    its first fill."""
    import urllib.request

    for host, path in pages:
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}",
                                         headers={"Host": host})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()


def locust(pages, users, seconds, workdir):
    """Run locust over ``pages`` (``(programme, host, path)``); the figures of all pages
    and, per programme, its requests and cache hits."""
    prefix = Path(workdir) / "locust"
    env = {**os.environ, "NATIONAL_BENCH_PAGES": json.dumps(pages)}
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "national_locust.py"), "--headless",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
         "-H", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "ERROR", "--stop-timeout", "5"],
        env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import csv

    with open(f"{prefix}_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    names = {f"{programme} {path}" for programme, _host, path in pages}
    read = [row for name, row in rows.items() if name in names]

    def count(name):
        return int(rows.get(name, {}).get("Request Count", 0))

    programmes = {}
    for programme in dict.fromkeys(programme for programme, _host, _path in pages):
        requests = sum(count(f"{programme} {path}") for name, _host, path in pages
                       if name == programme)
        hits = count(f"{programme} hit")
        programmes[programme] = {"requests": requests, "hits": hits,
                                 "misses": count(f"{programme} miss"),
                                 "hit_share": 100 * hits / requests if requests else 0.0}
    requests = sum(int(row["Request Count"]) for row in read)
    hits = sum(figures["hits"] for figures in programmes.values())
    return {"rps": sum(float(row["Requests/s"]) for row in read),
            "p95": max(float(row["95%"]) for row in read), "requests": requests,
            "failures": sum(int(row["Failure Count"]) for row in read),
            "hit_share": 100 * hits / requests if requests else 0.0,
            "programmes": programmes}


def churn(database, stop_after):
    """Every 20 s, save a task of Kayseri and a task of a random other programme (through
    the ORM, so signals fire); print how many of each were saved."""
    code = (
        "import random, time\n"
        "from tracker.models import Task\n"
        f"deadline = time.monotonic() + {stop_after}\n"
        "tasks = Task.objects.values_list('pk', 'action__goal__pillar__plan__program__slug')\n"
        "kayseri = [pk for pk, slug in tasks if slug == 'kayseri-ihracatta-donusum']\n"
        "others = [pk for pk, slug in tasks if slug != 'kayseri-ihracatta-donusum']\n"
        "saved = 0\n"
        "while time.monotonic() < deadline:\n"
        "    for pk in (random.choice(kayseri), random.choice(others)):\n"
        "        task = Task.objects.get(pk=pk)\n"
        "        task.percent_complete = random.randint(0, 99)\n"
        "        task.save()\n"
        "    saved += 1\n"
        "    time.sleep(20)\n"
        "print(saved)\n")
    env = environment(database, REDIS_URL=REDIS)
    # Verbosity 0: the shell's list of imported models would precede the count printed.
    return subprocess.Popen([PYTHON, "manage.py", "shell", "-v", "0", "-c", code], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def load(base, users, seconds):
    say(f"\nlocust: {users} clients, {seconds} s per run; gunicorn 2 workers × 4 threads")
    say(f"{'programmes':<11} {'mode':<9} {'req/s':>7} {'p95 ms':>7} {'requests':>9} "
        f"{'errors':>7}")
    page = ("Kayseri", "127.0.0.1", PUBLIC_PAGES["action plan"])
    with tempfile.TemporaryDirectory(prefix="national-bench-") as workdir:
        for size in SIZES:
            database = f"{base}_{size}"
            for mode, cache_seconds in (("uncached", 0), ("cached", 300)):
                server = serve(database, workdir, cache_seconds)
                try:
                    warm([page[1:]])
                    row = locust([page], users, seconds, workdir)
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                say(f"{size:<11} {mode:<9} {row['rps']:>7.1f} {row['p95']:>7.0f} "
                    f"{row['requests']:>9} {row['failures']:>7}")


def churn_run(base, users, churn_seconds):
    database = f"{base}_81"
    with tempfile.TemporaryDirectory(prefix="national-bench-") as workdir:
        server = serve(database, workdir, 300)
        try:
            warm([page[1:] for page in CHURN_PAGES])
            saver = churn(database, churn_seconds)
            try:
                row = locust(CHURN_PAGES, users, churn_seconds, workdir)
            finally:
                saved = saver.communicate(timeout=60)[0].strip()
        finally:
            server.terminate()
            server.wait(timeout=30)
    say(f"\nchurn at 81 ({churn_seconds} s, {users} clients; every 20 s a task of Kayseri "
        f"and one of a random other programme saved, {saved} times): {row['hit_share']:.1f} % "
        f"of {row['requests']} public requests were cache hits; {row['rps']:.1f} req/s, "
        f"p95 {row['p95']:.0f} ms, {row['failures']} errors")
    for programme, figures in row["programmes"].items():
        say(f"  {programme:<8} {figures['hit_share']:>5.1f} % hits of {figures['requests']} "
            f"requests ({figures['misses']} misses)")


def main():
    if sys.argv[1:2] == ["_clone"]:
        return clone()
    if sys.argv[1:2] == ["_measure"]:
        return measure_pages()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="*", choices=["build", "measure", "load", "churn"],
                        default=[])
    parser.add_argument("--database", default="tracker_national_bench")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--churn-seconds", type=int, default=120)
    parser.add_argument("--only", default="",
                        help="measure only these pages, comma-separated as printed "
                             "(\"cluster edit,firm CSV export\")")
    options = parser.parse_args()
    steps = options.steps or ["build", "measure", "load", "churn"]
    if "build" in steps:
        build(options.database)
    if "measure" in steps:
        measure(options.database, options.only)
    if "load" in steps:
        load(options.database, options.users, options.seconds)
    if "churn" in steps:
        churn_run(options.database, options.users, options.churn_seconds)


if __name__ == "__main__":
    main()

"""Throughput and p95 of the public site's home, action plan and statistics pages at 1×
and 10× data, with the page cache on and off.

Served the way production serves it: gunicorn with the production settings
(``DJANGO_DEBUG=0``, manifest static files) on PostgreSQL and Redis; load from locust in
headless mode on 127.0.0.1 with a fixed number of clients and a fixed run time.
"Uncached" sets ``CMS_PAGE_CACHE_SECONDS=0``, so every request renders the page.

Run: ``.venv/bin/python -m bench.public_site_bench [--users 20] [--seconds 15]
[--scales 1 10]``. It works in its own database (``PUBLIC_BENCH_DATABASE``, default
``tracker_public_bench`` on ``PUBLIC_BENCH_POSTGRES``), which it drops and creates for
each scale, and its own Redis database (``PUBLIC_BENCH_REDIS``). Without a reachable
PostgreSQL or Redis it says so and stops.
"""

import argparse
import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POSTGRES = os.environ.get("PUBLIC_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("PUBLIC_BENCH_DATABASE", "tracker_public_bench")
REDIS = os.environ.get("PUBLIC_BENCH_REDIS", "redis://127.0.0.1:6379/11")
PORT = int(os.environ.get("PUBLIC_BENCH_PORT", "8075"))
PAGES = {"home": "/tr/", "action plan": "/tr/eylem-plani/",
         "statistics": "/tr/saha-calismasi/"}
WORKERS = os.environ.get("PUBLIC_BENCH_WORKERS", "2")
THREADS = os.environ.get("PUBLIC_BENCH_THREADS", "4")


def say(text):
    sys.stdout.write(text + "\n")


def production_environment(static_root, cache_seconds):
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + secrets.token_hex(24),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS,
        "CMS_PAGE_CACHE_SECONDS": str(cache_seconds),
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def psql(sql):
    subprocess.run(["psql", f"{POSTGRES}/postgres", "-q", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def prepare(scale, env):
    """A fresh bench database holding the demo programme at ``scale``."""
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    psql(f'CREATE DATABASE "{DATABASE}"')
    manage = [PYTHON, "manage.py"]
    run(manage + ["migrate", "-v", "0"], env)
    started = time.perf_counter()
    run(manage + ["seed_demo", "--scale", str(scale), "--password", secrets.token_urlsafe(16)],
        env, stdout=subprocess.DEVNULL)
    seeded = time.perf_counter() - started
    psql_db = [f"{POSTGRES}/{DATABASE}", "-q", "-c", "ANALYZE"]
    subprocess.run(["psql", *psql_db], check=True)
    run(manage + ["collectstatic", "--noinput", "-v", "0"], env)
    return seeded


def wait_until_up(url, seconds=90):
    """Wait for gunicorn, and warm the page (the cached run starts from a filled cache)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def serve(env):
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", WORKERS,
         "-k", "gthread", "--threads", THREADS, "--log-level", "warning"],
        env=env, cwd=ROOT)


def load(path, users, seconds, workdir):
    prefix = Path(workdir) / "locust"
    env = {**os.environ, "PUBLIC_BENCH_PATH": path}
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "public_site_locust.py"), "--headless",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
         "-H", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "ERROR", "--stop-timeout", "5"],
        env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    return {"rps": float(total["Requests/s"]), "p95": float(total["95%"]),
            "requests": int(total["Request Count"]), "failures": int(total["Failure Count"])}


def measure(scale, users, seconds, workdir):
    results = {}
    for mode, cache_seconds in (("uncached", 0), ("cached", 300)):
        env = production_environment(Path(workdir) / "static", cache_seconds)
        server = serve(env)
        try:
            for name, path in PAGES.items():
                wait_until_up(f"http://127.0.0.1:{PORT}{path}")
                results[name, mode] = load(path, users, seconds, workdir)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results


def report(scale, seeded, results, users, seconds):
    say(f"\n{scale}× data (seeded in {seeded:.0f} s), {users} clients, {seconds} s per run, "
          f"gunicorn {WORKERS} workers × {THREADS} threads")
    say(f"{'page':<12} {'mode':<9} {'req/s':>8} {'p95 ms':>8} {'requests':>9} {'errors':>7}")
    for name in PAGES:
        for mode in ("uncached", "cached"):
            row = results[name, mode]
            say(f"{name:<12} {mode:<9} {row['rps']:>8.1f} {row['p95']:>8.0f} "
                  f"{row['requests']:>9} {row['failures']:>7}")
        ratio = results[name, "cached"]["rps"] / max(results[name, "uncached"]["rps"], 0.1)
        say(f"{name:<12} cached ÷ uncached throughput: {ratio:.1f}×")
    sys.stdout.flush()


def reachable():
    try:
        subprocess.run(["psql", f"{POSTGRES}/postgres", "-q", "-c", "SELECT 1"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return f"PostgreSQL is not reachable at {POSTGRES}"
    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError:
        return f"Redis is not reachable at {REDIS}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    options = parser.parse_args()
    problem = reachable()
    if problem:
        say(f"public site benchmark not run: {problem}")
        return
    with tempfile.TemporaryDirectory(prefix="public-bench-") as workdir:
        try:
            for scale in options.scales:
                env = production_environment(Path(workdir) / "static", 300)
                seeded = prepare(scale, env)
                results = measure(scale, options.users, options.seconds, workdir)
                report(scale, seeded, results, options.users, options.seconds)
        finally:
            psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')


if __name__ == "__main__":
    main()

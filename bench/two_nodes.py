"""Two web nodes and two task workers over one PostgreSQL, one Redis and one object storage.

Run with ``.venv/bin/python -m bench.two_nodes`` (needs PostgreSQL and Redis on 127.0.0.1).
It (re)creates the database ``BENCH_DB_NAME`` (``tracker_storage``), empties Redis database
``BENCH_REDIS_DB`` (7), starts moto's S3 server in this process as the object storage, and
starts two gunicorn nodes (A on ``BENCH_PORT_A`` 8107, B on ``BENCH_PORT_B`` 8117) with
production settings (``DJANGO_DEBUG=false``), each with its own, empty local ``var``
directory, and two ``db_worker`` processes. The client plays the HTTPS proxy: it sends
``X-Forwarded-Proto: https`` and appends the visitor's address to ``X-Forwarded-For``.

What it checks, printing one line per step:

1. a field agent logs in on A, attaches a photo and submits the visit on A; the supervisor,
   on B, sees the photo byte for byte and approves the visit;
2. the agent's session cookie from A is valid on B; a public page cached by A is a cache
   hit on B; login failures spread over A and B lock the account on both;
3. a programme report requested on A is drawn by whichever worker takes it and
   downloaded from B with the checksum it was issued with; a CSV of firms uploaded on A is
   checked by a worker, previewed and confirmed on B and written by a worker;
4. a worker is killed (SIGKILL) while drawing the feedback bundle; ``release_stale_reports``
   releases the report; issued again on B, the other worker draws it, and A serves it;
5. the JSON logs of the nodes and workers join: the request that queued a report, the
   task line of the worker that drew it;
6. ``manage.py backup`` of the running system restores (``manage.py restore``) into an
   empty database and an empty bucket, and the report reads back with its checksum.

It exits non-zero at the first step that fails.
"""

import hashlib
import io
import json
import logging
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB_NAME", "tracker_storage")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "7"))
PORTS = {"A": int(os.environ.get("BENCH_PORT_A", "8107")),
         "B": int(os.environ.get("BENCH_PORT_B", "8117"))}
BUNDLE_FIRMS = int(os.environ.get("BENCH_BUNDLE_FIRMS", "150"))
STALE_SECONDS = 15
PASSWORD = secrets.token_urlsafe(12)
BUCKET = "tracker-two-nodes"
# The name the proxy forwards to both nodes, as for a real installation behind one address.
PUBLIC_HOST = "tracker.example.org"


def out(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fail(text):
    out(f"FAILED: {text}")
    raise SystemExit(1)


def check(condition, text):
    if not condition:
        fail(text)


def psql(sql, database="postgres"):
    parts = urlsplit(PG_URL)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{database}", "", ""))
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
                          capture_output=True, text=True, check=True).stdout.strip()


def database_url():
    parts = urlsplit(PG_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{DB_NAME}", "", ""))


def environment(s3_endpoint, static_root):
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("DJANGO_", "TRACKER_", "AWS_"))}
    environ.update(
        DATABASE_URL=database_url(), REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{PUBLIC_HOST}",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        DJANGO_PROXY_COUNT="1", DJANGO_TRUSTED_PROXIES="127.0.0.1",
        DJANGO_LOGIN_FAILURE_LIMIT="5", DJANGO_LOG_LEVEL="WARNING",
        TRACKER_FILE_STORAGE="s3", TRACKER_S3_BUCKET=BUCKET,
        TRACKER_S3_ENDPOINT_URL=s3_endpoint, TRACKER_S3_REGION="us-east-1",
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
        TRACKER_LOG_FORMAT="json", TRACKER_REPORTS_STALE_SECONDS=str(STALE_SECONDS),
        TRACKER_REPORTS_BUNDLE_PROCESSES="1",
    )
    return environ


def manage(environ, *args, var_dir=None):
    run_env = dict(environ, TRACKER_VAR_DIR=str(var_dir)) if var_dir else environ
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=run_env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        fail(f"manage.py {args[0]}: {done.stderr[-3000:]}")
    return done.stdout


SEED = """
import datetime, json, random, sys
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from cms.demo import seed_public_site
from fieldvisits.default_questionnaire import load_default_questionnaire
from fieldvisits.demo import generate_firms
from fieldvisits.models import Firm, Visit
from tracker.access import Role
from tracker.models import Membership, Program, ReportingPeriod
from tracker.roles import ROLE_GROUP_NAMES, sync_role_groups, sync_user_role_groups

password, bundle_firms, plan_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sync_role_groups()
program = Program.objects.create(name="İki düğüm programı", slug="two-nodes",
                                 province="Kayseri", start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2028, 12, 31))
version = load_default_questionnaire(program)
User = get_user_model()
users = {}
for name, role in (("coordinator", Role.COORDINATOR), ("supervisor", Role.SUPERVISOR),
                   ("agent", Role.AGENT), ("victim", Role.AGENT)):
    user = User.objects.create_user(f"bench-{name}", password=password,
                                    email=f"{name}@example.org")
    Membership.objects.create(user=user, program=program, role=role)
    sync_user_role_groups(user)
    users[name] = user
firms = Firm.objects.bulk_create(generate_firms(program, bundle_firms + 1, random.Random(7)))
visit = Visit.objects.create(program=program, firm=firms[0], agent=users["agent"],
                             status=Visit.Status.SCHEDULED,
                             scheduled_date=datetime.date(2026, 10, 1))
Visit.objects.bulk_create(
    Visit(program=program, firm=firm, agent=users["agent"], status=Visit.Status.APPROVED,
          questionnaire_version=version, scheduled_date=datetime.date(2026, 9, 1),
          submitted_at=timezone.now()) for firm in firms[1:])
period = ReportingPeriod.objects.create(program=program, label="2026-1",
                                        start_date=datetime.date(2026, 1, 1),
                                        end_date=datetime.date(2026, 6, 30))
period.lock(by=users["coordinator"])
home = seed_public_site(program, Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR]))
from tests.factories import valid_vkn
open(plan_path, "w").write(json.dumps({
    "visit": visit.pk, "period": period.pk, "home": home.url, "program": program.pk,
    "new_vkns": [valid_vkn(900000 + n) for n in range(3)]}))
"""

STATE = """
import json, sys
from django_tasks_db.models import DBTaskResult
from reports.models import Report
from fieldvisits.models import Visit
from fieldvisits.models import Firm
from tracker.models import ImportRun
report = Report.objects.filter(pk=int(sys.argv[1])).first() if sys.argv[1] != "-" else None
visit = Visit.objects.filter(pk=int(sys.argv[2])).first() if sys.argv[2] != "-" else None
run = ImportRun.objects.filter(pk=int(sys.argv[3])).first() if sys.argv[3] != "-" else None
tasks = [{"id": str(t.id), "status": t.status, "workers": t.worker_ids,
          "args": t.args_kwargs} for t in DBTaskResult.objects.filter(
          task_path="reports.jobs.generate_report").order_by("enqueued_at")]
print(json.dumps({
    "report": report and {"status": report.status, "progress": report.progress,
                          "sha256": report.sha256, "error": report.error,
                          "kind": report.kind, "version": report.version},
    "visit": visit and {"status": visit.status},
    "run": run and {"status": run.status, "total": run.total_rows, "new": run.new_count,
                    "file": run.file_path, "message": run.message},
    "firms": Firm.objects.count(),
    "tasks": tasks}))
"""


class Visitor:
    """A browser behind the HTTPS proxy: one cookie jar, sent to whichever node."""

    def __init__(self, address):
        self.address = address
        self.jar = {}

    def request(self, node, method, path, **kwargs):
        origin = f"https://{PUBLIC_HOST}"
        headers = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https",
                   "X-Forwarded-For": self.address,
                   "Origin": origin, "Referer": origin + path,
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items())}
        if "csrftoken" in self.jar:
            headers["X-CSRFToken"] = self.jar["csrftoken"]
        headers.update(kwargs.pop("headers", {}))
        response = requests.request(method, f"http://127.0.0.1:{PORTS[node]}{path}",
                                    headers=headers, allow_redirects=False, timeout=60,
                                    **kwargs)
        for cookie in response.cookies:
            self.jar[cookie.name] = cookie.value
        return response

    def login(self, node, path, username, password=PASSWORD):
        self.request(node, "GET", path)
        return self.request(node, "POST", path, data={
            "username": username, "password": password,
            "csrfmiddlewaretoken": self.jar.get("csrftoken", "")})


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


class Cluster:
    def __init__(self, work, environ):
        self.work, self.environ = work, environ
        self.nodes, self.workers = {}, {}

    def start_node(self, name):
        var_dir = self.work / f"node-{name}"
        var_dir.mkdir()
        log = open(self.work / f"node-{name}.log", "w")
        self.nodes[name] = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORTS[name]}",
             "--workers", "2", "--timeout", "120"],
            cwd=ROOT, env=dict(self.environ, TRACKER_VAR_DIR=str(var_dir),
                               TRACKER_NODE_NAME=f"node-{name}"),
            stdout=log, stderr=subprocess.STDOUT)

    def start_worker(self, name):
        var_dir = self.work / f"worker-{name}"
        var_dir.mkdir(exist_ok=True)
        log = open(self.work / f"worker-{name}.log", "a")
        self.workers[name] = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--worker-id", name, "--interval", "0.5",
             "--no-startup-delay"],
            cwd=ROOT, env=dict(self.environ, TRACKER_VAR_DIR=str(var_dir),
                               TRACKER_NODE_NAME=name),
            stdout=log, stderr=subprocess.STDOUT)

    def wait_until_up(self):
        for name, port in PORTS.items():
            deadline = time.monotonic() + 600
            while True:
                try:
                    if requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=5,
                                    headers={"X-Forwarded-Proto": "https"}).ok:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    fail(f"node {name} is not ready on port {port}")
                time.sleep(0.5)

    def stop(self):
        for process in [*self.nodes.values(), *self.workers.values()]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.nodes.values(), *self.workers.values()]:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()

    def state(self, report="-", visit="-", run="-"):
        arguments = [str(report), str(visit), str(run)]
        stdout = manage(self.environ, "shell", "--no-imports", "-c",
                        f"import sys; sys.argv = ['', *{arguments!r}]\n" + STATE,
                        var_dir=self.work / "inspect")
        return json.loads(stdout.strip().splitlines()[-1])

    def wait_for_report(self, report, statuses, seconds=300, progress=None):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = self.state(report)
            if state["report"]["status"] in statuses and (
                    progress is None or state["report"]["progress"] >= progress):
                return state
            time.sleep(0.5)
        fail(f"report {report} did not reach {statuses} in {seconds} s: {state}")


def issue_report(visitor, node, period, kind):
    response = visitor.request(node, "POST", "/admin/progress-reports/issue/", data={
        "period": period, "kind": kind, "language": "tr",
        "csrfmiddlewaretoken": visitor.jar["csrftoken"]})
    check(response.status_code == 302, f"issuing a report on {node}: {response.status_code}")
    return int(re.search(r"/progress-reports/(\d+)/", response.headers["Location"]).group(1))


def drawn_by(state, report):
    for task in state["tasks"]:
        if task["args"].get("args") == [report]:
            return task["workers"]
    return []


def step_visit(cluster, plan, agent, supervisor):
    visit = plan["visit"]
    check(agent.login("A", "/field/login/", "bench-agent").status_code == 302, "agent login")
    photo = png_bytes()
    uploaded = agent.request("A", "POST", f"/field/visits/{visit}/attachments/",
                             files={"file": ("atölye.png", photo, "image/png")},
                             data={"csrfmiddlewaretoken": agent.jar["csrftoken"]})
    check(uploaded.status_code == 302, f"photo upload on A: {uploaded.status_code}")
    answers = {f"maturity_{d}": "3" for d in (
        "productivity", "digitalisation", "green", "rnd", "institutionalisation",
        "export_readiness", "clustering")}
    answers.update({"capacity_utilisation": "72", "export_share": "30",
                    "obstacles": ["finance"], "main_obstacle": "finance", "notes": "İki düğüm"})
    submitted = agent.request("A", "POST", f"/field/visits/{visit}/submit.json",
                              data=json.dumps({"submission_uuid": str(uuid.uuid4()),
                                               "answers": answers}),
                              headers={"Content-Type": "application/json"})
    check(submitted.status_code == 200 and submitted.json().get("status") == "submitted",
          f"submit on A: {submitted.status_code} {submitted.text[:300]}")
    check(supervisor.login("B", "/field/login/", "bench-supervisor").status_code == 302,
          "supervisor login on B")
    page = supervisor.request("B", "GET", f"/field/visits/{visit}/review/")
    found = re.search(r"/field/attachments/(\d+)/", page.text)
    check(page.status_code == 200 and found, f"review page on B: {page.status_code}")
    download = supervisor.request("B", "GET", found.group(0))
    check(download.status_code == 200 and download.content == photo,
          "the photo read on B differs from the one sent to A")
    approved = supervisor.request("B", "POST", f"/field/visits/{visit}/review/", data={
        "action": "approve", "csrfmiddlewaretoken": supervisor.jar["csrftoken"]})
    check(approved.status_code == 302, f"approve on B: {approved.status_code}")
    status = cluster.state(visit=visit)["visit"]["status"]
    check(status == "approved", f"visit is {status}")
    out(f"visit {visit}: photo ({len(photo)} bytes) and submission sent to A; on B the "
        f"photo read back identical (sha256 {hashlib.sha256(photo).hexdigest()[:16]}…) and "
        f"the visit was approved -> {status}")


def step_shared_state(plan, agent):
    on_b = agent.request("B", "GET", "/field/")
    check(on_b.status_code == 200, f"A's session on B: {on_b.status_code}")
    out("session: the agent's session cookie from A opens /field/ on B (200)")
    reader = Visitor("198.51.100.20")
    first = reader.request("A", "GET", plan["home"])
    second = reader.request("B", "GET", plan["home"])
    check(second.headers.get("X-Public-Cache") == "hit",
          f"public page cache: A {first.headers.get('X-Public-Cache')}, "
          f"B {second.headers.get('X-Public-Cache')}")
    out(f"cache: public page {plan['home']} rendered by A "
        f"({first.headers.get('X-Public-Cache')}), answered by B from the shared cache "
        f"({second.headers.get('X-Public-Cache')})")
    attacker = Visitor("203.0.113.66")
    answers = []
    for attempt in range(5):
        node = "A" if attempt % 2 == 0 else "B"
        status = attacker.login(node, "/admin/login/", "bench-victim", "wrong").status_code
        answers.append(f"{node}:{status}")
    locked = attacker.login("B", "/admin/login/", "bench-victim")
    elsewhere = Visitor("198.51.100.30").login("A", "/admin/login/", "bench-victim")
    check(locked.status_code == 429 and elsewhere.status_code == 429,
          f"lockout: right password after 5 failures -> B {locked.status_code}, "
          f"A from another address {elsewhere.status_code}")
    out(f"login throttling: 5 wrong passwords alternating nodes ({', '.join(answers)}), then "
        f"the right one on B -> {locked.status_code}, and on A from another address -> "
        f"{elsewhere.status_code}")


def step_report(cluster, plan, coordinator):
    check(coordinator.login("A", "/admin/login/", "bench-coordinator").status_code == 302,
          "coordinator login on A")
    started = time.monotonic()
    report = issue_report(coordinator, "A", plan["period"], "programme")
    state = cluster.wait_for_report(report, {"done", "failed"})
    check(state["report"]["status"] == "done", f"report failed: {state['report']['error']}")
    elapsed = time.monotonic() - started
    download = coordinator.request("B", "GET", f"/reports/{report}/download/")
    body_sha = hashlib.sha256(download.content).hexdigest()
    check(download.status_code == 200 and body_sha == state["report"]["sha256"]
          == download.headers["X-Content-SHA256"], "report download from B")
    out(f"report {report}: requested on A, drawn by {drawn_by(state, report)} in "
        f"{elapsed:.1f} s, downloaded from B: {len(download.content)} bytes, sha256 "
        f"{body_sha[:16]}… = issued checksum")
    return report


def step_killed_worker(cluster, plan, coordinator):
    report = issue_report(coordinator, "A", plan["period"], "firm_feedback_bundle")
    state = cluster.wait_for_report(report, {"running"}, progress=10)
    victim = drawn_by(state, report)
    check(len(victim) == 1 and victim[0] in cluster.workers, f"who draws it: {victim}")
    victim = victim[0]
    os.kill(cluster.workers[victim].pid, signal.SIGKILL)
    cluster.workers[victim].wait()
    out(f"bundle {report}: {victim} killed (SIGKILL) at {state['report']['progress']} % "
        f"of {BUNDLE_FIRMS} firms")
    time.sleep(STALE_SECONDS + 2)
    released = manage(cluster.environ, "release_stale_reports",
                      var_dir=cluster.work / "inspect").strip()
    state = cluster.state(report)
    check(state["report"]["status"] == "failed", f"not released: {state['report']}")
    out(f"release_stale_reports: {released} -> report {report} {state['report']['status']}: "
        f"{state['report']['error']}")
    coordinator.login("B", "/admin/login/", "bench-coordinator")
    again = issue_report(coordinator, "B", plan["period"], "firm_feedback_bundle")
    state = cluster.wait_for_report(again, {"done", "failed"}, seconds=600)
    check(state["report"]["status"] == "done", f"re-issue failed: {state['report']['error']}")
    survivor = drawn_by(state, again)
    check(survivor and survivor[0] != victim, f"drawn by {survivor}")
    download = coordinator.request("A", "GET", f"/reports/{again}/download/")
    check(download.status_code == 200 and hashlib.sha256(download.content).hexdigest()
          == state["report"]["sha256"], "bundle download from A")
    out(f"bundle issued again on B as report {again} (v{state['report']['version']}): drawn "
        f"by {survivor[0]}, downloaded from A: {len(download.content)} bytes, checksum "
        "matches")
    return again


def wait_for_run(cluster, run, statuses, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = cluster.state(run=run)
        if state["run"]["status"] in statuses:
            return state
        time.sleep(0.5)
    fail(f"import run {run} did not reach {statuses}: {state}")


def step_import(cluster, plan, coordinator):
    rows = ["Tax number (VKN);Trade name;Sector (NACE Rev.2);District"] + [
        f"{vkn};İki Düğüm Firma {n} A.Ş.;25.62;Talas" for n, vkn in enumerate(plan["new_vkns"])]
    before = cluster.state()["firms"]
    uploaded = coordinator.request(
        "A", "POST", "/admin/firms/import/",
        files={"file": ("firmalar.csv", "\r\n".join(rows).encode("cp1254"), "text/csv")},
        data={"program": plan["program"], "csrfmiddlewaretoken": coordinator.jar["csrftoken"]})
    check(uploaded.status_code == 302, f"import upload on A: {uploaded.status_code}")
    run = int(re.search(r"/import/(\d+)/", uploaded.headers["Location"]).group(1))
    state = wait_for_run(cluster, run, {"previewed", "rejected"})
    check(state["run"]["status"] == "previewed", f"import preview: {state['run']}")
    page = coordinator.request("B", "GET", f"/admin/firms/import/{run}/")
    check(page.status_code == 200, f"import run page on B: {page.status_code}")
    confirmed = coordinator.request("B", "POST", f"/admin/firms/import/{run}/confirm/",
                                    data={"csrfmiddlewaretoken": coordinator.jar["csrftoken"]})
    check(confirmed.status_code == 302, f"import confirm on B: {confirmed.status_code}")
    state = wait_for_run(cluster, run, {"done", "failed"})
    check(state["run"]["status"] == "done" and state["firms"] == before + 3,
          f"import write: {state['run']}, firms {before} -> {state['firms']}")
    out(f"import {run}: CSV uploaded on A (stored as imports/{state['run']['file']}), checked "
        f"by a worker ({state['run']['total']} rows), previewed and confirmed on B, written by "
        f"a worker: firms {before} -> {state['firms']}")


def step_backup(cluster, s3, report):
    """Back up the running system, restore it into an empty database and an empty bucket,
    and read the issued report back from the restored bucket."""
    restored_db, restored_bucket = f"{DB_NAME}_restore", f"{BUCKET}-restored"
    psql(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{restored_db}"')
    s3.create_bucket(Bucket=restored_bucket)
    backup_dir = cluster.work / "backup"
    started = time.monotonic()
    backed_up = manage(cluster.environ, "backup", str(backup_dir),
                       var_dir=cluster.work / "inspect").strip()
    backup_seconds = time.monotonic() - started
    restore_env = dict(cluster.environ, TRACKER_S3_BUCKET=restored_bucket)
    parts = urlsplit(database_url())
    started = time.monotonic()
    restored = manage(restore_env, "restore", str(backup_dir), "--database-url",
                      urlunsplit((parts.scheme, parts.netloc, f"/{restored_db}", "", "")),
                      var_dir=cluster.work / "inspect").strip()
    restore_seconds = time.monotonic() - started
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    sha256, name = psql(f"SELECT sha256 || ' ' || file FROM reports_report WHERE id = {report}",
                        database=restored_db).split(" ", 1)
    body = s3.get_object(Bucket=restored_bucket, Key=f"reports/{name}")["Body"].read()
    check(hashlib.sha256(body).hexdigest() == sha256, "restored report checksum")
    out(f"backup: {backed_up} ({backup_seconds:.1f} s)")
    out(f"restore into {restored_db} and bucket {restored_bucket}: {restored} "
        f"({restore_seconds:.1f} s); {manifest['counts']['reports.Report']} reports, "
        f"{manifest['counts']['fieldvisits.VisitAttachment']} photos, "
        f"{manifest['counts']['fieldvisits.Firm']} firms; report {report} read from the "
        f"restored bucket: sha256 {sha256[:16]}… matches")
    psql(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')


def step_logs(cluster):
    lines = []
    for path in sorted(cluster.work.glob("*.log")):
        for raw in path.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(raw)
            except ValueError:
                continue
            lines.append((path.stem, entry))
    requests_logged = [entry for _source, entry in lines if entry.get("event") == "request"]
    queued = [(source, entry) for source, entry in lines
              if entry.get("event") == "task_enqueued" and entry.get("request_id")]
    tasks = {entry["task_id"]: (source, entry) for source, entry in lines
             if entry.get("event") == "task"}
    joined = [(source, entry, tasks[entry["task_id"]]) for source, entry in queued
              if entry["task_id"] in tasks
              and tasks[entry["task_id"]][1].get("task") == "reports.jobs.generate_report"]
    check(joined, "no enqueue line joins a worker's task line")
    source, enqueued, (worker_source, task) = joined[-1]
    request_line = next(entry for entry in requests_logged
                        if entry.get("request_id") == enqueued["request_id"])
    out(f"logs: {len(lines)} JSON lines, {len(requests_logged)} request lines with a "
        "request id; one report joined across processes:")
    out(f"  {source}: {json.dumps(request_line, ensure_ascii=False)}")
    out(f"  {worker_source}: {json.dumps(task, ensure_ascii=False)}")


def main():
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="two-nodes-"))
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    s3_endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                 aws_access_key_id="testing", aws_secret_access_key="testing"
                 ).create_bucket(Bucket=BUCKET)
    environ = environment(s3_endpoint, work / "static")
    psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DB_NAME}"')
    subprocess.run(["redis-cli", "-n", str(REDIS_DB), "FLUSHDB"], check=True,
                   capture_output=True)
    started = time.monotonic()
    manage(environ, "migrate", "--noinput", var_dir=work / "setup")
    manage(environ, "collectstatic", "--noinput", var_dir=work / "setup")
    plan_path = work / "plan.json"
    manage(environ, "shell", "--no-imports", "-c",
           f"import sys; sys.argv = ['', {PASSWORD!r}, {BUNDLE_FIRMS!r}, "
           f"{str(plan_path)!r}]\n" + SEED, var_dir=work / "setup")
    plan = json.loads(plan_path.read_text())
    out(f"setup: database {DB_NAME} migrated and seeded, Redis db {REDIS_DB} emptied, S3 "
        f"(moto) at {s3_endpoint}, bucket {BUCKET}: {time.monotonic() - started:.0f} s")
    cluster = Cluster(work, environ)
    try:
        for name in PORTS:
            cluster.start_node(name)
        for name in ("worker-1", "worker-2"):
            cluster.start_worker(name)
        cluster.wait_until_up()
        out(f"nodes: A on 127.0.0.1:{PORTS['A']}, B on 127.0.0.1:{PORTS['B']} (gunicorn, "
            "2 workers each, DEBUG off, separate empty var dirs); task workers worker-1, "
            "worker-2")
        agent, supervisor = Visitor("198.51.100.10"), Visitor("198.51.100.11")
        coordinator = Visitor("198.51.100.12")
        step_visit(cluster, plan, agent, supervisor)
        step_shared_state(plan, agent)
        step_report(cluster, plan, coordinator)
        step_import(cluster, plan, coordinator)
        again = step_killed_worker(cluster, plan, coordinator)
        step_logs(cluster)
        s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        step_backup(cluster, s3, again)
        listing = s3.list_objects_v2(Bucket=BUCKET)
        keys = [item["Key"] for item in listing.get("Contents", [])]
        local = [str(path.relative_to(work)) for path in work.glob("node-*/**/*")
                 if path.is_file()]
        out(f"object storage: {len(keys)} objects "
            f"({', '.join(sorted({key.split('/')[0] for key in keys}))}); files on the "
            f"nodes' local disks: {len(local)}")
        out("PASSED")
    finally:
        cluster.stop()
        moto.stop()
        out(f"logs kept in {work}")


if __name__ == "__main__":
    main()

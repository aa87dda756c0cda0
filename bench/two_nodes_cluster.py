"""The processes of ``bench.two_nodes``: the object storage, the database and Redis made
empty and seeded, two gunicorn nodes and two ``db_worker`` processes, and the client that
plays the HTTPS proxy in front of them. The scenarios run against them are in
``bench/two_nodes.py``.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import requests
from moto.server import ThreadedMotoServer

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

    def start(self):
        """Both nodes and both workers, once every node answers its readiness check."""
        for name in PORTS:
            self.start_node(name)
        for name in ("worker-1", "worker-2"):
            self.start_worker(name)
        self.wait_until_up()
        out(f"nodes: A on 127.0.0.1:{PORTS['A']}, B on 127.0.0.1:{PORTS['B']} (gunicorn, "
            "2 workers each, DEBUG off, separate empty var dirs); task workers worker-1, "
            "worker-2")

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


def s3_client(s3_endpoint):
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def start_object_storage():
    """moto's S3 server in this process, with the bucket the nodes write to."""
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    s3_endpoint = f"http://{host}:{port}"
    s3_client(s3_endpoint).create_bucket(Bucket=BUCKET)
    return moto, s3_endpoint


def prepare(work, s3_endpoint):
    """An empty database migrated and seeded, an empty Redis database and the static files;
    returns the nodes' environment and the seeded rows the scenarios use."""
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
    return environ, plan

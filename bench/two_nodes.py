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

It exits non-zero at the first step that fails. Starting the processes is in
``bench/two_nodes_cluster.py``; the steps are here.
"""

import hashlib
import io
import json
import logging
import os
import re
import signal
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from PIL import Image

from bench.two_nodes_cluster import (
    BUCKET,
    BUNDLE_FIRMS,
    DB_NAME,
    STALE_SECONDS,
    Cluster,
    Visitor,
    check,
    database_url,
    fail,
    manage,
    out,
    prepare,
    psql,
    s3_client,
    start_object_storage,
)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


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
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="two-nodes-"))
    moto, s3_endpoint = start_object_storage()
    environ, plan = prepare(work, s3_endpoint)
    cluster = Cluster(work, environ)
    try:
        cluster.start()
        agent, supervisor = Visitor("198.51.100.10"), Visitor("198.51.100.11")
        coordinator = Visitor("198.51.100.12")
        step_visit(cluster, plan, agent, supervisor)
        step_shared_state(plan, agent)
        step_report(cluster, plan, coordinator)
        step_import(cluster, plan, coordinator)
        again = step_killed_worker(cluster, plan, coordinator)
        step_logs(cluster)
        s3 = s3_client(s3_endpoint)
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

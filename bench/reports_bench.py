"""Progress report figures at 1× and 10× demo data: the programme report, an
institution's report and the ZIP of every visited firm's feedback report, each with its
wall time, CPU time, database time and query count, then the 10×/1× ratios.

Run with ``.venv/bin/python -m bench.reports_bench`` (``--no-zip`` for the PDF reports
alone). Works in a throw-away SQLite database
under a temporary directory unless DATABASE_URL is set (give it an empty PostgreSQL
database). 10× is the field study grown tenfold (``seed_field_study(scale=10)``) and every
task of the plan copied nine times with its dated history and updates, in the same
actions and institutions. The PDF reports are timed from their figures' collection to the
finished PDF (median of a few runs); the ZIP is timed as the worker generates it, in one
process so every query is counted, while a sampler reads this process's resident memory,
so a bundle that held every PDF in memory would show as RSS growing with the firms
written; a second run draws in helper processes.
"""

import datetime
import functools
import io
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TRACKER_VAR_DIR", tempfile.mkdtemp(prefix="reports-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The bench calls the generation itself; nothing waits in a queue.
os.environ["DJANGO_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import F, Value  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from fieldvisits.demo import seed_field_study  # noqa: E402
from fieldvisits.models import Firm, Visit, VisitEvent  # noqa: E402
from reports import institution as institution_report  # noqa: E402
from reports import programme  # noqa: E402
from reports.firm_feedback import visited_firms  # noqa: E402
from reports.generation import generate  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.services import request_report  # noqa: E402
from tracker.models import (  # noqa: E402
    Institution,
    Program,
    ReportingPeriod,
    Task,
    TaskEvent,
    TaskUpdate,
)

REPEATS = 3
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def rss_mb(pid="self"):
    """Resident memory of process ``pid`` (this one by default) now, in MB."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return pages * PAGE_SIZE / 1e6


def helpers_rss_mb():
    """Resident memory of this process's child processes (the PDF drawing helpers)."""
    pid = os.getpid()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return sum(rss_mb(child) for child in children)


class MemorySampler(threading.Thread):
    """Reads this process's RSS every ``interval`` seconds until stopped."""

    def __init__(self, interval=0.05):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples = []
        self.stopped = threading.Event()

    def run(self):
        started = time.perf_counter()
        while not self.stopped.is_set():
            self.samples.append((time.perf_counter() - started, rss_mb(), helpers_rss_mb()))
            time.sleep(self.interval)

    def stop(self):
        self.stopped.set()
        self.join()


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measured(work):
    """Run ``work()``; its result with wall, CPU and database seconds and the queries."""
    reset_queries()
    cpu_started = time.process_time()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = work()
    return result, {"wall": time.perf_counter() - started,
                    "cpu": time.process_time() - cpu_started,
                    "db": sum(float(query["time"]) for query in queries.captured_queries),
                    "queries": len(queries.captured_queries)}


def time_report(report, module):
    """Median figures of drawing ``report`` (collection and PDF) with ``module``, and the
    CPU seconds of each part: the figures' collection (queries and Python over their
    rows) and the PDF's layout (which grows with the rows a table lists)."""
    runs, pages = [], 0
    with translation.override(report.language):
        for _ in range(REPEATS):
            parts = {}

            def work(parts=parts):
                started = time.process_time()
                snapshot = module.collect(report)
                parts["collect_cpu"] = time.process_time() - started
                started = time.process_time()
                drawn = module.render(snapshot, io.BytesIO())
                parts["render_cpu"] = time.process_time() - started
                return drawn

            pages, figures = measured(work)
            runs.append({**figures, **parts})
    middle = len(runs) // 2
    median = {key: sorted(run[key] for run in runs)[middle] for key in runs[0]}
    return median, pages


def line(figures):
    return (f"{figures['wall']:6.2f} s wall, {figures['cpu']:5.2f} s CPU, "
            f"{figures['db']:5.2f} s database, {figures['queries']} queries")


def report_figures(label, program, periods, coordinator, institution):
    """The programme report of each of ``periods`` (a locked one, judged on its last day,
    and the running one, judged today) and ``institution``'s report of the running
    period; returns ``{report name: median figures}``."""
    say(f"{label}: {Firm.objects.filter(program=program).count()} firms, "
        f"{Visit.objects.filter(program=program).count()} visits, "
        f"{Task.objects.in_program(program).count()} tasks "
        f"({Task.objects.filter(assigned_institution=institution).count()} of "
        f"{institution.short_name}), {TaskEvent.objects.count()} task events")
    results = {}
    asked = [(Report.Kind.PROGRAMME, period, None) for period in periods]
    asked.append((Report.Kind.INSTITUTION, periods[-1], institution))
    for kind, period, subject in asked:
        # The first issue, as the worker draws it: the protected field-study tables of a
        # day not read before are computed then (and cached for the runs after).
        report, first = measured(functools.partial(
            request_report, program=program, kind=kind, period=period, by=coordinator,
            institution=subject))
        assert report.status == Report.Status.DONE, report.error
        module = programme if kind == Report.Kind.PROGRAMME else institution_report
        figures, pages = time_report(report, module)
        judged = "draft, as of today" if report.draft else f"as of {period.end_date}"
        name = f"{kind} report {period.label}"
        results[name] = figures
        say(f"  {name:34} ({judged}) {line(figures)}, {pages} pages, median of "
            f"{REPEATS}; load average {os.getloadavg()[0]:.1f}")
        say(f"  {'':34} of which collection {figures['collect_cpu']:.2f} s CPU, PDF "
            f"layout {figures['render_cpu']:.2f} s CPU")
        say(f"  {'':34} first issue, cold (the day's protected field-study tables "
            f"computed): {line(first)}")
    return results


def grow_tasks(program, factor):
    """Copy every task of ``program`` ``factor - 1`` times, each copy with the original's
    dated events and updates: the plan's task side at ``factor``× its size."""
    originals = list(Task.objects.in_program(program).order_by("pk"))
    events, updates = {}, {}
    for event in TaskEvent.objects.filter(task__in=originals).order_by("pk"):
        events.setdefault(event.task_id, []).append(event)
    for update in TaskUpdate.objects.filter(task__in=originals).order_by("pk"):
        updates.setdefault(update.task_id, []).append(update)
    for copy_number in range(1, factor):
        copies = [Task(action_id=task.action_id, program_id=task.program_id,
                       code=f"{task.code}-{copy_number}",
                       title_tr=task.title_tr, title_en=task.title_en,
                       assigned_institution_id=task.assigned_institution_id,
                       due_date=task.due_date, status=task.status,
                       blocked_reason=task.blocked_reason,
                       percent_complete=task.percent_complete, decision_id=task.decision_id,
                       status_changed_by_id=task.status_changed_by_id,
                       status_changed_at=task.status_changed_at, created_at=task.created_at)
                  for task in originals]
        Task.objects.bulk_create(copies, batch_size=2000)
        new_events, new_updates = [], []
        for task, copy in zip(originals, copies, strict=True):
            for event in events.get(task.pk, []):
                event.pk, event.task_id = None, copy.pk
                new_events.append(TaskEvent(**{field.attname: getattr(event, field.attname)
                                               for field in TaskEvent._meta.concrete_fields}))
            for update in updates.get(task.pk, []):
                new_updates.append(TaskUpdate(
                    task_id=copy.pk, posted_by_id=update.posted_by_id,
                    posted_at=update.posted_at, text=update.text,
                    percent_complete=update.percent_complete,
                    status_after=update.status_after))
        TaskEvent.objects.bulk_create(new_events, batch_size=2000)
        TaskUpdate.objects.bulk_create(new_updates, batch_size=2000)


def approve_every_visit(program, coordinator):
    """The field study is over: every planned visit approved, the approval dated
    yesterday (an event, as the workflow writes it)."""
    agent = program.memberships.filter(role="agent").values_list("user", flat=True).first()
    Visit.objects.filter(program=program, agent__isnull=True).update(agent=agent)
    pending = list(Visit.objects.filter(program=program).exclude(status=Visit.Status.APPROVED)
                   .values_list("pk", "status"))
    Visit.objects.filter(pk__in=[pk for pk, _status in pending]).update(
        status=Visit.Status.APPROVED, submitted_at=timezone.now(),
        scheduled_date=Coalesce(F("scheduled_date"), Value(datetime.date(2026, 9, 1))))
    yesterday = timezone.now() - datetime.timedelta(days=1)
    VisitEvent.objects.bulk_create(
        [VisitEvent(visit_id=pk, from_status=status, to_status=Visit.Status.APPROVED,
                    by=coordinator, at=yesterday) for pk, status in pending], batch_size=2000)


def bundle_figures(program, period, coordinator, processes):
    """Draw the feedback ZIP of ``period`` with ``processes`` drawing processes; with one,
    its figures as :func:`measured` gives them."""
    firms = visited_firms(program, period).count()
    # Queue the bundle without running it, then run it here while memory is sampled.
    settings.REPORTS_BUNDLE_PROCESSES = processes
    version = Report.objects.filter(kind=Report.Kind.FIRM_FEEDBACK_BUNDLE).count() + 1
    report = Report.objects.create(
        program=program, kind=Report.Kind.FIRM_FEEDBACK_BUNDLE, period=period,
        requested_by=coordinator, version=version, draft=not period.is_locked)
    baseline = rss_mb()
    sampler = MemorySampler()
    sampler.start()
    cpu_before = os.times()
    report, figures = measured(lambda: generate(report.pk))
    seconds = figures["wall"]
    cpu_after = os.times()
    sampler.stop()
    # CPU of this process and of the finished helper processes: what the bundle costs
    # whatever else the machine is running.
    cpu = sum(after - before for after, before in zip(cpu_after[:4], cpu_before[:4],
                                                      strict=True))
    assert report.status == Report.Status.DONE, report.error
    samples = [mb for _at, mb, _helpers in sampler.samples]
    helpers = [mb for _at, _mb, mb in sampler.samples]
    tenth = samples[: max(1, len(samples) // 10)]
    quarters = [max(helpers[len(helpers) * q // 4: max(len(helpers) * (q + 1) // 4, 1)])
                for q in range(4)]
    say(f"  feedback ZIP      {processes} drawing process(es), "
        f"{firms} firms in {seconds:6.1f} s "
        f"({1000 * seconds / firms:.0f} ms per firm), {report.size / 1e6:.1f} MB; "
        f"CPU {cpu:.1f} s ({1000 * cpu / firms:.0f} ms per firm), load average "
        f"{os.getloadavg()[0]:.1f}")
    if processes == 1:
        say(f"  feedback ZIP      {figures['db']:.2f} s database, {figures['queries']} "
            f"queries ({figures['queries'] / firms:.2f} per firm)")
    say(f"  memory            RSS before {baseline:.0f} MB; peak in the first tenth "
        f"{max(tenth):.0f} MB, peak overall {max(samples):.0f} MB "
        f"(growth {max(samples) - max(tenth):+.0f} MB over the last nine tenths)")
    if processes > 1:
        say("  drawing helpers   RSS together, peak per quarter of the run: "
            + ", ".join(f"{mb:.0f} MB" for mb in quarters))
    figures["firms"] = firms
    return figures


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", password="bench-pass-2026", stdout=open(os.devnull, "w"))
    say(f"seed_demo --scale 1: {time.perf_counter() - started:.1f} s ({connection.vendor})")
    analyze()
    program = Program.objects.order_by("pk").first()
    locked = ReportingPeriod.objects.filter(program=program, locked_at__isnull=False).first()
    running = ReportingPeriod.objects.get(program=program, start_date__lte=timezone.localdate(),
                                          end_date__gte=timezone.localdate())
    periods = [locked, running]
    coordinator = get_user_model().objects.get(username="coordinator")
    institution = Institution.objects.get(program=program, short_name="KTO")
    processes = settings.REPORTS_BUNDLE_PROCESSES
    # ``--no-zip``: the PDF reports only (the ZIPs take most of the run's time).
    zips = "--no-zip" not in sys.argv[1:]
    one = report_figures("1×", program, periods, coordinator, institution)
    approve_every_visit(program, coordinator)
    if zips:
        one["feedback ZIP"] = bundle_figures(program, running, coordinator, processes=1)
        bundle_figures(program, running, coordinator, processes=max(2, processes))
    agents = list(program.memberships.filter(role="agent").select_related("user"))
    started = time.perf_counter()
    seed_field_study(program, [m.user for m in agents], scale=10)
    grow_tasks(program, 10)
    say(f"growing to 10×: {time.perf_counter() - started:.1f} s")
    analyze()
    ten = report_figures("10×", program, periods, coordinator, institution)
    if zips:
        approve_every_visit(program, coordinator)
        analyze()
        ten["feedback ZIP"] = bundle_figures(program, running, coordinator, processes=1)
    say("10×/1×:")
    for name, figures in one.items():
        grown = ten[name]
        per_firm = ""
        if "firms" in figures:
            per_firm_ratio = (grown["wall"] / grown["firms"]) / (figures["wall"]
                                                                  / figures["firms"])
            per_firm = (f"; firms {figures['firms']} → {grown['firms']} "
                        f"({grown['firms'] / figures['firms']:.1f}×), per firm "
                        f"{per_firm_ratio:.2f}× time")
        say(f"  {name:34} wall {figures['wall']:.2f} → {grown['wall']:.2f} s "
            f"({grown['wall'] / figures['wall']:.2f}×), CPU {figures['cpu']:.2f} → "
            f"{grown['cpu']:.2f} s ({grown['cpu'] / figures['cpu']:.2f}×), database "
            f"{figures['db']:.2f} → {grown['db']:.2f} s "
            f"({grown['db'] / max(figures['db'], 1e-6):.2f}×), queries "
            f"{figures['queries']} → {grown['queries']}{per_firm}")
        if "render_cpu" in figures:
            say(f"  {'':34} collection {figures['collect_cpu']:.2f} → "
                f"{grown['collect_cpu']:.2f} s CPU, PDF layout {figures['render_cpu']:.2f} → "
                f"{grown['render_cpu']:.2f} s CPU")


if __name__ == "__main__":
    main()

"""Progress report figures: the programme report at 1× and 10× demo data (time, queries,
pages) and the ZIP of every visited firm's feedback report (time and memory).

Run with ``.venv/bin/python -m bench.reports_bench``. Works in a throw-away SQLite database
under a temporary directory unless DATABASE_URL is set. The programme report is timed
from its figures' collection to the finished PDF (median of a few runs); the ZIP is timed
as the worker generates it, while a sampler reads this process's resident memory, so a
bundle that held every PDF in memory would show as RSS growing with the firms written.
"""

import datetime
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
from reports import programme  # noqa: E402
from reports.firm_feedback import visited_firms  # noqa: E402
from reports.generation import generate  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.services import request_report  # noqa: E402
from tracker.models import Program, ReportingPeriod, Task  # noqa: E402

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


def time_programme_report(report):
    """Median seconds, queries and pages of drawing ``report``'s programme PDF."""
    timings, cpu_times, db_times, pages = [], [], [], 0
    with translation.override(report.language):
        for _ in range(REPEATS):
            reset_queries()
            cpu_started = time.process_time()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                snapshot = programme.collect(report)
            pages = programme.render(snapshot, io.BytesIO())
            timings.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
            db_times.append(sum(float(query["time"]) for query in queries.captured_queries))
    middle = len(timings) // 2
    return (sorted(timings)[middle], sorted(cpu_times)[middle], sorted(db_times)[middle],
            len(queries.captured_queries), pages)


def programme_figures(label, program, periods, coordinator):
    """The programme report of each of ``periods`` (a locked one, judged on its last day,
    and the running one, judged today); returns the running one's time and queries."""
    say(f"{label}: {Firm.objects.filter(program=program).count()} firms, "
        f"{Visit.objects.filter(program=program).count()} visits, "
        f"{Task.objects.in_program(program).count()} tasks")
    for period in periods:
        report = request_report(program=program, kind=Report.Kind.PROGRAMME, period=period,
                                by=coordinator)
        assert report.status == Report.Status.DONE, report.error
        seconds, cpu, db, queries, pages = time_programme_report(report)
        judged = "draft, as of today" if report.draft else f"as of {period.end_date}"
        say(f"  programme report {period.label} ({judged})  {seconds:6.2f} s median of "
            f"{REPEATS} ({cpu:.2f} s CPU, {db:.2f} s database), {queries} queries, "
            f"{pages} pages, stored file {report.size / 1024:.0f} KB; load average "
            f"{os.getloadavg()[0]:.1f}")
    return seconds, queries


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
    approve_every_visit(program, coordinator)
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
    started = time.perf_counter()
    report = generate(report.pk)
    seconds = time.perf_counter() - started
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
    say(f"  memory            RSS before {baseline:.0f} MB; peak in the first tenth "
        f"{max(tenth):.0f} MB, peak overall {max(samples):.0f} MB "
        f"(growth {max(samples) - max(tenth):+.0f} MB over the last nine tenths)")
    if processes > 1:
        say("  drawing helpers   RSS together, peak per quarter of the run: "
            + ", ".join(f"{mb:.0f} MB" for mb in quarters))


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
    processes = settings.REPORTS_BUNDLE_PROCESSES
    one_time, one_queries = programme_figures("1×", program, periods, coordinator)
    bundle_figures(program, running, coordinator, processes=1)
    bundle_figures(program, running, coordinator, processes=max(2, processes))
    agents = list(program.memberships.filter(role="agent").select_related("user"))
    started = time.perf_counter()
    seed_field_study(program, [m.user for m in agents], scale=10)
    say(f"growing to 10×: {time.perf_counter() - started:.1f} s")
    analyze()
    ten_time, ten_queries = programme_figures("10×", program, periods, coordinator)
    say(f"programme report 10×/1×: {ten_time / one_time:.2f}× time, "
        f"queries {one_queries} → {ten_queries}")


if __name__ == "__main__":
    main()

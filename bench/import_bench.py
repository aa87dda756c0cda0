"""Firm import figures: rows per second for the dry run and for the write, peak memory,
and the write against a raw ``bulk_create`` of the same rows.

Run with ``.venv/bin/python -m bench.import_bench`` (2,000 and 20,000 rows, each size in
its own process so its peak RSS is its own). Uses a throw-away SQLite database unless
DATABASE_URL is set (then give it a database of its own; the bench deletes its rows).
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = (2_000, 20_000)


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def firm_csv(count):
    from tests.factories import valid_vkn

    lines = ["Vergi kimlik numarası (VKN);Ticari unvan;Sektör (NACE Rev.2);İlçe;"
             "Çalışan sayısı;İhracatçı;Geçen yılki ihracat (USD);Yetkinlikler"]
    districts = ("Kocasinan", "Melikgazi", "Talas", "Hacılar", "İncesu")
    for n in range(1, count + 1):
        lines.append(f"{valid_vkn(n)};Firma {n} San. ve Tic. A.Ş.;25.62;{districts[n % 5]};"
                     f"{10 + n % 400};{'Evet' if n % 3 else 'Hayır'};{n * 10},50;"
                     f"Süreç: CNC işleme | Malzeme: Paslanmaz çelik {n % 7}")
    return "\r\n".join(lines).encode("utf-8-sig")


def run_size(count):
    os.environ.setdefault("TRACKER_VAR_DIR", tempfile.mkdtemp(prefix="import-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_TASKS_BACKEND",
                          "django_tasks.backends.immediate.ImmediateBackend")
    # As in production: with debug on, Django keeps every query's SQL in memory.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_SECRET_KEY", "import-bench-only")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from fieldvisits.models import Capability, Firm
    from fieldvisits.resources import FirmResource
    from tests.factories import ProgramFactory, UserFactory
    from tracker.importing import runs

    call_command("migrate", verbosity=0)
    settings.STORAGES = {**settings.STORAGES, "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="import-bench-files-")}}}
    program = ProgramFactory(slug=f"bench-{os.getpid()}")
    user = UserFactory(username=f"bench-{os.getpid()}", is_superuser=True)
    content = firm_csv(count)
    try:
        started = time.perf_counter()
        run = runs.start_import(resource_class=FirmResource, program=program, user=user,
                                upload=SimpleUploadedFile("firms.csv", content))
        dry = time.perf_counter() - started
        assert run.status == "previewed", (run.status, run.message, run.errors[:3])
        started = time.perf_counter()
        run = runs.confirm_import(run_id=run.pk, user=user)
        write = time.perf_counter() - started
        assert (run.status, run.new_count) == ("done", count), run.message
        # Peak memory of the import itself, before the comparison loads rows of its own.
        import_peak = peak_rss_mb()
        rows = [(f.tax_number, f.trade_name, f.nace_code, f.district, f.employees,
                 f.is_exporter, f.export_value_usd, f.trade_name_folded)
                for f in Firm.objects.filter(program=program).order_by("pk")]
        capabilities = list(Capability.objects.filter(firm__program=program).order_by(
            "firm_id").values_list("kind", "name", "name_folded"))
        Capability.objects.filter(firm__program=program).delete()
        Firm.objects.filter(program=program).delete()
        started = time.perf_counter()
        firms = Firm.objects.bulk_create([
            Firm(program=program, tax_number=t, trade_name=n, nace_code=c, district=d,
                 employees=e, is_exporter=x, export_value_usd=v, trade_name_folded=fo)
            for t, n, c, d, e, x, v, fo in rows], batch_size=1000)
        Capability.objects.bulk_create([
            Capability(firm=firms[index // 2], kind=kind, name=name, name_folded=folded)
            for index, (kind, name, folded) in enumerate(capabilities)], batch_size=1000)
        raw = time.perf_counter() - started
    finally:
        Capability.objects.filter(firm__program=program).delete()
        Firm.objects.filter(program=program).delete()
    say(f"{connection.vendor:<10} {count:>7,} rows  dry run {dry:6.2f} s "
        f"({count / dry:7,.0f} rows/s)  write {write:6.2f} s ({count / write:7,.0f} rows/s)  "
        f"raw bulk_create {raw:5.2f} s  write/raw {write / raw:4.1f}×  "
        f"peak RSS of the import {import_peak:6.1f} MB")


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--rows":
        run_size(int(sys.argv[2]))
        return
    say("firm import (2 capabilities per firm): dry run, write (with a history entry per "
        "firm), then the same firms and capabilities through a raw bulk_create")
    for count in SIZES:
        result = subprocess.run([sys.executable, "-m", "bench.import_bench", "--rows",
                                 str(count)])
        if result.returncode:
            sys.exit(result.returncode)


if __name__ == "__main__":
    main()

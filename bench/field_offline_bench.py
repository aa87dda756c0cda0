"""The offline field app on a phone: bytes of the first load, bytes of an online
navigation once the visits are kept, time to open a kept visit without a network, and time
to queue a 12 MP camera photo.

Run with ``.venv/bin/python -m bench.field_offline_bench [--visits 10 40] [--port 8076]``.
For each size, a throw-away SQLite database gets one agent with that many visits due in the
coming days; the site runs under Django's development server on 127.0.0.1, wrapped in a
counter of the bytes it sends, and headless Chromium (360×740) logs in, lets the service
worker keep the visits, navigates online again (nothing changed), goes offline, opens each
kept visit's questionnaire and queues a 12 MP photo. First-load bytes are what a compressing
server sends (gzip level 6 of every response body), counted once per address, as a cold
browser fetches them; navigation bytes are counted on the wire (headers and bodies as sent).
"""

import argparse
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-2026"
BUDGET_BYTES = 150 * 1024
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def seed(visits):
    """One programme, one agent with ``visits`` visits due over the coming days."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from tests.factories import UserFactory, VisitFactory, member, questionnaire_version
    from tracker.access import Role
    from tracker.models import Program
    from tracker.roles import sync_role_groups

    call_command("migrate", verbosity=0)
    sync_role_groups()
    program = Program.objects.create(name="Kayseri İhracatta Dönüşüm", slug="kayseri",
                                     province="Kayseri", start_date=datetime.date(2026, 1, 1),
                                     end_date=datetime.date(2028, 12, 31))
    agent = member(program, Role.AGENT, "saha1")
    agent.set_password(PASSWORD)
    agent.save()
    UserFactory(username="unused")
    questionnaire_version(program)
    today = timezone.localdate()
    for index in range(visits):
        VisitFactory(program=program, agent=agent,
                     scheduled_date=today + datetime.timedelta(days=index % 10))


def gzip_size(body):
    return len(gzip.compress(body, compresslevel=6))


def wait_for_server(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the site did not start at {url}")


def measure(base, visits_expected):
    """A cold phone: every address fetched from the first request to "offline ready"."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base,
                                      locale="tr-TR")
        fetched = []
        context.on("request", lambda r: fetched.append(r.url)
                   if r.method == "GET" and r.url.startswith(base) else None)
        page = context.new_page()
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto("/field/")
        page.fill("input[name=username]", "saha1")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("#main button[type=submit]")
        # The field pages' CSP forbids eval, which wait_for_function needs: wait on selectors.
        try:
            page.locator("html[data-offline-ready='1']").wait_for(state="attached",
                                                                 timeout=120_000)
        except Exception:
            sys.exit(f"not ready offline at {page.url}: {problems}")
        kept = int(page.evaluate("document.documentElement.dataset.visitsKept || 0"))
        config = page.evaluate(
            "fetch('/field/sw.js').then(r => r.text()).then(t => "
            "JSON.parse(t.match(/var CONFIG = (.*);/)[1]))")
        bundle = context.request.get(base + "/field/offline.json").json()
        kept_pages = {base + page["url"] for page in bundle["pages"]} - {base + "/field/"}
        # The worker's own fetches are not always reported: its list is added here.
        addresses = dict.fromkeys(
            [*fetched, base + "/field/sw.js", *(base + path for path in config["shell"]),
             *kept_pages])
        sizes = {"app": {}, "kept": {}}
        for url in addresses:
            response = context.request.get(url, max_redirects=0)
            if response.status != 200:
                continue
            sizes["kept" if url in kept_pages else "app"][url] = gzip_size(response.body())

        # Online again with nothing changed: what one navigation costs on the wire.
        navigations = []
        for path in ("/field/", f"/field/visits/{bundle['visits'][0]['id']}/"):
            urllib.request.urlopen(base + "/__bench_bytes?reset=1")
            page.goto(path)
            page.locator("html[data-offline-ready='1']").wait_for(state="attached",
                                                                 timeout=120_000)
            page.wait_for_load_state("networkidle")
            counted = json.loads(urllib.request.urlopen(base + "/__bench_bytes").read())
            fetched_pages = int(page.evaluate("document.documentElement.dataset.pagesFetched"
                                              " || 0"))
            navigations.append((path, counted, fetched_pages))

        context.set_offline(True)
        renders = []
        for visit in bundle["visits"]:
            page.goto(f"/field/visits/{visit['id']}/form/")
            page.locator("html[data-form-ready]").wait_for(state="attached")
            renders.append(float(page.evaluate("document.documentElement.dataset.formReady")))
        photo = camera_photo()
        page.set_input_files("#id_file", files=[{"name": "hall.jpg", "mimeType": "image/jpeg",
                                                 "buffer": photo}])
        page.locator("html[data-photo-queue-ms]").wait_for(state="attached", timeout=120_000)
        queued = float(page.evaluate("document.documentElement.dataset.photoQueueMs"))
        sizes_queued = page.evaluate("FieldStore.items().then(items => items.filter("
                                     "i => i.kind === 'photo').map(i => i.size))")
        browser.close()
    return {**sizes, "kept_count": kept, "renders": renders, "expected": visits_expected,
            "navigations": navigations,
            "photo": {"bytes_in": len(photo), "ms": queued, "bytes_queued": sizes_queued}}


def camera_photo():
    """A 12 MP (4000×3000) JPEG with a camera's orientation tag."""
    from PIL import Image

    image = Image.effect_noise((500, 375), 40).convert("RGB").resize((4000, 3000))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def report(result):
    def kb(n):
        return f"{n / 1024:6.1f} KB"

    app_bytes = sum(result["app"].values())
    kept_bytes = sum(result["kept"].values())
    out = sys.stdout
    out.write(f"visits assigned {result['expected']:3d}, kept on the phone "
              f"{result['kept_count']:3d}\n")
    out.write(f"  first load of /field/ (login, home, styles, scripts, worker, icons) "
              f"{kb(app_bytes)} gzip in {len(result['app'])} files: "
              f"{'within' if app_bytes <= BUDGET_BYTES else 'OVER'} the 150 KB budget\n")
    largest = sorted(result["app"].items(), key=lambda item: -item[1])[:4]
    out.write("    largest: " + ", ".join(f"{url.split('/', 3)[-1]} {n / 1024:.1f} KB"
                                          for url, n in largest) + "\n")
    out.write(f"  + pages of the kept visits, fetched after the first paint "
              f"{kb(kept_bytes)} gzip in {len(result['kept'])} pages\n")
    for path, counted, fetched_pages in result["navigations"]:
        out.write(f"  online navigation to {path} with every kept page unchanged: "
                  f"{kb(counted['bytes'])} on the wire in {counted['responses']} responses "
                  f"({fetched_pages} kept pages fetched again; goal ≤ 20 KB)\n")
    renders = result["renders"]
    if renders:
        out.write(f"  offline open of a kept visit: median {statistics.median(renders):6.1f} ms, "
                  f"max {max(renders):6.1f} ms over {len(renders)} visits "
                  f"(navigation start to answers in place)\n")
    photo = result["photo"]
    out.write(f"  12 MP photo ({photo['bytes_in'] / 1048576:.1f} MB) resized, sealed and queued "
              f"offline in {photo['ms']:.0f} ms; queued size "
              f"{', '.join(f'{n / 1024:.0f} KB' for n in photo['bytes_queued'])}\n")


def run_one(visits, port):
    var = tempfile.mkdtemp(prefix=f"bench-field-{visits}-")
    env = {**os.environ, "TRACKER_VAR_DIR": var, "DJANGO_DEBUG": "1",
           "DJANGO_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    seed(visits)
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.field_offline_bench", "--serve", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_server(base + "/field/login/")
        report(measure(base, visits))
    finally:
        server.terminate()
        server.wait(timeout=20)


class CountingApp:
    """The site, counting the bytes it sends (status line, headers, body);
    ``/__bench_bytes`` reads the count, ``?reset=1`` starts it over."""

    def __init__(self, app):
        self.app = app
        self.bytes = 0
        self.responses = 0

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] == "/__bench_bytes":
            if "reset" in environ.get("QUERY_STRING", ""):
                self.bytes = self.responses = 0
            body = json.dumps({"bytes": self.bytes, "responses": self.responses}).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        return self.counted(environ, start_response)

    def counted(self, environ, start_response):
        def counting_start(status, headers, exc_info=None):
            self.responses += 1
            self.bytes += len(status) + 11 + sum(len(k) + len(v) + 4 for k, v in headers)
            return start_response(status, headers, exc_info)

        for chunk in self.app(environ, counting_start):
            self.bytes += len(chunk)
            yield chunk


def serve(port):
    import django
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    app = CountingApp(StaticFilesHandler(get_wsgi_application()))
    run("127.0.0.1", port, app, threading=True, server_cls=WSGIServer)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, nargs="+", default=[10, 40])
    parser.add_argument("--port", type=int, default=8076)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    if args.one:
        run_one(args.one, args.port)
        return
    for visits in args.visits:
        # Each size in its own process: a fresh Django set-up on a fresh database.
        subprocess.run([sys.executable, "-m", "bench.field_offline_bench", "--one", str(visits),
                        "--port", str(args.port)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()

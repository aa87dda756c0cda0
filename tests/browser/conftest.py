"""Playwright in Debian's Chromium against pytest-django's live server.

The tests run Chromium headless. Debian builds the same Chromium (one source package, one
version) both as the full browser (`chromium`, whose ``--headless`` starts the whole
desktop browser without a window) and as the headless shell (`chromium-headless-shell`,
the build Playwright itself runs headless tests in: the same Blink and V8, without the
desktop browser's profile services). The shell is used where it is installed: the same 33
browser tests took 127 s of the machine's CPU with the full browser and 79 s with the
shell (Chromium's own processes 92 → 47 s). ``CHROMIUM_PATH`` names another binary.

Without either the browser tests skip with a reason; with REQUIRE_BROWSER_TESTS=1 (set by
.ci/run) a missing browser fails them instead.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.migration_rows import restore_migration_rows

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_missing_reason():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def chromium_browser():
    reason = _chromium_missing_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open_page(browser, live_server, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=live_server.url, locale="tr-TR"
    )
    return context, context.new_page()


@pytest.fixture
def phone_page(chromium_browser, live_server):
    """A 360×740 phone-sized page whose relative URLs resolve against the live server."""
    context, page = _open_page(chromium_browser, live_server, 360, 740)
    yield page
    context.close()


@pytest.fixture
def phone_without_worker(chromium_browser, live_server):
    """A phone whose requests the test can intercept: the service worker is kept out of
    the way, the outbox (IndexedDB) works as everywhere."""
    context = chromium_browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url, locale="tr-TR",
        service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop_page(chromium_browser, live_server):
    context, page = _open_page(chromium_browser, live_server, 1280, 900)
    yield page
    context.close()


def log_in(page, username, password, next_url="/admin/"):
    """Log in through Wagtail's login form, as a person would; returns once the page it
    leads to has loaded."""
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def load_axe(context):
    """axe-core (bundled with axe-playwright-python) in every page ``context`` loads from
    now on. Its 570 KB reach the browser once, where ``Axe().run`` sends them through
    Playwright's pipe again for every page it checks."""
    from axe_playwright_python.sync_playwright import Axe

    context.add_init_script(script=Axe().axe_script)


def axe_violations(page):
    """axe-core's violations on ``page`` (loaded by ``load_axe``), run as ``Axe().run`` runs
    it: the whole document, violations only."""
    return page.evaluate("axe.run({\"resultTypes\": [\"violations\"]})"
                         ".then(results => results.violations)")


def keep_screenshot(page, name, full_page=True):
    """A picture of the page for a person to look at, saved as ``name`` under
    ``TRACKER_SCREENSHOT_DIR`` when that is set. No test reads them, and each costs the
    browser a full-page render, so a run without the variable takes none."""
    folder = os.environ.get("TRACKER_SCREENSHOT_DIR")
    if not folder:
        return
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)


@pytest.fixture(autouse=True)
def wagtail_tree(request):
    """Wagtail's root page and collection, as its migrations create them.

    A transactional test ends by flushing every table, these rows included, so the
    browser test that runs after it would find no page tree to build the site on.
    """
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    restore_migration_rows()


_connections = {"open": 0}
_connections_lock = threading.Lock()


def _count_connections(server):
    """Count the live server's connections being handled (each in a thread of its own)."""
    if getattr(server, "counts_connections", False):
        return
    handle = server.process_request_thread

    def counted(request, client_address):
        with _connections_lock:
            _connections["open"] += 1
        try:
            handle(request, client_address)
        finally:
            with _connections_lock:
                _connections["open"] -= 1

    server.process_request_thread = counted
    server.counts_connections = True


@pytest.fixture(autouse=True)
def no_request_left_running(request, wagtail_tree):
    """The test's browser contexts are closed (they are torn down before this fixture);
    wait until the live server has finished what they asked (a service worker's refresh of
    its kept pages, an outbox run) before the database is emptied. On PostgreSQL a
    request still reading while the flush truncates the tables deadlocks the flush, and
    the next test finds the rows of this one."""
    if "live_server" not in request.fixturenames:
        yield
        return
    _count_connections(request.getfixturevalue("live_server").thread.httpd)
    yield
    deadline = time.monotonic() + 30
    while _connections["open"] and time.monotonic() < deadline:
        time.sleep(0.02)


def in_turkish(text, **params):
    """``text`` as the browser (locale tr-TR) shows it: the site speaks Turkish by default."""
    from django.utils import translation

    with translation.override("tr"):
        shown = translation.gettext(text)
    return shown % params if params else shown

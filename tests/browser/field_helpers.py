"""Steps the field-app browser tests share: logging in, waiting for the phone's states.

The field pages run under a Content-Security-Policy without 'unsafe-eval', which
Playwright's ``wait_for_function`` needs; waits here use CSS selectors on the data
attributes the scripts set, or poll with ``evaluate``, which the policy does not govern.
"""

import time

from tests.access import PASSWORD


def wait_for_js(page, expression, arg=None, timeout=30_000):
    """Poll ``expression`` (evaluated with ``arg``) until it is truthy."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(expression, arg):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} ms waiting for: {expression}")
        page.wait_for_timeout(25)


def field_log_in(page, username):
    # Leaving the page first stops its scripts: a request still on its way after the
    # cookies are cleared would be answered with a fresh CSRF cookie.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto("/field/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#main button[type=submit]")
    page.wait_for_url("**/field/")


def wait_until_offline_ready(page):
    """The service worker runs and the agent's visits are kept on the phone."""
    page.locator("html[data-offline-ready='1']").wait_for(state="attached")


def wait_for_form(page):
    page.locator("html[data-form-ready]").wait_for(state="attached")


def outbox_counts(page):
    return page.eval_on_selector(
        "#outbox", "p => [Number(p.dataset.waiting), Number(p.dataset.sent), "
                   "Number(p.dataset.refused)]")


def wait_for_outbox(page, *, waiting, sent, refused=0, timeout=60_000):
    page.locator(f"#outbox[data-waiting='{waiting}'][data-sent='{sent}']"
                 f"[data-refused='{refused}']").wait_for(state="attached", timeout=timeout)

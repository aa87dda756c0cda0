"""Steps the field-app browser tests share: logging in, waiting for the phone's states."""

from tests.access import PASSWORD


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
    page.wait_for_function("document.documentElement.dataset.offlineReady === '1'")


def wait_for_form(page):
    page.wait_for_function("document.documentElement.dataset.formReady !== undefined")


def outbox_counts(page):
    return page.eval_on_selector(
        "#outbox", "p => [Number(p.dataset.waiting), Number(p.dataset.sent), "
                   "Number(p.dataset.refused)]")


def wait_for_outbox(page, *, waiting, sent, refused=0, timeout=60_000):
    page.wait_for_function(
        "([w, s, r]) => { const p = document.getElementById('outbox');"
        " return p && p.dataset.waiting === String(w) && p.dataset.sent === String(s)"
        " && p.dataset.refused === String(r); }",
        arg=[waiting, sent, refused], timeout=timeout)

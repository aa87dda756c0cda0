"""Every public page at phone width: no horizontal scroll, tap targets of 44 px, a skip
link and landmarks, and no serious or critical axe-core violation (axe-core 4.12.1,
bundled with axe-playwright-python)."""

import pytest

from tests.browser.conftest import axe_violations, load_axe
from tests.cms.helpers import build_programme
from tests.transactional_reset import rows_kept_for_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Not pages a reader browses: the admin, files, the field app, and the open-data API's JSON
# and CSV downloads (checked by tests/cms/test_open_data_api.py).
SKIPPED = ("/admin/", "/static/", "/media/", "/documents/", "/field/", "/i18n/",
           "/reports/", "/api/")
# Controls a finger must hit: everything but links inside running text.
CONTROLS = ("header a, nav a, button, select, input, .button-link, .card a, .action-title a, "
            ".breadcrumb a, .site-footer a")


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A programme's public site with a published report, built once for a module whose
    tests only read it (tests/transactional_reset.rows_kept_for_module); its report files
    in a folder of the module's own."""
    from django.conf import settings
    from django.test import override_settings

    from tests.conftest import make_personas, make_role_groups
    from tests.object_storage import local_storages

    def build():
        from cms.demo import seed_public_site
        from reports.models import Report
        from reports.services import request_report
        from tracker.access import Role

        role_groups = make_role_groups()
        personas = make_personas()
        built = build_programme(personas.program, coordinator=personas.coordinator,
                                institutions=(personas.kto, personas.other_institution))
        home = seed_public_site(personas.program, role_groups[Role.EDITOR])
        # A published report, so the reports library and the home page show one.
        request_report(program=personas.program, kind=Report.Kind.PROGRAMME,
                       period=built.locked_period, by=personas.coordinator).publish(
            by=personas.coordinator)
        return home

    storages = local_storages(settings.STORAGES, "reports", tmp_path_factory.mktemp("reports"))
    with override_settings(STORAGES=storages), \
            rows_kept_for_module(django_db_blocker, build) as home:
        yield home


def _public_links(page):
    hrefs = page.eval_on_selector_all("a[href^='/']",
                                      "links => links.map(a => a.getAttribute('href'))")
    return {href for href in hrefs if not href.startswith(SKIPPED) and "?" not in href
            and not href.endswith(("/csv/", ".csv"))}


def _check(page, url):
    problems = []
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport:
        problems.append(f"{url}: scrolls sideways ({width} px > {viewport} px)")
    small = page.eval_on_selector_all(
        CONTROLS, """els => els.filter(e => e.offsetParent !== null)
            .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
            .filter(([html, height]) => height < 44)""")
    problems += [f"{url}: tap target {height:.0f} px high: {html}" for html, height in small]
    for selector in ("a.skip-link[href='#main']", "header", "main#main", "nav", "footer", "h1"):
        if page.locator(selector).count() == 0:
            problems.append(f"{url}: no {selector}")
    violations = axe_violations(page)
    problems += [f"{url}: axe {v['impact']} {v['id']}: {v['nodes'][0]['html'][:120]}"
                 for v in violations if v["impact"] in ("serious", "critical")]
    return problems


def test_every_public_page_passes_at_phone_width(phone_page, public_site):
    load_axe(phone_page.context)
    seen, queue, problems = set(), ["/tr/", "/en/", "/tr/search/?q=ihracat"], []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        problems += _check(phone_page, url)
        queue += sorted(_public_links(phone_page) - seen)
    assert len(seen) > 30
    assert {"/tr/raporlar/", "/en/reports/"} <= seen
    assert not problems, "\n".join(problems)


def test_each_page_type_fits_a_desktop_screen(desktop_page, public_site):
    from tests.cms.pages import PAGE_TYPES, url_of

    load_axe(desktop_page.context)
    problems = []
    for page_class in PAGE_TYPES:
        problems += _check(desktop_page, url_of(page_class, "en"))
    assert not problems, "\n".join(problems)


def test_keyboard_focus_is_visible_and_the_skip_link_leads_to_the_content(
        phone_page, public_site):
    phone_page.goto("/tr/")
    phone_page.keyboard.press("Tab")
    skip = phone_page.locator("a.skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("location.hash") == "#main"

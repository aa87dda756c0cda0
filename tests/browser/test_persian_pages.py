"""The Persian public site in Chromium at phone and desktop width: mirrored (the brand at
the right, text starting at the right), nothing overlapping or scrolling sideways, Persian
digits, and no serious or critical axe-core violation (axe-core 4.12.1).

With ``TRACKER_SCREENSHOT_DIR`` set, screenshots of the home, roadmap and action plan
pages are kept there for a person to look at."""

import os

import pytest

from tests.browser.conftest import axe_violations, keep_screenshot, load_axe
from tests.browser.test_public_accessibility import public_site  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)
# Regions of the page furniture that must never cover one another.
FURNITURE = (".brand", "nav.lang", "nav.main-nav", "main h1")


def _persian_urls():
    from cms.models import ActionPlanPage, HomePage, RoadmapPage
    from tests.cms.pages import PAGE_TYPES, url_of

    named = {"home": url_of(HomePage, "fa"), "roadmap": url_of(RoadmapPage, "fa"),
             "plan": url_of(ActionPlanPage, "fa")}
    return named, [url_of(page_class, "fa") for page_class in PAGE_TYPES]


def _overlaps(page):
    boxes = []
    for selector in FURNITURE:
        box = page.locator(selector).first.bounding_box()
        if box:
            boxes.append((selector, box))
    found = []
    for index, (first, a) in enumerate(boxes):
        for second, b in boxes[index + 1:]:
            if (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                    and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]):
                found.append(f"{first} overlaps {second}")
    return found


def _check(page, url):
    problems = []
    page.goto(url)
    viewport = page.viewport_size["width"]
    if page.evaluate("document.documentElement.dir") != "rtl":
        problems.append(f"{url}: not right to left")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > viewport:
        problems.append(f"{url}: scrolls sideways ({width} px > {viewport} px)")
    brand = page.locator(".brand").bounding_box()
    if brand["x"] + brand["width"] < viewport * 0.5:
        problems.append(f"{url}: the brand sits at the left, the layout is not mirrored")
    heading = page.locator("main h1")
    if heading.evaluate("e => getComputedStyle(e).direction") != "rtl":
        problems.append(f"{url}: the heading is not set right to left")
    problems += [f"{url}: {overlap}" for overlap in _overlaps(page)]
    violations = axe_violations(page)
    problems += [f"{url}: axe {v['impact']} {v['id']}: {v['nodes'][0]['html'][:120]}"
                 for v in violations if v["impact"] in ("serious", "critical")]
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_persian_page_type_is_mirrored_and_passes_axe(chromium_browser, live_server,
                                                            public_site, width):  # noqa: F811
    context = chromium_browser.new_context(viewport={"width": width, "height": 900},
                                           base_url=live_server.url, locale="fa-IR")
    load_axe(context)
    page = context.new_page()
    named, urls = _persian_urls()
    problems = []
    for url in urls:
        problems += _check(page, url)
    if os.environ.get("TRACKER_SCREENSHOT_DIR"):
        for name, url in named.items():
            page.goto(url)
            keep_screenshot(page, f"fa/{name}-{width}.png")
    page.goto(named["home"])
    main_text = page.locator("main").inner_text()
    context.close()
    assert any("۰" <= character <= "۹" for character in main_text)
    assert not problems, "\n".join(problems)

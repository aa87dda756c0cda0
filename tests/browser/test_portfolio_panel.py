"""The ministry's coordinator compares six provinces on one 1280 × 900 screen."""

import pytest

from tests.access import PASSWORD, national_coordinator
from tests.browser.conftest import log_in
from tests.portfolio.conftest import make_programmes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_six_provinces_fit_on_one_screen(desktop_page, role_groups):
    national_coordinator()
    make_programmes(6)
    page = desktop_page

    log_in(page, "national", PASSWORD)
    page.wait_for_selector(".pf-table tbody tr[data-programme]")
    rows = page.locator(".pf-table tbody tr[data-programme]")
    assert rows.count() == 6
    scroll = page.evaluate("() => { const box = document.querySelector('.pf-scroll');"
                           " return [box.scrollWidth, box.clientWidth]; }")
    assert scroll[0] <= scroll[1], f"the table is wider than the panel: {scroll}"
    for index in range(6):
        box = rows.nth(index).bounding_box()
        assert box["y"] + box["height"] <= 900, f"row {index + 1} ends below the screen"
    assert "Kayseri" in rows.nth(3).inner_text()

"""A coordinator adds a member firm to a cluster in the admin's edit form, whose firm
select is sent once (its script template carries no options)."""

import pytest
from django.urls import reverse

from clusters.models import Cluster
from tests.browser.conftest import log_in
from tests.clusters.factories import ClusterFactory
from tests.conftest import PASSWORD
from tests.factories import FirmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_firm_chosen_in_the_edit_form_is_saved(desktop_page, personas):
    cluster = ClusterFactory(program=personas.program, name="Mobilya Kümesi")
    FirmFactory(program=personas.program, trade_name="Alfa Mobilya")
    chosen = FirmFactory(program=personas.program, trade_name="Beta Ahşap")
    page = desktop_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, "coordinator", PASSWORD)
    page.goto(reverse("clusters:edit", args=[cluster.pk]))
    members = page.locator("select[name='members']")
    # The page's script fills the select from the one list the page carries.
    members.locator("option").nth(1).wait_for(state="attached")
    assert members.locator("option").all_inner_texts() == ["Alfa Mobilya", "Beta Ahşap"]
    members.select_option(str(chosen.pk))
    with page.expect_navigation():
        page.locator("nav.actions--primary button[type=submit]").first.click()

    assert errors == []
    assert list(Cluster.objects.get(pk=cluster.pk).members.values_list(
        "trade_name", flat=True)) == ["Beta Ahşap"]

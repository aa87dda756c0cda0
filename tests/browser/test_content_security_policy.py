"""The admin, the field app and the public site work under the Content-Security-Policy:
walking their pages in Chromium logs no policy violation."""

import datetime

import pytest
from django.urls import reverse

from cms.demo import seed_public_site
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.factories import (
    ActionFactory,
    GoalFactory,
    PlanVersionFactory,
    TaskFactory,
    VisitFactory,
    questionnaire_version,
)
from tracker.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_while(page, walk):
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    walk()
    return found


def test_admin_pages_raise_no_violation(desktop_page, personas):
    task = TaskFactory(action=ActionFactory(goal=GoalFactory(
        pillar__plan=PlanVersionFactory(program=personas.program)), lead=personas.kto))
    page = desktop_page

    def walk():
        log_in(page, "coordinator", PASSWORD)
        page.wait_for_load_state("networkidle")
        for url in (reverse("tasks:index"), reverse("tasks:edit", args=[task.pk]),
                    reverse("tasks:post_update", args=[task.pk]),
                    reverse("wagtailadmin_reports:site_history")):
            page.goto(url)
            page.wait_for_load_state("networkidle")

    assert violations_while(page, walk) == []


def test_field_pages_raise_no_violation(phone_page, personas):
    version = questionnaire_version(personas.program)
    visit = VisitFactory(program=personas.program, agent=personas.agent1,
                         scheduled_date=datetime.date(2026, 10, 1))
    visit.start(by=personas.agent1, version=version)
    page = phone_page

    def walk():
        page.goto("/field/login/")
        page.fill("input[name=username]", "agent1")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        for url in (f"/field/visits/{visit.pk}/", f"/field/visits/{visit.pk}/form/"):
            page.goto(url)
            page.wait_for_load_state("networkidle")

    assert violations_while(page, walk) == []


def test_public_pages_raise_no_violation(phone_page, personas, role_groups):
    seed_public_site(personas.program, role_groups[Role.EDITOR])
    page = phone_page

    def walk():
        for url in ("/tr/", "/en/", "/tr/no-such-page/"):
            page.goto(url)
            page.wait_for_load_state("networkidle")

    assert violations_while(page, walk) == []

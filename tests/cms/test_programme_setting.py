"""Editors write the pages; only a coordinator chooses which programme they read."""

import pytest

from cms.models import HomePage
from tests.cms.pages import page_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_personas_site")]


def _edit_form_fields(client, user, page):
    client.force_login(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return set(response.context["form"].fields)


def test_an_editor_cannot_change_the_programme_of_the_site(client, fresh_site, personas):
    fields = _edit_form_fields(client, personas.editor, page_of(HomePage, "tr"))
    assert "intro" in fields
    assert "program" not in fields
    assert "headline_indicator" not in fields


def test_a_superuser_sets_the_programme(client, fresh_site, personas):
    fields = _edit_form_fields(client, personas.superuser, page_of(HomePage, "en"))
    assert {"program", "headline_indicator"} <= fields


def test_setting_the_programme_on_one_language_sets_it_on_the_other(fresh_site, personas):
    home = page_of(HomePage, "en").specific
    home.program = personas.other_program
    home.headline_indicator = None
    home.save()
    assert page_of(HomePage, "tr").specific.program_id == personas.other_program.pk

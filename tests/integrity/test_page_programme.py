"""The communications editor cannot change which programme a public page reads."""

import pytest

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def page_form(user):
    form_class = HomePage.get_edit_handler().get_form_class()
    return form_class(instance=HomePage(title="Ana sayfa"), for_user=user)


def test_the_editor_gets_no_programme_field(personas):
    assert "program" not in page_form(personas.editor).fields
    assert "intro" in page_form(personas.editor).fields


def test_a_coordinator_chooses_the_programme(personas):
    assert "program" in page_form(personas.coordinator).fields

"""A programme names its country; programmes in rials were Iran's before the field
existed."""

from importlib import import_module

import pytest
from django.apps import apps

from tests.factories import ProgramFactory
from tracker.models import Program

pytestmark = pytest.mark.django_db


def test_a_new_programme_is_in_turkiye():
    assert ProgramFactory().country == Program.Country.TR


def test_the_migration_puts_rial_programmes_in_iran():
    migration = import_module("tracker.migrations.0020_program_country")
    qom = ProgramFactory(currency="IRR")
    kayseri = ProgramFactory(currency="TRY")
    migration.rial_programmes_run_in_iran(apps, None)
    qom.refresh_from_db()
    kayseri.refresh_from_db()
    assert (qom.country, kayseri.country) == ("IR", "TR")

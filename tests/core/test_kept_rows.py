"""Rows kept for the worker (tests/scoped_data.py, ``rows_for_scope``'s ``kept_as``): a
later scope gets the first build's rows and its own copy of the result without building
again, and builds again when it starts from other rows."""

import pytest

from tests.factories import ProgramFactory
from tests.scoped_data import rows_for_scope
from tracker.models import Program

# Each scope is a savepoint inside the test's own transaction, as a module's would be
# inside the worker's database.
pytestmark = pytest.mark.django_db


def _programmes(django_db_blocker):
    with django_db_blocker.unblock():
        return sorted(Program.objects.values_list("pk", "slug", "name_tr"))


def test_a_later_scope_gets_the_rows_without_building(django_db_setup, django_db_blocker):
    builds = []

    def build():
        builds.append("built")
        return ProgramFactory(name="Kept rows", slug="kept-rows")

    with rows_for_scope(django_db_blocker, build, kept_as="test: a later scope") as first:
        built = _programmes(django_db_blocker)
    assert not any(slug == "kept-rows" for _pk, slug, _name in _programmes(django_db_blocker))
    with rows_for_scope(django_db_blocker, build, kept_as="test: a later scope") as second:
        written_back = _programmes(django_db_blocker)
    assert builds == ["built"]
    assert written_back == built and (first.pk, first.slug) in [row[:2] for row in built]
    assert second is not first and (second.pk, second.name_tr) == (first.pk, first.name_tr)
    assert _programmes(django_db_blocker) == [row for row in built if row[1] != "kept-rows"]


def test_a_scope_starting_from_other_rows_builds_again(django_db_setup, django_db_blocker):
    builds = []

    def build():
        builds.append("built")
        return ProgramFactory(name="Kept rows", slug="kept-rows-again")

    with rows_for_scope(django_db_blocker, build, kept_as="test: other rows"):
        pass
    with rows_for_scope(django_db_blocker,
                        lambda: ProgramFactory(name="Other", slug="other-rows")), \
            rows_for_scope(django_db_blocker, build, kept_as="test: other rows"):
        slugs = {slug for _pk, slug, _name in _programmes(django_db_blocker)}
    assert builds == ["built", "built"]
    assert {"other-rows", "kept-rows-again"} <= slugs


def test_row_counts_come_in_the_order_of_the_names_even_when_counted_in_parallel(
        django_db_setup, django_db_blocker):
    """A later scope compares the counts with the first build's, table by table: in any
    other order it would never find them equal (on PostgreSQL a UNION ALL of counts came
    back in the order its parallel workers finished)."""
    from django.db import connection

    from tests.scoped_data import _row_counts

    ProgramFactory(name="Counted", slug="counted")
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        names = connection.introspection.table_names()
        one_by_one = []
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            one_by_one.append(cursor.fetchone()[0])
        if connection.vendor == "postgresql":
            # Costs that make the planner count the tables in parallel where it can.
            for setting in ("parallel_setup_cost", "parallel_tuple_cost",
                            "min_parallel_table_scan_size"):
                cursor.execute(f"SET LOCAL {setting} = 0")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 4")
        assert _row_counts(names) == one_by_one
        assert any(one_by_one)


def test_a_scope_starting_from_as_many_rows_under_other_ids_builds_again(
        django_db_setup, django_db_blocker):
    """After a test that ended with Django's flush, the permissions come back as many as
    before under other ids: rows written back onto them would name ids that are gone."""
    from django.contrib.auth.models import Permission

    builds = []

    def build():
        builds.append("built")
        return ProgramFactory(name="Kept rows", slug="kept-rows-other-ids")

    def give_a_permission_another_id():
        first = Permission.objects.filter(group=None, user=None).order_by("pk").first().pk
        Permission.objects.filter(pk=first).update(id=first + 100_000)

    with rows_for_scope(django_db_blocker, build, kept_as="test: other ids"):
        pass
    with rows_for_scope(django_db_blocker, give_a_permission_another_id), \
            rows_for_scope(django_db_blocker, build, kept_as="test: other ids"):
        pass
    assert builds == ["built", "built"]

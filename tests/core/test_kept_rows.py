"""Rows kept for the run (tests/scoped_data.py, ``rows_for_scope``'s ``kept_as``): a later
scope gets the first build's rows and its own copy of the result without building again,
and builds again when it starts from other rows."""

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


def test_a_worker_that_did_not_build_the_rows_gets_those_another_worker_built(
        django_db_setup, django_db_blocker, monkeypatch, tmp_path):
    """The run's workers share builds through the run's directory: a worker that did not
    build the rows has the first worker's written back instead of building, and numbers
    its own rows after them (a firm's tax number is unique in its programme, and the
    worker's own factory counter and sequence never ran past them)."""
    from django.db import connection

    from fieldvisits.models import Firm
    from tests import scoped_data
    from tests.factories import FirmFactory

    monkeypatch.setenv(scoped_data._RUN_STORE, str(tmp_path))
    builds = []

    def build():
        builds.append("built")
        return FirmFactory.create_batch(3, program=ProgramFactory(slug="shared-by-workers"))

    def firms():
        with django_db_blocker.unblock():
            return sorted(Firm.objects.values_list("pk", "tax_number", "program__slug"))

    def firm_ids(restart=None):
        """PostgreSQL's sequence of firm ids: where it stands, or put back to ``restart``
        (the rollback of a scope leaves a sequence where the build moved it)."""
        if connection.vendor != "postgresql":
            return None
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence('fieldvisits_firm', 'id')")
            sequence = cursor.fetchone()[0]
            if restart:
                cursor.execute("SELECT setval(%s, %s, %s)", [sequence, *restart])
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            return cursor.fetchone()

    FirmFactory._meta._initialize_counter()
    start, ids_start = FirmFactory._meta._counter.seq, firm_ids()
    with rows_for_scope(django_db_blocker, build, kept_as="test: another worker") as first:
        built = firms()
    # Another worker: its factory's counter and its database's sequence where the build
    # began.
    FirmFactory.reset_sequence(start)
    firm_ids(restart=ids_start)
    with rows_for_scope(django_db_blocker, build, kept_as="test: another worker") as second:
        written_back = firms()
        with django_db_blocker.unblock():
            FirmFactory(program=second[0].program)
    assert builds == ["built"]
    assert written_back == built and len(built) >= 3
    assert [firm.pk for firm in second] == [firm.pk for firm in first]
    assert list(tmp_path.glob("*.pickle"))

"""Inside ``reading_once`` a programme's protected set of a day is looked up once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fieldvisits.published import protected_set, reading_once
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_later_reads_in_the_block_take_the_same_set_without_a_query():
    program = ProgramFactory()
    with reading_once():
        first = protected_set(program)
        with CaptureQueriesContext(connection) as queries:
            again = protected_set(program)
            with reading_once():
                nested = protected_set(program)
    assert again is first and nested is first
    assert len(queries.captured_queries) == 0


def test_another_day_is_read_on_its_own():
    program = ProgramFactory()
    with reading_once():
        live = protected_set(program)
        dated = protected_set(program, datetime.date(2025, 12, 31))
    assert dated is not live
    assert dated.as_of == datetime.date(2025, 12, 31)


def test_outside_the_block_every_read_looks_the_set_up():
    program = ProgramFactory()
    protected_set(program)
    with CaptureQueriesContext(connection) as queries:
        protected_set(program)
    assert len(queries.captured_queries) >= 1

"""A file whose every database test uses the personas shares one build of them
(tests/conftest.py): the same rows in every test, each test's writes rolled back after
it, each test with its own copies of the objects. In any order."""

import pytest

from tests.conftest import _files_sharing_personas, _personas_shared_by_file
from tracker.models import Institution

pytestmark = pytest.mark.django_db

_seen = {}


def _same_rows_as_the_other_tests(personas):
    seen = _seen.setdefault("ids", (personas.program.pk, personas.kto.pk,
                                    personas.coordinator.pk))
    assert (personas.program.pk, personas.kto.pk, personas.coordinator.pk) == seen


def test_this_file_shares_its_personas(request, personas):
    assert request.node.path in _personas_shared_by_file
    _same_rows_as_the_other_tests(personas)


def test_a_write_is_undone_before_the_next_test(personas):
    _same_rows_as_the_other_tests(personas)
    assert Institution.objects.get(pk=personas.kto.pk).name == "Kayseri Ticaret Odası"
    assert personas.kto.name == "Kayseri Ticaret Odası"
    personas.kto.name = "Değişti"
    personas.kto.save()


def test_a_second_write_finds_the_rows_as_built(personas):
    test_a_write_is_undone_before_the_next_test(personas)


def test_only_files_whose_every_database_test_uses_the_personas_share(request, personas):
    from tests.conftest import _empties_the_database

    by_file = {}
    for item in request.session.items:
        if "db" in item.fixturenames or "transactional_db" in item.fixturenames \
                or item.get_closest_marker("django_db"):
            by_file.setdefault(item.path, []).append(item)
    transactional = {path for path, items in by_file.items()
                     if any(_empties_the_database(item) for item in items)}
    without = {path for path, items in by_file.items()
               if any("personas" not in item.fixturenames for item in items)}
    assert not _personas_shared_by_file & (transactional | without)
    assert _files_sharing_personas(request.session.items) == _personas_shared_by_file

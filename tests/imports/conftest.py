import pytest

from tests.object_storage import use_local_storage
from tracker.importing import processing


@pytest.fixture(autouse=True)
def private_import_files(settings, tmp_path):
    """Uploaded files go to a temporary private folder, never to the project's var/."""
    use_local_storage(settings, "imports", tmp_path / "imports")


@pytest.fixture
def small_limits(monkeypatch):
    """Imports processed two rows at a time, so a small file takes several chunks."""
    monkeypatch.setattr(processing, "CHUNK_ROWS", 2)

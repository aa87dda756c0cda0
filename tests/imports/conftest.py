import pytest

from tests.object_storage import use_local_storage


@pytest.fixture(autouse=True)
def private_import_files(settings, tmp_path):
    """Uploaded files go to a temporary private folder, never to the project's var/."""
    use_local_storage(settings, "imports", tmp_path / "imports")

import pytest


@pytest.fixture(autouse=True)
def private_import_files(settings, tmp_path):
    """Uploaded files go to a temporary private folder, never to the project's var/."""
    settings.IMPORTS_ROOT = tmp_path / "imports"

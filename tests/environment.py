"""Loaded by pytest before Django's settings (``-p tests.environment`` in pyproject.toml).

Tests run background tasks at once, in the test's own transaction; the test that
runs the real worker asks for the database backend explicitly.
"""

import os

os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

"""Loaded by pytest before Django's settings (``-p tests.environment`` in pyproject.toml).

Tests run background tasks at once, in the test's own transaction; the test that
runs the real worker asks for the database backend explicitly.
"""

import gc
import os

os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

# The collector's default thresholds (700, 10, 10) run a young-generation pass every 700
# allocations and a full pass over the whole heap (Django, Wagtail, the test's rows) every
# 70,000: measured on tests/tracker + tests/cms, 9.2 s of 104 s CPU went to the collector.
# Tests allocate in bursts and free at each test's end; these thresholds cut it to 3.8 s
# for about 50 MB more per worker.
gc.set_threshold(50_000, 20, 100)
